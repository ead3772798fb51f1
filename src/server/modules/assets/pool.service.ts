import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZAllocationCreateSchema,
  ZHandInAcceptSchema,
  ZHandInCreateSchema,
  ZPoolListQuerySchema,
  ZPoolStatsQuerySchema,
  ZReceiveSchema,
  ZWarehouseCreateSchema,
} from '../../../contracts/modules/assets';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  cnToday,
  conflict,
  dbError,
  fenToYuan,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  toFen,
  unitOf,
  writeAudit,
  bureauLeader,
  bureauReview,
  when,
} from '../../core';
import { AM } from './assets.messages';
import { ASSET_POOL_RULE } from './assets.ruletables';
import { BATCHES, activeRule, batchOne, batchPage, idsOf, totalOf } from './pool.shared';
import { AP } from './assets.permissions';
import {
  ASSET_COLS,
  ASSET_FROM,
  addEvents,
  loadCategories,
  localized,
  lockAssets,
  requestCode,
  requireStatus,
  toAssetView,
} from './assets.repository';
import { categoryPrefix } from './assets.rules';

export const ALLOCATION_TYPE = 'asset_allocation';
const REASON_ZH: Record<string, string> = { idle: '闲置', over_standard: '超标准配置', abolished_body: '机构撤并', event: '大型活动结余' };

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
  link: (id) => `/assets/pool/allocations?id=${id}`,
  onApproved: allocationStatus('approved'),
  onReturned: allocationStatus('returned'),
  onResubmitted: allocationStatus('pending'),
  onRejected: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'rejected'),
  onWithdrawn: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'withdrawn'),
};

/** Usable pool items of a category: what a purchase request is checked against (pool before purchase). */
export async function findUsablePoolItems(db: Executor, tenantId: number, categoryCode: string, limit = 10) {
  const r = await activeRule(db, ASSET_POOL_RULE);
  if (!r.poolBeforePurchase) return { total: 0, rows: [] as Record<string, unknown>[] };
  const w = sql`a.tenant_id = ${tenantId} and a.status = 'in_pool' and a.category_code like ${`${categoryPrefix(categoryCode)}%`}
    and a.condition in ${r.usableConditions.length ? r.usableConditions : ['A']}`;
  const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from assets a where ${w}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${ASSET_COLS} from ${ASSET_FROM} where ${w} order by a.condition, a.id limit ${limit}`,
  );
  return { total: num(c?.n), rows };
}

/**
 * Pool before purchase: a purchase request (procurement or supplies) for a category the pool
 * holds in usable condition is refused with 409 and the matching items, unless it says why
 * they do not fit (the reason is kept on the request).
 */
export async function assertPoolBeforePurchase(
  db: Executor,
  tenantId: number,
  categoryCode: string | null | undefined,
  reason: string | null | undefined,
) {
  if (!categoryCode || reason?.trim()) return;
  const { total: n, rows } = await findUsablePoolItems(db, tenantId, categoryCode, 5);
  if (n > 0)
    throw conflict(
      AM.POOL_ITEMS_AVAILABLE,
      { count: n, category: categoryCode },
      { items: rows.map((r) => ({ id: num(r.id), code: String(r.code), name: String(r.name), condition: r.condition })) },
    );
}

/** The public asset pool (公物仓): hand-ins, allocations, loans, disposals and the statistics. */
export class PoolService {
  constructor(private readonly core: CoreServices) {}

  // ——— warehouses ———
  async warehouses(ctx: AuthContext) {
    ctx.require(AP['assets.read']);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select w.id, w.name, w.kind, w.address, w.active, count(a.id)::int as item_count, coalesce(sum(a.original_value), 0)::text as value
          from asset_warehouses w left join assets a on a.warehouse_id = w.id and a.status in ('in_pool','reserved')
          where w.tenant_id = ${ctx.tenantId} group by w.id order by w.id`,
    );
    return rows.map((r) => ({
      id: num(r.id),
      name: String(r.name),
      kind: r.kind as 'physical',
      address: (r.address as string | null) ?? null,
      active: Boolean(r.active),
      itemCount: num(r.item_count),
      value: String(r.value),
    }));
  }

  async addWarehouse(ctx: AuthContext, input: z.infer<typeof ZWarehouseCreateSchema>) {
    ctx.require(AP['pool.manage']);
    await this.core.db
      .transaction(async (tx) => {
        const pool = { id: await unitOf(tx, ctx.account.orgId) };
        const [w] = await queryRows<{ id: number }>(
          tx,
          sql`insert into asset_warehouses (tenant_id, org_id, name, kind, address)
              values (${ctx.tenantId}, ${pool.id}, ${input.name}, ${input.kind}, ${input.address ?? null}) returning id`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'asset_warehouse',
          entityId: num(w!.id),
          orgId: pool.id,
          after: input,
        });
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(AM.POOL_WAREHOUSE_TAKEN, { name: input.name });
        throw err;
      });
    return (await this.warehouses(ctx)).find((w) => w.name === input.name)!;
  }

  private async warehouse(db: Executor, ctx: AuthContext, id?: number) {
    const [w] = await queryRows<{ id: number; name: string; org_id: number }>(
      db,
      id
        ? sql`select id, name, org_id from asset_warehouses where id = ${id} and tenant_id = ${ctx.tenantId} and active`
        : sql`select w.id, w.name, w.org_id from asset_warehouses w join orgs o on o.id = w.org_id
              where w.tenant_id = ${ctx.tenantId} and w.active and ${inScope(ctx, AP['pool.keep'], sql`w.org_id`)} order by o.depth desc, w.id limit 1`,
    );
    if (!w && id) throw notFound('asset_warehouse');
    if (!w) {
      // A bureau that has set up no warehouse yet still runs a pool: its virtual pool (items stay
      // where they are, registered centrally) is opened on the first acceptance.
      if (!ctx.has(AP['pool.manage'])) throw badRequest(AM.POOL_NO_WAREHOUSE);
      const orgId = await unitOf(db, ctx.account.orgId);
      const name = localized(ctx, '公物仓（虚拟仓）', 'Virtual pool');
      const [v] = await queryRows<{ id: number }>(
        db,
        sql`insert into asset_warehouses (tenant_id, org_id, name, kind) values (${ctx.tenantId}, ${orgId}, ${name}, 'virtual')
            on conflict (tenant_id, name) do update set active = true returning id`,
      );
      await writeAudit(db, ctx.auditActor(), {
        action: 'create',
        entityType: 'asset_warehouse',
        entityId: num(v!.id),
        orgId,
        summary: name,
      });
      return { id: num(v!.id), name, orgId };
    }
    return { id: num(w.id), name: String(w.name), orgId: num(w.org_id) };
  }

  // ——— hand-ins (上缴) ———

  /**
   * A unit hands in idle or over-standard assets: they are held for the batch until the pool
   * accepts them. When the bureau's pool staff record the hand-in themselves, they accept it on
   * the spot (inspection grade A unless stated, the first active warehouse unless named).
   */
  async handIn(ctx: AuthContext, input: z.infer<typeof ZHandInCreateSchema>) {
    ctx.require(AP['assets.write']);
    const db = this.core.db;
    const id = await db
      .transaction(async (tx) => {
        const rows = await lockAssets(tx, ctx, input.assetIds, AP['assets.write']);
        if (new Set(rows.map((r) => r.org_id)).size > 1) throw badRequest(AM.ASSET_ONE_UNIT);
        requireStatus(ctx, rows, ['in_use', 'idle'], ['上缴', 'hand in']);
        const orgId = rows[0]!.org_id;
        const [h] = await queryRows<{ id: number }>(
          tx,
          sql`insert into asset_hand_ins (tenant_id, org_id, code, reason, note, item_count, total_value, created_by)
              values (${ctx.tenantId}, ${orgId}, ${`tmp-${Date.now()}-${Math.random()}`}, ${input.reason}, ${input.note ?? null},
                ${rows.length}, ${totalOf(rows)}, ${ctx.account.id}) returning id`,
        );
        const hid = num(h!.id);
        const code = requestCode('SJ', hid);
        await tx.execute(sql`update asset_hand_ins set code = ${code} where id = ${hid}`);
        await tx.execute(
          sql`insert into asset_hand_in_items (hand_in_id, asset_id, value)
              values ${sql.join(
                rows.map((r) => sql`(${hid}, ${r.id}, ${r.original_value})`),
                sql`, `,
              )}`,
        );
        await tx.execute(sql`update assets set status = 'reserved', reserved_by = ${code}, updated_at = now() where id in ${idsOf(rows)}`);
        await addEvents(tx, ctx, idsOf(rows), {
          orgId,
          kind: 'hand_in_request',
          summary: localized(
            ctx,
            `申请上缴公物仓（${code}，${REASON_ZH[input.reason]}）`,
            `Hand-in to the pool requested (${code}, ${input.reason})`,
          ),
          refType: 'hand_in',
          refId: hid,
        });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'asset_hand_in',
          entityId: hid,
          orgId,
          summary: `${code}: ${rows.length} assets, ${totalOf(rows)} yuan`,
          after: input,
        });
        if (ctx.has(AP['pool.keep']) && ctx.has(AP['pool.manage']))
          await this.acceptIn(tx, ctx, hid, { warehouseId: (await this.warehouse(tx, ctx, input.warehouseId)).id, condition: 'A' });
        return hid;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(AM.ASSET_RESERVED, { code: String(input.assetIds[0]), by: 'SJ' });
        throw err;
      });
    return this.getHandIn(ctx, id);
  }

  async accept(ctx: AuthContext, id: number, input: z.infer<typeof ZHandInAcceptSchema>) {
    ctx.require(AP['pool.keep']);
    await this.core.db.transaction(async (tx) => this.acceptIn(tx, ctx, id, input));
    return this.getHandIn(ctx, id);
  }

  /** Acceptance: graded, put away, and moved from the unit's register to the pool's, in one transaction. */
  private async acceptIn(
    tx: Executor,
    ctx: AuthContext,
    id: number,
    input: { warehouseId: number; items?: { assetId: number; condition: string; slot?: string | null }[]; condition: string },
  ) {
    const [h] = await queryRows<{ id: number; org_id: number; code: string; status: string }>(
      tx,
      sql`select id, org_id, code, status from asset_hand_ins where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
    );
    if (!h) throw notFound('asset_hand_in');
    if (h.status !== 'submitted')
      throw conflict(AM.POOL_REQUEST_STATE, { code: h.code, status: h.status, action: localized(ctx, '验收', 'accept') });
    const wh = await this.warehouse(tx, ctx, input.warehouseId);
    const items = await queryRows<{ asset_id: number }>(
      tx,
      sql`select asset_id from asset_hand_in_items where hand_in_id = ${id} and open`,
    );
    const assetIds = items.map((i) => num(i.asset_id));
    const graded = new Map((input.items ?? []).map((i) => [i.assetId, i]));
    for (const g of graded.keys()) if (!assetIds.includes(g)) throw badRequest(AM.POOL_NOT_IN_BATCH, { code: String(g) });
    // The items join the register of the bureau that runs the warehouse.
    const pool = { id: wh.orgId };
    for (const aid of assetIds) {
      const g = graded.get(aid);
      const condition = g?.condition ?? input.condition;
      await tx.execute(sql`update asset_hand_in_items set open = false, condition = ${condition}, slot = ${g?.slot ?? null}
          where hand_in_id = ${id} and asset_id = ${aid}`);
      await tx.execute(sql`update assets set org_id = ${pool.id}, status = 'in_pool', reserved_by = null, warehouse_id = ${wh.id},
          slot = ${g?.slot ?? null}, condition = ${condition}, custodian = null, room_id = null, location = ${wh.name}, updated_at = now()
          where id = ${aid}`);
    }
    await tx.execute(sql`update asset_hand_ins set status = 'accepted', warehouse_id = ${wh.id}, accepted_by = ${ctx.account.id},
        accepted_at = now() where id = ${id}`);
    await addEvents(tx, ctx, assetIds, (aid) => ({
      orgId: num(h.org_id),
      kind: 'hand_in',
      summary: localized(
        ctx,
        `上缴入仓：${wh.name}（${h.code}，验收等级 ${graded.get(aid)?.condition ?? input.condition}）`,
        `Handed in to ${wh.name} (${h.code}, grade ${graded.get(aid)?.condition ?? input.condition})`,
      ),
      data: { fromOrgId: num(h.org_id), toOrgId: pool.id, warehouseId: wh.id },
      refType: 'hand_in',
      refId: id,
    }));
    await writeAudit(tx, ctx.auditActor(), {
      action: 'update',
      entityType: 'asset_hand_in',
      entityId: id,
      orgId: num(h.org_id),
      summary: `${h.code} accepted into ${wh.name}: ${assetIds.length} assets`,
      after: { status: 'accepted', warehouseId: wh.id },
    });
  }

  /** A batch refused at acceptance (or withdrawn by its unit): the assets go back to the unit as idle. */
  async closeHandIn(ctx: AuthContext, id: number, status: 'rejected' | 'withdrawn') {
    await this.core.db.transaction(async (tx) => {
      const [h] = await queryRows<{ org_id: number; path: string; code: string; status: string }>(
        tx,
        sql`select h.org_id, o.path, h.code, h.status from asset_hand_ins h join orgs o on o.id = h.org_id
            where h.id = ${id} and h.tenant_id = ${ctx.tenantId} for update of h`,
      );
      if (!h) throw notFound('asset_hand_in');
      const org = { id: num(h.org_id), path: h.path };
      if (status === 'rejected' ? !ctx.has(AP['pool.keep']) : !ctx.covers(AP['assets.write'], org)) throw notFound('asset_hand_in');
      if (h.status !== 'submitted')
        throw conflict(AM.POOL_REQUEST_STATE, { code: h.code, status: h.status, action: localized(ctx, '关闭', 'close') });
      const items = await queryRows<{ asset_id: number }>(
        tx,
        sql`update asset_hand_in_items set open = false where hand_in_id = ${id} and open returning asset_id`,
      );
      const assetIds = items.map((i) => num(i.asset_id));
      if (assetIds.length)
        await tx.execute(sql`update assets set status = 'idle', reserved_by = null, updated_at = now() where id in ${assetIds}`);
      await tx.execute(sql`update asset_hand_ins set status = ${status} where id = ${id}`);
      await addEvents(tx, ctx, assetIds, {
        orgId: org.id,
        kind: 'hand_in_closed',
        summary: localized(ctx, `上缴 ${h.code} ${status === 'rejected' ? '未予接收' : '已撤回'}`, `Hand-in ${h.code} ${status}`),
        refType: 'hand_in',
        refId: id,
      });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_hand_in',
        entityId: id,
        orgId: org.id,
        after: { status },
      });
    });
    return this.getHandIn(ctx, id);
  }

  private handInView(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      code: String(r.code),
      orgId: num(r.org_id),
      orgName: String(r.org_name ?? ''),
      reason: r.reason as 'idle',
      status: r.status as 'submitted',
      warehouseId: numOrNull(r.warehouse_id),
      itemCount: num(r.item_count),
      totalValue: String(r.total_value),
      note: (r.note as string | null) ?? null,
      createdAt: iso(r.created_at)!,
      acceptedAt: iso(r.accepted_at),
      assetIds: ((r.asset_ids as number[] | null) ?? []).map(Number),
    };
  }

  private handInScope(ctx: AuthContext) {
    return ctx.has(AP['pool.keep']) || ctx.has(AP['pool.manage']) ? sql`true` : inScope(ctx, AP['assets.read'], sql`x.org_id`);
  }

  async getHandIn(ctx: AuthContext, id: number) {
    return this.handInView(await batchOne(this.core.db, BATCHES.handIn, ctx, id, this.handInScope(ctx)));
  }

  async handIns(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return batchPage(this.core.db, BATCHES.handIn, ctx, q, this.handInScope(ctx), (r) => this.handInView(r));
  }

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
          title: localized(ctx, `公物仓调剂 ${code}（${rows.length} 件）`, `Pool allocation ${code} (${rows.length} items)`),
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

  // ——— pool before purchase, statistics ———

  async matches(ctx: AuthContext, q: { category: string; limit: number }) {
    ctx.require(AP['assets.read']);
    const { total: n, rows } = await findUsablePoolItems(this.core.db, ctx.tenantId, q.category, q.limit);
    const cats = await loadCategories(this.core.db);
    return { total: n, items: rows.map((r) => toAssetView(ctx, cats, r)) };
  }

  /** Batches and items received, allocated, disposed and lent over a period (default: this year), and what the pool holds. */
  async stats(ctx: AuthContext, q: z.infer<typeof ZPoolStatsQuerySchema>) {
    ctx.require(AP['assets.read']);
    const db = this.core.db;
    const today = cnToday();
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? `${today.slice(0, 4)}-12-31`;
    if (to < from)
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'to' },
        { fields: [{ field: 'to', message: localized(ctx, '结束日期不能早于开始日期', 'the end is before the start') }] },
      );
    const t = ctx.tenantId;
    // Days are China-time calendar days: a timestamp's day is taken at +08:00.
    const inPeriod = (col: string) => sql`(${sql.raw(col)} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
    const [rec, alloc, disp, loan, pool] = await Promise.all([
      queryRows<{ b: number; i: number; v: string }>(
        db,
        sql`select count(*)::int as b, coalesce(sum(item_count), 0)::int as i, coalesce(sum(total_value), 0)::text as v
            from asset_hand_ins where tenant_id = ${t} and status = 'accepted' and ${inPeriod('accepted_at')}`,
      ),
      queryRows<{ b: number; i: number; v: string }>(
        db,
        sql`select count(*)::int as b, coalesce(sum(item_count), 0)::int as i, coalesce(sum(total_value), 0)::text as v
            from asset_allocations where tenant_id = ${t} and status = 'received' and ${inPeriod('received_at')}`,
      ),
      queryRows<{ b: number; i: number; v: string }>(
        db,
        sql`select count(*)::int as b, coalesce(sum(item_count), 0)::int as i, coalesce(sum(total_value), 0)::text as v
            from asset_disposals where tenant_id = ${t} and status = 'approved' and ${inPeriod('applied_at')}`,
      ),
      queryRows<{ b: number; i: number; v: string }>(
        db,
        sql`select count(distinct l.id)::int as b, count(i.id)::int as i, coalesce(sum(a.original_value), 0)::text as v
            from asset_loans l join asset_loan_items i on i.loan_id = l.id join assets a on a.id = i.asset_id
            where l.tenant_id = ${t} and l.lent_on between ${from}::date and ${to}::date`,
      ),
      queryRows<{ i: number; v: string }>(
        db,
        sql`select count(*)::int as i, coalesce(sum(original_value), 0)::text as v from assets
            where tenant_id = ${t} and status in ('in_pool','reserved','on_loan') and warehouse_id is not null`,
      ),
    ]);
    const byCat = await queryRows<{ c: string; i: number; v: string }>(
      db,
      sql`select substr(a.category_code, 1, 3) || '0000' as c, count(*)::int as i, sum(it.value)::text as v
          from asset_allocations x join asset_allocation_items it on it.allocation_id = x.id join assets a on a.id = it.asset_id
          where x.tenant_id = ${t} and x.status = 'received' and ${inPeriod('x.received_at')} group by 1 order by 2 desc`,
    );
    const months = await queryRows<{ m: string; r: number; a: number }>(
      db,
      sql`select m, sum(r)::int as r, sum(a)::int as a from (
            select to_char(accepted_at at time zone 'Asia/Shanghai', 'YYYY-MM') as m, item_count as r, 0 as a from asset_hand_ins
              where tenant_id = ${t} and status = 'accepted' and ${inPeriod('accepted_at')}
            union all
            select to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM'), 0, item_count from asset_allocations
              where tenant_id = ${t} and status = 'received' and ${inPeriod('received_at')}) s group by m order by m`,
    );
    const cats = await loadCategories(db);
    const flow = (r?: { b: number; i: number; v: string }) => ({ batches: num(r?.b), items: num(r?.i), value: String(r?.v ?? '0.00') });
    const fix = (v: string) => fenToYuan(toFen(v));
    return {
      from,
      to,
      received: { ...flow(rec[0]), value: fix(rec[0]?.v ?? '0') },
      allocated: { ...flow(alloc[0]), value: fix(alloc[0]?.v ?? '0') },
      disposed: { ...flow(disp[0]), value: fix(disp[0]?.v ?? '0') },
      loaned: { ...flow(loan[0]), value: fix(loan[0]?.v ?? '0') },
      allocatedByCategory: byCat.map((c) => {
        const cat = cats.find((k) => k.code === c.c);
        return { categoryCode: c.c, name: cat ? localized(ctx, cat.labelZh, cat.labelEn) : c.c, items: num(c.i), value: fix(c.v) };
      }),
      inPool: { items: num(pool[0]?.i), value: fix(pool[0]?.v ?? '0') },
      byMonth: months.map((m) => ({ month: m.m, received: num(m.r), allocated: num(m.a) })),
    };
  }
}
