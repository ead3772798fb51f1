import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/**
 * Office space registry: sites (办公区) → buildings → floors → rooms, with who uses each room
 * and when. Every row carries `tenantId` (the distribution key for Citus, see
 * docs/architecture.md) and the org that owns it (the scope key for permissions).
 */
const area = (name: string) => numeric(name, { precision: 12, scale: 2, mode: 'number' });
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const officeSites = pgTable(
  'office_sites',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The org that manages the site (the bureau for a shared office park, or a unit). */
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    note: text('note'),
    status: text('status').notNull().default('active'),
    createdAt: created(),
  },
  (t) => [index('office_sites_org_idx').on(t.orgId), check('office_sites_status_ck', sql`${t.status} in ('active','inactive')`)],
);

export const officeBuildings = pgTable(
  'office_buildings',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => officeSites.id),
    /** Managing org, inherited from the site: adding rooms needs write scope over it. */
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    grossArea: area('gross_area').notNull(),
    yearBuilt: integer('year_built'),
    ownership: text('ownership').notNull(), // owned | leased_in | allocated
    address: text('address'),
    floorsAbove: integer('floors_above').notNull().default(1),
    floorsBelow: integer('floors_below').notNull().default(0),
    highRise: boolean('high_rise').notNull().default(false),
    status: text('status').notNull().default('active'),
    createdAt: created(),
  },
  (t) => [
    index('office_buildings_site_idx').on(t.siteId),
    check('office_buildings_area_ck', sql`${t.grossArea} > 0`),
    check('office_buildings_ownership_ck', sql`${t.ownership} in ('owned','leased_in','allocated')`),
  ],
);

export const officeFloors = pgTable(
  'office_floors',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => officeBuildings.id),
    level: integer('level').notNull(),
    name: text('name').notNull(),
    /** The drawn plan (shapes in metres linked to rooms); see ZFloorPlanSchema. */
    plan: jsonb('plan'),
    planUpdatedAt: timestamp('plan_updated_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex('office_floors_level_uq').on(t.buildingId, t.level)],
);

export const officeRooms = pgTable(
  'office_rooms',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    floorId: integer('floor_id')
      .notNull()
      .references(() => officeFloors.id),
    buildingId: integer('building_id').notNull(),
    siteId: integer('site_id').notNull(),
    /** The owning unit. */
    orgId: integer('org_id').notNull(),
    number: text('number').notNull(),
    useClass: text('use_class').notNull(),
    useType: text('use_type').notNull(),
    area: area('area').notNull(),
    status: text('status').notNull().default('in_use'),
    singleOccupant: boolean('single_occupant').notNull().default(false),
    /** Rest room or toilet inside a leader's suite → the suite's office. */
    suiteOfId: integer('suite_of_id'),
    note: text('note'),
    /** False once the room was merged away or partitioned into new rooms (kept for history). */
    active: boolean('active').notNull().default(true),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_rooms_number_uq').on(t.floorId, t.number).where(sql`${t.active}`),
    index('office_rooms_org_idx').on(t.orgId),
    index('office_rooms_building_idx').on(t.buildingId),
    check('office_rooms_area_ck', sql`${t.area} > 0 and ${t.area} <= 5000`),
    check('office_rooms_class_ck', sql`${t.useClass} in ('office','service','equipment','auxiliary')`),
    check('office_rooms_status_ck', sql`${t.status} in ('in_use','idle','repair','leased_in','rented_out','lent_out')`),
  ],
);

/** Dated history of a room's area, use and status: what the registry said on any past date. */
export const officeRoomHistory = pgTable(
  'office_room_history',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id')
      .notNull()
      .references(() => officeRooms.id),
    area: area('area').notNull(),
    useClass: text('use_class').notNull(),
    useType: text('use_type').notNull(),
    status: text('status').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    reason: text('reason'),
    changedBy: integer('changed_by'),
    createdAt: created(),
  },
  (t) => [index('office_room_history_room_idx').on(t.roomId, t.effectiveFrom)],
);

/**
 * Who uses which room, from when to when. Overlaps on a single-occupant room and a second
 * primary room for one person are refused inside a transaction that locks the room and
 * person rows, so two concurrent requests cannot both pass the check.
 */
export const officeOccupancies = pgTable(
  'office_occupancies',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    roomId: integer('room_id')
      .notNull()
      .references(() => officeRooms.id),
    personId: integer('person_id').notNull(),
    /** The person's unit when the occupancy started (scope key). */
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull().default('primary'), // primary | concurrent
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    /** For a concurrent-post room: the day the person left that post (the two-month clock starts). */
    postEndedOn: date('post_ended_on'),
    /** Set when the overdue-recovery reminder went out, so it goes out once. */
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    note: text('note'),
    createdAt: created(),
  },
  (t) => [
    index('office_occupancies_person_idx').on(t.personId),
    index('office_occupancies_room_idx').on(t.roomId),
    index('office_occupancies_org_idx').on(t.orgId),
    check('office_occupancies_kind_ck', sql`${t.kind} in ('primary','concurrent')`),
    check('office_occupancies_dates_ck', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

/** 腾 / 调 / 合 / 隔: a rectification request, run on the approval engine, applied on approval. */
export const officeRectifications = pgTable(
  'office_rectifications',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    personId: integer('person_id').notNull(),
    measure: text('measure').notNull(),
    reason: text('reason').notNull(),
    effectiveDate: date('effective_date').notNull(),
    payload: jsonb('payload').notNull(),
    /** The over-standard finding, as computed when the request was made. */
    entitledArea: area('entitled_area'),
    actualArea: area('actual_area').notNull(),
    excessArea: area('excess_area').notNull(),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('office_rectifications_org_idx').on(t.orgId),
    check('office_rectifications_measure_ck', sql`${t.measure} in ('vacate','swap','merge','partition')`),
    check('office_rectifications_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn')`),
  ],
);

/** 督查 / 回头看: an inspection task sent to selected units with a checklist. */
export const officeInspections = pgTable('office_inspections', {
  id: serial('id').primaryKey(),
  tenantId: integer('tenant_id').notNull(),
  /** The org that runs the inspection (scope key). */
  orgId: integer('org_id').notNull(),
  title: text('title').notNull(),
  kind: text('kind').notNull(), // inspection | lookback
  checklist: jsonb('checklist').notNull(),
  deadline: date('deadline').notNull(),
  status: text('status').notNull().default('open'),
  createdBy: integer('created_by').notNull(),
  createdAt: created(),
});

export const officeInspectionUnits = pgTable(
  'office_inspection_units',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => officeInspections.id),
    orgId: integer('org_id').notNull(),
  },
  (t) => [uniqueIndex('office_inspection_units_uq').on(t.inspectionId, t.orgId)],
);

export const officeFindings = pgTable(
  'office_findings',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => officeInspections.id),
    /** The inspected unit. */
    orgId: integer('org_id').notNull(),
    roomId: integer('room_id'),
    checkItem: text('check_item'),
    description: text('description').notNull(),
    rectifyBy: date('rectify_by').notNull(),
    photoFileIds: jsonb('photo_file_ids').notNull().default([]),
    status: text('status').notNull().default('open'),
    evidence: text('evidence'),
    evidenceFileIds: jsonb('evidence_file_ids').notNull().default([]),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by'),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('office_findings_org_idx').on(t.orgId, t.status),
    index('office_findings_inspection_idx').on(t.inspectionId),
    check('office_findings_status_ck', sql`${t.status} in ('open','closed')`),
  ],
);

/**
 * One counter that statement-level triggers bump on every change to the data the standards
 * depend on (people, orgs, rooms, occupancy, rule tables). Compliance figures are cached per
 * process against it, so a dashboard reads the cache until anything changes — in any process
 * sharing the database.
 */
export const officeDataVersion = pgTable('office_data_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
});

/** Office space leased in (租用): the contract, its period and rent; renewals chain to the lease they replace. */
export const officeLeases = pgTable(
  'office_leases',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The unit that rents the space. */
    orgId: integer('org_id').notNull(),
    landlord: text('landlord').notNull(),
    address: text('address').notNull(),
    area: area('area').notNull(),
    contractNo: text('contract_no'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    rentPerYear: moneyColumn('rent_per_year').notNull(),
    status: text('status').notNull().default('active'), // active | renewed | terminated
    renewsId: integer('renews_id'),
    terminatedOn: date('terminated_on'),
    note: text('note'),
    /** Set when the expiry reminder went out, so it goes out once per lease. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    index('office_leases_org_idx').on(t.orgId, t.status),
    check('office_leases_dates_ck', sql`${t.endDate} > ${t.startDate}`),
    check('office_leases_status_ck', sql`${t.status} in ('active','renewed','terminated')`),
    check('office_leases_area_ck', sql`${t.area} > 0 and ${t.rentPerYear} >= 0`),
  ],
);

/**
 * 调配: a unit asks for space; the bureau assigns idle rooms and, when the request is
 * approved, the rooms pass to the unit in the approval's transaction (with history).
 */
export const officeAllocations = pgTable(
  'office_allocations',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The unit that receives the space. */
    orgId: integer('org_id').notNull(),
    useClass: text('use_class').notNull(),
    requestedArea: area('requested_area').notNull(),
    headcount: integer('headcount').notNull().default(0),
    reason: text('reason').notNull(),
    neededBy: date('needed_by'),
    /** Rooms the bureau assigned: [{roomId, number, area, fromOrgId}] at the time of assignment. */
    rooms: jsonb('rooms').notNull().default(sql`'[]'::jsonb`),
    assignedArea: area('assigned_area').notNull().default(0),
    assignedBy: integer('assigned_by'),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('office_allocations_org_idx').on(t.orgId, t.status),
    check('office_allocations_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn')`),
    check('office_allocations_area_ck', sql`${t.requestedArea} > 0 and ${t.headcount} >= 0`),
  ],
);

/**
 * 大修 / 中修 / 日常维修 of a building, through the steps 检查鉴定 → 项目确立 → 计划 → 实施 →
 * 竣工验收, then the unit's filing (备案) of the building as it stands after the works. The
 * filing applies the new areas and uses to the registry and keeps both states.
 */
export const officeRepairs = pgTable(
  'office_repairs',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    buildingId: integer('building_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** 检查鉴定: the assessment that justifies the works. */
    assessment: text('assessment').notNull(),
    scope: text('scope'),
    budget: moneyColumn('budget').notNull(),
    /** Floor area the works add (㎡); only a 大修 may add any, within the rule's share. */
    addedArea: area('added_area').notNull().default(0),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    startedOn: date('started_on'),
    completedOn: date('completed_on'),
    actualCost: moneyColumn('actual_cost'),
    acceptanceNote: text('acceptance_note'),
    /** The building before and after, as filed: totals, rooms, leaders' offices. */
    filingBefore: jsonb('filing_before'),
    filingAfter: jsonb('filing_after'),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: integer('filed_by'),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('office_repairs_org_idx').on(t.orgId, t.status),
    index('office_repairs_building_idx').on(t.buildingId),
    check('office_repairs_kind_ck', sql`${t.kind} in ('major','medium','routine')`),
    check(
      'office_repairs_status_ck',
      sql`${t.status} in ('pending','approved','in_progress','completed','filed','rejected','returned','withdrawn')`,
    ),
    check('office_repairs_money_ck', sql`${t.budget} >= 0 and ${t.addedArea} >= 0 and coalesce(${t.actualCost}, 0) >= 0`),
    check('office_repairs_dates_ck', sql`${t.plannedEnd} >= ${t.plannedStart}`),
  ],
);
