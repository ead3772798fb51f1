import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Government procurement (政府采购): suppliers (with 定点 designation), annual plans, projects
 * with their disclosure dates, and the quotes of small purchases. Money is numeric(16,2) read
 * as strings: sums and the savings rate are computed in SQL numeric or in fen, never floats.
 * Every row carries `tenantId` and the org it belongs to (the scope key).
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const procurementSuppliers = pgTable(
  'procurement_suppliers',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    /** 统一社会信用代码 (18 characters) when known. */
    creditCode: text('credit_code'),
    /** 定点供应商: chosen by the bureau for small purchases within its validity period. */
    designated: boolean('designated').notNull().default(false),
    /** GB/T 14885 codes (or prefixes) the designation covers, comma-free list. */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    contact: text('contact'),
    status: text('status').notNull().default('active'),
    note: text('note'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('procurement_suppliers_name_uq').on(t.tenantId, t.name),
    check('procurement_suppliers_validity_ck', sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

export const procurementPlans = pgTable(
  'procurement_plans',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    year: smallint('year').notNull(),
    itemName: text('item_name').notNull(),
    categoryCode: text('category_code'),
    method: text('method').notNull(),
    budget: moneyColumn('budget').notNull(),
    /** The month (1–12) the unit means to buy in. */
    plannedMonth: smallint('planned_month'),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: created(),
  },
  (t) => [
    index('procurement_plans_org_year_idx').on(t.orgId, t.year),
    check('procurement_plans_budget_ck', sql`${t.budget} >= 0`),
    check('procurement_plans_month_ck', sql`${t.plannedMonth} is null or ${t.plannedMonth} between 1 and 12`),
  ],
);

export const procurementProjects = pgTable(
  'procurement_projects',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    planId: integer('plan_id').references(() => procurementPlans.id),
    /** 项目编号, unique in the tenant. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    method: text('method').notNull(),
    categoryCode: text('category_code'),
    budget: moneyColumn('budget').notNull(),
    contractAmount: moneyColumn('contract_amount'),
    supplierId: integer('supplier_id').references(() => procurementSuppliers.id),
    supplierName: text('supplier_name'),
    /** The four publics and the dates the rules measure from. */
    intentionPublishedOn: date('intention_published_on'),
    /** Tender notice or the start of the purchase (the intention must precede it by 30 days). */
    noticePublishedOn: date('notice_published_on'),
    singleSourceNoticeFrom: date('single_source_notice_from'),
    singleSourceNoticeTo: date('single_source_notice_to'),
    awardDate: date('award_date'),
    resultPublishedOn: date('result_published_on'),
    contractDate: date('contract_date'),
    contractPublishedOn: date('contract_published_on'),
    addOnAmount: moneyColumn('add_on_amount').notNull().default('0'),
    bidBond: moneyColumn('bid_bond'),
    performanceBond: moneyColumn('performance_bond'),
    /** A small purchase without three quotes says why (rule `procurement_rules.minQuotes`). */
    quoteExemptReason: text('quote_exempt_reason'),
    /** Why the pool's usable items of the category do not serve (pool before purchase). */
    poolOverrideReason: text('pool_override_reason'),
    cancelled: boolean('cancelled').notNull().default(false),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procurement_projects_code_uq').on(t.tenantId, t.code),
    // Savings and lists by period: the award date leads, the org follows for scoped sums.
    index('procurement_projects_award_idx').on(t.tenantId, t.awardDate, t.orgId),
    index('procurement_projects_org_idx').on(t.orgId, t.awardDate),
    check(
      'procurement_projects_money_ck',
      sql`${t.budget} >= 0 and (${t.contractAmount} is null or ${t.contractAmount} >= 0) and ${t.addOnAmount} >= 0
      and (${t.bidBond} is null or ${t.bidBond} >= 0) and (${t.performanceBond} is null or ${t.performanceBond} >= 0)`,
    ),
    check(
      'procurement_projects_contract_after_award_ck',
      sql`${t.contractDate} is null or (${t.awardDate} is not null and ${t.contractDate} >= ${t.awardDate})`,
    ),
    check('procurement_projects_amount_needs_award_ck', sql`${t.contractAmount} is null or ${t.awardDate} is not null`),
  ],
);

export const procurementQuotes = pgTable(
  'procurement_quotes',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => procurementProjects.id, { onDelete: 'cascade' }),
    supplierName: text('supplier_name').notNull(),
    amount: moneyColumn('amount').notNull(),
    quotedOn: date('quoted_on'),
    selected: boolean('selected').notNull().default(false),
  },
  (t) => [
    index('procurement_quotes_project_idx').on(t.projectId),
    uniqueIndex('procurement_quotes_supplier_uq').on(t.projectId, t.supplierName),
    // One selected quote per project, held by the database.
    uniqueIndex('procurement_quotes_selected_uq').on(t.projectId).where(sql`${t.selected}`),
    check('procurement_quotes_amount_ck', sql`${t.amount} >= 0`),
  ],
);
