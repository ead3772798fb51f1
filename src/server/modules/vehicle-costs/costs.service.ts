import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TCostKind,
  ZCostQuerySchema,
  ZFuelCardSetSchema,
  ZInspectionCreateSchema,
  ZInsuranceCreateSchema,
  ZOtherCostCreateSchema,
  ZRefuelCreateSchema,
  ZRepairCreateSchema,
  ZTollCreateSchema,
} from '../../../contracts/modules/vehicle-costs';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  notFound,
  both,
  queryRows,
  ruleInForce,
  fenToYuan,
  sumYuan,
  toFen,
  toYuan,
  writeAudit,
  formatYuan,
} from '../../core';
import type { CostRules } from './anomalies';
import { CM } from './costs.messages';
import { CP } from './costs.permissions';
import { VEHICLE_COST_RULE } from './costs.ruletables';
import { vehicleCostRecords, vehicleFuelCards } from './costs.schema';
import { VP } from '../vehicles';
import { addEvent, cnDate, day, iso, lockVehicle, num, numOrNull, raiseOdometer, scopeOn, today, vehiclesView, where } from '../vehicles';
import { resolveVendor } from './vendors.service';
import { REPAIR_TYPE } from './repairs.approval';

const CN = (d: string) => new Date(`${d}T00:00:00+08:00`);

/** The `vehicle_cost_rules` version in force on a date, on the given executor (safe inside a transaction). */
export async function loadCostRules(db: Executor, onDate = today()): Promise<{ rule: CostRules; version: number }> {
  const r = await ruleInForce(db, VEHICLE_COST_RULE, onDate);
  if (!r) throw badRequest(CM.VCOST_NO_RULE);
  return { rule: r.data, version: r.version };
}

type NewRecord = {
  kind: TCostKind;
  at: Date;
  /** Yuan, exact: "1234.50". */
  amount: string;
  quantity?: number | null;
  unit?: 'L' | 'kWh' | null;
  vendor?: { vendorId: number | null; vendorName: string | null; vendorFlag: string | null };
  odometerKm?: number | null;
  cardNo?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  reference?: string | null;
  status?: string;
  source?: 'manual' | 'import';
  externalId?: string | null;
  details?: unknown;
};

/** Vehicle cost records and fuel cards (the ledger and the disclosure: CostLedgerService; repair approvals: repairs.approval.ts). */
export class CostService {
  constructor(private readonly core: CoreServices) {}

  // ---------- writing ----------

  /**
   * The vehicle a cost is recorded for, share-locked (404 outside the caller's scope for
   * `vehicles.costs`), with the date checks every cost shares: not disposed, not before its
   * purchase, not in the future.
   */
  async vehicleFor(tx: Executor, ctx: AuthContext, vehicleId: number, on: string) {
    const v = await lockVehicle(tx, ctx, vehicleId, CP['vehicles.costs'], 'share');
    if (v.status === 'disposed') throw conflict(CM.VCOST_VEHICLE_DISPOSED, { plate: String(v.plate) });
    if (on < String(v.purchase_date))
      throw badRequest(CM.VCOST_BEFORE_PURCHASE, { date: on, plate: String(v.plate), purchaseDate: String(v.purchase_date) });
    if (on > today()) throw badRequest(CM.VCOST_IN_FUTURE, { date: on });
    return v;
  }

  /** Inserts one record and, for fuel, charging, repair (once authorised), insurance and inspection, its history-file line. */
  async insert(tx: Executor, ctx: AuthContext, v: Record<string, unknown>, r: NewRecord): Promise<number> {
    const on = cnDate(r.at);
    const [row] = await tx
      .insert(vehicleCostRecords)
      .values({
        tenantId: ctx.tenantId,
        vehicleId: num(v.id),
        orgId: num(v.org_id),
        kind: r.kind,
        occurredAt: r.at,
        occurredOn: on,
        amount: r.amount,
        quantity: r.quantity ?? null,
        unit: r.unit ?? null,
        vendorId: r.vendor?.vendorId ?? null,
        vendorName: r.vendor?.vendorName ?? null,
        vendorFlag: r.vendor?.vendorFlag ?? null,
        odometerKm: r.odometerKm ?? null,
        cardNo: r.cardNo ?? null,
        periodStart: r.periodStart ?? null,
        periodEnd: r.periodEnd ?? null,
        reference: r.reference ?? null,
        status: r.status ?? 'recorded',
        source: r.source ?? 'manual',
        externalId: r.externalId ?? null,
        details: r.details ?? null,
        createdBy: ctx.account.id,
      })
      .returning({ id: vehicleCostRecords.id });
    const id = row!.id;
    if (r.odometerKm != null) await raiseOdometer(tx, num(v.id), r.odometerKm);
    const flag = r.vendor?.vendorFlag ? `（${r.vendor.vendorFlag}）` : '';
    const summary: Partial<Record<TCostKind, string>> = {
      fuel: `加油 ${r.quantity} L，${r.amount} 元，${r.vendor?.vendorName ?? ''}${flag}`,
      charging: `充电 ${r.quantity} kWh，${r.amount} 元，${r.vendor?.vendorName ?? ''}${flag}`,
      repair: `维修 ${r.vendor?.vendorName ?? ''}${flag} ${r.amount} 元`,
      insurance: `保险 ${r.vendor?.vendorName ?? ''}${flag} 保单 ${r.reference}，${r.periodStart} 至 ${r.periodEnd}，${r.amount} 元`,
      inspection: `年检 ${on}，下次 ${r.periodEnd}`,
    };
    const kind = { fuel: 'refuel', charging: 'refuel', repair: 'repair', insurance: 'insurance', inspection: 'inspection' } as const;
    const ev = kind[r.kind as keyof typeof kind];
    if (ev && (r.status ?? 'recorded') === 'recorded')
      await addEvent(tx, {
        tenantId: ctx.tenantId,
        vehicleId: num(v.id),
        orgId: num(v.org_id),
        kind: ev,
        occurredAt: r.at,
        amount: r.amount,
        quantity: r.quantity ?? null,
        odometerKm: r.odometerKm ?? null,
        refType: 'vehicle_cost',
        refId: id,
        summary: summary[r.kind]!,
        data: { costKind: r.kind, unit: r.unit ?? null, vendorFlag: r.vendor?.vendorFlag ?? null },
        createdBy: ctx.account.id,
      });
    return id;
  }

  private async audited(tx: Executor, ctx: AuthContext, v: Record<string, unknown>, id: number, kind: string, input: unknown) {
    await writeAudit(tx, ctx.auditActor(), {
      action: 'create',
      entityType: 'vehicle_cost',
      entityId: id,
      orgId: num(v.org_id),
      summary: `${kind} ${String(v.plate)}`,
      after: input,
    });
  }

  /** One refuel or charge, through the same path as a statement row. */
  async writeRefuel(
    tx: Executor,
    ctx: AuthContext,
    input: z.infer<typeof ZRefuelCreateSchema>,
    opts: { source?: 'manual' | 'import'; externalId?: string | null } = {},
  ) {
    const at = new Date(input.at);
    const on = cnDate(at);
    const v = await this.vehicleFor(tx, ctx, input.vehicleId, on);
    const vendor = await resolveVendor(tx, ctx, input.kind, input, on);
    return {
      v,
      id: await this.insert(tx, ctx, v, {
        kind: input.kind,
        at,
        amount: input.amount,
        quantity: input.quantity,
        unit: input.kind === 'fuel' ? 'L' : 'kWh',
        vendor,
        odometerKm: input.odometerKm ?? null,
        cardNo: input.cardNo ?? null,
        source: opts.source,
        externalId: opts.externalId ?? null,
        details: input.note ? { note: input.note } : null,
      }),
    };
  }

  async createRefuel(ctx: AuthContext, input: z.infer<typeof ZRefuelCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    const id = await this.core.db.transaction(async (tx) => {
      const { v, id } = await this.writeRefuel(tx, ctx, input);
      await this.audited(tx, ctx, v, id, input.kind, input);
      return id;
    });
    return this.get(ctx, id);
  }

  /** A repair; above the rule's amount it is pending until approved (and counts only then). */
  async createRepair(ctx: AuthContext, input: z.infer<typeof ZRepairCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    // Exact to the fen: the items are added in fen, never as floats.
    const amount = sumYuan(input.items.flatMap((i) => [i.parts, i.labour]));
    const parts = sumYuan(input.items.map((i) => i.parts));
    const { rule } = await loadCostRules(this.core.db, input.date);
    const needsApproval = toFen(amount) > toFen(rule.repairApprovalAboveYuan);
    const id = await this.core.db.transaction(async (tx) => {
      const v = await this.vehicleFor(tx, ctx, input.vehicleId, input.date);
      const vendor = await resolveVendor(tx, ctx, 'repair', input, input.date);
      const id = await this.insert(tx, ctx, v, {
        kind: 'repair',
        at: CN(input.date),
        amount,
        vendor,
        odometerKm: input.odometerKm ?? null,
        status: needsApproval ? 'pending' : 'recorded',
        details: {
          items: input.items,
          parts,
          labour: fenToYuan(toFen(amount) - toFen(parts)),
          reason: input.reason ?? null,
          note: input.note ?? null,
        },
      });
      if (needsApproval) {
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: REPAIR_TYPE,
          businessId: id,
          title: {
            zh: `维修：${String(v.plate)} ${formatYuan(amount)}（${vendor.vendorName ?? ''}）`,
            en: `Repair: ${String(v.plate)} ${formatYuan(amount)} (${vendor.vendorName ?? ''})`,
          },
          orgId: num(v.org_id),
          facts: {
            amount,
            threshold: rule.repairApprovalAboveYuan,
            initiator: ctx.has(VP['vehicles.manage']) ? 'bureau' : 'unit',
            plate: String(v.plate),
            vendor: vendor.vendorName ?? null,
          },
        });
        await tx.execute(sql`update vehicle_cost_records set instance_id = ${inst.id} where tenant_id = ${ctx.tenantId} and id = ${id}`);
      }
      await this.audited(tx, ctx, v, id, 'repair', { ...input, amount, needsApproval, threshold: rule.repairApprovalAboveYuan });
      return id;
    });
    return this.get(ctx, id);
  }

  async createInsurance(ctx: AuthContext, input: z.infer<typeof ZInsuranceCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    const id = await this.core.db.transaction(async (tx) => {
      // A policy may be bought ahead of its start: the date checks use the day it is recorded for, its start or today.
      const on = input.start < today() ? input.start : today();
      const v = await this.vehicleFor(tx, ctx, input.vehicleId, on);
      const vendor = await resolveVendor(tx, ctx, 'insurance', input, on);
      const id = await this.insert(tx, ctx, v, {
        kind: 'insurance',
        at: CN(input.start),
        amount: input.premium,
        vendor,
        periodStart: input.start,
        periodEnd: input.end,
        reference: input.policyNo,
        details: { coverage: input.coverage, note: input.note ?? null },
      });
      await this.audited(tx, ctx, v, id, 'insurance', input);
      return id;
    });
    return this.get(ctx, id);
  }

  async createInspection(ctx: AuthContext, input: z.infer<typeof ZInspectionCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    const id = await this.core.db.transaction(async (tx) => {
      const v = await this.vehicleFor(tx, ctx, input.vehicleId, input.date);
      const id = await this.insert(tx, ctx, v, {
        kind: 'inspection',
        at: CN(input.date),
        amount: input.amount,
        vendor: { vendorId: null, vendorName: input.station ?? null, vendorFlag: null },
        periodStart: input.date,
        periodEnd: input.nextDue,
        details: { passed: input.passed, note: input.note ?? null },
      });
      await this.audited(tx, ctx, v, id, 'inspection', input);
      return id;
    });
    return this.get(ctx, id);
  }

  async writeToll(
    tx: Executor,
    ctx: AuthContext,
    input: z.infer<typeof ZTollCreateSchema>,
    opts: { source?: 'manual' | 'import'; externalId?: string | null } = {},
  ) {
    const at = new Date(input.at);
    const v = await this.vehicleFor(tx, ctx, input.vehicleId, cnDate(at));
    const id = await this.insert(tx, ctx, v, {
      kind: 'toll',
      at,
      amount: input.amount,
      reference: input.transactionId ?? null,
      source: opts.source,
      externalId: opts.externalId ?? null,
      details: { entry: input.entry, exit: input.exit },
    });
    return { v, id };
  }

  async createToll(ctx: AuthContext, input: z.infer<typeof ZTollCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    const id = await this.core.db.transaction(async (tx) => {
      const { v, id } = await this.writeToll(tx, ctx, input);
      await this.audited(tx, ctx, v, id, 'toll', input);
      return id;
    });
    return this.get(ctx, id);
  }

  async createOther(ctx: AuthContext, input: z.infer<typeof ZOtherCostCreateSchema>) {
    ctx.require(CP['vehicles.costs']);
    const id = await this.core.db.transaction(async (tx) => {
      const at = new Date(input.at);
      const v = await this.vehicleFor(tx, ctx, input.vehicleId, cnDate(at));
      const id = await this.insert(tx, ctx, v, {
        kind: input.kind,
        at,
        amount: input.amount,
        vendor: { vendorId: null, vendorName: input.payee ?? null, vendorFlag: null },
        details: { description: input.description },
      });
      await this.audited(tx, ctx, v, id, input.kind, input);
      return id;
    });
    return this.get(ctx, id);
  }

  // ---------- reading ----------

  private view(r: Record<string, unknown>) {
    return {
      id: num(r.id),
      kind: r.kind as TCostKind,
      vehicleId: num(r.vehicle_id),
      plate: String(r.plate),
      orgId: num(r.org_id),
      occurredAt: iso(r.occurred_at)!,
      occurredOn: day(r.occurred_on)!,
      amount: toYuan(r.amount as string),
      quantity: numOrNull(r.quantity),
      unit: (r.unit as 'L') ?? null,
      vendorId: numOrNull(r.vendor_id),
      vendorName: (r.vendor_name as string) ?? null,
      vendorFlag: (r.vendor_flag as 'not_listed') ?? null,
      odometerKm: numOrNull(r.odometer_km),
      cardNo: (r.card_no as string) ?? null,
      periodStart: day(r.period_start),
      periodEnd: day(r.period_end),
      reference: (r.reference as string) ?? null,
      status: r.status as 'recorded',
      instanceId: numOrNull(r.instance_id),
      source: r.source as 'manual',
      details: r.details ?? null,
      createdAt: iso(r.created_at)!,
    };
  }

  private static COLS = sql`r.id, r.kind, r.vehicle_id, v.plate, r.org_id, r.occurred_at, r.occurred_on::text as occurred_on, r.amount,
    r.quantity, r.unit, r.vendor_id, r.vendor_name, r.vendor_flag, r.odometer_km, r.card_no, r.period_start::text as period_start,
    r.period_end::text as period_end, r.reference, r.status, r.instance_id, r.source, r.details, r.created_at`;

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${CostService.COLS} from vehicle_cost_records r join ${vehiclesView} v on v.id = r.vehicle_id
          where r.tenant_id = ${ctx.tenantId} and r.id = ${id}`,
    );
    if (!r) throw notFound('vehicle_cost');
    await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], num(r.org_id)).catch(() => {
      throw notFound('vehicle_cost');
    });
    return this.view(r);
  }

  /** Whitelisted sorts (`field` or `-field`); newest first otherwise. */
  private static order(sort?: string) {
    const cols: Record<string, string> = {
      occurredAt: 'r.occurred_at',
      amount: 'r.amount',
      quantity: 'r.quantity',
      plate: 'v.plate',
      kind: 'r.kind',
    };
    const key = (sort ?? '').replace(/^-/, '');
    const col = cols[key];
    if (!col) return sql`r.occurred_at desc`;
    return sql.raw(`${col} ${sort!.startsWith('-') ? 'desc nulls last' : 'asc nulls first'}`);
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZCostQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`r.org_id`, q.orgId);
    const w = where([
      sql`r.tenant_id = ${ctx.tenantId}`,
      scope,
      q.vehicleId ? sql`r.vehicle_id = ${q.vehicleId}` : undefined,
      q.kind ? sql`r.kind = ${q.kind}` : undefined,
      q.from ? sql`r.occurred_on >= ${q.from}::date` : undefined,
      q.to ? sql`r.occurred_on <= ${q.to}::date` : undefined,
      q.flagged === 'true' ? sql`r.vendor_flag is not null` : q.flagged === 'false' ? sql`r.vendor_flag is null` : undefined,
    ]);
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_cost_records r where ${w}`),
      () =>
        queryRows<Record<string, unknown>>(
          db,
          sql`select ${CostService.COLS} from vehicle_cost_records r join ${vehiclesView} v on v.id = r.vehicle_id where ${w}
              order by ${CostService.order(q.sort)}, r.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: rows.map((r) => this.view(r)) };
  }

  // ---------- fuel cards ----------

  async listCards(ctx: AuthContext, q: { vehicleId?: number }) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`c.org_id`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select c.card_no, c.vehicle_id, v.plate, c.org_id, c.note from vehicle_fuel_cards c left join ${vehiclesView} v on v.id = c.vehicle_id
          where c.tenant_id = ${ctx.tenantId} and ${scope} ${q.vehicleId ? sql`and c.vehicle_id = ${q.vehicleId}` : sql``}
          order by c.card_no limit 2000`,
    );
    return {
      items: rows.map((r) => ({
        cardNo: String(r.card_no),
        vehicleId: numOrNull(r.vehicle_id),
        plate: (r.plate as string) ?? null,
        orgId: num(r.org_id),
        note: (r.note as string) ?? null,
      })),
    };
  }

  /** Assigns a fuel card to a vehicle (or takes it off with null). A card held by a vehicle outside the caller's scope is a 404. */
  async setCard(ctx: AuthContext, cardNo: string, input: z.infer<typeof ZFuelCardSetSchema>) {
    ctx.require(CP['vehicles.costs']);
    const card = cardNo.toUpperCase();
    await this.core.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(vehicleFuelCards)
        .where(and(eq(vehicleFuelCards.tenantId, ctx.tenantId), eq(vehicleFuelCards.cardNo, card)))
        .for('update');
      if (before)
        await assertOrgInScope(tx, ctx, CP['vehicles.costs'], before.orgId).catch(() => {
          throw notFound('fuel_card');
        });
      let orgId = before?.orgId ?? ctx.account.orgId;
      if (input.vehicleId) {
        const v = await lockVehicle(tx, ctx, input.vehicleId, CP['vehicles.costs'], 'share');
        if (v.status === 'disposed') throw conflict(CM.VCOST_VEHICLE_DISPOSED, { plate: String(v.plate) });
        orgId = num(v.org_id);
      } else if (!before) throw notFound('fuel_card');
      const values = {
        tenantId: ctx.tenantId,
        cardNo: card,
        vehicleId: input.vehicleId,
        orgId,
        note: input.note ?? null,
        updatedAt: new Date(),
      };
      await tx
        .insert(vehicleFuelCards)
        .values(values)
        .onConflictDoUpdate({ target: [vehicleFuelCards.tenantId, vehicleFuelCards.cardNo], set: values });
      await writeAudit(tx, ctx.auditActor(), {
        action: before ? 'update' : 'create',
        entityType: 'vehicle_fuel_card',
        entityId: card,
        orgId,
        before: before ? { vehicleId: before.vehicleId } : undefined,
        after: { vehicleId: input.vehicleId },
      });
    });
    return (await this.listCards(ctx, {})).items.find((c) => c.cardNo === card)!;
  }
}
