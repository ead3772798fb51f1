import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZReceiptCreateSchema, ZReceiptQuerySchema } from '../../../contracts/modules/supplies';
import {
  type AuthContext,
  type CoreServices,
  badRequest,
  cnToday,
  fenToYuan,
  iso,
  num,
  queryRows,
  scopeOn,
  toFen,
  where,
  writeAudit,
  fieldError,
} from '../../core';
import { assertPoolBeforePurchase } from '../assets';
import { receive } from './supplies.cost';
import { SM } from './supplies.messages';
import { SP } from './supplies.permissions';
import { storeOf, lockStock, move, str, type Row } from './supplies.store';

const RECEIPT_COLS = sql`r.id, r.org_id, o.name as org_name, r.item_id, i.code as item_code, i.name as item_name, r.quantity,
  r.unit_price::text as unit_price, r.amount::text as amount, r.supplier_name, r.received_on::text as received_on, r.note, r.created_at`;

/** Receipts into a store (入库) at the moving-average cost. */
export class SuppliesReceiptsService {
  constructor(readonly core: CoreServices) {}

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
      const store = await storeOf(tx, ctx, SP['supplies.keep'], input.orgId);
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
      const pos = (await lockStock(tx, ctx.tenantId, store.id, input.itemId, true))!;
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
      await move(tx, ctx, {
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
}
