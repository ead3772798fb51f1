import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZAllocationCreateSchema,
  ZDisposalCreateSchema,
  ZHandInAcceptSchema,
  ZHandInCreateSchema,
  ZLoanCreateSchema,
  ZLoanReturnSchema,
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
  accountsWith,
  assertOrgInScope,
  badRequest,
  cnToday,
  conflict,
  dbError,
  fenToYuan,
  inScope,
  iso,
  notFound,
  notify,
  num,
  numOrNull,
  queryRows,
  registerBusinessType,
  registerJob,
  sumYuan,
  toFen,
  unitOf,
  where,
  writeAudit,
} from '../../core';
import { AM } from './assets.messages';
import { AP } from './assets.permissions';
import {
  ASSET_COLS,
  ASSET_FROM,
  type LockedAsset,
  addEvents,
  categoryOf,
  loadCategories,
  localized,
  lockAssets,
  requestCode,
  requireStatus,
  toAssetView,
} from './assets.repository';
import { type DisposalTier, categoryPrefix, disposalTier, isEarlyScrap } from './assets.rules';

export const ALLOCATION_TYPE = 'asset_allocation';
export const DISPOSAL_TYPE = 'asset_disposal';
type BatchTable = { table: string; items: string; fk: string; entity: string };
const BATCHES = {
  handIn: { table: 'asset_hand_ins', items: 'asset_hand_in_items', fk: 'hand_in_id', entity: 'asset_hand_in' },
  allocation: { table: 'asset_allocations', items: 'asset_allocation_items', fk: 'allocation_id', entity: 'asset_allocation' },
  disposal: { table: 'asset_disposals', items: 'asset_disposal_items', fk: 'disposal_id', entity: 'asset_disposal' },
} satisfies Record<string, BatchTable>;
const METHOD_ZH: Record<string, string> = { scrap: '报废', auction: '拍卖', donation: '捐赠', transfer: '转让' };
const REASON_ZH: Record<string, string> = { idle: '闲置', over_standard: '超标准配置', abolished_body: '机构撤并', event: '大型活动结余' };

type PoolRules = { loanReminderDaysBefore: number; usableConditions: string[]; poolBeforePurchase: boolean };
type DisposalRules = { tiers: DisposalTier[]; earlyScrapNeedsReason: boolean };

async function rule<T>(db: Executor, name: string): Promise<T> {
  const [r] = await queryRows<{ data: T }>(
    db,
    sql`select data from rule_tables where name = ${name} and effective_from <= ${cnToday()}::date
        order by effective_from desc, version desc limit 1`,
  );
  if (!r) throw notFound('rule');
  return r.data;
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const total = (rows: LockedAsset[]) => sumYuan(rows.map((r) => r.original_value));

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
registerBusinessType({
  type: ALLOCATION_TYPE,
  nameZh: '公物仓资产调剂',
  nameEn: 'Pool asset allocation',
  defaultFlow: {
    nameZh: '公物仓资产调剂审批',
    nameEn: 'Pool allocation approval',
    steps: [
      {
        key: 'bureau',
        nameZh: '机关事务局资产管理审核',
        nameEn: 'Bureau asset review',
        approver: { role: 'manager', at: 'bureau' },
        mode: 'any',
        condition: { fact: 'initiator', op: 'eq', value: 'unit' },
      },
      {
        key: 'leader',
        nameZh: '局领导审批',
        nameEn: 'Leader approval',
        approver: { role: 'leader', at: 'bureau' },
        mode: 'any',
        condition: { fact: 'initiator', op: 'eq', value: 'bureau' },
      },
    ],
  },
  link: (id) => `/assets/pool/allocations?id=${id}`,
  onApproved: allocationStatus('approved'),
  onReturned: allocationStatus('returned'),
  onResubmitted: allocationStatus('pending'),
  onRejected: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'rejected'),
  onWithdrawn: (tx, inst, ctx) => releaseAllocation(tx, ctx, Number(inst.businessId), 'withdrawn'),
});

async function releaseDisposal(tx: Executor, ctx: AuthContext, disposalId: number, status: string) {
  const items = await queryRows<{ asset_id: number; prior_status: string }>(
    tx,
    sql`update asset_disposal_items set active = false where disposal_id = ${disposalId} and active returning asset_id, prior_status`,
  );
  for (const s of new Set(items.map((i) => i.prior_status))) {
    const these = items.filter((i) => i.prior_status === s).map((i) => num(i.asset_id));
    await tx.execute(
      sql`update assets set status = ${s}, reserved_by = null, updated_at = now() where id in ${these} and status = 'reserved'`,
    );
  }
  const [d] = await queryRows<{ org_id: number }>(
    tx,
    sql`update asset_disposals set status = ${status} where id = ${disposalId} returning org_id`,
  );
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'asset_disposal',
    entityId: disposalId,
    orgId: d ? num(d.org_id) : undefined,
    summary: `${status}; ${items.length} items released`,
    after: { status },
  });
}

async function applyDisposal(tx: Executor, inst: ApprovalInstance, ctx: AuthContext) {
  const id = Number(inst.businessId);
  const [d] = await queryRows<{ org_id: number; method: string; code: string; reason: string }>(
    tx,
    sql`select org_id, method, code, reason from asset_disposals where id = ${id} for update`,
  );
  if (!d) throw notFound('asset_disposal');
  const items = await queryRows<{ asset_id: number }>(
    tx,
    sql`update asset_disposal_items set active = false where disposal_id = ${id} and active returning asset_id`,
  );
  const assetIds = items.map((i) => num(i.asset_id));
  if (assetIds.length)
    await tx.execute(sql`update assets set status = 'disposed', reserved_by = null, disposed_at = now(), updated_at = now()
        where id in ${assetIds}`);
  await tx.execute(sql`update asset_disposals set status = 'approved', applied_at = now() where id = ${id}`);
  await addEvents(tx, ctx, assetIds, {
    orgId: num(d.org_id),
    kind: 'dispose',
    summary: localized(ctx, `${METHOD_ZH[d.method]}处置（${d.code}）：${d.reason}`, `Disposed by ${d.method} (${d.code}): ${d.reason}`),
    data: { method: d.method },
    refType: 'disposal',
    refId: id,
  });
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'asset_disposal',
    entityId: id,
    orgId: num(d.org_id),
    summary: `${d.code} applied: ${assetIds.length} assets disposed`,
    after: { status: 'approved' },
  });
}

/**
 * 处置 on the approval engine. The steps come from rule `asset_disposal_thresholds` through the
 * `tier` fact: every request goes to the unit's leader and the bureau's asset administrator;
 * above the first limit a bureau leader signs; above the second the finance department's
 * reply is recorded by the bureau before the assets leave the register.
 */
registerBusinessType({
  type: DISPOSAL_TYPE,
  nameZh: '国有资产处置',
  nameEn: 'State asset disposal',
  defaultFlow: {
    nameZh: '国有资产处置审批（按原值分级）',
    nameEn: 'Asset disposal approval (by value)',
    steps: [
      {
        key: 'unit_leader',
        nameZh: '单位负责人审核',
        nameEn: 'Unit leader',
        approver: { role: 'leader', at: 'applicant_unit' },
        mode: 'any',
      },
      {
        key: 'bureau_asset_admin',
        nameZh: '机关事务局资产管理审核',
        nameEn: 'Bureau asset review',
        approver: { role: 'manager', at: 'bureau' },
        mode: 'any',
      },
      {
        key: 'bureau_leader',
        nameZh: '局领导审批',
        nameEn: 'Bureau leader approval',
        approver: { role: 'leader', at: 'bureau' },
        mode: 'any',
        condition: { fact: 'tier', op: 'gte', value: 1 },
      },
      {
        key: 'finance',
        nameZh: '财政部门审批（登记批复文号）',
        nameEn: 'Finance department approval (record its reply)',
        approver: { role: 'manager', at: 'bureau' },
        mode: 'any',
        condition: { fact: 'tier', op: 'gte', value: 2 },
      },
    ],
  },
  link: (id) => `/assets/disposals?id=${id}`,
  onApproved: applyDisposal,
  onReturned: async (tx, inst) => {
    await tx.execute(sql`update asset_disposals set status = 'returned' where id = ${Number(inst.businessId)}`);
  },
  onResubmitted: async (tx, inst) => {
    await tx.execute(sql`update asset_disposals set status = 'pending' where id = ${Number(inst.businessId)}`);
  },
  onRejected: (tx, inst, ctx) => releaseDisposal(tx, ctx, Number(inst.businessId), 'rejected'),
  onWithdrawn: (tx, inst, ctx) => releaseDisposal(tx, ctx, Number(inst.businessId), 'withdrawn'),
});

/**
 * Loan reminders: a due date within the rule's days gets one reminder to the pool's
 * administrators and keepers; an overdue loan one notice a day.
 */
registerJob({
  name: 'assets.loan.reminders',
  titleZh: '公物仓出借到期提醒与逾期通知',
  titleEn: 'Pool loan due-date reminders and overdue notices',
  schedule: { kind: 'daily', at: '08:00' },
  run: async ({ db }) => {
    const today = cnToday();
    const tenants = await queryRows<{ tenant_id: number }>(db, sql`select distinct tenant_id from asset_loans where status = 'out'`);
    let sent = 0;
    for (const t of tenants) {
      const tenantId = num(t.tenant_id);
      const r = await rule<PoolRules>(db, 'asset_pool_rules');
      const due = await queryRows<{ id: number; org_id: number; borrower_name: string; due_on: string; overdue: boolean }>(
        db,
        sql`select id, org_id, borrower_name, due_on::text as due_on, due_on < ${today}::date as overdue from asset_loans
            where tenant_id = ${tenantId} and status = 'out'
              and ((due_on < ${today}::date and (overdue_notified_on is null or overdue_notified_on < ${today}::date))
                or (due_on >= ${today}::date and due_on <= ${today}::date + ${r.loanReminderDaysBefore}::int and reminder_sent_on is null))`,
      );
      if (!due.length) continue;
      await db.transaction(async (tx) => {
        for (const l of due) {
          const org = num(l.org_id);
          const to = [...(await accountsWith(tx, AP['pool.manage'], org)), ...(await accountsWith(tx, AP['pool.keep'], org))];
          await notify(tx, to, {
            kind: l.overdue ? 'asset.loan_overdue' : 'asset.loan_due',
            titleZh: l.overdue
              ? `出借逾期：${l.borrower_name}（应于 ${l.due_on} 归还）`
              : `出借即将到期：${l.borrower_name}（${l.due_on}）`,
            titleEn: l.overdue ? `Loan overdue: ${l.borrower_name} (due ${l.due_on})` : `Loan due soon: ${l.borrower_name} (${l.due_on})`,
            link: `/assets/pool/loans?id=${l.id}`,
          });
          await tx.execute(
            l.overdue
              ? sql`update asset_loans set overdue_notified_on = ${today}::date where id = ${l.id}`
              : sql`update asset_loans set reminder_sent_on = ${today}::date where id = ${l.id}`,
          );
          sent++;
        }
      });
    }
    return { sent };
  },
});

/** Usable pool items of a category: what a purchase request is checked against (pool before purchase). */
export async function findUsablePoolItems(db: Executor, tenantId: number, categoryCode: string, limit = 10) {
  const r = await rule<PoolRules>(db, 'asset_pool_rules');
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

  // ——— requests: a batch header with its item rows (hand-ins, allocations, disposals) ———

  private batchSelect(b: BatchTable) {
    return sql`select x.*, x.total_value::text as total_value, o.name as org_name,
        (select array_agg(i.asset_id order by i.asset_id) from ${sql.identifier(b.items)} i where i.${sql.identifier(b.fk)} = x.id) as asset_ids
      from ${sql.identifier(b.table)} x join orgs o on o.id = x.org_id`;
  }

  /** One request in the caller's scope (404 outside it). */
  private async batchOne(b: BatchTable, ctx: AuthContext, id: number, scope: SQL) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.batchSelect(b)} where x.id = ${id} and x.tenant_id = ${ctx.tenantId} and ${scope}`,
    );
    if (!r) throw notFound(b.entity);
    return r;
  }

  /** A page of requests, newest first, by status and org. */
  private async batchPage<T>(
    b: BatchTable,
    ctx: AuthContext,
    q: z.infer<typeof ZPoolListQuerySchema>,
    scope: SQL,
    view: (r: Record<string, unknown>) => T | Promise<T>,
  ) {
    ctx.require(AP['assets.read']);
    const w = where([
      sql`x.tenant_id = ${ctx.tenantId}`,
      scope,
      q.status ? sql`x.status = ${q.status}` : undefined,
      q.orgId ? sql`x.org_id = ${q.orgId}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from ${sql.identifier(b.table)} x where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.batchSelect(b)} where ${w} order by x.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: await Promise.all(rows.map(view)) };
  }

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
                ${rows.length}, ${total(rows)}, ${ctx.account.id}) returning id`,
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
        await tx.execute(sql`update assets set status = 'reserved', reserved_by = ${code}, updated_at = now() where id in ${ids(rows)}`);
        await addEvents(tx, ctx, ids(rows), {
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
          summary: `${code}: ${rows.length} assets, ${total(rows)} yuan`,
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
    return this.handInView(await this.batchOne(BATCHES.handIn, ctx, id, this.handInScope(ctx)));
  }

  async handIns(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return this.batchPage(BATCHES.handIn, ctx, q, this.handInScope(ctx), (r) => this.handInView(r));
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
              values (${ctx.tenantId}, ${to.id}, ${`tmp-${Date.now()}-${Math.random()}`}, ${input.reason}, ${rows.length}, ${total(rows)},
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
              where id in ${ids(rows)} and status = 'in_pool' returning id`,
        );
        if (reserved.length !== rows.length) throw conflict(AM.ASSET_RESERVED, { code: rows[0]!.code, by: '' });
        const pool = { id: rows[0]!.org_id };
        await addEvents(tx, ctx, ids(rows), {
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
          facts: { initiator: ctx.has(AP['pool.manage']) ? 'bureau' : 'unit', items: rows.length, value: Number(total(rows)) },
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
    return this.allocationView(await this.batchOne(BATCHES.allocation, ctx, id, this.allocationScope(ctx)));
  }

  async allocations(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return this.batchPage(BATCHES.allocation, ctx, q, this.allocationScope(ctx), (r) => this.allocationView(r));
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

  // ——— loans (出借) ———

  async lend(ctx: AuthContext, input: z.infer<typeof ZLoanCreateSchema>) {
    if (!ctx.has(AP['pool.keep'])) ctx.require(AP['pool.manage']);
    const id = await this.core.db.transaction(async (tx) => {
      const rows = await lockAssets(tx, ctx, input.assetIds, null);
      for (const r of rows) {
        if (r.status === 'reserved') throw conflict(AM.ASSET_RESERVED, { code: r.code, by: r.reserved_by ?? '' });
        if (r.status !== 'in_pool') throw conflict(AM.ASSET_NOT_POOL, { code: r.code });
      }
      if (input.borrowerOrgId) {
        const [o] = await queryRows<{ tenant_id: number }>(tx, sql`select tenant_id from orgs where id = ${input.borrowerOrgId}`);
        if (!o || num(o.tenant_id) !== ctx.tenantId) throw notFound('org');
      }
      const pool = { id: rows[0]!.org_id };
      const [l] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_loans (tenant_id, org_id, borrower_org_id, borrower_name, contact, purpose, lent_on, due_on, created_by)
            values (${ctx.tenantId}, ${pool.id}, ${input.borrowerOrgId ?? null}, ${input.borrowerName}, ${input.contact ?? null},
              ${input.purpose}, ${input.lentOn}, ${input.dueOn}, ${ctx.account.id}) returning id`,
      );
      const lid = num(l!.id);
      await tx.execute(
        sql`insert into asset_loan_items (loan_id, asset_id) values ${sql.join(
          rows.map((r) => sql`(${lid}, ${r.id})`),
          sql`, `,
        )}`,
      );
      await tx.execute(sql`update assets set status = 'on_loan', updated_at = now() where id in ${ids(rows)}`);
      await addEvents(tx, ctx, ids(rows), {
        orgId: pool.id,
        kind: 'loan',
        summary: localized(ctx, `出借给 ${input.borrowerName}，${input.dueOn} 前归还`, `Lent to ${input.borrowerName}, due ${input.dueOn}`),
        refType: 'loan',
        refId: lid,
      });
      await writeAudit(tx, ctx.auditActor(), { action: 'create', entityType: 'asset_loan', entityId: lid, orgId: pool.id, after: input });
      return lid;
    });
    return this.getLoan(ctx, id);
  }

  /** Return with an inspection grade per item; a loan closes when its last item is back. */
  async returnLoan(ctx: AuthContext, id: number, input: z.infer<typeof ZLoanReturnSchema>) {
    if (!ctx.has(AP['pool.keep'])) ctx.require(AP['pool.manage']);
    await this.core.db.transaction(async (tx) => {
      const [l] = await queryRows<{ id: number; org_id: number; status: string; lent_on: string }>(
        tx,
        sql`select id, org_id, status, lent_on::text as lent_on from asset_loans where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
      );
      if (!l) throw notFound('asset_loan');
      if (l.status !== 'out')
        throw conflict(AM.POOL_REQUEST_STATE, { code: `#${id}`, status: l.status, action: localized(ctx, '归还', 'return') });
      if (input.returnedOn < l.lent_on)
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'returnedOn' },
          {
            fields: [
              {
                field: 'returnedOn',
                message: localized(ctx, '归还日期不能早于出借日期', 'the return date cannot be before the loan date'),
              },
            ],
          },
        );
      const out = (
        await queryRows<{ asset_id: number }>(tx, sql`select asset_id from asset_loan_items where loan_id = ${id} and not returned`)
      ).map((r) => num(r.asset_id));
      const back = input.items?.length ? input.items : out.map((assetId) => ({ assetId, condition: input.condition }));
      for (const b of back) if (!out.includes(b.assetId)) throw badRequest(AM.POOL_NOT_IN_BATCH, { code: String(b.assetId) });
      for (const b of back) {
        await tx.execute(
          sql`update asset_loan_items set returned = true, return_condition = ${b.condition} where loan_id = ${id} and asset_id = ${b.assetId}`,
        );
        await tx.execute(sql`update assets set status = 'in_pool', condition = ${b.condition}, updated_at = now() where id = ${b.assetId}`);
      }
      const done = back.length === out.length;
      if (done) await tx.execute(sql`update asset_loans set status = 'returned', returned_on = ${input.returnedOn}::date where id = ${id}`);
      await addEvents(
        tx,
        ctx,
        back.map((b) => b.assetId),
        (aid) => ({
          orgId: num(l.org_id),
          kind: 'loan_return',
          summary: localized(
            ctx,
            `出借归还，验收等级 ${back.find((b) => b.assetId === aid)?.condition}`,
            `Returned from loan, grade ${back.find((b) => b.assetId === aid)?.condition}`,
          ),
          refType: 'loan',
          refId: id,
        }),
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_loan',
        entityId: id,
        orgId: num(l.org_id),
        summary: `${back.length} items returned${done ? '; loan closed' : ''}`,
        after: input,
      });
    });
    return this.getLoan(ctx, id);
  }

  private loanView(r: Record<string, unknown>, today: string) {
    return {
      id: num(r.id),
      borrowerOrgId: numOrNull(r.borrower_org_id),
      borrowerName: String(r.borrower_name),
      contact: (r.contact as string | null) ?? null,
      purpose: String(r.purpose),
      lentOn: String(r.lent_on),
      dueOn: String(r.due_on),
      status: r.status as 'out',
      overdue: r.status === 'out' && String(r.due_on) < today,
      returnedOn: (r.returned_on as string | null) ?? null,
      itemCount: num(r.item_count),
      assetIds: ((r.asset_ids as number[] | null) ?? []).map(Number),
    };
  }

  private loanSql = sql`select l.id, l.borrower_org_id, l.borrower_name, l.contact, l.purpose, l.lent_on::text as lent_on,
      l.due_on::text as due_on, l.status, l.returned_on::text as returned_on,
      (select count(*)::int from asset_loan_items i where i.loan_id = l.id) as item_count,
      (select array_agg(asset_id order by asset_id) from asset_loan_items i where i.loan_id = l.id) as asset_ids
    from asset_loans l`;

  async getLoan(ctx: AuthContext, id: number) {
    ctx.require(AP['assets.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.loanSql} where l.id = ${id} and l.tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('asset_loan');
    return this.loanView(r, cnToday());
  }

  async loans(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    ctx.require(AP['assets.read']);
    const today = cnToday();
    const w = where([
      sql`l.tenant_id = ${ctx.tenantId}`,
      q.status === 'overdue' ? sql`l.status = 'out' and l.due_on < ${today}::date` : q.status ? sql`l.status = ${q.status}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from asset_loans l where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.loanSql} where ${w} order by l.status = 'out' desc, l.due_on, l.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.loanView(r, today)) };
  }

  // ——— disposals (处置) ———

  async dispose(ctx: AuthContext, input: z.infer<typeof ZDisposalCreateSchema>) {
    const db = this.core.db;
    const rules = await rule<DisposalRules>(db, 'asset_disposal_thresholds');
    const cats = await loadCategories(db);
    const id = await db
      .transaction(async (tx) => {
        const rows = await lockAssets(tx, ctx, input.assetIds, null);
        if (new Set(rows.map((r) => r.org_id)).size > 1) throw badRequest(AM.ASSET_ONE_UNIT);
        const fromPool = rows.every((r) => r.status === 'in_pool' || (r.status === 'reserved' && r.warehouse_id != null));
        // A unit disposes of its own register; pool items are the pool administrator's to dispose of.
        const org = { id: rows[0]!.org_id, path: rows[0]!.org_path };
        if (fromPool ? !ctx.has(AP['pool.manage']) : !ctx.covers(AP['assets.write'], org)) throw notFound('asset');
        requireStatus(ctx, rows, fromPool ? ['in_pool'] : ['in_use', 'idle'], ['处置', 'dispose of']);
        if (input.method === 'scrap' && rules.earlyScrapNeedsReason && !input.earlyReason) {
          const today = cnToday();
          for (const r of rows) {
            const life = categoryOf(cats, r.category_code)?.lifeYears ?? 0;
            if (r.purchase_date && isEarlyScrap(r.purchase_date, life, today))
              throw badRequest(AM.ASSET_EARLY_SCRAP, { code: r.code, years: life });
          }
        }
        const value = total(rows);
        const { index, tier } = disposalTier(rules.tiers, value);
        const [d] = await queryRows<{ id: number }>(
          tx,
          sql`insert into asset_disposals (tenant_id, org_id, code, method, reason, early_reason, item_count, total_value, tier, created_by)
              values (${ctx.tenantId}, ${org.id}, ${`tmp-${Date.now()}-${Math.random()}`}, ${input.method}, ${input.reason},
                ${input.earlyReason ?? null}, ${rows.length}, ${value}, ${index}, ${ctx.account.id}) returning id`,
        );
        const did = num(d!.id);
        const code = requestCode('CZ', did);
        await tx.execute(sql`update asset_disposals set code = ${code} where id = ${did}`);
        await tx.execute(
          sql`insert into asset_disposal_items (disposal_id, asset_id, prior_status, value) values ${sql.join(
            rows.map((r) => sql`(${did}, ${r.id}, ${r.status}, ${r.original_value})`),
            sql`, `,
          )}`,
        );
        await tx.execute(sql`update assets set status = 'reserved', reserved_by = ${code}, updated_at = now() where id in ${ids(rows)}`);
        await addEvents(tx, ctx, ids(rows), {
          orgId: org.id,
          kind: 'dispose_request',
          summary: localized(
            ctx,
            `申请${METHOD_ZH[input.method]}（${code}，${tier.labelZh}）`,
            `${input.method} requested (${code}, ${tier.labelEn})`,
          ),
          refType: 'disposal',
          refId: did,
        });
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: DISPOSAL_TYPE,
          businessId: did,
          title: localized(
            ctx,
            `资产${METHOD_ZH[input.method]} ${code}（${rows.length} 件，原值 ${value} 元）`,
            `Asset ${input.method} ${code} (${rows.length} items, ${value} yuan)`,
          ),
          orgId: org.id,
          facts: { tier: index, method: input.method, value: Number(value) },
        });
        await tx.execute(sql`update asset_disposals set instance_id = ${inst.id} where id = ${did}`);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'asset_disposal',
          entityId: did,
          orgId: org.id,
          summary: `${code}: ${input.method}, ${rows.length} assets, ${value} yuan, tier ${index}`,
          after: input,
        });
        return did;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(AM.ASSET_RESERVED, { code: String(input.assetIds[0]), by: '' });
        throw err;
      });
    return this.getDisposal(ctx, id);
  }

  private async disposalView(ctx: AuthContext, r: Record<string, unknown>) {
    const rules = await rule<DisposalRules>(this.core.db, 'asset_disposal_thresholds');
    const tier = rules.tiers[num(r.tier)];
    return {
      id: num(r.id),
      code: String(r.code),
      orgId: num(r.org_id),
      orgName: String(r.org_name ?? ''),
      method: r.method as 'scrap',
      reason: String(r.reason),
      earlyReason: (r.early_reason as string | null) ?? null,
      status: r.status as 'pending',
      itemCount: num(r.item_count),
      totalValue: String(r.total_value),
      tier: num(r.tier),
      tierLabel: tier ? localized(ctx, tier.labelZh, tier.labelEn) : '',
      instanceId: numOrNull(r.instance_id),
      createdAt: iso(r.created_at)!,
      assetIds: ((r.asset_ids as number[] | null) ?? []).map(Number),
    };
  }

  private disposalScope(ctx: AuthContext) {
    return ctx.has(AP['pool.manage']) ? sql`true` : inScope(ctx, AP['assets.read'], sql`x.org_id`);
  }

  async getDisposal(ctx: AuthContext, id: number) {
    return this.disposalView(ctx, await this.batchOne(BATCHES.disposal, ctx, id, this.disposalScope(ctx)));
  }

  async disposals(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return this.batchPage(BATCHES.disposal, ctx, q, this.disposalScope(ctx), (r) => this.disposalView(ctx, r));
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
