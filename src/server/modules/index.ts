import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../core';
import type { AppDeps } from '../deps';
import { registerAssets } from './assets';
import { registerEnergy } from './energy';
import { registerGeneralRequests } from './general-requests';
import { registerOfficeSpace } from './office-space';
import { registerProcurement } from './procurement';
import { registerSupplies } from './supplies';
import { registerVehicles } from './vehicles';

/**
 * Domain modules, registered after the core. Each module folder exports one `register`
 * function from its index.ts; adding a domain is one line here.
 */
export async function registerModules(app: FastifyInstance, core: CoreServices, deps: AppDeps): Promise<void> {
  await registerGeneralRequests(app, core);
  await registerOfficeSpace(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerVehicles(app, core);
  await registerEnergy(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerProcurement(app, core);
  await registerAssets(app, core, Math.round(deps.config.maxUploadBytes / 1048576));
  await registerSupplies(app, core);
}
