import type { FastifyInstance } from 'fastify';
import { type CoreServices, type ModuleDefinition, registerModuleRoutes } from '../core';
import type { AppDeps } from '../deps';
import { assetsModule } from './assets';
import { energyModule } from './energy';
import { generalRequestsModule } from './general-requests';
import { meetingServicesModule } from './meeting-services';
import { meetingsModule } from './meetings';
import { meetingPlansModule } from './meeting-plans';
import { officeSpaceModule } from './office-space';
import { procurementModule } from './procurement';
import { suppliesModule } from './supplies';
import { trainingModule } from './training';
import { vehicleCostsModule } from './vehicle-costs';
import { vehiclesModule } from './vehicles';

/**
 * The platform's domain modules, in order: each is declared once in its folder's index.ts
 * (`defineModule`), and adding a domain is one line here. The order is the order of
 * installation, of route registration and of the demo data (a module may use the roles and
 * the demo data of those before it: vehicle costs grant to the vehicles' driver role).
 */
export const MODULES: readonly ModuleDefinition[] = [
  generalRequestsModule,
  officeSpaceModule,
  vehiclesModule,
  vehicleCostsModule,
  energyModule,
  procurementModule,
  suppliesModule,
  assetsModule,
  meetingsModule,
  meetingServicesModule,
  meetingPlansModule,
  trainingModule,
];

/** Domain modules, registered after the core. */
export async function registerModules(app: FastifyInstance, core: CoreServices, deps: AppDeps): Promise<void> {
  await registerModuleRoutes(app, core, deps, MODULES);
}
