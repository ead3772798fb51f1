import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the general requests and their fields (see core/audit/audit.vocabulary.ts). */
export const GENERAL_AUDIT = defineAuditVocabulary({
  entities: { general_request: { zh: '综合事项申请', en: 'General request' } },
  fields: {
    category: {
      zh: '事项类别',
      en: 'Category',
      values: { purchase: { zh: '购置', en: 'Purchase' }, service: { zh: '服务', en: 'Service' }, venue: { zh: '场地借用', en: 'Venue' } },
    },
  },
  aliases: { general: 'general_request' },
});
