import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { hashPassword, passwordMeetsPolicy, randomToken, sha256, verifyPassword } from '../crypto/crypto';
import { AppError, badRequest, notFound, unauthorized } from '../http/errors';
import type { Locale } from '../i18n/messages';
import { orgs } from '../org/org.schema';
import { AuthContext } from '../rbac/context';
import { grantsFrom, loadAssignmentsCached } from '../rbac/grants.repository';
import { accounts, apiTokens, sessions } from './auth.schema';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
/** Absolute session lifetime, whatever the activity: a stolen cookie stops working in time. */
const SESSION_MAX_HOURS = 12;

// A precomputed hash so that an unknown username costs the same time as a wrong password,
// and response timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

export type LoginResult = { sessionToken: string; csrfToken: string; accountId: number };

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly idleMinutes: number,
  ) {}

  async login(username: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
    const [acc] = await this.db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`);
    if (!acc) {
      dummyHash ??= hashPassword('not-a-real-password-Aa1!');
      await verifyPassword(await dummyHash, password);
      await this.auditAnon(ip, 'login_failed', username, 'unknown username');
      throw new AppError(401, 'BAD_CREDENTIALS');
    }
    const actor = { tenantId: acc.tenantId, actorId: acc.id, actorName: acc.username, ip };
    if (acc.lockedUntil && acc.lockedUntil > new Date()) {
      await this.db.transaction((tx) =>
        writeAudit(tx, actor, { action: 'login_failed', entityType: 'account', entityId: acc.id, orgId: acc.orgId, summary: 'locked' }),
      );
      throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: Math.ceil((acc.lockedUntil.getTime() - Date.now()) / 60000) });
    }
    const ok = await verifyPassword(acc.passwordHash, password);
    if (!ok) {
      // Counting in SQL (not read-modify-write in JS) so parallel guesses cannot undercount.
      const locked = await this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(accounts)
          .set({
            failedAttempts: sql`${accounts.failedAttempts} + 1`,
            lockedUntil: sql`case when ${accounts.failedAttempts} + 1 >= ${LOCKOUT_THRESHOLD} then now() + make_interval(mins => ${LOCKOUT_MINUTES}) else null end`,
          })
          .where(eq(accounts.id, acc.id))
          .returning({ failedAttempts: accounts.failedAttempts });
        const isLocked = (row?.failedAttempts ?? 0) >= LOCKOUT_THRESHOLD;
        await writeAudit(tx, actor, {
          action: 'login_failed',
          entityType: 'account',
          entityId: acc.id,
          orgId: acc.orgId,
          summary: isLocked ? `locked after ${row?.failedAttempts} failures` : `failure ${row?.failedAttempts}`,
        });
        return isLocked;
      });
      if (locked) throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: LOCKOUT_MINUTES });
      throw new AppError(401, 'BAD_CREDENTIALS');
    }
    if (acc.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED');

    const sessionToken = randomToken(32);
    const csrfToken = randomToken(24);
    await this.db.transaction(async (tx) => {
      await tx.insert(sessions).values({
        id: sha256(sessionToken),
        accountId: acc.id,
        csrfToken,
        ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
        expiresAt: new Date(Date.now() + SESSION_MAX_HOURS * 3600_000),
      });
      await tx.update(accounts).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(accounts.id, acc.id));
      await writeAudit(tx, actor, { action: 'login', entityType: 'account', entityId: acc.id, orgId: acc.orgId });
    });
    return { sessionToken, csrfToken, accountId: acc.id };
  }

  private async auditAnon(ip: string | null, action: string, username: string, summary: string) {
    // Failed sign-ins for unknown names go to the first tenant's chain: still visible to the auditor.
    const [root] = await this.db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId)).limit(1);
    if (!root) return;
    await this.db.transaction((tx) =>
      writeAudit(
        tx,
        { tenantId: root.id, actorId: null, actorName: username.slice(0, 64), ip },
        { action, entityType: 'account', summary },
      ),
    );
  }

  /** Resolves a session cookie; slides the idle timeout. Returns null when absent, expired or idle. */
  async fromSession(
    token: string,
    ip: string | null,
    locale: Locale | null,
  ): Promise<{ ctx: AuthContext; csrfToken: string; expired: boolean } | null> {
    const id = sha256(token);
    const [row] = await this.db
      .select({ s: sessions, a: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(eq(sessions.id, id));
    if (!row) return null;
    const now = Date.now();
    const idleLimit = row.s.lastSeenAt.getTime() + this.idleMinutes * 60_000;
    if (row.s.expiresAt.getTime() < now || idleLimit < now || row.a.status !== 'active') {
      await this.db.delete(sessions).where(eq(sessions.id, id));
      return { ctx: null as never, csrfToken: '', expired: true };
    }
    // Touch at most once a minute: every request writing the session row would serialise PGlite.
    if (now - row.s.lastSeenAt.getTime() > 60_000) {
      await this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, id));
    }
    const ctx = await this.contextFor(this.db, row.a, ip, locale ?? (row.a.locale as Locale), 'session');
    return { ctx, csrfToken: row.s.csrfToken, expired: false };
  }

  async fromApiToken(token: string, ip: string | null, locale: Locale): Promise<AuthContext> {
    const [row] = await this.db
      .select({ t: apiTokens, a: accounts })
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, new Date())));
    if (row?.a.status !== 'active') throw new AppError(401, 'TOKEN_INVALID');
    if (!row.t.lastUsedAt || Date.now() - row.t.lastUsedAt.getTime() > 60_000) {
      await this.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t.id));
    }
    // A token can never do more than its account can, nor more than it was created for.
    return this.contextFor(this.db, row.a, ip, locale, 'token', row.t.permissions);
  }

  async contextFor(
    db: Executor,
    acc: typeof accounts.$inferSelect,
    ip: string | null,
    locale: Locale,
    via: 'session' | 'token',
    onlyPermissions?: string[],
  ): Promise<AuthContext> {
    const rows = await loadAssignmentsCached(db, acc.id);
    return new AuthContext(
      {
        id: acc.id,
        username: acc.username,
        displayName: acc.displayName,
        orgId: acc.orgId,
        tenantId: acc.tenantId,
        personId: acc.personId,
      },
      grantsFrom(rows, onlyPermissions),
      ip,
      locale,
      via,
    );
  }

  async logout(token: string, ctx: AuthContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, sha256(token)));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'logout',
        entityType: 'account',
        entityId: ctx.account.id,
        orgId: ctx.account.orgId,
      });
    });
  }

  async changePassword(ctx: AuthContext, current: string, next: string, keepSessionToken: string | null): Promise<void> {
    const [acc] = await this.db.select().from(accounts).where(eq(accounts.id, ctx.account.id));
    if (!acc) throw notFound('account');
    if (!(await verifyPassword(acc.passwordHash, current))) throw badRequest('PASSWORD_WRONG');
    if (!passwordMeetsPolicy(next)) throw badRequest('PASSWORD_POLICY');
    if (current === next) throw badRequest('PASSWORD_REUSED');
    const hash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() })
        .where(eq(accounts.id, acc.id));
      // Other sessions of this account end: a changed password must lock out whoever knew the old one.
      const keep = keepSessionToken ? sha256(keepSessionToken) : '';
      await tx.delete(sessions).where(and(eq(sessions.accountId, acc.id), sql`${sessions.id} <> ${keep}`));
      await writeAudit(tx, ctx.auditActor(), { action: 'password_change', entityType: 'account', entityId: acc.id, orgId: acc.orgId });
    });
  }

  async setLocale(ctx: AuthContext, locale: Locale): Promise<void> {
    await this.db.update(accounts).set({ locale, updatedAt: new Date() }).where(eq(accounts.id, ctx.account.id));
  }

  async createApiToken(ctx: AuthContext, input: { name: string; permissions: string[]; expiresAt: string }) {
    const held = new Set(ctx.permissions());
    const missing = input.permissions.filter((p) => !held.has(p));
    if (missing.length)
      throw badRequest('VALIDATION_FAILED', { fields: 'permissions' }, { fields: [{ field: 'permissions', message: missing.join(', ') }] });
    const expires = new Date(input.expiresAt);
    if (expires.getTime() <= Date.now() || expires.getTime() > Date.now() + 366 * 86400_000) {
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'expiresAt' },
        { fields: [{ field: 'expiresAt', message: ctx.locale === 'en' ? 'must be within the next year' : '须在一年以内' }] },
      );
    }
    const token = `hq_${randomToken(32)}`;
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(apiTokens)
        .values({
          accountId: ctx.account.id,
          name: input.name,
          prefix: token.slice(0, 10),
          tokenHash: sha256(token),
          permissions: input.permissions,
          expiresAt: expires,
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'api_token',
        entityId: row!.id,
        orgId: ctx.account.orgId,
        after: { name: row!.name, permissions: row!.permissions, expiresAt: expires.toISOString() },
      });
      return { row: row!, token };
    });
  }

  async listApiTokens(ctx: AuthContext) {
    return this.db.select().from(apiTokens).where(eq(apiTokens.accountId, ctx.account.id)).orderBy(sql`${apiTokens.createdAt} desc`);
  }

  async revokeApiToken(ctx: AuthContext, id: number) {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, ctx.account.id), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) throw notFound('api_token');
      await writeAudit(tx, ctx.auditActor(), { action: 'revoke', entityType: 'api_token', entityId: id, orgId: ctx.account.orgId });
    });
  }

  async requireAccount(id: number) {
    const [acc] = await this.db.select().from(accounts).where(eq(accounts.id, id));
    if (!acc) throw unauthorized();
    return acc;
  }
}
