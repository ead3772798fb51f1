import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readRowCells, readWorkbook } from '../helpers/excel';

/**
 * Government procurement over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: project
 * CRUD with exact money and its 4xx cases, scope, audit, the savings endpoint, breaches from
 * the disclosure rules, quotes, and the public list without sign-in.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
let managerEn: Session;
const B = '/api/v1/procurement';

const project = (over: Record<string, unknown> = {}) => ({
  orgId: d.unitA.id,
  name: '办公家具采购',
  method: 'open_tender',
  budget: '1000000.00',
  ...over,
});
const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  managerEn = await login(app, 'manager', undefined, 'en');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  staff = await login(app, 'staff');
});
afterAll(async () => app?.close());

describe('procurement projects', () => {
  it('creates with money as a string or a number, exactly, and numbers the project', async () => {
    const r = await unitA.post(`${B}/projects`, project({ budget: 0.1, name: '签字笔', method: 'designated' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ budget: '0.10', orgId: d.unitA.id, contractAmount: null });
    expect(r.json().code).toMatch(/^CG-\d{4}-\d{6}$/);
    const r2 = await unitA.patch(`${B}/projects/${r.json().id}`, {
      awardDate: '2026-03-02',
      contractAmount: '0.20',
      contractDate: '2026-03-03',
    });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ contractAmount: '0.20', saved: '-0.10', savingsRate: -1 });
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await count('procurement_projects');
    const audits = await count('audit_log');
    const bad = [
      project({ budget: '-5.00' }),
      project({ budget: '12.345' }),
      project({ method: 'lottery' }),
      project({ awardDate: '2026-05-10', contractDate: '2026-05-09' }),
      project({ contractAmount: '100.00' }),
      project({ name: '' }),
      project({ budget: 'abc' }),
    ];
    for (const body of bad) {
      const r = await unitA.post(`${B}/projects`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message).toBeTruthy();
    }
    // Another unit's org: not found, not forbidden.
    expect((await unitA.post(`${B}/projects`, project({ orgId: d.unitB.id }))).statusCode).toBe(404);
    // Staff may not record projects.
    expect((await staff.post(`${B}/projects`, project())).statusCode).toBe(403);
    const en = await managerEn.post(`${B}/projects`, project({ awardDate: '2026-05-10', contractDate: '2026-05-09' }));
    expect(en.json().error.message).toMatch(/contractDate/);
    expect(en.json().error.details.fields[0].message).toMatch(/contract date cannot be before the award date/);
    expect(await count('procurement_projects')).toBe(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('an update that would put the contract before the award is refused by the service and the database', async () => {
    const p = (
      await unitA.post(`${B}/projects`, project({ awardDate: '2026-04-01', contractDate: '2026-04-03', contractAmount: '900000.00' }))
    ).json();
    const r = await unitA.patch(`${B}/projects/${p.id}`, { awardDate: '2026-04-05' });
    expect(r.statusCode).toBe(400);
    expect((await unitA.get(`${B}/projects/${p.id}`)).json().awardDate).toBe('2026-04-01');
    await expect(
      app.services.db.execute(sql`update procurement_projects set contract_date = '2026-03-01' where id = ${p.id}`),
    ).rejects.toThrow();
  });

  it('keeps units apart and audits every change', async () => {
    const p = (await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, name: '教学设备', code: 'JY-2026-01' }))).json();
    expect((await unitA.get(`${B}/projects/${p.id}`)).statusCode).toBe(404);
    expect((await unitA.patch(`${B}/projects/${p.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await unitA.del(`${B}/projects/${p.id}`)).statusCode).toBe(404);
    const listA = (await unitA.get(`${B}/projects?pageSize=200`)).json();
    expect(listA.items.every((i: { orgId: number }) => i.orgId === d.unitA.id)).toBe(true);
    expect((await manager.get(`${B}/projects?q=JY-2026`)).json().total).toBe(1);
    expect((await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, code: 'JY-2026-01' }))).statusCode).toBe(409);
    const [a] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from audit_log where entity_type = 'procurement_project' and entity_id = ${String(p.id)}`,
    );
    expect(Number(a!.n)).toBe(1);
    expect((await unitB.del(`${B}/projects/${p.id}`)).statusCode).toBe(200);
    expect((await manager.get(`${B}/projects/${p.id}`)).statusCode).toBe(404);
  });
});

describe('savings', () => {
  it('sums exactly over a scope and award period', async () => {
    // Unit B, 2025: three awarded projects whose floats would drift (0.1 + 0.2).
    for (const [budget, contract, award] of [
      ['0.10', '0.05', '2025-02-03'],
      ['0.20', '0.10', '2025-06-30'],
      ['17299999.70', '15219999.85', '2025-12-31'],
    ])
      expect(
        (await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, budget, contractAmount: contract, awardDate: award }))).statusCode,
      ).toBe(201);
    // Outside the period and not yet awarded: not counted.
    await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, budget: '500.00', contractAmount: '1.00', awardDate: '2026-01-01' }));
    await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, budget: '999.00' }));
    const r = await manager.get(`${B}/savings?orgId=${d.unitB.id}&from=2025-01-01&to=2025-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      projects: 3,
      budget: '17300000.00',
      contractAmount: '15220000.00',
      saved: '2080000.00',
      savingsRate: 0.1202,
    });
    // Unit A cannot see unit B's figures.
    expect((await unitA.get(`${B}/savings?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.get(`${B}/savings?from=2025-01-01&to=2025-12-31`)).json().projects).toBe(0);
    expect((await manager.get(`${B}/savings?from=2025-13-01`)).statusCode).toBe(400);
  });
});

describe('disclosure rules and the public list', () => {
  it('flags a late result across the National Day holiday and lists it among breaches', async () => {
    const p = (
      await unitA.post(
        `${B}/projects`,
        project({
          name: '会议室音响改造',
          code: 'FG-2026-09',
          intentionPublishedOn: '2026-07-01',
          noticePublishedOn: '2026-08-10',
          awardDate: '2026-09-30',
          resultPublishedOn: '2026-10-12',
          contractAmount: '880000.00',
          contractDate: '2026-10-12',
          contractPublishedOn: '2026-10-13',
          bidBond: '20000.00',
        }),
      )
    ).json();
    expect(p.steps.find((s: { key: string }) => s.key === 'result')).toMatchObject({ deadline: '2026-10-09', state: 'late' });
    expect(p.breaches.map((b: { code: string }) => b.code)).toEqual(['result_late']);
    expect(p.breaches[0].message).toContain('2026-10-09');
    const br = (await manager.get(`${B}/breaches`)).json();
    expect(br.items.map((i: { code: string }) => i.code)).toContain('FG-2026-09');
    // A small purchase without three quotes is flagged until the third arrives.
    const small = (
      await unitA.post(
        `${B}/projects`,
        project({
          name: '打印机',
          method: 'inquiry',
          budget: '30000.00',
          intentionPublishedOn: '2026-01-05',
          awardDate: '2026-03-02',
          resultPublishedOn: '2026-03-02',
        }),
      )
    ).json();
    expect(small.breaches.map((b: { code: string }) => b.code)).toEqual(['quotes_short']);
    for (const [s, amount] of [
      ['甲公司', '28000.00'],
      ['乙公司', '27500.00'],
    ])
      expect((await unitA.post(`${B}/projects/${small.id}/quotes`, { supplierName: s, amount })).statusCode).toBe(201);
    expect((await unitA.post(`${B}/projects/${small.id}/quotes`, { supplierName: '甲公司', amount: '1.00' })).statusCode).toBe(400);
    const third = await unitA.post(`${B}/projects/${small.id}/quotes`, { supplierName: '丙公司', amount: '26800.00', selected: true });
    expect(third.json()).toMatchObject({ quoteCount: 3, breaches: [] });
    expect((await unitA.del(`${B}/projects/${small.id}`)).statusCode).toBe(409);
  });

  it('shows only what is published, without signing in', async () => {
    await unitA.post(`${B}/projects`, project({ name: '未公开项目', code: 'SECRET-1' }));
    await unitA.post(`${B}/projects`, project({ name: '将来公开', code: 'FUTURE-1', intentionPublishedOn: '2099-01-01' }));
    const r = await app.inject({ method: 'GET', url: '/api/v1/public/procurement?limit=200' });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { projectCode: string; kind: string; contractAmount: string | null }[];
    expect(items.some((i) => i.projectCode === 'FG-2026-09' && i.kind === 'contract' && i.contractAmount === '880000.00')).toBe(true);
    expect(items.some((i) => i.projectCode === 'FG-2026-09' && i.kind === 'intention' && i.contractAmount === null)).toBe(true);
    expect(items.some((i) => i.projectCode === 'SECRET-1' || i.projectCode === 'FUTURE-1')).toBe(false);
    // The private API stays private.
    expect((await app.inject({ method: 'GET', url: `${B}/projects` })).statusCode).toBe(401);
  });
});

describe('annual plans and designated suppliers', () => {
  it('keeps a unit’s plan lines and shows how far each is carried out, exactly', async () => {
    const p = await unitA.post(`${B}/plans`, {
      orgId: d.unitA.id,
      year: 2026,
      itemName: '办公家具',
      method: 'open_tender',
      budget: '300000.00',
      plannedMonth: 4,
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ orgId: d.unitA.id, budget: '300000.00', projects: 0, remaining: '300000.00', overPlan: false });
    const planId = p.json().id;
    for (const [budget, contract] of [
      ['200000.10', '180000.00'],
      ['100000.00', null],
    ])
      expect(
        (
          await unitA.post(
            `${B}/projects`,
            project({ planId, budget, ...(contract ? { awardDate: '2026-05-06', contractAmount: contract } : {}) }),
          )
        ).statusCode,
      ).toBe(201);
    const got = (await unitA.get(`${B}/plans/${planId}`)).json();
    expect(got).toMatchObject({ projects: 2, committed: '300000.10', contracted: '180000.00', remaining: '-0.10', overPlan: true });
    const list = (await unitA.get(`${B}/plans?year=2026`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(planId);
    expect((await unitB.get(`${B}/plans/${planId}`)).statusCode).toBe(404);
    expect((await unitB.get(`${B}/plans?year=2026`)).json().total).toBe(0);
    // Bad input and a plan in use.
    const before = await count('procurement_plans');
    for (const body of [
      { orgId: d.unitA.id, year: 2026, itemName: 'x', method: 'open_tender', budget: '-1' },
      { orgId: d.unitA.id, year: 2026, itemName: 'x', method: 'bribe', budget: '1' },
      { orgId: d.unitA.id, year: 2026, itemName: 'x', method: 'inquiry', budget: '1', plannedMonth: 13 },
    ])
      expect((await unitA.post(`${B}/plans`, body)).statusCode).toBe(400);
    expect(
      (await unitA.post(`${B}/plans`, { orgId: d.unitB.id, year: 2026, itemName: 'x', method: 'inquiry', budget: '1' })).statusCode,
    ).toBe(404);
    expect(await count('procurement_plans')).toBe(before);
    expect((await unitA.del(`${B}/plans/${planId}`)).statusCode).toBe(409);
    // Excel exports of plans and projects, in scope.
    const xp = await unitA.get(`${B}/plans/export?year=2026`);
    expect(xp.statusCode).toBe(200);
    const planSheet = await readWorkbook(xp.rawPayload);
    expect(planSheet[0]).toContain('计划余额(元)');
    // Money cells are numbers shown to the fen (Excel can add them up), not text.
    const cells = await readRowCells(xp.rawPayload, '办公家具');
    const remaining = cells[planSheet[0]!.indexOf('计划余额(元)')]!;
    expect(remaining).toEqual({ value: -0.1, numFmt: '#,##0.00' });
    expect(cells[planSheet[0]!.indexOf('已立项预算(元)')]).toEqual({ value: 300000.1, numFmt: '#,##0.00' });
    const xj = await unitB.get(`${B}/projects/export`);
    expect(xj.statusCode).toBe(200);
    expect((await readWorkbook(xj.rawPayload)).some((r) => r.includes(d.unitA.name))).toBe(false);
    expect((await unitA.patch(`${B}/plans/${planId}`, { budget: '300000.10' })).json()).toMatchObject({
      remaining: '0.00',
      overPlan: false,
    });
    // A project cannot point at another unit's plan.
    expect((await unitB.post(`${B}/projects`, project({ orgId: d.unitB.id, planId }))).statusCode).toBe(400);
  });

  it('lets the bureau designate suppliers by class and period; units read the list', async () => {
    const s = await manager.post(`${B}/suppliers`, {
      name: '金陵办公家具有限公司',
      creditCode: '91320100MA1MXXXX0A',
      designated: true,
      categories: ['A0501'],
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
    });
    expect(s.statusCode, s.body).toBe(201);
    expect((await manager.post(`${B}/suppliers`, { name: '金陵办公家具有限公司' })).statusCode).toBe(409);
    expect((await unitA.post(`${B}/suppliers`, { name: '某公司' })).statusCode).toBe(403);
    expect((await manager.post(`${B}/suppliers`, { name: '坏日期', validFrom: '2026-02-01', validTo: '2026-01-01' })).statusCode).toBe(400);
    expect((await manager.post(`${B}/suppliers`, { name: '坏代码', creditCode: '123' })).statusCode).toBe(400);
    const on = async (q: string) => (await unitA.get(`${B}/suppliers?${q}`)).json().items.map((x: { name: string }) => x.name);
    expect(await on('validOn=2026-06-01&category=A050102')).toEqual(['金陵办公家具有限公司']);
    expect(await on('validOn=2028-06-01&category=A050102')).toEqual([]);
    expect(await on('validOn=2026-06-01&category=A020101')).toEqual([]);
    const up = await manager.patch(`${B}/suppliers/${s.json().id}`, { status: 'suspended' });
    expect(up.json().status).toBe('suspended');
    expect(await on('validOn=2026-06-01&category=A050102')).toEqual([]);
    expect((await manager.patch(`${B}/suppliers/${s.json().id}`, { validTo: '2025-01-01' })).statusCode).toBe(400);
  });
});
