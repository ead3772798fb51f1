import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the office-supplies records and fields (see core/audit/audit.vocabulary.ts). */
export const SUPPLIES_AUDIT = defineAuditVocabulary({
  entities: {
    supplies_item: { zh: '办公用品', en: 'Supplies item' },
    supplies_stock: { zh: '办公用品库存', en: 'Supplies stock' },
    supplies_receipt: { zh: '办公用品入库', en: 'Supplies receipt' },
    supplies_requisition: { zh: '办公用品请领', en: 'Supplies requisition' },
    supplies_ledger: { zh: '办公用品台账', en: 'Supplies ledger' },
  },
  fields: {
    itemId: { zh: '物品', en: 'Item', kind: 'ref' },
    minStock: { zh: '最低库存', en: 'Minimum stock' },
    spec: { zh: '规格', en: 'Specification' },
  },
});
