import type { authApi } from '../../../contracts/core/auth.api';
import type { RouteBody, RouteResponse } from '../../../contracts/route';
import { request } from '../../shared/api';

/**
 * The two routes the sign-in page calls (who is signed in, sign in), through the web's one
 * `request` but without the route definitions' runtime: importing a contract brings zod (the
 * definitions hold their schemas), a fifth of the sign-in page's download (issue #16). The
 * types still come from `authApi`, and `session.test.ts` checks that these paths, methods and
 * the query key are the definitions'. Everything after sign-in uses the typed client as usual.
 */
export const sessionRoutes = {
  me: { method: 'GET', path: '/auth/me' },
  login: { method: 'POST', path: '/auth/login' },
  config: { method: 'GET', path: '/auth/config' },
} as const;

/** The server's readable cookie set with the session (`SESSION_HINT_COOKIE`, no secret). */
export const SESSION_HINT = 'houqin_signed_in';

/**
 * Whether a session may exist. Without the hint the web does not ask /auth/me: the answer
 * would be a 401, which the browser prints as an error in the console of every signed-out
 * visit to the sign-in and public pages (issue #17).
 */
export function mayHaveSession(cookie = typeof document === 'undefined' ? '' : document.cookie): boolean {
  return cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_HINT}=`));
}

export { forgetSessionHint } from '../../shared/api';

/** The query key of the signed-in session: `keyOf(authApi.me)`. */
export const sessionKey = ['auth', 'me'] as const;

/** What the sign-in page may show before sign-in: whether the demo district is loaded (its hint with the demo accounts). */
export const fetchPublicConfig = () =>
  request<RouteResponse<typeof authApi.config>>(sessionRoutes.config.method, sessionRoutes.config.path);

export const fetchSession = () => request<RouteResponse<typeof authApi.me>>(sessionRoutes.me.method, sessionRoutes.me.path);

export const signIn = (body: RouteBody<typeof authApi.login>) =>
  request<RouteResponse<typeof authApi.login>>(sessionRoutes.login.method, sessionRoutes.login.path, body);
