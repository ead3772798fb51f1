import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TMe } from '../../../contracts/core/auth';
import { authApi } from '../../../contracts/core/auth.api';
import type { Db } from '../../db/client';
import type { Locale } from '../i18n/messages';
import { orgs } from '../org/org.schema';
import { P } from '../rbac/permissions';
import type { AuthContext } from '../rbac/context';
import { loadAssignments } from '../rbac/grants.repository';
import { accounts } from './auth.schema';
import { LoginThrottle, SESSION_COOKIE, SESSION_HINT_COOKIE, requireAuth } from './auth.plugin';
import { demoDatasetLoaded } from '../bootstrap/demo-flag';
import type { AuthService } from './auth.service';
import { passwordIssues, passwordPolicy } from './password-policy';
import { mountRoutes } from '../http/route';

export async function buildMe(db: Db, auth: AuthService, ctx: AuthContext, locale: Locale): Promise<TMe> {
  const [acc] = await db
    .select({ a: accounts, orgName: orgs.name })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(accounts.id, ctx.account.id));
  const rows = await loadAssignments(db, ctx.account.id);
  return {
    id: acc!.a.id,
    username: acc!.a.username,
    displayName: acc!.a.displayName,
    orgId: acc!.a.orgId,
    orgName: acc!.orgName,
    personId: acc!.a.personId,
    locale,
    permissions: ctx.permissions(),
    roles: [...new Set(rows.map((r) => r.roleCode))],
    scopes: rows.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      roleCode: r.roleCode,
      roleName: locale === 'en' ? r.roleNameEn : r.roleNameZh,
      includeSubtree: r.includeSubtree,
    })),
    mustChangePassword: await auth.mustChangePassword(acc!.a),
    lastLoginAt: acc!.a.lastLoginAt?.toISOString() ?? null,
  };
}

const tokenView = (t: {
  id: number;
  name: string;
  prefix: string;
  permissions: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions,
  expiresAt: t.expiresAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

export async function authRoutes(app: FastifyInstance, opts: { db: Db; auth: AuthService; loginRateLimit: number }) {
  const { db, auth } = opts;
  const throttle = new LoginThrottle(opts.loginRateLimit);

  mountRoutes(app, authApi, {
    login: async (req, reply) => {
      throttle.check(req.ip);
      const res = await auth.login(req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, res.sessionToken, app.cookieOptions);
      reply.setCookie(SESSION_HINT_COOKIE, '1', { ...app.cookieOptions, httpOnly: false });
      const acc = await auth.requireAccount(res.accountId);
      const ctx = await auth.contextFor(db, acc, req.ip, acc.locale as Locale, 'session');
      return {
        user: await buildMe(db, auth, ctx, req.headers['accept-language'] ? req.locale : (acc.locale as Locale)),
        csrfToken: res.csrfToken,
      };
    },
    logout: async (req, reply) => {
      const ctx = requireAuth(req);
      if (req.sessionToken) await auth.logout(req.sessionToken, ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
      return { ok: true as const };
    },
    // Public: the sign-in page's demo hint. Says nothing but whether the demo district is there.
    config: async () => ({ demo: demoDatasetLoaded() }),
    me: async (req) => {
      const ctx = requireAuth(req);
      return { user: await buildMe(db, auth, ctx, req.locale), csrfToken: req.csrfToken ?? '' };
    },
    changePassword: async (req) => {
      const ctx = requireAuth(req);
      await auth.changePassword(ctx, req.body.currentPassword, req.body.newPassword, req.sessionToken);
      return { ok: true as const };
    },
    passwordPolicy: async (req) => ({ ok: passwordIssues(await passwordPolicy(db), req.body.password).length === 0 }),
    setPreferences: async (req) => {
      const ctx = requireAuth(req);
      await auth.setLocale(ctx, req.body.locale);
      return { ok: true as const };
    },
    tokens: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(P['tokens.manage']);
      return { items: (await auth.listApiTokens(ctx)).map(tokenView) };
    },
    createToken: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(P['tokens.manage']);
      const { row, token } = await auth.createApiToken(ctx, req.body);
      return { ...tokenView(row), token };
    },
    revokeToken: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(P['tokens.manage']);
      await auth.revokeApiToken(ctx, req.params.id);
      return { ok: true as const };
    },
  });
}
