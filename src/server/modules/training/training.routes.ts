import type { FastifyInstance } from 'fastify';
import { trainingApi } from '../../../contracts/modules/training.api';
import { mountRoutes, requireAuth } from '../../core';
import type { TrainingService } from './training.service';

/** Thin HTTP layer: the routes are defined in the contract (trainingApi), sign-in, one service call. */
export async function trainingRoutes(app: FastifyInstance, opts: { svc: TrainingService }) {
  const svc = opts.svc;
  mountRoutes(app, trainingApi, {
    centres: async (req) => svc.centres(requireAuth(req)),
    createCentre: async (req) => svc.createCentre(requireAuth(req), req.body),
    addRoom: async (req) => svc.addRoom(requireAuth(req), req.params.id, req.body),
    board: async (req) => svc.board(requireAuth(req), req.params.id, req.query),
    housekeeping: async (req) => svc.housekeeping(requireAuth(req), req.params.id, req.body.status),
    classes: async (req) => svc.classes(requireAuth(req), req.query),
    createClass: async (req) => svc.createClass(requireAuth(req), req.body),
    class: async (req) => svc.getClass(requireAuth(req), req.params.id),
    addTrainees: async (req) => svc.addTrainees(requireAuth(req), req.params.id, req.body.trainees),
    autoAllocate: async (req) => svc.autoAllocate(requireAuth(req), req.params.id),
    allocate: async (req) => svc.allocate(requireAuth(req), req.params.id, req.body),
    checkIn: async (req) => svc.checkIn(requireAuth(req), req.params.id),
    checkOut: async (req) => svc.checkOut(requireAuth(req), req.params.id),
    settle: async (req) => svc.settle(requireAuth(req), req.params.id, req.body),
  });
}
