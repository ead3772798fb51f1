import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { upload, workbook } from '../helpers/excel';
import { scenario } from '../helpers/steps';

/**
 * Energy meters and readings over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
 * the meter tree and its rules, the batch API (idempotent, per-row rejection, size limit,
 * token scope), the reading chain (multiplier, rollover, negative, spike, out-of-order
 * backfill, corrections), the rollups against raw readings, monthly entry and imports.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let token: string;
const E = '/api/v1/energy';
const id: Record<string, number> = {};
/**
 * Two short stories share this file's database (tests/helpers/steps.ts): the master meter E-1 is
 * made, then fed a day of readings, then a batch with bad rows (its reading count and audit are
 * read by later tests); the manual water meter W-1 gets two months by hand, then imported ones.
 * A test that needs one of them runs its steps first, once each; every other test makes its own
 * meter with its own code, so any test runs alone or in any order.
 */
const masterMeter = scenario();
const manualMeter = scenario();
const TREE = 'keeps a tree of a master and sub-meters, counting each kWh once';
const BAD_ROWS = 'rejects bad rows with their index and reason and stores the good ones';

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(app.services.db, q);
const count = async (table: string, where = sql`true`) =>
  Number((await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n);
const bearer = () => ({ authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' });
const batch = (readings: unknown[], headers = bearer()) =>
  app.inject({ method: 'POST', url: `${E}/readings:batch`, headers, payload: { readings } });
async function meter(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${E}/meters`, { energyType: 'electricity', unit: 'kWh', orgId: d.unitA.id, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
/** 15-minute series starting at `start` (ISO), register values from `from` adding `step`. */
function series(meterId: number, start: string, n: number, from: number, step: number | ((i: number) => number)) {
  const t0 = Date.parse(start);
  let v = from;
  return Array.from({ length: n }, (_, i) => {
    if (i > 0) v += typeof step === 'number' ? step : step(i);
    return { meterId, ts: new Date(t0 + i * 900_000).toISOString(), value: Math.round(v * 1000) / 1000 };
  });
}
const sumOf = async (table: string, meterId: number) =>
  Number(
    (await rows<{ s: number }>(sql`select coalesce(sum(consumption), 0) as s from ${sql.raw(table)} where meter_id = ${meterId}`))[0]!.s,
  );
const rawSum = async (meterId: number) =>
  Number((await rows<{ s: number }>(sql`select coalesce(sum(delta), 0) as s from energy_readings where meter_id = ${meterId}`))[0]!.s);

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  [manager, unitA, unitB] = [await login(app, 'manager'), await login(app, 'unit_a'), await login(app, 'unit_b')];
  const t = await manager.post('/api/v1/auth/tokens', {
    name: '能耗采集网关',
    permissions: ['energy.ingest'],
    expiresAt: new Date(Date.now() + 86400_000).toISOString(),
  });
  expect(t.statusCode, t.body).toBe(200);
  token = t.json().token;
});
afterAll(async () => {
  await app.close();
});

describe('meters', () => {
  masterMeter.it(TREE, async () => {
    const master = await meter(manager, { name: '1号楼总表', code: 'E-1', intervalMinutes: 15, multiplier: 2 });
    expect(master).toMatchObject({ inTotal: true, parentId: null, multiplier: 2, intervalMinutes: 15 });
    id.master = master.id;
    // A sub-meter does not count by default (its master already does) …
    const sub = await meter(manager, { name: '1号楼空调', code: 'E-1-1', parentId: master.id, endUse: 'hvac', intervalMinutes: 15 });
    expect(sub.inTotal).toBe(false);
    id.sub = sub.id;
    // … and cannot be made to, nor can the master's parent path count twice.
    const twice = await manager.post(`${E}/meters`, {
      name: 'x',
      energyType: 'electricity',
      unit: 'kWh',
      orgId: d.unitA.id,
      parentId: master.id,
      inTotal: true,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('ENERGY_DOUBLE_TOTAL');
    expect(twice.json().error.message).toContain('1号楼总表');
    const tree = (await manager.get(`${E}/meters/tree`)).json();
    expect(tree.find((n: { id: number }) => n.id === master.id).nodes.map((n: { id: number }) => n.id)).toEqual([sub.id]);
  });

  it('refuses bad meters with a 4xx and writes nothing', async () => {
    await masterMeter.through(TREE);
    const before = await count('energy_meters');
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ unit: 'm3' }, 400, 'VALIDATION_FAILED'], // electricity in m³
      [{ orgId: d.deptA.id }, 400, 'ENERGY_METER_ORG_KIND'], // a department
      [{ orgId: d.unitB.id }, 404], // another unit, for unit A's administrator
      [{ code: 'E-1' }, 409, 'ENERGY_METER_CODE_EXISTS'],
      [{ parentId: id.master, energyType: 'water', unit: 'm3' }, 400, 'ENERGY_PARENT_TYPE'],
      [{ multiplier: 0 }, 400, 'VALIDATION_FAILED'],
      [{ name: '' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'bill', intervalMinutes: 15 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [over, status, code] of cases) {
      const r = await unitA.post(`${E}/meters`, { name: '测试表', energyType: 'electricity', unit: 'kWh', orgId: d.unitA.id, ...over });
      expect(r.statusCode, JSON.stringify(over) + r.body).toBe(status);
      if (code) expect(r.json().error.code).toBe(code);
    }
    expect(await count('energy_meters')).toBe(before);
    // Unit B sees none of unit A's meters.
    expect((await unitB.get(`${E}/meters`)).json().total).toBe(0);
    expect((await unitB.get(`${E}/meters/${id.master}`)).statusCode).toBe(404);
    // A cycle is refused.
    const cyc = await manager.patch(`${E}/meters/${id.master}`, { parentId: id.sub });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().error.code).toBe('ENERGY_PARENT_CYCLE');
  });
});

describe('batch ingest', () => {
  masterMeter.it('stores interval data, counts a resent batch as duplicates, and keeps the rollups equal to the readings', async () => {
    const day = series(id.master, '2026-03-02T00:00:00+08:00', 97, 1000, (i) => (i % 4 === 0 ? 3 : 1.5));
    const first = await batch(day);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 97, duplicates: 0, rejected: [] });
    const again = await batch(day);
    expect(again.json()).toMatchObject({ inserted: 0, duplicates: 97, rejected: [] });
    expect(await count('energy_readings', sql`meter_id = ${id.master}`)).toBe(97);
    // Consumption = (last − first register) × multiplier 2, in every rollup, and it all lands on 2 March.
    const expected = (day[96]!.value - day[0]!.value) * 2;
    expect(await rawSum(id.master)).toBeCloseTo(expected, 6);
    for (const t of ['energy_hourly', 'energy_daily', 'energy_monthly']) expect(await sumOf(t, id.master)).toBeCloseTo(expected, 6);
    expect(await count('energy_hourly', sql`meter_id = ${id.master}`)).toBe(24);
    const [daily] = await rows<{ day: string }>(sql`select day::text as day from energy_daily where meter_id = ${id.master}`);
    expect(daily!.day).toBe('2026-03-02');
    // The hour 00:00–01:00 holds the four intervals ending at 00:15 … 01:00.
    const [h0] = await rows<{ c: number }>(
      sql`select consumption as c from energy_hourly where meter_id = ${id.master} and hour = '2026-03-01T16:00:00Z'::timestamptz`,
    );
    expect(Number(h0!.c)).toBeCloseTo((1.5 + 1.5 + 1.5 + 3) * 2, 6);
  });

  masterMeter.it(BAD_ROWS, async () => {
    const good = series(id.master, '2026-03-03T01:00:00+08:00', 3, 1200, 1);
    const res = await batch([
      good[0],
      { meterId: 999999, ts: '2026-03-03T00:20:00+08:00', value: 1 },
      { meterId: id.master, ts: new Date(Date.now() + 3_600_000).toISOString(), value: 1300 },
      { meterId: id.master, ts: '2026-03-03T00:25:00+08:00', value: 'abc' },
      { meterId: id.master, ts: '2026-03-03 00:30', value: 1201 },
      { meterId: id.master, value: 1201 },
      'not a row',
      good[1],
      good[2],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.inserted).toBe(3);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'unknown_meter'],
      [2, 'future'],
      [3, 'bad_value'],
      [4, 'bad_time'],
      [5, 'invalid_row'],
      [6, 'invalid_row'],
    ]);
    expect(body.rejected[0].reason).toContain('999999');
  });

  it('refuses a batch over the size limit whole, and a caller without the permission', async () => {
    // The master meter with its stored batches (the audit count below).
    await masterMeter.through(BAD_ROWS);
    const before = await count('energy_readings');
    const big = series(id.master, '2026-04-01T00:00:00+08:00', 10_001, 5000, 1);
    const r = await batch(big);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('10000');
    expect(await count('energy_readings')).toBe(before);
    // Unit B's administrator may enter readings, but not for unit A's meter.
    const other = await app.inject({
      method: 'POST',
      url: `${E}/readings:batch`,
      headers: unitB.headers,
      payload: { readings: series(id.master, '2026-03-04T00:00:00+08:00', 2, 9000, 1) },
    });
    expect(other.json()).toMatchObject({ inserted: 0, rejected: [{ code: 'unknown_meter' }, { code: 'unknown_meter' }] });
    // Staff hold neither permission.
    const staff = await login(app, 'staff');
    expect(
      (await app.inject({ method: 'POST', url: `${E}/readings:batch`, headers: staff.headers, payload: { readings: [] } })).statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: `${E}/readings:batch`, headers: staff.headers, payload: { readings: big.slice(0, 1) } }))
        .statusCode,
    ).toBe(403);
    expect(await count('energy_readings')).toBe(before);
    // Every stored batch left one audit record.
    expect(await count('audit_log', sql`action = 'ingest' and entity_type = 'energy_readings'`)).toBeGreaterThanOrEqual(3);
  });

  it('fills a gap out of order: the later reading is recomputed and the rollups stay exact', async () => {
    const m = await meter(manager, { name: '回填测试表', code: 'E-BF', intervalMinutes: 60 });
    const at = (h: number) => `2026-03-05T${String(h).padStart(2, '0')}:00:00+08:00`;
    await batch([
      { meterId: m.id, ts: at(0), value: 100 },
      { meterId: m.id, ts: at(1), value: 110 },
      { meterId: m.id, ts: at(4), value: 170 },
    ]);
    // 01:00 → 04:00 was one delta of 60 in the 03:00 hour; backfilling 02:00 and 03:00 spreads it.
    const r = await batch([
      { meterId: m.id, ts: at(2), value: 125 },
      { meterId: m.id, ts: at(3), value: 150 },
    ]);
    expect(r.json()).toMatchObject({ inserted: 2, duplicates: 0 });
    const hours = await rows<{ h: string; c: number }>(
      sql`select to_char(hour at time zone 'UTC', 'HH24') as h, consumption as c from energy_hourly where meter_id = ${m.id} order by hour`,
    );
    expect(hours.map((x) => [x.h, Number(x.c)])).toEqual([
      ['16', 10],
      ['17', 15],
      ['18', 25],
      ['19', 20],
    ]);
    expect(await sumOf('energy_daily', m.id)).toBe(70);
    const deltas = await rows<{ delta: number | null }>(sql`select delta from energy_readings where meter_id = ${m.id} order by ts`);
    expect(deltas.map((x) => x.delta)).toEqual([null, 10, 15, 25, 20]);
  });
  it('keeps the rollups equal to a from-scratch aggregation after out-of-order and duplicate rows across hour, day and month ends', async () => {
    const a = await meter(manager, { name: '月末乱序表A', code: 'E-OOA', intervalMinutes: 15 });
    const b = await meter(manager, { name: '月末乱序表B', code: 'E-OOB', intervalMinutes: 15, multiplier: 40 });
    // 22:00 on 31 March to 02:00 on 1 April (China): hour, day and month ends inside the stretch.
    const full = [
      ...series(a.id, '2026-03-31T22:00:00+08:00', 17, 500, (i) => 1 + (i % 3)),
      ...series(b.id, '2026-03-31T22:00:00+08:00', 17, 80, 0.25),
    ];
    const first = full.filter((_, i) => i % 17 < 5 || i % 17 > 12 || i % 17 === 8);
    const r1 = await batch(first);
    expect(r1.json()).toMatchObject({ inserted: first.length, duplicates: 0, rejected: [] });
    // The gaps, shuffled across both meters, plus a row sent twice in the batch and one already stored.
    const gaps = full.filter((row) => !first.includes(row));
    const second = [
      gaps[3],
      gaps[10],
      full[8],
      gaps[0],
      gaps[12],
      gaps[7],
      gaps[3],
      ...gaps.slice(1, 3),
      ...gaps.slice(4, 7),
      gaps[9],
      gaps[11],
      gaps[8],
      gaps[13],
    ];
    expect(new Set(second).size).toBe(gaps.length + 1);
    const r2 = await batch(second);
    expect(r2.json()).toMatchObject({ inserted: gaps.length, duplicates: 2, rejected: [] });
    const ids = sql`(${a.id}, ${b.id})`;
    // Every delta is the register's step from the previous reading times the multiplier.
    const chain = await rows<{ ok: boolean }>(
      sql`select (r.delta is not distinct from round(((r.value - lag(r.value) over w) * m.multiplier)::numeric, 6)::float8) as ok
          from energy_readings r join energy_meters m on m.id = r.meter_id where r.meter_id in ${ids} window w as (partition by r.meter_id order by r.ts)`,
    );
    expect(chain.length).toBe(full.length);
    expect(chain.every((x) => x.ok)).toBe(true);
    // Each rollup against the readings bucketed afresh by the instant just before them (China time).
    const before = sql`(r.ts - interval '1 millisecond')`;
    const grains = [
      ['energy_hourly', 'hour', sql`date_trunc('hour', ${before})`],
      ['energy_daily', 'day', sql`((${before} at time zone 'UTC') + interval '8 hours')::date`],
      ['energy_monthly', 'month', sql`date_trunc('month', (${before} at time zone 'UTC') + interval '8 hours')::date`],
    ] as const;
    for (const [table, col, bucket] of grains) {
      const cmp = await rows<{ k: string; c: number | null; n: number | null; s: number | null; sn: number | null }>(
        sql`with fresh as (select r.meter_id, ${bucket} as k, sum(r.delta) as s, count(r.delta)::int as sn
                           from energy_readings r where r.meter_id in ${ids} and r.delta is not null group by 1, 2)
            select coalesce(x.${sql.identifier(col)}, f.k)::text as k, x.consumption as c, x.readings as n, f.s, f.sn
            from (select * from ${sql.identifier(table)} where meter_id in ${ids}) x
            full join fresh f on f.meter_id = x.meter_id and f.k = x.${sql.identifier(col)} order by 1`,
      );
      expect(cmp.length, table).toBe({ energy_hourly: 8, energy_daily: 4, energy_monthly: 4 }[table]);
      for (const x of cmp) {
        expect([x.k, x.n], table).toEqual([x.k, x.sn]);
        expect(Number(x.c), `${table} ${x.k}`).toBeCloseTo(Number(x.s), 9);
      }
    }
  });
});

describe('the reading chain', () => {
  it('counts across a rollover, flags a negative reading without counting it, and a correction mends it', async () => {
    const m = await meter(manager, { name: '翻转测试表', code: 'E-RO', rolloverValue: 100000, intervalMinutes: 60 });
    const at = (h: number) => `2026-03-06T${String(h).padStart(2, '0')}:00:00+08:00`;
    const res = await batch([
      { meterId: m.id, ts: at(0), value: 99990 },
      { meterId: m.id, ts: at(1), value: 10 }, // rolled over: 20
      { meterId: m.id, ts: at(2), value: 30 }, // 20
      { meterId: m.id, ts: at(3), value: 3 }, // a misread: negative, not counted
      { meterId: m.id, ts: at(4), value: 55 }, // from 30: 25
    ]);
    expect(res.json()).toMatchObject({ inserted: 5, flagged: 2 });
    const chain = await rows<{ delta: number | null; flag: string | null }>(
      sql`select delta, flag from energy_readings where meter_id = ${m.id} order by ts`,
    );
    expect(chain.map((x) => [x.delta, x.flag])).toEqual([
      [null, null],
      [20, 'rollover'],
      [20, null],
      [null, 'negative'],
      [25, null],
    ]);
    expect(await sumOf('energy_daily', m.id)).toBe(65);
    expect(await count('energy_anomalies', sql`meter_id = ${m.id} and rule = 'negative' and status = 'open'`)).toBe(1);
    // The statistician corrects the misread 3 → 42: the original is kept, 30→42→55 gives 12 + 13.
    const c = await manager.post(`${E}/readings/correct`, { meterId: m.id, ts: at(3), value: 42, reason: '抄表员误读' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ value: 42, originalValue: 3, consumption: 12, flag: null, correctionReason: '抄表员误读' });
    const after = await rows<{ delta: number | null }>(sql`select delta from energy_readings where meter_id = ${m.id} order by ts`);
    expect(after.map((x) => x.delta)).toEqual([null, 20, 20, 12, 13]);
    expect(await sumOf('energy_daily', m.id)).toBe(65);
    expect(await sumOf('energy_monthly', m.id)).toBe(65);
    expect(await sumOf('energy_hourly', m.id)).toBe(65);
    expect(await count('energy_anomalies', sql`meter_id = ${m.id} and rule = 'negative' and status = 'resolved'`)).toBe(1);
    expect(await count('audit_log', sql`action = 'correct' and entity_type = 'energy_reading'`)).toBe(1);
    // Correcting a reading that does not exist is a 404 and changes nothing.
    const none = await manager.post(`${E}/readings/correct`, { meterId: m.id, ts: at(7), value: 1, reason: 'x' });
    expect(none.statusCode).toBe(404);
  });

  it('flags a spike far above the meter’s recent rate, and still counts it', async () => {
    const m = await meter(manager, { name: '突变测试表', code: 'E-SP', intervalMinutes: 15 });
    // Eight days of a steady 4 kWh/h (a week of history is needed before jumps are judged), then 160 kWh/h.
    const normal = series(m.id, '2026-03-07T00:00:00+08:00', 8 * 96, 500, 1);
    await batch(normal);
    const spike = { meterId: m.id, ts: '2026-03-15T00:00:00+08:00', value: normal.at(-1)!.value + 40 };
    const r = await batch([spike]);
    expect(r.json()).toMatchObject({ inserted: 1, flagged: 1 });
    const [row] = await rows<{ delta: number; flag: string }>(
      sql`select delta, flag from energy_readings where meter_id = ${m.id} order by ts desc limit 1`,
    );
    expect([Number(row!.delta), row!.flag]).toEqual([40, 'spike']);
    expect(await sumOf('energy_daily', m.id)).toBe(8 * 96 - 1 + 40);
    expect(await count('energy_anomalies', sql`meter_id = ${m.id} and rule = 'jump'`)).toBe(1);
  });

  it('serialises concurrent batches on one meter so the chain stays exact', async () => {
    const m = await meter(manager, { name: '并发测试表', code: 'E-CC', intervalMinutes: 15 });
    const all = series(m.id, '2026-03-08T00:00:00+08:00', 80, 0, 2);
    const parts = [0, 1, 2, 3].map((k) => all.slice(k * 20, k * 20 + 20));
    const res = await Promise.all(parts.reverse().map((p) => batch(p)));
    expect(res.map((r) => r.json().inserted)).toEqual([20, 20, 20, 20]);
    expect(await rawSum(m.id)).toBe(158);
    for (const t of ['energy_hourly', 'energy_daily', 'energy_monthly']) expect(await sumOf(t, m.id)).toBe(158);
  });
});

describe('manual entry and imports', () => {
  manualMeter.it('takes a month of readings for the unit’s manual meters, all or nothing', async () => {
    await masterMeter.through(TREE); // the interval meter unit A may not read by hand
    const water = await meter(unitA, { name: '机关楼水表', code: 'W-1', energyType: 'water', unit: 'm3' });
    const gas = await meter(unitA, { name: '食堂燃气表', code: 'G-1', energyType: 'natural_gas', unit: 'm3' });
    id.water = water.id;
    const first = await unitA.post(`${E}/readings/monthly`, {
      month: '2026-01',
      readings: [
        { meterId: water.id, value: 1000 },
        { meterId: gas.id, value: 500 },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await unitA.post(`${E}/readings/monthly`, {
      month: '2026-02',
      readings: [
        { meterId: water.id, value: 1240 },
        { meterId: gas.id, value: 560 },
      ],
    });
    expect(second.json()).toMatchObject({ inserted: 2, unchanged: 0 });
    // February's registers are stored at 1 March 00:00 China time, so the consumption is February's.
    const [feb] = await rows<{ c: number }>(
      sql`select consumption as c from energy_monthly where meter_id = ${water.id} and month = '2026-02-01'`,
    );
    expect(Number(feb!.c)).toBe(240);
    expect(await count('energy_hourly', sql`meter_id = ${water.id}`)).toBe(0);
    const sheetRes = await unitA.get(`${E}/readings/monthly-sheet?orgId=${d.unitA.id}&month=2026-03`);
    expect(sheetRes.statusCode, sheetRes.body).toBe(200);
    const sheet = sheetRes.json();
    const w = sheet.items.find((i: { meter: { id: number } }) => i.meter.id === water.id);
    expect(w).toMatchObject({ previous: { value: 1240 }, current: null });
    // The same values again change nothing; a different one is refused and nothing of the month is written.
    expect(
      (await unitA.post(`${E}/readings/monthly`, { month: '2026-02', readings: [{ meterId: water.id, value: 1240 }] })).json(),
    ).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
    const before = await count('energy_readings');
    const clash = await unitA.post(`${E}/readings/monthly`, { month: '2026-02', readings: [{ meterId: gas.id, value: 999 }] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('ENERGY_READING_EXISTS');
    const mixed = await unitA.post(`${E}/readings/monthly`, {
      month: '2026-03',
      readings: [
        { meterId: water.id, value: 1400 },
        { meterId: id.master, value: 1 },
      ],
    });
    expect(mixed.statusCode).toBe(400); // an interval meter is not read by hand … (and unit A cannot see it anyway)
    expect(await count('energy_readings')).toBe(before);
    const future = await unitA.post(`${E}/readings/monthly`, { month: '2099-01', readings: [{ meterId: water.id, value: 1 }] });
    expect(future.statusCode).toBe(400);
    expect(
      (await unitB.post(`${E}/readings/monthly`, { month: '2026-03', readings: [{ meterId: water.id, value: 1400 }] })).statusCode,
    ).toBe(404);
  });

  manualMeter.it('imports readings from CSV all or nothing, and the same file again adds nothing', async () => {
    const bad = Buffer.from('表号,读数时间,表底数\nW-1,2026-03-31,1500\nW-404,2026-03-31,1\nW-1,2026-04-31,1600\n', 'utf8');
    const r1 = await upload(app, unitA, `${E}/readings/import`, bad, 'readings.csv');
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.details.errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(await count('energy_readings', sql`meter_id = ${id.water}`)).toBe(2);
    const good = Buffer.from('\uFEFF表号,读数时间,表底数\nW-1,2026-03-31,1500\nW-1,2026-04-30,1610\n', 'utf8');
    const r2 = await upload(app, unitA, `${E}/readings/import`, good, 'readings.csv');
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ imported: 2, skipped: 0 });
    const r3 = await upload(app, unitA, `${E}/readings/import`, good, 'readings.csv');
    expect(r3.json()).toMatchObject({ imported: 0, skipped: 2 });
    // "2026-03-31" is the end of 31 March: March's consumption.
    const [mar] = await rows<{ c: number }>(
      sql`select consumption as c from energy_monthly where meter_id = ${id.water} and month = '2026-03-01'`,
    );
    expect(Number(mar!.c)).toBe(260);
    // An Excel workbook with a real date cell reads the same way.
    const xlsx = await workbook(['表号', '读数时间', '表底数'], [['W-1', new Date(Date.UTC(2026, 4, 31)), 1700]]);
    const r4 = await upload(app, unitA, `${E}/readings/import`, xlsx);
    expect(r4.json()).toMatchObject({ imported: 1 });
    const [may] = await rows<{ c: number }>(
      sql`select consumption as c from energy_monthly where meter_id = ${id.water} and month = '2026-05-01'`,
    );
    expect(Number(may!.c)).toBe(90);
  });

  it('lists a meter’s readings and the flagged ones, in scope only', async () => {
    // 97 readings of the day and 3 good rows of the bad batch.
    await masterMeter.through(BAD_ROWS);
    const list = (await manager.get(`${E}/readings?meterId=${id.master}&pageSize=5`)).json();
    expect(list.total).toBe(100);
    expect(list.items[0].ts > list.items[1].ts).toBe(true);
    const flagged = (await manager.get(`${E}/readings?flagged=true`)).json();
    expect(flagged.items.every((i: { flag: string | null }) => i.flag !== null)).toBe(true);
    expect((await unitB.get(`${E}/readings?meterId=${id.master}`)).json().total).toBe(0);
    expect((await manager.get(`${E}/readings`)).statusCode).toBe(400);
  });
});
