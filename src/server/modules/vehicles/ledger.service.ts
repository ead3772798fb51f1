import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZDriverCreateSchema,
  ZDriverUpdateSchema,
  ZQuotaSetSchema,
  ZVehicleCreateSchema,
  ZVehicleQuerySchema,
  ZVehicleUpdateSchema,
} from '../../../contracts/modules/vehicles';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  conflict,
  notFound,
  queryRows,
  writeAudit,
  fieldError,
  toYuanOrNull,
} from '../../core';
import { unitCap } from './caps';
import { M } from './vehicles.messages';
import { VP } from './vehicles.permissions';
import {
  VEHICLE_COLS,
  addEvent,
  dbError,
  day,
  iso,
  loadCapsRule,
  lockVehicle,
  num,
  numOrNull,
  owningUnit,
  scopeOn,
  vehicleView,
  where,
} from './vehicles.repository';
import { vehicleDrivers, vehicleQuotas, vehicles } from './vehicles.schema';

const SORTS: Record<string, string> = {
  plate: 'v.plate',
  purchaseDate: 'v.purchase_date',
  price: 'v.price',
  odometerKm: 'v.odometer_km',
  org: 'o.sort, o.id',
  id: 'v.id',
};
const orderBy = (sort: string | undefined) => {
  if (!sort) return sql.raw('o.sort, o.id, v.plate');
  const desc = sort.startsWith('-');
  const col = SORTS[sort.replace(/^-/, '')] ?? 'v.id';
  return sql.raw(`${col} ${desc ? 'desc' : 'asc'}, v.id`);
};

/** The ledger (台账): vehicles, their history file, unit quotas, drivers. */
export class LedgerService {
  constructor(private readonly core: CoreServices) {}

  private async newEnergy(db: Executor) {
    return (await loadCapsRule(db)).rule.newEnergyEnergies;
  }

  /** An export is recorded in the audit log like any other disclosure of the ledger. */
  async audited(ctx: AuthContext, summary: string) {
    ctx.require(VP['vehicles.read']);
    await this.core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType: 'vehicle', summary }));
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZVehicleQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`v.org_id`, q.orgId);
    const w = where([
      scope,
      q.status ? sql`v.status = ${q.status}` : undefined,
      q.type ? sql`v.type = ${q.type}` : undefined,
      q.energy ? sql`v.energy = ${q.energy}` : undefined,
      q.q ? sql`(v.plate like ${`%${q.q.toUpperCase()}%`} or v.brand like ${`%${q.q}%`} or v.model like ${`%${q.q}%`})` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicles v where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${VEHICLE_COLS} from vehicles v left join orgs o on o.id = v.org_id where ${w}
          order by ${orderBy(q.sort)} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    const ne = await this.newEnergy(db);
    return { total: num(c?.n), items: rows.map((r) => vehicleView(r, ne)) };
  }

  async view(db: Executor, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${VEHICLE_COLS} from vehicles v left join orgs o on o.id = v.org_id where v.id = ${id}`,
    );
    if (!r) throw notFound('vehicle');
    return vehicleView(r, await this.newEnergy(db));
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<{ org_id: number }>(
      this.core.db,
      sql`select org_id from vehicles where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('vehicle');
    await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], num(r.org_id)).catch(() => {
      throw notFound('vehicle');
    });
    return this.view(this.core.db, id);
  }

  /** Registers a vehicle the unit already owns (opening the ledger); new purchases arrive by delivery. */
  async create(ctx: AuthContext, input: z.infer<typeof ZVehicleCreateSchema>) {
    ctx.require(VP['vehicles.write']);
    const id = await this.core.db
      .transaction(async (tx) => {
        await owningUnit(tx, ctx, VP['vehicles.write'], input.orgId);
        const [row] = await tx
          .insert(vehicles)
          .values({
            ...input,
            tenantId: ctx.tenantId,
            displacement: input.displacement ?? null,
            tankCapacityL: input.tankCapacityL ?? null,
            batteryCapacityKwh: input.batteryCapacityKwh ?? null,
            supervisionPhone: input.supervisionPhone ?? null,
            markingExemptReason: input.markingExemptReason ?? null,
            note: input.note ?? null,
          })
          .returning();
        await addEvent(tx, {
          tenantId: ctx.tenantId,
          vehicleId: row!.id,
          orgId: input.orgId,
          kind: 'register',
          summary: `登记入账 ${input.plate}（${input.brand} ${input.model}）`,
          amount: input.price,
          odometerKm: input.odometerKm,
          createdBy: ctx.account.id,
        });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'vehicle',
          entityId: row!.id,
          orgId: input.orgId,
          summary: input.plate,
          after: input,
        });
        return row!.id;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(M.VEHICLE_PLATE_TAKEN, { plate: input.plate });
        throw err;
      });
    return this.view(this.core.db, id);
  }

  /**
   * Descriptive fields, markings and the service status (in service / in repair / sealed).
   * Disposal goes through its own approval; the odometer moves only with trips.
   */
  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZVehicleUpdateSchema>) {
    ctx.require(VP['vehicles.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await lockVehicle(tx, ctx, id, VP['vehicles.write']);
      if (before.status === 'disposed') throw conflict(M.VEHICLE_STATE, { reason: ctx.locale === 'en' ? 'disposed' : '已处置' });
      // The marking rule holds for the vehicle as it will be, not only for the fields sent.
      const marking = input.marking ?? String(before.marking);
      const phone = input.supervisionPhone !== undefined ? input.supervisionPhone : (before.supervision_phone as string | null);
      const reason = input.markingExemptReason !== undefined ? input.markingExemptReason : (before.marking_exempt_reason as string | null);
      if (marking === 'exempt' ? !reason : !phone)
        throw fieldError(
          ctx,
          'marking',
          '标识车辆须填写监督电话；免于标识须说明理由',
          'marked vehicles need a supervision phone; exempt ones need a reason',
        );
      const set: Partial<typeof vehicles.$inferInsert> = { updatedAt: new Date() };
      for (const k of [
        'brand',
        'model',
        'seats',
        'tankCapacityL',
        'batteryCapacityKwh',
        'note',
        'leaderFixed',
        'marking',
        'supervisionPhone',
        'markingExemptReason',
        'status',
      ] as const)
        if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
      await tx.update(vehicles).set(set).where(eq(vehicles.id, id));
      if (input.status && input.status !== before.status)
        await addEvent(tx, {
          tenantId: ctx.tenantId,
          vehicleId: id,
          orgId: num(before.org_id),
          kind: 'status',
          summary: `状态 ${before.status} → ${input.status}`,
          data: { from: before.status, to: input.status },
          createdBy: ctx.account.id,
        });
      const changed = Object.keys(input).filter((k) => k !== 'status');
      if (changed.length)
        await addEvent(tx, {
          tenantId: ctx.tenantId,
          vehicleId: id,
          orgId: num(before.org_id),
          kind: 'update',
          summary: `变更 ${changed.join(', ')}`,
          data: input,
          createdBy: ctx.account.id,
        });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle',
        entityId: id,
        orgId: num(before.org_id),
        summary: String(before.plate),
        before: Object.fromEntries(Object.keys(input).map((k) => [k, before[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]])),
        after: input,
      });
    });
    return this.view(this.core.db, id);
  }

  /** The history file (履历档案), newest first. */
  async events(ctx: AuthContext, id: number, q: { page: number; pageSize: number }) {
    await this.get(ctx, id);
    const [c] = await queryRows<{ n: number }>(
      this.core.db,
      sql`select count(*)::int as n from vehicle_events where tenant_id = ${ctx.tenantId} and vehicle_id = ${id}`,
    );
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select * from vehicle_events where tenant_id = ${ctx.tenantId} and vehicle_id = ${id}
          order by occurred_at desc, id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return {
      total: num(c?.n),
      items: rows.map((r) => ({
        id: num(r.id),
        kind: r.kind as 'trip',
        occurredAt: iso(r.occurred_at)!,
        orgId: num(r.org_id),
        amount: toYuanOrNull(r.amount as string | null),
        quantity: numOrNull(r.quantity),
        odometerKm: numOrNull(r.odometer_km),
        refType: (r.ref_type as string) ?? null,
        refId: numOrNull(r.ref_id),
        summary: String(r.summary),
        data: r.data ?? null,
        createdBy: numOrNull(r.created_by),
      })),
    };
  }

  // ---------- quotas ----------

  /**
   * Per unit in scope: quota (编制数), cap = floor(quota × unitCapRatio) (rounded down: a unit
   * may not exceed the share), vehicles held (not disposed), purchases in progress, and
   * whether the unit holds more than its cap.
   */
  async quotas(ctx: AuthContext, orgId?: number) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`o.id`, orgId);
    const { rule } = await loadCapsRule(db);
    const rows = await queryRows<{ id: number; name: string; quota: number | null; actual: number; pending: number }>(
      db,
      sql`select o.id, o.name, q.quota,
            (select count(*)::int from vehicles v where v.org_id = o.id and v.status <> 'disposed') as actual,
            (select count(*)::int from vehicle_purchase_requests r where r.org_id = o.id and r.status in ('pending','approved') and r.adds_vehicle) as pending
          from orgs o left join vehicle_quotas q on q.org_id = o.id
          where o.kind in ('unit','bureau') and o.status = 'active' and o.tenant_id = ${ctx.tenantId} and ${scope}
            and (q.quota is not null or exists (select 1 from vehicles v where v.org_id = o.id and v.status <> 'disposed'))
          order by o.sort, o.id`,
    );
    return {
      ratio: rule.unitCapRatio,
      items: rows.map((r) => {
        const quota = num(r.quota);
        const cap = unitCap(quota, rule.unitCapRatio);
        return {
          orgId: num(r.id),
          orgName: r.name,
          quota,
          ratio: rule.unitCapRatio,
          cap,
          actual: num(r.actual),
          pending: num(r.pending),
          overCap: num(r.actual) > cap,
        };
      }),
    };
  }

  async setQuota(ctx: AuthContext, orgId: number, input: z.infer<typeof ZQuotaSetSchema>) {
    ctx.require(VP['vehicles.manage']);
    await this.core.db.transaction(async (tx) => {
      await owningUnit(tx, ctx, VP['vehicles.manage'], orgId);
      const [before] = await tx.select().from(vehicleQuotas).where(eq(vehicleQuotas.orgId, orgId));
      const values = { orgId, tenantId: ctx.tenantId, quota: input.quota, note: input.note ?? null, updatedAt: new Date() };
      await tx.insert(vehicleQuotas).values(values).onConflictDoUpdate({ target: vehicleQuotas.orgId, set: values });
      await writeAudit(tx, ctx.auditActor(), {
        action: before ? 'update' : 'create',
        entityType: 'vehicle_quota',
        entityId: orgId,
        orgId,
        before: before ? { quota: before.quota } : undefined,
        after: { quota: input.quota },
      });
    });
    return (await this.quotas(ctx, orgId)).items.find((i) => i.orgId === orgId)!;
  }

  // ---------- drivers ----------

  private driverView(r: Record<string, unknown>) {
    return {
      personId: num(r.person_id),
      name: String(r.name),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      licenceClass: r.licence_class as 'C1',
      licenceExpiry: day(r.licence_expiry)!,
      status: r.status as 'active',
      note: (r.note as string) ?? null,
    };
  }

  private async driverRow(db: Executor, personId: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select d.*, d.licence_expiry::text as licence_expiry, p.name, o.name as org_name from vehicle_drivers d
          join people p on p.id = d.person_id left join orgs o on o.id = d.org_id where d.person_id = ${personId}`,
    );
    return r;
  }

  async drivers(ctx: AuthContext, q: { page: number; pageSize: number; orgId?: number; status?: string }) {
    const db = this.core.db;
    // Dispatchers see the drivers they may assign; the ledger's readers see them too.
    const perm = ctx.has(VP['vehicles.dispatch']) ? VP['vehicles.dispatch'] : VP['vehicles.read'];
    const scope = await scopeOn(db, ctx, perm, sql`d.org_id`, q.orgId);
    const w = where([scope, q.status ? sql`d.status = ${q.status}` : undefined]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_drivers d where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select d.*, d.licence_expiry::text as licence_expiry, p.name, o.name as org_name from vehicle_drivers d
          join people p on p.id = d.person_id left join orgs o on o.id = d.org_id
          where ${w} order by o.sort, p.name, d.person_id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.driverView(r)) };
  }

  async addDriver(ctx: AuthContext, input: z.infer<typeof ZDriverCreateSchema>) {
    ctx.require(VP['vehicles.manage']);
    await this.core.db
      .transaction(async (tx) => {
        const [p] = await queryRows<{ org_id: number; tenant_id: number; status: string }>(
          tx,
          sql`select org_id, tenant_id, status from people where id = ${input.personId}`,
        );
        if (!p || num(p.tenant_id) !== ctx.tenantId) throw notFound('person');
        await assertOrgInScope(tx, ctx, VP['vehicles.manage'], num(p.org_id)).catch(() => {
          throw notFound('person');
        });
        await tx.insert(vehicleDrivers).values({
          personId: input.personId,
          tenantId: ctx.tenantId,
          orgId: num(p.org_id),
          licenceClass: input.licenceClass,
          licenceExpiry: input.licenceExpiry,
          note: input.note ?? null,
        });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'vehicle_driver',
          entityId: input.personId,
          orgId: num(p.org_id),
          after: input,
        });
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(M.VEHICLE_DRIVER_EXISTS);
        throw err;
      });
    return this.driverView((await this.driverRow(this.core.db, input.personId))!);
  }

  async updateDriver(ctx: AuthContext, personId: number, input: z.infer<typeof ZDriverUpdateSchema>) {
    ctx.require(VP['vehicles.manage']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.driverRow(tx, personId);
      if (!before || num(before.tenant_id) !== ctx.tenantId) throw notFound('driver');
      await assertOrgInScope(tx, ctx, VP['vehicles.manage'], num(before.org_id)).catch(() => {
        throw notFound('driver');
      });
      await tx
        .update(vehicleDrivers)
        .set({
          ...(input.licenceClass ? { licenceClass: input.licenceClass } : {}),
          ...(input.licenceExpiry ? { licenceExpiry: input.licenceExpiry } : {}),
          ...(input.status ? { status: input.status } : {}),
          ...(input.note !== undefined ? { note: input.note ?? null } : {}),
        })
        .where(eq(vehicleDrivers.personId, personId));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_driver',
        entityId: personId,
        orgId: num(before.org_id),
        before: { licenceClass: before.licence_class, licenceExpiry: before.licence_expiry, status: before.status },
        after: input,
      });
    });
    return this.driverView((await this.driverRow(this.core.db, personId))!);
  }
}
