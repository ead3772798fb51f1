import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZAllocationCreateSchema, ZAllocationQuerySchema } from '../../../contracts/modules/office-space';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  notFound,
  queryRows,
  type BusinessType,
  writeAudit,
  statusHooks,
  num,
  bureauLeader,
  bureauReview,
  when,
  defineApprovalSummary,
} from '../../core';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, scopeOn, today } from './office.repository';
import { officeAllocations, officeRoomHistory, officeRooms } from './office.schema';
import { round2 } from './standards';

export const ALLOCATION_TYPE = 'office_allocation';
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

type AssignedRoom = {
  roomId: number;
  number: string;
  area: number;
  useClass: 'office';
  buildingName: string;
  fromOrgId: number;
  fromOrgName: string | null;
};

/**
 * Rooms the bureau may hand over: active, idle, nobody in them today. Read under row locks
 * so that two allocations approved at the same moment cannot both take one room: the second
 * waits for the first to commit and then finds the room no longer idle.
 */
async function lockIdleRooms(
  tx: Executor,
  ctx: AuthContext,
  roomIds: number[],
  forOrgId: number,
  checkScope = true,
): Promise<AssignedRoom[]> {
  const ids = [...new Set(roomIds)];
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select r.id, r.number, r.area, r.use_class, r.status, r.active, r.org_id, r.tenant_id, b.name as building_name,
          o.name as org_name, o.path as org_path,
          (select count(*)::int from office_occupancies oc where oc.room_id = r.id and ${currentOn(today())}) as occupants
        from office_rooms r join office_buildings b on b.id = r.building_id join orgs o on o.id = r.org_id
        where r.id in ${ids} order by r.id for update of r`,
  );
  const byId = new Map(rows.map((r) => [num(r.id), r]));
  const out: AssignedRoom[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    // Rooms outside the assigner's scope do not exist for them. At the final approval the
    // engine has already decided who may approve (a leader may sign without office.manage).
    if (!r || num(r.tenant_id) !== ctx.tenantId) throw notFound('room');
    if (checkScope && !ctx.covers(OP['office.manage'], { id: num(r.org_id), path: String(r.org_path) })) throw notFound('room');
    const why =
      !r.active || r.status !== 'idle'
        ? ctx.locale === 'en'
          ? `room ${r.number} is not idle`
          : `房间 ${r.number} 不是闲置状态`
        : num(r.occupants) > 0
          ? ctx.locale === 'en'
            ? `room ${r.number} still has occupants`
            : `房间 ${r.number} 仍有人使用`
          : num(r.org_id) === forOrgId
            ? ctx.locale === 'en'
              ? `room ${r.number} already belongs to the unit`
              : `房间 ${r.number} 已属于申请单位`
            : null;
    if (why) throw badRequest(M.OFFICE_ALLOCATION_INVALID, { reason: why });
    out.push({
      roomId: id,
      number: String(r.number),
      area: num(r.area),
      useClass: r.use_class as 'office',
      buildingName: String(r.building_name),
      fromOrgId: num(r.org_id),
      fromOrgName: (r.org_name as string) ?? null,
    });
  }
  return out;
}

/** Final approval: the assigned rooms pass to the unit and go into use, each with its history. */
async function apply(tx: Executor, inst: ApprovalInstance, ctx: AuthContext) {
  const id = Number(inst.businessId);
  const [a] = await tx.select().from(officeAllocations).where(eq(officeAllocations.id, id));
  if (!a) throw notFound('office_allocation');
  const assigned = a.rooms as AssignedRoom[];
  if (!assigned.length)
    throw badRequest(M.OFFICE_ALLOCATION_INVALID, {
      reason: ctx.locale === 'en' ? 'assign rooms before approving' : '请先指定调配的房间再审批',
    });
  // Checked again as the approver: a room may have been taken since it was assigned.
  const rooms = await lockIdleRooms(
    tx,
    ctx,
    assigned.map((r) => r.roomId),
    a.orgId,
    false,
  );
  const [unit] = await queryRows<{ name: string }>(tx, sql`select name from orgs where id = ${a.orgId}`);
  const day = today();
  for (const r of rooms) {
    const [row] = await tx
      .update(officeRooms)
      .set({ orgId: a.orgId, status: 'in_use', updatedAt: new Date() })
      .where(eq(officeRooms.id, r.roomId))
      .returning();
    await tx.insert(officeRoomHistory).values({
      roomId: r.roomId,
      area: row!.area,
      useClass: row!.useClass,
      useType: row!.useType,
      status: 'in_use',
      effectiveFrom: day,
      reason: `调配：由 ${r.fromOrgName ?? r.fromOrgId} 调配给 ${unit?.name ?? a.orgId}（调配#${id}）`,
      changedBy: ctx.account.id,
    });
  }
  await tx.update(officeAllocations).set({ status: 'approved', appliedAt: new Date() }).where(eq(officeAllocations.id, id));
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'office_allocation',
    entityId: id,
    orgId: a.orgId,
    summary: `allocated ${rooms.map((r) => r.number).join(', ')} (${round2(rooms.reduce((s, r) => s + r.area, 0))} m²)`,
    before: { status: a.status, owners: rooms.map((r) => ({ roomId: r.roomId, orgId: r.fromOrgId })) },
    after: { status: 'approved', orgId: a.orgId },
  });
}

export const OFFICE_ALLOCATION_BUSINESS_TYPE: BusinessType = {
  type: ALLOCATION_TYPE,
  nameZh: '办公用房调配',
  nameEn: 'Office-space allocation',
  defaultFlow: {
    nameZh: '办公用房调配审批',
    nameEn: 'Office-space allocation approval',
    // The bureau's administrator assigns rooms and approves; large allocations also go to a
    // bureau leader (the threshold is a condition of this flow, editable in the flow designer).
    steps: [
      bureauReview({ nameZh: '机关事务局审核并指定房间', nameEn: 'Bureau review and room assignment' }),
      bureauLeader({ condition: when('requestedArea', 'gte', 200) }),
    ],
  },
  ...statusHooks('office_allocations', 'office_allocation'),
  summary: defineApprovalSummary({
    fields: {
      useClass: {
        zh: '用途',
        en: 'Use',
        values: {
          office: { zh: '办公室', en: 'Office' },
          service: { zh: '服务用房', en: 'Service room' },
          equipment: { zh: '设备用房', en: 'Equipment room' },
          auxiliary: { zh: '附属用房', en: 'Ancillary room' },
        },
      },
      headcount: { zh: '人数', en: 'Headcount', kind: 'number', unit: { zh: '人', en: 'people' } },
      requestedArea: { zh: '申请面积', en: 'Requested area', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
    },
  }),
  link: (id) => `/office/allocations?id=${id}`,
  onApproved: apply,
};

/** 调配: requests for space, room assignment by the bureau, lists. */
export class AllocationService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZAllocationCreateSchema>) {
    ctx.require(OP['office.request']);
    const id = await this.core.db.transaction(async (tx) => {
      const unit = await assertOrgInScope(tx, ctx, OP['office.request'], input.orgId);
      let rooms: AssignedRoom[] = [];
      if (input.roomIds?.length) {
        ctx.require(OP['office.manage']);
        rooms = await lockIdleRooms(tx, ctx, input.roomIds, input.orgId);
      }
      const [row] = await tx
        .insert(officeAllocations)
        .values({
          tenantId: ctx.tenantId,
          orgId: input.orgId,
          useClass: input.useClass,
          requestedArea: input.requestedArea,
          headcount: input.headcount,
          reason: input.reason,
          neededBy: input.neededBy ?? null,
          rooms,
          assignedArea: round2(rooms.reduce((s, r) => s + r.area, 0)),
          assignedBy: rooms.length ? ctx.account.id : null,
          createdBy: ctx.account.id,
        })
        .returning();
      const [o] = await queryRows<{ name: string }>(tx, sql`select name from orgs where id = ${unit.id}`);
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: ALLOCATION_TYPE,
        businessId: row!.id,
        title: {
          zh: `${o?.name ?? ''} 申请调配办公用房 ${input.requestedArea} ㎡`,
          en: `${o?.name ?? ''}: office space requested, ${input.requestedArea} m²`,
        },
        orgId: input.orgId,
        facts: { requestedArea: input.requestedArea, headcount: input.headcount, useClass: input.useClass },
      });
      await tx.update(officeAllocations).set({ instanceId: inst.id, status: inst.status }).where(eq(officeAllocations.id, row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_allocation',
        entityId: row!.id,
        orgId: input.orgId,
        after: input,
      });
      return row!.id;
    });
    return this.get(ctx, id);
  }

  /** The bureau names the rooms while the request is pending (before it approves). */
  async assign(ctx: AuthContext, id: number, roomIds: number[]) {
    ctx.require(OP['office.manage']);
    await this.core.db.transaction(async (tx) => {
      const [a] = await queryRows<{ org_id: number; status: string; rooms: AssignedRoom[] }>(
        tx,
        sql`select org_id, status, rooms from office_allocations where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
      );
      if (!a) throw notFound('office_allocation');
      await assertOrgInScope(tx, ctx, OP['office.read'], num(a.org_id)).catch(() => {
        throw notFound('office_allocation');
      });
      if (a.status !== 'pending')
        throw badRequest(M.OFFICE_ALLOCATION_INVALID, {
          reason: ctx.locale === 'en' ? 'the request is no longer pending' : '申请已不在审批中',
        });
      const rooms = await lockIdleRooms(tx, ctx, roomIds, num(a.org_id));
      await tx
        .update(officeAllocations)
        .set({ rooms, assignedArea: round2(rooms.reduce((s, r) => s + r.area, 0)), assignedBy: ctx.account.id })
        .where(eq(officeAllocations.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_allocation',
        entityId: id,
        orgId: num(a.org_id),
        summary: `assigned ${rooms.map((r) => r.number).join(', ')}`,
        before: { rooms: a.rooms.map((r) => r.roomId) },
        after: { rooms: rooms.map((r) => r.roomId) },
      });
    });
    return this.get(ctx, id);
  }

  private async unitFigures(db: Executor, orgIds: number[]) {
    if (!orgIds.length) return new Map<number, { officeArea: number; staffing: number; headcount: number }>();
    const rows = await queryRows<{ id: number; staffing: number; headcount: number; office_area: string }>(
      db,
      sql`select o.id, coalesce(o.staffing, 0)::int as staffing,
            (select count(*)::int from people p where p.org_id = o.id and p.status = 'active') as headcount,
            (select coalesce(sum(r.area), 0) from office_rooms r where r.org_id = o.id and r.active and r.use_class = 'office'
               and r.status not in ('rented_out','lent_out')) as office_area
          from orgs o where o.id in ${orgIds}`,
    );
    return new Map(
      rows.map((r) => [num(r.id), { officeArea: num(r.office_area), staffing: num(r.staffing), headcount: num(r.headcount) }]),
    );
  }

  private async views(db: Executor, rows: Record<string, unknown>[]) {
    const figures = await this.unitFigures(db, [...new Set(rows.map((r) => num(r.org_id)))]);
    return rows.map((r) => {
      const f = figures.get(num(r.org_id)) ?? { officeArea: 0, staffing: 0, headcount: 0 };
      const rooms = r.rooms as AssignedRoom[];
      const approved = r.status === 'approved';
      // Once approved the rooms are already in the unit's figures.
      const adding = approved ? 0 : rooms.filter((x) => x.useClass === 'office').reduce((s, x) => s + x.area, 0);
      const per = (area: number) => (f.headcount ? round2(area / f.headcount) : null);
      return {
        id: num(r.id),
        orgId: num(r.org_id),
        orgName: (r.org_name as string) ?? null,
        useClass: r.use_class as 'office',
        requestedArea: num(r.requested_area),
        headcount: num(r.headcount),
        reason: String(r.reason),
        neededBy: r.needed_by ? String(r.needed_by instanceof Date ? r.needed_by.toISOString() : r.needed_by).slice(0, 10) : null,
        rooms,
        assignedArea: num(r.assigned_area),
        status: String(r.status),
        instanceId: r.instance_id === null ? null : num(r.instance_id),
        appliedAt: iso(r.applied_at),
        createdAt: iso(r.created_at)!,
        unit: {
          officeArea: round2(f.officeArea),
          staffing: f.staffing,
          headcount: f.headcount,
          perCapita: per(f.officeArea),
          afterOfficeArea: round2(f.officeArea + adding),
          afterPerCapita: per(f.officeArea + adding),
        },
      };
    });
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZAllocationQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, OP['office.read'], sql`a.org_id`, q.orgId);
    const where = sql.join(
      [scope, q.status ? sql`a.status = ${q.status}` : undefined].filter((x): x is ReturnType<typeof sql> => Boolean(x)),
      sql` and `,
    );
    const order =
      q.sort === 'requestedArea' ? sql`a.requested_area` : q.sort === '-requestedArea' ? sql`a.requested_area desc` : sql`a.id desc`;
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from office_allocations a where ${where}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select a.*, o.name as org_name from office_allocations a left join orgs o on o.id = a.org_id
          where ${where} order by ${order}, a.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: await this.views(db, rows) };
  }

  async get(ctx: AuthContext, id: number) {
    const db = this.core.db;
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select a.*, o.name as org_name from office_allocations a left join orgs o on o.id = a.org_id
          where a.id = ${id} and a.tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('office_allocation');
    await assertOrgInScope(db, ctx, OP['office.read'], num(r.org_id)).catch(() => {
      throw notFound('office_allocation');
    });
    return (await this.views(db, [r]))[0]!;
  }

  /** Idle rooms the bureau can hand over (for the assignment picker), largest first. */
  async idleRooms(ctx: AuthContext, q: { useClass?: string; minArea?: number }) {
    ctx.require(OP['office.manage']);
    const scope = await scopeOn(this.core.db, ctx, OP['office.manage'], sql`r.org_id`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select r.id, r.number, r.area, r.use_class, b.name as building_name, f.name as floor_name, o.name as org_name, r.org_id
          from office_rooms r join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id
          join orgs o on o.id = r.org_id
          where ${scope} and r.active and r.status = 'idle'
            and not exists (select 1 from office_occupancies oc where oc.room_id = r.id and ${currentOn(today())})
            ${q.useClass ? sql`and r.use_class = ${q.useClass}` : sql``}
            ${q.minArea ? sql`and r.area >= ${q.minArea}` : sql``}
          order by r.area desc, b.name, r.number limit 500`,
    );
    return rows.map((r) => ({
      roomId: num(r.id),
      number: String(r.number),
      area: num(r.area),
      useClass: r.use_class as 'office',
      buildingName: String(r.building_name),
      floorName: String(r.floor_name),
      orgId: num(r.org_id),
      orgName: String(r.org_name),
    }));
  }
}
