import { type SQL, and, asc, desc, eq, gte, ilike, lte, sql } from 'drizzle-orm';
import type { TAuditQuery } from '../../../contracts/core/audit';
import type { Executor } from '../../db/client';
import { auditLog } from './audit.schema';

function conditions(tenantId: number, q: Omit<TAuditQuery, 'page' | 'pageSize' | 'sort'>) {
  const c = [eq(auditLog.tenantId, tenantId)];
  if (q.actor) c.push(ilike(auditLog.actorName, `%${q.actor}%`));
  if (q.actorId) c.push(eq(auditLog.actorId, q.actorId));
  // A unit and everything under it, by the materialised path (the caller's scope still applies).
  if (q.orgId)
    c.push(
      sql`${auditLog.orgId} in (select o.id from orgs o where o.tenant_id = ${tenantId} and o.path like (select p.path from orgs p where p.id = ${q.orgId}) || '%')`,
    );
  if (q.action) c.push(eq(auditLog.action, q.action));
  if (q.entityType) c.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) c.push(eq(auditLog.entityId, q.entityId));
  // A bare date is a China day (the auditor reads China time): from its 00:00, through its end.
  const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (q.from) c.push(gte(auditLog.at, new Date(isDay(q.from) ? `${q.from}T00:00:00+08:00` : q.from).toISOString()));
  if (q.to) c.push(lte(auditLog.at, new Date(isDay(q.to) ? `${q.to}T23:59:59.999+08:00` : q.to).toISOString()));
  return and(...c);
}

export const auditRepository = {
  async search(db: Executor, tenantId: number, q: TAuditQuery, limit = q.pageSize, offset = (q.page - 1) * q.pageSize, scope?: SQL) {
    const where = and(conditions(tenantId, q), scope);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
    const rows = await db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(q.sort === 'at' ? asc(auditLog.id) : desc(auditLog.id))
      .limit(limit)
      .offset(offset);
    return { total: n, rows };
  },
};
