import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, unauthorized } from '../http/errors';
import type { AuthContext } from '../rbac/context';
import type { AuthService } from './auth.service';

export const SESSION_COOKIE = 'houqin_sid';
/**
 * Set beside the session cookie, readable by the page and holding no secret: it tells the web
 * that a session may exist, so a signed-out visitor's page does not ask /auth/me only to get a
 * 401 (an error in the browser's console on the sign-in and public pages, issue #17).
 */
export const SESSION_HINT_COOKIE = 'houqin_signed_in';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller is authenticated (session cookie or Bearer token). */
    auth: AuthContext | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
}

/** The caller's context, or 401. Every authenticated route starts with this. */
export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthorized(req.sessionExpired ? 'SESSION_EXPIRED' : 'AUTH_REQUIRED');
  return req.auth;
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionExpired?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a session whose password must change may still call: the change itself, who am I,
 * sign out, the stateless policy check the change form uses and signing in (as someone
 * else). Everything else is a 403 PASSWORD_CHANGE_REQUIRED, whatever the client does.
 */
const WHILE_PASSWORD_MUST_CHANGE = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/password',
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/password-policy',
]);

/**
 * Resolves the caller on every /api request. Cookie sessions must echo their CSRF token in
 * the X-CSRF-Token header on any state-changing request (synchroniser token: the token is
 * bound to the session server-side and returned by login and /auth/me). Bearer tokens are not
 * sent automatically by browsers, so they need no CSRF token.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { auth: AuthService; secureCookies: boolean }) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.auth = await opts.auth.fromApiToken(header.slice(7).trim(), req.ip, req.locale);
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const explicitLocale = req.headers['accept-language'] ? req.locale : null;
    const resolved = await opts.auth.fromSession(token, req.ip, explicitLocale);
    if (!resolved) return;
    if (resolved.expired) {
      req.sessionExpired = true;
      return;
    }
    req.auth = resolved.ctx;
    req.csrfToken = resolved.csrfToken;
    req.sessionToken = token;
    if (!explicitLocale) req.locale = resolved.ctx.locale;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      const ok =
        typeof sent === 'string' &&
        sent.length === resolved.csrfToken.length &&
        crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(resolved.csrfToken));
      if (!ok) throw new AppError(403, 'CSRF_FAILED');
    }
    // The route's pattern, not the raw URL: a query string or encoded path cannot slip past.
    if (resolved.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(req.routeOptions.url ?? '')) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    }
  });

  app.decorate('cookieOptions', {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: opts.secureCookies,
    path: '/',
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    cookieOptions: { httpOnly: boolean; sameSite: 'strict'; secure: boolean; path: string };
  }
}

/**
 * Per-address login throttle, in memory: it blunts password spraying across many usernames,
 * which the per-account lockout alone does not. Several processes each keep their own window.
 */
export class LoginThrottle {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max = 20,
    private readonly windowMs = 60_000,
  ) {}
  check(ip: string): void {
    const now = Date.now();
    const list = (this.hits.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length >= this.max) throw new AppError(429, 'RATE_LIMITED');
    list.push(now);
    this.hits.set(ip, list);
    if (this.hits.size > 10_000) this.hits.clear();
  }
}
