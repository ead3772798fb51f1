import { sql } from 'drizzle-orm';
import { type WorkbenchCounter, countRows, inScope } from '../../core';
import { MPP } from './meeting-plans.permissions';

/** The plan keeper's to-do: approved plans whose meeting costs are still to settle. */
export const MEETING_PLAN_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'meetingPlans.toSettle',
    zh: '待结算会议',
    en: 'Meetings to settle',
    permissions: [MPP['meeting_plans.write']],
    order: 70,
    link: '/meeting-plans?status=approved',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from meeting_plans p
              where p.tenant_id = ${ctx.tenantId} and p.status = 'approved'
                and ${inScope(ctx, MPP['meeting_plans.write'], sql`p.org_id`, sql`p.tenant_id`)}`,
      ),
  },
];
