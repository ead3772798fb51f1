import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core';
import { procurementRoutes } from './procurement.routes';
import { PlansService } from './plans.service';
import { ProcurementService } from './procurement.service';
import './procurement.permissions';

export { PP as PROCUREMENT_PERMISSIONS } from './procurement.permissions';
export { seedProcurementDemo } from './procurement.demo';

/** Government procurement (政府采购): routes; permissions register on import. */
export async function registerProcurement(app: FastifyInstance, core: CoreServices): Promise<void> {
  await app.register(procurementRoutes, { svc: new ProcurementService(core), plans: new PlansService(core) });
}
export { PROCUREMENT_RULE_TABLES } from './procurement.ruletables';
