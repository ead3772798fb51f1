import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sumYuan, toFen } from '../../src/server/core';
import { type Session, type TestApp, TEST_PASSWORD, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { COST_RECORD_EXPORT_COLUMNS, LEDGER_EXPORT_COLUMNS } from '../../src/server/modules/vehicle-costs/costs.excel';
import { readWorkbook, upload, workbook } from '../helpers/excel';
import { scenario } from '../helpers/steps';

/**
 * Vehicle running costs over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
 * designated vendors, every record type with its 4xx cases (nothing changed on error), the
 * repair approval threshold from rule data, statement imports (all or nothing, idempotent),
 * the ledger's exact sums, cost per km, the disclosure sheet, every anomaly rule on planted
 * data and none on a clean vehicle, scope isolation and audit.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let dispatcher: Session;
const id: Record<string, number> = {};
const B = '/api/v1/vehicles';
const C = `${B}/costs`;
/**
 * The file tells one story: vendors, then the costs booked with them, then the fills and the
 * statements, then the ledger, the disclosure and the anomalies that read all of it (exact sums
 * and counts). Each test is a step of it: run alone or shuffled, it runs the earlier steps first,
 * once each (tests/helpers/steps.ts). Only the bad-input test stands outside: it changes nothing.
 */
const story = scenario();

const count = async (table: string, where = sql`true`) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n);
async function register(s: Session, over: Record<string, unknown>) {
  const r = await s.post(B, {
    orgId: d.unitA.id,
    type: 'other',
    brand: '红旗',
    model: 'H5',
    domestic: true,
    bodyType: 'sedan',
    energy: 'gasoline',
    displacement: 1.5,
    seats: 5,
    price: 150000,
    purchaseDate: '2022-06-01',
    tankCapacityL: 50,
    marking: 'official',
    supervisionPhone: '025-12345678',
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;
async function refuel(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${C}/refuels`, { vendorId: id.station, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function trip(vehicleId: number, start: string, end: string, km: [number, number]) {
  const b = await dispatcher.post(`${B}/bookings`, { vehicleId, driverId: id.driver, start, end, purpose: '公务' });
  expect(b.statusCode, b.body).toBe(201);
  const s = await dispatcher.post(`${B}/bookings/${b.json().id}/start`, { odometerKm: km[0], at: start });
  expect(s.statusCode, s.body).toBe(200);
  const f = await dispatcher.post(`${B}/bookings/${b.json().id}/finish`, { odometerKm: km[1], at: end });
  expect(f.statusCode, f.body).toBe(200);
  return b.json().id as number;
}
/** Four fills a week apart, 400 km apart, at `per100` L/100 km (the first one only sets the start). */
async function monthOfFills(vehicleId: number, odo: number, per100: number) {
  for (const [i, day] of ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'].entries()) {
    const litres = (400 * per100) / 100;
    await refuel(unitA, { vehicleId, at: at(day, '12:00'), quantity: litres, amount: litres * 7.5, odometerKm: odo + 400 * (i + 1) });
  }
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  dispatcher = await addAccountWithRole(app, { username: 'dispatcher', orgId: d.bureau.id, roleCode: 'dispatcher' });
  id.a1 = await register(unitA, { plate: '苏A30001', odometerKm: 10_000 });
  id.a2 = await register(unitA, { plate: '苏A30002', odometerKm: 20_000 });
  id.a3 = await register(unitA, { plate: '苏A30003', odometerKm: 30_000 });
  id.a4 = await register(unitA, { plate: '苏A30004', odometerKm: 40_000, tankCapacityL: 60 });
  id.a5 = await register(unitA, {
    plate: '苏A30005',
    odometerKm: 50_000,
    bodyType: 'suv',
    energy: 'diesel',
    displacement: 1.8,
    tankCapacityL: 70,
  });
  id.a6 = await register(unitA, { plate: '苏A30006', odometerKm: 60_000 });
  id.b1 = await register(unitB, { plate: '苏A40001', orgId: d.unitB.id, odometerKm: 5_000 });
  const p = await unitA.post('/api/v1/people', { name: '王师傅', orgId: d.unitA.id, postLevel: '199' });
  id.driver = p.json().id;
  expect((await manager.post(`${B}/drivers`, { personId: id.driver, licenceClass: 'B1', licenceExpiry: '2030-12-31' })).statusCode).toBe(
    201,
  );
  // Trips recorded before the fills (the odometer only moves forward at trip start).
  id.tripA1 = await trip(id.a1, at('2026-03-09', '08:00'), at('2026-03-09', '09:00'), [10_700, 10_790]);
  id.tripA5 = await trip(id.a5, at('2026-03-03', '08:00'), at('2026-03-03', '11:00'), [50_000, 50_100]);
  // Saturday 7 March 2026, booked straight by the dispatcher: no rest-day approval.
  id.tripA3 = await trip(id.a3, at('2026-03-07', '10:00'), at('2026-03-07', '12:00'), [30_500, 30_550]);
});
afterAll(async () => {
  await app?.close();
});

describe('designated vendors', () => {
  story.it('lists vendors with contract periods; the bureau only; clear 4xx', async () => {
    const mk = (body: Record<string, unknown>) => manager.post(`${B}/vendors`, body);
    const st = await mk({
      kind: 'fuel',
      name: '城东定点加油站',
      contractNo: 'ZB-2025-01',
      contractStart: '2025-01-01',
      contractEnd: '2026-12-31',
    });
    expect(st.statusCode, st.body).toBe(201);
    expect(st.json()).toMatchObject({ kind: 'fuel', designated: true, contractEnd: '2026-12-31' });
    id.station = st.json().id;
    id.oldStation = (await mk({ kind: 'fuel', name: '城西加油站', contractStart: '2023-01-01', contractEnd: '2024-12-31' })).json().id;
    id.shop = (await mk({ kind: 'repair', name: '市机关汽修厂', contractStart: '2025-01-01', contractEnd: '2027-12-31' })).json().id;
    id.insurer = (await mk({ kind: 'insurance', name: '人保财险', contractStart: '2024-01-01', contractEnd: '2027-12-31' })).json().id;
    expect((await mk({ kind: 'fuel', name: '城东定点加油站', contractStart: '2025-01-01', contractEnd: '2026-12-31' })).statusCode).toBe(
      409,
    );
    const reversed = await mk({ kind: 'fuel', name: 'x', contractStart: '2026-01-01', contractEnd: '2025-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.fields[0].field).toBe('contractEnd');
    expect((await mk({ kind: 'fuel', name: 'y' })).statusCode).toBe(400);
    expect((await unitA.post(`${B}/vendors`, { kind: 'fuel', name: 'z', designated: false })).statusCode).toBe(403);
    const list = (await unitA.get(`${B}/vendors?kind=fuel`)).json();
    expect(list.items.map((v: { name: string; inContract: boolean }) => [v.name, v.inContract])).toEqual([
      ['城东定点加油站', new Date().toISOString() <= '2026-12-31T16'],
      ['城西加油站', false],
    ]);
    const upd = await manager.patch(`${B}/vendors/${id.oldStation}`, { note: '合同到期未续签' });
    expect(upd.statusCode, upd.body).toBe(200);
  });
});

describe('records', () => {
  story.it('records refuels and charges with vendor flags and a history-file line', async () => {
    const ok = await refuel(unitA, {
      vehicleId: id.a5,
      at: at('2026-03-03', '12:00'),
      quantity: 40,
      amount: 300,
      odometerKm: 50_150,
      cardNo: 'CARD-A5',
    });
    expect(ok).toMatchObject({
      kind: 'fuel',
      quantity: 40,
      unit: 'L',
      amount: '300.00',
      vendorFlag: null,
      vendorName: '城东定点加油站',
      occurredOn: '2026-03-03',
    });
    const ev = (await unitA.get(`${B}/${id.a5}/events`)).json().items.filter((e: { kind: string }) => e.kind === 'refuel');
    expect(ev[0]).toMatchObject({
      kind: 'refuel',
      amount: '300.00',
      quantity: 40,
      odometerKm: 50_150,
      refType: 'vehicle_cost',
      refId: ok.id,
    });
    const notListed = await refuel(unitB, {
      vehicleId: id.b1,
      vendorId: null,
      vendorName: '路边加油站',
      at: at('2026-03-04'),
      quantity: 30,
      amount: 225,
    });
    expect(notListed.vendorFlag).toBe('not_listed');
    const outside = await refuel(unitA, { vehicleId: id.a6, vendorId: id.oldStation, at: at('2026-03-05'), quantity: 30, amount: 225 });
    expect(outside.vendorFlag).toBe('outside_contract');
    // By name, a listed station is recognised.
    const byName = await refuel(unitA, {
      vehicleId: id.a6,
      vendorId: null,
      vendorName: '城东定点加油站',
      at: at('2026-03-06'),
      quantity: 20,
      amount: 150,
    });
    expect(byName).toMatchObject({ vendorId: id.station, vendorFlag: null });
  });

  it('refuses bad input with a clear 4xx in both languages and changes nothing', async () => {
    // Needs the vendors (a station, a shop, an insurer) but no cost yet.
    await story.through('lists vendors with contract periods; the bureau only; clear 4xx');
    const before = {
      r: await count('vehicle_cost_records'),
      e: await count('vehicle_events'),
      a: await count('audit_log', sql`entity_type like 'vehicle%'`),
    };
    const base = { vehicleId: id.a1, at: at('2026-03-10'), quantity: 30, amount: 225, vendorId: id.station };
    const bad = async (body: Record<string, unknown>, field: string, url = `${C}/refuels`) => {
      const r = await unitA.post(url, body);
      expect(r.statusCode, r.body).toBe(400);
      expect(JSON.stringify(r.json().error.details)).toContain(field);
      return r;
    };
    await bad({ ...base, quantity: -5 }, 'quantity');
    await bad({ ...base, quantity: 0 }, 'quantity');
    await bad({ ...base, amount: -1 }, 'amount');
    await bad({ ...base, quantity: 5000 }, 'quantity');
    await bad({ ...base, at: '2026-03-10 10:00' }, 'at');
    await bad({ ...base, vendorId: undefined }, 'vendorId');
    await bad({ ...base, odometerKm: -1 }, 'odometerKm');
    await bad(
      { vehicleId: id.a1, policyNo: 'P1', start: '2026-06-01', end: '2026-01-01', premium: 100, vendorId: id.insurer },
      'end',
      `${C}/insurance`,
    );
    await bad({ vehicleId: id.a1, date: '2026-03-01', nextDue: '2025-03-01' }, 'nextDue', `${C}/inspections`);
    await bad({ vehicleId: id.a1, date: '2026-03-01', items: [], vendorId: id.shop }, 'items', `${C}/repairs`);
    await bad({ vehicleId: id.a1, date: '2026-03-01', items: [{ name: '换胎', parts: -10 }], vendorId: id.shop }, 'parts', `${C}/repairs`);
    await bad({ vehicleId: id.a1, at: at('2026-03-01'), entry: 'a', exit: 'b', amount: -3 }, 'amount', `${C}/tolls`);
    const en = await (await login(app, 'unit_a', TEST_PASSWORD, 'en')).post(`${C}/refuels`, { ...base, quantity: -5 });
    expect(en.json().error.details.fields[0].message).toMatch(/greater than 0/);
    const zh = await unitA.post(`${C}/refuels`, { ...base, quantity: 5000 });
    expect(zh.json().error.details.fields[0].message).toMatch(/1000/);
    // Unknown vehicle and another unit's vehicle: 404; a vendor of another kind: 400; the future: 400; before purchase: 400.
    expect((await unitA.post(`${C}/refuels`, { ...base, vehicleId: 999999 })).statusCode).toBe(404);
    expect((await unitA.post(`${C}/refuels`, { ...base, vehicleId: id.b1 })).statusCode).toBe(404);
    const kind = await unitA.post(`${C}/refuels`, { ...base, vendorId: id.shop });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.code).toBe('VCOST_VENDOR_KIND');
    expect((await unitA.post(`${C}/refuels`, { ...base, at: '2099-01-01T10:00:00+08:00' })).json().error.code).toBe('VCOST_IN_FUTURE');
    expect((await unitA.post(`${C}/refuels`, { ...base, at: at('2020-01-01') })).json().error.code).toBe('VCOST_BEFORE_PURCHASE');
    // Staff cannot record costs.
    expect((await (await login(app, 'staff')).post(`${C}/refuels`, base)).statusCode).toBe(403);
    expect(await count('vehicle_cost_records')).toBe(before.r);
    expect(await count('vehicle_events')).toBe(before.e);
    expect(await count('audit_log', sql`entity_type like 'vehicle%'`)).toBe(before.a);
  });

  story.it('a repair above the threshold in rule data waits for approval and counts once approved', async () => {
    const [rule] = await queryRows<{ data: { repairApprovalAboveYuan: number } }>(
      app.services.db,
      sql`select data from rule_tables where name = 'vehicle_cost_rules' order by version desc limit 1`,
    );
    expect(rule!.data.repairApprovalAboveYuan).toBe(5000);
    const small = await unitA.post(`${C}/repairs`, {
      vehicleId: id.a1,
      date: '2026-03-12',
      vendorId: id.shop,
      items: [{ name: '更换刹车片', parts: 500, labour: 300 }],
    });
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()).toMatchObject({ status: 'recorded', amount: '800.00', instanceId: null, vendorFlag: null });
    const big = await unitA.post(`${C}/repairs`, {
      vehicleId: id.a1,
      date: '2026-03-13',
      vendorId: id.shop,
      items: [
        { name: '发动机大修', parts: 6000, labour: 1500 },
        { name: '更换机油', parts: 400, labour: 100 },
      ],
      reason: '发动机异响',
    });
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json()).toMatchObject({ status: 'pending', amount: '8000.00' });
    expect(big.json().details).toMatchObject({ parts: '6400.00', labour: '1600.00' });
    id.bigRepair = big.json().id;
    const repairs = async () => (await unitA.get(`${C}/ledger?year=2026&vehicleId=${id.a1}`)).json().vehicles[0].repair;
    expect(await repairs()).toBe('800.00');
    const events = async () =>
      (await unitA.get(`${B}/${id.a1}/events?pageSize=100`)).json().items.filter((e: { kind: string }) => e.kind === 'repair').length;
    expect(await events()).toBe(1);
    // The bureau's vehicle administrator approves (a unit's repair goes to the bureau).
    const ap = await manager.post(`/api/v1/approvals/${big.json().instanceId}/approve`, { comment: '同意' });
    expect(ap.statusCode, ap.body).toBe(200);
    expect((await unitA.get(`${C}/records/${id.bigRepair}`)).json().status).toBe('approved');
    expect(await repairs()).toBe('8800.00');
    expect(await events()).toBe(2);
    // Threshold is rule data: the exact amount does not need approval.
    const at5000 = await unitA.post(`${C}/repairs`, {
      vehicleId: id.a6,
      date: '2026-03-12',
      vendorName: '路边修理店',
      items: [{ name: '钣金', labour: 5000 }],
    });
    expect(at5000.json()).toMatchObject({ status: 'recorded', vendorFlag: 'not_listed' });
  });

  story.it('records insurance, inspections, tolls, parking and other costs', async () => {
    const ins = await unitA.post(`${C}/insurance`, {
      vehicleId: id.a1,
      vendorId: id.insurer,
      policyNo: 'PDAA2026320100001',
      start: '2026-01-01',
      end: '2026-12-31',
      premium: 3200,
    });
    expect(ins.statusCode, ins.body).toBe(201);
    expect(ins.json()).toMatchObject({
      kind: 'insurance',
      amount: '3200.00',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      reference: 'PDAA2026320100001',
    });
    const ev = (await unitA.get(`${B}/${id.a1}/events`)).json().items.map((e: { kind: string }) => e.kind);
    expect(ev).toContain('insurance');
    for (const v of [id.a5, id.a2, id.a3, id.a4, id.a6])
      expect(
        (
          await unitA.post(`${C}/insurance`, {
            vehicleId: v,
            vendorId: id.insurer,
            policyNo: `P${v}`,
            start: '2026-01-01',
            end: '2026-12-31',
            premium: 3000,
          })
        ).statusCode,
      ).toBe(201);
    // Unit B: cover lapsed at the end of 2025, inspection overdue since May 2025.
    expect(
      (
        await unitB.post(`${C}/insurance`, {
          vehicleId: id.b1,
          vendorId: id.insurer,
          policyNo: 'PB1',
          start: '2025-01-01',
          end: '2025-12-31',
          premium: 2800,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await unitB.post(`${C}/inspections`, { vehicleId: id.b1, date: '2024-05-01', nextDue: '2025-05-01', amount: 200 })).statusCode,
    ).toBe(201);
    expect(
      (await unitA.post(`${C}/inspections`, { vehicleId: id.a5, date: '2026-02-01', nextDue: '2027-02-01', amount: 260 })).statusCode,
    ).toBe(201);
    const toll = await unitA.post(`${C}/tolls`, {
      vehicleId: id.a1,
      at: at('2026-03-09', '08:40'),
      entry: '南京东',
      exit: '镇江',
      amount: 35,
    });
    expect(toll.statusCode, toll.body).toBe(201);
    const park = await unitA.post(`${C}/other`, {
      vehicleId: id.a1,
      kind: 'parking',
      at: at('2026-03-09', '08:50'),
      amount: 20,
      description: '会议停车',
    });
    expect(park.statusCode, park.body).toBe(201);
    expect(
      (await unitA.post(`${C}/other`, { vehicleId: id.a1, kind: 'parking', at: at('2026-03-09'), amount: 0, description: 'x' })).statusCode,
    ).toBe(400);
  });

  story.it('plants the fleet data the anomaly rules read', async () => {
    // What each vehicle's March fuel ledger holds: fills, litres, highest odometer.
    const march = async (vehicleId: number) =>
      (
        await queryRows<{ n: number; litres: string; km: number | null }>(
          app.services.db,
          sql`select count(*)::int as n, coalesce(sum(quantity), 0)::text as litres, max(odometer_km) as km from vehicle_cost_records
              where vehicle_id = ${vehicleId} and kind = 'fuel' and occurred_on between '2026-03-01' and '2026-03-31'`,
        )
      )[0]!;
    const before = new Map<number, { n: number; litres: string; km: number | null }>();
    for (const v of [id.a1, id.a2, id.a3, id.a4]) before.set(v, await march(v));
    await monthOfFills(id.a1, 10_000, 8);
    await monthOfFills(id.a2, 20_000, 8);
    await monthOfFills(id.a3, 30_000, 8);
    await monthOfFills(id.a4, 40_000, 12); // thirsty
    // 60 L into a 50 L tank; an odometer reading below the last one.
    const over = await refuel(unitA, { vehicleId: id.a1, at: at('2026-03-25'), quantity: 60, amount: 450 });
    const back = await refuel(unitA, { vehicleId: id.a2, at: at('2026-03-26'), quantity: 10, amount: 75, odometerKm: 21_000 });
    expect(over).toMatchObject({ vehicleId: id.a1, kind: 'fuel', quantity: 60 });
    expect(back).toMatchObject({ vehicleId: id.a2, kind: 'fuel', quantity: 10, odometerKm: 21_000 });
    // Four fills of 32 L (48 L for the thirsty one) each 400 km on; the extra fills of a1 and a2 on top.
    const planted = [
      [id.a1, 4 + 1, 4 * 32 + 60, 11_600],
      [id.a2, 4 + 1, 4 * 32 + 10, 21_600],
      [id.a3, 4, 4 * 32, 31_600],
      [id.a4, 4, 4 * 48, 41_600],
    ] as const;
    for (const [v, fills, litres, km] of planted) {
      const was = before.get(v)!;
      const now = await march(v);
      expect(now.n - was.n, `fills of vehicle ${v}`).toBe(fills);
      expect(Number(now.litres) - Number(was.litres), `litres of vehicle ${v}`).toBeCloseTo(litres, 2);
      expect(now.km, `odometer of vehicle ${v}`).toBe(Math.max(km, was.km ?? 0));
    }
  });
});

describe('statement imports', () => {
  story.it('assigns fuel cards (scope-checked)', async () => {
    const r = await unitA.put(`${C}/fuel-cards/CARD-A1`, { vehicleId: id.a1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ cardNo: 'CARD-A1', vehicleId: id.a1, plate: '苏A30001' });
    expect((await unitA.put(`${C}/fuel-cards/CARD-A3`, { vehicleId: id.a3 })).statusCode).toBe(200);
    expect((await unitB.put(`${C}/fuel-cards/CARD-A1`, { vehicleId: id.b1 })).statusCode).toBe(404);
    expect((await unitA.put(`${C}/fuel-cards/CARD-X`, { vehicleId: id.b1 })).statusCode).toBe(404);
    expect((await unitA.put(`${C}/fuel-cards/x`, { vehicleId: id.a1 })).statusCode).toBe(400);
  });

  const csv = (rows: string[]) => Buffer.from(`\uFEFF卡号,交易时间,加油站,数量(升),金额(元),交易流水号\r\n${rows.join('\r\n')}\r\n`);
  const good = [
    'CARD-A1,2026-04-02 09:15:00,城东定点加油站,30.5,228.75,T0001',
    'CARD-A1,2026/4/9 9:15,城东定点加油站,31,232.50,T0002',
    'CARD-A3,2026-04-10 10:00,城东定点加油站,40,300,T0003',
  ];

  story.it('a bad row imports nothing and is reported row by row', async () => {
    const before = await count('vehicle_cost_records');
    const r = await upload(
      app,
      unitA,
      `${C}/import/fuel`,
      csv([...good, 'CARD-9999,2026-04-11 10:00,城东定点加油站,40,300,T0004', 'CARD-A1,2026-04-31 10:00,x,-3,300,T0005']),
      'statement.csv',
    );
    expect(r.statusCode, r.body).toBe(422);
    const errors = r.json().error.details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([5, 6]);
    expect(errors[0]!.message).toContain('CARD-9999');
    expect(r.json().error.details.imported).toBe(0);
    expect(await count('vehicle_cost_records')).toBe(before);
  });

  story.it('imports a fuel-card statement once; the same statement again adds nothing', async () => {
    const r = await upload(app, unitA, `${C}/import/fuel`, csv(good), 'statement.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 3, skipped: 0, errors: [] });
    const again = await upload(app, unitA, `${C}/import/fuel`, csv(good), 'statement.csv');
    expect(again.json()).toMatchObject({ imported: 0, skipped: 3 });
    const rec = (await unitA.get(`${C}/records?vehicleId=${id.a1}&from=2026-04-01&to=2026-04-30&kind=fuel`)).json();
    expect(rec.total).toBe(2);
    expect(rec.items[1]).toMatchObject({
      occurredAt: '2026-04-02T01:15:00.000Z',
      quantity: 30.5,
      amount: '228.75',
      cardNo: 'CARD-A1',
      source: 'import',
    });
    // Unit B cannot use unit A's cards.
    const b = await upload(app, unitB, `${C}/import/fuel`, csv(['CARD-A1,2026-04-12 09:15:00,城东定点加油站,30,225,T0100']), 'b.csv');
    expect(b.statusCode).toBe(422);
  });

  story.it('imports an ETC statement from Excel, idempotent without transaction ids too', async () => {
    const tpl = await unitA.get(`${C}/import/etc/template`);
    expect(tpl.statusCode).toBe(200);
    const header = (await readWorkbook(tpl.rawPayload))[0]!;
    expect(header).toEqual(['车牌号 *', '通行时间 *', '入口 *', '出口 *', '金额(元) *', '交易流水号']);
    const x = await workbook(
      ['车牌号', '通行时间', '入口', '出口', '金额(元)', '交易流水号'],
      [
        ['苏A30001', '2026-04-03 11:20:00', '南京东', '镇江', 45, 'E001'],
        ['苏A·30005', new Date(Date.UTC(2026, 3, 4, 16, 5, 0)), '南京南', '马鞍山', 60, null],
      ],
    );
    const r = await upload(app, unitA, `${C}/import/etc`, x);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 2, skipped: 0 });
    expect((await upload(app, unitA, `${C}/import/etc`, x)).json()).toMatchObject({ imported: 0, skipped: 2 });
    const tolls = (await unitA.get(`${C}/records?kind=toll&from=2026-04-01`)).json().items;
    expect(tolls.map((t: { occurredAt: string; amount: string }) => [t.occurredAt, t.amount])).toEqual([
      ['2026-04-04T08:05:00.000Z', '60.00'],
      ['2026-04-03T03:20:00.000Z', '45.00'],
    ]);
    const bad = await upload(
      app,
      unitA,
      `${C}/import/etc`,
      await workbook(['车牌号', '通行时间', '入口', '出口', '金额(元)'], [['苏A40001', '2026-04-03 11:20', 'a', 'b', 5]]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors[0].column).toBe('车牌号');
  });
});

describe('ledger and disclosure', () => {
  story.it('gives exact monthly sums per vehicle, unit and month, and cost per km', async () => {
    const l = (await unitA.get(`${C}/ledger?year=2026`)).json();
    const a1 = l.vehicles.find((v: { vehicleId: number }) => v.vehicleId === id.a1);
    // March: 4 × 32 L × 7.5 + 60 L = 960 + 450; repairs 800 + 8000 (approved); toll 35; parking 20.
    expect(a1.months[2]).toEqual({
      month: 3,
      fuel: '1410.00',
      repair: '8800.00',
      insurance: '0.00',
      toll: '35.00',
      parking: '20.00',
      other: '0.00',
      total: '10265.00',
    });
    expect(a1.months[0]).toMatchObject({ month: 1, insurance: '3200.00', total: '3200.00' });
    // April: imported 228.75 + 232.50 fuel, ETC 45.
    expect(a1.months[3]).toMatchObject({ fuel: '461.25', toll: '45.00', total: '506.25' });
    expect(a1).toMatchObject({
      fuel: '1871.25',
      repair: '8800.00',
      insurance: '3200.00',
      toll: '80.00',
      parking: '20.00',
      other: '0.00',
      total: '13971.25',
      litres: 249.5,
    });
    // Distance from the readings: fills 10,400 → 11,600 and the trip at 10,700–10,790.
    expect(a1.km).toBe(1200);
    // Yuan per km is a ratio (a number), rounded half-up to the fen from the exact total.
    expect(a1.costPerKm).toBe(Math.round((13971.25 / 1200) * 100) / 100);
    const unit = l.units.find((u: { orgId: number }) => u.orgId === d.unitA.id);
    const sum = sumYuan(l.vehicles.filter((v: { orgId: number }) => v.orgId === d.unitA.id).map((v: { total: string }) => v.total));
    expect(unit.total).toBe(sum);
    expect(unit.vehicles).toBe(6);
    expect(sumYuan(l.months.map((m: { total: string }) => m.total))).toBe(l.totals.total);
    expect(l.units.map((u: { orgId: number }) => u.orgId)).toEqual([d.unitA.id]);
    // The pending big repair's twin would not count; unit B sees only its own unit.
    const lb = (await unitB.get(`${C}/ledger?year=2026`)).json();
    expect(lb.vehicles.map((v: { plate: string }) => v.plate)).toEqual(['苏A40001']);
    expect(lb.totals.fuel).toBe('225.00');
    expect((await unitB.get(`${C}/ledger?year=2026&orgId=${d.unitA.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${C}/ledger?year=1999`)).statusCode).toBe(400);
  });

  story.it('gives the disclosure sheet (公示) and its Excel export', async () => {
    const r = await manager.get(`${C}/disclosure?year=2026&orgId=${d.unitA.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.titleZh).toBe('测试区发展和改革局2026年度公务用车运行维护费用公示');
    expect(s.rows).toHaveLength(6);
    expect(s.rows[0]).toMatchObject({
      seq: 1,
      plate: '苏A30001',
      vehicleType: '其他公务用车',
      model: '红旗 H5',
      total: '13971.25',
      km: 1200,
    });
    expect(s.totals.vehicles).toBe(6);
    const x = await manager.get(`${C}/disclosure/export?year=2026&orgId=${d.unitA.id}`);
    expect(x.statusCode).toBe(200);
    const sheet = await readWorkbook(x.rawPayload);
    expect(sheet[0]!.slice(0, 3)).toEqual(['序号', '单位', '号牌']);
    expect(sheet).toHaveLength(8);
    expect(sheet[7]![1]).toBe('合计');
    const lx = await manager.get(`${C}/ledger/export?year=2026`);
    expect(lx.statusCode).toBe(200);
    // The ledger workbook: the contract's headers, then one row per vehicle of the JSON ledger.
    const ledgerSheet = await readWorkbook(lx.rawPayload);
    expect(ledgerSheet[0]).toEqual(LEDGER_EXPORT_COLUMNS.map((c) => c.headerZh));
    const ledger = (await manager.get(`${C}/ledger?year=2026`)).json() as { vehicles: { plate: string }[] };
    expect(ledger.vehicles.length).toBeGreaterThan(0);
    expect(ledgerSheet.slice(1).map((row) => row[1])).toEqual(ledger.vehicles.map((v) => v.plate));
    expect(await count('audit_log', sql`action = 'export' and entity_type = 'vehicle_cost'`)).toBe(2);
  });
});

describe('anomalies', () => {
  type A = {
    id: number;
    rule: string;
    vehicleId: number;
    evidenceKey: string;
    status: string;
    evidence: Record<string, unknown>;
    message: string;
  };
  const all = async (s: Session = manager) => (await s.get(`${B}/anomalies?pageSize=200`)).json().items as A[];
  const of = (xs: A[], rule: string) => xs.filter((x) => x.rule === rule);

  story.it('finds every planted anomaly, with its evidence, and nothing on a clean vehicle', async () => {
    const r = await manager.post(`${B}/anomalies/run`, { asOf: '2026-11-20' });
    expect(r.statusCode, r.body).toBe(200);
    const xs = await all();
    expect(r.json().found).toBe(xs.length);
    const thirsty = of(xs, 'fuel_consumption');
    expect(thirsty.map((x) => x.vehicleId)).toEqual([id.a4]);
    expect(thirsty[0]!.evidence).toMatchObject({ month: '2026-03', per100: 12, classMedian: 8, factor: 1.3, km: 1200, quantity: 144 });
    expect(thirsty[0]!.message).toContain('12');
    expect(of(xs, 'refuel_over_tank').map((x) => [x.vehicleId, x.evidence.quantity, x.evidence.capacity])).toEqual([[id.a1, 60, 50]]);
    expect(of(xs, 'odometer_backwards').map((x) => [x.vehicleId, x.evidence.km, x.evidence.previous])).toEqual([[id.a2, 21_000, 21_600]]);
    expect(of(xs, 'rest_day_trip').map((x) => [x.vehicleId, x.evidenceKey])).toEqual([[id.a3, `booking:${id.tripA3}`]]);
    const vendors = of(xs, 'non_designated_vendor');
    expect(vendors.map((x) => [x.vehicleId, x.evidence.flag]).sort()).toEqual(
      [
        [id.b1, 'not_listed'],
        [id.a6, 'outside_contract'],
        [id.a6, 'not_listed'],
      ].sort(),
    );
    expect(of(xs, 'insurance_expired').map((x) => [x.vehicleId, x.evidenceKey])).toEqual([[id.b1, 'lapsed:2025-12-31']]);
    expect(of(xs, 'inspection_overdue').map((x) => [x.vehicleId, x.evidenceKey])).toEqual([[id.b1, 'due:2025-05-01']]);
    // Refuels with no trip that day: a1 refuelled on 9 March after its trip — not flagged; on 2 March — flagged.
    const noTrip = of(xs, 'refuel_without_trip')
      .filter((x) => x.vehicleId === id.a1)
      .map((x) => x.evidence.date);
    expect(noTrip).toContain('2026-03-02');
    expect(noTrip).not.toContain('2026-03-09');
    // The clean vehicle: trip and refuel the same day, designated station, within the tank, insured, inspected.
    expect(xs.filter((x) => x.vehicleId === id.a5)).toEqual([]);
    expect(of(xs, 'sealed_vehicle_use')).toEqual([]);
  });

  story.it('re-runs without duplicates; a dismissal (with its reason) stays', async () => {
    const before = await all();
    const again = await manager.post(`${B}/anomalies/run`, { asOf: '2026-11-20' });
    expect(again.json()).toMatchObject({ found: before.length, added: 0 });
    expect((await all()).length).toBe(before.length);
    const target = of(before, 'refuel_over_tank')[0]!;
    expect((await unitA.post(`${B}/anomalies/${target.id}/dismiss`, {})).statusCode).toBe(400);
    const dm = await unitA.post(`${B}/anomalies/${target.id}/dismiss`, { reason: '油箱改装，已核实' });
    expect(dm.statusCode, dm.body).toBe(200);
    expect(dm.json()).toMatchObject({ status: 'dismissed', reason: '油箱改装，已核实' });
    expect((await unitA.post(`${B}/anomalies/${target.id}/dismiss`, { reason: 'x' })).statusCode).toBe(409);
    await manager.post(`${B}/anomalies/run`, { asOf: '2026-11-20' });
    expect((await manager.get(`${B}/anomalies/${target.id}`)).json().status).toBe('dismissed');
    expect(await count('vehicle_anomalies')).toBe(before.length);
  });

  story.it('flags use of a sealed vehicle', async () => {
    expect((await unitA.patch(`${B}/${id.a6}`, { status: 'sealed' })).statusCode).toBe(200);
    const now = new Date(Date.now() + 1000).toISOString();
    const park = await unitA.post(`${C}/other`, { vehicleId: id.a6, kind: 'parking', at: now, amount: 15, description: '停车' });
    expect(park.statusCode, park.body).toBe(201);
    expect((await unitA.post(`${B}/anomalies/run`, {})).statusCode).toBe(200);
    const sealed = of(await all(), 'sealed_vehicle_use');
    expect(sealed.map((x) => [x.vehicleId, x.evidenceKey])).toEqual([[id.a6, `parking:${park.json().id}`]]);
  });

  story.it('keeps anomalies in scope (404 outside)', async () => {
    const b = await all(unitB);
    expect(b.length).toBeGreaterThan(0);
    expect(b.every((x) => x.vehicleId === id.b1)).toBe(true);
    const a = (await all()).find((x) => x.vehicleId === id.a1)!;
    expect((await unitB.get(`${B}/anomalies/${a.id}`)).statusCode).toBe(404);
    expect((await unitB.post(`${B}/anomalies/${a.id}/dismiss`, { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('scope and audit', () => {
  story.it("keeps unit B out of unit A's costs", async () => {
    const a = (await unitA.get(`${C}/records?vehicleId=${id.a1}`)).json().items[0];
    expect((await unitB.get(`${C}/records/${a.id}`)).statusCode).toBe(404);
    const list = (await unitB.get(`${C}/records?pageSize=200`)).json().items as { vehicleId: number }[];
    expect(list.every((r) => r.vehicleId === id.b1)).toBe(true);
    expect((await unitB.get(`${C}/records?orgId=${d.unitA.id}`)).statusCode).toBe(404);
    expect((await unitB.get(`${C}/fuel-cards`)).json().items).toEqual([]);
  });

  story.it('audits every change in its transaction', async () => {
    const rows = await queryRows<{ action: string; entity_type: string; n: number }>(
      app.services.db,
      sql`select action, entity_type, count(*)::int as n from audit_log where entity_type like 'vehicle_%' group by 1, 2`,
    );
    const n = (action: string, type: string) => Number(rows.find((r) => r.action === action && r.entity_type === type)?.n ?? 0);
    expect(n('create', 'vehicle_vendor')).toBe(4);
    expect(n('update', 'vehicle_vendor')).toBe(1);
    expect(n('import', 'vehicle_cost')).toBe(4);
    expect(n('update', 'vehicle_anomaly')).toBe(1);
    expect(n('run', 'vehicle_anomaly')).toBe(4);
    // One create per manual record.
    expect(n('create', 'vehicle_cost')).toBe(await count('vehicle_cost_records', sql`source = 'manual'`));
  });
});

describe('cost records list', () => {
  story.it('sorts on the server and exports the filtered records to Excel', async () => {
    const asc = (await manager.get(`${B}/costs/records?sort=amount&pageSize=200`)).json().items as { amount: string }[];
    const desc = (await manager.get(`${B}/costs/records?sort=-amount&pageSize=200`)).json().items as { amount: string }[];
    expect(asc.length).toBeGreaterThan(2);
    const fen = (a: { amount: string }) => toFen(a.amount);
    expect(asc.map(fen)).toEqual([...asc.map(fen)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(fen(desc[0]!)).toBe(asc.map(fen).reduce((m, x) => (x > m ? x : m), 0n));
    const x = await unitA.get(`${B}/costs/records/export?kind=fuel`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    // Headers of the contract; as many rows as unit A's fuel records, every one a plate of unit A.
    const sheet = await readWorkbook(x.rawPayload);
    expect(sheet[0]).toEqual(COST_RECORD_EXPORT_COLUMNS.map((c) => c.headerZh));
    const fuel = (await unitA.get(`${B}/costs/records?kind=fuel&pageSize=200`)).json() as { total: number; items: { plate: string }[] };
    expect(fuel.total).toBeGreaterThan(0);
    expect(sheet).toHaveLength(fuel.total + 1);
    const plates = sheet.slice(1).map((row) => row[1]);
    expect(new Set(plates)).toEqual(new Set(fuel.items.map((r) => r.plate)));
    expect(plates.every((p) => p.startsWith('苏A3'))).toBe(true);
  });
});
