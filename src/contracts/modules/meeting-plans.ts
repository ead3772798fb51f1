import { z } from 'zod';
import { ZIsoDate, ZMoneyOut, ZPageQuerySchema, ZRef, bilingual, zMoney, zOptText } from '../common';

/**
 * Meeting plans and meeting fees (会议计划与会议费, 财行〔2016〕214号): a unit's plan with its
 * class, days, attendees, staff and budget; the checks against the `meeting_fee_caps` rule saved
 * with it; approval; then the settlement of actual costs against the cap, exact to the fen.
 */
export const MEETING_PLAN_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'returned', 'withdrawn', 'settled'] as const;
export const ZMeetingPlanStatus = z.enum(MEETING_PLAN_STATUSES);
export type TMeetingPlanStatus = z.infer<typeof ZMeetingPlanStatus>;

/** The four meeting classes (一类 … 四类). */
export const ZMeetingClass = z.coerce
  .number()
  .int()
  .min(1, bilingual('会议类别应为 1–4（一类至四类）', 'meetingClass must be 1–4'))
  .max(4, bilingual('会议类别应为 1–4（一类至四类）', 'meetingClass must be 1–4'));

const ZCount = (max: number, min = 0) =>
  z
    .number()
    .int(bilingual('应为整数', 'must be a whole number'))
    .min(min, min ? bilingual(`不能小于 ${min}`, `must be at least ${min}`) : bilingual('不能为负数', 'must not be negative'))
    .max(max, bilingual(`不能大于 ${max}`, `must be at most ${max}`));
const ZPlanMoney = zMoney({ max: 100_000_000 });

/** What the checks are computed from (the preview takes only these). */
export const ZMeetingPlanFactsSchema = z.object({
  orgId: ZRef,
  meetingClass: ZMeetingClass,
  days: ZCount(60, 1),
  attendees: ZCount(10_000, 1),
  staff: ZCount(10_000),
  budget: ZPlanMoney,
});
export const ZMeetingPlanCreateSchema = ZMeetingPlanFactsSchema.extend({
  title: zOptText(100),
  /** 定点 venue's name, or the unit's own room. */
  venue: zOptText(100),
  startDate: ZIsoDate.nullish(),
  /** Planned split of the budget (optional; when all three are given they must add up to it). */
  budgetLodging: ZPlanMoney.nullish(),
  budgetMeals: ZPlanMoney.nullish(),
  budgetOther: ZPlanMoney.nullish(),
});
export type TMeetingPlanCreate = z.input<typeof ZMeetingPlanCreateSchema>;

export const ZMeetingCheckSchema = z.object({ rule: z.string(), passed: z.boolean(), message: z.string() });
export type TMeetingCheck = z.infer<typeof ZMeetingCheckSchema>;

export const ZMeetingPlanPreviewSchema = z.object({
  checks: z.array(ZMeetingCheckSchema),
  checksPassed: z.boolean(),
  /** The budget cap: cap per person per day × (attendees + staff) × days. */
  cap: ZMoneyOut,
  ruleVersion: z.number().int(),
});

/** One settled cost line against its cap. */
export const ZSettlementLineSchema = z.object({
  line: z.enum(['lodging', 'meals', 'other', 'total']),
  actual: ZMoneyOut,
  cap: ZMoneyOut,
  over: z.boolean(),
  /** How much above the cap (0.00 when within). */
  excess: ZMoneyOut,
});
export type TSettlementLine = z.infer<typeof ZSettlementLineSchema>;

export const ZMeetingPlanSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  title: z.string(),
  meetingClass: z.number().int(),
  days: z.number().int(),
  attendees: z.number().int(),
  staff: z.number().int(),
  venue: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: ZMoneyOut,
  budgetLodging: ZMoneyOut.nullable(),
  budgetMeals: ZMoneyOut.nullable(),
  budgetOther: ZMoneyOut.nullable(),
  cap: ZMoneyOut,
  checks: z.array(ZMeetingCheckSchema),
  checksPassed: z.boolean(),
  ruleVersion: z.number().int(),
  status: ZMeetingPlanStatus,
  instanceId: z.number().int().nullable(),
  settlement: z
    .object({
      attendees: z.number().int(),
      staff: z.number().int(),
      days: z.number().int(),
      lodging: ZMoneyOut,
      meals: ZMoneyOut,
      other: ZMoneyOut,
      total: ZMoneyOut,
      lines: z.array(ZSettlementLineSchema),
      passed: z.boolean(),
      settledAt: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
});
export type TMeetingPlan = z.infer<typeof ZMeetingPlanSchema>;

export const ZMeetingPlanQuerySchema = ZPageQuerySchema.extend({
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  status: ZMeetingPlanStatus.optional(),
  meetingClass: ZMeetingClass.optional(),
  /** Only plans with a failed check. */
  failed: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
});

export const ZMeetingSettleSchema = z.object({
  /** Actual head counts and days (default: the plan's). */
  attendees: ZCount(10_000, 1).optional(),
  staff: ZCount(10_000).optional(),
  days: ZCount(60, 1).optional(),
  lodging: ZPlanMoney,
  meals: ZPlanMoney,
  other: ZPlanMoney,
});
