import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Meeting service orders (会务服务) and the service team's tasks. An order belongs to one
 * booking of the meetings module (read through its index); it copies the booking's two scope
 * keys so that lists filter without reaching into the meetings tables' rules.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const meetingServiceOrders = pgTable(
  'meeting_service_orders',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    bookingId: integer('booking_id').notNull(),
    /** The booking's unit (who ordered) and the room's managing unit (who serves): the scope keys. */
    orgId: integer('org_id').notNull(),
    roomOrgId: integer('room_org_id').notNull(),
    status: text('status').notNull().default('submitted'),
    teaCount: integer('tea_count').notNull().default(0),
    waterCount: integer('water_count').notNull().default(0),
    nameplates: jsonb('nameplates').$type<string[]>().notNull().default([]),
    rostrum: jsonb('rostrum').$type<string[]>().notNull().default([]),
    av: jsonb('av').$type<string[]>().notNull().default([]),
    printedMaterials: text('printed_materials'),
    printedCopies: integer('printed_copies').notNull().default(0),
    staffOnDuty: integer('staff_on_duty').notNull().default(0),
    items: jsonb('items').$type<string[]>().notNull().default([]),
    note: text('note'),
    /** The service staff account the tasks went to on acceptance. */
    assigneeId: integer('assignee_id'),
    frugalityVersion: integer('frugality_version'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    acceptedAt: ts('accepted_at'),
    doneAt: ts('done_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('meeting_service_orders_booking_idx').on(t.bookingId),
    index('meeting_service_orders_scope_idx').on(t.tenantId, t.roomOrgId, t.status),
    check('meeting_service_orders_status_ck', sql`${t.status} in ('submitted','accepted','in_progress','done','cancelled')`),
    check(
      'meeting_service_orders_counts_ck',
      sql`${t.teaCount} >= 0 and ${t.waterCount} >= 0 and ${t.printedCopies} >= 0 and ${t.staffOnDuty} >= 0`,
    ),
  ],
);

/** One phase of an accepted order (会前布置 / 会中服务 / 会后清场) with its checklist. */
export const meetingServiceTasks = pgTable(
  'meeting_service_tasks',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    orderId: integer('order_id')
      .notNull()
      .references(() => meetingServiceOrders.id),
    phase: text('phase').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    status: text('status').notNull().default('open'),
    /** Lines copied from the checklist template in force at acceptance, each with its tick. */
    checklist: jsonb('checklist')
      .$type<{ zh: string; en: string; done: boolean; doneAt: string | null; doneBy: number | null }[]>()
      .notNull()
      .default([]),
    doneAt: ts('done_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('meeting_service_tasks_assignee_idx').on(t.assigneeId, t.status),
    uniqueIndex('meeting_service_tasks_phase_uq').on(t.orderId, t.phase),
    check('meeting_service_tasks_phase_ck', sql`${t.phase} in ('before','during','after')`),
    check('meeting_service_tasks_status_ck', sql`${t.status} in ('open','done')`),
  ],
);
