import { boolean, date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Code lists (posts, ranks, staffing types, room uses, energy types …). */
export const codeItems = pgTable(
  'code_items',
  {
    list: text('list').notNull(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** Extra attributes, e.g. a rank's mapped post level. */
    extra: jsonb('extra'),
  },
  (t) => [primaryKey({ columns: [t.list, t.code] })],
);

/**
 * Versioned rule tables (area standards, vehicle caps, coal coefficients …). A rule is read
 * as "the version in force on date D"; old versions stay for recomputing past figures.
 */
export const ruleTables = pgTable(
  'rule_tables',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    source: text('source'),
    data: jsonb('data').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rule_tables_version_uq').on(t.name, t.version)],
);

/** Public holidays and 调休 make-up working days, as the State Council announces them each year. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(), // holiday | workday
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});
