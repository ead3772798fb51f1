import { z } from 'zod';
import { pageOf, ZPageNo, zPageSize } from '../common';
import { defineRoutes } from '../route';

export const ZJobRunSchema = z.object({
  id: z.number(),
  job: z.string(),
  /** The job's name in the caller's language. */
  title: z.string(),
  /** Started by hand ("run now") rather than by the schedule. */
  manual: z.boolean(),
  /** What the run did, in the caller's language (null while running, on failure, or for a job no longer registered). */
  summary: z.string().nullable(),
  periodKey: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  host: z.string().nullable(),
});
export type TJobRun = z.infer<typeof ZJobRunSchema>;

/** The scheduled jobs' HTTP routes (core), defined once for the server and the web. */
export const jobsApi = defineRoutes('jobs', {
  list: {
    method: 'GET',
    path: '/jobs',
    summary: 'Registered scheduled jobs and their last run',
    response: z.object({
      items: z.array(z.object({ name: z.string(), title: z.string(), schedule: z.string(), lastRun: ZJobRunSchema.nullable() })),
    }),
  },
  runs: {
    method: 'GET',
    path: '/jobs/runs',
    summary: 'Run history',
    query: z.object({
      job: z.string().max(60).optional(),
      page: ZPageNo.default(1),
      pageSize: zPageSize(),
    }),
    response: pageOf(ZJobRunSchema),
  },
  run: {
    method: 'POST',
    path: '/jobs/:name/run',
    summary: 'Run a job now (recorded as a manual run)',
    params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_.-]{1,59}$/) }),
    response: z.object({ runId: z.number(), status: z.string(), result: z.unknown().optional(), error: z.string().optional() }),
  },
});
