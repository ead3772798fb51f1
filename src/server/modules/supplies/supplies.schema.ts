import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Office supplies (办公用品 / 低值易耗品): the catalogue, the stock of each store, receipts,
 * requisitions (请领) with their lines, and the movement ledger the monthly report sums.
 * A store is an org (the bureau's own store is the bureau); every row carries `tenantId` and
 * the org that owns the store. Money is numeric(16,2) read as strings and computed in fen;
 * the stock value follows the moving average (`supplies.cost.ts`).
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const suppliesItems = pgTable(
  'supplies_items',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The org that keeps the catalogue (the bureau). */
    orgId: integer('org_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    spec: text('spec'),
    /** Unit of measure: 包, 支, 个, 盒 … */
    uom: text('uom').notNull(),
    /** GB/T 14885 category, when the item is classified. */
    categoryCode: text('category_code'),
    /** Below this quantity a store's stock raises an alert (0: never). */
    minStock: integer('min_stock').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex('supplies_items_code_uq').on(t.tenantId, t.code), check('supplies_items_min_stock_ck', sql`${t.minStock} >= 0`)],
);

export const suppliesStock = pgTable(
  'supplies_stock',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => suppliesItems.id),
    quantity: integer('quantity').notNull().default(0),
    value: moneyColumn('value').notNull().default('0'),
    /** The day (China time) the keeper was last told this stock is below the minimum. */
    alertedOn: date('alerted_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supplies_stock_org_item_uq').on(t.orgId, t.itemId),
    index('supplies_stock_tenant_idx').on(t.tenantId, t.orgId),
    // The backstop of the row lock in the issue path: stock never goes below zero, and an
    // empty store is worth nothing (the last unit takes the remaining value).
    check('supplies_stock_quantity_ck', sql`${t.quantity} >= 0`),
    check('supplies_stock_value_ck', sql`${t.value} >= 0 and (${t.quantity} > 0 or ${t.value} = 0)`),
  ],
);

export const suppliesReceipts = pgTable(
  'supplies_receipts',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => suppliesItems.id),
    quantity: integer('quantity').notNull(),
    unitPrice: moneyColumn('unit_price').notNull(),
    amount: moneyColumn('amount').notNull(),
    supplierName: text('supplier_name'),
    receivedOn: date('received_on').notNull(),
    note: text('note'),
    /** Why usable pool items of the class did not serve, when the pool held some (pool before purchase). */
    poolOverrideReason: text('pool_override_reason'),
    createdBy: integer('created_by'),
    createdAt: created(),
  },
  (t) => [
    index('supplies_receipts_org_idx').on(t.orgId, t.receivedOn),
    check('supplies_receipts_quantity_ck', sql`${t.quantity} > 0`),
    check('supplies_receipts_money_ck', sql`${t.unitPrice} >= 0 and ${t.amount} >= 0`),
  ],
);

export const suppliesRequisitions = pgTable(
  'supplies_requisitions',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The store the items are requested from (the requester's unit). */
    orgId: integer('org_id').notNull(),
    requesterId: integer('requester_id').notNull(),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    instanceId: integer('instance_id'),
    issuedBy: integer('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supplies_requisitions_org_idx').on(t.orgId, t.status),
    index('supplies_requisitions_requester_idx').on(t.requesterId),
    check('supplies_requisitions_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn','issued')`),
  ],
);

export const suppliesRequisitionLines = pgTable(
  'supplies_requisition_lines',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    requisitionId: integer('requisition_id')
      .notNull()
      .references(() => suppliesRequisitions.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => suppliesItems.id),
    quantityRequested: integer('quantity_requested').notNull(),
    quantityIssued: integer('quantity_issued').notNull().default(0),
    amountIssued: moneyColumn('amount_issued').notNull().default('0'),
  },
  (t) => [
    uniqueIndex('supplies_requisition_lines_item_uq').on(t.requisitionId, t.itemId),
    check(
      'supplies_requisition_lines_quantity_ck',
      sql`${t.quantityRequested} > 0 and ${t.quantityIssued} >= 0 and ${t.quantityIssued} <= ${t.quantityRequested} and ${t.amountIssued} >= 0`,
    ),
  ],
);

export const suppliesMovements = pgTable(
  'supplies_movements',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => suppliesItems.id),
    kind: text('kind').notNull(),
    /** Signed: a receipt adds, an issue takes away. */
    quantity: integer('quantity').notNull(),
    amount: moneyColumn('amount').notNull(),
    balanceQuantity: integer('balance_quantity').notNull(),
    balanceValue: moneyColumn('balance_value').notNull(),
    /** What caused it: `receipt` or `requisition` and its id. */
    refType: text('ref_type'),
    refId: integer('ref_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer('created_by'),
  },
  (t) => [
    index('supplies_movements_org_item_idx').on(t.orgId, t.itemId, t.occurredAt),
    index('supplies_movements_tenant_idx').on(t.tenantId, t.occurredAt),
    check(
      'supplies_movements_kind_ck',
      sql`(${t.kind} = 'receipt' and ${t.quantity} > 0 and ${t.amount} >= 0) or (${t.kind} = 'issue' and ${t.quantity} < 0 and ${t.amount} <= 0) or ${t.kind} = 'adjust'`,
    ),
    check('supplies_movements_balance_ck', sql`${t.balanceQuantity} >= 0 and ${t.balanceValue} >= 0`),
  ],
);
