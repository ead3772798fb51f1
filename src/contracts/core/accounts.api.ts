import { z } from 'zod';
import { ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZAccountCreateSchema,
  ZAccountListQuerySchema,
  ZAccountSchema,
  ZAccountUpdateSchema,
  ZAssignmentCreateSchema,
  ZBreakGlassCreateSchema,
  ZBreakGlassDecisionSchema,
  ZBreakGlassSchema,
  ZPermissionSchema,
  ZResetPasswordSchema,
  ZRoleCreateSchema,
  ZRoleSchema,
  ZRoleUpdateSchema,
} from './accounts';

/** Login accounts (core), defined once for the server and the web. */
export const accountsApi = defineRoutes('accounts', {
  list: { method: 'GET', path: '/accounts', query: ZAccountListQuerySchema, response: pageOf(ZAccountSchema) },
  get: { method: 'GET', path: '/accounts/:id', response: ZAccountSchema },
  create: {
    method: 'POST',
    path: '/accounts',
    summary: 'Create a login account (must change password at first sign-in)',
    body: ZAccountCreateSchema,
    response: ZAccountSchema,
  },
  update: {
    method: 'PATCH',
    path: '/accounts/:id',
    summary: 'Edit, disable or unlock an account',
    body: ZAccountUpdateSchema,
    response: ZAccountSchema,
  },
  resetPassword: {
    method: 'POST',
    path: '/accounts/:id/password',
    summary: 'Reset a password (ends the account’s sessions)',
    body: ZResetPasswordSchema,
    response: ZOkSchema,
  },
  breakGlassList: {
    method: 'GET',
    path: '/accounts/break-glass',
    summary: 'Break-glass requests on the administrators’ accounts (any of the three administrators)',
    response: z.object({ items: z.array(ZBreakGlassSchema) }),
  },
  breakGlassRequest: {
    method: 'POST',
    path: '/accounts/:id/break-glass',
    summary: 'Ask to reset, disable or enable another duty’s administrator account (needs the third duty’s approval)',
    body: ZBreakGlassCreateSchema,
    response: ZBreakGlassSchema,
    status: 201,
  },
  breakGlassApprove: {
    method: 'POST',
    path: '/accounts/break-glass/:id/approve',
    summary: 'Approve and carry out a break-glass request (the third duty)',
    body: ZBreakGlassDecisionSchema,
    response: ZBreakGlassSchema,
  },
  breakGlassReject: {
    method: 'POST',
    path: '/accounts/break-glass/:id/reject',
    summary: 'Reject a break-glass request (the third duty)',
    body: ZBreakGlassDecisionSchema,
    response: ZBreakGlassSchema,
  },
});

/** Roles, permissions and role grants (core). */
export const rolesApi = defineRoutes('roles', {
  permissions: {
    method: 'GET',
    path: '/permissions',
    summary: 'Every permission the platform checks',
    response: z.object({ items: z.array(ZPermissionSchema) }),
  },
  list: { method: 'GET', path: '/roles', response: z.object({ items: z.array(ZRoleSchema) }) },
  create: { method: 'POST', path: '/roles', body: ZRoleCreateSchema, response: ZRoleSchema },
  update: { method: 'PATCH', path: '/roles/:id', body: ZRoleUpdateSchema, response: ZOkSchema },
  remove: { method: 'DELETE', path: '/roles/:id', response: ZOkSchema },
  assign: {
    method: 'POST',
    path: '/role-assignments',
    summary: 'Grant a role at an org node (三员分立 enforced)',
    body: ZAssignmentCreateSchema,
    response: z.object({ id: z.number() }),
  },
  unassign: { method: 'DELETE', path: '/role-assignments/:id', response: ZOkSchema },
});
