import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook, upload, workbook } from '../helpers/excel';

/**
 * Asset register and public asset pool over HTTP, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: cards with exact money and their 4xx cases, scope, hand-in → acceptance →
 * allocation (reservation, 409, exactly one of two concurrent requests) → approval → receipt,
 * loans, disposal tiers, the pool-before-purchase check, statistics and labels.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let managerEn: Session;
let leader: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
const B = '/api/v1/assets';
const P = '/api/v1/asset-pool';

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const card = (over: Record<string, unknown> = {}) => ({
  orgId: d.unitA.id,
  name: '办公桌',
  categoryCode: 'A050102',
  originalValue: '1200.00',
  purchaseDate: '2020-03-15',
  ...over,
});
async function mk(s: Session, over: Record<string, unknown> = {}) {
  const r = await s.post(B, card(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; code: string; orgId: number; status: string };
}
async function approveAll(instanceId: number) {
  for (let i = 0; i < 4; i++) {
    const inst = (await manager.get(`/api/v1/approvals/${instanceId}`)).json().instance;
    if (inst.status !== 'pending') return inst.status as string;
    const who = [manager, leader];
    let moved = false;
    for (const s of who) {
      const r = await s.post(`/api/v1/approvals/${instanceId}/approve`, { comment: '同意' });
      if (r.statusCode === 200) {
        moved = true;
        break;
      }
    }
    if (!moved) throw new Error(`nobody could approve ${instanceId}`);
  }
  return (await manager.get(`/api/v1/approvals/${instanceId}`)).json().instance.status as string;
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  managerEn = await login(app, 'manager', undefined, 'en');
  leader = await login(app, 'leader');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  staff = await login(app, 'staff');
  // Before any warehouse exists, the bureau's own hand-in opens its virtual pool.
  const first = await manager.post(B, card({ name: '碎纸机', categoryCode: 'A020201', originalValue: '100.00' }));
  const auto = await manager.post(`${P}/hand-ins`, { assetIds: [first.json().id], reason: 'idle' });
  expect(auto.statusCode, auto.body).toBe(201);
  expect(auto.json().status).toBe('accepted');
  expect((await manager.get(`${P}/warehouses`)).json()).toMatchObject([{ name: '公物仓（虚拟仓）', kind: 'virtual', itemCount: 1 }]);
  const w = await manager.post(`${P}/warehouses`, { name: '一号仓库', kind: 'physical', address: '政务中心负一层' });
  expect(w.statusCode, w.body).toBe(201);
  expect((await manager.post(`${P}/warehouses`, { name: '一号仓库' })).statusCode).toBe(409);
});
afterAll(async () => app?.close());

describe('asset register', () => {
  it('creates cards with exact money, numbers them, depreciates straight-line and keeps history', async () => {
    const a = await mk(unitA, { originalValue: 0.1, name: '文件柜', categoryCode: 'A050105', purchaseDate: null });
    expect(a).toMatchObject({ originalValue: '0.10', status: 'in_use', netValue: null, categoryName: '柜类' });
    expect(a.code).toMatch(/^A050105-\d{4}-\d{6}$/);
    const b = await mk(unitA, { originalValue: '1800.00', purchaseDate: '2016-01-10' });
    // 15-year life: 1800 × (months in use) / 180, whatever today is, is exact to the fen.
    const net = (await unitA.get(`${B}/${b.id}`)).json().netValue as string;
    expect(net).toMatch(/^\d+\.\d{2}$/);
    expect(Number(net)).toBeLessThan(1800);
    const t = await unitA.post(`${B}/${b.id}/transfer`, { custodian: '张三', location: '3楼 301' });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json()).toMatchObject({ custodian: '张三', location: '3楼 301' });
    expect(t.json().events.map((e: { kind: string }) => e.kind)).toEqual(['transfer', 'create']);
    expect(t.json().actions).toEqual(expect.arrayContaining(['edit', 'transfer', 'hand_in', 'dispose']));
    const audit = await queryRows<{ action: string }>(
      app.services.db,
      sql`select action from audit_log where entity_type = 'asset' and entity_id = ${String(b.id)} order by id`,
    );
    expect(audit.map((x) => x.action)).toEqual(['create', 'update']);
  });

  it('refuses bad input with a clear 4xx in the caller’s language and changes nothing', async () => {
    const before = [await count('assets'), await count('audit_log'), await count('asset_events')];
    const bad = [
      card({ originalValue: '-5.00' }),
      card({ originalValue: '1.005' }),
      card({ categoryCode: 'Z999999' }),
      card({ categoryCode: 'A05' }),
      card({ purchaseDate: '2999-01-01' }),
      card({ status: 'in_pool' }),
      card({ name: '' }),
    ];
    for (const body of bad) {
      const r = await unitA.post(B, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message).toBeTruthy();
    }
    const en = await managerEn.post(B, card({ categoryCode: 'Z999999' }));
    expect(en.json().error.message).toMatch(/not in the classification/);
    // Another unit's org, and a duplicate code.
    expect((await unitA.post(B, card({ orgId: d.unitB.id }))).statusCode).toBe(404);
    const dup = await mk(unitA, { code: 'DUP-1' });
    expect((await unitA.post(B, card({ code: 'DUP-1' }))).statusCode).toBe(409);
    expect([await count('assets'), await count('audit_log'), await count('asset_events')]).toEqual(
      before.map((n, i) => n + (i === 2 ? 1 : 1)),
    );
    expect(dup.code).toBe('DUP-1');
  });

  it('scopes the register: another unit sees neither the card nor its label; staff open their own unit’s card', async () => {
    const a = await mk(unitA, { name: '保险柜', categoryCode: 'A020202', originalValue: '5600.00' });
    expect((await unitB.get(`${B}/${a.id}`)).statusCode).toBe(404);
    expect((await unitB.patch(`${B}/${a.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await unitB.get(`${B}?q=保险柜`)).json().total).toBe(0);
    const list = (await unitA.get(`${B}?q=保险柜`)).json();
    expect(list.total).toBe(1);
    // Two characters go by the stored bigrams, one by a plain scan; LIKE wildcards are literal.
    expect((await unitA.get(`${B}?q=${encodeURIComponent('险柜')}`)).json().total).toBe(1);
    expect((await unitA.get(`${B}?q=${encodeURIComponent('柜保')}`)).json().total).toBe(0);
    expect((await unitA.get(`${B}?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await unitA.get(`${B}?q=${encodeURIComponent(a.code.slice(0, 9))}`)).json().items.map((x: { id: number }) => x.id)).toContain(
      a.id,
    );
    expect(list.totalValue).toBe('5600.00');
    const scanned = await staff.get(`${B}/by-code/${encodeURIComponent(a.code)}`);
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json().actions).toEqual([]);
    expect((await staff.post(B, card())).statusCode).toBe(403);
    // Photos: the unit attaches and reads them; another unit neither.
    const PNG = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    expect(
      (await upload(app, unitA, '/api/v1/files', PNG, 'safe.png', { ownerType: 'asset_photo', ownerId: String(a.id) })).statusCode,
    ).toBe(200);
    expect((await upload(app, unitB, '/api/v1/files', PNG, 'x.png', { ownerType: 'asset_photo', ownerId: String(a.id) })).statusCode).toBe(
      404,
    );
    expect((await unitA.get(`/api/v1/files?ownerType=asset_photo&ownerId=${a.id}`)).json().items).toHaveLength(1);
    expect((await unitB.get(`/api/v1/files?ownerType=asset_photo&ownerId=${a.id}`)).statusCode).toBe(404);
    const sheet = await unitA.get(`${B}/labels?ids=${a.id}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/text\/html/);
    expect(sheet.body).toContain(a.code);
    expect(sheet.body.match(/<svg/g)).toHaveLength(1);
    expect((await unitB.get(`${B}/labels?ids=${a.id}`)).body).not.toContain(a.code);
  });

  it('filters the register by using unit: the unit’s own cards, not those of the units under it, and only in scope', async () => {
    const own = await mk(manager, { orgId: d.bureau.id, name: '文件柜甲', categoryCode: 'A050104' });
    const ofA = await mk(manager, { orgId: d.unitA.id, name: '文件柜乙', categoryCode: 'A050104' });
    const ids = async (s: Session, q: string) =>
      ((await s.get(`${B}?q=${encodeURIComponent('文件柜')}&${q}`)).json().items as { id: number }[]).map((x) => x.id).sort();
    expect(await ids(manager, '')).toEqual(expect.arrayContaining([own.id, ofA.id]));
    const bureauOwn = await ids(manager, `usingOrgId=${d.bureau.id}`);
    expect(bureauOwn).toContain(own.id);
    expect(bureauOwn).not.toContain(ofA.id);
    const unitOwn = await ids(manager, `usingOrgId=${d.unitA.id}`);
    expect(unitOwn).toContain(ofA.id);
    expect(unitOwn).not.toContain(own.id);
    expect(await ids(unitA, `usingOrgId=${d.unitA.id}`)).toEqual(unitOwn);
    // Another unit's, or the bureau above the caller: 404, as for any org outside the scope.
    expect((await unitB.get(`${B}?usingOrgId=${d.unitA.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}?usingOrgId=${d.bureau.id}`)).statusCode).toBe(404);
  });
});

describe('asset Excel import and export', () => {
  it('imports nothing when one row is wrong, and every row, numbered, when all are right', async () => {
    const header = ['资产编号', '资产名称', '分类代码', '使用单位', '规格型号', '数量', '计量单位', '原值(元)', '取得日期', '资金来源'];
    const before = await count('assets');
    const bad = await workbook(header, [
      ['', '书柜', 'A050105', '测试区发展和改革局', '', 1, '个', 880, '2021-05-01', '财政拨款'],
      ['', '书柜', 'Z000000', '测试区发展和改革局', '', 1, '个', 880, '2021-05-01', ''],
      ['', '书柜', 'A050105', '测试区教育局', '', 1, '个', 880, '2021-05-01', ''],
      ['', '书柜', 'A050105', '测试区发展和改革局', '', 1, '个', -1, '2021-05-01', ''],
    ]);
    const r1 = await upload(app, unitA, `${B}/import`, bad);
    expect(r1.statusCode, r1.body).toBe(422);
    expect((r1.json().error.details.errors as { row: number; column: string }[]).map((e) => [e.row, e.column])).toEqual([
      [3, '分类代码'],
      [4, '使用单位'],
      [5, '原值(元)'],
    ]);
    expect(await count('assets')).toBe(before);
    const good = await workbook(header, [
      ['', '书柜', 'A050105', '测试区发展和改革局', '1800×400', 2, '个', 880.5, '2021-05-01', '财政拨款'],
      ['IMP-0002', '碎纸机', 'A020201', '测试区发展和改革局', '', 1, '台', 1299, '2022-01-09', ''],
    ]);
    const r2 = await upload(app, unitA, `${B}/import`, good);
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().imported).toBe(2);
    const got = (await unitA.get(`${B}?q=书柜`)).json().items[0];
    expect(got).toMatchObject({ quantity: 2, originalValue: '880.50', fundingSource: 'budget', orgId: d.unitA.id });
    expect((await upload(app, unitA, `${B}/import`, good)).statusCode).toBe(422); // IMP-0002 now exists
    const exp = await unitA.get(`${B}/export?q=碎纸机`);
    expect(exp.statusCode).toBe(200);
    const rows = await readWorkbook(exp.rawPayload);
    expect(rows[1]!.slice(0, 3)).toEqual(['IMP-0002', '碎纸机', 'A020201']);
  });
});

describe('stocktake', () => {
  it('counts a location by scans, reports missing, moved and surplus items, and applies moves on approval', async () => {
    const room = '5楼 501';
    const here = [];
    for (let i = 0; i < 3; i++) here.push(await mk(unitA, { name: `档案柜${i}`, categoryCode: 'A050105', location: room }));
    const other = await mk(unitB, { orgId: d.unitB.id, name: '教育局的椅子', categoryCode: 'A050103' });
    const t = await unitA.post('/api/v1/asset-stocktakes', { orgId: d.unitA.id, name: '501 室年度盘点', location: room });
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json()).toMatchObject({ expected: 3, found: 0, status: 'open' });
    const S = `/api/v1/asset-stocktakes/${t.json().id}`;
    expect((await staff.post(`${S}/scans`, { code: here[0]!.code, condition: 'B' })).json()).toMatchObject({
      result: 'found',
      assetId: here[0]!.id,
    });
    expect((await staff.post(`${S}/scans`, { code: here[0]!.code })).json().result).toBe('again');
    expect((await staff.post(`${S}/scans`, { code: here[1]!.code, foundLocation: '5楼 502' })).json().result).toBe('moved');
    const sur = (await staff.post(`${S}/scans`, { code: other.code })).json();
    expect(sur).toMatchObject({ result: 'surplus', name: null });
    expect((await staff.post(`${S}/scans`, { code: 'NO-SUCH-LABEL' })).json().result).toBe('surplus');
    expect((await unitB.post(`${S}/scans`, { code: here[2]!.code })).statusCode).toBe(404);
    const live = (await unitA.get(S)).json();
    expect(live).toMatchObject({ expected: 3, found: 2, scanned: 4 });
    expect(live.missing.map((m: { code: string }) => m.code)).toEqual([here[2]!.code]);
    const closed = await unitA.post(`${S}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('pending');
    expect((await staff.post(`${S}/scans`, { code: here[2]!.code })).statusCode).toBe(409);
    expect(await approveAll(closed.json().instanceId)).toBe('approved');
    expect((await unitA.get(`${B}/${here[1]!.id}`)).json().location).toBe('5楼 502');
    expect((await unitA.get(`${B}/${here[0]!.id}`)).json()).toMatchObject({ location: room, condition: 'B' });
    expect((await unitA.get(S)).json()).toMatchObject({ status: 'approved', found: 2, expected: 3 });
  });
});

describe('public asset pool', () => {
  let chairs: { id: number; code: string }[] = [];

  it('takes a unit’s hand-in, holds it until acceptance, then moves value and items to the pool in one step', async () => {
    chairs = [];
    for (let i = 0; i < 3; i++) chairs.push(await mk(unitA, { name: `会议椅${i}`, categoryCode: 'A050103', originalValue: '350.50' }));
    const h = await unitA.post(`${P}/hand-ins`, { assetIds: chairs.map((c) => c.id), reason: 'over_standard' });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json()).toMatchObject({ status: 'submitted', itemCount: 3, totalValue: '1051.50', orgId: d.unitA.id });
    expect((await unitA.get(`${B}/${chairs[0]!.id}`)).json()).toMatchObject({ status: 'reserved', reservedBy: h.json().code });
    // Held by the batch: not editable, not in a second batch, not disposable.
    expect((await unitA.patch(`${B}/${chairs[0]!.id}`, { name: 'x' })).statusCode).toBe(409);
    expect((await unitA.post(`${P}/hand-ins`, { assetIds: [chairs[0]!.id], reason: 'idle' })).statusCode).toBe(409);
    // Only the pool accepts.
    expect((await unitA.post(`${P}/hand-ins/${h.json().id}/accept`, { warehouseId: 1 })).statusCode).toBe(403);
    const wh = (await manager.get(`${P}/warehouses`)).json().find((x: { name: string }) => x.name === '一号仓库');
    const acc = await manager.post(`${P}/hand-ins/${h.json().id}/accept`, {
      warehouseId: wh.id,
      items: [
        {
          assetId: chairs[2]!.id,
          condition: 'C',
          slot: 'A-01',
          checks: { matches_register: true, appearance: false, works: true },
          note: '椅面破损',
        },
        {
          assetId: chairs[1]!.id,
          condition: 'A',
          checks: { matches_register: true, appearance: true, works: true, accessories: true, label: true },
        },
      ],
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().status).toBe('accepted');
    // Each item keeps its own grade and checklist (the printed acceptance form shows them per item).
    const items = new Map((acc.json().items as { assetId: number }[]).map((i) => [i.assetId, i]));
    expect(items.get(chairs[2]!.id)).toMatchObject({ condition: 'C', checks: { appearance: false, works: true }, note: '椅面破损' });
    expect(items.get(chairs[1]!.id)).toMatchObject({ condition: 'A', checks: { label: true }, note: null });
    expect(items.get(chairs[0]!.id)).toMatchObject({ condition: 'A', checks: null });
    // An unknown check is refused, naming the field.
    const odd = await manager.post(`${P}/hand-ins/${h.json().id}/accept`, {
      warehouseId: wh.id,
      items: [{ assetId: chairs[0]!.id, condition: 'A', checks: { smell: true } }],
    });
    expect(odd.statusCode).toBe(400);
    const moved = (await manager.get(`${B}/${chairs[2]!.id}`)).json();
    expect(moved).toMatchObject({ status: 'in_pool', orgId: d.bureau.id, warehouseId: wh.id, condition: 'C', slot: 'A-01' });
    expect((await unitA.get(`${B}?orgId=${d.unitA.id}&q=会议椅`)).json().total).toBe(0);
    // Units browse the catalogue of another owner's items.
    const catalogue = (await unitB.get(`${B}?status=in_pool&q=会议椅`)).json();
    expect(catalogue.total).toBe(3);
    expect(catalogue.totalValue).toBe('1051.50');
    expect((await manager.post(`${P}/hand-ins/${h.json().id}/accept`, { warehouseId: wh.id })).statusCode).toBe(409);
  });

  it('reserves on request: a second request naming a reserved item gets 409; rejection releases it', async () => {
    const a1 = await unitB.post(`${P}/allocations`, { assetIds: [chairs[0]!.id], toOrgId: d.unitB.id, reason: '新设科室' });
    expect(a1.statusCode, a1.body).toBe(201);
    expect((await manager.get(`${B}/${chairs[0]!.id}`)).json()).toMatchObject({ status: 'reserved', reservedBy: a1.json().code });
    const before = [await count('asset_allocations'), await count('audit_log')];
    const a2 = await unitA.post(`${P}/allocations`, { assetIds: [chairs[0]!.id, chairs[1]!.id], toOrgId: d.unitA.id, reason: '再要' });
    expect(a2.statusCode).toBe(409);
    expect(a2.json().error.message).toContain(a1.json().code);
    expect([await count('asset_allocations'), await count('audit_log')]).toEqual(before);
    expect((await manager.get(`${B}/${chairs[1]!.id}`)).json().status).toBe('in_pool');
    // Bad requests: not a pool item, another unit as receiver, an item twice, unknown asset.
    const own = await mk(unitA);
    expect((await unitA.post(`${P}/allocations`, { assetIds: [own.id], toOrgId: d.unitA.id, reason: 'x' })).statusCode).toBe(409);
    expect((await unitA.post(`${P}/allocations`, { assetIds: [chairs[1]!.id], toOrgId: d.unitB.id, reason: 'x' })).statusCode).toBe(404);
    expect(
      (await unitA.post(`${P}/allocations`, { assetIds: [chairs[1]!.id, chairs[1]!.id], toOrgId: d.unitA.id, reason: 'x' })).statusCode,
    ).toBe(400);
    expect((await unitA.post(`${P}/allocations`, { assetIds: [99999999], toOrgId: d.unitA.id, reason: 'x' })).statusCode).toBe(404);
    const rej = await manager.post(`/api/v1/approvals/${a1.json().instanceId}/reject`, { reason: '另有安排' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect((await unitB.get(`${P}/allocations/${a1.json().id}`)).json().status).toBe('rejected');
    expect((await manager.get(`${B}/${chairs[0]!.id}`)).json()).toMatchObject({ status: 'in_pool', reservedBy: null });
  });

  it('lets exactly one of two concurrent requests for the same item succeed', async () => {
    const rs = await Promise.all([
      unitA.post(`${P}/allocations`, { assetIds: [chairs[0]!.id], toOrgId: d.unitA.id, reason: '甲' }),
      unitB.post(`${P}/allocations`, { assetIds: [chairs[0]!.id], toOrgId: d.unitB.id, reason: '乙' }),
    ]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const held = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from asset_allocation_items where asset_id = ${chairs[0]!.id} and active`,
    );
    expect(held[0]!.n).toBe(1);
    const won = rs.find((r) => r.statusCode === 201)!.json();
    const s = won.toOrgId === d.unitA.id ? unitA : unitB;
    // Approved → delivered → received: the chair joins the receiving unit's register.
    expect(await approveAll(won.instanceId)).toBe('approved');
    expect((await s.get(`${P}/allocations/${won.id}`)).json().status).toBe('approved');
    expect((await s.post(`${P}/allocations/${won.id}/deliver`)).statusCode).toBe(403);
    expect((await manager.post(`${P}/allocations/${won.id}/deliver`)).json().status).toBe('delivered');
    const rc = await s.post(`${P}/allocations/${won.id}/receive`, { custodian: '李四', location: '2楼 201' });
    expect(rc.statusCode, rc.body).toBe(200);
    const got = (await s.get(`${B}/${chairs[0]!.id}`)).json();
    expect(got).toMatchObject({ orgId: won.toOrgId, status: 'in_use', warehouseId: null, custodian: '李四' });
    expect(got.events.map((e: { kind: string }) => e.kind).slice(0, 2)).toEqual(['allocate', 'reserve']);
    expect((await s.post(`${P}/allocations/${won.id}/receive`, {})).statusCode).toBe(409);
  });

  it('lends pool items with a due date and takes them back with an inspection', async () => {
    const l = await manager.post(`${P}/loans`, {
      assetIds: [chairs[1]!.id],
      borrowerName: '区运动会筹委会',
      purpose: '运动会',
      lentOn: '2026-01-05',
      dueOn: '2026-01-20',
    });
    expect(l.statusCode, l.body).toBe(201);
    expect(l.json()).toMatchObject({ status: 'out', overdue: true, itemCount: 1 });
    expect((await manager.get(`${B}/${chairs[1]!.id}`)).json().status).toBe('on_loan');
    expect((await manager.get(`${P}/loans?status=overdue`)).json().total).toBe(1);
    expect((await unitA.post(`${P}/allocations`, { assetIds: [chairs[1]!.id], toOrgId: d.unitA.id, reason: 'x' })).statusCode).toBe(409);
    const bad = await manager.post(`${P}/loans`, {
      assetIds: [chairs[2]!.id],
      borrowerName: 'x',
      purpose: 'x',
      lentOn: '2026-02-01',
      dueOn: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const back = await manager.post(`${P}/loans/${l.json().id}/return`, { returnedOn: '2026-01-22', condition: 'B' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', overdue: false });
    // Reminders: an overdue loan notifies the pool's administrators once a day, not twice.
    const l2 = await manager.post(`${P}/loans`, {
      assetIds: [chairs[1]!.id],
      borrowerName: '区马拉松组委会',
      contact: '王五 13812345678',
      purpose: '马拉松',
      lentOn: '2026-01-05',
      dueOn: '2026-02-01',
    });
    expect(l2.statusCode, l2.body).toBe(201);
    // The contact's phone, written as free text, is masked in the audit record (#15).
    const [audited] = await queryRows<{ after: { contact: string } }>(
      app.services.db,
      sql`select after from audit_log where entity_type = 'asset_loan' and action = 'create' and entity_id = ${String(l2.json().id)}`,
    );
    expect(audited!.after.contact).toBe('王五 138****5678');
    const admin = await login(app, 'admin');
    const overdue = async () =>
      (await manager.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'asset.loan_overdue').length;
    expect((await admin.post('/api/v1/jobs/assets.loan.reminders/run')).statusCode).toBe(200);
    expect(await overdue()).toBe(1);
    await admin.post('/api/v1/jobs/assets.loan.reminders/run');
    expect(await overdue()).toBe(1);
    expect((await manager.post(`${P}/loans/${l2.json().id}/return`, { returnedOn: '2026-02-01', condition: 'B' })).statusCode).toBe(200);
    expect((await manager.get(`${B}/${chairs[1]!.id}`)).json()).toMatchObject({ status: 'in_pool', condition: 'B' });
  });

  it('stops a purchase of a category the pool holds in usable condition, unless a reason is given', async () => {
    const m = (await unitA.get(`${P}/matches?category=A050100`)).json();
    expect(m.total).toBe(1); // chair 1 (B); chair 2 is grade C, not usable
    const proj = { orgId: d.unitA.id, name: '会议椅采购', method: 'designated', budget: '3000.00', categoryCode: 'A050103' };
    const stopped = await unitA.post('/api/v1/procurement/projects', proj);
    expect(stopped.statusCode).toBe(409);
    expect(stopped.json().error.message).toMatch(/公物仓有 1 件/);
    const ok = await unitA.post('/api/v1/procurement/projects', { ...proj, poolOverrideReason: '需与现有会议室配套的型号' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await unitA.post('/api/v1/procurement/projects', { ...proj, categoryCode: 'A020101' })).statusCode).toBe(201);
    // The same for low-value furniture bought into a supplies store.
    const item = await manager.post('/api/v1/supplies/items', { code: 'JJ-001', name: '折叠椅', uom: '把', categoryCode: 'A050103' });
    expect(item.statusCode, item.body).toBe(201);
    const receipt = { orgId: d.bureau.id, itemId: item.json().id, quantity: 10, unitPrice: '85.00' };
    const before = await count('supplies_receipts');
    const refused = await manager.post('/api/v1/supplies/receipts', receipt);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.items).toHaveLength(1);
    expect(await count('supplies_receipts')).toBe(before);
    const taken = await manager.post('/api/v1/supplies/receipts', { ...receipt, poolOverrideReason: '活动临时用，需折叠收纳' });
    expect(taken.statusCode, taken.body).toBe(201);
  });

  it('disposes by approval with steps chosen by value, and refuses early scrapping without a reason', async () => {
    const young = await mk(unitA, { name: '笔记本电脑', categoryCode: 'A020101', originalValue: '6000.00', purchaseDate: '2024-06-01' });
    const early = await unitA.post(`${P}/disposals`, { assetIds: [young.id], method: 'scrap', reason: '损坏' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toMatch(/6 年/);
    const small = await unitA.post(`${P}/disposals`, {
      assetIds: [young.id],
      method: 'scrap',
      reason: '损坏',
      earlyReason: '进水主板损坏，维修费超过残值',
    });
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()).toMatchObject({ tier: 0, status: 'pending' });
    const big = await mk(unitA, { name: '指挥车', categoryCode: 'A020303', originalValue: '2000000.01', purchaseDate: '2010-01-01' });
    const bd = await unitA.post(`${P}/disposals`, { assetIds: [big.id], method: 'auction', reason: '超过使用年限' });
    expect(bd.json()).toMatchObject({ tier: 2, totalValue: '2000000.01' });
    expect(bd.json().tierLabel).toMatch(/财政/);
    const steps = (await manager.get(`/api/v1/approvals/${bd.json().instanceId}`)).json();
    expect(JSON.stringify(steps)).toMatch(/财政部门/);
    expect(await approveAll(small.json().instanceId)).toBe('approved');
    expect((await unitA.get(`${B}/${young.id}`)).json()).toMatchObject({ status: 'disposed' });
    expect((await unitA.get(`${B}?q=笔记本电脑`)).json().total).toBe(0);
    expect((await unitA.get(`${B}?q=笔记本电脑&status=disposed`)).json().total).toBe(1);
  });

  it('reports batches and items received, allocated, disposed and lent', async () => {
    const s = (await leader.get(`${P}/stats?from=2000-01-01&to=2100-12-31`)).json();
    expect(s.received).toEqual({ batches: 2, items: 4, value: '1151.50' });
    expect(s.allocated).toEqual({ batches: 1, items: 1, value: '350.50' });
    expect(s.disposed).toEqual({ batches: 1, items: 1, value: '6000.00' });
    expect(s.loaned).toMatchObject({ batches: 2, items: 2 });
    expect(s.allocatedByCategory).toEqual([{ categoryCode: 'A050000', name: '家具和用具', items: 1, value: '350.50' }]);
    expect(s.inPool).toEqual({ items: 3, value: '801.00' });
    expect((await staff.get(`${P}/stats`)).statusCode).toBe(403);
  });
});
