import { z } from 'zod';
import { PASSWORD_POLICY_RULE } from '../auth/password-policy';
import { defineRuleTable } from './rule-table';

/**
 * Rule tables the core declares because their owning module does not exist yet. Each moves
 * to its module's `<module>.ruletables.ts` when that module lands (same name, same data).
 */

// Taken over by the future reception module (公务接待).
export const ZReceptionLimits = z.object({
  requireOfficialLetter: z.boolean(),
  workingMealsMax: z.number().int().nonnegative(),
  accompanying: z.object({ guestsUpTo10: z.number().int().nonnegative(), above10Share: z.number().min(0).max(1) }),
  mealCostCapYuanPerPerson: z.object({
    value: z.number().positive().nullable(),
    unconfirmed: z.boolean().optional(),
    note: z.string().optional(),
  }),
  portionRatio: z.object({ dishesFor: z.number().int().positive(), diners: z.number().int().positive() }),
});
export type ReceptionLimits = z.infer<typeof ZReceptionLimits>;

export const RECEPTION_LIMITS_RULE = defineRuleTable({
  name: 'reception_limits',
  module: 'core',
  titleZh: '国内公务接待标准',
  titleEn: 'Official reception limits',
  schema: ZReceptionLimits,
  versions: [
    {
      version: 1,
      effectiveFrom: '2013-12-08',
      titleZh: '国内公务接待标准',
      titleEn: 'Official reception limits',
      source: 'docs/regulations.md §9 reception_limits —《党政机关国内公务接待管理规定》；《党政机关厉行节约反对浪费条例》（2025 修订）',
      data: {
        requireOfficialLetter: true,
        workingMealsMax: 1,
        accompanying: { guestsUpTo10: 3, above10Share: 1 / 3 },
        mealCostCapYuanPerPerson: { value: null, unconfirmed: true, note: '由当地财政部门规定' },
        portionRatio: { dishesFor: 9, diners: 10 },
      },
    },
  ],
});

// The password policy belongs to the core itself (core/auth/password-policy.ts).
export const CORE_RULE_TABLES = [RECEPTION_LIMITS_RULE, PASSWORD_POLICY_RULE];
