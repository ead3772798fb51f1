import type { FastifyInstance } from 'fastify';
import { type CoreServices, registerJob } from '../../core';
import { suppliesRoutes } from './supplies.routes';
import { SuppliesService } from './supplies.service';
import './supplies.permissions';

export { SP as SUPPLIES_PERMISSIONS } from './supplies.permissions';
export { seedSuppliesDemo } from './supplies.demo';

/** Tells each store's keepers, once a day, which items have fallen below their minimum stock. */
registerJob({
  name: 'supplies.min_stock',
  titleZh: '办公用品最低库存提醒',
  titleEn: 'Office supplies below minimum stock',
  schedule: { kind: 'daily', at: '08:00' },
  run: async ({ db }) => SuppliesService.alertKeepers(db),
});

/** Office supplies (办公用品): routes; permissions, the approval type and the daily job register on import. */
export async function registerSupplies(app: FastifyInstance, core: CoreServices): Promise<void> {
  await app.register(suppliesRoutes, { svc: new SuppliesService(core) });
}
