import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Training-class lodging (培训住宿): a centre (owned by an org, its scope key) with rooms and
 * beds, classes (开班) with their trainees, and one row per bed and night allocated. Double
 * occupancy is impossible in the database: (bed, night) and (trainee, night) are unique, so of
 * two concurrent allocations of one bed on one night exactly one commits.
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const trainingCentres = pgTable(
  'training_centres',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    createdAt: created(),
  },
  (t) => [index('training_centres_org_idx').on(t.tenantId, t.orgId)],
);

export const trainingRooms = pgTable(
  'training_rooms',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => trainingCentres.id),
    /** The centre's org (denormalised: the scope key of the housekeeping counters and the board). */
    orgId: integer('org_id').notNull(),
    number: text('number').notNull(),
    floor: integer('floor').notNull(),
    /** 待清扫 dirty → 已清扫 clean → 已检查 inspected. */
    housekeeping: text('housekeeping').notNull().default('inspected'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_rooms_number_uq').on(t.centreId, t.number),
    index('training_rooms_hk_idx').on(t.tenantId, t.housekeeping),
    check('training_rooms_hk_ck', sql`${t.housekeeping} in ('dirty','clean','inspected')`),
  ],
);

export const trainingBeds = pgTable(
  'training_beds',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    centreId: integer('centre_id').notNull(),
    roomId: integer('room_id')
      .notNull()
      .references(() => trainingRooms.id),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('training_beds_label_uq').on(t.roomId, t.label), index('training_beds_centre_idx').on(t.centreId)],
);

export const trainingClasses = pgTable(
  'training_classes',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => trainingCentres.id),
    /** The centre's org: whoever runs the centre manages its classes. */
    centreOrgId: integer('centre_org_id').notNull(),
    /** The organising unit (主办单位): its administrators read the class. */
    orgId: integer('org_id').notNull(),
    title: text('title').notNull(),
    category: smallint('category').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** The settlement: inputs, cap, checks (codes and params) and the rule version. */
    settlement: jsonb('settlement'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: integer('settled_by'),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    index('training_classes_tenant_idx').on(t.tenantId, t.startDate, t.id),
    index('training_classes_centre_idx').on(t.centreId, t.startDate),
    check('training_classes_category_ck', sql`${t.category} between 1 and 3`),
    check('training_classes_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
    check('training_classes_settled_ck', sql`(${t.settlement} is null) = (${t.settledAt} is null)`),
  ],
);

export const trainingTrainees = pgTable(
  'training_trainees',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    name: text('name').notNull(),
    unitName: text('unit_name'),
    /** SM4-encrypted phone (core FieldCipher) and its last four digits for display. */
    phoneEnc: text('phone_enc'),
    phoneTail: text('phone_tail'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    index('training_trainees_class_idx').on(t.classId, t.id),
    check('training_trainees_out_ck', sql`${t.checkedOutAt} is null or ${t.checkedInAt} is not null`),
  ],
);

export const trainingBedNights = pgTable(
  'training_bed_nights',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    centreId: integer('centre_id').notNull(),
    bedId: integer('bed_id')
      .notNull()
      .references(() => trainingBeds.id),
    night: date('night', { mode: 'string' }).notNull(),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainingTrainees.id),
  },
  (t) => [
    // The double-occupancy rule, in the database: one trainee per bed per night …
    uniqueIndex('training_bed_nights_bed_uq').on(t.bedId, t.night),
    // … and one bed per trainee per night.
    uniqueIndex('training_bed_nights_trainee_uq').on(t.traineeId, t.night),
    index('training_bed_nights_centre_idx').on(t.centreId, t.night),
    index('training_bed_nights_class_idx').on(t.classId),
  ],
);
