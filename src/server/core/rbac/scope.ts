import { type SQL, type SQLWrapper, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notFound } from '../http/errors';
import { orgs } from '../org/org.schema';
import type { AuthContext } from './context';

/**
 * SQL condition: `orgColumn` lies within the caller's scope for `permission`.
 * Subtree grants become index range scans on orgs.path; node-only grants an id list.
 * No grant at all yields FALSE, so a forgotten scope never leaks data.
 */
export function inScope(ctx: AuthContext, permission: string, orgColumn: SQLWrapper): SQL {
  const grants = ctx.grants(permission);
  if (grants.length === 0) return sql`false`;
  const subtreePaths = [...new Set(grants.filter((g) => g.subtree).map((g) => g.path))];
  const nodeIds = [...new Set(grants.filter((g) => !g.subtree).map((g) => g.orgId))];
  const conds: SQL[] = subtreePaths.map((p) => sql`${orgs.path} like ${`${p}%`}`);
  if (nodeIds.length) conds.push(inArray(orgs.id, nodeIds));
  return sql`${orgColumn} in (select ${orgs.id} from ${orgs} where ${or(...conds)})`;
}

/** The org's path, or 404 when it does not exist or lies outside the caller's scope. */
export async function assertOrgInScope(
  db: Executor,
  ctx: AuthContext,
  permission: string,
  orgId: number,
): Promise<{ id: number; path: string; kind: string; tenantId: number }> {
  const [org] = await db
    .select({ id: orgs.id, path: orgs.path, kind: orgs.kind, tenantId: orgs.tenantId })
    .from(orgs)
    .where(sql`${orgs.id} = ${orgId}`);
  if (!org || !ctx.covers(permission, org)) throw notFound('org');
  return org;
}
