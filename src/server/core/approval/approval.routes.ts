import type { FastifyInstance } from 'fastify';
import { approvalCommentsApi, approvalsApi, flowsApi } from '../../../contracts/core/approval.api';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import type { ApprovalService } from './approval.service';

export async function approvalRoutes(app: FastifyInstance, opts: { approvals: ApprovalService }) {
  const svc = opts.approvals;
  const ok = { ok: true as const };
  mountRoutes(app, approvalsApi, {
    inbox: async (req) => svc.inbox(requireAuth(req), req.query),
    inboxCount: async (req) => ({ count: await svc.inboxCount(requireAuth(req)) }),
    mine: async (req) => svc.mine(requireAuth(req), req.query),
    search: async (req) => svc.search(requireAuth(req), req.query),
    get: async (req) => svc.detail(requireAuth(req), req.params.id),
    batch: async (req) => svc.batch(requireAuth(req), req.body),
    approve: async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'approve', {
        comment: req.body.comment,
        version: req.body.version,
        attachmentIds: req.body.attachmentIds,
      });
      return ok;
    },
    reject: async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'reject', req.body);
      return ok;
    },
    return: async (req) => {
      await svc.decide(requireAuth(req), req.params.id, 'return', req.body);
      return ok;
    },
    withdraw: async (req) => {
      await svc.withdraw(requireAuth(req), req.params.id, req.body.version);
      return ok;
    },
    resubmit: async (req) => {
      await svc.resubmitStandalone(requireAuth(req), req.params.id, req.body.version);
      return ok;
    },
  });

  mountRoutes(app, approvalCommentsApi, {
    list: async (req) => svc.comments(requireAuth(req)),
    create: async (req) => svc.addComment(requireAuth(req), req.body.text),
    remove: async (req) => {
      await svc.removeComment(requireAuth(req), req.params.id);
      return ok;
    },
  });

  mountRoutes(app, flowsApi, {
    list: async (req) => ({ items: await svc.flows(requireAuth(req)) }),
    versions: async (req) => ({ items: await svc.flowVersions(requireAuth(req), req.params.businessType) }),
    publish: async (req) => svc.updateFlow(requireAuth(req), req.params.businessType, req.body),
  });
}
