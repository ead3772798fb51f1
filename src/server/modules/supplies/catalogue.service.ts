import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZStockQuerySchema,
  ZSuppliesItemCreateSchema,
  ZSuppliesItemQuerySchema,
  ZSuppliesItemUpdateSchema,
} from '../../../contracts/modules/supplies';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  conflict,
  dbError,
  fenToYuan,
  forbidden,
  notFound,
  num,
  numOrNull,
  queryRows,
  scopeOn,
  toFen,
  where,
  writeAudit,
} from '../../core';
import { averageUnitCost4, formatCost4 } from './supplies.cost';
import { SM } from './supplies.messages';
import { SP } from './supplies.permissions';
import { storeOf, str, type Row } from './supplies.store';

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

/** The catalogue (the district's items), the stores and their stock. */
export class SuppliesCatalogueService {
  constructor(readonly core: CoreServices) {}

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
      storeId = (await storeOf(db, ctx, perm, q.orgId)).id;
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
}
