import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZMeetingPlanCreateSchema,
  ZMeetingPlanFactsSchema,
  ZMeetingPlanQuerySchema,
  ZMeetingSettleSchema,
} from '../../../contracts/modules/meeting-plans';
import {
  type AuthContext,
  type BusinessType,
  type CoreServices,
  type Executor,
  type MessageCode,
  INITIATOR_FACT,
  addDays,
  assertOrgInScope,
  badRequest,
  both,
  bureauLeader,
  bureauReview,
  cnToday,
  conflict,
  day,
  defineApprovalSummary,
  fenToYuan,
  formatYuan,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  ruleInForce,
  scopeOn,
  statusHooks,
  toFen,
  toYuan,
  translate,
  when,
  where,
  writeAudit,
} from '../../core';
import { type FeeCheck, type SettlementLine, classLabel, classRule, planCap, planChecks, settle } from './fees';
import { MPM } from './meeting-plans.messages';
import { MPP } from './meeting-plans.permissions';
import { MEETING_FEE_CAPS_RULE } from './meeting-plans.ruletables';

export const MEETING_PLAN_TYPE = 'meeting_plan';

const CLASS_VALUES = {
  '1': { zh: '一类会议', en: 'Class 1 meeting' },
  '2': { zh: '二类会议', en: 'Class 2 meeting' },
  '3': { zh: '三类会议', en: 'Class 3 meeting' },
  '4': { zh: '四类会议', en: 'Class 4 meeting' },
} as const;

/**
 * A meeting plan on the approval engine: a unit's plan is reviewed by the bureau's
 * administrator, and every plan is signed off by a bureau leader, who sees the failed checks
 * (a failed check does not stop the plan: the approvers decide).
 */
export const MEETING_PLAN_BUSINESS_TYPE: BusinessType = {
  type: MEETING_PLAN_TYPE,
  nameZh: '会议计划',
  nameEn: 'Meeting plan',
  defaultFlow: {
    nameZh: '会议计划审批',
    nameEn: 'Meeting plan approval',
    steps: [bureauReview({ condition: when('initiator', 'eq', 'unit') }), bureauLeader()],
  },
  ...statusHooks('meeting_plans', 'meeting_plan'),
  summary: defineApprovalSummary({
    fields: {
      meetingClass: { zh: '会议类别', en: 'Meeting class', values: CLASS_VALUES },
      days: { zh: '会期', en: 'Days', kind: 'number', unit: { zh: '天', en: 'days' } },
      attendees: { zh: '参会人数', en: 'Attendees', kind: 'number', unit: { zh: '人', en: 'people' } },
      staff: { zh: '工作人员', en: 'Staff', kind: 'number', unit: { zh: '人', en: 'people' } },
      budget: { zh: '预算', en: 'Budget', kind: 'money' },
      cap: { zh: '开支上限', en: 'Cap', kind: 'money' },
      initiator: INITIATOR_FACT,
      checksPassed: { zh: '符合会议费标准', en: 'Within the meeting fee rules', kind: 'boolean' },
      failedChecks: { zh: '未通过的检查', en: 'Failed checks', hidden: true },
    },
    checks: {
      failedChecks: {
        budget: { zh: '预算超过会议费综合定额上限', en: 'The budget is above the meeting fee cap' },
        days: { zh: '会期超过该类会议的天数上限', en: 'More days than this class of meeting allows' },
        attendees: { zh: '参会人数超过该类会议的上限', en: 'More attendees than this class of meeting allows' },
        staff: { zh: '工作人员超过参会人数的规定比例', en: 'More staff than the allowed share of the attendees' },
      },
    },
  }),
  link: (id) => `/meeting-plans?id=${id}`,
};

type Row = Record<string, unknown>;
type Facts = z.infer<typeof ZMeetingPlanFactsSchema>;

/** Checks as stored → as shown, in the reader's language. */
const showChecks = (ctx: AuthContext, checks: unknown) =>
  ((checks as FeeCheck[] | null) ?? []).map((c) => ({
    rule: c.rule,
    passed: c.passed,
    message: translate(c.code as MessageCode, ctx.locale, c.params),
  }));

const SORTS: Record<string, ReturnType<typeof sql>> = {
  id: sql`p.id`,
  budget: sql`p.budget`,
  startDate: sql`p.start_date`,
  meetingClass: sql`p.meeting_class`,
};

/** Meeting plans: draw up with checks, submit for approval, settle against the cap. */
export class MeetingPlansService {
  constructor(readonly core: CoreServices) {}

  /** The plan's org: in the caller's scope for `permission` (else 404), the bureau or a unit. */
  private async owningOrg(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
    const org = await assertOrgInScope(db, ctx, permission, orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    if (org.kind !== 'unit' && org.kind !== 'bureau') throw badRequest(MPM.MPLAN_ORG_KIND);
    return org;
  }

  /** The class's figures from the rule version in force on `onDate` (400 when none). */
  private async rule(db: Executor, meetingClass: number, onDate: string) {
    const r = await ruleInForce(db, MEETING_FEE_CAPS_RULE, onDate);
    if (!r) throw badRequest(MPM.MPLAN_NO_RULE);
    const c = classRule(r.data, meetingClass);
    if (!c) throw badRequest(MPM.MPLAN_NO_CLASS, { cls: classLabel(meetingClass), clsNo: meetingClass });
    return { c, version: r.version };
  }

  private compute(c: Parameters<typeof planChecks>[0], f: Facts) {
    const checks = planChecks(c, f);
    return { checks, checksPassed: checks.every((k) => k.passed), cap: planCap(c, f) };
  }

  /** The checks a plan would get (the form's live view); nothing is saved. */
  async preview(ctx: AuthContext, input: Facts) {
    ctx.require(MPP['meeting_plans.write']);
    await this.owningOrg(this.core.db, ctx, MPP['meeting_plans.write'], input.orgId);
    const { c, version } = await this.rule(this.core.db, input.meetingClass, cnToday());
    const r = this.compute(c, input);
    return { checks: showChecks(ctx, r.checks), checksPassed: r.checksPassed, cap: r.cap, ruleVersion: version };
  }

  /** Saves a draft plan with every check (failures are kept and shown, they do not stop it). */
  async create(ctx: AuthContext, input: z.infer<typeof ZMeetingPlanCreateSchema>) {
    ctx.require(MPP['meeting_plans.write']);
    const split = [input.budgetLodging, input.budgetMeals, input.budgetOther];
    if (split.every((v) => v != null)) {
      const sum = split.reduce((s, v) => s + toFen(v), 0n);
      if (sum !== toFen(input.budget)) throw badRequest(MPM.MPLAN_SPLIT_SUM, { sum: fenToYuan(sum), budget: input.budget });
    }
    const id = await this.core.db.transaction(async (tx) => {
      await this.owningOrg(tx, ctx, MPP['meeting_plans.write'], input.orgId);
      const { c, version } = await this.rule(tx, input.meetingClass, input.startDate ?? cnToday());
      const r = this.compute(c, input);
      const title = input.title || `${classLabel(input.meetingClass)}会议（${input.attendees} 人，${input.days} 天）`;
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into meeting_plans (tenant_id, org_id, title, meeting_class, days, attendees, staff, venue, start_date, budget,
              budget_lodging, budget_meals, budget_other, cap, checks, checks_passed, rule_version, created_by)
            values (${ctx.tenantId}, ${input.orgId}, ${title}, ${input.meetingClass}, ${input.days}, ${input.attendees}, ${input.staff},
              ${input.venue ?? null}, ${input.startDate ?? null}, ${input.budget}, ${input.budgetLodging ?? null}, ${input.budgetMeals ?? null},
              ${input.budgetOther ?? null}, ${r.cap}, ${JSON.stringify(r.checks)}::jsonb, ${r.checksPassed}, ${version}, ${ctx.account.id})
            returning id`,
      );
      const failed = r.checks.filter((k) => !k.passed).map((k) => k.rule);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'meeting_plan',
        entityId: row!.id,
        orgId: input.orgId,
        summary: `${title}: ${failed.length ? `failed ${failed.join(', ')}` : 'all checks passed'}`,
        after: { ...input, title },
      });
      return num(row!.id);
    });
    return this.view(ctx, this.core.db, id);
  }

  private async view(ctx: AuthContext, db: Executor, id: number) {
    const [r] = await queryRows<Row>(db, sql`${SELECT} where p.id = ${id}`);
    if (!r) throw notFound('meeting_plan');
    return toView(ctx, r);
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZMeetingPlanQuerySchema>) {
    ctx.require(MPP['meeting_plans.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, MPP['meeting_plans.read'], sql`p.org_id`, q.orgId);
    const w = where([
      sql`p.tenant_id = ${ctx.tenantId}`,
      scope,
      q.status ? sql`p.status = ${q.status}` : undefined,
      q.meetingClass ? sql`p.meeting_class = ${q.meetingClass}` : undefined,
      q.failed ? sql`p.checks_passed = ${q.failed !== 'true'}` : undefined,
      q.q ? sql`p.title like ${`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : undefined,
    ]);
    const desc = q.sort?.startsWith('-') ?? true;
    const col = SORTS[(q.sort ?? '-id').replace(/^-/, '')] ?? SORTS.id!;
    const order = sql`${col} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls last')}, p.id desc`;
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_plans p where ${w}`),
      () => queryRows<Row>(db, sql`${SELECT} where ${w} order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    );
    return { total: num(c?.n), items: rows.map((r) => toView(ctx, r)) };
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(MPP['meeting_plans.read']);
    await this.locate(this.core.db, ctx, id, MPP['meeting_plans.read'], false);
    return this.view(ctx, this.core.db, id);
  }

  /** The plan's row (locked when asked), or 404 outside the caller's scope for `permission`. */
  private async locate(db: Executor, ctx: AuthContext, id: number, permission: string, lock: boolean) {
    const [r] = await queryRows<Row>(
      db,
      sql`select * from meeting_plans where id = ${id} and tenant_id = ${ctx.tenantId} ${lock ? sql`for update` : sql``}`,
    );
    if (!r) throw notFound('meeting_plan');
    await assertOrgInScope(db, ctx, permission, num(r.org_id)).catch(() => {
      throw notFound('meeting_plan');
    });
    return r;
  }

  private stateError(ctx: AuthContext, status: string, action: 'submit' | 'settle') {
    const zh = { submit: '报批', settle: '结算' }[action];
    const en = { submit: 'submitted', settle: 'settled' }[action];
    const st = translate(`MPLAN_STATUS_${status.toUpperCase()}` as MessageCode, ctx.locale);
    return conflict(MPM.MPLAN_STATE, { status: st, action: ctx.locale === 'en' ? en : zh });
  }

  /** Submits a draft (or a withdrawn or rejected plan, as a new request) for approval. */
  async submit(ctx: AuthContext, id: number) {
    ctx.require(MPP['meeting_plans.write']);
    await this.core.db.transaction(async (tx) => {
      const p = await this.locate(tx, ctx, id, MPP['meeting_plans.write'], true);
      if (!['draft', 'withdrawn', 'rejected'].includes(String(p.status))) throw this.stateError(ctx, String(p.status), 'submit');
      const checks = p.checks as FeeCheck[];
      const failed = checks.filter((k) => !k.passed).map((k) => k.rule);
      const budget = toYuan(p.budget as string);
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: MEETING_PLAN_TYPE,
        businessId: id,
        title: {
          zh: `会议计划：${p.title}（预算 ${formatYuan(budget)}）${failed.length ? `，${failed.length} 项不符合标准` : ''}`,
          en: `Meeting plan: ${p.title} (budget ${formatYuan(budget)})${failed.length ? `, ${failed.length} check(s) failed` : ''}`,
        },
        orgId: num(p.org_id),
        facts: {
          initiator: (await this.isBureau(tx, num(p.org_id))) ? 'bureau' : 'unit',
          meetingClass: String(p.meeting_class),
          days: num(p.days),
          attendees: num(p.attendees),
          staff: num(p.staff),
          budget,
          cap: toYuan(p.cap as string),
          checksPassed: failed.length === 0,
          failedChecks: failed.join(','),
        },
      });
      await tx.execute(sql`update meeting_plans set status = ${inst.status}, instance_id = ${inst.id} where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'submit',
        entityType: 'meeting_plan',
        entityId: id,
        orgId: num(p.org_id),
        summary: `approval #${inst.id}`,
        before: { status: p.status },
        after: { status: inst.status },
      });
    });
    return this.view(ctx, this.core.db, id);
  }

  private async isBureau(db: Executor, orgId: number) {
    const [o] = await queryRows<{ kind: string }>(db, sql`select kind from orgs where id = ${orgId}`);
    return o?.kind === 'bureau';
  }

  /** Settles an approved plan: actual costs per line against the caps, exact to the fen. */
  async settle(ctx: AuthContext, id: number, input: z.infer<typeof ZMeetingSettleSchema>) {
    ctx.require(MPP['meeting_plans.write']);
    await this.core.db.transaction(async (tx) => {
      const p = await this.locate(tx, ctx, id, MPP['meeting_plans.write'], true);
      if (p.status !== 'approved') throw this.stateError(ctx, String(p.status), 'settle');
      const { c, version } = await this.rule(tx, num(p.meeting_class), day(p.start_date) ?? cnToday());
      const s = {
        attendees: input.attendees ?? num(p.attendees),
        staff: input.staff ?? num(p.staff),
        days: input.days ?? num(p.days),
        lodging: input.lodging,
        meals: input.meals,
        other: input.other,
      };
      const out = settle(c, s);
      await tx.execute(
        sql`update meeting_plans set status = 'settled', actual_attendees = ${s.attendees}, actual_staff = ${s.staff}, actual_days = ${s.days},
              actual_lodging = ${s.lodging}, actual_meals = ${s.meals}, actual_other = ${s.other},
              settlement_lines = ${JSON.stringify(out.lines)}::jsonb, settlement_passed = ${out.passed},
              settlement_rule_version = ${version}, settled_at = now(), settled_by = ${ctx.account.id}
            where id = ${id}`,
      );
      const over = out.lines.filter((l) => l.over).map((l) => l.line);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'settle',
        entityType: 'meeting_plan',
        entityId: id,
        orgId: num(p.org_id),
        summary: `total ${out.total}${over.length ? `; over the cap: ${over.join(', ')}` : '; within the cap'}`,
        before: { status: 'approved' },
        after: { status: 'settled', ...s, total: out.total },
      });
    });
    return this.view(ctx, this.core.db, id);
  }
}

const SELECT = sql`select p.*, p.start_date::text as start_date, o.name as org_name from meeting_plans p left join orgs o on o.id = p.org_id`;

function toView(ctx: AuthContext, r: Row) {
  const start = day(r.start_date);
  const lines = (r.settlement_lines as SettlementLine[] | null) ?? null;
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    title: String(r.title),
    meetingClass: num(r.meeting_class),
    days: num(r.days),
    attendees: num(r.attendees),
    staff: num(r.staff),
    venue: (r.venue as string) ?? null,
    startDate: start,
    endDate: start ? addDays(start, num(r.days) - 1) : null,
    budget: toYuan(r.budget as string),
    budgetLodging: r.budget_lodging == null ? null : toYuan(r.budget_lodging as string),
    budgetMeals: r.budget_meals == null ? null : toYuan(r.budget_meals as string),
    budgetOther: r.budget_other == null ? null : toYuan(r.budget_other as string),
    cap: toYuan(r.cap as string),
    checks: showChecks(ctx, r.checks),
    checksPassed: Boolean(r.checks_passed),
    ruleVersion: num(r.rule_version),
    status: r.status as 'draft',
    instanceId: numOrNull(r.instance_id),
    settlement:
      r.status === 'settled' && lines
        ? {
            attendees: num(r.actual_attendees),
            staff: num(r.actual_staff),
            days: num(r.actual_days),
            lodging: toYuan(r.actual_lodging as string),
            meals: toYuan(r.actual_meals as string),
            other: toYuan(r.actual_other as string),
            total: lines.find((l) => l.line === 'total')?.actual ?? '0.00',
            lines,
            passed: Boolean(r.settlement_passed),
            settledAt: iso(r.settled_at)!,
          }
        : null,
    createdAt: iso(r.created_at)!,
  };
}
