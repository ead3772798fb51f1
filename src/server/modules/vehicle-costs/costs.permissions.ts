import { definePermissions } from '../../core';

/**
 * Running costs reuse the vehicle permissions for reading (`vehicles.read`) and for the
 * designated-vendor list (`vehicles.manage`, the bureau's); recording a unit's costs and
 * importing statements is its own power, held by unit administrators and the bureau.
 */
export const CP = definePermissions('vehicles', [
  { code: 'vehicles.costs', zh: '登记公务用车运行费用（加油、维修、保险、通行费等）', en: 'Record vehicle running costs' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const VEHICLE_COST_GRANTS = {
  manager: [CP['vehicles.costs']],
  unit_admin: [CP['vehicles.costs']],
  // Drivers enter their own refuels and charges on a phone (within the scope of their role).
  driver: [CP['vehicles.costs']],
};
