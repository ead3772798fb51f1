import type { FastifyInstance } from 'fastify';
import { orgApi } from '../../../contracts/core/org.api';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import { type OrgService, toOrgView } from './org.service';

export async function orgRoutes(app: FastifyInstance, opts: { orgs: OrgService }) {
  const svc = opts.orgs;
  mountRoutes(app, orgApi, {
    list: async (req) => {
      const items = (await svc.list(requireAuth(req), req.query)).map(toOrgView);
      return { items, total: items.length };
    },
    get: async (req) => toOrgView(await svc.get(requireAuth(req), req.params.id)),
    create: async (req) => toOrgView(await svc.create(requireAuth(req), req.body)),
    update: async (req) => toOrgView(await svc.update(requireAuth(req), req.params.id, req.body)),
    remove: async (req) => {
      await svc.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  });
}
