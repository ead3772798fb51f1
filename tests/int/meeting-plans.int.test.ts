import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook } from '../helpers/excel';

/**
 * Meeting plans over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the acceptance
 * API (checks in the caller's language), the cap exact to the fen, approval with its summary,
 * settlement against the cap, scope (another unit's plan is a 404), audit, bad input that
 * changes nothing.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitAEn: Session;
let unitB: Session;
let staff: Session;
let leader: Session;
const B = '/api/v1/meetings/plans';

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const counts = async () => ({ plans: await count('meeting_plans'), audit: await count('audit_log') });

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  [manager, unitA, unitAEn, unitB, staff, leader] = await Promise.all([
    login(app, 'manager'),
    login(app, 'unit_a'),
    login(app, 'unit_a', undefined, 'en'),
    login(app, 'unit_b'),
    login(app, 'staff'),
    login(app, 'leader'),
  ]);
});
afterAll(async () => app?.close());

describe('meeting plans', () => {
  it('acceptance: POST with orgId, meetingClass, days, attendees, staff, budget → 201 with checks', async () => {
    // 二类: 650 × (100 + 10) × 2 = 143,000.00; one fen more fails, exactly the cap passes.
    const over = await unitA.post(B, { orgId: d.unitA.id, meetingClass: 2, days: 2, attendees: 100, staff: 10, budget: '143000.01' });
    expect(over.statusCode, over.body).toBe(201);
    const checks = over.json().checks as { rule: string; passed: boolean; message: string }[];
    expect(checks.map((c) => c.rule)).toEqual(['budget', 'days', 'attendees', 'staff']);
    expect(checks.find((c) => c.rule === 'budget')).toMatchObject({ passed: false });
    expect(checks.find((c) => c.rule === 'budget')!.message).toContain('143,000.00');
    expect(checks.filter((c) => c.passed).length).toBe(3);
    expect(over.json().cap).toBe('143000.00');
    expect(over.json().status).toBe('draft');
    const exact = await unitA.post(B, { orgId: d.unitA.id, meetingClass: 2, days: 2, attendees: 100, staff: 10, budget: 143000 });
    expect(exact.statusCode, exact.body).toBe(201);
    expect(exact.json().checksPassed).toBe(true);
  });

  it('checks days, attendees and staff by class, in the caller language', async () => {
    // 四类: at most 2 days, 50 attendees, staff ≤ 10 %.
    const r = await unitAEn.post(B, { orgId: d.unitA.id, meetingClass: 4, days: 3, attendees: 51, staff: 6, budget: '1000' });
    expect(r.statusCode, r.body).toBe(201);
    const byRule = Object.fromEntries((r.json().checks as { rule: string; passed: boolean; message: string }[]).map((c) => [c.rule, c]));
    expect(byRule.days).toMatchObject({ passed: false });
    expect(byRule.attendees).toMatchObject({ passed: false });
    expect(byRule.staff).toMatchObject({ passed: false }); // 6 staff > 10 % of 51 (5.1)
    expect(byRule.days!.message).toMatch(/at most 2 days/);
  });

  it('staff share is compared without rounding', async () => {
    const ok = await unitA.post(`${B}/preview`, { orgId: d.unitA.id, meetingClass: 3, days: 1, attendees: 50, staff: 5, budget: '1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().checks.find((c: { rule: string }) => c.rule === 'staff').passed).toBe(true);
    const bad = await unitA.post(`${B}/preview`, { orgId: d.unitA.id, meetingClass: 3, days: 1, attendees: 49, staff: 5, budget: '1' });
    expect(bad.json().checks.find((c: { rule: string }) => c.rule === 'staff').passed).toBe(false);
    expect(bad.json().checks.find((c: { rule: string }) => c.rule === 'staff').message).toContain('10%');
  });

  it('approval, then settlement against the cap exact to the fen, audited', async () => {
    const p = await unitA.post(B, {
      orgId: d.unitA.id,
      title: '业务培训会',
      meetingClass: 3,
      days: 2,
      attendees: 40,
      staff: 4,
      budget: '48400.00',
      startDate: '2026-12-01',
    });
    expect(p.statusCode, p.body).toBe(201);
    const id = p.json().id as number;
    // Settling a draft is refused.
    const early = await unitA.post(`${B}/${id}/settle`, { lodging: '1', meals: '1', other: '1' });
    expect(early.statusCode).toBe(409);
    const sub = await unitA.post(`${B}/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('pending');
    const inst = sub.json().instanceId as number;
    const detail = await manager.get(`/api/v1/approvals/${inst}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const labels = (detail.json().instance.summary.fields as { label: string; value: string }[]).map((f) => `${f.label}:${f.value}`);
    expect(labels.join(' ')).toContain('¥48,400.00');
    expect(labels.join(' ')).toContain('三类会议');
    expect(detail.json().instance.summary.checks).toEqual([]);
    expect((await manager.post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/approvals/${inst}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await unitA.get(`${B}/${id}`)).json().status).toBe('approved');
    // 三类 caps per person per day: lodging 340, meals 130, other 80, total 550; 44 people × 2 days = 88.
    // Lodging 29,920.00 is exactly its cap; meals one fen over (11,440.01); total 48,400.01 one fen over 48,400.00.
    const before = await counts();
    const s = await unitA.post(`${B}/${id}/settle`, { lodging: '29920.00', meals: '11440.01', other: '7040.00' });
    expect(s.statusCode, s.body).toBe(200);
    const st = s.json().settlement;
    expect(st.total).toBe('48400.01');
    const line = (n: string) => st.lines.find((l: { line: string }) => l.line === n);
    expect(line('lodging')).toMatchObject({ cap: '29920.00', over: false, excess: '0.00' });
    expect(line('meals')).toMatchObject({ cap: '11440.00', over: true, excess: '0.01' });
    expect(line('other')).toMatchObject({ cap: '7040.00', over: false });
    expect(line('total')).toMatchObject({ cap: '48400.00', over: true, excess: '0.01' });
    expect(st.passed).toBe(false);
    expect(s.json().status).toBe('settled');
    expect((await counts()).audit).toBe(before.audit + 1);
    const [a] = await queryRows<{ action: string; entity_type: string }>(
      app.services.db,
      sql`select action, entity_type from audit_log order by id desc limit 1`,
    );
    expect(a).toMatchObject({ action: 'settle', entity_type: 'meeting_plan' });
    // Settled once only.
    expect((await unitA.post(`${B}/${id}/settle`, { lodging: '1', meals: '1', other: '1' })).statusCode).toBe(409);
  });

  it('a failed check reads as a sentence on the approval; approved plans count as 待结算 on the workbench', async () => {
    const p = await unitA.post(B, { orgId: d.unitA.id, meetingClass: 3, days: 3, attendees: 20, staff: 1, budget: '5000' });
    const sub = await unitA.post(`${B}/${p.json().id}/submit`);
    const detail = (await manager.get(`/api/v1/approvals/${sub.json().instanceId}`)).json();
    expect(detail.instance.summary.checks).toEqual(['会期超过该类会议的天数上限']);
    const before = (await unitA.get('/api/v1/workbench')).json().counters.find((c: { key: string }) => c.key === 'meetingPlans.toSettle');
    expect(before.link).toBe('/meeting-plans?status=approved');
    expect(before.count).toBe((await unitA.get(`${B}?status=approved`)).json().total);
    await manager.post(`/api/v1/approvals/${sub.json().instanceId}/approve`, { comment: '同意' });
    await leader.post(`/api/v1/approvals/${sub.json().instanceId}/approve`, { comment: '同意' });
    const after = (await unitA.get('/api/v1/workbench')).json().counters.find((c: { key: string }) => c.key === 'meetingPlans.toSettle');
    expect(after.count).toBe(before.count + 1);
    expect(after.count).toBe((await unitA.get(`${B}?status=approved`)).json().total);
  });

  it('scope: another unit sees a 404 and no row in its list; staff without the permission is refused', async () => {
    const p = await unitA.post(B, { orgId: d.unitA.id, meetingClass: 4, days: 1, attendees: 10, staff: 1, budget: '100' });
    const id = p.json().id as number;
    expect((await unitB.get(`${B}/${id}`)).statusCode).toBe(404);
    expect((await unitB.post(`${B}/${id}/submit`)).statusCode).toBe(404);
    const list = (await unitB.get(B)).json();
    expect(list.items.some((i: { id: number }) => i.id === id)).toBe(false);
    const before = await counts();
    expect((await unitB.post(B, { orgId: d.unitA.id, meetingClass: 4, days: 1, attendees: 10, staff: 1, budget: '100' })).statusCode).toBe(
      404,
    );
    expect((await staff.post(B, { orgId: d.unitA.id, meetingClass: 4, days: 1, attendees: 10, staff: 1, budget: '100' })).statusCode).toBe(
      403,
    );
    expect(await counts()).toEqual(before);
    const mine = (await unitA.get(`${B}?pageSize=200&meetingClass=4`)).json();
    expect(mine.items.every((i: { meetingClass: number; orgId: number }) => i.meetingClass === 4 && i.orgId === d.unitA.id)).toBe(true);
    expect((await manager.get(`${B}?orgId=${d.unitA.id}`)).json().total).toBeGreaterThan(0);
  });

  it('exports the filtered register as Excel with readable class, status and failed checks, audited', async () => {
    const before = await counts();
    const r = await unitA.get(`${B}/export?failed=true`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = await readWorkbook(r.rawPayload);
    expect(rows[0]).toContain('会议名称');
    const failedTotal = (await unitA.get(`${B}?failed=true`)).json().total as number;
    expect(rows.length - 1).toBe(failedTotal);
    const text = rows.slice(1).flat().join(' ');
    expect(text).toMatch(/二类|四类|三类/);
    expect(text).not.toMatch(/\bdraft\b|\bbudget\b/);
    expect((await counts()).audit).toBe(before.audit + 1);
    expect((await unitB.get(`${B}/export?orgId=${d.unitA.id}`)).statusCode).toBe(404);
  });

  it('bad input is a 4xx and changes nothing', async () => {
    const before = await counts();
    const base = { orgId: d.unitA.id, meetingClass: 2, days: 1, attendees: 10, staff: 1, budget: '100' };
    for (const body of [
      { ...base, meetingClass: 5 },
      { ...base, meetingClass: 0 },
      { ...base, attendees: 0 },
      { ...base, days: 0 },
      { ...base, staff: -1 },
      { ...base, budget: '1.001' },
      { ...base, budget: '-5' },
      { ...base, orgId: 99999999999 },
      { ...base, startDate: '2026-02-30' },
      { ...base, title: 'a\u0000b' },
      { ...base, budgetLodging: '50', budgetMeals: '30', budgetOther: '30' },
    ]) {
      const r = await unitA.post(B, body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(r.json().error.message).toBeTruthy();
    }
    expect((await unitA.get(`${B}/99999999999`)).statusCode).toBe(400);
    expect((await unitA.get(`${B}?pageSize=500`)).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
