import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #17, navigation: the self-service roles hold no power over the organisation and
 * reference-data pages (so their menus lack 组织机构, 基础数据 and 节假日), yet what their forms
 * need still answers: the units they work in for a picker, code labels and the published rules.
 * The sign-in page learns whether a session may exist and whether the demo is loaded without
 * a 401.
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

describe('least privilege for self-service roles', () => {
  it('staff hold neither org.read nor refdata.read', async () => {
    const s = await login(app, 'staff');
    const perms: string[] = (await s.get('/api/v1/auth/me')).json().user.permissions;
    expect(perms).not.toContain('org.read');
    expect(perms).not.toContain('refdata.read');
    expect(perms).toContain('general.request');
  });

  it('the built-in self-service roles of the modules do not either', async () => {
    const admin = await login(app, 'secadmin');
    const roles: { code: string; permissions: string[] }[] = (await admin.get('/api/v1/roles')).json().items;
    for (const code of ['staff', 'driver', 'warehouse_keeper', 'energy_inspector', 'energy_officer', 'dispatcher']) {
      const role = roles.find((r) => r.code === code);
      expect(role, code).toBeDefined();
      expect(role!.permissions, code).not.toContain('org.read');
      expect(role!.permissions, code).not.toContain('refdata.read');
    }
    // The administrators keep them.
    expect(roles.find((r) => r.code === 'sysadmin')!.permissions).toEqual(expect.arrayContaining(['org.read', 'refdata.read']));
    expect(roles.find((r) => r.code === 'unit_admin')!.permissions).toContain('org.read');
  });

  it('staff still get their own units for a picker, never another unit', async () => {
    const s = await login(app, 'staff');
    const res = await s.get('/api/v1/orgs');
    expect(res.statusCode).toBe(200);
    const ids: number[] = res.json().items.map((o: { id: number }) => o.id);
    expect(ids).toContain(d.unitA.id);
    expect(ids).not.toContain(d.unitB.id);
    expect(ids).not.toContain(d.bureau.id);
    // The organisation page's single record stays org.read's.
    expect((await s.get(`/api/v1/orgs/${d.unitA.id}`)).statusCode).toBe(404);
  });

  it('staff read code labels and published rules, not the reference-data pages', async () => {
    const s = await login(app, 'staff');
    expect((await s.get('/api/v1/refdata/lists/room_use')).statusCode).toBe(200);
    expect((await s.get('/api/v1/refdata/rules/office_area_standard')).statusCode).toBe(200);
    expect((await s.get('/api/v1/refdata/lists')).statusCode).toBe(403);
    expect((await s.get('/api/v1/refdata/rules')).statusCode).toBe(403);
    expect((await s.get('/api/v1/calendar?year=2026')).statusCode).toBe(403);
    expect((await s.put('/api/v1/refdata/lists/room_use/x1', { labelZh: '甲', labelEn: 'x', sort: 0, active: true })).statusCode).toBe(403);
  });

  it('a caller with org.read keeps its whole scope', async () => {
    const s = await login(app, 'unit_a');
    const ids: number[] = (await s.get('/api/v1/orgs')).json().items.map((o: { id: number }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([d.unitA.id, d.deptA.id]));
    expect(ids).not.toContain(d.unitB.id);
  });
});

describe('before sign-in', () => {
  it('sets a readable session hint with the session and clears both on sign-out', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: 'Houqin@2026' } });
    expect(res.statusCode).toBe(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
    const hint = cookies.find((c) => c.startsWith('houqin_signed_in='));
    expect(hint).toBeDefined();
    expect(hint!.toLowerCase()).not.toContain('httponly');
    expect(cookies.find((c) => c.startsWith('houqin_sid='))!.toLowerCase()).toContain('httponly');
    const session = cookies.find((c) => c.startsWith('houqin_sid='))!.split(';')[0]!;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session, 'x-csrf-token': res.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] as string | string[]);
    expect(cleared.some((c) => c.startsWith('houqin_signed_in=;'))).toBe(true);
  });

  it('says publicly whether the demo is loaded: not in a database without it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ demo: false });
  });
});
