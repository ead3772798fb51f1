import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZPoolListQuerySchema } from '../../../contracts/modules/assets';
import {
  type AuthContext,
  type Executor,
  type RuleTableDefinition,
  notFound,
  num,
  queryRows,
  ruleInForce,
  sumYuan,
  where,
} from '../../core';
import { AP } from './assets.permissions';
import type { LockedAsset } from './assets.repository';
import type { DisposalRules, PoolRules } from './assets.ruletables';

/** What the pool's services (hand-ins and allocations, loans, disposals) share. */
export type { DisposalRules, PoolRules };
export const METHOD_ZH: Record<string, string> = { scrap: '报废', auction: '拍卖', donation: '捐赠', transfer: '转让' };
export const METHOD_EN: Record<string, string> = { scrap: 'scrapping', auction: 'auction', donation: 'donation', transfer: 'transfer' };

/** The data of rule table `def` in force today (China date). */
export async function activeRule<T>(db: Executor, def: RuleTableDefinition<T>): Promise<T> {
  const r = await ruleInForce(db, def);
  if (!r) throw notFound('rule');
  return r.data;
}

export const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id);
export const totalOf = (rows: LockedAsset[]) => sumYuan(rows.map((r) => r.original_value));

/** A request: a batch header with its item rows (hand-ins, allocations, disposals). */
export type BatchTable = { table: string; items: string; fk: string; entity: string };
export const BATCHES = {
  handIn: { table: 'asset_hand_ins', items: 'asset_hand_in_items', fk: 'hand_in_id', entity: 'asset_hand_in' },
  allocation: { table: 'asset_allocations', items: 'asset_allocation_items', fk: 'allocation_id', entity: 'asset_allocation' },
  disposal: { table: 'asset_disposals', items: 'asset_disposal_items', fk: 'disposal_id', entity: 'asset_disposal' },
} satisfies Record<string, BatchTable>;

function batchSelect(b: BatchTable) {
  return sql`select x.*, x.total_value::text as total_value, o.name as org_name,
      (select array_agg(i.asset_id order by i.asset_id) from ${sql.identifier(b.items)} i where i.${sql.identifier(b.fk)} = x.id) as asset_ids
    from ${sql.identifier(b.table)} x join orgs o on o.id = x.org_id`;
}

/** One request in the caller's scope (404 outside it). */
export async function batchOne(db: Executor, b: BatchTable, ctx: AuthContext, id: number, scope: SQL) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`${batchSelect(b)} where x.id = ${id} and x.tenant_id = ${ctx.tenantId} and ${scope}`,
  );
  if (!r) throw notFound(b.entity);
  return r;
}

/** A page of requests, newest first, by status and org. */
export async function batchPage<T>(
  db: Executor,
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
  const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(b.table)} x where ${w}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${batchSelect(b)} where ${w} order by x.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { total: num(c?.n), items: await Promise.all(rows.map(view)) };
}
