import {
  SERVICE_AV_LABELS,
  SERVICE_ITEM_LABELS,
  SERVICE_ORDER_STATUS_LABELS,
  SERVICE_PHASE_LABELS,
  SERVICE_TASK_STATUS_LABELS,
} from '../../../contracts/modules/meeting-services';
import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the service records, fields and codes. */
export const SERVICES_AUDIT = defineAuditVocabulary({
  entities: {
    meeting_service_order: {
      zh: '会务服务单',
      en: 'Meeting service order',
      fields: { status: { zh: '状态', en: 'Status', values: SERVICE_ORDER_STATUS_LABELS } },
    },
    meeting_service_task: {
      zh: '会务服务任务',
      en: 'Meeting service task',
      fields: {
        status: { zh: '状态', en: 'Status', values: SERVICE_TASK_STATUS_LABELS },
        phase: { zh: '阶段', en: 'Phase', values: SERVICE_PHASE_LABELS },
      },
    },
  },
  fields: {
    bookingId: { zh: '会议', en: 'Meeting', kind: 'ref' },
    teaCount: { zh: '茶水（杯）', en: 'Tea (cups)' },
    waterCount: { zh: '饮用水（瓶）', en: 'Water (bottles)' },
    nameplates: { zh: '桌签', en: 'Nameplates' },
    rostrum: { zh: '主席台', en: 'Rostrum' },
    av: { zh: '音视频', en: 'Audio-visual', values: SERVICE_AV_LABELS },
    items: { zh: '其他物品', en: 'Other items', values: SERVICE_ITEM_LABELS },
    printedMaterials: { zh: '印制材料', en: 'Printed materials' },
    printedCopies: { zh: '印制份数', en: 'Copies' },
    staffOnDuty: { zh: '值守人员', en: 'Staff on duty' },
    assigneeId: { zh: '服务人员', en: 'Service staff', kind: 'ref' },
    line: { zh: '检查项', en: 'Checklist line' },
    done: { zh: '已完成', en: 'Done' },
    cancelReason: { zh: '取消原因', en: 'Reason' },
    photos: { zh: '照片', en: 'Photos' },
    checklist: { zh: '检查清单', en: 'Checklist' },
  },
});
