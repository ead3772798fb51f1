import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZBuildingCreateSchema,
  ZBuildingUpdateSchema,
  ZFloorCreateSchema,
  ZFloorUpdateSchema,
  ZSiteCreateSchema,
  ZSiteUpdateSchema,
} from '../../../contracts/modules/office-space';
import {
  AppError,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  conflict,
  inScope,
  notFound,
  queryRows,
  validationFailed,
  writeAudit,
  num,
} from '../../core';
import { OP } from './office.permissions';
import { scopeOn } from './office.repository';
import { officeBuildings, officeFloors, officeRooms, officeSites } from './office.schema';

/**
 * The places of the registry: sites → buildings → floors, with the drawn floor plans. A unit
 * that has rooms in a site or building another unit manages may read it, never change it;
 * a building's floors follow from its storeys; a plan may only link shapes to rooms on its floor.
 */
export class PlacesService {
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

  async floorsOfBuilding(buildingId: number) {
    return this.db.select().from(officeFloors).where(eq(officeFloors.buildingId, buildingId)).orderBy(asc(officeFloors.level));
  }
}
