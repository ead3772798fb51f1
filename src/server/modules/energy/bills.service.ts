import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZBillCreateSchema, ZBillQuerySchema, ZBillUpdateSchema } from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  badRequest,
  cnDayStart,
  conflict,
  dbError,
  notFound,
  num,
  queryRows,
  scopeOn,
  where,
  writeAudit,
  toYuan,
} from '../../core';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { applyRollups } from './energy.repository';
import { monthEnd } from './energy.rules';

const COLS = sql`b.id, b.meter_id, m.name as meter_name, m.energy_type, m.unit, m.kind, b.org_id, o.name as org_name, to_char(b.month, 'YYYY-MM') as month,
  b.quantity, b.amount, b.invoice_no, b.note`;
const FROM = sql`energy_bills b join energy_meters m on m.id = b.meter_id join orgs o on o.id = b.org_id`;
const view = (r: Record<string, unknown>) => ({
  id: num(r.id),
  meterId: num(r.meter_id),
  meterName: String(r.meter_name),
  energyType: r.energy_type as 'electricity',
  unit: String(r.unit),
  orgId: num(r.org_id),
  orgName: (r.org_name as string) ?? null,
  month: String(r.month),
  quantity: num(r.quantity),
  amount: toYuan(r.amount as string),
  invoiceNo: (r.invoice_no as string) ?? null,
  note: (r.note as string) ?? null,
});

/**
 * Monthly bills (账单): the amount paid for a meter's month, and for a bill account (fuel
 * bought, LPG …, which has no register) the consumption itself, which then enters the daily
 * rollup on the month's last day and the monthly rollup, like a reading would.
 */
export class BillService {
  constructor(private readonly core: CoreServices) {}

  async list(ctx: AuthContext, q: z.infer<typeof ZBillQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`b.org_id`, q.orgId);
    const w = where([
      sql`b.tenant_id = ${ctx.tenantId}`,
      scope,
      q.meterId ? sql`b.meter_id = ${q.meterId}` : undefined,
      q.year ? sql`b.month >= ${`${q.year}-01-01`}::date and b.month <= ${`${q.year}-12-01`}::date` : undefined,
    ]);
    const SORTS: Record<string, string> = {
      month: 'b.month',
      amount: 'b.amount',
      quantity: 'b.quantity',
      meterName: 'm.name',
      orgName: 'o.name',
    };
    const desc = !q.sort || q.sort.startsWith('-');
    const col = SORTS[(q.sort ?? '-month').replace(/^-/, '')] ?? 'b.month';
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${FROM} where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${COLS} from ${FROM} where ${w} order by ${sql.raw(col)} ${sql.raw(desc ? 'desc' : 'asc')}, b.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map(view) };
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${COLS}, o.path from ${FROM} where b.id = ${id} and b.tenant_id = ${ctx.tenantId}`,
    );
    if (!r || !ctx.covers(EP['energy.read'], { id: num(r.org_id), path: String(r.path) })) throw notFound('energy_bill');
    return view(r);
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZBillCreateSchema>) {
    ctx.require(EP['energy.write']);
    if (cnDayStart(`${input.month}-01`).getTime() > Date.now()) throw badRequest(EM.ENERGY_MONTH_FUTURE, { month: input.month });
    const id = await this.core.db
      .transaction(async (tx) => {
        const m = await this.meter(tx, ctx, input.meterId);
        const [row] = await queryRows<{ id: number }>(
          tx,
          sql`insert into energy_bills (tenant_id, meter_id, org_id, month, quantity, amount, invoice_no, note, created_by)
              values (${ctx.tenantId}, ${m.id}, ${m.orgId}, ${`${input.month}-01`}::date, ${input.quantity}, ${input.amount},
                      ${input.invoiceNo ?? null}, ${input.note ?? null}, ${ctx.account.id})
              returning id`,
        );
        if (m.kind === 'bill') await this.rollup(tx, ctx.tenantId, m.id, input.month, input.quantity, 1);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'energy_bill',
          entityId: row!.id,
          orgId: m.orgId,
          summary: `${m.name} ${input.month}`,
          after: input,
        });
        return num(row!.id);
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(EM.ENERGY_BILL_EXISTS, { name: String(input.meterId), month: input.month });
        throw err;
      });
    return this.get(ctx, id);
  }

  /**
   * Several bills in one transaction, for a load into an empty ledger (the demo's years of
   * them): the same checks, rows, rollups and audit records, in the same order, as `create`
   * called for each, with one multi-row insert and one rollup statement instead of a
   * transaction and a read-back per bill. Returns the new ids in input order.
   */
  async createMany(ctx: AuthContext, inputs: z.infer<typeof ZBillCreateSchema>[]): Promise<number[]> {
    ctx.require(EP['energy.write']);
    if (!inputs.length) return [];
    for (const input of inputs)
      if (cnDayStart(`${input.month}-01`).getTime() > Date.now()) throw badRequest(EM.ENERGY_MONTH_FUTURE, { month: input.month });
    return this.core.db.transaction(async (tx) => {
      const meters = new Map<number, Awaited<ReturnType<BillService['meter']>>>();
      for (const input of inputs) if (!meters.has(input.meterId)) meters.set(input.meterId, await this.meter(tx, ctx, input.meterId));
      const values = inputs.map((input) => {
        const m = meters.get(input.meterId)!;
        return sql`(${ctx.tenantId}, ${m.id}, ${m.orgId}, ${`${input.month}-01`}::date, ${input.quantity}, ${input.amount},
                    ${input.invoiceNo ?? null}, ${input.note ?? null}, ${ctx.account.id})`;
      });
      const rows = await queryRows<{ id: number }>(
        tx,
        sql`insert into energy_bills (tenant_id, meter_id, org_id, month, quantity, amount, invoice_no, note, created_by)
            values ${sql.join(values, sql`, `)} returning id`,
      );
      const accounts = inputs.filter((input) => meters.get(input.meterId)!.kind === 'bill');
      await applyRollups(
        tx,
        ctx.tenantId,
        accounts.map((input) => ({
          meterId: input.meterId,
          t: monthEnd(input.month.slice(0, 7)).getTime(),
          delta: input.quantity,
          readings: 1,
        })),
        ['day', 'month'],
      );
      for (const [i, input] of inputs.entries()) {
        const m = meters.get(input.meterId)!;
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'energy_bill',
          entityId: rows[i]!.id,
          orgId: m.orgId,
          summary: `${m.name} ${input.month}`,
          after: input,
        });
      }
      return rows.map((r) => num(r.id));
    });
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZBillUpdateSchema>) {
    ctx.require(EP['energy.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.lock(tx, ctx, id);
      const m = await this.meter(tx, ctx, num(before.meter_id));
      const quantity = input.quantity ?? num(before.quantity);
      await tx.execute(
        sql`update energy_bills set quantity = ${quantity}, amount = ${input.amount ?? (before.amount as string)},
              invoice_no = ${input.invoiceNo !== undefined ? (input.invoiceNo ?? null) : (before.invoice_no as string | null)},
              note = ${input.note !== undefined ? (input.note ?? null) : (before.note as string | null)}
            where id = ${id}`,
      );
      if (m.kind === 'bill' && quantity !== num(before.quantity))
        await this.rollup(tx, ctx.tenantId, m.id, String(before.month), quantity - num(before.quantity), 0);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'energy_bill',
        entityId: id,
        orgId: m.orgId,
        before,
        after: input,
      });
    });
    return this.get(ctx, id);
  }

  async remove(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.lock(tx, ctx, id);
      const m = await this.meter(tx, ctx, num(before.meter_id));
      await tx.execute(sql`delete from energy_bills where id = ${id}`);
      if (m.kind === 'bill') await this.rollup(tx, ctx.tenantId, m.id, String(before.month), -num(before.quantity), -1);
      await writeAudit(tx, ctx.auditActor(), { action: 'delete', entityType: 'energy_bill', entityId: id, orgId: m.orgId, before });
    });
  }

  /** A bill account's month lands on the month's last day (daily) and on the month (monthly). */
  private async rollup(tx: Executor, tenantId: number, meterId: number, month: string, delta: number, readings: number) {
    await applyRollups(tx, tenantId, [{ meterId, t: monthEnd(month.slice(0, 7)).getTime(), delta, readings }], ['day', 'month']);
  }

  private async lock(tx: Executor, ctx: AuthContext, id: number) {
    const [b] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select b.*, to_char(b.month, 'YYYY-MM') as month, o.path from energy_bills b join orgs o on o.id = b.org_id
          where b.id = ${id} and b.tenant_id = ${ctx.tenantId} for update of b`,
    );
    if (!b || !ctx.covers(EP['energy.write'], { id: num(b.org_id), path: String(b.path) })) throw notFound('energy_bill');
    delete b.path;
    return b;
  }

  private async meter(tx: Executor, ctx: AuthContext, meterId: number) {
    // The meter row is locked: its rollups change in this transaction, as the ingest path's do.
    const [m] = await queryRows<{ id: number; org_id: number; path: string; kind: string; name: string }>(
      tx,
      sql`select m.id, m.org_id, o.path, m.kind, m.name from energy_meters m join orgs o on o.id = m.org_id
          where m.id = ${meterId} and m.tenant_id = ${ctx.tenantId} for update of m`,
    );
    if (!m || !ctx.covers(EP['energy.write'], { id: num(m.org_id), path: m.path })) throw notFound('energy_meter');
    return { id: num(m.id), orgId: num(m.org_id), kind: m.kind, name: m.name };
  }
}
