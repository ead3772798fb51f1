import { sql } from 'drizzle-orm';
import {
  type AuthContext,
  type Executor,
  type MessageCode,
  accountsWith,
  assertOrgInScope,
  badRequest,
  cnDate,
  cnDaysOf,
  cnToday,
  conflict,
  day,
  dbError,
  iso,
  notFound,
  num,
  numOrNull,
  toYuan,
  queryRows,
  ruleInForce,
  scopeOn,
  translate,
  unitOf,
  where,
  fieldError,
} from '../../core';
import type { CheckResult, VehicleCapsRule } from './caps';
import { M } from './vehicles.messages';
import { VEHICLE_CAPS_RULE } from './vehicles.ruletables';
import { vehicleEvents } from './vehicles.schema';

/**
 * Shared reads and writes of the vehicles module: scope conditions, the caps rule in force,
 * quota facts, history events, row views and the mapping of the booking constraints to 409s.
 * Every function takes the executor it runs on, so it works inside a service's transaction.
 */
// The generic row, date and scope helpers live in the core; re-exported so this module's files keep one import.
export { accountsWith, cnDate, cnDaysOf, day, dbError, iso, num, numOrNull, scopeOn, unitOf, where };
export const today = cnToday;

/** The org or 404 when outside scope; vehicles belong to units (or the bureau itself), never departments. */
export async function owningUnit(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
  const org = await assertOrgInScope(db, ctx, permission, orgId);
  if (org.tenantId !== ctx.tenantId) throw notFound('org');
  if (org.kind !== 'unit' && org.kind !== 'bureau')
    throw fieldError(ctx, 'orgId', '车辆只能属于单位，不能属于内设机构', 'vehicles belong to a unit, not a department');
  return org;
}

/** The `vehicle_caps` version in force on a date, read on the given executor (safe inside a transaction). */
export async function loadCapsRule(db: Executor, onDate = today()): Promise<{ rule: VehicleCapsRule; version: number }> {
  const r = await ruleInForce(db, VEHICLE_CAPS_RULE, onDate);
  if (!r) throw badRequest(M.VEHICLE_NO_RULE);
  return { rule: r.data, version: r.version };
}

/** A unit's quota, vehicles held (not disposed) and purchases in progress that add to the count. */
export async function quotaFacts(db: Executor, orgId: number, excludeRequestId?: number) {
  const [r] = await queryRows<{ quota: number | null; actual: number; pending: number }>(
    db,
    sql`select (select quota from vehicle_quotas where org_id = ${orgId}) as quota,
          (select count(*)::int from vehicles where org_id = ${orgId} and status <> 'disposed') as actual,
          (select count(*)::int from vehicle_purchase_requests where org_id = ${orgId} and status in ('pending','approved')
             and adds_vehicle ${excludeRequestId ? sql`and id <> ${excludeRequestId}` : sql``}) as pending`,
  );
  return { quota: num(r?.quota), actual: num(r?.actual), pending: num(r?.pending) };
}

export type EventInput = {
  tenantId: number;
  vehicleId: number;
  orgId: number;
  kind: (typeof vehicleEvents.$inferInsert)['kind'];
  summary: string;
  occurredAt?: Date;
  /** Yuan, exact ("1234.50"). */
  amount?: string | null;
  quantity?: number | null;
  odometerKm?: number | null;
  refType?: string | null;
  refId?: number | null;
  data?: unknown;
  createdBy?: number | null;
};
/** One line of the vehicle's history file, written in the transaction of the change it records. */
export async function addEvent(tx: Executor, e: EventInput) {
  await tx.insert(vehicleEvents).values({ ...e, occurredAt: e.occurredAt ?? new Date(), data: e.data ?? null });
}

/** Checks as stored → as shown, in the reader's language. */
export const showChecks = (ctx: AuthContext, checks: unknown) =>
  ((checks as CheckResult[] | null) ?? []).map((c) => ({
    rule: c.rule,
    passed: c.passed,
    message: translate(c.code as MessageCode, ctx.locale, c.params),
  }));

/** Maps the booking exclusion constraints (SQLSTATE 23P01) to 409s; anything else is rethrown. */
export function mapBookingConflict(err: unknown): never {
  const { code, constraint } = dbError(err);
  if (code === '23P01' && constraint === 'vehicle_bookings_vehicle_excl') throw conflict(M.VEHICLE_BOOKED);
  if (code === '23P01' && constraint === 'vehicle_bookings_driver_excl') throw conflict(M.VEHICLE_DRIVER_BOOKED);
  throw err;
}

/** Columns of a vehicle for its view (dates as text, so both drivers return the same shapes). */
export const VEHICLE_COLS = sql`v.id, v.tenant_id, v.plate, v.org_id, o.name as org_name, v.type, v.leader_fixed, v.brand, v.model, v.domestic,
  v.body_type, v.energy, v.displacement, v.seats, v.price, v.purchase_date::text as purchase_date, v.odometer_km, v.tank_capacity_l,
  v.battery_capacity_kwh, v.marking, v.supervision_phone, v.marking_exempt_reason, v.status, v.replaced_by_id, v.disposed_at, v.note`;

export function vehicleView(r: Record<string, unknown>, newEnergy: string[]) {
  return {
    id: num(r.id),
    plate: String(r.plate),
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    type: r.type as 'other',
    leaderFixed: Boolean(r.leader_fixed),
    brand: String(r.brand),
    model: String(r.model),
    domestic: Boolean(r.domestic),
    bodyType: r.body_type as 'sedan',
    energy: r.energy as 'electric',
    newEnergy: newEnergy.includes(String(r.energy)),
    displacement: numOrNull(r.displacement),
    seats: num(r.seats),
    price: toYuan(r.price as string),
    purchaseDate: day(r.purchase_date)!,
    odometerKm: num(r.odometer_km),
    tankCapacityL: numOrNull(r.tank_capacity_l),
    batteryCapacityKwh: numOrNull(r.battery_capacity_kwh),
    marking: r.marking as 'official',
    supervisionPhone: (r.supervision_phone as string) ?? null,
    markingExemptReason: (r.marking_exempt_reason as string) ?? null,
    status: r.status as 'in_service',
    replacedById: numOrNull(r.replaced_by_id),
    disposedAt: iso(r.disposed_at),
    note: (r.note as string) ?? null,
  };
}

/** A vehicle row locked for the rest of the transaction, or 404 outside the caller's scope for `permission`. */
export async function lockVehicle(tx: Executor, ctx: AuthContext, id: number, permission: string, mode: 'update' | 'share' = 'update') {
  const [v] = await queryRows<Record<string, unknown>>(
    tx,
    sql`select v.*, v.purchase_date::text as purchase_date from vehicles v where v.id = ${id} and v.tenant_id = ${ctx.tenantId}
        for ${sql.raw(mode)}`,
  );
  if (!v) throw notFound('vehicle');
  await assertOrgInScope(tx, ctx, permission, num(v.org_id)).catch(() => {
    throw notFound('vehicle');
  });
  return v;
}
