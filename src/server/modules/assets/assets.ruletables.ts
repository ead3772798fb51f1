import { z } from 'zod';
import { defineRuleTable } from '../../core';

const yuan = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/);

/** One approval tier: the steps for a total original value up to `upToYuan` (null = no limit, the last tier). */
export const ZDisposalTier = z.object({
  upToYuan: yuan.nullable(),
  steps: z.array(z.string().min(1)).min(1),
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
});
export type DisposalTier = z.infer<typeof ZDisposalTier>;

export const ZDisposalRules = z.object({
  unconfirmed: z.boolean().optional(),
  tiers: z
    .array(ZDisposalTier)
    .min(1)
    .refine((t) => t[t.length - 1]?.upToYuan === null, '最后一档的上限必须为空（不限）|the last tier must have no upper limit (null)'),
  earlyScrapNeedsReason: z.boolean(),
});
export type DisposalRules = z.infer<typeof ZDisposalRules>;

export const ZPoolRules = z.object({
  loanReminderDaysBefore: z.number().int().nonnegative().max(365),
  /** Condition grades (code list asset_condition) an asset must have to be allocated or lent from the pool. */
  usableConditions: z.array(z.string().min(1)).min(1),
  poolBeforePurchase: z.boolean(),
});
export type PoolRules = z.infer<typeof ZPoolRules>;

export const ASSET_DISPOSAL_RULE = defineRuleTable({
  name: 'asset_disposal_thresholds',
  module: 'assets',
  titleZh: '资产处置审批权限（按原值）',
  titleEn: 'Asset disposal approval limits (by original value)',
  schema: ZDisposalRules,
  versions: [
    {
      // Approval steps by the original value of a disposal (one asset or the batch). Local
      // finance rules set the limits; these are common provincial defaults, marked so.
      version: 1,
      effectiveFrom: '2020-01-01',
      titleZh: '资产处置审批权限（按原值）',
      titleEn: 'Asset disposal approval limits (by original value)',
      source: 'docs/regulations.md §7 asset_disposal_thresholds —《行政事业性国有资产管理条例》（国务院令第738号）；限额由各地财政部门规定',
      data: {
        unconfirmed: true,
        tiers: [
          {
            upToYuan: '500000.00',
            steps: ['unit_leader', 'bureau_asset_admin'],
            labelZh: '单位审批，报机关事务管理局备案',
            labelEn: 'Unit approves, bureau files',
          },
          {
            upToYuan: '2000000.00',
            steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader'],
            labelZh: '机关事务管理局审批',
            labelEn: 'Bureau approves',
          },
          {
            upToYuan: null,
            steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader', 'finance'],
            labelZh: '机关事务管理局审核，报财政部门审批',
            labelEn: 'Bureau reviews, finance department approves',
          },
        ],
        earlyScrapNeedsReason: true,
      },
    },
  ],
});

export const ASSET_POOL_RULE = defineRuleTable({
  name: 'asset_pool_rules',
  module: 'assets',
  titleZh: '公物仓运行规则',
  titleEn: 'Public asset pool rules',
  schema: ZPoolRules,
  versions: [
    {
      version: 1,
      effectiveFrom: '2020-01-01',
      titleZh: '公物仓运行规则',
      titleEn: 'Public asset pool rules',
      source: 'docs/regulations.md §8 asset_pool_rules — 公物仓管理办法（各地）',
      data: { loanReminderDaysBefore: 7, usableConditions: ['A', 'B'], poolBeforePurchase: true },
    },
  ],
});

export const ASSETS_RULE_TABLES = [ASSET_DISPOSAL_RULE, ASSET_POOL_RULE];
