import { z } from 'zod';
import { defineRuleTable } from '../../core';

const SOURCE = 'docs/regulations.md §13 meeting_fee_caps —《中央和国家机关会议费管理办法》（财行〔2016〕214号）';

/** Whole yuan per person per day; the three lines add up to the total (checked by the schema). */
const ZPerDay = z
  .object({
    total: z.number().int().positive(),
    lodging: z.number().int().min(0),
    meals: z.number().int().min(0),
    other: z.number().int().min(0),
  })
  .refine((c) => c.lodging + c.meals + c.other === c.total, { message: 'lodging + meals + other must equal total', path: ['total'] });

/** One meeting class: its comprehensive cap and its limits (null: no limit for this class). */
export const ZMeetingClassRule = z.object({
  perPersonPerDay: ZPerDay,
  maxDays: z.number().int().positive().nullable(),
  maxAttendees: z.number().int().positive().nullable(),
  /** Staff at most this percentage of the attendees (whole percent). */
  maxStaffPercent: z.number().int().min(0).max(100).nullable(),
});

export const ZMeetingFeeCaps = z.object({
  /** By meeting class, "1" … "4" (一类 … 四类). */
  classes: z.record(z.enum(['1', '2', '3', '4']), ZMeetingClassRule),
});
export type MeetingFeeCaps = z.infer<typeof ZMeetingFeeCaps>;
export type MeetingClassRule = z.infer<typeof ZMeetingClassRule>;

export const MEETING_FEE_CAPS_RULE = defineRuleTable({
  name: 'meeting_fee_caps',
  module: 'meeting-plans',
  titleZh: '会议费开支标准',
  titleEn: 'Meeting fee caps',
  schema: ZMeetingFeeCaps,
  versions: [
    {
      version: 1,
      effectiveFrom: '2016-07-01',
      titleZh: '会议费综合定额标准（一类至四类会议）',
      titleEn: 'Meeting fee caps (classes 1–4)',
      source: SOURCE,
      data: {
        classes: {
          // 一类: days and head counts as approved case by case; only the money cap applies.
          '1': {
            perPersonPerDay: { total: 760, lodging: 500, meals: 150, other: 110 },
            maxDays: null,
            maxAttendees: null,
            maxStaffPercent: null,
          },
          '2': {
            perPersonPerDay: { total: 650, lodging: 400, meals: 150, other: 100 },
            maxDays: 2,
            maxAttendees: 300,
            maxStaffPercent: 15,
          },
          '3': { perPersonPerDay: { total: 550, lodging: 340, meals: 130, other: 80 }, maxDays: 2, maxAttendees: 150, maxStaffPercent: 10 },
          '4': { perPersonPerDay: { total: 550, lodging: 340, meals: 130, other: 80 }, maxDays: 2, maxAttendees: 50, maxStaffPercent: 10 },
        },
      },
    },
  ],
});

export const MEETING_PLAN_RULE_TABLES = [MEETING_FEE_CAPS_RULE];
