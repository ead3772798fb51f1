import { eq, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { accounts } from '../auth/auth.schema';
import { writeAudit } from '../audit/audit.service';
import { DEFAULT_PASSWORD_POLICY, passwordIssues } from '../auth/password-policy';
import { hashPassword } from '../crypto/crypto';
import { OrgService } from '../org/org.service';
import { orgs } from '../org/org.schema';
import { builtinRoles } from '../rbac/builtin-roles';
import { invalidateGrants } from '../rbac/grants.repository';
import { roleAssignments, roles } from '../rbac/rbac.schema';

/**
 * Brings built-in roles up to date with the code on every start: modules may add
 * permissions to `leader`/`manager`, and a new release must not need a manual grant.
 */
export async function syncBuiltinRoles(db: Executor): Promise<void> {
  invalidateGrants();
  for (const r of builtinRoles()) {
    await db
      .insert(roles)
      .values({
        code: r.code,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        description: r.description,
        builtin: true,
        adminClass: r.adminClass,
        permissions: r.permissions,
      })
      .onConflictDoUpdate({
        target: roles.code,
        set: {
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          description: r.description,
          builtin: true,
          adminClass: r.adminClass,
          permissions: r.permissions,
          updatedAt: new Date(),
        },
      });
  }
}

export async function databaseIsEmpty(db: Executor): Promise<boolean> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  return (r?.n ?? 0) === 0;
}

export async function roleId(db: Executor, code: string): Promise<number> {
  const [r] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, code));
  if (!r) throw new Error(`role ${code} missing`);
  return r.id;
}

export async function createAccount(
  db: Executor,
  a: {
    tenantId: number;
    username: string;
    displayName: string;
    password: string;
    orgId: number;
    personId?: number | null;
    roleCode?: string;
    scopeOrgId?: number;
    subtree?: boolean;
    mustChangePassword?: boolean;
  },
  passwordHash?: string,
): Promise<number> {
  const [row] = await db
    .insert(accounts)
    .values({
      tenantId: a.tenantId,
      username: a.username,
      displayName: a.displayName,
      passwordHash: passwordHash ?? (await hashPassword(a.password)),
      orgId: a.orgId,
      personId: a.personId ?? null,
      mustChangePassword: a.mustChangePassword ?? false,
      passwordChangedAt: new Date(),
    })
    .returning({ id: accounts.id });
  if (a.roleCode) {
    await db.insert(roleAssignments).values({
      accountId: row!.id,
      roleId: await roleId(db, a.roleCode),
      orgId: a.scopeOrgId ?? a.orgId,
      includeSubtree: a.subtree ?? true,
    });
  }
  return row!.id;
}

export type SetupInput = {
  bureauName: string;
  agencyLevel: 'central' | 'province' | 'city' | 'county' | 'township';
  admins: { sysadmin: string; secadmin: string; auditor: string };
  password: string;
};

/**
 * Production set-up without demo data: one top-level bureau and the three separated
 * administrators (三员), each with an initial password they must change at first sign-in.
 */
export async function setupTenant(db: Db, input: SetupInput): Promise<{ tenantId: number }> {
  // The rule table is not seeded yet on an empty database: its first version is the default.
  const broken = new Set(Object.values(input.admins).flatMap((name) => passwordIssues(DEFAULT_PASSWORD_POLICY, input.password, name)));
  if (broken.size)
    throw new Error(
      `The initial password does not meet the policy (${[...broken].join(', ')}): ≥ 8 characters, three of upper/lower/digit/symbol, not a username, not a common password.`,
    );
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId)).limit(1);
    if (existing) throw new Error('A top-level bureau already exists; set-up runs once on an empty database.');
    await syncBuiltinRoles(tx);
    const root = await new OrgService(db).insertUnder(tx, null, { name: input.bureauName, kind: 'bureau', agencyLevel: input.agencyLevel });
    const hash = await hashPassword(input.password);
    for (const [role, username] of Object.entries(input.admins)) {
      await createAccount(
        tx,
        { tenantId: root.id, username, displayName: username, password: '', orgId: root.id, roleCode: role, mustChangePassword: true },
        hash,
      );
    }
    await writeAudit(
      tx,
      { tenantId: root.id, actorId: null, actorName: 'setup', ip: null },
      { action: 'create', entityType: 'tenant', entityId: root.id, orgId: root.id, summary: input.bureauName },
    );
    return { tenantId: root.id };
  });
}
