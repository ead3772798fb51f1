import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TRepairSnapshot,
  ZRepairCreateSchema,
  ZRepairFilingSchema,
  ZRepairProgressSchema,
  ZRepairQuerySchema,
} from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  notFound,
  queryRows,
  type BusinessType,
  writeAudit,
  statusHooks,
  num,
  bureauLeader,
  bureauReview,
  when,
  toYuan,
  toYuanOrNull,
  defineApprovalSummary,
  formatYuan,
} from '../../core';
import { computeCompliance, loadAreaRule } from './compliance.service';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, scopeOn, today } from './office.repository';
import { officeBuildings, officeRepairs, officeRoomHistory, officeRooms } from './office.schema';
import { round2 } from './standards';

export const REPAIR_TYPE = 'office_repair';
export const REPAIR_FILES = 'office_repair';
const day = (v: unknown) => (v === null || v === undefined ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
const KIND_ZH = { major: '大修', medium: '中修', routine: '日常维修' } as const;
const KIND_EN = { major: 'major repair', medium: 'medium repair', routine: 'routine repair' } as const;
type Kind = keyof typeof KIND_ZH;

/**
 * The area rule caps what a repair may add: a 大修 up to `majorRepairMaxAreaIncrease` of the
 * building's floor area, other repairs nothing. Checked on the plan and again on the filing.
 */
export function repairAreaCap(kind: Kind, grossBefore: number, share: number): number {
  return kind === 'major' ? round2(grossBefore * share) : 0;
}

async function capCheck(db: Executor, ctx: AuthContext, kind: Kind, grossBefore: number, added: number) {
  const { rule } = await loadAreaRule(db);
  const share = Number((rule as { majorRepairMaxAreaIncrease?: number }).majorRepairMaxAreaIncrease ?? 0);
  const max = repairAreaCap(kind, grossBefore, share);
  if (round2(added) > max)
    throw badRequest(M.OFFICE_REPAIR_AREA_CAP, {
      kind: ctx.locale === 'en' ? KIND_EN[kind] : KIND_ZH[kind],
      added: round2(added),
      max,
      gross: grossBefore,
      share: kind === 'major' ? round2(share * 100) : 0,
    });
}

/** The unit's part of the building as it stands: gross area, its rooms, its leaders' offices. */
async function snapshot(db: Executor, buildingId: number, orgId: number): Promise<TRepairSnapshot> {
  const [b] = await queryRows<{ gross_area: string }>(db, sql`select gross_area from office_buildings where id = ${buildingId}`);
  const rooms = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.number, f.name as floor_name, r.area, r.use_class, r.use_type
        from office_rooms r join office_floors f on f.id = r.floor_id
        where r.building_id = ${buildingId} and r.org_id = ${orgId} and r.active order by f.level, r.number`,
  );
  const byClass: Record<string, number> = { office: 0, service: 0, equipment: 0, auxiliary: 0 };
  for (const r of rooms) byClass[String(r.use_class)] = round2((byClass[String(r.use_class)] ?? 0) + num(r.area));
  const { items } = await computeCompliance(
    db,
    sql`p.id in (select oc.person_id from office_occupancies oc join office_rooms r on r.id = oc.room_id
                 where r.building_id = ${buildingId} and r.org_id = ${orgId} and ${currentOn(today())})`,
  );
  return {
    grossArea: num(b?.gross_area),
    byClass,
    rooms: rooms.map((r) => ({
      roomId: num(r.id),
      number: String(r.number),
      floorName: String(r.floor_name),
      area: num(r.area),
      useClass: String(r.use_class),
      useType: (r.use_type as string) ?? null,
    })),
    leaders: items
      .filter((i) => i.leader)
      .map((i) => ({
        personName: i.name,
        post: i.postTitle,
        roomNumber: i.rooms.map((r) => r.number).join('、'),
        area: i.actualArea,
        entitledArea: i.entitledArea,
      })),
  };
}

export const OFFICE_REPAIR_BUSINESS_TYPE: BusinessType = {
  type: REPAIR_TYPE,
  nameZh: '办公用房维修改造',
  nameEn: 'Office repair or refit',
  defaultFlow: {
    nameZh: '办公用房维修改造审批（项目确立）',
    nameEn: 'Office repair approval (project approval)',
    // 项目确立: the bureau approves every project; a large budget also needs a bureau leader
    // (the threshold, in yuan, is a condition of this flow and editable in the flow designer).
    steps: [bureauReview(), bureauLeader({ condition: when('budget', 'gte', 1_000_000) })],
  },
  ...statusHooks('office_repairs', 'office_repair'),
  summary: defineApprovalSummary({
    fields: {
      kind: {
        zh: '维修类别',
        en: 'Kind',
        values: {
          major: { zh: '大修', en: 'Major repair' },
          medium: { zh: '中修', en: 'Medium repair' },
          routine: { zh: '日常维修', en: 'Routine repair' },
        },
      },
      budget: { zh: '预算', en: 'Budget', kind: 'money' },
      addedArea: { zh: '新增面积', en: 'Added area', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
    },
  }),
  link: (id) => `/office/repairs?id=${id}`,
};

/**
 * 维修改造: 检查鉴定 (the assessment on the request) → 项目确立 (approval) → 计划 (the
 * planned period and budget) → 实施 (started) → 竣工验收 (completed, with the acceptance
 * note and cost) → 备案 (the unit files the building as it now stands; the registry follows).
 */
export class RepairService {
  constructor(private readonly core: CoreServices) {}

  private invalid(ctx: AuthContext, zh: string, en: string) {
    return badRequest(M.OFFICE_REPAIR_INVALID, { reason: ctx.locale === 'en' ? en : zh });
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZRepairCreateSchema>) {
    ctx.require(OP['office.request']);
    const id = await this.core.db.transaction(async (tx) => {
      await assertOrgInScope(tx, ctx, OP['office.request'], input.orgId);
      const [b] = await queryRows<{ id: number; name: string; gross_area: string; tenant_id: number }>(
        tx,
        sql`select id, name, gross_area, tenant_id from office_buildings where id = ${input.buildingId}`,
      );
      if (!b || num(b.tenant_id) !== ctx.tenantId) throw notFound('building');
      // The unit must have rooms in the building (or be the bureau, which manages every building).
      const [own] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from office_rooms where building_id = ${b.id} and org_id = ${input.orgId} and active`,
      );
      if (!num(own?.n) && !ctx.has(OP['office.manage'])) throw notFound('building');
      await capCheck(tx, ctx, input.kind, num(b.gross_area), input.addedArea);
      const [row] = await tx
        .insert(officeRepairs)
        .values({
          tenantId: ctx.tenantId,
          orgId: input.orgId,
          buildingId: b.id,
          kind: input.kind,
          title: input.title,
          assessment: input.assessment,
          scope: input.scope ?? null,
          budget: input.budget,
          addedArea: input.addedArea,
          plannedStart: input.plannedStart,
          plannedEnd: input.plannedEnd,
          createdBy: ctx.account.id,
        })
        .returning();
      if (input.fileIds.length) await this.core.files.attach(tx, ctx, input.fileIds, REPAIR_FILES, String(row!.id));
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: REPAIR_TYPE,
        businessId: row!.id,
        title: {
          zh: `${b.name} ${KIND_ZH[input.kind]}：${input.title}（预算 ${formatYuan(input.budget)}）`,
          en: `${b.name} ${KIND_EN[input.kind]}: ${input.title} (budget ${formatYuan(input.budget)})`,
        },
        orgId: input.orgId,
        facts: { budget: input.budget, kind: input.kind, addedArea: input.addedArea },
      });
      await tx.update(officeRepairs).set({ instanceId: inst.id, status: inst.status }).where(eq(officeRepairs.id, row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_repair',
        entityId: row!.id,
        orgId: input.orgId,
        after: input,
      });
      return row!.id;
    });
    return this.get(ctx, id);
  }

  private async load(tx: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select * from office_repairs where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
    );
    if (!r) throw notFound('office_repair');
    await assertOrgInScope(tx, ctx, OP['office.request'], num(r.org_id)).catch(() => {
      throw notFound('office_repair');
    });
    return r;
  }

  /** 实施 and 竣工验收, in order; each with its date (never before the last step's). */
  async progress(ctx: AuthContext, id: number, input: z.infer<typeof ZRepairProgressSchema>) {
    ctx.require(OP['office.request']);
    await this.core.db.transaction(async (tx) => {
      const r = await this.load(tx, ctx, id);
      const from = input.action === 'start' ? 'approved' : 'in_progress';
      if (r.status !== from)
        throw this.invalid(
          ctx,
          input.action === 'start' ? '只有已批准的项目可以开工' : '只有实施中的项目可以竣工验收',
          input.action === 'start' ? 'only an approved project can start' : 'only a project in progress can be completed',
        );
      const set: Partial<typeof officeRepairs.$inferInsert> = {};
      if (input.action === 'start') {
        set.status = 'in_progress';
        set.startedOn = input.date;
      } else {
        if (input.date < day(r.started_on)!) throw this.invalid(ctx, '竣工日期不能早于开工日期', 'completion cannot be before the start');
        if (!input.acceptanceNote || input.actualCost === undefined)
          throw this.invalid(ctx, '竣工验收须填写验收结论和实际费用', 'completion needs the acceptance conclusion and the actual cost');
        set.status = 'completed';
        set.completedOn = input.date;
        set.actualCost = input.actualCost;
        set.acceptanceNote = input.acceptanceNote;
      }
      await tx.update(officeRepairs).set(set).where(eq(officeRepairs.id, id));
      if (input.fileIds.length) await this.core.files.attach(tx, ctx, input.fileIds, REPAIR_FILES, String(id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_repair',
        entityId: id,
        orgId: num(r.org_id),
        before: { status: r.status },
        after: set,
      });
    });
    return this.get(ctx, id);
  }

  /**
   * 备案: the unit files the building as it stands after the works. The registry takes the
   * new areas and uses (each with its dated history), rooms the works created are added and
   * removed ones retired; the filing keeps the state before and after.
   */
  async file(ctx: AuthContext, id: number, input: z.infer<typeof ZRepairFilingSchema>) {
    ctx.require(OP['office.request']);
    await this.core.db.transaction(async (tx) => {
      const r = await this.load(tx, ctx, id);
      if (r.status !== 'completed') throw this.invalid(ctx, '竣工验收后才能备案', 'file after the completion acceptance');
      const orgId = num(r.org_id);
      const buildingId = num(r.building_id);
      const [b] = await queryRows<{ gross_area: string; tenant_id: number; site_id: number }>(
        tx,
        sql`select gross_area, tenant_id, site_id from office_buildings where id = ${buildingId} for update`,
      );
      const grossBefore = num(b!.gross_area);
      await capCheck(tx, ctx, r.kind as Kind, grossBefore, input.grossArea - grossBefore);
      const before = await snapshot(tx, buildingId, orgId);
      const d = today();
      const reason = `维修备案#${id}（${KIND_ZH[r.kind as Kind]}）`;
      const history = (row: typeof officeRooms.$inferSelect, why: string) =>
        tx.insert(officeRoomHistory).values({
          roomId: row.id,
          area: row.area,
          useClass: row.useClass,
          useType: row.useType,
          status: row.status,
          effectiveFrom: d,
          reason: why,
          changedBy: ctx.account.id,
        });
      for (const room of input.rooms) {
        if (room.roomId) {
          const [cur] = await tx.select().from(officeRooms).where(eq(officeRooms.id, room.roomId)).for('update');
          if (!cur || cur.buildingId !== buildingId || cur.orgId !== orgId || !cur.active) throw notFound('room');
          if (room.removed) {
            const [occ] = await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from office_occupancies oc where oc.room_id = ${cur.id} and ${currentOn(d)}`,
            );
            if (num(occ?.n)) throw this.invalid(ctx, `房间 ${cur.number} 仍有人使用，不能撤销`, `room ${cur.number} still has occupants`);
            const [row] = await tx
              .update(officeRooms)
              .set({ active: false, updatedAt: new Date() })
              .where(eq(officeRooms.id, cur.id))
              .returning();
            await history(row!, `${reason}：拆除/并入`);
            continue;
          }
          const changed =
            cur.area !== room.area || cur.useClass !== room.useClass || (cur.useType ?? '') !== room.useType || cur.number !== room.number;
          if (!changed) continue;
          if (cur.number !== room.number) await this.numberFree(tx, cur.floorId, room.number, cur.id);
          const [row] = await tx
            .update(officeRooms)
            .set({ area: room.area, useClass: room.useClass, useType: room.useType, number: room.number, updatedAt: new Date() })
            .where(eq(officeRooms.id, cur.id))
            .returning();
          await history(row!, reason);
        } else {
          if (room.removed) continue;
          if (!room.floorId)
            throw badRequest(
              'VALIDATION_FAILED',
              { fields: 'rooms.floorId' },
              {
                fields: [{ field: 'rooms.floorId', message: ctx.locale === 'en' ? 'a new room needs its floor' : '新增房间须指定楼层' }],
              },
            );
          const [f] = await queryRows<{ building_id: number }>(tx, sql`select building_id from office_floors where id = ${room.floorId}`);
          if (!f || num(f.building_id) !== buildingId) throw notFound('floor');
          await this.numberFree(tx, room.floorId, room.number, 0);
          const [row] = await tx
            .insert(officeRooms)
            .values({
              tenantId: ctx.tenantId,
              floorId: room.floorId,
              buildingId,
              siteId: num(b!.site_id),
              orgId,
              number: room.number,
              useClass: room.useClass,
              useType: room.useType,
              area: room.area,
              status: 'idle',
              note: reason,
            })
            .returning();
          await history(row!, `${reason}：新增`);
        }
      }
      await tx.update(officeBuildings).set({ grossArea: input.grossArea }).where(eq(officeBuildings.id, buildingId));
      const after = await snapshot(tx, buildingId, orgId);
      await tx
        .update(officeRepairs)
        .set({ status: 'filed', filingBefore: before, filingAfter: after, filedAt: new Date(), filedBy: ctx.account.id })
        .where(eq(officeRepairs.id, id));
      if (input.fileIds.length) await this.core.files.attach(tx, ctx, input.fileIds, REPAIR_FILES, String(id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_repair',
        entityId: id,
        orgId,
        summary: `filed: gross ${grossBefore} → ${input.grossArea} m², ${input.rooms.length} room change(s)`,
        before: { status: 'completed', grossArea: grossBefore },
        after: { status: 'filed', grossArea: input.grossArea, rooms: input.rooms },
      });
    });
    return this.get(ctx, id);
  }

  private async numberFree(tx: Executor, floorId: number, number: string, exceptId: number) {
    const [taken] = await queryRows<{ id: number }>(
      tx,
      sql`select id from office_rooms where floor_id = ${floorId} and number = ${number} and active and id <> ${exceptId}`,
    );
    if (taken) throw conflict(M.OFFICE_ROOM_NUMBER_TAKEN, { number });
  }

  private view(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      buildingId: num(r.building_id),
      buildingName: String(r.building_name),
      buildingGrossArea: num(r.building_gross_area),
      kind: r.kind as Kind,
      title: String(r.title),
      assessment: String(r.assessment),
      scope: (r.scope as string) ?? null,
      budget: toYuan(r.budget as string),
      addedArea: num(r.added_area),
      plannedStart: day(r.planned_start)!,
      plannedEnd: day(r.planned_end)!,
      status: r.status as 'pending',
      instanceId: r.instance_id === null ? null : num(r.instance_id),
      startedOn: day(r.started_on),
      completedOn: day(r.completed_on),
      actualCost: toYuanOrNull(r.actual_cost as string | null),
      acceptanceNote: (r.acceptance_note as string) ?? null,
      filingBefore: (r.filing_before as TRepairSnapshot) ?? null,
      filingAfter: (r.filing_after as TRepairSnapshot) ?? null,
      filedAt: iso(r.filed_at),
      createdAt: iso(r.created_at)!,
    };
  }

  private select(where: ReturnType<typeof sql>) {
    return sql`select x.*, o.name as org_name, b.name as building_name, b.gross_area as building_gross_area
               from office_repairs x join office_buildings b on b.id = x.building_id left join orgs o on o.id = x.org_id
               where ${where}`;
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZRepairQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, OP['office.read'], sql`x.org_id`, q.orgId);
    const where = sql.join(
      [
        scope,
        q.status ? sql`x.status = ${q.status}` : undefined,
        q.kind ? sql`x.kind = ${q.kind}` : undefined,
        q.buildingId ? sql`x.building_id = ${q.buildingId}` : undefined,
      ].filter((x): x is ReturnType<typeof sql> => Boolean(x)),
      sql` and `,
    );
    const sorts: Record<string, ReturnType<typeof sql>> = {
      budget: sql`x.budget`,
      '-budget': sql`x.budget desc`,
      plannedStart: sql`x.planned_start`,
      '-plannedStart': sql`x.planned_start desc`,
    };
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from office_repairs x where ${where}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`${this.select(where)} order by ${sorts[q.sort ?? ''] ?? sql`x.id desc`}, x.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.view(r)) };
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(this.core.db, this.select(sql`x.id = ${id} and x.tenant_id = ${ctx.tenantId}`));
    if (!r) throw notFound('office_repair');
    await assertOrgInScope(this.core.db, ctx, OP['office.read'], num(r.org_id)).catch(() => {
      throw notFound('office_repair');
    });
    return this.view(r);
  }

  /** The unit's rooms in the building today, for the filing form. */
  async current(ctx: AuthContext, id: number) {
    const rep = await this.get(ctx, id);
    return snapshot(this.core.db, rep.buildingId, rep.orgId);
  }
}
