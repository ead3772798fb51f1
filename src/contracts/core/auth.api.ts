import { z } from 'zod';
import { ZOkSchema } from '../common';
import { defineRoutes } from '../route';
import {
  ZApiTokenCreateSchema,
  ZApiTokenCreatedSchema,
  ZApiTokenSchema,
  ZChangePasswordSchema,
  ZLoginSchema,
  ZPreferencesSchema,
  ZSessionSchema,
} from './auth';

/** Sign-in, the signed-in user's session and preferences, and their API tokens (core), defined once for the server and the web. */
export const authApi = defineRoutes('auth', {
  login: {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with username and password; sets the session cookie',
    body: ZLoginSchema,
    response: ZSessionSchema,
  },
  logout: { method: 'POST', path: '/auth/logout', summary: 'End the session', response: ZOkSchema },
  config: {
    method: 'GET',
    path: '/auth/config',
    summary: 'What the sign-in page shows before anyone signs in: whether the demo district is loaded (public)',
    response: z.object({ demo: z.boolean() }),
  },
  me: {
    method: 'GET',
    path: '/auth/me',
    summary: 'The signed-in user, permissions, scopes and the CSRF token',
    response: ZSessionSchema,
  },
  changePassword: {
    method: 'POST',
    path: '/auth/password',
    summary: 'Change my password (other sessions end)',
    body: ZChangePasswordSchema,
    response: ZOkSchema,
  },
  passwordPolicy: {
    method: 'POST',
    path: '/auth/password-policy',
    summary: 'Check a candidate password against the policy',
    body: z.object({ password: z.string().max(128) }),
    response: z.object({ ok: z.boolean() }),
  },
  setPreferences: { method: 'PUT', path: '/auth/preferences', summary: 'Set my language', body: ZPreferencesSchema, response: ZOkSchema },
  tokens: { method: 'GET', path: '/auth/tokens', summary: 'My API tokens', response: z.object({ items: z.array(ZApiTokenSchema) }) },
  createToken: {
    method: 'POST',
    path: '/auth/tokens',
    summary: 'Create an API token (the token is shown once)',
    body: ZApiTokenCreateSchema,
    response: ZApiTokenCreatedSchema,
  },
  revokeToken: { method: 'DELETE', path: '/auth/tokens/:id', summary: 'Revoke an API token', response: ZOkSchema },
});
