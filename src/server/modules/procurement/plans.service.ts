import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZPlanCreateSchema,
  ZPlanQuerySchema,
  ZPlanUpdateSchema,
  ZSupplierCreateSchema,
  ZSupplierQuerySchema,
  ZSupplierUpdateSchema,
} from '../../../contracts/modules/procurement';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  dbError,
  day,
  fenToYuan,
  notFound,
  num,
  numOrNull,
  queryRows,
  scopeOn,
  toFen,
  unitOf,
  where,
  writeAudit,
} from '../../core';
import { PM } from './procurement.messages';
import { PP } from './procurement.permissions';

const PLAN_COLS = sql`pl.id, pl.org_id, o.name as org_name, pl.year, pl.item_name, pl.category_code, pl.method, pl.budget::text as budget,
  pl.planned_month, pl.note,
  (select count(*)::int from procurement_projects p where p.plan_id = pl.id and not p.cancelled) as projects,
  (select coalesce(sum(p.budget), 0)::text from procurement_projects p where p.plan_id = pl.id and not p.cancelled) as committed,
  (select coalesce(sum(p.contract_amount), 0)::text from procurement_projects p where p.plan_id = pl.id and not p.cancelled) as contracted`;

const planView = (r: Record<string, unknown>) => {
  const remaining = toFen(String(r.budget)) - toFen(String(r.committed));
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: String(r.org_name ?? ''),
    year: num(r.year),
    itemName: String(r.item_name),
    categoryCode: (r.category_code as string | null) ?? null,
    method: r.method as 'open_tender',
    budget: String(r.budget),
    plannedMonth: numOrNull(r.planned_month),
    note: (r.note as string | null) ?? null,
    projects: num(r.projects),
    committed: fenToYuan(toFen(String(r.committed))),
    contracted: fenToYuan(toFen(String(r.contracted))),
    remaining: fenToYuan(remaining),
    overPlan: remaining < 0n,
  };
};

/** A text[] parameter (drizzle expands a JS array into a list, so it travels as JSON). */
const textArray = (xs: string[]) =>
  sql`coalesce((select array_agg(x) from jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb) x), '{}'::text[])`;

const PLAN_FIELDS = {
  itemName: 'item_name',
  categoryCode: 'category_code',
  method: 'method',
  budget: 'budget',
  plannedMonth: 'planned_month',
  note: 'note',
} as const;

/**
 * Annual procurement plans (政府采购计划) per unit and item, with how far each is carried out;
 * and the bureau's suppliers, designated (定点) for classes of goods over a validity period.
 */
export class PlansService {
  constructor(private readonly core: CoreServices) {}

  async plans(ctx: AuthContext, q: z.infer<typeof ZPlanQuerySchema>) {
    const db = this.core.db;
    const w = where([
      sql`pl.tenant_id = ${ctx.tenantId}`,
      await scopeOn(db, ctx, PP['procurement.read'], sql`pl.org_id`, q.orgId),
      q.year ? sql`pl.year = ${q.year}` : undefined,
      q.q ? sql`pl.item_name like ${`%${q.q}%`}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number; b: string }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(pl.budget), 0)::text as b from procurement_plans pl where ${w}`,
    );
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${PLAN_COLS} from procurement_plans pl join orgs o on o.id = pl.org_id where ${w}
          order by pl.year desc, o.sort, pl.org_id, pl.planned_month nulls last, pl.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), totalBudget: fenToYuan(toFen(c?.b ?? '0')), items: rows.map(planView) };
  }

  private async plan(db: Executor, ctx: AuthContext, id: number, permission: string, lock = false) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${PLAN_COLS} from procurement_plans pl join orgs o on o.id = pl.org_id where pl.id = ${id} and pl.tenant_id = ${ctx.tenantId}
          ${lock ? sql`for update of pl` : sql``}`,
    );
    if (!r) throw notFound('procurement_plan');
    await assertOrgInScope(db, ctx, permission, num(r.org_id)).catch(() => {
      throw notFound('procurement_plan');
    });
    return r;
  }

  async getPlan(ctx: AuthContext, id: number) {
    ctx.require(PP['procurement.read']);
    return planView(await this.plan(this.core.db, ctx, id, PP['procurement.read']));
  }

  async createPlan(ctx: AuthContext, input: z.infer<typeof ZPlanCreateSchema>) {
    ctx.require(PP['procurement.write']);
    const id = await this.core.db.transaction(async (tx) => {
      const org = await assertOrgInScope(tx, ctx, PP['procurement.write'], input.orgId);
      if (org.tenantId !== ctx.tenantId) throw notFound('org');
      const orgId = await unitOf(tx, input.orgId);
      const [r] = await queryRows<{ id: number }>(
        tx,
        sql`insert into procurement_plans (tenant_id, org_id, year, item_name, category_code, method, budget, planned_month, note, created_by)
            values (${ctx.tenantId}, ${orgId}, ${input.year}, ${input.itemName}, ${input.categoryCode ?? null}, ${input.method}, ${input.budget},
              ${input.plannedMonth ?? null}, ${input.note ?? null}, ${ctx.account.id}) returning id`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'procurement_plan',
        entityId: num(r!.id),
        orgId,
        summary: `${input.year} ${input.itemName} ${input.budget}`,
        after: input,
      });
      return num(r!.id);
    });
    return this.getPlan(ctx, id);
  }

  async updatePlan(ctx: AuthContext, id: number, input: z.infer<typeof ZPlanUpdateSchema>) {
    ctx.require(PP['procurement.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.plan(tx, ctx, id, PP['procurement.write'], true);
      const cols = Object.entries(PLAN_FIELDS).filter(([k]) => (input as Record<string, unknown>)[k] !== undefined);
      if (!cols.length) return;
      await tx.execute(
        sql`update procurement_plans set ${sql.join(
          cols.map(([k, c]) => sql`${sql.raw(c)} = ${(input as Record<string, unknown>)[k] ?? null}`),
          sql`, `,
        )} where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'procurement_plan',
        entityId: id,
        orgId: num(before.org_id),
        before: Object.fromEntries(cols.map(([, c]) => [c, before[c]])),
        after: input,
      });
    });
    return this.getPlan(ctx, id);
  }

  async removePlan(ctx: AuthContext, id: number) {
    ctx.require(PP['procurement.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.plan(tx, ctx, id, PP['procurement.write'], true);
      const [used] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from procurement_projects where plan_id = ${id}`);
      if (num(used?.n) > 0) throw conflict(PM.PROCUREMENT_PLAN_IN_USE);
      await tx.execute(sql`delete from procurement_plans where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'procurement_plan',
        entityId: id,
        orgId: num(before.org_id),
        before,
      });
    });
    return { ok: true as const };
  }

  // ——— suppliers ———

  private supplierView(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      name: String(r.name),
      creditCode: (r.credit_code as string | null) ?? null,
      designated: Boolean(r.designated),
      categories: (r.categories as string[] | null) ?? [],
      validFrom: day(r.valid_from),
      validTo: day(r.valid_to),
      contact: (r.contact as string | null) ?? null,
      status: String(r.status),
      note: (r.note as string | null) ?? null,
      projects: num(r.projects),
      contracted: fenToYuan(toFen(String(r.contracted ?? '0'))),
    };
  }

  private supplierCols =
    sql`s.id, s.name, s.credit_code, s.designated, s.categories, s.valid_from::text as valid_from, s.valid_to::text as valid_to,
    s.contact, s.status, s.note,
    (select count(*)::int from procurement_projects p where p.tenant_id = s.tenant_id and p.supplier_name = s.name and p.contract_amount is not null) as projects,
    (select coalesce(sum(p.contract_amount), 0)::text from procurement_projects p where p.tenant_id = s.tenant_id and p.supplier_name = s.name) as contracted`;

  /** Every reader of procurement sees the district's supplier list (it is what units buy from). */
  async suppliers(ctx: AuthContext, q: z.infer<typeof ZSupplierQuerySchema>) {
    ctx.require(PP['procurement.read']);
    const w = where([
      sql`s.tenant_id = ${ctx.tenantId}`,
      q.q ? sql`(s.name like ${`%${q.q}%`} or s.credit_code = ${q.q})` : undefined,
      q.designated ? sql`s.designated = ${q.designated === 'true'}` : undefined,
      q.validOn
        ? sql`s.designated and s.status = 'active' and (s.valid_from is null or s.valid_from <= ${q.validOn}::date)
              and (s.valid_to is null or s.valid_to >= ${q.validOn}::date)`
        : undefined,
      // A designation for A0501 covers A050102: the stored prefix starts the asked class.
      q.category ? sql`exists (select 1 from unnest(s.categories) c where ${q.category} like c || '%')` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from procurement_suppliers s where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${this.supplierCols} from procurement_suppliers s where ${w} order by s.designated desc, s.name
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.supplierView(r)) };
  }

  private async supplier(db: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${this.supplierCols}, s.org_id from procurement_suppliers s where s.id = ${id} and s.tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('procurement_supplier');
    return r;
  }

  async getSupplier(ctx: AuthContext, id: number) {
    ctx.require(PP['procurement.read']);
    return this.supplierView(await this.supplier(this.core.db, ctx, id));
  }

  async createSupplier(ctx: AuthContext, input: z.infer<typeof ZSupplierCreateSchema>) {
    ctx.require(PP['procurement.manage']);
    const id = await this.core.db
      .transaction(async (tx) => {
        const orgId = await unitOf(tx, ctx.account.orgId);
        const [r] = await queryRows<{ id: number }>(
          tx,
          sql`insert into procurement_suppliers (tenant_id, org_id, name, credit_code, designated, categories, valid_from, valid_to, contact, note)
              values (${ctx.tenantId}, ${orgId}, ${input.name}, ${input.creditCode ?? null}, ${input.designated},
                ${textArray(input.categories)}, ${input.validFrom ?? null}, ${input.validTo ?? null}, ${input.contact ?? null}, ${input.note ?? null})
              returning id`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'procurement_supplier',
          entityId: num(r!.id),
          orgId,
          after: input,
        });
        return num(r!.id);
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(PM.PROCUREMENT_SUPPLIER_TAKEN, { name: input.name });
        throw err;
      });
    return this.getSupplier(ctx, id);
  }

  async updateSupplier(ctx: AuthContext, id: number, input: z.infer<typeof ZSupplierUpdateSchema>) {
    ctx.require(PP['procurement.manage']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.supplier(tx, ctx, id);
      const map = {
        designated: 'designated',
        categories: 'categories',
        validFrom: 'valid_from',
        validTo: 'valid_to',
        contact: 'contact',
        status: 'status',
        note: 'note',
      } as const;
      const cols = Object.entries(map).filter(([k]) => (input as Record<string, unknown>)[k] !== undefined);
      if (!cols.length) return;
      const from = input.validFrom !== undefined ? input.validFrom : (before.valid_from as string | null);
      const to = input.validTo !== undefined ? input.validTo : (before.valid_to as string | null);
      if (from && to && to < from) throw badValidity(ctx);
      await tx.execute(
        sql`update procurement_suppliers set ${sql.join(
          cols.map(([k, c]) =>
            k === 'categories'
              ? sql`categories = ${textArray(input.categories ?? [])}`
              : sql`${sql.raw(c)} = ${(input as Record<string, unknown>)[k] ?? null}`,
          ),
          sql`, `,
        )} where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'procurement_supplier',
        entityId: id,
        orgId: num(before.org_id),
        before: Object.fromEntries(cols.map(([, c]) => [c, before[c]])),
        after: input,
      });
    });
    return this.getSupplier(ctx, id);
  }
}

const badValidity = (ctx: AuthContext) =>
  badRequest(
    'VALIDATION_FAILED',
    { fields: 'validTo' },
    {
      fields: [{ field: 'validTo', message: ctx.locale === 'en' ? 'the end of validity is before its start' : '有效期止不能早于起始日期' }],
    },
  );
