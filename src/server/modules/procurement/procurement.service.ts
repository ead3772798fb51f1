import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type ZProjectCreateSchema,
  type ZProjectQuerySchema,
  type ZProjectUpdateSchema,
  type ZPublicQuerySchema,
  type ZQuoteCreateSchema,
  type ZBreachQuerySchema,
  type ZSavingsQuerySchema,
  projectDateIssues,
} from '../../../contracts/modules/procurement';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  type MessageCode,
  assertOrgInScope,
  badRequest,
  cnToday,
  conflict,
  day,
  dbError,
  fenToYuan,
  notFound,
  num,
  both,
  queryRows,
  ratioOf,
  ruleInForce,
  scopeOn,
  toFen,
  translate,
  unitOf,
  where,
  writeAudit,
  fieldError,
} from '../../core';
import { assertPoolBeforePurchase } from '../assets';
import { type ProcurementRules, type ProjectFacts, checkProject } from './disclosure';
import { PM } from './procurement.messages';
import { PP } from './procurement.permissions';
import { PROCUREMENT_RULE } from './procurement.ruletables';

const PROJECT_COLS = sql`p.id, p.org_id, o.name as org_name, p.plan_id, p.code, p.name, p.method, p.category_code, p.budget::text as budget,
  p.contract_amount::text as contract_amount, p.supplier_name, p.intention_published_on::text as intention_published_on,
  p.notice_published_on::text as notice_published_on, p.single_source_notice_from::text as single_source_notice_from,
  p.single_source_notice_to::text as single_source_notice_to, p.award_date::text as award_date,
  p.result_published_on::text as result_published_on, p.contract_date::text as contract_date,
  p.contract_published_on::text as contract_published_on, p.add_on_amount::text as add_on_amount, p.bid_bond::text as bid_bond,
  p.performance_bond::text as performance_bond, p.quote_exempt_reason, p.pool_override_reason, p.cancelled, p.note`;
/** A page or one project: its quotes counted through the project index. */
const COLS = sql`${PROJECT_COLS}, (select count(*)::int from procurement_quotes q where q.project_id = p.id) as quote_count`;

const SORTS: Record<string, string> = {
  code: 'p.code',
  name: 'p.name',
  budget: 'p.budget',
  contractAmount: 'p.contract_amount',
  awardDate: 'p.award_date',
  id: 'p.id',
};
const orderBy = (sort?: string) => {
  if (!sort) return sql.raw('p.award_date desc nulls first, p.id desc');
  const col = SORTS[sort.replace(/^-/, '')] ?? 'p.id';
  return sql.raw(`${col} ${sort.startsWith('-') ? 'desc' : 'asc'} nulls last, p.id`);
};

// Columns a create or update may set, camelCase → snake_case.
const FIELDS = {
  planId: 'plan_id',
  name: 'name',
  method: 'method',
  categoryCode: 'category_code',
  budget: 'budget',
  contractAmount: 'contract_amount',
  supplierName: 'supplier_name',
  intentionPublishedOn: 'intention_published_on',
  noticePublishedOn: 'notice_published_on',
  singleSourceNoticeFrom: 'single_source_notice_from',
  singleSourceNoticeTo: 'single_source_notice_to',
  awardDate: 'award_date',
  resultPublishedOn: 'result_published_on',
  contractDate: 'contract_date',
  contractPublishedOn: 'contract_published_on',
  addOnAmount: 'add_on_amount',
  bidBond: 'bid_bond',
  performanceBond: 'performance_bond',
  quoteExemptReason: 'quote_exempt_reason',
  poolOverrideReason: 'pool_override_reason',
  cancelled: 'cancelled',
  note: 'note',
} as const;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Projects, their four-publics timeline and breaches, savings, and the public disclosure list. */
export class ProcurementService {
  constructor(private readonly core: CoreServices) {}

  get db() {
    return this.core.db;
  }

  private async rule(db: Executor, onDate = cnToday()): Promise<ProcurementRules> {
    const r = await ruleInForce(db, PROCUREMENT_RULE, onDate);
    if (!r) throw badRequest(PM.PROCUREMENT_NO_RULE);
    return r.data;
  }

  private async view(ctx: AuthContext, rows: Record<string, unknown>[]) {
    const rule = await this.rule(this.core.db);
    const overrides = await this.core.refdata.dayOverrides();
    const today = cnToday();
    return rows.map((r) => {
      const facts: ProjectFacts = {
        method: String(r.method),
        budget: String(r.budget),
        contractAmount: str(r.contract_amount),
        intentionPublishedOn: day(r.intention_published_on),
        noticePublishedOn: day(r.notice_published_on),
        singleSourceNoticeFrom: day(r.single_source_notice_from),
        singleSourceNoticeTo: day(r.single_source_notice_to),
        awardDate: day(r.award_date),
        resultPublishedOn: day(r.result_published_on),
        contractDate: day(r.contract_date),
        contractPublishedOn: day(r.contract_published_on),
        addOnAmount: String(r.add_on_amount),
        bidBond: str(r.bid_bond),
        performanceBond: str(r.performance_bond),
        quoteCount: num(r.quote_count),
        quoteExemptReason: str(r.quote_exempt_reason),
        cancelled: Boolean(r.cancelled),
      };
      const { steps, breaches } = checkProject(facts, rule, overrides, today);
      const saved = facts.contractAmount == null ? null : toFen(facts.budget) - toFen(facts.contractAmount);
      return {
        id: num(r.id),
        orgId: num(r.org_id),
        orgName: String(r.org_name ?? ''),
        planId: r.plan_id == null ? null : num(r.plan_id),
        code: String(r.code),
        name: String(r.name),
        categoryCode: str(r.category_code),
        supplierName: str(r.supplier_name),
        poolOverrideReason: str(r.pool_override_reason),
        note: str(r.note),
        ...facts,
        method: facts.method as 'open_tender',
        cancelled: Boolean(r.cancelled),
        saved: saved == null ? null : fenToYuan(saved),
        savingsRate: saved == null ? null : ratioOf(saved, toFen(facts.budget)),
        steps,
        breaches: breaches.map((b) => ({
          ...b,
          message: translate(`PBREACH_${b.code.toUpperCase()}` as MessageCode, ctx.locale, {
            limit: b.limit ?? '',
            actual: b.actual ?? '',
            deadline: b.deadline ?? '',
          }),
        })),
      };
    });
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZProjectQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, PP['procurement.read'], sql`p.org_id`, q.orgId);
    const w = where([
      sql`p.tenant_id = ${ctx.tenantId}`,
      scope,
      q.method ? sql`p.method = ${q.method}` : undefined,
      q.from ? sql`p.award_date >= ${q.from}::date` : undefined,
      q.to ? sql`p.award_date <= ${q.to}::date` : undefined,
      q.q ? sql`(p.name like ${`%${q.q}%`} or p.code like ${`%${q.q}%`} or p.supplier_name like ${`%${q.q}%`})` : undefined,
    ]);
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from procurement_projects p where ${w}`),
      () =>
        queryRows<Record<string, unknown>>(
          db,
          sql`select ${COLS} from procurement_projects p join orgs o on o.id = p.org_id where ${w}
              order by ${orderBy(q.sort)} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: await this.view(ctx, rows) };
  }

  private async load(db: Executor, ctx: AuthContext, id: number, permission: string, lock = false) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${COLS} from procurement_projects p join orgs o on o.id = p.org_id where p.id = ${id} and p.tenant_id = ${ctx.tenantId}
          ${lock ? sql`for update of p` : sql``}`,
    );
    if (!r) throw notFound('procurement_project');
    await assertOrgInScope(db, ctx, permission, num(r.org_id)).catch(() => {
      throw notFound('procurement_project');
    });
    return r;
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(PP['procurement.read']);
    const [v] = await this.view(ctx, [await this.load(this.core.db, ctx, id, PP['procurement.read'])]);
    return v!;
  }

  private async checkPlan(db: Executor, ctx: AuthContext, planId: number | null | undefined, orgId: number) {
    if (!planId) return;
    const [p] = await queryRows<{ org_id: number }>(
      db,
      sql`select org_id from procurement_plans where id = ${planId} and tenant_id = ${ctx.tenantId}`,
    );
    if (!p || num(p.org_id) !== orgId) throw fieldError(ctx, 'planId', '采购计划不存在或不属于该单位', 'no such plan for this unit');
  }

  private mapDbError(err: unknown, code: string) {
    const e = dbError(err);
    if (e.code === '23505') return conflict(PM.PROCUREMENT_CODE_TAKEN, { code });
    if (e.code === '23514') return badRequest('VALIDATION_FAILED', { fields: String(e.constraint ?? '') });
    return err;
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZProjectCreateSchema>) {
    ctx.require(PP['procurement.write']);
    const db = this.core.db;
    const id = await db
      .transaction(async (tx) => {
        const org = await assertOrgInScope(tx, ctx, PP['procurement.write'], input.orgId);
        if (org.tenantId !== ctx.tenantId) throw notFound('org');
        const orgId = await unitOf(tx, input.orgId);
        await this.checkPlan(tx, ctx, input.planId, orgId);
        // Pool before purchase, for a purchase still to be made (a past award is a record, not a request).
        if (!input.awardDate) await assertPoolBeforePurchase(tx, ctx.tenantId, input.categoryCode, input.poolOverrideReason);
        const year = (input.awardDate ?? cnToday()).slice(0, 4);
        const cols = Object.entries(FIELDS).filter(([k]) => (input as Record<string, unknown>)[k] !== undefined);
        const [row] = await queryRows<{ id: number }>(
          tx,
          sql`insert into procurement_projects (tenant_id, org_id, code, created_by, ${sql.raw(cols.map(([, c]) => c).join(', '))})
              values (${ctx.tenantId}, ${orgId}, ${input.code ?? `tmp-${crypto.randomUUID()}`}, ${ctx.account.id},
                ${sql.join(
                  cols.map(([k]) => sql`${(input as Record<string, unknown>)[k] ?? null}`),
                  sql`, `,
                )})
              returning id`,
        );
        const newId = num(row!.id);
        // A project without its own number gets CG-<year>-<id>: unique because the id is.
        if (!input.code)
          await tx.execute(
            sql`update procurement_projects set code = ${`CG-${year}-${String(newId).padStart(6, '0')}`} where id = ${newId}`,
          );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'procurement_project',
          entityId: newId,
          orgId,
          summary: `${input.name}（${input.method}，预算 ${input.budget}）`,
          after: input,
        });
        return newId;
      })
      .catch((err) => {
        throw this.mapDbError(err, input.code ?? '');
      });
    return this.get(ctx, id);
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZProjectUpdateSchema>) {
    ctx.require(PP['procurement.write']);
    await this.core.db
      .transaction(async (tx) => {
        const before = await this.load(tx, ctx, id, PP['procurement.write'], true);
        const merged = {
          awardDate: input.awardDate !== undefined ? input.awardDate : day(before.award_date),
          contractDate: input.contractDate !== undefined ? input.contractDate : day(before.contract_date),
          contractAmount: input.contractAmount !== undefined ? input.contractAmount : str(before.contract_amount),
        };
        const [issue] = projectDateIssues(merged);
        if (issue) throw fieldError(ctx, issue.path, issue.zh, issue.en);
        await this.checkPlan(tx, ctx, input.planId, num(before.org_id));
        if (input.categoryCode && input.categoryCode !== before.category_code && !merged.awardDate)
          await assertPoolBeforePurchase(
            tx,
            ctx.tenantId,
            input.categoryCode,
            input.poolOverrideReason ?? str(before.pool_override_reason),
          );
        const cols = Object.entries(FIELDS).filter(([k]) => (input as Record<string, unknown>)[k] !== undefined);
        const sets = cols.map(([k, c]) => sql`${sql.raw(c)} = ${(input as Record<string, unknown>)[k] ?? null}`);
        if (input.code) sets.push(sql`code = ${input.code}`);
        if (sets.length === 0) return;
        await tx.execute(sql`update procurement_projects set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'procurement_project',
          entityId: id,
          orgId: num(before.org_id),
          summary: String(before.name),
          before: Object.fromEntries(cols.map(([, c]) => [c, before[c]])),
          after: input,
        });
      })
      .catch((err) => {
        throw this.mapDbError(err, input.code ?? '');
      });
    return this.get(ctx, id);
  }

  /** Only a project with nothing recorded against it is deleted; otherwise it is cancelled (作废). */
  async remove(ctx: AuthContext, id: number) {
    ctx.require(PP['procurement.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.load(tx, ctx, id, PP['procurement.write'], true);
      if (num(before.quote_count) > 0) throw conflict(PM.PROCUREMENT_HAS_QUOTES);
      await tx.execute(sql`delete from procurement_projects where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'procurement_project',
        entityId: id,
        orgId: num(before.org_id),
        summary: String(before.name),
        before: { code: before.code, name: before.name, budget: before.budget },
      });
    });
    return { ok: true as const };
  }

  async addQuote(ctx: AuthContext, id: number, input: z.infer<typeof ZQuoteCreateSchema>) {
    ctx.require(PP['procurement.write']);
    await this.core.db
      .transaction(async (tx) => {
        const p = await this.load(tx, ctx, id, PP['procurement.write'], true);
        if (input.selected) await tx.execute(sql`update procurement_quotes set selected = false where project_id = ${id}`);
        await tx.execute(
          sql`insert into procurement_quotes (project_id, supplier_name, amount, quoted_on, selected)
              values (${id}, ${input.supplierName}, ${input.amount}, ${input.quotedOn ?? null}, ${input.selected ?? false})`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'procurement_quote',
          entityId: id,
          orgId: num(p.org_id),
          summary: `${p.name}：${input.supplierName} ${input.amount}`,
          after: input,
        });
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw fieldError(ctx, 'supplierName', '该供应商已报价', 'this supplier has already quoted');
        throw err;
      });
    return this.get(ctx, id);
  }

  /** 节资率 over a scope and award-date period, summed in SQL numeric (exact). */
  async savings(ctx: AuthContext, q: z.infer<typeof ZSavingsQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, PP['procurement.read'], sql`p.org_id`, q.orgId);
    const [r] = await queryRows<{ n: number; budget: string | null; contract: string | null }>(
      db,
      sql`select count(*)::int as n, sum(p.budget)::text as budget, sum(p.contract_amount)::text as contract
          from procurement_projects p
          where ${where([
            sql`p.tenant_id = ${ctx.tenantId}`,
            scope,
            sql`p.contract_amount is not null`,
            sql`not p.cancelled`,
            q.from ? sql`p.award_date >= ${q.from}::date` : undefined,
            q.to ? sql`p.award_date <= ${q.to}::date` : undefined,
          ])}`,
    );
    const budget = toFen(r?.budget ?? '0');
    const contract = toFen(r?.contract ?? '0');
    return {
      projects: num(r?.n),
      budget: fenToYuan(budget),
      contractAmount: fenToYuan(contract),
      saved: fenToYuan(budget - contract),
      savingsRate: ratioOf(budget - contract, budget),
    };
  }

  /** Every project in scope with a breach today (optionally in an award period). */
  async breaches(ctx: AuthContext, q: z.infer<typeof ZBreachQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, PP['procurement.read'], sql`p.org_id`, q.orgId);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      // Every project in scope: the quotes are counted in one grouped pass joined by hash, not
      // looked up once per project.
      sql`select ${PROJECT_COLS}, coalesce(qc.n, 0) as quote_count
          from procurement_projects p join orgs o on o.id = p.org_id
          left join (select project_id, count(*)::int as n from procurement_quotes group by project_id) qc on qc.project_id = p.id
          where ${where([
            sql`p.tenant_id = ${ctx.tenantId}`,
            scope,
            sql`not p.cancelled`,
            q.from ? sql`coalesce(p.award_date, p.notice_published_on) >= ${q.from}::date` : undefined,
            q.to ? sql`coalesce(p.award_date, p.notice_published_on) <= ${q.to}::date` : undefined,
          ])}
          order by p.award_date desc nulls first, p.id desc limit 5000`,
    );
    // The breach rules run here (on the calendar), so the page is cut after them.
    const items = (await this.view(ctx, rows)).filter((p) => p.breaches.length > 0);
    return { total: items.length, items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
  }

  /** The "four publics" as published: no sign-in, nothing that is not yet public. */
  async publicList(q: z.infer<typeof ZPublicQuerySchema>) {
    const col = {
      intention: 'intention_published_on',
      notice: 'notice_published_on',
      result: 'result_published_on',
      contract: 'contract_published_on',
    };
    const kinds = q.kind ? [q.kind] : (Object.keys(col) as (keyof typeof col)[]);
    const parts = kinds.map(
      (k) => sql`select ${k} as kind, p.${sql.raw(col[k])}::text as published_on, p.code, p.name, o.name as org_name, p.method,
                   p.budget::text as budget, ${k === 'result' || k === 'contract' ? sql`p.contract_amount::text` : sql`null::text`} as contract_amount,
                   ${k === 'result' || k === 'contract' ? sql`p.supplier_name` : sql`null::text`} as supplier_name
                 from procurement_projects p join orgs o on o.id = p.org_id
                 where p.${sql.raw(col[k])} is not null and p.${sql.raw(col[k])} <= ${cnToday()}::date and not p.cancelled`,
    );
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select * from (${sql.join(parts, sql` union all `)}) x order by published_on desc, code limit ${q.limit}`,
    );
    return {
      items: rows.map((r) => ({
        kind: r.kind as 'intention',
        publishedOn: String(r.published_on),
        projectCode: String(r.code),
        projectName: String(r.name),
        orgName: String(r.org_name),
        method: r.method as 'open_tender',
        budget: String(r.budget),
        contractAmount: str(r.contract_amount),
        supplierName: str(r.supplier_name),
      })),
    };
  }
}
