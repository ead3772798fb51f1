import type { FastifyInstance } from 'fastify';
import { accountsApi, rolesApi } from '../../../contracts/core/accounts.api';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import { P, allPermissions } from '../rbac/permissions';
import type { AccountsService } from './accounts.service';

export async function accountsRoutes(app: FastifyInstance, opts: { accounts: AccountsService }) {
  const svc = opts.accounts;
  mountRoutes(app, accountsApi, {
    list: async (req) => svc.list(requireAuth(req), req.query),
    get: async (req) => svc.get(requireAuth(req), req.params.id),
    create: async (req) => svc.create(requireAuth(req), req.body),
    update: async (req) => svc.update(requireAuth(req), req.params.id, req.body),
    resetPassword: async (req) => {
      await svc.resetPassword(requireAuth(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
    breakGlassList: async (req) => ({ items: await svc.breakGlassList(requireAuth(req)) }),
    breakGlassRequest: async (req) => svc.breakGlassRequest(requireAuth(req), req.params.id, req.body),
    breakGlassApprove: async (req) => svc.breakGlassDecide(requireAuth(req), req.params.id, true, req.body.note),
    breakGlassReject: async (req) => svc.breakGlassDecide(requireAuth(req), req.params.id, false, req.body.note),
  });

  mountRoutes(app, rolesApi, {
    permissions: async (req) => {
      requireAuth(req).require(P['roles.read']);
      return { items: allPermissions() };
    },
    list: async (req) => ({ items: await svc.listRoles(requireAuth(req)) }),
    create: async (req) => svc.createRole(requireAuth(req), req.body),
    update: async (req) => {
      await svc.updateRole(requireAuth(req), req.params.id, req.body);
      return { ok: true as const };
    },
    remove: async (req) => {
      await svc.deleteRole(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
    assign: async (req) => svc.assign(requireAuth(req), req.body),
    unassign: async (req) => {
      await svc.unassign(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  });
}
