import { sql } from 'drizzle-orm';
import { defineModule, queryRows } from '../../core';
import { MEETING_PLANS_AUDIT } from './meeting-plans.audit';
import { seedMeetingPlansDemo } from './meeting-plans.demo';
import { MPM } from './meeting-plans.messages';
import { MEETING_PLAN_GRANTS, MPP } from './meeting-plans.permissions';
import { meetingPlanRoutes } from './meeting-plans.routes';
import { MEETING_PLAN_RULE_TABLES } from './meeting-plans.ruletables';
import { MEETING_PLAN_WORKBENCH } from './meeting-plans.workbench';
import { MEETING_PLAN_BUSINESS_TYPE, MeetingPlansService } from './plans.service';

export { MPP as MEETING_PLAN_PERMISSIONS } from './meeting-plans.permissions';

/** Meeting plans and meeting fees (会议计划与会议费): plans with fee-cap checks, approval, settlement. */
export const meetingPlansModule = defineModule({
  name: 'meeting-plans',
  titleZh: '会议计划与会议费',
  titleEn: 'Meeting plans and fees',
  audit: MEETING_PLANS_AUDIT,
  permissions: [MPP],
  messages: [MPM],
  grants: MEETING_PLAN_GRANTS,
  ruleTables: MEETING_PLAN_RULE_TABLES,
  businessTypes: [MEETING_PLAN_BUSINESS_TYPE],
  workbench: MEETING_PLAN_WORKBENCH,
  // A unit with meeting plans is never hard-deleted (the plans are its spending record).
  orgReferences: [
    async (db, orgId) => {
      const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_plans where org_id = ${orgId}`);
      return Number(r?.n ?? 0);
    },
  ],
  routes: async (app, core) => {
    await app.register(meetingPlanRoutes, { svc: new MeetingPlansService(core) });
  },
  demo: { seed: seedMeetingPlansDemo },
});
