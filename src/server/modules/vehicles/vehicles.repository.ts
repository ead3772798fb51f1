import { type SQL, type SQLWrapper, and, sql } from 'drizzle-orm';
import {
  type AuthContext,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  inScope,
  type MessageCode,
  notFound,
  queryRows,
  translate,
} from '../../core';
import type { CheckResult, VehicleCapsRule } from './caps';
import { M } from './vehicles.messages';
import { vehicleEvents } from './vehicles.schema';

/**
 * Shared reads and writes of the vehicles module: scope conditions, the caps rule in force,
 * quota facts, history events, row views and the mapping of the booking constraints to 409s.
 * Every function takes the executor it runs on, so it works inside a service's transaction.
 */
export const num = (v: unknown) => Number(v ?? 0);
export const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
export const day = (v: unknown) => (v === null || v === undefined ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));

/** China has one time zone and no daylight saving: calendar days are UTC+8. */
const CN_OFFSET_MS = 8 * 3_600_000;
export const cnDate = (t: Date | number | string) => new Date(new Date(t).getTime() + CN_OFFSET_MS).toISOString().slice(0, 10);
export const today = () => cnDate(Date.now());
/** The calendar days (UTC+8) a half-open period [start, end) touches. */
export function cnDaysOf(start: string, end: string): string[] {
  const first = cnDate(start);
  const last = cnDate(Date.parse(end) - 1);
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** `column` within the caller's scope for `permission`, and within `rootOrgId`'s subtree when given (404 outside scope). */
export async function scopeOn(db: Executor, ctx: AuthContext, permission: string, column: SQLWrapper, rootOrgId?: number): Promise<SQL> {
  const base = inScope(ctx, permission, column);
  if (!rootOrgId) return base;
  const root = await assertOrgInScope(db, ctx, permission, rootOrgId);
  return and(base, sql`${column} in (select id from orgs where path like ${`${root.path}%`})`)!;
}

export const where = (parts: (SQL | undefined | false)[]) =>
  sql.join(
    parts.filter((x): x is SQL => Boolean(x)),
    sql` and `,
  );

/** The org or 404 when outside scope; vehicles belong to units (or the bureau itself), never departments. */
export async function owningUnit(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
  const org = await assertOrgInScope(db, ctx, permission, orgId);
  if (org.tenantId !== ctx.tenantId) throw notFound('org');
  if (org.kind !== 'unit' && org.kind !== 'bureau')
    throw invalid(ctx, 'orgId', '车辆只能属于单位，不能属于内设机构', 'vehicles belong to a unit, not a department');
  return org;
}

/** A field-level 400 in the caller's language. */
export function invalid(ctx: AuthContext, field: string, zh: string, en: string) {
  return badRequest('VALIDATION_FAILED', { fields: field }, { fields: [{ field, message: ctx.locale === 'en' ? en : zh }] });
}

/** The unit of an org: itself, or the nearest unit (else bureau) above a department. */
export async function unitOf(db: Executor, orgId: number): Promise<number> {
  const [org] = await queryRows<{ id: number; kind: string; path: string }>(db, sql`select id, kind, path from orgs where id = ${orgId}`);
  if (!org) throw notFound('org');
  if (org.kind !== 'department') return num(org.id);
  const ids = org.path.split('/').filter(Boolean).map(Number);
  const [unit] = await queryRows<{ id: number }>(
    db,
    sql`select id from orgs where id in ${ids} and kind in ('unit','bureau') order by depth desc limit 1`,
  );
  return num(unit?.id ?? org.id);
}

/** The `vehicle_caps` version in force on a date, read on the given executor (safe inside a transaction). */
export async function loadCapsRule(db: Executor, onDate = today()): Promise<{ rule: VehicleCapsRule; version: number }> {
  const [r] = await queryRows<{ data: VehicleCapsRule; version: number }>(
    db,
    sql`select data, version from rule_tables where name = 'vehicle_caps' and effective_from <= ${onDate}::date
        order by effective_from desc, version desc limit 1`,
  );
  if (!r) throw badRequest(M.VEHICLE_NO_RULE);
  return { rule: r.data, version: num(r.version) };
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
  amount?: number | null;
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

/** The SQLSTATE and constraint of a database error, through drizzle's wrapper when present. */
export function dbError(err: unknown): { code?: string; constraint?: string } {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint };
}

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
    price: num(r.price),
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

/** Accounts holding a permission over an org (for notifications). */
export async function accountsWith(tx: Executor, permission: string, orgId: number): Promise<number[]> {
  const rows = await queryRows<{ account_id: number }>(
    tx,
    sql`select distinct ra.account_id from role_assignments ra join roles r on r.id = ra.role_id join orgs o on o.id = ra.org_id
        join orgs target on target.id = ${orgId}
        where ${permission} = any(r.permissions) and (ra.org_id = target.id or (ra.include_subtree and target.path like o.path || '%'))`,
  );
  return rows.map((r) => num(r.account_id));
}
