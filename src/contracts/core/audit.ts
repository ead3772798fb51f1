import { z } from 'zod';
import { ZIsoDate, ZIsoTime, ZPageNo, zPageSize } from '../common';

export const ZAuditQuerySchema = z.object({
  page: ZPageNo.default(1),
  pageSize: zPageSize({ default: 50 }),
  actor: z.string().trim().max(64).optional(),
  /** The account that acted (the auditor's person filter). */
  actorId: z.coerce.number().int().positive().optional(),
  /** Records about this organisation and its subordinates (the unit filter). */
  orgId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(40).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: ZIsoTime.or(ZIsoDate).optional(),
  to: ZIsoTime.or(ZIsoDate).optional(),
  sort: z.enum(['at', '-at']).default('-at'),
});
export type TAuditQuery = z.infer<typeof ZAuditQuerySchema>;

export const ZAuditRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().int().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
  // For the reader (computed when read, never stored or hashed): labels in the caller's
  // language, the time in China time, the unit's name and the changes field by field.
  actorText: z.string().nullable(),
  actionLabel: z.string(),
  entityLabel: z.string(),
  atText: z.string(),
  orgName: z.string().nullable(),
  summaryText: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type TAuditRecord = z.infer<typeof ZAuditRecordSchema>;
const ZOption = z.object({ value: z.string(), label: z.string() });
/** What the auditor's filters offer: labelled actions and record types, the tenant's accounts and units. */
export const ZAuditFacetsSchema = z.object({
  actions: z.array(ZOption),
  entityTypes: z.array(ZOption),
  actors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  units: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
const ZAuditAnchorSchema = z.object({
  at: z.string(),
  lastId: z.number().int(),
  hash: z.string(),
  count: z.number().int(),
});
/** The chain's state for the auditor: hashes, the keyed head, the anchors kept out of the database. */
export const ZAuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first record whose hash or link is wrong (the chain itself). */
  firstBadId: z.number().int().optional(),
  reason: z.string().optional(),
  /** The last record verified (null: none, or the chain is broken). */
  verifiedUpTo: z.number().int().nullable(),
  head: z.object({ lastId: z.number().int(), hash: z.string(), count: z.number().int(), at: z.string().nullable() }),
  anchors: z.number().int(),
  lastAnchor: ZAuditAnchorSchema.nullable(),
  /** Every problem found, in the caller's language (chain breaks, truncation, rewriting, early purges, forged anchors). */
  problems: z.array(z.string()),
});
export const ZAuditAnchorResultSchema = z.object({ anchor: ZAuditAnchorSchema });
