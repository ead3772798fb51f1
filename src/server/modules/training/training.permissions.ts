import { type BuiltinRole, definePermissions } from '../../core';

/**
 * Training-centre permissions. The centre's staff (`training_desk`, a role of this module) and
 * the bureau's administrator (`manager`) keep rooms, classes, beds and settlements; the
 * organising unit's administrator and leaders read.
 */
export const TP = definePermissions('training', [
  { code: 'training.read', zh: '查看培训中心与培训班', en: 'View the training centre and classes' },
  {
    code: 'training.manage',
    zh: '培训住宿管理（房间、开班、分房、入住退房、清扫、结算）',
    en: 'Run training lodging (rooms, classes, beds, check-in/out, housekeeping, settlement)',
  },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const TRAINING_GRANTS = {
  manager: Object.values(TP),
  unit_admin: [TP['training.read']],
  leader: [TP['training.read']],
};

/** Built-in roles this module adds. */
export const TRAINING_ROLES: BuiltinRole[] = [
  {
    code: 'training_desk',
    nameZh: '培训中心工作人员',
    nameEn: 'Training centre staff',
    adminClass: null,
    permissions: [TP['training.read'], TP['training.manage']],
    description: '培训中心房间与床位、开班分房、入住退房、客房清扫与培训费结算',
  },
];
