import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Public-institution energy (公共机构节能). Meters form a tree per tenant; readings are the
 * large table (15-minute smart-meter data reaches tens of millions of rows), kept narrow and
 * keyed (tenant_id, meter_id, ts) so that it is idempotent on (meter, timestamp) and
 * distributable with Citus by meter_id (co-located with the rollups; see docs/scale.md).
 *
 * Quantities are double precision: they are measurements with a few decimals, summed over at
 * most a few hundred thousand rows, and shown rounded; money (bills) is exact numeric.
 * Every rollup is maintained by the ingest path in the transaction that stores the readings,
 * so dashboards read rollups and never scan raw interval data.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });
const created = () => ts('created_at').notNull().defaultNow();

export const energyMeters = pgTable(
  'energy_meters',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The unit that uses what the meter measures (scope key, and whose totals it counts in). */
    orgId: integer('org_id').notNull(),
    siteId: integer('site_id'),
    buildingId: integer('building_id'),
    parentId: integer('parent_id'),
    code: text('code'),
    name: text('name').notNull(),
    energyType: text('energy_type').notNull(),
    unit: text('unit').notNull(),
    kind: text('kind').notNull().default('register'),
    endUse: text('end_use'),
    multiplier: doublePrecision('multiplier').notNull().default(1),
    rolloverValue: doublePrecision('rollover_value'),
    inTotal: boolean('in_total').notNull(),
    intervalMinutes: integer('interval_minutes'),
    installedOn: date('installed_on'),
    status: text('status').notNull().default('active'),
    note: text('note'),
    /**
     * Ingest bookkeeping, kept under the meter's row lock: the newest reading of any kind, the
     * newest valid one (where the chain goes on from, with its value), and an exponentially
     * weighted hourly rate for spike checks. A batch newer than `last_reading_at` appends
     * without reading back any raw row.
     */
    lastReadingAt: ts('last_reading_at'),
    chainTs: ts('chain_ts'),
    lastValue: doublePrecision('last_value'),
    rateEwma: doublePrecision('rate_ewma'),
    rateSamples: integer('rate_samples').notNull().default(0),
    createdAt: created(),
  },
  (t) => [
    index('energy_meters_org_idx').on(t.tenantId, t.orgId),
    index('energy_meters_parent_idx').on(t.parentId),
    uniqueIndex('energy_meters_code_uq').on(t.tenantId, t.code).where(sql`${t.code} is not null`),
    check(
      'energy_meters_type_ck',
      sql`${t.energyType} in ('electricity','water','natural_gas','heat','gasoline','diesel','lpg','coal','coke','kerosene','fuel_oil','pv_generation')`,
    ),
    check('energy_meters_kind_ck', sql`${t.kind} in ('register','bill')`),
    check('energy_meters_end_use_ck', sql`${t.endUse} is null or ${t.endUse} in ('lighting_socket','hvac','power','special')`),
    check('energy_meters_status_ck', sql`${t.status} in ('active','retired')`),
    check('energy_meters_multiplier_ck', sql`${t.multiplier} > 0`),
    check('energy_meters_interval_ck', sql`${t.intervalMinutes} is null or ${t.intervalMinutes} in (15,30,60)`),
    check('energy_meters_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/**
 * One register value (表底数) of one meter at one moment. `delta` is the consumption since
 * the previous valid reading (× multiplier, across a rollover), computed on ingest; a reading
 * flagged `negative` is kept but skipped by the chain until corrected. A correction keeps the
 * first value in `original_value`.
 */
export const energyReadings = pgTable(
  'energy_readings',
  {
    tenantId: integer('tenant_id').notNull(),
    meterId: integer('meter_id').notNull(),
    ts: ts('ts').notNull(),
    value: doublePrecision('value').notNull(),
    delta: doublePrecision('delta'),
    flag: text('flag'),
    source: text('source').notNull(),
    originalValue: doublePrecision('original_value'),
    correctionReason: text('correction_reason'),
    correctedAt: ts('corrected_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meterId, t.ts] }),
    index('energy_readings_flag_idx').on(t.tenantId, t.meterId, t.ts).where(sql`${t.flag} is not null`),
    check('energy_readings_flag_ck', sql`${t.flag} is null or ${t.flag} in ('rollover','negative','spike')`),
    check('energy_readings_source_ck', sql`${t.source} in ('manual','import','api')`),
  ],
);

/** Consumption per meter and hour (the hour that ends at or after each reading), for heatmaps and baseload. */
export const energyHourly = pgTable(
  'energy_hourly',
  {
    tenantId: integer('tenant_id').notNull(),
    meterId: integer('meter_id').notNull(),
    hour: ts('hour').notNull(),
    consumption: doublePrecision('consumption').notNull().default(0),
    readings: integer('readings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.meterId, t.hour] })],
);

/** Consumption per meter and China calendar day; bill accounts add their month's quantity on its last day. */
export const energyDaily = pgTable(
  'energy_daily',
  {
    tenantId: integer('tenant_id').notNull(),
    meterId: integer('meter_id').notNull(),
    day: date('day').notNull(),
    consumption: doublePrecision('consumption').notNull().default(0),
    readings: integer('readings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.meterId, t.day] })],
);

/** Consumption per meter and China calendar month (`month` is its first day). */
export const energyMonthly = pgTable(
  'energy_monthly',
  {
    tenantId: integer('tenant_id').notNull(),
    meterId: integer('meter_id').notNull(),
    month: date('month').notNull(),
    consumption: doublePrecision('consumption').notNull().default(0),
    readings: integer('readings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.meterId, t.month] })],
);

/** A month's bill of a meter or bill account: billed quantity and amount. */
export const energyBills = pgTable(
  'energy_bills',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    meterId: integer('meter_id').notNull(),
    orgId: integer('org_id').notNull(),
    month: date('month').notNull(),
    quantity: doublePrecision('quantity').notNull(),
    amount: moneyColumn('amount').notNull(),
    invoiceNo: text('invoice_no'),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('energy_bills_meter_month_uq').on(t.tenantId, t.meterId, t.month),
    index('energy_bills_org_idx').on(t.tenantId, t.orgId, t.month),
    check('energy_bills_quantity_ck', sql`${t.quantity} >= 0`),
    check('energy_bills_amount_ck', sql`${t.amount} >= 0`),
  ],
);

/** Yearly consumption quota (定额) of a unit, in kgce (and optionally water, m³). */
export const energyQuotas = pgTable(
  'energy_quotas',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    kgceQuota: doublePrecision('kgce_quota').notNull(),
    waterQuota: doublePrecision('water_quota'),
    note: text('note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_quotas_org_year_uq').on(t.tenantId, t.orgId, t.year),
    check('energy_quotas_positive_ck', sql`${t.kgceQuota} > 0 and (${t.waterQuota} is null or ${t.waterQuota} > 0)`),
  ],
);

/** The written explanation a unit owes once it exceeds its quota (one per unit and year), on the approval engine. */
export const energyQuotaExplanations = pgTable(
  'energy_quota_explanations',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    kgceQuota: doublePrecision('kgce_quota').notNull(),
    actualKgce: doublePrecision('actual_kgce').notNull(),
    status: text('status').notNull().default('open'),
    explanation: text('explanation'),
    measures: text('measures'),
    instanceId: integer('instance_id'),
    openedAt: ts('opened_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
  },
  (t) => [
    uniqueIndex('energy_quota_explanations_uq').on(t.tenantId, t.orgId, t.year),
    check('energy_quota_explanations_status_ck', sql`${t.status} in ('open','pending','approved','returned','rejected','withdrawn')`),
  ],
);

/** Findings of the anomaly rules, unique per rule, meter and evidence key so a re-run adds nothing twice. */
export const energyAnomalies = pgTable(
  'energy_anomalies',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    meterId: integer('meter_id').notNull(),
    rule: text('rule').notNull(),
    evidenceKey: text('evidence_key').notNull(),
    occurredOn: date('occurred_on').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull().default('open'),
    dismissReason: text('dismiss_reason'),
    dismissedBy: integer('dismissed_by'),
    detectedAt: ts('detected_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('energy_anomalies_key_uq').on(t.tenantId, t.rule, t.meterId, t.evidenceKey),
    index('energy_anomalies_org_idx').on(t.tenantId, t.orgId, t.status),
    check('energy_anomalies_rule_ck', sql`${t.rule} in ('water_loss','submeter_gap','baseload','jump','negative','stopped')`),
    check('energy_anomalies_status_ck', sql`${t.status} in ('open','dismissed','resolved')`),
  ],
);

/** An energy inspector's finding (长明灯, air conditioning out of the setpoint rules, a running tap …). */
export const energyPatrolFindings = pgTable(
  'energy_patrol_findings',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    roomId: integer('room_id'),
    location: text('location'),
    kind: text('kind').notNull(),
    observedAt: ts('observed_at').notNull(),
    /** The counting period (e.g. 2026-Q3) the finding falls in, by the rule in force. */
    period: text('period').notNull(),
    setpointC: doublePrecision('setpoint_c'),
    note: text('note'),
    inspectorId: integer('inspector_id'),
    inspectorName: text('inspector_name'),
    countInPeriod: integer('count_in_period').notNull(),
    noticeId: integer('notice_id'),
    createdAt: created(),
  },
  (t) => [
    index('energy_patrol_org_idx').on(t.tenantId, t.orgId, t.observedAt),
    index('energy_patrol_room_idx').on(t.tenantId, t.roomId, t.period),
    check('energy_patrol_kind_ck', sql`${t.kind} in ('lights_on','ac_summer_low','ac_winter_high','tap_running','equipment_idle','other')`),
  ],
);

/** A public notice (通报) raised when the same office collects the rule's number of findings in a period; it carries an assessment deduction. */
export const energyNotices = pgTable(
  'energy_notices',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    /** The room (or location text) whose findings raised it: one notice per place and period. */
    placeKey: text('place_key').notNull(),
    period: text('period').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    deduction: doublePrecision('deduction').notNull(),
    findings: integer('findings').notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('energy_notices_place_uq').on(t.tenantId, t.orgId, t.placeKey, t.period),
    index('energy_notices_year_idx').on(t.tenantId, t.year),
  ],
);

/** The published yearly assessment: one row per unit, frozen when the bureau publishes the year. */
export const energyAssessments = pgTable(
  'energy_assessments',
  {
    tenantId: integer('tenant_id').notNull(),
    year: integer('year').notNull(),
    orgId: integer('org_id').notNull(),
    score: doublePrecision('score').notNull(),
    rank: integer('rank').notNull(),
    grade: text('grade').notNull(),
    breakdown: jsonb('breakdown').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: integer('published_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year, t.orgId] })],
);

/** The annual statistics report of one institution: values prefilled from readings, edited with reasons, submitted through approval. */
export const energyReports = pgTable(
  'energy_reports',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    values: jsonb('values').notNull(),
    prefill: jsonb('prefill').notNull(),
    reasons: jsonb('reasons').notNull().default({}),
    instanceId: integer('instance_id'),
    submittedAt: ts('submitted_at'),
    updatedBy: integer('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('energy_reports_org_year_uq').on(t.tenantId, t.orgId, t.year),
    check('energy_reports_status_ck', sql`${t.status} in ('draft','pending','approved','returned','rejected','withdrawn')`),
  ],
);
