import { type BuiltinRole, P, definePermissions } from '../../core';

/**
 * Official-vehicle permissions. The bureau's vehicle administrator is the built-in `manager`
 * (everything, district-wide); a unit administrator keeps its own unit's ledger and makes its
 * requests; `dispatcher` assigns vehicles and drivers; `driver` records trip start and end;
 * staff ask for a car; leaders read and approve (approval itself is a core permission).
 */
export const VP = definePermissions('vehicles', [
  { code: 'vehicles.read', zh: '查看公务用车', en: 'View official vehicles' },
  { code: 'vehicles.write', zh: '维护本单位车辆台账', en: 'Maintain the vehicle ledger' },
  { code: 'vehicles.manage', zh: '公务用车统一管理（编制、驾驶员、交付登记）', en: 'Administer vehicles (quotas, drivers, delivery)' },
  { code: 'vehicles.purchase', zh: '提出车辆购置、更新申请', en: 'Request vehicle purchase or replacement' },
  { code: 'vehicles.dispose', zh: '提出车辆处置、划拨申请', en: 'Request vehicle disposal or transfer' },
  { code: 'vehicles.request', zh: '申请用车', en: 'Request a car' },
  { code: 'vehicles.dispatch', zh: '调度派车', en: 'Dispatch vehicles and drivers' },
  { code: 'vehicles.drive', zh: '出车、收车登记', en: 'Record trip start and end' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const VEHICLE_GRANTS = {
  manager: Object.values(VP),
  leader: [VP['vehicles.read'], VP['vehicles.request']],
  unit_admin: [VP['vehicles.read'], VP['vehicles.write'], VP['vehicles.purchase'], VP['vehicles.dispose'], VP['vehicles.request']],
  staff: [VP['vehicles.request']],
};

/** Built-in roles this module adds (listed in its declaration). */
export const VEHICLE_ROLES: BuiltinRole[] = [
  {
    code: 'dispatcher',
    nameZh: '车辆调度员',
    nameEn: 'Vehicle dispatcher',
    adminClass: null,
    permissions: [P['people.read'], VP['vehicles.read'], VP['vehicles.dispatch'], VP['vehicles.drive']],
    description: '范围内车辆与驾驶员的调度派车',
  },
  {
    code: 'driver',
    nameZh: '驾驶员',
    nameEn: 'Driver',
    adminClass: null,
    permissions: [P['files.upload'], VP['vehicles.drive']],
    description: '查看本人派车任务，出车、收车登记',
  },
];
