import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeAudit } from '../../src/server/core/audit/audit.service';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * The audit log as an auditor reads it: actions, record types, fields and coded values in the
 * reader's language, times in China time, ids as names, filters by person, unit, record type
 * and action; the stored record (and so the chain) unchanged.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let auditor: Session;
let auditorEn: Session;
let admin: Session;
let personId: number;

type Rec = {
  id: number;
  at: string;
  atText: string;
  actorId: number | null;
  actorText: string | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string;
  orgId: number | null;
  orgName: string | null;
  summary: string | null;
  summaryText: string | null;
  before: unknown;
  after: unknown;
  changes: { field: string; label: string; before: string | null; after: string | null }[];
};
const items = async (s: Session, q: string) => {
  const res = await s.get(`/api/v1/audit?${q}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Rec[]; total: number };
};

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  auditor = await login(app, 'auditor');
  auditorEn = await login(app, 'auditor', undefined, 'en');
  admin = await login(app, 'admin');
  const unitA = await login(app, 'unit_a');
  const p = await unitA.post('/api/v1/people', { name: '王审计', orgId: d.unitA.id, postLevel: '150' });
  expect(p.statusCode).toBe(200);
  personId = p.json().id;
  expect(
    (await admin.post('/api/v1/accounts', { username: 'clerk_b', displayName: '教育局文员', orgId: d.unitB.id, password: 'Start#2026x' }))
      .statusCode,
  ).toBe(200);
  // A record as a module writes it: codes, an amount, a boolean, a person, an instant just
  // before midnight UTC (the next morning in China).
  await app.services.db.transaction((tx) =>
    writeAudit(
      tx,
      { tenantId: d.bureau.id, actorId: d.accounts.manager, actorName: 'manager', ip: '10.0.0.9' },
      {
        action: 'update',
        entityType: 'vehicle_purchase_request',
        entityId: 7,
        orgId: d.deptA.id,
        summary: 'vehicle_purchase #7: 购置执法执勤用车',
        before: { status: 'pending', price: '165000.00', domestic: false, personId: null, type: 'law_enforcement' },
        after: {
          status: 'approved',
          price: '1025000.5',
          domestic: true,
          personId,
          type: 'law_enforcement',
          start: '2026-03-01T23:30:00.000Z',
        },
      },
    ),
  );
});
afterAll(async () => {
  await app?.close();
});

describe('the audit log reads like a document', () => {
  it('labels actions and record types in the reader’s language, never the code', async () => {
    const zh = (await items(auditor, 'entityType=account&action=create')).items[0]!;
    expect(zh.actionLabel).toBe('新增');
    expect(zh.entityLabel).toBe('账号');
    const en = (await items(auditorEn, 'entityType=account&action=create')).items[0]!;
    expect(en.actionLabel).toBe('Created');
    expect(en.entityLabel).toBe('Account');
    const login = (await items(auditor, 'action=login')).items[0]!;
    expect(login.actionLabel).toBe('登录');
    // Every record of the log has a label that is not its code.
    for (const r of (await items(auditor, 'pageSize=200')).items) {
      expect(r.actionLabel).not.toBe(r.action);
      expect(r.entityLabel).not.toBe(r.entityType);
    }
  });

  it('shows the time in China time and the actor by name', async () => {
    const r = (await items(auditor, 'entityType=vehicle_purchase_request')).items[0]!;
    const shifted = new Date(Date.parse(r.at) + 8 * 3_600_000).toISOString();
    expect(r.atText).toBe(`${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`);
    expect(r.actorText).toBe('manager');
    expect(r.orgName).toBe('办公室');
  });

  it('shows before/after as labelled changes with values formatted and ids as names', async () => {
    const r = (await items(auditor, 'entityType=vehicle_purchase_request')).items[0]!;
    const by = Object.fromEntries(r.changes.map((c) => [c.field, c]));
    // Unchanged fields are not listed.
    expect(by.type).toBeUndefined();
    expect(by.status).toMatchObject({ label: '状态', before: '审批中', after: '已批准' });
    expect(by.price).toMatchObject({ label: '价格', before: '¥165,000.00', after: '¥1,025,000.50' });
    expect(by.domestic).toMatchObject({ before: '否', after: '是' });
    expect(by.personId).toMatchObject({ label: '人员', before: '—', after: '王审计' });
    // 23:30 UTC on 1 March is 07:30 on 2 March in China.
    expect(by.start!.after).toBe('2026-03-02 07:30');
    // The approval's business type in front of the summary is named, not coded.
    expect(r.summaryText).toMatch(/^\S+ #7：购置执法执勤用车$/);
    expect(r.summaryText).not.toContain('vehicle_purchase');
    const en = (await items(auditorEn, 'entityType=vehicle_purchase_request')).items[0]!;
    const enBy = Object.fromEntries(en.changes.map((c) => [c.field, c]));
    expect(enBy.status).toMatchObject({ label: 'Status', before: 'Pending', after: 'Approved' });
    expect(enBy.domestic).toMatchObject({ before: 'No', after: 'Yes' });
    // The stored record is unchanged (the chain hashes it as written).
    expect(r.after).toMatchObject({ status: 'approved', price: '1025000.5', personId });
    expect((await auditor.get('/api/v1/audit/verify')).json().ok).toBe(true);
  });

  it('an account created in a unit shows the unit’s name, not its id', async () => {
    const r = (await items(auditor, 'entityType=account&action=create')).items.find((x) => JSON.stringify(x.after).includes('clerk_b'))!;
    const org = r.changes.find((c) => c.field === 'orgId');
    expect(org?.after).toBe('测试区教育局');
  });

  it('filters by person, unit, record type and action, paged on the server', async () => {
    const byActor = await items(auditor, `actorId=${d.accounts.admin}&pageSize=5`);
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.length).toBeLessThanOrEqual(5);
    expect(byActor.items.every((r) => r.actorId === d.accounts.admin)).toBe(true);
    // A unit includes its departments.
    const byUnit = await items(auditor, `orgId=${d.unitA.id}&pageSize=200`);
    expect(byUnit.items.some((r) => r.orgId === d.deptA.id)).toBe(true);
    expect(byUnit.items.every((r) => r.orgId === d.unitA.id || r.orgId === d.deptA.id)).toBe(true);
    const byB = await items(auditor, `orgId=${d.unitB.id}&pageSize=200`);
    expect(byB.items.every((r) => r.orgId === d.unitB.id || r.orgId === d.deptB.id)).toBe(true);
    const both = await items(auditor, `entityType=vehicle_purchase_request&action=update&actorId=${d.accounts.manager}`);
    expect(both.total).toBe(1);
    expect((await items(auditor, 'entityType=vehicle_purchase_request&action=delete')).total).toBe(0);
    // A China day: the record is found on its China date.
    const r = both.items[0]!;
    const day = r.atText.slice(0, 10);
    expect((await items(auditor, `entityType=vehicle_purchase_request&from=${day}&to=${day}`)).total).toBe(1);
    expect((await auditor.get('/api/v1/audit?orgId=abc')).statusCode).toBe(400);
  });

  it('offers the filters’ choices, labelled, to the auditor only', async () => {
    const f = (await auditor.get('/api/v1/audit/facets')).json();
    expect(f.actions).toContainEqual({ value: 'create', label: '新增' });
    expect(f.entityTypes).toContainEqual({ value: 'vehicle_booking', label: '派车单' });
    expect(f.actors.map((a: { id: number }) => a.id)).toContain(d.accounts.admin);
    expect(f.units.map((u: { id: number }) => u.id)).toEqual(expect.arrayContaining([d.bureau.id, d.unitA.id, d.unitB.id]));
    expect(f.units.map((u: { id: number }) => u.id)).not.toContain(d.deptA.id);
    const en = (await auditorEn.get('/api/v1/audit/facets')).json();
    expect(en.actions).toContainEqual({ value: 'create', label: 'Created' });
    expect((await admin.get('/api/v1/audit/facets')).statusCode).toBe(403);
    expect((await (await login(app, 'unit_a')).get('/api/v1/audit/facets')).statusCode).toBe(403);
  });

  it('exports what the page shows: China time, labels and changes in words', async () => {
    const res = await auditor.get('/api/v1/audit/export?entityType=vehicle_purchase_request');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const row = (ws.getRow(2).values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v)));
    const col = (h: string) => row[header.indexOf(h)];
    expect(col('操作')).toBe('修改');
    expect(col('对象类型')).toBe('车辆购置申请');
    expect(col('变更内容')).toContain('价格：¥165,000.00 → ¥1,025,000.50');
    expect(col('时间（北京时间）')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(col('操作代码')).toBe('update');
  });
});
