import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * One table for the rule that matters most: a unit administrator of unit A gets nothing of
 * unit B from any endpoint — not in lists, not by id, not by update or delete. A record
 * outside the caller's scope is a 404 (never a 403 that would confirm it exists).
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let a: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  const b = await login(app, 'unit_b');
  const manager = await login(app, 'manager');
  ids.person = (
    await b.post('/api/v1/people', { name: '乙单位人员', orgId: d.unitB.id, postLevel: '150', phone: '13900000001' })
  ).json().id;
  const staffB = await addAccountWithRole(app, { username: 'staff_b', orgId: d.unitB.id, roleCode: 'staff' });
  const gr = (await staffB.post('/api/v1/general-requests', { title: '乙单位申请', category: 'other', content: 'x' })).json();
  ids.generalRequest = gr.id;
  ids.approval = gr.instanceId;
  void manager;
  a = await login(app, 'unit_a');
});
afterAll(async () => {
  await app?.close();
});

describe('unit A administrator against unit B', () => {
  const notFound = [
    ['GET', () => `/api/v1/orgs/${d.unitB.id}`],
    ['PATCH', () => `/api/v1/orgs/${d.unitB.id}`, () => ({ name: 'x' })],
    ['DELETE', () => `/api/v1/orgs/${d.deptB.id}`],
    ['POST', () => '/api/v1/orgs', () => ({ name: 'x', parentId: d.unitB.id, kind: 'department' })],
    ['GET', () => `/api/v1/orgs?rootId=${d.unitB.id}`],
    ['GET', () => `/api/v1/people/${ids.person}`],
    ['PATCH', () => `/api/v1/people/${ids.person}`, () => ({ name: 'x' })],
    ['DELETE', () => `/api/v1/people/${ids.person}`],
    ['POST', () => '/api/v1/people', () => ({ name: 'x', orgId: d.unitB.id, postLevel: '150' })],
    ['GET', () => `/api/v1/people?orgId=${d.unitB.id}`],
    ['GET', () => `/api/v1/approvals/${ids.approval}`],
    ['POST', () => `/api/v1/approvals/${ids.approval}/approve`, () => ({})],
    ['POST', () => `/api/v1/approvals/${ids.approval}/reject`, () => ({ reason: 'x' })],
    ['POST', () => `/api/v1/approvals/${ids.approval}/withdraw`, () => ({})],
    ['GET', () => `/api/v1/general-requests/${ids.generalRequest}`],
    ['PATCH', () => `/api/v1/general-requests/${ids.generalRequest}`, () => ({ title: 'x', category: 'other', content: 'x' })],
    ['GET', () => `/api/v1/files?ownerType=person_photo&ownerId=${ids.person}`],
  ] as const;
  for (const [method, url, body] of notFound as unknown as [string, () => string, (() => object) | undefined][]) {
    it(`${method} ${url.toString().replace(/^\(\) => /, '')} → 404`, async () => {
      const res = await app.inject({
        method: method as 'GET',
        url: url(),
        headers: a.headers,
        ...(body ? { payload: body() as object } : {}),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });
  }

  it('lists contain nothing of unit B', async () => {
    const orgs = (await a.get('/api/v1/orgs?status=all')).json().items.map((o: { id: number }) => o.id);
    expect(orgs).not.toContain(d.unitB.id);
    expect(orgs).not.toContain(d.deptB.id);
    expect((await a.get('/api/v1/people?pageSize=200')).json().items.every((p: { orgId: number }) => p.orgId === d.unitA.id)).toBe(true);
    expect((await a.get('/api/v1/approvals/search?pageSize=100')).json().items.some((i: { id: number }) => i.id === ids.approval)).toBe(
      false,
    );
    expect((await a.get('/api/v1/approvals/inbox')).json().items.some((i: { id: number }) => i.id === ids.approval)).toBe(false);
    expect((await a.get('/api/v1/general-requests')).json().items.some((i: { id: number }) => i.id === ids.generalRequest)).toBe(false);
  });

  it('administration endpoints outside the role are refused outright', async () => {
    for (const url of ['/api/v1/accounts', '/api/v1/roles', '/api/v1/audit', '/api/v1/jobs']) {
      expect((await a.get(url)).statusCode, url).toBe(403);
    }
  });
});
