import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #16: the session and the grants are cached per process for a few seconds, so every
 * change made through the API must take effect on the very next request, not when the cache
 * runs out. Each case warms the cache with a request first.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
});
afterAll(async () => {
  await app?.close();
});

describe('cached sessions and grants', () => {
  it('a signed-out cookie is refused at once', async () => {
    const s = await login(app, 'staff');
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await s.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it("a disabled account's open session is refused at once", async () => {
    const admin = await login(app, 'admin');
    const created = await admin.post('/api/v1/accounts', {
      username: 'cache_clerk',
      displayName: '缓存',
      orgId: d.unitA.id,
      password: 'Start#2026x',
    });
    expect(created.statusCode).toBe(200);
    const s = await login(app, 'cache_clerk', 'Start#2026x');
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/accounts/${created.json().id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('a password reset by the administrator ends the open session at once', async () => {
    const admin = await login(app, 'admin');
    const s = await login(app, 'unit_b');
    expect((await s.get('/api/v1/people?page=1&pageSize=5')).statusCode).toBe(200);
    const reset = await admin.post(`/api/v1/accounts/${d.accounts.unit_b}/password`, { password: 'Reset#2026xy' });
    expect(reset.statusCode).toBe(200);
    expect((await s.get('/api/v1/people?page=1&pageSize=5')).statusCode).toBe(401);
  });

  it('a withdrawn role stops working on the next request', async () => {
    const sec = await login(app, 'secadmin');
    const s = await login(app, 'unit_a');
    expect((await s.get('/api/v1/people?page=1&pageSize=5')).statusCode).toBe(200);
    const assignments = await sec.get(`/api/v1/accounts/${d.accounts.unit_a}`);
    const roles = assignments.json().roles as { assignmentId: number }[];
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect((await sec.del(`/api/v1/role-assignments/${r.assignmentId}`)).statusCode).toBe(200);
    expect((await s.get('/api/v1/people?page=1&pageSize=5')).statusCode).toBe(403);
  });
});
