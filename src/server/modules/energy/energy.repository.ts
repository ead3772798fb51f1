import { type SQL, sql } from 'drizzle-orm';
import type { TEnergyType } from '../../../contracts/modules/energy';
import {
  concurrently,
  type AuthContext,
  type Executor,
  addDays,
  badRequest,
  cnDate,
  cnToday,
  num,
  numOrNull,
  both,
  pgArray,
  queryRows,
  ruleInForce,
  scopeOn,
  toFen,
} from '../../core';
import { activeHeadcountByOrg, buildingAreaByOrg } from '../office-space';
import { vehicleFuelByOrg } from '../vehicle-costs';
import { EM } from './energy.messages';
import type { EnergyRules } from './energy.rules';
import { COAL_COEFFICIENTS_RULE, ENERGY_PARAMS_RULE } from './energy.ruletables';
import { BASE_UNIT, baseQuantity, co2Of, dayIndex, dayKey, hourIndex, hourKey, isEnergy, kgceOf, monthKey } from './energy.rules';

/**
 * Shared reads and writes of the energy module: the rules in force, meter rows, the rollup
 * upserts of the ingest path, and consumption per unit and energy type over any period read
 * from the rollups (whole months from the monthly table, the rest from the daily one), so no
 * figure ever scans raw readings.
 */

// ---------- rules ----------
export async function loadRules(db: Executor, onDate = cnToday()): Promise<EnergyRules> {
  // The version in force on the date; a date before the first version uses the first (the
  // coefficient table's first version is dated by the reporting system's revision, not by
  // when the coefficients began to apply).
  const [coal, params] = await concurrently(
    db,
    () => ruleInForce(db, COAL_COEFFICIENTS_RULE, onDate, { beforeFirst: 'first' }),
    () => ruleInForce(db, ENERGY_PARAMS_RULE, onDate, { beforeFirst: 'first' }),
  );
  if (!coal || !params) throw badRequest(EM.ENERGY_NO_RULE);
  return { coal: coal.data, coalVersion: coal.version, params: params.data, paramsVersion: params.version };
}

// ---------- meters ----------
/** Site and building names are added from the office registry's index by the caller (no join into its tables). */
export const METER_COLS = sql`m.id, m.tenant_id, m.org_id, o.name as org_name, m.site_id, m.building_id,
  m.parent_id, p.name as parent_name, m.code, m.name, m.energy_type, m.unit, m.kind, m.end_use, m.multiplier, m.rollover_value, m.in_total,
  m.interval_minutes, m.installed_on::text as installed_on, m.status, m.note, m.last_reading_at, m.last_value,
  (select count(*)::int from energy_meters c where c.parent_id = m.id) as children`;
export const METER_FROM = sql`energy_meters m join orgs o on o.id = m.org_id left join energy_meters p on p.id = m.parent_id`;

export function meterView(r: Record<string, unknown>) {
  return {
    id: num(r.id),
    name: String(r.name),
    code: (r.code as string) ?? null,
    energyType: r.energy_type as TEnergyType,
    unit: String(r.unit),
    kind: r.kind as 'register' | 'bill',
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    siteId: numOrNull(r.site_id),
    siteName: (r.site_name as string) ?? null,
    buildingId: numOrNull(r.building_id),
    buildingName: (r.building_name as string) ?? null,
    parentId: numOrNull(r.parent_id),
    parentName: (r.parent_name as string) ?? null,
    endUse: (r.end_use as 'hvac') ?? null,
    multiplier: num(r.multiplier),
    rolloverValue: numOrNull(r.rollover_value),
    inTotal: Boolean(r.in_total),
    intervalMinutes: numOrNull(r.interval_minutes),
    installedOn: (r.installed_on as string) ?? null,
    status: r.status as 'active' | 'retired',
    note: (r.note as string) ?? null,
    lastReadingAt: r.last_reading_at ? new Date(String(r.last_reading_at)).toISOString() : null,
    lastValue: numOrNull(r.last_value),
    children: num(r.children),
  };
}
export type MeterView = ReturnType<typeof meterView>;

// ---------- rollups ----------
/** One change to a bucketed quantity: a reading's consumption at instant `t` (added, or the difference when recomputed). */
export type RollupChange = { meterId: number; t: number; delta: number; readings: number };

/**
 * Adds the changes to the hourly, daily and monthly rollups: aggregated in memory first, then
 * one upsert per grain that adds to what is there (`on conflict … do update set x = x + excluded.x`).
 * Runs inside the transaction that wrote the readings, whose meter rows are locked, so no
 * concurrent batch can interleave on the same meter.
 */
export async function applyRollups(
  tx: Executor,
  tenantId: number,
  changes: RollupChange[],
  grains: ('hour' | 'day' | 'month')[] = ['hour', 'day', 'month'],
) {
  if (!changes.length) return;
  // Each grain groups by meter, then by its key; a key is formatted once per distinct bucket
  // (its number, `hourIndex` or `dayIndex`, is cheap), never per reading. The month's key is
  // cached per China day. The sums run over the changes in their order, as before.
  const keyOf = {
    hour: bucketKeys(hourIndex, hourKey),
    day: bucketKeys(dayIndex, dayKey),
    month: bucketKeys(dayIndex, monthKey),
  } as const;
  const tables = {
    hour: ['energy_hourly', 'hour', 'timestamptz'],
    day: ['energy_daily', 'day', 'date'],
    month: ['energy_monthly', 'month', 'date'],
  } as const;
  for (const grain of grains) {
    const key = keyOf[grain];
    const acc = new Map<number, Map<string, Bucket>>();
    // Changes come grouped by meter: the last meter's map saves a lookup per change.
    let lastMeter = Number.NaN;
    let byKey = new Map<string, Bucket>();
    const rows: Bucket[] = [];
    for (const c of changes) {
      if (c.meterId !== lastMeter) {
        lastMeter = c.meterId;
        const m = acc.get(c.meterId);
        if (m) byKey = m;
        else {
          byKey = new Map();
          acc.set(c.meterId, byKey);
        }
      }
      const k = key(c.t);
      const a = byKey.get(k);
      if (a) {
        a.delta += c.delta;
        a.readings += c.readings;
      } else {
        const row = { meterId: c.meterId, key: k, delta: c.delta, readings: c.readings };
        byKey.set(k, row);
        rows.push(row);
      }
    }
    const [table, col, type] = tables[grain];
    await tx.execute(
      sql`insert into ${sql.identifier(table)} (tenant_id, meter_id, ${sql.identifier(col)}, consumption, readings)
          select ${tenantId}, u.meter_id, u.k::${sql.raw(type)}, u.d, u.n
          from unnest(${pgArray(rows.map((r) => r.meterId))}::int[], ${pgArray(rows.map((r) => r.key))}::text[],
                      ${pgArray(rows.map((r) => r.delta))}::float8[], ${pgArray(rows.map((r) => r.readings))}::int[]) as u(meter_id, k, d, n)
          on conflict (tenant_id, meter_id, ${sql.identifier(col)}) do update
            set consumption = ${sql.identifier(table)}.consumption + excluded.consumption, readings = ${sql.identifier(table)}.readings + excluded.readings`,
    );
  }
}

type Bucket = { meterId: number; key: string; delta: number; readings: number };

/** A grain's key of an instant, formatted once per bucket number and then looked up. */
function bucketKeys(index: (t: number) => number, format: (t: number) => string) {
  const cache = new Map<number, string>();
  return (t: number) => {
    const i = index(t);
    const k = cache.get(i);
    if (k !== undefined) return k;
    const f = format(t);
    cache.set(i, f);
    return f;
  };
}

// ---------- consumption over a period ----------
/** The whole months inside [from, to] (first days, end exclusive) and the day ranges around them. */
export function splitPeriod(from: string, to: string) {
  const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
  const nextMonth = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  };
  const monthStart = from === firstOfMonth(from) ? from : nextMonth(firstOfMonth(from));
  const after = addDays(to, 1);
  const monthEnd = after === firstOfMonth(after) ? after : firstOfMonth(after);
  if (monthStart >= monthEnd) return { months: null, days: [[from, after]] as [string, string][] };
  const days: [string, string][] = [];
  if (from < monthStart) days.push([from, monthStart]);
  if (monthEnd < after) days.push([monthEnd, after]);
  return { months: [monthStart, monthEnd] as [string, string], days };
}

/** `select meter_id, q` rows of the rollups over [from, to] (inclusive China dates). */
export function periodRollup(tenantId: number, from: string, to: string): SQL {
  const { months, days } = splitPeriod(from, to);
  const parts: SQL[] = [];
  if (months)
    parts.push(
      sql`select meter_id, consumption as q from energy_monthly where tenant_id = ${tenantId} and month >= ${months[0]}::date and month < ${months[1]}::date`,
    );
  for (const [a, b] of days)
    parts.push(
      sql`select meter_id, consumption as q from energy_daily where tenant_id = ${tenantId} and day >= ${a}::date and day < ${b}::date`,
    );
  return sql.join(parts, sql` union all `);
}

export type TypeQuantity = { quantity: number; unit: string; kgce: number; co2: number };
export type OrgConsumption = {
  byType: Map<TEnergyType, TypeQuantity>;
  kgce: number;
  co2: number;
  /** Bills in fen, summed exactly (numeric in SQL, BigInt here). */
  cost: bigint;
};
const emptyConsumption = (): OrgConsumption => ({ byType: new Map(), kgce: 0, co2: 0, cost: 0n });

/**
 * Consumption per unit over [from, to], by energy type, with standard coal, CO₂ and the bills'
 * amounts: every meter that counts in its unit's totals, plus the fuel of the unit's official
 * vehicles when the unit keeps no gasoline or diesel meter of its own (so it is counted once).
 * `orgScope` limits the units (a condition on the org id column).
 */
export async function consumptionByOrg(
  db: Executor,
  tenantId: number,
  orgScope: (col: SQL) => SQL,
  from: string,
  to: string,
  rules: EnergyRules,
): Promise<Map<number, OrgConsumption>> {
  // Five independent reads, at once on the PostgreSQL pool (`both` runs them in turn inside a transaction).
  const [[rows, ownFuel], [[costs, scopeOrgs], fuel]] = await both(
    db,
    () =>
      both(
        db,
        () =>
          queryRows<{ org_id: number; energy_type: TEnergyType; unit: string; q: number }>(
            db,
            sql`select m.org_id, m.energy_type, m.unit, sum(x.q) as q
                from (${periodRollup(tenantId, from, to)}) x join energy_meters m on m.id = x.meter_id
                where m.tenant_id = ${tenantId} and m.in_total and ${orgScope(sql`m.org_id`)}
                group by 1, 2, 3`,
          ),
        () =>
          queryRows<{ org_id: number; energy_type: string }>(
            db,
            sql`select distinct org_id, energy_type from energy_meters m
                where tenant_id = ${tenantId} and energy_type in ('gasoline','diesel') and ${orgScope(sql`m.org_id`)}`,
          ),
      ),
    () =>
      both(
        db,
        () =>
          both(
            db,
            () =>
              queryRows<{ org_id: number; amount: string }>(
                db,
                sql`select b.org_id, sum(b.amount) as amount from energy_bills b
                    where b.tenant_id = ${tenantId} and b.month >= ${`${from.slice(0, 7)}-01`}::date and b.month <= ${to}::date and ${orgScope(sql`b.org_id`)}
                    group by 1`,
              ),
            () => queryRows<{ id: number }>(db, sql`select id from orgs o where o.tenant_id = ${tenantId} and ${orgScope(sql`o.id`)}`),
          ),
        () => vehicleFuelByOrg(db, tenantId, from, to),
      ),
  );
  const out = new Map<number, OrgConsumption>();
  const of = (orgId: number) => {
    let c = out.get(orgId);
    if (!c) {
      c = emptyConsumption();
      out.set(orgId, c);
    }
    return c;
  };
  const add = (orgId: number, type: TEnergyType, unit: string, q: number) => {
    const c = of(orgId);
    const base = baseQuantity(type, unit, q, rules);
    const kgce = kgceOf(type, unit, q, rules);
    const co2 = co2Of(type, unit, q, rules);
    const t = c.byType.get(type) ?? { quantity: 0, unit: BASE_UNIT[type], kgce: 0, co2: 0 };
    t.quantity += base;
    t.kgce += kgce;
    t.co2 += co2;
    c.byType.set(type, t);
    if (isEnergy(type)) {
      c.kgce += kgce;
      c.co2 += co2;
    }
  };
  for (const r of rows) add(num(r.org_id), r.energy_type, r.unit, num(r.q));
  const hasOwn = new Set(ownFuel.map((r) => `${num(r.org_id)}|${r.energy_type}`));
  const inScopeOrgs = new Set(scopeOrgs.map((r) => num(r.id)));
  for (const f of fuel) if (inScopeOrgs.has(f.orgId) && !hasOwn.has(`${f.orgId}|${f.fuel}`)) add(f.orgId, f.fuel, 'L', f.litres);
  for (const c of costs) of(num(c.org_id)).cost += toFen(c.amount);
  return out;
}

/** Units (and bureaus) within the caller's scope for `permission`, optionally under one org: id, name, path, credit code. */
export async function unitsInScope(db: Executor, ctx: AuthContext, permission: string, rootOrgId?: number) {
  const scope = await scopeOn(db, ctx, permission, sql`o.id`, rootOrgId);
  return queryRows<{ id: number; name: string; path: string; kind: string; credit_code: string | null; sort: number }>(
    db,
    sql`select o.id, o.name, o.path, o.kind, o.credit_code, o.sort from orgs o
        where o.tenant_id = ${ctx.tenantId} and o.kind in ('unit','bureau') and o.status = 'active' and ${scope}
        order by o.depth, o.sort, o.id`,
  );
}

/** Active people per unit (a department's people count for its unit: `people.org_id` is the unit). */
export async function headcountByOrg(db: Executor, tenantId: number): Promise<Map<number, number>> {
  // Counted by the office registry, cached against its data version (people changes bump it).
  return activeHeadcountByOrg(db, tenantId);
}

export { buildingAreaByOrg };
