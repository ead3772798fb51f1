import { type SQL, and, asc, desc, eq, gte, ilike, lte, sql } from 'drizzle-orm';
import type { TAuditQuery } from '../../../contracts/core/audit';
import type { Executor } from '../../db/client';
import { auditLog } from './audit.schema';

function conditions(tenantId: number, q: Omit<TAuditQuery, 'page' | 'pageSize' | 'sort'>) {
  const c = [eq(auditLog.tenantId, tenantId)];
  if (q.actor) c.push(ilike(auditLog.actorName, `%${q.actor}%`));
  if (q.action) c.push(eq(auditLog.action, q.action));
  if (q.entityType) c.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) c.push(eq(auditLog.entityId, q.entityId));
  if (q.from) c.push(gte(auditLog.at, new Date(q.from).toISOString()));
  // A bare date as the upper bound means "through the end of that day".
  if (q.to) c.push(lte(auditLog.at, /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : new Date(q.to).toISOString()));
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
