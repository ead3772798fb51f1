import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Column, Param, Placeholder, SQL, is, sql } from 'drizzle-orm';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, PgTransaction, QueryBuilder } from 'drizzle-orm/pg-core';
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
 * rows. The text is compiled by drizzle's dialect and sent straight to the driver (`onDriver`),
 * with the value parsing drizzle's drivers use, so the rows are what `db.execute` returns.
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialectOf(db).sqlToQuery(query);
  return (await onDriver(db, text, params, false)) as T[];
}

/*
 * The thin execution path (#16). drizzle's session wraps every statement in a prepared-query
 * object (two configs with fresh closures, tracing spans, a cache lookup, a per-field entity
 * check while mapping rows): on a page of 50 that cost as much CPU as PostgreSQL's own work —
 * the same statements sent to node-postgres directly ran at 1,101 req/s against 596 through
 * drizzle. Queries are still written with drizzle (the builder or the `sql` template); only the
 * execution goes to the driver here, in one place, with drizzle's own value parsing.
 */

// Dates, timestamps, intervals and numeric/date arrays stay text, as drizzle's drivers set them
// (a `date` column is a 'YYYY-MM-DD' string everywhere in the code; money stays exact).
const TEXT_TYPES = [1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182];
const asText = (v: unknown) => v;
const PG_TYPES = {
  getTypeParser: (id: number, format?: 'text' | 'binary') =>
    TEXT_TYPES.includes(id) ? asText : pg.types.getTypeParser(id, (format ?? 'text') as 'text'),
};
const PGLITE_PARSERS = Object.fromEntries(TEXT_TYPES.map((id) => [id, asText]));
const PGLITE_OBJECT_ROWS = { rowMode: 'object' as const, parsers: PGLITE_PARSERS };
const PGLITE_ARRAY_ROWS = { rowMode: 'array' as const, parsers: PGLITE_PARSERS };

type DriverClient = { query(...args: unknown[]): Promise<{ rows: unknown[] }> };
/** drizzle's dialect and driver client behind a database or transaction (the pool, a pooled connection, PGlite or its transaction). */
function internals(db: Executor): { dialect: PgDialect; session: { client: DriverClient } } {
  return db as unknown as { dialect: PgDialect; session: { client: DriverClient } };
}
function dialectOf(db: Executor): PgDialect {
  return internals(db).dialect;
}

/**
 * One statement on the driver under `db` (inside a transaction: on its connection). `arrayRows`
 * answers each row as an array in select order (no per-row keys to build). `name` makes it a
 * named prepared statement on node-postgres: parsed and planned once per pooled connection,
 * after which each execution sends only the name and the values (PGlite has one connection in
 * the same process and no such round trip to save).
 */
async function onDriver(db: Executor, text: string, params: unknown[], arrayRows: boolean, name?: string): Promise<unknown[]> {
  const client = internals(db).session.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    const res = await (client as unknown as pg.Pool).query({
      text,
      values: params,
      types: PG_TYPES,
      ...(arrayRows ? { rowMode: 'array' } : {}),
      ...(name ? { name } : {}),
    } as pg.QueryConfig);
    return res.rows;
  }
  return (await client.query(text, params, arrayRows ? PGLITE_ARRAY_ROWS : PGLITE_OBJECT_ROWS)).rows;
}

/** A select built with drizzle's query builder (`qb.select(…).from(…)…`). */
type BuiltSelect = { toSQL(): { sql: string; params: unknown[] }; _: { selectedFields: unknown; result: unknown } };
/** The rows a built select answers: objects with its selected fields. */
export type RowsOf<Q> = Q extends { _: { result: infer R } } ? R : never;
/** A hot statement: run it on a database or transaction with its placeholders' values. */
export type HotStatement<R> = (db: Executor, values?: Record<string, unknown>) => Promise<R>;

type CompiledStatement = {
  name: string;
  text: string;
  /** Per parameter: a fixed value, or the placeholder it takes (with the column's encoder when drizzle attached one). */
  params: ({ value: unknown } | { placeholder: string; encode?: (v: unknown) => unknown })[];
  decoders: ((v: unknown) => unknown)[];
  /** Builds a row's object from its array: generated per statement as one object literal, so every row has the same fixed shape. */
  toObject: (row: unknown[], decoders: ((v: unknown) => unknown)[]) => Record<string, unknown>;
};
type Decoder = { mapFromDriverValue(v: unknown): unknown };
const compiledByShape = new Map<string, CompiledStatement>();
const builder = new QueryBuilder();

/**
 * A hot read (a list's page or count, run on every request) compiled once per shape and then
 * executed straight on the driver as a named prepared statement with array rows, mapped to
 * objects by the select's known field order (the decoders drizzle would apply, resolved once).
 * Write the query with drizzle's builder and `sql.placeholder('name')` for every value;
 * `shape` must name everything that changes the SQL text (which filters are set, the sort, the
 * scope's kind — `scopeParams`), never a value. The select must be flat (one level of fields).
 *
 *   const page = hotSelect(`people.page|${scope.shape}|${sort}`, (qb) => qb.select(COLS).from(people).where(…));
 *   const rows = await page(db, { ...scope.values, limit, offset });
 *
 * The SQL text depends only on the shape, so one compiled statement serves every database and
 * transaction. Named statements are planned by PostgreSQL's plan cache (custom plans for the
 * first executions, a generic plan only where it costs no more), like any prepared statement.
 */
export function hotSelect<Q extends BuiltSelect>(shape: string, build: (qb: QueryBuilder) => Q): HotStatement<RowsOf<Q>> {
  return async (db, values = {}) => {
    const c = compiledOnce(shape, () => {
      const q = build(builder);
      return { ...q.toSQL(), fields: q._.selectedFields };
    });
    return toObjects(c, await runCompiled(db, c, values)) as RowsOf<Q>;
  };
}

/**
 * A page and its total in ONE statement: `select (<count>) as total, p.* from (<page>) p`. Against
 * the count and the page as two statements this saves a statement per request (on PostgreSQL a
 * pooled connection and a round trip, on PGlite a pass through the WASM engine) and reads both
 * in one snapshot; `count(*) over ()` on the page instead made PostgreSQL read and sort the whole
 * scope before taking the page (slower, measured in #16). The count runs as an init plan, once.
 * A page past the end has no row to carry the total: then the count runs on its own.
 */
export function hotPage<C extends BuiltSelect, Q extends BuiltSelect>(
  shape: string,
  build: (qb: QueryBuilder) => { count: C; page: Q },
): (db: Executor, values?: Record<string, unknown>) => Promise<{ total: number; rows: RowsOf<Q> }> {
  return async (db, values = {}) => {
    let parts: { count: C; page: Q } | undefined;
    const partsOnce = () => (parts ??= build(builder));
    const both = compiledOnce(`${shape}|page+total`, () => {
      const { count, page } = partsOnce();
      const q = new PgDialect().sqlToQuery(sql`select ${count} as "total", p.* from ${page} p`);
      return { sql: q.sql, params: q.params, fields: page._.selectedFields, skip: 1 };
    });
    const rows = await runCompiled(db, both, values);
    if (rows.length > 0) return { total: Number(rows[0]![0]), rows: toObjects(both, rows) as RowsOf<Q> };
    const count = compiledOnce(`${shape}|total`, () => {
      const { count } = partsOnce();
      return { ...count.toSQL(), fields: count._.selectedFields };
    });
    const [n] = await runCompiled(db, count, values);
    return { total: Number(n?.[0] ?? 0), rows: [] as RowsOf<Q> };
  };
}

function compiledOnce(shape: string, make: () => { sql: string; params: unknown[]; fields: unknown; skip?: number }): CompiledStatement {
  let c = compiledByShape.get(shape);
  if (c) return c;
  const { sql: text, params, fields: selected, skip = 0 } = make();
  // A flat selection: the dialect lists the fields in this (insertion) order.
  const fields = Object.entries(selected as Record<string, unknown>);
  c = {
    name: `hot${compiledByShape.size + 1}`,
    text,
    params: params.map((p) => {
      if (is(p, Placeholder)) return { placeholder: p.name };
      if (is(p, Param) && is(p.value, Placeholder)) {
        const encoder = p.encoder as { mapToDriverValue(v: unknown): unknown };
        return { placeholder: p.value.name, encode: (v: unknown) => encoder.mapToDriverValue(v) };
      }
      return { value: p };
    }),
    // One object literal per statement (generated once; the text holds only the field names,
    // quoted by JSON.stringify): every row gets the same fixed shape in a single allocation.
    toObject: new Function(
      'r',
      'd',
      `return {${fields.map(([key], j) => `${JSON.stringify(key)}: r[${j + skip}] == null ? null : d[${j}](r[${j + skip}])`).join(', ')}};`,
    ) as CompiledStatement['toObject'],
    decoders: fields.map(([key, field]) => {
      // A column decodes itself; an `sql` expression (or its alias) through `.mapWith(…)`.
      const decoder = is(field, Column)
        ? field
        : is(field, SQL)
          ? (field as unknown as { decoder: Decoder }).decoder
          : is(field, SQL.Aliased)
            ? (field.sql as unknown as { decoder: Decoder }).decoder
            : undefined;
      if (!decoder) throw new Error(`hotSelect ${shape}: only flat selections of columns and sql (field ${key})`);
      return (v: unknown) => decoder.mapFromDriverValue(v);
    }),
  };
  compiledByShape.set(shape, c);
  return c;
}

/** Runs a compiled statement with its placeholders' values; the rows as arrays. */
async function runCompiled(db: Executor, c: CompiledStatement, values: Record<string, unknown>): Promise<unknown[][]> {
  const params = c.params.map((p) => {
    if ('value' in p) return p.value;
    if (!(p.placeholder in values)) throw new Error(`No value for placeholder "${p.placeholder}"`);
    const v = values[p.placeholder];
    return p.encode && v != null ? p.encode(v) : v;
  });
  return (await onDriver(db, c.text, params, true, c.name)) as unknown[][];
}

function toObjects(c: CompiledStatement, rows: unknown[][]): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = c.toObject(rows[i]!, c.decoders);
  return out;
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

/**
 * Two independent reads (say a page and its count) at once where the database can: on the
 * PostgreSQL pool each takes its own connection, so the request waits for the slower one, not
 * for both. Inside a transaction there is one connection, so they run one after the other.
 */
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
