import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The organisation tree. `path` is a materialised path of ids ("/1/7/42/"): a subtree is
 * one index range scan (`path LIKE '/1/7/%'`), which keeps scope checks fast at 10,000+ nodes.
 * `tenantId` is the root bureau: the distribution key when tables move to Citus.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    kind: text('kind').notNull(), // bureau | unit | department | site_group
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** 统一社会信用代码, validated by its check character when given. */
    creditCode: text('credit_code'),
    agencyLevel: text('agency_level').notNull(), // central | province | city | county | township
    /** 编制数: approved staffing. */
    staffing: integer('staffing'),
    status: text('status').notNull().default('active'), // active | inactive
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('orgs_parent_idx').on(t.parentId),
    uniqueIndex('orgs_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    check('orgs_kind_ck', sql`${t.kind} in ('bureau','unit','department','site_group')`),
    check('orgs_level_ck', sql`${t.agencyLevel} in ('central','province','city','county','township')`),
    check('orgs_status_ck', sql`${t.status} in ('active','inactive')`),
  ],
);
