import { type SQL, and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../contracts/core/audit.api';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { forbidden } from '../http/errors';
import { mountRoutes } from '../http/route';
import { orgs } from '../org/org.schema';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { inScope } from '../rbac/scope';
import { auditLog } from './audit.schema';
import { auditRepository } from './audit.repository';
import { type AuditAnchor, describeIntegrityProblem, verifyAuditIntegrity, writeAuditAnchors } from './audit.anchors';
import { writeAudit } from './audit.service';
import { accounts } from '../auth/auth.schema';
import { changesText, readableAudits } from './audit.readable';
import { auditFacets } from './audit.vocabulary';
import { EXPORT_BATCH, type ExcelColumn, MAX_EXPORT_ROWS, streamXlsx } from '../excel/excel';

/**
 * The audit export's columns: what the page shows (China time, labels, the changes in words),
 * then the record as stored (codes, before/after JSON, the SM3 chain hash) for verification.
 */
const AUDIT_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'id', headerZh: '记录号', headerEn: 'Record', type: 'number', width: 10 },
  { key: 'atText', headerZh: '时间（北京时间）', headerEn: 'Time (China)', type: 'string', width: 20 },
  { key: 'actorText', headerZh: '操作人', headerEn: 'Actor', type: 'string', width: 14 },
  { key: 'actorName', headerZh: '用户名', headerEn: 'User name', type: 'string', width: 14 },
  { key: 'ip', headerZh: '来源地址', headerEn: 'Address', type: 'string', width: 16 },
  { key: 'actionLabel', headerZh: '操作', headerEn: 'Action', type: 'string', width: 14 },
  { key: 'entityLabel', headerZh: '对象类型', headerEn: 'Record type', type: 'string', width: 16 },
  { key: 'entityId', headerZh: '对象编号', headerEn: 'Record id', type: 'string', width: 10 },
  { key: 'orgName', headerZh: '所属单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'summaryText', headerZh: '摘要', headerEn: 'Summary', type: 'string', width: 40 },
  { key: 'changesText', headerZh: '变更内容', headerEn: 'Changes', type: 'string', width: 60 },
  { key: 'at', headerZh: '时间（UTC，原始）', headerEn: 'Time (UTC, as stored)', type: 'string', width: 24 },
  { key: 'action', headerZh: '操作代码', headerEn: 'Action code', type: 'string', width: 14 },
  { key: 'entityType', headerZh: '对象类型代码', headerEn: 'Record type code', type: 'string', width: 16 },
  { key: 'summary', headerZh: '摘要（原始）', headerEn: 'Summary (as stored)', type: 'string', width: 40 },
  { key: 'before', headerZh: '变更前（原始）', headerEn: 'Before (as stored)', type: 'string', width: 50 },
  { key: 'after', headerZh: '变更后（原始）', headerEn: 'After (as stored)', type: 'string', width: 50 },
  { key: 'hash', headerZh: 'SM3', headerEn: 'SM3', type: 'string', width: 20 },
];

const view = (r: Awaited<ReturnType<typeof auditRepository.search>>['rows'][number]) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  ip: r.ip,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  orgId: r.orgId,
  summary: r.summary,
  before: r.before,
  after: r.after,
  hash: r.hash,
});

/**
 * The audit log is read by the audit administrator only, for the whole tenant: audit
 * records are about actions (logins, grants) as much as about org data, so the scope is the
 * tenant whose root the auditor's grant covers.
 */
async function requireTenantAuditor(db: Db, ctx: AuthContext, permission: string): Promise<{ tenantId: number; scope?: SQL }> {
  if (!ctx.has(permission)) throw forbidden();
  const [root] = await db.select().from(orgs).where(eq(orgs.id, ctx.tenantId));
  if (root && ctx.covers(permission, root)) return { tenantId: ctx.tenantId };
  // An auditor granted below the root sees the records about organisations in that subtree.
  return { tenantId: ctx.tenantId, scope: inScope(ctx, permission, auditLog.orgId) };
}

const anchorView = (a: AuditAnchor) => ({ at: a.at, lastId: a.lastId, hash: a.hash, count: a.count });

export async function auditRoutes(app: FastifyInstance, opts: { db: Db; auditKey: string; dataDir: string }) {
  const { db } = opts;
  mountRoutes(app, auditApi, {
    search: async (req) => {
      const { tenantId, scope } = await requireTenantAuditor(db, requireAuth(req), P['audit.read']);
      const { total, rows } = await auditRepository.search(db, tenantId, req.query, undefined, undefined, scope);
      const items = rows.map(view);
      const readable = await readableAudits(db, tenantId, items, req.locale);
      return { items: items.map((r, i) => ({ ...r, ...readable[i]! })), total };
    },
    facets: async (req) => {
      const ctx = requireAuth(req);
      const { tenantId, scope } = await requireTenantAuditor(db, ctx, P['audit.read']);
      const l = req.locale === 'en' ? 'en' : 'zh';
      // Accounts and units of the auditor's tenant (of its subtree, for an auditor granted below
      // the root): small lists by nature (one row per account or unit), answered whole.
      const [actors, units] = await Promise.all([
        db
          .select({ id: accounts.id, name: accounts.displayName, username: accounts.username })
          .from(accounts)
          .where(and(eq(accounts.tenantId, tenantId), scope ? inScope(ctx, P['audit.read'], accounts.orgId) : undefined))
          .orderBy(asc(accounts.displayName), asc(accounts.id)),
        db
          .select({ id: orgs.id, name: orgs.name })
          .from(orgs)
          .where(
            and(
              eq(orgs.tenantId, tenantId),
              inArray(orgs.kind, ['bureau', 'unit']),
              scope ? inScope(ctx, P['audit.read'], orgs.id) : undefined,
            ),
          )
          .orderBy(asc(orgs.path)),
      ]);
      return {
        ...auditFacets(l),
        actors: actors.map((a) => ({ id: a.id, name: a.name === a.username ? a.name : `${a.name}（${a.username}）` })),
        units,
      };
    },
    verify: async (req) => {
      const { tenantId } = await requireTenantAuditor(db, requireAuth(req), P['audit.read']);
      const r = await verifyAuditIntegrity(db, { tenantId, key: opts.auditKey, dataDir: opts.dataDir });
      const chainBreak = r.problems.find((p) => p.code === 'chain_link' || p.code === 'chain_content');
      const locale = req.locale === 'en' ? 'en' : 'zh';
      return {
        ok: r.ok,
        checked: r.checked,
        ...(chainBreak && 'id' in chainBreak ? { firstBadId: chainBreak.id, reason: describeIntegrityProblem(chainBreak, locale) } : {}),
        verifiedUpTo: r.verifiedUpTo,
        head: { lastId: r.head.lastId, hash: r.head.hash, count: r.head.count, at: r.head.headAt },
        anchors: r.anchors,
        lastAnchor: r.lastAnchor ? anchorView(r.lastAnchor) : null,
        problems: r.problems.map((p) => describeIntegrityProblem(p, locale)),
      };
    },
    anchor: async (req) => {
      const ctx = requireAuth(req);
      const { tenantId } = await requireTenantAuditor(db, ctx, P['audit.read']);
      // The request is recorded first, so the anchor it takes covers its own record.
      await db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'anchor', entityType: 'audit_log' }));
      const [a] = await writeAuditAnchors(db, { key: opts.auditKey, dataDir: opts.dataDir, log: req.log, tenantIds: [tenantId] });
      return { anchor: anchorView(a!) };
    },
    export: async (req, reply) => {
      const ctx = requireAuth(req);
      const { tenantId, scope } = await requireTenantAuditor(db, ctx, P['audit.export']);
      const en = req.locale === 'en';
      // The log grows while it is read (this export adds a line): read newest-first or oldest-first
      // by keyset on the id (`id < last` / `id > last`), never by offset, so no line is read twice or skipped.
      const asc = req.query.sort === 'at';
      const first = await auditRepository.search(db, tenantId, req.query, EXPORT_BATCH, 0, scope);
      const count = Math.min(first.total, MAX_EXPORT_ROWS);
      async function* lines() {
        let rows = first.rows;
        let seen = 0;
        while (rows.length) {
          const batch = rows.slice(0, count - seen).map(view);
          const readable = await readableAudits(db, tenantId, batch, req.locale);
          for (const [i, r] of batch.entries())
            yield {
              ...r,
              ...readable[i]!,
              changesText: changesText(readable[i]!.changes, en ? 'en' : 'zh'),
              before: r.before ? JSON.stringify(r.before) : '',
              after: r.after ? JSON.stringify(r.after) : '',
            };
          seen += rows.length;
          if (seen >= count || rows.length < EXPORT_BATCH) return;
          const last = rows[rows.length - 1]!.id;
          const after = asc ? gt(auditLog.id, last) : lt(auditLog.id, last);
          rows = (await auditRepository.search(db, tenantId, req.query, EXPORT_BATCH, 0, scope ? and(scope, after) : after)).rows;
        }
      }
      await db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'audit_log',
          summary: `${count}/${first.total} rows; filter ${JSON.stringify(req.query)}`,
        }),
      );
      return streamXlsx(reply, {
        columns: AUDIT_EXPORT_COLUMNS,
        rows: lines(),
        locale: req.locale,
        sheetName: en ? 'Audit log' : '审计日志',
        fileName: en ? 'audit-log' : '审计日志',
      });
    },
  });
}
