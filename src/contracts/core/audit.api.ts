import { pageOf } from '../common';
import { defineRoutes } from '../route';
import { ZAuditAnchorResultSchema, ZAuditFacetsSchema, ZAuditQuerySchema, ZAuditRecordSchema, ZAuditVerifySchema } from './audit';

/** The audit log's routes (core, audit administrator), defined once for the server and the web. */
export const auditApi = defineRoutes('audit', {
  search: {
    method: 'GET',
    path: '/audit',
    summary: 'Search the audit log (audit administrator)',
    query: ZAuditQuerySchema,
    response: pageOf(ZAuditRecordSchema),
  },
  facets: {
    method: 'GET',
    path: '/audit/facets',
    summary: 'The audit filters’ choices: labelled actions and record types, accounts and units (audit administrator)',
    response: ZAuditFacetsSchema,
  },
  verify: {
    method: 'GET',
    path: '/audit/verify',
    summary: 'Verify the SM3 hash chain against its anchors (audit administrator)',
    response: ZAuditVerifySchema,
  },
  anchor: {
    method: 'POST',
    path: '/audit/anchor',
    summary: 'Anchor the chain head now: HMAC-SM3 sealed, written to the anchors file and the log',
    response: ZAuditAnchorResultSchema,
  },
  export: {
    method: 'GET',
    path: '/audit/export',
    kind: 'download',
    summary: 'Export the filtered audit log to Excel (max 50,000 rows)',
    query: ZAuditQuerySchema,
  },
});
