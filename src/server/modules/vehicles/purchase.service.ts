import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDeliverSchema, ZPurchaseCreateSchema, ZPurchaseQuerySchema } from '../../../contracts/modules/vehicles';
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
  bureauLeader,
  bureauReview,
  when,
  toFen,
  toYuan,
  defineApprovalSummary,
  INITIATOR_FACT,
  formatYuan,
} from '../../core';
import { purchaseChecks } from './caps';
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
  owningUnit,
  quotaFacts,
  scopeOn,
  showChecks,
  today,
  where,
} from './vehicles.repository';
import { vehiclePurchaseRequests, vehicles } from './vehicles.schema';
import { VEHICLE_ENERGY_LABELS, VEHICLE_TYPE_LABELS } from './vehicles.labels';

export const PURCHASE_TYPE = 'vehicle_purchase';

/**
 * 购置 / 更新 on the approval engine. A unit's request is reviewed by the bureau's vehicle
 * administrator; every request is signed off by a bureau leader (who sees the failed checks
 * with it). Approval only authorises the purchase: the vehicle enters the ledger on delivery.
 */
export const VEHICLE_PURCHASE_BUSINESS_TYPE: BusinessType = {
  type: PURCHASE_TYPE,
  nameZh: '公务用车购置更新',
  nameEn: 'Official vehicle purchase',
  defaultFlow: {
    nameZh: '公务用车购置更新审批',
    nameEn: 'Vehicle purchase approval',
    steps: [bureauReview({ condition: when('initiator', 'eq', 'unit') }), bureauLeader()],
  },
  ...statusHooks('vehicle_purchase_requests', 'vehicle_purchase_request'),
  summary: defineApprovalSummary({
    fields: {
      type: {
        zh: '车辆类型',
        en: 'Vehicle type',
        values: VEHICLE_TYPE_LABELS,
      },
      energy: {
        zh: '能源类型',
        en: 'Energy',
        values: VEHICLE_ENERGY_LABELS,
      },
      price: { zh: '价格', en: 'Price', kind: 'money' },
      replacement: { zh: '更新车辆', en: 'Replaces a vehicle', kind: 'boolean' },
      initiator: INITIATOR_FACT,
      checksPassed: { zh: '符合配备标准', en: 'Meets the standards', kind: 'boolean', hidden: true },
      failedChecks: { zh: '未通过的检查', en: 'Failed checks', hidden: true },
    },
    checks: {
      failedChecks: {
        price: { zh: '价格超过该类车辆的价格上限', en: 'The price is above the cap for this type' },
        displacement: { zh: '排量超过上限或未填写', en: 'The displacement is above the cap or missing' },
        domestic: { zh: '不是国产品牌', en: 'Not a domestic brand' },
        leader_no_suv: { zh: '领导固定用车不得配备越野车', en: "A leader's fixed car may not be an SUV" },
        new_energy_first: { zh: '未选用新能源汽车且未说明理由', en: 'Not new energy, and no reason given' },
        quota: { zh: '超出单位车辆编制控制数', en: "Over the unit's vehicle cap" },
        replacement: { zh: '被更新车辆未达到更新条件', en: 'The replaced vehicle is not yet due for replacement' },
        where_needed: { zh: '未说明配备该类车辆的必要性', en: 'No reason given why this type is needed' },
        receiver_quota: { zh: '接收单位超出车辆编制控制数', en: "Over the receiving unit's vehicle cap" },
      },
    },
  }),
  link: (id) => `/vehicles/purchases?id=${id}`,
};

const TYPE_ZH: Record<string, string> = {
  confidential_comm: '机要通信用车',
  emergency: '应急保障用车',
  law_enforcement: '执法执勤用车',
  special_technical: '特种专业技术用车',
  other: '其他公务用车',
};

const TYPE_EN: Record<string, string> = {
  confidential_comm: 'confidential communications vehicle',
  emergency: 'emergency support vehicle',
  law_enforcement: 'law-enforcement vehicle',
  special_technical: 'special technical vehicle',
  other: 'other official vehicle',
};

export class PurchaseService {
  constructor(private readonly core: CoreServices) {}

  /**
   * Saves the request with every cap check (failed checks do not stop it: the approvers see
   * them) and submits it. Quota facts are read under a per-unit advisory lock so two requests
   * of one unit at the same moment count each other.
   */
  async create(ctx: AuthContext, input: z.infer<typeof ZPurchaseCreateSchema>) {
    ctx.require(VP['vehicles.purchase']);
    const id = await this.core.db.transaction(async (tx) => {
      await owningUnit(tx, ctx, VP['vehicles.purchase'], input.orgId);
      await tx.execute(sql`select pg_advisory_xact_lock(7311, ${input.orgId})`);
      const onDate = today();
      const { rule, version } = await loadCapsRule(tx, onDate);
      let replaced: { plate: string; purchaseDate: string; odometerKm: number; sameUnit: boolean } | null = null;
      if (input.replacesVehicleId) {
        const old = await lockVehicle(tx, ctx, input.replacesVehicleId, VP['vehicles.purchase'], 'share');
        if (old.status === 'disposed' || old.replaced_by_id !== null)
          throw conflict(M.VEHICLE_STATE, {
            reason: ctx.locale === 'en' ? `${old.plate} is disposed or already replaced` : `${old.plate} 已处置或已被更新`,
          });
        replaced = {
          plate: String(old.plate),
          purchaseDate: String(old.purchase_date),
          odometerKm: num(old.odometer_km),
          sameUnit: num(old.org_id) === input.orgId,
        };
      }
      const unit = await quotaFacts(tx, input.orgId);
      const checks = purchaseChecks(rule, input, unit, replaced, onDate);
      const [row] = await tx
        .insert(vehiclePurchaseRequests)
        .values({
          tenantId: ctx.tenantId,
          orgId: input.orgId,
          type: input.type,
          bodyType: input.bodyType,
          energy: input.energy,
          displacement: input.displacement ?? null,
          domestic: input.domestic,
          price: input.price,
          seats: input.seats ?? null,
          model: input.model ?? null,
          leaderFixed: input.leaderFixed,
          replacesVehicleId: input.replacesVehicleId ?? null,
          addsVehicle: !replaced?.sameUnit,
          fuelReason: input.fuelReason ?? null,
          whereNeeded: input.whereNeeded,
          whereNeededReason: input.whereNeededReason ?? null,
          reason: input.reason,
          checks,
          checksPassed: checks.every((c) => c.passed),
          ruleVersion: version,
          createdBy: ctx.account.id,
        })
        .returning();
      const failed = checks.filter((c) => !c.passed).map((c) => c.rule);
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: PURCHASE_TYPE,
        businessId: row!.id,
        title: {
          zh: `${input.replacesVehicleId ? '更新' : '购置'}${TYPE_ZH[input.type] ?? ''}（${formatYuan(input.price)}）${failed.length ? `，${failed.length} 项不符合标准` : ''}`,
          en: `${input.replacesVehicleId ? 'Replace' : 'Buy'}: ${TYPE_EN[input.type] ?? 'official vehicle'} (${formatYuan(input.price)})${failed.length ? `, ${failed.length} check(s) failed` : ''}`,
        },
        orgId: input.orgId,
        facts: {
          initiator: ctx.has(VP['vehicles.manage']) ? 'bureau' : 'unit',
          price: input.price,
          type: input.type,
          energy: input.energy,
          replacement: !!input.replacesVehicleId,
          checksPassed: failed.length === 0,
          failedChecks: failed.join(','),
        },
      });
      await tx
        .update(vehiclePurchaseRequests)
        .set({ instanceId: inst.id, status: inst.status })
        .where(eq(vehiclePurchaseRequests.id, row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'vehicle_purchase_request',
        entityId: row!.id,
        orgId: input.orgId,
        summary: failed.length ? `failed: ${failed.join(', ')}` : 'all checks passed',
        after: input,
      });
      return row!.id;
    });
    return this.view(ctx, this.core.db, id);
  }

  private async view(ctx: AuthContext, db: Executor, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.*, o.name as org_name from vehicle_purchase_requests r left join orgs o on o.id = r.org_id where r.id = ${id}`,
    );
    if (!r) throw notFound('vehicle_purchase_request');
    return this.toView(ctx, r);
  }

  private toView(ctx: AuthContext, r: Record<string, unknown>) {
    return {
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      type: r.type as 'other',
      bodyType: r.body_type as 'sedan',
      price: toYuan(r.price as string),
      displacement: numOrNull(r.displacement),
      energy: r.energy as 'electric',
      domestic: Boolean(r.domestic),
      reason: String(r.reason),
      model: (r.model as string) ?? null,
      seats: numOrNull(r.seats),
      leaderFixed: Boolean(r.leader_fixed),
      replacesVehicleId: numOrNull(r.replaces_vehicle_id),
      fuelReason: (r.fuel_reason as string) ?? null,
      whereNeeded: Boolean(r.where_needed),
      whereNeededReason: (r.where_needed_reason as string) ?? null,
      checks: showChecks(ctx, r.checks),
      checksPassed: Boolean(r.checks_passed),
      ruleVersion: num(r.rule_version),
      status: r.status as 'pending',
      instanceId: numOrNull(r.instance_id),
      vehicleId: numOrNull(r.vehicle_id),
      createdAt: iso(r.created_at)!,
    };
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZPurchaseQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`r.org_id`, q.orgId);
    const w = where([scope, q.status ? sql`r.status = ${q.status}` : undefined]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_purchase_requests r where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.*, o.name as org_name from vehicle_purchase_requests r left join orgs o on o.id = r.org_id
          where ${w} order by r.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.toView(ctx, r)) };
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<{ org_id: number }>(
      this.core.db,
      sql`select org_id from vehicle_purchase_requests where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('vehicle_purchase_request');
    await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], num(r.org_id)).catch(() => {
      throw notFound('vehicle_purchase_request');
    });
    return this.view(ctx, this.core.db, id);
  }

  /**
   * Delivery (交付登记): the approved request becomes a vehicle in the ledger, with its
   * purchase in the history file. The delivered price may not exceed the approved one. A
   * replaced vehicle is sealed (out of dispatch) and marked as replaced; it keeps counting
   * against the unit's quota until its own disposal is approved — the unit still holds it,
   * and disposal (scrap, auction) needs its own approval.
   */
  async deliver(ctx: AuthContext, id: number, input: z.infer<typeof ZDeliverSchema>) {
    ctx.require(VP['vehicles.manage']);
    const vehicleId = await this.core.db
      .transaction(async (tx) => {
        const [req] = await tx.select().from(vehiclePurchaseRequests).where(eq(vehiclePurchaseRequests.id, id)).for('update');
        if (!req || req.tenantId !== ctx.tenantId) throw notFound('vehicle_purchase_request');
        await assertOrgInScope(tx, ctx, VP['vehicles.manage'], req.orgId).catch(() => {
          throw notFound('vehicle_purchase_request');
        });
        if (req.status !== 'approved') throw conflict(M.VEHICLE_STATE, { reason: req.status });
        const mismatch = (zh: string, en: string) => badRequest(M.VEHICLE_DELIVERY_MISMATCH, { reason: ctx.locale === 'en' ? en : zh });
        if (toFen(input.price) > toFen(req.price))
          throw mismatch(`成交价 ${input.price} 元高于批准的 ${req.price} 元`, `price ${input.price} exceeds the approved ${req.price}`);
        const displacement = input.displacement ?? req.displacement ?? null;
        if ((req.energy === 'electric') !== (displacement === null))
          throw mismatch('纯电动车不填排量，其他能源类型须填排量', 'electric vehicles have no displacement; all others need one');
        if (req.displacement !== null && displacement !== null && displacement > req.displacement)
          throw mismatch(
            `排量 ${displacement} L 大于批准的 ${req.displacement} L`,
            `displacement ${displacement} L exceeds the approved ${req.displacement} L`,
          );
        const [v] = await tx
          .insert(vehicles)
          .values({
            tenantId: req.tenantId,
            orgId: req.orgId,
            plate: input.plate,
            type: req.type,
            leaderFixed: req.leaderFixed,
            brand: input.brand,
            model: input.model,
            domestic: req.domestic,
            bodyType: req.bodyType,
            energy: req.energy,
            displacement,
            seats: input.seats,
            price: input.price,
            purchaseDate: input.purchaseDate,
            odometerKm: input.odometerKm,
            tankCapacityL: input.tankCapacityL ?? null,
            batteryCapacityKwh: input.batteryCapacityKwh ?? null,
            marking: input.marking,
            supervisionPhone: input.supervisionPhone ?? null,
            markingExemptReason: input.markingExemptReason ?? null,
            purchaseRequestId: req.id,
          })
          .returning();
        await addEvent(tx, {
          tenantId: req.tenantId,
          vehicleId: v!.id,
          orgId: req.orgId,
          kind: 'purchase',
          summary: `购置交付 ${input.plate}（${input.brand} ${input.model}，${input.price} 元）`,
          amount: input.price,
          odometerKm: input.odometerKm,
          refType: 'purchase_request',
          refId: req.id,
          createdBy: ctx.account.id,
        });
        if (req.replacesVehicleId) {
          const [old] = await queryRows<{ id: number; org_id: number; plate: string; status: string; odometer_km: number }>(
            tx,
            sql`select id, org_id, plate, status, odometer_km from vehicles where id = ${req.replacesVehicleId} for update`,
          );
          if (old && old.status !== 'disposed') {
            await tx
              .update(vehicles)
              .set({ status: 'sealed', replacedById: v!.id, updatedAt: new Date() })
              .where(eq(vehicles.id, req.replacesVehicleId));
            await addEvent(tx, {
              tenantId: req.tenantId,
              vehicleId: num(old.id),
              orgId: num(old.org_id),
              kind: 'replaced',
              summary: `由 ${input.plate} 更新替换，封存待处置`,
              odometerKm: num(old.odometer_km),
              refType: 'purchase_request',
              refId: req.id,
              data: { from: old.status, to: 'sealed', replacedById: v!.id },
              createdBy: ctx.account.id,
            });
          }
        }
        await tx
          .update(vehiclePurchaseRequests)
          .set({ status: 'delivered', vehicleId: v!.id, deliveredAt: new Date() })
          .where(eq(vehiclePurchaseRequests.id, id));
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'vehicle_purchase_request',
          entityId: id,
          orgId: req.orgId,
          summary: `delivered as vehicle #${v!.id} ${input.plate}`,
          before: { status: 'approved' },
          after: { status: 'delivered', ...input },
        });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'vehicle',
          entityId: v!.id,
          orgId: req.orgId,
          summary: input.plate,
          after: { purchaseRequestId: id, ...input },
        });
        return v!.id;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(M.VEHICLE_PLATE_TAKEN, { plate: input.plate });
        throw err;
      });
    return { request: await this.view(ctx, this.core.db, id), vehicleId };
  }
}
