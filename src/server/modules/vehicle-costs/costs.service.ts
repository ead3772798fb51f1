import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TCostKind,
  ZCostQuerySchema,
  ZFuelCardSetSchema,
  ZInspectionCreateSchema,
  ZInsuranceCreateSchema,
  ZLedgerQuerySchema,
  ZOtherCostCreateSchema,
  ZRefuelCreateSchema,
  ZRepairCreateSchema,
  ZTollCreateSchema,
} from '../../../contracts/modules/vehicle-costs';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  notFound,
  queryRows,
  type BusinessType,
  ruleInForce,
  fenToYuan,
  ratioOf,
  sumYuan,
  toFen,
  toYuan,
  writeAudit,
  bureauLeader,
  bureauReview,
  when,
} from '../../core';
import type { CostRules } from './anomalies';
import { CM } from './costs.messages';
import { CP } from './costs.permissions';
import { VEHICLE_COST_RULE } from './costs.ruletables';
import { vehicleCostRecords, vehicleFuelCards } from './costs.schema';
import { VP } from '../vehicles';
import {
  addEvent,
  cnDate,
  day,
  iso,
  lockVehicle,
  num,
  numOrNull,
  raiseOdometer,
  scopeOn,
  today,
  vehicleTripsView,
  vehiclesView,
  where,
} from '../vehicles';
import { resolveVendor } from './vendors.service';

export const REPAIR_TYPE = 'vehicle_repair';
const CN = (d: string) => new Date(`${d}T00:00:00+08:00`);

/** The `vehicle_cost_rules` version in force on a date, on the given executor (safe inside a transaction). */
export async function loadCostRules(db: Executor, onDate = today()): Promise<{ rule: CostRules; version: number }> {
  const r = await ruleInForce(db, VEHICLE_COST_RULE, onDate);
  if (!r) throw badRequest(CM.VCOST_NO_RULE);
  return { rule: r.data, version: r.version };
}

// ---------- repairs above the threshold: on the approval engine ----------

async function setRepairStatus(tx: Executor, ctx: AuthContext, inst: ApprovalInstance, status: string) {
  const id = Number(inst.businessId);
  const [before] = await queryRows<Record<string, unknown>>(
    tx,
    sql`select * from vehicle_cost_records where tenant_id = ${inst.tenantId} and id = ${id} for update`,
  );
  if (!before) return;
  await tx.execute(sql`update vehicle_cost_records set status = ${status} where tenant_id = ${inst.tenantId} and id = ${id}`);
  // The repair enters the vehicle's history file when it is authorised.
  if (status === 'approved')
    await addEvent(tx, {
      tenantId: inst.tenantId,
      vehicleId: num(before.vehicle_id),
      orgId: num(before.org_id),
      kind: 'repair',
      occurredAt: new Date(before.occurred_at as string),
      amount: toYuan(before.amount as string),
      odometerKm: numOrNull(before.odometer_km),
      refType: 'vehicle_cost',
      refId: id,
      summary: `维修 ${before.vendor_name ?? ''} ${toYuan(before.amount as string)} 元（已审批）`,
      data: before.details,
      createdBy: ctx.account.id,
    });
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'vehicle_cost',
    entityId: id,
    orgId: num(before.org_id),
    before: { status: before.status },
    after: { status },
  });
}

/**
 * A repair above `repairApprovalAboveYuan` (rule `vehicle_cost_rules`) needs approval before
 * it counts: a unit's repair is reviewed by the bureau's vehicle administrator; one the
 * bureau records itself goes to a bureau leader.
 */
export const VEHICLE_REPAIR_BUSINESS_TYPE: BusinessType = {
  type: REPAIR_TYPE,
  nameZh: '公务用车维修审批',
  nameEn: 'Vehicle repair approval',
  defaultFlow: {
    nameZh: '公务用车维修审批',
    nameEn: 'Vehicle repair approval',
    steps: [bureauReview({ condition: when('initiator', 'eq', 'unit') }), bureauLeader({ condition: when('initiator', 'eq', 'bureau') })],
  },
  link: (id) => `/vehicles/costs?record=${id}`,
  onApproved: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'approved'),
  onRejected: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'rejected'),
  onReturned: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'returned'),
  onWithdrawn: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'withdrawn'),
  onResubmitted: (tx, inst, ctx) => setRepairStatus(tx, ctx, inst, 'pending'),
};

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

const LEDGER_CATS = ['fuel', 'repair', 'insurance', 'toll', 'parking', 'other'] as const;
type Cat = (typeof LEDGER_CATS)[number];
/** Sums in fen (BigInt) from the database's numeric sums: exact, never a float. */
type Cents = Record<Cat, bigint>;
const zero = (): Cents => ({ fuel: 0n, repair: 0n, insurance: 0n, toll: 0n, parking: 0n, other: 0n });
const fenTotal = (c: Cents) => LEDGER_CATS.reduce((s, k) => s + c[k], 0n);
const yuan = (c: Cents) => {
  const out = Object.fromEntries(LEDGER_CATS.map((k) => [k, fenToYuan(c[k])])) as Record<Cat, string>;
  return { ...out, total: fenToYuan(fenTotal(c)) };
};
const add = (a: Cents, b: Cents) => {
  for (const k of LEDGER_CATS) a[k] += b[k];
};
/** Yuan per km: a ratio, so a number (rounded half-up to the fen), computed from the exact fen total. */
const perKm = (totalFen: bigint, km: number) => (km > 0 ? ratioOf(totalFen, BigInt(km) * 100n, 2) : null);

/** Vehicle cost records, fuel cards, the monthly ledger and the disclosure sheet. */
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
          title: `维修：${String(v.plate)} ${amount} 元（${vendor.vendorName ?? ''}）`,
          orgId: num(v.org_id),
          facts: { amount, threshold: rule.repairApprovalAboveYuan, initiator: ctx.has(VP['vehicles.manage']) ? 'bureau' : 'unit' },
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
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_cost_records r where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${CostService.COLS} from vehicle_cost_records r join ${vehiclesView} v on v.id = r.vehicle_id where ${w}
          order by ${CostService.order(q.sort)}, r.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
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

  // ---------- ledger ----------

  /**
   * The monthly cost ledger for a year: per vehicle (by the unit that bore the cost), per unit
   * and per month, by category, with the distance from odometer readings and cost per km.
   * Counted: recorded costs and approved repairs (pending, rejected or withdrawn repairs are not).
   * Two grouped reads on (tenant_id, org_id, occurred_on) and one over the readings.
   */
  async ledger(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const { info: _info, ...ledger } = await this.compute(ctx, q);
    return ledger;
  }

  private async compute(ctx: AuthContext, q: z.infer<typeof ZLedgerQuerySchema>) {
    const db = this.core.db;
    const from = `${q.year}-01-01`;
    const to = `${q.year}-12-31`;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`r.org_id`, q.orgId);
    const vScope = await scopeOn(db, ctx, VP['vehicles.read'], sql`v.org_id`, q.orgId);
    const sums = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.vehicle_id, r.org_id, extract(month from r.occurred_on)::int as m,
            coalesce(sum(r.amount) filter (where r.kind in ('fuel','charging')), 0) as fuel,
            coalesce(sum(r.amount) filter (where r.kind = 'repair'), 0) as repair,
            coalesce(sum(r.amount) filter (where r.kind = 'insurance'), 0) as insurance,
            coalesce(sum(r.amount) filter (where r.kind = 'toll'), 0) as toll,
            coalesce(sum(r.amount) filter (where r.kind = 'parking'), 0) as parking,
            coalesce(sum(r.amount) filter (where r.kind in ('inspection','other')), 0) as other,
            coalesce(sum(r.quantity) filter (where r.kind = 'fuel'), 0) as litres,
            coalesce(sum(r.quantity) filter (where r.kind = 'charging'), 0) as kwh
          from vehicle_cost_records r
          where r.tenant_id = ${ctx.tenantId} and r.occurred_on between ${from}::date and ${to}::date
            and r.status in ('recorded','approved') and ${scope} ${q.vehicleId ? sql`and r.vehicle_id = ${q.vehicleId}` : sql``}
          group by r.vehicle_id, r.org_id, m`,
    );
    // Vehicles held in the year in scope, with or without costs.
    const held = await queryRows<Record<string, unknown>>(
      db,
      sql`select v.id, v.org_id, v.plate, v.type, v.brand, v.model, v.energy from ${vehiclesView} v
          where v.tenant_id = ${ctx.tenantId} and ${vScope} and v.purchase_date <= ${to}::date
            and (v.disposed_at is null or v.disposed_at >= ${CN(from)}) ${q.vehicleId ? sql`and v.id = ${q.vehicleId}` : sql``}`,
    );
    const ids = [...new Set([...sums.map((s) => num(s.vehicle_id)), ...held.map((h) => num(h.id))])];
    const km = await this.distances(db, ctx.tenantId, ids, from, to);
    const info = new Map<number, Record<string, unknown>>();
    if (ids.length)
      for (const r of await queryRows<Record<string, unknown>>(
        db,
        sql`select v.id, v.plate, v.type, v.brand, v.model, v.energy, v.org_id from ${vehiclesView} v where v.id in ${ids}`,
      ))
        info.set(num(r.id), r);
    const orgIds = [...new Set([...sums.map((s) => num(s.org_id)), ...held.map((h) => num(h.org_id))])];
    const orgName = new Map<number, string>();
    if (orgIds.length)
      for (const o of await queryRows<{ id: number; name: string }>(db, sql`select id, name from orgs where id in ${orgIds}`))
        orgName.set(num(o.id), o.name);

    type Row = { vehicleId: number; orgId: number; months: Cents[]; litres: number; kwh: number };
    const rows = new Map<string, Row>();
    const rowOf = (vehicleId: number, orgId: number) => {
      const k = `${vehicleId}/${orgId}`;
      let r = rows.get(k);
      if (!r) {
        r = { vehicleId, orgId, months: Array.from({ length: 12 }, zero), litres: 0, kwh: 0 };
        rows.set(k, r);
      }
      return r;
    };
    for (const h of held) rowOf(num(h.id), num(h.org_id));
    const monthTotals = Array.from({ length: 12 }, () => ({ c: zero(), litres: 0, kwh: 0 }));
    for (const s of sums) {
      const r = rowOf(num(s.vehicle_id), num(s.org_id));
      const m = num(s.m) - 1;
      const c = Object.fromEntries(LEDGER_CATS.map((k) => [k, toFen(s[k] as string)])) as Cents;
      add(r.months[m]!, c);
      add(monthTotals[m]!.c, c);
      r.litres += num(s.litres);
      r.kwh += num(s.kwh);
      monthTotals[m]!.litres += num(s.litres);
      monthTotals[m]!.kwh += num(s.kwh);
    }
    // A vehicle that changed unit in the year: its distance goes with the row holding most of its costs (its current unit on a tie).
    const vehicles = [...rows.values()]
      .map((r) => {
        const total = zero();
        for (const m of r.months) add(total, m);
        const v = info.get(r.vehicleId);
        return {
          r,
          total,
          plate: String(v?.plate ?? ''),
          current: num(v?.org_id) === r.orgId,
        };
      })
      .sort((a, b) => a.r.orgId - b.r.orgId || a.plate.localeCompare(b.plate));
    const distanceOwner = new Map<number, (typeof vehicles)[number]>();
    for (const x of vehicles) {
      const prev = distanceOwner.get(x.r.vehicleId);
      const t = fenTotal(x.total);
      if (!prev || t > fenTotal(prev.total) || (t === fenTotal(prev.total) && x.current)) distanceOwner.set(x.r.vehicleId, x);
    }
    const units = new Map<number, { c: Cents; km: number; vehicles: Set<number> }>();
    const grand = zero();
    let grandKm = 0;
    const vehicleRows = vehicles.map((x) => {
      const d = distanceOwner.get(x.r.vehicleId) === x ? (km.get(x.r.vehicleId) ?? 0) : 0;
      const u = units.get(x.r.orgId) ?? { c: zero(), km: 0, vehicles: new Set<number>() };
      add(u.c, x.total);
      u.km += d;
      u.vehicles.add(x.r.vehicleId);
      units.set(x.r.orgId, u);
      add(grand, x.total);
      grandKm += d;
      const t = yuan(x.total);
      return {
        vehicleId: x.r.vehicleId,
        plate: x.plate,
        orgId: x.r.orgId,
        orgName: orgName.get(x.r.orgId) ?? '',
        ...t,
        litres: Math.round(x.r.litres * 100) / 100,
        kwh: Math.round(x.r.kwh * 100) / 100,
        km: d,
        costPerKm: perKm(fenTotal(x.total), d),
        months: x.r.months.map((m, i) => ({ month: i + 1, ...yuan(m) })),
      };
    });
    const g = yuan(grand);
    return {
      year: q.year,
      months: monthTotals.map((m, i) => ({
        month: i + 1,
        ...yuan(m.c),
        litres: Math.round(m.litres * 100) / 100,
        kwh: Math.round(m.kwh * 100) / 100,
      })),
      units: [...units.entries()].map(([orgId, u]) => {
        const t = yuan(u.c);
        return {
          orgId,
          orgName: orgName.get(orgId) ?? '',
          vehicles: u.vehicles.size,
          ...t,
          km: u.km,
          costPerKm: perKm(fenTotal(u.c), u.km),
        };
      }),
      vehicles: vehicleRows,
      totals: { ...g, km: grandKm, costPerKm: perKm(fenTotal(grand), grandKm) },
      info,
    };
  }

  /**
   * Distance driven in [from, to] per vehicle from odometer readings (trip start and end,
   * refuels, repairs): the highest reading in the period less the highest reading in the year
   * before it, or, with none before, less the lowest reading in the period.
   */
  async distances(db: Executor, tenantId: number, ids: number[], from: string, to: string): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!ids.length) return out;
    const before = `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;
    const end = new Date(CN(to).getTime() + 86_400_000);
    const rows = await queryRows<{ vehicle_id: number; max_in: number | null; min_in: number | null; max_before: number | null }>(
      db,
      sql`with readings as (
            select vehicle_id, occurred_on as d, odometer_km as km from vehicle_cost_records
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and odometer_km is not null
                and occurred_on between ${before}::date and ${to}::date and status in ('recorded','approved')
            union all
            select vehicle_id, ((started_at at time zone 'UTC') + interval '8 hours')::date, start_odometer_km from ${vehicleTripsView} b
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and start_odometer_km is not null
                and start_at >= ${CN(before)} and start_at < ${end}
            union all
            select vehicle_id, ((finished_at at time zone 'UTC') + interval '8 hours')::date, end_odometer_km from ${vehicleTripsView} b
              where tenant_id = ${tenantId} and vehicle_id in ${ids} and end_odometer_km is not null
                and start_at >= ${CN(before)} and start_at < ${end})
          select vehicle_id, max(km) filter (where d >= ${from}::date and d <= ${to}::date) as max_in,
                 min(km) filter (where d >= ${from}::date and d <= ${to}::date) as min_in,
                 max(km) filter (where d < ${from}::date) as max_before
          from readings group by vehicle_id`,
    );
    for (const r of rows) {
      if (r.max_in === null) continue;
      const base = r.max_before !== null ? Math.min(num(r.max_before), num(r.max_in)) : num(r.min_in);
      out.set(num(r.vehicle_id), Math.max(0, num(r.max_in) - base));
    }
    return out;
  }

  // ---------- public disclosure (公示) ----------

  /** Per-vehicle running costs for a year, as the unit publishes them: the data the web prints, and the export's rows. */
  async disclosure(ctx: AuthContext, q: { year: number; orgId?: number }) {
    const l = await this.compute(ctx, { year: q.year, orgId: q.orgId });
    const orgId = q.orgId ?? ctx.account.orgId;
    const [org] = await queryRows<{ name: string }>(this.core.db, sql`select name from orgs where id = ${orgId}`);
    const TYPE: Record<string, [string, string]> = {
      confidential_comm: ['机要通信用车', 'Confidential communication'],
      emergency: ['应急保障用车', 'Emergency'],
      law_enforcement: ['执法执勤用车', 'Law enforcement'],
      special_technical: ['特种专业技术用车', 'Special technical'],
      other: ['其他公务用车', 'Other official'],
    };
    const en = ctx.locale === 'en';
    const rows = l.vehicles.map((v, i) => {
      const inf = l.info.get(v.vehicleId) ?? {};
      const t = TYPE[String(inf.type)] ?? [String(inf.type), String(inf.type)];
      return {
        seq: i + 1,
        orgName: v.orgName,
        plate: v.plate,
        vehicleType: en ? t[1] : t[0],
        model: `${inf.brand ?? ''} ${inf.model ?? ''}`.trim(),
        energy: String(inf.energy ?? ''),
        fuel: v.fuel,
        repair: v.repair,
        insurance: v.insurance,
        toll: v.toll,
        parking: v.parking,
        other: v.other,
        total: v.total,
        km: v.km,
        costPerKm: v.costPerKm,
      };
    });
    const name = org?.name ?? '';
    return {
      year: q.year,
      titleZh: `${name}${q.year}年度公务用车运行维护费用公示`,
      titleEn: `${name}: official vehicle running costs ${q.year} (public disclosure)`,
      orgName: name,
      generatedAt: new Date().toISOString(),
      rows,
      totals: { ...l.totals, vehicles: new Set(rows.map((r) => r.plate)).size },
    };
  }
}
