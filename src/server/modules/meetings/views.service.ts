import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MEETING_BOOKING_STATUSES,
  ZMeetingAvailabilityQuerySchema,
  ZMeetingDayQuerySchema,
  ZMeetingWeekQuerySchema,
} from '../../../contracts/modules/meetings';
import {
  type AuthContext,
  type CoreServices,
  AppError,
  addDays,
  both,
  cnDayStart,
  cnToday,
  inScope,
  iso,
  notFound,
  nowMs,
  num,
  queryRows,
  where,
  writeAudit,
} from '../../core';
import { M } from './meetings.messages';
import { MP } from './meetings.permissions';
import {
  ACTIVE,
  ROOM_COLS,
  bookableSql,
  callerOrg,
  loadRules,
  roomRow,
  roomView,
  roomVisible,
  slotCols,
  slotView,
} from './meetings.repository';
import { meetingDisplayTokens } from './meetings.schema';
import { byFit, checkInWindow, daysFrom, needsApproval } from './rules';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Availability search, the day and week views, and the door display with its device tokens. */
export class ViewService {
  constructor(private readonly core: CoreServices) {}

  /**
   * Rooms free for [start, end) that the caller may book, hold the attendees and have the
   * equipment, smallest that fits first. "Free" uses the same rule as the constraint: a room is
   * busy when a holding booking overlaps [start, end + this room's buffer). The busy rooms are
   * found once through the constraint's gist index (time column), not probed per room.
   */
  async availability(ctx: AuthContext, q: z.infer<typeof ZMeetingAvailabilityQuerySchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    if (!ctx.has(MP['meetings.book'])) return { items: [] };
    const w = where([
      roomVisible(ctx, me),
      sql`r.active`,
      sql`(${bookableSql(me)} or ${inScope(ctx, MP['meetings.manage'], sql`r.org_id`)})`,
      sql`r.capacity >= ${q.attendees}`,
      q.equipment?.length ? sql`r.equipment @> ${JSON.stringify(q.equipment)}::jsonb` : undefined,
      q.building ? sql`r.building_name = ${q.building}` : undefined,
      q.kind ? sql`r.kind = ${q.kind}` : undefined,
      sql`not exists (select 1 from meeting_bookings b where b.room_id = r.id and b.status in ${ACTIVE}
            and tstzrange(b.start_at, b.held_until, '[)') && tstzrange(${q.start}::timestamptz,
              ${q.end}::timestamptz + make_interval(mins => r.buffer_minutes), '[)'))`,
    ]);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${ROOM_COLS} from meeting_rooms r join orgs o on o.id = r.org_id where ${w}
          order by r.capacity, r.name, r.id limit 200`,
    );
    const views = rows.map((r) => roomView(ctx, me, r));
    return {
      items: byFit(views, q.attendees).map((v) => ({ ...v, needsApproval: needsApproval(v, q.attendees, v.canManage) })),
    };
  }

  private async slots(ctx: AuthContext, roomIds: number[], from: Date, to: Date) {
    if (!roomIds.length) return [];
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${slotCols(ctx)} from meeting_bookings b join orgs o on o.id = b.org_id
          where b.room_id in ${roomIds} and b.status in ('pending','booked','checked_in','finished','no_show')
            and b.start_at < ${to.toISOString()}::timestamptz and b.end_at > ${from.toISOString()}::timestamptz
          order by b.room_id, b.start_at`,
    );
    return rows.map((r) => slotView(ctx, r));
  }

  /** A China day per building (MRBS's day view): the rooms the caller may see, each with its bookings of the day. */
  async day(ctx: AuthContext, q: z.infer<typeof ZMeetingDayQuerySchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const [buildings, rows] = await both(
      db,
      () =>
        queryRows<{ b: string }>(
          db,
          sql`select distinct r.building_name as b from meeting_rooms r where ${roomVisible(ctx, me)} and r.active and r.building_name is not null order by 1`,
        ),
      () =>
        queryRows<Record<string, unknown>>(
          db,
          sql`select ${ROOM_COLS} from meeting_rooms r join orgs o on o.id = r.org_id
            where ${where([
              roomVisible(ctx, me),
              sql`r.active`,
              q.building ? sql`r.building_name = ${q.building}` : undefined,
              q.orgId
                ? sql`r.org_id in (select id from orgs where path like (select path from orgs where id = ${q.orgId}) || '%')`
                : undefined,
            ])}
            order by r.building_name nulls last, r.floor nulls last, r.name, r.id limit 300`,
        ),
    );
    const rooms = rows.map((r) => roomView(ctx, me, r));
    const slots = await this.slots(
      ctx,
      rooms.map((r) => r.id),
      cnDayStart(q.date),
      cnDayStart(addDays(q.date, 1)),
    );
    const from = rooms.reduce((m, r) => (r.openFrom < m ? r.openFrom : m), '08:00');
    const to = rooms.reduce((m, r) => (r.openTo > m ? r.openTo : m), '18:00');
    return {
      date: q.date,
      from,
      to,
      buildings: buildings.map((b) => b.b),
      rooms: rooms.map((room) => ({ room, slots: slots.filter((s) => s.roomId === room.id) })),
    };
  }

  /** One room's week: seven China days from `start`. */
  async week(ctx: AuthContext, id: number, q: z.infer<typeof ZMeetingWeekQuerySchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const room = roomView(ctx, me, await roomRow(db, ctx, me, id));
    const days = daysFrom(q.start, 7);
    const slots = await this.slots(ctx, [id], cnDayStart(q.start), cnDayStart(addDays(q.start, 7)));
    return { room, days, slots };
  }

  // ---------- door displays ----------

  private async managedRoom(ctx: AuthContext, id: number) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const room = roomView(ctx, me, await roomRow(db, ctx, me, id));
    if (!room.canManage) throw notFound('meeting_room');
    return room;
  }

  private tokenView(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      roomId: num(r.room_id),
      roomName: String(r.room_name),
      label: String(r.label),
      createdAt: iso(r.created_at)!,
      lastSeenAt: iso(r.last_seen_at),
      revokedAt: iso(r.revoked_at),
    };
  }

  async displayTokens(ctx: AuthContext, q: { roomId?: number }) {
    ctx.require(MP['meetings.manage']);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select t.*, r.name as room_name from meeting_display_tokens t join meeting_rooms r on r.id = t.room_id
          where t.tenant_id = ${ctx.tenantId} and ${inScope(ctx, MP['meetings.manage'], sql`t.org_id`)}
            ${q.roomId ? sql`and t.room_id = ${q.roomId}` : sql``}
          order by t.room_id, t.id limit 500`,
    );
    return { items: rows.map((r) => this.tokenView(r)) };
  }

  /** A device token: 32 random bytes shown once; only its SHA-256 is kept. */
  async createDisplayToken(ctx: AuthContext, input: { roomId: number; label: string }) {
    ctx.require(MP['meetings.manage']);
    const room = await this.managedRoom(ctx, input.roomId);
    const token = randomBytes(32).toString('base64url');
    const id = await this.core.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(meetingDisplayTokens)
        .values({
          tenantId: ctx.tenantId,
          roomId: room.id,
          orgId: room.orgId,
          label: input.label,
          tokenHash: sha256(token),
          createdBy: ctx.account.id,
        })
        .returning({ id: meetingDisplayTokens.id });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'meeting_display_token',
        entityId: row!.id,
        orgId: room.orgId,
        summary: `${room.name} ${input.label}`,
        after: { roomId: room.id, label: input.label },
      });
      return row!.id;
    });
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select t.*, r.name as room_name from meeting_display_tokens t join meeting_rooms r on r.id = t.room_id where t.id = ${id}`,
    );
    return { ...this.tokenView(r!), token, path: `/display/room/${room.id}?token=${token}` };
  }

  async revokeDisplayToken(ctx: AuthContext, id: number) {
    ctx.require(MP['meetings.manage']);
    await this.core.db.transaction(async (tx) => {
      const [t] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select * from meeting_display_tokens where tenant_id = ${ctx.tenantId} and id = ${id}
              and ${inScope(ctx, MP['meetings.manage'], sql`org_id`)} for update`,
      );
      if (!t) throw notFound('meeting_display_token');
      if (t.revoked_at) return;
      await tx.execute(
        sql`update meeting_display_tokens set revoked_at = ${new Date(nowMs()).toISOString()}::timestamptz where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_display_token',
        entityId: id,
        orgId: num(t.org_id),
        summary: String(t.label),
        before: { revoked: false },
        after: { revoked: true },
      });
    });
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select t.*, r.name as room_name from meeting_display_tokens t join meeting_rooms r on r.id = t.room_id where t.id = ${id}`,
    );
    return this.tokenView(r!);
  }

  /**
   * The door display, without a sign-in: the token must be a live token of this room (else
   * 401, the same answer for an unknown room, so nothing is confirmed). It shows today's
   * meetings (titles of important meetings withheld), now and next, and where the QR points:
   * the check-in page while a meeting may be checked in, else the booking page for the room.
   */
  async display(roomId: number, token: string, locale: string) {
    const db = this.core.db;
    const [t] = await queryRows<{ id: number; tenant_id: number }>(
      db,
      sql`select id, tenant_id from meeting_display_tokens where token_hash = ${sha256(token)} and room_id = ${roomId} and revoked_at is null`,
    );
    if (!t) throw new AppError(401, M.MEETING_DISPLAY_TOKEN);
    const [room] = await queryRows<Record<string, unknown>>(db, sql`select * from meeting_rooms where id = ${roomId}`);
    if (!room) throw new AppError(401, M.MEETING_DISPLAY_TOKEN);
    // Seen at most once a minute per device (a tablet polls every few seconds).
    await db.execute(
      sql`update meeting_display_tokens set last_seen_at = ${new Date(nowMs()).toISOString()}::timestamptz
          where id = ${t.id} and (last_seen_at is null or last_seen_at < ${new Date(nowMs() - 60_000).toISOString()}::timestamptz)`,
    );
    const today = cnToday();
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select b.id, b.start_at, b.end_at, b.status, b.level, b.title, o.name as org_name from meeting_bookings b join orgs o on o.id = b.org_id
          where b.room_id = ${roomId} and b.status in ('pending','booked','checked_in','finished')
            and b.start_at < ${cnDayStart(addDays(today, 1)).toISOString()}::timestamptz and b.end_at > ${cnDayStart(today).toISOString()}::timestamptz
          order by b.start_at`,
    );
    const rule = await loadRules(db);
    const t0 = nowMs();
    const slots = rows.map((r) => ({
      id: num(r.id),
      startMs: new Date(r.start_at as string).getTime(),
      endMs: new Date(r.end_at as string).getTime(),
      start: iso(r.start_at)!,
      end: iso(r.end_at)!,
      status: r.status as (typeof MEETING_BOOKING_STATUSES)[number],
      title: r.level === 'important' ? null : String(r.title),
      orgName: (r.org_name as string) ?? null,
    }));
    const strip = ({ id: _i, startMs: _s, endMs: _e, ...s }: (typeof slots)[number]) => s;
    const current = slots.find((s) => s.startMs <= t0 && t0 < s.endMs && s.status !== 'finished') ?? null;
    const next = slots.find((s) => s.startMs > t0 && s.status !== 'finished') ?? null;
    const checkable = slots.find((s) => {
      if (s.status !== 'booked') return false;
      const w = checkInWindow(s.startMs, rule);
      return t0 >= w.from && t0 < w.until;
    });
    void locale;
    return {
      room: {
        id: roomId,
        name: String(room.name),
        building: (room.building_name as string) ?? null,
        floor: (room.floor as string) ?? null,
        capacity: num(room.capacity),
      },
      now: new Date(t0).toISOString(),
      busy: current !== null,
      current: current ? strip(current) : null,
      next: next ? strip(next) : null,
      freeUntil: current ? null : next ? next.start : null,
      today: slots.map(strip),
      qr: checkable
        ? { kind: 'check_in' as const, path: `/meetings/check-in/${checkable.id}` }
        : { kind: 'book' as const, path: `/meetings/book?roomId=${roomId}&start=${encodeURIComponent(new Date(t0).toISOString())}` },
    };
  }
}
