import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client';

/**
 * Org names by id, for lists that show a row's unit or department: joining `orgs` twice into
 * every page cost more than the page itself (two scans of the org table per request). Names
 * are kept per database for as long as grants are (GRANT_CACHE_MS) and dropped with them on any
 * org change made through this process (`invalidateGrants`); an id not yet known is read at once,
 * so a new org never shows without its name. A rename made by another process shows within the
 * cache period.
 */
const NAMES_CACHE_MS = 10_000;
let caches = new WeakMap<object, { at: number; names: Map<number, string> }>();

export async function orgNames(db: Executor, ids: Iterable<number | null | undefined>): Promise<Map<number, string>> {
  let cache = caches.get(db);
  if (!cache || Date.now() - cache.at >= NAMES_CACHE_MS) {
    cache = { at: Date.now(), names: new Map() };
    caches.set(db, cache);
  }
  const missing = [...new Set([...ids].filter((id): id is number => id != null && !cache.names.has(id)))];
  if (missing.length) {
    const rows = await queryRows<{ id: number; name: string }>(
      db,
      sql`select id, name from orgs where id = any(${`{${missing.join(',')}}`}::int[])`,
    );
    for (const r of rows) cache.names.set(Number(r.id), r.name);
  }
  return cache.names;
}

export function invalidateOrgNames(): void {
  caches = new WeakMap();
}
