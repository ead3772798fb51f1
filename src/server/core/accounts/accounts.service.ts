import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TAccount,
  ZAccountCreateSchema,
  ZAccountListQuerySchema,
  ZAccountUpdateSchema,
  ZAssignmentCreateSchema,
  ZRoleCreateSchema,
  ZRoleUpdateSchema,
} from '../../../contracts/core/accounts';
import type { Db, Executor } from '../../db/client';
import { accounts, sessions } from '../auth/auth.schema';
import { writeAudit } from '../audit/audit.service';
import { hashPassword, passwordMeetsPolicy } from '../crypto/crypto';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import { orgs } from '../org/org.schema';
import { people } from '../people/people.schema';
import type { AuthContext } from '../rbac/context';
import { P, isKnownPermission } from '../rbac/permissions';
import { invalidateGrants } from '../rbac/grants.repository';
import { roleAssignments, roles } from '../rbac/rbac.schema';
import { inScope } from '../rbac/scope';
import { separationViolation } from '../rbac/separation';

const SORTS = {
  username: asc(accounts.username),
  '-username': desc(accounts.username),
  lastLoginAt: asc(accounts.lastLoginAt),
  '-lastLoginAt': desc(accounts.lastLoginAt),
  createdAt: asc(accounts.createdAt),
  '-createdAt': desc(accounts.createdAt),
} as const;

/**
 * Accounts (system administrator) and roles/assignments (security administrator).
 * Account visibility follows the account's home org; an assignment's org must lie in the
 * granting administrator's own scope, so nobody grants beyond what they administer.
 */
export class AccountsService {
  constructor(private readonly db: Db) {}

  /** A transaction that changes who may do what: cached grants are dropped once it commits. */
  private async changeGrants<T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(fn);
    invalidateGrants();
    return result;
  }

  private async loadOrg(tx: Executor, ctx: AuthContext, permission: string, orgId: number) {
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    if (!org || !ctx.covers(permission, org)) throw notFound('org');
    return org;
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZAccountListQuerySchema>) {
    ctx.require(P['accounts.read']);
    const conds = [inScope(ctx, P['accounts.read'], accounts.orgId)];
    if (q.q) conds.push(or(ilike(accounts.username, `%${q.q}%`), ilike(accounts.displayName, `%${q.q}%`))!);
    if (q.status) conds.push(eq(accounts.status, q.status));
    if (q.orgId) {
      const org = await this.loadOrg(this.db, ctx, P['accounts.read'], q.orgId);
      conds.push(sql`${accounts.orgId} in (select id from orgs where path like ${`${org.path}%`})`);
    }
    if (q.roleCode) {
      conds.push(
        sql`exists (select 1 from role_assignments ra join roles r on r.id = ra.role_id where ra.account_id = ${accounts.id} and r.code = ${q.roleCode})`,
      );
    }
    const where = and(...conds);
    const [{ n }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(where);
    const rows = await this.db
      .select({ a: accounts, orgName: orgs.name, personName: people.name })
      .from(accounts)
      .innerJoin(orgs, eq(orgs.id, accounts.orgId))
      .leftJoin(people, eq(people.id, accounts.personId))
      .where(where)
      .orderBy(SORTS[q.sort ?? 'username'], asc(accounts.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const items = await this.withRoles(rows, ctx.locale);
    return { items, total: n };
  }

  private async withRoles(
    rows: { a: typeof accounts.$inferSelect; orgName: string; personName: string | null }[],
    locale: string,
    db: Executor = this.db,
  ): Promise<TAccount[]> {
    const ids = rows.map((r) => r.a.id);
    const assigned = ids.length
      ? await db
          .select({
            id: roleAssignments.id,
            accountId: roleAssignments.accountId,
            code: roles.code,
            nameZh: roles.nameZh,
            nameEn: roles.nameEn,
            orgId: orgs.id,
            orgName: orgs.name,
            includeSubtree: roleAssignments.includeSubtree,
          })
          .from(roleAssignments)
          .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
          .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
          .where(inArray(roleAssignments.accountId, ids))
      : [];
    return rows.map((r) => ({
      id: r.a.id,
      username: r.a.username,
      displayName: r.a.displayName,
      orgId: r.a.orgId,
      orgName: r.orgName,
      personId: r.a.personId,
      personName: r.personName,
      status: r.a.status as 'active',
      locked: !!r.a.lockedUntil && r.a.lockedUntil > new Date(),
      lastLoginAt: r.a.lastLoginAt?.toISOString() ?? null,
      createdAt: r.a.createdAt.toISOString(),
      roles: assigned
        .filter((x) => x.accountId === r.a.id)
        .map((x) => ({
          assignmentId: x.id,
          roleCode: x.code,
          roleName: locale === 'en' ? x.nameEn : x.nameZh,
          orgId: x.orgId,
          orgName: x.orgName,
          includeSubtree: x.includeSubtree,
        })),
    }));
  }

  async get(ctx: AuthContext, id: number, permission: string = P['accounts.read'], db: Executor = this.db): Promise<TAccount> {
    const rows = await db
      .select({ a: accounts, orgName: orgs.name, personName: people.name, path: orgs.path })
      .from(accounts)
      .innerJoin(orgs, eq(orgs.id, accounts.orgId))
      .leftJoin(people, eq(people.id, accounts.personId))
      .where(eq(accounts.id, id));
    const row = rows[0];
    if (!row || !ctx.covers(permission, { id: row.a.orgId, path: row.path })) throw notFound('account');
    return (await this.withRoles([row], ctx.locale, db))[0]!;
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZAccountCreateSchema>): Promise<TAccount> {
    ctx.require(P['accounts.write']);
    if (!passwordMeetsPolicy(input.password)) throw badRequest('PASSWORD_POLICY');
    const hash = await hashPassword(input.password);
    const id = await this.db.transaction(async (tx) => {
      const org = await this.loadOrg(tx, ctx, P['accounts.write'], input.orgId);
      if (input.personId) await this.checkPerson(tx, ctx, input.personId);
      const [dup] = await tx.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = lower(${input.username})`);
      if (dup) throw conflict('DUPLICATE', { field: 'username' });
      const [row] = await tx
        .insert(accounts)
        .values({
          tenantId: org.tenantId,
          username: input.username,
          displayName: input.displayName,
          passwordHash: hash,
          orgId: org.id,
          personId: input.personId ?? null,
          mustChangePassword: true,
          passwordChangedAt: new Date(),
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'account',
        entityId: row!.id,
        orgId: org.id,
        summary: row!.username,
        after: { ...row!, passwordHash: undefined },
      });
      return row!.id;
    });
    return this.get(ctx, id);
  }

  private async checkPerson(tx: Executor, ctx: AuthContext, personId: number) {
    const [p] = await tx
      .select({ id: people.id, orgId: people.orgId, path: orgs.path })
      .from(people)
      .innerJoin(orgs, eq(orgs.id, people.orgId))
      .where(eq(people.id, personId));
    if (!p || !ctx.covers(P['accounts.write'], { id: p.orgId, path: p.path })) throw notFound('person');
  }

  async update(ctx: AuthContext, id: number, patch: z.infer<typeof ZAccountUpdateSchema>): Promise<TAccount> {
    ctx.require(P['accounts.write']);
    await this.changeGrants(async (tx) => {
      const before = await this.get(ctx, id, P['accounts.write'], tx);
      const set: Partial<typeof accounts.$inferInsert> = { updatedAt: new Date() };
      if (patch.displayName !== undefined) set.displayName = patch.displayName;
      if (patch.orgId !== undefined) set.orgId = (await this.loadOrg(tx, ctx, P['accounts.write'], patch.orgId)).id;
      if (patch.personId !== undefined) {
        if (patch.personId) await this.checkPerson(tx, ctx, patch.personId);
        set.personId = patch.personId;
      }
      if (patch.status !== undefined) {
        if (id === ctx.account.id && patch.status === 'disabled')
          throw badRequest('APPROVAL_NOT_ALLOWED', { reason: ctx.locale === 'en' ? 'you cannot disable yourself' : '不能停用自己的账号' });
        set.status = patch.status;
      }
      if (patch.unlock) {
        set.failedAttempts = 0;
        set.lockedUntil = null;
      }
      await tx.update(accounts).set(set).where(eq(accounts.id, id));
      if (patch.status === 'disabled') await tx.delete(sessions).where(eq(sessions.accountId, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: patch.unlock ? 'unlock' : 'update',
        entityType: 'account',
        entityId: id,
        orgId: before.orgId,
        summary: before.username,
        before,
        after: patch,
      });
    });
    return this.get(ctx, id);
  }

  async resetPassword(ctx: AuthContext, id: number, password: string): Promise<void> {
    ctx.require(P['accounts.write']);
    if (!passwordMeetsPolicy(password)) throw badRequest('PASSWORD_POLICY');
    const before = await this.get(ctx, id, P['accounts.write']);
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({
          passwordHash: hash,
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
          passwordChangedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(accounts.id, id));
      await tx.delete(sessions).where(eq(sessions.accountId, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'password_reset',
        entityType: 'account',
        entityId: id,
        orgId: before.orgId,
        summary: before.username,
      });
    });
  }

  // ---------- roles ----------
  async listRoles(ctx: AuthContext) {
    ctx.require(P['roles.read']);
    const rows = await this.db
      .select({ r: roles, n: sql<number>`(select count(*)::int from role_assignments ra where ra.role_id = ${roles.id})` })
      .from(roles)
      .orderBy(desc(roles.builtin), asc(roles.id));
    return rows.map(({ r, n }) => ({ ...r, adminClass: r.adminClass as 'system' | null, assignmentCount: n }));
  }

  private checkPermissions(list: string[], locale: string) {
    const unknown = list.filter((p) => !isKnownPermission(p));
    if (unknown.length)
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'permissions' },
        { fields: [{ field: 'permissions', message: `${locale === 'en' ? 'unknown' : '未知权限'}: ${unknown.join(', ')}` }] },
      );
    const v = separationViolation(list);
    if (v) throw badRequest('ROLE_SEPARATION', { held: v.join(' + ') });
  }

  async createRole(ctx: AuthContext, input: z.infer<typeof ZRoleCreateSchema>) {
    ctx.require(P['roles.write']);
    this.checkPermissions(input.permissions, ctx.locale);
    return this.db.transaction(async (tx) => {
      const [dup] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
      if (dup) throw conflict('DUPLICATE', { field: 'code' });
      const [row] = await tx
        .insert(roles)
        .values({ ...input, description: input.description ?? null, builtin: false, adminClass: null })
        .returning();
      await writeAudit(tx, ctx.auditActor(), { action: 'create', entityType: 'role', entityId: row!.id, summary: row!.code, after: row });
      return { ...row!, adminClass: null, assignmentCount: 0 };
    });
  }

  async updateRole(ctx: AuthContext, id: number, patch: z.infer<typeof ZRoleUpdateSchema>) {
    ctx.require(P['roles.write']);
    return this.changeGrants(async (tx) => {
      const [before] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
      if (!before) throw notFound('role');
      // Built-in roles are defined in code and re-synced at every start: edits would be lost.
      if (before.builtin && patch.permissions) throw forbidden();
      if (patch.permissions) {
        this.checkPermissions(patch.permissions, ctx.locale);
        await this.checkHoldersStaySeparated(tx, id, patch.permissions);
      }
      const [row] = await tx
        .update(roles)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(roles.id, id))
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'permission',
        entityType: 'role',
        entityId: id,
        summary: row!.code,
        before,
        after: row,
      });
      return row!;
    });
  }

  async deleteRole(ctx: AuthContext, id: number) {
    ctx.require(P['roles.write']);
    await this.changeGrants(async (tx) => {
      const [before] = await tx.select().from(roles).where(eq(roles.id, id));
      if (!before) throw notFound('role');
      if (before.builtin) throw forbidden();
      const [used] = await tx.select({ id: roleAssignments.id }).from(roleAssignments).where(eq(roleAssignments.roleId, id)).limit(1);
      if (used) throw conflict('IN_USE');
      await tx.delete(roles).where(eq(roles.id, id));
      await writeAudit(tx, ctx.auditActor(), { action: 'delete', entityType: 'role', entityId: id, summary: before.code, before });
    });
  }

  /** Changing a role's permissions must not make any current holder combine two admin powers. */
  private async checkHoldersStaySeparated(tx: Executor, roleId: number, newPermissions: string[]) {
    const rows = await tx
      .select({ accountId: roleAssignments.accountId, roleId: roles.id, permissions: roles.permissions })
      .from(roleAssignments)
      .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
      .where(sql`${roleAssignments.accountId} in (select account_id from role_assignments where role_id = ${roleId})`);
    const byAccount = new Map<number, string[]>();
    for (const r of rows) {
      const perms = r.roleId === roleId ? newPermissions : r.permissions;
      byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), ...perms]);
    }
    for (const perms of byAccount.values()) {
      const v = separationViolation(perms);
      if (v) throw badRequest('ROLE_SEPARATION', { held: v.join(' + ') });
    }
  }

  // ---------- assignments ----------
  async assign(ctx: AuthContext, input: z.infer<typeof ZAssignmentCreateSchema>) {
    ctx.require(P['roles.write']);
    if (input.accountId === ctx.account.id) throw forbidden(); // nobody grants roles to themselves
    return this.changeGrants(async (tx) => {
      // Lock the account so two concurrent grants cannot together break 三员分立.
      const [acc] = await tx.select().from(accounts).where(eq(accounts.id, input.accountId)).for('update');
      const [accOrg] = acc ? await tx.select().from(orgs).where(eq(orgs.id, acc.orgId)) : [];
      if (!acc || !accOrg || !ctx.covers(P['roles.read'], accOrg)) throw notFound('account');
      const org = await this.loadOrg(tx, ctx, P['roles.write'], input.orgId);
      const [role] = await tx.select().from(roles).where(eq(roles.code, input.roleCode));
      if (!role) throw notFound('role');
      const held = await tx
        .select({ permissions: roles.permissions })
        .from(roleAssignments)
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .where(eq(roleAssignments.accountId, acc.id));
      const v = separationViolation([...held.flatMap((h) => h.permissions), ...role.permissions]);
      if (v) throw badRequest('ROLE_SEPARATION', { held: v.join(' + ') });
      const [row] = await tx
        .insert(roleAssignments)
        .values({ accountId: acc.id, roleId: role.id, orgId: org.id, includeSubtree: input.includeSubtree, createdBy: ctx.account.id })
        .onConflictDoNothing()
        .returning();
      if (!row) throw conflict('DUPLICATE', { field: 'role' });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'permission',
        entityType: 'role_assignment',
        entityId: row.id,
        orgId: org.id,
        summary: `grant ${role.code} to ${acc.username} at ${org.name}`,
        after: { account: acc.username, role: role.code, org: org.name, includeSubtree: input.includeSubtree },
      });
      return { id: row.id };
    });
  }

  async unassign(ctx: AuthContext, assignmentId: number) {
    ctx.require(P['roles.write']);
    await this.changeGrants(async (tx) => {
      const [row] = await tx
        .select({ ra: roleAssignments, path: orgs.path, code: roles.code })
        .from(roleAssignments)
        .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .where(eq(roleAssignments.id, assignmentId));
      if (!row || !ctx.covers(P['roles.write'], { id: row.ra.orgId, path: row.path })) throw notFound('role_assignment');
      if (row.ra.accountId === ctx.account.id) throw forbidden();
      await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'permission',
        entityType: 'role_assignment',
        entityId: assignmentId,
        orgId: row.ra.orgId,
        summary: `revoke ${row.code} from account ${row.ra.accountId}`,
        before: row.ra,
      });
    });
  }
}
export { AppError };
