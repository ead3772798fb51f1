import { z } from 'zod';
import { ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZApprovalBatchResultSchema,
  ZApprovalBatchSchema,
  ZApprovalCommentCreateSchema,
  ZApprovalCommentsSchema,
  ZApprovalDetailSchema,
  ZApprovalListItemSchema,
  ZApprovalListQuerySchema,
  ZApproveSchema,
  ZFlowFactSchema,
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
  batch: {
    method: 'POST',
    path: '/approvals/batch',
    summary: 'Approve or reject several pending items of one business type; each is decided on its own',
    body: ZApprovalBatchSchema,
    response: ZApprovalBatchResultSchema,
  },
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

/** 常用意见 (core): the caller's own approval comments beside the built-in ones. */
export const approvalCommentsApi = defineRoutes('approval-comments', {
  list: { method: 'GET', path: '/approval-comments', summary: 'Built-in and my common comments', response: ZApprovalCommentsSchema },
  create: {
    method: 'POST',
    path: '/approval-comments',
    body: ZApprovalCommentCreateSchema,
    response: z.object({ id: z.number(), text: z.string() }),
    status: 201,
  },
  remove: { method: 'DELETE', path: '/approval-comments/:id', response: ZOkSchema },
});

/** Approval flows (core): one versioned flow per business type. */
export const flowsApi = defineRoutes('approval-flows', {
  list: {
    method: 'GET',
    path: '/approval-flows',
    response: z.object({ items: z.array(ZFlowSchema.extend({ typeName: z.string(), facts: z.array(ZFlowFactSchema) })) }),
  },
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
