import {
  MEETING_BOOKABLE_BY_LABELS,
  MEETING_BOOKING_STATUS_LABELS,
  MEETING_LEVEL_LABELS,
  MEETING_ROOM_KIND_LABELS,
} from '../../../contracts/modules/meetings';
import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the meeting records, fields and codes (see core/audit/audit.vocabulary.ts). */
export const MEETINGS_AUDIT = defineAuditVocabulary({
  entities: {
    meeting_room: { zh: '会议室', en: 'Meeting room' },
    meeting_booking: {
      zh: '会议室预订',
      en: 'Meeting booking',
      fields: { status: { zh: '状态', en: 'Status', values: MEETING_BOOKING_STATUS_LABELS } },
    },
    meeting_series: {
      zh: '周期会议',
      en: 'Meeting series',
      fields: { status: { zh: '状态', en: 'Status', values: MEETING_BOOKING_STATUS_LABELS } },
    },
    meeting_attendance: { zh: '参会签到', en: 'Attendee sign-in' },
    meeting_display_token: { zh: '门牌屏设备', en: 'Door display device' },
  },
  fields: {
    roomId: { zh: '会议室', en: 'Room', kind: 'ref' },
    title: { zh: '会议名称', en: 'Meeting' },
    start: { zh: '开始时间', en: 'Start', kind: 'instant' },
    end: { zh: '结束时间', en: 'End', kind: 'instant' },
    heldUntil: { zh: '占用至（含布置）', en: 'Held until (set-up included)', kind: 'instant' },
    start_at: { zh: '开始时间', en: 'Start', kind: 'instant' },
    end_at: { zh: '结束时间', en: 'End', kind: 'instant' },
    held_until: { zh: '占用至（含布置）', en: 'Held until (set-up included)', kind: 'instant' },
    checked_in_at: { zh: '签到时间', en: 'Checked in', kind: 'instant' },
    finished_at: { zh: '结束时间', en: 'Finished', kind: 'instant' },
    cancelled_at: { zh: '取消时间', en: 'Cancelled', kind: 'instant' },
    cancel_reason: { zh: '取消原因', en: 'Reason' },
    attendees: { zh: '参会人数', en: 'Attendees' },
    capacity: { zh: '容纳人数', en: 'Capacity' },
    bufferMinutes: { zh: '布置时间（分钟）', en: 'Set-up buffer (minutes)' },
    organiserId: { zh: '组织人', en: 'Organiser', kind: 'person' },
    personId: { zh: '签到人', en: 'Attendee', kind: 'person' },
    requiresApproval: { zh: '需审批', en: 'Needs approval', kind: 'boolean' },
    approvalAboveAttendees: { zh: '超过人数需审批', en: 'Approval above attendees' },
    revoked: { zh: '已吊销', en: 'Revoked', kind: 'boolean' },
    label: { zh: '设备名称', en: 'Device' },
    level: { zh: '会议级别', en: 'Level', values: MEETING_LEVEL_LABELS },
    kind: { zh: '类型', en: 'Kind', values: MEETING_ROOM_KIND_LABELS },
    bookableBy: { zh: '可预订范围', en: 'Bookable by', values: MEETING_BOOKABLE_BY_LABELS },
    fromDate: { zh: '自该日起', en: 'From', kind: 'day' },
  },
});
