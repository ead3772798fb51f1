import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZOkSchema } from '../../../contracts/common';
import { ZOrgCreateSchema, ZOrgListQuerySchema, ZOrgSchema, ZOrgUpdateSchema } from '../../../contracts/core/org';
import { requireAuth } from '../auth/auth.plugin';
import { type OrgService, toOrgView } from './org.service';

const tags = ['org'];

export async function orgRoutes(appBase: FastifyInstance, opts: { orgs: OrgService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.orgs;

  app.get(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: 'Organisation nodes visible to the caller (flat; build the tree from parentId)',
        querystring: ZOrgListQuerySchema,
        response: { 200: z.object({ items: z.array(ZOrgSchema), total: z.number() }) },
      },
    },
    async (req) => {
      const items = (await svc.list(requireAuth(req), req.query)).map(toOrgView);
      return { items, total: items.length };
    },
  );

  app.get('/api/v1/orgs/:id', { schema: { tags, params: ZIdParamSchema, response: { 200: ZOrgSchema } } }, async (req) =>
    toOrgView(await svc.get(requireAuth(req), req.params.id)),
  );

  app.post(
    '/api/v1/orgs',
    { schema: { tags, summary: 'Create a bureau, unit, department or site group', body: ZOrgCreateSchema, response: { 200: ZOrgSchema } } },
    async (req) => toOrgView(await svc.create(requireAuth(req), req.body)),
  );

  app.patch(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Edit, move (parentId) or deactivate (status) a node',
        params: ZIdParamSchema,
        body: ZOrgUpdateSchema,
        response: { 200: ZOrgSchema },
      },
    },
    async (req) => toOrgView(await svc.update(requireAuth(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a node nothing refers to (otherwise 409: deactivate it)',
        params: ZIdParamSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await svc.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
}
