import { pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZMeetingPlanCreateSchema,
  ZMeetingPlanFactsSchema,
  ZMeetingPlanPreviewSchema,
  ZMeetingPlanQuerySchema,
  ZMeetingPlanSchema,
  ZMeetingSettleSchema,
} from './meeting-plans';

/** Meeting plans and fees: HTTP routes, defined once for the server and the web. */
export const meetingPlansApi = defineRoutes('meeting-plans', {
  plans: { method: 'GET', path: '/meetings/plans', query: ZMeetingPlanQuerySchema, response: pageOf(ZMeetingPlanSchema) },
  createPlan: {
    method: 'POST',
    path: '/meetings/plans',
    summary: 'A meeting plan with its fee-cap checks (saved as a draft)',
    body: ZMeetingPlanCreateSchema,
    response: ZMeetingPlanSchema,
    status: 201,
  },
  previewPlan: {
    method: 'POST',
    path: '/meetings/plans/preview',
    summary: "The checks a plan would get, without saving it (the form's live checks)",
    body: ZMeetingPlanFactsSchema,
    response: ZMeetingPlanPreviewSchema,
  },
  exportPlans: {
    method: 'GET',
    path: '/meetings/plans/export',
    kind: 'download',
    summary: 'The filtered plans as Excel (the meeting register units keep)',
    query: ZMeetingPlanQuerySchema.omit({ page: true, pageSize: true }),
  },
  plan: { method: 'GET', path: '/meetings/plans/:id', response: ZMeetingPlanSchema },
  submitPlan: {
    method: 'POST',
    path: '/meetings/plans/:id/submit',
    summary: 'Submit a draft (or returned) plan for approval',
    response: ZMeetingPlanSchema,
  },
  settlePlan: {
    method: 'POST',
    path: '/meetings/plans/:id/settle',
    summary: 'Settle an approved plan: actual costs against the cap',
    body: ZMeetingSettleSchema,
    response: ZMeetingPlanSchema,
  },
});
