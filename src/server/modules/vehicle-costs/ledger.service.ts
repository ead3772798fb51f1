import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZLedgerQuerySchema } from '../../../contracts/modules/vehicle-costs';
import { type AuthContext, type CoreServices, type Executor, queryRows, fenToYuan, ratioOf, toFen } from '../../core';
import { VP } from '../vehicles';
import { num, scopeOn, vehicleTripsView, vehiclesView } from '../vehicles';

const CN = (d: string) => new Date(`${d}T00:00:00+08:00`);

const LEDGER_CATS = ['fuel', 'repair', 'insurance', 'toll', 'parking', 'other'] as const;
type Cat = (typeof LEDGER_CATS)[number];
/** Sums in fen (BigInt) from the database's numeric sums: exact, never a float. */
type Cents = Record<Cat, bigint>;
const zero = (): Cents => ({ fuel: 0n, repair: 0n, insurance: 0n, toll: 0n, parking: 0n, other: 0n });
const fenTotal = (c: Cents) => LEDGER_CATS.reduce((s, k) => s + c[k], 0n);
const yuan = (c: Cents) => {
  const out = Object.fromEntries(LEDGER_CATS.map((k) => [k, fenToYuan(c[k])])) as Record<Cat, string>;
  return { ...out, total: fenToYuan(fenTotal(c)) };
};
const add = (a: Cents, b: Cents) => {
  for (const k of LEDGER_CATS) a[k] += b[k];
};
/** Yuan per km: a ratio, so a number (rounded half-up to the fen), computed from the exact fen total. */
const perKm = (totalFen: bigint, km: number) => (km > 0 ? ratioOf(totalFen, BigInt(km) * 100n, 2) : null);

/**
 * The cost ledger and the public disclosure sheet: read-only sums over the cost records, with
 * the fleet from the vehicles module's read models (split from CostService, which writes the records).
 */
export class CostLedgerService {
  constructor(private readonly core: CoreServices) {}

  // ---------- ledger ----------

  /**
   * The monthly cost ledger for a year: per vehicle (by the unit that bore the cost), per unit
   * and per month, by category, with the distance from odometer readings and cost per km.
   * Counted: recorded costs and approved repairs (pending, rejected or withdrawn repairs are not).
   * Two grouped reads on (tenant_id, org_id, occurred_on) and one over the readings.
   */
  async ledger(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const { info: _info, ...ledger } = await this.compute(ctx, q);
    return ledger;
  }

  private async compute(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const db = this.core.db;
    const from = `${q.year}-01-01`;
    const to = `${q.year}-12-31`;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`r.org_id`, q.orgId);
    const vScope = await scopeOn(db, ctx, VP['vehicles.read'], sql`v.org_id`, q.orgId);
    const sums = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.vehicle_id, r.org_id, extract(month from r.occurred_on)::int as m,
            coalesce(sum(r.amount) filter (where r.kind in ('fuel','charging')), 0) as fuel,
            coalesce(sum(r.amount) filter (where r.kind = 'repair'), 0) as repair,
            coalesce(sum(r.amount) filter (where r.kind = 'insurance'), 0) as insurance,
            coalesce(sum(r.amount) filter (where r.kind = 'toll'), 0) as toll,
            coalesce(sum(r.amount) filter (where r.kind = 'parking'), 0) as parking,
            coalesce(sum(r.amount) filter (where r.kind in ('inspection','other')), 0) as other,
            coalesce(sum(r.quantity) filter (where r.kind = 'fuel'), 0) as litres,
            coalesce(sum(r.quantity) filter (where r.kind = 'charging'), 0) as kwh
          from vehicle_cost_records r
          where r.tenant_id = ${ctx.tenantId} and r.occurred_on between ${from}::date and ${to}::date
            and r.status in ('recorded','approved') and ${scope} ${q.vehicleId ? sql`and r.vehicle_id = ${q.vehicleId}` : sql``}
          group by r.vehicle_id, r.org_id, m`,
    );
    // Vehicles held in the year in scope, with or without costs.
    const held = await queryRows<Record<string, unknown>>(
      db,
      sql`select v.id, v.org_id, v.plate, v.type, v.brand, v.model, v.energy from ${vehiclesView} v
          where v.tenant_id = ${ctx.tenantId} and ${vScope} and v.purchase_date <= ${to}::date
            and (v.disposed_at is null or v.disposed_at >= ${CN(from)}) ${q.vehicleId ? sql`and v.id = ${q.vehicleId}` : sql``}`,
    );
    const ids = [...new Set([...sums.map((s) => num(s.vehicle_id)), ...held.map((h) => num(h.id))])];
    const km = await this.distances(db, ctx.tenantId, ids, from, to);
    const info = new Map<number, Record<string, unknown>>();
    if (ids.length)
      for (const r of await queryRows<Record<string, unknown>>(
        db,
        sql`select v.id, v.plate, v.type, v.brand, v.model, v.energy, v.org_id from ${vehiclesView} v where v.id in ${ids}`,
      ))
        info.set(num(r.id), r);
    const orgIds = [...new Set([...sums.map((s) => num(s.org_id)), ...held.map((h) => num(h.org_id))])];
    const orgName = new Map<number, string>();
    if (orgIds.length)
      for (const o of await queryRows<{ id: number; name: string }>(db, sql`select id, name from orgs where id in ${orgIds}`))
        orgName.set(num(o.id), o.name);

    type Row = { vehicleId: number; orgId: number; months: Cents[]; litres: number; kwh: number };
    const rows = new Map<string, Row>();
    const rowOf = (vehicleId: number, orgId: number) => {
      const k = `${vehicleId}/${orgId}`;
      let r = rows.get(k);
      if (!r) {
        r = { vehicleId, orgId, months: Array.from({ length: 12 }, zero), litres: 0, kwh: 0 };
        rows.set(k, r);
      }
      return r;
    };
    for (const h of held) rowOf(num(h.id), num(h.org_id));
    const monthTotals = Array.from({ length: 12 }, () => ({ c: zero(), litres: 0, kwh: 0 }));
    for (const s of sums) {
      const r = rowOf(num(s.vehicle_id), num(s.org_id));
      const m = num(s.m) - 1;
      const c = Object.fromEntries(LEDGER_CATS.map((k) => [k, toFen(s[k] as string)])) as Cents;
      add(r.months[m]!, c);
      add(monthTotals[m]!.c, c);
      r.litres += num(s.litres);
      r.kwh += num(s.kwh);
      monthTotals[m]!.litres += num(s.litres);
      monthTotals[m]!.kwh += num(s.kwh);
    }
    // A vehicle that changed unit in the year: its distance goes with the row holding most of its costs (its current unit on a tie).
    const vehicles = [...rows.values()]
      .map((r) => {
        const total = zero();
        for (const m of r.months) add(total, m);
        const v = info.get(r.vehicleId);
        return {
          r,
          total,
          plate: String(v?.plate ?? ''),
          current: num(v?.org_id) === r.orgId,
        };
      })
      .sort((a, b) => a.r.orgId - b.r.orgId || a.plate.localeCompare(b.plate));
    const distanceOwner = new Map<number, (typeof vehicles)[number]>();
    for (const x of vehicles) {
      const prev = distanceOwner.get(x.r.vehicleId);
      const t = fenTotal(x.total);
      if (!prev || t > fenTotal(prev.total) || (t === fenTotal(prev.total) && x.current)) distanceOwner.set(x.r.vehicleId, x);
    }
    const units = new Map<number, { c: Cents; km: number; vehicles: Set<number> }>();
    const grand = zero();
    let grandKm = 0;
    const vehicleRows = vehicles.map((x) => {
      const d = distanceOwner.get(x.r.vehicleId) === x ? (km.get(x.r.vehicleId) ?? 0) : 0;
      const u = units.get(x.r.orgId) ?? { c: zero(), km: 0, vehicles: new Set<number>() };
      add(u.c, x.total);
      u.km += d;
      u.vehicles.add(x.r.vehicleId);
      units.set(x.r.orgId, u);
      add(grand, x.total);
      grandKm += d;
      const t = yuan(x.total);
      return {
        vehicleId: x.r.vehicleId,
        plate: x.plate,
        orgId: x.r.orgId,
        orgName: orgName.get(x.r.orgId) ?? '',
        ...t,
        litres: Math.round(x.r.litres * 100) / 100,
        kwh: Math.round(x.r.kwh * 100) / 100,
        km: d,
        costPerKm: perKm(fenTotal(x.total), d),
        months: x.r.months.map((m, i) => ({ month: i + 1, ...yuan(m) })),
      };
    });
    const g = yuan(grand);
    return {
      year: q.year,
      months: monthTotals.map((m, i) => ({
        month: i + 1,
        ...yuan(m.c),
        litres: Math.round(m.litres * 100) / 100,
        kwh: Math.round(m.kwh * 100) / 100,
      })),
      units: [...units.entries()].map(([orgId, u]) => {
        const t = yuan(u.c);
        return {
          orgId,
          orgName: orgName.get(orgId) ?? '',
          vehicles: u.vehicles.size,
          ...t,
          km: u.km,
          costPerKm: perKm(fenTotal(u.c), u.km),
        };
      }),
      vehicles: vehicleRows,
      totals: { ...g, km: grandKm, costPerKm: perKm(fenTotal(grand), grandKm) },
      info,
    };
  }

  /**
   * Distance driven in [from, to] per vehicle from odometer readings (trip start and end,
   * refuels, repairs): the highest reading in the period less the highest reading in the year
   * before it, or, with none before, less the lowest reading in the period.
   */
  async distances(db: Executor, tenantId: number, ids: number[], from: string, to: string): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!ids.length) return out;
    const before = `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;
    const end = new Date(CN(to).getTime() + 86_400_000);
    const rows = await queryRows<{ vehicle_id: number; max_in: number | null; min_in: number | null; max_before: number | null }>(
      db,
      sql`with readings as (
            select vehicle_id, occurred_on as d, odometer_km as km from vehicle_cost_records
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and odometer_km is not null
                and occurred_on between ${before}::date and ${to}::date and status in ('recorded','approved')
            union all
            select vehicle_id, ((started_at at time zone 'UTC') + interval '8 hours')::date, start_odometer_km from ${vehicleTripsView} b
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and start_odometer_km is not null
                and start_at >= ${CN(before)} and start_at < ${end}
            union all
            select vehicle_id, ((finished_at at time zone 'UTC') + interval '8 hours')::date, end_odometer_km from ${vehicleTripsView} b
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and end_odometer_km is not null
                and start_at >= ${CN(before)} and start_at < ${end})
          select vehicle_id, max(km) filter (where d >= ${from}::date and d <= ${to}::date) as max_in,
                 min(km) filter (where d >= ${from}::date and d <= ${to}::date) as min_in,
                 max(km) filter (where d < ${from}::date) as max_before
          from readings group by vehicle_id`,
    );
    for (const r of rows) {
      if (r.max_in === null) continue;
      const base = r.max_before !== null ? Math.min(num(r.max_before), num(r.max_in)) : num(r.min_in);
      out.set(num(r.vehicle_id), Math.max(0, num(r.max_in) - base));
    }
    return out;
  }

  // ---------- public disclosure (公示) ----------

  /** Per-vehicle running costs for a year, as the unit publishes them: the data the web prints, and the export's rows. */
  async disclosure(ctx: AuthContext, q: { year: number; orgId?: number }) {
    const l = await this.compute(ctx, { year: q.year, orgId: q.orgId });
    const orgId = q.orgId ?? ctx.account.orgId;
    const [org] = await queryRows<{ name: string }>(this.core.db, sql`select name from orgs where id = ${orgId}`);
    const TYPE: Record<string, [string, string]> = {
      confidential_comm: ['机要通信用车', 'Confidential communication'],
      emergency: ['应急保障用车', 'Emergency'],
      law_enforcement: ['执法执勤用车', 'Law enforcement'],
      special_technical: ['特种专业技术用车', 'Special technical'],
      other: ['其他公务用车', 'Other official'],
    };
    const en = ctx.locale === 'en';
    const rows = l.vehicles.map((v, i) => {
      const inf = l.info.get(v.vehicleId) ?? {};
      const t = TYPE[String(inf.type)] ?? [String(inf.type), String(inf.type)];
      return {
        seq: i + 1,
        orgName: v.orgName,
        plate: v.plate,
        vehicleType: en ? t[1] : t[0],
        model: `${inf.brand ?? ''} ${inf.model ?? ''}`.trim(),
        energy: String(inf.energy ?? ''),
        fuel: v.fuel,
        repair: v.repair,
        insurance: v.insurance,
        toll: v.toll,
        parking: v.parking,
        other: v.other,
        total: v.total,
        km: v.km,
        costPerKm: v.costPerKm,
      };
    });
    const name = org?.name ?? '';
    return {
      year: q.year,
      titleZh: `${name}${q.year}年度公务用车运行维护费用公示`,
      titleEn: `${name}: official vehicle running costs ${q.year} (public disclosure)`,
      orgName: name,
      generatedAt: new Date().toISOString(),
      rows,
      totals: { ...l.totals, vehicles: new Set(rows.map((r) => r.plate)).size },
    };
  }
}
