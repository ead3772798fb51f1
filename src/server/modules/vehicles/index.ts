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
import { vehicleEvents as vehicleEventsTable } from './vehicles.schema';
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
import { VEHICLES_AUDIT } from './vehicles.audit';
import { VEHICLE_SEARCH, VEHICLE_WORKBENCH } from './vehicles.workbench';

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
  audit: VEHICLES_AUDIT,
  titleZh: '公务用车',
  titleEn: 'Official vehicles',
  permissions: [VP],
  messages: [M],
  roles: VEHICLE_ROLES,
  grants: VEHICLE_GRANTS,
  ruleTables: VEHICLE_RULE_TABLES,
  businessTypes: [VEHICLE_PURCHASE_BUSINESS_TYPE, TRIP_BUSINESS_TYPE, VEHICLE_DISPOSAL_BUSINESS_TYPE],
  workbench: VEHICLE_WORKBENCH,
  search: VEHICLE_SEARCH,
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
 * For the energy module (through this index only): the fleet per unit at a date, with its
 * new-energy vehicles by the caps rule's list. (The litres of fuel per unit come from the
 * vehicle-costs module: `vehicleFuelByOrg` in its index.)
 */
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

/*
 * What the vehicle-costs module may read of the fleet (it never names the vehicles tables).
 *
 * Two forms, chosen per use:
 * - Read models (`vehiclesView`, `vehicleTripsView`): a subquery over this module's tables that
 *   the reader joins inside its own statement. Used where the join has to stay in one SQL
 *   statement to be fast: record lists sorted or shown by plate, the cost ledger over thousands
 *   of vehicles, the anomaly scan over a year of trips, the odometer readings union. A plain
 *   subquery like these is pulled up by the PostgreSQL planner into the outer query, so the
 *   plans are those of the direct join (the reader's predicates reach the tables' indexes, and
 *   the trips' left join to the requests is dropped when neither trip column is read). The
 *   columns listed are the published contract: add one here rather than naming the table.
 * - Functions, for single reads and writes with no join (`vehicleStatusEvents`,
 *   `vehicleTenantIds`, `raiseOdometer`, `addEvents`, and `lockVehicle` / `addEvent` above).
 */

/** The fleet, one row per vehicle (all statuses; callers filter on tenant_id first). */
export const vehiclesView = sql`(select id, tenant_id, org_id, plate, type, brand, model, body_type, energy, tank_capacity_l,
  battery_capacity_kwh, odometer_km, status, purchase_date, disposed_at, created_at from vehicles)`;

/**
 * Bookings (the trips actually driven or to drive), one row per booking, with the rest-day flag
 * and status of the trip request behind it (null for a booking without one).
 */
export const vehicleTripsView = sql`(select b.id, b.tenant_id, b.vehicle_id, b.start_at, b.end_at, b.started_at, b.finished_at, b.status,
  b.start_odometer_km, b.end_odometer_km, t.rest_day, t.status as trip_status
  from vehicle_bookings b left join vehicle_trip_requests t on t.id = b.trip_request_id)`;

/** A tenant's vehicle status changes, oldest first (the anomaly scan replays them once per run). */
export async function vehicleStatusEvents(db: Executor, tenantId: number) {
  return queryRows<{ vehicle_id: number; occurred_at: Date | string; data: unknown }>(
    db,
    sql`select vehicle_id, occurred_at, data from vehicle_events where tenant_id = ${tenantId} and kind = 'status' order by occurred_at, id`,
  );
}

/** The tenants that have vehicles (the daily anomaly job runs once for each). */
export async function vehicleTenantIds(db: Executor): Promise<number[]> {
  return (await queryRows<{ tenant_id: number }>(db, sql`select distinct tenant_id from vehicles`)).map((r) => Number(r.tenant_id));
}

/** A recorded odometer reading: the vehicle's odometer never goes back. */
export async function raiseOdometer(tx: Executor, vehicleId: number, km: number) {
  await tx.execute(sql`update vehicles set odometer_km = greatest(odometer_km, ${km}), updated_at = now() where id = ${vehicleId}`);
}

/** A history-file line as written in bulk (the demo loader's year of refuels and repairs). */
export type VehicleEventInsert = typeof vehicleEventsTable.$inferInsert;

/** History-file lines in bulk, 1,000 a statement. */
export async function addEvents(tx: Executor, events: VehicleEventInsert[]) {
  for (let k = 0; k < events.length; k += 1000) await tx.insert(vehicleEventsTable).values(events.slice(k, k + 1000));
}
