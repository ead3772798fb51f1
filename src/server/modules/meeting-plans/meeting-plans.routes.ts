import type { FastifyInstance } from 'fastify';
import { meetingPlansApi } from '../../../contracts/modules/meeting-plans.api';
import { mountRoutes, requireAuth } from '../../core';
import type { MeetingPlansService } from './plans.service';

/** Thin HTTP layer: the routes are defined in the contract (meetingPlansApi), sign-in, one service call. */
export async function meetingPlanRoutes(app: FastifyInstance, opts: { svc: MeetingPlansService }) {
  const svc = opts.svc;
  mountRoutes(app, meetingPlansApi, {
    plans: async (req) => svc.list(requireAuth(req), req.query),
    createPlan: async (req) => svc.create(requireAuth(req), req.body),
    previewPlan: async (req) => svc.preview(requireAuth(req), req.body),
    plan: async (req) => svc.get(requireAuth(req), req.params.id),
    submitPlan: async (req) => svc.submit(requireAuth(req), req.params.id),
    settlePlan: async (req) => svc.settle(requireAuth(req), req.params.id, req.body),
  });
}
