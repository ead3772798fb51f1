import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client';
import type { AuditActor } from '../rbac/context';
import { auditAnchors, auditLog } from './audit.schema';
import { GENESIS_HASH, chainHash, maskForAudit } from './audit.chain';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgId?: number | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends one record to the tenant's chain. Call it inside the transaction that makes the
 * change, so the change and its audit record commit or roll back together. The advisory
 * lock serialises appends per tenant (the chain needs the previous hash); it is released at
 * commit.
 */
export async function writeAudit(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7202, ${actor.tenantId})`);
  const [last] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenantId, actor.tenantId))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const [{ id }] = await queryRows<{ id: string }>(tx, sql`select nextval('audit_log_id_seq') as id`);
  const record = {
    id: Number(id),
    tenantId: actor.tenantId,
    at: new Date().toISOString(),
    actorId: actor.actorId,
    actorName: actor.actorName,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    orgId: entry.orgId ?? null,
    summary: entry.summary ?? null,
    before: entry.before === undefined ? null : maskForAudit(entry.before),
    after: entry.after === undefined ? null : maskForAudit(entry.after),
  };
  const hash = chainHash(prevHash, record);
  await tx.insert(auditLog).values({ ...record, prevHash, hash });
}

export type VerifyResult = { ok: true; checked: number } | { ok: false; checked: number; firstBadId: number; reason: string };

/** Recomputes a tenant's chain from its anchor (or genesis) and names the first bad record. */
export async function verifyAuditChain(db: Executor, tenantId: number): Promise<VerifyResult> {
  const [anchor] = await db.select().from(auditAnchors).where(eq(auditAnchors.tenantId, tenantId));
  let prev = anchor?.prevHash ?? GENESIS_HASH;
  let lastId = anchor ? anchor.firstId - 1 : 0;
  let checked = 0;
  const BATCH = 5000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), gt(auditLog.id, lastId)))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    for (const r of rows) {
      const at = new Date(r.at).toISOString();
      if (r.prevHash !== prev) {
        return {
          ok: false,
          checked,
          firstBadId: r.id,
          reason: 'previous hash does not match (a record was removed or inserted before this one)',
        };
      }
      const expected = chainHash(prev, { ...r, at });
      if (expected !== r.hash)
        return { ok: false, checked, firstBadId: r.id, reason: 'content does not match its hash (the record was altered)' };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  return { ok: true, checked };
}
