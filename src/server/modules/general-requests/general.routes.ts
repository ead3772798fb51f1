import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, pageOf } from '../../../contracts/common';
import { ZGeneralRequestCreateSchema, ZGeneralRequestSchema } from '../../../contracts/core/approval';
import { requireAuth } from '../../core';
import type { GeneralRequestService } from './general.service';

export async function generalRoutes(appBase: FastifyInstance, opts: { svc: GeneralRequestService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['general requests'];
  app.post(
    '/api/v1/general-requests',
    {
      schema: {
        tags,
        summary: 'Submit a general request (creates and submits its approval)',
        body: ZGeneralRequestCreateSchema,
        response: { 200: ZGeneralRequestSchema },
      },
    },
    async (req) => opts.svc.create(requireAuth(req), req.body),
  );
  app.get(
    '/api/v1/general-requests',
    {
      schema: {
        tags,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
        }),
        response: { 200: pageOf(ZGeneralRequestSchema) },
      },
    },
    async (req) => opts.svc.list(requireAuth(req), req.query),
  );
  app.get(
    '/api/v1/general-requests/:id',
    { schema: { tags, params: ZIdParamSchema, response: { 200: ZGeneralRequestSchema } } },
    async (req) => opts.svc.get(requireAuth(req), req.params.id),
  );
  app.patch(
    '/api/v1/general-requests/:id',
    {
      schema: {
        tags,
        summary: 'Revise a returned request and resubmit it',
        params: ZIdParamSchema,
        body: ZGeneralRequestCreateSchema,
        response: { 200: ZGeneralRequestSchema },
      },
    },
    async (req) => opts.svc.reviseAndResubmit(requireAuth(req), req.params.id, req.body),
  );
}
