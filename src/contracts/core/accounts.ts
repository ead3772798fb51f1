import { z } from 'zod';
import { ZId, ZRef, ZPageNo, zPageSize } from '../common';

export const ZAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(
    z.object({
      assignmentId: z.number().int(),
      roleCode: z.string(),
      roleName: z.string(),
      orgId: z.number().int(),
      orgName: z.string(),
      includeSubtree: z.boolean(),
    }),
  ),
});
export type TAccount = z.infer<typeof ZAccountSchema>;

const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(
    /^[A-Za-z][A-Za-z0-9_.-]*$/,
    '用户名以字母开头，只含字母、数字、_ . -|Usernames start with a letter and use letters, digits, _ . -',
  );

export const ZAccountCreateSchema = z.object({
  username,
  displayName: z.string().trim().min(1).max(50),
  orgId: ZRef,
  personId: ZRef.nullish(),
  /** Initial password; the user must change it at first sign-in. */
  password: z.string().min(8).max(128),
});
export const ZAccountUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(50),
    orgId: ZRef,
    personId: ZRef.nullable(),
    status: z.enum(['active', 'disabled']),
    /** Clears a lockout after failed sign-ins. */
    unlock: z.literal(true),
  })
  .partial()
  .strict();
export const ZResetPasswordSchema = z.object({ password: z.string().min(8).max(128) });
export const ZAccountListQuerySchema = z.object({
  page: ZPageNo.default(1),
  pageSize: zPageSize(),
  q: z.string().trim().max(50).optional(),
  orgId: ZId.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roleCode: z.string().max(50).optional(),
  sort: z.enum(['username', '-username', 'lastLoginAt', '-lastLoginAt', 'createdAt', '-createdAt']).optional(),
});

export const ZRoleSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  adminClass: z.enum(['system', 'security', 'audit']).nullable(),
  permissions: z.array(z.string()),
  assignmentCount: z.number().int(),
});
export const ZRoleCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(80),
  description: z.string().max(200).nullish(),
  permissions: z.array(z.string().max(80)).max(300),
});
export const ZRoleUpdateSchema = ZRoleCreateSchema.omit({ code: true }).partial().strict();
export const ZPermissionSchema = z.object({ code: z.string(), zh: z.string(), en: z.string(), module: z.string() });

export const ZAssignmentCreateSchema = z.object({
  accountId: ZRef,
  roleCode: z.string().min(1).max(40),
  orgId: ZRef,
  includeSubtree: z.boolean().default(true),
});

/**
 * Break-glass (紧急处置) on one of the three administrators' accounts: an administrator of
 * another duty asks, an administrator of the third duty approves, all three are notified.
 */
export const ZBreakGlassAction = z.enum(['reset_password', 'disable', 'enable']);
export const ZBreakGlassCreateSchema = z
  .object({
    action: ZBreakGlassAction,
    reason: z.string().trim().min(5).max(500),
    /** The temporary password for a reset; the administrator must change it at first sign-in. */
    password: z.string().min(8).max(128).optional(),
  })
  .strict();
export const ZBreakGlassDecisionSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const ZBreakGlassSchema = z.object({
  id: z.number().int(),
  targetAccountId: z.number().int(),
  targetUsername: z.string(),
  targetDuties: z.array(z.enum(['system', 'security', 'audit'])),
  action: ZBreakGlassAction,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'expired']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Whether the caller may approve or reject it (a third duty, not the requester or the target). */
  canDecide: z.boolean(),
});
export type TBreakGlass = z.infer<typeof ZBreakGlassSchema>;
