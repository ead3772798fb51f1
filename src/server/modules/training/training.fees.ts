import { addDays, fenToYuan, toFen } from '../../core';
import { formatMoney } from '../../../contracts/money';
import { TM } from './training.messages';
import type { TrainingFeeCaps } from './training.ruletables';

/**
 * The training fee rules (培训费, 财行〔2016〕540号) as pure functions over one version of the
 * `training_fee_caps` rule table: the rate per person per day by category, the share of it for
 * each day beyond the long-course threshold, and the arrival and departure days (counted
 * within the days, at most the rule's number each). Money in fen (BigInt), never floats.
 */
export type FeeCheck = { rule: string; passed: boolean; code: string; params: Record<string, string | number> };

const CATEGORY_ZH = ['', '一类', '二类', '三类'] as const;
export const categoryLabel = (c: number) => CATEGORY_ZH[c] ?? String(c);

/** The category's rate per person per day in fen, or null when the version has none. */
export function rateFen(rule: TrainingFeeCaps, category: number): bigint | null {
  const r = rule.byCategory[String(category) as '1'];
  return r === undefined ? null : toFen(r);
}

/** The reduced rate beyond the threshold, rounded down to the fen (a cap is never rounded up). */
export const longRateFen = (rule: TrainingFeeCaps, rate: bigint) => (rate * BigInt(rule.longCourseRatePercent)) / 100n;

/**
 * Cap per person for `days` counted days: the first `longCourseAfterDays` at the full rate,
 * every later day at the reduced rate.
 */
export function perPersonCapFen(rule: TrainingFeeCaps, rate: bigint, days: number): bigint {
  const full = Math.min(days, rule.longCourseAfterDays);
  const beyond = Math.max(0, days - rule.longCourseAfterDays);
  return rate * BigInt(full) + longRateFen(rule, rate) * BigInt(beyond);
}

export type TrainingSettlementInput = {
  category: number;
  trainees: number;
  days: number;
  arrivalDays: number;
  departureDays: number;
  lodging: string;
  meals: string;
  other: string;
};

/**
 * The settlement: counted days = training days + arrival and departure days (each at most the
 * rule's maximum; more is a failed check and not counted), cap = trainees × per-person cap,
 * total = lodging + meals + other, all in fen.
 */
export function settleTraining(rule: TrainingFeeCaps, s: TrainingSettlementInput) {
  const rate = rateFen(rule, s.category);
  if (rate === null) return null;
  const arrival = Math.min(s.arrivalDays, rule.maxArrivalDays);
  const departure = Math.min(s.departureDays, rule.maxDepartureDays);
  const counted = s.days + arrival + departure;
  const cap = perPersonCapFen(rule, rate, counted) * BigInt(s.trainees);
  const total = toFen(s.lodging) + toFen(s.meals) + toFen(s.other);
  const m = (f: bigint) => formatMoney(fenToYuan(f));
  const checks: FeeCheck[] = [
    s.arrivalDays <= rule.maxArrivalDays
      ? { rule: 'arrival', passed: true, code: TM.TCHECK_ARRIVAL_OK, params: { n: s.arrivalDays, max: rule.maxArrivalDays } }
      : { rule: 'arrival', passed: false, code: TM.TCHECK_ARRIVAL_FAIL, params: { n: s.arrivalDays, max: rule.maxArrivalDays } },
    s.departureDays <= rule.maxDepartureDays
      ? { rule: 'departure', passed: true, code: TM.TCHECK_DEPARTURE_OK, params: { n: s.departureDays, max: rule.maxDepartureDays } }
      : { rule: 'departure', passed: false, code: TM.TCHECK_DEPARTURE_FAIL, params: { n: s.departureDays, max: rule.maxDepartureDays } },
    {
      rule: 'total',
      passed: total <= cap,
      code: total <= cap ? TM.TCHECK_TOTAL_OK : TM.TCHECK_TOTAL_FAIL,
      params: {
        total: m(total),
        cap: m(cap),
        rate: m(rate),
        trainees: s.trainees,
        days: counted,
        longDays: Math.max(0, counted - rule.longCourseAfterDays),
        longRate: m(longRateFen(rule, rate)),
        excess: m(total > cap ? total - cap : 0n),
      },
    },
  ];
  return {
    counted,
    cap: fenToYuan(cap),
    total: fenToYuan(total),
    rate: fenToYuan(rate),
    longRate: fenToYuan(longRateFen(rule, rate)),
    checks,
    passed: checks.every((c) => c.passed),
  };
}

/**
 * The nights a class lodges: every day from the start up to the day before the end (the last
 * day's night is not needed), or the one night of a single-day class.
 */
export function classNights(startDate: string, endDate: string): string[] {
  if (endDate <= startDate) return [startDate];
  const out: string[] = [];
  for (let d = startDate; d < endDate; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Allowed housekeeping moves: cleaned after a check-out, inspected after cleaning, back to dirty any time. */
export const HOUSEKEEPING_MOVES: Record<string, readonly string[]> = {
  dirty: ['clean'],
  clean: ['inspected', 'dirty'],
  inspected: ['dirty'],
};

/** Calendar days from `startDate` to `endDate`, both counted (a class's training days by its dates). */
export function inclusiveDays(startDate: string, endDate: string): number {
  let n = 1;
  for (let d = startDate; d < endDate; d = addDays(d, 1)) n++;
  return n;
}
