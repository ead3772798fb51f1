import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/auth.schema';
import { orgs } from '../org/org.schema';

export const roles = pgTable(
  'roles',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    builtin: boolean('builtin').notNull().default(false),
    /**
     * 三员分立: system, security and audit administration are separate roles; an account may
     * hold at most one role of these classes.
     */
    adminClass: text('admin_class'), // system | security | audit | null
    permissions: text('permissions').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roles_code_uq').on(t.code),
    check('roles_admin_class_ck', sql`${t.adminClass} is null or ${t.adminClass} in ('system','security','audit')`),
  ],
);

/** (account, role, org node, whole subtree or node only). */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    includeSubtree: boolean('include_subtree').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer('created_by'),
  },
  (t) => [uniqueIndex('role_assignments_uq').on(t.accountId, t.roleId, t.orgId), index('role_assignments_role_idx').on(t.roleId, t.orgId)],
);
