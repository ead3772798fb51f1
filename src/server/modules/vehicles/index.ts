import { sql } from 'drizzle-orm';
import { VEHICLE_RULE_TABLES } from './vehicles.ruletables';
import { type CoreServices, type Executor, type ModuleDemoContext, defineModule, queryRows } from '../../core';
import { VEHICLE_GRANTS, VEHICLE_ROLES, VP } from './vehicles.permissions';
import { M } from './vehicles.messages';
import { DispatchService, TRIP_FILES } from './dispatch.service';
import { DisposalService, VEHICLE_DISPOSAL_BUSINESS_TYPE } from './disposal.service';
import { LedgerService } from './ledger.service';
import { PurchaseService, VEHICLE_PURCHASE_BUSINESS_TYPE } from './purchase.service';
import { VehicleStatisticsService } from './statistics.service';
import { TRIP_BUSINESS_TYPE, TripService } from './trips.service';
import { seedVehiclesDemo } from './vehicles.demo';
import { loadCapsRule } from './vehicles.repository';
import { type VehicleServices, vehicleRoutes } from './vehicles.routes';

export { VP as VEHICLE_PERMISSIONS } from './vehicles.permissions';
export { seedVehiclesDemo } from './vehicles.demo';
export type { VehicleServices } from './vehicles.routes';
// For the vehicle-costs module (it reads vehicles through this index only).
export { VP } from './vehicles.permissions';
export { vehicleEvents } from './vehicles.schema';
export {
  addEvent,
  cnDate,
  cnDaysOf,
  day,
  dbError,
  iso,
  lockVehicle,
  num,
  numOrNull,
  scopeOn,
  today,
  unitOf,
  where,
} from './vehicles.repository';

/** The module's services over one database (the app, the demo loader and the bench use it). */
export function createVehicleServices(core: CoreServices): VehicleServices {
  const dispatch = new DispatchService(core);
  return {
    ledger: new LedgerService(core),
    purchases: new PurchaseService(core),
    dispatch,
    trips: new TripService(core, dispatch),
    disposals: new DisposalService(core),
    statistics: new VehicleStatisticsService(core),
  };
}

// Trip photos: the driver of the booking and whoever may dispatch or read the vehicle's unit.
async function bookingFacts(db: Executor, id: string) {
  if (!/^\d{1,9}$/.test(id)) return null;
  const [b] = await queryRows<{ driver_id: number; org_id: number; path: string }>(
    db,
    sql`select b.driver_id, o.id as org_id, o.path from vehicle_bookings b join orgs o on o.id = b.org_id where b.id = ${Number(id)}`,
  );
  return b ? { driverId: Number(b.driver_id), org: { id: Number(b.org_id), path: b.path } } : null;
}

/**
 * The two vehicle demo accounts, made once the fleet and its drivers exist: `dispatcher`
 * (the bureau's vehicle dispatcher, whole district) and `driver` (a bureau driver with trips
 * booked in the coming days, who starts and ends them on a phone).
 */
async function addVehicleDemoAccounts(core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  const tenantId = ctx.bureau.tenantId;
  const [driver] = await queryRows<{ person_id: number; org_id: number; name: string }>(
    core.db,
    sql`select d.person_id, p.org_id, p.name from vehicle_drivers d join people p on p.id = d.person_id
        left join vehicle_bookings b on b.driver_id = d.person_id and b.status = 'booked'
        where p.tenant_id = ${tenantId} and p.org_id = ${ctx.bureau.id}
        group by d.person_id, p.org_id, p.name order by count(b.id) desc, d.person_id limit 1`,
  );
  await ctx.createAccounts([
    { username: 'dispatcher', displayName: '车辆调度员', orgId: ctx.bureau.id, roleCode: 'dispatcher' },
    ...(driver
      ? [
          {
            username: 'driver',
            displayName: `驾驶员 ${driver.name}`,
            orgId: Number(driver.org_id),
            personId: Number(driver.person_id),
            roleCode: 'driver',
            subtree: false,
          },
        ]
      : []),
  ]);
}

/** Official vehicles (公务用车): ledger, purchases, trips and dispatch, disposals, statistics. */
export const vehiclesModule = defineModule({
  name: 'vehicles',
  titleZh: '公务用车',
  titleEn: 'Official vehicles',
  permissions: [VP],
  messages: [M],
  roles: VEHICLE_ROLES,
  grants: VEHICLE_GRANTS,
  ruleTables: VEHICLE_RULE_TABLES,
  businessTypes: [VEHICLE_PURCHASE_BUSINESS_TYPE, TRIP_BUSINESS_TYPE, VEHICLE_DISPOSAL_BUSINESS_TYPE],
  attachmentOwners: {
    [TRIP_FILES]: {
      canView: async (db, ctx, id) => {
        const b = await bookingFacts(db, id);
        return !!b && (b.driverId === ctx.account.personId || ctx.covers(VP['vehicles.read'], b.org));
      },
      canAttach: async (db, ctx, id) => {
        const b = await bookingFacts(db, id);
        return (
          !!b && ((ctx.has(VP['vehicles.drive']) && b.driverId === ctx.account.personId) || ctx.covers(VP['vehicles.dispatch'], b.org))
        );
      },
    },
  },
  // A unit with vehicles, quota or requests, or a person who is a driver, is never hard-deleted.
  orgReferences: [
    async (db, orgId) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select (select count(*) from vehicles where org_id = ${orgId}) + (select count(*) from vehicle_quotas where org_id = ${orgId})
          + (select count(*) from vehicle_purchase_requests where org_id = ${orgId}) + (select count(*) from vehicle_trip_requests where org_id = ${orgId}) as n`,
      );
      return Number(r?.n ?? 0);
    },
  ],
  personReferences: [
    async (db, personId) => {
      const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_drivers where person_id = ${personId}`);
      return Number(r?.n ?? 0);
    },
  ],
  routes: async (app, core) => {
    await app.register(vehicleRoutes, { svc: createVehicleServices(core) });
  },
  // The driver account is a seeded driver: the accounts follow the seed.
  demo: { seed: seedVehiclesDemo, accounts: addVehicleDemoAccounts, accountsAfterSeed: true },
});

/**
 * For the energy module (through this index only): litres of fuel bought per unit and
 * vehicle fuel (gasoline for petrol and hybrid cars, diesel) between two China dates
 * inclusive, from the refuel records; and the fleet per unit at a date, with its new-energy
 * vehicles by the caps rule's list.
 */
export async function vehicleFuelByOrg(db: Executor, tenantId: number, from: string, to: string) {
  const rows = await queryRows<{ org_id: number; fuel: string; litres: number }>(
    db,
    sql`select c.org_id, case when v.energy = 'diesel' then 'diesel' else 'gasoline' end as fuel, sum(c.quantity) as litres
        from vehicle_cost_records c join vehicles v on v.id = c.vehicle_id
        where c.tenant_id = ${tenantId} and c.kind = 'fuel' and c.unit = 'L' and c.status in ('recorded','approved')
          and c.occurred_on >= ${from}::date and c.occurred_on <= ${to}::date
        group by 1, 2`,
  );
  return rows.map((r) => ({ orgId: Number(r.org_id), fuel: r.fuel as 'gasoline' | 'diesel', litres: Number(r.litres) }));
}
export async function vehicleFleetByOrg(db: Executor, tenantId: number, onDate: string) {
  const rule = await loadCapsRule(db, onDate).catch(() => null);
  const newEnergy = rule?.rule.newEnergyEnergies ?? ['electric', 'plugin_hybrid', 'fuel_cell'];
  const rows = await queryRows<{ org_id: number; total: number; new_energy: number }>(
    db,
    sql`select org_id, count(*)::int as total, count(*) filter (where energy in ${newEnergy})::int as new_energy
        from vehicles where tenant_id = ${tenantId} and purchase_date <= ${onDate}::date
          and (status <> 'disposed' or disposed_at > ${onDate}::date + 1)
        group by org_id`,
  );
  return new Map(rows.map((r) => [Number(r.org_id), { total: Number(r.total), newEnergy: Number(r.new_energy) }]));
}
export { VEHICLE_RULE_TABLES } from './vehicles.ruletables';
