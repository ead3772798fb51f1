import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per (job, period). The unique key is what makes a daily job run once even when
 * several server processes share a PostgreSQL: only the process whose INSERT wins runs it.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: serial('id').primaryKey(),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    status: text('status').notNull(), // running | succeeded | failed
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    result: jsonb('result'),
    error: text('error'),
    host: text('host'),
  },
  (t) => [uniqueIndex('job_runs_uq').on(t.job, t.periodKey), index('job_runs_started_idx').on(t.startedAt)],
);
