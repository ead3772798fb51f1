import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZAccountCreateSchema,
  ZAccountListQuerySchema,
  ZAccountSchema,
  ZAccountUpdateSchema,
  ZAssignmentCreateSchema,
  ZPermissionSchema,
  ZResetPasswordSchema,
  ZRoleCreateSchema,
  ZRoleSchema,
  ZRoleUpdateSchema,
} from '../../../contracts/core/accounts';
import { requireAuth } from '../auth/auth.plugin';
import { P, allPermissions } from '../rbac/permissions';
import type { AccountsService } from './accounts.service';

export async function accountsRoutes(appBase: FastifyInstance, opts: { accounts: AccountsService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.accounts;
  const tags = ['accounts'];

  app.get(
    '/api/v1/accounts',
    { schema: { tags, querystring: ZAccountListQuerySchema, response: { 200: pageOf(ZAccountSchema) } } },
    async (req) => svc.list(requireAuth(req), req.query),
  );
  app.get('/api/v1/accounts/:id', { schema: { tags, params: ZIdParamSchema, response: { 200: ZAccountSchema } } }, async (req) =>
    svc.get(requireAuth(req), req.params.id),
  );
  app.post(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Create a login account (must change password at first sign-in)',
        body: ZAccountCreateSchema,
        response: { 200: ZAccountSchema },
      },
    },
    async (req) => svc.create(requireAuth(req), req.body),
  );
  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Edit, disable or unlock an account',
        params: ZIdParamSchema,
        body: ZAccountUpdateSchema,
        response: { 200: ZAccountSchema },
      },
    },
    async (req) => svc.update(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/accounts/:id/password',
    {
      schema: {
        tags,
        summary: 'Reset a password (ends the account’s sessions)',
        params: ZIdParamSchema,
        body: ZResetPasswordSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await svc.resetPassword(requireAuth(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );

  const rtags = ['roles'];
  app.get(
    '/api/v1/permissions',
    {
      schema: {
        tags: rtags,
        summary: 'Every permission the platform checks',
        response: { 200: z.object({ items: z.array(ZPermissionSchema) }) },
      },
    },
    async (req) => {
      requireAuth(req).require(P['roles.read']);
      return { items: allPermissions() };
    },
  );
  app.get('/api/v1/roles', { schema: { tags: rtags, response: { 200: z.object({ items: z.array(ZRoleSchema) }) } } }, async (req) => ({
    items: await svc.listRoles(requireAuth(req)),
  }));
  app.post('/api/v1/roles', { schema: { tags: rtags, body: ZRoleCreateSchema, response: { 200: ZRoleSchema } } }, async (req) =>
    svc.createRole(requireAuth(req), req.body),
  );
  app.patch(
    '/api/v1/roles/:id',
    { schema: { tags: rtags, params: ZIdParamSchema, body: ZRoleUpdateSchema, response: { 200: ZOkSchema } } },
    async (req) => {
      await svc.updateRole(requireAuth(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.delete('/api/v1/roles/:id', { schema: { tags: rtags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) => {
    await svc.deleteRole(requireAuth(req), req.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/v1/role-assignments',
    {
      schema: {
        tags: rtags,
        summary: 'Grant a role at an org node (三员分立 enforced)',
        body: ZAssignmentCreateSchema,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => svc.assign(requireAuth(req), req.body),
  );
  app.delete(
    '/api/v1/role-assignments/:id',
    { schema: { tags: rtags, params: ZIdParamSchema, response: { 200: ZOkSchema } } },
    async (req) => {
      await svc.unassign(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
}
