import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Meeting-room booking (会议室预订): rooms, series, bookings, attendee sign-ins and door-display
 * devices. Every row carries `tenantId` (the root bureau) and the org that scopes it.
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A bookable room: linked to an office-registry room or standing alone (name, building, floor). */
export const meetingRooms = pgTable(
  'meeting_rooms',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    /** The managing unit (the bureau's 会务服务中心 or a unit for its own rooms): the scope key. */
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('meeting'),
    /** The office-registry room it is (read through office-space's index), or null. */
    officeRoomId: integer('office_room_id'),
    /** A registry building for a room outside the registry, or the building named in text. */
    buildingId: integer('building_id'),
    buildingName: text('building_name'),
    floor: text('floor'),
    capacity: integer('capacity').notNull(),
    layouts: jsonb('layouts').$type<string[]>().notNull().default([]),
    equipment: jsonb('equipment').$type<string[]>().notNull().default([]),
    /** China clock times HH:MM and ISO weekdays (1 = Monday). */
    openFrom: text('open_from').notNull().default('08:00'),
    openTo: text('open_to').notNull().default('18:00'),
    openWeekdays: jsonb('open_weekdays').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    bookableBy: text('bookable_by').notNull().default('district'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    approvalAboveAttendees: integer('approval_above_attendees'),
    active: boolean('active').notNull().default(true),
    note: text('note'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('meeting_rooms_org_idx').on(t.tenantId, t.orgId),
    uniqueIndex('meeting_rooms_office_room_uq').on(t.officeRoomId).where(sql`${t.officeRoomId} is not null`),
    check('meeting_rooms_capacity_ck', sql`${t.capacity} > 0`),
    check('meeting_rooms_buffer_ck', sql`${t.bufferMinutes} >= 0`),
    check('meeting_rooms_kind_ck', sql`${t.kind} in ('meeting','lecture_hall','multi_function','reception')`),
    check('meeting_rooms_bookable_ck', sql`${t.bookableBy} in ('district','own_unit','approval_only')`),
  ],
);

/** A recurring series (weekly 局务会, monthly …); its occurrences are ordinary bookings with `series_id`. */
export const meetingSeries = pgTable('meeting_series', {
  id: serial('id').primaryKey(),
  tenantId: integer('tenant_id').notNull(),
  orgId: integer('org_id').notNull(),
  roomId: integer('room_id').notNull(),
  title: text('title').notNull(),
  organiserId: integer('organiser_id'),
  freq: text('freq').notNull(),
  interval: integer('interval').notNull().default(1),
  firstDate: date('first_date').notNull(),
  lastDate: date('last_date').notNull(),
  level: text('level').notNull().default('ordinary'),
  attendees: integer('attendees').notNull(),
  createdBy: integer('created_by').notNull(),
  createdAt: created(),
});

/**
 * Bookings. The room is held over [start_at, held_until), held_until = end_at + the room's
 * buffer at booking time; the exclusion constraint `meeting_bookings_room_excl` (custom SQL in
 * the migration) refuses two holding bookings of a room whose holds overlap. Only pending,
 * booked and checked_in hold the room. Keyed by (tenant_id, id) like vehicle bookings.
 */
export const meetingBookings = pgTable(
  'meeting_bookings',
  {
    id: serial('id').notNull(),
    tenantId: integer('tenant_id').notNull(),
    /** The organising unit (scope key; no-shows count against it). */
    orgId: integer('org_id').notNull(),
    roomId: integer('room_id').notNull(),
    /** The room's managing unit when booked (the desk's scope). */
    roomOrgId: integer('room_org_id').notNull(),
    seriesId: integer('series_id'),
    title: text('title').notNull(),
    organiserId: integer('organiser_id'),
    createdBy: integer('created_by').notNull(),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    heldUntil: ts('held_until').notNull(),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    attendees: integer('attendees').notNull(),
    level: text('level').notNull().default('ordinary'),
    layout: text('layout'),
    status: text('status').notNull().default('booked'),
    approvalInstanceId: integer('approval_instance_id'),
    pendingUntil: ts('pending_until'),
    checkedInAt: ts('checked_in_at'),
    finishedAt: ts('finished_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** Attendee sign-in token (the meeting's QR); random, unique. */
    signInToken: text('sign_in_token').notNull(),
    note: text('note'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('meeting_bookings_start_idx').on(t.tenantId, t.startAt),
    index('meeting_bookings_room_idx').on(t.roomId, t.startAt),
    index('meeting_bookings_org_idx').on(t.tenantId, t.orgId, t.startAt),
    index('meeting_bookings_organiser_idx').on(t.organiserId, t.startAt),
    index('meeting_bookings_series_idx').on(t.seriesId),
    index('meeting_bookings_status_idx').on(t.status, t.startAt),
    uniqueIndex('meeting_bookings_token_uq').on(t.signInToken),
    check('meeting_bookings_period_ck', sql`${t.endAt} > ${t.startAt}`),
    check('meeting_bookings_held_ck', sql`${t.heldUntil} >= ${t.endAt}`),
    check('meeting_bookings_attendees_ck', sql`${t.attendees} > 0`),
    check('meeting_bookings_level_ck', sql`${t.level} in ('important','ordinary')`),
    check(
      'meeting_bookings_status_ck',
      sql`${t.status} in ('pending','booked','checked_in','finished','cancelled','rejected','expired','no_show')`,
    ),
  ],
);

/** Attendee sign-ins: one per person and meeting (the primary key refuses a second). */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    tenantId: integer('tenant_id').notNull(),
    bookingId: integer('booking_id').notNull(),
    personId: integer('person_id').notNull(),
    accountId: integer('account_id').notNull(),
    signedInAt: ts('signed_in_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bookingId, t.personId] })],
);

/** Door-display devices: only the SHA-256 of each token is stored; revoked tokens stop at once. */
export const meetingDisplayTokens = pgTable(
  'meeting_display_tokens',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    roomId: integer('room_id').notNull(),
    orgId: integer('org_id').notNull(),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('meeting_display_tokens_hash_uq').on(t.tokenHash), index('meeting_display_tokens_room_idx').on(t.roomId)],
);
