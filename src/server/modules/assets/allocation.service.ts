import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZAllocationCreateSchema, ZPoolListQuerySchema, ZReceiveSchema } from '../../../contracts/modules/assets';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  conflict,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  writeAudit,
  bureauLeader,
  bureauReview,
  when,
  defineApprovalSummary,
  INITIATOR_FACT,
} from '../../core';
import { AM } from './assets.messages';
import { BATCHES, batchOne, batchPage, idsOf, totalOf } from './pool.shared';
import { AP } from './assets.permissions';
import { addEvents, localized, lockAssets, requestCode } from './assets.repository';

export const ALLOCATION_TYPE = 'asset_allocation';

/** The items a request holds, released back to where they were (the pool, or the unit's register). */
async function releaseAllocation(tx: Executor, ctx: AuthContext, allocationId: number, status: string) {
  const items = await queryRows<{ asset_id: number }>(
    tx,
    sql`update asset_allocation_items set active = false where allocation_id = ${allocationId} and active returning asset_id`,
  );
  const assetIds = items.map((i) => num(i.asset_id));
  if (assetIds.length)
    await tx.execute(
      sql`update assets set status = 'in_pool', reserved_by = null, updated_at = now() where id in ${assetIds} and status = 'reserved'`,
    );
  const [a] = await queryRows<{ org_id: number; code: string }>(
    tx,
    sql`update asset_allocations set status = ${status} where id = ${allocationId} returning org_id, code`,
  );
  const [owner] = assetIds.length ? await queryRows<{ org_id: number }>(tx, sql`select org_id from assets where id = ${assetIds[0]!}`) : [];
  await addEvents(tx, ctx, assetIds, {
    orgId: num(owner?.org_id),
    kind: 'release',
    summary: localized(ctx, `调剂申请 ${a?.code} 未通过，回到公物仓`, `Allocation ${a?.code} not approved: back in the pool`),
    refType: 'allocation',
    refId: allocationId,
  });
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'asset_allocation',
    entityId: allocationId,
    orgId: a ? num(a.org_id) : undefined,
    summary: `${status}; ${assetIds.length} items released`,
    after: { status },
  });
}

const allocationStatus =
  (status: string) =>
  async (tx: Executor, inst: ApprovalInstance, ctx: AuthContext): Promise<void> => {
    const id = Number(inst.businessId);
    await tx.execute(sql`update asset_allocations set status = ${status} where id = ${id}`);
    await writeAudit(tx, ctx.auditActor(), {
      action: 'update',
      entityType: 'asset_allocation',
      entityId: id,
      orgId: inst.orgId,
      after: { status },
    });
  };

/**
 * 调剂 on the approval engine: a unit's request is reviewed by the bureau's asset
 * administrator; one the administrator files itself is signed off by a bureau leader. The
 * items stay reserved through a return for changes, and go back to the pool on rejection.
 */
export const POOL_ALLOCATION_BUSINESS_TYPE: BusinessType = {
  type: ALLOCATION_TYPE,
  nameZh: '公物仓资产调剂',
  nameEn: 'Pool asset allocation',
  defaultFlow: {
    nameZh: '公物仓资产调剂审批',
    nameEn: 'Pool allocation approval',
    steps: [
      bureauReview({ nameZh: '机关事务局资产管理审核', nameEn: 'Bureau asset review', condition: when('initiator', 'eq', 'unit') }),
      bureauLeader({ condition: when('initiator', 'eq', 'bureau') }),
    ],
  },
  summary: defineApprovalSummary({
    fields: {
      items: { zh: '资产数量', en: 'Items', kind: 'number', unit: { zh: '件', en: 'items' } },
      value: { zh: '原值合计', en: 'Original value', kind: 'money' },
      initiator: INITIATOR_FACT,
    },
  }),
  link: (id) => `/assets/pool/allocations?id=${id}`,
  onApproved: allocationStatus('approved'),
  onReturned: allocationStatus('returned'),
  onResubmitted: allocationStatus('pending'),
  onRejected: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'rejected'),
  onWithdrawn: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'withdrawn'),
};

/** Allocations (调剂) from the pool: the request, its approval, delivery and receipt. */
export class AllocationService {
  constructor(private readonly core: CoreServices) {}

  // ——— allocations (调剂) ———

  /**
   * A request for pool items on behalf of a receiving unit. The items are reserved in the same
   * transaction (row locks, then a conditional update); a second request naming any of them is
   * refused with 409 — and the partial unique index on active request items is the backstop.
   */
  async allocate(ctx: AuthContext, input: z.infer<typeof ZAllocationCreateSchema>) {
    ctx.require(AP['assets.write']);
    const db = this.core.db;
    const to = await assertOrgInScope(db, ctx, AP['assets.write'], input.toOrgId);
    const [toOrg] = await queryRows<{ kind: string; status: string; tenant_id: number }>(
      db,
      sql`select kind, status, tenant_id from orgs where id = ${to.id}`,
    );
    if (!toOrg || num(toOrg.tenant_id) !== ctx.tenantId || toOrg.status !== 'active') throw notFound('org');
    const id = await db
      .transaction(async (tx) => {
        const rows = await lockAssets(tx, ctx, input.assetIds, null);
        for (const r of rows) {
          if (r.status === 'reserved') throw conflict(AM.ASSET_RESERVED, { code: r.code, by: r.reserved_by ?? '' });
          if (r.status !== 'in_pool') throw conflict(AM.ASSET_NOT_POOL, { code: r.code });
        }
        const [a] = await queryRows<{ id: number }>(
          tx,
          sql`insert into asset_allocations (tenant_id, org_id, code, reason, item_count, total_value, created_by)
              values (${ctx.tenantId}, ${to.id}, ${`tmp-${Date.now()}-${Math.random()}`}, ${input.reason}, ${rows.length}, ${totalOf(rows)},
                ${ctx.account.id}) returning id`,
        );
        const aid = num(a!.id);
        const code = requestCode('TJ', aid);
        await tx.execute(sql`update asset_allocations set code = ${code} where id = ${aid}`);
        await tx.execute(
          sql`insert into asset_allocation_items (allocation_id, asset_id, value)
              values ${sql.join(
                rows.map((r) => sql`(${aid}, ${r.id}, ${r.original_value})`),
                sql`, `,
              )}`,
        );
        const reserved = await queryRows<{ id: number }>(
          tx,
          sql`update assets set status = 'reserved', reserved_by = ${code}, updated_at = now()
              where id in ${idsOf(rows)} and status = 'in_pool' returning id`,
        );
        if (reserved.length !== rows.length) throw conflict(AM.ASSET_RESERVED, { code: rows[0]!.code, by: '' });
        const pool = { id: rows[0]!.org_id };
        await addEvents(tx, ctx, idsOf(rows), {
          orgId: pool.id,
          kind: 'reserve',
          summary: localized(ctx, `调剂申请 ${code} 预留`, `Reserved by allocation ${code}`),
          data: { toOrgId: to.id },
          refType: 'allocation',
          refId: aid,
        });
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: ALLOCATION_TYPE,
          businessId: aid,
          title: { zh: `公物仓调剂 ${code}（${rows.length} 件）`, en: `Pool allocation ${code} (${rows.length} items)` },
          orgId: to.id,
          facts: { initiator: ctx.has(AP['pool.manage']) ? 'bureau' : 'unit', items: rows.length, value: Number(totalOf(rows)) },
        });
        await tx.execute(sql`update asset_allocations set instance_id = ${inst.id} where id = ${aid}`);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'asset_allocation',
          entityId: aid,
          orgId: to.id,
          summary: `${code}: ${rows.length} items to org ${to.id}`,
          after: input,
        });
        return aid;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(AM.ASSET_RESERVED, { code: String(input.assetIds[0]), by: '' });
        throw err;
      });
    return this.getAllocation(ctx, id);
  }

  private allocationScope(ctx: AuthContext) {
    return ctx.has(AP['pool.keep']) || ctx.has(AP['pool.manage']) ? sql`true` : inScope(ctx, AP['assets.read'], sql`x.org_id`);
  }

  private allocationView(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      code: String(r.code),
      toOrgId: num(r.org_id),
      toOrgName: String(r.org_name ?? ''),
      reason: String(r.reason),
      status: r.status as 'pending',
      itemCount: num(r.item_count),
      totalValue: String(r.total_value),
      instanceId: numOrNull(r.instance_id),
      createdAt: iso(r.created_at)!,
      deliveredAt: iso(r.delivered_at),
      receivedAt: iso(r.received_at),
      assetIds: ((r.asset_ids as number[] | null) ?? []).map(Number),
    };
  }

  async getAllocation(ctx: AuthContext, id: number) {
    return this.allocationView(await batchOne(this.core.db, BATCHES.allocation, ctx, id, this.allocationScope(ctx)));
  }

  async allocations(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return batchPage(this.core.db, BATCHES.allocation, ctx, q, this.allocationScope(ctx), (r) => this.allocationView(r));
  }

  private async lockAllocation(tx: Executor, ctx: AuthContext, id: number) {
    const [x] = await queryRows<{ id: number; org_id: number; path: string; code: string; status: string }>(
      tx,
      sql`select x.id, x.org_id, o.path, x.code, x.status from asset_allocations x join orgs o on o.id = x.org_id
          where x.id = ${id} and x.tenant_id = ${ctx.tenantId} for update of x`,
    );
    if (!x) throw notFound('asset_allocation');
    return { ...x, org_id: num(x.org_id) };
  }

  /** The pool's keeper hands the approved items over (出库交付). */
  async deliver(ctx: AuthContext, id: number) {
    ctx.require(AP['pool.keep']);
    await this.core.db.transaction(async (tx) => {
      const x = await this.lockAllocation(tx, ctx, id);
      if (x.status !== 'approved')
        throw conflict(AM.POOL_REQUEST_STATE, { code: x.code, status: x.status, action: localized(ctx, '出库交付', 'deliver') });
      await tx.execute(sql`update asset_allocations set status = 'delivered', delivered_at = now() where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_allocation',
        entityId: id,
        orgId: x.org_id,
        after: { status: 'delivered' },
      });
    });
    return this.getAllocation(ctx, id);
  }

  /** The receiving unit signs for the items: they leave the pool and join its register. */
  async receive(ctx: AuthContext, id: number, input: z.infer<typeof ZReceiveSchema>) {
    await this.core.db.transaction(async (tx) => {
      const x = await this.lockAllocation(tx, ctx, id);
      if (!ctx.covers(AP['assets.write'], { id: x.org_id, path: x.path }) && !ctx.has(AP['pool.keep'])) throw notFound('asset_allocation');
      if (!['approved', 'delivered'].includes(x.status))
        throw conflict(AM.POOL_REQUEST_STATE, { code: x.code, status: x.status, action: localized(ctx, '签收', 'receive') });
      const items = await queryRows<{ asset_id: number }>(
        tx,
        sql`update asset_allocation_items set active = false where allocation_id = ${id} and active returning asset_id`,
      );
      const assetIds = items.map((i) => num(i.asset_id));
      const [from] = await queryRows<{ org_id: number }>(tx, sql`select org_id from assets where id = ${assetIds[0]!}`);
      const pool = { id: num(from?.org_id) };
      await tx.execute(sql`update assets set org_id = ${x.org_id}, status = 'in_use', reserved_by = null, warehouse_id = null, slot = null,
          custodian = ${input.custodian ?? null}, room_id = ${input.roomId ?? null}, location = ${input.location ?? null}, updated_at = now()
          where id in ${assetIds}`);
      await tx.execute(sql`update asset_allocations set status = 'received', received_at = now(), received_by = ${ctx.account.id},
          delivered_at = coalesce(delivered_at, now()) where id = ${id}`);
      await addEvents(tx, ctx, assetIds, {
        orgId: x.org_id,
        kind: 'allocate',
        summary: localized(ctx, `公物仓调剂入账（${x.code}）`, `Allocated from the pool (${x.code})`),
        data: { fromOrgId: pool.id, toOrgId: x.org_id },
        refType: 'allocation',
        refId: id,
      });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_allocation',
        entityId: id,
        orgId: x.org_id,
        summary: `${x.code} received: ${assetIds.length} assets join org ${x.org_id}`,
        after: { status: 'received' },
      });
    });
    return this.getAllocation(ctx, id);
  }
}
