import { type SQL, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../contracts/core/audit.api';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { loadExcelJS } from '../excel/excel';
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
import { cnToday } from '../util/dates';

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
      return { items: rows.map(view), total };
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
      const { rows, total } = await auditRepository.search(db, tenantId, req.query, 50_000, 0, scope);
      const en = req.locale === 'en';
      const wb = new (await loadExcelJS()).Workbook();
      const ws = wb.addWorksheet(en ? 'Audit log' : '审计日志');
      ws.columns = [
        { header: en ? 'Time' : '时间', key: 'at', width: 24 },
        { header: en ? 'Actor' : '操作人', key: 'actorName', width: 14 },
        { header: en ? 'Address' : '来源地址', key: 'ip', width: 16 },
        { header: en ? 'Action' : '操作', key: 'action', width: 14 },
        { header: en ? 'Entity' : '对象类型', key: 'entityType', width: 16 },
        { header: en ? 'Entity id' : '对象编号', key: 'entityId', width: 10 },
        { header: en ? 'Summary' : '摘要', key: 'summary', width: 40 },
        { header: en ? 'Before' : '变更前', key: 'before', width: 50 },
        { header: en ? 'After' : '变更后', key: 'after', width: 50 },
        { header: 'SM3', key: 'hash', width: 20 },
      ];
      for (const r of rows) {
        ws.addRow({ ...view(r), before: r.before ? JSON.stringify(r.before) : '', after: r.after ? JSON.stringify(r.after) : '' });
      }
      ws.getRow(1).font = { bold: true };
      await db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'audit_log',
          summary: `${rows.length}/${total} rows; filter ${JSON.stringify(req.query)}`,
        }),
      );
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const name = `${en ? 'audit-log' : '审计日志'}-${cnToday()}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buf);
    },
  });
}
