import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../helpers/excel';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Office-space workflows over HTTP, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL:
 * allocation (调配) of idle rooms, repairs and refits (维修改造) with the 15 % rule and the
 * filing (备案) that keeps the building before and after, and lease contract files.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let leader: Session;
let unitA: Session;
let unitB: Session;
const id: Record<string, number> = {};
const B = '/api/v1/office-space';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function room(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${B}/rooms`, { useType: 'office', ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
const approve = (s: Session, inst: number) => s.post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' });

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  leader = await login(app, 'leader');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  const site = await manager.post(`${B}/sites`, { name: '行政中心', orgId: d.bureau.id });
  expect(site.statusCode, site.body).toBe(200);
  const b = await manager.post(`${B}/buildings`, {
    siteId: site.json().id,
    name: '综合楼',
    grossArea: 2000,
    ownership: 'owned',
    floorsAbove: 3,
    floorsBelow: 0,
  });
  expect(b.statusCode, b.body).toBe(200);
  id.building = b.json().id;
  const floors = (await manager.get(`${B}/floors?buildingId=${id.building}`)).json().items as { id: number; level: number }[];
  id.floor1 = floors.find((f) => f.level === 1)!.id;
  // A second building where the units have their rooms (the repair works on it).
  const b2 = await manager.post(`${B}/buildings`, {
    siteId: site.json().id,
    name: '业务楼',
    grossArea: 2000,
    ownership: 'owned',
    floorsAbove: 3,
    floorsBelow: 0,
  });
  expect(b2.statusCode, b2.body).toBe(200);
  id.building = b2.json().id;
  const floors2 = (await manager.get(`${B}/floors?buildingId=${id.building}`)).json().items as { id: number; level: number }[];
  id.floor2 = floors2.find((f) => f.level === 2)!.id;
  // The bureau's idle rooms (the pool it allocates from), and rooms of the two units.
  id.idle1 = await room(manager, { floorId: id.floor1, number: '101', useClass: 'office', area: 30, orgId: d.bureau.id, status: 'idle' });
  id.idle2 = await room(manager, { floorId: id.floor1, number: '102', useClass: 'office', area: 25.5, orgId: d.bureau.id, status: 'idle' });
  id.busy = await room(manager, { floorId: id.floor1, number: '103', useClass: 'office', area: 20, orgId: d.bureau.id });
  id.a1 = await room(manager, { floorId: id.floor2, number: '201', useClass: 'office', area: 36, orgId: d.unitA.id });
  id.a2 = await room(manager, { floorId: id.floor2, number: '202', useClass: 'service', useType: 'meeting', area: 60, orgId: d.unitA.id });
  id.b1 = await room(manager, { floorId: id.floor2, number: '210', useClass: 'office', area: 18, orgId: d.unitB.id });
  const p = await unitA.post('/api/v1/people', { name: '周主任', orgId: d.unitA.id, postLevel: '131', postTitle: '局长' });
  expect(p.statusCode, p.body).toBe(200);
  id.chief = p.json().id;
  expect((await unitA.post(`${B}/occupancies`, { personId: id.chief, roomId: id.a1, startDate: '2025-01-01' })).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

describe('allocation (调配) of idle space', () => {
  it('assigns idle rooms to a unit that asks, and hands them over on approval with history', async () => {
    const req = await unitA.post(`${B}/allocations`, {
      orgId: d.unitA.id,
      useClass: 'office',
      requestedArea: 50,
      headcount: 4,
      reason: '新增编制 4 名，现有办公室不足',
    });
    expect(req.statusCode, req.body).toBe(201);
    const a = req.json();
    expect(a).toMatchObject({ status: 'pending', rooms: [], assignedArea: 0 });
    // 50 ㎡ is below the leader's 200 ㎡: the approver reads that step as skipped, with its
    // condition as a sentence, never as the next step; the facts read as labelled fields.
    const doc = (await manager.get(`/api/v1/approvals/${a.instanceId}`)).json();
    expect(doc.steps.map((s: { state: string }) => s.state)).toEqual(['current', 'skipped']);
    expect(doc.steps[1].condition).toBe('申请面积不少于 200 ㎡');
    expect(doc.instance.summary.fields).toEqual([
      { label: '用途', value: '办公室' },
      { label: '人数', value: '4 人' },
      { label: '申请面积', value: '50 ㎡' },
    ]);
    expect(a.unit.officeArea).toBe(36);
    expect((await unitB.get(`${B}/allocations/${a.id}`)).statusCode).toBe(404);
    expect((await unitB.get(`${B}/allocations`)).json().total).toBe(0);

    // Nothing assigned yet: the bureau cannot approve.
    const early = await approve(manager, a.instanceId);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('OFFICE_ALLOCATION_INVALID');
    expect((await manager.get(`${B}/allocations/${a.id}`)).json().status).toBe('pending');

    // Only the bureau assigns, and only idle empty rooms it manages.
    expect((await unitA.put(`${B}/allocations/${a.id}/rooms`, { roomIds: [id.idle1] })).statusCode).toBe(403);
    const busy = await manager.put(`${B}/allocations/${a.id}/rooms`, { roomIds: [id.busy] });
    expect(busy.statusCode).toBe(400);
    expect(busy.json().error.message).toMatch(/103 不是闲置/);
    expect((await manager.put(`${B}/allocations/${a.id}/rooms`, { roomIds: [99999] })).statusCode).toBe(404);
    const picker = (await manager.get(`${B}/allocations/idle-rooms?useClass=office`)).json() as { roomId: number }[];
    expect(picker.map((r) => r.roomId).sort()).toEqual([id.idle1, id.idle2].sort());
    const assigned = await manager.put(`${B}/allocations/${a.id}/rooms`, { roomIds: [id.idle1, id.idle2] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ assignedArea: 55.5, unit: { officeArea: 36, afterOfficeArea: 91.5 } });

    const ok = await approve(manager, a.instanceId);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await manager.get(`${B}/allocations/${a.id}`)).json()).toMatchObject({ status: 'approved', unit: { officeArea: 91.5 } });
    const r1 = (await unitA.get(`${B}/rooms/${id.idle1}`)).json();
    expect(r1).toMatchObject({ orgId: d.unitA.id, status: 'in_use' });
    expect(r1.history.some((h: { reason: string | null }) => /调配#/.test(h.reason ?? ''))).toBe(true);
  });

  it('never hands one room to two units: the second approval finds it taken and changes nothing', async () => {
    const mk = async (s: Session, orgId: number) => {
      const r = await s.post(`${B}/allocations`, { orgId, useClass: 'office', requestedArea: 20, reason: '临时专班' });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: number; instanceId: number };
    };
    const free = await room(manager, {
      floorId: id.floor1,
      number: '105',
      useClass: 'office',
      area: 19,
      orgId: d.bureau.id,
      status: 'idle',
    });
    const x = await mk(unitA, d.unitA.id);
    const y = await mk(unitB, d.unitB.id);
    for (const r of [x, y]) expect((await manager.put(`${B}/allocations/${r.id}/rooms`, { roomIds: [free] })).statusCode).toBe(200);
    const results = await Promise.all([approve(manager, x.instanceId), approve(manager, y.instanceId)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const owner = (await manager.get(`${B}/rooms/${free}`)).json().orgId;
    const winner = owner === d.unitA.id ? x : y;
    const loser = winner === x ? y : x;
    expect((await manager.get(`${B}/allocations/${winner.id}`)).json().status).toBe('approved');
    expect((await manager.get(`${B}/allocations/${loser.id}`)).json().status).toBe('pending');
  });

  it('exports the allocation list to Excel', async () => {
    const r = await manager.get(`${B}/allocations/export`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
  });
});

describe('repairs and refits (维修改造) with the filing (备案)', () => {
  const base = {
    kind: 'major',
    title: '综合楼二层整体改造',
    assessment: '房屋安全鉴定为 C 级，需加固并改造',
    budget: 1_200_000,
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
  };

  it('refuses a major repair adding more than 15 % of floor area, and any area for other repairs; nothing saved', async () => {
    const over = await unitA.post(`${B}/repairs`, { ...base, orgId: d.unitA.id, buildingId: id.building, addedArea: 300.01 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('OFFICE_REPAIR_AREA_CAP');
    expect(over.json().error.message).toContain('300');
    const routine = await unitA.post(`${B}/repairs`, {
      ...base,
      kind: 'routine',
      orgId: d.unitA.id,
      buildingId: id.building,
      addedArea: 5,
    });
    expect(routine.statusCode).toBe(400);
    const backwards = await unitA.post(`${B}/repairs`, { ...base, orgId: d.unitA.id, buildingId: id.building, plannedEnd: '2026-02-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields[0].field).toBe('plannedEnd');
    expect((await unitB.post(`${B}/repairs`, { ...base, orgId: d.unitA.id, buildingId: id.building })).statusCode).toBe(404);
    expect((await manager.get(`${B}/repairs`)).json().total).toBe(0);
  });

  it('runs a major repair from request to filing, applying the new areas and keeping before and after', async () => {
    const draft = await upload(app, unitA, '/api/v1/files', pdf, '安全鉴定报告.pdf', { ownerType: 'office_repair' });
    expect(draft.statusCode, draft.body).toBe(200);
    const req = await unitA.post(`${B}/repairs`, {
      ...base,
      orgId: d.unitA.id,
      buildingId: id.building,
      addedArea: 300,
      fileIds: [draft.json().id],
    });
    expect(req.statusCode, req.body).toBe(201);
    const rep = req.json();
    expect(rep).toMatchObject({ status: 'pending', kind: 'major', buildingGrossArea: 2000 });
    const files = await unitA.get(`/api/v1/files?ownerType=office_repair&ownerId=${rep.id}`);
    expect(files.json().items ?? files.json()).toHaveLength(1);
    expect((await unitB.get(`${B}/repairs/${rep.id}`)).statusCode).toBe(404);

    // Budget ≥ 1,000,000: the bureau, then a bureau leader.
    expect((await approve(manager, rep.instanceId)).statusCode).toBe(200);
    expect((await unitA.get(`${B}/repairs/${rep.id}`)).json().status).toBe('pending');
    expect((await approve(leader, rep.instanceId)).statusCode).toBe(200);
    expect((await unitA.get(`${B}/repairs/${rep.id}`)).json().status).toBe('approved');

    const P = `${B}/repairs/${rep.id}/progress`;
    expect((await unitA.post(P, { action: 'complete', date: '2026-08-30', actualCost: 1, acceptanceNote: 'x' })).statusCode).toBe(400);
    expect((await unitA.post(P, { action: 'start', date: '2026-03-02' })).json().status).toBe('in_progress');
    expect((await unitA.post(P, { action: 'complete', date: '2026-08-30' })).statusCode).toBe(400);
    expect((await unitA.post(P, { action: 'complete', date: '2026-01-01', actualCost: 1, acceptanceNote: '合格' })).statusCode).toBe(400);
    const done = await unitA.post(P, { action: 'complete', date: '2026-08-30', actualCost: 1_150_000, acceptanceNote: '竣工验收合格' });
    expect(done.json()).toMatchObject({ status: 'completed', actualCost: '1150000.00' });

    const F = `${B}/repairs/${rep.id}/filing`;
    const current = (await unitA.get(`${B}/repairs/${rep.id}/current`)).json();
    expect(current.rooms.map((r: { number: string }) => r.number).sort()).toEqual(['201', '202']);
    expect(current.leaders).toEqual([expect.objectContaining({ personName: '周主任', area: 36, entitledArea: 30 })]);
    const tooBig = await unitA.post(F, { grossArea: 2300.01, rooms: [] });
    expect(tooBig.statusCode).toBe(400);
    const occupied = await unitA.post(F, {
      grossArea: 2200,
      rooms: [{ roomId: id.a1, number: '201', area: 36, useClass: 'office', useType: 'office', removed: true }],
    });
    expect(occupied.statusCode).toBe(400);
    expect(
      (await unitA.post(F, { grossArea: 2200, rooms: [{ roomId: id.b1, number: '210', area: 10, useClass: 'office', useType: 'office' }] }))
        .statusCode,
    ).toBe(404);
    expect((await unitA.get(`${B}/rooms/${id.a2}`)).json().area).toBe(60);

    const filed = await unitA.post(F, {
      grossArea: 2250,
      rooms: [
        { roomId: id.a1, number: '201', area: 30, useClass: 'office', useType: 'office' },
        { roomId: id.a2, number: '202', area: 48, useClass: 'service', useType: 'meeting' },
        { floorId: id.floor2, number: '203', area: 12, useClass: 'service', useType: 'archive' },
      ],
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const f = filed.json();
    expect(f.status).toBe('filed');
    expect(f.filingBefore).toMatchObject({ grossArea: 2000, byClass: { office: 36, service: 60 } });
    expect(f.filingAfter).toMatchObject({ grossArea: 2250, byClass: { office: 30, service: 60 } });
    expect(f.filingBefore.leaders[0]).toMatchObject({ area: 36 });
    expect(f.filingAfter.leaders[0]).toMatchObject({ area: 30, entitledArea: 30 });
    const a1 = (await unitA.get(`${B}/rooms/${id.a1}`)).json();
    expect(a1.area).toBe(30);
    expect(a1.history.some((h: { reason: string | null }) => /维修备案#/.test(h.reason ?? ''))).toBe(true);
    expect((await manager.get(`${B}/repairs/${rep.id}`)).json().buildingGrossArea).toBe(2250);
    // Filed once: a second filing is refused.
    expect((await unitA.post(F, { grossArea: 2250, rooms: [] })).statusCode).toBe(400);
    const list = (await manager.get(`${B}/repairs?status=filed`)).json();
    expect(list.total).toBe(1);
    const xlsx = await manager.get(`${B}/repairs/export`);
    expect(xlsx.statusCode).toBe(200);
  });
});

describe('lease contracts', () => {
  it('binds the signed contract to the lease; another unit cannot see it', async () => {
    const draft = await upload(app, unitA, '/api/v1/files', pdf, '租赁合同.pdf', { ownerType: 'office_lease' });
    expect(draft.statusCode, draft.body).toBe(200);
    const lease = await unitA.post(`${B}/leases`, {
      orgId: d.unitA.id,
      landlord: '某置业公司',
      address: '人民路 8 号',
      area: 120,
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      rentPerYear: 96000,
      contractFileIds: [draft.json().id],
    });
    expect(lease.statusCode, lease.body).toBe(200);
    const files = await unitA.get(`/api/v1/files?ownerType=office_lease&ownerId=${lease.json().id}`);
    expect(files.statusCode).toBe(200);
    expect(files.json().items ?? files.json()).toHaveLength(1);
    expect((await unitB.get(`/api/v1/files?ownerType=office_lease&ownerId=${lease.json().id}`)).statusCode).toBe(404);
  });
});

describe('the figures warmer', () => {
  it('recomputes a figure read recently once a change has settled, so the next read is a hit', async () => {
    const { cachedByVersion, startFiguresWarmer } = await import('../../src/server/modules/office-space/compliance.sql');
    const db = app.database.db;
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cachedByVersion(db, 'test-figure', compute)).toBe(1);
    expect(await cachedByVersion(db, 'test-figure', compute)).toBe(1);
    const warmer = startFiguresWarmer(db, { intervalMs: 40 });
    try {
      // Any change to rooms bumps the data version (statement trigger).
      expect((await manager.patch(`${B}/rooms/${id.busy}`, { note: '窗户更换' })).statusCode).toBe(200);
      for (let i = 0; i < 50 && computed < 2; i++) await new Promise((r) => setTimeout(r, 40));
      expect(computed).toBe(2);
      // The read after the warm-up is served from the cache: no third computation.
      expect(await cachedByVersion(db, 'test-figure', compute)).toBe(2);
      expect(computed).toBe(2);
    } finally {
      warmer.stop();
    }
  });
});
