import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZIssueSchema,
  ZLedgerQuerySchema,
  ZReceiptCreateSchema,
  ZReceiptQuerySchema,
  ZRequisitionCreateSchema,
  ZRequisitionQuerySchema,
  ZStockQuerySchema,
  ZSuppliesItemCreateSchema,
  ZSuppliesItemQuerySchema,
  ZSuppliesItemUpdateSchema,
} from '../../../contracts/modules/supplies';
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
  forbidden,
  inScope,
  iso,
  notFound,
  notify,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  scopeOn,
  statusHooks,
  sumYuan,
  toFen,
  unitOf,
  where,
  writeAudit,
  fieldError,
  bureauReview,
  unitReview,
  when,
} from '../../core';
import { assertPoolBeforePurchase } from '../assets';
import { averageUnitCost4, formatCost4, issue, receive } from './supplies.cost';
import { SM } from './supplies.messages';
import { SP } from './supplies.permissions';

export const REQUISITION_TYPE = 'supplies_requisition';
const STATUS_ZH: Record<string, string> = {
  pending: '审批中',
  approved: '已批准',
  rejected: '已驳回',
  returned: '已退回',
  withdrawn: '已撤回',
  issued: '已发放',
};

const hooks = statusHooks('supplies_requisitions', 'supplies_requisition');

/**
 * 请领 on the approval engine: a unit's requisition is approved by the unit's administrator,
 * one on the bureau's own store by the bureau's administrator. Approval tells the keepers,
 * who issue from stock (the issue is a separate act: the keeper counts what leaves the shelf).
 */
export const REQUISITION_BUSINESS_TYPE: BusinessType = {
  type: REQUISITION_TYPE,
  nameZh: '办公用品请领',
  nameEn: 'Office-supplies requisition',
  defaultFlow: {
    nameZh: '办公用品请领审批',
    nameEn: 'Office-supplies requisition approval',
    steps: [unitReview({ condition: when('store', 'eq', 'unit') }), bureauReview({ condition: when('store', 'eq', 'bureau') })],
  },
  ...hooks,
  link: (id) => `/supplies/requisitions?id=${id}`,
  onApproved: async (tx: Executor, inst: ApprovalInstance, ctx: AuthContext) => {
    await hooks.onApproved(tx, inst, ctx);
    const keepers = await accountsWith(tx, SP['supplies.keep'], inst.orgId);
    await notify(tx, keepers, {
      kind: 'supplies.to_issue',
      titleZh: `待发放：${inst.title}`,
      titleEn: `To issue: ${inst.title}`,
      link: `/supplies/requisitions?id=${inst.businessId}`,
    });
  },
};

const STOCK_SORTS: Record<string, string> = {
  code: 'i.code',
  name: 'i.name',
  quantity: 's.quantity',
  value: 's.value',
  org: 'o.name',
  minStock: 'i.min_stock',
};
const stockOrder = (sort?: string) => {
  if (!sort) return sql.raw('(s.quantity < i.min_stock) desc, o.sort, o.id, i.code');
  const col = STOCK_SORTS[sort.replace(/^-/, '')] ?? 'i.code';
  return sql.raw(`${col} ${sort.startsWith('-') ? 'desc' : 'asc'}, o.id, i.code`);
};

const STOCK_COLS = sql`s.org_id, o.name as org_name, s.item_id, i.code, i.name, i.spec, i.uom, i.min_stock, s.quantity,
  s.value::text as value`;
const RECEIPT_COLS = sql`r.id, r.org_id, o.name as org_name, r.item_id, i.code as item_code, i.name as item_name, r.quantity,
  r.unit_price::text as unit_price, r.amount::text as amount, r.supplier_name, r.received_on::text as received_on, r.note, r.created_at`;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
type Row = Record<string, unknown>;

/** Month YYYY-MM → its first instant and the next month's, in China time. */
function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01T00:00:00+08:00`, `${next}-01T00:00:00+08:00`];
}

/**
 * The catalogue, stores' stock, receipts, requisitions and their issue, alerts and the monthly
 * ledger. Stock changes lock the (store, item) row, compute the moving average in fen
 * (`supplies.cost.ts`) and write the movement, the stock and the audit record in one transaction.
 */
export class SuppliesService {
  constructor(readonly core: CoreServices) {}

  /** The store an org id names (a department's is its unit's), in the caller's scope for `permission`, else 404. */
  private async store(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
    const org = await assertOrgInScope(db, ctx, permission, orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    const id = await unitOf(db, org.id);
    const [s] = await queryRows<{ id: number; name: string; kind: string }>(db, sql`select id, name, kind from orgs where id = ${id}`);
    if (!s || !['unit', 'bureau'].includes(s.kind)) throw badRequest(SM.SUPPLIES_STORE_KIND);
    return { id: num(s.id), name: String(s.name), kind: String(s.kind) };
  }

  /**
   * The catalogue is the district's, kept by whoever keeps the stores of a whole bureau (the
   * bureau's administrator); returns that bureau, the catalogue's owner.
   */
  private async catalogueOrg(db: Executor, ctx: AuthContext) {
    ctx.require(SP['supplies.keep']);
    const ids = ctx
      .grants(SP['supplies.keep'])
      .filter((g) => g.subtree)
      .map((g) => g.orgId);
    if (!ids.length) throw forbidden();
    const [b] = await queryRows<{ id: number }>(
      db,
      sql`select id from orgs where id in ${ids} and kind = 'bureau' and tenant_id = ${ctx.tenantId} order by depth limit 1`,
    );
    if (!b) throw forbidden();
    return num(b.id);
  }

  // ——— catalogue ———

  private itemView(r: Row) {
    return {
      id: num(r.id),
      code: String(r.code),
      name: String(r.name),
      spec: str(r.spec),
      uom: String(r.uom),
      categoryCode: str(r.category_code),
      minStock: num(r.min_stock),
      active: Boolean(r.active),
      available: numOrNull(r.available),
    };
  }

  async listItems(ctx: AuthContext, q: z.infer<typeof ZSuppliesItemQuerySchema>) {
    if (![SP['supplies.read'], SP['supplies.requisition'], SP['supplies.keep']].some((p) => ctx.has(p))) throw forbidden();
    const db = this.core.db;
    let storeId: number | null = null;
    if (q.orgId) {
      const perm = ctx.has(SP['supplies.read']) ? SP['supplies.read'] : SP['supplies.requisition'];
      storeId = (await this.store(db, ctx, perm, q.orgId)).id;
    }
    const w = where([
      sql`i.tenant_id = ${ctx.tenantId}`,
      q.active ? sql`i.active = ${q.active === 'true'}` : undefined,
      q.q ? sql`(i.name like ${`%${q.q}%`} or i.code like ${`%${q.q}%`} or i.spec like ${`%${q.q}%`})` : undefined,
    ]);
    const sorts: Record<string, string> = { code: 'i.code', name: 'i.name', minStock: 'i.min_stock' };
    const col = sorts[(q.sort ?? 'code').replace(/^-/, '')] ?? 'i.code';
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from supplies_items i where ${w}`);
    const rows = await queryRows<Row>(
      db,
      sql`select i.*, ${storeId ? sql`coalesce((select s.quantity from supplies_stock s where s.org_id = ${storeId} and s.item_id = i.id), 0)` : sql`null::int`} as available
          from supplies_items i where ${w}
          order by ${sql.raw(`${col} ${q.sort?.startsWith('-') ? 'desc' : 'asc'}, i.id`)}
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.itemView(r)) };
  }

  private async item(db: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Row>(
      db,
      sql`select i.*, null::int as available from supplies_items i where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('supplies_item');
    return this.itemView(r);
  }

  async createItem(ctx: AuthContext, input: z.infer<typeof ZSuppliesItemCreateSchema>) {
    const db = this.core.db;
    const owner = await this.catalogueOrg(db, ctx);
    const id = await db
      .transaction(async (tx) => {
        const [r] = await queryRows<{ id: number }>(
          tx,
          sql`insert into supplies_items (tenant_id, org_id, code, name, spec, uom, category_code, min_stock, active)
              values (${ctx.tenantId}, ${owner}, ${input.code}, ${input.name}, ${input.spec ?? null}, ${input.uom},
                ${input.categoryCode ?? null}, ${input.minStock ?? 0}, ${input.active ?? true})
              returning id`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'supplies_item',
          entityId: num(r!.id),
          orgId: owner,
          summary: `${input.code} ${input.name}`,
          after: input,
        });
        return num(r!.id);
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(SM.SUPPLIES_CODE_TAKEN, { code: input.code });
        throw err;
      });
    return this.item(db, ctx, id);
  }

  async updateItem(ctx: AuthContext, id: number, input: z.infer<typeof ZSuppliesItemUpdateSchema>) {
    const db = this.core.db;
    const owner = await this.catalogueOrg(db, ctx);
    const cols: Record<string, string> = {
      name: 'name',
      spec: 'spec',
      uom: 'uom',
      categoryCode: 'category_code',
      minStock: 'min_stock',
      active: 'active',
    };
    await db.transaction(async (tx) => {
      const [before] = await queryRows<Row>(
        tx,
        sql`select * from supplies_items where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
      );
      if (!before) throw notFound('supplies_item');
      const sets = Object.entries(cols)
        .filter(([k]) => (input as Row)[k] !== undefined)
        .map(([k, c]) => sql`${sql.raw(c)} = ${(input as Row)[k] ?? null}`);
      if (!sets.length) return;
      await tx.execute(sql`update supplies_items set ${sql.join(sets, sql`, `)} where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'supplies_item',
        entityId: id,
        orgId: owner,
        summary: `${before.code} ${before.name}`,
        before: Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, before[c]])),
        after: input,
      });
    });
    return this.item(db, ctx, id);
  }

  /** Stores (the bureau and units) the caller may read or keep. */
  async stores(ctx: AuthContext) {
    const db = this.core.db;
    const perm = ctx.has(SP['supplies.read']) ? SP['supplies.read'] : SP['supplies.requisition'];
    const scope = await scopeOn(db, ctx, perm, sql`o.id`);
    const rows = await queryRows<{ id: number; name: string; kind: string }>(
      db,
      sql`select o.id, o.name, o.kind from orgs o where o.tenant_id = ${ctx.tenantId} and o.kind in ('bureau','unit')
          and o.status = 'active' and ${scope} order by o.depth, o.sort, o.id`,
    );
    return { items: rows.map((r) => ({ id: num(r.id), name: String(r.name), kind: String(r.kind) })) };
  }

  // ——— stock ———

  private stockView(r: Row) {
    const quantity = num(r.quantity);
    const value = String(r.value);
    return {
      orgId: num(r.org_id),
      orgName: String(r.org_name ?? ''),
      itemId: num(r.item_id),
      code: String(r.code),
      name: String(r.name),
      spec: str(r.spec),
      uom: String(r.uom),
      minStock: num(r.min_stock),
      quantity,
      value: fenToYuan(toFen(value)),
      averageCost: formatCost4(averageUnitCost4({ quantity: BigInt(quantity), valueFen: toFen(value) })),
      belowMin: quantity < num(r.min_stock),
    };
  }

  async stock(ctx: AuthContext, q: z.infer<typeof ZStockQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, SP['supplies.read'], sql`s.org_id`, q.orgId);
    const w = where([
      sql`s.tenant_id = ${ctx.tenantId}`,
      scope,
      q.belowMin === 'true' ? sql`i.active and s.quantity < i.min_stock` : undefined,
      q.q ? sql`(i.name like ${`%${q.q}%`} or i.code like ${`%${q.q}%`} or i.spec like ${`%${q.q}%`})` : undefined,
    ]);
    const from = sql`supplies_stock s join supplies_items i on i.id = s.item_id join orgs o on o.id = s.org_id`;
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`);
    const rows = await queryRows<Row>(
      db,
      sql`select ${STOCK_COLS} from ${from} where ${w} order by ${stockOrder(q.sort)}
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.stockView(r)) };
  }

  /** Stock below the item's minimum, per store in scope. */
  alerts(ctx: AuthContext, orgId?: number) {
    return this.stock(ctx, { page: 1, pageSize: 200, belowMin: 'true', orgId, sort: 'code' });
  }

  /**
   * Locks the (store, item) stock row, creating it empty when the store has never held the
   * item. Every writer of a stock row goes through here, in item order within a transaction.
   */
  private async lockStock(tx: Executor, tenantId: number, orgId: number, itemId: number, create: boolean) {
    if (create)
      await tx.execute(
        sql`insert into supplies_stock (tenant_id, org_id, item_id) values (${tenantId}, ${orgId}, ${itemId})
            on conflict (org_id, item_id) do nothing`,
      );
    const [s] = await queryRows<{ id: number; quantity: number; value: string }>(
      tx,
      sql`select id, quantity, value::text as value from supplies_stock where org_id = ${orgId} and item_id = ${itemId} for update`,
    );
    return s ? { id: num(s.id), quantity: BigInt(num(s.quantity)), valueFen: toFen(s.value) } : null;
  }

  private async move(
    tx: Executor,
    ctx: AuthContext,
    m: {
      orgId: number;
      itemId: number;
      stockId: number;
      kind: 'receipt' | 'issue';
      quantity: bigint;
      amountFen: bigint;
      after: { quantity: bigint; valueFen: bigint };
      refType: string;
      refId: number;
    },
  ) {
    await tx.execute(
      sql`update supplies_stock set quantity = ${Number(m.after.quantity)}, value = ${fenToYuan(m.after.valueFen)}, updated_at = now()
          ${m.kind === 'receipt' ? sql`, alerted_on = null` : sql``}
          where id = ${m.stockId}`,
    );
    await tx.execute(
      sql`insert into supplies_movements (tenant_id, org_id, item_id, kind, quantity, amount, balance_quantity, balance_value,
            ref_type, ref_id, created_by)
          values (${ctx.tenantId}, ${m.orgId}, ${m.itemId}, ${m.kind}, ${Number(m.quantity)}, ${fenToYuan(m.amountFen)},
            ${Number(m.after.quantity)}, ${fenToYuan(m.after.valueFen)}, ${m.refType}, ${m.refId}, ${ctx.account.id})`,
    );
  }

  // ——— receipts ———

  private receiptView(r: Row) {
    return {
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: String(r.org_name ?? ''),
      itemId: num(r.item_id),
      itemCode: String(r.item_code),
      itemName: String(r.item_name),
      quantity: num(r.quantity),
      unitPrice: String(r.unit_price),
      amount: String(r.amount),
      supplierName: str(r.supplier_name),
      receivedOn: String(r.received_on),
      note: str(r.note),
      createdAt: iso(r.created_at)!,
    };
  }

  async receipts(ctx: AuthContext, q: z.infer<typeof ZReceiptQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, SP['supplies.read'], sql`r.org_id`, q.orgId);
    const w = where([
      sql`r.tenant_id = ${ctx.tenantId}`,
      scope,
      q.itemId ? sql`r.item_id = ${q.itemId}` : undefined,
      q.from ? sql`r.received_on >= ${q.from}::date` : undefined,
      q.to ? sql`r.received_on <= ${q.to}::date` : undefined,
    ]);
    const from = sql`supplies_receipts r join supplies_items i on i.id = r.item_id join orgs o on o.id = r.org_id`;
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`);
    const rows = await queryRows<Row>(
      db,
      sql`select ${RECEIPT_COLS} from ${from} where ${w} order by r.received_on desc, r.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.receiptView(r)) };
  }

  /** 入库: the amount is quantity × unit price, exactly; the stock's value grows by it (moving average). */
  async receive(ctx: AuthContext, input: z.infer<typeof ZReceiptCreateSchema>) {
    ctx.require(SP['supplies.keep']);
    const today = cnToday();
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) throw badRequest(SM.SUPPLIES_FUTURE_DATE);
    const db = this.core.db;
    const id = await db.transaction(async (tx) => {
      const store = await this.store(tx, ctx, SP['supplies.keep'], input.orgId);
      const [item] = await queryRows<{ id: number; name: string; active: boolean; category_code: string | null }>(
        tx,
        sql`select id, name, active, category_code from supplies_items where id = ${input.itemId} and tenant_id = ${ctx.tenantId}`,
      );
      if (!item) throw fieldError(ctx, 'itemId', '物品不存在', 'no such item');
      if (!item.active) throw badRequest(SM.SUPPLIES_ITEM_INACTIVE, { name: item.name });
      // Pool before purchase: low-value furniture or equipment the pool holds in usable condition is allocated, not bought.
      await assertPoolBeforePurchase(tx, ctx.tenantId, item.category_code, input.poolOverrideReason);
      const quantity = BigInt(input.quantity);
      const amountFen = quantity * toFen(input.unitPrice);
      if (amountFen >= 10n ** 16n) throw fieldError(ctx, 'quantity', '金额过大', 'the amount is too large');
      const pos = (await this.lockStock(tx, ctx.tenantId, store.id, input.itemId, true))!;
      const after = receive(pos, quantity, amountFen);
      const [r] = await queryRows<{ id: number }>(
        tx,
        sql`insert into supplies_receipts (tenant_id, org_id, item_id, quantity, unit_price, amount, supplier_name, received_on, note,
              pool_override_reason, created_by)
            values (${ctx.tenantId}, ${store.id}, ${input.itemId}, ${input.quantity}, ${input.unitPrice}, ${fenToYuan(amountFen)},
              ${input.supplierName ?? null}, ${receivedOn}::date, ${input.note ?? null}, ${input.poolOverrideReason ?? null}, ${ctx.account.id})
            returning id`,
      );
      const rid = num(r!.id);
      await this.move(tx, ctx, {
        orgId: store.id,
        itemId: input.itemId,
        stockId: pos.id,
        kind: 'receipt',
        quantity,
        amountFen,
        after,
        refType: 'receipt',
        refId: rid,
      });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'supplies_receipt',
        entityId: rid,
        orgId: store.id,
        summary: `${item.name} ×${input.quantity} @${input.unitPrice} = ${fenToYuan(amountFen)}${input.supplierName ? `（${input.supplierName}）` : ''}`,
        after: { ...input, amount: fenToYuan(amountFen), stock: { quantity: Number(after.quantity), value: fenToYuan(after.valueFen) } },
      });
      return rid;
    });
    const [row] = await queryRows<Row>(
      db,
      sql`select ${RECEIPT_COLS} from supplies_receipts r join supplies_items i on i.id = r.item_id join orgs o on o.id = r.org_id
          where r.id = ${id}`,
    );
    return this.receiptView(row!);
  }

  // ——— requisitions ———

  private async requisitionRows(db: Executor, w: ReturnType<typeof sql>, limit: number, offset: number) {
    const heads = await queryRows<Row>(
      db,
      sql`select r.*, o.name as org_name, a.display_name as requester_name,
            (select coalesce(sum(l.amount_issued), 0)::text from supplies_requisition_lines l where l.requisition_id = r.id) as amount_issued
          from supplies_requisitions r join orgs o on o.id = r.org_id join accounts a on a.id = r.requester_id
          where ${w} order by r.id desc limit ${limit} offset ${offset}`,
    );
    if (!heads.length) return [];
    const ids = heads.map((h) => num(h.id));
    const lines = await queryRows<Row>(
      db,
      sql`select l.*, l.amount_issued::text as amount_issued, i.code, i.name, i.uom,
            coalesce(s.quantity, 0) as available
          from supplies_requisition_lines l join supplies_items i on i.id = l.item_id
          left join supplies_stock s on s.org_id = l.org_id and s.item_id = l.item_id
          where l.requisition_id in ${ids} order by l.requisition_id, i.code`,
    );
    return heads.map((h) => ({
      id: num(h.id),
      orgId: num(h.org_id),
      orgName: String(h.org_name),
      requesterId: num(h.requester_id),
      requesterName: String(h.requester_name),
      status: h.status as 'pending',
      reason: str(h.reason),
      instanceId: numOrNull(h.instance_id),
      issuedAt: iso(h.issued_at),
      createdAt: iso(h.created_at)!,
      amountIssued: fenToYuan(toFen(String(h.amount_issued))),
      lines: lines
        .filter((l) => num(l.requisition_id) === num(h.id))
        .map((l) => ({
          itemId: num(l.item_id),
          code: String(l.code),
          name: String(l.name),
          uom: String(l.uom),
          quantityRequested: num(l.quantity_requested),
          quantityIssued: num(l.quantity_issued),
          amountIssued: String(l.amount_issued),
          available: num(l.available),
        })),
    }));
  }

  /** What a caller may see: their own requisitions, and every one in their read scope. */
  private visible(ctx: AuthContext) {
    return sql`(r.requester_id = ${ctx.account.id} or ${inScope(ctx, SP['supplies.read'], sql`r.org_id`)})`;
  }

  async requisitions(ctx: AuthContext, q: z.infer<typeof ZRequisitionQuerySchema>) {
    const db = this.core.db;
    const orgFilter = q.orgId ? await scopeOn(db, ctx, SP['supplies.read'], sql`r.org_id`, q.orgId) : undefined;
    const w = where([
      sql`r.tenant_id = ${ctx.tenantId}`,
      this.visible(ctx),
      orgFilter,
      q.status ? sql`r.status = ${q.status}` : undefined,
      q.mine === 'true' ? sql`r.requester_id = ${ctx.account.id}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from supplies_requisitions r where ${w}`);
    return { total: num(c?.n), items: await this.requisitionRows(db, w, q.pageSize, (q.page - 1) * q.pageSize) };
  }

  async requisition(ctx: AuthContext, id: number) {
    const [r] = await this.requisitionRows(
      this.core.db,
      where([sql`r.id = ${id}`, sql`r.tenant_id = ${ctx.tenantId}`, this.visible(ctx)]),
      1,
      0,
    );
    if (!r) throw notFound('supplies_requisition');
    return r;
  }

  /** 请领: staff ask their unit's store for items; the request goes to the approval engine. */
  async requisitionCreate(ctx: AuthContext, input: z.infer<typeof ZRequisitionCreateSchema>) {
    ctx.require(SP['supplies.requisition']);
    const db = this.core.db;
    const id = await db.transaction(async (tx) => {
      const store = await this.store(tx, ctx, SP['supplies.requisition'], input.orgId ?? (await unitOf(tx, ctx.account.orgId)));
      const ids = input.lines.map((l) => l.itemId);
      const items = await queryRows<{ id: number; name: string; active: boolean }>(
        tx,
        sql`select id, name, active from supplies_items where tenant_id = ${ctx.tenantId} and id in ${ids}`,
      );
      const byId = new Map(items.map((i) => [num(i.id), i]));
      for (const [n, l] of input.lines.entries()) {
        const it = byId.get(l.itemId);
        if (!it) throw fieldError(ctx, `lines.${n}.itemId`, '物品不存在', 'no such item');
        if (!it.active) throw badRequest(SM.SUPPLIES_ITEM_INACTIVE, { name: it.name });
      }
      const [h] = await queryRows<{ id: number }>(
        tx,
        sql`insert into supplies_requisitions (tenant_id, org_id, requester_id, reason)
            values (${ctx.tenantId}, ${store.id}, ${ctx.account.id}, ${input.reason ?? null}) returning id`,
      );
      const rid = num(h!.id);
      await tx.execute(
        sql`insert into supplies_requisition_lines (tenant_id, org_id, requisition_id, item_id, quantity_requested)
            values ${sql.join(
              input.lines.map((l) => sql`(${ctx.tenantId}, ${store.id}, ${rid}, ${l.itemId}, ${l.quantity})`),
              sql`, `,
            )}`,
      );
      const names = input.lines.map((l) => `${byId.get(l.itemId)!.name}×${l.quantity}`);
      const title = `办公用品请领：${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等 ${names.length} 项` : ''}`;
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: REQUISITION_TYPE,
        businessId: rid,
        title,
        orgId: store.id,
        facts: { store: store.kind === 'bureau' ? 'bureau' : 'unit', lines: input.lines.length },
      });
      await tx.execute(sql`update supplies_requisitions set instance_id = ${inst.id} where id = ${rid}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'supplies_requisition',
        entityId: rid,
        orgId: store.id,
        summary: title,
        after: input,
      });
      return rid;
    });
    return this.requisition(ctx, id);
  }

  /**
   * 发放: the keeper issues an approved requisition, all of it or less (never more than asked).
   * Each line locks its stock row (in item order, so two issues never deadlock), takes the
   * quantity at the moving-average cost and writes its movement; a short stock refuses the
   * whole issue with 409 and changes nothing.
   */
  async issue(ctx: AuthContext, id: number, input: z.infer<typeof ZIssueSchema>) {
    ctx.require(SP['supplies.keep']);
    await this.core.db.transaction(async (tx) => {
      const [h] = await queryRows<{ id: number; org_id: number; status: string; requester_id: number }>(
        tx,
        sql`select id, org_id, status, requester_id from supplies_requisitions where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
      );
      if (!h) throw notFound('supplies_requisition');
      const orgId = num(h.org_id);
      await assertOrgInScope(tx, ctx, SP['supplies.keep'], orgId).catch(() => {
        throw notFound('supplies_requisition');
      });
      if (h.status !== 'approved')
        throw conflict(SM.SUPPLIES_REQUISITION_STATE, { status: ctx.locale === 'en' ? h.status : (STATUS_ZH[h.status] ?? h.status) });
      const lines = await queryRows<{ id: number; item_id: number; quantity_requested: number; name: string }>(
        tx,
        sql`select l.id, l.item_id, l.quantity_requested, i.name from supplies_requisition_lines l join supplies_items i on i.id = l.item_id
            where l.requisition_id = ${id} order by l.item_id`,
      );
      const wanted = new Map((input.lines ?? []).map((l) => [l.itemId, l.quantity]));
      for (const [n, l] of (input.lines ?? []).entries())
        if (!lines.some((x) => num(x.item_id) === l.itemId))
          throw fieldError(ctx, `lines.${n}.itemId`, '该物品不在请领单中', 'the item is not on this requisition');
      const plan = lines.map((l) => ({ ...l, qty: input.lines ? (wanted.get(num(l.item_id)) ?? 0) : num(l.quantity_requested) }));
      for (const l of plan)
        if (l.qty > num(l.quantity_requested))
          throw badRequest(SM.SUPPLIES_ISSUE_OVER, { name: l.name, wanted: l.qty, requested: num(l.quantity_requested) });
      if (plan.every((l) => l.qty === 0)) throw badRequest(SM.SUPPLIES_ISSUE_EMPTY);
      const issued: { item: string; quantity: number; amount: string }[] = [];
      for (const l of plan) {
        if (l.qty === 0) continue;
        const itemId = num(l.item_id);
        const pos = await this.lockStock(tx, ctx.tenantId, orgId, itemId, false);
        const quantity = BigInt(l.qty);
        if (!pos || pos.quantity < quantity)
          throw conflict(SM.SUPPLIES_STOCK_SHORT, { name: l.name, available: Number(pos?.quantity ?? 0n), wanted: l.qty });
        const out = issue(pos, quantity);
        await this.move(tx, ctx, {
          orgId,
          itemId,
          stockId: pos.id,
          kind: 'issue',
          quantity: -quantity,
          amountFen: -out.amountFen,
          after: out.position,
          refType: 'requisition',
          refId: id,
        });
        await tx.execute(
          sql`update supplies_requisition_lines set quantity_issued = ${l.qty}, amount_issued = ${fenToYuan(out.amountFen)} where id = ${l.id}`,
        );
        issued.push({ item: l.name, quantity: l.qty, amount: fenToYuan(out.amountFen) });
      }
      await tx.execute(
        sql`update supplies_requisitions set status = 'issued', issued_by = ${ctx.account.id}, issued_at = now(), updated_at = now()
            where id = ${id}`,
      );
      const total = sumYuan(issued.map((i) => i.amount));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'supplies_requisition',
        entityId: id,
        orgId,
        summary: `发放 ${issued.map((i) => `${i.item}×${i.quantity}`).join('、')}，金额 ${total}`,
        before: { status: 'approved' },
        after: { status: 'issued', issued },
      });
      await notify(tx, [num(h.requester_id)], {
        kind: 'supplies.issued',
        titleZh: `办公用品已发放（${issued.length} 项）`,
        titleEn: `Office supplies issued (${issued.length} items)`,
        body: issued.map((i) => `${i.item}×${i.quantity}`).join('、'),
        link: `/supplies/requisitions?id=${id}`,
      });
    });
    return this.requisition(ctx, id);
  }

  // ——— the monthly ledger ———

  /**
   * One store's month, per item, from the movements in SQL numeric: opening (everything before
   * the month), received, issued, adjusted, closing (everything before the next month). The
   * closing is the opening plus the month's movements by construction, and equals the stock
   * for the month under way.
   */
  async ledger(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const db = this.core.db;
    const store = await this.store(db, ctx, SP['supplies.read'], q.orgId ?? (await unitOf(db, ctx.account.orgId)));
    const [start, end] = monthRange(q.month);
    const rows = await queryRows<Row>(
      db,
      sql`select i.id, i.code, i.name, i.spec, i.uom,
            coalesce(sum(m.quantity) filter (where m.occurred_at < ${start}::timestamptz), 0)::int as oq,
            coalesce(sum(m.amount) filter (where m.occurred_at < ${start}::timestamptz), 0)::text as ov,
            coalesce(sum(m.quantity) filter (where m.kind = 'receipt' and m.occurred_at >= ${start}::timestamptz), 0)::int as rq,
            coalesce(sum(m.amount) filter (where m.kind = 'receipt' and m.occurred_at >= ${start}::timestamptz), 0)::text as rv,
            coalesce(-sum(m.quantity) filter (where m.kind = 'issue' and m.occurred_at >= ${start}::timestamptz), 0)::int as iq,
            coalesce(-sum(m.amount) filter (where m.kind = 'issue' and m.occurred_at >= ${start}::timestamptz), 0)::text as iv,
            coalesce(sum(m.quantity) filter (where m.kind = 'adjust' and m.occurred_at >= ${start}::timestamptz), 0)::int as aq,
            coalesce(sum(m.amount) filter (where m.kind = 'adjust' and m.occurred_at >= ${start}::timestamptz), 0)::text as av,
            sum(m.quantity)::int as cq, sum(m.amount)::text as cv
          from supplies_movements m join supplies_items i on i.id = m.item_id
          where m.tenant_id = ${ctx.tenantId} and m.org_id = ${store.id} and m.occurred_at < ${end}::timestamptz
          group by i.id, i.code, i.name, i.spec, i.uom
          having count(*) filter (where m.occurred_at >= ${start}::timestamptz) > 0 or sum(m.quantity) <> 0 or sum(m.amount) <> 0
          order by i.code`,
    );
    const y = (v: unknown) => fenToYuan(toFen(String(v ?? '0')));
    const items = rows.map((r) => ({
      itemId: num(r.id),
      code: String(r.code),
      name: String(r.name),
      spec: str(r.spec),
      uom: String(r.uom),
      openingQuantity: num(r.oq),
      openingValue: y(r.ov),
      receivedQuantity: num(r.rq),
      receivedValue: y(r.rv),
      issuedQuantity: num(r.iq),
      issuedValue: y(r.iv),
      adjustedQuantity: num(r.aq),
      adjustedValue: y(r.av),
      closingQuantity: num(r.cq),
      closingValue: y(r.cv),
    }));
    const total = (k: keyof (typeof items)[number]) => sumYuan(items.map((i) => i[k] as string));
    return {
      orgId: store.id,
      orgName: store.name,
      month: q.month,
      items,
      totals: {
        openingValue: total('openingValue'),
        receivedValue: total('receivedValue'),
        issuedValue: total('issuedValue'),
        adjustedValue: total('adjustedValue'),
        closingValue: total('closingValue'),
      },
    };
  }

  // ——— the daily minimum-stock alert ———

  /**
   * Marks every active stock below its minimum that has not been reported today and tells the
   * store's keepers, in one transaction per store: an item is reported at most once a day (a
   * receipt clears the mark, so a store that runs low again is reported again).
   */
  static async alertKeepers(db: CoreServices['db'], today = cnToday()) {
    const stores = await queryRows<{ org_id: number; tenant_id: number }>(
      db,
      sql`select distinct s.org_id, s.tenant_id from supplies_stock s join supplies_items i on i.id = s.item_id
          where i.active and s.quantity < i.min_stock and (s.alerted_on is null or s.alerted_on < ${today}::date)`,
    );
    let items = 0;
    for (const st of stores) {
      await db.transaction(async (tx) => {
        const rows = await queryRows<{ name: string; quantity: number; min_stock: number; uom: string }>(
          tx,
          sql`update supplies_stock s set alerted_on = ${today}::date from supplies_items i
              where i.id = s.item_id and s.org_id = ${num(st.org_id)} and i.active and s.quantity < i.min_stock
                and (s.alerted_on is null or s.alerted_on < ${today}::date)
              returning i.name, s.quantity, i.min_stock, i.uom`,
        );
        if (!rows.length) return;
        items += rows.length;
        const keepers = await accountsWith(tx, SP['supplies.keep'], num(st.org_id));
        await notify(tx, keepers, {
          kind: 'supplies.min_stock',
          titleZh: `办公用品库存不足：${rows.length} 种低于最低库存`,
          titleEn: `Office supplies low: ${rows.length} below minimum stock`,
          body: rows.map((r) => `${r.name} ${num(r.quantity)}/${num(r.min_stock)}${r.uom}`).join('；'),
          link: `/supplies?orgId=${num(st.org_id)}&belowMin=true`,
        });
        await writeAudit(
          tx,
          { tenantId: num(st.tenant_id), actorId: null, actorName: 'system', ip: null },
          {
            action: 'update',
            entityType: 'supplies_stock',
            orgId: num(st.org_id),
            summary: `min-stock alert ${today}: ${rows.map((r) => r.name).join(', ')}`,
          },
        );
      });
    }
    return { stores: stores.length, items };
  }
}
