import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TApprovalDetail, TFlowStep, ZApprovalListQuerySchema, ZFlowUpdateSchema } from '../../../contracts/core/approval';
import { conditionSentence, renderSummary, toSummaryLocale } from '../../../contracts/core/approval-summary';
import type { Db, Executor } from '../../db/client';
import { queryRows } from '../../db/client';
import { accounts } from '../auth/auth.schema';
import { writeAudit } from '../audit/audit.service';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import { translate } from '../i18n/messages';
import { notify } from '../notifications/notify';
import { orgs } from '../org/org.schema';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { roles } from '../rbac/rbac.schema';
import { inScope } from '../rbac/scope';
import { nextStep, pickApprovers, stepApplies } from './approval.rules';
import { approvalActions, approvalComments, approvalFlows, approvalInstances, approvalTasks } from './approval.schema';
import { attachments } from '../files/files.schema';
import { registerAttachmentOwner } from '../files/files.service';
import { type ApprovalInstance, businessType, businessTypes } from './registry';

type Flow = typeof approvalFlows.$inferSelect & { steps: TFlowStep[] };
type ListQuery = z.infer<typeof ZApprovalListQuerySchema>;
const conflictErr = () => new AppError(409, 'APPROVAL_CONFLICT');

/** A title the system writes, in both languages (`title` is read in Chinese, `titleEn` in English). */
export type ApprovalTitle = string | { zh: string; en: string };

/** The title in the reader's language; rows from before the English title read their one title. */
export const titleFor = (i: { title: string; titleEn: string | null }, locale: string) =>
  locale === 'en' && i.titleEn ? i.titleEn : i.title;

/** The built-in 常用意见, offered to everyone before their own. */
export const BUILT_IN_COMMENTS = {
  zh: ['同意', '情况属实，同意', '请补充材料', '不符合规定，不同意'],
  en: ['Approved', 'Verified, approved', 'Please add the supporting documents', 'Not in line with the rules; not approved'],
};

/**
 * The approval engine. Every transition locks the instance row, checks the caller's task is
 * still pending, and bumps `version`: of two approvers acting on one step at the same moment,
 * the second finds the step already handled and gets 409 APPROVAL_CONFLICT.
 */
export class ApprovalService {
  constructor(private readonly db: Db) {}

  /** Creates version 1 of each registered business type's default flow when none exists. */
  async seedFlows(): Promise<void> {
    for (const t of businessTypes()) {
      await this.db
        .insert(approvalFlows)
        .values({
          businessType: t.type,
          version: 1,
          nameZh: t.defaultFlow.nameZh,
          nameEn: t.defaultFlow.nameEn,
          steps: t.defaultFlow.steps,
          active: true,
        })
        .onConflictDoNothing();
    }
  }

  private typeName(type: string, locale: string) {
    const t = businessType(type);
    return t ? (locale === 'en' ? t.nameEn : t.nameZh) : type;
  }

  private async activeFlow(tx: Executor, type: string): Promise<Flow> {
    const [f] = await tx
      .select()
      .from(approvalFlows)
      .where(and(eq(approvalFlows.businessType, type), eq(approvalFlows.active, true)));
    if (!f) throw badRequest('FLOW_NOT_FOUND', { type });
    return f as Flow;
  }

  private async flowById(tx: Executor, id: number): Promise<Flow> {
    const [f] = await tx.select().from(approvalFlows).where(eq(approvalFlows.id, id));
    return f as Flow;
  }

  /** Accounts holding the step's role whose grant covers the target org (the applicant's unit or bureau). */
  private async resolveApprovers(tx: Executor, step: TFlowStep, orgId: number, applicantId: number): Promise<number[]> {
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    if (!org) return [];
    let target = org;
    if (step.approver.at === 'bureau') {
      const ids = org.path.split('/').filter(Boolean).map(Number);
      const chain = await tx.select().from(orgs).where(inArray(orgs.id, ids));
      target = chain.filter((o) => o.kind === 'bureau').sort((a, b) => b.depth - a.depth)[0] ?? org;
    }
    const rows = await queryRows<{ account_id: number; depth: number }>(
      tx,
      sql`select ra.account_id, o.depth from role_assignments ra
          join roles r on r.id = ra.role_id join orgs o on o.id = ra.org_id join accounts a on a.id = ra.account_id
          where r.code = ${step.approver.role} and a.status = 'active' and o.status = 'active'
            and ((ra.include_subtree and ${target.path} like o.path || '%') or ra.org_id = ${target.id})`,
    );
    return pickApprovers(
      rows.map((r) => ({ accountId: Number(r.account_id), depth: Number(r.depth) })),
      step.approver.at,
      applicantId,
    );
  }

  /**
   * Enters the next applicable step from `from`: creates one task per approver and notifies
   * them. Returns null when no step remains (the instance is approved).
   */
  private async enterStep(
    tx: Executor,
    inst: ApprovalInstance,
    flow: Flow,
    from: number,
    round: number,
    locale: string,
  ): Promise<number | null> {
    const idx = nextStep(flow.steps, from, inst.facts as Record<string, unknown>);
    if (idx === null) return null;
    const step = flow.steps[idx]!;
    const approvers = await this.resolveApprovers(tx, step, inst.orgId, inst.applicantId);
    if (!approvers.length) throw badRequest('APPROVAL_NO_APPROVER', { step: locale === 'en' ? step.nameEn : step.nameZh });
    await tx.insert(approvalTasks).values(approvers.map((approverId) => ({ instanceId: inst.id, stepIndex: idx, round, approverId })));
    await notify(tx, approvers, {
      kind: 'approval.todo',
      // The step's name in each language's title: a body is one text for both languages.
      titleZh: `待审批（${step.nameZh}）：${inst.title}`,
      titleEn: `To approve (${step.nameEn}): ${titleFor(inst, 'en')}`,
      link: `/approvals/${inst.id}`,
    });
    return idx;
  }

  private async action(
    tx: Executor,
    ctx: AuthContext,
    inst: ApprovalInstance,
    action: string,
    stepIndex: number | null,
    comment?: string | null,
    attachmentIds?: string[],
    batch?: boolean,
  ) {
    await tx.insert(approvalActions).values({
      instanceId: inst.id,
      stepIndex,
      action,
      actorId: ctx.account.id,
      actorName: ctx.account.displayName,
      comment: comment ?? null,
      attachmentIds: attachmentIds ?? null,
    });
    await writeAudit(tx, ctx.auditActor(), {
      action,
      entityType: 'approval',
      entityId: inst.id,
      orgId: inst.orgId,
      summary: `${inst.businessType} #${inst.businessId}: ${inst.title}`,
      after: comment || batch ? { ...(comment ? { comment } : {}), ...(batch ? { batch: true } : {}) } : undefined,
    });
  }

  /**
   * Starts an approval for a business record. Call it inside the module's own transaction so
   * the record and its approval exist together.
   */
  async submit(
    tx: Executor,
    ctx: AuthContext,
    input: { businessType: string; businessId: string | number; title: ApprovalTitle; orgId: number; facts?: Record<string, unknown> },
  ): Promise<ApprovalInstance> {
    if (!businessType(input.businessType)) throw badRequest('FLOW_NOT_FOUND', { type: input.businessType });
    const flow = await this.activeFlow(tx, input.businessType);
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    const [inst] = await tx
      .insert(approvalInstances)
      .values({
        tenantId: org!.tenantId,
        businessType: input.businessType,
        businessId: String(input.businessId),
        flowId: flow.id,
        title: typeof input.title === 'string' ? input.title : input.title.zh,
        titleEn: typeof input.title === 'string' ? null : input.title.en,
        orgId: input.orgId,
        applicantId: ctx.account.id,
        status: 'pending',
        facts: input.facts ?? {},
      })
      .returning();
    const idx = await this.enterStep(tx, inst!, flow, 0, 1, ctx.locale);
    const [updated] = await tx
      .update(approvalInstances)
      .set({ currentStep: idx, status: idx === null ? 'approved' : 'pending', finishedAt: idx === null ? new Date() : null })
      .where(eq(approvalInstances.id, inst!.id))
      .returning();
    await this.action(tx, ctx, updated!, 'submit', null);
    if (idx === null) await businessType(input.businessType)?.onApproved?.(tx, updated!, ctx);
    return updated!;
  }

  private async lock(tx: Executor, id: number, version?: number): Promise<ApprovalInstance> {
    const [inst] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, id)).for('update');
    if (!inst) throw notFound('approval');
    if (version !== undefined && version !== inst.version) throw conflictErr();
    return inst;
  }

  private async bump(tx: Executor, inst: ApprovalInstance, set: Partial<ApprovalInstance>): Promise<ApprovalInstance> {
    const [row] = await tx
      .update(approvalInstances)
      .set({ ...set, version: inst.version + 1 })
      .where(eq(approvalInstances.id, inst.id))
      .returning();
    return row!;
  }

  async decide(
    ctx: AuthContext,
    id: number,
    decision: 'approve' | 'reject' | 'return',
    input: { comment?: string | null; reason?: string; version?: number; attachmentIds?: string[]; batch?: boolean; businessType?: string },
  ) {
    await this.db.transaction(async (tx) => {
      const inst = await this.lock(tx, id, input.version);
      await this.assertCanView(tx, ctx, inst);
      // A batch names one business type: an item of another type is not decided with it.
      if (input.businessType && inst.businessType !== input.businessType) throw badRequest('APPROVAL_BATCH_MIXED');
      const [task] = await tx
        .select()
        .from(approvalTasks)
        .where(
          and(
            eq(approvalTasks.instanceId, id),
            eq(approvalTasks.round, inst.round),
            eq(approvalTasks.approverId, ctx.account.id),
            eq(approvalTasks.stepIndex, inst.currentStep ?? -1),
          ),
        );
      if (!task) {
        // A past approver or someone else: the step is not theirs (any more).
        const [past] = await tx
          .select({ id: approvalTasks.id })
          .from(approvalTasks)
          .where(and(eq(approvalTasks.instanceId, id), eq(approvalTasks.approverId, ctx.account.id)))
          .limit(1);
        if (past || inst.status !== 'pending') throw conflictErr();
        throw forbidden();
      }
      if (inst.status !== 'pending' || task.status !== 'pending') throw conflictErr();
      if (input.attachmentIds?.length) {
        // Attachments for an approval are uploaded against the instance first (owner 'approval').
        const found = await tx
          .select({ id: attachments.id })
          .from(attachments)
          .where(
            and(inArray(attachments.id, input.attachmentIds), eq(attachments.ownerType, 'approval'), eq(attachments.ownerId, String(id))),
          );
        if (found.length !== new Set(input.attachmentIds).size) throw notFound('attachment');
      }
      const flow = await this.flowById(tx, inst.flowId);
      const step = flow.steps[inst.currentStep!]!;
      const bt = businessType(inst.businessType);
      const now = new Date();
      if (decision === 'approve') {
        await tx.update(approvalTasks).set({ status: 'approved', actedAt: now }).where(eq(approvalTasks.id, task.id));
        const remaining = await tx
          .select({ id: approvalTasks.id })
          .from(approvalTasks)
          .where(
            and(
              eq(approvalTasks.instanceId, id),
              eq(approvalTasks.round, inst.round),
              eq(approvalTasks.stepIndex, inst.currentStep!),
              eq(approvalTasks.status, 'pending'),
            ),
          );
        await this.action(tx, ctx, inst, 'approve', inst.currentStep, input.comment, input.attachmentIds, input.batch);
        if (step.mode === 'all' && remaining.length) {
          await this.bump(tx, inst, {});
          return;
        }
        if (remaining.length)
          await tx
            .update(approvalTasks)
            .set({ status: 'skipped' })
            .where(
              inArray(
                approvalTasks.id,
                remaining.map((r) => r.id),
              ),
            );
        const next = await this.enterStep(tx, inst, flow, inst.currentStep! + 1, inst.round, ctx.locale);
        if (next === null) {
          const done = await this.bump(tx, inst, { status: 'approved', currentStep: null, finishedAt: now });
          await bt?.onApproved?.(tx, done, ctx);
          await notify(tx, [inst.applicantId], {
            kind: 'approval.approved',
            titleZh: `已通过：${inst.title}`,
            titleEn: `Approved: ${titleFor(inst, 'en')}`,
            link: `/approvals/${inst.id}`,
          });
        } else {
          await this.bump(tx, inst, { currentStep: next });
        }
        return;
      }
      // reject or return: the step and the instance stop here.
      const status = decision === 'reject' ? 'rejected' : 'returned';
      await tx.update(approvalTasks).set({ status, actedAt: now }).where(eq(approvalTasks.id, task.id));
      await tx
        .update(approvalTasks)
        .set({ status: 'cancelled' })
        .where(and(eq(approvalTasks.instanceId, id), eq(approvalTasks.status, 'pending')));
      await this.action(tx, ctx, inst, decision, inst.currentStep, input.reason, undefined, input.batch);
      const done = await this.bump(tx, inst, { status, finishedAt: decision === 'reject' ? now : null });
      await (decision === 'reject' ? bt?.onRejected : bt?.onReturned)?.(tx, done, ctx);
      await notify(tx, [inst.applicantId], {
        kind: `approval.${status}`,
        titleZh: `${decision === 'reject' ? '未通过' : '退回修改'}：${inst.title}`,
        titleEn: `${decision === 'reject' ? 'Rejected' : 'Returned for revision'}: ${titleFor(inst, 'en')}`,
        body: input.reason ?? null,
        link: `/approvals/${inst.id}`,
      });
    });
  }

  async withdraw(ctx: AuthContext, id: number, version?: number) {
    await this.db.transaction(async (tx) => {
      const inst = await this.lock(tx, id, version);
      await this.assertCanView(tx, ctx, inst);
      if (inst.applicantId !== ctx.account.id) throw forbidden();
      if (inst.status !== 'pending' && inst.status !== 'returned') throw badRequest('APPROVAL_NOT_ALLOWED', { reason: inst.status });
      await tx
        .update(approvalTasks)
        .set({ status: 'cancelled' })
        .where(and(eq(approvalTasks.instanceId, id), eq(approvalTasks.status, 'pending')));
      await this.action(tx, ctx, inst, 'withdraw', inst.currentStep);
      const done = await this.bump(tx, inst, { status: 'withdrawn', finishedAt: new Date() });
      await businessType(inst.businessType)?.onWithdrawn?.(tx, done, ctx);
    });
  }

  /** After a return: a new round from the first step, with the (possibly updated) facts. */
  async resubmit(tx: Executor, ctx: AuthContext, id: number, facts?: Record<string, unknown>, title?: ApprovalTitle) {
    const inst = await this.lock(tx, id);
    await this.assertCanView(tx, ctx, inst);
    if (inst.applicantId !== ctx.account.id) throw forbidden();
    if (inst.status !== 'returned') throw badRequest('APPROVAL_NOT_ALLOWED', { reason: inst.status });
    const flow = await this.flowById(tx, inst.flowId);
    const round = inst.round + 1;
    const withFacts = {
      ...inst,
      facts: facts ?? inst.facts,
      ...(title === undefined ? {} : typeof title === 'string' ? { title, titleEn: null } : { title: title.zh, titleEn: title.en }),
    };
    const idx = await this.enterStep(tx, withFacts, flow, 0, round, ctx.locale);
    const updated = await this.bump(tx, inst, {
      status: idx === null ? 'approved' : 'pending',
      currentStep: idx,
      round,
      facts: withFacts.facts,
      title: withFacts.title,
      titleEn: withFacts.titleEn,
      finishedAt: idx === null ? new Date() : null,
    });
    await this.action(tx, ctx, updated, 'resubmit', null);
    await businessType(inst.businessType)?.onResubmitted?.(tx, updated, ctx);
    if (idx === null) await businessType(inst.businessType)?.onApproved?.(tx, updated, ctx);
    return updated;
  }

  async resubmitStandalone(ctx: AuthContext, id: number, version?: number) {
    await this.db.transaction(async (tx) => {
      if (version !== undefined) await this.lock(tx, id, version);
      await this.resubmit(tx, ctx, id);
    });
  }

  /** Applicant, anyone who holds or held a task, or approval.read over the instance's org. */
  private async assertCanView(tx: Executor, ctx: AuthContext, inst: ApprovalInstance) {
    if (inst.applicantId === ctx.account.id) return;
    const [task] = await tx
      .select({ id: approvalTasks.id })
      .from(approvalTasks)
      .where(and(eq(approvalTasks.instanceId, inst.id), eq(approvalTasks.approverId, ctx.account.id)))
      .limit(1);
    if (task) return;
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, inst.orgId));
    if (org && ctx.covers(P['approval.read'], org)) return;
    throw notFound('approval');
  }

  // ---------- queries ----------
  private listSelect() {
    return this.db
      .select({ i: approvalInstances, applicantName: accounts.displayName, orgName: orgs.name, steps: approvalFlows.steps })
      .from(approvalInstances)
      .innerJoin(accounts, eq(accounts.id, approvalInstances.applicantId))
      .innerJoin(orgs, eq(orgs.id, approvalInstances.orgId))
      .innerJoin(approvalFlows, eq(approvalFlows.id, approvalInstances.flowId));
  }

  private view(r: { i: ApprovalInstance; applicantName: string; orgName: string; steps: unknown }, locale: string) {
    const step = r.i.currentStep !== null ? (r.steps as TFlowStep[])[r.i.currentStep] : undefined;
    return {
      id: r.i.id,
      title: titleFor(r.i, locale),
      businessType: r.i.businessType,
      businessTypeName: this.typeName(r.i.businessType, locale),
      businessId: r.i.businessId,
      applicantName: r.applicantName,
      orgName: r.orgName,
      submittedAt: r.i.submittedAt.toISOString(),
      finishedAt: r.i.finishedAt?.toISOString() ?? null,
      status: r.i.status as 'pending',
      stepName: step ? (locale === 'en' ? step.nameEn : step.nameZh) : null,
      version: r.i.version,
      summary: this.summary(r.i.businessType, r.i.facts as Record<string, unknown>, locale),
    };
  }

  /** The facts as the business type's summary renders them for the reader. */
  summary(type: string, facts: Record<string, unknown>, locale: string) {
    const def = businessType(type)?.summary;
    return def ? renderSummary(def, facts ?? {}, toSummaryLocale(locale)) : { fields: [], checks: [] };
  }

  private filters(q: ListQuery) {
    const c = [];
    if (q.businessType) c.push(eq(approvalInstances.businessType, q.businessType));
    if (q.status) c.push(eq(approvalInstances.status, q.status));
    if (q.q) c.push(or(ilike(approvalInstances.title, `%${q.q}%`), ilike(approvalInstances.titleEn, `%${q.q}%`))!);
    return c;
  }

  private async page(ctx: AuthContext, where: ReturnType<typeof and>, q: ListQuery) {
    const [{ n }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(approvalInstances).where(where);
    const rows = await this.listSelect()
      .where(where)
      .orderBy(desc(approvalInstances.submittedAt), desc(approvalInstances.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { total: n, items: rows.map((r) => this.view(r, ctx.locale)) };
  }

  async inbox(ctx: AuthContext, q: ListQuery) {
    const mine = sql`exists (select 1 from approval_tasks t where t.instance_id = ${approvalInstances.id} and t.approver_id = ${ctx.account.id} and t.status = 'pending' and t.round = ${approvalInstances.round} and t.step_index = ${approvalInstances.currentStep})`;
    return this.page(ctx, and(eq(approvalInstances.status, 'pending'), mine, ...this.filters(q)), q);
  }

  async inboxCount(ctx: AuthContext): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      this.db,
      sql`select count(*)::int as n from approval_tasks t join approval_instances i on i.id = t.instance_id
          where t.approver_id = ${ctx.account.id} and t.status = 'pending' and i.status = 'pending' and t.round = i.round and t.step_index = i.current_step`,
    );
    return Number(n);
  }

  async mine(ctx: AuthContext, q: ListQuery) {
    return this.page(ctx, and(eq(approvalInstances.applicantId, ctx.account.id), ...this.filters(q)), q);
  }

  async search(ctx: AuthContext, q: ListQuery) {
    ctx.require(P['approval.read']);
    const c = [inScope(ctx, P['approval.read'], approvalInstances.orgId), ...this.filters(q)];
    if (q.orgId) {
      const [org] = await this.db.select().from(orgs).where(eq(orgs.id, q.orgId));
      if (!org || !ctx.covers(P['approval.read'], org)) throw notFound('org');
      c.push(sql`${approvalInstances.orgId} in (select id from orgs where path like ${`${org.path}%`})`);
    }
    return this.page(ctx, and(...c), q);
  }

  async detail(ctx: AuthContext, id: number): Promise<TApprovalDetail> {
    const [r] = await this.listSelect().where(eq(approvalInstances.id, id));
    if (!r) throw notFound('approval');
    await this.assertCanView(this.db, ctx, r.i);
    const steps = r.steps as TFlowStep[];
    const tasks = await this.db
      .select({ t: approvalTasks, name: accounts.displayName })
      .from(approvalTasks)
      .innerJoin(accounts, eq(accounts.id, approvalTasks.approverId))
      .where(and(eq(approvalTasks.instanceId, id), eq(approvalTasks.round, r.i.round)))
      .orderBy(asc(approvalTasks.id));
    const actions = await this.db
      .select()
      .from(approvalActions)
      .where(eq(approvalActions.instanceId, id))
      .orderBy(asc(approvalActions.at), asc(approvalActions.id));
    const files = await this.db
      .select({ id: attachments.id, filename: attachments.filename })
      .from(attachments)
      .where(and(eq(attachments.ownerType, 'approval'), eq(attachments.ownerId, String(id))));
    const en = ctx.locale === 'en';
    const myTask = tasks.find((x) => x.t.approverId === ctx.account.id && x.t.status === 'pending' && x.t.stepIndex === r.i.currentStep);
    const allowed: TApprovalDetail['allowedActions'] = [];
    if (r.i.status === 'pending' && myTask) allowed.push('approve', 'reject', 'return');
    if (r.i.applicantId === ctx.account.id && (r.i.status === 'pending' || r.i.status === 'returned')) allowed.push('withdraw');
    if (r.i.applicantId === ctx.account.id && r.i.status === 'returned') allowed.push('resubmit');
    return {
      instance: {
        ...this.view(r, ctx.locale),
        facts: r.i.facts as Record<string, unknown>,
        round: r.i.round,
        link: businessType(r.i.businessType)?.link?.(r.i.businessId) ?? null,
      },
      steps: steps.map((s, index) => {
        const st = tasks.filter((x) => x.t.stepIndex === index);
        // A step whose condition does not hold for these facts will not run: it reads as skipped,
        // never as waiting (a leader step below 200 ㎡ is not "next").
        const applies = stepApplies(s, (r.i.facts ?? {}) as Record<string, unknown>);
        const state =
          !applies && !st.length
            ? 'skipped'
            : st.some((x) => x.t.status === 'rejected')
              ? 'rejected'
              : st.some((x) => x.t.status === 'returned')
                ? 'returned'
                : index === r.i.currentStep && r.i.status === 'pending'
                  ? 'current'
                  : st.some((x) => x.t.status === 'approved')
                    ? 'done'
                    : r.i.status === 'approved' || (r.i.currentStep !== null && index < r.i.currentStep)
                      ? 'skipped'
                      : 'waiting';
        return {
          index,
          name: en ? s.nameEn : s.nameZh,
          state,
          condition: s.condition
            ? conditionSentence(s.condition, businessType(r.i.businessType)?.summary.fields, toSummaryLocale(ctx.locale))
            : null,
          approvers: st.map((x) => ({ name: x.name, status: x.t.status, actedAt: x.t.actedAt?.toISOString() ?? null })),
        };
      }),
      timeline: actions.map((a) => ({
        attachments: (a.attachmentIds ?? []).map((fid) => ({ id: fid, filename: files.find((f) => f.id === fid)?.filename ?? fid })),
        id: a.id,
        action: a.action,
        actorName: a.actorName,
        comment: a.comment,
        stepName: a.stepIndex !== null && steps[a.stepIndex] ? (en ? steps[a.stepIndex]!.nameEn : steps[a.stepIndex]!.nameZh) : null,
        at: a.at.toISOString(),
      })),
      allowedActions: allowed,
    };
  }

  /**
   * Decides several pending items of one business type with one comment. Each is decided by
   * `decide`, in its own transaction with its own checks (lock, task, step), so an item either
   * moves on whole or not at all; one item's failure is reported and does not stop the others.
   */
  async batch(ctx: AuthContext, input: { ids: number[]; decision: 'approve' | 'reject'; comment?: string | null }) {
    const ids = [...new Set(input.ids)];
    const rows = await this.db
      .select({ id: approvalInstances.id, type: approvalInstances.businessType })
      .from(approvalInstances)
      .where(inArray(approvalInstances.id, ids));
    const types = new Set(rows.map((r) => r.type));
    if (types.size > 1) throw badRequest('APPROVAL_BATCH_MIXED');
    const type = rows[0]?.type;
    const results: { id: number; ok: boolean; error: { code: string; message: string } | null }[] = [];
    for (const id of ids) {
      try {
        if (!type) throw notFound('approval');
        await this.decide(ctx, id, input.decision, {
          comment: input.comment,
          reason: input.comment ?? undefined,
          batch: true,
          businessType: type,
        });
        results.push({ id, ok: true, error: null });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ id, ok: false, error: { code: String(e.code), message: translate(e.code, ctx.locale, e.params) } });
      }
    }
    return { results };
  }

  // ---------- 常用意见 ----------
  async comments(ctx: AuthContext) {
    const items = await this.db
      .select({ id: approvalComments.id, text: approvalComments.text })
      .from(approvalComments)
      .where(eq(approvalComments.accountId, ctx.account.id))
      .orderBy(asc(approvalComments.id));
    return { builtIn: BUILT_IN_COMMENTS[ctx.locale === 'en' ? 'en' : 'zh'], items };
  }

  async addComment(ctx: AuthContext, text: string) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(approvalComments)
        .values({ accountId: ctx.account.id, text })
        .onConflictDoNothing()
        .returning({ id: approvalComments.id, text: approvalComments.text });
      if (!row) throw conflict('DUPLICATE', { field: ctx.locale === 'en' ? 'The comment' : '该常用意见' });
      await writeAudit(tx, ctx.auditActor(), { action: 'create', entityType: 'approval_comment', entityId: row.id, after: { text } });
      return row;
    });
  }

  /** Only the account that keeps a comment may delete it; another's is a 404. */
  async removeComment(ctx: AuthContext, id: number) {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .delete(approvalComments)
        .where(and(eq(approvalComments.id, id), eq(approvalComments.accountId, ctx.account.id)))
        .returning();
      if (!row) throw notFound('approval_comment');
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'approval_comment',
        entityId: id,
        before: { text: row.text },
      });
    });
  }

  // ---------- flow administration ----------
  async flows(ctx: AuthContext) {
    ctx.require(P['approval.flows.read']);
    const rows = await this.db.select().from(approvalFlows).where(eq(approvalFlows.active, true)).orderBy(asc(approvalFlows.businessType));
    return rows.map((f) => ({
      ...f,
      steps: f.steps as TFlowStep[],
      createdAt: f.createdAt.toISOString(),
      typeName: this.typeName(f.businessType, ctx.locale),
      facts: Object.entries(businessType(f.businessType)?.summary.fields ?? {}).map(([key, v]) => ({ key, ...v })),
    }));
  }

  async flowVersions(ctx: AuthContext, type: string) {
    ctx.require(P['approval.flows.read']);
    const rows = await this.db
      .select()
      .from(approvalFlows)
      .where(eq(approvalFlows.businessType, type))
      .orderBy(desc(approvalFlows.version));
    if (!rows.length) throw notFound('flow');
    return rows.map((f) => ({ ...f, steps: f.steps as TFlowStep[], createdAt: f.createdAt.toISOString() }));
  }

  /** A new version; instances in flight keep the version they started with. */
  async updateFlow(ctx: AuthContext, type: string, input: z.infer<typeof ZFlowUpdateSchema>) {
    ctx.require(P['approval.flows.write']);
    const known = new Set((await this.db.select({ code: roles.code }).from(roles)).map((r) => r.code));
    const unknown = input.steps.filter((s) => !known.has(s.approver.role));
    if (unknown.length)
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'steps' },
        {
          fields: unknown.map((s) => ({
            field: `steps.${s.key}.approver.role`,
            message: `${ctx.locale === 'en' ? 'unknown role' : '角色不存在'}: ${s.approver.role}`,
          })),
        },
      );
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(approvalFlows)
        .where(and(eq(approvalFlows.businessType, type), eq(approvalFlows.active, true)))
        .for('update');
      if (!current) throw notFound('flow');
      await tx.update(approvalFlows).set({ active: false }).where(eq(approvalFlows.id, current.id));
      const [row] = await tx
        .insert(approvalFlows)
        .values({
          businessType: type,
          version: current.version + 1,
          nameZh: input.nameZh,
          nameEn: input.nameEn,
          steps: input.steps,
          active: true,
          createdBy: ctx.account.id,
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'approval_flow',
        entityId: `${type}@${row!.version}`,
        before: current.steps,
        after: input.steps,
      });
      return { ...row!, steps: row!.steps as TFlowStep[], createdAt: row!.createdAt.toISOString() };
    });
  }
}
export { conflict };

/** Files on an approval: visible to whoever may view the instance; attachable while it is open. */
async function instanceVisible(db: Executor, ctx: AuthContext, id: string, open: boolean): Promise<boolean> {
  const [inst] = await db
    .select()
    .from(approvalInstances)
    .where(eq(approvalInstances.id, Number(id) || 0));
  if (!inst || inst.tenantId !== ctx.tenantId) return false;
  if (open && inst.status !== 'pending' && inst.status !== 'returned') return false;
  if (inst.applicantId === ctx.account.id) return true;
  const [task] = await db
    .select({ id: approvalTasks.id })
    .from(approvalTasks)
    .where(and(eq(approvalTasks.instanceId, inst.id), eq(approvalTasks.approverId, ctx.account.id)))
    .limit(1);
  if (task) return true;
  const [org] = await db.select().from(orgs).where(eq(orgs.id, inst.orgId));
  return !!org && ctx.covers(P['approval.read'], org);
}
registerAttachmentOwner('approval', {
  canView: (db, ctx, id) => instanceVisible(db, ctx, id, false),
  canAttach: (db, ctx, id) => instanceVisible(db, ctx, id, true),
});
