import { sql } from 'drizzle-orm';
import { type CoreServices, type Executor, defineJob, defineModule, queryRows, sumOver } from '../../core';
import { vehicleTenantIds, vehiclesView } from '../vehicles';
import { COST_RULE_TABLES } from './costs.ruletables';
export { COST_RULE_TABLES } from './costs.ruletables';
import { seedVehicleCostsDemo } from './costs.demo';
import { CM } from './costs.messages';
import { CP, VEHICLE_COST_GRANTS } from './costs.permissions';
import { type VehicleCostServices, createVehicleCostServices, vehicleCostRoutes } from './costs.routes';
import { VEHICLE_REPAIR_BUSINESS_TYPE } from './repairs.approval';
import { COSTS_AUDIT } from './costs.audit';
import { COSTS_WORKBENCH } from './costs.workbench';

export { seedVehicleCostsDemo } from './costs.demo';
export { CP as VEHICLE_COST_PERMISSIONS } from './costs.permissions';

// The job and the routes of one app share one set of services (as when both were made in one function).
const servicesByCore = new WeakMap<CoreServices, VehicleCostServices>();
function costServicesOf(core: CoreServices): VehicleCostServices {
  let svc = servicesByCore.get(core);
  if (!svc) {
    svc = createVehicleCostServices(core);
    servicesByCore.set(core, svc);
  }
  return svc;
}

/**
 * Vehicle running costs (公务用车运行费用): fuel cards, refuels and charges, repairs with their
 * approval, tolls, the designated vendors, the cost ledger and its public disclosure, and the
 * anomaly scan over costs and use. It reads vehicles only through `modules/vehicles/index.ts`,
 * and is listed after vehicles (it grants its permission to the vehicles' `driver` role).
 * URLs stay under /api/v1/vehicles/….
 */
export const vehicleCostsModule = defineModule({
  name: 'vehicle-costs',
  audit: COSTS_AUDIT,
  workbench: COSTS_WORKBENCH,
  titleZh: '公务用车运行费用',
  titleEn: 'Vehicle running costs',
  permissions: [CP],
  messages: [CM],
  grants: VEHICLE_COST_GRANTS,
  ruleTables: COST_RULE_TABLES,
  businessTypes: [VEHICLE_REPAIR_BUSINESS_TYPE],
  // The daily anomaly scan (06:30 China time, every tenant with vehicles; it reads the
  // holiday calendar through the core's reference data).
  jobs: (core) => {
    const anomalies = costServicesOf(core).anomalies;
    return [
      defineJob({
        name: 'vehicles.anomalies',
        titleZh: '公务用车运行异常筛查',
        titleEn: 'Vehicle running-cost anomaly scan',
        schedule: { kind: 'daily', at: '06:30' },
        run: async ({ db }) => {
          const out: Record<string, Awaited<ReturnType<typeof anomalies.run>>> = {};
          for (const t of await vehicleTenantIds(db)) out[t] = await anomalies.run(t);
          return out;
        },
        describe: (r) => ({
          zh: `发现运行异常 ${sumOver(r, 'found')} 条（新增 ${sumOver(r, 'added')}，已消除 ${sumOver(r, 'resolved')}）`,
          en: `${sumOver(r, 'found')} running-cost anomalies (${sumOver(r, 'added')} new, ${sumOver(r, 'resolved')} resolved)`,
        }),
      }),
    ];
  },
  // Statement uploads keep their own 20 MB limit (as before the module had its own folder).
  routes: async (app, core) => {
    await app.register(vehicleCostRoutes, { svc: costServicesOf(core), maxUploadMb: 20 });
  },
  demo: { seed: seedVehicleCostsDemo },
});

/**
 * For the energy module (through this index only): litres of fuel bought per unit and
 * vehicle fuel (gasoline for petrol and hybrid cars, diesel) between two China dates
 * inclusive, from the refuel records. It lives here because it reads the cost records; the
 * fuel of each car comes from the vehicles module's published read model.
 */
export async function vehicleFuelByOrg(db: Executor, tenantId: number, from: string, to: string) {
  const rows = await queryRows<{ org_id: number; fuel: string; litres: number }>(
    db,
    sql`select c.org_id, case when v.energy = 'diesel' then 'diesel' else 'gasoline' end as fuel, sum(c.quantity) as litres
        from vehicle_cost_records c join ${vehiclesView} v on v.id = c.vehicle_id
        where c.tenant_id = ${tenantId} and c.kind = 'fuel' and c.unit = 'L' and c.status in ('recorded','approved')
          and c.occurred_on >= ${from}::date and c.occurred_on <= ${to}::date
        group by 1, 2`,
  );
  return rows.map((r) => ({ orgId: Number(r.org_id), fuel: r.fuel as 'gasoline' | 'diesel', litres: Number(r.litres) }));
}
