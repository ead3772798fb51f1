import { z } from 'zod';
import { defineRuleTable } from '../../core';

const days = z.number().int().nonnegative().max(365);
const share = z.number().min(0).max(1);
const yuan = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/);

export const ZProcurementRules = z.object({
  intentionDaysBefore: days,
  resultWorkingDays: days,
  contractWorkingDays: days,
  addOnMaxShare: share,
  bidBondMaxShare: share,
  performanceBondMaxShare: share,
  singleSourceNoticeWorkingDays: days,
  minQuotes: z.number().int().min(1).max(20),
  /** Methods whose orders publish no intention of their own (framework agreement, designated supplier). */
  intentionExemptMethods: z.array(z.string().min(1)).optional(),
  /** Methods that always need the quote comparison (询价). */
  quoteMethods: z.array(z.string().min(1)).optional(),
  /** Other small purchases below this amount need it too, unless exempt. */
  smallPurchaseBelowYuan: yuan.optional(),
  quoteExemptMethods: z.array(z.string().min(1)).optional(),
});
export type ProcurementRules = z.infer<typeof ZProcurementRules>;

export const PROCUREMENT_RULE = defineRuleTable({
  name: 'procurement_rules',
  module: 'procurement',
  titleZh: '政府采购信息公开与保证金规则',
  titleEn: 'Government procurement disclosure and bond rules',
  schema: ZProcurementRules,
  versions: [
    {
      version: 1,
      effectiveFrom: '2020-03-02',
      titleZh: '政府采购信息公开与保证金规则',
      titleEn: 'Government procurement disclosure and bond rules',
      source: 'docs/regulations.md §6 procurement_rules —《政府采购法实施条例》；财库〔2020〕10号',
      data: {
        intentionDaysBefore: 30,
        resultWorkingDays: 2,
        contractWorkingDays: 2,
        addOnMaxShare: 0.1,
        bidBondMaxShare: 0.02,
        performanceBondMaxShare: 0.1,
        singleSourceNoticeWorkingDays: 5,
        minQuotes: 3,
        // Orders under a framework agreement or from a designated supplier publish no intention
        // of their own (财库〔2020〕10号 covers the agreement, not each order).
        intentionExemptMethods: ['framework', 'designated'],
        // Quote comparison: 询价 always; other small purchases below the local limit unless
        // bought from a designated supplier, under a framework, or from a single source.
        quoteMethods: ['inquiry'],
        smallPurchaseBelowYuan: '500000.00',
        quoteExemptMethods: ['designated', 'framework', 'single_source'],
      },
    },
  ],
});

export const PROCUREMENT_RULE_TABLES = [PROCUREMENT_RULE];
