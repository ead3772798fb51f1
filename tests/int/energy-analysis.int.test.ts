import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnDate, queryRows } from '../../src/server/core';
import { type Session, type TestApp, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook } from '../helpers/excel';

/**
 * Energy indicators, charts, bills, quotas, anomalies, patrols, the assessment and the annual
 * report over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL, against figures worked
 * out by hand from the coefficient table of regulations §3.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
const E = '/api/v1/energy';
const id: Record<string, number> = {};
const today = cnDate(Date.now());
const thisYear = Number(today.slice(0, 4));

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(app.services.db, q);
const count = async (table: string, where = sql`true`) =>
  Number((await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n);
async function meter(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${E}/meters`, { energyType: 'electricity', unit: 'kWh', orgId: d.unitA.id, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
/** The months from `from` (YYYY-MM) to `to`, inclusive. */
function months(from: string, to: string) {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push(k);
    if (k === to) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}
const lastCompleteMonth = () => {
  const d0 = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d0.setUTCDate(0);
  return d0.toISOString().slice(0, 7);
};
const approve = (inst: number) => manager.post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' });

beforeAll(async () => {
  app = await buildTestApp(process.env.DBG ? { LOG_LEVEL: 'error' } : {});
  d = await seedTestDistrict(app);
  [manager, unitA, unitB] = [await login(app, 'manager'), await login(app, 'unit_a'), await login(app, 'unit_b')];
  const db = app.services.db;
  const t = d.bureau.tenantId;
  // People: 10 active in A (and one retired), 5 in B.
  await db.execute(sql`insert into people (tenant_id, org_id, name, post_level, staffing_type, status)
    select ${t}, ${d.unitA.id}, 'A' || g, '150', 'admin', case when g = 11 then 'retired' else 'active' end from generate_series(1, 11) g`);
  await db.execute(sql`insert into people (tenant_id, org_id, name, post_level, staffing_type)
    select ${t}, ${d.unitB.id}, 'B' || g, '150', 'admin' from generate_series(1, 5) g`);
  // One 1,000 ㎡ building shared 3 : 1 by the rooms of A and B: 750 ㎡ and 250 ㎡ of floor area.
  const [site] = await rows<{ id: number }>(
    sql`insert into office_sites (tenant_id, org_id, name) values (${t}, ${d.bureau.id}, '机关大院') returning id`,
  );
  const [b] = await rows<{ id: number }>(
    sql`insert into office_buildings (tenant_id, site_id, org_id, name, gross_area, ownership) values (${t}, ${site!.id}, ${d.bureau.id}, '1号楼', 1000, 'owned') returning id`,
  );
  const [f] = await rows<{ id: number }>(
    sql`insert into office_floors (tenant_id, building_id, level, name) values (${t}, ${b!.id}, 1, '1F') returning id`,
  );
  id.building = Number(b!.id);
  for (const [n, org, area] of [
    ['101', d.unitA.id, 200],
    ['102', d.unitA.id, 100],
    ['103', d.unitB.id, 100],
  ] as const) {
    const [r] = await rows<{ id: number }>(
      sql`insert into office_rooms (tenant_id, floor_id, building_id, site_id, org_id, number, use_class, use_type, area)
          values (${t}, ${f!.id}, ${b!.id}, ${site!.id}, ${org}, ${n}, 'office', 'office', ${area}) returning id`,
    );
    id[`room${n}`] = Number(r!.id);
  }
  // Unit A: electricity with an HVAC sub-meter, water with two sub-meters (10 % lost), gas, a gasoline bill account.
  id.eA = await meter(manager, { name: 'A 电总表', code: 'EA', buildingId: id.building });
  id.hvac = await meter(manager, { name: 'A 空调分表', code: 'EA-1', parentId: id.eA, endUse: 'hvac' });
  id.wA = await meter(manager, { name: 'A 水总表', code: 'WA', energyType: 'water', unit: 'm3' });
  id.wA1 = await meter(manager, { name: 'A 水分表1', code: 'WA-1', energyType: 'water', unit: 'm3', parentId: id.wA });
  id.wA2 = await meter(manager, { name: 'A 水分表2', code: 'WA-2', energyType: 'water', unit: 'm3', parentId: id.wA });
  id.gA = await meter(manager, { name: 'A 燃气表', code: 'GA', energyType: 'natural_gas', unit: 'm3' });
  id.fuelA = await meter(manager, { name: 'A 汽油账户', code: 'FA', energyType: 'gasoline', unit: 'L', kind: 'bill' });
  id.eB = await meter(manager, { name: 'B 电总表', code: 'EB', orgId: d.unitB.id });
  // Monthly readings from the end of November 2024 up to last month.
  const per: [number, number][] = [
    [id.eA, 1000],
    [id.hvac, 300],
    [id.wA, 100],
    [id.wA1, 50],
    [id.wA2, 40],
    [id.gA, 50],
    [id.eB, 500],
  ];
  for (const [i, month] of months('2024-11', lastCompleteMonth()).entries()) {
    const r = await manager.post(`${E}/readings/monthly`, {
      month,
      readings: per.map(([meterId, step]) => ({ meterId, value: 10_000 + step * i })),
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  // A bill of 200 L of gasoline in January 2025; unit B's official car bought 100 L (and B keeps no gasoline account).
  expect((await manager.post(`${E}/bills`, { meterId: id.fuelA, month: '2025-01', quantity: 200, amount: 1560 })).statusCode).toBe(201);
  expect((await manager.post(`${E}/bills`, { meterId: id.eA, month: '2025-01', quantity: 1000, amount: 650.5 })).statusCode).toBe(201);
  const [v] = await rows<{ id: number }>(
    sql`insert into vehicles (tenant_id, org_id, plate, type, brand, model, domestic, body_type, energy, displacement, seats, price, purchase_date, odometer_km, marking, supervision_phone)
        values (${t}, ${d.unitB.id}, '苏A00001', 'other', '红旗', 'H5', true, 'sedan', 'gasoline', 1.5, 5, 150000, '2022-01-01', 1000, 'official', '025-12345678') returning id`,
  );
  await db.execute(
    sql`insert into vehicle_cost_records (tenant_id, vehicle_id, org_id, kind, occurred_at, occurred_on, amount, quantity, unit)
        values (${t}, ${v!.id}, ${d.unitB.id}, 'fuel', '2025-03-10T02:00:00Z', '2025-03-10', 780, 100, 'L')`,
  );
});
afterAll(async () => {
  await app?.close();
});

describe('indicators', () => {
  it('gives each unit standard coal, per person and per ㎡ from its meters, bills and vehicles, counting sub-meters once', async () => {
    const r = await manager.get(`${E}/indicators?from=2025-01-01&to=2025-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const a = body.items.find((i: { orgId: number }) => i.orgId === d.unitA.id);
    const b = body.items.find((i: { orgId: number }) => i.orgId === d.unitB.id);
    // A: 12,000 kWh × 0.1229 + 600 m³ gas × 1.2143 + 200 L × 0.73 kg/L × 1.4714; water is not energy.
    const kgceA = 12_000 * 0.1229 + 600 * 1.2143 + 200 * 0.73 * 1.4714;
    expect(a).toMatchObject({ headcount: 10, buildingArea: 750, electricity: 12_000, water: 1200, waterPerCapita: 120, cost: '2210.50' });
    expect(a.kgce).toBeCloseTo(kgceA, 1);
    expect(a.kgcePerCapita).toBeCloseTo(kgceA / 10, 1);
    expect(a.kgcePerSqm).toBeCloseTo(kgceA / 750, 2);
    expect(a.electricityPerSqm).toBe(16);
    expect(a.co2).toBeCloseTo(12_000 * 0.5366 + 600 * 2.1622 + 146 * 2.9251, 0);
    // B: 6,000 kWh and the 100 L its car bought.
    expect(b).toMatchObject({ headcount: 5, buildingArea: 250 });
    expect(b.kgce).toBeCloseTo(6000 * 0.1229 + 100 * 0.73 * 1.4714, 1);
    expect(body.total.headcount).toBe(15);
    expect(body.total.kgce).toBeCloseTo(a.kgce + b.kgce, 1);
    expect(body.national.find((n: { year: number }) => n.year === 2020)).toMatchObject({
      kgcePerSqm: 18.48,
      kgcePerCapita: 329.56,
      waterPerCapita: 21.53,
    });
    expect(body.coefficients).toMatchObject({ electricity: 0.1229, scheme: 'equivalent' });
    // A unit sees itself only; a part of a month reads the daily rollup (January's consumption lands on its last day).
    const own = (await unitB.get(`${E}/indicators?from=2025-01-01&to=2025-12-31`)).json();
    expect(own.items.map((i: { orgId: number }) => i.orgId)).toEqual([d.unitB.id]);
    const part = (await manager.get(`${E}/indicators?from=2025-01-15&to=2025-02-27&orgId=${d.unitA.id}`)).json();
    expect(part.items[0].electricity).toBe(1000);
    expect((await unitB.get(`${E}/indicators?from=2025-01-01&to=2025-12-31&orgId=${d.unitA.id}`)).statusCode).toBe(404);
    expect((await manager.get(`${E}/indicators?from=2025-02-01&to=2025-01-01`)).statusCode).toBe(400);
  });

  it('gives the same figures per office site, for the meters located there', async () => {
    const r = await manager.get(`${E}/indicators/sites?from=2025-01-01&to=2025-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    const site = r.json().items.find((i: { siteName: string }) => i.siteName === '机关大院');
    expect(site).toMatchObject({ buildingArea: 1000, electricity: 12_000, kgcePerSqm: 1.47 });
    // Unit B sees no site: none of its meters is placed on one and it manages none.
    expect((await unitB.get(`${E}/indicators/sites?from=2025-01-01&to=2025-12-31`)).json().items).toEqual([]);
  });

  it('switches the electricity coefficient with a new version of the rule', async () => {
    const admin = await login(app, 'admin');
    const cur = (await admin.get('/api/v1/refdata/rules/energy_rules')).json();
    const data = { ...(cur.items?.[0]?.data ?? cur.data), electricityScheme: 'equal_value' };
    const v = await admin.post('/api/v1/refdata/rules/energy_rules', {
      effectiveFrom: '2099-01-01',
      titleZh: '等价值',
      titleEn: 'Equal value',
      data,
    });
    expect(v.statusCode, v.body).toBe(200);
    // Periods before the new version keep 当量值; nothing in 2025 changes.
    const r = (await manager.get(`${E}/indicators?from=2025-01-01&to=2025-12-31&orgId=${d.unitB.id}`)).json();
    expect(r.coefficients.scheme).toBe('equivalent');
  });

  it('draws monthly, yearly, end-use and series charts from the rollups', async () => {
    const m = (await manager.get(`${E}/trend/monthly?year=2025&orgId=${d.unitB.id}`)).json();
    expect(m.months).toHaveLength(12);
    expect(m.months[1]).toMatchObject({ month: 2, kgce: 61.45, mom: 0 });
    expect(m.months[11].yoy).toBe(0); // December 2024 had the same 500 kWh
    const y = (await manager.get(`${E}/trend/yearly?baseYear=2025&toYear=2025&orgId=${d.unitA.id}`)).json();
    expect(y.years[0]).toMatchObject({ year: 2025, perCapitaChange: 0 });
    expect(y.targets).toMatchObject({ perCapita: -0.06, perSqm: -0.05 });
    const e = (await manager.get(`${E}/end-use?from=2025-01-01&to=2025-12-31&orgId=${d.unitA.id}`)).json();
    expect(e.items).toEqual([
      { endUse: 'unmetered', quantity: 8400, share: 0.7 },
      { endUse: 'hvac', quantity: 3600, share: 0.3 },
    ]);
    const s = (await manager.get(`${E}/series?meterId=${id.wA}&from=2025-01-01&to=2025-03-31&grain=month`)).json();
    expect(s.points.map((p: { bucket: string; water: number }) => [p.bucket, p.water])).toEqual([
      ['2025-01-01', 100],
      ['2025-02-01', 100],
      ['2025-03-01', 100],
    ]);
    expect((await manager.get(`${E}/series?from=2025-01-01&to=2025-12-31&grain=hour`)).statusCode).toBe(400);
  });

  it('keeps bill accounts in the rollups when a bill changes or goes', async () => {
    const list = (await manager.get(`${E}/bills?meterId=${id.fuelA}`)).json();
    const bill = list.items[0];
    expect(bill).toMatchObject({ month: '2025-01', quantity: 200, amount: '1560.00' });
    expect((await manager.patch(`${E}/bills/${bill.id}`, { quantity: 250 })).statusCode).toBe(200);
    const sum = async () =>
      Number(
        (await rows<{ s: number }>(sql`select coalesce(sum(consumption),0) as s from energy_monthly where meter_id = ${id.fuelA}`))[0]!.s,
      );
    expect(await sum()).toBe(250);
    const dup = await manager.post(`${E}/bills`, { meterId: id.fuelA, month: '2025-01', quantity: 1, amount: 1 });
    expect(dup.statusCode).toBe(409);
    expect((await unitB.patch(`${E}/bills/${bill.id}`, { quantity: 1 })).statusCode).toBe(404);
    expect((await manager.post(`${E}/bills`, { meterId: id.fuelA, month: '2099-01', quantity: 1, amount: 1 })).statusCode).toBe(400);
    expect((await manager.post(`${E}/bills`, { meterId: id.fuelA, month: '2025-02', quantity: -1, amount: 1 })).statusCode).toBe(400);
    expect((await manager.patch(`${E}/bills/${bill.id}`, { quantity: 200 })).statusCode).toBe(200);
    expect(await sum()).toBe(200);
  });
});

describe('quotas', () => {
  it('shows progress and a projection, and opens an explanation when a unit goes over, reviewed on the approval engine', async () => {
    expect((await unitA.put(`${E}/quotas/${d.unitA.id}/${thisYear}`, { kgceQuota: 100 })).statusCode).toBe(403);
    const set = await manager.put(`${E}/quotas/${d.unitA.id}/${thisYear}`, { kgceQuota: 1000, note: '按上年核定' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ kgceQuota: 1000, over: true });
    expect(set.json().projectedKgce).toBeGreaterThan(set.json().actualKgce);
    expect((await manager.put(`${E}/quotas/${d.unitB.id}/${thisYear}`, { kgceQuota: 1e6 })).json().over).toBe(false);
    expect((await manager.put(`${E}/quotas/${d.unitA.id}/${thisYear}`, { kgceQuota: 0 })).statusCode).toBe(400);
    const check = await manager.post(`${E}/quotas/check?year=${thisYear}`);
    expect(check.json()).toEqual({ opened: 1 });
    expect((await manager.post(`${E}/quotas/check?year=${thisYear}`)).json()).toEqual({ opened: 0 });
    const listRes = await unitA.get(`${E}/quota-explanations?year=${thisYear}`);
    expect(listRes.statusCode, listRes.body).toBe(200);
    const list = listRes.json();
    expect(list.total).toBe(1);
    const e = list.items[0];
    expect((await unitB.post(`${E}/quota-explanations/${e.id}/submit`, { explanation: 'x', measures: 'y' })).statusCode).toBe(404);
    const sub = await unitA.post(`${E}/quota-explanations/${e.id}/submit`, {
      explanation: '新增机房投入运行',
      measures: '机房空调改造，夜间关闭照明',
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('pending');
    expect((await approve(sub.json().instanceId)).statusCode).toBe(200);
    expect((await unitA.get(`${E}/quota-explanations/${e.id}`)).json().status).toBe('approved');
    const q = (await unitA.get(`${E}/quotas?year=${thisYear}`)).json().items[0];
    expect(q.explanation).toMatchObject({ status: 'approved' });
  });
});

describe('anomalies', () => {
  it('finds the water lost between a master and its sub-meters, a night baseload and a silent meter; a second scan adds nothing', async () => {
    // An interval meter of unit A with as much load at night as by day, for the last four weeks.
    const night = await meter(manager, { name: 'A 机房表', code: 'EA-IT', intervalMinutes: 60 });
    const start = Date.parse(`${today}T00:00:00+08:00`) - 28 * 86_400_000;
    const readings = Array.from({ length: 28 * 24 + 1 }, (_, i) => ({
      meterId: night,
      ts: new Date(start + i * 3_600_000).toISOString(),
      value: 1000 + i * 10,
    }));
    expect((await manager.post(`${E}/readings:batch`, { readings })).json().inserted).toBe(readings.length);
    // A smart meter that went silent three days ago.
    const silent = await meter(manager, { name: 'B 智能表', code: 'EB-IT', intervalMinutes: 15, orgId: d.unitB.id });
    const t3 = Date.now() - 3 * 86_400_000;
    await manager.post(`${E}/readings:batch`, {
      readings: [0, 1].map((k) => ({ meterId: silent, ts: new Date(t3 + k * 900_000).toISOString(), value: 5 + k })),
    });
    const scan = await manager.post(`${E}/anomalies/scan`);
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.json().byRule).toMatchObject({ water_loss: 3, baseload: 1, stopped: 1 });
    expect((await manager.post(`${E}/anomalies/scan`)).json().found).toBe(0);
    const loss = (await manager.get(`${E}/anomalies?rule=water_loss&pageSize=1`)).json().items[0];
    expect(loss).toMatchObject({ meterId: id.wA, evidence: { master: 100, subs: 90, share: 0.1, threshold: 0.04 } });
    expect(loss.message).toContain('10%');
    const heat = (await manager.get(`${E}/heatmap?meterId=${night}&from=${cnDate(start)}&to=${cnDate(Date.now() - 86_400_000)}`)).json();
    expect(heat.nightShare).toBe(1);
    expect(heat.days[5].hours[3]).toBe(10);
    // Unit B sees only its silent meter; unit A may not dismiss, the bureau may, once.
    expect((await unitB.get(`${E}/anomalies`)).json().items.map((i: { rule: string }) => i.rule)).toEqual(['stopped']);
    expect((await unitA.post(`${E}/anomalies/${loss.id}/dismiss`, { reason: '已知' })).statusCode).toBe(403);
    expect((await manager.post(`${E}/anomalies/${loss.id}/dismiss`, { reason: '分表检定中' })).json().status).toBe('dismissed');
    expect((await manager.post(`${E}/anomalies/${loss.id}/dismiss`, { reason: '再次' })).statusCode).toBe(400);
    // The silent meter reports again: its finding closes at the next scan.
    await manager.post(`${E}/readings:batch`, { readings: [{ meterId: silent, ts: new Date().toISOString(), value: 9 }] });
    await manager.post(`${E}/anomalies/scan`);
    expect((await unitB.get(`${E}/anomalies?rule=stopped`)).json().items[0].status).toBe('resolved');
  });
});

describe('patrols', () => {
  it('records findings by room, refuses an air conditioner that complies, and the third in a quarter raises a notice', async () => {
    const inspector = await addAccountWithRole(app, { username: 'inspector', orgId: d.bureau.id, roleCode: 'energy_inspector' });
    const july = (day: number) => `${thisYear}-07-${String(day).padStart(2, '0')}T21:00:00+08:00`;
    const post = (body: Record<string, unknown>) =>
      inspector.post(`${E}/patrol-findings`, { orgId: d.unitA.id, roomId: id.room101, observedAt: july(1), ...body });
    // The inspector finds the unit's rooms through the energy API (no office permission needed), only in scope.
    const rooms = (await inspector.get(`${E}/patrol-rooms?orgId=${d.unitA.id}&q=10`)).json();
    expect(rooms.items.map((r: { label: string }) => r.label)).toEqual(['1号楼 1F 101', '1号楼 1F 102']);
    expect((await unitB.get(`${E}/patrol-rooms?orgId=${d.unitA.id}`)).statusCode).toBe(404);
    const ok = await post({ kind: 'ac_summer_low', setpointC: 24 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ countInPeriod: 1, noticeId: null, roomLabel: '1号楼 101' });
    const compliant = await post({ kind: 'ac_summer_low', setpointC: 26 });
    expect(compliant.statusCode).toBe(400);
    expect(compliant.json().error.code).toBe('ENERGY_PATROL_NOT_BREACH');
    expect((await post({ kind: 'ac_winter_high', setpointC: 24 })).json().error.code).toBe('ENERGY_PATROL_SEASON');
    expect((await post({ kind: 'lights_on', roomId: id.room103 })).json().error.code).toBe('ENERGY_ROOM_ORG');
    expect((await post({ kind: 'lights_on', roomId: null, location: null })).statusCode).toBe(400);
    expect(
      (await unitA.post(`${E}/patrol-findings`, { orgId: d.unitA.id, roomId: id.room101, kind: 'lights_on', observedAt: july(2) }))
        .statusCode,
    ).toBe(403);
    expect((await post({ kind: 'lights_on', observedAt: july(8) })).json().countInPeriod).toBe(2);
    const third = await post({ kind: 'tap_running', observedAt: july(15) });
    expect(third.json()).toMatchObject({ countInPeriod: 3 });
    expect(third.json().noticeId).toBeTruthy();
    const notice = (await manager.get(`${E}/notices/${third.json().noticeId}`)).json();
    expect(notice).toMatchObject({ orgId: d.unitA.id, period: `${thisYear}-Q3`, deduction: 2, findings: 3 });
    expect(notice.title).toContain('1号楼 101');
    // Another room starts its own count.
    expect((await post({ kind: 'lights_on', roomId: id.room102 })).json().countInPeriod).toBe(1);
    expect((await unitA.get(`${E}/patrol-findings`)).json().total).toBe(4);
    expect((await unitB.get(`${E}/patrol-findings`)).json().total).toBe(0);
  });
});

describe('assessment', () => {
  it('scores units from the rule weights and publishes the year once', async () => {
    const r = (await manager.get(`${E}/assessment?year=${thisYear}`)).json();
    expect(r.published).toBe(false);
    const a = r.items.find((i: { orgId: number }) => i.orgId === d.unitA.id);
    const b = r.items.find((i: { orgId: number }) => i.orgId === d.unitB.id);
    const crit = (x: { breakdown: { criterion: string; score: number }[] }, c: string) => x.breakdown.find((k) => k.criterion === c)!.score;
    // A: over its quota of 1,000 kgce; 4 findings and a notice cost 4 × 1 + 2 points.
    expect(crit(a, 'findings')).toBe(14);
    expect(crit(a, 'quota')).toBeLessThan(40);
    expect(crit(b, 'quota')).toBe(40);
    expect(crit(b, 'findings')).toBe(20);
    expect(b.rank).toBeLessThan(a.rank);
    const pub = await manager.post(`${E}/assessment/${thisYear}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().published).toBe(true);
    expect((await manager.post(`${E}/assessment/${thisYear}/publish`)).statusCode).toBe(409);
    expect((await unitA.post(`${E}/assessment/${thisYear}/publish`)).statusCode).toBe(403);
  });
});

describe('annual report', () => {
  it('prefills from the records, wants a reason for every change, goes through approval and shows in the tracker', async () => {
    const year = 2025;
    const r = (await unitA.get(`${E}/reports/${d.unitA.id}/${year}`)).json();
    expect(r).toMatchObject({ status: 'not_started', deadline: '2026-03-31' });
    expect(r.prefill).toMatchObject({
      buildingArea: 750,
      headcount: 10,
      electricity: 12_000,
      water: 1200,
      naturalGas: 600,
      gasoline: 200,
      energyCost: 2210.5,
    });
    expect(r.derived.kgce).toBeCloseTo(12_000 * 0.1229 + 600 * 1.2143 + 200 * 0.73 * 1.4714, 1);
    const noReason = await unitA.put(`${E}/reports/${d.unitA.id}/${year}`, { values: { headcount: 12 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('ENERGY_REPORT_REASON');
    expect(noReason.json().error.message).toContain('用能人数');
    expect(await count('energy_reports')).toBe(0);
    expect((await unitB.put(`${E}/reports/${d.unitA.id}/${year}`, { values: {} })).statusCode).toBe(404);
    expect((await unitA.put(`${E}/reports/${d.unitA.id}/${thisYear}`, { values: {} })).statusCode).toBe(400);
    const saved = await unitA.put(`${E}/reports/${d.unitA.id}/${year}`, {
      values: { headcount: 12 },
      reasons: { headcount: '含 2 名借调人员' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', values: { headcount: 12 }, reasons: { headcount: '含 2 名借调人员' } });
    const sub = await unitA.post(`${E}/reports/${d.unitA.id}/${year}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'pending', late: true });
    expect((await unitA.put(`${E}/reports/${d.unitA.id}/${year}`, { values: {} })).json().error.code).toBe('ENERGY_REPORT_LOCKED');
    expect((await approve(sub.json().instanceId)).statusCode).toBe(200);
    const tracker = (await manager.get(`${E}/reports/tracker?year=${year}`)).json();
    expect(tracker.items.find((i: { orgId: number }) => i.orgId === d.unitA.id)).toMatchObject({
      status: 'approved',
      late: true,
      overdue: false,
    });
    expect(tracker.items.find((i: { orgId: number }) => i.orgId === d.unitB.id)).toMatchObject({ status: 'not_started', overdue: true });
    const x = await manager.get(`${E}/reports/${d.unitA.id}/${year}/export`);
    expect(x.statusCode).toBe(200);
    const sheet = await readWorkbook(x.rawPayload);
    expect(sheet[0]![0]).toContain('2025');
    expect(sheet.find((row) => row[1] === '用能人数')?.slice(4, 5)).toEqual(['12']);
    expect((await manager.get(`${E}/reports/by-id/${sub.json().id}`)).json().orgId).toBe(d.unitA.id);
  });

  it('lists overview figures for the dashboard', async () => {
    const o = await manager.get(`${E}/overview?year=${thisYear}`);
    expect(o.statusCode, o.body).toBe(200);
    expect(o.json()).toMatchObject({ year: thisYear, quotasOver: 1, reports: { year: thisYear - 1 } });
    expect(o.json().meters.total).toBeGreaterThanOrEqual(10);
  });
});
