import { defineModule } from '../../core';
import { PROCUREMENT_RULE_TABLES } from './procurement.ruletables';
import { seedProcurementDemo } from './procurement.demo';
import { PM } from './procurement.messages';
import { PP, PROCUREMENT_GRANTS } from './procurement.permissions';
import { procurementRoutes } from './procurement.routes';
import { PlansService } from './plans.service';
import { ProcurementService } from './procurement.service';
import { PROCUREMENT_AUDIT } from './procurement.audit';

export { PP as PROCUREMENT_PERMISSIONS } from './procurement.permissions';
export { seedProcurementDemo } from './procurement.demo';

/** Government procurement (政府采购): plans, projects, and the public disclosure list. */
export const procurementModule = defineModule({
  name: 'procurement',
  audit: PROCUREMENT_AUDIT,
  titleZh: '政府采购',
  titleEn: 'Government procurement',
  permissions: [PP],
  messages: [PM],
  grants: PROCUREMENT_GRANTS,
  ruleTables: PROCUREMENT_RULE_TABLES,
  routes: async (app, core) => {
    await app.register(procurementRoutes, { svc: new ProcurementService(core), plans: new PlansService(core) });
  },
  demo: { seed: seedProcurementDemo },
});
export { PROCUREMENT_RULE_TABLES } from './procurement.ruletables';
