import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * State assets (国有资产) and the public asset pool (公物仓). An asset card belongs to one org
 * (the owning unit); while it is in the pool it belongs to the bureau's pool org and names
 * its warehouse. Money is numeric(16,2) read as strings. Every row carries `tenantId` and an
 * org: `(tenant_id, org_id)` is the distribution key when the event tables move to Citus.
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

export const ASSET_STATUSES = ['in_use', 'idle', 'in_pool', 'reserved', 'on_loan', 'disposed'] as const;

/** Pool warehouses: a physical store with slots, or a virtual pool (items stay where they are). */
export const assetWarehouses = pgTable(
  'asset_warehouses',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('physical'),
    address: text('address'),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('asset_warehouses_name_uq').on(t.tenantId, t.name),
    check('asset_warehouses_kind_ck', sql`${t.kind} in ('physical','virtual')`),
  ],
);

export const assets = pgTable(
  'assets',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The name's distinct two-character substrings (hq_bigrams, defined in migration 0015), for search. */
    nameBigrams: text('name_bigrams').array().generatedAlwaysAs(sql`hq_bigrams(name)`),
    categoryCode: text('category_code').notNull(),
    spec: text('spec'),
    quantity: integer('quantity').notNull().default(1),
    unit: text('unit').notNull().default('台'),
    originalValue: moneyColumn('original_value').notNull(),
    purchaseDate: date('purchase_date'),
    fundingSource: text('funding_source'),
    custodian: text('custodian'),
    roomId: integer('room_id'),
    location: text('location'),
    status: text('status').notNull().default('in_use'),
    /** Condition grade A–D from the last inspection (hand-in, return, stocktake). */
    condition: text('condition'),
    warehouseId: integer('warehouse_id'),
    slot: text('slot'),
    /** The allocation or disposal request holding the item; set exactly while it is reserved. */
    reservedBy: text('reserved_by'),
    depreciate: boolean('depreciate').notNull().default(true),
    note: text('note'),
    createdAt: created(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    disposedAt: tstz('disposed_at'),
  },
  (t) => [
    uniqueIndex('assets_code_uq').on(t.tenantId, t.code),
    index('assets_org_status_idx').on(t.tenantId, t.orgId, t.status, t.id),
    index('assets_status_category_idx').on(t.tenantId, t.status, t.categoryCode),
    index('assets_name_idx').on(t.tenantId, t.name),
    // The register's search is `code LIKE 'q%' OR name LIKE '%q%' OR custodian = q`: one index per
    // arm (a pattern-ops btree, a trigram GIN that also serves Chinese names, a btree) lets the
    // planner OR three bitmap scans instead of reading half a million cards.
    index('assets_code_prefix_idx').on(t.code.op('text_pattern_ops')),
    index('assets_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // Two-character words (椅子, 电脑) have no trigram: the name's stored bigrams are indexed so
    // `name_bigrams @> array[q]` finds them without a scan.
    index('assets_name_bigram_idx').using('gin', t.nameBigrams),
    index('assets_custodian_idx').on(t.custodian),
    check('assets_value_ck', sql`${t.originalValue} >= 0`),
    check('assets_quantity_ck', sql`${t.quantity} >= 1`),
    check('assets_status_ck', sql`${t.status} in ('in_use','idle','in_pool','reserved','on_loan','disposed')`),
    check('assets_reserved_ck', sql`(${t.status} = 'reserved') = (${t.reservedBy} is not null)`),
    check('assets_pool_ck', sql`${t.status} <> 'in_pool' or ${t.warehouseId} is not null`),
  ],
);

/** Every change of an asset's holder, place or state: the card's history and the pool's ledger. */
export const assetEvents = pgTable(
  'asset_events',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    assetId: integer('asset_id').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    data: jsonb('data').notNull().default({}),
    refType: text('ref_type'),
    refId: integer('ref_id'),
    createdBy: integer('created_by'),
    occurredAt: tstz('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    index('asset_events_asset_idx').on(t.assetId, t.id),
    index('asset_events_org_kind_idx').on(t.tenantId, t.orgId, t.kind, t.occurredAt),
  ],
);

/** 上缴: a batch handed in by a unit; accepted (inspected and put away) by the bureau. */
export const assetHandIns = pgTable(
  'asset_hand_ins',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status').notNull().default('submitted'),
    warehouseId: integer('warehouse_id'),
    itemCount: integer('item_count').notNull(),
    totalValue: moneyColumn('total_value').notNull(),
    createdBy: integer('created_by'),
    acceptedBy: integer('accepted_by'),
    acceptedAt: tstz('accepted_at'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('asset_hand_ins_code_uq').on(t.tenantId, t.code),
    index('asset_hand_ins_org_idx').on(t.tenantId, t.orgId, t.createdAt),
    check('asset_hand_ins_status_ck', sql`${t.status} in ('submitted','accepted','rejected','withdrawn')`),
    check('asset_hand_ins_accepted_ck', sql`${t.status} <> 'accepted' or ${t.warehouseId} is not null`),
  ],
);

export const assetHandInItems = pgTable(
  'asset_hand_in_items',
  {
    id: serial('id').primaryKey(),
    handInId: integer('hand_in_id').notNull(),
    assetId: integer('asset_id').notNull(),
    /** Open while the batch waits for acceptance: an asset is in at most one open batch. */
    open: boolean('open').notNull().default(true),
    condition: text('condition'),
    slot: text('slot'),
    /** The keeper's acceptance checklist for this item: check code → passed (ACCEPTANCE_CHECKS). */
    checks: jsonb('checks').$type<Record<string, boolean>>(),
    /** The keeper's note on this item at acceptance. */
    checkNote: text('check_note'),
    value: moneyColumn('value').notNull(),
  },
  (t) => [
    index('asset_hand_in_items_batch_idx').on(t.handInId),
    uniqueIndex('asset_hand_in_items_open_uq').on(t.assetId).where(sql`${t.open}`),
  ],
);

/** 调剂: a unit's request for pool items; the items are reserved from request to decision. */
export const assetAllocations = pgTable(
  'asset_allocations',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The receiving unit (the request's scope). */
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    itemCount: integer('item_count').notNull(),
    totalValue: moneyColumn('total_value').notNull(),
    instanceId: integer('instance_id'),
    createdBy: integer('created_by'),
    deliveredAt: tstz('delivered_at'),
    receivedAt: tstz('received_at'),
    receivedBy: integer('received_by'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('asset_allocations_code_uq').on(t.tenantId, t.code),
    index('asset_allocations_org_idx').on(t.tenantId, t.orgId, t.createdAt),
    check(
      'asset_allocations_status_ck',
      sql`${t.status} in ('pending','returned','approved','rejected','withdrawn','delivered','received')`,
    ),
  ],
);

export const assetAllocationItems = pgTable(
  'asset_allocation_items',
  {
    id: serial('id').primaryKey(),
    allocationId: integer('allocation_id').notNull(),
    assetId: integer('asset_id').notNull(),
    /** True while the request holds the item; the partial unique index makes a double booking impossible. */
    active: boolean('active').notNull().default(true),
    value: moneyColumn('value').notNull(),
  },
  (t) => [
    index('asset_allocation_items_alloc_idx').on(t.allocationId),
    uniqueIndex('asset_allocation_items_active_uq').on(t.assetId).where(sql`${t.active}`),
  ],
);

/** 出借: pool items lent to a temporary body or an event, returned with an inspection. */
export const assetLoans = pgTable(
  'asset_loans',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The pool's org (the lender); the borrower is a unit or a named body. */
    orgId: integer('org_id').notNull(),
    borrowerOrgId: integer('borrower_org_id'),
    borrowerName: text('borrower_name').notNull(),
    contact: text('contact'),
    purpose: text('purpose').notNull(),
    lentOn: date('lent_on').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('out'),
    returnedOn: date('returned_on'),
    reminderSentOn: date('reminder_sent_on'),
    overdueNotifiedOn: date('overdue_notified_on'),
    createdBy: integer('created_by'),
    createdAt: created(),
  },
  (t) => [
    index('asset_loans_status_idx').on(t.tenantId, t.status, t.dueOn),
    check('asset_loans_due_ck', sql`${t.dueOn} >= ${t.lentOn}`),
    check('asset_loans_status_ck', sql`${t.status} in ('out','returned')`),
  ],
);

export const assetLoanItems = pgTable(
  'asset_loan_items',
  {
    id: serial('id').primaryKey(),
    loanId: integer('loan_id').notNull(),
    assetId: integer('asset_id').notNull(),
    returned: boolean('returned').notNull().default(false),
    returnCondition: text('return_condition'),
  },
  (t) => [
    index('asset_loan_items_loan_idx').on(t.loanId),
    uniqueIndex('asset_loan_items_out_uq').on(t.assetId).where(sql`not ${t.returned}`),
  ],
);

/** 处置 (报废 / 拍卖 / 捐赠 / 转让): approval steps chosen by the batch's original value. */
export const assetDisposals = pgTable(
  'asset_disposals',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    method: text('method').notNull(),
    reason: text('reason').notNull(),
    /** Why an asset is scrapped before the end of its life, when one is. */
    earlyReason: text('early_reason'),
    status: text('status').notNull().default('pending'),
    itemCount: integer('item_count').notNull(),
    totalValue: moneyColumn('total_value').notNull(),
    tier: smallint('tier').notNull(),
    proceeds: moneyColumn('proceeds'),
    instanceId: integer('instance_id'),
    createdBy: integer('created_by'),
    appliedAt: tstz('applied_at'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('asset_disposals_code_uq').on(t.tenantId, t.code),
    index('asset_disposals_org_idx').on(t.tenantId, t.orgId, t.createdAt),
    check('asset_disposals_method_ck', sql`${t.method} in ('scrap','auction','donation','transfer')`),
    check('asset_disposals_status_ck', sql`${t.status} in ('pending','returned','approved','rejected','withdrawn')`),
    check('asset_disposals_proceeds_ck', sql`${t.proceeds} is null or ${t.proceeds} >= 0`),
  ],
);

export const assetDisposalItems = pgTable(
  'asset_disposal_items',
  {
    id: serial('id').primaryKey(),
    disposalId: integer('disposal_id').notNull(),
    assetId: integer('asset_id').notNull(),
    active: boolean('active').notNull().default(true),
    /** The status the asset returns to if the request is rejected or withdrawn. */
    priorStatus: text('prior_status').notNull(),
    value: moneyColumn('value').notNull(),
  },
  (t) => [
    index('asset_disposal_items_disposal_idx').on(t.disposalId),
    uniqueIndex('asset_disposal_items_active_uq').on(t.assetId).where(sql`${t.active}`),
  ],
);

/** 盘点: a count of one unit's assets (optionally one location); scans are recorded as they come. */
export const assetStocktakes = pgTable(
  'asset_stocktakes',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Limit to one location (free text, matched exactly) or one room; null means the whole unit. */
    location: text('location'),
    roomId: integer('room_id'),
    status: text('status').notNull().default('open'),
    expectedCount: integer('expected_count').notNull().default(0),
    /** The result fixed at closing: counts of found, missing, surplus and moved items. */
    result: jsonb('result'),
    instanceId: integer('instance_id'),
    createdBy: integer('created_by'),
    closedAt: tstz('closed_at'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('asset_stocktakes_code_uq').on(t.tenantId, t.code),
    index('asset_stocktakes_org_idx').on(t.tenantId, t.orgId),
    check('asset_stocktakes_status_ck', sql`${t.status} in ('open','pending','returned','approved','rejected','withdrawn')`),
  ],
);

export const assetStocktakeScans = pgTable(
  'asset_stocktake_scans',
  {
    id: serial('id').primaryKey(),
    stocktakeId: integer('stocktake_id').notNull(),
    /** The scanned code; the asset when the code is on the register. */
    code: text('code').notNull(),
    assetId: integer('asset_id'),
    foundLocation: text('found_location'),
    condition: text('condition'),
    note: text('note'),
    scannedBy: integer('scanned_by'),
    scannedAt: tstz('scanned_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('asset_stocktake_scans_code_uq').on(t.stocktakeId, t.code)],
);
