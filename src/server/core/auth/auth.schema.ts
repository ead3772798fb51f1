import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs } from '../org/org.schema';
import { people } from '../people/people.schema';

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    personId: integer('person_id').references(() => people.id),
    /** Home organisation (the unit, or the outsourced company's node). */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    status: text('status').notNull().default('active'), // active | disabled
    locale: text('locale').notNull().default('zh-CN'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`),
    index('accounts_org_idx').on(t.orgId),
    check('accounts_status_ck', sql`${t.status} in ('active','disabled')`),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    activeOrgId: integer('active_org_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** API tokens for integrations (gates, meters, meal-card systems). Shown once; stored hashed. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    /** First characters, shown in lists so a token can be recognised without revealing it. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Permissions the token may use: a subset of what its account holds. */
    permissions: text('permissions').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_account_idx').on(t.accountId)],
);

/**
 * The hashes of an account's earlier passwords, so the policy can refuse reusing any of the
 * last N (`password_policy.historyCount`). Written in the transaction that sets a password.
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_account_idx').on(t.accountId, t.createdAt)],
);

/**
 * Failed sign-ins for names that match no account, counted exactly like an account's, so the
 * lockout answers the same for unknown names and does not reveal which usernames exist. The
 * key is the SHA-256 of the lower-cased name: people type passwords into the username field.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    nameHash: text('name_hash').primaryKey(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_updated_idx').on(t.updatedAt)],
);

/**
 * Break-glass actions on one of the three administrators' accounts (三员分立): requested by an
 * administrator of another duty, carried out only when an administrator of the third duty
 * approves. Every step is audited and notified to all administrators.
 */
export const adminBreakGlass = pgTable(
  'admin_break_glass',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    targetAccountId: integer('target_account_id')
      .notNull()
      .references(() => accounts.id),
    action: text('action').notNull(), // reset_password | disable | enable
    reason: text('reason').notNull(),
    /** The temporary password's hash for a reset (the target must change it at first sign-in). */
    passwordHash: text('password_hash'),
    status: text('status').notNull().default('pending'), // pending | approved | rejected
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => accounts.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('admin_break_glass_tenant_idx').on(t.tenantId, t.requestedAt),
    // One open request per account: a second would let two pairs race on the same target.
    uniqueIndex('admin_break_glass_pending_uq').on(t.targetAccountId).where(sql`${t.status} = 'pending'`),
    check('admin_break_glass_action_ck', sql`${t.action} in ('reset_password','disable','enable')`),
    check('admin_break_glass_status_ck', sql`${t.status} in ('pending','approved','rejected')`),
  ],
);
