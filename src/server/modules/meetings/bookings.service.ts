import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { cnDateTime } from '../../../contracts/dates';
import {
  MEETING_BOOKING_STATUS_LABELS,
  type ZMeetingBookingCreateSchema,
  type ZMeetingBookingQuerySchema,
  type ZMeetingBookingUpdateSchema,
  type ZMeetingSeriesCreateSchema,
  type ZMeetingSeriesUpdateSchema,
} from '../../../contracts/modules/meetings';
import {
  type ApprovalInstance,
  type AuthContext,
  type BusinessType,
  type CoreServices,
  type Executor,
  addDays,
  assertOrgInScope,
  badRequest,
  both,
  cnDate,
  cnDayStart,
  conflict,
  defineApprovalSummary,
  escapeLike,
  forbidden,
  iso,
  notFound,
  notify,
  now,
  nowMs,
  num,
  numOrNull,
  queryRows,
  unitOf,
  unitReview,
  bureauReview,
  when,
  where,
  writeAudit,
} from '../../core';
import { M } from './meetings.messages';
import { MP } from './meetings.permissions';
import type { MeetingRules } from './meetings.ruletables';
import {
  ACTIVE,
  type CallerOrg,
  type RoomView,
  bookingVisible,
  callerOrg,
  isRoomConflict,
  loadRules,
  roomRow,
  roomTaken,
  roomView,
  slotCols,
  slotView,
  wall,
} from './meetings.repository';
import { meetingBookings, meetingSeries } from './meetings.schema';
import { checkInWindow, expandSeries, heldUntil, needsApproval, pendingUntil, withinOpeningHours } from './rules';

export const BOOKING_TYPE = 'meeting_booking';

const MIN = 60_000;
const statusText = (ctx: { locale: string }, s: string) => {
  const l = MEETING_BOOKING_STATUS_LABELS[s as keyof typeof MEETING_BOOKING_STATUS_LABELS];
  return l ? (ctx.locale === 'en' ? l.en : l.zh) : s;
};
const ACTION = {
  cancel: { zh: '取消', en: 'cancelled' },
  checkIn: { zh: '签到', en: 'checked in' },
  finish: { zh: '提前结束', en: 'finished' },
  edit: { zh: '修改', en: 'changed' },
} as const;
const stateError = (ctx: AuthContext, status: string, action: keyof typeof ACTION) =>
  conflict(M.MEETING_STATE, { status: statusText(ctx, status), action: ctx.locale === 'en' ? ACTION[action].en : ACTION[action].zh });

/** A business id of the approval: a booking's id, or `S<id>` for a whole series (one approval for all its occurrences). */
const seriesKey = (id: number) => `S${id}`;

/** Sets the pending bookings behind an approval to the decision's status (only those still pending: a released one stays released). */
async function decided(tx: Executor, ctx: AuthContext, inst: ApprovalInstance, status: 'booked' | 'rejected' | 'cancelled') {
  const key = String(inst.businessId);
  const cond = key.startsWith('S') ? sql`series_id = ${Number(key.slice(1))}` : sql`id = ${Number(key)}`;
  const rows = await queryRows<{ id: number; org_id: number; created_by: number; title: string; start_at: Date }>(
    tx,
    sql`update meeting_bookings set status = ${status}, pending_until = null, updated_at = ${now().toISOString()}::timestamptz
          ${status === 'booked' ? sql`` : sql`, cancelled_at = ${now().toISOString()}::timestamptz`}
        where tenant_id = ${inst.tenantId} and ${cond} and status = 'pending'
        returning id, org_id, created_by, title, start_at`,
  );
  for (const r of rows)
    await writeAudit(tx, ctx.auditActor(), {
      action: 'update',
      entityType: 'meeting_booking',
      entityId: num(r.id),
      orgId: num(r.org_id),
      summary: r.title,
      before: { status: 'pending' },
      after: { status },
    });
}

/**
 * 会议室预订审批. A room managed by a unit is approved by that unit's administrator; a room of
 * the bureau by the 会务服务中心 (`meeting_desk`), or by the bureau's administrator where the
 * district has no desk account (the `approver` fact, set when the booking is made).
 */
export const MEETING_BOOKING_BUSINESS_TYPE: BusinessType = {
  type: BOOKING_TYPE,
  nameZh: '会议室预订',
  nameEn: 'Meeting room booking',
  defaultFlow: {
    nameZh: '会议室预订审批',
    nameEn: 'Meeting room booking approval',
    steps: [
      unitReview({
        key: 'room_unit',
        nameZh: '会议室管理单位审批',
        nameEn: 'Room unit approval',
        condition: when('approver', 'eq', 'unit'),
      }),
      {
        key: 'desk',
        nameZh: '会务服务中心审批',
        nameEn: 'Meeting service centre approval',
        approver: { role: 'meeting_desk', at: 'bureau' },
        mode: 'any',
        condition: when('approver', 'eq', 'desk'),
      },
      bureauReview({ key: 'bureau', nameZh: '机关事务局审批', nameEn: 'Bureau approval', condition: when('approver', 'eq', 'bureau') }),
    ],
  },
  summary: defineApprovalSummary({
    fields: {
      room: { zh: '会议室', en: 'Room' },
      title: { zh: '会议名称', en: 'Meeting' },
      start: { zh: '开始时间', en: 'Start', kind: 'instant' },
      end: { zh: '结束时间', en: 'End', kind: 'instant' },
      attendees: { zh: '参会人数', en: 'Attendees', kind: 'number', unit: { zh: '人', en: 'people' } },
      capacity: { zh: '容纳人数', en: 'Capacity', kind: 'number', unit: { zh: '人', en: 'people' } },
      level: {
        zh: '会议级别',
        en: 'Level',
        values: { important: { zh: '重要会议', en: 'Important' }, ordinary: { zh: '一般会议', en: 'Ordinary' } },
      },
      occurrences: { zh: '周期场次', en: 'Occurrences', kind: 'number', unit: { zh: '场', en: 'meetings' } },
      organiserUnit: { zh: '组织单位', en: 'Organising unit' },
      approver: {
        zh: '审批方',
        en: 'Approved by',
        hidden: true,
        values: {
          unit: { zh: '会议室管理单位', en: 'the room’s unit' },
          desk: { zh: '会务服务中心', en: 'the meeting service centre' },
          bureau: { zh: '机关事务局', en: 'the bureau' },
        },
      },
    },
  }),
  link: (id) => (id.startsWith('S') ? `/meetings/bookings?seriesId=${id.slice(1)}` : `/meetings/bookings?id=${id}`),
  onApproved: (tx, inst, ctx) => decided(tx, ctx, inst, 'booked'),
  onRejected: (tx, inst, ctx) => decided(tx, ctx, inst, 'rejected'),
  onWithdrawn: (tx, inst, ctx) => decided(tx, ctx, inst, 'cancelled'),
};

type BookInput = z.infer<typeof ZMeetingBookingCreateSchema>;
type Room = RoomView & { orgPath: string };

/** Bookings and series: the rules around the exclusion constraint, approval, check-in, finishing, the release jobs. */
export class BookingService {
  constructor(private readonly core: CoreServices) {}

  // ---------- checks ----------

  /** Times a booking may take: not over, not beyond the advance limit, not too long, inside opening hours when binding. */
  private checkTimes(ctx: AuthContext, rule: MeetingRules, room: Room, start: number, end: number) {
    if (end <= start) throw badRequest('VALIDATION_FAILED', { fields: 'end' });
    if (end <= nowMs()) throw badRequest(M.MEETING_IN_PAST);
    if (start > nowMs() + rule.maxAdvanceDays * 86_400_000) throw badRequest(M.MEETING_TOO_FAR, { days: rule.maxAdvanceDays });
    if (end - start > rule.maxDurationHours * 3_600_000) throw badRequest(M.MEETING_TOO_LONG, { hours: rule.maxDurationHours });
    if (rule.openingHoursBinding && !withinOpeningHours(room, start, end))
      throw badRequest(M.MEETING_CLOSED, { room: room.name, hours: `${room.openFrom}–${room.openTo}` });
    void ctx;
  }

  private checkCapacity(room: Room, attendees: number) {
    if (attendees > room.capacity) throw badRequest(M.MEETING_OVER_CAPACITY, { attendees, room: room.name, capacity: room.capacity });
  }

  /** The room a caller may book (404 when it may not: another unit's own room is not confirmed to exist). */
  private async bookableRoom(tx: Executor, ctx: AuthContext, me: CallerOrg, roomId: number): Promise<Room> {
    const row = await roomRow(tx, ctx, me, roomId, 'share');
    const room = { ...roomView(ctx, me, row), orgPath: String(row.org_path) };
    if (!room.active) throw badRequest(M.MEETING_ROOM_INACTIVE, { room: room.name });
    if (!room.canBook) throw notFound('meeting_room');
    return room;
  }

  /** Organiser and organising unit: the caller's own unless the desk managing the room books for someone. */
  private async organiser(tx: Executor, ctx: AuthContext, room: Room, input: { organiserId?: number | null; orgId?: number | null }) {
    const orgId = input.orgId ?? (await unitOf(tx, ctx.account.orgId));
    if (input.orgId && input.orgId !== ctx.account.orgId) {
      // Booking for another unit: it must be in the caller's booking or management scope.
      const org = await assertOrgInScope(tx, ctx, MP['meetings.manage'], input.orgId).catch(() =>
        assertOrgInScope(tx, ctx, MP['meetings.read'], input.orgId!),
      );
      if (org.tenantId !== ctx.tenantId) throw notFound('org');
    }
    let organiserId = ctx.account.personId;
    if (input.organiserId && input.organiserId !== ctx.account.personId) {
      if (!room.canManage) throw forbidden();
      const [p] = await queryRows<{ id: number }>(
        tx,
        sql`select id from people where id = ${input.organiserId} and tenant_id = ${ctx.tenantId}`,
      );
      if (!p) throw notFound('person');
      organiserId = input.organiserId;
    }
    return { orgId, organiserId };
  }

  /** Who approves for this room: its unit, or the bureau's desk, or the bureau's administrator without a desk. */
  private async approverOf(tx: Executor, room: Room) {
    const [o] = await queryRows<{ kind: string }>(tx, sql`select kind from orgs where id = ${room.orgId}`);
    if (o?.kind !== 'bureau') return 'unit';
    const [d] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from role_assignments ra join roles r on r.id = ra.role_id join accounts a on a.id = ra.account_id
          where r.code = 'meeting_desk' and a.status = 'active' and a.tenant_id = ${room.orgPath.split('/')[1]}::int`,
    );
    return num(d?.n) > 0 ? 'desk' : 'bureau';
  }

  /** Inserts one booking (the database refuses an overlap of holds). */
  private async insert(
    tx: Executor,
    ctx: AuthContext,
    room: Room,
    b: {
      title: string;
      start: number;
      end: number;
      attendees: number;
      level: string;
      layout?: string | null;
      note?: string | null;
      orgId: number;
      organiserId: number | null;
      status: 'pending' | 'booked';
      pendingUntil: number | null;
      seriesId?: number | null;
    },
  ) {
    const [row] = await tx
      .insert(meetingBookings)
      .values({
        tenantId: ctx.tenantId,
        orgId: b.orgId,
        roomId: room.id,
        roomOrgId: room.orgId,
        seriesId: b.seriesId ?? null,
        title: b.title,
        organiserId: b.organiserId,
        createdBy: ctx.account.id,
        startAt: new Date(b.start),
        endAt: new Date(b.end),
        heldUntil: new Date(heldUntil(b.end, room.bufferMinutes)),
        bufferMinutes: room.bufferMinutes,
        attendees: b.attendees,
        level: b.level,
        layout: b.layout ?? null,
        status: b.status,
        pendingUntil: b.pendingUntil === null ? null : new Date(b.pendingUntil),
        signInToken: randomBytes(18).toString('base64url'),
        note: b.note ?? null,
        createdAt: now(),
        updatedAt: now(),
      })
      .returning({ id: meetingBookings.id });
    return row!.id;
  }

  /** The audit record of an export (what was exported, how many of how many rows). */
  async audited(ctx: AuthContext, summary: string) {
    await this.core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType: 'meeting_booking', summary }));
  }

  // ---------- single bookings ----------

  async create(ctx: AuthContext, input: BookInput) {
    ctx.require(MP['meetings.book']);
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const rule = await loadRules(db);
    const start = Date.parse(input.start);
    const end = Date.parse(input.end);
    let room: Room | undefined;
    const id = await db
      .transaction(async (tx) => {
        room = await this.bookableRoom(tx, ctx, me, input.roomId);
        this.checkTimes(ctx, rule, room, start, end);
        this.checkCapacity(room, input.attendees);
        const { orgId, organiserId } = await this.organiser(tx, ctx, room, input);
        const pending = needsApproval(room, input.attendees, room.canManage);
        const id = await this.insert(tx, ctx, room, {
          ...input,
          start,
          end,
          orgId,
          organiserId,
          status: pending ? 'pending' : 'booked',
          pendingUntil: pending ? pendingUntil(nowMs(), start, rule) : null,
        });
        if (pending) await this.submitApproval(tx, ctx, room, id, { ...input, orgId }, 1);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'meeting_booking',
          entityId: id,
          orgId,
          summary: `${room.name} ${cnDateTime(input.start)} ${input.title}`,
          after: {
            ...input,
            status: pending ? 'pending' : 'booked',
            heldUntil: new Date(heldUntil(end, room.bufferMinutes)).toISOString(),
          },
        });
        return id;
      })
      .catch(async (err) => {
        if (isRoomConflict(err) && room)
          throw await roomTaken(db, ctx, room, new Date(start), new Date(heldUntil(end, room.bufferMinutes)));
        throw err;
      });
    return this.get(ctx, id);
  }

  private async submitApproval(
    tx: Executor,
    ctx: AuthContext,
    room: Room,
    businessId: number | string,
    b: { title: string; start: string; end: string; attendees: number; level: string; orgId: number },
    occurrences: number,
  ) {
    const [o] = await queryRows<{ name: string }>(tx, sql`select name from orgs where id = ${b.orgId}`);
    const inst = await this.core.approvals.submit(tx, ctx, {
      businessType: BOOKING_TYPE,
      businessId,
      title: {
        zh: `会议室预订：${room.name} ${cnDateTime(b.start)} ${b.title}${occurrences > 1 ? `（共 ${occurrences} 场）` : ''}`,
        en: `Room booking: ${room.name} ${cnDateTime(b.start)} ${b.title}${occurrences > 1 ? ` (${occurrences} meetings)` : ''}`,
      },
      // The room's unit: its administrators approve a unit's room (applicant_unit), the bureau's desk the bureau's.
      orgId: room.orgId,
      facts: {
        room: room.name,
        title: b.title,
        start: b.start,
        end: b.end,
        attendees: b.attendees,
        capacity: room.capacity,
        level: b.level,
        occurrences,
        organiserUnit: o?.name ?? '',
        approver: await this.approverOf(tx, room),
      },
    });
    const cond = typeof businessId === 'string' ? sql`series_id = ${Number(businessId.slice(1))}` : sql`id = ${businessId}`;
    // An approval that needs no step (approved at once) has already set the bookings to booked.
    await tx.execute(sql`update meeting_bookings set approval_instance_id = ${inst.id} where tenant_id = ${ctx.tenantId} and ${cond}`);
  }

  // ---------- reading ----------

  private async rows(db: Executor, w: ReturnType<typeof sql>, limit: number, offset = 0, order = sql`b.start_at, b.id`) {
    return queryRows<Record<string, unknown>>(
      db,
      sql`select b.*, r.name as room_name, r.building_name, o.name as org_name, p.name as organiser_name,
            (select count(*)::int from meeting_attendance a where a.tenant_id = b.tenant_id and a.booking_id = b.id) as signed_in,
            ro.path as room_org_path
          from meeting_bookings b join meeting_rooms r on r.id = b.room_id join orgs o on o.id = b.org_id
          join orgs ro on ro.id = b.room_org_id left join people p on p.id = b.organiser_id
          where ${w} order by ${order} limit ${limit} offset ${offset}`,
    );
  }

  private isOrganiser(ctx: AuthContext, r: Record<string, unknown>) {
    return num(r.created_by) === ctx.account.id || (ctx.account.personId !== null && numOrNull(r.organiser_id) === ctx.account.personId);
  }
  private isDesk(ctx: AuthContext, r: Record<string, unknown>) {
    const org = { id: num(r.room_org_id), path: String(r.room_org_path) };
    return ctx.covers(MP['meetings.manage'], org) || ctx.covers(MP['meetings.serve'], org);
  }

  view(ctx: AuthContext, rule: MeetingRules, r: Record<string, unknown>) {
    const status = String(r.status);
    const start = new Date(r.start_at as string).getTime();
    const end = new Date(r.end_at as string).getTime();
    const own = this.isOrganiser(ctx, r);
    const desk = this.isDesk(ctx, r);
    const win = checkInWindow(start, rule);
    const t = nowMs();
    return {
      id: num(r.id),
      roomId: num(r.room_id),
      roomName: String(r.room_name),
      building: (r.building_name as string) ?? null,
      title: String(r.title),
      organiserId: numOrNull(r.organiser_id),
      organiserName: (r.organiser_name as string) ?? null,
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      start: iso(r.start_at)!,
      end: iso(r.end_at)!,
      heldUntil: iso(r.held_until)!,
      attendees: num(r.attendees),
      level: r.level as 'ordinary',
      layout: (r.layout as 'classroom') ?? null,
      status: status as 'booked',
      seriesId: numOrNull(r.series_id),
      approvalInstanceId: numOrNull(r.approval_instance_id),
      pendingUntil: iso(r.pending_until),
      checkedInAt: iso(r.checked_in_at),
      finishedAt: iso(r.finished_at),
      cancelledAt: iso(r.cancelled_at),
      cancelReason: (r.cancel_reason as string) ?? null,
      note: (r.note as string) ?? null,
      signedIn: num(r.signed_in),
      mine: own,
      canEdit: (own || desk) && (status === 'pending' || status === 'booked') && start > t,
      canCancel: (own || desk) && (status === 'pending' || status === 'booked') && end > t,
      canCheckIn: (own || desk) && status === 'booked' && t >= win.from && t < win.until,
      canFinish: (own || desk) && status === 'checked_in',
      checkInFrom: status === 'booked' ? new Date(win.from).toISOString() : null,
      checkInUntil: status === 'booked' ? new Date(win.until).toISOString() : null,
    };
  }

  /** A booking the caller may see in full (404 otherwise). */
  async get(ctx: AuthContext, id: number) {
    const db = this.core.db;
    const [r] = await this.rows(db, sql`b.tenant_id = ${ctx.tenantId} and b.id = ${id} and ${bookingVisible(ctx)}`, 1);
    if (!r) throw notFound('meeting_booking');
    return this.view(ctx, await loadRules(db), r);
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZMeetingBookingQuerySchema>) {
    const db = this.core.db;
    const mine = [sql`b.created_by = ${ctx.account.id}`];
    if (ctx.account.personId) mine.push(sql`b.organiser_id = ${ctx.account.personId}`);
    const w = where([
      sql`b.tenant_id = ${ctx.tenantId}`,
      q.mine ? sql`(${sql.join(mine, sql` or `)})` : bookingVisible(ctx),
      q.roomId ? sql`b.room_id = ${q.roomId}` : undefined,
      q.orgId ? sql`b.org_id in (select id from orgs where path like (select path from orgs where id = ${q.orgId}) || '%')` : undefined,
      q.seriesId ? sql`b.series_id = ${q.seriesId}` : undefined,
      q.status ? sql`b.status = ${q.status}` : undefined,
      q.level ? sql`b.level = ${q.level}` : undefined,
      q.q ? sql`b.title like ${`%${escapeLike(q.q)}%`}` : undefined,
      q.from ? sql`b.start_at >= ${cnDayStart(q.from).toISOString()}::timestamptz` : undefined,
      q.to ? sql`b.start_at < ${cnDayStart(addDays(q.to, 1)).toISOString()}::timestamptz` : undefined,
    ]);
    const dir = q.sort.startsWith('-') || q.order === 'desc' ? sql`desc` : sql`asc`;
    const order = q.sort.endsWith('created') ? sql`b.created_at ${dir}, b.id ${dir}` : sql`b.start_at ${dir}, b.id ${dir}`;
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_bookings b where ${w}`),
      () => this.rows(db, w, q.pageSize, (q.page - 1) * q.pageSize, order),
    );
    const rule = await loadRules(db);
    return { total: num(c?.n), items: rows.map((r) => this.view(ctx, rule, r)) };
  }

  // ---------- changes ----------

  /** The booking locked for a change by its organiser or the desk (404 outside what the caller may see, 403 for a mere reader). */
  private async lockForChange(tx: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select b.*, ro.path as room_org_path from meeting_bookings b join orgs ro on ro.id = b.room_org_id
          where b.tenant_id = ${ctx.tenantId} and b.id = ${id} and ${bookingVisible(ctx)} for update of b`,
    );
    if (!r) throw notFound('meeting_booking');
    if (!this.isOrganiser(ctx, r) && !this.isDesk(ctx, r)) throw forbidden(M.MEETING_NOT_ORGANISER);
    return r;
  }

  private async setStatus(tx: Executor, ctx: AuthContext, r: Record<string, unknown>, set: Record<string, unknown>, action = 'update') {
    const sets = Object.entries(set).map(([k, v]) => sql`${sql.identifier(k)} = ${v instanceof Date ? v.toISOString() : v}`);
    await tx.execute(
      sql`update meeting_bookings set ${sql.join(sets, sql`, `)}, updated_at = ${now().toISOString()}::timestamptz
          where tenant_id = ${ctx.tenantId} and id = ${num(r.id)}`,
    );
    await writeAudit(tx, ctx.auditActor(), {
      action,
      entityType: 'meeting_booking',
      entityId: num(r.id),
      orgId: num(r.org_id),
      summary: String(r.title),
      before: Object.fromEntries(Object.keys(set).map((k) => [k, r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]])),
      after: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
    });
  }

  async cancel(ctx: AuthContext, id: number, reason?: string | null) {
    await this.core.db.transaction(async (tx) => {
      const r = await this.lockForChange(tx, ctx, id);
      const status = String(r.status);
      if ((status !== 'pending' && status !== 'booked') || new Date(r.end_at as string).getTime() <= nowMs())
        throw stateError(ctx, status, 'cancel');
      await this.setStatus(tx, ctx, r, { status: 'cancelled', cancelled_at: now(), cancel_reason: reason ?? null });
    });
    return this.get(ctx, id);
  }

  async checkIn(ctx: AuthContext, id: number) {
    const rule = await loadRules(this.core.db);
    await this.core.db.transaction(async (tx) => {
      const r = await this.lockForChange(tx, ctx, id);
      if (String(r.status) !== 'booked') throw stateError(ctx, String(r.status), 'checkIn');
      const win = checkInWindow(new Date(r.start_at as string).getTime(), rule);
      const t = nowMs();
      if (t < win.from || t >= win.until)
        throw conflict(M.MEETING_CHECKIN_WINDOW, { from: wall(new Date(win.from)), until: wall(new Date(win.until)) });
      await this.setStatus(tx, ctx, r, { status: 'checked_in', checked_in_at: now() });
    });
    return this.get(ctx, id);
  }

  /** Finish early: the meeting ends now and holds the room only for its buffer after that. */
  async finish(ctx: AuthContext, id: number) {
    await this.core.db.transaction(async (tx) => {
      const r = await this.lockForChange(tx, ctx, id);
      if (String(r.status) !== 'checked_in') throw stateError(ctx, String(r.status), 'finish');
      const start = new Date(r.start_at as string).getTime();
      const end = new Date(r.end_at as string).getTime();
      const t = Math.min(Math.max(nowMs(), start + MIN), end);
      await this.setStatus(tx, ctx, r, {
        status: 'finished',
        finished_at: now(),
        end_at: new Date(t),
        held_until: new Date(heldUntil(t, num(r.buffer_minutes))),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZMeetingBookingUpdateSchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const rule = await loadRules(db);
    let room: Room | undefined;
    let start = 0;
    let held = 0;
    await db
      .transaction(async (tx) => {
        const r = await this.lockForChange(tx, ctx, id);
        const status = String(r.status);
        const oldStart = new Date(r.start_at as string).getTime();
        if ((status !== 'pending' && status !== 'booked') || oldStart <= nowMs()) throw stateError(ctx, status, 'edit');
        const row = await roomRow(tx, ctx, me, num(r.room_id), 'share');
        room = { ...roomView(ctx, me, row), orgPath: String(row.org_path) };
        start = input.start ? Date.parse(input.start) : oldStart;
        const end = input.end ? Date.parse(input.end) : new Date(r.end_at as string).getTime();
        if (end <= start)
          throw badRequest(
            'VALIDATION_FAILED',
            { fields: 'end' },
            { fields: [{ field: 'end', message: ctx.locale === 'en' ? 'end must be after start' : '结束时间须晚于开始时间' }] },
          );
        if (input.start || input.end) this.checkTimes(ctx, rule, room, start, end);
        const attendees = input.attendees ?? num(r.attendees);
        this.checkCapacity(room, attendees);
        held = heldUntil(end, num(r.buffer_minutes));
        const set: Record<string, unknown> = {};
        if (input.title !== undefined) set.title = input.title;
        if (input.attendees !== undefined) set.attendees = input.attendees;
        if (input.level !== undefined) set.level = input.level;
        if (input.layout !== undefined) set.layout = input.layout ?? null;
        if (input.note !== undefined) set.note = input.note ?? null;
        if (input.start || input.end) Object.assign(set, { start_at: new Date(start), end_at: new Date(end), held_until: new Date(held) });
        await this.setStatus(tx, ctx, r, set);
      })
      .catch(async (err) => {
        if (isRoomConflict(err) && room) throw await roomTaken(db, ctx, room, new Date(start), new Date(held), [id]);
        throw err;
      });
    return this.get(ctx, id);
  }

  // ---------- series ----------

  async createSeries(ctx: AuthContext, input: z.infer<typeof ZMeetingSeriesCreateSchema>) {
    ctx.require(MP['meetings.book']);
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const rule = await loadRules(db);
    const first = { start: Date.parse(input.start), end: Date.parse(input.end) };
    const exp = expandSeries(first, input.recurrence, rule.maxOccurrences);
    if (exp.tooMany) throw badRequest(M.MEETING_SERIES_TOO_MANY, { max: rule.maxOccurrences });
    const occ = exp.occurrences;
    let room: Room | undefined;
    return db
      .transaction(async (tx) => {
        room = await this.bookableRoom(tx, ctx, me, input.roomId);
        const rm = room;
        this.checkCapacity(rm, input.attendees);
        // Every occurrence must be a time one may book (the last not beyond the advance limit).
        for (const o of occ) this.checkTimes(ctx, rule, rm, o.start, o.end);
        const { orgId, organiserId } = await this.organiser(tx, ctx, rm, input);
        // Each occurrence checked against the holds already there (the constraint stays the guard).
        const taken = new Map<string, string>();
        for (const o of occ) {
          const [c] = await queryRows<{ start_at: Date; held_until: Date }>(
            tx,
            sql`select b.start_at, b.held_until from meeting_bookings b where b.room_id = ${rm.id} and b.status in ${ACTIVE}
                and tstzrange(b.start_at, b.held_until, '[)') && tstzrange(${new Date(o.start).toISOString()}::timestamptz,
                  ${new Date(heldUntil(o.end, rm.bufferMinutes)).toISOString()}::timestamptz, '[)') limit 1`,
          );
          if (c) taken.set(o.date, `${wall(c.start_at)}–${wall(c.held_until).slice(11)}`);
        }
        if (taken.size && input.conflictMode === 'all_or_nothing')
          throw conflict(
            M.MEETING_SERIES_CONFLICTS,
            { dates: [...taken.keys()].join(ctx.locale === 'en' ? ', ' : '、') },
            {
              conflicts: [...taken.entries()].map(([date, busy]) => ({ date, busy })),
            },
          );
        const free = occ.filter((o) => !taken.has(o.date));
        if (!free.length) throw conflict(M.MEETING_SERIES_NONE_FREE);
        const pending = needsApproval(rm, input.attendees, rm.canManage);
        const [s] = await tx
          .insert(meetingSeries)
          .values({
            tenantId: ctx.tenantId,
            orgId,
            roomId: rm.id,
            title: input.title,
            organiserId,
            freq: input.recurrence.freq,
            interval: input.recurrence.interval,
            firstDate: occ[0]!.date,
            lastDate: occ.at(-1)!.date,
            level: input.level,
            attendees: input.attendees,
            createdBy: ctx.account.id,
          })
          .returning({ id: meetingSeries.id });
        const seriesId = s!.id;
        const created: { id: number; start: string; end: string; status: 'pending' | 'booked' }[] = [];
        for (const o of free) {
          const id = await this.insert(tx, ctx, rm, {
            ...input,
            start: o.start,
            end: o.end,
            orgId,
            organiserId,
            seriesId,
            status: pending ? 'pending' : 'booked',
            pendingUntil: pending ? pendingUntil(nowMs(), o.start, rule) : null,
          });
          created.push({
            id,
            start: new Date(o.start).toISOString(),
            end: new Date(o.end).toISOString(),
            status: pending ? 'pending' : 'booked',
          });
        }
        if (pending) await this.submitApproval(tx, ctx, rm, seriesKey(seriesId), { ...input, orgId }, created.length);
        const skipped = occ
          .filter((o) => taken.has(o.date))
          .map((o) => ({
            date: o.date,
            start: new Date(o.start).toISOString(),
            end: new Date(o.end).toISOString(),
            reason: taken.get(o.date)!,
          }));
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'meeting_series',
          entityId: seriesId,
          orgId,
          summary: `${rm.name} ${input.title} × ${created.length}`,
          after: { ...input, created: created.length, skipped: skipped.map((x) => x.date) },
        });
        // After an approval decided at once the statuses may have moved on: read them back.
        const st = await queryRows<{ id: number; status: string }>(
          tx,
          sql`select id, status from meeting_bookings where tenant_id = ${ctx.tenantId} and series_id = ${seriesId}`,
        );
        const byId = new Map(st.map((x) => [num(x.id), x.status as 'booked']));
        return { seriesId, created: created.map((c) => ({ ...c, status: byId.get(c.id) ?? c.status })), skipped };
      })
      .catch(async (err) => {
        // A booking made between the check and the insert: the whole series is refused.
        if (isRoomConflict(err) && room)
          throw await roomTaken(db, ctx, room, new Date(first.start), new Date(heldUntil(first.end, room.bufferMinutes)));
        throw err;
      });
  }

  async series(ctx: AuthContext, id: number, db: Executor = this.core.db) {
    const [s] = await queryRows<Record<string, unknown>>(
      db,
      sql`select s.*, r.name as room_name, o.name as org_name, ro.path as room_org_path, s.org_id as room_org_id_dummy, r.org_id as room_org_id
          from meeting_series s join meeting_rooms r on r.id = s.room_id join orgs o on o.id = s.org_id join orgs ro on ro.id = r.org_id
          where s.tenant_id = ${ctx.tenantId} and s.id = ${id}`,
    );
    if (!s) throw notFound('meeting_series');
    const occ = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${slotCols(ctx)} from meeting_bookings b join orgs o on o.id = b.org_id
          where b.tenant_id = ${ctx.tenantId} and b.series_id = ${id} order by b.start_at`,
    );
    // A series is seen by whoever may see its bookings.
    if (!occ.some((o) => o.visible)) throw notFound('meeting_series');
    return {
      id,
      roomId: num(s.room_id),
      roomName: String(s.room_name),
      title: String(s.title),
      orgId: num(s.org_id),
      orgName: (s.org_name as string) ?? null,
      organiserId: numOrNull(s.organiser_id),
      freq: s.freq as 'weekly',
      interval: num(s.interval),
      firstDate: String(s.first_date instanceof Date ? (s.first_date as Date).toISOString() : s.first_date).slice(0, 10),
      lastDate: String(s.last_date instanceof Date ? (s.last_date as Date).toISOString() : s.last_date).slice(0, 10),
      level: s.level as 'ordinary',
      attendees: num(s.attendees),
      occurrences: occ.map((o) => slotView(ctx, o)),
      canEdit:
        num(s.created_by) === ctx.account.id ||
        (ctx.account.personId !== null && numOrNull(s.organiser_id) === ctx.account.personId) ||
        this.isDesk(ctx, s),
    };
  }

  /** The series' occurrences still to come from a day on, locked, for a change by its organiser or the desk. */
  private async seriesForChange(tx: Executor, ctx: AuthContext, id: number, fromDate?: string) {
    const s = await this.series(ctx, id, tx);
    if (!s.canEdit) throw forbidden(M.MEETING_NOT_ORGANISER);
    const from = Math.max(nowMs(), fromDate ? cnDayStart(fromDate).getTime() : 0);
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`select b.* from meeting_bookings b where b.tenant_id = ${ctx.tenantId} and b.series_id = ${id}
            and b.status in ('pending','booked') and b.start_at >= ${new Date(from).toISOString()}::timestamptz
          order by b.start_at for update`,
    );
    if (!rows.length) throw badRequest(M.MEETING_SERIES_FROM);
    return { s, rows };
  }

  async cancelSeries(ctx: AuthContext, id: number, input: { fromDate?: string; reason?: string | null }) {
    await this.core.db.transaction(async (tx) => {
      const { s, rows } = await this.seriesForChange(tx, ctx, id, input.fromDate);
      const ids = rows.map((r) => num(r.id));
      await tx.execute(
        sql`update meeting_bookings set status = 'cancelled', cancelled_at = ${now().toISOString()}::timestamptz, cancel_reason = ${input.reason ?? null},
              updated_at = ${now().toISOString()}::timestamptz where tenant_id = ${ctx.tenantId} and id in ${ids}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_series',
        entityId: id,
        orgId: s.orgId,
        summary: `${s.title} × ${ids.length}`,
        before: { status: 'booked' },
        after: { status: 'cancelled', fromDate: input.fromDate ?? null, bookings: ids },
      });
    });
    return this.series(ctx, id);
  }

  /** Changes from a day on: every changed occurrence re-checked; any conflict refuses the whole change, listing the dates. */
  async updateSeries(ctx: AuthContext, id: number, input: z.infer<typeof ZMeetingSeriesUpdateSchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const rule = await loadRules(db);
    await db
      .transaction(async (tx) => {
        const { s, rows } = await this.seriesForChange(tx, ctx, id, input.fromDate);
        const row = await roomRow(tx, ctx, me, s.roomId, 'share');
        const room = { ...roomView(ctx, me, row), orgPath: String(row.org_path) };
        if (input.attendees !== undefined) this.checkCapacity(room, input.attendees);
        const moved = input.startTime !== undefined || input.endTime !== undefined;
        const taken: string[] = [];
        for (const r of rows) {
          const day = cnDate(new Date(r.start_at as string));
          const start = input.startTime ? Date.parse(`${day}T${input.startTime}:00+08:00`) : new Date(r.start_at as string).getTime();
          const end = input.endTime ? Date.parse(`${day}T${input.endTime}:00+08:00`) : new Date(r.end_at as string).getTime();
          if (moved) {
            if (end <= start)
              throw badRequest(
                'VALIDATION_FAILED',
                { fields: 'endTime' },
                { fields: [{ field: 'endTime', message: ctx.locale === 'en' ? 'end must be after start' : '结束时间须晚于开始时间' }] },
              );
            this.checkTimes(ctx, rule, room, start, end);
            const held = heldUntil(end, num(r.buffer_minutes));
            const c = await queryRows(
              tx,
              sql`select 1 from meeting_bookings b where b.room_id = ${room.id} and b.status in ${ACTIVE} and b.id <> ${num(r.id)}
                    and (b.series_id is distinct from ${id} or b.start_at < ${new Date(nowMs()).toISOString()}::timestamptz)
                    and tstzrange(b.start_at, b.held_until, '[)') && tstzrange(${new Date(start).toISOString()}::timestamptz, ${new Date(held).toISOString()}::timestamptz, '[)') limit 1`,
            );
            if (c.length) taken.push(day);
          }
          const set: Record<string, unknown> = {};
          if (input.title !== undefined) set.title = input.title;
          if (input.attendees !== undefined) set.attendees = input.attendees;
          if (input.level !== undefined) set.level = input.level;
          if (moved)
            Object.assign(set, {
              start_at: new Date(start),
              end_at: new Date(end),
              held_until: new Date(heldUntil(end, num(r.buffer_minutes))),
            });
          if (!taken.length) {
            const sets = Object.entries(set).map(([k, v]) => sql`${sql.identifier(k)} = ${v instanceof Date ? v.toISOString() : v}`);
            if (sets.length)
              await tx.execute(
                sql`update meeting_bookings set ${sql.join(sets, sql`, `)} where tenant_id = ${ctx.tenantId} and id = ${num(r.id)}`,
              );
          }
        }
        if (taken.length)
          throw conflict(
            M.MEETING_SERIES_CONFLICTS,
            { dates: taken.join(ctx.locale === 'en' ? ', ' : '、') },
            { conflicts: taken.map((date) => ({ date })) },
          );
        const seriesSet: Record<string, unknown> = {};
        if (input.title !== undefined && !input.fromDate) seriesSet.title = input.title;
        if (input.attendees !== undefined && !input.fromDate) seriesSet.attendees = input.attendees;
        if (input.level !== undefined && !input.fromDate) seriesSet.level = input.level;
        const sets = Object.entries(seriesSet).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
        if (sets.length) await tx.execute(sql`update meeting_series set ${sql.join(sets, sql`, `)} where id = ${id}`);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'meeting_series',
          entityId: id,
          orgId: s.orgId,
          summary: `${s.title} × ${rows.length}`,
          before: { title: s.title, attendees: s.attendees, level: s.level },
          after: { ...input, bookings: rows.map((r) => num(r.id)) },
        });
      })
      .catch((err) => {
        if (isRoomConflict(err)) throw conflict(M.MEETING_SERIES_CONFLICTS, { dates: '' });
        throw err;
      });
    return this.series(ctx, id);
  }

  // ---------- release jobs ----------

  /**
   * Releases what no longer holds its room by the rules: pending bookings nobody decided by
   * their `pending_until` (expired), and booked meetings not checked in within the window after
   * their start (no-show, counted against the organising unit). One statement each, audited
   * per booking with the system as actor; the organisers are told.
   */
  async releaseDue(db: Executor) {
    const rules = await loadRules(db);
    const t = new Date(nowMs()).toISOString();
    return db.transaction(async (tx) => {
      const expired = await queryRows<{ id: number; tenant_id: number; org_id: number; title: string; created_by: number; start_at: Date }>(
        tx,
        sql`update meeting_bookings set status = 'expired', pending_until = null, updated_at = ${t}::timestamptz
            where status = 'pending' and pending_until <= ${t}::timestamptz
            returning id, tenant_id, org_id, title, created_by, start_at`,
      );
      const noShows = await queryRows<{ id: number; tenant_id: number; org_id: number; title: string; created_by: number; start_at: Date }>(
        tx,
        sql`update meeting_bookings set status = 'no_show', updated_at = ${t}::timestamptz
            where status = 'booked' and start_at <= ${t}::timestamptz - make_interval(mins => ${rules.checkInWindowMinutes}::int)
            returning id, tenant_id, org_id, title, created_by, start_at`,
      );
      for (const [rows, status, zh, en] of [
        [expired, 'expired', '审批超时，会议室已释放', 'not approved in time; the room was released'],
        [noShows, 'no_show', '未按时签到，会议室已释放', 'not checked in; the room was released'],
      ] as const) {
        for (const r of rows) {
          await writeAudit(
            tx,
            { tenantId: num(r.tenant_id), actorId: null, actorName: 'system', ip: null },
            {
              action: 'update',
              entityType: 'meeting_booking',
              entityId: num(r.id),
              orgId: num(r.org_id),
              summary: r.title,
              before: { status: status === 'expired' ? 'pending' : 'booked' },
              after: { status },
            },
          );
          await notify(tx, [num(r.created_by)], {
            kind: `meetings.${status}`,
            titleZh: `${r.title}（${cnDateTime(iso(r.start_at)!)}）${zh}`,
            titleEn: `${r.title} (${cnDateTime(iso(r.start_at)!)}): ${en}`,
            link: `/meetings/bookings?id=${num(r.id)}`,
          });
        }
      }
      return { expired: expired.length, noShows: noShows.length };
    });
  }
}

/** For other modules (meeting services, plans): a booking's facts if the caller may see it, else null. */
export async function meetingBookingFacts(db: Executor, ctx: AuthContext, id: number) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select b.id, b.room_id, r.name as room_name, b.org_id, b.room_org_id, b.title, b.organiser_id, b.start_at, b.end_at, b.attendees,
          b.level, b.status, b.series_id from meeting_bookings b join meeting_rooms r on r.id = b.room_id
        where b.tenant_id = ${ctx.tenantId} and b.id = ${id} and ${bookingVisible(ctx)}`,
  );
  if (!r) return null;
  return {
    id: num(r.id),
    roomId: num(r.room_id),
    roomName: String(r.room_name),
    orgId: num(r.org_id),
    roomOrgId: num(r.room_org_id),
    title: String(r.title),
    organiserId: numOrNull(r.organiser_id),
    start: iso(r.start_at)!,
    end: iso(r.end_at)!,
    attendees: num(r.attendees),
    level: String(r.level) as 'important' | 'ordinary',
    status: String(r.status),
    seriesId: numOrNull(r.series_id),
    /** The booking holds its room (pending, booked or checked in). */
    active: ['pending', 'booked', 'checked_in'].includes(String(r.status)),
  };
}
