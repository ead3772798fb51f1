import { isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { sessions } from '../auth/auth.schema';
import { orgs } from '../org/org.schema';
import { defineJob, registerJob } from './jobs.service';

/** The core's own housekeeping jobs. */
export function registerBuiltinJobs(opts: { auditRetentionDays: number; sessionIdleMinutes: number }) {
  registerJob(
    defineJob({
      name: 'sessions.cleanup',
      titleZh: '清理过期会话',
      titleEn: 'Remove expired sessions',
      schedule: { kind: 'every', minutes: 60 },
      run: async ({ db }) => {
        const idleBefore = new Date(Date.now() - opts.sessionIdleMinutes * 60_000);
        const rows = await db
          .delete(sessions)
          .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleBefore)))
          .returning({ id: sessions.id });
        return { removed: rows.length };
      },
      describe: (r) => ({ zh: `清理过期会话 ${r.removed} 个`, en: `${r.removed} expired sessions removed` }),
    }),
  );
  registerJob(
    defineJob({
      name: 'db.analyze',
      titleZh: '更新数据库统计信息',
      titleEn: 'Refresh database statistics',
      // The embedded PGlite has no autovacuum: without fresh statistics the planner misjudges
      // large tables after bulk imports (nested loops over 20,000 rows). PostgreSQL does this
      // itself; running it there as well is harmless.
      schedule: { kind: 'every', minutes: 360 },
      run: async ({ db }) => {
        const t0 = Date.now();
        await db.execute(sql`analyze`);
        return { ms: Date.now() - t0 };
      },
      describe: (r) => ({ zh: `统计信息已更新，用时 ${r.ms} 毫秒`, en: `Statistics refreshed in ${r.ms} ms` }),
    }),
  );
  registerJob(
    defineJob({
      name: 'audit.retention',
      titleZh: '审计日志保留期清理',
      titleEn: 'Audit log retention',
      schedule: { kind: 'daily', at: '02:30' },
      run: async ({ db }) => {
        // Records older than the retention period leave from the start of each chain; the
        // anchor keeps what remains verifiable (see audit_purge in the migrations).
        const roots = await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId));
        let purged = 0;
        for (const r of roots) {
          const [row] = await queryRows<{ n: number }>(
            db,
            sql`select audit_purge(${r.id}, now() - make_interval(days => ${opts.auditRetentionDays})) as n`,
          );
          purged += Number(row?.n ?? 0);
        }
        return { purged, retentionDays: opts.auditRetentionDays };
      },
      describe: (r) => ({
        zh: `清理超过保留期（${r.retentionDays} 天）的审计记录 ${r.purged} 条`,
        en: `${r.purged} audit records older than the retention period (${r.retentionDays} days) removed`,
      }),
    }),
  );
}
