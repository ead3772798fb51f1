import type { FastifyInstance } from 'fastify';
import { type CoreServices, registerRuleTables } from '../core';
import type { AppDeps } from '../deps';
import { ASSETS_RULE_TABLES, registerAssets } from './assets';
import { ENERGY_RULE_TABLES, registerEnergy } from './energy';
import { registerGeneralRequests } from './general-requests';
import { OFFICE_RULE_TABLES, registerOfficeSpace } from './office-space';
import { PROCUREMENT_RULE_TABLES, registerProcurement } from './procurement';
import { registerSupplies } from './supplies';
import { COST_RULE_TABLES, VEHICLE_RULE_TABLES, registerVehicles } from './vehicles';

/**
 * Domain modules, registered after the core. Each module folder exports one `register`
 * function from its index.ts; adding a domain is one line here.
 */
export async function registerModules(app: FastifyInstance, core: CoreServices, deps: AppDeps): Promise<void> {
  // Module-owned rule tables (moved into each module's defineModule({ ruleTables }) when the declarations land).
  registerRuleTables([
    ...OFFICE_RULE_TABLES,
    ...VEHICLE_RULE_TABLES,
    ...COST_RULE_TABLES,
    ...ENERGY_RULE_TABLES,
    ...PROCUREMENT_RULE_TABLES,
    ...ASSETS_RULE_TABLES,
  ]);
  await registerGeneralRequests(app, core);
  await registerOfficeSpace(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerVehicles(app, core);
  await registerEnergy(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerProcurement(app, core);
  await registerAssets(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerSupplies(app, core);
}
