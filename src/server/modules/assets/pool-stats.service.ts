import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZPoolStatsQuerySchema } from '../../../contracts/modules/assets';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  badRequest,
  cnToday,
  conflict,
  fenToYuan,
  num,
  queryRows,
  toFen,
} from '../../core';
import { AM } from './assets.messages';
import { ASSET_POOL_RULE } from './assets.ruletables';
import { activeRule } from './pool.shared';
import { AP } from './assets.permissions';
import { ASSET_COLS, ASSET_FROM, loadCategories, localized, toAssetView } from './assets.repository';
import { categoryPrefix } from './assets.rules';

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

/** Pool before purchase (the matching pool items) and the pool's statistics. */
export class PoolStatsService {
  constructor(private readonly core: CoreServices) {}

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
