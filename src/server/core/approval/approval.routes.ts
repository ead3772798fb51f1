import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZApprovalDetailSchema,
  ZApprovalListItemSchema,
  ZApprovalListQuerySchema,
  ZApproveSchema,
  ZFlowSchema,
  ZFlowUpdateSchema,
  ZRejectSchema,
} from '../../../contracts/core/approval';
import { requireAuth } from '../auth/auth.plugin';
import type { ApprovalService } from './approval.service';

const ZVersionBody = z.object({ version: z.number().int().optional() });
const ZType = z.object({ businessType: z.string().regex(/^[a-z][a-z0-9_.]{1,39}$/) });

export async function approvalRoutes(appBase: FastifyInstance, opts: { approvals: ApprovalService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.approvals;
  const tags = ['approvals'];
  const list = pageOf(ZApprovalListItemSchema);

  app.get(
    '/api/v1/approvals/inbox',
    { schema: { tags, summary: '待我审批: steps waiting for me', querystring: ZApprovalListQuerySchema, response: { 200: list } } },
    async (req) => svc.inbox(requireAuth(req), req.query),
  );
  app.get('/api/v1/approvals/inbox/count', { schema: { tags, response: { 200: z.object({ count: z.number() }) } } }, async (req) => ({
    count: await svc.inboxCount(requireAuth(req)),
  }));
  app.get(
    '/api/v1/approvals/mine',
    { schema: { tags, summary: '我的申请: what I submitted', querystring: ZApprovalListQuerySchema, response: { 200: list } } },
    async (req) => svc.mine(requireAuth(req), req.query),
  );
  app.get(
    '/api/v1/approvals/search',
    { schema: { tags, summary: 'All approvals in scope (approval.read)', querystring: ZApprovalListQuerySchema, response: { 200: list } } },
    async (req) => svc.search(requireAuth(req), req.query),
  );
  app.get('/api/v1/approvals/:id', { schema: { tags, params: ZIdParamSchema, response: { 200: ZApprovalDetailSchema } } }, async (req) =>
    svc.detail(requireAuth(req), req.params.id),
  );
  const done = { 200: ZOkSchema };
  app.post(
    '/api/v1/approvals/:id/approve',
    { schema: { tags, params: ZIdParamSchema, body: ZApproveSchema, response: done } },
    async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'approve', {
        comment: req.body.comment,
        version: req.body.version,
        attachmentIds: req.body.attachmentIds,
      });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/approvals/:id/reject',
    { schema: { tags, params: ZIdParamSchema, body: ZRejectSchema, response: done } },
    async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'reject', req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/approvals/:id/return',
    { schema: { tags, summary: 'Return to the applicant for revision', params: ZIdParamSchema, body: ZRejectSchema, response: done } },
    async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'return', req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/approvals/:id/withdraw',
    { schema: { tags, params: ZIdParamSchema, body: ZVersionBody, response: done } },
    async (req) => {
      await svc.withdraw(requireAuth(req), req.params.id, req.body.version);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/approvals/:id/resubmit',
    { schema: { tags, summary: 'Resubmit after a return (unchanged)', params: ZIdParamSchema, body: ZVersionBody, response: done } },
    async (req) => {
      await svc.resubmitStandalone(requireAuth(req), req.params.id, req.body.version);
      return { ok: true as const };
    },
  );

  const ftags = ['approval flows'];
  app.get(
    '/api/v1/approval-flows',
    { schema: { tags: ftags, response: { 200: z.object({ items: z.array(ZFlowSchema.extend({ typeName: z.string() })) }) } } },
    async (req) => ({ items: await svc.flows(requireAuth(req)) }),
  );
  app.get(
    '/api/v1/approval-flows/:businessType',
    {
      schema: {
        tags: ftags,
        summary: 'Active flow and its version history',
        params: ZType,
        response: { 200: z.object({ items: z.array(ZFlowSchema) }) },
      },
    },
    async (req) => ({
      items: await svc.flowVersions(requireAuth(req), req.params.businessType),
    }),
  );
  app.put(
    '/api/v1/approval-flows/:businessType',
    {
      schema: {
        tags: ftags,
        summary: 'Publish a new version (applies to new instances only)',
        params: ZType,
        body: ZFlowUpdateSchema,
        response: { 200: ZFlowSchema },
      },
    },
    async (req) => svc.updateFlow(requireAuth(req), req.params.businessType, req.body),
  );
}
