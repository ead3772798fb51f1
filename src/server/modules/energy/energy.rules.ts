/**
 * The energy rules as pure functions: unit conversion to standard coal and CO₂, the reading
 * chain (consumption between register values, across rollovers, with flags), rollup bucket
 * keys, quota projection, the anomaly rules and the assessment score. Every number they use
 * comes from the rule data passed in (`coal_coefficients` + `energy_rules`), none is written here.
 */
import type { TEnergyType } from '../../../contracts/modules/energy';
import { CN_OFFSET_MS, cnDate } from '../../core';

import type { CoalCoefficients, EnergyParams } from './energy.ruletables';

export type { CoalCoefficients, EnergyParams };
export type EnergyRules = { coal: CoalCoefficients; coalVersion: number; params: EnergyParams; paramsVersion: number };

// ---------- conversion ----------

/** The coefficient-table key of each energy type; water and PV generation are not energy consumption. */
const COEFFICIENT_KEY: Partial<Record<TEnergyType, string>> = {
  electricity: 'electricity_kWh',
  natural_gas: 'natural_gas_m3',
  heat: 'heat_MJ',
  gasoline: 'gasoline_kg',
  diesel: 'diesel_kg',
  kerosene: 'kerosene_kg',
  lpg: 'lpg_kg',
  coal: 'raw_coal_kg',
  coke: 'coke_kg',
  fuel_oil: 'fuel_oil_kg',
};
/** Counts in comprehensive energy consumption (综合能耗). */
export const isEnergy = (t: TEnergyType) => t in COEFFICIENT_KEY;

/**
 * A quantity in the meter's unit → the coefficient table's unit (kWh, m³, MJ, kg). Litres
 * become kilograms by the configured density; a type with no density for litres is an error
 * the caller must not reach (the contracts only allow L for liquid fuels).
 */
export function toCoefficientUnit(type: TEnergyType, unit: string, quantity: number, rules: EnergyRules): number {
  switch (unit) {
    case 'kWh':
    case 'm3':
    case 'MJ':
    case 'kg':
      return quantity;
    case 'MWh':
      return quantity * 1000;
    case 'GJ':
      return quantity * 1000;
    case 't':
      // A tonne of water is a cubic metre; of fuel, 1,000 kg.
      return quantity * (type === 'water' ? 1 : 1000);
    case 'L': {
      const density = rules.coal.densityKgPerL[type] ?? rules.params.extraDensityKgPerL[type];
      if (!density) throw new Error(`no density for ${type}`);
      return quantity * density;
    }
    default:
      throw new Error(`unknown unit ${unit}`);
  }
}

/** The electricity coefficient of the scheme in force (当量值 by default). */
export function electricityCoefficient(rules: EnergyRules): number {
  return rules.params.electricityScheme === 'equal_value'
    ? rules.coal.electricityEqualValue.kgcePerKWh
    : (rules.coal.kgcePer.electricity_kWh ?? 0);
}

/** Standard coal (kgce) of a quantity; 0 for water and PV generation. */
export function kgceOf(type: TEnergyType, unit: string, quantity: number, rules: EnergyRules): number {
  const key = COEFFICIENT_KEY[type];
  if (!key) return 0;
  const coef = type === 'electricity' ? electricityCoefficient(rules) : (rules.coal.kgcePer[key] ?? 0);
  return toCoefficientUnit(type, unit, quantity, rules) * coef;
}

/** kg CO₂ of a quantity by the configured emission factors; 0 for water and PV generation. */
export function co2Of(type: TEnergyType, unit: string, quantity: number, rules: EnergyRules): number {
  const key = COEFFICIENT_KEY[type];
  if (!key) return 0;
  return toCoefficientUnit(type, unit, quantity, rules) * (rules.params.emissionFactors[key] ?? 0);
}

/** The unit figures are shown in: electricity and PV kWh, water and gas m³, heat GJ, solid and liquid fuels kg. */
export const BASE_UNIT: Record<TEnergyType, string> = {
  electricity: 'kWh',
  water: 'm3',
  natural_gas: 'm3',
  heat: 'GJ',
  gasoline: 'kg',
  diesel: 'kg',
  lpg: 'kg',
  coal: 'kg',
  coke: 'kg',
  kerosene: 'kg',
  fuel_oil: 'kg',
  pv_generation: 'kWh',
};
/** A quantity in the meter's unit → the type's display unit (BASE_UNIT). */
export function baseQuantity(type: TEnergyType, unit: string, quantity: number, rules: EnergyRules): number {
  const q = toCoefficientUnit(type, unit, quantity, rules);
  return type === 'heat' ? q / 1000 : q; // MJ → GJ
}

// ---------- the reading chain ----------

export type ReadingFlag = 'rollover' | 'negative' | 'spike';
export type MeterChainFacts = { multiplier: number; rolloverValue: number | null; rateEwma: number | null; rateSamples: number };
export type ChainPoint = { t: number; value: number };
export type ChainStep = { delta: number | null; flag: ReadingFlag | null };

/**
 * Consumption from the previous valid reading to this one: the register difference × the
 * multiplier; across a rollover (a smaller value after one near the register's capacity)
 * capacity − previous + current; a smaller value that is no plausible rollover is negative
 * consumption: flagged, not counted, and the chain goes on from the previous valid reading.
 * A rate far above the meter's time-weighted average rate is flagged as a spike but counted
 * (it may be a real leak). `facts` is updated in place with the rate statistics.
 */
export function chainStep(prev: ChainPoint | null, cur: ChainPoint, facts: MeterChainFacts, p: EnergyParams['readings']): ChainStep {
  if (!prev) return { delta: null, flag: null };
  let raw = cur.value - prev.value;
  let flag: ReadingFlag | null = null;
  if (raw < 0) {
    const cap = facts.rolloverValue;
    const wrapped = cap ? cap - prev.value + cur.value : Number.NaN;
    if (cap && prev.value <= cap && wrapped >= 0 && wrapped <= cap * p.rolloverMaxShare) {
      raw = wrapped;
      flag = 'rollover';
    } else {
      return { delta: null, flag: 'negative' };
    }
  }
  const delta = round6(raw * facts.multiplier);
  const hours = Math.max((cur.t - prev.t) / 3_600_000, 1 / 60);
  const rate = delta / hours;
  const ewma = facts.rateEwma ?? 0;
  // Judged once the average has seen enough readings and about one time constant of history.
  const judged = facts.rateSamples >= p.spikeMinSamples && facts.rateSamples * hours >= p.spikeTimeConstantHours;
  if (!flag && judged && ewma > 0 && rate > p.spikeFactor * ewma) flag = 'spike';
  // A time-weighted average (time constant of a week by default): it spans whole days, so a
  // working day's peak is no jump, and it takes in the new level after a jump, so a lasting
  // change (a leak, a new machine room) is flagged where it starts rather than for ever.
  const alpha = 1 - Math.exp(-hours / p.spikeTimeConstantHours);
  facts.rateEwma = facts.rateSamples === 0 || facts.rateEwma === null ? rate : ewma + alpha * (rate - ewma);
  facts.rateSamples += 1;
  return { delta, flag };
}
/** Registers carry a few decimals; six keeps sums free of binary noise without losing any real digit. */
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

// ---------- rollup buckets ----------
/*
 * A reading's consumption is the interval that ends at the reading, so it belongs to the
 * bucket containing the instant just before it: a reading at 01:00 closes the 00:00 hour, one
 * at 1 March 00:00 closes February. This is what makes a bucket's sum equal "the last reading
 * at or before the period's end minus the last at or before its start".
 */
const HOUR = 3_600_000;
export const hourKey = (t: number) => new Date(Math.floor((t - 1) / HOUR) * HOUR).toISOString();
export const dayKey = (t: number) => cnDate(t - 1);
export const monthKey = (t: number) => `${cnDate(t - 1).slice(0, 7)}-01`;
/*
 * The same hour and day buckets as plain numbers (hours and China days since 1970), for
 * grouping many readings: two instants share `hourKey` exactly when they share `hourIndex`,
 * and likewise for days, so a batch formats a key once per distinct bucket instead of once per
 * reading (formatting through `Date#toISOString` was a fifth of the ingest's CPU). China's
 * offset is whole hours and has no daylight saving, so an hour bucket lies in one China day.
 */
export const hourIndex = (t: number) => Math.floor((t - 1) / HOUR);
export const dayIndex = (t: number) => Math.floor((t - 1 + CN_OFFSET_MS) / 86_400_000);
/** The instant a China month ends (the first instant of the next month): where a month's manual reading is stored. */
export function monthEnd(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return new Date(Date.parse(`${ny}-${String(nm).padStart(2, '0')}-01T00:00:00+08:00`));
}
/** The last calendar day of a month YYYY-MM. */
export const lastDayOf = (month: string) => cnDate(monthEnd(month).getTime() - 1);

// ---------- quota projection ----------

/**
 * Year-end projection of consumption. With last year's monthly profile, this year so far is
 * scaled by the share of last year's total that fell in the same months (seasonal: heating and
 * cooling months weigh more); without it, linearly by days elapsed.
 */
export function projectYear(opts: {
  actual: number;
  dayOfYear: number;
  daysInYear: number;
  lastYearToDate?: number;
  lastYearTotal?: number;
}) {
  const { actual, dayOfYear, daysInYear, lastYearToDate, lastYearTotal } = opts;
  if (dayOfYear >= daysInYear) return actual;
  if (lastYearTotal && lastYearToDate && lastYearToDate > 0 && lastYearToDate < lastYearTotal)
    return actual * (lastYearTotal / lastYearToDate);
  if (dayOfYear <= 0) return actual;
  return (actual * daysInYear) / dayOfYear;
}

// ---------- anomaly rules ----------

/** Master vs the sum of its sub-meters over a month: the share lost (negative when the subs read more). */
export function balanceGap(master: number, subs: number): number | null {
  if (master <= 0) return null;
  return (master - subs) / master;
}

export type HourCell = { day: string; hour: number; working: boolean; value: number };
/**
 * Night and rest-day baseload: average hourly consumption at night (any day) and over whole
 * rest days, each as a share of the working-day daytime average. High shares mean lights,
 * air conditioning or equipment left running.
 */
export function baseloadShares(cells: HourCell[], night: { start: number; end: number }) {
  const isNight = (h: number) => (night.start > night.end ? h >= night.start || h < night.end : h >= night.start && h < night.end);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const day = avg(cells.filter((c) => c.working && !isNight(c.hour)).map((c) => c.value));
  const nightAvg = avg(cells.filter((c) => isNight(c.hour)).map((c) => c.value));
  const rest = avg(cells.filter((c) => !c.working).map((c) => c.value));
  if (!day || day <= 0) return { nightShare: null, restDayShare: null, dayAvg: day };
  return { nightShare: nightAvg === null ? null : nightAvg / day, restDayShare: rest === null ? null : rest / day, dayAvg: day };
}

// ---------- patrol ----------

/** The counting period of a moment by the rule: 2026-07 (month), 2026-Q3 (quarter) or 2026 (year). */
export function patrolPeriod(at: Date | string, period: EnergyParams['patrol']['period']): string {
  const d = cnDate(at);
  const y = d.slice(0, 4);
  const m = Number(d.slice(5, 7));
  if (period === 'month') return d.slice(0, 7);
  if (period === 'year') return y;
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** Whether an air-conditioning finding is a breach of the setpoint rules in its season (null: not that season). */
export function acBreach(kind: string, month: number, setpointC: number, p: EnergyParams['patrol'], ac: CoalCoefficients['acSetpoints']) {
  if (kind === 'ac_summer_low') return p.summerMonths.includes(month) ? setpointC < ac.summerMinC : null;
  if (kind === 'ac_winter_high') return p.winterMonths.includes(month) ? setpointC > ac.winterMaxC : null;
  return true;
}

// ---------- assessment ----------

export type AssessmentFacts = {
  quota: number | null;
  actual: number;
  perCapita: number | null;
  lastPerCapita: number | null;
  findings: number;
  notices: number;
  reportStatus: string;
  reportLate: boolean;
};
export type Criterion = {
  criterion: 'quota' | 'change' | 'findings' | 'reporting';
  score: number;
  max: number;
  detail: Record<string, unknown>;
};

/**
 * The yearly score out of the weights' sum (100 by default):
 * - quota: full within the quota, less by the share exceeded (nothing at 2× the quota); no quota set: full;
 * - change: full when kgce per person fell by the target or more, scaled down to nothing at +the target's size; no base: half;
 * - findings: full less points per patrol finding and the notices' deductions;
 * - reporting: full for a report approved or submitted on time, half when late, none when missing.
 */
export function assessmentScore(f: AssessmentFacts, p: EnergyParams['assessment'], deductionPerNotice: number) {
  const w = p.weights;
  const out: Criterion[] = [];
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
  const r2 = (v: number) => Math.round(v * 100) / 100;

  let quotaScore = w.quota;
  if (f.quota && f.quota > 0 && f.actual > f.quota) quotaScore = clamp(w.quota * (1 - (f.actual - f.quota) / f.quota), w.quota);
  out.push({ criterion: 'quota', score: r2(quotaScore), max: w.quota, detail: { quota: f.quota, actual: r2(f.actual) } });

  let changeScore = w.change / 2;
  let change: number | null = null;
  if (f.perCapita !== null && f.lastPerCapita && f.lastPerCapita > 0) {
    change = (f.perCapita - f.lastPerCapita) / f.lastPerCapita;
    const target = Math.abs(p.changeTarget) || 0.01;
    // change = −target → full; change = +target → 0; linear between.
    changeScore = clamp((w.change * (target - change)) / (2 * target), w.change);
  }
  out.push({
    criterion: 'change',
    score: r2(changeScore),
    max: w.change,
    detail: { change: change === null ? null : r2(change * 10000) / 10000 },
  });

  const findingsScore = clamp(w.findings - f.findings * p.pointsPerFinding - f.notices * deductionPerNotice, w.findings);
  out.push({ criterion: 'findings', score: r2(findingsScore), max: w.findings, detail: { findings: f.findings, notices: f.notices } });

  const submitted = ['pending', 'approved'].includes(f.reportStatus);
  const reportingScore = submitted ? (f.reportLate ? w.reporting / 2 : w.reporting) : 0;
  out.push({ criterion: 'reporting', score: r2(reportingScore), max: w.reporting, detail: { status: f.reportStatus, late: f.reportLate } });

  const score = r2(out.reduce((s, c) => s + c.score, 0));
  const grade = score >= p.grades.excellent ? 'excellent' : score >= p.grades.good ? 'good' : score >= p.grades.pass ? 'pass' : 'fail';
  return { score, grade: grade as 'excellent' | 'good' | 'pass' | 'fail', breakdown: out };
}
