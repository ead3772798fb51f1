import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** The one database type the whole server codes against; PGlite and node-postgres both satisfy it. */
// biome-ignore lint/suspicious/noExplicitAny: drizzle's schema generics are not needed — we use the query builder only
export type Db = PgDatabase<PgQueryResultHKT, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Number of migrations recorded as applied, and how many ship with this build. */
  migrationState(): Promise<{ applied: number; expected: number }>;
  /**
   * PGlite only: a gzipped tarball of the database directory, taken under PGlite's query
   * lock after a checkpoint (for `npm run backup`; reload it with `OpenOptions.pgliteLoad`).
   */
  dumpDataDir?: () => Promise<Blob>;
};

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is already in use by another Houqin process (pid ${pid}). ` +
        'The embedded database allows one process at a time: stop the other process, or set DATABASE_URL to use a PostgreSQL server for several processes.',
    );
  }
}

/**
 * PGlite keeps its files in one directory that only one process may open: a second writer
 * corrupts it. We take an exclusive lock file beside it; a lock left by a dead process
 * (crash, kill -9) is recognised by its pid and taken over.
 */
function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'houqin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(pid) && pid > 0 && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      fs.unlinkSync(lockPath); // stale lock from a process that no longer exists
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function expectedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function countApplied(db: Db): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n ?? 0);
}

export type OpenOptions = {
  databaseUrl?: string;
  /** Directory for PGlite; `memory://` for a throwaway in-memory database (tests). */
  pgliteDir?: string;
  poolSize?: number;
  /** Apply pending migrations (default). Backup and restore open the database as it is. */
  migrate?: boolean;
  /** PGlite only: start from this database tarball (`dumpDataDir`) instead of an empty database. */
  pgliteLoad?: Blob;
};

/** Opens the database and applies pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.migrate ?? true);
  return openPglite(opts.pgliteDir ?? 'memory://', opts.migrate ?? true, opts.pgliteLoad);
}

async function openPglite(dir: string, migrate: boolean, load?: Blob): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDataDirLock(dir);
  let client: PGlite;
  try {
    // pg_trgm ships inside PGlite's package (a WASM extension): the asset search's trigram index needs it.
    client = new PGlite({
      dataDir: inMemory ? undefined : path.join(dir, 'pglite'),
      extensions: { pg_trgm },
      ...(load ? { loadDataDir: load } : {}),
    });
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  // PGlite is a single connection. drizzle's pglite driver runs transactions through
  // PGlite.transaction(), which holds PGlite's transaction mutex; every standalone query
  // also takes that mutex, so concurrent requests queue instead of interleaving inside
  // one another's transactions (see db/client.int.test.ts).
  const db = drizzlePglite(client) as unknown as Db;
  if (migrate) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db,
    kind: 'pglite',
    async close() {
      try {
        // A checkpoint writes all dirty pages so the next open needs no recovery.
        await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        release();
      }
    },
    async migrationState() {
      return { applied: await countApplied(db), expected: expectedMigrations() };
    },
    async dumpDataDir() {
      await client.exec('CHECKPOINT');
      return client.dumpDataDir('gzip');
    },
  };
}

async function openPostgres(url: string, poolSize: number, migrate: boolean): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client loses its connection when the server restarts or an administrator ends
  // it; without a listener that 'error' event would crash the process. The pool drops the
  // client and opens a new one on the next query.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection closed: ${(err as { code?: string }).code ?? err.message}`);
  });
  const db = drizzlePg(pool) as unknown as Db;
  // Several server processes may start together against one PostgreSQL: only one migrates.
  if (migrate) {
    const lockClient = await pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock(72010001)');
      await migratePg(drizzlePg(lockClient) as never, { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await lockClient.query('select pg_advisory_unlock(72010001)').catch(() => {});
      lockClient.release();
    }
  }
  return {
    db,
    kind: 'postgres',
    async close() {
      await pool.end();
    },
    async migrationState() {
      return { applied: await countApplied(db), expected: expectedMigrations() };
    },
  };
}

/**
 * Runs raw SQL (still parameterised: build it with drizzle's `sql` template) and returns the
 * rows. Both drivers answer with `{ rows }`; the generic database type does not know that.
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Two independent reads (say a page and its count) at once where the database can: on the
 * PostgreSQL pool each takes its own connection, so the request waits for the slower one, not
 * for both. Inside a transaction there is one connection, so they run one after the other.
 */
/**
 * A statement built once per shape and run with placeholders (`sql.placeholder('name')`) ever
 * after. Building a drizzle query and preparing its execution costs more CPU than PostgreSQL
 * takes to run a short page (measured in #16: 0.8 ms of 1.7 ms per page query went to the
 * builder, the same text on the driver took 0.85 ms), and the hot lists run it twice per
 * request (count and page). A list whose statements have few shapes — which filters are set,
 * the sort, the kind of scope (`scopeParams`) — keeps one prepared statement per shape and
 * database; `shape` must name everything that changes the SQL text, never a value.
 *
 * The statements are unnamed on the server (PostgreSQL plans each execution with its values),
 * so a bad generic plan cannot stick. Inside a transaction the statement is prepared on that
 * transaction's connection each time, as a plain query would be.
 */
const preparedByDb = new WeakMap<object, Map<string, unknown>>();
export function preparedOnce<T>(db: Executor, shape: string, build: (db: Executor) => { prepare(name: string): T }): T {
  if (db instanceof PgTransaction) return build(db).prepare('');
  let cache = preparedByDb.get(db);
  if (!cache) {
    cache = new Map();
    preparedByDb.set(db, cache);
  }
  let p = cache.get(shape) as T | undefined;
  if (p === undefined) {
    // An unnamed statement: node-postgres sends no name for '' (parse, bind and execute in one round trip).
    p = build(db).prepare('');
    cache.set(shape, p);
  }
  return p;
}

/**
 * A column of values as one PostgreSQL array literal (`{1,2.5,NULL,"spike"}`), for a parameter
 * cast to `int[]`, `float8[]` or `text[]`: one string where the drivers would serialise an
 * array element by element (node-postgres escapes every element: a tenth of Node's CPU in a
 * profile of the energy batch ingest), and a value a prepared statement's placeholder takes
 * (PGlite and node-postgres alike). Numbers must be finite, as every stored one is; JS prints
 * them in a form `float8`/`int` input reads back exactly. Text is quoted and escaped.
 */
export function pgArray(values: readonly (number | string | null | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
  return `{${parts.join(',')}}`;
}

/** The `n` of a `select count(*)::int as n …` statement. */
export async function countRows(db: Executor, query: SQL): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, query);
  return Number(r?.n ?? 0);
}

export async function both<A, B>(db: Executor, a: () => PromiseLike<A>, b: () => PromiseLike<B>): Promise<[A, B]> {
  return concurrently(db, a, b);
}

/**
 * Runs independent reads at once on the pool (each takes its own connection), or one after the
 * other when `db` is a transaction: a transaction is one connection, and node-postgres only
 * queues a second query sent while one runs (deprecated; pg 9 refuses it). Services that may
 * be handed a transaction (the demo loader runs them inside one) use this, never `Promise.all`
 * over statements.
 */
export async function concurrently<F extends readonly (() => unknown)[]>(
  db: Executor,
  ...fns: F
): Promise<{ -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> }> {
  type Out = { -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> };
  if (db instanceof PgTransaction) {
    const out: unknown[] = [];
    for (const f of fns) out.push(await f());
    return out as Out;
  }
  return (await Promise.all(fns.map((f) => f()))) as Out;
}
