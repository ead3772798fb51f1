import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZGeneralRequestCreateSchema } from '../../../contracts/core/approval';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  P,
  assertOrgInScope,
  badRequest,
  forbidden,
  inScope,
  notFound,
  type BusinessType,
  unitOf,
  writeAudit,
  bureauLeader,
  bureauReview,
  unitReview,
  when,
  defineApprovalSummary,
} from '../../core';
import { generalRequests } from './general.schema';

export const GENERAL_TYPE = 'general';

/**
 * Default flow: the applicant's unit administrator, then the bureau's business administrator,
 * then a bureau leader only when the amount exceeds 10,000 yuan (a threshold administrators
 * can change in the flow editor).
 */
export const GENERAL_BUSINESS_TYPE: BusinessType = {
  type: GENERAL_TYPE,
  nameZh: '通用事项申请',
  nameEn: 'General request',
  defaultFlow: {
    nameZh: '通用事项审批',
    nameEn: 'General request approval',
    steps: [unitReview(), bureauReview(), bureauLeader({ condition: when('amount', 'gt', 10000) })],
  },
  summary: defineApprovalSummary({
    fields: {
      category: {
        zh: '事项类别',
        en: 'Category',
        values: {
          purchase: { zh: '购置', en: 'Purchase' },
          service: { zh: '服务', en: 'Service' },
          venue: { zh: '场地借用', en: 'Venue' },
          other: { zh: '其他', en: 'Other' },
        },
      },
      amount: { zh: '金额', en: 'Amount', kind: 'money' },
      content: { zh: '申请内容', en: 'Details' },
    },
  }),
  link: (id) => `/requests/general?id=${id}`,
  onApproved: (tx, inst, ctx) => setStatus(tx, ctx, Number(inst.businessId), 'approved'),
  onRejected: (tx, inst, ctx) => setStatus(tx, ctx, Number(inst.businessId), 'rejected'),
  onReturned: (tx, inst, ctx) => setStatus(tx, ctx, Number(inst.businessId), 'returned'),
  onWithdrawn: (tx, inst, ctx) => setStatus(tx, ctx, Number(inst.businessId), 'withdrawn'),
  onResubmitted: (tx, inst, ctx) => setStatus(tx, ctx, Number(inst.businessId), 'pending'),
};

async function setStatus(tx: Executor, ctx: AuthContext, id: number, status: string) {
  const [before] = await tx.select().from(generalRequests).where(eq(generalRequests.id, id));
  await tx.update(generalRequests).set({ status, updatedAt: new Date() }).where(eq(generalRequests.id, id));
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'general_request',
    entityId: id,
    orgId: before?.orgId,
    before: { status: before?.status },
    after: { status },
  });
}

const view = (r: typeof generalRequests.$inferSelect) => ({
  ...r,
  category: r.category as 'other',
  amount: r.amount ?? null,
  createdAt: r.createdAt.toISOString(),
});

export class GeneralRequestService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZGeneralRequestCreateSchema>) {
    ctx.require(P['general.request']);
    // The applicant's unit: the account's home org, or the unit above a department.
    const unitId = await unitOf(this.core.db, ctx.account.orgId);
    return this.core.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(generalRequests)
        .values({
          tenantId: ctx.tenantId,
          orgId: unitId,
          applicantId: ctx.account.id,
          title: input.title,
          category: input.category,
          content: input.content,
          amount: input.amount ?? null,
        })
        .returning();
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: GENERAL_TYPE,
        businessId: row!.id,
        title: input.title,
        orgId: unitId,
        facts: { amount: input.amount ?? null, category: input.category, content: input.content },
      });
      const [updated] = await tx
        .update(generalRequests)
        .set({ instanceId: inst.id, status: inst.status })
        .where(eq(generalRequests.id, row!.id))
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'general_request',
        entityId: row!.id,
        orgId: unitId,
        summary: input.title,
        after: input,
      });
      return view(updated!);
    });
  }

  async list(ctx: AuthContext, q: { page: number; pageSize: number; status?: string }) {
    const visible = or(eq(generalRequests.applicantId, ctx.account.id), inScope(ctx, P['approval.read'], generalRequests.orgId));
    const where = and(visible, q.status ? eq(generalRequests.status, q.status) : undefined);
    const [{ n }] = await this.core.db.select({ n: sql<number>`count(*)::int` }).from(generalRequests).where(where);
    const rows = await this.core.db
      .select()
      .from(generalRequests)
      .where(where)
      .orderBy(desc(generalRequests.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { total: n, items: rows.map(view) };
  }

  private async load(tx: Executor, ctx: AuthContext, id: number) {
    const [row] = await tx.select().from(generalRequests).where(eq(generalRequests.id, id));
    if (!row) throw notFound('general_request');
    if (row.applicantId !== ctx.account.id) {
      await assertOrgInScope(tx, ctx, P['approval.read'], row.orgId).catch(() => {
        throw notFound('general_request');
      });
    }
    return row;
  }

  async get(ctx: AuthContext, id: number) {
    return view(await this.load(this.core.db, ctx, id));
  }

  /** Only the applicant edits, and only after the request was returned; then it is resubmitted. */
  async reviseAndResubmit(ctx: AuthContext, id: number, input: z.infer<typeof ZGeneralRequestCreateSchema>) {
    return this.core.db.transaction(async (tx) => {
      const before = await this.load(tx, ctx, id);
      if (before.applicantId !== ctx.account.id) throw forbidden();
      if (before.status !== 'returned') throw badRequest('APPROVAL_NOT_ALLOWED', { reason: before.status });
      await tx
        .update(generalRequests)
        .set({ title: input.title, category: input.category, content: input.content, amount: input.amount ?? null, updatedAt: new Date() })
        .where(eq(generalRequests.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'general_request',
        entityId: id,
        orgId: before.orgId,
        before,
        after: input,
      });
      await this.core.approvals.resubmit(
        tx,
        ctx,
        before.instanceId!,
        { amount: input.amount ?? null, category: input.category, content: input.content },
        input.title,
      );
      const [row] = await tx.select().from(generalRequests).where(eq(generalRequests.id, id));
      return view(row!);
    });
  }
}
