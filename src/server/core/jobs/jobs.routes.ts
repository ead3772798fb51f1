import type { FastifyInstance } from 'fastify';
import { jobsApi } from '../../../contracts/core/jobs.api';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import type { JobsService } from './jobs.service';

export async function jobsRoutes(app: FastifyInstance, opts: { jobs: JobsService }) {
  mountRoutes(app, jobsApi, {
    list: async (req) => ({ items: await opts.jobs.list(requireAuth(req)) }),
    runs: async (req) => opts.jobs.runs(requireAuth(req), req.query),
    run: async (req) => opts.jobs.runNow(requireAuth(req), req.params.name),
  });
}
