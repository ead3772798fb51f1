import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
});
afterAll(async () => {
  await app?.close();
});

describe('auth', () => {
  it('logs in, returns the user and a CSRF token, and /me works with the cookie', async () => {
    const s = await login(app, 'admin');
    const me = await s.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('admin');
    expect(me.json().user.permissions).toContain('org.write');
    expect(me.json().user.permissions).not.toContain('audit.read');
  });

  it('rejects a wrong password with a JSON 401 in the caller language', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leader', password: 'nope' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BAD_CREDENTIALS');
    expect(res.json().error.message).toBe('Wrong username or password');
    const zh = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: 'nope' } });
    expect(zh.json().error.message).toBe('用户名或密码错误');
  });

  it('locks an account after 5 failures', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'unit_b', password: `wrong${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'unit_b', password: 'wrong5' } });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'unit_b', password: 'Houqin@2026' } });
    expect(right.statusCode).toBe(423);
  });

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const s = await login(app, 'admin');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: s.cookie },
      payload: { name: 'x', parentId: d.bureau.id, kind: 'unit', agencyLevel: 'county' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('requires authentication and answers unknown API routes with JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/orgs' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
    const nf = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('enforces the password policy on change', async () => {
    const s = await login(app, 'staff');
    const weak = await s.post('/api/v1/auth/password', { currentPassword: 'Houqin@2026', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
  });
});

describe('org tree', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await login(app, 'admin');
  });

  it('creates a unit and a department that inherits the level', async () => {
    const u = await admin.post('/api/v1/orgs', {
      name: '测试区审计局',
      parentId: d.bureau.id,
      kind: 'unit',
      agencyLevel: 'county',
      staffing: 12,
    });
    expect(u.statusCode).toBe(200);
    const dep = await admin.post('/api/v1/orgs', { name: '综合科', parentId: u.json().id, kind: 'department' });
    expect(dep.statusCode).toBe(200);
    expect(dep.json().agencyLevel).toBe('county');
    expect(dep.json().path).toBe(`${u.json().path}${dep.json().id}/`);
  });

  it('validates input and names the fields', async () => {
    const res = await admin.post('/api/v1/orgs', { name: '', parentId: 'x', kind: 'castle' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'parentId', 'kind']));
  });

  it('refuses to move a node under its own descendant', async () => {
    const res = await admin.patch(`/api/v1/orgs/${d.unitA.id}`, { parentId: d.deptA.id });
    expect(res.statusCode).toBe(400);
  });

  it('scopes a unit administrator to their own unit', async () => {
    const a = await login(app, 'unit_a');
    const list = await a.get('/api/v1/orgs');
    const ids = list.json().items.map((o: { id: number }) => o.id);
    expect(ids).toContain(d.unitA.id);
    expect(ids).not.toContain(d.unitB.id);
    expect((await a.get(`/api/v1/orgs/${d.unitB.id}`)).statusCode).toBe(404);
    expect((await a.patch(`/api/v1/orgs/${d.unitB.id}`, { name: 'hacked' })).statusCode).toBe(404);
    expect((await a.del(`/api/v1/orgs/${d.deptB.id}`)).statusCode).toBe(404);
  });
});
