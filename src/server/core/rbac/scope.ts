import { type SQL, type SQLWrapper, and, inArray, or, sql } from 'drizzle-orm';
import { type Executor, pgArray, queryRows } from '../../db/client';
import { notFound } from '../http/errors';
import { orgs } from '../org/org.schema';
import type { AuthContext } from './context';

/**
 * SQL condition: `orgColumn` lies within the caller's scope for `permission`.
 * Subtree grants become index range scans on orgs.path; node-only grants an id list.
 * No grant at all yields FALSE, so a forgotten scope never leaks data.
 *
 * Pass the table's `tenantColumn` where it has one: a grant over the tenant's root (the
 * district-wide administrator, the leader) then becomes `tenant_id = <tenant>`, which the
 * planner reads as "every row" on a one-tenant database and walks a sort index with, instead of
 * a semi-join against the whole org tree (a tenant's every org lies under its root, whose id is
 * the tenant id, and a record's tenant is its org's).
 */
export function inScope(ctx: AuthContext, permission: string, orgColumn: SQLWrapper, tenantColumn?: SQLWrapper): SQL {
  const grants = ctx.grants(permission);
  if (grants.length === 0) return sql`false`;
  if (tenantColumn && grants.some((g) => g.subtree && g.path === `/${ctx.tenantId}/`)) return sql`${tenantColumn} = ${ctx.tenantId}`;
  const subtreePaths = [...new Set(grants.filter((g) => g.subtree).map((g) => g.path))];
  const nodeIds = [...new Set(grants.filter((g) => !g.subtree).map((g) => g.orgId))];
  const conds: SQL[] = subtreePaths.map((p) => sql`${orgs.path} like ${`${p}%`}`);
  if (nodeIds.length) conds.push(inArray(orgs.id, nodeIds));
  return sql`${orgColumn} in (select ${orgs.id} from ${orgs} where ${or(...conds)})`;
}

/**
 * The caller's scope for `permission` split into the shape of its SQL and the values, for
 * statements compiled once per shape (`hotSelect`, `hotPage`): `shape` goes into the statement's shape
 * key, `values` into its `execute`. The same three cases as `inScope`: no grant, the tenant's
 * root (`tenant_id = …`), or org paths and ids.
 */
export type ScopeParams =
  | { shape: 'none'; values: Record<string, never> }
  | { shape: 'tenant'; values: { scopeTenant: number } }
  | { shape: 'orgs'; values: { scopePaths: string; scopeIds: string } };
export function scopeParams(ctx: AuthContext, permission: string, hasTenantColumn = true): ScopeParams {
  const grants = ctx.grants(permission);
  if (grants.length === 0) return { shape: 'none', values: {} };
  if (hasTenantColumn && grants.some((g) => g.subtree && g.path === `/${ctx.tenantId}/`))
    return { shape: 'tenant', values: { scopeTenant: ctx.tenantId } };
  const paths = [...new Set(grants.filter((g) => g.subtree).map((g) => `${g.path}%`))];
  const ids = [...new Set(grants.filter((g) => !g.subtree).map((g) => g.orgId))];
  return { shape: 'orgs', values: { scopePaths: pgArray(paths), scopeIds: pgArray(ids) } };
}

/** `inScope` with placeholders for a prepared statement: pass `scopeParams(…).shape`, execute with its `values`. */
export function inScopePrepared(shape: ScopeParams['shape'], orgColumn: SQLWrapper, tenantColumn?: SQLWrapper): SQL {
  if (shape === 'none') return sql`false`;
  if (shape === 'tenant') {
    if (!tenantColumn) throw new Error('inScopePrepared: the tenant shape needs the tenant column');
    return sql`${tenantColumn} = ${sql.placeholder('scopeTenant')}`;
  }
  return sql`${orgColumn} in (select ${orgs.id} from ${orgs} where ${orgs.path} like any(${sql.placeholder('scopePaths')}::text[]) or ${orgs.id} = any(${sql.placeholder('scopeIds')}::int[]))`;
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

/** `column` within the caller's scope for `permission`, and within `rootOrgId`'s subtree when given (404 outside scope). */
export async function scopeOn(db: Executor, ctx: AuthContext, permission: string, column: SQLWrapper, rootOrgId?: number): Promise<SQL> {
  const base = inScope(ctx, permission, column);
  if (!rootOrgId) return base;
  const root = await assertOrgInScope(db, ctx, permission, rootOrgId);
  return and(base, sql`${column} in (select id from orgs where path like ${`${root.path}%`})`)!;
}

/**
 * The unit an org belongs to: itself unless it is an internal department, else the nearest
 * unit (or the bureau) above it. Records such as vehicles, meters and requests belong to units.
 */
export async function unitOf(db: Executor, orgId: number): Promise<number> {
  const [org] = await queryRows<{ id: number; kind: string; path: string }>(db, sql`select id, kind, path from orgs where id = ${orgId}`);
  if (!org) throw notFound('org');
  if (org.kind !== 'department') return Number(org.id);
  const ids = org.path.split('/').filter(Boolean).map(Number);
  const [unit] = await queryRows<{ id: number }>(
    db,
    sql`select id from orgs where id in ${ids} and kind in ('unit','bureau') order by depth desc limit 1`,
  );
  return Number(unit?.id ?? org.id);
}
