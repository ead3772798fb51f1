import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client';
import { invalidateOrgNames } from '../org/org-names';
import { orgs } from '../org/org.schema';
import { type Grant, indexGrants } from './context';
import { roleAssignments, roles } from './rbac.schema';

export type AssignmentRow = {
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  adminClass: string | null;
  permissions: string[];
  orgId: number;
  orgName: string;
  orgPath: string;
  includeSubtree: boolean;
};

/** An account's role assignments with their org paths: one query, used on every request. */
export async function loadAssignments(db: Executor, accountId: number): Promise<AssignmentRow[]> {
  return db
    .select({
      roleCode: roles.code,
      roleNameZh: roles.nameZh,
      roleNameEn: roles.nameEn,
      adminClass: roles.adminClass,
      permissions: roles.permissions,
      orgId: orgs.id,
      orgName: orgs.name,
      orgPath: orgs.path,
      includeSubtree: roleAssignments.includeSubtree,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .where(sql`${roleAssignments.accountId} = ${accountId} and ${orgs.status} = 'active'`);
}

/**
 * Assignments change rarely and are read on every request, so they are cached per account for
 * a few seconds. Every change made through this process (grants, roles, org moves, account
 * status) clears the cache at once; other processes sharing a PostgreSQL see it within
 * GRANT_CACHE_MS.
 */
export const GRANT_CACHE_MS = 10_000;
// Keyed by database as well: one process may hold several (tests, tools).
type CachedAssignments = { at: number; rows: AssignmentRow[]; index?: ReadonlyMap<string, Grant[]> };
let caches = new WeakMap<object, Map<number, CachedAssignments>>();

async function cachedEntry(db: Executor, accountId: number): Promise<CachedAssignments> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(accountId);
  if (hit && Date.now() - hit.at < GRANT_CACHE_MS) return hit;
  const entry = { at: Date.now(), rows: await loadAssignments(db, accountId) };
  if (cache.size > 50_000) cache.clear();
  cache.set(accountId, entry);
  return entry;
}

export async function loadAssignmentsCached(db: Executor, accountId: number): Promise<AssignmentRow[]> {
  return (await cachedEntry(db, accountId)).rows;
}

/** An account's grants indexed by permission, built once per cached entry (a request only reads it). */
export async function grantIndexCached(db: Executor, accountId: number): Promise<ReadonlyMap<string, Grant[]>> {
  const entry = await cachedEntry(db, accountId);
  entry.index ??= indexGrants(grantsFrom(entry.rows));
  return entry.index;
}

export function invalidateGrants(): void {
  caches = new WeakMap();
  invalidateOrgNames(); // every caller changes orgs or who may do what; names go with them
}

export function grantsFrom(rows: AssignmentRow[], onlyPermissions?: string[]): Grant[] {
  const out: Grant[] = [];
  for (const r of rows) {
    for (const p of r.permissions) {
      if (onlyPermissions && !onlyPermissions.includes(p)) continue;
      out.push({ permission: p, orgId: r.orgId, path: r.orgPath, subtree: r.includeSubtree });
    }
  }
  return out;
}

/** Accounts holding `permission` over an org (directly or through a subtree grant above it): who to notify. */
export async function accountsWith(db: Executor, permission: string, orgId: number): Promise<number[]> {
  const rows = await queryRows<{ account_id: number }>(
    db,
    sql`select distinct ra.account_id from role_assignments ra join roles r on r.id = ra.role_id join orgs o on o.id = ra.org_id
        join orgs target on target.id = ${orgId}
        where ${permission} = any(r.permissions) and (ra.org_id = target.id or (ra.include_subtree and target.path like o.path || '%'))`,
  );
  return rows.map((r) => Number(r.account_id));
}
