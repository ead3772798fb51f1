import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDisposalCreateSchema } from '../../../contracts/modules/vehicles';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  conflict,
  notFound,
  queryRows,
  type BusinessType,
  writeAudit,
  statusHooks,
  bureauLeader,
  bureauReview,
  when,
  defineApprovalSummary,
  INITIATOR_FACT,
} from '../../core';
import { checkReceiver } from './caps';
import { M } from './vehicles.messages';
import { VP } from './vehicles.permissions';
import {
  addEvent,
  dbError,
  iso,
  loadCapsRule,
  lockVehicle,
  num,
  numOrNull,
  quotaFacts,
  scopeOn,
  showChecks,
  where,
} from './vehicles.repository';
import { vehicleDisposals, vehicles } from './vehicles.schema';

export const DISPOSAL_TYPE = 'vehicle_disposal';
const METHOD_ZH: Record<string, string> = { scrap: '报废', auction: '拍卖', transfer: '划拨' };
const METHOD_EN: Record<string, string> = { scrap: 'scrapping', auction: 'auction', transfer: 'transfer' };

/**
 * Applies an approved disposal in the approval's transaction: the vehicle is disposed of, or
 * (划拨) leaves one unit's quota and joins another's — one update of its org with a history
 * row on each side. Bookings not yet started are cancelled: they were the old unit's plans.
 */
async function apply(tx: Executor, inst: ApprovalInstance, ctx: AuthContext) {
  const id = Number(inst.businessId);
  const [d] = await tx.select().from(vehicleDisposals).where(eq(vehicleDisposals.id, id)).for('update');
  if (!d) throw notFound('vehicle_disposal');
  const [v] = await queryRows<{ id: number; org_id: number; plate: string; status: string; odometer_km: number }>(
    tx,
    sql`select id, org_id, plate, status, odometer_km from vehicles where id = ${d.vehicleId} for update`,
  );
  if (!v || v.status === 'disposed') throw conflict(M.VEHICLE_STATE, { reason: ctx.locale === 'en' ? 'already disposed' : '车辆已处置' });
  const now = new Date();
  const cancelled = await queryRows<{ id: number }>(
    tx,
    sql`update vehicle_bookings set status = 'cancelled' where tenant_id = ${d.tenantId} and vehicle_id = ${d.vehicleId}
        and status = 'booked' returning id`,
  );
  if (cancelled.length)
    await queryRows(
      tx,
      sql`update vehicle_trip_requests set status = 'approved', booking_id = null where booking_id in ${cancelled.map((c) => num(c.id))}`,
    );
  const base = {
    tenantId: d.tenantId,
    vehicleId: d.vehicleId,
    odometerKm: num(v.odometer_km),
    refType: 'disposal',
    refId: id,
    createdBy: ctx.account.id,
  };
  if (d.method === 'transfer') {
    const to = d.toOrgId!;
    const [names] = await queryRows<{ from_name: string; to_name: string }>(
      tx,
      sql`select (select name from orgs where id = ${num(v.org_id)}) as from_name, (select name from orgs where id = ${to}) as to_name`,
    );
    await tx.update(vehicles).set({ orgId: to, updatedAt: now }).where(eq(vehicles.id, d.vehicleId));
    await addEvent(tx, { ...base, orgId: num(v.org_id), kind: 'transfer_out', summary: `划拨至 ${names?.to_name}`, data: { toOrgId: to } });
    await addEvent(tx, {
      ...base,
      orgId: to,
      kind: 'transfer_in',
      summary: `由 ${names?.from_name} 划入`,
      data: { fromOrgId: num(v.org_id) },
    });
  } else {
    await tx.update(vehicles).set({ status: 'disposed', disposedAt: now, updatedAt: now }).where(eq(vehicles.id, d.vehicleId));
    await addEvent(tx, {
      ...base,
      orgId: num(v.org_id),
      kind: 'disposal',
      summary: `${METHOD_ZH[d.method]}处置：${d.reason}`,
      data: { method: d.method },
    });
  }
  await tx.update(vehicleDisposals).set({ status: 'approved', appliedAt: now }).where(eq(vehicleDisposals.id, id));
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'vehicle',
    entityId: d.vehicleId,
    orgId: num(v.org_id),
    summary: `${d.method} applied (disposal #${id})${cancelled.length ? `; ${cancelled.length} bookings cancelled` : ''}`,
    before: { orgId: num(v.org_id), status: v.status },
    after: d.method === 'transfer' ? { orgId: d.toOrgId } : { status: 'disposed' },
  });
}

/**
 * 报废 / 拍卖 / 划拨 on the approval engine: a unit's request is reviewed by the bureau's
 * vehicle administrator, and every one is signed off by a bureau leader.
 */
export const VEHICLE_DISPOSAL_BUSINESS_TYPE: BusinessType = {
  type: DISPOSAL_TYPE,
  nameZh: '公务用车处置划拨',
  nameEn: 'Vehicle disposal or transfer',
  defaultFlow: {
    nameZh: '公务用车处置划拨审批',
    nameEn: 'Vehicle disposal approval',
    steps: [bureauReview({ condition: when('initiator', 'eq', 'unit') }), bureauLeader()],
  },
  ...statusHooks('vehicle_disposals', 'vehicle_disposal'),
  summary: defineApprovalSummary({
    fields: {
      plate: { zh: '号牌', en: 'Plate' },
      method: {
        zh: '处置方式',
        en: 'Method',
        values: { scrap: { zh: '报废', en: 'Scrap' }, auction: { zh: '拍卖', en: 'Auction' }, transfer: { zh: '划拨', en: 'Transfer' } },
      },
      initiator: INITIATOR_FACT,
      receiverOverCap: { zh: '接收单位超编', en: 'Receiver over its cap', kind: 'boolean', hidden: true },
    },
    checks: {
      receiverOverCap: { true: { zh: '接收单位已达车辆编制控制数', en: 'The receiving unit is at its vehicle cap' } },
    },
  }),
  link: (id) => `/vehicles/disposals?id=${id}`,
  onApproved: apply,
};

export class DisposalService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZDisposalCreateSchema>) {
    ctx.require(VP['vehicles.dispose']);
    const id = await this.core.db
      .transaction(async (tx) => {
        const v = await lockVehicle(tx, ctx, input.vehicleId, VP['vehicles.dispose']);
        if (v.status === 'disposed') throw conflict(M.VEHICLE_STATE, { reason: ctx.locale === 'en' ? 'already disposed' : '车辆已处置' });
        // The partial unique index is the backstop; this gives the plate in the message.
        const [open] = await queryRows<{ id: number }>(
          tx,
          sql`select id from vehicle_disposals where vehicle_id = ${input.vehicleId} and status in ('pending','returned')`,
        );
        if (open) throw conflict(M.VEHICLE_DISPOSAL_OPEN, { plate: String(v.plate) });
        let checks: ReturnType<typeof checkReceiver>[] = [];
        if (input.method === 'transfer') {
          // The receiving unit need not be in the requester's scope, but it must be a unit of this district.
          const [to] = await queryRows<{ id: number; kind: string; status: string; tenant_id: number }>(
            tx,
            sql`select id, kind, status, tenant_id from orgs where id = ${input.toOrgId!}`,
          );
          if (!to || num(to.tenant_id) !== ctx.tenantId || !['unit', 'bureau'].includes(to.kind) || to.status !== 'active')
            throw notFound('org');
          if (num(to.id) === num(v.org_id))
            throw conflict(M.VEHICLE_STATE, {
              reason: ctx.locale === 'en' ? 'the vehicle already belongs to that unit' : '车辆已属于该单位',
            });
          const { rule } = await loadCapsRule(tx);
          checks = [checkReceiver(rule, await quotaFacts(tx, num(to.id)))];
        }
        const [row] = await tx
          .insert(vehicleDisposals)
          .values({
            tenantId: ctx.tenantId,
            orgId: num(v.org_id),
            vehicleId: input.vehicleId,
            method: input.method,
            toOrgId: input.toOrgId ?? null,
            reason: input.reason,
            checks,
            createdBy: ctx.account.id,
          })
          .returning();
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: DISPOSAL_TYPE,
          businessId: row!.id,
          title: { zh: `${v.plate} ${METHOD_ZH[input.method]}`, en: `${v.plate}: ${METHOD_EN[input.method] ?? 'disposal'}` },
          orgId: num(v.org_id),
          facts: {
            initiator: ctx.has(VP['vehicles.manage']) ? 'bureau' : 'unit',
            method: input.method,
            plate: v.plate,
            receiverOverCap: checks.some((c) => !c.passed),
          },
        });
        await tx.update(vehicleDisposals).set({ instanceId: inst.id }).where(eq(vehicleDisposals.id, row!.id));
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'vehicle_disposal',
          entityId: row!.id,
          orgId: num(v.org_id),
          summary: `${v.plate} ${input.method}`,
          after: input,
        });
        return { id: row!.id, plate: String(v.plate) };
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(M.VEHICLE_DISPOSAL_OPEN, { plate: String(input.vehicleId) });
        throw err;
      });
    return this.view(ctx, this.core.db, id.id);
  }

  private async view(ctx: AuthContext, db: Executor, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select d.*, v.plate from vehicle_disposals d join vehicles v on v.id = d.vehicle_id where d.id = ${id}`,
    );
    if (!r) throw notFound('vehicle_disposal');
    return this.toView(ctx, r);
  }

  private toView(ctx: AuthContext, r: Record<string, unknown>) {
    return {
      id: num(r.id),
      vehicleId: num(r.vehicle_id),
      plate: String(r.plate),
      orgId: num(r.org_id),
      method: r.method as 'scrap',
      toOrgId: numOrNull(r.to_org_id),
      reason: String(r.reason),
      checks: showChecks(ctx, r.checks),
      status: r.status as 'pending',
      instanceId: numOrNull(r.instance_id),
      appliedAt: iso(r.applied_at),
      createdAt: iso(r.created_at)!,
    };
  }

  async list(ctx: AuthContext, q: { page: number; pageSize: number; orgId?: number; status?: string }) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`d.org_id`, q.orgId);
    const w = where([scope, q.status ? sql`d.status = ${q.status}` : undefined]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_disposals d where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select d.*, v.plate from vehicle_disposals d join vehicles v on v.id = d.vehicle_id
          where ${w} order by d.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.toView(ctx, r)) };
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<{ org_id: number }>(
      this.core.db,
      sql`select org_id from vehicle_disposals where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('vehicle_disposal');
    await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], num(r.org_id)).catch(() => {
      throw notFound('vehicle_disposal');
    });
    return this.view(ctx, this.core.db, id);
  }
}
