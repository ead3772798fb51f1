import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createAccount, syncBuiltinRoles } from '../../src/server/core/bootstrap/bootstrap';
import { prepareDatabase } from '../../src/server/core/bootstrap/prepare';
import { OrgService } from '../../src/server/core/org/org.service';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/client';

export const TEST_PASSWORD = 'Houqin@2026';

/**
 * A fresh database per test file: in-memory PGlite by default; with TEST_DATABASE_URL a new
 * PostgreSQL database created from it and dropped afterwards. The same suite runs on both.
 */
export async function openTestDatabase(): Promise<DatabaseHandle & { dbKind: 'pglite' | 'postgres' }> {
  const base = process.env.TEST_DATABASE_URL;
  const template = migratedTemplate();
  if (!base) {
    const pgliteLoad = template.pglite ? new Blob([fs.readFileSync(template.pglite)]) : undefined;
    return Object.assign(await openDatabase({ pgliteDir: 'memory://', pgliteLoad }), { dbKind: 'pglite' as const });
  }
  const name = `houqin_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${template.pg ? ` template ${template.pg}` : ''}`);
  await admin.end();
  // Swap the database name, keeping host/socket options (the URL may have an empty host
  // with ?host=/var/run/postgresql, which WHATWG URL parsing rejects).
  const m = base.match(/^(postgres(?:ql)?:\/\/[^/]*)\/([^?]*)(\?.*)?$/);
  if (!m) throw new Error('TEST_DATABASE_URL must look like postgres://user@host/db');
  const handle = await openDatabase({ databaseUrl: `${m[1]}/${name}${m[3] ?? ''}`, poolSize: 5 });
  return Object.assign({}, handle, {
    dbKind: 'postgres' as const,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pool.end() resolves before its clients' sockets have closed; dropping WITH (FORCE)
      // at that moment kills a connection whose listeners are gone, which surfaces as an
      // uncaught 57P01 in the test run. Wait (briefly) for the backends to leave first.
      for (let i = 0; i < 50; i++) {
        const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  });
}

/**
 * The migrated empty database that tests/int/global-setup.ts made for this run, if any (a unit
 * test file or a script calling these helpers outside the int project migrates from nothing).
 */
function migratedTemplate(): { pglite: string; pg: string } {
  try {
    return { pglite: inject('intPgliteTemplate') ?? '', pg: inject('intPgTemplate') ?? '' };
  } catch {
    return { pglite: '', pg: '' };
  }
}

export type TestApp = App & { database: DatabaseHandle & { dbKind: string } };

export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // Uploaded files go to a throw-away directory, never the repository's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOUQIN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOUQIN_DEMO_DATA: 'false',
    HOUQIN_JOBS: 'false',
    HOUQIN_LOGIN_RATE_LIMIT: '100000',
    ...env,
  });
  const app = await buildApp({ config, database, dataKey: crypto.randomBytes(32).toString('hex') });
  app.addHook('onClose', async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await prepareDatabase(app, config);
  await app.ready();
  return Object.assign(app, { database }) as TestApp;
}

/**
 * A small district for tests: bureau → two units (A, B) each with a department, and one
 * account per built-in role. Names follow the demo accounts.
 */
export async function seedTestDistrict(app: TestApp) {
  const db = app.services.db;
  const orgsSvc = new OrgService(db);
  return db.transaction(async (tx) => {
    await syncBuiltinRoles(tx);
    const bureau = await orgsSvc.insertUnder(tx, null, { name: '测试区机关事务管理局', kind: 'bureau', agencyLevel: 'county' });
    const unitA = await orgsSvc.insertUnder(tx, bureau, { name: '测试区发展和改革局', kind: 'unit', agencyLevel: 'county', staffing: 30 });
    const unitB = await orgsSvc.insertUnder(tx, bureau, { name: '测试区教育局', kind: 'unit', agencyLevel: 'county', staffing: 40 });
    const deptA = await orgsSvc.insertUnder(tx, unitA, { name: '办公室', kind: 'department', agencyLevel: 'county' });
    const deptB = await orgsSvc.insertUnder(tx, unitB, { name: '办公室', kind: 'department', agencyLevel: 'county' });
    const { hashPassword } = await import('../../src/server/core/crypto/crypto');
    const hash = await hashPassword(TEST_PASSWORD);
    const t = bureau.id;
    const mk = (username: string, roleCode: string, orgId: number, scopeOrgId = orgId) =>
      createAccount(tx, { tenantId: t, username, displayName: username, password: '', orgId, roleCode, scopeOrgId }, hash);
    const accounts = {
      admin: await mk('admin', 'sysadmin', bureau.id),
      secadmin: await mk('secadmin', 'secadmin', bureau.id),
      auditor: await mk('auditor', 'auditor', bureau.id),
      leader: await mk('leader', 'leader', bureau.id),
      manager: await mk('manager', 'manager', bureau.id),
      unit_a: await mk('unit_a', 'unit_admin', unitA.id),
      unit_b: await mk('unit_b', 'unit_admin', unitB.id),
      staff: await mk('staff', 'staff', unitA.id),
    };
    return { bureau, unitA, unitB, deptA, deptB, accounts };
  });
}

export type Session = {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

/** Signs in through the real endpoint and returns a client that sends cookie and CSRF token. */
export async function login(app: App, username: string, password = TEST_PASSWORD, locale = 'zh-CN'): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    headers: { 'accept-language': locale },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrf, 'accept-language': locale };
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    cookie,
    csrf,
    headers,
    get: (u) => call('GET', u),
    post: (u, b) => call('POST', u, b ?? {}),
    patch: (u, b) => call('PATCH', u, b ?? {}),
    put: (u, b) => call('PUT', u, b ?? {}),
    del: (u) => call('DELETE', u),
  };
}

/** The password `addAccountWithRole` leaves on a new account (after its first change). */
export const ACCOUNT_PASSWORD = 'Kestrel#2026x';
const INITIAL_PASSWORD = 'Initial#2026x';

/**
 * Signs in with a password someone else set and changes it, as the API requires before
 * anything else (mustChangePassword); the returned session stays signed in.
 */
export async function firstSignIn(app: App, username: string, initial: string, next: string, locale = 'zh-CN'): Promise<Session> {
  const s = await login(app, username, initial, locale);
  const r = await s.post('/api/v1/auth/password', { currentPassword: initial, newPassword: next });
  if (r.statusCode !== 200) throw new Error(`first password change of ${username}: ${r.body}`);
  return s;
}

/**
 * A new account with one role, made the way an administrator would: the system administrator
 * creates it, the security administrator grants the role (三员分立), the user changes the
 * initial password at first sign-in. Returns its session.
 */
export async function addAccountWithRole(
  app: App,
  a: { username: string; orgId: number; roleCode: string; password?: string },
): Promise<Session> {
  const password = a.password ?? ACCOUNT_PASSWORD;
  const admin = await login(app, 'admin');
  const sec = await login(app, 'secadmin');
  const acc = await admin.post('/api/v1/accounts', {
    username: a.username,
    displayName: a.username,
    orgId: a.orgId,
    password: INITIAL_PASSWORD,
  });
  if (acc.statusCode !== 200) throw new Error(`create ${a.username}: ${acc.body}`);
  const grant = await sec.post('/api/v1/role-assignments', { accountId: acc.json().id, roleCode: a.roleCode, orgId: a.orgId });
  if (grant.statusCode !== 200) throw new Error(`grant ${a.roleCode}: ${grant.body}`);
  return firstSignIn(app, a.username, INITIAL_PASSWORD, password);
}
