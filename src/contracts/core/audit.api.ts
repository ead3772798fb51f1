import { pageOf } from '../common';
import { defineRoutes } from '../route';
import { ZAuditQuerySchema, ZAuditRecordSchema, ZAuditVerifySchema } from './audit';

/** The audit log's routes (core, audit administrator), defined once for the server and the web. */
export const auditApi = defineRoutes('audit', {
  search: {
    method: 'GET',
    path: '/audit',
    summary: 'Search the audit log (audit administrator)',
    query: ZAuditQuerySchema,
    response: pageOf(ZAuditRecordSchema),
  },
  verify: { method: 'GET', path: '/audit/verify', summary: 'Verify the SM3 hash chain', response: ZAuditVerifySchema },
  export: {
    method: 'GET',
    path: '/audit/export',
    kind: 'download',
    summary: 'Export the filtered audit log to Excel (max 50,000 rows)',
    query: ZAuditQuerySchema,
  },
});
