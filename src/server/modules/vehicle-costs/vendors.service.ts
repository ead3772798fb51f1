import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZVendorCreateSchema, ZVendorQuerySchema, ZVendorUpdateSchema } from '../../../contracts/modules/vehicle-costs';
import { type AuthContext, type CoreServices, type Executor, badRequest, conflict, notFound, queryRows, writeAudit } from '../../core';
import { type VendorFacts, type VendorFlag, vendorFlag } from './anomalies';
import { CM } from './costs.messages';
import { vehicleVendors } from './costs.schema';
import { VP } from '../vehicles';
import { day, dbError, num, today, unitOf, where } from '../vehicles';

const KIND_ZH: Record<string, string> = { fuel: '加油', charging: '充电', repair: '维修', insurance: '保险' };

export function vendorView(r: Record<string, unknown>, onDate = today()) {
  const facts: VendorFacts = {
    designated: Boolean(r.designated),
    status: String(r.status),
    contractStart: day(r.contract_start),
    contractEnd: day(r.contract_end),
  };
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    kind: r.kind as 'fuel',
    name: String(r.name),
    designated: facts.designated,
    contractNo: (r.contract_no as string) ?? null,
    contractStart: facts.contractStart,
    contractEnd: facts.contractEnd,
    address: (r.address as string) ?? null,
    phone: (r.phone as string) ?? null,
    status: r.status as 'active',
    note: (r.note as string) ?? null,
    inContract: vendorFlag(facts, onDate) === null,
  };
}

const COLS = sql`id, org_id, kind, name, designated, contract_no, contract_start::text as contract_start, contract_end::text as contract_end,
  address, phone, status, note`;

/**
 * The vendor of a cost, by id (404 when not the tenant's; 400 when of another kind) or by
 * name (a name not in the list stays as given, flagged `not_listed`), with the flag for the
 * date: not designated, or outside its contract period.
 */
export async function resolveVendor(
  db: Executor,
  ctx: AuthContext,
  kind: string,
  ref: { vendorId?: number | null; vendorName?: string | null },
  on: string,
): Promise<{ vendorId: number | null; vendorName: string | null; vendorFlag: VendorFlag | null }> {
  let row: Record<string, unknown> | undefined;
  if (ref.vendorId) {
    [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${COLS} from vehicle_vendors where id = ${ref.vendorId} and tenant_id = ${ctx.tenantId}`,
    );
    if (!row) throw notFound('vehicle_vendor');
    if (row.kind !== kind)
      throw badRequest(CM.VCOST_VENDOR_KIND, { name: String(row.name), kind: ctx.locale === 'en' ? kind : (KIND_ZH[kind] ?? kind) });
  } else if (ref.vendorName) {
    [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${COLS} from vehicle_vendors where tenant_id = ${ctx.tenantId} and kind = ${kind} and name = ${ref.vendorName.trim()}`,
    );
  }
  if (!row) return { vendorId: null, vendorName: ref.vendorName?.trim() ?? null, vendorFlag: vendorFlag(null, on) };
  const v = vendorView(row, on);
  return { vendorId: v.id, vendorName: v.name, vendorFlag: vendorFlag(v, on) };
}

/** 定点 vendors: listed and maintained by the bureau's vehicle administrator; readable by every vehicle reader of the tenant. */
export class VendorService {
  constructor(private readonly core: CoreServices) {}

  async list(ctx: AuthContext, q: z.infer<typeof ZVendorQuerySchema>) {
    ctx.require(VP['vehicles.read']);
    const db = this.core.db;
    const w = where([
      sql`tenant_id = ${ctx.tenantId}`,
      q.kind ? sql`kind = ${q.kind}` : undefined,
      q.status ? sql`status = ${q.status}` : undefined,
      q.q ? sql`name like ${`%${q.q}%`}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_vendors where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${COLS} from vehicle_vendors where ${w} order by kind, name, id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => vendorView(r)) };
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(VP['vehicles.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${COLS} from vehicle_vendors where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('vehicle_vendor');
    return vendorView(r);
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZVendorCreateSchema>) {
    ctx.require(VP['vehicles.manage']);
    const orgId = await unitOf(this.core.db, ctx.account.orgId);
    const id = await this.core.db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(vehicleVendors)
          .values({
            tenantId: ctx.tenantId,
            orgId,
            kind: input.kind,
            name: input.name,
            designated: input.designated,
            contractNo: input.contractNo ?? null,
            contractStart: input.contractStart ?? null,
            contractEnd: input.contractEnd ?? null,
            address: input.address ?? null,
            phone: input.phone ?? null,
            note: input.note ?? null,
          })
          .returning({ id: vehicleVendors.id });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'vehicle_vendor',
          entityId: row!.id,
          orgId,
          summary: `${input.kind} ${input.name}`,
          after: input,
        });
        return row!.id;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(CM.VCOST_VENDOR_EXISTS, { name: input.name });
        throw err;
      });
    return this.get(ctx, id);
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZVendorUpdateSchema>) {
    ctx.require(VP['vehicles.manage']);
    await this.core.db
      .transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(vehicleVendors)
          .where(and(eq(vehicleVendors.id, id), eq(vehicleVendors.tenantId, ctx.tenantId)))
          .for('update');
        if (!before) throw notFound('vehicle_vendor');
        const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
        if (next.contractStart && next.contractEnd && next.contractEnd < next.contractStart)
          throw badRequest(
            'VALIDATION_FAILED',
            { fields: 'contractEnd' },
            {
              fields: [
                {
                  field: 'contractEnd',
                  message: ctx.locale === 'en' ? 'contract end is before its start' : '合同结束日期不能早于开始日期',
                },
              ],
            },
          );
        const set: Partial<typeof vehicleVendors.$inferInsert> = {};
        for (const k of ['name', 'designated', 'contractNo', 'contractStart', 'contractEnd', 'address', 'phone', 'status', 'note'] as const)
          if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k] ?? null;
        await tx.update(vehicleVendors).set(set).where(eq(vehicleVendors.id, id));
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'vehicle_vendor',
          entityId: id,
          orgId: before.orgId,
          summary: before.name,
          before: Object.fromEntries(Object.keys(set).map((k) => [k, (before as Record<string, unknown>)[k]])),
          after: set,
        });
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(CM.VCOST_VENDOR_EXISTS, { name: input.name ?? '' });
        throw err;
      });
    return this.get(ctx, id);
  }
}
