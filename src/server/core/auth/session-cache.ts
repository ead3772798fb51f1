import { GRANT_CACHE_MS } from '../rbac/grants.repository';
import type { accounts, sessions } from './auth.schema';

/**
 * A signed-in session with its account, as every /api request needs it. Reading it from the
 * database on each request was a third of the list path's statements, so it is cached per
 * session for a few seconds, like the grants (and for as long): every change made through
 * this process to a session or an account (sign-out, password change or reset, disabling,
 * role or status changes) drops the cache at once (`invalidateSessions`); other processes
 * sharing a PostgreSQL see it within SESSION_CACHE_MS. Expiry and idle time are still judged
 * on every request, from the cached times.
 */
export const SESSION_CACHE_MS = GRANT_CACHE_MS;

export type SessionWithAccount = { s: typeof sessions.$inferSelect; a: typeof accounts.$inferSelect };

// Keyed by database as well: one process may hold several (tests, tools).
let caches = new WeakMap<object, Map<string, { at: number; row: SessionWithAccount }>>();

export const sessionCache = {
  get(db: object, id: string): SessionWithAccount | undefined {
    const hit = caches.get(db)?.get(id);
    return hit && Date.now() - hit.at < SESSION_CACHE_MS ? hit.row : undefined;
  },
  set(db: object, id: string, row: SessionWithAccount): void {
    let cache = caches.get(db);
    if (!cache) {
      cache = new Map();
      caches.set(db, cache);
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(id, { at: Date.now(), row });
  },
  forget(db: object, id: string): void {
    caches.get(db)?.delete(id);
  },
};

/** Drops every cached session: call it after any change to sessions or accounts. */
export function invalidateSessions(): void {
  caches = new WeakMap();
}
