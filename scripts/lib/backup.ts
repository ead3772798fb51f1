/**
 * Backup and restore of a Houqin installation (`npm run backup`, `npm run restore`): the
 * database, the uploaded files and the key file(s) in one .tar.gz.
 *
 *   data/…                  everything in HOUQIN_DATA_DIR except the embedded database and its
 *                           lock: files/ (uploads), data.key and any other *.key, audit anchors
 *   database/pglite.tar.gz  embedded database: PGlite's own dump of its directory, taken with
 *                           the server stopped (we hold the data directory's lock) after a
 *                           checkpoint, so it is consistent
 *   database/postgres.dump  PostgreSQL: pg_dump's custom format (one consistent snapshot, taken
 *                           while the server runs), restored with pg_restore
 *   manifest.json           last: what the archive holds, with each entry's size and SHA-256;
 *                           restore refuses an archive without it (truncated) or whose entries
 *                           do not match it
 *
 * The data key encrypts phone and ID numbers (SM4). Without it a restore still works, but
 * those fields are lost: keep the key (data.key, or HOUQIN_DATA_KEY) as carefully as the
 * backups, and preferably apart from them (`--no-key`).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../../src/server/config';
import { describeIntegrityProblem, readAuditKey, verifyAllAuditIntegrity } from '../../src/server/core/bootstrap';
import { openDatabase, queryRows } from '../../src/server/db/client';
import { TarFormatError, TarGzWriter, readTarGz } from './tar';

export const BACKUP_FORMAT = 'houqin-backup/1';

type Entry = { name: string; size: number; sha256: string };
export type Manifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrationsApplied: number;
  /** How the data key travels: in the archive, deliberately left out, or set in the environment. */
  dataKey: 'included' | 'excluded' | 'environment';
  entries: Entry[];
};

/** Files of the data directory that are not copied as files: the database has its own dump. */
const SKIP = new Set(['pglite', 'houqin.lock']);
/** Key files sit at the top of the data directory: data.key today, the audit key beside it. */
const isKeyFile = (rel: string) => !rel.includes('/') && rel.endsWith('.key');

function walk(dir: string, rel = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (!rel && (SKIP.has(e.name) || e.name.startsWith('.houqin-restore-'))) continue;
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** pg_dump / pg_restore: HOUQIN_PG_BIN, else the newest /usr/lib/postgresql/<n>/bin, else PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOUQIN_PG_BIN) return path.join(env.HOUQIN_PG_BIN, name);
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], 'bin', name);
  }
  return name;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (set HOUQIN_PG_BIN to the directory holding pg_dump and pg_restore)`);
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (exit ${r.status}): ${r.stderr.trim()}`);
}

async function* fileChunks(file: string, hash: crypto.Hash): AsyncIterable<Uint8Array> {
  for await (const c of fs.createReadStream(file)) {
    hash.update(c as Buffer);
    yield c as Buffer;
  }
}

export type BackupResult = { file: string; manifest: Manifest; warnings: string[] };

/**
 * Writes a backup of the installation configured by `config` to `out`. On PGlite the server
 * must be stopped (the data directory's lock says so if it is not); on PostgreSQL it may run.
 */
export async function createBackup(config: Config, out: string, opts: { includeKey?: boolean } = {}): Promise<BackupResult> {
  const includeKey = opts.includeKey ?? true;
  const warnings: string[] = [];
  const outAbs = path.resolve(out);
  const tmp = `${outAbs}.partial`;
  const entries: Entry[] = [];
  const tar = new TarGzWriter(tmp);
  let kind: Manifest['database'];
  let migrationsApplied: number;
  try {
    if (config.databaseUrl) {
      kind = 'postgres';
      const h = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1, migrate: false });
      try {
        migrationsApplied = (await h.migrationState()).applied;
      } finally {
        await h.close();
      }
      const dump = `${outAbs}.pgdump`;
      try {
        run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${config.databaseUrl}`]);
        const hash = crypto.createHash('sha256');
        const size = fs.statSync(dump).size;
        await tar.add('database/postgres.dump', size, fileChunks(dump, hash));
        entries.push({ name: 'database/postgres.dump', size, sha256: hash.digest('hex') });
      } finally {
        fs.rmSync(dump, { force: true });
      }
    } else {
      kind = 'pglite';
      if (!fs.existsSync(path.join(config.dataDir, 'pglite')))
        throw new Error(`no embedded database in ${config.dataDir} (HOUQIN_DATA_DIR)`);
      // Opening takes the data directory's lock: a running server makes this fail with a
      // message saying so, and nothing can write while the dump is taken.
      const h = await openDatabase({ pgliteDir: config.dataDir, migrate: false });
      try {
        migrationsApplied = (await h.migrationState()).applied;
        const blob = await h.dumpDataDir!();
        const data = Buffer.from(await blob.arrayBuffer());
        await tar.addBuffer('database/pglite.tar.gz', data);
        entries.push({ name: 'database/pglite.tar.gz', size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') });
        // The files are copied while the lock is held, so they match the database exactly.
        await addDataFiles(config, tar, entries, includeKey, outAbs);
      } finally {
        await h.close();
      }
    }
    // PostgreSQL: files after the dump, so every file the dump names is in the archive
    // (uploads are written before the row that names them commits).
    if (kind === 'postgres') await addDataFiles(config, tar, entries, includeKey, outAbs);
    const keyed = entries.some((e) => e.name === 'data/data.key');
    const dataKey: Manifest['dataKey'] = config.dataKey ? 'environment' : keyed ? 'included' : 'excluded';
    if (dataKey === 'environment')
      warnings.push('HOUQIN_DATA_KEY is set in the environment: keep it with the backup, it is not in the archive.');
    if (dataKey === 'excluded')
      warnings.push('The data key is not in the archive: keep data.key safe, without it phone and ID numbers cannot be read.');
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: kind,
      migrationsApplied,
      dataKey,
      entries,
    };
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    await tar.finish();
    fs.renameSync(tmp, outAbs);
    return { file: outAbs, manifest, warnings };
  } catch (err) {
    await tar.finish().catch(() => {});
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

async function addDataFiles(config: Config, tar: TarGzWriter, entries: Entry[], includeKey: boolean, outAbs: string) {
  for (const rel of walk(config.dataDir)) {
    const abs = path.join(config.dataDir, rel);
    if (abs === outAbs || abs === `${outAbs}.partial` || abs === `${outAbs}.pgdump`) continue;
    if (!includeKey && isKeyFile(rel)) continue;
    const st = fs.statSync(abs);
    const hash = crypto.createHash('sha256');
    await tar.add(`data/${rel}`, st.size, fileChunks(abs, hash), st.mtimeMs);
    entries.push({ name: `data/${rel}`, size: st.size, sha256: hash.digest('hex') });
  }
}

export class RestoreRefused extends Error {}

export type RestoreResult = {
  manifest: Manifest;
  warnings: string[];
  /** Per tenant, what `npm run audit:verify` says of the restored copy: the chain, and the anchors when the audit key came along. */
  audit: { tenant: number; ok: boolean; checked: number; anchors: number; problems: string[] }[];
};

/**
 * Restores `archive` into the installation configured by `config`: a data directory without
 * a database (PGlite), or an empty PostgreSQL database. The archive is unpacked into a staging
 * directory and checked against its manifest before anything is put in place; existing files
 * are never overwritten unless identical (or `force`). The audit chain is verified at the end.
 */
export async function restoreBackup(config: Config, archive: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const warnings: string[] = [];
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(config.dataDir, '.houqin-restore-'));
  try {
    const seen = new Map<string, Entry>();
    let manifest: Manifest | undefined;
    await readTarGz(archive, async (name, size) => {
      if (name === 'manifest.json') {
        const parts: Buffer[] = [];
        return async (c) => {
          parts.push(c);
          if (parts.reduce((n, p) => n + p.length, 0) === size) manifest = JSON.parse(Buffer.concat(parts).toString('utf8'));
        };
      }
      // Only data/… and database/… with plain relative names: an entry cannot escape the stage.
      const norm = path.posix.normalize(name);
      if (norm !== name || norm.startsWith('/') || norm.split('/').includes('..') || !/^(data|database)\/[^/]/.test(norm)) {
        throw new RestoreRefused(`unexpected entry in the archive: ${JSON.stringify(name)}`);
      }
      const dest = path.join(stage, norm);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const fd = fs.openSync(dest, 'wx', 0o600);
      const hash = crypto.createHash('sha256');
      let got = 0;
      if (size === 0) fs.closeSync(fd);
      seen.set(name, { name, size, sha256: crypto.createHash('sha256').digest('hex') });
      return async (c) => {
        fs.writeSync(fd, c);
        hash.update(c);
        got += c.length;
        if (got === size) {
          fs.closeSync(fd);
          seen.set(name, { name, size, sha256: hash.digest('hex') });
        }
      };
    }).catch((err) => {
      if (err instanceof TarFormatError || (err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
        throw new RestoreRefused(`the archive is damaged or incomplete: ${(err as Error).message}`);
      }
      throw err;
    });
    if (!manifest || manifest.format !== BACKUP_FORMAT)
      throw new RestoreRefused('no Houqin backup manifest in the archive (incomplete, or not a Houqin backup)');
    for (const e of manifest.entries) {
      const got = seen.get(e.name);
      if (!got || got.size !== e.size || got.sha256 !== e.sha256) throw new RestoreRefused(`${e.name} does not match the manifest`);
    }
    if (seen.size !== manifest.entries.length) throw new RestoreRefused('the archive holds entries its manifest does not list');

    // What is already there: refuse rather than mix two installations.
    const dataEntries = manifest.entries.filter((e) => e.name.startsWith('data/'));
    const clashes = dataEntries.filter((e) => {
      const target = path.join(config.dataDir, e.name.slice(5));
      return fs.existsSync(target) && sha256File(target) !== e.sha256;
    });
    if (clashes.length && !opts.force) {
      throw new RestoreRefused(
        `${config.dataDir} already holds different ${clashes.map((c) => c.name.slice(5)).join(', ')}: restore into an empty data directory, or pass --force`,
      );
    }
    if (manifest.database === 'pglite') {
      if (config.databaseUrl) throw new RestoreRefused('this backup holds an embedded (PGlite) database: unset DATABASE_URL to restore it');
      const dir = path.join(config.dataDir, 'pglite');
      if (fs.existsSync(dir) && fs.readdirSync(dir).length) {
        if (!opts.force) throw new RestoreRefused(`${dir} already holds a database: restore into an empty data directory, or pass --force`);
        const aside = `${dir}.before-restore-${Date.now()}`;
        fs.renameSync(dir, aside);
        warnings.push(`the database that was there was moved to ${aside}`);
      }
      const blob = await fs.openAsBlob(path.join(stage, 'database/pglite.tar.gz'));
      const h = await openDatabase({ pgliteDir: config.dataDir, pgliteLoad: blob, migrate: false });
      await h.close();
    } else {
      if (!config.databaseUrl)
        throw new RestoreRefused('this backup holds a PostgreSQL database: set DATABASE_URL to the (empty) database to restore into');
      const h = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1, migrate: false });
      try {
        const rows = await queryRows<{ n: number }>(
          h.db,
          sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
        );
        if (rows[0]!.n > 0)
          throw new RestoreRefused('the target database is not empty: create a new database (createdb) and point DATABASE_URL at it');
      } finally {
        await h.close();
      }
      // One transaction: a failure leaves the database empty, not half restored.
      run(pgTool('pg_restore'), [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${config.databaseUrl}`,
        path.join(stage, 'database/postgres.dump'),
      ]);
    }
    for (const e of dataEntries) {
      const target = path.join(config.dataDir, e.name.slice(5));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.join(stage, e.name), target);
      if (isKeyFile(e.name.slice(5))) fs.chmodSync(target, 0o600);
    }
    if (manifest.dataKey !== 'included' && !config.dataKey && !fs.existsSync(path.join(config.dataDir, 'data.key'))) {
      warnings.push(
        'The archive holds no data key and none is configured: put the original data.key into the data directory (or set HOUQIN_DATA_KEY) before starting, or phone and ID numbers cannot be read.',
      );
    }
    // The restored copy is opened as the server would (pending migrations applied) and verified
    // as `npm run audit:verify` does: every chain, and the anchors (HMAC-SM3) that came in the
    // archive — so a copy whose newest records were lost, or rewritten, does not pass.
    const h = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: 1 });
    const audit: RestoreResult['audit'] = [];
    try {
      const key = readAuditKey(config.auditKey, config.dataDir);
      for (const v of await verifyAllAuditIntegrity(h.db, { key, dataDir: config.dataDir })) {
        audit.push({
          tenant: v.tenantId,
          ok: v.ok,
          checked: v.checked,
          anchors: v.anchors,
          problems: v.problems.map((p) => describeIntegrityProblem(p, 'en')),
        });
      }
    } finally {
      await h.close();
    }
    return { manifest, warnings, audit };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
