import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Meeting plans (会议计划) and their settlement (会议费结算). One row per plan: the facts the
 * checks were computed from, the checks themselves (codes and params, translated when shown)
 * with the `meeting_fee_caps` version used, the approval, and — once settled — the actual
 * costs with their line checks. Money is numeric(16,2), never negative.
 */
export const meetingPlans = pgTable(
  'meeting_plans',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    title: text('title').notNull(),
    meetingClass: smallint('meeting_class').notNull(),
    days: integer('days').notNull(),
    attendees: integer('attendees').notNull(),
    staff: integer('staff').notNull(),
    venue: text('venue'),
    startDate: date('start_date', { mode: 'string' }),
    budget: moneyColumn('budget').notNull(),
    budgetLodging: moneyColumn('budget_lodging'),
    budgetMeals: moneyColumn('budget_meals'),
    budgetOther: moneyColumn('budget_other'),
    /** The budget cap when the checks ran (cap per person per day × persons × days). */
    cap: moneyColumn('cap').notNull(),
    /** [{rule, passed, code, params}]. */
    checks: jsonb('checks').notNull(),
    checksPassed: boolean('checks_passed').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    status: text('status').notNull().default('draft'),
    instanceId: integer('instance_id'),
    actualAttendees: integer('actual_attendees'),
    actualStaff: integer('actual_staff'),
    actualDays: integer('actual_days'),
    actualLodging: moneyColumn('actual_lodging'),
    actualMeals: moneyColumn('actual_meals'),
    actualOther: moneyColumn('actual_other'),
    /** [{line, actual, cap, over, excess}] and whether the total stayed within the cap. */
    settlementLines: jsonb('settlement_lines'),
    settlementPassed: boolean('settlement_passed'),
    settlementRuleVersion: integer('settlement_rule_version'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: integer('settled_by'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_plans_tenant_idx').on(t.tenantId, t.id),
    index('meeting_plans_org_idx').on(t.orgId, t.status),
    check('meeting_plans_class_ck', sql`${t.meetingClass} between 1 and 4`),
    check('meeting_plans_counts_ck', sql`${t.days} > 0 and ${t.attendees} > 0 and ${t.staff} >= 0`),
    check(
      'meeting_plans_money_ck',
      sql`${t.budget} >= 0 and coalesce(${t.budgetLodging}, 0) >= 0 and coalesce(${t.budgetMeals}, 0) >= 0 and coalesce(${t.budgetOther}, 0) >= 0
        and coalesce(${t.actualLodging}, 0) >= 0 and coalesce(${t.actualMeals}, 0) >= 0 and coalesce(${t.actualOther}, 0) >= 0`,
    ),
    check('meeting_plans_status_ck', sql`${t.status} in ('draft','pending','approved','rejected','returned','withdrawn','settled')`),
    // A settled plan has its settlement, and only a settled one.
    check('meeting_plans_settled_ck', sql`(${t.status} = 'settled') = (${t.settledAt} is not null)`),
  ],
);
