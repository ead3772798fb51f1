import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZIssueSchema, ZRequisitionCreateSchema, ZRequisitionQuerySchema } from '../../../contracts/modules/supplies';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  accountsWith,
  assertOrgInScope,
  badRequest,
  conflict,
  fenToYuan,
  inScope,
  iso,
  notFound,
  notify,
  num,
  numOrNull,
  both,
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
  defineApprovalSummary,
} from '../../core';
import { issue } from './supplies.cost';
import { SM } from './supplies.messages';
import { SP } from './supplies.permissions';
import { storeOf, lockStock, move, str, type Row } from './supplies.store';

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
  summary: defineApprovalSummary({
    fields: {
      store: {
        zh: '领用仓库',
        en: 'Store',
        values: { unit: { zh: '本单位仓库', en: "the unit's store" }, bureau: { zh: '机关事务局仓库', en: "the bureau's store" } },
      },
      lines: { zh: '物品种数', en: 'Lines', kind: 'number', unit: { zh: '种', en: 'items' } },
    },
  }),
  link: (id) => `/supplies/requisitions?id=${id}`,
  onApproved: async (tx: Executor, inst: ApprovalInstance, ctx: AuthContext) => {
    await hooks.onApproved(tx, inst, ctx);
    const keepers = await accountsWith(tx, SP['supplies.keep'], inst.orgId);
    await notify(tx, keepers, {
      kind: 'supplies.to_issue',
      titleZh: `待发放：${inst.title}`,
      titleEn: `To issue: ${inst.titleEn ?? inst.title}`,
      link: `/supplies/requisitions?id=${inst.businessId}`,
    });
  },
};

/** Requisitions (请领) on the approval engine and their issue from stock (发放). */
export class SuppliesRequisitionsService {
  constructor(readonly core: CoreServices) {}

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
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], items] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from supplies_requisitions r where ${w}`),
      () => this.requisitionRows(db, w, q.pageSize, (q.page - 1) * q.pageSize),
    );
    return { total: num(c?.n), items };
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
      const store = await storeOf(tx, ctx, SP['supplies.requisition'], input.orgId ?? (await unitOf(tx, ctx.account.orgId)));
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
      const titleEn = `Office supplies: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: REQUISITION_TYPE,
        businessId: rid,
        title: { zh: title, en: titleEn },
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
        const pos = await lockStock(tx, ctx.tenantId, orgId, itemId, false);
        const quantity = BigInt(l.qty);
        if (!pos || pos.quantity < quantity)
          throw conflict(SM.SUPPLIES_STOCK_SHORT, { name: l.name, available: Number(pos?.quantity ?? 0n), wanted: l.qty });
        const out = issue(pos, quantity);
        await move(tx, ctx, {
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
}
