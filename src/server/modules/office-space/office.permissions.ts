import { definePermissions } from '../../core';

/**
 * Office-space permissions. `office.manage` is the bureau's office-space administrator
 * (sites, buildings, inspections, the final approval step); `office.write` lets a unit
 * administrator keep its own rooms and occupancy; `office.self` lets staff see their own room.
 */
export const OP = definePermissions('office-space', [
  { code: 'office.read', zh: '查看办公用房', en: 'View office space' },
  { code: 'office.write', zh: '维护本单位房间与使用人', en: 'Maintain rooms and occupancy' },
  { code: 'office.manage', zh: '办公用房统一管理（办公区、楼栋、督查）', en: 'Administer office space (sites, buildings, inspections)' },
  { code: 'office.request', zh: '提出办公用房整改、调配申请', en: 'Request rectification or allocation' },
  { code: 'office.import', zh: '导入办公用房数据', en: 'Import office-space data' },
  { code: 'office.export', zh: '导出办公用房数据', en: 'Export office-space data' },
  { code: 'office.self', zh: '查看本人办公室', en: 'View own office' },
] as const);

const all = Object.values(OP);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const OFFICE_GRANTS = {
  manager: all,
  leader: [OP['office.read'], OP['office.export'], OP['office.self']],
  unit_admin: [OP['office.read'], OP['office.write'], OP['office.request'], OP['office.import'], OP['office.export'], OP['office.self']],
  staff: [OP['office.self']],
};
