import { type SQL, sql } from 'drizzle-orm';
import { cnDateTime } from '../../../contracts/dates';
import {
  type AuthContext,
  type Executor,
  badRequest,
  conflict,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  ruleInForce,
} from '../../core';
import { M } from './meetings.messages';
import { MP } from './meetings.permissions';
import { MEETING_RULES, type MeetingRules } from './meetings.ruletables';
import { cnToday } from '../../core';

/**
 * Shared reads of the meetings module: who may see and book which room, who may see which
 * booking, the rule in force, row views, and the mapping of the exclusion constraint to a 409
 * that names the conflicting time. Every function takes the executor it runs on.
 */

export const ACTIVE = sql`('pending','booked','checked_in')`;

/** The `meeting_rules` version in force today (China day). */
export async function loadRules(db: Executor): Promise<MeetingRules> {
  const r = await ruleInForce(db, MEETING_RULES, cnToday());
  if (!r) throw badRequest(M.MEETING_NO_RULE);
  return r.data;
}

/** The caller's org and the ids on its path (a unit's own rooms are bookable by it and the orgs below it). */
export async function callerOrg(db: Executor, ctx: AuthContext) {
  const [o] = await queryRows<{ id: number; path: string }>(db, sql`select id, path from orgs where id = ${ctx.account.orgId}`);
  const path = o?.path ?? `/${ctx.account.orgId}/`;
  return { id: ctx.account.orgId, path, ancestors: path.split('/').filter(Boolean).map(Number) };
}
export type CallerOrg = Awaited<ReturnType<typeof callerOrg>>;

/** Rooms the caller manages (change, display tokens, book without approval). */
export const managesRoom = (ctx: AuthContext, col: SQL) => inScope(ctx, MP['meetings.manage'], col);

/**
 * Rooms the caller may see: those in its read or manage scope, and (holding `meetings.book`)
 * every room it may book: bookable by the district or through approval, or its own unit's.
 */
export function roomVisible(ctx: AuthContext, me: CallerOrg, r = sql.raw('r')): SQL {
  const parts: SQL[] = [inScope(ctx, MP['meetings.read'], sql`${r}.org_id`), inScope(ctx, MP['meetings.manage'], sql`${r}.org_id`)];
  if (ctx.has(MP['meetings.book'])) parts.push(bookableSql(me, r));
  return sql`${r}.tenant_id = ${ctx.tenantId} and (${sql.join(parts, sql` or `)})`;
}
/** The bookable-by rule in SQL (the caller holds `meetings.book`). */
export const bookableSql = (me: CallerOrg, r = sql.raw('r')) =>
  sql`(${r}.bookable_by <> 'own_unit' or ${r}.org_id in ${me.ancestors.length ? me.ancestors : [0]})`;

/** Whether the caller may book a room (its bookable-by rule, or it manages the room). */
export function canBookRoom(ctx: AuthContext, me: CallerOrg, room: { bookableBy: string; orgId: number; orgPath: string }) {
  if (!ctx.has(MP['meetings.book'])) return false;
  if (ctx.covers(MP['meetings.manage'], { id: room.orgId, path: room.orgPath })) return true;
  return room.bookableBy !== 'own_unit' || me.ancestors.includes(room.orgId);
}

/**
 * Bookings whose details (title, organiser) the caller may see: its own, those of units in its
 * read scope, and those in rooms it manages or serves. Anyone else sees a busy slot only.
 */
export function bookingVisible(ctx: AuthContext, b = sql.raw('b')): SQL {
  const own = [sql`${b}.created_by = ${ctx.account.id}`];
  if (ctx.account.personId) own.push(sql`${b}.organiser_id = ${ctx.account.personId}`);
  return sql`(${sql.join(
    [
      ...own,
      inScope(ctx, MP['meetings.read'], sql`${b}.org_id`),
      inScope(ctx, MP['meetings.manage'], sql`${b}.room_org_id`),
      inScope(ctx, MP['meetings.serve'], sql`${b}.room_org_id`),
    ],
    sql` or `,
  )})`;
}

/** Columns of a room for its view, with the managing org's name and path. */
export const ROOM_COLS = sql`r.id, r.tenant_id, r.org_id, o.name as org_name, o.path as org_path, r.name, r.kind, r.office_room_id,
  r.building_id, r.building_name, r.floor, r.capacity, r.layouts, r.equipment, r.open_from, r.open_to, r.open_weekdays, r.buffer_minutes,
  r.bookable_by, r.requires_approval, r.approval_above_attendees, r.active, r.note`;

export type RoomRow = Record<string, unknown>;

export function roomView(ctx: AuthContext, me: CallerOrg, r: RoomRow) {
  const orgId = num(r.org_id);
  const orgPath = String(r.org_path ?? '');
  return {
    id: num(r.id),
    name: String(r.name),
    orgId,
    orgName: (r.org_name as string) ?? null,
    kind: r.kind as 'meeting',
    officeRoomId: numOrNull(r.office_room_id),
    buildingId: numOrNull(r.building_id),
    building: (r.building_name as string) ?? null,
    floor: (r.floor as string) ?? null,
    capacity: num(r.capacity),
    layouts: (r.layouts as 'classroom'[]) ?? [],
    equipment: (r.equipment as 'projector'[]) ?? [],
    openFrom: String(r.open_from),
    openTo: String(r.open_to),
    openWeekdays: ((r.open_weekdays as number[]) ?? []).map(Number),
    bufferMinutes: num(r.buffer_minutes),
    bookableBy: r.bookable_by as 'district',
    requiresApproval: Boolean(r.requires_approval),
    approvalAboveAttendees: numOrNull(r.approval_above_attendees),
    active: Boolean(r.active),
    note: (r.note as string) ?? null,
    canManage: ctx.covers(MP['meetings.manage'], { id: orgId, path: orgPath }),
    canBook: Boolean(r.active) && canBookRoom(ctx, me, { bookableBy: String(r.bookable_by), orgId, orgPath }),
  };
}
export type RoomView = ReturnType<typeof roomView>;

/** A visible room by id (404 otherwise), optionally share-locked so a change to it waits for the booking. */
export async function roomRow(db: Executor, ctx: AuthContext, me: CallerOrg, id: number, lock: '' | 'share' | 'update' = '') {
  const [r] = await queryRows<RoomRow>(
    db,
    sql`select ${ROOM_COLS} from meeting_rooms r join orgs o on o.id = r.org_id where r.id = ${id} and ${roomVisible(ctx, me)}
        ${lock === 'share' ? sql`for share of r` : lock === 'update' ? sql`for update of r` : sql``}`,
  );
  if (!r) throw notFound('meeting_room');
  return r;
}

/** A slot as a calendar shows it; the title only where the caller may see the booking. */
export function slotView(ctx: AuthContext, r: Record<string, unknown>) {
  const visible = Boolean(r.visible);
  return {
    id: num(r.id),
    roomId: num(r.room_id),
    start: iso(r.start_at)!,
    end: iso(r.end_at)!,
    heldUntil: iso(r.held_until)!,
    status: r.status as 'booked',
    level: r.level as 'ordinary',
    title: visible ? String(r.title) : null,
    // The organising unit, like the title, only to whoever may see the booking.
    orgName: visible ? ((r.org_name as string) ?? null) : null,
    attendees: num(r.attendees),
    seriesId: numOrNull(r.series_id),
    mine: num(r.created_by) === ctx.account.id || (ctx.account.personId !== null && numOrNull(r.organiser_id) === ctx.account.personId),
  };
}

/** Slot columns (b = bookings, o = organising org) with the visibility flag. */
export const slotCols = (ctx: AuthContext) =>
  sql`b.id, b.room_id, b.start_at, b.end_at, b.held_until, b.status, b.level, b.title, b.attendees, b.series_id, b.created_by,
      b.organiser_id, o.name as org_name, ${bookingVisible(ctx)} as visible`;

/**
 * The holding bookings of a room that overlap [start, held) — what the exclusion constraint
 * collided with — for the 409's message (read after the failed transaction ended).
 */
export async function conflictsOf(db: Executor, ctx: AuthContext, roomId: number, start: Date, held: Date, exceptIds: number[] = []) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select b.id, b.start_at, b.end_at, b.held_until, b.title, ${bookingVisible(ctx)} as visible from meeting_bookings b
        where b.room_id = ${roomId} and b.status in ${ACTIVE}
          and tstzrange(b.start_at, b.held_until, '[)') && tstzrange(${start.toISOString()}::timestamptz, ${held.toISOString()}::timestamptz, '[)')
          ${exceptIds.length ? sql`and b.id not in ${exceptIds}` : sql``}
        order by b.start_at limit 5`,
  );
}

/** China wall time for messages: "2026-03-02 09:00". */
export const wall = (t: unknown) => cnDateTime(iso(t)!);

/** The 409 for a taken room: the conflicting time, and its title only when the caller may see it. */
export async function roomTaken(
  db: Executor,
  ctx: AuthContext,
  room: { id: number; name: string },
  start: Date,
  held: Date,
  exceptIds: number[] = [],
) {
  const found = await conflictsOf(db, ctx, room.id, start, held, exceptIds);
  const c = found[0];
  const en = ctx.locale === 'en';
  return conflict(
    M.MEETING_ROOM_TAKEN,
    {
      room: room.name,
      from: c ? wall(c.start_at) : '',
      until: c ? wall(c.held_until) : '',
      title: c?.visible ? (en ? ` by "${c.title}"` : `（${c.title}）`) : '',
    },
    {
      conflicts: found.map((f) => ({
        id: f.visible ? num(f.id) : null,
        start: iso(f.start_at),
        end: iso(f.end_at),
        heldUntil: iso(f.held_until),
        title: f.visible ? String(f.title) : null,
      })),
    },
  );
}

/** Whether an error is the room's exclusion constraint. */
export const isRoomConflict = (err: unknown) => {
  const { code, constraint } = dbError(err);
  return code === '23P01' && constraint === 'meeting_bookings_room_excl';
};
