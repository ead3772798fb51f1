import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZLeaseCreateSchema,
  ZLeaseQuerySchema,
  ZLeaseRenewSchema,
  ZLeaseTerminateSchema,
} from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  notFound,
  queryRows,
  writeAudit,
  num,
  addDays,
} from '../../core';
import { OP } from './office.permissions';
import { scopeOn, today } from './office.repository';
import { officeLeases } from './office.schema';
import { daysBetween } from './standards';

export const LEASE_FILES = 'office_lease';
const day = (v: unknown) => (v === null || v === undefined ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));

/** 租用: office space a unit rents in — contract, period, rent, renewal and termination, with expiry reminders. */
export class LeaseService {
  constructor(private readonly core: CoreServices) {}

  private view(r: Record<string, unknown>) {
    const status = String(r.status) as 'active';
    const endDate = day(r.end_date)!;
    return {
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      landlord: String(r.landlord),
      address: String(r.address),
      area: num(r.area),
      contractNo: (r.contract_no as string) ?? null,
      startDate: day(r.start_date)!,
      endDate,
      rentPerYear: String(r.rent_per_year),
      status,
      renewsId: r.renews_id === null ? null : num(r.renews_id),
      terminatedOn: day(r.terminated_on),
      note: (r.note as string) ?? null,
      daysLeft: status === 'active' ? daysBetween(today(), endDate) : null,
    };
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZLeaseQuerySchema>) {
    const scope = await scopeOn(this.core.db, ctx, OP['office.read'], sql`l.org_id`, q.orgId);
    const where = sql.join(
      [
        scope,
        q.status ? sql`l.status = ${q.status}` : undefined,
        q.expiringWithin !== undefined ? sql`l.status = 'active' and l.end_date <= ${today()}::date + ${q.expiringWithin}::int` : undefined,
      ].filter((x): x is ReturnType<typeof sql> => Boolean(x)),
      sql` and `,
    );
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from office_leases l where ${where}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select l.*, o.name as org_name from office_leases l left join orgs o on o.id = l.org_id where ${where}
          order by l.status, l.end_date, l.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.view(r)) };
  }

  private async load(db: Executor, ctx: AuthContext, id: number, permission: string) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select * from office_leases where id = ${id} and tenant_id = ${ctx.tenantId} for update`,
    );
    if (!r) throw notFound('office_lease');
    await assertOrgInScope(db, ctx, permission, num(r.org_id)).catch(() => {
      throw notFound('office_lease');
    });
    return r;
  }

  private async get(id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select l.*, o.name as org_name from office_leases l left join orgs o on o.id = l.org_id where l.id = ${id}`,
    );
    return this.view(r!);
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZLeaseCreateSchema>) {
    ctx.require(OP['office.write']);
    const id = await this.core.db.transaction(async (tx) => {
      await assertOrgInScope(tx, ctx, OP['office.write'], input.orgId);
      const { contractFileIds, ...fields } = input;
      const [row] = await tx
        .insert(officeLeases)
        .values({ ...fields, tenantId: ctx.tenantId, contractNo: input.contractNo ?? null, note: input.note ?? null })
        .returning();
      // The signed contract is uploaded first (as drafts) and bound to the lease here.
      if (contractFileIds.length) await this.core.files.attach(tx, ctx, contractFileIds, LEASE_FILES, String(row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_lease',
        entityId: row!.id,
        orgId: input.orgId,
        after: input,
      });
      return row!.id;
    });
    return this.get(id);
  }

  /** A renewal is a new lease from the day after the old one ends; the old one is marked renewed. */
  async renew(ctx: AuthContext, id: number, input: z.infer<typeof ZLeaseRenewSchema>) {
    ctx.require(OP['office.write']);
    const newId = await this.core.db.transaction(async (tx) => {
      const old = await this.load(tx, ctx, id, OP['office.write']);
      if (old.status !== 'active')
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'status' },
          {
            fields: [
              { field: 'status', message: ctx.locale === 'en' ? 'only an active lease can be renewed' : '只有执行中的租约可以续租' },
            ],
          },
        );
      const start = addDays(day(old.end_date)!, 1);
      if (input.endDate <= start)
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'endDate' },
          { fields: [{ field: 'endDate', message: ctx.locale === 'en' ? `must be after ${start}` : `须晚于 ${start}` }] },
        );
      await tx.update(officeLeases).set({ status: 'renewed' }).where(eq(officeLeases.id, id));
      const [row] = await tx
        .insert(officeLeases)
        .values({
          tenantId: ctx.tenantId,
          orgId: num(old.org_id),
          landlord: String(old.landlord),
          address: String(old.address),
          area: num(old.area),
          contractNo: input.contractNo ?? (old.contract_no as string | null),
          startDate: start,
          endDate: input.endDate,
          rentPerYear: input.rentPerYear,
          renewsId: id,
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_lease',
        entityId: id,
        orgId: num(old.org_id),
        summary: `renewed as #${row!.id}`,
        after: input,
      });
      return row!.id;
    });
    return this.get(newId);
  }

  async terminate(ctx: AuthContext, id: number, input: z.infer<typeof ZLeaseTerminateSchema>) {
    ctx.require(OP['office.write']);
    await this.core.db.transaction(async (tx) => {
      const old = await this.load(tx, ctx, id, OP['office.write']);
      if (old.status !== 'active' || input.terminatedOn < day(old.start_date)!)
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'terminatedOn' },
          {
            fields: [
              {
                field: 'terminatedOn',
                message: ctx.locale === 'en' ? 'not an active lease, or before its start' : '租约不在执行中，或早于起租日',
              },
            ],
          },
        );
      await tx
        .update(officeLeases)
        .set({ status: 'terminated', terminatedOn: input.terminatedOn, note: input.note ?? (old.note as string | null) })
        .where(and(eq(officeLeases.id, id), eq(officeLeases.status, 'active')));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_lease',
        entityId: id,
        orgId: num(old.org_id),
        before: { status: 'active' },
        after: { status: 'terminated', ...input },
      });
    });
    return this.get(id);
  }
}
