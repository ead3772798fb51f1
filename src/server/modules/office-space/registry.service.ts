import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZBuildingCreateSchema,
  ZBuildingUpdateSchema,
  ZFloorCreateSchema,
  ZFloorUpdateSchema,
  ZOccupancyCreateSchema,
  ZOccupancyQuerySchema,
  ZRoomCreateSchema,
  ZRoomQuerySchema,
  ZRoomUpdateSchema,
  ZSiteCreateSchema,
  ZSiteUpdateSchema,
} from '../../../contracts/modules/office-space';
import {
  AppError,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  inScope,
  notFound,
  queryRows,
  validationFailed,
  writeAudit,
  num,
} from '../../core';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, scopeOn, today } from './office.repository';
import { officeBuildings, officeFloors, officeOccupancies, officeRoomHistory, officeRooms, officeSites } from './office.schema';

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
function orderBy(sort: string | undefined, allowed: Record<string, string>, fallback: string) {
  const desc_ = sort?.startsWith('-');
  const col = allowed[(sort ?? '').replace(/^-/, '')];
  return sql.raw(col ? `${col} ${desc_ ? 'desc' : 'asc'}, 1` : fallback);
}

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
 * The registry: sites → buildings → floors → rooms, and occupancy. Rules enforced here:
 * rooms only on floors the caller may use, unique room numbers per floor, a dated history
 * for every change of area, use or status, and occupancy without double use of a
 * single-occupant suite or two primary offices for one person (checked under row locks).
 */
export class RegistryService {
  constructor(private readonly core: CoreServices) {}
  private get db() {
    return this.core.db;
  }

  // ---------- sites ----------
  async listSites(ctx: AuthContext, orgId?: number) {
    const scope = await scopeOn(this.db, ctx, OP['office.read'], sql`r.org_id`, orgId);
    const siteScope = await scopeOn(this.db, ctx, OP['office.read'], sql`s.org_id`, orgId);
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select s.id, s.org_id, o.name as org_name, s.name, s.address, s.note, s.status,
            (select count(*)::int from office_buildings b where b.site_id = s.id and b.status = 'active') as buildings,
            coalesce(st.rooms, 0)::int as rooms, coalesce(st.area, 0) as area
          from office_sites s left join orgs o on o.id = s.org_id
          left join (select r.site_id, count(*) as rooms, sum(r.area) as area from office_rooms r
                     where r.active and ${scope} group by r.site_id) st on st.site_id = s.id
          where ${siteScope} or st.site_id is not null
          order by s.id`,
    );
    return rows.map((r) => ({
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      name: r.name as string,
      address: (r.address as string) ?? null,
      note: (r.note as string) ?? null,
      status: r.status as string,
      buildings: num(r.buildings),
      rooms: num(r.rooms),
      area: num(r.area),
    }));
  }

  private async site(db: Executor, ctx: AuthContext, id: number, permission: string = OP['office.read']) {
    const [s] = await db
      .select()
      .from(officeSites)
      .where(and(eq(officeSites.id, id), eq(officeSites.tenantId, ctx.tenantId)));
    if (!s) throw notFound('site');
    await assertOrgInScope(db, ctx, permission, s.orgId).catch(async (e) => {
      // Units that have rooms in a bureau-managed site may read it, never change it.
      if (permission !== OP['office.read'] || !(await this.hasRoomsIn(db, ctx, sql`site_id = ${id}`))) throw e;
    });
    return s;
  }

  private async hasRoomsIn(db: Executor, ctx: AuthContext, where: ReturnType<typeof sql>) {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from office_rooms where active and ${where} and ${inScope(ctx, OP['office.read'], sql`org_id`)}`,
    );
    return num(r?.n) > 0;
  }

  async createSite(ctx: AuthContext, input: z.infer<typeof ZSiteCreateSchema>) {
    ctx.require(OP['office.manage']);
    await assertOrgInScope(this.db, ctx, OP['office.manage'], input.orgId);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(officeSites)
        .values({ tenantId: ctx.tenantId, orgId: input.orgId, name: input.name, address: input.address ?? null, note: input.note ?? null })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_site',
        entityId: row!.id,
        orgId: row!.orgId,
        after: row,
      });
      return row!;
    });
  }

  async updateSite(ctx: AuthContext, id: number, input: z.infer<typeof ZSiteUpdateSchema>) {
    ctx.require(OP['office.manage']);
    return this.db.transaction(async (tx) => {
      const before = await this.site(tx, ctx, id, OP['office.manage']);
      if (input.orgId) await assertOrgInScope(tx, ctx, OP['office.manage'], input.orgId);
      const [row] = await tx.update(officeSites).set(input).where(eq(officeSites.id, id)).returning();
      if (input.orgId && input.orgId !== before.orgId)
        await tx.update(officeBuildings).set({ orgId: input.orgId }).where(eq(officeBuildings.siteId, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_site',
        entityId: id,
        orgId: row!.orgId,
        before,
        after: row,
      });
      return row!;
    });
  }

  // ---------- buildings ----------
  async listBuildings(ctx: AuthContext, q: { siteId?: number; orgId?: number }) {
    const scope = await scopeOn(this.db, ctx, OP['office.read'], sql`r.org_id`, q.orgId);
    const bScope = await scopeOn(this.db, ctx, OP['office.read'], sql`b.org_id`, q.orgId);
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select b.*, s.name as site_name, coalesce(st.rooms, 0)::int as rooms, coalesce(st.area, 0) as room_area
          from office_buildings b join office_sites s on s.id = b.site_id
          left join (select r.building_id, count(*) as rooms, sum(r.area) as area from office_rooms r
                     where r.active and ${scope} group by r.building_id) st on st.building_id = b.id
          where (${bScope} or st.building_id is not null) ${q.siteId ? sql`and b.site_id = ${q.siteId}` : sql``}
          order by s.id, b.name`,
    );
    return rows.map((r) => this.buildingView(r));
  }

  private buildingView(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      siteId: num(r.site_id),
      siteName: String(r.site_name ?? ''),
      orgId: num(r.org_id),
      name: String(r.name),
      grossArea: num(r.gross_area),
      yearBuilt: r.year_built === null ? null : num(r.year_built),
      ownership: r.ownership as 'owned',
      address: (r.address as string) ?? null,
      floorsAbove: num(r.floors_above),
      floorsBelow: num(r.floors_below),
      highRise: Boolean(r.high_rise),
      status: String(r.status),
      rooms: num(r.rooms),
      roomArea: num(r.room_area),
    };
  }

  async building(db: Executor, ctx: AuthContext, id: number, permission: string = OP['office.read']) {
    const [b] = await db
      .select()
      .from(officeBuildings)
      .where(and(eq(officeBuildings.id, id), eq(officeBuildings.tenantId, ctx.tenantId)));
    if (!b) throw notFound('building');
    await assertOrgInScope(db, ctx, permission, b.orgId).catch(async (e) => {
      if (permission !== OP['office.read'] || !(await this.hasRoomsIn(db, ctx, sql`building_id = ${id}`))) throw e;
    });
    return b;
  }

  async createBuilding(ctx: AuthContext, input: z.infer<typeof ZBuildingCreateSchema>) {
    ctx.require(OP['office.manage']);
    return this.db.transaction(async (tx) => {
      const site = await this.site(tx, ctx, input.siteId, OP['office.manage']);
      const [row] = await tx
        .insert(officeBuildings)
        .values({ ...input, tenantId: ctx.tenantId, orgId: site.orgId, yearBuilt: input.yearBuilt ?? null, address: input.address ?? null })
        .returning();
      // Floors follow from the storeys, so rooms can be registered at once.
      const floors = [];
      for (let l = -input.floorsBelow; l <= input.floorsAbove; l++) {
        if (l === 0) continue;
        floors.push({ tenantId: ctx.tenantId, buildingId: row!.id, level: l, name: l > 0 ? `${l}F` : `B${-l}` });
      }
      if (floors.length) await tx.insert(officeFloors).values(floors);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_building',
        entityId: row!.id,
        orgId: row!.orgId,
        after: row,
      });
      return this.buildingView({
        ...row,
        site_name: site.name,
        rooms: 0,
        room_area: 0,
        gross_area: row!.grossArea,
        site_id: row!.siteId,
        org_id: row!.orgId,
        year_built: row!.yearBuilt,
        floors_above: row!.floorsAbove,
        floors_below: row!.floorsBelow,
        high_rise: row!.highRise,
      });
    });
  }

  async updateBuilding(ctx: AuthContext, id: number, input: z.infer<typeof ZBuildingUpdateSchema>) {
    ctx.require(OP['office.manage']);
    return this.db.transaction(async (tx) => {
      const before = await this.building(tx, ctx, id, OP['office.manage']);
      const [row] = await tx.update(officeBuildings).set(input).where(eq(officeBuildings.id, id)).returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_building',
        entityId: id,
        orgId: row!.orgId,
        before,
        after: row,
      });
      return row!;
    });
  }

  // ---------- floors ----------
  async listFloors(ctx: AuthContext, buildingId: number) {
    await this.building(this.db, ctx, buildingId);
    const scope = inScope(ctx, OP['office.read'], sql`r.org_id`);
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select f.id, f.building_id, f.level, f.name, f.plan is not null as has_plan,
            count(r.id)::int as rooms, coalesce(sum(r.area), 0) as room_area
          from office_floors f left join office_rooms r on r.floor_id = f.id and r.active and ${scope}
          where f.building_id = ${buildingId}
          group by f.id order by f.level desc`,
    );
    return rows.map((r) => ({
      id: num(r.id),
      buildingId: num(r.building_id),
      level: num(r.level),
      name: String(r.name),
      hasPlan: Boolean(r.has_plan),
      rooms: num(r.rooms),
      roomArea: num(r.room_area),
    }));
  }

  async createFloor(ctx: AuthContext, input: z.infer<typeof ZFloorCreateSchema>) {
    return this.db.transaction(async (tx) => {
      const b = await this.building(tx, ctx, input.buildingId, OP['office.manage']);
      const [exists] = await tx
        .select({ id: officeFloors.id })
        .from(officeFloors)
        .where(and(eq(officeFloors.buildingId, b.id), eq(officeFloors.level, input.level)));
      if (exists) throw conflict('DUPLICATE', { field: ctx.locale === 'en' ? 'floor level' : '楼层' });
      const [row] = await tx
        .insert(officeFloors)
        .values({ ...input, tenantId: ctx.tenantId })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_floor',
        entityId: row!.id,
        orgId: b.orgId,
        after: row,
      });
      return { id: row!.id, buildingId: row!.buildingId, level: row!.level, name: row!.name, hasPlan: false, rooms: 0, roomArea: 0 };
    });
  }

  async floorRow(db: Executor, ctx: AuthContext, id: number) {
    const [f] = await db
      .select()
      .from(officeFloors)
      .where(and(eq(officeFloors.id, id), eq(officeFloors.tenantId, ctx.tenantId)));
    if (!f) throw notFound('floor');
    return f;
  }

  /** Saves the drawn plan. Every linked shape must draw a room on this floor. */
  async updateFloor(ctx: AuthContext, id: number, input: z.infer<typeof ZFloorUpdateSchema>) {
    return this.db.transaction(async (tx) => {
      const before = await this.floorRow(tx, ctx, id);
      const b = await this.building(tx, ctx, before.buildingId);
      // Whoever keeps rooms on this floor (or manages the building) may draw it.
      if (!ctx.has(OP['office.write']) && !ctx.has(OP['office.manage'])) throw new AppError(403, 'FORBIDDEN');
      if (input.plan) {
        const ids = [...new Set(input.plan.shapes.map((s) => s.roomId).filter((x): x is number => x !== null))];
        if (ids.length) {
          const rows = await tx
            .select({ id: officeRooms.id })
            .from(officeRooms)
            .where(and(eq(officeRooms.floorId, id), eq(officeRooms.active, true), sql`${officeRooms.id} in ${ids}`));
          const found = new Set(rows.map((r) => r.id));
          const bad = ids.filter((x) => !found.has(x));
          if (bad.length)
            throw validationFailed([
              {
                field: 'plan.shapes.roomId',
                message: ctx.locale === 'en' ? `rooms ${bad.join(', ')} are not on this floor` : `房间 ${bad.join('、')} 不在本楼层`,
              },
            ]);
        }
        const dup = input.plan.shapes.map((s) => s.roomId).filter((x, i, a) => x !== null && a.indexOf(x) !== i);
        if (dup.length)
          throw validationFailed([
            { field: 'plan.shapes.roomId', message: ctx.locale === 'en' ? 'a room is linked to two shapes' : '同一房间关联了两个图形' },
          ]);
      }
      const set: Partial<typeof officeFloors.$inferInsert> = {};
      if (input.name) set.name = input.name;
      if (input.plan !== undefined) {
        set.plan = input.plan;
        set.planUpdatedAt = new Date();
      }
      await tx.update(officeFloors).set(set).where(eq(officeFloors.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_floor',
        entityId: id,
        orgId: b.orgId,
        summary: input.plan ? `plan: ${input.plan.shapes.length} shapes` : undefined,
        before: { name: before.name, shapes: (before.plan as { shapes?: unknown[] } | null)?.shapes?.length ?? 0 },
        after: { name: input.name ?? before.name, shapes: input.plan?.shapes.length ?? 0 },
      });
      return { ok: true as const };
    });
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
    const [{ n }] = (await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from office_rooms r where ${where}`)) as [
      { n: number },
    ];
    const size = limit ?? q.pageSize;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`${this.roomSelect(where)} order by ${orderBy(q.sort, ROOM_SORTS, 'b.name, f.level, r.number')} limit ${size} offset ${(q.page - 1) * size}`,
    );
    return { total: num(n), items: rows.map(this.roomView) };
  }

  /** A room in the caller's scope (404 otherwise). */
  async roomRow(db: Executor, ctx: AuthContext, id: number, permission: string = OP['office.read'], lock = false) {
    const rows = await queryRows<typeof officeRooms.$inferSelect & Record<string, unknown>>(
      db,
      sql`select id, floor_id as "floorId", building_id as "buildingId", site_id as "siteId", org_id as "orgId", number,
            use_class as "useClass", use_type as "useType", area, status, single_occupant as "singleOccupant",
            suite_of_id as "suiteOfId", note, active, tenant_id as "tenantId"
          from office_rooms where id = ${id} and tenant_id = ${ctx.tenantId} ${lock ? sql`for update` : sql``}`,
    );
    const r = rows[0];
    if (!r) throw notFound('room');
    await assertOrgInScope(db, ctx, permission, r.orgId).catch(() => {
      throw notFound('room');
    });
    return { ...r, area: num(r.area) };
  }

  async room(ctx: AuthContext, id: number) {
    await this.roomRow(this.db, ctx, id);
    const [row] = await queryRows<Record<string, unknown>>(this.db, this.roomSelect(sql`r.id = ${id}`));
    const history = await this.db
      .select()
      .from(officeRoomHistory)
      .where(eq(officeRoomHistory.roomId, id))
      .orderBy(desc(officeRoomHistory.effectiveFrom), desc(officeRoomHistory.id));
    const occ = await this.listOccupancies(ctx, { roomId: id, page: 1, pageSize: 200 });
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
    const floor = await this.floorRow(tx, ctx, floorId);
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
    const parent = await this.roomRow(tx, ctx, input.suiteOfId, OP['office.write']).catch(() => null);
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
      const before = await this.roomRow(tx, ctx, id, OP['office.write'], true);
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
      const before = await this.roomRow(tx, ctx, id, OP['office.write'], true);
      const [occ] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from office_occupancies oc where oc.room_id = ${id} and ${currentOn(today())}`,
      );
      if (num(occ?.n) > 0) throw conflict('IN_USE');
      await tx.update(officeRooms).set({ active: false, updatedAt: new Date() }).where(eq(officeRooms.id, id));
      await writeAudit(tx, ctx.auditActor(), { action: 'delete', entityType: 'office_room', entityId: id, orgId: before.orgId, before });
    });
  }

  // ---------- occupancy ----------
  async listOccupancies(ctx: AuthContext, q: z.infer<typeof ZOccupancyQuerySchema>, limit?: number) {
    const scope = await scopeOn(this.db, ctx, OP['office.read'], sql`oc.org_id`, q.orgId);
    const roomScope = inScope(ctx, OP['office.read'], sql`r.org_id`);
    const conds = [
      sql`(${scope} or ${roomScope})`,
      q.roomId ? sql`oc.room_id = ${q.roomId}` : undefined,
      q.personId ? sql`oc.person_id = ${q.personId}` : undefined,
      q.current === 'true' ? currentOn(today()) : undefined,
      q.current === 'false' ? sql`oc.end_date < ${today()}::date` : undefined,
    ].filter((x): x is ReturnType<typeof sql> => Boolean(x));
    const where = sql.join(conds, sql` and `);
    const from = sql`from office_occupancies oc join office_rooms r on r.id = oc.room_id join people p on p.id = oc.person_id
                     join office_buildings b on b.id = r.building_id left join orgs o on o.id = oc.org_id`;
    const [c] = await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n ${from} where ${where}`);
    const size = limit ?? q.pageSize;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select oc.id, oc.person_id, p.name as person_name, p.status as person_status, p.post_level, oc.room_id, r.number as room_number,
            b.name as building_name, oc.org_id, o.name as org_name, oc.kind, oc.start_date::text, oc.end_date::text, oc.note
          ${from} where ${where}
          order by ${orderBy(q.sort, { startDate: 'oc.start_date', personName: 'p.name', roomNumber: 'r.number', orgName: 'o.name' }, 'oc.start_date desc, oc.id desc')}
          limit ${size} offset ${(q.page - 1) * size}`,
    );
    return {
      total: num(c?.n),
      items: rows.map((r) => ({
        id: num(r.id),
        personId: num(r.person_id),
        personName: String(r.person_name),
        personStatus: String(r.person_status),
        postLevel: String(r.post_level),
        roomId: num(r.room_id),
        roomNumber: String(r.room_number),
        buildingName: String(r.building_name),
        orgId: num(r.org_id),
        orgName: (r.org_name as string) ?? null,
        kind: r.kind as 'primary',
        startDate: String(r.start_date),
        endDate: (r.end_date as string) ?? null,
        note: (r.note as string) ?? null,
      })),
    };
  }

  /**
   * Assigns a room. Locks the room and the person rows first, so two concurrent assignments
   * are checked one after the other and cannot both pass.
   */
  async createOccupancy(ctx: AuthContext, input: z.infer<typeof ZOccupancyCreateSchema>, tx0?: Executor) {
    ctx.require(OP['office.write']);
    const run = async (tx: Executor) => {
      const room = await this.roomRow(tx, ctx, input.roomId, OP['office.write'], true);
      if (!room.active) throw badRequest(M.OFFICE_ROOM_INACTIVE, { room: room.number });
      const [person] = await queryRows<{ id: number; name: string; org_id: number; status: string; tenant_id: number }>(
        tx,
        sql`select id, name, org_id, status, tenant_id from people where id = ${input.personId} for update`,
      );
      if (!person || person.tenant_id !== ctx.tenantId) throw notFound('person');
      await assertOrgInScope(tx, ctx, OP['office.write'], person.org_id).catch(() => {
        throw notFound('person');
      });
      if (person.status !== 'active')
        throw badRequest(M.OFFICE_PERSON_INACTIVE, {
          person: person.name,
          status: ctx.locale === 'en' ? person.status : person.status === 'retired' ? '退休' : '调离',
        });
      const end = input.endDate ?? '9999-12-31';
      if (room.singleOccupant) {
        const [clash] = await queryRows<{ name: string; start_date: string }>(
          tx,
          sql`select p.name, oc.start_date::text from office_occupancies oc join people p on p.id = oc.person_id
              where oc.room_id = ${room.id} and oc.start_date <= ${end}::date and coalesce(oc.end_date, '9999-12-31') >= ${input.startDate}::date limit 1`,
        );
        if (clash) throw conflict(M.OFFICE_OCCUPANCY_OVERLAP, { room: room.number, person: clash.name, from: clash.start_date });
      }
      if (input.kind === 'primary') {
        const [other] = await queryRows<{ number: string; start_date: string }>(
          tx,
          sql`select r.number, oc.start_date::text from office_occupancies oc join office_rooms r on r.id = oc.room_id
              where oc.person_id = ${person.id} and oc.kind = 'primary'
                and oc.start_date <= ${end}::date and coalesce(oc.end_date, '9999-12-31') >= ${input.startDate}::date limit 1`,
        );
        if (other) throw conflict(M.OFFICE_SECOND_PRIMARY, { person: person.name, room: other.number, from: other.start_date });
      }
      const [row] = await tx
        .insert(officeOccupancies)
        .values({
          tenantId: ctx.tenantId,
          roomId: room.id,
          personId: person.id,
          orgId: person.org_id,
          kind: input.kind,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          note: input.note ?? null,
        })
        .returning();
      if (room.status === 'idle')
        await tx.update(officeRooms).set({ status: 'in_use', updatedAt: new Date() }).where(eq(officeRooms.id, room.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_occupancy',
        entityId: row!.id,
        orgId: person.org_id,
        summary: `${person.name} → ${room.number}`,
        after: row,
      });
      return row!;
    };
    const row = tx0 ? await run(tx0) : await this.db.transaction(run);
    if (tx0) return null;
    return (await this.listOccupancies(ctx, { page: 1, pageSize: 1, personId: row.personId, roomId: row.roomId })).items.find(
      (o) => o.id === row.id,
    )!;
  }

  /** Ends an occupancy (the room is recovered) or records the day a concurrent post ended. */
  async updateOccupancy(
    ctx: AuthContext,
    id: number,
    input: { endDate?: string | null; postEndedOn?: string | null; note?: string | null },
  ) {
    ctx.require(OP['office.write']);
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(officeOccupancies)
        .where(and(eq(officeOccupancies.id, id), eq(officeOccupancies.tenantId, ctx.tenantId)));
      if (!before) throw notFound('occupancy');
      await this.roomRow(tx, ctx, before.roomId, OP['office.write'], true);
      if (input.endDate && input.endDate < before.startDate)
        throw validationFailed([{ field: 'endDate', message: ctx.locale === 'en' ? 'is before the start date' : '早于开始日期' }]);
      const [row] = await tx.update(officeOccupancies).set(input).where(eq(officeOccupancies.id, id)).returning();
      await this.idleIfEmpty(tx, before.roomId);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_occupancy',
        entityId: id,
        orgId: before.orgId,
        before,
        after: row,
      });
    });
    return { ok: true as const };
  }

  idleIfEmpty(tx: Executor, roomId: number) {
    return idleIfEmpty(tx, roomId);
  }

  async floorsOfBuilding(buildingId: number) {
    return this.db.select().from(officeFloors).where(eq(officeFloors.buildingId, buildingId)).orderBy(asc(officeFloors.level));
  }
}

/** A room nobody uses any more is idle (闲置), which makes it visible for reallocation. */
export async function idleIfEmpty(tx: Executor, roomId: number) {
  const [occ] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from office_occupancies oc where oc.room_id = ${roomId} and ${currentOn(today())}`,
  );
  if (num(occ?.n) === 0)
    await tx
      .update(officeRooms)
      .set({ status: 'idle', updatedAt: new Date() })
      .where(and(eq(officeRooms.id, roomId), eq(officeRooms.status, 'in_use'), eq(officeRooms.useClass, 'office')));
}
