import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { moneyColumn } from '../../core/db';

/** 通用事项申请: the generic business type that makes the approval engine usable on day one. */
export const generalRequests = pgTable(
  'general_requests',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    applicantId: integer('applicant_id').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    content: text('content').notNull(),
    amount: moneyColumn('amount'),
    status: text('status').notNull().default('pending'),
    instanceId: integer('instance_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('general_requests_org_idx').on(t.orgId, t.createdAt),
    index('general_requests_applicant_idx').on(t.applicantId),
    check('general_requests_status_ck', sql`${t.status} in ('pending','approved','rejected','returned','withdrawn')`),
  ],
);
