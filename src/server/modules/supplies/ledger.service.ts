import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZLedgerQuerySchema } from '../../../contracts/modules/supplies';
import {
  type AuthContext,
  type CoreServices,
  accountsWith,
  cnToday,
  fenToYuan,
  notify,
  num,
  queryRows,
  sumYuan,
  toFen,
  unitOf,
  writeAudit,
} from '../../core';
import { SP } from './supplies.permissions';
import { storeOf, str, type Row } from './supplies.store';

/** Month YYYY-MM → its first instant and the next month's, in China time. */
function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01T00:00:00+08:00`, `${next}-01T00:00:00+08:00`];
}

/** The monthly ledger and the daily minimum-stock alert. */
export class SuppliesLedgerService {
  constructor(readonly core: CoreServices) {}

  // ——— the monthly ledger ———

  /**
   * One store's month, per item, from the movements in SQL numeric: opening (everything before
   * the month), received, issued, adjusted, closing (everything before the next month). The
   * closing is the opening plus the month's movements by construction, and equals the stock
   * for the month under way.
   */
  async ledger(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const db = this.core.db;
    const store = await storeOf(db, ctx, SP['supplies.read'], q.orgId ?? (await unitOf(db, ctx.account.orgId)));
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
