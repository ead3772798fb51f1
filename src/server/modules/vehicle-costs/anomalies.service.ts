import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZAnomalyQuerySchema } from '../../../contracts/modules/vehicle-costs';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  type MessageCode,
  assertOrgInScope,
  conflict,
  notFound,
  queryRows,
  translate,
  writeAudit,
  addDays,
  utcDay,
  toYuan,
} from '../../core';
import {
  type Fill,
  type Finding,
  type Reading,
  type Trip,
  type Use,
  type VehicleConsumption,
  type VendorUse,
  monthlyConsumption,
  ruleFuelConsumption,
  ruleInspectionOverdue,
  ruleInsuranceExpired,
  ruleNonDesignatedVendor,
  ruleOdometerBackwards,
  ruleRefuelOverTank,
  ruleRefuelWithoutTrip,
  ruleRestDayTrip,
  ruleSealedUse,
  sealedPeriods,
} from './anomalies';
import { CM } from './costs.messages';
import { CP } from './costs.permissions';
import { loadCostRules } from './costs.service';
import { VP } from '../vehicles';
import {
  cnDaysOf,
  day,
  iso,
  num,
  numOrNull,
  scopeOn,
  today,
  vehicleStatusEvents,
  vehicleTripsView,
  vehiclesView,
  where,
} from '../vehicles';

const ts = (v: unknown) => iso(v)!;
/** Trip requests whose approval included the rest-day step and got through it. */
const APPROVED_TRIP = ['approved', 'assigned', 'in_progress', 'completed', 'confirmed'];

const MESSAGE: Record<string, MessageCode> = {
  fuel_consumption: CM.VANOM_FUEL_CONSUMPTION,
  refuel_without_trip: CM.VANOM_REFUEL_WITHOUT_TRIP,
  refuel_over_tank: CM.VANOM_REFUEL_OVER_TANK,
  odometer_backwards: CM.VANOM_ODOMETER_BACKWARDS,
  rest_day_trip: CM.VANOM_REST_DAY_TRIP,
  sealed_vehicle_use: CM.VANOM_SEALED_USE,
  non_designated_vendor: CM.VANOM_NON_DESIGNATED,
  insurance_expired: CM.VANOM_INSURANCE_EXPIRED,
  inspection_overdue: CM.VANOM_INSPECTION_OVERDUE,
};
const WORDS: Record<string, [string, string]> = {
  class: ['同类车辆', 'class'],
  own: ['本车历史', "car's own"],
  trip: ['出车', 'trip'],
  fuel: ['加油', 'refuel'],
  charging: ['充电', 'charge'],
  toll: ['通行费', 'toll'],
  parking: ['停车费', 'parking fee'],
  not_listed: ['非定点单位（不在定点名录中）', 'not in the designated list'],
  not_designated: ['非定点单位', 'not designated'],
  outside_contract: ['不在定点合同期内', 'outside its contract period'],
  repair: ['维修', 'repair'],
  insurance: ['保险', 'insurance'],
};

/** The calendar as a lookup, read before any transaction (the holiday calendar is cached on the core's connection). */
async function calendar(core: CoreServices, from: string, to: string): Promise<(d: string) => boolean> {
  const working = new Map<string, boolean>();
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const d = utcDay(t);
    working.set(d, await core.refdata.isWorkingDay(d));
  }
  return (d) => working.get(d) ?? true;
}

/**
 * Runs every anomaly rule over a tenant's vehicles and stores the findings: one row per
 * (rule, vehicle, evidence key), refreshed on a re-run, never duplicated; a dismissed finding
 * stays dismissed. Lapsed insurance and overdue inspection that no longer hold are resolved.
 */
export class AnomalyService {
  constructor(private readonly core: CoreServices) {}

  /** Everything the rules read, for the lookback window ending on `asOf`. */
  async findings(db: Executor, tenantId: number, asOf: string, isWorkingDay: (d: string) => boolean): Promise<Finding[]> {
    const { rule } = await loadCostRules(db, asOf);
    const from = addDays(asOf, -rule.lookbackDays);
    const fromAt = new Date(`${from}T00:00:00+08:00`);
    const toAt = new Date(Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000);
    const vehicles = await queryRows<Record<string, unknown>>(
      db,
      sql`select id, org_id, body_type, energy, tank_capacity_l, battery_capacity_kwh, status, created_at from ${vehiclesView} v
          where tenant_id = ${tenantId} and (status <> 'disposed' or disposed_at >= ${fromAt})`,
    );
    const records = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.id, r.vehicle_id, r.kind, r.status, r.occurred_at, r.occurred_on::text as occurred_on, r.amount, r.quantity, r.unit,
            r.odometer_km, r.vendor_id, r.vendor_name, r.period_start::text as period_start, r.period_end::text as period_end,
            vv.designated, vv.status as vendor_status, vv.contract_start::text as contract_start, vv.contract_end::text as contract_end
          from vehicle_cost_records r left join vehicle_vendors vv on vv.id = r.vendor_id
          where r.tenant_id = ${tenantId} and r.status in ('recorded','approved','pending')
            and (r.occurred_on between ${from}::date and ${asOf}::date or r.kind in ('insurance','inspection'))`,
    );
    const trips = await queryRows<Record<string, unknown>>(
      db,
      sql`select b.id, b.vehicle_id, b.start_at, b.end_at, b.started_at, b.finished_at, b.status, b.start_odometer_km, b.end_odometer_km,
            b.rest_day, b.trip_status
          from ${vehicleTripsView} b
          where b.tenant_id = ${tenantId} and b.status in ('in_progress','completed') and b.start_at >= ${fromAt} and b.start_at < ${toAt}`,
    );
    const statusEvents = await vehicleStatusEvents(db, tenantId);

    const by = <T extends Record<string, unknown>>(rows: T[]) => {
      const m = new Map<number, T[]>();
      for (const r of rows) m.set(num(r.vehicle_id), [...(m.get(num(r.vehicle_id)) ?? []), r]);
      return m;
    };
    const recs = by(records);
    const tripsBy = by(trips);
    const statusBy = by(statusEvents);
    const out: Finding[] = [];
    const fleet: VehicleConsumption[] = [];
    for (const v of vehicles) {
      const id = num(v.id);
      const rs = recs.get(id) ?? [];
      const inWindow = rs.filter((r) => String(r.occurred_on) >= from && String(r.occurred_on) <= asOf && r.status !== 'pending');
      const counted = rs.filter((r) => String(r.occurred_on) >= from && String(r.occurred_on) <= asOf);
      const fills: Fill[] = counted
        .filter((r) => r.kind === 'fuel' || r.kind === 'charging')
        .map((r) => ({
          id: num(r.id),
          vehicleId: id,
          at: ts(r.occurred_at),
          on: String(r.occurred_on),
          quantity: num(r.quantity),
          unit: r.kind === 'fuel' ? 'L' : 'kWh',
          odometerKm: numOrNull(r.odometer_km),
        }));
      const ts_ = tripsBy.get(id) ?? [];
      const tripList: Trip[] = ts_.map((b) => ({
        bookingId: num(b.id),
        vehicleId: id,
        start: ts(b.started_at ?? b.start_at),
        end: ts(b.finished_at ?? b.end_at),
        restDayApproved: b.rest_day === true && APPROVED_TRIP.includes(String(b.trip_status)),
      }));
      const tripDays = new Set(tripList.flatMap((t) => cnDaysOf(t.start, new Date(Date.parse(t.end) + 1).toISOString())));

      fleet.push({ vehicleId: id, vehicleClass: `${v.body_type}|${v.energy}`, months: monthlyConsumption(fills, rule.consumptionMinKm) });
      out.push(...ruleRefuelWithoutTrip(fills, tripDays));
      out.push(
        ...ruleRefuelOverTank(
          fills,
          { tankL: numOrNull(v.tank_capacity_l), batteryKwh: numOrNull(v.battery_capacity_kwh) },
          rule.tankTolerance,
        ),
      );
      const readings: Reading[] = [
        ...counted
          .filter((r) => r.odometer_km !== null && (r.kind === 'fuel' || r.kind === 'charging' || r.kind === 'repair'))
          .map((r) => ({
            vehicleId: id,
            at: ts(r.occurred_at),
            km: num(r.odometer_km),
            source: (r.kind === 'repair' ? 'repair' : 'fill') as Reading['source'],
            ref: num(r.id),
          })),
        ...ts_.flatMap((b) => [
          ...(b.start_odometer_km !== null
            ? [
                {
                  vehicleId: id,
                  at: ts(b.started_at ?? b.start_at),
                  km: num(b.start_odometer_km),
                  source: 'trip_start' as const,
                  ref: num(b.id),
                },
              ]
            : []),
          ...(b.end_odometer_km !== null
            ? [
                {
                  vehicleId: id,
                  at: ts(b.finished_at ?? b.end_at),
                  km: num(b.end_odometer_km),
                  source: 'trip_end' as const,
                  ref: num(b.id),
                },
              ]
            : []),
        ]),
      ];
      out.push(...ruleOdometerBackwards(readings));
      out.push(...ruleRestDayTrip(tripList, isWorkingDay));
      const changes = (statusBy.get(id) ?? []).map((e) => ({
        at: ts(e.occurred_at),
        from: String((e.data as { from?: string } | null)?.from ?? ''),
        to: String((e.data as { to?: string } | null)?.to ?? ''),
      }));
      const initial = changes.length ? changes[0]!.from : String(v.status);
      const uses: Use[] = [
        ...tripList.map((t) => ({
          vehicleId: id,
          kind: 'trip' as const,
          ref: t.bookingId,
          at: t.start,
          restDayApproved: t.restDayApproved,
        })),
        ...inWindow
          .filter((r) => ['fuel', 'charging', 'toll', 'parking'].includes(String(r.kind)))
          .map((r) => ({ vehicleId: id, kind: r.kind as Use['kind'], ref: num(r.id), at: ts(r.occurred_at) })),
      ];
      out.push(...ruleSealedUse(sealedPeriods(initial, changes), uses));
      const vendorUses: VendorUse[] = inWindow
        .filter((r) => ['fuel', 'charging', 'repair', 'insurance'].includes(String(r.kind)))
        .map((r) => ({
          id: num(r.id),
          vehicleId: id,
          on: String(r.occurred_on),
          kind: String(r.kind),
          amount: toYuan(r.amount as string),
          vendorName: (r.vendor_name as string) ?? null,
          vendor:
            r.vendor_id === null || r.designated === null
              ? null
              : {
                  designated: Boolean(r.designated),
                  status: String(r.vendor_status),
                  contractStart: day(r.contract_start),
                  contractEnd: day(r.contract_end),
                },
        }));
      out.push(...ruleNonDesignatedVendor(vendorUses));
      if (v.status !== 'disposed') {
        const counts = rs.filter((r) => r.status !== 'pending');
        out.push(
          ...ruleInsuranceExpired(
            id,
            counts.filter((r) => r.kind === 'insurance').map((r) => ({ start: String(r.period_start), end: String(r.period_end) })),
            asOf,
          ),
        );
        out.push(
          ...ruleInspectionOverdue(
            id,
            counts.filter((r) => r.kind === 'inspection').map((r) => ({ date: String(r.period_start), nextDue: String(r.period_end) })),
            asOf,
          ),
        );
      }
    }
    out.push(...ruleFuelConsumption(fleet, rule));
    return out;
  }

  /** Runs the rules for a tenant and stores what they find. Used by the daily job and on demand. */
  async run(tenantId: number, asOf = today(), actor?: AuthContext) {
    const db = this.core.db;
    const { rule } = await loadCostRules(db, asOf);
    const from = addDays(asOf, -rule.lookbackDays);
    const isWorkingDay = await calendar(this.core, from, asOf);
    const found = await this.findings(db, tenantId, asOf, isWorkingDay);
    const orgOf = new Map(
      (
        await queryRows<{ id: number; org_id: number }>(db, sql`select id, org_id from ${vehiclesView} v where tenant_id = ${tenantId}`)
      ).map((v) => [num(v.id), num(v.org_id)]),
    );
    const byRule: Record<string, number> = {};
    for (const f of found) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    return db.transaction(async (tx) => {
      let added = 0;
      for (let i = 0; i < found.length; i += 200) {
        const chunk = found.slice(i, i + 200);
        const values = sql.join(
          chunk.map(
            (f) =>
              sql`(${tenantId}, ${f.rule}, ${f.vehicleId}, ${orgOf.get(f.vehicleId) ?? 0}, ${f.evidenceKey}, ${f.occurredOn}::date, ${JSON.stringify(f.evidence)}::jsonb)`,
          ),
          sql`, `,
        );
        const rows = await queryRows<{ added: boolean }>(
          tx,
          sql`insert into vehicle_anomalies (tenant_id, rule, vehicle_id, org_id, evidence_key, occurred_on, evidence)
              values ${values}
              on conflict (tenant_id, rule, vehicle_id, evidence_key) do update
                set evidence = excluded.evidence, occurred_on = excluded.occurred_on, org_id = excluded.org_id, last_seen_at = now(),
                    status = case when vehicle_anomalies.status = 'resolved' then 'open' else vehicle_anomalies.status end
              returning (xmax = 0) as added`,
        );
        added += rows.filter((r) => r.added === true || String(r.added) === 'true').length;
      }
      // Conditions that are states, not events: once they no longer hold, the finding is resolved.
      const resolved = await queryRows<{ id: number }>(
        tx,
        sql`update vehicle_anomalies set status = 'resolved', decided_at = now()
            where tenant_id = ${tenantId} and status = 'open' and rule in ('insurance_expired','inspection_overdue') and last_seen_at < now()
            returning id`,
      );
      if (actor)
        await writeAudit(tx, actor.auditActor(), {
          action: 'run',
          entityType: 'vehicle_anomaly',
          summary: `anomaly scan as of ${asOf}: ${found.length} found, ${added} new, ${resolved.length} resolved`,
        });
      return { asOf, found: found.length, added, resolved: resolved.length, byRule };
    });
  }

  async runNow(ctx: AuthContext, asOf?: string) {
    ctx.require(CP['vehicles.costs']);
    return this.run(ctx.tenantId, asOf ?? today(), ctx);
  }

  private view(ctx: AuthContext, r: Record<string, unknown>) {
    const evidence = (r.evidence ?? {}) as Record<string, unknown>;
    const en = ctx.locale === 'en';
    const word = (k: unknown) => (WORDS[String(k)] ? WORDS[String(k)]![en ? 1 : 0] : String(k ?? ''));
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(evidence)) params[k] = typeof v === 'number' ? v : String(v ?? '');
    params.basis = word(evidence.basis);
    params.use = word(evidence.use);
    params.flag = word(evidence.flag);
    params.median = Number(evidence.basis === 'own' ? evidence.ownMedian : evidence.classMedian);
    return {
      id: num(r.id),
      rule: r.rule as 'fuel_consumption',
      vehicleId: num(r.vehicle_id),
      plate: String(r.plate),
      orgId: num(r.org_id),
      evidenceKey: String(r.evidence_key),
      occurredOn: day(r.occurred_on)!,
      evidence,
      message: translate(MESSAGE[String(r.rule)]!, ctx.locale, params),
      status: r.status as 'open',
      reason: (r.reason as string) ?? null,
      detectedAt: iso(r.detected_at)!,
      lastSeenAt: iso(r.last_seen_at)!,
    };
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZAnomalyQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`a.org_id`, q.orgId);
    const w = where([
      sql`a.tenant_id = ${ctx.tenantId}`,
      scope,
      q.status ? sql`a.status = ${q.status}` : undefined,
      q.rule ? sql`a.rule = ${q.rule}` : undefined,
      q.vehicleId ? sql`a.vehicle_id = ${q.vehicleId}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_anomalies a where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select a.*, a.occurred_on::text as occurred_on, v.plate from vehicle_anomalies a join ${vehiclesView} v on v.id = a.vehicle_id
          where ${w} order by a.occurred_on desc, a.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.view(ctx, r)) };
  }

  private async load(tx: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select a.*, a.occurred_on::text as occurred_on, v.plate from vehicle_anomalies a join ${vehiclesView} v on v.id = a.vehicle_id
          where a.tenant_id = ${ctx.tenantId} and a.id = ${id} for update of a`,
    );
    if (!r) throw notFound('vehicle_anomaly');
    await assertOrgInScope(tx, ctx, CP['vehicles.costs'], num(r.org_id)).catch(() => {
      throw notFound('vehicle_anomaly');
    });
    return r;
  }

  /** Dismissed with a reason (an explained refuel, a known odometer swap …): a re-run leaves it dismissed. */
  async dismiss(ctx: AuthContext, id: number, reason: string) {
    ctx.require(CP['vehicles.costs']);
    await this.core.db.transaction(async (tx) => {
      const r = await this.load(tx, ctx, id);
      if (r.status !== 'open') throw conflict(CM.VCOST_NOT_PENDING);
      await tx.execute(
        sql`update vehicle_anomalies set status = 'dismissed', reason = ${reason}, decided_by = ${ctx.account.id}, decided_at = now()
            where tenant_id = ${ctx.tenantId} and id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_anomaly',
        entityId: id,
        orgId: num(r.org_id),
        summary: `${r.rule} ${r.plate} ${r.evidence_key}`,
        before: { status: r.status },
        after: { status: 'dismissed', reason },
      });
    });
    return this.get(ctx, id);
  }

  async get(ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select a.*, a.occurred_on::text as occurred_on, v.plate from vehicle_anomalies a join ${vehiclesView} v on v.id = a.vehicle_id
          where a.tenant_id = ${ctx.tenantId} and a.id = ${id}`,
    );
    if (!r) throw notFound('vehicle_anomaly');
    await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], num(r.org_id)).catch(() => {
      throw notFound('vehicle_anomaly');
    });
    return this.view(ctx, r);
  }
}
