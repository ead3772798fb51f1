import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDisposalCreateSchema, ZPoolListQuerySchema } from '../../../contracts/modules/assets';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  badRequest,
  cnToday,
  conflict,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  writeAudit,
  bureauLeader,
  bureauReview,
  unitLeader,
  when,
  defineApprovalSummary,
  formatYuan,
} from '../../core';
import { AM } from './assets.messages';
import { ASSET_DISPOSAL_RULE } from './assets.ruletables';
import { BATCHES, METHOD_EN, METHOD_ZH, activeRule, batchOne, batchPage, idsOf, totalOf } from './pool.shared';
import { AP } from './assets.permissions';
import { addEvents, categoryOf, loadCategories, localized, lockAssets, requestCode, requireStatus } from './assets.repository';
import { disposalTier, isEarlyScrap } from './assets.rules';

export const DISPOSAL_TYPE = 'asset_disposal';

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
export const ASSET_DISPOSAL_BUSINESS_TYPE: BusinessType = {
  type: DISPOSAL_TYPE,
  nameZh: '国有资产处置',
  nameEn: 'State asset disposal',
  defaultFlow: {
    nameZh: '国有资产处置审批（按原值分级）',
    nameEn: 'Asset disposal approval (by value)',
    steps: [
      unitLeader(),
      bureauReview({ key: 'bureau_asset_admin', nameZh: '机关事务局资产管理审核', nameEn: 'Bureau asset review' }),
      bureauLeader({ key: 'bureau_leader', nameEn: 'Bureau leader approval', condition: when('tier', 'gte', 1) }),
      bureauReview({
        key: 'finance',
        nameZh: '财政部门审批（登记批复文号）',
        nameEn: 'Finance department approval (record its reply)',
        condition: when('tier', 'gte', 2),
      }),
    ],
  },
  summary: defineApprovalSummary({
    fields: {
      method: {
        zh: '处置方式',
        en: 'Method',
        values: {
          scrap: { zh: '报废', en: 'Scrap' },
          auction: { zh: '拍卖', en: 'Auction' },
          donation: { zh: '捐赠', en: 'Donation' },
          transfer: { zh: '转让', en: 'Transfer' },
        },
      },
      items: { zh: '资产数量', en: 'Items', kind: 'number', unit: { zh: '件', en: 'items' } },
      value: { zh: '原值合计', en: 'Original value', kind: 'money' },
      // The tier is the index of the value band in rule asset_disposal_thresholds.
      tier: {
        zh: '审批权限',
        en: 'Approval level',
        values: {
          0: { zh: '单位审批，报机关事务管理局备案', en: 'Unit approves, bureau files' },
          1: { zh: '机关事务管理局审批', en: 'Bureau approves' },
          2: { zh: '机关事务管理局审核，报财政部门审批', en: 'Bureau reviews, finance department approves' },
        },
      },
    },
  }),
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
};

/** 处置: requests by value tier, on the approval engine (the flow above). */
export class DisposalService {
  constructor(private readonly core: CoreServices) {}

  // ——— disposals (处置) ———

  async dispose(ctx: AuthContext, input: z.infer<typeof ZDisposalCreateSchema>) {
    const db = this.core.db;
    const rules = await activeRule(db, ASSET_DISPOSAL_RULE);
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
        const value = totalOf(rows);
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
        await tx.execute(sql`update assets set status = 'reserved', reserved_by = ${code}, updated_at = now() where id in ${idsOf(rows)}`);
        await addEvents(tx, ctx, idsOf(rows), {
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
          title: {
            zh: `资产${METHOD_ZH[input.method]} ${code}（${rows.length} 件，原值 ${formatYuan(value)}）`,
            en: `Asset ${METHOD_EN[input.method] ?? 'disposal'} ${code} (${rows.length} items, ${formatYuan(value)})`,
          },
          orgId: org.id,
          facts: { tier: index, method: input.method, value: Number(value), items: rows.length },
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
    const rules = await activeRule(this.core.db, ASSET_DISPOSAL_RULE);
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
    return this.disposalView(ctx, await batchOne(this.core.db, BATCHES.disposal, ctx, id, this.disposalScope(ctx)));
  }

  async disposals(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    return batchPage(this.core.db, BATCHES.disposal, ctx, q, this.disposalScope(ctx), (r) => this.disposalView(ctx, r));
  }
}
