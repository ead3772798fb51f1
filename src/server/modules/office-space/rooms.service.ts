import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZRoomCreateSchema, ZRoomQuerySchema, ZRoomUpdateSchema } from '../../../contracts/modules/office-space';
import {
  AppError,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  both,
  queryRows,
  writeAudit,
  num,
} from '../../core';
import type { OccupancyService } from './occupancy.service';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, orderBy, roomRow, scopeOn, today } from './office.repository';
import { officeBuildings, officeRoomHistory, officeRooms } from './office.schema';
import type { PlacesService } from './places.service';

type RoomInput = z.infer<typeof ZRoomCreateSchema>;
const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

/** Sort whitelists: `field` or `-field` from the client, mapped to SQL. */
const ROOM_SORTS: Record<string, string> = {
  number: 'r.number',
  area: 'r.area',
  useClass: 'r.use_class',
  status: 'r.status',
  orgName: 'o.name',
  buildingName: 'b.name',
  occupants: 'occupants',
};

export type RoomRow = {
  id: number;
  floorId: number;
  floorName: string;
  buildingId: number;
  buildingName: string;
  siteId: number;
  siteName: string;
  orgId: number;
  orgName: string | null;
  number: string;
  useClass: 'office';
  useType: string;
  area: number;
  status: 'in_use';
  singleOccupant: boolean;
  suiteOfId: number | null;
  note: string | null;
  occupants: number;
  occupantNames: string | null;
};

/**
 * The registry's rooms. Rules enforced here: rooms only on floors the caller may use, unique
 * room numbers per floor, suites attached only to a single-occupant leader office on the same
 * floor, a dated history for every change of area, use or status, and retirement instead of
 * deletion (never while someone still uses the room).
 */
export class RoomService {
  constructor(
    private readonly core: CoreServices,
    private readonly places: PlacesService,
    private readonly occupancies: OccupancyService,
  ) {}
  private get db() {
    return this.core.db;
  }

  // ---------- rooms ----------
  private roomSelect(where: ReturnType<typeof sql>, day = today()) {
    return sql`select r.id, r.floor_id as "floorId", f.name as "floorName", r.building_id as "buildingId", b.name as "buildingName",
                 r.site_id as "siteId", s.name as "siteName", r.org_id as "orgId", o.name as "orgName", r.number,
                 r.use_class as "useClass", r.use_type as "useType", r.area, r.status, r.single_occupant as "singleOccupant",
                 r.suite_of_id as "suiteOfId", r.note,
                 (select count(*)::int from office_occupancies oc where oc.room_id = r.id and ${currentOn(day)}) as occupants,
                 (select string_agg(p.name, '、' order by p.name) from office_occupancies oc join people p on p.id = oc.person_id
                   where oc.room_id = r.id and ${currentOn(day)}) as "occupantNames"
               from office_rooms r join office_floors f on f.id = r.floor_id join office_buildings b on b.id = r.building_id
               join office_sites s on s.id = r.site_id left join orgs o on o.id = r.org_id
               where ${where}`;
  }
  private roomView = (r: Record<string, unknown>): RoomRow => ({
    ...(r as RoomRow),
    id: num(r.id),
    floorId: num(r.floorId),
    buildingId: num(r.buildingId),
    siteId: num(r.siteId),
    orgId: num(r.orgId),
    area: num(r.area),
    suiteOfId: r.suiteOfId === null ? null : num(r.suiteOfId),
    occupants: num(r.occupants),
    occupantNames: (r.occupantNames as string) ?? null,
    orgName: (r.orgName as string) ?? null,
    note: (r.note as string) ?? null,
  });

  async listRooms(ctx: AuthContext, q: z.infer<typeof ZRoomQuerySchema>, permission: string = OP['office.read'], limit?: number) {
    const scope = await scopeOn(this.db, ctx, permission, sql`r.org_id`, q.orgId);
    const where = sql.join(
      [
        sql`r.active`,
        scope,
        q.siteId ? sql`r.site_id = ${q.siteId}` : undefined,
        q.buildingId ? sql`r.building_id = ${q.buildingId}` : undefined,
        q.floorId ? sql`r.floor_id = ${q.floorId}` : undefined,
        q.useClass ? sql`r.use_class = ${q.useClass}` : undefined,
        q.status ? sql`r.status = ${q.status}` : undefined,
        q.q
          ? sql`(r.number like ${`%${q.q}%`} or exists (select 1 from office_occupancies oc join people p on p.id = oc.person_id where oc.room_id = r.id and ${currentOn(today())} and p.name like ${`%${q.q}%`}))`
          : undefined,
      ].filter((x): x is ReturnType<typeof sql> => Boolean(x)),
      sql` and `,
    );
    const size = limit ?? q.pageSize;
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      this.db,
      () => queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from office_rooms r where ${where}`),
      () =>
        queryRows<Record<string, unknown>>(
          this.db,
          sql`${this.roomSelect(where)} order by ${orderBy(q.sort, ROOM_SORTS, 'b.name, f.level, r.number, r.id')} limit ${size} offset ${(q.page - 1) * size}`,
        ),
    );
    return { total: num(c?.n), items: rows.map(this.roomView) };
  }

  async room(ctx: AuthContext, id: number) {
    await roomRow(this.db, ctx, id);
    const [row] = await queryRows<Record<string, unknown>>(this.db, this.roomSelect(sql`r.id = ${id}`));
    const history = await this.db
      .select()
      .from(officeRoomHistory)
      .where(eq(officeRoomHistory.roomId, id))
      .orderBy(desc(officeRoomHistory.effectiveFrom), desc(officeRoomHistory.id));
    const occ = await this.occupancies.listOccupancies(ctx, { roomId: id, page: 1, pageSize: 200 });
    return {
      ...this.roomView(row!),
      history: history.map((h) => ({
        ...h,
        effectiveFrom: String(h.effectiveFrom),
        createdAt: iso(h.createdAt)!,
        reason: h.reason ?? null,
      })),
      occupancies: occ.items,
    };
  }

  /** May the caller put a room of `orgId` on this floor? Its building is theirs, or their unit already has rooms in it. */
  private async assertFloorUsable(tx: Executor, ctx: AuthContext, floorId: number, orgId: number) {
    const floor = await this.places.floorRow(tx, ctx, floorId);
    const [b] = await tx.select().from(officeBuildings).where(eq(officeBuildings.id, floor.buildingId));
    const [owner] = await queryRows<{ id: number; path: string; name: string }>(
      tx,
      sql`select id, path, name from orgs where id = ${b!.orgId}`,
    );
    const mine = owner && ctx.covers(OP['office.write'], owner);
    if (!mine) {
      const [has] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from office_rooms where building_id = ${b!.id} and org_id = ${orgId} and active`,
      );
      if (!num(has?.n)) throw new AppError(403, M.OFFICE_FLOOR_SCOPE, { owner: owner?.name ?? '' });
    }
    return { floor, building: b! };
  }

  private async checkSuite(tx: Executor, ctx: AuthContext, input: Partial<RoomInput>, floorId: number, selfId?: number) {
    if (!input.suiteOfId) return;
    const parent = await roomRow(tx, ctx, input.suiteOfId, OP['office.write']).catch(() => null);
    const reason = (zh: string, en: string) => badRequest(M.OFFICE_SUITE_INVALID, { reason: ctx.locale === 'en' ? en : zh });
    if (!parent || parent.floorId !== floorId) throw reason('套间的办公室须在同一楼层', 'the suite office must be on the same floor');
    if (parent.id === selfId) throw reason('房间不能属于自己', 'a room cannot belong to itself');
    if (!parent.singleOccupant || parent.suiteOfId)
      throw reason('只能附属于单人使用的领导办公室', 'only a single-occupant leader office can have a suite');
  }

  async createRoom(ctx: AuthContext, input: RoomInput, tx0?: Executor) {
    ctx.require(OP['office.write']);
    const run = async (tx: Executor) => {
      await assertOrgInScope(tx, ctx, OP['office.write'], input.orgId);
      const { floor, building } = await this.assertFloorUsable(tx, ctx, input.floorId, input.orgId);
      await this.checkSuite(tx, ctx, input, floor.id);
      const [dup] = await tx
        .select({ id: officeRooms.id })
        .from(officeRooms)
        .where(and(eq(officeRooms.floorId, floor.id), eq(officeRooms.number, input.number), eq(officeRooms.active, true)));
      if (dup) throw conflict(M.OFFICE_ROOM_NUMBER_TAKEN, { number: input.number });
      const [row] = await tx
        .insert(officeRooms)
        .values({
          tenantId: ctx.tenantId,
          floorId: floor.id,
          buildingId: building.id,
          siteId: building.siteId,
          orgId: input.orgId,
          number: input.number,
          useClass: input.useClass,
          useType: input.useType,
          area: input.area,
          status: input.status,
          singleOccupant: input.singleOccupant,
          suiteOfId: input.suiteOfId ?? null,
          note: input.note ?? null,
        })
        .returning();
      await tx.insert(officeRoomHistory).values({
        roomId: row!.id,
        area: row!.area,
        useClass: row!.useClass,
        useType: row!.useType,
        status: row!.status,
        effectiveFrom: today(),
        reason: ctx.locale === 'en' ? 'registered' : '登记',
        changedBy: ctx.account.id,
      });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_room',
        entityId: row!.id,
        orgId: row!.orgId,
        after: row,
      });
      return row!;
    };
    const row = tx0 ? await run(tx0) : await this.db.transaction(run);
    if (tx0) return null;
    const [v] = await queryRows<Record<string, unknown>>(this.db, this.roomSelect(sql`r.id = ${row.id}`));
    return this.roomView(v!);
  }

  async updateRoom(ctx: AuthContext, id: number, input: z.infer<typeof ZRoomUpdateSchema>) {
    ctx.require(OP['office.write']);
    await this.db.transaction(async (tx) => {
      const before = await roomRow(tx, ctx, id, OP['office.write'], true);
      if (!before.active) throw badRequest(M.OFFICE_ROOM_INACTIVE, { room: before.number });
      if (input.orgId && input.orgId !== before.orgId) await assertOrgInScope(tx, ctx, OP['office.write'], input.orgId);
      if (input.suiteOfId) await this.checkSuite(tx, ctx, input, before.floorId, id);
      if (input.number && input.number !== before.number) {
        const [dup] = await tx
          .select({ id: officeRooms.id })
          .from(officeRooms)
          .where(and(eq(officeRooms.floorId, before.floorId), eq(officeRooms.number, input.number), eq(officeRooms.active, true)));
        if (dup) throw conflict(M.OFFICE_ROOM_NUMBER_TAKEN, { number: input.number });
      }
      const { changeReason, effectiveFrom, ...fields } = input;
      const [row] = await tx
        .update(officeRooms)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(officeRooms.id, id))
        .returning();
      const tracked = ['area', 'useClass', 'useType', 'status'] as const;
      if (tracked.some((k) => input[k] !== undefined && input[k] !== before[k])) {
        await tx.insert(officeRoomHistory).values({
          roomId: id,
          area: row!.area,
          useClass: row!.useClass,
          useType: row!.useType,
          status: row!.status,
          effectiveFrom: effectiveFrom ?? today(),
          reason: changeReason ?? null,
          changedBy: ctx.account.id,
        });
      }
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_room',
        entityId: id,
        orgId: row!.orgId,
        before,
        after: row,
      });
    });
    return this.room(ctx, id);
  }

  /** Rooms are never hard-deleted: a room nobody uses is retired (kept for history and filings). */
  async retireRoom(ctx: AuthContext, id: number) {
    ctx.require(OP['office.write']);
    await this.db.transaction(async (tx) => {
      const before = await roomRow(tx, ctx, id, OP['office.write'], true);
      const [occ] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from office_occupancies oc where oc.room_id = ${id} and ${currentOn(today())}`,
      );
      if (num(occ?.n) > 0) throw conflict('IN_USE');
      await tx.update(officeRooms).set({ active: false, updatedAt: new Date() }).where(eq(officeRooms.id, id));
      await writeAudit(tx, ctx.auditActor(), { action: 'delete', entityType: 'office_room', entityId: id, orgId: before.orgId, before });
    });
  }
}
