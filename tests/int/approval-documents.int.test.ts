import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Approvals that read like documents (issue #17), on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: the summary in the reader's language, steps that will not run shown as skipped
 * with their condition as a sentence, system-written titles in both languages (and old rows
 * that keep their one title), common comments per account, and batch decisions where every
 * item is decided on its own.
 */
let app: TestApp;
let staff: Session;
let staffEn: Session;
let unitA: Session;
let unitAEn: Session;
let unitB: Session;
let manager: Session;

beforeAll(async () => {
  app = await buildTestApp();
  await seedTestDistrict(app);
  [staff, staffEn, unitA, unitAEn, unitB, manager] = await Promise.all([
    login(app, 'staff'),
    login(app, 'staff', undefined, 'en'),
    login(app, 'unit_a'),
    login(app, 'unit_a', undefined, 'en'),
    login(app, 'unit_b'),
    login(app, 'manager'),
  ]);
});
afterAll(async () => {
  await app?.close();
});

const submit = async (amount: number, title = '会议室投影仪') => {
  const r = await staff.post('/api/v1/general-requests', { title, category: 'purchase', content: '部门例会需要', amount });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().instanceId as number;
};
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(app.services.db, q);

describe('the approver reads a document', () => {
  it('shows the facts labelled and formatted in the reader’s language, on the page and the inbox card', async () => {
    const id = await submit(25000);
    const zh = (await unitA.get(`/api/v1/approvals/${id}`)).json();
    expect(zh.instance.summary).toEqual({
      fields: [
        { label: '事项类别', value: '购置' },
        { label: '金额', value: '¥25,000.00' },
        { label: '申请内容', value: '部门例会需要' },
      ],
      checks: [],
    });
    const en = (await unitAEn.get(`/api/v1/approvals/${id}`)).json();
    expect(en.instance.summary.fields).toEqual([
      { label: 'Category', value: 'Purchase' },
      { label: 'Amount', value: '¥25,000.00' },
      { label: 'Details', value: '部门例会需要' },
    ]);
    const card = (await unitAEn.get('/api/v1/approvals/inbox?pageSize=100')).json().items.find((i: { id: number }) => i.id === id);
    expect(card.summary.fields[1]).toEqual({ label: 'Amount', value: '¥25,000.00' });
    // Over 10,000 yuan the leader step runs: it waits, with its condition as a sentence.
    expect(zh.steps.map((s: { state: string }) => s.state)).toEqual(['current', 'waiting', 'waiting']);
    expect(zh.steps[2].condition).toBe('金额大于 10,000 元');
    expect(en.steps[2].condition).toBe('Amount is more than 10,000 yuan');
  });

  it('leaves out a fact the request does not have (no amount: no ¥0.00), and the amount condition does not hold', async () => {
    const r = await staff.post('/api/v1/general-requests', { title: '借用报告厅', category: 'venue', content: '支部活动' });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await unitA.get(`/api/v1/approvals/${r.json().instanceId}`)).json();
    expect(d.instance.summary.fields).toEqual([
      { label: '事项类别', value: '场地借用' },
      { label: '申请内容', value: '支部活动' },
    ]);
    expect(d.steps.map((s: { state: string }) => s.state)).toEqual(['current', 'waiting', 'skipped']);
  });

  it('shows a step whose condition does not hold as skipped, never as next', async () => {
    const id = await submit(3000);
    const d1 = (await unitA.get(`/api/v1/approvals/${id}`)).json();
    expect(d1.steps.map((s: { state: string }) => s.state)).toEqual(['current', 'waiting', 'skipped']);
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
    const d2 = (await manager.get(`/api/v1/approvals/${id}`)).json();
    expect(d2.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'current', 'skipped']);
    expect((await manager.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
    const d3 = (await staff.get(`/api/v1/approvals/${id}`)).json();
    expect(d3.instance.status).toBe('approved');
    expect(d3.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'skipped']);
  });
});

describe('titles the system writes follow the reader', () => {
  it('reads a requisition title in Chinese and English, and an old row keeps its one title', async () => {
    const item = await manager.post('/api/v1/supplies/items', { code: 'A4', name: 'A4复印纸', uom: '包', minStock: 0, spec: null });
    expect(item.statusCode, item.body).toBe(201);
    const r = await staff.post('/api/v1/supplies/requisitions', { reason: '日常办公', lines: [{ itemId: item.json().id, quantity: 2 }] });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const [inst] = await rows<{ id: number }>(
      sql`select id from approval_instances where business_type = 'supplies_requisition' order by id desc limit 1`,
    );
    const id = Number(inst!.id);
    expect((await staff.get(`/api/v1/approvals/${id}`)).json().instance.title).toBe('办公用品请领：A4复印纸×2');
    expect((await staffEn.get(`/api/v1/approvals/${id}`)).json().instance.title).toBe('Office supplies: A4复印纸×2');
    const mineEn = (await staffEn.get('/api/v1/approvals/mine?pageSize=100')).json().items;
    expect(mineEn.find((i: { id: number }) => i.id === id).title).toBe('Office supplies: A4复印纸×2');
    // The English title is searchable too.
    expect((await staffEn.get('/api/v1/approvals/mine?q=Office%20supplies')).json().items.map((i: { id: number }) => i.id)).toContain(id);
    // A row written before titles had two languages reads its one title in both.
    await app.services.db.execute(sql`update approval_instances set title_en = null where id = ${id}`);
    expect((await staffEn.get(`/api/v1/approvals/${id}`)).json().instance.title).toBe('办公用品请领：A4复印纸×2');
  });
});

describe('common comments (常用意见)', () => {
  it('offers the built-in ones and keeps each account’s own, audited', async () => {
    const zh = (await staff.get('/api/v1/approval-comments')).json();
    expect(zh.builtIn).toContain('同意');
    expect(zh.builtIn).toContain('情况属实，同意');
    expect(zh.items).toEqual([]);
    expect((await staffEn.get('/api/v1/approval-comments')).json().builtIn).toContain('Approved');
    const added = await unitA.post('/api/v1/approval-comments', { text: '  经核实，符合规定  ' });
    expect(added.statusCode).toBe(201);
    expect(added.json().text).toBe('经核实，符合规定');
    const dup = await unitA.post('/api/v1/approval-comments', { text: '经核实，符合规定' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('常用意见');
    const empty = await unitAEn.post('/api/v1/approval-comments', { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    // Scoped to the account: another account neither sees nor deletes it.
    expect((await unitB.get('/api/v1/approval-comments')).json().items).toEqual([]);
    expect((await unitB.del(`/api/v1/approval-comments/${added.json().id}`)).statusCode).toBe(404);
    expect((await unitA.get('/api/v1/approval-comments')).json().items).toEqual([{ id: added.json().id, text: '经核实，符合规定' }]);
    expect((await unitA.del(`/api/v1/approval-comments/${added.json().id}`)).statusCode).toBe(200);
    expect((await unitA.get('/api/v1/approval-comments')).json().items).toEqual([]);
    const audits = await rows<{ action: string }>(
      sql`select action from audit_log where entity_type = 'approval_comment' and entity_id = ${String(added.json().id)} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('batch decisions', () => {
  it('decides each item on its own and reports which failed and why', async () => {
    const [a, b, c] = [await submit(1000, '批量一'), await submit(2000, '批量二'), await submit(3000, '批量三')];
    // c is withdrawn before the batch: it must fail alone, a and b go on.
    expect((await staff.post(`/api/v1/approvals/${c}/withdraw`, {})).statusCode).toBe(200);
    const res = await unitAEn.post('/api/v1/approvals/batch', { ids: [a, b, c], decision: 'approve', comment: 'Verified, approved' });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { id: number; ok: boolean }) => [r.id, r.ok])).toEqual([
      [a, true],
      [b, true],
      [c, false],
    ]);
    expect(results[2].error.code).toBe('APPROVAL_CONFLICT');
    expect(results[2].error.message).toMatch(/already handled/);
    for (const id of [a, b]) {
      const det = (await manager.get(`/api/v1/approvals/${id}`)).json();
      expect(det.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'current', 'skipped']);
      expect(det.timeline.at(-1)).toMatchObject({ action: 'approve', comment: 'Verified, approved' });
    }
    // No half-decided item: the withdrawn one has no approval and no open task.
    const cTasks = await rows<{ status: string }>(sql`select status from approval_tasks where instance_id = ${c}`);
    expect(cTasks.every((t) => t.status === 'cancelled')).toBe(true);
    expect((await staff.get(`/api/v1/approvals/${c}`)).json().timeline.map((t: { action: string }) => t.action)).toEqual([
      'submit',
      'withdraw',
    ]);
    // Audited per item, marked as a batch decision.
    const audits = await rows<{ entity_id: string }>(
      sql`select entity_id from audit_log where entity_type = 'approval' and action = 'approve' and after->>'batch' = 'true' order by id`,
    );
    expect(audits.map((x) => Number(x.entity_id))).toEqual([a, b]);
  });

  it('refuses items of another unit per item and a mix of business types as a whole', async () => {
    const a = await submit(1000, '跨单位');
    const res = await unitB.post('/api/v1/approvals/batch', { ids: [a], decision: 'approve' });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ id: a, ok: false, error: { code: 'NOT_FOUND' } });
    const [req] = await rows<{ id: number }>(
      sql`select id from approval_instances where business_type = 'supplies_requisition' and status = 'pending' limit 1`,
    );
    const mixed = await unitA.post('/api/v1/approvals/batch', { ids: [a, Number(req!.id)], decision: 'approve' });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.code).toBe('APPROVAL_BATCH_MIXED');
    expect((await unitA.get(`/api/v1/approvals/${a}`)).json().steps[0].state).toBe('current');
    // A batch rejection needs a reason, like a single one.
    const noReason = await unitA.post('/api/v1/approvals/batch', { ids: [a], decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json().error)).toContain('不同意须填写理由');
    const rejected = await unitA.post('/api/v1/approvals/batch', { ids: [a], decision: 'reject', comment: '预算不足' });
    expect(rejected.json().results[0].ok).toBe(true);
    expect((await staff.get(`/api/v1/approvals/${a}`)).json().instance.status).toBe('rejected');
  });

  it('never advances an item twice when a batch and a single decision race', async () => {
    const id = await submit(1000, '并发');
    const [batch, single] = await Promise.all([
      unitA.post('/api/v1/approvals/batch', { ids: [id], decision: 'approve', comment: '同意' }),
      unitA.post(`/api/v1/approvals/${id}/approve`, { comment: '同意' }),
    ]);
    const batchOk = batch.json().results[0].ok as boolean;
    const singleOk = single.statusCode === 200;
    expect([batchOk, singleOk].filter(Boolean)).toHaveLength(1);
    if (!batchOk) expect(batch.json().results[0].error.code).toBe('APPROVAL_CONFLICT');
    else expect(single.statusCode).toBe(409);
    const det = (await manager.get(`/api/v1/approvals/${id}`)).json();
    expect(det.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'current', 'skipped']);
    expect(det.timeline.filter((t: { action: string }) => t.action === 'approve')).toHaveLength(1);
    const tasks = await rows<{ step_index: number; n: number }>(
      sql`select step_index, count(*)::int as n from approval_tasks where instance_id = ${id} group by step_index order by step_index`,
    );
    expect(tasks.map((t) => [Number(t.step_index), Number(t.n)])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
