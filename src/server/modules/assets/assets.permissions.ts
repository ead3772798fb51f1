import { type BuiltinRole, P, definePermissions } from '../../core';

/**
 * Asset and pool permissions. The bureau's asset administrator is the built-in `manager`
 * (every register in the district and the pool); a unit's asset administrator is its
 * `unit_admin`; `warehouse_keeper` accepts, stores, delivers and lends pool items; staff open a
 * scanned card of their own unit and count in a stocktake; leaders read.
 */
export const AP = definePermissions('assets', [
  { code: 'assets.read', zh: '查看资产台账与公物仓', en: 'View asset registers and the pool' },
  {
    code: 'assets.write',
    zh: '维护本单位资产台账，提出上缴、调剂、处置申请',
    en: "Keep the unit's register; request hand-ins, allocations, disposals",
  },
  { code: 'assets.scan', zh: '扫码查看资产、参与盘点', en: 'Scan asset labels and count in stocktakes' },
  { code: 'pool.keep', zh: '公物仓验收入库、出库交付、出借归还', en: 'Pool warehouse: accept, store, deliver, lend' },
  {
    code: 'pool.manage',
    zh: '公物仓统一管理（仓库、调剂、出借、统计）',
    en: 'Administer the pool (warehouses, allocation, loans, statistics)',
  },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const ASSET_GRANTS = {
  manager: Object.values(AP),
  leader: [AP['assets.read']],
  unit_admin: [AP['assets.read'], AP['assets.write'], AP['assets.scan']],
  staff: [AP['assets.scan']],
};

/** Built-in roles this module adds (listed in its declaration). */
export const ASSET_ROLES: BuiltinRole[] = [
  {
    code: 'warehouse_keeper',
    nameZh: '公物仓保管员',
    nameEn: 'Pool warehouse keeper',
    adminClass: null,
    permissions: [P['files.upload'], AP['assets.read'], AP['assets.scan'], AP['pool.keep']],
    description: '公物仓验收入库、上架、出库交付、出借与归还验收',
  },
];
