import os from 'node:os';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { notFound } from '../http/errors';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { jobRuns } from './jobs.schema';
import { CN_OFFSET_MS, cnDate, now as clockNow } from '../util/dates';

export type JobSchedule = { kind: 'daily'; at: string } | { kind: 'every'; minutes: number };
/** The part of a logger jobs use: pino (the server's) and console both fit. */
export type JobLog = { error: (obj: object, msg?: string) => void; info: (obj: object, msg?: string) => void };
export type JobContext = { db: Db; log: JobLog; periodKey: string };
/** What a run did, in both languages, for the jobs page (a run's stored result is for machines). */
export type JobSummary = { zh: string; en: string };
export type Job<R = unknown> = {
  name: string;
  titleZh: string;
  titleEn: string;
  schedule: JobSchedule;
  run: (ctx: JobContext) => Promise<R>;
  /** Says what a successful run did ("3 expired sessions removed"); the page never shows the raw result. */
  describe: (result: R) => JobSummary;
};

/**
 * Defines a job with its result typed from `run`, so `describe` reads the fields `run` returns.
 * Jobs that work tenant by tenant return `{ [tenantId]: result }`; `sumOver` adds one field up.
 */
export const defineJob = <R>(job: Job<R>): Job => job as unknown as Job;
export const sumOver = <T extends Record<string, unknown>>(perTenant: Record<string, T>, key: keyof T): number =>
  Object.values(perTenant).reduce((n, r) => n + Number(r[key] ?? 0), 0);

const jobs = new Map<string, Job>();
/** Modules register their daily and periodic jobs (reminders, overdue lists, anomaly scans). */
export function registerJob(job: Job): void {
  jobs.set(job.name, job);
}
export const registeredJobs = () => [...jobs.values()];

/** Business days and "daily at 02:30" are China time (UTC+8, no daylight saving): the core clock's offset. */
const cnNow = (at: Date) => new Date(at.getTime() + CN_OFFSET_MS);

/** The period a job run belongs to; at most one run per (job, period) ever starts. */
export function periodKey(s: JobSchedule, now: Date): string | null {
  if (s.kind === 'every') {
    const slot = Math.floor(now.getTime() / (s.minutes * 60_000));
    return new Date(slot * s.minutes * 60_000).toISOString().slice(0, 16);
  }
  const local = cnNow(now);
  const hhmm = local.toISOString().slice(11, 16);
  return hhmm >= s.at ? cnDate(now) : null;
}

const STALE_MS = 3600_000;

/**
 * Runs due jobs exactly once per period across every process sharing the database: a run is
 * claimed by inserting its (job, period) row; the unique key lets only one insert win.
 * Jobs must be idempotent (a failed run is not retried until the next period or by hand).
 */
export class JobsService {
  private timer: NodeJS.Timeout | null = null;
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private log: JobLog,
  ) {}

  async claim(name: string, key: string): Promise<number | null> {
    const rows = await this.db
      .insert(jobRuns)
      .values({ job: name, periodKey: key, status: 'running', host: `${os.hostname()}:${process.pid}` })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id });
    return rows[0]?.id ?? null;
  }

  private async execute(job: Job, runId: number, key: string): Promise<{ status: string; result?: unknown; error?: string }> {
    const t0 = Date.now();
    try {
      const result = await job.run({ db: this.db, log: this.log, periodKey: key });
      await this.db
        .update(jobRuns)
        .set({ status: 'succeeded', finishedAt: new Date(), durationMs: Date.now() - t0, result: (result ?? null) as never })
        .where(eq(jobRuns.id, runId));
      return { status: 'succeeded', result };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.log.error({ job: job.name, err }, 'job failed');
      await this.db
        .update(jobRuns)
        .set({ status: 'failed', finishedAt: new Date(), durationMs: Date.now() - t0, error: error.slice(0, 2000) })
        .where(eq(jobRuns.id, runId));
      return { status: 'failed', error };
    }
  }

  /** One scheduler tick: mark stale runs failed, then claim and run what is due. */
  async tick(now = clockNow()): Promise<string[]> {
    await this.db
      .update(jobRuns)
      .set({ status: 'failed', finishedAt: now, error: 'abandoned (process stopped while running)' })
      .where(and(eq(jobRuns.status, 'running'), lt(jobRuns.startedAt, new Date(now.getTime() - STALE_MS))));
    const ran: string[] = [];
    for (const job of jobs.values()) {
      const key = periodKey(job.schedule, now);
      if (!key) continue;
      const id = await this.claim(job.name, key);
      if (id === null) continue;
      ran.push(job.name);
      const p = this.execute(job, id, key);
      this.running.add(p);
      await p.finally(() => this.running.delete(p));
    }
    return ran;
  }

  setLogger(log: JobLog): void {
    this.log = log;
  }

  start(intervalMs = 30_000): void {
    if (this.timer) return;
    const loop = () => {
      this.tick().catch((err) => this.log.error({ err }, 'scheduler tick failed'));
    };
    this.timer = setInterval(loop, intervalMs);
    this.timer.unref(); // never keeps the process alive on shutdown
    setTimeout(loop, 2_000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  async runNow(ctx: AuthContext, name: string) {
    ctx.require(P['jobs.run']);
    const job = jobs.get(name);
    if (!job) throw notFound('job');
    const key = `manual:${new Date().toISOString()}`;
    const id = await this.claim(name, key);
    await this.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'run', entityType: 'job', entityId: name, summary: key }));
    return { runId: id!, ...(await this.execute(job, id!, key)) };
  }

  async list(ctx: AuthContext) {
    ctx.require(P['jobs.read']);
    const out = [];
    for (const j of jobs.values()) {
      const [last] = await this.db.select().from(jobRuns).where(eq(jobRuns.job, j.name)).orderBy(desc(jobRuns.startedAt)).limit(1);
      out.push({
        name: j.name,
        title: ctx.locale === 'en' ? j.titleEn : j.titleZh,
        schedule: scheduleText(j.schedule, ctx.locale),
        lastRun: last ? runView(last, ctx.locale) : null,
      });
    }
    return out;
  }

  async runs(ctx: AuthContext, q: { job?: string; page: number; pageSize: number }) {
    ctx.require(P['jobs.read']);
    const where = q.job ? eq(jobRuns.job, q.job) : undefined;
    const [{ n }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(jobRuns).where(where);
    const rows = await this.db
      .select()
      .from(jobRuns)
      .where(where)
      .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { total: n, items: rows.map((r) => runView(r, ctx.locale)) };
  }
}

const scheduleText = (s: JobSchedule, locale: string) =>
  s.kind === 'daily'
    ? locale === 'en'
      ? `Daily at ${s.at} (China time)`
      : `每天 ${s.at}（北京时间）`
    : locale === 'en'
      ? `Every ${s.minutes} minutes`
      : `每 ${s.minutes} 分钟`;

/** The readable summary of a stored result; a job removed since, or a result it cannot read, has none. */
function summaryOf(r: typeof jobRuns.$inferSelect, locale: string): string | null {
  const job = jobs.get(r.job);
  if (!job || r.status !== 'succeeded' || r.result === null) return null;
  try {
    const s = job.describe(r.result);
    return locale === 'en' ? s.en : s.zh;
  } catch {
    return null;
  }
}

function runView(r: typeof jobRuns.$inferSelect, locale: string) {
  const job = jobs.get(r.job);
  return {
    id: r.id,
    job: r.job,
    title: job ? (locale === 'en' ? job.titleEn : job.titleZh) : r.job,
    manual: r.periodKey.startsWith('manual:'),
    summary: summaryOf(r, locale),
    periodKey: r.periodKey,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    result: r.result ?? null,
    error: r.error,
    host: r.host,
  };
}
