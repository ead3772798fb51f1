import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../org/org.schema';
import type { Grant } from './context';
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
