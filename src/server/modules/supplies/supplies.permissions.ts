import { definePermissions } from '../../core';

/**
 * Office-supplies permissions: the bureau's administrator (`manager`) holds all of them
 * district-wide and keeps the shared catalogue; a unit administrator keeps its unit's store
 * (receipts, issues) and reads it; leaders read; staff file requisitions (请领) on their unit's store.
 */
export const SP = definePermissions('supplies', [
  { code: 'supplies.read', zh: '查看办公用品库存与台账', en: 'View office-supplies stock and ledgers' },
  { code: 'supplies.requisition', zh: '请领办公用品', en: 'Requisition office supplies' },
  { code: 'supplies.keep', zh: '办公用品保管（入库、发放、目录）', en: 'Keep the supplies store (receipts, issues, catalogue)' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const SUPPLIES_GRANTS = {
  manager: Object.values(SP),
  unit_admin: [SP['supplies.read'], SP['supplies.keep']],
  leader: [SP['supplies.read']],
  staff: [SP['supplies.requisition']],
};
