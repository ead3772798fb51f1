import type { FastifyInstance } from 'fastify';
import { meetingServicesApi } from '../../../contracts/modules/meeting-services.api';
import { mountRoutes, requireAuth } from '../../core';
import type { ServiceOrderService } from './services.service';

/** Thin HTTP layer: the routes are defined in the contract, sign-in, one service call. */
export async function meetingServiceRoutes(app: FastifyInstance, opts: { svc: ServiceOrderService }) {
  const s = opts.svc;
  mountRoutes(app, meetingServicesApi, {
    serviceOrders: async (req) => s.list(requireAuth(req), req.query),
    createServiceOrder: async (req) => s.create(requireAuth(req), req.body),
    serviceStaff: async (req) => s.staff(requireAuth(req)),
    serviceTasks: async (req) => s.tasks(requireAuth(req), req.query),
    tickServiceTask: async (req) => s.tick(requireAuth(req), req.params.id, req.body),
    serviceOrder: async (req) => s.get(requireAuth(req), req.params.id),
    acceptServiceOrder: async (req) => s.accept(requireAuth(req), req.params.id, req.body.assigneeId),
    cancelServiceOrder: async (req) => s.cancel(requireAuth(req), req.params.id, req.body.reason),
  });
}
