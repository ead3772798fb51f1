import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZLoanCreateSchema, ZLoanReturnSchema, ZPoolListQuerySchema } from '../../../contracts/modules/assets';
import {
  defineJob,
  type AuthContext,
  type CoreServices,
  accountsWith,
  assertOrgInScope,
  badRequest,
  cnToday,
  conflict,
  inScope,
  notFound,
  notify,
  num,
  numOrNull,
  queryRows,
  where,
  writeAudit,
} from '../../core';
import { AM } from './assets.messages';
import { ASSET_POOL_RULE } from './assets.ruletables';
import { activeRule, idsOf } from './pool.shared';
import { AP } from './assets.permissions';
import { addEvents, localized, lockAssets } from './assets.repository';

/**
 * Loan reminders: a due date within the rule's days gets one reminder to the pool's
 * administrators and keepers; an overdue loan one notice a day.
 */
export const LOAN_REMINDER_JOB = defineJob({
  name: 'assets.loan.reminders',
  titleZh: '公物仓出借到期提醒与逾期通知',
  titleEn: 'Pool loan due-date reminders and overdue notices',
  schedule: { kind: 'daily', at: '08:00' },
  run: async ({ db }) => {
    const today = cnToday();
    const tenants = await queryRows<{ tenant_id: number }>(db, sql`select distinct tenant_id from asset_loans where status = 'out'`);
    let sent = 0;
    for (const t of tenants) {
      const tenantId = num(t.tenant_id);
      const r = await activeRule(db, ASSET_POOL_RULE);
      const due = await queryRows<{ id: number; org_id: number; borrower_name: string; due_on: string; overdue: boolean }>(
        db,
        sql`select id, org_id, borrower_name, due_on::text as due_on, due_on < ${today}::date as overdue from asset_loans
            where tenant_id = ${tenantId} and status = 'out'
              and ((due_on < ${today}::date and (overdue_notified_on is null or overdue_notified_on < ${today}::date))
                or (due_on >= ${today}::date and due_on <= ${today}::date + ${r.loanReminderDaysBefore}::int and reminder_sent_on is null))`,
      );
      if (!due.length) continue;
      await db.transaction(async (tx) => {
        for (const l of due) {
          const org = num(l.org_id);
          const to = [...(await accountsWith(tx, AP['pool.manage'], org)), ...(await accountsWith(tx, AP['pool.keep'], org))];
          await notify(tx, to, {
            kind: l.overdue ? 'asset.loan_overdue' : 'asset.loan_due',
            titleZh: l.overdue
              ? `出借逾期：${l.borrower_name}（应于 ${l.due_on} 归还）`
              : `出借即将到期：${l.borrower_name}（${l.due_on}）`,
            titleEn: l.overdue ? `Loan overdue: ${l.borrower_name} (due ${l.due_on})` : `Loan due soon: ${l.borrower_name} (${l.due_on})`,
            link: `/assets/pool/loans?id=${l.id}`,
          });
          await tx.execute(
            l.overdue
              ? sql`update asset_loans set overdue_notified_on = ${today}::date where id = ${l.id}`
              : sql`update asset_loans set reminder_sent_on = ${today}::date where id = ${l.id}`,
          );
          sent++;
        }
      });
    }
    return { sent };
  },
  describe: (r) => ({ zh: `发送到期提醒与逾期通知 ${r.sent} 条`, en: `${r.sent} due-date reminders and overdue notices sent` }),
});

/** 出借: pool items lent to temporary bodies and events, returned with an inspection. */
export class LoanService {
  constructor(private readonly core: CoreServices) {}

  // ——— loans (出借) ———

  async lend(ctx: AuthContext, input: z.infer<typeof ZLoanCreateSchema>) {
    if (!ctx.has(AP['pool.keep'])) ctx.require(AP['pool.manage']);
    const id = await this.core.db.transaction(async (tx) => {
      const rows = await lockAssets(tx, ctx, input.assetIds, null);
      for (const r of rows) {
        if (r.status === 'reserved') throw conflict(AM.ASSET_RESERVED, { code: r.code, by: r.reserved_by ?? '' });
        if (r.status !== 'in_pool') throw conflict(AM.ASSET_NOT_POOL, { code: r.code });
      }
      if (input.borrowerOrgId) {
        const [o] = await queryRows<{ tenant_id: number }>(tx, sql`select tenant_id from orgs where id = ${input.borrowerOrgId}`);
        if (!o || num(o.tenant_id) !== ctx.tenantId) throw notFound('org');
      }
      const pool = { id: rows[0]!.org_id };
      const [l] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_loans (tenant_id, org_id, borrower_org_id, borrower_name, contact, purpose, lent_on, due_on, created_by)
            values (${ctx.tenantId}, ${pool.id}, ${input.borrowerOrgId ?? null}, ${input.borrowerName}, ${input.contact ?? null},
              ${input.purpose}, ${input.lentOn}, ${input.dueOn}, ${ctx.account.id}) returning id`,
      );
      const lid = num(l!.id);
      await tx.execute(
        sql`insert into asset_loan_items (loan_id, asset_id) values ${sql.join(
          rows.map((r) => sql`(${lid}, ${r.id})`),
          sql`, `,
        )}`,
      );
      await tx.execute(sql`update assets set status = 'on_loan', updated_at = now() where id in ${idsOf(rows)}`);
      await addEvents(tx, ctx, idsOf(rows), {
        orgId: pool.id,
        kind: 'loan',
        summary: localized(ctx, `出借给 ${input.borrowerName}，${input.dueOn} 前归还`, `Lent to ${input.borrowerName}, due ${input.dueOn}`),
        refType: 'loan',
        refId: lid,
      });
      await writeAudit(tx, ctx.auditActor(), { action: 'create', entityType: 'asset_loan', entityId: lid, orgId: pool.id, after: input });
      return lid;
    });
    return this.getLoan(ctx, id);
  }

  /** Return with an inspection grade per item; a loan closes when its last item is back. */
  async returnLoan(ctx: AuthContext, id: number, input: z.infer<typeof ZLoanReturnSchema>) {
    if (!ctx.has(AP['pool.keep'])) ctx.require(AP['pool.manage']);
    await this.core.db.transaction(async (tx) => {
      const [l] = await queryRows<{ id: number; org_id: number; path: string; status: string; lent_on: string }>(
        tx,
        sql`select l.id, l.org_id, o.path, l.status, l.lent_on::text as lent_on from asset_loans l join orgs o on o.id = l.org_id
            where l.id = ${id} and l.tenant_id = ${ctx.tenantId} for update of l`,
      );
      // Only the lending pool's keepers and administrators take a loan back (404 elsewhere: not confirmed).
      const pool = l && { id: num(l.org_id), path: l.path };
      if (!l || !pool || !(ctx.covers(AP['pool.keep'], pool) || ctx.covers(AP['pool.manage'], pool))) throw notFound('asset_loan');
      if (l.status !== 'out')
        throw conflict(AM.POOL_REQUEST_STATE, { code: `#${id}`, status: l.status, action: localized(ctx, '归还', 'return') });
      if (input.returnedOn < l.lent_on)
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'returnedOn' },
          {
            fields: [
              {
                field: 'returnedOn',
                message: localized(ctx, '归还日期不能早于出借日期', 'the return date cannot be before the loan date'),
              },
            ],
          },
        );
      const out = (
        await queryRows<{ asset_id: number }>(tx, sql`select asset_id from asset_loan_items where loan_id = ${id} and not returned`)
      ).map((r) => num(r.asset_id));
      const back = input.items?.length ? input.items : out.map((assetId) => ({ assetId, condition: input.condition }));
      for (const b of back) if (!out.includes(b.assetId)) throw badRequest(AM.POOL_NOT_IN_BATCH, { code: String(b.assetId) });
      for (const b of back) {
        await tx.execute(
          sql`update asset_loan_items set returned = true, return_condition = ${b.condition} where loan_id = ${id} and asset_id = ${b.assetId}`,
        );
        await tx.execute(sql`update assets set status = 'in_pool', condition = ${b.condition}, updated_at = now() where id = ${b.assetId}`);
      }
      const done = back.length === out.length;
      if (done) await tx.execute(sql`update asset_loans set status = 'returned', returned_on = ${input.returnedOn}::date where id = ${id}`);
      await addEvents(
        tx,
        ctx,
        back.map((b) => b.assetId),
        (aid) => ({
          orgId: num(l.org_id),
          kind: 'loan_return',
          summary: localized(
            ctx,
            `出借归还，验收等级 ${back.find((b) => b.assetId === aid)?.condition}`,
            `Returned from loan, grade ${back.find((b) => b.assetId === aid)?.condition}`,
          ),
          refType: 'loan',
          refId: id,
        }),
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_loan',
        entityId: id,
        orgId: num(l.org_id),
        summary: `${back.length} items returned${done ? '; loan closed' : ''}`,
        after: input,
      });
    });
    return this.getLoan(ctx, id);
  }

  private loanView(r: Record<string, unknown>, today: string) {
    return {
      id: num(r.id),
      borrowerOrgId: numOrNull(r.borrower_org_id),
      borrowerName: String(r.borrower_name),
      contact: (r.contact as string | null) ?? null,
      purpose: String(r.purpose),
      lentOn: String(r.lent_on),
      dueOn: String(r.due_on),
      status: r.status as 'out',
      overdue: r.status === 'out' && String(r.due_on) < today,
      returnedOn: (r.returned_on as string | null) ?? null,
      itemCount: num(r.item_count),
      assetIds: ((r.asset_ids as number[] | null) ?? []).map(Number),
    };
  }

  private loanSql = sql`select l.id, l.borrower_org_id, l.borrower_name, l.contact, l.purpose, l.lent_on::text as lent_on,
      l.due_on::text as due_on, l.status, l.returned_on::text as returned_on,
      (select count(*)::int from asset_loan_items i where i.loan_id = l.id) as item_count,
      (select array_agg(asset_id order by asset_id) from asset_loan_items i where i.loan_id = l.id) as asset_ids
    from asset_loans l`;

  /**
   * Who sees a loan: the pool's keepers and administrators and the readers of the pool's
   * register (the bureau that runs the warehouse), and the borrowing unit's readers. Anyone
   * else gets nothing — the borrower's contact is personal data.
   */
  private loanScope(ctx: AuthContext) {
    return sql`(${inScope(ctx, AP['assets.read'], sql`l.org_id`)} or ${inScope(ctx, AP['pool.keep'], sql`l.org_id`)}
      or ${inScope(ctx, AP['pool.manage'], sql`l.org_id`)} or ${inScope(ctx, AP['assets.read'], sql`l.borrower_org_id`)})`;
  }

  async getLoan(ctx: AuthContext, id: number) {
    ctx.require(AP['assets.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.loanSql} where l.id = ${id} and l.tenant_id = ${ctx.tenantId} and ${this.loanScope(ctx)}`,
    );
    if (!r) throw notFound('asset_loan');
    return this.loanView(r, cnToday());
  }

  async loans(ctx: AuthContext, q: z.infer<typeof ZPoolListQuerySchema>) {
    ctx.require(AP['assets.read']);
    const today = cnToday();
    // ?orgId= narrows to loans of that org's subtree (as pool or borrower), itself in scope (404 outside).
    const root = q.orgId ? await assertOrgInScope(this.core.db, ctx, AP['assets.read'], q.orgId) : null;
    const w = where([
      sql`l.tenant_id = ${ctx.tenantId}`,
      this.loanScope(ctx),
      root
        ? sql`(l.org_id in (select id from orgs where path like ${`${root.path}%`})
            or l.borrower_org_id in (select id from orgs where path like ${`${root.path}%`}))`
        : undefined,
      q.status === 'overdue' ? sql`l.status = 'out' and l.due_on < ${today}::date` : q.status ? sql`l.status = ${q.status}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from asset_loans l where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`${this.loanSql} where ${w} order by l.status = 'out' desc, l.due_on, l.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.loanView(r, today)) };
  }
}
