import { z } from 'zod';
import { MEETING_LEVELS } from '../../../contracts/modules/meetings';
import { SERVICE_ITEMS, SERVICE_PHASES } from '../../../contracts/modules/meeting-services';
import { defineRuleTable } from '../../core';

const FRUGALITY_SOURCE =
  'docs/regulations.md §meeting-services meeting_frugality — 《党政机关厉行节约反对浪费条例》（中发〔2013〕13号）；《中央和国家机关会议费管理办法》（财行〔2016〕214号）：不摆放花草，不制作背景板，不提供水果，不发放纪念品';

/**
 * 厉行节约: the items an order may not ask for, each with the meeting levels for which the rule
 * (as the bureau reads it) makes an exception. The order check reads only this table.
 */
export const ZMeetingFrugality = z.object({
  forbidden: z
    .array(
      z.object({
        item: z.enum(SERVICE_ITEMS),
        /** Meeting levels (the booking's) for which the item is allowed after all. */
        allowedFor: z.array(z.enum(MEETING_LEVELS)),
      }),
    )
    .max(SERVICE_ITEMS.length),
});
export type MeetingFrugality = z.infer<typeof ZMeetingFrugality>;

export const MEETING_FRUGALITY = defineRuleTable({
  name: 'meeting_frugality',
  module: 'meeting-services',
  titleZh: '会务厉行节约规定',
  titleEn: 'Meeting frugality rules',
  schema: ZMeetingFrugality,
  versions: [
    {
      version: 1,
      effectiveFrom: '2016-06-01',
      titleZh: '会务厉行节约规定',
      titleEn: 'Meeting frugality rules',
      source: FRUGALITY_SOURCE,
      data: {
        forbidden: [
          { item: 'flowers', allowedFor: [] },
          // A 重要会议 (the bureau's plenary, a commendation meeting) may carry its name on a backdrop.
          { item: 'backdrop', allowedFor: ['important'] },
          { item: 'fruit', allowedFor: [] },
          { item: 'gifts', allowedFor: [] },
        ],
      },
    },
  ],
});

const ZLine = z.object({ zh: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(80) });
/** The service team's checklist templates per phase; accepted orders copy the lines in force. */
export const ZServiceChecklists = z.object(
  Object.fromEntries(SERVICE_PHASES.map((p) => [p, z.array(ZLine).min(1).max(30)])) as Record<
    (typeof SERVICE_PHASES)[number],
    z.ZodArray<typeof ZLine>
  >,
);
export type ServiceChecklists = z.infer<typeof ZServiceChecklists>;

export const MEETING_SERVICE_CHECKLISTS = defineRuleTable({
  name: 'meeting_service_checklists',
  module: 'meeting-services',
  titleZh: '会务服务检查清单',
  titleEn: 'Meeting service checklists',
  schema: ZServiceChecklists,
  versions: [
    {
      version: 1,
      effectiveFrom: '2020-01-01',
      titleZh: '会务服务检查清单',
      titleEn: 'Meeting service checklists',
      source: 'docs/regulations.md §meeting-services meeting_service_checklists — 会务服务中心工作规范（本局规定）',
      data: {
        before: [
          { zh: '按座次摆放桌签', en: 'Nameplates set out in seating order' },
          { zh: '调试话筒、投影和视频会议', en: 'Microphones, projector and video link tested' },
          { zh: '备好茶水和会议材料', en: 'Tea, water and papers ready' },
          { zh: '检查灯光、空调和卫生', en: 'Lights, air conditioning and cleanliness checked' },
        ],
        during: [
          { zh: '引导参会人员入座', en: 'Attendees shown to their seats' },
          { zh: '按时续水', en: 'Water refilled on time' },
          { zh: '值守设备，处理突发情况', en: 'Equipment watched, incidents handled' },
        ],
        after: [
          { zh: '回收桌签和剩余材料', en: 'Nameplates and spare papers collected' },
          { zh: '关闭设备、灯光和空调', en: 'Equipment, lights and air conditioning off' },
          { zh: '清理会场，检查遗留物品', en: 'Room cleared, left items checked' },
        ],
      },
    },
  ],
});

export const MEETING_SERVICE_RULE_TABLES = [MEETING_FRUGALITY, MEETING_SERVICE_CHECKLISTS];
