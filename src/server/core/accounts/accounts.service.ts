import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TAccount,
  TBreakGlass,
  ZBreakGlassCreateSchema,
  ZAccountCreateSchema,
  ZAccountListQuerySchema,
  ZAccountUpdateSchema,
  ZAssignmentCreateSchema,
  ZRoleCreateSchema,
  ZRoleUpdateSchema,
} from '../../../contracts/core/accounts';
import type { Db, Executor } from '../../db/client';
import { accounts, adminBreakGlass, apiTokens, sessions } from '../auth/auth.schema';
import { assertPasswordAcceptable, rememberPassword } from '../auth/password-policy';
import { writeAudit } from '../audit/audit.service';
import { hashPassword } from '../crypto/crypto';
import { AppError, badRequest, conflict, fieldError, forbidden, notFound } from '../http/errors';
import { notify } from '../notifications/notify';
import { orgs } from '../org/org.schema';
import { people } from '../people/people.schema';
import type { AuthContext } from '../rbac/context';
import { P, isKnownPermission } from '../rbac/permissions';
import { invalidateSessions } from '../auth/session-cache';
import { invalidateGrants } from '../rbac/grants.repository';
import { roleAssignments, roles } from '../rbac/rbac.schema';
import { inScope } from '../rbac/scope';
import { ADMIN_PERMISSIONS, type AdminPower, adminPowers, separationViolation } from '../rbac/separation';
import { now, nowMs } from '../util/dates';

/** How long a break-glass request waits for its approval before it lapses. */
const BREAK_GLASS_HOURS = 24;

/** The administrator duties (三员) an account holds through all its roles. */
export async function dutiesOf(db: Executor, accountId: number): Promise<Set<AdminPower>> {
  const rows = await db
    .select({ permissions: roles.permissions })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(eq(roleAssignments.accountId, accountId));
  return adminPowers(rows.flatMap((r) => r.permissions));
}

const overlaps = (a: Set<AdminPower>, b: Set<AdminPower>) => [...a].some((x) => b.has(x));

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
    invalidateSessions(); // an account's status, org or password may have changed with them
    return result;
  }

  private async loadOrg(tx: Executor, ctx: AuthContext, permission: string, orgId: number) {
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    if (!org || !ctx.covers(permission, org)) throw notFound('org');
    return org;
  }

  /**
   * 三员分立 as a class: an account that holds any administrator duty is changed by nobody
   * but itself through the ordinary routes (details, status, unlock, password, roles, the
   * sessions those end), whoever asks; the only way is the break-glass procedure below.
   * Called after the scope check, so an account outside the caller's scope stays a 404.
   */
  private async assertNotPeerAdmin(db: Executor, ctx: AuthContext, targetId: number) {
    if (targetId === ctx.account.id) return;
    if ((await dutiesOf(db, targetId)).size) throw forbidden('ADMIN_PEER_PROTECTED');
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
      locked: !!r.a.lockedUntil && r.a.lockedUntil.getTime() > nowMs(),
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
    await assertPasswordAcceptable(this.db, ctx.locale, { password: input.password, username: input.username });
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
          passwordChangedAt: now(),
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
      await this.assertNotPeerAdmin(tx, ctx, id);
      const set: Partial<typeof accounts.$inferInsert> = { updatedAt: now() };
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
    await this.get(ctx, id, P['accounts.write']);
    await this.assertNotPeerAdmin(this.db, ctx, id);
    const [target] = await this.db.select().from(accounts).where(eq(accounts.id, id));
    await assertPasswordAcceptable(this.db, ctx.locale, {
      password,
      username: target!.username,
      accountId: id,
      currentHash: target!.passwordHash,
    });
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await this.setTemporaryPassword(tx, target!, hash);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'password_reset',
        entityType: 'account',
        entityId: id,
        orgId: target!.orgId,
        summary: target!.username,
      });
    });
    invalidateSessions();
  }

  /** A password set by someone else: must be changed at first sign-in; sessions end; the lock clears. */
  private async setTemporaryPassword(tx: Executor, target: typeof accounts.$inferSelect, hash: string) {
    await rememberPassword(tx, target.id, target.passwordHash);
    await tx
      .update(accounts)
      .set({
        passwordHash: hash,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        passwordChangedAt: now(),
        updatedAt: now(),
      })
      .where(eq(accounts.id, target.id));
    await tx.delete(sessions).where(eq(sessions.accountId, target.id));
  }

  // ---------- break-glass (紧急处置) on the three administrators' accounts ----------

  /** The caller's administrator duties; anyone else may not see or touch break-glass at all. */
  private myDuties(ctx: AuthContext): Set<AdminPower> {
    const mine = adminPowers(ctx.permissions());
    if (!mine.size) throw forbidden();
    return mine;
  }

  /** Every account of the tenant holding an administrator duty: all three are told of each step. */
  private async adminAccountIds(tx: Executor, tenantId: number): Promise<number[]> {
    const rows = await tx
      .selectDistinct({ id: roleAssignments.accountId })
      .from(roleAssignments)
      .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
      .innerJoin(accounts, eq(accounts.id, roleAssignments.accountId))
      .where(
        and(
          eq(accounts.tenantId, tenantId),
          sql`${roles.permissions} && ${sql.raw(`array[${ADMIN_PERMISSIONS.map((p) => `'${p}'`).join(',')}]::text[]`)}`,
        ),
      );
    return rows.map((r) => r.id);
  }

  private async breakGlassView(db: Executor, ctx: AuthContext, row: typeof adminBreakGlass.$inferSelect): Promise<TBreakGlass> {
    const ids = [row.targetAccountId, row.requestedBy, ...(row.decidedBy ? [row.decidedBy] : [])];
    const names = new Map(
      (await db.select({ id: accounts.id, username: accounts.username }).from(accounts).where(inArray(accounts.id, ids))).map((a) => [
        a.id,
        a.username,
      ]),
    );
    const targetDuties = await dutiesOf(db, row.targetAccountId);
    const expired = row.status === 'pending' && row.expiresAt.getTime() <= nowMs();
    const mine = adminPowers(ctx.permissions());
    const canDecide =
      row.status === 'pending' &&
      !expired &&
      ctx.account.id !== row.requestedBy &&
      ctx.account.id !== row.targetAccountId &&
      !overlaps(mine, targetDuties) &&
      !overlaps(mine, await dutiesOf(db, row.requestedBy));
    return {
      id: row.id,
      targetAccountId: row.targetAccountId,
      targetUsername: names.get(row.targetAccountId) ?? '',
      targetDuties: [...targetDuties].sort(),
      action: row.action as TBreakGlass['action'],
      reason: row.reason,
      status: expired ? 'expired' : (row.status as TBreakGlass['status']),
      requestedBy: names.get(row.requestedBy) ?? '',
      requestedAt: row.requestedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      decidedBy: row.decidedBy ? (names.get(row.decidedBy) ?? '') : null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionNote: row.decisionNote,
      canDecide: !!canDecide,
    };
  }

  async breakGlassList(ctx: AuthContext): Promise<TBreakGlass[]> {
    this.myDuties(ctx);
    const rows = await this.db
      .select()
      .from(adminBreakGlass)
      .where(eq(adminBreakGlass.tenantId, ctx.account.tenantId))
      .orderBy(desc(adminBreakGlass.requestedAt), desc(adminBreakGlass.id))
      .limit(100);
    const out: TBreakGlass[] = [];
    for (const r of rows) out.push(await this.breakGlassView(this.db, ctx, r));
    return out;
  }

  /**
   * Step one of two: an administrator whose duty differs from the target's asks, with a
   * reason (and, for a reset, the temporary password). Nothing changes on the target yet.
   */
  async breakGlassRequest(ctx: AuthContext, targetId: number, input: z.infer<typeof ZBreakGlassCreateSchema>): Promise<TBreakGlass> {
    const mine = this.myDuties(ctx);
    const en = ctx.locale === 'en';
    const [target] = await this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.id, targetId), eq(accounts.tenantId, ctx.account.tenantId)));
    if (!target) throw notFound('account');
    const targetDuties = await dutiesOf(this.db, targetId);
    if (!targetDuties.size) throw badRequest('BREAK_GLASS_NOT_ADMIN');
    if (targetId === ctx.account.id)
      throw new AppError(403, 'BREAK_GLASS_DUTY', { reason: en ? 'not on your own account' : '不能处置自己的账号' });
    if (overlaps(mine, targetDuties))
      throw new AppError(403, 'BREAK_GLASS_DUTY', { reason: en ? 'you hold the same duty as this account' : '您与该账号承担相同的职责' });
    let hash: string | null = null;
    if (input.action === 'reset_password') {
      if (!input.password) throw fieldError(ctx, 'password', '请输入临时密码', 'Enter a temporary password');
      await assertPasswordAcceptable(this.db, ctx.locale, {
        password: input.password,
        username: target.username,
        accountId: target.id,
        currentHash: target.passwordHash,
      });
      hash = await hashPassword(input.password);
    }
    const row = await this.db.transaction(async (tx) => {
      // A request nobody approved in time lapses, so it no longer holds the one open slot.
      await tx
        .update(adminBreakGlass)
        .set({ status: 'rejected', decisionNote: 'expired', decidedAt: now() })
        .where(
          and(
            eq(adminBreakGlass.targetAccountId, targetId),
            eq(adminBreakGlass.status, 'pending'),
            sql`${adminBreakGlass.expiresAt} <= ${now()}`,
          ),
        );
      const [open] = await tx
        .select({ id: adminBreakGlass.id })
        .from(adminBreakGlass)
        .where(and(eq(adminBreakGlass.targetAccountId, targetId), eq(adminBreakGlass.status, 'pending')));
      if (open) throw conflict('BREAK_GLASS_PENDING');
      const at = nowMs();
      const [r] = await tx
        .insert(adminBreakGlass)
        .values({
          tenantId: ctx.account.tenantId,
          targetAccountId: targetId,
          action: input.action,
          reason: input.reason,
          passwordHash: hash,
          requestedBy: ctx.account.id,
          requestedAt: new Date(at),
          expiresAt: new Date(at + BREAK_GLASS_HOURS * 3600_000),
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'break_glass_request',
        entityType: 'account',
        entityId: targetId,
        orgId: target.orgId,
        summary: `${input.action} ${target.username}: ${input.reason}`,
        after: { request: r!.id, action: input.action, reason: input.reason },
      });
      await notify(tx, await this.adminAccountIds(tx, ctx.account.tenantId), {
        kind: 'accounts.break_glass',
        titleZh: `紧急处置申请：${ctx.account.username} 申请${ACTION_ZH[input.action]}管理员账号 ${target.username}，待另一员批准`,
        titleEn: `Break-glass request: ${ctx.account.username} asks to ${ACTION_EN[input.action]} administrator account ${target.username}; awaiting the third duty`,
        body: input.reason,
        link: '/accounts/break-glass',
      });
      return r!;
    });
    return this.breakGlassView(this.db, ctx, row);
  }

  /** Step two: an administrator of the third duty approves (and the action is carried out) or rejects. */
  async breakGlassDecide(ctx: AuthContext, id: number, approve: boolean, note?: string): Promise<TBreakGlass> {
    const mine = this.myDuties(ctx);
    const en = ctx.locale === 'en';
    const row = await this.changeGrants(async (tx) => {
      const [r] = await tx
        .select()
        .from(adminBreakGlass)
        .where(and(eq(adminBreakGlass.id, id), eq(adminBreakGlass.tenantId, ctx.account.tenantId)))
        .for('update');
      if (!r) throw notFound('break_glass');
      if (r.status !== 'pending' || r.expiresAt.getTime() <= nowMs()) throw conflict('BREAK_GLASS_CLOSED');
      if (ctx.account.id === r.requestedBy)
        throw new AppError(403, 'BREAK_GLASS_DUTY', { reason: en ? 'the requester cannot decide' : '申请人不能自行批准' });
      if (ctx.account.id === r.targetAccountId)
        throw new AppError(403, 'BREAK_GLASS_DUTY', { reason: en ? 'not on your own account' : '不能处置自己的账号' });
      if (overlaps(mine, await dutiesOf(tx, r.targetAccountId)) || overlaps(mine, await dutiesOf(tx, r.requestedBy)))
        throw new AppError(403, 'BREAK_GLASS_DUTY', {
          reason: en ? 'the approver must hold the third duty' : '批准人须为第三员（与申请人、被处置人职责均不同）',
        });
      const [target] = await tx.select().from(accounts).where(eq(accounts.id, r.targetAccountId)).for('update');
      const [updated] = await tx
        .update(adminBreakGlass)
        .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.account.id, decidedAt: now(), decisionNote: note ?? null })
        .where(eq(adminBreakGlass.id, id))
        .returning();
      const actor = ctx.auditActor();
      await writeAudit(tx, actor, {
        action: approve ? 'break_glass_approve' : 'break_glass_reject',
        entityType: 'account',
        entityId: target!.id,
        orgId: target!.orgId,
        summary: `${r.action} ${target!.username} (request ${r.id})${note ? `: ${note}` : ''}`,
      });
      if (approve) {
        if (r.action === 'reset_password') {
          await this.setTemporaryPassword(tx, target!, r.passwordHash!);
          // A reset means the password may be known to someone else: its API tokens go too.
          await tx
            .update(apiTokens)
            .set({ revokedAt: now() })
            .where(and(eq(apiTokens.accountId, target!.id), sql`${apiTokens.revokedAt} is null`));
        } else if (r.action === 'disable') {
          await tx.update(accounts).set({ status: 'disabled', updatedAt: now() }).where(eq(accounts.id, target!.id));
          await tx.delete(sessions).where(eq(sessions.accountId, target!.id));
        } else {
          await tx
            .update(accounts)
            .set({ status: 'active', failedAttempts: 0, lockedUntil: null, updatedAt: now() })
            .where(eq(accounts.id, target!.id));
        }
        // The temporary password's hash has done its work; it is not kept beside the request.
        await tx.update(adminBreakGlass).set({ passwordHash: null }).where(eq(adminBreakGlass.id, id));
        await writeAudit(tx, actor, {
          action: r.action === 'reset_password' ? 'password_reset' : 'update',
          entityType: 'account',
          entityId: target!.id,
          orgId: target!.orgId,
          summary: `break-glass ${r.action} ${target!.username} (request ${r.id})`,
        });
      }
      await notify(tx, await this.adminAccountIds(tx, ctx.account.tenantId), {
        kind: 'accounts.break_glass',
        titleZh: approve
          ? `紧急处置已执行：${ctx.account.username} 批准对管理员账号 ${target!.username} 的${ACTION_ZH[r.action as keyof typeof ACTION_ZH]}`
          : `紧急处置已驳回：${ctx.account.username} 驳回对管理员账号 ${target!.username} 的${ACTION_ZH[r.action as keyof typeof ACTION_ZH]}`,
        titleEn: approve
          ? `Break-glass carried out: ${ctx.account.username} approved to ${ACTION_EN[r.action as keyof typeof ACTION_EN]} administrator account ${target!.username}`
          : `Break-glass rejected: ${ctx.account.username} rejected to ${ACTION_EN[r.action as keyof typeof ACTION_EN]} administrator account ${target!.username}`,
        body: note ?? r.reason,
        link: '/accounts/break-glass',
      });
      return updated!;
    });
    return this.breakGlassView(this.db, ctx, row);
  }

  // ---------- roles ----------
  async listRoles(ctx: AuthContext) {
    ctx.require(P['roles.read']);
    const rows = await this.db
      // The outer column is written qualified: drizzle renders `${roles.id}` as a bare "id" in a
      // one-table query, which inside the subquery meant ra.id — every role counted the same rows.
      .select({ r: roles, n: sql<number>`(select count(*)::int from role_assignments ra where ra.role_id = "roles"."id")` })
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
        // Editing a role an administrator holds would change that administrator's powers
        // (or the editor's own): the same class as granting a role to them.
        const holders = await tx
          .selectDistinct({ id: roleAssignments.accountId })
          .from(roleAssignments)
          .where(eq(roleAssignments.roleId, id));
        for (const h of holders) {
          if (h.id === ctx.account.id || (await dutiesOf(tx, h.id)).size) throw forbidden('ADMIN_PEER_PROTECTED');
        }
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
      await this.assertNotPeerAdmin(tx, ctx, acc.id);
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
      await this.assertNotPeerAdmin(tx, ctx, row.ra.accountId);
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

const ACTION_ZH = { reset_password: '重置密码', disable: '停用', enable: '启用' } as const;
const ACTION_EN = { reset_password: 'reset the password of', disable: 'disable', enable: 'enable' } as const;
