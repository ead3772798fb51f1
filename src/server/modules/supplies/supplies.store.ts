import { sql } from 'drizzle-orm';
import {
  type AuthContext,
  type Executor,
  assertOrgInScope,
  badRequest,
  fenToYuan,
  notFound,
  num,
  queryRows,
  toFen,
  unitOf,
} from '../../core';
import { SM } from './supplies.messages';

/** What the supplies services share: the store an org names, and the one writer of stock rows and movements. */

export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
export type Row = Record<string, unknown>;

/** The store an org id names (a department's is its unit's), in the caller's scope for `permission`, else 404. */
export async function storeOf(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
  const org = await assertOrgInScope(db, ctx, permission, orgId);
  if (org.tenantId !== ctx.tenantId) throw notFound('org');
  const id = await unitOf(db, org.id);
  const [s] = await queryRows<{ id: number; name: string; kind: string }>(db, sql`select id, name, kind from orgs where id = ${id}`);
  if (!s || !['unit', 'bureau'].includes(s.kind)) throw badRequest(SM.SUPPLIES_STORE_KIND);
  return { id: num(s.id), name: String(s.name), kind: String(s.kind) };
}

/**
 * Locks the (store, item) stock row, creating it empty when the store has never held the
 * item. Every writer of a stock row goes through here, in item order within a transaction.
 */
export async function lockStock(tx: Executor, tenantId: number, orgId: number, itemId: number, create: boolean) {
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

export async function move(
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
