import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { hashPassword, randomToken, sha256, verifyPassword } from '../crypto/crypto';
import { AppError, badRequest, notFound, unauthorized } from '../http/errors';
import type { Locale } from '../i18n/messages';
import { orgs } from '../org/org.schema';
import { AuthContext } from '../rbac/context';
import { grantIndexCached, grantsFrom, loadAssignmentsCached } from '../rbac/grants.repository';
import { now, nowMs } from '../util/dates';
import { accounts, apiTokens, loginFailures, sessions } from './auth.schema';
import { invalidateSessions, sessionCache } from './session-cache';
import { assertPasswordAcceptable, passwordExpired, passwordPolicy, rememberPassword } from './password-policy';

/** Absolute session lifetime, whatever the activity: a stolen cookie stops working in time. */
const SESSION_MAX_HOURS = 12;

// A precomputed hash so that an unknown username costs the same argon2 verification as a
// known one, and response timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

export type LoginResult = { sessionToken: string; csrfToken: string; accountId: number };

/** The lock state after a failure, counted in SQL so parallel guesses cannot undercount. */
type Counted = { failedAttempts: number; lockedUntil: Date | null };

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly idleMinutes: number,
  ) {}

  /**
   * Every path does the same work and gives the same answers for a known and an unknown
   * name: one argon2 verification (against a dummy hash for unknown names), one counted
   * failure (unknown names are counted in `login_failures` under the same policy), 401 until
   * the threshold and then 423 for the lock's period; a lock ends by itself when it runs out.
   */
  async login(username: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
    const policy = await passwordPolicy(this.db);
    const [acc] = await this.db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`);
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    const ok = acc ? await verifyPassword(acc.passwordHash, password) : (await verifyPassword(await dummyHash, password)) && false;
    const nameHash = sha256(username.toLowerCase());
    const at = nowMs();
    const lockedUntil = acc
      ? acc.lockedUntil
      : ((await this.db.select().from(loginFailures).where(eq(loginFailures.nameHash, nameHash)))[0]?.lockedUntil ?? null);
    const actor = acc ? { tenantId: acc.tenantId, actorId: acc.id, actorName: acc.username, ip } : null;

    if (lockedUntil && lockedUntil.getTime() > at) {
      await this.auditFailure(actor, acc, ip, username, 'locked');
      throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: Math.ceil((lockedUntil.getTime() - at) / 60000) });
    }
    if (!ok) {
      const lockAt = new Date(at + policy.lockoutMinutes * 60_000);
      const atDate = new Date(at);
      // A lock that has run out starts the count again: the next failure is the first.
      const counted: Counted = await this.db.transaction(async (tx) => {
        let row: Counted | undefined;
        if (acc) {
          const next = sql`case when ${accounts.lockedUntil} is not null and ${accounts.lockedUntil} <= ${atDate} then 1 else ${accounts.failedAttempts} + 1 end`;
          [row] = await tx
            .update(accounts)
            .set({
              failedAttempts: next,
              lockedUntil: sql`case when ${next} >= ${policy.lockoutThreshold} then ${lockAt}::timestamptz else null end`,
            })
            .where(eq(accounts.id, acc.id))
            .returning({ failedAttempts: accounts.failedAttempts, lockedUntil: accounts.lockedUntil });
        } else {
          const next = sql`case when ${loginFailures.lockedUntil} is not null and ${loginFailures.lockedUntil} <= ${atDate} then 1 else ${loginFailures.failedAttempts} + 1 end`;
          [row] = await tx
            .insert(loginFailures)
            .values({ nameHash, failedAttempts: 1, lockedUntil: policy.lockoutThreshold <= 1 ? lockAt : null, updatedAt: atDate })
            .onConflictDoUpdate({
              target: loginFailures.nameHash,
              set: {
                failedAttempts: next,
                lockedUntil: sql`case when ${next} >= ${policy.lockoutThreshold} then ${lockAt}::timestamptz else null end`,
                updatedAt: atDate,
              },
            })
            .returning({ failedAttempts: loginFailures.failedAttempts, lockedUntil: loginFailures.lockedUntil });
          // Names nobody has tried for a day are forgotten, so sprayed names do not pile up.
          await tx.delete(loginFailures).where(sql`${loginFailures.updatedAt} < ${new Date(at - 86_400_000)}`);
        }
        return row ?? { failedAttempts: 1, lockedUntil: null };
      });
      const isLocked = !!counted.lockedUntil && counted.lockedUntil.getTime() > at;
      await this.auditFailure(
        actor,
        acc,
        ip,
        username,
        isLocked ? `locked after ${counted.failedAttempts} failures` : `failure ${counted.failedAttempts}`,
      );
      if (isLocked) throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: policy.lockoutMinutes });
      throw new AppError(401, 'BAD_CREDENTIALS');
    }
    if (!acc) throw new AppError(401, 'BAD_CREDENTIALS'); // unreachable: an unknown name never verifies
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
        createdAt: new Date(at),
        lastSeenAt: new Date(at),
        expiresAt: new Date(at + SESSION_MAX_HOURS * 3600_000),
      });
      await tx
        .update(accounts)
        .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date(at) })
        .where(eq(accounts.id, acc.id));
      await writeAudit(tx, actor!, { action: 'login', entityType: 'account', entityId: acc.id, orgId: acc.orgId });
    });
    return { sessionToken, csrfToken, accountId: acc.id };
  }

  private async auditFailure(
    actor: { tenantId: number; actorId: number; actorName: string; ip: string | null } | null,
    acc: typeof accounts.$inferSelect | undefined,
    ip: string | null,
    username: string,
    summary: string,
  ) {
    if (!actor || !acc) return this.auditAnon(ip, 'login_failed', username, `unknown username; ${summary}`);
    await this.db.transaction((tx) =>
      writeAudit(tx, actor, { action: 'login_failed', entityType: 'account', entityId: acc.id, orgId: acc.orgId, summary }),
    );
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

  /**
   * Resolves a session cookie. The idle timeout counts from the last request: the stored
   * last-seen time is refreshed whenever it is older than a quarter of the idle period (and
   * at most once a minute), so an active session never reaches its limit while writes stay
   * rare. Returns null when absent; `expired` when run out, idle or disabled.
   */
  async fromSession(
    token: string,
    ip: string | null,
    locale: Locale | null,
  ): Promise<{ ctx: AuthContext; csrfToken: string; expired: boolean; mustChangePassword: boolean } | null> {
    const id = sha256(token);
    let row = sessionCache.get(this.db, id);
    if (!row) {
      [row] = await this.db
        .select({ s: sessions, a: accounts })
        .from(sessions)
        .innerJoin(accounts, eq(accounts.id, sessions.accountId))
        .where(eq(sessions.id, id));
      if (!row) return null;
      sessionCache.set(this.db, id, row);
    }
    const now = nowMs();
    const idleMs = this.idleMinutes * 60_000;
    const idleLimit = row.s.lastSeenAt.getTime() + idleMs;
    if (row.s.expiresAt.getTime() < now || idleLimit < now || row.a.status !== 'active') {
      sessionCache.forget(this.db, id);
      await this.db.delete(sessions).where(eq(sessions.id, id));
      return { ctx: null as never, csrfToken: '', expired: true, mustChangePassword: false };
    }
    // Every request writing the session row would serialise PGlite; a quarter of the idle
    // period keeps the stored time within the limit's reach whatever the setting.
    if (now - row.s.lastSeenAt.getTime() >= Math.min(60_000, idleMs / 4)) {
      const touched = await this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, id))
        .returning({ id: sessions.id });
      // Removed meanwhile (by another process, or the clean-up job): signed out.
      if (touched.length === 0) {
        sessionCache.forget(this.db, id);
        return null;
      }
      row.s.lastSeenAt = new Date(now);
    }
    const ctx = await this.contextFor(this.db, row.a, ip, locale ?? (row.a.locale as Locale), 'session');
    return { ctx, csrfToken: row.s.csrfToken, expired: false, mustChangePassword: await this.mustChangePassword(row.a) };
  }

  /** An initial or reset password (the flag), or one older than the policy's expiry. */
  async mustChangePassword(acc: { mustChangePassword: boolean; passwordChangedAt: Date | null }): Promise<boolean> {
    return acc.mustChangePassword || passwordExpired(await passwordPolicy(this.db), acc.passwordChangedAt);
  }

  /**
   * Resolves a Bearer token. An account whose password was set or reset by someone else
   * (the flag) cannot use its tokens until it changes it; an expired password does not stop
   * an integration's token (the token has its own expiry).
   */
  async fromApiToken(token: string, ip: string | null, locale: Locale): Promise<AuthContext> {
    const [row] = await this.db
      .select({ t: apiTokens, a: accounts })
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now())));
    if (row?.a.status !== 'active') throw new AppError(401, 'TOKEN_INVALID');
    if (row.a.mustChangePassword) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    if (!row.t.lastUsedAt || nowMs() - row.t.lastUsedAt.getTime() > 60_000) {
      await this.db.update(apiTokens).set({ lastUsedAt: now() }).where(eq(apiTokens.id, row.t.id));
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
    // Without a token's narrowing the cached index is shared (read-only) by every request of the account.
    const grants = onlyPermissions
      ? grantsFrom(await loadAssignmentsCached(db, acc.id), onlyPermissions)
      : await grantIndexCached(db, acc.id);
    return new AuthContext(
      {
        id: acc.id,
        username: acc.username,
        displayName: acc.displayName,
        orgId: acc.orgId,
        tenantId: acc.tenantId,
        personId: acc.personId,
      },
      grants,
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
    invalidateSessions();
  }

  async changePassword(ctx: AuthContext, current: string, next: string, keepSessionToken: string | null): Promise<void> {
    const [acc] = await this.db.select().from(accounts).where(eq(accounts.id, ctx.account.id));
    if (!acc) throw notFound('account');
    if (!(await verifyPassword(acc.passwordHash, current))) throw badRequest('PASSWORD_WRONG');
    await assertPasswordAcceptable(this.db, ctx.locale, {
      password: next,
      username: acc.username,
      accountId: acc.id,
      currentHash: acc.passwordHash,
    });
    const hash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await rememberPassword(tx, acc.id, acc.passwordHash);
      await tx
        .update(accounts)
        .set({ passwordHash: hash, passwordChangedAt: now(), mustChangePassword: false, updatedAt: now() })
        .where(eq(accounts.id, acc.id));
      // Other sessions of this account end: a changed password must lock out whoever knew the old one.
      const keep = keepSessionToken ? sha256(keepSessionToken) : '';
      await tx.delete(sessions).where(and(eq(sessions.accountId, acc.id), sql`${sessions.id} <> ${keep}`));
      await writeAudit(tx, ctx.auditActor(), { action: 'password_change', entityType: 'account', entityId: acc.id, orgId: acc.orgId });
    });
    invalidateSessions();
  }

  async setLocale(ctx: AuthContext, locale: Locale): Promise<void> {
    await this.db.update(accounts).set({ locale, updatedAt: new Date() }).where(eq(accounts.id, ctx.account.id));
    invalidateSessions();
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
