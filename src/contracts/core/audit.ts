import { z } from 'zod';
import { ZIsoDate, ZIsoTime, ZPageNo } from '../common';

export const ZAuditQuerySchema = z.object({
  page: ZPageNo.default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  actor: z.string().trim().max(64).optional(),
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
});
export const ZAuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadId: z.number().int().optional(),
  reason: z.string().optional(),
});
