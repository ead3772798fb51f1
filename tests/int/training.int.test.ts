import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cnToday, queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook } from '../helpers/excel';

/**
 * Training-class lodging over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: centre,
 * rooms and beds; classes with trainees (phones encrypted at rest); allocation with the
 * database's one-person-per-bed-per-night rule under concurrency; check-in and check-out with
 * housekeeping; the settlement against the training fee caps exact to the fen; scope, audit,
 * bad input that changes nothing.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
let centreId: number;
const B = '/api/v1/training';
const today = cnToday();

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const counts = async () => ({
  classes: await count('training_classes'),
  trainees: await count('training_trainees'),
  nights: await count('training_bed_nights'),
  rooms: await count('training_rooms'),
  audit: await count('audit_log'),
});
const lastAudit = async () =>
  (
    await queryRows<{ action: string; entity_type: string; summary: string }>(
      app.services.db,
      sql`select action, entity_type, summary from audit_log order by id desc limit 1`,
    )
  )[0]!;

async function newClass(s: Session, title: string, start: string, end: string, n: number, category = 2) {
  const r = await s.post(`${B}/classes`, {
    centreId,
    orgId: d.unitA.id,
    title,
    category,
    startDate: start,
    endDate: end,
    trainees: Array.from({ length: n }, (_, i) => ({
      name: `${title}学员${i + 1}`,
      unitName: '测试单位',
      phone: `1390000${String(1000 + i)}`,
    })),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; trainees: { id: number; name: string }[] };
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  [manager, unitA, unitB, staff] = await Promise.all([
    login(app, 'manager'),
    login(app, 'unit_a'),
    login(app, 'unit_b'),
    login(app, 'staff'),
  ]);
  const c = await manager.post(`${B}/centres`, { orgId: d.bureau.id, name: '培训中心', address: '东路 8 号' });
  expect(c.statusCode, c.body).toBe(201);
  centreId = c.json().id;
  for (const [number, floor, beds] of [
    ['201', 2, 2],
    ['202', 2, 2],
    ['301', 3, 1],
  ] as const) {
    const r = await manager.post(`${B}/centres/${centreId}/rooms`, { number, floor, beds });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().beds).toHaveLength(beds);
  }
});
afterAll(async () => app?.close());

describe('training lodging', () => {
  it('a room number is unique per centre; the board shows rooms and beds', async () => {
    const dup = await manager.post(`${B}/centres/${centreId}/rooms`, { number: '201', floor: 2, beds: 2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('201');
    const b = await manager.get(`${B}/centres/${centreId}/board`);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().rooms).toHaveLength(3);
    expect(b.json().centre.beds).toBe(5);
  });

  it('trainee phones are encrypted at rest; the API shows the last four digits only', async () => {
    const k = await newClass(manager, '加密', addDays(today, 100), addDays(today, 101), 1);
    const [row] = await queryRows<{ phone_enc: string; phone_tail: string }>(
      app.services.db,
      sql`select phone_enc, phone_tail from training_trainees where id = ${k.trainees[0]!.id}`,
    );
    expect(row!.phone_enc).not.toContain('13900001000');
    expect(app.services.cipher.decrypt(row!.phone_enc)).toBe('13900001000');
    const detail = await manager.get(`${B}/classes/${k.id}`);
    expect(detail.body).not.toContain('13900001000');
    expect(detail.json().trainees[0].phoneTail).toBe('1000');
    // The roster export shows the last four digits only, and is audited.
    const before = await count('audit_log');
    const x = await manager.get(`${B}/classes/${k.id}/roster/export`);
    expect(x.statusCode, x.body).toBe(200);
    const rows = await readWorkbook(x.rawPayload);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('****1000');
    expect(rows.flat().join(' ')).not.toContain('13900001000');
    expect(await count('audit_log')).toBe(before + 1);
    expect((await unitB.get(`${B}/classes/${k.id}/roster/export`)).statusCode).toBe(404);
  });

  it('auto-allocation fills free beds for every night; a second class on those nights finds none', async () => {
    const k = await newClass(manager, '甲班', today, addDays(today, 3), 6);
    const r = await manager.post(`${B}/classes/${k.id}/auto-allocate`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ allocated: 5, unallocated: 1 });
    const detail = (await manager.get(`${B}/classes/${k.id}`)).json();
    expect(detail.trainees.filter((t: { nights: number }) => t.nights === 3)).toHaveLength(5);
    const other = await newClass(manager, '乙班', addDays(today, 2), addDays(today, 4), 1);
    expect((await manager.post(`${B}/classes/${other.id}/auto-allocate`)).json()).toEqual({ allocated: 0, unallocated: 1 });
    // A manual allocation of a taken bed names the night.
    const bed = detail.trainees[0].bedId as number;
    const taken = await manager.post(`${B}/classes/${other.id}/allocations`, { traineeId: other.trainees[0]!.id, bedId: bed });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain(addDays(today, 2));
  });

  it('concurrent allocation of one bed for overlapping nights: exactly one succeeds, the rest are clean 409s', async () => {
    const [room] = (await manager.post(`${B}/centres/${centreId}/rooms`, { number: '501', floor: 5, beds: 1 })).json().beds;
    // Eight classes whose nights all include day 32 (each lodges 3 nights from a start on day 30, 31 or 32).
    const classes = [];
    for (let i = 0; i < 8; i++)
      classes.push(await newClass(manager, `并发${i}`, addDays(today, 30 + (i % 3)), addDays(today, 33 + (i % 3)), 1));
    const before = await count('training_bed_nights');
    const results = await Promise.all(
      classes.map((k) => manager.post(`${B}/classes/${k.id}/allocations`, { traineeId: k.trainees[0]!.id, bedId: room.id })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('TRAINING_BED_TAKEN');
    expect((await count('training_bed_nights')) - before).toBe(3);
    const [dup] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from (select bed_id, night from training_bed_nights group by bed_id, night having count(*) > 1) x`,
    );
    expect(dup!.n).toBe(0);
  });

  it('check-in, check-out sets the room to be cleaned; housekeeping moves; audited', async () => {
    const k = await newClass(manager, '入住', addDays(today, 60), addDays(today, 62), 1);
    const tid = k.trainees[0]!.id;
    expect((await manager.post(`${B}/trainees/${tid}/check-in`)).statusCode).toBe(409); // no bed yet
    await manager.post(`${B}/classes/${k.id}/auto-allocate`);
    const inn = await manager.post(`${B}/trainees/${tid}/check-in`);
    expect(inn.statusCode, inn.body).toBe(200);
    expect(inn.json().checkedInAt).toBeTruthy();
    expect(await lastAudit()).toMatchObject({ action: 'check_in', entity_type: 'training_trainee' });
    expect((await manager.post(`${B}/trainees/${tid}/check-in`)).statusCode).toBe(409);
    const out = await manager.post(`${B}/trainees/${tid}/check-out`);
    expect(out.statusCode, out.body).toBe(200);
    const roomNo = inn.json().roomNumber as string;
    const board = (await manager.get(`${B}/centres/${centreId}/board?housekeeping=dirty`)).json();
    const room = board.rooms.find((r: { number: string }) => r.number === roomNo);
    expect(room.housekeeping).toBe('dirty');
    // The workbench counts it.
    const wb = (await manager.get('/api/v1/workbench')).json();
    expect(wb.counters.find((c: { key: string }) => c.key === 'training.toClean').count).toBe(board.counts.dirty);
    // dirty → inspected is refused; dirty → clean → inspected.
    expect((await manager.post(`${B}/rooms/${room.id}/housekeeping`, { status: 'inspected' })).statusCode).toBe(409);
    expect((await manager.post(`${B}/rooms/${room.id}/housekeeping`, { status: 'clean' })).json().housekeeping).toBe('clean');
    expect((await manager.post(`${B}/rooms/${room.id}/housekeeping`, { status: 'inspected' })).json().housekeeping).toBe('inspected');
    expect(await lastAudit()).toMatchObject({ action: 'update', entity_type: 'training_room' });
  });

  it('settlement against the caps exact to the fen, with the 30-day 70 % rule', async () => {
    // 二类 450/day; 40 training days + 1 arrival + 1 departure = 42 counted: 30 × 450 + 12 × 315 = 17,280 per person; 2 trainees = 34,560.
    const k = await newClass(manager, '长班', addDays(today, 200), addDays(today, 239), 2);
    const over = await manager.post(`${B}/classes/${k.id}/settle`, {
      arrivalDays: 1,
      departureDays: 1,
      lodging: '20000.00',
      meals: '10000.00',
      other: '4560.01',
    });
    expect(over.statusCode, over.body).toBe(200);
    const s = over.json().settlement;
    expect(s).toMatchObject({
      days: 40,
      trainees: 2,
      cap: '34560.00',
      total: '34560.01',
      rate: '450.00',
      longRate: '315.00',
      passed: false,
    });
    expect(s.checks.find((c: { rule: string }) => c.rule === 'total').message).toContain('0.01');
    expect(over.json().status).toBe('settled');
    expect(await lastAudit()).toMatchObject({ action: 'settle', entity_type: 'training_class' });
    expect(
      (await manager.post(`${B}/classes/${k.id}/settle`, { arrivalDays: 0, departureDays: 0, lodging: '1', meals: '1', other: '1' }))
        .statusCode,
    ).toBe(409);
    // Exactly the cap passes; two arrival days fail their check and count one.
    const k2 = await newClass(manager, '短班', addDays(today, 300), addDays(today, 302), 3, 3);
    const ok = await manager.post(`${B}/classes/${k2.id}/settle`, {
      arrivalDays: 2,
      departureDays: 1,
      lodging: '3000',
      meals: '1560',
      other: '0',
    });
    // 三类 380 × 3 trainees × (3 + 1 + 1) = 5,700.00? no: total 4,560.00 ≤ 5,700.00.
    const s2 = ok.json().settlement;
    expect(s2.cap).toBe('5700.00');
    expect(s2.checks.find((c: { rule: string }) => c.rule === 'total').passed).toBe(true);
    expect(s2.checks.find((c: { rule: string }) => c.rule === 'arrival').passed).toBe(false);
    expect(s2.passed).toBe(false);
  });

  it('scope: another unit and staff see nothing; the organising unit reads its class; changes need manage', async () => {
    const k = await newClass(manager, '范围', addDays(today, 400), addDays(today, 401), 1);
    expect((await unitA.get(`${B}/classes/${k.id}`)).statusCode).toBe(200);
    expect((await unitB.get(`${B}/classes/${k.id}`)).statusCode).toBe(404);
    expect((await unitB.get(`${B}/classes`)).json().items).toHaveLength(0);
    expect((await unitB.get(`${B}/centres/${centreId}/board`)).statusCode).toBe(404);
    const before = await counts();
    expect((await unitA.post(`${B}/classes/${k.id}/auto-allocate`)).statusCode).toBe(403);
    expect((await staff.get(`${B}/classes`)).statusCode).toBe(403);
    expect((await unitA.post(`${B}/trainees/${k.trainees[0]!.id}/check-in`)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('bad input is a 4xx and changes nothing', async () => {
    const before = await counts();
    const base = { centreId, orgId: d.unitA.id, title: '坏', category: 2, startDate: today, endDate: addDays(today, 1) };
    for (const body of [
      { ...base, endDate: addDays(today, -1) },
      { ...base, startDate: '2026-02-30' },
      { ...base, category: 4 },
      { ...base, title: '' },
      { ...base, title: 'x\u0000' },
      { ...base, centreId: 99999999999 },
      { ...base, endDate: addDays(today, 400) },
      { ...base, trainees: [{ name: '甲', phone: 'abc' }] },
    ]) {
      const r = await manager.post(`${B}/classes`, body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
    expect((await manager.post(`${B}/centres/${centreId}/rooms`, { number: '9 9', floor: 1, beds: 1 })).statusCode).toBe(400);
    expect((await manager.post(`${B}/centres/${centreId}/rooms`, { number: '999', floor: 1, beds: 0 })).statusCode).toBe(400);
    expect((await manager.post(`${B}/rooms/1/housekeeping`, { status: 'messy' })).statusCode).toBe(400);
    expect((await manager.get(`${B}/classes?pageSize=1000`)).statusCode).toBe(400);
    expect(
      (await manager.post(`${B}/classes/1/settle`, { arrivalDays: 0, departureDays: 0, lodging: '-1', meals: '0', other: '0' })).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
