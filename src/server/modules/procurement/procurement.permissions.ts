import { definePermissions } from '../../core';

/**
 * Procurement permissions: the bureau's procurement officer is the built-in `manager`
 * (district-wide); a unit administrator keeps its own unit's projects; leaders read. The
 * public disclosure list needs no permission at all.
 */
export const PP = definePermissions('procurement', [
  { code: 'procurement.read', zh: '查看政府采购', en: 'View government procurement' },
  { code: 'procurement.write', zh: '登记本单位采购计划和项目', en: "Record the unit's procurement plans and projects" },
  { code: 'procurement.manage', zh: '管理定点供应商', en: 'Manage designated suppliers' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const PROCUREMENT_GRANTS = {
  manager: Object.values(PP),
  leader: [PP['procurement.read']],
  unit_admin: [PP['procurement.read'], PP['procurement.write']],
};
