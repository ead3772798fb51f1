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
} as const;

/** The query key of the signed-in session: `keyOf(authApi.me)`. */
export const sessionKey = ['auth', 'me'] as const;

export const fetchSession = () => request<RouteResponse<typeof authApi.me>>(sessionRoutes.me.method, sessionRoutes.me.path);

export const signIn = (body: RouteBody<typeof authApi.login>) =>
  request<RouteResponse<typeof authApi.login>>(sessionRoutes.login.method, sessionRoutes.login.path, body);
