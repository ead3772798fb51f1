import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Office supplies over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the catalogue,
 * receipts at exact money, requisitions through the approval engine, issue at moving-average
 * cost under concurrency, scope, audit, bad input that changes nothing, minimum-stock alerts
 * with the daily job, the monthly ledger that balances, and the Excel exports.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let managerEn: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
let leader: Session;
let admin: Session;
const B = '/api/v1/supplies';
const items: Record<string, number> = {};

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      ['supplies_items', 'supplies_stock', 'supplies_receipts', 'supplies_requisitions', 'supplies_movements', 'audit_log'].map(
        async (t) => [t, await count(t)] as const,
      ),
    ),
  );
const stockOf = async (s: Session, orgId: number, itemId: number) =>
  (await s.get(`${B}/stock?orgId=${orgId}&pageSize=200`)).json().items.find((r: { itemId: number }) => r.itemId === itemId);

async function approve(s: Session, instanceId: number) {
  const r = await s.post(`/api/v1/approvals/${instanceId}/approve`, { comment: '同意' });
  expect(r.statusCode, r.body).toBe(200);
}
/** Staff files a requisition on unit A's store and unit A's administrator approves it. */
async function approvedRequisition(lines: { itemId: number; quantity: number }[]) {
  const r = await staff.post(`${B}/requisitions`, { reason: '日常办公', lines });
  expect(r.statusCode, r.body).toBe(201);
  await approve(unitA, r.json().instanceId);
  return r.json().id as number;
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  [manager, managerEn, unitA, unitB, staff, leader, admin] = await Promise.all([
    login(app, 'manager'),
    login(app, 'manager', undefined, 'en'),
    login(app, 'unit_a'),
    login(app, 'unit_b'),
    login(app, 'staff'),
    login(app, 'leader'),
    login(app, 'admin'),
  ]);
  for (const [code, name, uom, minStock] of [
    ['A4', 'A4复印纸', '包', 10],
    ['PEN', '签字笔', '支', 0],
    ['TONER', '硒鼓', '个', 2],
    ['FOLDER', '文件夹', '个', 0],
  ] as const) {
    const r = await manager.post(`${B}/items`, { code, name, uom, minStock, spec: code === 'A4' ? '70g 500张/包' : null });
    expect(r.statusCode, r.body).toBe(201);
    items[code] = r.json().id;
  }
});
afterAll(async () => app?.close());

describe('catalogue and receipts', () => {
  it('keeps the catalogue: unique codes, only the bureau keeper edits it, everyone who requisitions reads it', async () => {
    expect((await manager.post(`${B}/items`, { code: 'A4', name: '重复', uom: '包' })).statusCode).toBe(409);
    expect((await unitA.post(`${B}/items`, { code: 'X1', name: '单位自建', uom: '个' })).statusCode).toBe(403);
    expect((await staff.post(`${B}/items`, { code: 'X1', name: 'x', uom: '个' })).statusCode).toBe(403);
    const list = (await staff.get(`${B}/items?q=复印`)).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual(['A4']);
    const upd = await manager.patch(`${B}/items/${items.FOLDER}`, { spec: 'A4 双夹' });
    expect(upd.json()).toMatchObject({ spec: 'A4 双夹', code: 'FOLDER' });
  });

  it('receives into a store at exact money and moves the average', async () => {
    let r = await unitA.post(`${B}/receipts`, {
      orgId: d.unitA.id,
      itemId: items.PEN,
      quantity: 3,
      unitPrice: 0.1,
      supplierName: '江州办公用品公司',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ amount: '0.30', unitPrice: '0.10', quantity: 3 });
    r = await unitA.post(`${B}/receipts`, { orgId: d.unitA.id, itemId: items.PEN, quantity: 3, unitPrice: '0.20' });
    expect(r.json().amount).toBe('0.60');
    const s = await stockOf(unitA, d.unitA.id, items.PEN);
    expect(s).toMatchObject({ quantity: 6, value: '0.90', averageCost: '0.1500', belowMin: false });
    // A department's receipt goes to its unit's store.
    r = await unitA.post(`${B}/receipts`, { orgId: d.deptA.id, itemId: items.A4, quantity: 20, unitPrice: '23.50' });
    expect(r.json()).toMatchObject({ orgId: d.unitA.id, amount: '470.00' });
  });

  it('refuses bad input with a clear 4xx in the caller language and changes nothing', async () => {
    const before = await counts();
    const ok = { orgId: d.unitA.id, itemId: items.PEN, quantity: 1, unitPrice: '1.00' };
    for (const body of [
      { ...ok, quantity: 0 },
      { ...ok, quantity: -2 },
      { ...ok, quantity: 1.5 },
      { ...ok, unitPrice: '1.005' },
      { ...ok, unitPrice: '-1.00' },
      { ...ok, unitPrice: 'abc' },
      { ...ok, receivedOn: '2099-01-01' },
      { ...ok, receivedOn: '2026-02-30' },
      { ...ok, itemId: 999999 },
    ]) {
      const r = await unitA.post(`${B}/receipts`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message).toBeTruthy();
    }
    // Another unit's store: not found, not forbidden; staff may not receive.
    expect((await unitA.post(`${B}/receipts`, { ...ok, orgId: d.unitB.id })).statusCode).toBe(404);
    expect((await staff.post(`${B}/receipts`, ok)).statusCode).toBe(403);
    for (const body of [
      { lines: [] },
      { lines: [{ itemId: items.PEN, quantity: 0 }] },
      {
        lines: [
          { itemId: items.PEN, quantity: 1 },
          { itemId: items.PEN, quantity: 2 },
        ],
      },
    ])
      expect((await staff.post(`${B}/requisitions`, body)).statusCode).toBe(400);
    expect((await staff.post(`${B}/requisitions`, { orgId: d.unitB.id, lines: [{ itemId: items.PEN, quantity: 1 }] })).statusCode).toBe(
      404,
    );
    const en = await managerEn.post(`${B}/receipts`, { ...ok, unitPrice: '1.005' });
    expect(en.json().error.message).toMatch(/unitPrice/);
    expect(JSON.stringify(en.json().error.details)).toMatch(/at most two decimals/);
    const zh = await manager.post(`${B}/receipts`, { ...ok, receivedOn: '2099-01-01' });
    expect(zh.json().error.message).toBe('入库日期不能晚于今天');
    expect((await manager.get(`${B}/ledger?month=2026-13`)).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('requisitions and issue', () => {
  it('staff requisition → unit approval → keeper issues part of it at moving-average cost; stock goes down', async () => {
    const r = await staff.post(`${B}/requisitions`, {
      reason: '会议材料',
      lines: [
        { itemId: items.PEN, quantity: 4 },
        { itemId: items.A4, quantity: 5 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const req = r.json();
    expect(req).toMatchObject({ orgId: d.unitA.id, status: 'pending' });
    // Not yet approved: the keeper cannot issue it.
    expect((await unitA.post(`${B}/requisitions/${req.id}/issue`, {})).statusCode).toBe(409);
    // Unit A's administrator has it in the inbox; unit B neither sees it nor can issue it.
    const inbox = (await unitA.get('/api/v1/approvals/inbox')).json();
    expect(inbox.items.some((i: { id: number }) => i.id === req.instanceId)).toBe(true);
    expect((await unitB.get(`${B}/requisitions/${req.id}`)).statusCode).toBe(404);
    await approve(unitA, req.instanceId);
    expect((await staff.get(`${B}/requisitions/${req.id}`)).json().status).toBe('approved');
    expect((await unitB.post(`${B}/requisitions/${req.id}/issue`, {})).statusCode).toBe(404);
    expect((await staff.post(`${B}/requisitions/${req.id}/issue`, {})).statusCode).toBe(403);
    // More than requested is refused; nothing moves.
    const over = await unitA.post(`${B}/requisitions/${req.id}/issue`, { lines: [{ itemId: items.PEN, quantity: 5 }] });
    expect(over.statusCode).toBe(400);
    // Issue 4 pens (of 6, average 0.15 → 0.60) and only 3 of the 5 A4 packs.
    const iss = await unitA.post(`${B}/requisitions/${req.id}/issue`, {
      lines: [
        { itemId: items.PEN, quantity: 4 },
        { itemId: items.A4, quantity: 3 },
      ],
    });
    expect(iss.statusCode, iss.body).toBe(200);
    const out = iss.json();
    expect(out.status).toBe('issued');
    expect(out.lines.find((l: { itemId: number }) => l.itemId === items.PEN)).toMatchObject({ quantityIssued: 4, amountIssued: '0.60' });
    expect(out.lines.find((l: { itemId: number }) => l.itemId === items.A4)).toMatchObject({ quantityIssued: 3, amountIssued: '70.50' });
    expect(out.amountIssued).toBe('71.10');
    expect(await stockOf(unitA, d.unitA.id, items.PEN)).toMatchObject({ quantity: 2, value: '0.30' });
    expect(await stockOf(unitA, d.unitA.id, items.A4)).toMatchObject({ quantity: 17, value: '399.50' });
    // Issued once: a second issue is a conflict.
    expect((await unitA.post(`${B}/requisitions/${req.id}/issue`, {})).statusCode).toBe(409);
    // The requester is told; the requester sees it among their own.
    const mine = (await staff.get(`${B}/requisitions?mine=true`)).json();
    expect(mine.items.some((i: { id: number; status: string }) => i.id === req.id && i.status === 'issued')).toBe(true);
    const [n] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from notifications where account_id = ${d.accounts.staff} and kind = 'supplies.issued'`,
    );
    expect(Number(n!.n)).toBe(1);
    const [a] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from audit_log where entity_type = 'supplies_requisition' and entity_id = ${String(req.id)}`,
    );
    // Filed, approved (status), issued.
    expect(Number(a!.n)).toBe(3);
  });

  it('refuses a short stock with 409 in both languages, and changes nothing', async () => {
    const id = await approvedRequisition([
      { itemId: items.PEN, quantity: 1 },
      { itemId: items.TONER, quantity: 1 },
    ]);
    const before = await counts();
    const r = await unitA.post(`${B}/requisitions/${id}/issue`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('硒鼓 库存不足：现有 0，需发放 1');
    const en = await managerEn.post(`${B}/requisitions/${id}/issue`, {});
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe('Not enough 硒鼓 in stock: 0 on hand, 1 to issue');
    expect(await counts()).toEqual(before);
    expect((await stockOf(unitA, d.unitA.id, items.PEN)).quantity).toBe(2);
    // The database holds the line too: a stock never goes below zero.
    await expect(app.services.db.execute(sql`update supplies_stock set quantity = -1 where item_id = ${items.PEN}`)).rejects.toThrow();
  });

  it('two concurrent issues that together exceed the stock: exactly one succeeds', async () => {
    await unitA.post(`${B}/receipts`, { orgId: d.unitA.id, itemId: items.FOLDER, quantity: 10, unitPrice: '3.33' });
    const [r1, r2] = [
      await approvedRequisition([{ itemId: items.FOLDER, quantity: 6 }]),
      await approvedRequisition([{ itemId: items.FOLDER, quantity: 6 }]),
    ];
    const keeper2 = await login(app, 'unit_a');
    const res = await Promise.all([unitA.post(`${B}/requisitions/${r1}/issue`, {}), keeper2.post(`${B}/requisitions/${r2}/issue`, {})]);
    expect(res.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(await stockOf(unitA, d.unitA.id, items.FOLDER)).toMatchObject({ quantity: 4, value: '13.32' });
    // The same requisition issued twice at once: one issue only.
    const r3 = await approvedRequisition([{ itemId: items.FOLDER, quantity: 1 }]);
    const twice = await Promise.all([unitA.post(`${B}/requisitions/${r3}/issue`, {}), keeper2.post(`${B}/requisitions/${r3}/issue`, {})]);
    expect(twice.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const [m] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from supplies_movements where ref_type = 'requisition' and ref_id = ${r3}`,
    );
    expect(Number(m!.n)).toBe(1);
    // Emptying the store leaves it worth exactly zero.
    const last = await approvedRequisition([{ itemId: items.FOLDER, quantity: 3 }]);
    expect((await unitA.post(`${B}/requisitions/${last}/issue`, {})).json().amountIssued).toBe('9.99');
    expect(await stockOf(unitA, d.unitA.id, items.FOLDER)).toMatchObject({ quantity: 0, value: '0.00' });
  });

  it('a requisition on the bureau store goes to the bureau administrator', async () => {
    const bureauStaff = await (await import('../helpers/app')).addAccountWithRole(app, {
      username: 'clerk',
      orgId: d.bureau.id,
      roleCode: 'staff',
    });
    const r = await bureauStaff.post(`${B}/requisitions`, { lines: [{ itemId: items.A4, quantity: 1 }] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().orgId).toBe(d.bureau.id);
    await approve(manager, r.json().instanceId);
    expect((await manager.get(`${B}/requisitions/${r.json().id}`)).json().status).toBe('approved');
    // Unit A's keeper cannot see the bureau's requisitions.
    expect((await unitA.get(`${B}/requisitions/${r.json().id}`)).statusCode).toBe(404);
  });
});

describe('scope, alerts, ledger and exports', () => {
  it('scopes every list to the caller subtree', async () => {
    await unitB.post(`${B}/receipts`, { orgId: d.unitB.id, itemId: items.TONER, quantity: 1, unitPrice: '268.00' });
    const a = (await unitA.get(`${B}/stock?pageSize=200`)).json();
    expect(a.items.length).toBeGreaterThan(0);
    expect(a.items.every((i: { orgId: number }) => i.orgId === d.unitA.id)).toBe(true);
    expect((await unitA.get(`${B}/stock?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}/ledger?orgId=${d.unitB.id}&month=2026-01`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}/receipts?pageSize=200`)).json().items.every((i: { orgId: number }) => i.orgId === d.unitA.id)).toBe(true);
    expect((await manager.get(`${B}/stock?pageSize=200`)).json().items.some((i: { orgId: number }) => i.orgId === d.unitB.id)).toBe(true);
    expect((await leader.get(`${B}/stock?pageSize=200`)).json().total).toBe((await manager.get(`${B}/stock?pageSize=200`)).json().total);
    // Staff hold no read permission: an empty stock list, only their own requisitions.
    expect((await staff.get(`${B}/stock`)).json().total).toBe(0);
    expect(
      (await staff.get(`${B}/requisitions?pageSize=200`))
        .json()
        .items.every((i: { requesterId: number }) => i.requesterId === d.accounts.staff),
    ).toBe(true);
    const stores = (await unitA.get(`${B}/stores`)).json().items;
    expect(stores.map((s: { id: number }) => s.id)).toEqual([d.unitA.id]);
  });

  it('lists stock below the minimum and tells the keepers once a day', async () => {
    // Unit A: 17 A4 (min 10) fine; unit B: 1 toner (min 2) low.
    const low = (await manager.get(`${B}/alerts`)).json();
    expect(low.items.map((i: { orgId: number; code: string }) => `${i.orgId}:${i.code}`)).toEqual([`${d.unitB.id}:TONER`]);
    expect((await unitA.get(`${B}/alerts`)).json().total).toBe(0);
    expect((await manager.get(`${B}/stock?belowMin=true`)).json().total).toBe(1);
    const run = async () => {
      const r = await admin.post('/api/v1/jobs/supplies.min_stock/run');
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    expect((await run()).result).toEqual({ stores: 1, items: 1 });
    expect((await run()).result).toEqual({ stores: 0, items: 0 });
    const [n] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from notifications where account_id = ${d.accounts.unit_b} and kind = 'supplies.min_stock'`,
    );
    expect(Number(n!.n)).toBe(1);
  });

  it('the monthly ledger balances exactly: opening + received − issued = closing = stock, month on month', async () => {
    // Move the first pen receipt into last month, so this month opens with it.
    const month = (
      await queryRows<{ m: string }>(app.services.db, sql`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM') as m`)
    )[0]!.m;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await app.services.db.execute(
      sql`update supplies_movements set occurred_at = ${`${prev}-15T10:00:00+08:00`}::timestamptz
          where id = (select min(id) from supplies_movements where item_id = ${items.PEN} and org_id = ${d.unitA.id})`,
    );
    const p = (await unitA.get(`${B}/ledger?month=${prev}`)).json();
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({
      code: 'PEN',
      openingQuantity: 0,
      receivedQuantity: 3,
      receivedValue: '0.30',
      closingQuantity: 3,
      closingValue: '0.30',
    });
    const r = await unitA.get(`${B}/ledger?month=${month}`);
    expect(r.statusCode, r.body).toBe(200);
    const l = r.json();
    expect(l.orgId).toBe(d.unitA.id);
    const stock = (await unitA.get(`${B}/stock?pageSize=200`)).json().items;
    const fen = (v: string) => BigInt(v.replace('.', ''));
    for (const row of l.items) {
      expect(row.openingQuantity + row.receivedQuantity - row.issuedQuantity + row.adjustedQuantity).toBe(row.closingQuantity);
      expect(fen(row.openingValue) + fen(row.receivedValue) - fen(row.issuedValue) + fen(row.adjustedValue)).toBe(fen(row.closingValue));
      const s = stock.find((x: { itemId: number }) => x.itemId === row.itemId);
      expect({ q: row.closingQuantity, v: row.closingValue }).toEqual({ q: s.quantity, v: s.value });
    }
    const pen = l.items.find((i: { code: string }) => i.code === 'PEN');
    expect(pen).toMatchObject({
      openingQuantity: 3,
      openingValue: '0.30',
      receivedQuantity: 3,
      receivedValue: '0.60',
      issuedQuantity: 4,
      issuedValue: '0.60',
      closingQuantity: 2,
      closingValue: '0.30',
    });
    expect(pen.openingValue).toBe(p.items[0].closingValue);
    const t = l.totals;
    expect(fen(t.openingValue) + fen(t.receivedValue) - fen(t.issuedValue) + fen(t.adjustedValue)).toBe(fen(t.closingValue));
    // Every movement's balance is the running sum of the ledger.
    const bad = await queryRows(
      app.services.db,
      sql`select id from (select id, balance_quantity, balance_value,
            sum(quantity) over w as q, sum(amount) over w as v from supplies_movements
            window w as (partition by org_id, item_id order by id)) x where q <> balance_quantity or v <> balance_value`,
    );
    expect(bad).toEqual([]);
  });

  it('exports the stock list and the ledger as Excel', async () => {
    const s = await unitA.get(`${B}/stock/export`);
    expect(s.statusCode).toBe(200);
    expect(s.headers['content-type']).toContain('spreadsheetml');
    expect(s.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const l = await unitA.get(`${B}/ledger/export?month=${month}`);
    expect(l.statusCode).toBe(200);
    expect(decodeURIComponent(String(l.headers['content-disposition']))).toContain('办公用品台账');
    expect((await unitA.get(`${B}/ledger/export?orgId=${d.unitB.id}&month=${month}`)).statusCode).toBe(404);
  });
});
