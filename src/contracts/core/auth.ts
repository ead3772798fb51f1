import { z } from 'zod';
import { ZIsoTime, ZLocaleSchema } from '../common';

export const ZLoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const ZScopeSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  roleCode: z.string(),
  roleName: z.string(),
  includeSubtree: z.boolean(),
});

export const ZMeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  personId: z.number().int().nullable(),
  locale: ZLocaleSchema,
  /** Every permission the account holds in at least one scope: drives the menu. */
  permissions: z.array(z.string()),
  roles: z.array(z.string()),
  scopes: z.array(ZScopeSchema),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type TMe = z.infer<typeof ZMeSchema>;

/** Returned by login and /auth/me. Send `csrfToken` back as the `X-CSRF-Token` header on changes. */
export const ZSessionSchema = z.object({ user: ZMeSchema, csrfToken: z.string() });
export type TSession = z.infer<typeof ZSessionSchema>;

export const ZChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const ZPreferencesSchema = z.object({ locale: ZLocaleSchema });

export const ZApiTokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  permissions: z.array(z.string().max(80)).min(1).max(50),
  expiresAt: ZIsoTime,
});
export const ZApiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ZApiTokenCreatedSchema = ZApiTokenSchema.extend({ token: z.string() });
