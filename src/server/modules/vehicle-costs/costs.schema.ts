import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Vehicle running costs (运行费用): designated vendors, fuel cards, cost records and anomalies.
 * Cost records and anomalies are large and grow every day: they carry `tenant_id` (the root
 * bureau), are keyed by (tenant_id, id) and every unique index includes tenant_id, so they are
 * Citus-distributable by tenant. Vendors and fuel cards are small (co-located or local).
 * Thresholds (repair approval, consumption factor …) are rule data: `vehicle_cost_rules`.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** 定点 fuel stations, charging stations, repair shops and insurers, with their contract period. */
export const vehicleVendors = pgTable(
  'vehicle_vendors',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The org that listed it (the bureau, as a rule: designation is by centralised procurement). */
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    designated: boolean('designated').notNull().default(true),
    contractNo: text('contract_no'),
    contractStart: date('contract_start'),
    contractEnd: date('contract_end'),
    address: text('address'),
    phone: text('phone'),
    status: text('status').notNull().default('active'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicle_vendors_name_uq').on(t.tenantId, t.kind, t.name),
    check('vehicle_vendors_kind_ck', sql`${t.kind} in ('fuel','charging','repair','insurance')`),
    check('vehicle_vendors_status_ck', sql`${t.status} in ('active','inactive')`),
    check(
      'vehicle_vendors_contract_ck',
      sql`${t.contractEnd} is null or ${t.contractStart} is null or ${t.contractEnd} >= ${t.contractStart}`,
    ),
  ],
);

/** Fuel cards (加油卡): a statement names the card, the card names the vehicle. */
export const vehicleFuelCards = pgTable(
  'vehicle_fuel_cards',
  {
    tenantId: integer('tenant_id').notNull(),
    cardNo: text('card_no').notNull(),
    vehicleId: integer('vehicle_id'),
    /** The vehicle's unit when assigned (scope key). */
    orgId: integer('org_id').notNull(),
    note: text('note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.cardNo] }), index('vehicle_fuel_cards_vehicle_idx').on(t.vehicleId)],
);

/**
 * One cost of one vehicle: refuel or charge (quantity in L or kWh), repair (items in
 * `details`, on the approval engine above the rule's amount), insurance policy (period,
 * policy no. in `reference`), annual inspection (`period_end` = next due), ETC toll, parking,
 * other. `occurred_on` is the China calendar date, `org_id` the vehicle's unit at the time:
 * the ledger reads (tenant_id, org_id, occurred_on) and (tenant_id, vehicle_id, occurred_on).
 * Statement imports are idempotent on (tenant_id, source, external_id).
 */
export const vehicleCostRecords = pgTable(
  'vehicle_cost_records',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    vehicleId: integer('vehicle_id').notNull(),
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    occurredOn: date('occurred_on').notNull(),
    amount: moneyColumn('amount').notNull(),
    quantity: numeric('quantity', { precision: 10, scale: 2, mode: 'number' }),
    unit: text('unit'),
    vendorId: integer('vendor_id'),
    vendorName: text('vendor_name'),
    vendorFlag: text('vendor_flag'),
    odometerKm: integer('odometer_km'),
    cardNo: text('card_no'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    reference: text('reference'),
    status: text('status').notNull().default('recorded'),
    instanceId: integer('instance_id'),
    source: text('source').notNull().default('manual'),
    externalId: text('external_id'),
    details: jsonb('details'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('vehicle_cost_records_org_idx').on(t.tenantId, t.orgId, t.occurredOn),
    index('vehicle_cost_records_vehicle_idx').on(t.tenantId, t.vehicleId, t.occurredOn),
    // The list's default order (newest first, a backward scan): a page walks the index and stops, not a sort of every record.
    index('vehicle_cost_records_occurred_idx').on(t.tenantId, t.occurredAt, t.id),
    uniqueIndex('vehicle_cost_records_external_uq').on(t.tenantId, t.source, t.externalId).where(sql`${t.externalId} is not null`),
    check('vehicle_cost_records_kind_ck', sql`${t.kind} in ('fuel','charging','repair','insurance','inspection','toll','parking','other')`),
    check('vehicle_cost_records_status_ck', sql`${t.status} in ('recorded','pending','approved','rejected','returned','withdrawn')`),
    check('vehicle_cost_records_source_ck', sql`${t.source} in ('manual','import')`),
    check(
      'vehicle_cost_records_flag_ck',
      sql`${t.vendorFlag} is null or ${t.vendorFlag} in ('not_listed','not_designated','outside_contract')`,
    ),
    check(
      'vehicle_cost_records_numbers_ck',
      sql`${t.amount} >= 0 and (${t.quantity} is null or ${t.quantity} > 0) and (${t.odometerKm} is null or ${t.odometerKm} >= 0)
          and (${t.periodEnd} is null or ${t.periodStart} is null or ${t.periodEnd} >= ${t.periodStart})`,
    ),
  ],
);

/**
 * Findings of the anomaly rules, one per (rule, vehicle, evidence key): a re-run refreshes
 * the evidence and `last_seen_at` and never duplicates; a dismissal (with its reason) stays.
 */
export const vehicleAnomalies = pgTable(
  'vehicle_anomalies',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    rule: text('rule').notNull(),
    vehicleId: integer('vehicle_id').notNull(),
    orgId: integer('org_id').notNull(),
    evidenceKey: text('evidence_key').notNull(),
    occurredOn: date('occurred_on').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull().default('open'),
    reason: text('reason'),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    detectedAt: ts('detected_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('vehicle_anomalies_key_uq').on(t.tenantId, t.rule, t.vehicleId, t.evidenceKey),
    index('vehicle_anomalies_org_idx').on(t.tenantId, t.orgId, t.status),
    check('vehicle_anomalies_status_ck', sql`${t.status} in ('open','dismissed','resolved')`),
    check('vehicle_anomalies_dismissed_ck', sql`${t.status} <> 'dismissed' or ${t.reason} is not null`),
  ],
);
