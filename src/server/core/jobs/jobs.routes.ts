import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contracts/common';
import { requireAuth } from '../auth/auth.plugin';
import type { JobsService } from './jobs.service';

const ZRun = z.object({
  id: z.number(),
  job: z.string(),
  periodKey: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  host: z.string().nullable(),
});

export async function jobsRoutes(appBase: FastifyInstance, opts: { jobs: JobsService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Registered scheduled jobs and their last run',
        response: {
          200: z.object({
            items: z.array(z.object({ name: z.string(), title: z.string(), schedule: z.string(), lastRun: ZRun.nullable() })),
          }),
        },
      },
    },
    async (req) => ({
      items: await opts.jobs.list(requireAuth(req)),
    }),
  );
  app.get(
    '/api/v1/jobs/runs',
    {
      schema: {
        tags,
        summary: 'Run history',
        querystring: z.object({
          job: z.string().max(60).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(ZRun) },
      },
    },
    async (req) => opts.jobs.runs(requireAuth(req), req.query),
  );
  app.post(
    '/api/v1/jobs/:name/run',
    {
      schema: {
        tags,
        summary: 'Run a job now (recorded as a manual run)',
        params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_.-]{1,59}$/) }),
        response: {
          200: z.object({ runId: z.number(), status: z.string(), result: z.unknown().optional(), error: z.string().optional() }),
        },
      },
    },
    async (req) => opts.jobs.runNow(requireAuth(req), req.params.name),
  );
}
