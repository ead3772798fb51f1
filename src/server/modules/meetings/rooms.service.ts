import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZMeetingRoomCreateSchema,
  ZMeetingRoomQuerySchema,
  ZMeetingRoomUpdateSchema,
  ZOfficeRoomCandidateQuerySchema,
} from '../../../contracts/modules/meetings';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  both,
  conflict,
  escapeLike,
  fieldError,
  inScope,
  notFound,
  num,
  queryRows,
  where,
  writeAudit,
} from '../../core';
import { officeMeetingRoomCandidates, officePlaces, officeRoomsForMeetings } from '../office-space';
import { M } from './meetings.messages';
import { MP } from './meetings.permissions';
import { ROOM_COLS, bookableSql, callerOrg, roomRow, roomView, roomVisible } from './meetings.repository';
import { meetingRooms } from './meetings.schema';

type RoomInput = z.infer<typeof ZMeetingRoomCreateSchema>;

/** Meeting rooms: CRUD in the managing scope, the list every booker sees, registry links. */
export class RoomService {
  constructor(private readonly core: CoreServices) {}

  /**
   * Where the room is: a linked registry room gives building and floor (and must be used for
   * meetings, and not linked twice); a registry building gives its name; else the text.
   * Building and floor are kept on the room so lists and the day view filter without a join
   * into another module's tables.
   */
  private async place(db: Executor, ctx: AuthContext, input: Partial<RoomInput>) {
    if (input.officeRoomId) {
      const r = (await officeRoomsForMeetings(db, ctx.tenantId, [input.officeRoomId])).get(input.officeRoomId);
      if (!r?.active) throw notFound('office_room');
      await assertOrgInScope(db, ctx, MP['meetings.manage'], r.orgId).catch(() => {
        throw notFound('office_room');
      });
      if (!['meeting', 'lecture_hall', 'multi_function', 'reception'].includes(r.useType)) throw badRequest(M.MEETING_OFFICE_ROOM_USE);
      return { buildingId: r.buildingId, buildingName: r.building, floor: input.floor ?? r.floor };
    }
    if (input.buildingId) {
      const b = (await officePlaces(db, ctx.tenantId, [], [input.buildingId])).buildings.get(input.buildingId);
      if (!b) throw notFound('office_building');
      return { buildingId: input.buildingId, buildingName: b.name, floor: input.floor ?? null };
    }
    return { buildingId: null, buildingName: input.buildingName ?? null, floor: input.floor ?? null };
  }

  async create(ctx: AuthContext, input: RoomInput) {
    ctx.require(MP['meetings.manage']);
    const db = this.core.db;
    const org = await assertOrgInScope(db, ctx, MP['meetings.manage'], input.orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    if (org.kind === 'department')
      throw fieldError(ctx, 'orgId', '会议室由单位管理，不能属于内设机构', 'a meeting room is managed by a unit, not a department');
    const place = await this.place(db, ctx, input);
    const id = await db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(meetingRooms)
          .values({
            tenantId: ctx.tenantId,
            orgId: input.orgId,
            name: input.name,
            kind: input.kind,
            officeRoomId: input.officeRoomId ?? null,
            ...place,
            capacity: input.capacity,
            layouts: input.layouts,
            equipment: input.equipment,
            openFrom: input.openFrom,
            openTo: input.openTo,
            openWeekdays: [...new Set(input.openWeekdays)].sort(),
            bufferMinutes: input.bufferMinutes,
            bookableBy: input.bookableBy,
            requiresApproval: input.requiresApproval,
            approvalAboveAttendees: input.approvalAboveAttendees ?? null,
            note: input.note ?? null,
          })
          .returning({ id: meetingRooms.id });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'meeting_room',
          entityId: row!.id,
          orgId: input.orgId,
          summary: input.name,
          after: { ...input, ...place },
        });
        return row!.id;
      })
      .catch((err) => {
        if (
          (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
          (err as { cause?: { code?: string } }).cause?.code === '23505'
        )
          throw conflict(M.MEETING_OFFICE_ROOM_LINKED);
        throw err;
      });
    return this.get(ctx, id);
  }

  async get(ctx: AuthContext, id: number) {
    const me = await callerOrg(this.core.db, ctx);
    return roomView(ctx, me, await roomRow(this.core.db, ctx, me, id));
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZMeetingRoomUpdateSchema>) {
    ctx.require(MP['meetings.manage']);
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    await db.transaction(async (tx) => {
      const before = await roomRow(tx, ctx, me, id, 'update');
      const view = roomView(ctx, me, before);
      if (!view.canManage) throw notFound('meeting_room');
      if (input.orgId !== undefined && input.orgId !== view.orgId) {
        const org = await assertOrgInScope(tx, ctx, MP['meetings.manage'], input.orgId);
        if (org.kind === 'department')
          throw fieldError(ctx, 'orgId', '会议室由单位管理，不能属于内设机构', 'a meeting room is managed by a unit, not a department');
      }
      const from = input.openFrom ?? view.openFrom;
      const to = input.openTo ?? view.openTo;
      if (to <= from) throw fieldError(ctx, 'openTo', '结束时间须晚于开放时间', 'closing must be after opening');
      const moved =
        input.officeRoomId !== undefined || input.buildingId !== undefined || input.buildingName !== undefined || input.floor !== undefined;
      const place = moved
        ? await this.place(tx, ctx, {
            officeRoomId: input.officeRoomId === undefined ? view.officeRoomId : input.officeRoomId,
            buildingId: input.buildingId === undefined ? view.buildingId : input.buildingId,
            buildingName: input.buildingName === undefined ? view.building : input.buildingName,
            floor: input.floor === undefined ? view.floor : input.floor,
          })
        : {};
      const set: Partial<typeof meetingRooms.$inferInsert> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.orgId !== undefined && { orgId: input.orgId }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.officeRoomId !== undefined && { officeRoomId: input.officeRoomId ?? null }),
        ...place,
        ...(input.capacity !== undefined && { capacity: input.capacity }),
        ...(input.layouts !== undefined && { layouts: input.layouts }),
        ...(input.equipment !== undefined && { equipment: input.equipment }),
        ...(input.openFrom !== undefined && { openFrom: input.openFrom }),
        ...(input.openTo !== undefined && { openTo: input.openTo }),
        ...(input.openWeekdays !== undefined && { openWeekdays: [...new Set(input.openWeekdays)].sort() }),
        ...(input.bufferMinutes !== undefined && { bufferMinutes: input.bufferMinutes }),
        ...(input.bookableBy !== undefined && { bookableBy: input.bookableBy }),
        ...(input.requiresApproval !== undefined && { requiresApproval: input.requiresApproval }),
        ...(input.approvalAboveAttendees !== undefined && { approvalAboveAttendees: input.approvalAboveAttendees ?? null }),
        ...(input.note !== undefined && { note: input.note ?? null }),
        ...(input.active !== undefined && { active: input.active }),
        updatedAt: new Date(),
      };
      await tx.update(meetingRooms).set(set).where(sql`${meetingRooms.id} = ${id}`);
      // A changed buffer applies to bookings made from now on; existing holds keep theirs.
      const beforeVals = Object.fromEntries(
        Object.keys(input).map((k) => [k, (view as Record<string, unknown>)[k === 'buildingName' ? 'building' : k]]),
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_room',
        entityId: id,
        orgId: view.orgId,
        summary: view.name,
        before: beforeVals,
        after: input,
      });
    });
    return this.get(ctx, id);
  }

  /** The list: rooms the caller may see, filtered, sorted and paged on the server. */
  async list(ctx: AuthContext, q: z.infer<typeof ZMeetingRoomQuerySchema>) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const w = where([
      roomVisible(ctx, me),
      q.orgId ? sql`r.org_id in (select id from orgs where path like (select path from orgs where id = ${q.orgId}) || '%')` : undefined,
      q.q ? sql`(r.name like ${`%${escapeLike(q.q)}%`} or r.building_name like ${`%${escapeLike(q.q)}%`})` : undefined,
      q.building ? sql`r.building_name = ${q.building}` : undefined,
      q.kind ? sql`r.kind = ${q.kind}` : undefined,
      q.minCapacity ? sql`r.capacity >= ${q.minCapacity}` : undefined,
      q.equipment?.length ? sql`r.equipment @> ${JSON.stringify(q.equipment)}::jsonb` : undefined,
      q.active === undefined ? undefined : sql`r.active = ${q.active}`,
      q.bookable
        ? ctx.has(MP['meetings.book'])
          ? sql`r.active and (${bookableSql(me)} or ${inScope(ctx, MP['meetings.manage'], sql`r.org_id`)})`
          : sql`false`
        : undefined,
    ]);
    const dir = q.sort.startsWith('-') || q.order === 'desc' ? sql`desc` : sql`asc`;
    const key = q.sort.replace(/^-/, '');
    const order =
      key === 'capacity'
        ? sql`r.capacity ${dir}, r.id`
        : key === 'name'
          ? sql`r.name ${dir}, r.id`
          : sql`r.building_name ${dir} nulls last, r.floor ${dir} nulls last, r.name ${dir}, r.id`;
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_rooms r where ${w}`),
      () =>
        queryRows<Record<string, unknown>>(
          db,
          sql`select ${ROOM_COLS} from meeting_rooms r join orgs o on o.id = r.org_id where ${w}
              order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: rows.map((r) => roomView(ctx, me, r)) };
  }

  /** The buildings that have rooms the caller may see (a district has a few dozen at most). */
  async buildings(ctx: AuthContext) {
    const db = this.core.db;
    const me = await callerOrg(db, ctx);
    const rows = await queryRows<{ b: string }>(
      db,
      sql`select distinct r.building_name as b from meeting_rooms r where ${roomVisible(ctx, me)} and r.active and r.building_name is not null order by 1`,
    );
    return { items: rows.map((r) => r.b) };
  }

  /** Registry rooms used for meetings in the caller's managing scope, with the meeting room each already is. */
  async officeCandidates(ctx: AuthContext, q: z.infer<typeof ZOfficeRoomCandidateQuerySchema>) {
    ctx.require(MP['meetings.manage']);
    const db = this.core.db;
    if (q.orgId) await assertOrgInScope(db, ctx, MP['meetings.manage'], q.orgId);
    const items = await officeMeetingRoomCandidates(
      db,
      ctx.tenantId,
      (col) =>
        q.orgId ? sql`${inScope(ctx, MP['meetings.manage'], col)} and ${col} = ${q.orgId}` : inScope(ctx, MP['meetings.manage'], col),
      q.q ? escapeLike(q.q) : undefined,
    );
    const linked = items.length
      ? await queryRows<{ id: number; office_room_id: number }>(
          db,
          sql`select id, office_room_id from meeting_rooms where tenant_id = ${ctx.tenantId} and office_room_id in ${items.map((i) => i.id)}`,
        )
      : [];
    const byOffice = new Map(linked.map((l) => [num(l.office_room_id), num(l.id)]));
    return { items: items.map((i) => ({ ...i, meetingRoomId: byOffice.get(i.id) ?? null })) };
  }
}
