import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import {
  ACCOUNT_PASSWORD,
  type Session,
  type TestApp,
  addAccountWithRole,
  buildTestApp,
  firstSignIn,
  login,
  seedTestDistrict,
} from '../helpers/app';
import { VEHICLE_EXPORT_COLUMNS } from '../../src/server/modules/vehicles/vehicles.excel';
import { readWorkbook, upload } from '../helpers/excel';
import { scenario } from '../helpers/steps';

/** A 4 × 2 pixel PNG standing in for a photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADklEQVR4nGM4gQQYkDkA89oSwaI+MosAAAAASUVORK5CYII=', 'base64');

/**
 * Official vehicles over HTTP, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL: the
 * ledger and its 4xx cases, scope isolation, purchase checks through approval to delivery,
 * bookings with the database's overlap constraints (boundary and 100 concurrent attempts),
 * the car request flow with the rest-day step, disposal and transfer moving quota, audit.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
let leader: Session;
let dispatcher: Session;
let driverSession: Session;
const id: Record<string, number> = {};
const B = '/api/v1/vehicles';
/**
 * The fleet's life told in steps: quotas and pending purchases, deliveries, bookings on a
 * calendar, trips, a transfer and a scrapping, then the yearly figures and the audit that count
 * all of it. Each test is a step: run alone or shuffled, it runs the earlier steps first, once each
 * (tests/helpers/steps.ts), so its quotas, plates and slots are the ones it was written against.
 * The scope test and the invalid purchase request, which change nothing, stand outside.
 */
const story = scenario();

const vehicle = (over: Record<string, unknown> = {}) => ({
  plate: '苏A10001',
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
  odometerKm: 50000,
  marking: 'official',
  supervisionPhone: '025-12345678',
  ...over,
});
async function register(s: Session, over: Record<string, unknown>) {
  const r = await s.post(B, vehicle(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
async function person(s: Session, orgId: number, name: string, phone?: string) {
  const r = await s.post('/api/v1/people', { name, orgId, postLevel: '199', ...(phone ? { phone } : {}) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const quota = async (orgId: number) =>
  (
    (await manager.get(`${B}/quotas`)).json().items as { orgId: number; cap: number; actual: number; pending: number; overCap: boolean }[]
  ).find((q) => q.orgId === orgId);
const booking = (over: Record<string, unknown>) =>
  dispatcher.post(`${B}/bookings`, {
    vehicleId: id.v1,
    driverId: id.driver1,
    start: '2026-12-02T09:00:00+08:00',
    end: '2026-12-02T11:00:00+08:00',
    purpose: '调研',
    ...over,
  });
/** Approves an instance's current step as whoever holds it. */
async function approve(s: Session, instanceId: number) {
  const r = await s.post(`/api/v1/approvals/${instanceId}/approve`, { comment: '同意' });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  staff = await login(app, 'staff');
  leader = await login(app, 'leader');
  dispatcher = await addAccountWithRole(app, { username: 'dispatcher', orgId: d.bureau.id, roleCode: 'dispatcher' });
  // Quotas: unit A 10 (cap 7), unit B 3 (cap floor(2.1) = 2).
  expect((await manager.put(`${B}/quotas/${d.unitA.id}`, { quota: 10 })).statusCode).toBe(200);
  expect((await manager.put(`${B}/quotas/${d.unitB.id}`, { quota: 3 })).statusCode).toBe(200);
  id.v1 = await register(unitA, {});
  id.v2 = await register(unitA, { plate: '苏A10002', seats: 7, bodyType: 'mpv', model: 'HQ9' });
  id.old = await register(unitA, { plate: '苏A10003', purchaseDate: '2016-01-01', odometerKm: 180000 });
  id.vB = await register(unitB, { plate: '苏A20001', orgId: d.unitB.id });
  // Drivers: people of unit A with licences; one of them signs in as a driver.
  id.driver1 = await person(unitA, d.unitA.id, '张师傅', '13912345678');
  id.driver2 = await person(unitA, d.unitA.id, '李师傅');
  for (const p of [id.driver1, id.driver2]) {
    const r = await manager.post(`${B}/drivers`, { personId: p, licenceClass: 'B1', licenceExpiry: '2030-12-31' });
    expect(r.statusCode, r.body).toBe(201);
  }
  const admin = await login(app, 'admin');
  const acc = await admin.post('/api/v1/accounts', {
    username: 'driver1',
    displayName: '张师傅',
    orgId: d.unitA.id,
    personId: id.driver1,
    password: 'Driver#2026x',
  });
  expect(acc.statusCode, acc.body).toBe(200);
  const grant = await (await login(app, 'secadmin')).post('/api/v1/role-assignments', {
    accountId: acc.json().id,
    roleCode: 'driver',
    orgId: d.unitA.id,
  });
  expect(grant.statusCode, grant.body).toBe(200);
  driverSession = await firstSignIn(app, 'driver1', 'Driver#2026x', 'Driver#2026y');
});
afterAll(async () => {
  await app?.close();
});

describe('ledger', () => {
  story.it('registers, reads, lists and updates a vehicle with its history file', async () => {
    const v = (await unitA.get(`${B}/${id.v1}`)).json();
    expect(v).toMatchObject({
      plate: '苏A10001',
      orgId: d.unitA.id,
      status: 'in_service',
      newEnergy: false,
      displacement: 1.5,
      price: '150000.00',
    });
    const list = (await unitA.get(`${B}?pageSize=50&sort=plate`)).json();
    expect(list.items.map((i: { plate: string }) => i.plate)).toEqual(['苏A10001', '苏A10002', '苏A10003']);
    expect(list.total).toBe(3);
    const ev = await register(unitA, { plate: '苏 AD·12345', energy: 'electric', displacement: null, batteryCapacityKwh: 60 });
    expect((await unitA.get(`${B}/${ev}`)).json()).toMatchObject({ plate: '苏AD12345', newEnergy: true, displacement: null });
    const p = await unitA.patch(`${B}/${ev}`, { status: 'in_repair', model: 'E-QM5' });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'in_repair', model: 'E-QM5' });
    const events = (await unitA.get(`${B}/${ev}/events`)).json().items.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['register', 'status', 'update']));
    id.ev = ev;
  });

  story.it('accepts the other plate formats', async () => {
    for (const plate of ['京B12345D', '沪C1234警', '粤A1234应急', '浙A1B2C3']) {
      const r = await manager.post(B, vehicle({ plate, orgId: d.bureau.id }));
      expect(r.statusCode, `${plate}: ${r.body}`).toBe(201);
      id[plate] = r.json().id;
    }
    // Sealed (封存), so they stay out of dispatch below.
    for (const plate of ['京B12345D', '沪C1234警', '粤A1234应急', '浙A1B2C3'])
      await manager.patch(`${B}/${id[plate]}`, { status: 'sealed' });
  });

  story.it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = { vehicles: await count('vehicles'), events: await count('vehicle_events'), bookings: await count('vehicle_bookings') };
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await unitA.post(B, vehicle(body));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json().error.details)).toContain(field);
    };
    await bad({ plate: '苏I12345' }, 'plate');
    await bad({ plate: 'AB12345' }, 'plate');
    await bad({ plate: '苏A1234' }, 'plate');
    await bad({ price: -1 }, 'price');
    await bad({ odometerKm: -5 }, 'odometerKm');
    await bad({ seats: 0 }, 'seats');
    await bad({ energy: 'electric', displacement: 1.5 }, 'displacement');
    await bad({ energy: 'gasoline', displacement: null }, 'displacement');
    await bad({ marking: 'official', supervisionPhone: null }, 'marking');
    await bad({ purchaseDate: '2022-02-30' }, 'purchaseDate');
    const en = await (await login(app, 'unit_a', undefined, 'en')).post(B, vehicle({ plate: 'XYZ' }));
    expect(en.json().error.details.fields[0].message).toMatch(/not a valid plate/);
    // Duplicate plate → 409; another unit's org → 404; a department cannot own a vehicle.
    const dup = await unitA.post(B, vehicle({ plate: '苏A10001' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('VEHICLE_PLATE_TAKEN');
    expect((await unitA.post(B, vehicle({ plate: '苏A10009', orgId: d.unitB.id }))).statusCode).toBe(404);
    expect((await unitA.post(B, vehicle({ plate: '苏A10009', orgId: d.deptA.id }))).statusCode).toBe(400);
    // Disposal is not a PATCH; a marked vehicle keeps its supervision phone.
    expect((await unitA.patch(`${B}/${id.v1}`, { status: 'disposed' })).statusCode).toBe(400);
    expect((await unitA.patch(`${B}/${id.v1}`, { supervisionPhone: null })).statusCode).toBe(400);
    expect((await unitA.patch(`${B}/${id.v1}`, { marking: 'exempt' })).statusCode).toBe(400);
    // Bookings: end before start, no offset.
    const r1 = await booking({ start: '2026-12-02T11:00:00+08:00', end: '2026-12-02T09:00:00+08:00' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details.fields[0].field).toBe('end');
    expect((await booking({ start: '2026-12-02T09:00:00', end: '2026-12-02T11:00:00' })).statusCode).toBe(400);
    expect(await count('vehicles')).toBe(before.vehicles);
    expect(await count('vehicle_events')).toBe(before.events);
    expect(await count('vehicle_bookings')).toBe(before.bookings);
  });

  it("keeps unit A out of unit B's vehicles (404, never 403)", async () => {
    expect((await unitA.get(`${B}/${id.vB}`)).statusCode).toBe(404);
    expect((await unitA.patch(`${B}/${id.vB}`, { model: 'x' })).statusCode).toBe(404);
    expect((await unitA.get(`${B}/${id.vB}/events`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.post(`${B}/disposals`, { vehicleId: id.vB, method: 'scrap', reason: 'x' })).statusCode).toBe(404);
    const list = (await unitA.get(`${B}?pageSize=100`)).json().items as { id: number }[];
    expect(list.some((v) => v.id === id.vB)).toBe(false);
    expect((await unitB.get(`${B}/${id.vB}`)).statusCode).toBe(200);
    // Staff cannot register vehicles at all.
    expect((await staff.post(B, vehicle({ plate: '苏A10010' }))).statusCode).toBe(403);
  });

  story.it('reports quota, cap (rounded down) and actual per unit', async () => {
    const q = await quota(d.unitB.id);
    expect(q).toMatchObject({ cap: 2, actual: 1, pending: 0, overCap: false });
  });
});

describe('purchase requests', () => {
  story.it('saves a request that fails the price, displacement, SUV and new-energy rules, with the failures', async () => {
    const r = await unitA.post(`${B}/purchase-requests`, {
      orgId: d.unitA.id,
      type: 'other',
      bodyType: 'suv',
      price: 320000,
      displacement: 2.5,
      energy: 'gasoline',
      domestic: true,
      leaderFixed: true,
      reason: '领导干部固定用车',
    });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    const by = Object.fromEntries(body.checks.map((c: { rule: string; passed: boolean }) => [c.rule, c.passed]));
    expect(by).toMatchObject({
      price: false,
      displacement: false,
      leader_no_suv: false,
      new_energy_first: false,
      domestic: true,
      quota: true,
    });
    expect(body.checksPassed).toBe(false);
    expect(body.status).toBe('pending');
    expect(body.checks.find((c: { rule: string }) => c.rule === 'price').message).toContain('超过 180000 元上限');
    const en = (await (await login(app, 'unit_a', undefined, 'en')).get(`${B}/purchase-requests/${body.id}`)).json();
    expect(en.checks.find((c: { rule: string }) => c.rule === 'leader_no_suv').message).toMatch(/may not be an SUV/);
    id.badPurchase = body.id;
  });

  it('rejects invalid input with 400 and saves nothing', async () => {
    const n = await count('vehicle_purchase_requests');
    const r = await unitA.post(`${B}/purchase-requests`, {
      orgId: d.unitA.id,
      type: 'other',
      bodyType: 'sedan',
      price: -10,
      energy: 'gasoline',
      displacement: 1.5,
      domestic: true,
      reason: 'x',
    });
    expect(r.statusCode).toBe(400);
    expect(
      (
        await unitA.post(`${B}/purchase-requests`, {
          orgId: d.unitB.id,
          type: 'other',
          bodyType: 'sedan',
          price: 1,
          energy: 'electric',
          domestic: true,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(await count('vehicle_purchase_requests')).toBe(n);
  });

  story.it('counts pending purchases against the cap and lets a replacement through', async () => {
    // Unit B: cap 2, holds 1. The first request fits; the second would reach the cap.
    const req = (over: Record<string, unknown> = {}) =>
      unitB.post(`${B}/purchase-requests`, {
        orgId: d.unitB.id,
        type: 'other',
        bodyType: 'sedan',
        price: 160000,
        energy: 'electric',
        domestic: true,
        reason: '工作需要',
        ...over,
      });
    const first = (await req()).json();
    expect(first.checks.find((c: { rule: string }) => c.rule === 'quota').passed).toBe(true);
    expect(first.checksPassed).toBe(true);
    const second = (await req()).json();
    expect(second.checks.find((c: { rule: string }) => c.rule === 'quota')).toMatchObject({ passed: false });
    expect((await quota(d.unitB.id))!.pending).toBe(2);
    // Replacement of unit B's own vehicle does not add, but it is too young and too short.
    const repl = (await req({ replacesVehicleId: id.vB })).json();
    const by = Object.fromEntries(repl.checks.map((c: { rule: string; passed: boolean }) => [c.rule, c.passed]));
    expect(by).toMatchObject({ quota: true, replacement: false });
    expect((await quota(d.unitB.id))!.pending).toBe(2);
    id.bFirst = first.id;
    id.bFirstInstance = first.instanceId;
  });

  story.it('runs approval, then registers the delivered vehicle and seals the replaced one', async () => {
    const r = await unitA.post(`${B}/purchase-requests`, {
      orgId: d.unitA.id,
      type: 'other',
      bodyType: 'sedan',
      price: 175000,
      energy: 'gasoline',
      displacement: 1.5,
      domestic: true,
      fuelReason: '山区应急路线无充电设施',
      replacesVehicleId: id.old,
      reason: '车辆已使用十年',
    });
    expect(r.statusCode, r.body).toBe(201);
    const req = r.json();
    expect(req.checksPassed, JSON.stringify(req.checks)).toBe(true);
    expect(req.checks.map((c: { rule: string }) => c.rule)).toContain('replacement');
    // Not deliverable before approval.
    const early = await manager.post(`${B}/purchase-requests/${req.id}/deliver`, {
      plate: '苏A30001',
      purchaseDate: '2026-11-20',
      price: 170000,
      brand: '红旗',
      model: 'H5',
      seats: 5,
      supervisionPhone: '025-12345678',
    });
    expect(early.statusCode).toBe(409);
    await approve(manager, req.instanceId);
    await approve(leader, req.instanceId);
    expect((await unitA.get(`${B}/purchase-requests/${req.id}`)).json().status).toBe('approved');
    const over = await manager.post(`${B}/purchase-requests/${req.id}/deliver`, {
      plate: '苏A30001',
      purchaseDate: '2026-11-20',
      price: 190000,
      brand: '红旗',
      model: 'H5',
      seats: 5,
      supervisionPhone: '025-12345678',
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('VEHICLE_DELIVERY_MISMATCH');
    const del = await manager.post(`${B}/purchase-requests/${req.id}/deliver`, {
      plate: '苏A30001',
      purchaseDate: '2026-11-20',
      price: 170000,
      brand: '红旗',
      model: 'H5',
      seats: 5,
      supervisionPhone: '025-12345678',
    });
    expect(del.statusCode, del.body).toBe(201);
    const vId = del.json().vehicleId;
    expect(del.json().request).toMatchObject({ status: 'delivered', vehicleId: vId });
    expect((await unitA.get(`${B}/${vId}`)).json()).toMatchObject({
      plate: '苏A30001',
      orgId: d.unitA.id,
      price: '170000.00',
      energy: 'gasoline',
    });
    expect((await unitA.get(`${B}/${vId}/events`)).json().items[0]).toMatchObject({
      kind: 'purchase',
      amount: '170000.00',
      refType: 'purchase_request',
    });
    expect((await unitA.get(`${B}/${id.old}`)).json()).toMatchObject({ status: 'sealed', replacedById: vId });
    expect(
      (
        await manager.post(`${B}/purchase-requests/${req.id}/deliver`, {
          plate: '苏A30002',
          purchaseDate: '2026-11-20',
          price: 1,
          brand: 'x',
          model: 'y',
          seats: 5,
          supervisionPhone: '1234567',
        })
      ).statusCode,
    ).toBe(409);
    id.delivered = vId;
  });
});

describe('bookings', () => {
  story.it('refuses overlaps on the vehicle and on the driver, and allows back-to-back bookings', async () => {
    const a = await booking({});
    expect(a.statusCode, a.body).toBe(201);
    id.bookingA = a.json().id;
    const clash = await booking({ driverId: id.driver2, start: '2026-12-02T10:00:00+08:00', end: '2026-12-02T12:00:00+08:00' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'VEHICLE_BOOKED', message: '该车辆在所选时段已有派车（时段不能重叠）' });
    const driverClash = await booking({ vehicleId: id.v2, start: '2026-12-02T10:30:00+08:00', end: '2026-12-02T12:00:00+08:00' });
    expect(driverClash.statusCode).toBe(409);
    expect(driverClash.json().error.code).toBe('VEHICLE_DRIVER_BOOKED');
    const enDispatcher = await login(app, 'dispatcher', ACCOUNT_PASSWORD, 'en');
    const en = await enDispatcher.post(`${B}/bookings`, {
      vehicleId: id.v1,
      driverId: id.driver2,
      start: '2026-12-02T08:00:00+08:00',
      end: '2026-12-02T09:30:00+08:00',
      purpose: 'x',
    });
    expect(en.json().error.message).toBe('The vehicle is already booked for an overlapping time');
    // [09:00, 11:00) and [11:00, 12:00) do not overlap. Same instant in UTC notation too.
    const next = await booking({ start: '2026-12-02T03:00:00Z', end: '2026-12-02T12:00:00+08:00' });
    expect(next.statusCode, next.body).toBe(201);
    // A cancelled booking frees its slot.
    const c = await dispatcher.post(`${B}/bookings/${next.json().id}/cancel`);
    expect(c.json().status).toBe('cancelled');
    expect((await booking({ driverId: id.driver2, start: '2026-12-02T11:00:00+08:00', end: '2026-12-02T12:00:00+08:00' })).statusCode).toBe(
      201,
    );
  });

  story.it('does not book sealed, repaired or replaced vehicles, nor unregistered drivers', async () => {
    expect((await unitA.patch(`${B}/${id.v2}`, { status: 'sealed' })).statusCode).toBe(200);
    const sealed = await booking({ vehicleId: id.v2, start: '2026-12-03T09:00:00+08:00', end: '2026-12-03T10:00:00+08:00' });
    expect(sealed.statusCode).toBe(409);
    expect(sealed.json().error.code).toBe('VEHICLE_SEALED');
    expect(
      (await booking({ vehicleId: id.ev, start: '2026-12-03T09:00:00+08:00', end: '2026-12-03T10:00:00+08:00' })).json().error.code,
    ).toBe('VEHICLE_NOT_DISPATCHABLE');
    expect((await booking({ vehicleId: id.old, start: '2026-12-03T09:00:00+08:00', end: '2026-12-03T10:00:00+08:00' })).statusCode).toBe(
      409,
    );
    const notDriver = await person(unitA, d.unitA.id, '王科员');
    expect((await booking({ driverId: notDriver, start: '2026-12-03T09:00:00+08:00', end: '2026-12-03T10:00:00+08:00' })).statusCode).toBe(
      404,
    );
    expect((await unitA.patch(`${B}/${id.v2}`, { status: 'in_service' })).statusCode).toBe(200);
  });

  story.it('finds available vehicles and shows the board', async () => {
    const avail = (await dispatcher.get(`${B}/availability?start=2026-12-02T09:30:00%2B08:00&end=2026-12-02T10:30:00%2B08:00`)).json();
    const ids = avail.items.map((v: { id: number }) => v.id);
    expect(ids).not.toContain(id.v1);
    expect(ids).toContain(id.v2);
    expect(ids).toContain(id.vB);
    expect(ids).not.toContain(id.old);
    expect(ids).not.toContain(id.ev);
    const seven = (
      await dispatcher.get(`${B}/availability?start=2026-12-02T09:30:00%2B08:00&end=2026-12-02T10:30:00%2B08:00&seats=7`)
    ).json();
    expect(seven.items.map((v: { id: number }) => v.id)).toEqual([id.v2]);
    const scoped = (await unitA.get(`${B}/availability?start=2026-12-02T12:00:00%2B08:00&end=2026-12-02T13:00:00%2B08:00`)).json();
    expect(scoped.items.map((v: { id: number }) => v.id)).not.toContain(id.vB);
    const board = (await dispatcher.get(`${B}/board?start=2026-12-02T00:00:00%2B08:00&end=2026-12-03T00:00:00%2B08:00`)).json();
    expect(board.items.map((b: { start: string }) => b.start)).toEqual(['2026-12-02T01:00:00.000Z', '2026-12-02T03:00:00.000Z']);
    expect(board.items[0]).toMatchObject({ plate: '苏A10001', driverName: '张师傅', status: 'booked' });
    expect((await dispatcher.get(`${B}/board?start=2026-12-02T00:00:00%2B08:00&end=2026-12-01T00:00:00%2B08:00`)).statusCode).toBe(400);
  });

  story.it('lets exactly one of 100 concurrent attempts on the same vehicle and slot through', async () => {
    const slot = { start: '2026-12-09T14:00:00+08:00', end: '2026-12-09T16:00:00+08:00' };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        dispatcher.post(`${B}/bookings`, { vehicleId: id.v2, driverId: i % 2 ? id.driver1 : id.driver2, purpose: `并发 ${i}`, ...slot }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    const kinds = new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code));
    expect([...kinds].every((k) => k === 'VEHICLE_BOOKED' || k === 'VEHICLE_DRIVER_BOOKED')).toBe(true);
    const [n] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from vehicle_bookings where vehicle_id = ${id.v2} and status <> 'cancelled' and start_at = ${slot.start}::timestamptz`,
    );
    expect(Number(n!.n)).toBe(1);
  });
});

describe('car requests', () => {
  const trip = (start: string, end: string, passengers = 2) =>
    staff.post(`${B}/trip-requests`, {
      purpose: '赴乡镇调研',
      origin: '机关大院',
      destination: '城东街道',
      passengers,
      start,
      end,
      roundTrip: true,
    });

  story.it('adds the leader step only for rest days (调休 make-up days are working days)', async () => {
    const work = await trip('2026-12-16T09:00:00+08:00', '2026-12-16T12:00:00+08:00');
    expect(work.statusCode, work.body).toBe(201);
    expect(work.json()).toMatchObject({ restDay: false, dayKind: 'working_day', status: 'pending', plate: null, driverName: null });
    // A plain Saturday is a rest day (休息日), not a holiday; 国庆 is a holiday; a 调休 Saturday is a working day.
    const rest = (await trip('2026-12-19T09:00:00+08:00', '2026-12-19T12:00:00+08:00')).json();
    expect(rest).toMatchObject({ restDay: true, dayKind: 'rest_day' });
    const makeUp = (await trip('2026-10-10T09:00:00+08:00', '2026-10-10T12:00:00+08:00')).json();
    expect(makeUp).toMatchObject({ restDay: false, dayKind: 'working_day' });
    const holiday = (await trip('2026-10-02T09:00:00+08:00', '2026-10-02T12:00:00+08:00')).json();
    expect(holiday).toMatchObject({ restDay: true, dayKind: 'holiday' });
    const titles = await queryRows<{ title: string; business_id: string }>(
      app.services.db,
      sql`select title, business_id from approval_instances where business_type = 'vehicle_trip' and business_id in (${String(rest.id)}, ${String(holiday.id)})`,
    );
    expect(titles.find((t) => t.business_id === String(rest.id))!.title).toContain('休息日');
    expect(titles.find((t) => t.business_id === String(holiday.id))!.title).toContain('节假日');
    // Working day: the unit's approval finishes it. Rest day: a leader must approve as well.
    await approve(unitA, work.json().instanceId);
    expect((await staff.get(`${B}/trip-requests/${work.json().id}`)).json().status).toBe('approved');
    await approve(unitA, rest.instanceId);
    expect((await staff.get(`${B}/trip-requests/${rest.id}`)).json().status).toBe('pending');
    const detail = (await leader.get(`/api/v1/approvals/${rest.instanceId}`)).json();
    expect(JSON.stringify(detail)).toContain('节假日用车审批');
    await approve(leader, rest.instanceId);
    expect((await staff.get(`${B}/trip-requests/${rest.id}`)).json().status).toBe('approved');
    id.workTrip = work.json().id;
    id.restTrip = rest.id;
  });

  story.it('dispatches a sealed vehicle only for the rest-day trip, and runs the trip with odometer readings', async () => {
    expect((await manager.patch(`${B}/${id.v2}`, { status: 'sealed' })).statusCode).toBe(200);
    const refused = await dispatcher.post(`${B}/trip-requests/${id.workTrip}/assign`, { vehicleId: id.v2, driverId: id.driver1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('VEHICLE_SEALED');
    const ok = await dispatcher.post(`${B}/trip-requests/${id.restTrip}/assign`, { vehicleId: id.v2, driverId: id.driver1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('assigned');
    const bookingId = ok.json().bookingId as number;
    // The work trip gets an unsealed vehicle; too many passengers for its seats is refused.
    expect((await dispatcher.post(`${B}/trip-requests/${id.workTrip}/assign`, { vehicleId: id.v1, driverId: id.driver2 })).statusCode).toBe(
      200,
    );
    // The applicant sees the car, the driver and the driver's phone, on the request and in the notification.
    const seen = (await staff.get(`${B}/trip-requests/${id.restTrip}`)).json();
    expect(seen).toMatchObject({ plate: '苏A10002', driverName: '张师傅', driverPhone: '13912345678' });
    const listed = (await staff.get(`${B}/trip-requests?mine=true`)).json().items.find((t: { id: number }) => t.id === id.restTrip);
    expect(listed).toMatchObject({ plate: '苏A10002', driverName: '张师傅', driverPhone: '13912345678' });
    const notes = await queryRows<{ kind: string; title_zh: string; username: string }>(
      app.services.db,
      sql`select n.kind, n.title_zh, a.username from notifications n join accounts a on a.id = n.account_id
          where n.kind in ('vehicles.trip.assigned', 'vehicles.booking.assigned') order by n.id`,
    );
    expect(notes.find((n) => n.kind === 'vehicles.trip.assigned' && n.username === 'staff')!.title_zh).toMatch(
      /苏A10002.*张师傅.*13912345678/,
    );
    // The driver is told of the new task.
    expect(notes.some((n) => n.kind === 'vehicles.booking.assigned' && n.username === 'driver1' && n.title_zh.includes('苏A10002'))).toBe(
      true,
    );
    // Odometer: v2 stands at 50,000 km. A lower reading needs a reason; the driver sees the last reading.
    const back = await driverSession.post(`${B}/bookings/${bookingId}/start`, { odometerKm: 49990, at: '2026-12-19T09:05:00+08:00' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.code).toBe('VEHICLE_TRIP_NEEDS_REASON');
    expect(back.json().error.message).toContain('50000');
    expect((await unitB.post(`${B}/bookings/${bookingId}/start`, { odometerKm: 50010 })).statusCode).toBe(404);
    const mine = (await driverSession.get(`${B}/bookings?mine=true`)).json();
    expect(mine.items.map((b: { id: number }) => b.id)).toContain(bookingId);
    expect(mine.items.find((b: { id: number }) => b.id === bookingId).vehicleOdometerKm).toBe(50000);
    expect(mine.items.every((b: { driverId: number }) => b.driverId === id.driver1)).toBe(true);
    const started = await driverSession.post(`${B}/bookings/${bookingId}/start`, { odometerKm: 50010, at: '2026-12-19T09:05:00+08:00' });
    expect(started.statusCode, started.body).toBe(200);
    expect((await driverSession.post(`${B}/bookings/${bookingId}/finish`, { odometerKm: 50000 })).statusCode).toBe(400);
    // A photo of the odometer on return: uploaded as a draft, bound to the booking with the reading.
    const photo = await upload(app, driverSession, '/api/v1/files', PNG, '里程表.png', { ownerType: 'vehicle_booking' });
    expect(photo.statusCode, photo.body).toBe(200);
    const done = await driverSession.post(`${B}/bookings/${bookingId}/finish`, {
      odometerKm: 50096,
      at: '2026-12-19T11:40:00+08:00',
      photoFileIds: [photo.json().id],
    });
    expect(done.statusCode, done.body).toBe(200);
    const photos = await manager.get(`/api/v1/files?ownerType=vehicle_booking&ownerId=${bookingId}`);
    expect(photos.json().items).toHaveLength(1);
    expect((await unitB.get(`/api/v1/files?ownerType=vehicle_booking&ownerId=${bookingId}`)).statusCode).toBe(404);
    expect(done.json()).toMatchObject({ status: 'completed', startOdometerKm: 50010, endOdometerKm: 50096 });
    expect((await manager.get(`${B}/${id.v2}`)).json().odometerKm).toBe(50096);
    const events = (await manager.get(`${B}/${id.v2}/events`)).json().items;
    expect(events[0]).toMatchObject({ kind: 'trip', odometerKm: 50096, quantity: 86, refType: 'booking', refId: bookingId });
    expect((await unitA.post(`${B}/trip-requests/${id.restTrip}/confirm`)).statusCode).toBe(403);
    const confirmed = await staff.post(`${B}/trip-requests/${id.restTrip}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');
    expect((await staff.get(`${B}/trip-requests?mine=true`)).json().total).toBe(4);
  });

  story.it('refuses an implausible start or finish without a reason, and flags it for the dispatcher with one', async () => {
    // The case: booked 17:00–20:00, started at 03:54, finished the same minute with 36 km.
    const made = await booking({ start: '2026-12-23T17:00:00+08:00', end: '2026-12-23T20:00:00+08:00', purpose: '夜间接站' });
    expect(made.statusCode, made.body).toBe(201);
    const bid = made.json().id as number;
    const km0 = (await manager.get(`${B}/${id.v1}`)).json().odometerKm as number;
    const early = { odometerKm: km0, at: '2026-12-23T03:54:00+08:00' };
    const noReason = await driverSession.post(`${B}/bookings/${bid}/start`, early);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'VEHICLE_TRIP_NEEDS_REASON' });
    expect(noReason.json().error.message).toContain('早 786 分钟');
    const en = await app.inject({
      method: 'POST',
      url: `${B}/bookings/${bid}/start`,
      headers: { ...driverSession.headers, 'accept-language': 'en' },
      payload: early,
    });
    expect(en.json().error.message).toContain('786 minutes before the booked start');
    // A blank reason is no reason.
    expect((await driverSession.post(`${B}/bookings/${bid}/start`, { ...early, reason: '   ' })).statusCode).toBe(400);
    expect((await manager.get(`${B}/bookings?flagged=true`)).json().items.map((x: { id: number }) => x.id)).not.toContain(bid);
    const started = await driverSession.post(`${B}/bookings/${bid}/start`, { ...early, reason: '提前去机场接早班航班，预约时间填错' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().flags).toEqual([
      expect.objectContaining({ phase: 'start', reason: '提前去机场接早班航班，预约时间填错', message: expect.stringContaining('786') }),
    ]);
    const sameMinute = { odometerKm: km0 + 36, at: '2026-12-23T03:54:30+08:00' };
    const tooFast = await driverSession.post(`${B}/bookings/${bid}/finish`, sameMinute);
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().error.message).toContain('36 km');
    expect((await manager.get(`${B}/${id.v1}`)).json().odometerKm).toBe(km0);
    const finished = await driverSession.post(`${B}/bookings/${bid}/finish`, { ...sameMinute, reason: '里程表读数补录' });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json().flags.map((f: { phase: string }) => f.phase)).toEqual(['start', 'finish']);
    // On the dispatcher's list of flagged trips, and the dispatchers were told.
    const flagged = (await dispatcher.get(`${B}/bookings?flagged=true`)).json();
    expect(flagged.items.map((x: { id: number }) => x.id)).toContain(bid);
    expect((await dispatcher.get(`${B}/bookings?flagged=false&pageSize=200`)).json().items.map((x: { id: number }) => x.id)).not.toContain(
      bid,
    );
    const [note] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from notifications n join accounts a on a.id = n.account_id
          where n.kind = 'vehicles.trip.flagged' and a.username = 'dispatcher'`,
    );
    expect(Number(note!.n)).toBe(2);
    // A finish reading below the start reading is never a matter of a reason.
    const b2 = (await booking({ start: '2026-12-24T09:00:00+08:00', end: '2026-12-24T11:00:00+08:00' })).json().id as number;
    const at = '2026-12-24T09:00:00+08:00';
    expect((await driverSession.post(`${B}/bookings/${b2}/start`, { odometerKm: km0 + 36, at })).statusCode).toBe(200);
    const below = await driverSession.post(`${B}/bookings/${b2}/finish`, { odometerKm: km0, at: '2026-12-24T10:00:00+08:00', reason: 'x' });
    expect(below.json().error.code).toBe('VEHICLE_ODOMETER_BACKWARDS');
    expect(
      (await driverSession.post(`${B}/bookings/${b2}/finish`, { odometerKm: km0 + 80, at: '2026-12-24T10:00:00+08:00' })).statusCode,
    ).toBe(200);
  });

  story.it('suggests vehicles by fit (fewest seats that hold the party, then cost per km), not by plate', async () => {
    // v1 (苏A10001) and vB (苏A20001) have 5 seats, v2 (苏A10002) 7. v1 costs more per km than vB.
    const tenant = d.bureau.tenantId;
    for (const [v, org, yuan] of [
      [id.v1, d.unitA.id, '900.00'],
      [id.vB, d.unitB.id, '100.00'],
    ] as const)
      await app.services.db.execute(
        sql`insert into vehicle_events (tenant_id, vehicle_id, org_id, kind, summary, occurred_at, amount, quantity)
            values (${tenant}, ${v}, ${org}, 'refuel', 'test', now() - interval '10 days', ${yuan}, 40),
                   (${tenant}, ${v}, ${org}, 'trip', 'test', now() - interval '10 days', null, 500)`,
      );
    expect((await manager.patch(`${B}/${id.v2}`, { status: 'in_service' })).statusCode).toBe(200);
    const r = await dispatcher.get(`${B}/availability?start=2027-01-05T09:00:00%2B08:00&end=2027-01-05T12:00:00%2B08:00&seats=3`);
    expect(r.statusCode, r.body).toBe(200);
    const plates = r.json().items.map((v: { plate: string }) => v.plate);
    // The cheaper five-seater, then the dearer one (a five-seater with no cost record after it), the seven-seater last.
    expect(plates.slice(0, 2)).toEqual(['苏A20001', '苏A10001']);
    expect(plates.at(-1)).toBe('苏A10002');
  });

  story.it("shows the driver today's tasks first (China day), then the rest by start", async () => {
    const { cnToday, addDays } = await import('../../src/server/core');
    const today = cnToday();
    const yesterday = addDays(today, -1);
    // Late-evening slots no other step uses; yesterday's task was never started, so it is still open.
    const at = (day: string) => ({ start: `${day}T23:00:00+08:00`, end: `${day}T23:30:00+08:00` });
    const old = await booking({ ...at(yesterday), purpose: '昨天' });
    expect(old.statusCode, old.body).toBe(201);
    const todays = await booking({ ...at(today), purpose: '今天' });
    expect(todays.statusCode, todays.body).toBe(201);
    const mine = (await driverSession.get(`${B}/bookings?mine=true&status=booked`)).json().items.map((x: { id: number }) => x.id);
    expect(mine[0]).toBe(todays.json().id);
    expect(mine).toContain(old.json().id);
  });
});

describe('disposal and transfer', () => {
  story.it('transfers a vehicle: it leaves unit A’s quota and joins unit B’s in one step', async () => {
    const aBefore = (await quota(d.unitA.id))!.actual;
    const bBefore = (await quota(d.unitB.id))!.actual;
    const r = await unitA.post(`${B}/disposals`, { vehicleId: id.v1, method: 'transfer', toOrgId: d.unitB.id, reason: '工作调整' });
    expect(r.statusCode, r.body).toBe(201);
    // Unit B is at its cap with the pending purchases: the check says so, the request stands.
    expect(r.json().checks[0]).toMatchObject({ rule: 'receiver_quota', passed: false });
    expect((await unitA.post(`${B}/disposals`, { vehicleId: id.v1, method: 'scrap', reason: 'x' })).json().error.code).toBe(
      'VEHICLE_DISPOSAL_OPEN',
    );
    expect((await unitA.post(`${B}/disposals`, { vehicleId: id.v1, method: 'transfer', reason: 'x' })).statusCode).toBe(400);
    await approve(manager, r.json().instanceId);
    expect((await unitA.get(`${B}/${id.v1}`)).statusCode).toBe(200);
    await approve(leader, r.json().instanceId);
    expect((await unitA.get(`${B}/${id.v1}`)).statusCode).toBe(404);
    expect((await unitB.get(`${B}/${id.v1}`)).json().orgId).toBe(d.unitB.id);
    expect((await quota(d.unitA.id))!.actual).toBe(aBefore - 1);
    expect((await quota(d.unitB.id))!).toMatchObject({ actual: bBefore + 1 });
    const kinds = (await unitB.get(`${B}/${id.v1}/events`))
      .json()
      .items.map((e: { kind: string; orgId: number }) => `${e.kind}@${e.orgId}`);
    expect(kinds).toEqual(expect.arrayContaining([`transfer_out@${d.unitA.id}`, `transfer_in@${d.unitB.id}`]));
    // Bookings not started went with the old unit's plans.
    const open = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from vehicle_bookings where vehicle_id = ${id.v1} and status = 'booked'`,
    );
    expect(Number(open[0]!.n)).toBe(0);
  });

  story.it('scraps the replaced vehicle: disposed, out of the count, plate free again', async () => {
    const before = (await quota(d.unitA.id))!.actual;
    const r = await unitA.post(`${B}/disposals`, { vehicleId: id.old, method: 'scrap', reason: '已更新，达到报废年限' });
    expect(r.statusCode, r.body).toBe(201);
    await approve(manager, r.json().instanceId);
    await approve(leader, r.json().instanceId);
    expect((await unitA.get(`${B}/disposals/${r.json().id}`)).json()).toMatchObject({ status: 'approved' });
    expect((await unitA.get(`${B}/${id.old}`)).json()).toMatchObject({ status: 'disposed' });
    expect((await quota(d.unitA.id))!.actual).toBe(before - 1);
    expect((await unitA.patch(`${B}/${id.old}`, { model: 'x' })).statusCode).toBe(409);
    expect((await unitA.post(B, vehicle({ plate: '苏A10003' }))).statusCode).toBe(201);
  });

  story.it('flags a unit over its cap', async () => {
    // Unit B: cap 2, now holds 2; a third registered vehicle takes it over.
    await register(unitB, { plate: '苏A20002', orgId: d.unitB.id });
    expect(await quota(d.unitB.id)).toMatchObject({ cap: 2, actual: 3, overCap: true });
  });
});

describe('yearly statistics', () => {
  story.it('counts purchases approved this year with the change on last year, transfers, scrapping and the fleet', async () => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    // Shift one approved purchase into last year, so this year's change has a base.
    const [moved] = await queryRows<{ id: number }>(
      app.services.db,
      sql`update approval_instances set finished_at = finished_at - interval '1 year'
          where id = (select min(instance_id) from vehicle_purchase_requests where status in ('approved','delivered')) returning id`,
    );
    expect(moved).toBeTruthy();
    const [truth] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from vehicle_purchase_requests p join approval_instances i on i.id = p.instance_id
          where p.status in ('approved','delivered') and extract(year from i.finished_at at time zone 'Asia/Shanghai') = ${year}`,
    );
    const r = await manager.get(`${B}/statistics/yearly?from=${year - 1}&to=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    const [last, now] = r.json().items;
    expect(last).toMatchObject({ year: year - 1, purchasesApproved: 1 });
    expect(now).toMatchObject({ year, purchasesApproved: Number(truth!.n), transferred: 1, scrapped: 1, auctioned: 0 });
    expect(now.purchasesChangePct).toBe(Math.round((Number(truth!.n) - 1) * 10_000) / 100);
    expect(now.fleetAtYearEnd).toBeGreaterThan(0);
    // Unit A sees its own figures only: the transfer left from it, the scrapped car was its own.
    const a = (await unitA.get(`${B}/statistics/yearly?from=${year}&to=${year}`)).json().items[0];
    expect(a.fleetAtYearEnd).toBeLessThan(now.fleetAtYearEnd);
    expect((await manager.get(`${B}/statistics/yearly?from=${year}&to=${year - 1}`)).statusCode).toBe(400);
  });
});

describe('audit', () => {
  story.it('records every change', async () => {
    const auditor = await login(app, 'auditor');
    for (const t of [
      'vehicle',
      'vehicle_booking',
      'vehicle_purchase_request',
      'vehicle_trip_request',
      'vehicle_disposal',
      'vehicle_quota',
      'vehicle_driver',
    ]) {
      const r = await auditor.get(`/api/v1/audit?entityType=${t}&pageSize=5`);
      expect(r.statusCode).toBe(200);
      expect(r.json().total, t).toBeGreaterThan(0);
    }
  });
});

describe('ledger export', () => {
  story.it('exports the filtered ledger to Excel, in scope, and records the export', async () => {
    const r = await unitA.get(`${B}/export?status=in_service`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    // The workbook holds the contract's headers, then exactly the vehicles the same filter lists, all unit A's.
    const sheet = await readWorkbook(r.rawPayload);
    expect(sheet[0]).toEqual(VEHICLE_EXPORT_COLUMNS.map((c) => c.headerZh));
    const listed = (await unitA.get(`${B}?status=in_service&pageSize=200`)).json().items as { plate: string; orgName: string }[];
    expect(listed.length).toBeGreaterThan(0);
    const col = (h: string) => sheet[0]!.indexOf(h);
    expect(
      sheet
        .slice(1)
        .map((row) => row[col('号牌')])
        .sort(),
    ).toEqual(listed.map((v) => v.plate).sort());
    expect(new Set(sheet.slice(1).map((row) => row[col('使用单位')]))).toEqual(new Set([d.unitA.name]));
    const auditor = await login(app, 'auditor');
    const log = (await auditor.get('/api/v1/audit?entityType=vehicle&action=export')).json();
    expect(log.items.length).toBeGreaterThan(0);
  });
});
