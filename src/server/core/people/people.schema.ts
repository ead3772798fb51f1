import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs } from '../org/org.schema';

/**
 * Personnel records (人员). Separate from login accounts: most cadres never sign in.
 * Phone and ID number are stored SM4-encrypted; `idNumberIndex` is a keyed blind index for
 * exact lookups and uniqueness, `phoneTail` the last four digits for display and search.
 */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The unit (单位) the person belongs to. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    /** Internal department (内设机构), optional. */
    deptId: integer('dept_id').references(() => orgs.id),
    name: text('name').notNull(),
    gender: text('gender'), // M | F
    /** 职务 as written, e.g. 办公室主任. */
    postTitle: text('post_title'),
    /** 职级 code from the `rank` code list (2019 reform ranks and legacy). */
    rankCode: text('rank_code'),
    /** GB/T 12407-2008 post-level code used for standards (131, 141, 150 …). */
    postLevel: text('post_level').notNull(),
    staffingType: text('staffing_type').notNull().default('admin'), // admin | institution | worker | contract
    status: text('status').notNull().default('active'), // active | transferred | retired
    statusSince: date('status_since'),
    phoneEnc: text('phone_enc'),
    phoneTail: text('phone_tail'),
    idNumberEnc: text('id_number_enc'),
    idNumberIndex: text('id_number_index'),
    photoFileId: text('photo_file_id'),
    employeeNo: text('employee_no'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_org_idx').on(t.orgId, t.name),
    // The list sorted by name walks this index and stops after the page (a district-wide scope need not sort everyone).
    index('people_name_idx').on(t.name, t.id),
    index('people_dept_idx').on(t.deptId),
    uniqueIndex('people_id_number_uq').on(t.idNumberIndex).where(sql`${t.idNumberIndex} is not null`),
    check('people_status_ck', sql`${t.status} in ('active','transferred','retired')`),
    check('people_staffing_ck', sql`${t.staffingType} in ('admin','institution','worker','contract')`),
    check('people_gender_ck', sql`${t.gender} is null or ${t.gender} in ('M','F')`),
  ],
);

/** Dated status changes (在职 → 调离 / 退休): office-space recovery deadlines hang on these dates. */
export const personStatusHistory = pgTable(
  'person_status_history',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    status: text('status').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_status_history_person_idx').on(t.personId, t.effectiveFrom)],
);
