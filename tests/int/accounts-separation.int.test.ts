import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/core/bootstrap/bootstrap';
import { resetClock, setClockForTests } from '../../src/server/core/util/dates';
import { queryRows } from '../../src/server/db/client';
import { type Session, TEST_PASSWORD, type TestApp, buildTestApp, firstSignIn, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #15, "Separation of duties that holds" and "Accounts and sessions": the three
 * administrators cannot act on each other's accounts except by the break-glass procedure;
 * a password that must change blocks the API; lockout answers alike for unknown names and
 * ends by itself; the password policy is rule data applied wherever a password is set; the
 * idle timeout counts from the last request.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let ids: { admin: number; secadmin: number; auditor: number; admin2: number };

const signIn = (username: string, password = TEST_PASSWORD) => login(app, username, password);
const tryLogin = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'accept-language': 'en' } });
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(app.services.db, q);

beforeAll(async () => {
  app = await buildTestApp({ HOUQIN_SESSION_IDLE_MINUTES: '1' });
  d = await seedTestDistrict(app);
  // A second system administrator: the guard covers the same duty, not only the other two.
  const { hashPassword } = await import('../../src/server/core/crypto/crypto');
  const admin2 = await createAccount(
    app.services.db,
    { tenantId: d.bureau.id, username: 'admin2', displayName: 'admin2', password: '', orgId: d.bureau.id, roleCode: 'sysadmin' },
    await hashPassword(TEST_PASSWORD),
  );
  ids = { admin: d.accounts.admin, secadmin: d.accounts.secadmin, auditor: d.accounts.auditor, admin2 };
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => {
  resetClock();
});

describe('三员分立: no administrator acts on another administrator’s account', () => {
  const ADMINS = ['admin', 'secadmin', 'auditor', 'admin2'] as const;

  it('refuses every action of every administrator on every other administrator, and nothing changes', async () => {
    const sessions: Record<string, Session> = {};
    for (const a of ADMINS) sessions[a] = await signIn(a);
    const assignmentOf = async (accountId: number) =>
      (await rows<{ id: number }>(sql`select id from role_assignments where account_id = ${accountId} limit 1`))[0]!.id;
    let tried = 0;
    for (const actor of ADMINS) {
      for (const target of ADMINS) {
        if (actor === target) continue;
        const s = sessions[actor]!;
        const id = ids[target];
        const attempts = [
          () => s.post(`/api/v1/accounts/${id}/password`, { password: 'Takeover#2026x' }),
          () => s.patch(`/api/v1/accounts/${id}`, { status: 'disabled' }),
          () => s.patch(`/api/v1/accounts/${id}`, { status: 'active' }),
          () => s.patch(`/api/v1/accounts/${id}`, { unlock: true }),
          () => s.patch(`/api/v1/accounts/${id}`, { displayName: 'renamed' }),
          () => s.patch(`/api/v1/accounts/${id}`, { orgId: d.unitA.id }),
          () => s.post('/api/v1/role-assignments', { accountId: id, roleCode: 'leader', orgId: d.bureau.id }),
          async () => s.del(`/api/v1/role-assignments/${await assignmentOf(id)}`),
        ];
        for (const attempt of attempts) {
          const res = await attempt();
          tried++;
          expect(res.statusCode, `${actor} → ${target}: ${res.body}`).toBe(403);
          // Whoever holds the power to do it is refused by the guard, with its own message.
          if (res.json().error.code !== 'FORBIDDEN') expect(res.json().error.code).toBe('ADMIN_PEER_PROTECTED');
        }
      }
    }
    expect(tried).toBe(12 * 8);
    // The guard is what refused the holders of the power (not only a missing permission).
    const r = await sessions.admin!.post(`/api/v1/accounts/${ids.auditor}/password`, { password: 'Takeover#2026x' });
    expect(r.json().error.code).toBe('ADMIN_PEER_PROTECTED');
    expect(r.json().error.message).toContain('三员分立');
    const g = await sessions.secadmin!.post('/api/v1/role-assignments', { accountId: ids.admin, roleCode: 'leader', orgId: d.bureau.id });
    expect(g.json().error.code).toBe('ADMIN_PEER_PROTECTED');

    // Nothing changed: every administrator still signs in with their own password, keeps
    // their session, their name, their single role, and nobody signs in with the "takeover".
    for (const a of ADMINS) {
      expect((await sessions[a]!.get('/api/v1/auth/me')).statusCode, a).toBe(200);
      expect((await tryLogin(a, 'Takeover#2026x')).statusCode).toBe(401);
    }
    const state = await rows<{ username: string; display_name: string; status: string; n: number }>(
      sql`select a.username, a.display_name, a.status, (select count(*)::int from role_assignments ra where ra.account_id = a.id) as n
          from accounts a where a.username in ('admin','secadmin','auditor','admin2') order by a.username`,
    );
    for (const s of state) expect(s).toMatchObject({ display_name: s.username, status: 'active', n: 1 });
    // The failed attempts reset nobody's failure counter either.
    for (const a of ADMINS) await signIn(a);
  });

  it('refuses to change the permissions of a custom role an administrator holds', async () => {
    const [role] = await rows<{ id: number }>(
      sql`insert into roles (code, name_zh, name_en, permissions, builtin) values ('admin_extra', '附加', 'Extra', array['org.read'], false) returning id`,
    );
    await app.services.db.execute(
      sql`insert into role_assignments (account_id, role_id, org_id, include_subtree) values (${ids.admin}, ${role!.id}, ${d.bureau.id}, true)`,
    );
    const sec = await signIn('secadmin');
    const res = await sec.patch(`/api/v1/roles/${role!.id}`, { permissions: ['org.read', 'people.read', 'people.sensitive'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ADMIN_PEER_PROTECTED');
    // A role held only by ordinary accounts stays editable.
    const [free] = await rows<{ id: number }>(
      sql`insert into roles (code, name_zh, name_en, permissions, builtin) values ('plain_extra', '普通', 'Plain', array['org.read'], false) returning id`,
    );
    expect((await sec.patch(`/api/v1/roles/${free!.id}`, { permissions: ['org.read', 'people.read'] })).statusCode).toBe(200);
  });

  it('still lets the system administrator manage ordinary accounts and the security administrator grant to them', async () => {
    const admin = await signIn('admin');
    expect((await admin.post(`/api/v1/accounts/${d.accounts.staff}/password`, { password: 'Reset#Clerk2026' })).statusCode).toBe(200);
    const sec = await signIn('secadmin');
    expect(
      (await sec.post('/api/v1/role-assignments', { accountId: d.accounts.staff, roleCode: 'leader', orgId: d.unitA.id })).statusCode,
    ).toBe(200);
    // The staff member changes the reset password (the API requires it), back to work.
    await firstSignIn(app, 'staff', 'Reset#Clerk2026', 'Own#Clerk2026x');
  });
});

describe('break-glass: two other duties, audited, notified, new password at first use', () => {
  const notificationsOf = async (username: string) =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from notifications n join accounts a on a.id = n.account_id
            where a.username = ${username} and n.kind = 'accounts.break_glass'`,
      )
    )[0]!.n;

  it('resets the auditor only when the security administrator approves the system administrator’s request', async () => {
    const admin = await signIn('admin');
    const sec = await signIn('secadmin');
    const auditorBefore = await signIn('auditor');
    const admin2 = await signIn('admin2');

    // Refusals before anything is asked: own duty, own account, a non-administrator, a weak password.
    const sameDuty = await admin.post(`/api/v1/accounts/${ids.admin2}/break-glass`, {
      action: 'reset_password',
      reason: 'forgot password',
      password: 'Temp#Reset2026',
    });
    expect(sameDuty.statusCode).toBe(403);
    expect(sameDuty.json().error.code).toBe('BREAK_GLASS_DUTY');
    const own = await admin.post(`/api/v1/accounts/${ids.admin}/break-glass`, { action: 'disable', reason: 'just trying' });
    expect(own.statusCode).toBe(403);
    const ordinary = await admin.post(`/api/v1/accounts/${d.accounts.leader}/break-glass`, { action: 'disable', reason: 'just trying' });
    expect(ordinary.json().error.code).toBe('BREAK_GLASS_NOT_ADMIN');
    const weak = await admin.post(`/api/v1/accounts/${ids.auditor}/break-glass`, {
      action: 'reset_password',
      reason: 'forgot password',
      password: 'Admin@123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect((await (await signIn('staff', 'Own#Clerk2026x')).get('/api/v1/accounts/break-glass')).statusCode).toBe(403);

    const before = {
      admin: await notificationsOf('admin'),
      secadmin: await notificationsOf('secadmin'),
      auditor: await notificationsOf('auditor'),
    };
    const req = await admin.post(`/api/v1/accounts/${ids.auditor}/break-glass`, {
      action: 'reset_password',
      reason: 'auditor lost the password on leave',
      password: 'Temp#Reset2026',
    });
    expect(req.statusCode, req.body).toBe(201);
    const bg = req.json();
    expect(bg).toMatchObject({
      status: 'pending',
      targetUsername: 'auditor',
      targetDuties: ['audit'],
      requestedBy: 'admin',
      canDecide: false,
    });
    // Notified to all three administrators (and to every holder of a duty).
    for (const who of ['admin', 'secadmin', 'auditor'] as const) expect(await notificationsOf(who)).toBe(before[who] + 1);
    // Nothing has happened yet: the auditor's password and session still work.
    expect((await auditorBefore.get('/api/v1/audit?pageSize=1')).statusCode).toBe(200);
    // One open request per account.
    const second = await sec.post(`/api/v1/accounts/${ids.auditor}/break-glass`, { action: 'disable', reason: 'second request' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('BREAK_GLASS_PENDING');

    // Who may not decide: the requester, the target, the requester's own duty.
    for (const [who, s] of [
      ['admin', admin],
      ['auditor', auditorBefore],
      ['admin2', admin2],
    ] as const) {
      const r = await s.post(`/api/v1/accounts/break-glass/${bg.id}/approve`, {});
      expect(r.statusCode, who).toBe(403);
    }
    const listed = (await sec.get('/api/v1/accounts/break-glass')).json().items;
    expect(listed.find((x: { id: number }) => x.id === bg.id).canDecide).toBe(true);

    const ok = await sec.post(`/api/v1/accounts/break-glass/${bg.id}/approve`, { note: 'confirmed by phone' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: 'secadmin' });
    expect(await notificationsOf('auditor')).toBe(before.auditor + 2);
    // Decided once only.
    expect((await sec.post(`/api/v1/accounts/break-glass/${bg.id}/reject`, {})).json().error.code).toBe('BREAK_GLASS_CLOSED');

    // The old password and the old session are gone; the temporary one must be changed first.
    expect((await auditorBefore.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('auditor', TEST_PASSWORD)).statusCode).toBe(401);
    const temp = await signIn('auditor', 'Temp#Reset2026');
    expect((await temp.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await temp.get('/api/v1/audit?pageSize=1');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (await temp.post('/api/v1/auth/password', { currentPassword: 'Temp#Reset2026', newPassword: 'Audit#Fresh2026' })).statusCode,
    ).toBe(200);
    expect((await temp.get('/api/v1/audit?pageSize=1')).statusCode).toBe(200);

    // Audited, step by step, with the requester and the approver named.
    const trail = await rows<{ action: string; actor_name: string }>(
      sql`select action, actor_name from audit_log where entity_type = 'account' and entity_id = ${ids.auditor}
          and action in ('break_glass_request','break_glass_approve','password_reset') order by id`,
    );
    expect(trail).toEqual([
      { action: 'break_glass_request', actor_name: 'admin' },
      { action: 'break_glass_approve', actor_name: 'secadmin' },
      { action: 'password_reset', actor_name: 'secadmin' },
    ]);
  });

  it('a rejected request changes nothing, and an unapproved one lapses after 24 hours', async () => {
    const sec = await signIn('secadmin');
    const auditor = await signIn('auditor', 'Audit#Fresh2026');
    const req = await sec.post(`/api/v1/accounts/${ids.admin2}/break-glass`, { action: 'disable', reason: 'left the bureau' });
    expect(req.statusCode, req.body).toBe(201);
    const rej = await auditor.post(`/api/v1/accounts/break-glass/${req.json().id}/reject`, { note: 'not confirmed' });
    expect(rej.json()).toMatchObject({ status: 'rejected', decidedBy: 'auditor' });
    await signIn('admin2');

    const again = await sec.post(`/api/v1/accounts/${ids.admin2}/break-glass`, { action: 'disable', reason: 'left the bureau' });
    expect(again.statusCode).toBe(201);
    setClockForTests(Date.now() + 25 * 3600_000);
    const late = await (await signIn('auditor', 'Audit#Fresh2026')).post(`/api/v1/accounts/break-glass/${again.json().id}/approve`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('BREAK_GLASS_CLOSED');
    // The lapsed request no longer blocks a new one, which the third duty can approve.
    const fresh = await (await signIn('secadmin')).post(`/api/v1/accounts/${ids.admin2}/break-glass`, {
      action: 'disable',
      reason: 'left the bureau',
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const done = await (await signIn('auditor', 'Audit#Fresh2026')).post(`/api/v1/accounts/break-glass/${fresh.json().id}/approve`, {});
    expect(done.json().status).toBe('approved');
    expect((await tryLogin('admin2', TEST_PASSWORD)).statusCode).toBe(403);
  });
});

describe('a password that must change blocks the API', () => {
  it('allows only change-password, me and logout, for every other route of the API', async () => {
    const admin = await signIn('admin');
    const created = await admin.post('/api/v1/accounts', {
      username: 'fresh_one',
      displayName: 'x',
      orgId: d.unitA.id,
      password: 'Initial#2026x',
    });
    expect(created.statusCode).toBe(200);
    const sec = await signIn('secadmin');
    await sec.post('/api/v1/role-assignments', { accountId: created.json().id, roleCode: 'unit_admin', orgId: d.unitA.id });
    const s = await login(app, 'fresh_one', 'Initial#2026x', 'en');
    expect((await s.get('/api/v1/auth/me?x=1')).statusCode).toBe(200);

    // Every operation of the OpenAPI, every method: no 2xx, and a clear 403 wherever the
    // request gets past validation (which runs first and reveals nothing).
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const allowed = new Set([
      '/api/v1/auth/password',
      '/api/v1/auth/me',
      '/api/v1/auth/logout',
      '/api/v1/auth/password-policy',
      '/api/v1/auth/login',
    ]);
    let refused = 0;
    let total = 0;
    for (const [p, ops] of Object.entries(spec.paths)) {
      if (allowed.has(p) || !p.startsWith('/api/v1/')) continue;
      const url = p.replace(/\{[^}]+\}/g, '1');
      for (const method of Object.keys(ops)) {
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: s.headers,
          payload: method === 'get' ? undefined : {},
        });
        total++;
        expect(res.statusCode, `${method} ${p}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${p}`).toBeLessThan(500);
        if (res.statusCode === 403) {
          expect(res.json().error.code, `${method} ${p}`).toBe('PASSWORD_CHANGE_REQUIRED');
          refused++;
        } else expect([400, 404, 415], `${method} ${p}: ${res.statusCode}`).toContain(res.statusCode);
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(total / 2);
    const one = await s.get('/api/v1/notifications');
    expect(one.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('Change your password') });

    // After the change everything the account may do works again.
    expect((await s.post('/api/v1/auth/password', { currentPassword: 'Initial#2026x', newPassword: 'Fresh#Own2026x' })).statusCode).toBe(
      200,
    );
    expect((await s.get('/api/v1/notifications')).statusCode).toBe(200);
    expect((await s.post('/api/v1/auth/logout')).statusCode).toBe(200);
  });

  it('an expired password (policy expiryDays) must be changed at sign-in', async () => {
    setClockForTests(Date.now() + 91 * 86_400_000);
    const s = await signIn('leader');
    expect((await s.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await s.get('/api/v1/notifications')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Next#Boss2026x' })).statusCode).toBe(200);
    expect((await s.get('/api/v1/notifications')).statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('answers the same for an unknown name as for a known one, and the lock ends by itself', async () => {
    const shape = async (username: string) => {
      const out: { status: number; body: unknown }[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await tryLogin(username, `Wrong#${i}xyz`);
        out.push({ status: r.statusCode, body: r.json() });
      }
      return out;
    };
    const known = await shape('manager');
    const unknown = await shape('no_such_user');
    expect(known.map((x) => x.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown).toEqual(known);
    // Case does not make a new name either.
    expect((await tryLogin('NO_SUCH_USER', 'Wrong#xyz')).json()).toEqual(known[5]!.body);
    // Locked: even the right password is refused, with the same answer.
    const right = await tryLogin('manager', TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json()).toEqual(known[5]!.body);

    // 16 minutes later (the policy's 15) the lock has ended by itself.
    setClockForTests(Date.now() + 16 * 60_000);
    expect((await tryLogin('manager', TEST_PASSWORD)).statusCode).toBe(200);
    // For the unknown name too: a failure after the lock counts from one again (401, not 423).
    expect((await tryLogin('no_such_user', 'Wrong#again1')).statusCode).toBe(401);
    expect((await tryLogin('manager', 'Wrong#again1')).statusCode).toBe(401);
  });
});

describe('password policy applied wherever a password is set', () => {
  it('refuses common passwords, the username, weak ones and the last five, naming the rule', async () => {
    const admin = await signIn('admin');
    const common = await admin.post('/api/v1/accounts', {
      username: 'pp_user',
      displayName: 'x',
      orgId: d.unitA.id,
      password: 'Password1',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { rules: ['common'] } });
    const named = await admin.post('/api/v1/accounts', {
      username: 'pp_user',
      displayName: 'x',
      orgId: d.unitA.id,
      password: 'X#pp_user2026',
    });
    expect(named.json().error.details.rules).toEqual(['username']);
    const ok = await admin.post('/api/v1/accounts', { username: 'pp_user', displayName: 'x', orgId: d.unitA.id, password: 'Start#2026pp' });
    expect(ok.statusCode).toBe(200);
    expect((await admin.post(`/api/v1/accounts/${ok.json().id}/password`, { password: 'Admin@123' })).json().error.details.rules).toEqual([
      'common',
    ]);

    const s = await login(app, 'pp_user', 'Start#2026pp', 'en');
    const weak = await s.post('/api/v1/auth/password', { currentPassword: 'Start#2026pp', newPassword: 'abcdefgh' });
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(weak.json().error.message).toContain('at least 3 of');
    const same = await s.post('/api/v1/auth/password', { currentPassword: 'Start#2026pp', newPassword: 'Start#2026pp' });
    expect(same.json().error.code).toBe('PASSWORD_REUSED');
    // Change five times; each of the last five (current included) is refused, the sixth back is fine.
    const seq = ['Pass#One2026', 'Pass#Two2026', 'Pass#Three2026', 'Pass#Four2026', 'Pass#Five2026'];
    let current = 'Start#2026pp';
    for (const next of seq) {
      expect((await s.post('/api/v1/auth/password', { currentPassword: current, newPassword: next })).statusCode).toBe(200);
      current = next;
    }
    for (const old of seq) {
      const r = await s.post('/api/v1/auth/password', { currentPassword: current, newPassword: old });
      expect(r.statusCode, old).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'PASSWORD_REUSED', message: expect.stringContaining('last 5') });
    }
    expect((await s.post('/api/v1/auth/password', { currentPassword: current, newPassword: 'Start#2026pp' })).statusCode).toBe(200);
    // The policy check endpoint reads the same rules.
    expect((await s.post('/api/v1/auth/password-policy', { password: 'Admin@123' })).json()).toEqual({ ok: false });
    expect((await s.post('/api/v1/auth/password-policy', { password: 'Qz#8tfk2Lp' })).json()).toEqual({ ok: true });
  });
});

describe('idle timeout counts from the last request', () => {
  it('keeps a session active every 20 s alive under a 1-minute setting, and ends an idle one', async () => {
    const start = Date.now();
    setClockForTests(start);
    const s = await signIn('unit_a');
    for (let i = 1; i <= 12; i++) {
      setClockForTests(start + i * 20_000);
      expect((await s.get('/api/v1/auth/me')).statusCode, `after ${i * 20} s`).toBe(200);
    }
    setClockForTests(start + 12 * 20_000 + 61_000);
    const idle = await s.get('/api/v1/auth/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');
  });
});

describe('a password set by someone else stops the account’s API tokens too', () => {
  it('refuses a Bearer token after an administrator reset, until the owner changes the password', async () => {
    const manager = await signIn('manager');
    const created = await manager.post('/api/v1/auth/tokens', {
      name: 'gateway',
      permissions: ['people.read'],
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(200);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer })).statusCode).toBe(200);
    const admin = await signIn('admin');
    expect((await admin.post(`/api/v1/accounts/${d.accounts.manager}/password`, { password: 'Reset#Mgr2026x' })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await firstSignIn(app, 'manager', 'Reset#Mgr2026x', 'Own#Mgr2026xy');
    expect((await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer })).statusCode).toBe(200);
  });
});
