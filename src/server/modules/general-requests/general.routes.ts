import type { FastifyInstance } from 'fastify';
import { generalRequestsApi } from '../../../contracts/modules/general-requests.api';
import { mountRoutes, requireAuth } from '../../core';
import type { GeneralRequestService } from './general.service';

export async function generalRoutes(app: FastifyInstance, opts: { svc: GeneralRequestService }) {
  mountRoutes(app, generalRequestsApi, {
    create: async (req) => opts.svc.create(requireAuth(req), req.body),
    list: async (req) => opts.svc.list(requireAuth(req), req.query),
    get: async (req) => opts.svc.get(requireAuth(req), req.params.id),
    revise: async (req) => opts.svc.reviseAndResubmit(requireAuth(req), req.params.id, req.body),
  });
}
