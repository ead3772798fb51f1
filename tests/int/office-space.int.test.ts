import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { sql } from 'drizzle-orm';
import { addDays, cnToday } from '../../src/server/core';
import { computeCompliance, loadAreaRule } from '../../src/server/modules/office-space/compliance.service';
import { findingRows, findingsCte } from '../../src/server/modules/office-space/compliance.sql';
import { upload as uploadFile, workbook } from '../helpers/excel';
import { scenario } from '../helpers/steps';

/**
 * Office space over HTTP, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL: registry,
 * standards, summary, rectification through the approval engine, inspections, Excel import,
 * scope isolation and the concurrency rule for single-occupant suites.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
const id: Record<string, number> = {};
const B = '/api/v1/office-space';
/**
 * Unit A's offices told in steps: the people and rooms of beforeAll are measured, a third person
 * moves in, rooms are added, re-measured and partitioned, and later steps (the summary, the SQL
 * engine, the filing report) read every room and person the earlier ones left. Each test is a
 * step: run alone or shuffled, it runs the earlier steps first, once each (tests/helpers/steps.ts),
 * so it sees the registry it was written against. Only the unknown post level, which touches no
 * room or person, stands outside.
 */
const story = scenario();

async function person(s: Session, orgId: number, name: string, postLevel: string) {
  const r = await s.post('/api/v1/people', { name, orgId, postLevel });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
async function room(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${B}/rooms`, { useType: 'office', ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
async function occupy(s: Session, personId: number, roomId: number, extra: Record<string, unknown> = {}) {
  return s.post(`${B}/occupancies`, { personId, roomId, startDate: '2025-01-01', ...extra });
}
const compliance = async (s: Session, orgId: number) =>
  (await s.get(`${B}/compliance?orgId=${orgId}`)).json().items as {
    personId: number;
    entitledArea: number | null;
    actualArea: number;
    overStandard: boolean;
    excessArea: number;
  }[];

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  const site = await manager.post(`${B}/sites`, { name: '机关大院', orgId: d.bureau.id, address: '人民路 1 号' });
  expect(site.statusCode, site.body).toBe(200);
  id.site = site.json().id;
  const b = await manager.post(`${B}/buildings`, {
    siteId: id.site,
    name: '1号楼',
    grossArea: 5200.5,
    ownership: 'owned',
    floorsAbove: 5,
    floorsBelow: 1,
    yearBuilt: 2001,
  });
  expect(b.statusCode, b.body).toBe(200);
  id.building = b.json().id;
  const floors = (await manager.get(`${B}/floors?buildingId=${id.building}`)).json().items as { id: number; level: number }[];
  expect(floors.map((f) => f.level).sort()).toEqual([-1, 1, 2, 3, 4, 5]);
  id.floor3 = floors.find((f) => f.level === 3)!.id;
  id.floor2 = floors.find((f) => f.level === 2)!.id;
  // Unit A: a 正科 head in an oversized room, two 科员 sharing 27 ㎡, a county deputy with a suite.
  id.head = await person(unitA, d.unitA.id, '王局长', '141');
  id.clerk1 = await person(unitA, d.unitA.id, '李科员', '150');
  id.clerk2 = await person(unitA, d.unitA.id, '赵科员', '150');
  id.headRoom = await room(manager, {
    floorId: id.floor3,
    number: '301',
    useClass: 'office',
    area: 26.5,
    orgId: d.unitA.id,
    singleOccupant: true,
  });
  id.shared = await room(unitA, { floorId: id.floor3, number: '302', useClass: 'office', area: 27, orgId: d.unitA.id });
  id.meeting = await room(unitA, {
    floorId: id.floor3,
    number: '303',
    useClass: 'service',
    useType: 'meeting',
    area: 45.2,
    orgId: d.unitA.id,
  });
  expect((await occupy(unitA, id.head, id.headRoom)).statusCode).toBe(200);
  expect((await occupy(unitA, id.clerk1, id.shared)).statusCode).toBe(200);
  expect((await occupy(unitA, id.clerk2, id.shared)).statusCode).toBe(200);
  // Unit B on floor 2.
  id.bPerson = await person(unitB, d.unitB.id, '钱科员', '150');
  id.bRoom = await room(manager, { floorId: id.floor2, number: '201', useClass: 'office', area: 9, orgId: d.unitB.id });
  expect((await occupy(unitB, id.bPerson, id.bRoom)).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

describe('standards and compliance', () => {
  story.it('gives every person in scope entitled and actual area with the excess', async () => {
    const items = await compliance(manager, d.unitA.id);
    const by = new Map(items.map((i) => [i.personId, i]));
    expect(by.get(id.head)).toMatchObject({ entitledArea: 18, actualArea: 26.5, overStandard: true, excessArea: 8.5 });
    expect(by.get(id.clerk1)).toMatchObject({ entitledArea: 9, actualArea: 13.5, overStandard: true, excessArea: 4.5 });
    expect(items.some((i) => i.personId === id.bPerson)).toBe(false);
  });

  // One test, not two: the summary's figures (headcount 4, one person over standard) are those
  // after the third person moved in, so they must not depend on another test having run first.
  story.it('divides a shared room again when a third person moves in, and summarises the unit', async () => {
    const third = await person(unitA, d.unitA.id, '孙科员', '150');
    expect((await occupy(unitA, third, id.shared)).statusCode).toBe(200);
    const by = new Map((await compliance(unitA, d.unitA.id)).map((i) => [i.personId, i]));
    expect(by.get(id.clerk1)).toMatchObject({ actualArea: 9, overStandard: false, excessArea: 0 });
    expect(by.get(third)).toMatchObject({ actualArea: 9, overStandard: false });

    // Area by use class, headcount and over-standard people for the unit.
    const s = (await manager.get(`${B}/summary?orgId=${d.unitA.id}`)).json();
    expect(s.areaByUseClass).toEqual({ office: 53.5, service: 45.2, equipment: 0, auxiliary: 0 });
    expect(s.totalArea).toBe(98.7);
    expect(s.headcount).toBe(4);
    expect(s.staffing).toBe(30);
    expect(s.officeAreaPerCapita).toBe(13.38);
    expect(s.overStandardCount).toBe(1);
    expect(s.leaders.map((l: { personId: number }) => l.personId)).toEqual([id.head]);
    expect(s.servicePerCapita).toBe(11.3);
    expect(s.serviceStatus).toBe('above');
    const district = (await manager.get(`${B}/summary`)).json();
    expect(district.rooms).toBe(4);
    expect(district.buildings).toBe(1);
    expect(district.sites).toBe(1);
    expect(district.grossArea).toBe(5200.5);
  });

  story.it('staff see their own room and standard', async () => {
    // The staff account is the 正科 head's (set up in beforeAll: 26.5 ㎡ single room 301 on floor 3).
    const admin = await login(app, 'admin');
    const link = await admin.patch(`/api/v1/accounts/${d.accounts.staff}`, { personId: id.head });
    expect(link.statusCode, link.body).toBe(200);
    const r = await (await login(app, 'staff')).get(`${B}/mine`);
    expect(r.statusCode, r.body).toBe(200);
    const mine = r.json();
    expect(mine.person).toMatchObject({ personId: id.head, entitledArea: 18, actualArea: 26.5, overStandard: true, excessArea: 8.5 });
    expect(mine.rooms).toEqual([
      expect.objectContaining({ roomId: id.headRoom, number: '301', area: 26.5, buildingName: '1号楼', siteName: '机关大院' }),
    ]);
  });
});

describe('bad input changes nothing', () => {
  story.it('rejects negative, absurd and over-precise areas with field errors in the caller’s language', async () => {
    for (const area of [-5, 0, 99999, 12.345]) {
      const r = await manager.post(`${B}/rooms`, { floorId: id.floor3, number: `X${area}`, useClass: 'office', area, orgId: d.unitA.id });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.message).toContain('area');
    }
    const en = await login(app, 'manager', undefined, 'en');
    const r = await en.post(`${B}/rooms`, { floorId: id.floor3, number: 'X', useClass: 'office', area: -1, orgId: d.unitA.id });
    expect(r.json().error.details.fields[0]).toMatchObject({ field: 'area', message: 'must be greater than 0' });
    const rooms = (await manager.get(`${B}/rooms?floorId=${id.floor3}`)).json();
    expect(rooms.total).toBe(3);
  });

  story.it('refuses a room on a floor managed by another unit', async () => {
    const site = (await manager.post(`${B}/sites`, { name: '乙单位自有楼', orgId: d.unitB.id })).json();
    const bld = (
      await manager.post(`${B}/buildings`, { siteId: site.id, name: '乙楼', grossArea: 900, ownership: 'owned', floorsAbove: 2 })
    ).json();
    const floor = (await manager.get(`${B}/floors?buildingId=${bld.id}`)).json().items[0];
    const r = await unitA.post(`${B}/rooms`, {
      floorId: floor?.id ?? 999999,
      number: '101',
      useClass: 'office',
      area: 12,
      orgId: d.unitA.id,
    });
    expect([403, 404]).toContain(r.statusCode);
    expect(r.json().error.code).toMatch(/OFFICE_FLOOR_SCOPE|NOT_FOUND/);
    // …and a room for another unit, and a duplicate number.
    expect(
      (await unitA.post(`${B}/rooms`, { floorId: id.floor3, number: '309', useClass: 'office', area: 12, orgId: d.unitB.id })).statusCode,
    ).toBe(404);
    const dup = await unitA.post(`${B}/rooms`, { floorId: id.floor3, number: '301', useClass: 'office', area: 12, orgId: d.unitA.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('OFFICE_ROOM_NUMBER_TAKEN');
  });

  story.it('refuses overlapping use of a single-occupant suite and a second primary office', async () => {
    const other = await person(unitA, d.unitA.id, '周副局长', '142');
    const clash = await occupy(unitA, other, id.headRoom, { startDate: '2026-01-01' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('OFFICE_OCCUPANCY_OVERLAP');
    expect(clash.json().error.message).toContain('王局长');
    const second = await occupy(unitA, id.clerk1, id.meeting);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('OFFICE_SECOND_PRIMARY');
    // A concurrent-post room is allowed.
    const conc = await occupy(unitA, id.clerk1, id.meeting, { kind: 'concurrent' });
    expect(conc.statusCode).toBe(200);
    expect((await unitA.patch(`${B}/occupancies/${conc.json().id}`, { endDate: '2026-06-30' })).statusCode).toBe(200);
  });

  it('refuses an unknown post level', async () => {
    const r = await unitA.post('/api/v1/people', { name: '某人', orgId: d.unitA.id, postLevel: '999' });
    expect(r.statusCode).toBe(400);
  });

  story.it('lets exactly one of two concurrent assignments to a free suite through', async () => {
    const suite = await room(manager, {
      floorId: id.floor3,
      number: '310',
      useClass: 'office',
      area: 18,
      orgId: d.unitA.id,
      singleOccupant: true,
    });
    const p1 = await person(unitA, d.unitA.id, '甲副局长', '142');
    const p2 = await person(unitA, d.unitA.id, '乙副局长', '142');
    const [r1, r2] = await Promise.all([occupy(unitA, p1, suite), occupy(unitA, p2, suite)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const occ = (await unitA.get(`${B}/occupancies?roomId=${suite}`)).json();
    expect(occ.total).toBe(1);
  });
});

describe('scope', () => {
  // A step too, though it changes nothing: it asks to occupy the head's room, which the partition retires.
  story.it('gives unit A nothing of unit B', async () => {
    expect((await unitA.get(`${B}/rooms/${id.bRoom}`)).statusCode).toBe(404);
    expect((await unitA.patch(`${B}/rooms/${id.bRoom}`, { area: 10 })).statusCode).toBe(404);
    expect((await unitA.del(`${B}/rooms/${id.bRoom}`)).statusCode).toBe(404);
    expect((await occupy(unitA, id.head, id.bRoom, { kind: 'concurrent' })).statusCode).toBe(404);
    expect((await occupy(unitA, id.bPerson, id.headRoom, { kind: 'concurrent' })).statusCode).toBe(404);
    const rooms = (await unitA.get(`${B}/rooms?pageSize=100`)).json();
    expect(rooms.items.every((r: { orgId: number }) => r.orgId === d.unitA.id)).toBe(true);
    expect((await unitA.get(`${B}/compliance?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}/summary?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}/filing-report?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    const occ = (await unitA.get(`${B}/occupancies?pageSize=100`)).json();
    expect(occ.items.some((o: { personId: number }) => o.personId === id.bPerson)).toBe(false);
  });

  story.it('keeps a dated history of area changes and retires rooms instead of deleting them', async () => {
    const r = await unitA.patch(`${B}/rooms/${id.meeting}`, { area: 44.8, changeReason: '复测', effectiveFrom: '2026-03-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().history.find((h: { reason: string | null }) => h.reason === '复测')).toMatchObject({
      area: 44.8,
      effectiveFrom: '2026-03-01',
    });
    expect(r.json().history).toHaveLength(2);
    expect((await unitA.del(`${B}/rooms/${id.shared}`)).statusCode).toBe(409);
    const audit = await (await login(app, 'auditor')).get('/api/v1/audit?entityType=office_room&pageSize=50');
    expect(audit.json().items.length).toBeGreaterThan(3);
  });
});

describe('rectification by partition through approval', () => {
  story.it('refuses a plan that does not fit or does not help', async () => {
    const tooBig = await manager.post(`${B}/rectifications`, {
      personId: id.head,
      reason: '超标',
      effectiveDate: '2026-12-01',
      payload: {
        measure: 'partition',
        roomId: id.headRoom,
        parts: [
          { number: '301A', area: 18 },
          { number: '301B', area: 9 },
        ],
        keepIndex: 0,
      },
    });
    expect(tooBig.statusCode, tooBig.body).toBe(400);
    expect(tooBig.json().error.code).toBe('OFFICE_PARTITION_AREA');
    // Moving into the 45 ㎡ meeting room would make it worse.
    const useless = await manager.post(`${B}/rectifications`, {
      personId: id.head,
      reason: '超标',
      effectiveDate: '2026-12-01',
      payload: { measure: 'swap', fromRoomId: id.headRoom, toRoomId: id.meeting },
    });
    expect(useless.statusCode, useless.body).toBe(400);
    expect(useless.json().error.code).toBe('OFFICE_MEASURE_INVALID');
    const notOver = await manager.post(`${B}/rectifications`, {
      personId: id.bPerson,
      reason: 'x',
      effectiveDate: '2026-12-01',
      payload: { measure: 'vacate', roomIds: [id.bRoom] },
    });
    expect(notOver.json().error.code).toBe('OFFICE_NOT_OVER');
    expect((await manager.get(`${B}/rectifications`)).json().total).toBe(0);
  });

  story.it('partitions the room when the unit and the bureau approve, and the person is within the standard', async () => {
    const preview = await manager.post(`${B}/rectifications/preview`, {
      personId: id.head,
      payload: {
        measure: 'partition',
        roomId: id.headRoom,
        parts: [
          { number: '301A', area: 18 },
          { number: '301B', area: 8, useType: 'archive' },
        ],
        keepIndex: 0,
      },
    });
    expect(preview.json()).toMatchObject({ before: { excessArea: 8.5 }, after: { actualArea: 18, overStandard: false } });
    // The room is drawn on the floor plan: the partition must redraw it.
    const drawn = {
      id: 'head',
      roomId: id.headRoom,
      label: '301',
      points: [
        [0, 0],
        [6.5, 0],
        [6.5, 4],
        [0, 4],
      ],
    };
    expect(
      (await manager.patch(`${B}/floors/${id.floor3}`, { plan: { widthM: 40, heightM: 15, gridM: 0.5, shapes: [drawn] } })).statusCode,
    ).toBe(200);
    const req = await manager.post(`${B}/rectifications`, {
      personId: id.head,
      reason: '督查发现超标 8.5 ㎡，隔为两间',
      effectiveDate: '2026-01-01',
      payload: {
        measure: 'partition',
        roomId: id.headRoom,
        parts: [
          { number: '301A', area: 18 },
          { number: '301B', area: 8, useType: 'archive' },
        ],
        keepIndex: 0,
      },
    });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({ status: 'pending', excessArea: 8.5, entitledArea: 18, actualArea: 26.5 });
    const inst = req.json().instanceId;
    const a1 = await unitA.post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' });
    expect(a1.statusCode, a1.body).toBe(200);
    expect((await compliance(manager, d.unitA.id)).find((i) => i.personId === id.head)!.overStandard).toBe(true);
    // Drawn up by the bureau: the unit confirms, then a bureau leader signs off.
    const a2 = await (await login(app, 'leader')).post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' });
    expect(a2.statusCode, a2.body).toBe(200);
    const head = (await compliance(manager, d.unitA.id)).find((i) => i.personId === id.head)!;
    expect(head).toMatchObject({ actualArea: 18, overStandard: false, excessArea: 0 });
    expect((await unitA.get(`${B}/rooms/${id.headRoom}`)).statusCode).toBe(200);
    const rooms = (await unitA.get(`${B}/rooms?floorId=${id.floor3}&pageSize=100`)).json().items as {
      number: string;
      area: number;
      status: string;
      useClass: string;
    }[];
    expect(rooms.find((r) => r.number === '301')).toBeUndefined();
    expect(rooms.find((r) => r.number === '301A')).toMatchObject({ area: 18, status: 'in_use' });
    expect(rooms.find((r) => r.number === '301B')).toMatchObject({ area: 8, status: 'idle', useClass: 'service' });
    const plan = (await manager.get(`${B}/floors/${id.floor3}`)).json().plan;
    const a = rooms.find((r) => r.number === '301A') as unknown as { id: number };
    expect(plan.shapes.map((x: { label: string }) => x.label)).toEqual(['301A', '301B']);
    expect(plan.shapes[0].roomId).toBe(a.id);
    expect(plan.shapes[0].points).toEqual([
      [0, 0],
      [4.5, 0],
      [4.5, 4],
      [0, 4],
    ]);
    const rec = (await manager.get(`${B}/rectifications/${req.json().id}`)).json();
    expect(rec.status).toBe('approved');
    expect(rec.appliedAt).not.toBeNull();
  });
});

describe('inspections', () => {
  story.it('records a finding for an inspected unit and closes it once, with evidence', async () => {
    const insp = await manager.post(`${B}/inspections`, {
      title: '专项督查',
      kind: 'inspection',
      orgIds: [d.unitA.id],
      checklist: ['是否超标', '是否出租出借'],
      deadline: '2026-12-31',
    });
    expect(insp.statusCode, insp.body).toBe(200);
    const wrongUnit = await manager.post(`${B}/inspections/${insp.json().id}/findings`, {
      orgId: d.unitB.id,
      description: 'x',
      rectifyBy: '2026-12-01',
    });
    expect(wrongUnit.statusCode).toBe(400);
    const f = await manager.post(`${B}/inspections/${insp.json().id}/findings`, {
      orgId: d.unitA.id,
      roomId: id.meeting,
      description: '会议室改作办公室',
      rectifyBy: '2026-12-01',
      checkItem: '是否超标',
    });
    expect(f.statusCode, f.body).toBe(200);
    expect((await unitB.get(`${B}/findings`)).json().total).toBe(0);
    const open = (await unitA.get(`${B}/findings?status=open`)).json();
    expect(open.total).toBe(1);
    const closed = await unitA.post(`${B}/findings/${f.json().id}/close`, { evidence: '已恢复会议室用途' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const again = await unitA.post(`${B}/findings/${f.json().id}/close`, { evidence: '再次' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('OFFICE_FINDING_CLOSED');
    expect((await unitB.post(`${B}/findings/${f.json().id}/close`, { evidence: 'x' })).statusCode).toBe(404);
  });
});

describe('recovery deadlines', () => {
  story.it('lists the room of a person who left more than a month ago and notifies once', async () => {
    const leaver = await person(unitA, d.unitA.id, '吴调离', '150');
    const r = await room(unitA, { floorId: id.floor3, number: '320', useClass: 'office', area: 9, orgId: d.unitA.id });
    expect((await occupy(unitA, leaver, r)).statusCode).toBe(200);
    const upd = await unitA.patch(`/api/v1/people/${leaver}`, { status: 'transferred', statusSince: '2026-01-10' });
    expect(upd.statusCode, upd.body).toBe(200);
    const list = (await manager.get(`${B}/overdue`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ personId: leaver, dueDate: '2026-02-10', kind: 'primary' });
    const admin = await login(app, 'admin');
    const run1 = await admin.post('/api/v1/jobs/office.recovery.overdue/run');
    expect(run1.statusCode, run1.body).toBe(200);
    const notes = (await unitA.get('/api/v1/notifications')).json();
    const mine = notes.items.filter((n: { kind: string }) => n.kind === 'office.overdue');
    expect(mine).toHaveLength(1);
    await admin.post('/api/v1/jobs/office.recovery.overdue/run');
    expect(
      (await unitA.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'office.overdue'),
    ).toHaveLength(1);
    // Recovering the room takes it off the list.
    const occ = (await unitA.get(`${B}/occupancies?personId=${leaver}`)).json().items[0];
    expect((await unitA.patch(`${B}/occupancies/${occ.id}`, { endDate: '2026-02-01' })).statusCode).toBe(200);
    expect((await manager.get(`${B}/overdue`)).json().items).toHaveLength(0);
  });
});

describe('Excel import', () => {
  story.it('imports nothing when one row is wrong, and every row when all are right', async () => {
    const header = ['办公区', '楼栋', '楼层', '房间号', '用途分类', '具体用途', '使用面积(㎡)', '使用单位', '状态'];
    const bad = await workbook(header, [
      ['机关大院', '1号楼', 4, '401', '办公室', '办公室', 18, '测试区发展和改革局', '在用'],
      ['机关大院', '9号楼', 4, '402', '办公室', '', 12, '测试区发展和改革局', ''],
      ['机关大院', '1号楼', 4, '403', '办公室', '', -3, '测试区发展和改革局', ''],
      ['机关大院', '1号楼', 4, '404', '办公室', '', 9, '测试区教育局', ''],
    ]);
    const r1 = await upload(unitA, `${B}/import/rooms`, bad);
    expect(r1.statusCode).toBe(422);
    const errs = r1.json().error.details.errors as { row: number; column: string }[];
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [3, '楼栋'],
      [4, '使用面积(㎡)'],
      [5, '使用单位'],
    ]);
    expect((await unitA.get(`${B}/rooms?floorId=${id.floor3}&q=40`)).json().total).toBe(0);
    const good = await workbook(header, [
      ['机关大院', '1号楼', 4, '401', '办公室', '办公室', 18, '测试区发展和改革局', '在用'],
      ['机关大院', '1号楼', 4, '402', '服务用房', '档案室', 12.5, '测试区发展和改革局', ''],
    ]);
    const r2 = await upload(unitA, `${B}/import/rooms`, good);
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().imported).toBe(2);
    const floors = (await unitA.get(`${B}/floors?buildingId=${id.building}`)).json().items as { level: number; rooms: number }[];
    expect(floors.find((f) => f.level === 4)!.rooms).toBe(2);
    const tpl = await unitA.get(`${B}/import/rooms/template`);
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const exp = await manager.get(`${B}/rooms/export?orgId=${d.unitA.id}`);
    expect(exp.statusCode).toBe(200);
  });
});

describe('Excel import of buildings and occupancy', () => {
  story.it('creates a site and its floors from a buildings sheet, and assigns rooms from an occupancy sheet', async () => {
    const b = await workbook(
      ['办公区', '楼栋', '建筑面积(㎡)', '权属', '地上层数', '地下层数'],
      [['南长大楼', '主楼', 8800.5, '租用', 9, 1]],
    );
    const r1 = await upload(manager, `${B}/import/buildings?orgId=${d.bureau.id}`, b);
    expect(r1.statusCode, r1.body).toBe(200);
    const site = (await manager.get(`${B}/sites`)).json().items.find((x: { name: string }) => x.name === '南长大楼');
    const bld = (await manager.get(`${B}/buildings?siteId=${site.id}`)).json().items[0];
    expect(bld).toMatchObject({ name: '主楼', grossArea: 8800.5, ownership: 'leased_in', floorsAbove: 9 });
    expect((await manager.get(`${B}/floors?buildingId=${bld.id}`)).json().items).toHaveLength(10);
    const again = await upload(manager, `${B}/import/buildings?orgId=${d.bureau.id}`, b);
    expect(again.statusCode).toBe(422);

    const newcomer = await person(unitA, d.unitA.id, '冯新人', '150');
    const sheet = (rows: (string | number)[][]) => workbook(['姓名', '所在单位', '办公区', '楼栋', '房间号', '起用日期'], rows);
    const bad = await upload(
      unitA,
      `${B}/import/occupancy`,
      await sheet([
        ['冯新人', '测试区发展和改革局', '机关大院', '1号楼', '302', '2026-01-01'],
        ['查无此人', '测试区发展和改革局', '机关大院', '1号楼', '302', '2026-01-01'],
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors[0]).toMatchObject({ row: 3, column: '姓名' });
    expect((await unitA.get(`${B}/occupancies?personId=${newcomer}`)).json().total).toBe(0);
    const ok = await upload(
      unitA,
      `${B}/import/occupancy`,
      await sheet([['冯新人', '测试区发展和改革局', '机关大院', '1号楼', '302', '2026-01-01']]),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await unitA.get(`${B}/occupancies?personId=${newcomer}`)).json().total).toBe(1);
  });
});

describe('leases in (租用)', () => {
  story.it('registers, renews and terminates a lease; refuses bad dates and other units; reminds once before expiry', async () => {
    const bad = await unitA.post(`${B}/leases`, {
      orgId: d.unitA.id,
      landlord: '某置业公司',
      address: '人民路 8 号 5 楼',
      area: 320,
      startDate: '2026-06-01',
      endDate: '2026-05-01',
      rentPerYear: 180000,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('endDate');
    const other = await unitA.post(`${B}/leases`, {
      orgId: d.unitB.id,
      landlord: 'x',
      address: 'y',
      area: 10,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      rentPerYear: 1,
    });
    expect(other.statusCode).toBe(404);
    const soon = addDays(cnToday(), 20);
    const created = await unitA.post(`${B}/leases`, {
      orgId: d.unitA.id,
      landlord: '某置业公司',
      address: '人民路 8 号 5 楼',
      area: 320.5,
      contractNo: 'ZL-2024-01',
      startDate: '2024-01-01',
      endDate: soon,
      rentPerYear: 180000,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ status: 'active', daysLeft: 20, area: 320.5 });
    expect((await unitB.get(`${B}/leases`)).json().total).toBe(0);
    expect((await manager.get(`${B}/leases?expiringWithin=30`)).json().total).toBe(1);
    const admin = await login(app, 'admin');
    await admin.post('/api/v1/jobs/office.lease.expiry/run');
    await admin.post('/api/v1/jobs/office.lease.expiry/run');
    const notes = (await unitA.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'office.lease');
    expect(notes).toHaveLength(1);
    expect((await unitB.post(`${B}/leases/${created.json().id}/renew`, { endDate: '2030-12-31', rentPerYear: 1 })).statusCode).toBe(404);
    const renewed = await unitA.post(`${B}/leases/${created.json().id}/renew`, { endDate: '2029-12-31', rentPerYear: 185000 });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({
      status: 'active',
      renewsId: created.json().id,
      rentPerYear: '185000.00',
      endDate: '2029-12-31',
    });
    expect((await unitA.post(`${B}/leases/${created.json().id}/renew`, { endDate: '2031-12-31', rentPerYear: 1 })).statusCode).toBe(400);
    const ended = await unitA.post(`${B}/leases/${renewed.json().id}/terminate`, { terminatedOn: '2027-06-30', note: '迁入新建业务用房' });
    expect(ended.json()).toMatchObject({ status: 'terminated', terminatedOn: '2027-06-30' });
    expect((await unitA.get(`${B}/leases?status=active`)).json().total).toBe(0);
  });
});

describe('the SQL form of the standards engine', () => {
  story.it('gives every person the same actual and entitled area as the engine', async () => {
    // A county deputy with a suite (rest room, 8 ㎡ toilet) and a concurrent-post room.
    const deputy = await person(unitA, d.unitA.id, '郑副区长', '132');
    const office = await room(manager, {
      floorId: id.floor2,
      number: '250',
      useClass: 'office',
      area: 20.35,
      orgId: d.unitA.id,
      singleOccupant: true,
    });
    await room(manager, {
      floorId: id.floor2,
      number: '250-1',
      useClass: 'office',
      useType: 'rest',
      area: 5.5,
      orgId: d.unitA.id,
      suiteOfId: office,
    });
    await room(manager, {
      floorId: id.floor2,
      number: '250-2',
      useClass: 'office',
      useType: 'toilet',
      area: 8,
      orgId: d.unitA.id,
      suiteOfId: office,
    });
    expect((await occupy(unitA, deputy, office)).statusCode).toBe(200);
    const db = app.services.db;
    const scope = sql`p.org_id in (select id from orgs where path like ${`${d.bureau.path}%`})`;
    const { rule } = await loadAreaRule(db);
    const engine = (await computeCompliance(db, scope)).items;
    const { rows } = await findingRows(db, findingsCte(d.bureau.tenantId, scope, rule, cnToday()), {
      limit: 10_000,
      offset: 0,
    });
    expect(rows.length).toBe(engine.length);
    const bySql = new Map(rows.map((r) => [Number(r.person_id), r]));
    for (const e of engine) {
      const r = bySql.get(e.personId)!;
      expect([e.personId, Number(r.actual)]).toEqual([e.personId, e.actualArea]);
      expect([e.personId, r.entitled === null ? null : Number(r.entitled)]).toEqual([e.personId, e.entitledArea]);
      expect(r.leader).toBe(e.leader);
    }
    expect(engine.find((e) => e.personId === deputy)).toMatchObject({ actualArea: 27.85, excessArea: 3.85 });
    const summary = (await manager.get(`${B}/summary`)).json();
    expect(summary.overStandardCount).toBe(engine.filter((e) => e.overStandard).length);
  });
});

describe('floor plans', () => {
  story.it('saves a plan whose shapes link rooms of the floor, and refuses rooms of another floor', async () => {
    const shapes = [
      {
        id: 's1',
        roomId: id.meeting,
        label: '303',
        points: [
          [0, 0],
          [7.5, 0],
          [7.5, 6],
          [0, 6],
        ],
      },
    ];
    const ok = await unitA.patch(`${B}/floors/${id.floor3}`, { plan: { widthM: 40, heightM: 15, gridM: 0.5, shapes } });
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = (await unitA.get(`${B}/floors/${id.floor3}`)).json();
    expect(detail.plan.shapes).toHaveLength(1);
    expect(detail.roomList.find((r: { id: number }) => r.id === id.meeting)).toBeTruthy();
    const bad = await unitA.patch(`${B}/floors/${id.floor3}`, {
      plan: { widthM: 40, heightM: 15, gridM: 0.5, shapes: [{ ...shapes[0], roomId: id.bRoom }] },
    });
    expect(bad.statusCode).toBe(400);
    expect((await unitA.get(`${B}/floors/${id.floor3}`)).json().plan.shapes[0].roomId).toBe(id.meeting);
  });

  story.it('prints the unit filing report', async () => {
    const r = await unitA.get(`${B}/filing-report?orgId=${d.unitA.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.org).toEqual({ id: d.unitA.id, name: '测试区发展和改革局', agencyLevel: 'county', staffing: 30 });
    type Row = { id: number; orgId: number; number: string; useClass: string; area: number; buildingName: string; floorName: string };
    const rooms = report.rooms as Row[];
    // Every room is the unit's; the meeting room drawn on the plan is there with its number and use;
    // the rooms are exactly those the registry lists for the unit, with the same numbers, uses and areas.
    expect(new Set(rooms.map((x) => x.orgId))).toEqual(new Set([d.unitA.id]));
    const byId = new Map(rooms.map((x) => [x.id, x]));
    expect(byId.get(id.meeting)).toMatchObject({ number: '303', useClass: 'service', buildingName: '1号楼' });
    expect(byId.has(id.bRoom)).toBe(false);
    const listed = (await unitA.get(`${B}/rooms?orgId=${d.unitA.id}&pageSize=200`)).json().items as Row[];
    const facts = (xs: Row[]) => xs.map((x) => [x.id, x.number, x.useClass, x.area]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(facts(rooms)).toEqual(facts(listed));
    expect(report.roomsTotal).toBe(rooms.length);
    expect(rooms.length).toBeGreaterThan(3);
    const total = Math.round(rooms.reduce((a, x) => a + x.area * 100, 0)) / 100;
    expect(report.summary.totalArea).toBe(total);
    expect(report.summary.areaByUseClass.service).toBe(
      Math.round(rooms.filter((x) => x.useClass === 'service').reduce((a, x) => a + x.area * 100, 0)) / 100,
    );
    // The floor with the drawn plan (set in the test before) is listed with its building.
    expect(report.floors).toContainEqual(expect.objectContaining({ id: id.floor3, buildingName: '1号楼' }));
  });
});

const upload = (s: Session, url: string, buf: Buffer) => uploadFile(app, s, url, buf, 'rooms.xlsx');
