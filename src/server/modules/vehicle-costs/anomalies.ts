/**
 * Anomaly rules over vehicle running costs and use, as pure functions: data in, findings
 * out. Each finding names its rule, the vehicle, an evidence key (what makes it this finding
 * and no other: a record, a booking, a month) and the evidence itself. The thresholds come
 * from the `vehicle_cost_rules` rule data passed in; nothing regulated is written here.
 */
import type { TAnomalyRule } from '../../../contracts/modules/vehicle-costs';
import { cnDate, utcDay } from '../../core';

import type { CostRules } from './costs.ruletables';

export type { CostRules };
export type Evidence = Record<string, string | number | boolean | null>;
export type Finding = { rule: TAnomalyRule; vehicleId: number; evidenceKey: string; occurredOn: string; evidence: Evidence };

export { cnDate };
/** The China calendar days a period [start, end] touches (end inclusive: a trip ending at 00:00 touched that day). */
export function cnDaysTouched(start: string, end: string): string[] {
  const out: string[] = [];
  const last = cnDate(end);
  for (let t = Date.parse(`${cnDate(start)}T00:00:00Z`); ; t += 86_400_000) {
    const d = utcDay(t);
    out.push(d);
    if (d >= last || out.length > 400) break;
  }
  return out;
}
const round = (v: number, dp = 2) => Math.round(v * 10 ** dp) / 10 ** dp;
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// ---------- consumption ----------

export type Fill = {
  id: number;
  vehicleId: number;
  at: string;
  on: string;
  quantity: number;
  unit: 'L' | 'kWh';
  odometerKm: number | null;
};
export type MonthConsumption = { month: string; unit: 'L' | 'kWh'; quantity: number; km: number; per100: number };

/**
 * Fill-to-fill consumption by month: between two fills with odometer readings, the second
 * fill's quantity is what the distance since the first one used. A month's figure is the sum
 * of those quantities over the sum of those distances, for segments ending in that month,
 * per energy unit (a plug-in hybrid has litres and kWh). Months below `minKm` are not judged.
 */
export function monthlyConsumption(fills: Fill[], minKm: number): MonthConsumption[] {
  const acc = new Map<string, { month: string; unit: 'L' | 'kWh'; quantity: number; km: number }>();
  for (const unit of ['L', 'kWh'] as const) {
    const seq = fills.filter((f) => f.unit === unit && f.odometerKm !== null).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
    for (let i = 1; i < seq.length; i++) {
      const dist = seq[i]!.odometerKm! - seq[i - 1]!.odometerKm!;
      if (dist <= 0) continue; // a backwards or repeated reading is its own finding
      const month = seq[i]!.on.slice(0, 7);
      const k = `${month}:${unit}`;
      const a = acc.get(k) ?? { month, unit, quantity: 0, km: 0 };
      a.quantity += seq[i]!.quantity;
      a.km += dist;
      acc.set(k, a);
    }
  }
  return [...acc.values()]
    .filter((a) => a.km >= minKm)
    .map((a) => ({ ...a, quantity: round(a.quantity), per100: round((a.quantity / a.km) * 100) }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.unit.localeCompare(b.unit));
}

export type VehicleConsumption = { vehicleId: number; vehicleClass: string; months: MonthConsumption[] };

/**
 * A month whose consumption per 100 km is above factor × the median of the same class
 * (body type + energy: other vehicles' months) or of the car's own other months. A median
 * is used only when it rests on at least `minSamples` months.
 */
export function ruleFuelConsumption(fleet: VehicleConsumption[], rules: CostRules): Finding[] {
  const byClass = new Map<string, { vehicleId: number; per100: number }[]>();
  for (const v of fleet)
    for (const m of v.months) {
      const k = `${v.vehicleClass}|${m.unit}`;
      byClass.set(k, [...(byClass.get(k) ?? []), { vehicleId: v.vehicleId, per100: m.per100 }]);
    }
  const out: Finding[] = [];
  for (const v of fleet)
    for (const m of v.months) {
      const others = (byClass.get(`${v.vehicleClass}|${m.unit}`) ?? []).filter((x) => x.vehicleId !== v.vehicleId).map((x) => x.per100);
      const own = v.months.filter((x) => x.unit === m.unit && x.month !== m.month).map((x) => x.per100);
      const classMedian = others.length >= rules.consumptionMinSamples ? median(others) : null;
      const ownMedian = own.length >= rules.consumptionMinSamples ? median(own) : null;
      const overClass = classMedian !== null && m.per100 > rules.consumptionFactor * classMedian;
      const overOwn = ownMedian !== null && m.per100 > rules.consumptionFactor * ownMedian;
      if (!overClass && !overOwn) continue;
      out.push({
        rule: 'fuel_consumption',
        vehicleId: v.vehicleId,
        evidenceKey: `${m.month}:${m.unit}`,
        occurredOn: `${m.month}-01`,
        evidence: {
          month: m.month,
          unit: m.unit,
          quantity: m.quantity,
          km: m.km,
          per100: m.per100,
          classMedian: classMedian === null ? null : round(classMedian),
          ownMedian: ownMedian === null ? null : round(ownMedian),
          factor: rules.consumptionFactor,
          basis: overClass ? 'class' : 'own',
          vehicleClass: v.vehicleClass,
        },
      });
    }
  return out;
}

// ---------- fills against trips and capacity ----------

/** A fill on a day the vehicle made no trip (by the China calendar day of the fill). */
export function ruleRefuelWithoutTrip(fills: Fill[], tripDays: Set<string>): Finding[] {
  return fills
    .filter((f) => !tripDays.has(f.on))
    .map((f) => ({
      rule: 'refuel_without_trip' as const,
      vehicleId: f.vehicleId,
      evidenceKey: `record:${f.id}`,
      occurredOn: f.on,
      evidence: { recordId: f.id, date: f.on, quantity: f.quantity, unit: f.unit },
    }));
}

/** A single fill above the tank (litres) or battery (kWh) capacity × tolerance; unknown capacity: not judged. */
export function ruleRefuelOverTank(
  fills: Fill[],
  capacity: { tankL: number | null; batteryKwh: number | null },
  tolerance: number,
): Finding[] {
  const out: Finding[] = [];
  for (const f of fills) {
    const cap = f.unit === 'L' ? capacity.tankL : capacity.batteryKwh;
    if (cap === null || !(cap > 0) || f.quantity <= cap * tolerance) continue;
    out.push({
      rule: 'refuel_over_tank',
      vehicleId: f.vehicleId,
      evidenceKey: `record:${f.id}`,
      occurredOn: f.on,
      evidence: { recordId: f.id, date: f.on, quantity: f.quantity, unit: f.unit, capacity: cap, tolerance },
    });
  }
  return out;
}

// ---------- odometer ----------

export type Reading = { vehicleId: number; at: string; km: number; source: 'fill' | 'repair' | 'trip_start' | 'trip_end'; ref: number };

/** A reading below an earlier one (in time order) of the same vehicle. */
export function ruleOdometerBackwards(readings: Reading[]): Finding[] {
  const out: Finding[] = [];
  const order = { trip_start: 0, fill: 1, repair: 1, trip_end: 2 } as const;
  const seq = [...readings].sort((a, b) => a.at.localeCompare(b.at) || order[a.source] - order[b.source] || a.ref - b.ref);
  let max: Reading | null = null;
  for (const r of seq) {
    if (max && r.km < max.km)
      out.push({
        rule: 'odometer_backwards',
        vehicleId: r.vehicleId,
        evidenceKey: `${r.source}:${r.ref}`,
        occurredOn: cnDate(r.at),
        evidence: {
          date: cnDate(r.at),
          km: r.km,
          source: r.source,
          ref: r.ref,
          previous: max.km,
          previousSource: max.source,
          previousRef: max.ref,
        },
      });
    if (!max || r.km >= max.km) max = r;
  }
  return out;
}

// ---------- rest days and sealing ----------

export type Trip = {
  bookingId: number;
  vehicleId: number;
  start: string;
  end: string;
  /** The trip request passed the rest-day approval step (it was a rest-day request and was approved). */
  restDayApproved: boolean;
};

/** A trip touching a rest day (weekend or holiday by the calendar; 调休 make-up days are working days) without the rest-day approval. */
export function ruleRestDayTrip(trips: Trip[], isWorkingDay: (d: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const t of trips) {
    if (t.restDayApproved) continue;
    const rest = cnDaysTouched(t.start, t.end).filter((d) => !isWorkingDay(d));
    if (!rest.length) continue;
    out.push({
      rule: 'rest_day_trip',
      vehicleId: t.vehicleId,
      evidenceKey: `booking:${t.bookingId}`,
      occurredOn: rest[0]!,
      evidence: { bookingId: t.bookingId, date: rest[0]!, restDays: rest.join(','), start: t.start, end: t.end },
    });
  }
  return out;
}

export type Period = { from: string; to: string | null };
export type Use = {
  vehicleId: number;
  kind: 'trip' | 'fuel' | 'charging' | 'toll' | 'parking';
  ref: number;
  at: string;
  restDayApproved?: boolean;
};

/**
 * Status changes → the periods a vehicle was sealed. `events` are status changes in time
 * order ({at, to}); `initial` is the status before the first one.
 */
export function sealedPeriods(initial: string, events: { at: string; to: string }[]): Period[] {
  const out: Period[] = [];
  let open: string | null = initial === 'sealed' ? '0000-01-01T00:00:00.000Z' : null;
  for (const e of events) {
    if (e.to === 'sealed' && open === null) open = e.at;
    else if (e.to !== 'sealed' && open !== null) {
      out.push({ from: open, to: e.at });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open, to: null });
  return out;
}

/** A trip, fill, toll or parking while the vehicle was sealed (封存停驶); a trip with the rest-day approval may use it. */
export function ruleSealedUse(periods: Period[], uses: Use[]): Finding[] {
  const out: Finding[] = [];
  for (const u of uses) {
    if (u.kind === 'trip' && u.restDayApproved) continue;
    const t = Date.parse(u.at);
    if (!periods.some((p) => t >= Date.parse(p.from) && (p.to === null || t < Date.parse(p.to)))) continue;
    out.push({
      rule: 'sealed_vehicle_use',
      vehicleId: u.vehicleId,
      evidenceKey: `${u.kind}:${u.ref}`,
      occurredOn: cnDate(u.at),
      evidence: { date: cnDate(u.at), use: u.kind, ref: u.ref },
    });
  }
  return out;
}

// ---------- vendors ----------

export type VendorFacts = { designated: boolean; status: string; contractStart: string | null; contractEnd: string | null };
export type VendorFlag = 'not_listed' | 'not_designated' | 'outside_contract';

/** Why a cost at this vendor on this date is not at a designated vendor in contract, or null when it is. */
export function vendorFlag(vendor: VendorFacts | null, on: string): VendorFlag | null {
  if (!vendor) return 'not_listed';
  if (!vendor.designated) return 'not_designated';
  if ((vendor.contractStart && on < vendor.contractStart) || (vendor.contractEnd && on > vendor.contractEnd)) return 'outside_contract';
  return null;
}

export type VendorUse = {
  id: number;
  vehicleId: number;
  on: string;
  kind: string;
  amount: string;
  vendorName: string | null;
  vendor: VendorFacts | null;
};

/** A fuel, charging, repair or insurance cost at a vendor that was not designated, or not in contract on that date. */
export function ruleNonDesignatedVendor(uses: VendorUse[]): Finding[] {
  const out: Finding[] = [];
  for (const u of uses) {
    const flag = vendorFlag(u.vendor, u.on);
    if (!flag) continue;
    out.push({
      rule: 'non_designated_vendor',
      vehicleId: u.vehicleId,
      evidenceKey: `record:${u.id}`,
      occurredOn: u.on,
      evidence: { recordId: u.id, date: u.on, kind: u.kind, amount: u.amount, vendor: u.vendorName, flag },
    });
  }
  return out;
}

// ---------- insurance and inspection ----------

/**
 * No policy in force on `asOf` although the vehicle has been insured before: the cover
 * lapsed. (A vehicle with no policy on record at all is not judged: its insurance may
 * predate the system.) The key is the end of the last cover, so a renewal then a new lapse is
 * a new finding.
 */
export function ruleInsuranceExpired(vehicleId: number, policies: { start: string; end: string }[], asOf: string): Finding[] {
  if (!policies.length) return [];
  if (policies.some((p) => p.start <= asOf && asOf <= p.end)) return [];
  const past = policies.filter((p) => p.end < asOf);
  if (!past.length) return []; // only future cover: not lapsed, not yet started — judged when it starts
  const end = past
    .map((p) => p.end)
    .sort()
    .at(-1)!;
  return [{ rule: 'insurance_expired', vehicleId, evidenceKey: `lapsed:${end}`, occurredOn: end, evidence: { end, asOf } }];
}

/** The latest inspection's next due date has passed. */
export function ruleInspectionOverdue(vehicleId: number, inspections: { date: string; nextDue: string }[], asOf: string): Finding[] {
  if (!inspections.length) return [];
  const last = [...inspections].sort((a, b) => a.date.localeCompare(b.date)).at(-1)!;
  if (last.nextDue >= asOf) return [];
  return [
    {
      rule: 'inspection_overdue',
      vehicleId,
      evidenceKey: `due:${last.nextDue}`,
      occurredOn: last.nextDue,
      evidence: { due: last.nextDue, lastInspection: last.date, asOf },
    },
  ];
}
