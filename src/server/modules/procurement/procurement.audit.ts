import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the procurement records and fields (see core/audit/audit.vocabulary.ts). */
export const PROCUREMENT_AUDIT = defineAuditVocabulary({
  entities: {
    procurement_plan: { zh: '采购计划', en: 'Procurement plan' },
    procurement_project: { zh: '采购项目', en: 'Procurement project' },
    procurement_supplier: { zh: '供应商', en: 'Supplier' },
    procurement_quote: { zh: '报价', en: 'Quote' },
  },
  fields: {
    supplierId: { zh: '供应商', en: 'Supplier', kind: 'ref' },
    projectId: { zh: '采购项目', en: 'Project', kind: 'ref' },
    planId: { zh: '采购计划', en: 'Plan', kind: 'ref' },
  },
});
