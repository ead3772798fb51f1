import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, SM3 hash-chained audit log. Each record's hash covers its content and the
 * previous record's hash (per tenant chain), so an edit, insertion or deletion in the middle
 * breaks verification from that record on. UPDATE and DELETE are refused by a trigger
 * (see the custom migration); retention purges go through `audit_purge()` which records an anchor.
 * Primary key includes tenant_id so the table can be distributed by it on Citus.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(), // create | update | delete | login | logout | login_failed | permission | export | …
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    orgId: integer('org_id'),
    summary: text('summary'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_at_idx').on(t.tenantId, t.at),
    index('audit_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    index('audit_actor_idx').on(t.tenantId, t.actorId, t.at),
  ],
);

/** Where a verified chain starts after a retention purge: the hash of the last purged record. */
export const auditAnchors = pgTable('audit_anchors', {
  tenantId: integer('tenant_id').primaryKey(),
  firstId: bigint('first_id', { mode: 'number' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  purgedAt: timestamp('purged_at', { withTimezone: true }).notNull().defaultNow(),
});
