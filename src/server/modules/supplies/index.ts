import { defineJob, defineModule } from '../../core';
import { seedSuppliesDemo } from './supplies.demo';
import { SM } from './supplies.messages';
import { SP, SUPPLIES_GRANTS } from './supplies.permissions';
import { suppliesRoutes } from './supplies.routes';
import { REQUISITION_BUSINESS_TYPE, SuppliesService } from './supplies.service';
import { SUPPLIES_AUDIT } from './supplies.audit';
import { SUPPLIES_WORKBENCH } from './supplies.workbench';

export { SP as SUPPLIES_PERMISSIONS } from './supplies.permissions';
export { seedSuppliesDemo } from './supplies.demo';

/** Tells each store's keepers, once a day, which items have fallen below their minimum stock. */
const minStockJob = defineJob({
  name: 'supplies.min_stock',
  titleZh: '办公用品最低库存提醒',
  titleEn: 'Office supplies below minimum stock',
  schedule: { kind: 'daily', at: '08:00' },
  run: async ({ db }) => SuppliesService.alertKeepers(db),
  describe: (r) => ({
    zh: `${r.stores} 个库房的 ${r.items} 种物品新低于最低库存，已提醒保管员`,
    en: `${r.items} items in ${r.stores} stores newly below the minimum; keepers told`,
  }),
});

/** Office supplies (办公用品): catalogue, unit stores, requisitions with their approval. */
export const suppliesModule = defineModule({
  name: 'supplies',
  audit: SUPPLIES_AUDIT,
  workbench: SUPPLIES_WORKBENCH,
  titleZh: '办公用品',
  titleEn: 'Office supplies',
  permissions: [SP],
  messages: [SM],
  grants: SUPPLIES_GRANTS,
  businessTypes: [REQUISITION_BUSINESS_TYPE],
  jobs: [minStockJob],
  routes: async (app, core) => {
    await app.register(suppliesRoutes, { svc: new SuppliesService(core) });
  },
  demo: { seed: seedSuppliesDemo },
});
