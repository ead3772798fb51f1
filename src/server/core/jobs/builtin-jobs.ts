import { isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { writeAuditAnchors } from '../audit/audit.anchors';
import { sessions } from '../auth/auth.schema';
import { orgs } from '../org/org.schema';
import { defineJob, registerJob } from './jobs.service';

/** The core's own housekeeping jobs. */
export function registerBuiltinJobs(opts: {
  auditRetentionDays: number;
  sessionIdleMinutes: number;
  /** The audit key and where anchors are written (out of the database). */
  auditKey: string;
  dataDir: string;
}) {
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
  registerJob(
    defineJob({
      name: 'audit.anchor',
      titleZh: '审计日志链头锚定',
      titleEn: 'Anchor the audit chain',
      // Each anchor seals every tenant's chain head (HMAC-SM3) into a file and the log, out of the
      // database: deleting or rewriting anything anchored is detected by `npm run audit:verify`.
      // Hourly, so at most an hour of records stands on the chain alone.
      schedule: { kind: 'every', minutes: 60 },
      run: async ({ db, log }) => {
        const anchors = await writeAuditAnchors(db, { key: opts.auditKey, dataDir: opts.dataDir, log });
        return { tenants: anchors.length, records: anchors.reduce((n, a) => n + a.count, 0) };
      },
      describe: (r) => ({
        zh: `已锚定 ${r.tenants} 个租户的审计链（共 ${r.records} 条记录）`,
        en: `Audit chains of ${r.tenants} tenants anchored (${r.records} records)`,
      }),
    }),
  );
}
