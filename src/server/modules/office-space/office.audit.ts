import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the office-space records, fields and codes (see core/audit/audit.vocabulary.ts). */
export const OFFICE_AUDIT = defineAuditVocabulary({
  entities: {
    office_site: { zh: '办公区', en: 'Office site' },
    office_building: { zh: '办公楼', en: 'Office building' },
    office_floor: { zh: '楼层', en: 'Floor' },
    office_room: { zh: '办公用房', en: 'Office room' },
    office_occupancy: { zh: '用房分配', en: 'Room occupancy' },
    office_allocation: { zh: '用房调配申请', en: 'Space allocation request' },
    office_compliance: { zh: '用房标准核查', en: 'Space compliance' },
    office_rectification: { zh: '用房整改', en: 'Space rectification' },
    office_repair: { zh: '用房维修', en: 'Office repair' },
    office_lease: { zh: '用房租赁', en: 'Lease' },
    office_inspection: { zh: '用房检查', en: 'Inspection' },
    office_finding: { zh: '检查发现', en: 'Inspection finding' },
  },
  fields: {
    buildingId: { zh: '楼栋', en: 'Building', kind: 'ref' },
    roomId: { zh: '房间', en: 'Room', kind: 'ref' },
    rooms: { zh: '房间', en: 'Rooms' },
    headcount: { zh: '人数', en: 'Headcount' },
    grossArea: { zh: '建筑面积', en: 'Gross area', unit: { zh: '㎡', en: 'm²' } },
    usableArea: { zh: '使用面积', en: 'Usable area', unit: { zh: '㎡', en: 'm²' } },
    requestedArea: { zh: '申请面积', en: 'Requested area', unit: { zh: '㎡', en: 'm²' } },
    addedArea: { zh: '新增面积', en: 'Added area', unit: { zh: '㎡', en: 'm²' } },
    useClass: {
      zh: '用途',
      en: 'Use',
      values: {
        office: { zh: '办公室', en: 'Office' },
        service: { zh: '服务用房', en: 'Service room' },
        equipment: { zh: '设备用房', en: 'Equipment room' },
        ancillary: { zh: '附属用房', en: 'Ancillary room' },
      },
    },
    assessment: { zh: '评估意见', en: 'Assessment' },
    scope: { zh: '维修范围', en: 'Scope of works' },
    plannedStart: { zh: '计划开工', en: 'Planned start', kind: 'day' },
    plannedEnd: { zh: '计划完工', en: 'Planned end', kind: 'day' },
    startedOn: { zh: '开工日期', en: 'Started on', kind: 'day' },
    completedOn: { zh: '完工日期', en: 'Completed on', kind: 'day' },
    acceptanceNote: { zh: '验收意见', en: 'Acceptance note' },
    kind: {
      zh: '类别',
      en: 'Kind',
      values: {
        major: { zh: '大修', en: 'Major repair' },
        medium: { zh: '中修', en: 'Medium repair' },
        routine: { zh: '日常维修', en: 'Routine repair' },
      },
    },
  },
});
