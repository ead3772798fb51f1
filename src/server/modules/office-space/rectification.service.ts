import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TFloorPlan, TRectificationPayload, ZRectificationCreateSchema } from '../../../contracts/modules/office-space';
import {
  type ApprovalInstance,
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
  unitReview,
  when,
  addDays,
  defineApprovalSummary,
  INITIATOR_FACT,
} from '../../core';
import { computeCompliance } from './compliance.service';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, scopeOn, today } from './office.repository';
import { officeFloors, officeOccupancies, officeRectifications, officeRoomHistory, officeRooms } from './office.schema';
import { splitShapeForPartition } from './plan';
import { idleIfEmpty } from './occupancy.service';
import { type OccupiedRoom, assess, partitionFits, round2 } from './standards';

export const RECTIFICATION_TYPE = 'office_rectification';
const dayBefore = (d: string) => addDays(d, -1);

type Occ = { id: number; person_id: number; room_id: number; kind: string; start_date: string };

/**
 * 腾 / 调 / 合 / 隔. A request records the over-standard finding it fixes and the plan; the
 * plan is checked when requested and again when approved (the registry may have changed in
 * between), and is applied in the transaction that records the final approval: occupancy
 * ends and starts, rooms are partitioned or left idle, each with its dated history.
 */
/**
 * The rules of a plan (check and apply). They read and write only through the transaction
 * they are given, so the approval hooks work for any database the engine runs on.
 */
class RectificationRules {
  private invalid(ctx: AuthContext, zh: string, en: string) {
    return badRequest(M.OFFICE_MEASURE_INVALID, { reason: ctx.locale === 'en' ? en : zh });
  }

  private async currentOcc(tx: Executor, personIds: number[], day: string): Promise<Occ[]> {
    if (!personIds.length) return [];
    return queryRows<Occ>(
      tx,
      sql`select oc.id, oc.person_id, oc.room_id, oc.kind, oc.start_date::text from office_occupancies oc
          where oc.person_id in ${personIds} and ${currentOn(day)}`,
    );
  }

  private async roomFacts(tx: Executor, ids: number[], day: string) {
    if (!ids.length)
      return new Map<
        number,
        {
          id: number;
          number: string;
          area: number;
          occupants: number;
          active: boolean;
          single: boolean;
          floorId: number;
          orgId: number;
          useClass: string;
        }
      >();
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`select r.id, r.number, r.area, r.active, r.single_occupant, r.floor_id, r.org_id, r.use_class,
            (select count(*)::int from office_occupancies oc where oc.room_id = r.id and ${currentOn(day)}) as occupants
          from office_rooms r where r.id in ${ids} for update`,
    );
    return new Map(
      rows.map((r) => [
        num(r.id),
        {
          id: num(r.id),
          number: String(r.number),
          area: num(r.area),
          occupants: num(r.occupants),
          active: Boolean(r.active),
          single: Boolean(r.single_occupant),
          floorId: num(r.floor_id),
          orgId: num(r.org_id),
          useClass: String(r.use_class),
        },
      ]),
    );
  }

  /**
   * Checks the plan against today's registry and returns the person's assessment before and
   * after. A plan that does not reduce the excess is refused.
   */
  async check(tx: Executor, ctx: AuthContext, personId: number, payload: TRectificationPayload) {
    const day = today();
    const { items, rule } = await computeCompliance(tx, sql`p.id = ${personId}`);
    const finding = items[0];
    if (!finding) throw notFound('person');
    const occ = await this.currentOcc(tx, payload.measure === 'merge' ? [...new Set([personId, ...payload.personIds])] : [personId], day);
    const mine = occ.filter((o) => o.person_id === personId);
    const roomIds = [...new Set([...occ.map((o) => o.room_id), ...this.targetRooms(payload)])];
    const rooms = await this.roomFacts(tx, roomIds, day);
    const suites = await queryRows<{ suite_of_id: number; use_type: string; area: string }>(
      tx,
      sql`select suite_of_id, use_type, area from office_rooms where active and suite_of_id is not null`,
    );
    const suiteOf = (id: number) =>
      suites.filter((s) => num(s.suite_of_id) === id).map((s) => ({ useType: s.use_type, area: num(s.area) }));
    const occupied = (o: Occ): OccupiedRoom => {
      const r = rooms.get(o.room_id)!;
      return { roomId: r.id, number: r.number, area: r.area, occupants: r.occupants, kind: o.kind as 'primary', suite: suiteOf(r.id) };
    };
    let after: OccupiedRoom[] = mine.map(occupied);
    const holds = (roomId: number) => mine.some((o) => o.room_id === roomId);
    switch (payload.measure) {
      case 'vacate': {
        for (const id of payload.roomIds)
          if (!holds(id)) throw this.invalid(ctx, `此人未使用房间 ${id}`, `the person does not use room ${id}`);
        after = after.filter((r) => !payload.roomIds.includes(r.roomId));
        break;
      }
      case 'swap': {
        if (!holds(payload.fromRoomId)) throw this.invalid(ctx, '此人未使用调出房间', 'the person does not use the room to leave');
        const to = rooms.get(payload.toRoomId);
        if (!to?.active) throw notFound('room');
        await assertOrgInScope(tx, ctx, OP['office.read'], to.orgId).catch(() => {
          throw notFound('room');
        });
        if (payload.toRoomId === payload.fromRoomId) throw this.invalid(ctx, '调入与调出房间相同', 'the rooms are the same');
        if (to.single && to.occupants > 0)
          throw this.invalid(
            ctx,
            `房间 ${to.number} 是已有人使用的单人办公室`,
            `room ${to.number} is a single-occupant office already in use`,
          );
        after = after.filter((r) => r.roomId !== payload.fromRoomId);
        after.push({
          roomId: to.id,
          number: to.number,
          area: to.area,
          occupants: to.occupants + 1,
          kind: 'primary',
          suite: suiteOf(to.id),
        });
        break;
      }
      case 'merge': {
        if (!payload.personIds.includes(personId))
          throw this.invalid(ctx, '合并名单须包含整改对象本人', 'the list must include the person being rectified');
        const to = rooms.get(payload.toRoomId);
        if (!to?.active) throw notFound('room');
        await assertOrgInScope(tx, ctx, OP['office.read'], to.orgId).catch(() => {
          throw notFound('room');
        });
        if (to.single) throw this.invalid(ctx, '单人使用的领导办公室不能合用', 'a single-occupant office cannot be shared');
        for (const pid of payload.personIds) {
          const [p] = await queryRows<{ org_id: number }>(tx, sql`select org_id from people where id = ${pid} and status = 'active'`);
          if (!p) throw notFound('person');
          await assertOrgInScope(tx, ctx, OP['office.request'], p.org_id).catch(() => {
            throw notFound('person');
          });
        }
        const arriving = payload.personIds.filter((pid) => !occ.some((o) => o.person_id === pid && o.room_id === to.id)).length;
        after = after.filter((r) => r.kind !== 'primary');
        after.push({
          roomId: to.id,
          number: to.number,
          area: to.area,
          occupants: to.occupants + arriving,
          kind: 'primary',
          suite: suiteOf(to.id),
        });
        break;
      }
      case 'partition': {
        if (!holds(payload.roomId)) throw this.invalid(ctx, '此人未使用要分隔的房间', 'the person does not use the room to partition');
        const room = rooms.get(payload.roomId)!;
        if (payload.keepIndex >= payload.parts.length) throw this.invalid(ctx, '保留的分间序号超出范围', 'the kept part does not exist');
        const fit = partitionFits(room.area, payload.parts);
        if (!fit.ok) throw badRequest(M.OFFICE_PARTITION_AREA, { sum: fit.sum, area: room.area });
        const numbers = payload.parts.map((p) => p.number);
        if (new Set(numbers).size !== numbers.length) throw this.invalid(ctx, '分间房间号重复', 'part numbers repeat');
        const taken = await queryRows<{ number: string }>(
          tx,
          sql`select number from office_rooms where floor_id = ${room.floorId} and active and id <> ${room.id} and number in ${numbers}`,
        );
        if (taken.length) throw conflict(M.OFFICE_ROOM_NUMBER_TAKEN, { number: taken[0]!.number });
        const keep = payload.parts[payload.keepIndex]!;
        after = after.map((r) => (r.roomId === room.id ? { ...r, roomId: -1, number: keep.number, area: keep.area, suite: [] } : r));
        break;
      }
    }
    const projected = assess(rule, finding.agencyLevel, finding.postLevel, after);
    if (projected.excessArea >= finding.excessArea && finding.overStandard)
      throw this.invalid(
        ctx,
        `整改后仍超标 ${projected.excessArea} ㎡，未减少超标面积（现超标 ${finding.excessArea} ㎡）`,
        `the plan leaves ${projected.excessArea} m² over, not less than today's ${finding.excessArea} m²`,
      );
    return { finding, projected };
  }

  private targetRooms(p: TRectificationPayload): number[] {
    if (p.measure === 'swap') return [p.fromRoomId, p.toRoomId];
    if (p.measure === 'merge') return [p.toRoomId];
    if (p.measure === 'partition') return [p.roomId];
    return p.roomIds;
  }

  /** Runs inside the approval's transaction: the registry changes commit with the decision. */
  async apply(tx: Executor, inst: ApprovalInstance, ctx: AuthContext) {
    const id = Number(inst.businessId);
    const [rec] = await tx.select().from(officeRectifications).where(eq(officeRectifications.id, id));
    if (!rec) throw notFound('office_rectification');
    const payload = rec.payload as TRectificationPayload;
    // The registry may have changed since the request: check again, as the approver.
    const { finding } = await this.check(tx, ctx, rec.personId, payload);
    // The registry changes on the day of the final approval (the act that authorises them);
    // `effectiveDate` is the planned date the unit committed to and stays on the record.
    const day = today();
    const end = async (personIds: number[], roomIds: number[] | null) => {
      const occ = (await this.currentOcc(tx, personIds, day)).filter((o) => (roomIds ? roomIds.includes(o.room_id) : o.kind === 'primary'));
      for (const o of occ) {
        const endDate = dayBefore(day) < o.start_date ? o.start_date : dayBefore(day);
        await tx
          .update(officeOccupancies)
          .set({ endDate, note: `整改#${id}` })
          .where(eq(officeOccupancies.id, o.id));
      }
      return occ;
    };
    const start = async (personId: number, roomId: number) => {
      const [p] = await queryRows<{ org_id: number }>(tx, sql`select org_id from people where id = ${personId}`);
      await tx.insert(officeOccupancies).values({
        tenantId: rec.tenantId,
        roomId,
        personId,
        orgId: p!.org_id,
        kind: 'primary',
        startDate: day,
        note: `整改#${id}`,
      });
      await tx
        .update(officeRooms)
        .set({ status: 'in_use', updatedAt: new Date() })
        .where(and(eq(officeRooms.id, roomId), eq(officeRooms.status, 'idle')));
    };
    const idle = async (roomIds: number[]) => {
      for (const r of new Set(roomIds)) await idleIfEmpty(tx, r);
    };
    switch (payload.measure) {
      case 'vacate':
        await end([rec.personId], payload.roomIds);
        await idle(payload.roomIds);
        break;
      case 'swap':
        await end([rec.personId], [payload.fromRoomId]);
        await start(rec.personId, payload.toRoomId);
        await idle([payload.fromRoomId]);
        break;
      case 'merge': {
        const left = await end(payload.personIds, null);
        for (const pid of payload.personIds) await start(pid, payload.toRoomId);
        await idle(left.map((o) => o.room_id).filter((r) => r !== payload.toRoomId));
        break;
      }
      case 'partition': {
        const [room] = await tx.select().from(officeRooms).where(eq(officeRooms.id, payload.roomId));
        const moved = await end(await this.occupantsOf(tx, payload.roomId, day), [payload.roomId]);
        await tx.update(officeRooms).set({ active: false, updatedAt: new Date() }).where(eq(officeRooms.id, payload.roomId));
        await tx.insert(officeRoomHistory).values({
          roomId: room!.id,
          area: room!.area,
          useClass: room!.useClass,
          useType: room!.useType,
          status: room!.status,
          effectiveFrom: day,
          reason: `隔：分隔为 ${payload.parts.map((p) => p.number).join('、')}（整改#${id}）`,
          changedBy: ctx.account.id,
        });
        let keptId = 0;
        const made: { roomId: number; number: string; area: number }[] = [];
        for (const [i, part] of payload.parts.entries()) {
          const [r] = await tx
            .insert(officeRooms)
            .values({
              tenantId: room!.tenantId,
              floorId: room!.floorId,
              buildingId: room!.buildingId,
              siteId: room!.siteId,
              orgId: room!.orgId,
              number: part.number,
              useClass: part.useType === room!.useType ? room!.useClass : await this.classOf(tx, part.useType, room!.useClass),
              useType: part.useType,
              area: part.area,
              status: i === payload.keepIndex ? 'in_use' : 'idle',
              note: `由 ${room!.number} 分隔（整改#${id}）`,
            })
            .returning();
          await tx.insert(officeRoomHistory).values({
            roomId: r!.id,
            area: r!.area,
            useClass: r!.useClass,
            useType: r!.useType,
            status: r!.status,
            effectiveFrom: day,
            reason: `隔：由 ${room!.number} 分隔（整改#${id}）`,
            changedBy: ctx.account.id,
          });
          if (i === payload.keepIndex) keptId = r!.id;
          made.push({ roomId: r!.id, number: part.number, area: part.area });
        }
        for (const o of moved) await start(o.person_id, keptId);
        // The floor's drawing follows: the room's shape is cut into the parts (see plan.ts).
        const [floor] = await tx.select({ plan: officeFloors.plan }).from(officeFloors).where(eq(officeFloors.id, room!.floorId));
        if (floor?.plan)
          await tx
            .update(officeFloors)
            .set({ plan: splitShapeForPartition(floor.plan as TFloorPlan, room!.id, made) })
            .where(eq(officeFloors.id, room!.floorId));
        break;
      }
    }
    await tx.update(officeRectifications).set({ status: 'approved', appliedAt: new Date() }).where(eq(officeRectifications.id, id));
    await writeAudit(tx, ctx.auditActor(), {
      action: 'update',
      entityType: 'office_rectification',
      entityId: id,
      orgId: rec.orgId,
      summary: `applied ${payload.measure}; excess before ${finding.excessArea} m²`,
      before: { status: rec.status },
      after: { status: 'approved', payload },
    });
  }

  private async occupantsOf(tx: Executor, roomId: number, day: string) {
    const rows = await queryRows<{ person_id: number }>(
      tx,
      sql`select oc.person_id from office_occupancies oc where oc.room_id = ${roomId} and ${currentOn(day)}`,
    );
    return rows.map((r) => num(r.person_id));
  }

  private async classOf(tx: Executor, useType: string, fallback: string) {
    const [r] = await queryRows<{ cls: string | null }>(
      tx,
      sql`select extra->>'useClass' as cls from code_items where list = 'room_use' and code = ${useType}`,
    );
    return r?.cls ?? fallback;
  }
}

const rules = new RectificationRules();

export const RECTIFICATION_BUSINESS_TYPE: BusinessType = {
  type: RECTIFICATION_TYPE,
  nameZh: '办公用房整改',
  nameEn: 'Office-space rectification',
  defaultFlow: {
    nameZh: '办公用房整改审批',
    nameEn: 'Office-space rectification approval',
    // A unit's own plan goes to the bureau's office-space administrator; a plan the bureau
    // draws up for a unit is confirmed by the unit and signed off by a bureau leader.
    steps: [
      unitReview({ nameZh: '单位确认', nameEn: 'Unit confirmation', condition: when('initiator', 'eq', 'bureau') }),
      bureauReview({ nameZh: '机关事务局审批', nameEn: 'Bureau approval', condition: when('initiator', 'eq', 'unit') }),
      bureauLeader({ condition: when('initiator', 'eq', 'bureau') }),
    ],
  },
  ...statusHooks('office_rectifications', 'office_rectification'),
  summary: defineApprovalSummary({
    fields: {
      person: { zh: '人员', en: 'Person' },
      measure: {
        zh: '整改措施',
        en: 'Measure',
        values: {
          vacate: { zh: '腾退', en: 'Vacate' },
          swap: { zh: '调整', en: 'Swap' },
          merge: { zh: '合并', en: 'Merge' },
          partition: { zh: '分隔', en: 'Partition' },
        },
      },
      entitledArea: { zh: '核定面积', en: 'Entitled area', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
      actualArea: { zh: '现使用面积', en: 'Area in use', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
      excessArea: { zh: '超标面积', en: 'Excess area', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
      projectedArea: { zh: '整改后面积', en: 'Area after the plan', kind: 'number', unit: { zh: '㎡', en: 'm²' } },
      initiator: INITIATOR_FACT,
    },
  }),
  link: (id) => `/office/rectifications?id=${id}`,
  onApproved: (tx, inst, ctx) => rules.apply(tx, inst, ctx),
};

/** Requests and their lists; the rules above decide and apply. */
export class RectificationService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZRectificationCreateSchema>) {
    ctx.require(OP['office.request']);
    return this.core.db.transaction(async (tx) => {
      const [person] = await queryRows<{ id: number; name: string; org_id: number; tenant_id: number }>(
        tx,
        sql`select id, name, org_id, tenant_id from people where id = ${input.personId}`,
      );
      if (!person || person.tenant_id !== ctx.tenantId) throw notFound('person');
      await assertOrgInScope(tx, ctx, OP['office.request'], person.org_id).catch(() => {
        throw notFound('person');
      });
      const { finding, projected } = await rules.check(tx, ctx, person.id, input.payload);
      if (!finding.overStandard) throw badRequest(M.OFFICE_NOT_OVER, { person: person.name });
      const [row] = await tx
        .insert(officeRectifications)
        .values({
          tenantId: ctx.tenantId,
          orgId: person.org_id,
          personId: person.id,
          measure: input.payload.measure,
          reason: input.reason,
          effectiveDate: input.effectiveDate,
          payload: input.payload,
          entitledArea: finding.entitledArea,
          actualArea: finding.actualArea,
          excessArea: finding.excessArea,
          createdBy: ctx.account.id,
        })
        .returning();
      const measureZh = { vacate: '腾退', swap: '调整', merge: '合并', partition: '分隔' }[input.payload.measure];
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: RECTIFICATION_TYPE,
        businessId: row!.id,
        title: {
          zh: `${person.name} 办公用房整改（${measureZh}，超标 ${finding.excessArea} ㎡）`,
          en: `${person.name}: office rectification (${input.payload.measure}, ${finding.excessArea} m² over)`,
        },
        orgId: person.org_id,
        facts: {
          // Who drew up the plan decides the route (see the flow above).
          initiator: ctx.has(OP['office.manage']) ? 'bureau' : 'unit',
          measure: input.payload.measure,
          person: person.name,
          excessArea: finding.excessArea,
          entitledArea: finding.entitledArea ?? 0,
          actualArea: finding.actualArea,
          projectedArea: projected.actualArea,
        },
      });
      await tx.update(officeRectifications).set({ instanceId: inst.id, status: inst.status }).where(eq(officeRectifications.id, row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_rectification',
        entityId: row!.id,
        orgId: person.org_id,
        summary: `${person.name}: ${input.payload.measure}`,
        after: input,
      });
      return this.view(tx, row!.id);
    });
  }

  private async view(db: Executor, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select x.*, p.name as person_name, o.name as org_name from office_rectifications x
          join people p on p.id = x.person_id left join orgs o on o.id = x.org_id where x.id = ${id}`,
    );
    return this.toView(r!);
  }

  private toView(r: Record<string, unknown>) {
    const d = (v: unknown) =>
      v === null || v === undefined
        ? null
        : v instanceof Date
          ? v.toISOString()
          : /\d{2}:\d{2}/.test(String(v))
            ? new Date(String(v)).toISOString()
            : String(v);
    return {
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      personId: num(r.person_id),
      personName: String(r.person_name),
      measure: r.measure as 'vacate',
      reason: String(r.reason),
      effectiveDate: String(d(r.effective_date)).slice(0, 10),
      payload: r.payload,
      entitledArea: r.entitled_area === null ? null : num(r.entitled_area),
      actualArea: num(r.actual_area),
      excessArea: num(r.excess_area),
      status: String(r.status),
      instanceId: r.instance_id === null ? null : num(r.instance_id),
      appliedAt: d(r.applied_at),
      createdAt: d(r.created_at)!,
    };
  }

  async list(ctx: AuthContext, q: { page: number; pageSize: number; orgId?: number; status?: string; personId?: number }) {
    const scope = await scopeOn(this.core.db, ctx, OP['office.read'], sql`x.org_id`, q.orgId);
    const where = sql.join(
      [scope, q.status ? sql`x.status = ${q.status}` : undefined, q.personId ? sql`x.person_id = ${q.personId}` : undefined].filter(
        (x): x is ReturnType<typeof sql> => Boolean(x),
      ),
      sql` and `,
    );
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from office_rectifications x where ${where}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select x.*, p.name as person_name, o.name as org_name from office_rectifications x
          join people p on p.id = x.person_id left join orgs o on o.id = x.org_id
          where ${where} order by x.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.toView(r)) };
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<{ org_id: number }>(
      this.core.db,
      sql`select org_id from office_rectifications where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('office_rectification');
    await assertOrgInScope(this.core.db, ctx, OP['office.read'], r.org_id).catch(() => {
      throw notFound('office_rectification');
    });
    return this.view(this.core.db, id);
  }

  /** The person's finding and what a plan would leave (for the request form's preview). */
  async preview(ctx: AuthContext, personId: number, payload: TRectificationPayload) {
    ctx.require(OP['office.request']);
    const [p] = await queryRows<{ org_id: number }>(
      this.core.db,
      sql`select org_id from people where id = ${personId} and tenant_id = ${ctx.tenantId}`,
    );
    if (!p) throw notFound('person');
    await assertOrgInScope(this.core.db, ctx, OP['office.request'], p.org_id).catch(() => {
      throw notFound('person');
    });
    return this.core.db.transaction(async (tx) => {
      const { finding, projected } = await rules.check(tx, ctx, personId, payload);
      return {
        before: { entitledArea: finding.entitledArea, actualArea: finding.actualArea, excessArea: finding.excessArea },
        after: { actualArea: round2(projected.actualArea), excessArea: projected.excessArea, overStandard: projected.overStandard },
      };
    });
  }
}
