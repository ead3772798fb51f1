import { z } from 'zod';
import { defineRuleTable } from '../../core';

const SOURCE = 'docs/regulations.md §14 training_fee_caps —《中央和国家机关培训费管理办法》（财行〔2016〕540号）';

export const ZTrainingFeeCaps = z.object({
  /** Comprehensive cap per person per day in whole yuan, by training category "1" … "3" (一类 … 三类). */
  byCategory: z.record(z.enum(['1', '2', '3']), z.number().int().positive()),
  /** Days up to this many at the full rate … */
  longCourseAfterDays: z.number().int().positive(),
  /** … each day beyond at this percentage of it (whole percent). */
  longCourseRatePercent: z.number().int().min(0).max(100),
  /** Arrival and departure days each count at most this many days (they are inside the counted days). */
  maxArrivalDays: z.number().int().min(0),
  maxDepartureDays: z.number().int().min(0),
});
export type TrainingFeeCaps = z.infer<typeof ZTrainingFeeCaps>;

export const TRAINING_FEE_CAPS_RULE = defineRuleTable({
  name: 'training_fee_caps',
  module: 'training',
  titleZh: '培训费开支标准',
  titleEn: 'Training fee caps',
  schema: ZTrainingFeeCaps,
  versions: [
    {
      version: 1,
      effectiveFrom: '2017-01-01',
      titleZh: '培训费综合定额标准（一类至三类培训）',
      titleEn: 'Training fee caps (categories 1–3)',
      source: SOURCE,
      data: {
        byCategory: { '1': 550, '2': 450, '3': 380 },
        longCourseAfterDays: 30,
        longCourseRatePercent: 70,
        maxArrivalDays: 1,
        maxDepartureDays: 1,
      },
    },
  ],
});

export const TRAINING_RULE_TABLES = [TRAINING_FEE_CAPS_RULE];
