import { z } from 'zod';
import { ZMoneyOut, ZRef, zMoney, ZPageNo, zPageSize } from '../common';

export const ZFlowStepSchema = z.object({
  key: z.string().trim().min(1).max(40),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  /**
   * Who approves, relative to the applicant: holders of `role` whose scope covers the
   * applicant's unit (nearest first), the applicant's bureau, or anyone covering them.
   */
  approver: z.object({ role: z.string().min(1).max(40), at: z.enum(['applicant_unit', 'bureau', 'any']) }),
  /** any = one approval completes the step; all = countersign by every approver found. */
  mode: z.enum(['any', 'all']).default('any'),
  /** The step applies only when the condition on the business facts holds (e.g. amount > 10000). */
  condition: z
    .object({
      fact: z.string().min(1).max(40),
      op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'ne']),
      value: z.union([z.number(), z.string(), z.boolean()]),
    })
    .nullish(),
});
export type TFlowStep = z.infer<typeof ZFlowStepSchema>;

export const ZFlowUpdateSchema = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(120),
  steps: z.array(ZFlowStepSchema).min(1).max(20),
});

/** A flow's facts as the editor offers them (the business type's summary fields, both languages). */
export const ZFlowFactSchema = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  kind: z.enum(['text', 'money', 'day', 'instant', 'boolean', 'number']).optional(),
  values: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })).optional(),
  unit: z.object({ zh: z.string(), en: z.string() }).optional(),
  hidden: z.boolean().optional(),
});

export const ZFlowSchema = z.object({
  id: z.number(),
  businessType: z.string(),
  version: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  steps: z.array(ZFlowStepSchema),
  active: z.boolean(),
  createdAt: z.string(),
});

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;

/** An approval's facts as the approver reads them (the business type's summary, in the caller's language). */
export const ZApprovalSummarySchema = z.object({
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Failed checks as sentences. */
  checks: z.array(z.string()),
});

export const ZApprovalListItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  businessType: z.string(),
  businessTypeName: z.string(),
  businessId: z.string(),
  applicantName: z.string(),
  orgName: z.string(),
  submittedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(APPROVAL_STATUSES),
  stepName: z.string().nullable(),
  version: z.number(),
  summary: ZApprovalSummarySchema,
});

export const ZApprovalDetailSchema = z.object({
  instance: ZApprovalListItemSchema.extend({
    facts: z.record(z.string(), z.unknown()),
    round: z.number(),
    /** In-app route of the business record (the business type's `link`), if it has one. */
    link: z.string().nullable().optional(),
  }),
  steps: z.array(
    z.object({
      index: z.number(),
      name: z.string(),
      /** skipped: the step's condition does not hold for this request (or it was passed over); it will not run. */
      state: z.enum(['skipped', 'done', 'current', 'waiting', 'rejected', 'returned']),
      /** The step's condition as a sentence ("金额大于 10,000 元"), if it has one. */
      condition: z.string().nullable(),
      approvers: z.array(z.object({ name: z.string(), status: z.string(), actedAt: z.string().nullable() })),
    }),
  ),
  timeline: z.array(
    z.object({
      attachments: z.array(z.object({ id: z.string(), filename: z.string() })),
      id: z.number(),
      action: z.string(),
      actorName: z.string(),
      comment: z.string().nullable(),
      stepName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  allowedActions: z.array(z.enum(['approve', 'reject', 'return', 'withdraw', 'resubmit'])),
});
export type TApprovalDetail = z.infer<typeof ZApprovalDetailSchema>;

export const ZApproveSchema = z.object({
  comment: z.string().trim().max(500).nullish(),
  version: z.number().int().optional(),
  attachmentIds: z.array(z.string().max(64)).max(20).optional(),
});
/** Several pending items of one business type decided with one comment, each in its own transaction. */
export const ZApprovalBatchSchema = z
  .object({
    ids: z.array(z.number().int().positive().max(2147483647)).min(1).max(50),
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(500).nullish(),
  })
  .refine((b) => b.decision === 'approve' || !!b.comment, { path: ['comment'], message: '不同意须填写理由|a rejection needs a reason' });
export const ZApprovalBatchResultSchema = z.object({
  results: z.array(z.object({ id: z.number(), ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).nullable() })),
});

/** 常用意见: the built-in comments (in the caller's language) and the caller's own. */
export const ZApprovalCommentsSchema = z.object({
  builtIn: z.array(z.string()),
  items: z.array(z.object({ id: z.number(), text: z.string() })),
});
export const ZApprovalCommentCreateSchema = z.object({ text: z.string().trim().min(1).max(200) });

export const ZRejectSchema = z.object({ reason: z.string().trim().min(1).max(500), version: z.number().int().optional() });
export const ZApprovalListQuerySchema = z.object({
  page: ZPageNo.default(1),
  pageSize: zPageSize({ max: 100 }),
  businessType: z.string().max(40).optional(),
  status: z.enum(APPROVAL_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
});

export const GENERAL_CATEGORIES = ['purchase', 'service', 'venue', 'other'] as const;
export const ZGeneralRequestCreateSchema = z.object({
  title: z.string().trim().min(1).max(100),
  category: z.enum(GENERAL_CATEGORIES),
  content: z.string().trim().min(1).max(2000),
  amount: zMoney({ max: 100_000_000 }).nullish(),
});
export const ZGeneralRequestSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  title: z.string(),
  category: z.enum(GENERAL_CATEGORIES),
  content: z.string(),
  amount: ZMoneyOut.nullable(),
  status: z.string(),
  instanceId: z.number().nullable(),
  createdAt: z.string(),
});
export const ZRefId = ZRef;
