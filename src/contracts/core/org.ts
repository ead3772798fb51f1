import { z } from 'zod';
import { ZId, ZRef } from '../common';

export const ORG_KINDS = ['bureau', 'unit', 'department', 'site_group'] as const;
export const AGENCY_LEVELS = ['central', 'province', 'city', 'county', 'township'] as const;

export const ZOrgSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  agencyLevel: z.enum(AGENCY_LEVELS),
  creditCode: z.string().nullable(),
  staffing: z.number().int().nullable(),
  status: z.enum(['active', 'inactive']),
  sort: z.number().int(),
  depth: z.number().int(),
  path: z.string(),
});
export type TOrg = z.infer<typeof ZOrgSchema>;

const name = z.string().trim().min(1).max(100);
export const ZOrgCreateSchema = z.object({
  name,
  parentId: ZRef.nullable(),
  kind: z.enum(ORG_KINDS),
  /** Required for bureaus and units; a department always inherits its unit's level. */
  agencyLevel: z.enum(AGENCY_LEVELS).optional(),
  shortName: z.string().trim().max(30).nullish(),
  creditCode: z.string().trim().toUpperCase().length(18).nullish(),
  staffing: z.number().int().min(0).max(100000).nullish(),
  sort: z.number().int().min(0).max(100000).optional(),
});
export const ZOrgUpdateSchema = z
  .object({
    name,
    shortName: z.string().trim().max(30).nullable(),
    creditCode: z.string().trim().toUpperCase().length(18).nullable(),
    agencyLevel: z.enum(AGENCY_LEVELS),
    staffing: z.number().int().min(0).max(100000).nullable(),
    status: z.enum(['active', 'inactive']),
    sort: z.number().int().min(0).max(100000),
    /** Moving a node moves its whole subtree. */
    parentId: ZRef,
  })
  .partial()
  .strict();
export const ZOrgListQuerySchema = z.object({
  /** Only this node's subtree (must be in scope). */
  rootId: ZId.optional(),
  kind: z.enum(ORG_KINDS).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  q: z.string().trim().max(50).optional(),
});
