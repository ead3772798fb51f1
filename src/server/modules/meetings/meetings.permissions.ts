import { type BuiltinRole, P, definePermissions } from '../../core';

/**
 * Meeting-room permissions. The bureau's 会务服务中心 (`meeting_desk`) manages the rooms and
 * sees every booking; a unit administrator manages its unit's own rooms; `meeting_staff` (the
 * service team) read the bookings they serve; staff book and check in their own; leaders read.
 */
export const MP = definePermissions('meetings', [
  { code: 'meetings.read', zh: '查看会议室预订', en: 'View meeting bookings' },
  { code: 'meetings.book', zh: '预订会议室', en: 'Book meeting rooms' },
  { code: 'meetings.manage', zh: '管理会议室与预订（会务服务中心）', en: 'Manage meeting rooms and bookings' },
  { code: 'meetings.serve', zh: '会务服务', en: 'Serve meetings' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const MEETING_GRANTS = {
  manager: Object.values(MP),
  leader: [MP['meetings.read'], MP['meetings.book']],
  unit_admin: [MP['meetings.read'], MP['meetings.book'], MP['meetings.manage']],
  staff: [MP['meetings.book']],
};

/** Built-in roles this module adds (listed in its declaration). */
export const MEETING_ROLES: BuiltinRole[] = [
  {
    code: 'meeting_desk',
    nameZh: '会务服务中心',
    nameEn: 'Meeting service centre',
    adminClass: null,
    permissions: [P['people.read'], MP['meetings.read'], MP['meetings.book'], MP['meetings.manage'], MP['meetings.serve']],
    description: '管理会议室、审批与调度预订、门牌屏、统计',
  },
  {
    code: 'meeting_staff',
    nameZh: '会务服务人员',
    nameEn: 'Meeting service staff',
    adminClass: null,
    permissions: [MP['meetings.read'], MP['meetings.serve'], MP['meetings.book']],
    description: '查看所服务的会议，协助签到',
  },
];
