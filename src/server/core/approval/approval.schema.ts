import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/auth.schema';
import { orgs } from '../org/org.schema';

/**
 * Versioned flow definitions per business type. Editing a flow creates a new version;
 * instances keep the version they started with, so changes apply to new instances only.
 */
export const approvalFlows = pgTable(
  'approval_flows',
  {
    id: serial('id').primaryKey(),
    businessType: text('business_type').notNull(),
    version: integer('version').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** FlowStep[]: see contracts/core/approval.ts. */
    steps: jsonb('steps').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('approval_flows_version_uq').on(t.businessType, t.version),
    uniqueIndex('approval_flows_active_uq').on(t.businessType).where(sql`${t.active}`),
  ],
);

export const approvalInstances = pgTable(
  'approval_instances',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    businessType: text('business_type').notNull(),
    businessId: text('business_id').notNull(),
    flowId: integer('flow_id')
      .notNull()
      .references(() => approvalFlows.id),
    /** The title in Chinese (and, for rows written before issue #17, the only title). */
    title: text('title').notNull(),
    /** The title in English, so a system-written title follows the reader's language; null: read `title`. */
    titleEn: text('title_en'),
    /** The applicant's unit: approver resolution and data scope hang on it. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    applicantId: integer('applicant_id')
      .notNull()
      .references(() => accounts.id),
    status: text('status').notNull(), // pending | approved | rejected | returned | withdrawn
    /** Index into the flow's steps of the step awaiting action (after conditions are applied). */
    currentStep: integer('current_step'),
    /** 1 on submission; +1 on each resubmission after a return. */
    round: integer('round').notNull().default(1),
    /** Business facts the step conditions read (amount, restDay …). */
    facts: jsonb('facts').notNull().default({}),
    /** Bumped on every transition; a client may send it back to detect a stale view. */
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('approval_instances_applicant_idx').on(t.applicantId, t.submittedAt),
    index('approval_instances_org_idx').on(t.orgId),
    uniqueIndex('approval_instances_business_uq').on(t.businessType, t.businessId),
    check('approval_instances_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn')`),
  ],
);

/** One row per (step entry, approver): the to-do inbox is a plain index lookup. */
export const approvalTasks = pgTable(
  'approval_tasks',
  {
    id: serial('id').primaryKey(),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => approvalInstances.id),
    stepIndex: integer('step_index').notNull(),
    /** Increases each time the instance is resubmitted, so earlier rounds stay in history. */
    round: integer('round').notNull().default(1),
    approverId: integer('approver_id')
      .notNull()
      .references(() => accounts.id),
    status: text('status').notNull().default('pending'), // pending | approved | rejected | returned | skipped | cancelled
    actedAt: timestamp('acted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('approval_tasks_inbox_idx').on(t.approverId, t.status),
    index('approval_tasks_instance_idx').on(t.instanceId, t.round, t.stepIndex),
    uniqueIndex('approval_tasks_uq').on(t.instanceId, t.round, t.stepIndex, t.approverId),
  ],
);

/** The timeline: every submit, approve, reject, return, withdraw, resubmit and comment. */
export const approvalActions = pgTable(
  'approval_actions',
  {
    id: serial('id').primaryKey(),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => approvalInstances.id),
    stepIndex: integer('step_index'),
    action: text('action').notNull(),
    actorId: integer('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    comment: text('comment'),
    attachmentIds: text('attachment_ids').array(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approval_actions_instance_idx').on(t.instanceId, t.at)],
);

/**
 * 常用意见: the comments an approver keeps to pick in the approve / reject dialog (beside the
 * built-in ones, which are not stored). Scoped to the account that keeps them.
 */
export const approvalComments = pgTable(
  'approval_comments',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('approval_comments_account_text_uq').on(t.accountId, t.text)],
);
