import { sql } from 'drizzle-orm';
import {
  type ApprovalInstance,
  type AuthContext,
  type Executor,
  queryRows,
  type BusinessType,
  toYuan,
  writeAudit,
  bureauLeader,
  bureauReview,
  when,
  defineApprovalSummary,
  INITIATOR_FACT,
} from '../../core';
import { addEvent, num, numOrNull } from '../vehicles';

export const REPAIR_TYPE = 'vehicle_repair';

/*
 * Repairs above the threshold go through the approval engine: the business type and what each
 * decision does to the cost record (split from costs.service.ts, which files the repair).
 */

async function setRepairStatus(tx: Executor, ctx: AuthContext, inst: ApprovalInstance, status: string) {
  const id = Number(inst.businessId);
  const [before] = await queryRows<Record<string, unknown>>(
    tx,
    sql`select * from vehicle_cost_records where tenant_id = ${inst.tenantId} and id = ${id} for update`,
  );
  if (!before) return;
  await tx.execute(sql`update vehicle_cost_records set status = ${status} where tenant_id = ${inst.tenantId} and id = ${id}`);
  // The repair enters the vehicle's history file when it is authorised.
  if (status === 'approved')
    await addEvent(tx, {
      tenantId: inst.tenantId,
      vehicleId: num(before.vehicle_id),
      orgId: num(before.org_id),
      kind: 'repair',
      occurredAt: new Date(before.occurred_at as string),
      amount: toYuan(before.amount as string),
      odometerKm: numOrNull(before.odometer_km),
      refType: 'vehicle_cost',
      refId: id,
      summary: `维修 ${before.vendor_name ?? ''} ${toYuan(before.amount as string)} 元（已审批）`,
      data: before.details,
      createdBy: ctx.account.id,
    });
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'vehicle_cost',
    entityId: id,
    orgId: num(before.org_id),
    before: { status: before.status },
    after: { status },
  });
}

/**
 * A repair above `repairApprovalAboveYuan` (rule `vehicle_cost_rules`) needs approval before
 * it counts: a unit's repair is reviewed by the bureau's vehicle administrator; one the
 * bureau records itself goes to a bureau leader.
 */
export const VEHICLE_REPAIR_BUSINESS_TYPE: BusinessType = {
  type: REPAIR_TYPE,
  nameZh: '公务用车维修审批',
  nameEn: 'Vehicle repair approval',
  defaultFlow: {
    nameZh: '公务用车维修审批',
    nameEn: 'Vehicle repair approval',
    steps: [bureauReview({ condition: when('initiator', 'eq', 'unit') }), bureauLeader({ condition: when('initiator', 'eq', 'bureau') })],
  },
  summary: defineApprovalSummary({
    fields: {
      plate: { zh: '号牌', en: 'Plate' },
      vendor: { zh: '维修厂', en: 'Repair shop' },
      amount: { zh: '维修金额', en: 'Repair cost', kind: 'money' },
      threshold: { zh: '需审批的维修金额', en: 'Approval threshold', kind: 'money', hidden: true },
      initiator: INITIATOR_FACT,
    },
  }),
  link: (id) => `/vehicles/costs?record=${id}`,
  onApproved: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'approved'),
  onRejected: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'rejected'),
  onReturned: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'returned'),
  onWithdrawn: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'withdrawn'),
  onResubmitted: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'pending'),
};
