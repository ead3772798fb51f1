import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZHandInAcceptSchema,
  ZHandInCreateSchema,
  ZPoolListQuerySchema,
  ZWarehouseCreateSchema,
} from '../../../contracts/modules/assets';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  badRequest,
  conflict,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  unitOf,
  writeAudit,
} from '../../core';
import { AM } from './assets.messages';
import { BATCHES, batchOne, batchPage, idsOf, totalOf } from './pool.shared';
import { AP } from './assets.permissions';
import { addEvents, localized, lockAssets, requestCode, requireStatus } from './assets.repository';

export { ALLOCATION_TYPE, POOL_ALLOCATION_BUSINESS_TYPE } from './allocation.service';
export { assertPoolBeforePurchase, findUsablePoolItems } from './pool-stats.service';

const REASON_ZH: Record<string, string> = { idle: '闲置', over_standard: '超标准配置', abolished_body: '机构撤并', event: '大型活动结余' };

/**
 * The public asset pool (公物仓): its warehouses, and hand-ins with their acceptance. Allocations
 * are in allocation.service.ts, loans and disposals in their own services, the statistics and
 * pool-before-purchase in pool-stats.service.ts.
 */
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
    input: {
      warehouseId: number;
      items?: { assetId: number; condition: string; slot?: string | null; checks?: Record<string, boolean>; note?: string | null }[];
      condition: string;
    },
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
      // Each item keeps its own checklist and note, as graded (the printed acceptance form shows them).
      await tx.execute(sql`update asset_hand_in_items set open = false, condition = ${condition}, slot = ${g?.slot ?? null},
          checks = ${g?.checks ? JSON.stringify(g.checks) : null}::jsonb, check_note = ${g?.note ?? null}
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
      after: {
        status: 'accepted',
        warehouseId: wh.id,
        items: assetIds.map((aid) => {
          const g = graded.get(aid);
          return {
            assetId: aid,
            condition: g?.condition ?? input.condition,
            ...(g?.checks ? { checks: g.checks } : {}),
            ...(g?.note ? { note: g.note } : {}),
          };
        }),
      },
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
    const view = this.handInView(await batchOne(this.core.db, BATCHES.handIn, ctx, id, this.handInScope(ctx)));
    const items = await queryRows<{
      asset_id: number;
      condition: string | null;
      slot: string | null;
      checks: unknown;
      check_note: string | null;
    }>(
      this.core.db,
      sql`select asset_id, condition, slot, checks, check_note from asset_hand_in_items where hand_in_id = ${id} order by asset_id`,
    );
    return {
      ...view,
      items: items.map((i) => ({
        assetId: num(i.asset_id),
        condition: (i.condition as 'A' | null) ?? null,
        slot: i.slot,
        // PGlite and node-postgres both parse jsonb; a string would be a driver that does not.
        checks: (typeof i.checks === 'string' ? JSON.parse(i.checks) : i.checks) as Record<string, boolean> | null,
        note: i.check_note,
      })),
    };
  }

  async handIns(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return batchPage(this.core.db, BATCHES.handIn, ctx, q, this.handInScope(ctx), (r) => this.handInView(r));
  }
}
