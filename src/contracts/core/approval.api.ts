import { z } from 'zod';
import { ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZApprovalDetailSchema,
  ZApprovalListItemSchema,
  ZApprovalListQuerySchema,
  ZApproveSchema,
  ZFlowSchema,
  ZFlowUpdateSchema,
  ZRejectSchema,
} from './approval';

const ZVersionBody = z.object({ version: z.number().int().optional() });
const ZType = z.object({ businessType: z.string().regex(/^[a-z][a-z0-9_.]{1,39}$/) });
const list = pageOf(ZApprovalListItemSchema);

/** Approvals (core): the inbox, my requests and the decisions, defined once for the server and the web. */
export const approvalsApi = defineRoutes('approvals', {
  inbox: {
    method: 'GET',
    path: '/approvals/inbox',
    summary: '待我审批: steps waiting for me',
    query: ZApprovalListQuerySchema,
    response: list,
  },
  inboxCount: { method: 'GET', path: '/approvals/inbox/count', response: z.object({ count: z.number() }) },
  mine: { method: 'GET', path: '/approvals/mine', summary: '我的申请: what I submitted', query: ZApprovalListQuerySchema, response: list },
  search: {
    method: 'GET',
    path: '/approvals/search',
    summary: 'All approvals in scope (approval.read)',
    query: ZApprovalListQuerySchema,
    response: list,
  },
  get: { method: 'GET', path: '/approvals/:id', response: ZApprovalDetailSchema },
  approve: { method: 'POST', path: '/approvals/:id/approve', body: ZApproveSchema, response: ZOkSchema },
  reject: { method: 'POST', path: '/approvals/:id/reject', body: ZRejectSchema, response: ZOkSchema },
  return: {
    method: 'POST',
    path: '/approvals/:id/return',
    summary: 'Return to the applicant for revision',
    body: ZRejectSchema,
    response: ZOkSchema,
  },
  withdraw: { method: 'POST', path: '/approvals/:id/withdraw', body: ZVersionBody, response: ZOkSchema },
  resubmit: {
    method: 'POST',
    path: '/approvals/:id/resubmit',
    summary: 'Resubmit after a return (unchanged)',
    body: ZVersionBody,
    response: ZOkSchema,
  },
});

/** Approval flows (core): one versioned flow per business type. */
export const flowsApi = defineRoutes('approval-flows', {
  list: { method: 'GET', path: '/approval-flows', response: z.object({ items: z.array(ZFlowSchema.extend({ typeName: z.string() })) }) },
  versions: {
    method: 'GET',
    path: '/approval-flows/:businessType',
    summary: 'Active flow and its version history',
    params: ZType,
    response: z.object({ items: z.array(ZFlowSchema) }),
  },
  publish: {
    method: 'PUT',
    path: '/approval-flows/:businessType',
    summary: 'Publish a new version (applies to new instances only)',
    params: ZType,
    body: ZFlowUpdateSchema,
    response: ZFlowSchema,
  },
});
