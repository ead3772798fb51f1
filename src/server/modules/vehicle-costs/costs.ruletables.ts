import { z } from 'zod';
import { defineRuleTable } from '../../core';

export const ZCostRules = z.object({
  /** A repair above this amount goes through the approval engine. */
  repairApprovalAboveYuan: z.number().nonnegative(),
  /** A month's consumption per 100 km above factor × the median of the class or of the car's own history. */
  consumptionFactor: z.number().gt(1).max(10),
  /** Months with less distance between refuels are not judged. */
  consumptionMinKm: z.number().nonnegative(),
  /** Months a median needs before it is used. */
  consumptionMinSamples: z.number().int().positive(),
  /** A fill above tank (battery) capacity × tolerance is flagged. */
  tankTolerance: z.number().positive().max(2),
  /** How far back the anomaly scan reads. */
  lookbackDays: z.number().int().positive().max(3660),
  unconfirmed: z.boolean().optional(),
});
export type CostRules = z.infer<typeof ZCostRules>;

/** Vehicle running-cost thresholds; owned by the vehicle costs (soon their own module). */
export const VEHICLE_COST_RULE = defineRuleTable({
  name: 'vehicle_cost_rules',
  module: 'vehicles',
  titleZh: '公务用车运行费用管理规则',
  titleEn: 'Official vehicle running-cost rules',
  schema: ZCostRules,
  versions: [
    {
      version: 1,
      effectiveFrom: '2017-12-01',
      titleZh: '公务用车运行费用管理规则',
      titleEn: 'Official vehicle running-cost rules',
      source:
        'docs/regulations.md §3 vehicle_cost_rules —《党政机关公务用车管理办法》（中办发〔2017〕71号）第五章 定点保险、定点维修、定点加油；阈值为本地配置（未经确认的默认值）',
      // Unconfirmed defaults, to be set locally.
      data: {
        repairApprovalAboveYuan: 5000,
        consumptionFactor: 1.3,
        consumptionMinKm: 300,
        consumptionMinSamples: 3,
        tankTolerance: 1.0,
        lookbackDays: 400,
        unconfirmed: true,
      },
    },
  ],
});

export const COST_RULE_TABLES = [VEHICLE_COST_RULE];
