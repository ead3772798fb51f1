import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/core/audit/audit.service';
import { queryRows } from '../../src/server/db/client';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let admin: Session;
let sec: Session;
let auditor: Session;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  admin = await login(app, 'admin');
  sec = await login(app, 'secadmin');
  auditor = await login(app, 'auditor');
});
afterAll(async () => {
  await app?.close();
});

describe('accounts', () => {
  it('the system administrator creates an account that must change its password', async () => {
    const res = await admin.post('/api/v1/accounts', {
      username: 'new_clerk',
      displayName: '新文员',
      orgId: d.unitA.id,
      password: 'Start#2026x',
    });
    expect(res.statusCode).toBe(200);
    const s = await login(app, 'new_clerk', 'Start#2026x');
    const me = await s.get('/api/v1/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    expect(me.json().user.permissions).toEqual([]);
  });

  it('rejects a duplicate username (any case) and a weak password', async () => {
    const dup = await admin.post('/api/v1/accounts', {
      username: 'NEW_CLERK',
      displayName: 'x',
      orgId: d.unitA.id,
      password: 'Start#2026x',
    });
    expect(dup.statusCode).toBe(409);
    const weak = await admin.post('/api/v1/accounts', { username: 'weakling', displayName: 'x', orgId: d.unitA.id, password: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
  });

  it('edits, disables and unlocks an account; a disabled account cannot sign in', async () => {
    const list = await admin.get('/api/v1/accounts?q=new_clerk');
    const id = list.json().items[0].id;
    const edited = await admin.patch(`/api/v1/accounts/${id}`, { displayName: '文员', status: 'disabled' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().status).toBe('disabled');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'new_clerk', password: 'Start#2026x' },
    });
    expect(denied.statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/accounts/${id}`, { status: 'active', unlock: true })).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/accounts/${id}/password`, { password: 'Reset#2026x' })).statusCode).toBe(200);
    await login(app, 'new_clerk', 'Reset#2026x');
  });

  it('the security administrator cannot create accounts; the system administrator cannot grant roles', async () => {
    expect(
      (await sec.post('/api/v1/accounts', { username: 'zzz', displayName: 'x', orgId: d.unitA.id, password: 'Start#2026x' })).statusCode,
    ).toBe(403);
    expect(
      (await admin.post('/api/v1/role-assignments', { accountId: d.accounts.staff, roleCode: 'leader', orgId: d.bureau.id })).statusCode,
    ).toBe(403);
  });
});

describe('roles and 三员分立', () => {
  it('grants and revokes a role with effect on the holder', async () => {
    const grant = await sec.post('/api/v1/role-assignments', {
      accountId: d.accounts.staff,
      roleCode: 'unit_admin',
      orgId: d.unitA.id,
      includeSubtree: true,
    });
    expect(grant.statusCode).toBe(200);
    const staff = await login(app, 'staff');
    expect((await staff.get('/api/v1/auth/me')).json().user.permissions).toContain('people.write');
    expect((await sec.del(`/api/v1/role-assignments/${grant.json().id}`)).statusCode).toBe(200);
    expect((await staff.get('/api/v1/auth/me')).json().user.permissions).not.toContain('people.write');
  });

  it('refuses to give the audit role to the system administrator', async () => {
    const res = await sec.post('/api/v1/role-assignments', { accountId: d.accounts.admin, roleCode: 'auditor', orgId: d.bureau.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROLE_SEPARATION');
  });

  it('refuses a custom role that combines two administrator powers', async () => {
    const res = await sec.post('/api/v1/roles', {
      code: 'superuser',
      nameZh: '超级',
      nameEn: 'Super',
      permissions: ['accounts.write', 'audit.read'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROLE_SEPARATION');
  });

  it('counts each role’s own assignments (not the same total for every role)', async () => {
    const counts = async () =>
      Object.fromEntries(
        (await sec.get('/api/v1/roles')).json().items.map((r: { code: string; assignmentCount: number }) => [r.code, r.assignmentCount]),
      ) as Record<string, number>;
    const before = await counts();
    // The test district gives one account each to these built-in roles.
    expect(before.auditor).toBe(1);
    expect(before.sysadmin).toBe(1);
    expect(before.unit_admin).toBe(2);
    const grant = await sec.post('/api/v1/role-assignments', { accountId: d.accounts.staff, roleCode: 'leader', orgId: d.unitA.id });
    expect(grant.statusCode).toBe(200);
    const after = await counts();
    expect(after.leader).toBe(before.leader! + 1);
    expect(after.auditor).toBe(1);
    expect((await sec.del(`/api/v1/role-assignments/${grant.json().id}`)).statusCode).toBe(200);
    expect((await counts()).leader).toBe(before.leader);
  });

  it('does not let the security administrator grant to itself', async () => {
    const res = await sec.post('/api/v1/role-assignments', { accountId: d.accounts.secadmin, roleCode: 'leader', orgId: d.bureau.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('audit log', () => {
  it('is readable by the auditor only', async () => {
    expect((await auditor.get('/api/v1/audit?pageSize=5')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await sec.get('/api/v1/audit')).statusCode).toBe(403);
    const unitA = await login(app, 'unit_a');
    expect((await unitA.get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('records logins, failed logins and changes, with personal data masked', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: 'bad-password' } });
    const failed = await auditor.get('/api/v1/audit?action=login_failed');
    expect(failed.json().total).toBeGreaterThan(0);
    const created = await auditor.get('/api/v1/audit?entityType=account&action=create');
    const rec = created.json().items[0];
    expect(rec.actorName).toBe('admin');
    expect(JSON.stringify(rec.after)).not.toContain('$argon2');
  });

  it('verifies the chain and detects tampering in the middle', async () => {
    const ok = await auditor.get('/api/v1/audit/verify');
    expect(ok.json().ok).toBe(true);
    expect(ok.json().checked).toBeGreaterThan(5);
    const db = app.services.db;
    // The table refuses UPDATE outright …
    await expect(db.execute(sql`update audit_log set summary = 'x' where id = (select min(id) from audit_log)`)).rejects.toThrow();
    // … so an attacker with superuser rights must first drop the trigger; the chain still tells.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    const [mid] = await queryRows<{ id: number }>(db, sql`select id::int as id from audit_log order by id offset 3 limit 1`);
    await db.execute(sql`update audit_log set summary = 'tampered' where id = ${mid!.id}`);
    const bad = await verifyAuditChain(db, d.bureau.id);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.firstBadId).toBe(mid!.id);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  });

  it('exports to Excel and records the export', async () => {
    const res = await auditor.get('/api/v1/audit/export?action=login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const exp = await auditor.get('/api/v1/audit?action=export');
    expect(exp.json().total).toBeGreaterThan(0);
  });
});
