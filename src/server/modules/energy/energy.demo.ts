import { sql } from 'drizzle-orm';
import type { TEnergyType } from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  P,
  addDays,
  cnDate,
  cnToday,
  fenToYuan,
  num,
  queryRows,
  systemContext,
  writeAudit,
} from '../../core';
import { officeActiveRooms, officeBuildingUnits } from '../office-space';
import { EnergyAnomalyService } from './anomalies.service';
import { AssessmentService } from './assessment.service';
import { BillService } from './bills.service';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import { monthEnd } from './energy.rules';
import { IndicatorService } from './indicators.service';
import { MeterService } from './meters.service';
import { PatrolService } from './patrol.service';
import { QuotaService } from './quotas.service';
import { ReadingService } from './readings.service';
import { ReportService } from './reports.service';

type DemoOrgs = {
  bureau: { id: number; tenantId: number; path?: string };
  units: Map<string, { id: number }>;
  accounts: Map<string, number>;
};

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const r1 = (n: number) => Math.round(n * 10) / 10;
/** Air conditioning in summer and winter: each month's share of a year's electricity. */
const SEASON = [1.22, 1.08, 0.94, 0.84, 0.9, 1.12, 1.34, 1.38, 1.08, 0.88, 0.94, 1.18];

const FIRST_MONTH = '2020-01';
function monthsUntil(last: string) {
  const out: string[] = [];
  let [y, m] = FIRST_MONTH.split('-').map(Number) as [number, number];
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push(k);
    if (k === last) return out;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

type MeterPlan = {
  key: string;
  orgId: number;
  name: string;
  code: string;
  energyType: TEnergyType;
  unit: string;
  kind?: 'register' | 'bill';
  parent?: string;
  endUse?: 'lighting_socket' | 'hvac' | 'power' | 'special';
  inTotal?: boolean;
  interval?: 15;
  buildingId?: number;
  /** Monthly consumption of a month index (0 = Jan 2020). */
  monthly: (i: number, month: string) => number;
};

/**
 * The demo district's energy: six years of monthly readings for every unit (electricity and
 * water; gas where there is a canteen), falling year on year as the district's saving
 * programme would have it; three units on 15-minute smart meters for the last 90 days (区发改局
 * with its lighting and air-conditioning sub-meters, 区审计局 whose air conditioning runs all
 * night, 区数据局 whose gateway went silent two days ago); 1号楼's water master over the units'
 * sub-meters, leaking since August; the bureau's rooftop PV; bills; this year's quotas with
 * 区财政局 over; patrol findings with a notice; last year's annual reports submitted by most
 * units (one late, one waiting in the bureau's inbox, a few not started) and last year's
 * assessment published.
 */
export async function seedEnergyDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(20251229);
  const tenantId = ctx.bureau.tenantId;
  const db = core.db;
  const [root] = await queryRows<{ path: string }>(db, sql`select path from orgs where id = ${tenantId}`);
  const sys = systemContext(tenantId, root!.path, [...Object.values(EP), P['org.read'], P['approval.read'], P['files.upload']]);
  const ctxOf = async (username: string): Promise<AuthContext> =>
    core.auth.contextFor(db, await core.auth.requireAccount(ctx.accounts.get(username)!), null, 'zh-CN', 'session');
  const manager = await ctxOf('manager');
  const meters = new MeterService(core);
  const readings = new ReadingService(core);
  const indicators = new IndicatorService(core);
  const u = (key: string) => (key === 'bureau' ? ctx.bureau.id : ctx.units.get(key)!.id);
  const unitKeys = ['bureau', ...[...ctx.units.keys()].filter((k) => k !== 'bureau')];
  const heads = new Map(
    (
      await queryRows<{ org_id: number; n: number }>(
        db,
        sql`select org_id, count(*)::int as n from people where tenant_id = ${tenantId} and status = 'active' group by org_id`,
      )
    ).map((r) => [num(r.org_id), num(r.n)]),
  );
  const buildings = await officeBuildingUnits(db, tenantId);
  const mainBuilding = [...buildings.entries()].find(([, b]) => b.name.startsWith('1号楼'));
  const buildingOf = (orgId: number) => [...buildings.entries()].find(([, b]) => b.units.includes(orgId))?.[0];
  const today = cnToday();
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const months = monthsUntil(lastMonth);
  const yearOf = (i: number) => Number(months[i]!.slice(0, 4));
  // The saving programme: electricity −5 % a year, water −3.24 %, gas −4 %, with ±4 % monthly noise.
  const trend = (i: number, perYear: number) => (1 + perYear) ** (yearOf(i) - 2020);
  const noise = () => 0.96 + rnd() * 0.08;

  const plans: MeterPlan[] = [];
  const intervalUnits = new Set(['u03', 'u23', 'u29']);
  const canteens = new Set(['bureau', 'u07', 'u04', 'u27']);
  for (const key of unitKeys) {
    const orgId = u(key);
    const h = Math.max(heads.get(orgId) ?? 10, 5);
    const kwhPerMonth = h * (key === 'u29' ? 620 : key === 'u07' ? 410 : 265);
    const code = key.toUpperCase();
    const buildingId = buildingOf(orgId);
    plans.push({
      key: `${key}-e`,
      orgId,
      name: `${key === 'bureau' ? '局机关' : ''}用电总表`,
      code: `E-${code}`,
      energyType: 'electricity',
      unit: 'kWh',
      buildingId,
      interval: intervalUnits.has(key) ? 15 : undefined,
      monthly: (i, m) => kwhPerMonth * SEASON[Number(m.slice(5, 7)) - 1]! * trend(i, -0.05) * noise(),
    });
    if (key === 'u03')
      for (const [endUse, share, label] of [
        ['lighting_socket', 0.34, '照明插座'],
        ['hvac', 0.41, '空调'],
      ] as const)
        plans.push({
          key: `${key}-${endUse}`,
          orgId,
          name: `${label}分项表`,
          code: `E-${code}-${endUse === 'hvac' ? 'AC' : 'LS'}`,
          energyType: 'electricity',
          unit: 'kWh',
          parent: `${key}-e`,
          endUse,
          buildingId,
          interval: 15,
          monthly: (i, m) => kwhPerMonth * share * SEASON[Number(m.slice(5, 7)) - 1]! * trend(i, -0.05) * noise(),
        });
    const inMain = mainBuilding?.[1].units.includes(orgId);
    plans.push({
      key: `${key}-w`,
      orgId,
      name: inMain ? '1号楼分户水表' : '用水总表',
      code: `W-${code}`,
      energyType: 'water',
      unit: 'm3',
      buildingId,
      parent: inMain && key !== 'bureau' ? 'main-w' : undefined,
      inTotal: true,
      monthly: (i) => h * 1.85 * trend(i, -0.0324) * noise(),
    });
    if (canteens.has(key))
      plans.push({
        key: `${key}-g`,
        orgId,
        name: '食堂燃气表',
        code: `G-${code}`,
        energyType: 'natural_gas',
        unit: 'm3',
        buildingId,
        monthly: (i) => h * (key === 'bureau' ? 9 : 3.2) * trend(i, -0.04) * noise(),
      });
  }
  // 1号楼's water master (the bureau's check meter over the units' sub-meters): leaking 6 % since August this year.
  const leakFrom = `${today.slice(0, 4)}-08`;
  if (mainBuilding) {
    plans.push({
      key: 'main-w',
      orgId: ctx.bureau.id,
      name: '1号楼总水表',
      code: 'W-MAIN-1',
      energyType: 'water',
      unit: 'm3',
      buildingId: mainBuilding[0],
      inTotal: false,
      monthly: () => 0, // computed below from the sub-meters
    });
  }
  plans.push({
    key: 'bureau-pv',
    orgId: ctx.bureau.id,
    name: '1号楼屋顶光伏',
    code: 'PV-1',
    energyType: 'pv_generation',
    unit: 'kWh',
    buildingId: mainBuilding?.[0],
    inTotal: false,
    monthly: (_i, m) => 5200 * [0.6, 0.7, 0.9, 1.1, 1.25, 1.2, 1.35, 1.4, 1.15, 1.0, 0.75, 0.6][Number(m.slice(5, 7)) - 1]! * noise(),
  });
  plans.push({
    key: 'u07-lpg',
    orgId: u('u07'),
    name: '食堂液化气（购气台账）',
    code: 'LPG-U07',
    energyType: 'lpg',
    unit: 'kg',
    kind: 'bill',
    monthly: (i) => 180 * trend(i, -0.03) * noise(),
  });

  // Meters, parents first (the water master before its sub-meters).
  const ids = new Map<string, number>();
  const ordered = [...plans.filter((p) => !p.parent), ...plans.filter((p) => p.parent)];
  await db.transaction(async (tx) => {
    for (const p of ordered)
      ids.set(
        p.key,
        await meters.insert(tx, sys, {
          name: p.name,
          code: p.code,
          energyType: p.energyType,
          unit: p.unit as 'kWh',
          kind: p.kind ?? 'register',
          orgId: p.orgId,
          buildingId: p.buildingId ?? null,
          parentId: p.parent ? ids.get(p.parent)! : null,
          endUse: p.endUse ?? null,
          multiplier: 1,
          rolloverValue: null,
          inTotal: p.inTotal ?? (p.parent ? false : undefined),
          intervalMinutes: p.interval ?? null,
          installedOn: '2019-06-01',
          note: null,
        }),
      );
  });

  // Monthly registers. Interval meters switch to 15-minute data for the last 90 days.
  const intervalStart = Date.parse(`${addDays(today, -90)}T00:00:00+08:00`);
  const rows: { meterId: number; ts: string; value: number }[] = [];
  const register = new Map<string, number>();
  const monthlyQty = new Map<string, number[]>();
  for (const p of plans) {
    if (p.kind === 'bill' || p.key === 'main-w') continue;
    monthlyQty.set(
      p.key,
      months.map((m, i) => p.monthly(i, m)),
    );
  }
  // The water master reads what its sub-meters read, plus 1 % of pipe loss, 6 % since the leak.
  const subs = plans.filter((p) => p.parent === 'main-w');
  if (mainBuilding)
    monthlyQty.set(
      'main-w',
      months.map((m, i) => subs.reduce((s, p) => s + monthlyQty.get(p.key)![i]!, 0) * (m >= leakFrom ? 1.062 : 1.009)),
    );
  for (const [key, qty] of monthlyQty) {
    const p = plans.find((x) => x.key === key)!;
    let v = 10_000 + Math.round(rnd() * 80_000);
    const meterId = ids.get(key)!;
    rows.push({ meterId, ts: monthEnd('2019-12').toISOString(), value: v });
    months.forEach((m, i) => {
      const end = monthEnd(m).getTime();
      if (p.interval && end > intervalStart) return;
      v = r1(v + qty[i]!);
      rows.push({ meterId, ts: new Date(end).toISOString(), value: v });
    });
    register.set(key, v);
  }
  // 15-minute data: working days 08:00–18:00 carry most of the load; 区审计局 leaves its air conditioning on at night.
  const calendar = new Map<string, boolean>();
  for (let d = addDays(today, -91); d <= today; d = addDays(d, 1)) calendar.set(d, await core.refdata.isWorkingDay(d));
  const now = Date.now();
  for (const p of plans.filter((x) => x.interval)) {
    const meterId = ids.get(p.key)!;
    const silentFrom = p.key === 'u29-e' ? now - 2 * 86_400_000 : now - 15 * 60_000;
    // Register at the first instant of the 15-minute data: continue from the last monthly reading.
    let v = register.get(p.key)!;
    const lastMonthly = months.filter((m) => monthEnd(m).getTime() <= intervalStart).pop()!;
    const from = Math.max(monthEnd(lastMonthly).getTime(), intervalStart - 31 * 86_400_000);
    const baseKwhPerDay = (monthlyQty.get(p.key)!.at(-1) ?? 1000) / 30;
    for (let t = from + 900_000; t <= silentFrom; t += 900_000) {
      const local = new Date(t - 1 + 8 * 3_600_000);
      const day = cnDate(t - 1);
      const hour = local.getUTCHours();
      const working = calendar.get(day) ?? true;
      const dayHours = hour >= 8 && hour < 18;
      let w = working ? (dayHours ? 1 : 0.16) : 0.14;
      if (p.key === 'u23-e' && (!dayHours || !working)) w = 0.72; // air conditioning left running
      if (p.endUse === 'hvac' && !dayHours) w *= 0.5;
      v = Math.round((v + (baseKwhPerDay / 40) * w * (0.9 + rnd() * 0.2)) * 100) / 100;
      rows.push({ meterId, ts: new Date(t).toISOString(), value: v });
    }
  }
  for (let i = 0; i < rows.length; i += 10_000) await readings.batch(sys, rows.slice(i, i + 10_000));
  // The batch is the collection API's path, which stamps 'api'; only the 15-minute meters send
  // their data that way. The others are read by hand each month, and their readings say so.
  await core.db.execute(
    sql`update energy_readings set source = 'manual' where tenant_id = ${tenantId}
        and meter_id in (select id from energy_meters where tenant_id = ${tenantId} and interval_minutes is null)`,
  );

  // Bills: the police canteen's LPG (its consumption), and the electricity bills of a few units.
  const bills = new BillService(core);
  const lpg = monthlyQty.get('u07-lpg') ?? months.map((_, i) => plans.find((p) => p.key === 'u07-lpg')!.monthly(i, months[i]!));
  const billInputs: Parameters<BillService['createMany']>[1] = [];
  for (const [i, m] of months.entries()) {
    billInputs.push({
      meterId: ids.get('u07-lpg')!,
      month: m,
      quantity: r1(lpg[i]!),
      amount: fenToYuan(BigInt(Math.round(lpg[i]! * 8.6 * 100))),
      invoiceNo: null,
      note: null,
    });
  }
  for (const key of ['bureau', 'u03', 'u04']) {
    const q = monthlyQty.get(`${key}-e`)!;
    for (const [i, m] of months.entries())
      if (m >= '2025-01')
        billInputs.push({
          meterId: ids.get(`${key}-e`)!,
          month: m,
          quantity: Math.round(q[i]!),
          amount: fenToYuan(BigInt(Math.round(q[i]! * 0.6862 * 100))),
          invoiceNo: `DF${m.replace('-', '')}${key.toUpperCase()}`,
          note: null,
        });
  }
  // In one transaction: the same bills and audit records as one `create` each, in this order.
  await bills.createMany(sys, billInputs);

  // This year's quotas: last year's use less 2 % … with 区财政局 held to 82 % (over by now).
  const year = Number(today.slice(0, 4));
  const rules = await loadRules(db, today);
  const last = await indicators.consumption(sys, `${year - 1}-01-01`, `${year - 1}-12-31`, undefined, rules);
  const quotas = new QuotaService(core, indicators);
  const quotaRows = unitKeys
    .map((key) => {
      const kgce = last.byOrg.get(u(key))?.kgce ?? 0;
      const factor = key === 'u10' ? 0.82 : key === 'u23' ? 0.97 : key === 'bureau' ? 1.15 : 1.03 + rnd() * 0.05;
      return { orgId: u(key), quota: Math.round(kgce * factor) };
    })
    .filter((q) => q.quota > 0);
  await db.execute(
    sql`insert into energy_quotas (tenant_id, org_id, year, kgce_quota, note)
        select ${tenantId}, u.o, ${year}, u.q, '按上年实际用能核定'
        from unnest(${sql.param(quotaRows.map((q) => q.orgId))}::int[], ${sql.param(quotaRows.map((q) => q.quota))}::float8[]) as u(o, q)`,
  );
  await quotas.check(sys, year);

  // Patrol findings this quarter: 区发改局's room 3xx collects three (a notice), others one each.
  const patrol = new PatrolService(core);
  // Each unit's largest office room (the lowest id among equals).
  const rooms: { id: number; org_id: number }[] = [];
  for (const r of (await officeActiveRooms(db, tenantId))
    .filter((r) => r.useClass === 'office')
    .sort((a, b) => a.orgId - b.orgId || b.area - a.area || a.id - b.id))
    if (rooms.at(-1)?.org_id !== r.orgId) rooms.push({ id: r.id, org_id: r.orgId });
  const roomOf = (key: string) => rooms.find((r) => num(r.org_id) === u(key))?.id;
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  const quarterDay = (n: number) => {
    const d = addDays(`${today.slice(0, 4)}-${String(q).padStart(2, '0')}-01`, n);
    return d < today ? d : addDays(today, -1);
  };
  const winter = rules.params.patrol.winterMonths.includes(Number(today.slice(5, 7)));
  const summer = rules.params.patrol.summerMonths.includes(Number(today.slice(5, 7)));
  const ac = winter
    ? { kind: 'ac_winter_high' as const, setpointC: 24 }
    : summer
      ? { kind: 'ac_summer_low' as const, setpointC: 22 }
      : null;
  const findings: [string, 'lights_on' | 'tap_running' | 'equipment_idle' | 'ac', number, string][] = [
    ['u03', 'lights_on', 3, '晚 21:40 办公室灯全部开启，无人'],
    ['u03', 'ac', 12, '下班后空调仍开启'],
    ['u03', 'equipment_idle', 20, '打印机、饮水机夜间未关闭'],
    ['u10', 'lights_on', 6, '走廊长明灯'],
    ['u10', 'tap_running', 9, '卫生间水龙头未关紧'],
    ['u23', 'ac', 15, '周末空调运行'],
    ['u14', 'lights_on', 18, '会议室散会后未关灯'],
    ['u20', 'tap_running', 22, '茶水间滴漏'],
  ];
  for (const [key, kind, day, note] of findings) {
    const roomId = roomOf(key);
    if (!roomId || (kind === 'ac' && !ac)) continue;
    await patrol.create(manager, {
      orgId: u(key),
      roomId,
      location: null,
      kind: kind === 'ac' ? ac!.kind : kind,
      setpointC: kind === 'ac' ? ac!.setpointC : null,
      // Air-conditioning findings fall in this month (its season); the others spread over the quarter.
      observedAt: `${kind === 'ac' ? addDays(today, -1 - (day % 3)) : quarterDay(day)}T21:${String(10 + day).padStart(2, '0')}:00+08:00`,
      note,
      photoFileIds: [],
    });
  }

  // Last year's annual reports: submitted on time and approved by most; one late; one waiting; a draft; a few not started.
  const reports = new ReportService(core, indicators);
  const notStarted = new Set(['u31', 'u35', 'u36']);
  for (const [i, key] of unitKeys.entries()) {
    if (notStarted.has(key)) continue;
    const orgId = u(key);
    // Each unit's statistician files its own report; the bureau's administrator reviews it.
    const by = await ctxOf(key === 'u03' ? 'energy_officer' : `stat_${key}`);
    if (key === 'u30') {
      await reports.save(by, orgId, year - 1, { values: {}, reasons: {} });
      continue;
    }
    const r = await reports.save(by, orgId, year - 1, { values: {}, reasons: {} }, true);
    const submitted =
      key === 'u25' ? `${year}-04-08T10:20:00+08:00` : `${year}-03-${String(10 + (i % 18)).padStart(2, '0')}T15:00:00+08:00`;
    await db.execute(sql`update energy_reports set submitted_at = ${submitted}::timestamptz where id = ${r.id}`);
    if (key !== 'u28') await core.approvals.decide(manager, r.instanceId!, 'approve', { comment: '数据核实无误' });
  }

  // The 2020 reports, filed before the platform (imported history, approved): people and floor area as they
  // were then, so the five-year trend reads as the seed district's (−24.2 % per person, −18.31 % per ㎡).
  const base = 2020;
  const r20 = await loadRules(db, `${base}-12-31`);
  const [c20, c25] = [
    await indicators.consumption(sys, `${base}-01-01`, `${base}-12-31`, undefined, r20),
    await indicators.consumption(sys, `${year - 1}-01-01`, `${year - 1}-12-31`, undefined, rules),
  ];
  const filed = new Map(
    (
      await queryRows<{ org_id: number; values: { headcount: number; buildingArea: number } }>(
        db,
        sql`select org_id, values from energy_reports where tenant_id = ${tenantId} and year = ${year - 1} and status in ('pending','approved')`,
      )
    ).map((r) => [num(r.org_id), r.values]),
  );
  const factsNow = await indicators.facts(db, tenantId);
  const later = unitKeys.map((key) => {
    const f = filed.get(u(key)) ?? factsNow(u(key));
    return { key, h: f.headcount, a: f.buildingArea };
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const k20 = sum(unitKeys.map((k) => c20.byOrg.get(u(k))?.kgce ?? 0));
  const k25 = sum(unitKeys.map((k) => c25.byOrg.get(u(k))?.kgce ?? 0));
  const H25 = sum(later.map((l) => l.h));
  const A25 = sum(later.map((l) => l.a));
  const H20 = Math.round(H25 * (1 - 0.242) * (k20 / k25));
  const A20 = A25 * (1 - 0.1831) * (k20 / k25);
  let heads20 = later.map((l) => Math.round((l.h * H20) / H25));
  heads20 = heads20.map((h, i) => (i === 0 ? h + H20 - sum(heads20) : h)); // the bureau takes the rounding
  const reports20 = new ReportService(core, indicators);
  for (const [i, l] of later.entries()) {
    const prefill = await reports20.prefill(db, sys, u(l.key), base, r20);
    const values = { ...prefill, headcount: heads20[i]!, buildingArea: Math.round(((l.a * A20) / A25) * 100) / 100 };
    const reasons = { headcount: '系统上线前报送的年报（历史数据导入）', buildingArea: '系统上线前报送的年报（历史数据导入）' };
    await db.execute(
      sql`insert into energy_reports (tenant_id, org_id, year, status, values, prefill, reasons, submitted_at)
          values (${tenantId}, ${u(l.key)}, ${base}, 'approved', ${JSON.stringify(values)}::jsonb, ${JSON.stringify(prefill)}::jsonb,
                  ${JSON.stringify(reasons)}::jsonb, ${`${base + 1}-03-20T10:00:00+08:00`}::timestamptz)`,
    );
  }

  // The anomaly rules over what was just loaded, and last year's assessment, published.
  await new EnergyAnomalyService(core).scan(sys);
  await new AssessmentService(core, indicators).publish(manager, year - 1);
  await db.transaction((tx) =>
    writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `energy: ${plans.length} meters, ${rows.length} readings`,
      },
    ),
  );
}
