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
 * Official vehicles (公务用车): the ledger (台账), each vehicle's history file (履历档案),
 * drivers, quotas, purchase requests, bookings and trip requests, disposal and transfer.
 * Every row carries `tenantId` (the root bureau) and the org that owns it (the scope key).
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const vehicles = pgTable(
  'vehicles',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The owning unit: the vehicle counts against this unit's quota until disposed. */
    orgId: integer('org_id').notNull(),
    /** Normalised (no dot or spaces, upper case), e.g. 苏A12345, 苏AD12345. */
    plate: text('plate').notNull(),
    type: text('type').notNull(),
    /** 领导干部固定用车: no SUV (rule `vehicle_caps`). */
    leaderFixed: boolean('leader_fixed').notNull().default(false),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    domestic: boolean('domestic').notNull(),
    bodyType: text('body_type').notNull(),
    energy: text('energy').notNull(),
    /** Litres; null for battery-electric vehicles. */
    displacement: numeric('displacement', { precision: 4, scale: 2, mode: 'number' }),
    seats: integer('seats').notNull(),
    price: moneyColumn('price').notNull(),
    purchaseDate: date('purchase_date').notNull(),
    odometerKm: integer('odometer_km').notNull().default(0),
    tankCapacityL: numeric('tank_capacity_l', { precision: 8, scale: 2, mode: 'number' }),
    batteryCapacityKwh: numeric('battery_capacity_kwh', { precision: 8, scale: 2, mode: 'number' }),
    marking: text('marking').notNull().default('official'),
    supervisionPhone: text('supervision_phone'),
    markingExemptReason: text('marking_exempt_reason'),
    status: text('status').notNull().default('in_service'),
    /** The purchase request it was delivered against (null for vehicles registered as already owned). */
    purchaseRequestId: integer('purchase_request_id'),
    /** Set on delivery of its replacement: the vehicle is sealed and waits for its disposal. */
    replacedById: integer('replaced_by_id'),
    disposedAt: ts('disposed_at'),
    note: text('note'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // A plate is reissued after disposal, so it is unique among the vehicles still held.
    uniqueIndex('vehicles_plate_uq').on(t.tenantId, t.plate).where(sql`${t.status} <> 'disposed'`),
    index('vehicles_org_idx').on(t.orgId, t.status),
    check('vehicles_status_ck', sql`${t.status} in ('in_service','in_repair','sealed','disposed')`),
    check('vehicles_type_ck', sql`${t.type} in ('confidential_comm','emergency','law_enforcement','special_technical','other')`),
    check('vehicles_marking_ck', sql`${t.marking} in ('official','law_enforcement','exempt')`),
    check(
      'vehicles_numbers_ck',
      sql`${t.price} >= 0 and ${t.odometerKm} >= 0 and ${t.seats} between 1 and 80 and (${t.displacement} is null or ${t.displacement} > 0)`,
    ),
  ],
);

/**
 * The history file (履历档案): one row per thing that happened to a vehicle — purchase,
 * registration, changes, trips, transfers, disposal — written by the service that made the
 * change, in its transaction. `amount` (yuan) and `quantity` (litres, kWh) are there for the
 * refuel, repair and insurance ledgers to come. Large and append-mostly: keyed by
 * (tenant_id, id) so it is Citus-distributable by tenant.
 */
export const vehicleEvents = pgTable(
  'vehicle_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    vehicleId: integer('vehicle_id').notNull(),
    /** The owning unit when it happened (a transfer writes one row for each side). */
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    amount: moneyColumn('amount'),
    quantity: numeric('quantity', { precision: 12, scale: 2, mode: 'number' }),
    odometerKm: integer('odometer_km'),
    /** The record behind the event: purchase_request, booking, disposal … */
    refType: text('ref_type'),
    refId: integer('ref_id'),
    summary: text('summary').notNull(),
    data: jsonb('data'),
    createdBy: integer('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('vehicle_events_vehicle_idx').on(t.tenantId, t.vehicleId, t.occurredAt),
    check(
      'vehicle_events_kind_ck',
      sql`${t.kind} in ('purchase','register','update','status','assign','trip','refuel','repair','replaced','transfer_out','transfer_in','disposal','insurance','inspection')`,
    ),
  ],
);

/** 编制数: each unit's authorised number of vehicles. The cap is a share of it (rule `vehicle_caps`). */
export const vehicleQuotas = pgTable('vehicle_quotas', {
  orgId: integer('org_id').primaryKey(),
  tenantId: integer('tenant_id').notNull(),
  quota: integer('quota').notNull(),
  note: text('note'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Drivers are people (core `people`) with a licence; `orgId` is the person's unit when registered (scope key). */
export const vehicleDrivers = pgTable(
  'vehicle_drivers',
  {
    personId: integer('person_id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    licenceClass: text('licence_class').notNull(),
    licenceExpiry: date('licence_expiry').notNull(),
    status: text('status').notNull().default('active'),
    note: text('note'),
    createdAt: created(),
  },
  (t) => [index('vehicle_drivers_org_idx').on(t.orgId), check('vehicle_drivers_status_ck', sql`${t.status} in ('active','inactive')`)],
);

/** 购置 / 更新 requests: the checks against the caps as computed when requested, then the approval. */
export const vehiclePurchaseRequests = pgTable(
  'vehicle_purchase_requests',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    type: text('type').notNull(),
    bodyType: text('body_type').notNull(),
    energy: text('energy').notNull(),
    displacement: numeric('displacement', { precision: 4, scale: 2, mode: 'number' }),
    domestic: boolean('domestic').notNull(),
    price: moneyColumn('price').notNull(),
    seats: integer('seats'),
    model: text('model'),
    leaderFixed: boolean('leader_fixed').notNull().default(false),
    replacesVehicleId: integer('replaces_vehicle_id'),
    /** False for the replacement of one of the unit's own vehicles: it does not add to the unit's count. */
    addsVehicle: boolean('adds_vehicle').notNull().default(true),
    fuelReason: text('fuel_reason'),
    whereNeeded: boolean('where_needed').notNull().default(false),
    whereNeededReason: text('where_needed_reason'),
    reason: text('reason').notNull(),
    /** [{rule, passed, code, params}]: translated into the reader's language when shown. */
    checks: jsonb('checks').notNull(),
    checksPassed: boolean('checks_passed').notNull(),
    /** The `vehicle_caps` version the checks used. */
    ruleVersion: integer('rule_version').notNull(),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    vehicleId: integer('vehicle_id'),
    deliveredAt: ts('delivered_at'),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('vehicle_purchase_requests_org_idx').on(t.orgId, t.status),
    check('vehicle_purchase_requests_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn','delivered')`),
  ],
);

/**
 * Bookings (派车): a vehicle and a driver for a half-open period [start_at, end_at). Two
 * bookings that are not cancelled may not overlap on the same vehicle or the same driver:
 * the database enforces it with exclusion constraints (custom migration
 * `vehicle_booking_exclusion`), so concurrent requests cannot both win. Large (every trip of
 * every vehicle): keyed by (tenant_id, id) so it is Citus-distributable by tenant.
 */
export const vehicleBookings = pgTable(
  'vehicle_bookings',
  {
    id: serial('id').notNull(),
    tenantId: integer('tenant_id').notNull(),
    /** The vehicle's unit when booked (scope key). */
    orgId: integer('org_id').notNull(),
    vehicleId: integer('vehicle_id').notNull(),
    /** A person registered as a driver. */
    driverId: integer('driver_id').notNull(),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull().default('booked'),
    tripRequestId: integer('trip_request_id'),
    startOdometerKm: integer('start_odometer_km'),
    endOdometerKm: integer('end_odometer_km'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    /**
     * Implausible starts and finishes the driver recorded with a reason (trip-plausibility.ts):
     * [{ phase, code, params, reason }]. Non-empty = flagged for the dispatcher.
     */
    flags: jsonb('flags').$type<TripFlag[]>().notNull().default([]),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('vehicle_bookings_window_idx').on(t.tenantId, t.startAt),
    index('vehicle_bookings_trip_idx').on(t.tripRequestId),
    check('vehicle_bookings_period_ck', sql`${t.endAt} > ${t.startAt}`),
    check('vehicle_bookings_status_ck', sql`${t.status} in ('booked','in_progress','completed','cancelled')`),
    check(
      'vehicle_bookings_odometer_ck',
      sql`${t.endOdometerKm} is null or (${t.startOdometerKm} is not null and ${t.endOdometerKm} >= ${t.startOdometerKm})`,
    ),
  ],
);

/** One recorded problem of a trip's start or finish, with the driver's reason. */
export type TripFlag = { phase: 'start' | 'finish'; code: string; params: Record<string, number>; reason: string };

/** 用车申请: a member of staff asks for a car; approved, then the dispatcher assigns vehicle and driver. */
export const vehicleTripRequests = pgTable(
  'vehicle_trip_requests',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The applicant's unit. */
    orgId: integer('org_id').notNull(),
    applicantId: integer('applicant_id').notNull(),
    purpose: text('purpose').notNull(),
    origin: text('origin').notNull(),
    destination: text('destination').notNull(),
    passengers: integer('passengers').notNull(),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    roundTrip: boolean('round_trip').notNull().default(true),
    /** The trip touches a rest day (weekend or holiday, 调休 make-up days are working days): an extra approval step. */
    restDay: boolean('rest_day').notNull(),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    bookingId: integer('booking_id'),
    confirmedAt: ts('confirmed_at'),
    createdAt: created(),
  },
  (t) => [
    index('vehicle_trip_requests_org_idx').on(t.orgId, t.status),
    index('vehicle_trip_requests_applicant_idx').on(t.applicantId),
    check('vehicle_trip_requests_period_ck', sql`${t.endAt} > ${t.startAt}`),
    check(
      'vehicle_trip_requests_status_ck',
      sql`${t.status} in ('pending','approved','rejected','returned','withdrawn','assigned','in_progress','completed','confirmed','cancelled')`,
    ),
  ],
);

/** 报废 / 拍卖 / 划拨: on final approval the vehicle is disposed of, or moves to the receiving unit. */
export const vehicleDisposals = pgTable(
  'vehicle_disposals',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    vehicleId: integer('vehicle_id').notNull(),
    method: text('method').notNull(),
    toOrgId: integer('to_org_id'),
    reason: text('reason').notNull(),
    checks: jsonb('checks').notNull().default([]),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    appliedAt: ts('applied_at'),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('vehicle_disposals_org_idx').on(t.orgId, t.status),
    // One open disposal per vehicle at a time.
    uniqueIndex('vehicle_disposals_open_uq').on(t.vehicleId).where(sql`${t.status} in ('pending','returned')`),
    check('vehicle_disposals_method_ck', sql`${t.method} in ('scrap','auction','transfer')`),
    check('vehicle_disposals_transfer_ck', sql`(${t.method} = 'transfer') = (${t.toOrgId} is not null)`),
    check('vehicle_disposals_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn')`),
  ],
);
