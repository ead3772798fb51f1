import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client';
import type { AuditActor } from '../rbac/context';
import { auditAnchors, auditLog } from './audit.schema';
import { GENESIS_HASH, chainHash, maskForAudit, maskFreeText } from './audit.chain';

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
  // After a retention purge has emptied the chain, it continues from the purge anchor.
  const prevHash = last?.hash ?? (await purgeAnchorOf(tx, actor.tenantId))?.prevHash ?? GENESIS_HASH;
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
    summary: entry.summary === undefined || entry.summary === null ? null : maskFreeText(entry.summary),
    before: entry.before === undefined ? null : maskForAudit(entry.before),
    after: entry.after === undefined ? null : maskForAudit(entry.after),
  };
  const hash = chainHash(prevHash, record);
  await tx.insert(auditLog).values({ ...record, prevHash, hash });
}

/** Where the retained chain starts after a retention purge (none: the chain starts at genesis). */
export async function purgeAnchorOf(db: Executor, tenantId: number) {
  const [anchor] = await db.select().from(auditAnchors).where(eq(auditAnchors.tenantId, tenantId));
  return anchor;
}

/** `link`: a record was removed or inserted before this one; `content`: this record was altered. */
export type ChainBreak = 'link' | 'content';
export type VerifyResult =
  | { ok: true; checked: number; lastId: number; lastHash: string }
  | { ok: false; checked: number; firstBadId: number; reason: string; kind: ChainBreak };
export type ChainRecord = { id: number; hash: string; at: string };

/**
 * Recomputes a tenant's chain from its purge anchor (or genesis) and names the first bad
 * record. `onRecord` sees every verified record with its position (1-based) in the retained
 * chain, so anchors can be compared in the same pass.
 */
export async function verifyAuditChain(
  db: Executor,
  tenantId: number,
  onRecord?: (r: ChainRecord, position: number) => void,
): Promise<VerifyResult> {
  const anchor = await purgeAnchorOf(db, tenantId);
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
          kind: 'link',
          reason: 'previous hash does not match (a record was removed or inserted before this one)',
        };
      }
      const expected = chainHash(prev, { ...r, at });
      if (expected !== r.hash)
        return {
          ok: false,
          checked,
          firstBadId: r.id,
          kind: 'content',
          reason: 'content does not match its hash (the record was altered)',
        };
      prev = r.hash;
      lastId = r.id;
      checked++;
      onRecord?.({ id: r.id, hash: r.hash, at }, checked);
    }
    if (rows.length < BATCH) break;
  }
  return { ok: true, checked, lastId, lastHash: prev };
}
