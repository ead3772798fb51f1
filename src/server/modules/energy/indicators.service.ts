import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TEnergyType,
  TIndicator,
  ZEndUseQuerySchema,
  ZIndicatorQuerySchema,
  ZSeriesQuerySchema,
  ZYearTrendQuerySchema,
} from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  concurrently,
  type Executor,
  addDays,
  cnDate,
  cnDayStart,
  cnToday,
  notFound,
  num,
  queryRows,
  assertOrgInScope,
  inScope,
  validationFailed,
  fenToYuan,
} from '../../core';
import { EP } from './energy.permissions';
import {
  type OrgConsumption,
  buildingAreaByOrg,
  consumptionByOrg,
  headcountByOrg,
  loadRules,
  periodRollup,
  unitsInScope,
} from './energy.repository';
import { officeSiteFacts } from '../office-space';
import {
  BASE_UNIT,
  type EnergyRules,
  type HourCell,
  baseQuantity,
  baseloadShares,
  co2Of,
  electricityCoefficient,
  isEnergy,
  kgceOf,
} from './energy.rules';

const r2 = (v: number) => Math.round(v * 100) / 100;
const r4 = (v: number) => Math.round(v * 10000) / 10000;
const per = (a: number, b: number) => (b > 0 ? r2(a / b) : null);
const change = (now: number | null, base: number | null) => (now !== null && base ? r4((now - base) / base) : null);

type Facts = { headcount: number; buildingArea: number };

/** The figures of one unit (or a whole scope) from its consumption and its people and floor area. */
export function indicatorOf(c: OrgConsumption | undefined, f: Facts): Omit<TIndicator, 'orgId' | 'orgName'> {
  const byType: TIndicator['byType'] = {};
  for (const [t, q] of c?.byType ?? []) byType[t] = { quantity: r2(q.quantity), unit: q.unit, kgce: r2(q.kgce), co2: r2(q.co2) };
  const kgce = c?.kgce ?? 0;
  const water = c?.byType.get('water')?.quantity ?? 0;
  const electricity = c?.byType.get('electricity')?.quantity ?? 0;
  const co2 = c?.co2 ?? 0;
  return {
    headcount: f.headcount,
    buildingArea: r2(f.buildingArea),
    kgce: r2(kgce),
    kgcePerCapita: per(kgce, f.headcount),
    kgcePerSqm: per(kgce, f.buildingArea),
    water: r2(water),
    waterPerCapita: per(water, f.headcount),
    electricity: r2(electricity),
    electricityPerSqm: per(electricity, f.buildingArea),
    co2: r2(co2),
    co2PerSqm: per(co2, f.buildingArea),
    pvGeneration: r2(c?.byType.get('pv_generation')?.quantity ?? 0),
    cost: fenToYuan(c?.cost ?? 0n),
    byType,
  };
}

/** Adds unit consumptions into one (for a scope's total). */
function sumConsumption(items: (OrgConsumption | undefined)[]): OrgConsumption {
  const out: OrgConsumption = { byType: new Map(), kgce: 0, co2: 0, cost: 0n };
  for (const c of items) {
    if (!c) continue;
    out.kgce += c.kgce;
    out.co2 += c.co2;
    out.cost += c.cost;
    for (const [t, q] of c.byType) {
      const s = out.byType.get(t) ?? { quantity: 0, unit: q.unit, kgce: 0, co2: 0 };
      s.quantity += q.quantity;
      s.kgce += q.kgce;
      s.co2 += q.co2;
      out.byType.set(t, s);
    }
  }
  return out;
}

/**
 * Indicators, comparisons and charts. Everything reads the rollups (monthly for whole months,
 * daily for the rest, hourly for heatmaps), so the cost depends on meters × months, not on the
 * number of raw readings.
 */
export class IndicatorService {
  constructor(private readonly core: CoreServices) {}

  /** People and floor area per unit: active people now; area from the office registry. */
  async facts(db: Executor, tenantId: number) {
    const [heads, areas] = await concurrently(
      db,
      () => headcountByOrg(db, tenantId),
      () => buildingAreaByOrg(db, tenantId),
    );
    return (orgId: number): Facts => ({ headcount: heads.get(orgId) ?? 0, buildingArea: areas.get(orgId) ?? 0 });
  }

  /** The scope condition on an org-id column: the caller's energy.read scope, within `rootOrgId`'s subtree when given. */
  async scope(ctx: AuthContext, rootOrgId?: number, db: Executor = this.core.db): Promise<(col: SQL) => SQL> {
    const root = rootOrgId ? await assertOrgInScope(db, ctx, EP['energy.read'], rootOrgId) : null;
    return (col: SQL) =>
      root
        ? sql`${inScope(ctx, EP['energy.read'], col)} and ${col} in (select id from orgs where path like ${`${root.path}%`})`
        : inScope(ctx, EP['energy.read'], col);
  }

  /** Consumption per unit in scope over [from, to]; pass the transaction when called inside one (PGlite has one connection). */
  async consumption(ctx: AuthContext, from: string, to: string, rootOrgId?: number, rules?: EnergyRules, db: Executor = this.core.db) {
    const scope = await this.scope(ctx, rootOrgId, db);
    const r = rules ?? (await loadRules(db, to));
    return { rules: r, byOrg: await consumptionByOrg(db, ctx.tenantId, scope, from, to, r) };
  }

  async indicators(ctx: AuthContext, q: z.infer<typeof ZIndicatorQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const [units, { rules, byOrg }, facts] = await concurrently(
      db,
      () => unitsInScope(db, ctx, EP['energy.read'], q.orgId),
      () => this.consumption(ctx, q.from, q.to, q.orgId),
      () => this.facts(db, ctx.tenantId),
    );
    const items = units.map((u) => ({ orgId: num(u.id), orgName: u.name, ...indicatorOf(byOrg.get(num(u.id)), facts(num(u.id))) }));
    const totalFacts = units.reduce(
      (s, u) => {
        const f = facts(num(u.id));
        return { headcount: s.headcount + f.headcount, buildingArea: s.buildingArea + f.buildingArea };
      },
      { headcount: 0, buildingArea: 0 },
    );
    const total = indicatorOf(sumConsumption(units.map((u) => byOrg.get(num(u.id)))), totalFacts);
    return {
      from: q.from,
      to: q.to,
      items,
      total,
      national: Object.entries(rules.coal.national).map(([year, n]) => ({
        year: Number(year),
        kgcePerSqm: n.kgcePerM2,
        kgcePerCapita: n.kgcePerPerson,
        waterPerCapita: n.waterM3PerPerson,
      })),
      coefficients: { electricity: electricityCoefficient(rules), scheme: rules.params.electricityScheme, version: rules.coalVersion },
    };
  }

  /**
   * Indicators per office site (办公区): the meters located on the site that count in their
   * units' totals, against the site's building area and the people with an office there. The
   * sites shown are those whose managing org is in the caller's scope.
   */
  async bySite(ctx: AuthContext, q: z.infer<typeof ZIndicatorQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await this.scope(ctx, q.orgId);
    const rules = await loadRules(db, q.to);
    const sites = await officeSiteFacts(db, ctx.tenantId);
    const visible = new Set(
      (await queryRows<{ id: number }>(db, sql`select o.id from orgs o where o.tenant_id = ${ctx.tenantId} and ${scope(sql`o.id`)}`)).map(
        (r) => num(r.id),
      ),
    );
    const rows = await queryRows<{ site_id: number; energy_type: TEnergyType; unit: string; q: number }>(
      db,
      sql`select m.site_id, m.energy_type, m.unit, sum(x.q) as q
          from (${periodRollup(ctx.tenantId, q.from, q.to)}) x join energy_meters m on m.id = x.meter_id
          where m.tenant_id = ${ctx.tenantId} and m.in_total and m.site_id is not null and ${scope(sql`m.org_id`)}
          group by 1, 2, 3`,
    );
    const bySite = new Map<number, OrgConsumption>();
    for (const r of rows) {
      const c = bySite.get(num(r.site_id)) ?? { byType: new Map(), kgce: 0, co2: 0, cost: 0n };
      const qty = num(r.q);
      const t = c.byType.get(r.energy_type) ?? { quantity: 0, unit: BASE_UNIT[r.energy_type], kgce: 0, co2: 0 };
      const k = kgceOf(r.energy_type, r.unit, qty, rules);
      const co2 = co2Of(r.energy_type, r.unit, qty, rules);
      t.quantity += baseQuantity(r.energy_type, r.unit, qty, rules);
      t.kgce += k;
      t.co2 += co2;
      c.byType.set(r.energy_type, t);
      if (isEnergy(r.energy_type)) {
        c.kgce += k;
        c.co2 += co2;
      }
      bySite.set(num(r.site_id), c);
    }
    return {
      from: q.from,
      to: q.to,
      items: sites
        .filter((s) => visible.has(s.orgId) || bySite.has(s.siteId))
        .map((s) => ({ siteId: s.siteId, siteName: s.name, ...indicatorOf(bySite.get(s.siteId), s) })),
    };
  }

  /**
   * A time series per month, day or hour: the meters counting in the totals of the units in
   * scope (or one meter), standard coal and each type's quantity per bucket.
   */
  async series(ctx: AuthContext, q: z.infer<typeof ZSeriesQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
    const limit = { month: 3700, day: 370, hour: 62 }[q.grain];
    if (days > limit)
      throw validationFailed([
        { field: 'to', message: ctx.locale === 'en' ? `at most ${limit} days at this grain` : `按此粒度最多查询 ${limit} 天` },
      ]);
    const meterCond = q.meterId
      ? await this.meterInScope(ctx, q.meterId)
      : sql`m.in_total and ${(await this.scope(ctx, q.orgId))(sql`m.org_id`)}`;
    const typeCond = q.energyType ? sql`and m.energy_type = ${q.energyType}` : sql``;
    const { table, col, lo, hi } = this.bucketRange(q.grain, q.from, q.to);
    const rows = await queryRows<{ b: string; energy_type: TEnergyType; unit: string; q: number }>(
      db,
      sql`select ${sql.raw(q.grain === 'hour' ? `to_char(x.${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` : `x.${col}::text`)} as b,
            m.energy_type, m.unit, sum(x.consumption) as q
          from ${sql.identifier(table)} x join energy_meters m on m.id = x.meter_id
          where x.tenant_id = ${ctx.tenantId} and m.tenant_id = ${ctx.tenantId} and x.${sql.raw(col)} >= ${lo} and x.${sql.raw(col)} < ${hi}
            and ${meterCond} ${typeCond}
          group by 1, 2, 3 order by 1`,
    );
    const rules = await loadRules(db, q.to);
    const points = new Map<string, { bucket: string; kgce: number; water: number; byType: Record<string, number> }>();
    for (const r of rows) {
      const p = points.get(r.b) ?? { bucket: r.b, kgce: 0, water: 0, byType: {} };
      const qty = num(r.q);
      p.kgce += kgceOf(r.energy_type, r.unit, qty, rules);
      if (r.energy_type === 'water') p.water += baseQuantity('water', r.unit, qty, rules);
      p.byType[r.energy_type] = r2((p.byType[r.energy_type] ?? 0) + baseQuantity(r.energy_type, r.unit, qty, rules));
      points.set(r.b, p);
    }
    return {
      grain: q.grain,
      points: [...points.values()].map((p) => ({ ...p, kgce: r2(p.kgce), water: r2(p.water) })),
    };
  }

  private bucketRange(grain: 'month' | 'day' | 'hour', from: string, to: string) {
    if (grain === 'month')
      return { table: 'energy_monthly', col: 'month', lo: sql`${`${from.slice(0, 7)}-01`}::date`, hi: sql`${addDays(to, 1)}::date` };
    if (grain === 'day') return { table: 'energy_daily', col: 'day', lo: sql`${from}::date`, hi: sql`${addDays(to, 1)}::date` };
    return {
      table: 'energy_hourly',
      col: 'hour',
      lo: sql`${cnDayStart(from).toISOString()}::timestamptz`,
      hi: sql`${cnDayStart(addDays(to, 1)).toISOString()}::timestamptz`,
    };
  }

  private async meterInScope(ctx: AuthContext, meterId: number) {
    const [m] = await queryRows<{ id: number; org_id: number; path: string }>(
      this.core.db,
      sql`select m.id, m.org_id, o.path from energy_meters m join orgs o on o.id = m.org_id where m.id = ${meterId} and m.tenant_id = ${ctx.tenantId}`,
    );
    if (!m || !ctx.covers(EP['energy.read'], { id: num(m.org_id), path: m.path })) throw notFound('energy_meter');
    return sql`m.id = ${meterId}`;
  }

  /** Standard coal and water per month of a year and of the year before: YoY and MoM. */
  async monthlyTrend(ctx: AuthContext, orgId: number | undefined, year: number) {
    ctx.require(EP['energy.read']);
    const [cur, last] = await concurrently(
      this.core.db,
      () => this.series(ctx, { orgId, from: `${year}-01-01`, to: `${year}-12-31`, grain: 'month' }),
      () => this.series(ctx, { orgId, from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, grain: 'month' }),
    );
    const at = (s: typeof cur, m: number) => s.points.find((p) => Number(p.bucket.slice(5, 7)) === m);
    const months = Array.from({ length: 12 }, (_, i) => {
      const m = i + 1;
      const c = at(cur, m);
      const l = at(last, m);
      const prev = m === 1 ? at(last, 12) : at(cur, m - 1);
      const kgce = c?.kgce ?? 0;
      return {
        month: m,
        kgce,
        lastYearKgce: l?.kgce ?? 0,
        water: c?.water ?? 0,
        lastYearWater: l?.water ?? 0,
        yoy: c && l?.kgce ? change(kgce, l.kgce) : null,
        mom: c && prev?.kgce ? change(kgce, prev.kgce) : null,
      };
    });
    return { year, months };
  }

  /**
   * Yearly indicators against a base year. A year's people and floor area are those of the
   * units' approved (or submitted) annual reports when they exist, else today's.
   */
  async yearTrend(ctx: AuthContext, q: z.infer<typeof ZYearTrendQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const toYear = q.toYear ?? Number(cnToday().slice(0, 4)) - 1;
    const baseYear = q.baseYear ?? toYear - 5;
    if (baseYear > toYear || toYear - baseYear > 15)
      throw validationFailed([
        { field: 'baseYear', message: ctx.locale === 'en' ? 'at most 15 years, base first' : '基准年须早于截止年，且跨度不超过 15 年' },
      ]);
    const units = await unitsInScope(db, ctx, EP['energy.read'], q.orgId);
    const unitIds = units.map((u) => num(u.id));
    const facts = await this.facts(db, ctx.tenantId);
    const reported = unitIds.length
      ? await queryRows<{ org_id: number; year: number; values: Record<string, number> }>(
          db,
          sql`select org_id, year, values from energy_reports where tenant_id = ${ctx.tenantId} and status in ('pending','approved')
                and year between ${baseYear} and ${toYear} and org_id in ${unitIds}`,
        )
      : [];
    const rep = new Map(reported.map((r) => [`${num(r.org_id)}|${num(r.year)}`, r.values]));
    const rules = await loadRules(db, `${toYear}-12-31`);
    const years = [];
    for (let y = baseYear; y <= toYear; y++) {
      const { byOrg } = await this.consumption(ctx, `${y}-01-01`, `${y}-12-31`, q.orgId, rules);
      let heads = 0;
      let area = 0;
      for (const id of unitIds) {
        const v = rep.get(`${id}|${y}`);
        const f = facts(id);
        heads += v?.headcount ?? f.headcount;
        area += v?.buildingArea ?? f.buildingArea;
      }
      const ind = indicatorOf(sumConsumption(unitIds.map((id) => byOrg.get(id))), { headcount: heads, buildingArea: area });
      years.push({
        year: y,
        kgce: ind.kgce,
        kgcePerCapita: ind.kgcePerCapita,
        kgcePerSqm: ind.kgcePerSqm,
        waterPerCapita: ind.waterPerCapita,
        co2PerSqm: ind.co2PerSqm,
      });
    }
    const base = years[0]!;
    return {
      baseYear,
      years: years.map((y) => ({
        ...y,
        perCapitaChange: change(y.kgcePerCapita, base.kgcePerCapita),
        perSqmChange: change(y.kgcePerSqm, base.kgcePerSqm),
        waterChange: change(y.waterPerCapita, base.waterPerCapita),
        co2Change: change(y.co2PerSqm, base.co2PerSqm),
      })),
      targets: {
        perSqm: rules.coal.targets2025vs2020.perM2,
        perCapita: rules.coal.targets2025vs2020.perPerson,
        waterPerCapita: rules.coal.targets2025vs2020.waterPerPerson,
        co2PerSqm: rules.coal.targets2025vs2020.co2PerM2,
      },
    };
  }

  /** Electricity by end use (分项) from the sub-meters that carry one; the rest of the totals is "unmetered". */
  async endUse(ctx: AuthContext, q: z.infer<typeof ZEndUseQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await this.scope(ctx, q.orgId);
    const rows = await queryRows<{ end_use: string | null; in_total: boolean; unit: string; q: number }>(
      db,
      sql`select m.end_use, m.in_total, m.unit, sum(x.q) as q from (${periodRollup(ctx.tenantId, q.from, q.to)}) x join energy_meters m on m.id = x.meter_id
          where m.tenant_id = ${ctx.tenantId} and m.energy_type = 'electricity' and (m.end_use is not null or m.in_total) and ${scope(sql`m.org_id`)}
          group by 1, 2, 3`,
    );
    const rules = await loadRules(db, q.to);
    const kwh = (r: { unit: string; q: number }) => baseQuantity('electricity', r.unit, num(r.q), rules);
    const total = rows.filter((r) => r.in_total).reduce((s, r) => s + kwh(r), 0);
    const by = new Map<string, number>();
    for (const r of rows) if (r.end_use) by.set(r.end_use, (by.get(r.end_use) ?? 0) + kwh(r));
    const metered = [...by.values()].reduce((a, b) => a + b, 0);
    const items = [...by.entries()].map(([endUse, quantity]) => ({ endUse, quantity }));
    if (total > metered) items.push({ endUse: 'unmetered', quantity: total - metered });
    const denom = Math.max(total, metered);
    return {
      total: r2(denom),
      items: items
        .sort((a, b) => b.quantity - a.quantity)
        .map((i) => ({ endUse: i.endUse as 'hvac', quantity: r2(i.quantity), share: denom > 0 ? r4(i.quantity / denom) : 0 })),
    };
  }

  /** Day × hour consumption of an interval meter (China time), with the night and rest-day baseload shares. */
  async heatmap(ctx: AuthContext, meterId: number, from: string, to: string) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days > 62) throw validationFailed([{ field: 'to', message: ctx.locale === 'en' ? 'at most 62 days' : '最多查询 62 天' }]);
    await this.meterInScope(ctx, meterId);
    const [m] = await queryRows<{ unit: string; multiplier: number }>(db, sql`select unit from energy_meters where id = ${meterId}`);
    const rows = await queryRows<{ t: number; c: number }>(
      db,
      sql`select extract(epoch from hour) * 1000 as t, consumption as c from energy_hourly
          where tenant_id = ${ctx.tenantId} and meter_id = ${meterId}
            and hour >= ${cnDayStart(from).toISOString()}::timestamptz and hour < ${cnDayStart(addDays(to, 1)).toISOString()}::timestamptz`,
    );
    const rules = await loadRules(db, to);
    const grid = new Map<string, (number | null)[]>();
    for (let d = from; d <= to; d = addDays(d, 1)) grid.set(d, Array(24).fill(null));
    for (const r of rows) {
      const t = num(r.t);
      const local = new Date(t + 8 * 3_600_000);
      const day = cnDate(t);
      const hour = local.getUTCHours();
      const row = grid.get(day);
      if (row) row[hour] = r2(num(r.c));
    }
    const out = [];
    const cells: HourCell[] = [];
    for (const [day, hours] of grid) {
      const working = await this.core.refdata.isWorkingDay(day);
      out.push({ day, working, hours });
      hours.forEach((v, hour) => {
        if (v !== null) cells.push({ day, hour, working, value: v });
      });
    }
    const a = rules.params.anomalies;
    const shares = baseloadShares(cells, { start: a.nightStartHour, end: a.nightEndHour });
    return {
      meterId,
      unit: m?.unit ?? '',
      days: out,
      nightShare: shares.nightShare === null ? null : r4(shares.nightShare),
      restDayShare: shares.restDayShare === null ? null : r4(shares.restDayShare),
    };
  }
}
