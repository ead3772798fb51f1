import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestoreRefused, createBackup, restoreBackup } from '../../scripts/lib/backup';
import { type App, buildApp } from '../../src/server/app';
import { type Config, loadConfig } from '../../src/server/config';
import { prepareDatabase } from '../../src/server/core/bootstrap/prepare';
import { resolveDataKey } from '../../src/server/core/crypto/crypto';
import { type Db, openDatabase, queryRows } from '../../src/server/db/client';
import { type TestApp, login, seedTestDistrict } from '../helpers/app';
import { upload } from '../helpers/excel';

/**
 * Issue #15, "Backup and restore": a seeded installation (people with encrypted phone
 * numbers, an uploaded photo, audit records) is backed up, restored into a fresh data
 * directory (PGlite) or a fresh database (PostgreSQL with TEST_DATABASE_URL), and the copy is
 * the same: every table's row count and a checksum of its rows, the files, the key, the
 * audit chain, and the running app on it.
 */
const PG = process.env.TEST_DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-backup-test-'));
const databases: string[] = [];
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A fresh installation's configuration: its own data directory and, on PostgreSQL, its own database. */
async function installation(name: string): Promise<Config> {
  const dataDir = path.join(tmp, name);
  fs.mkdirSync(dataDir);
  let url: string | undefined;
  if (PG) {
    const db = `houqin_bk_${name}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create database ${db}`);
    await admin.end();
    databases.push(db);
    const m = PG.match(/^(postgres(?:ql)?:\/\/[^/]*)\/([^?]*)(\?.*)?$/)!;
    url = `${m[1]}/${db}${m[3] ?? ''}`;
  }
  return loadConfig({
    NODE_ENV: 'test',
    HOUQIN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOUQIN_DEMO_DATA: 'false',
    HOUQIN_JOBS: 'false',
    HOUQIN_LOGIN_RATE_LIMIT: '100000',
    ...(url ? { DATABASE_URL: url } : {}),
  });
}

/** The app on an installation, with the key taken from its data directory as the server does. */
async function start(config: Config): Promise<App> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: 3 });
  const app = await buildApp({ config, database, dataKey: resolveDataKey(config.dataKey, config.dataDir) });
  app.addHook('onClose', async () => database.close());
  await prepareDatabase(app, config);
  await app.ready();
  return app;
}

/** Every table's row count and an MD5 over its rows (as text, in a fixed order). */
async function tableChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await queryRows<{ s: string; t: string }>(
    db,
    sql`select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const { s, t } of tables) {
    const q: SQL = sql.raw(
      `select count(*)::int as rows, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as md5 from "${s}"."${t}" x`,
    );
    const [r] = await queryRows<{ rows: number; md5: string }>(db, q);
    out[`${s}.${t}`] = { rows: Number(r!.rows), md5: r!.md5 };
  }
  return out;
}

async function checksumsOf(config: Config) {
  const h = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: 1, migrate: false });
  try {
    return await tableChecksums(h.db);
  } finally {
    await h.close();
  }
}

let source: Config;
let before: Awaited<ReturnType<typeof tableChecksums>>;
let personId: number;
let fileId: string;
let archive: string;

beforeAll(async () => {
  source = await installation('source');
  const app = await start(source);
  try {
    const d = await seedTestDistrict(app as TestApp);
    const unitA = await login(app, 'unit_a');
    const person = await unitA.post('/api/v1/people', { name: '备份测试', orgId: d.unitA.id, postLevel: '150', phone: '13912345678' });
    expect(person.statusCode).toBe(200);
    personId = person.json().id;
    const file = await upload(app, unitA, '/api/v1/files', PNG, 'photo.png', { ownerType: 'person_photo', ownerId: String(personId) });
    expect(file.statusCode).toBe(200);
    fileId = file.json().id;
    // The auditor anchors the chain head (HMAC-SM3, in the data directory): the restored copy
    // must verify against it, as `npm run audit:verify` would.
    const auditor = await login(app, 'auditor');
    expect((await auditor.post('/api/v1/audit/anchor')).statusCode).toBe(200);
    before = await tableChecksums(app.services.db);
  } finally {
    await app.close();
  }
  archive = path.join(tmp, 'backup.tar.gz');
  await createBackup(source, archive);
}, 300_000);

afterAll(async () => {
  if (PG) {
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    for (const db of databases) await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`backup and restore (${PG ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('restores every table, row for row, the files and the key, with the audit chain intact', async () => {
    const target = await installation('restored');
    const r = await restoreBackup(target, archive);
    expect(r.manifest.database).toBe(PG ? 'postgres' : 'pglite');
    expect(r.manifest.dataKey).toBe('included');
    expect(r.warnings).toEqual([]);
    expect(r.audit.length).toBeGreaterThan(0);
    expect(r.audit, JSON.stringify(r.audit)).toEqual(
      r.audit.map(() => expect.objectContaining({ ok: true, problems: [], checked: expect.any(Number), anchors: expect.any(Number) })),
    );
    expect(r.audit.every((a) => a.checked > 0)).toBe(true);
    expect(r.audit.some((a) => a.anchors > 0)).toBe(true);

    expect(fs.readFileSync(path.join(target.dataDir, 'data.key'), 'utf8')).toBe(
      fs.readFileSync(path.join(source.dataDir, 'data.key'), 'utf8'),
    );

    // The restored installation runs: sign-in, the encrypted phone reads back with the restored
    // key, the uploaded file is there, and new records get new ids (sequences restored).
    // Compared before the app starts on the copy: its start-up refreshes the built-in roles.
    const after = await checksumsOf(target);
    const app = await start(target);
    try {
      expect(Object.keys(before).length).toBeGreaterThan(30);
      expect(before['public.people']!.rows).toBeGreaterThan(0);
      expect(before['public.audit_log']!.rows).toBeGreaterThan(0);
      expect(after).toEqual(before);

      const unitA = await login(app, 'unit_a');
      expect((await unitA.get(`/api/v1/people/${personId}`)).json().phone).toBe('13912345678');
      const file = await unitA.get(`/api/v1/files/${fileId}`);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(PNG)).toBe(true);
      const orgId = (await unitA.get(`/api/v1/people/${personId}`)).json().orgId;
      const next = await unitA.post('/api/v1/people', { name: '恢复后新增', orgId, postLevel: '150' });
      expect(next.statusCode).toBe(200);
      expect(next.json().id).toBeGreaterThan(personId);
    } finally {
      await app.close();
    }
  }, 300_000);

  it('refuses to restore over an installation that holds data', async () => {
    await expect(restoreBackup(source, archive)).rejects.toBeInstanceOf(RestoreRefused);
  });

  it('refuses a truncated archive before touching the target', async () => {
    const cut = path.join(tmp, 'cut.tar.gz');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await installation('from_cut');
    await expect(restoreBackup(target, cut)).rejects.toBeInstanceOf(RestoreRefused);
    expect(fs.readdirSync(target.dataDir)).toEqual([]);
  });

  it('leaves the key out on request, and the restore says the encrypted fields need it', async () => {
    const noKey = path.join(tmp, 'nokey.tar.gz');
    const b = await createBackup(source, noKey, { includeKey: false });
    expect(b.manifest.dataKey).toBe('excluded');
    expect(b.manifest.entries.map((e) => e.name)).not.toContain('data/data.key');
    expect(b.manifest.entries.some((e) => e.name.startsWith('data/files/'))).toBe(true);
    const target = await installation('without_key');
    const r = await restoreBackup(target, noKey);
    expect(r.warnings.join(' ')).toMatch(/data\.key/);
    expect(fs.existsSync(path.join(target.dataDir, 'data.key'))).toBe(false);
  }, 300_000);
});
