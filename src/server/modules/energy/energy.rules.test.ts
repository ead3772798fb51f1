import { describe, expect, it } from 'vitest';
import { COAL_COEFFICIENTS_RULE, ENERGY_PARAMS_RULE } from './energy.ruletables';
import {
  type AssessmentFacts,
  type CoalCoefficients,
  type EnergyParams,
  type EnergyRules,
  acBreach,
  assessmentScore,
  balanceGap,
  baseQuantity,
  baseloadShares,
  chainStep,
  co2Of,
  dayIndex,
  dayKey,
  hourIndex,
  hourKey,
  kgceOf,
  lastDayOf,
  monthEnd,
  monthKey,
  patrolPeriod,
  projectYear,
} from './energy.rules';

/** The rule data exactly as seeded from regulations §3 (nothing here restates a coefficient by hand except to check it). */
const coal: CoalCoefficients = COAL_COEFFICIENTS_RULE.versions.at(-1)!.data;
const params: EnergyParams = ENERGY_PARAMS_RULE.versions.at(-1)!.data;
const rules: EnergyRules = { coal, coalVersion: 1, params, paramsVersion: 1 };

describe('standard coal and CO₂', () => {
  it('converts every energy type by the coefficient table of §3', () => {
    expect(kgceOf('electricity', 'kWh', 1000, rules)).toBeCloseTo(122.9, 6);
    expect(kgceOf('electricity', 'MWh', 1, rules)).toBeCloseTo(122.9, 6);
    expect(kgceOf('natural_gas', 'm3', 100, rules)).toBeCloseTo(121.43, 6);
    expect(kgceOf('heat', 'GJ', 1, rules)).toBeCloseTo(34.1, 6);
    expect(kgceOf('heat', 'MJ', 1000, rules)).toBeCloseTo(34.1, 6);
    expect(kgceOf('coal', 't', 1, rules)).toBeCloseTo(714.3, 6);
    expect(kgceOf('coke', 'kg', 10, rules)).toBeCloseTo(9.714, 6);
    expect(kgceOf('lpg', 'kg', 10, rules)).toBeCloseTo(17.143, 6);
    expect(kgceOf('fuel_oil', 'kg', 10, rules)).toBeCloseTo(14.286, 6);
    expect(kgceOf('diesel', 'kg', 10, rules)).toBeCloseTo(14.571, 6);
    expect(kgceOf('gasoline', 'kg', 10, rules)).toBeCloseTo(14.714, 6);
  });

  it('turns litres into kilograms by the configured density (gasoline 0.73, diesel 0.84)', () => {
    expect(kgceOf('gasoline', 'L', 100, rules)).toBeCloseTo(100 * 0.73 * 1.4714, 6);
    expect(kgceOf('diesel', 'L', 100, rules)).toBeCloseTo(100 * 0.84 * 1.4571, 6);
    expect(baseQuantity('gasoline', 'L', 100, rules)).toBeCloseTo(73, 6);
    const denser: EnergyRules = { ...rules, coal: { ...coal, densityKgPerL: { ...coal.densityKgPerL, gasoline: 0.75 } } };
    expect(kgceOf('gasoline', 'L', 100, denser)).toBeCloseTo(75 * 1.4714, 6);
  });

  it('leaves water and PV generation out of energy, and counts water tonnes as cubic metres', () => {
    expect(kgceOf('water', 'm3', 1000, rules)).toBe(0);
    expect(kgceOf('pv_generation', 'kWh', 1000, rules)).toBe(0);
    expect(co2Of('water', 'm3', 1000, rules)).toBe(0);
    expect(baseQuantity('water', 't', 5, rules)).toBe(5);
    expect(baseQuantity('heat', 'MJ', 2500, rules)).toBe(2.5);
  });

  it('uses the equal-value electricity coefficient when the scheme says so', () => {
    const eq: EnergyRules = { ...rules, params: { ...params, electricityScheme: 'equal_value' } };
    expect(kgceOf('electricity', 'kWh', 1000, eq)).toBeCloseTo(404, 6);
  });

  it('applies the configured emission factors', () => {
    expect(co2Of('electricity', 'kWh', 1000, rules)).toBeCloseTo(1000 * params.emissionFactors.electricity_kWh!, 6);
    expect(co2Of('gasoline', 'L', 10, rules)).toBeCloseTo(7.3 * params.emissionFactors.gasoline_kg!, 6);
  });
});

describe('the reading chain', () => {
  const p = params.readings;
  const facts = () => ({ multiplier: 1, rolloverValue: null as number | null, rateEwma: null as number | null, rateSamples: 0 });
  const H = 3_600_000;

  it('gives the register difference times the multiplier, nothing for the first reading', () => {
    const f = { ...facts(), multiplier: 80 };
    expect(chainStep(null, { t: 0, value: 100 }, f, p)).toEqual({ delta: null, flag: null });
    expect(chainStep({ t: 0, value: 100 }, { t: H, value: 100.5 }, f, p)).toEqual({ delta: 40, flag: null });
  });

  it('counts across a rollover near the register capacity', () => {
    const f = { ...facts(), rolloverValue: 100000 };
    expect(chainStep({ t: 0, value: 99990 }, { t: H, value: 15 }, f, p)).toEqual({ delta: 25, flag: 'rollover' });
  });

  it('flags a smaller value that is no plausible rollover as negative and counts nothing', () => {
    expect(chainStep({ t: 0, value: 500 }, { t: H, value: 400 }, facts(), p)).toEqual({ delta: null, flag: 'negative' });
    // With a capacity, a wrap adding more than the configured share of it is a misread, not a rollover.
    const f = { ...facts(), rolloverValue: 100000 };
    expect(chainStep({ t: 0, value: 50000 }, { t: H, value: 10 }, f, p).flag).toBe('negative');
  });

  it('flags a jump far above the time-weighted rate, but not a working day against its own week', () => {
    const f = facts();
    let prev = { t: 0, value: 0 };
    // A fortnight of 15-minute data: 10 kWh/h by day on working days, 1.5 kWh/h otherwise.
    for (let i = 1; i <= 14 * 96; i++) {
      const t = i * 900_000;
      const h = new Date(t).getUTCHours();
      const working = Math.floor(t / (24 * H)) % 7 < 5;
      const rate = working && h >= 8 && h < 18 ? 10 : 1.5;
      const cur = { t, value: prev.value + rate / 4 };
      expect(chainStep(prev, cur, f, p).flag, `interval ${i}`).toBeNull();
      prev = cur;
    }
    // A burst pipe: 80 kWh/h.
    const burst = { t: prev.t + 900_000, value: prev.value + 20 };
    expect(chainStep(prev, burst, f, p).flag).toBe('spike');
  });

  it('needs a few readings and about a week of history before judging spikes', () => {
    const f = facts();
    chainStep({ t: 0, value: 0 }, { t: H, value: 1 }, f, p);
    expect(chainStep({ t: H, value: 1 }, { t: 2 * H, value: 1000 }, f, p).flag).toBeNull();
    // Monthly readings: six months are enough; then a month at ten times the usual is a jump.
    const m = facts();
    let prev = { t: 0, value: 0 };
    for (let i = 1; i <= 6; i++) {
      const cur = { t: i * 720 * H, value: i * 100 };
      expect(chainStep(prev, cur, m, p).flag).toBeNull();
      prev = cur;
    }
    expect(chainStep(prev, { t: 7 * 720 * H, value: 1600 }, m, p).flag).toBe('spike');
  });
});

describe('rollup buckets', () => {
  it('puts a reading in the bucket its interval ends in (China time)', () => {
    const t = Date.parse('2026-03-01T00:00:00+08:00');
    expect(dayKey(t)).toBe('2026-02-28');
    expect(monthKey(t)).toBe('2026-02-01');
    expect(hourKey(t)).toBe('2026-02-28T15:00:00.000Z');
    expect(dayKey(t + 1)).toBe('2026-03-01');
    expect(monthEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
  });

  it('numbers the hour and day buckets exactly as their keys split instants', () => {
    // Every 7.5 minutes (and the millisecond either side) across a China month end and a year end.
    for (const start of ['2026-02-28T20:00:00+08:00', '2026-12-31T20:00:00+08:00']) {
      const t0 = Date.parse(start);
      let prev: { t: number; h: number; d: number } | null = null;
      for (let i = 0; i < 100; i++)
        for (const t of [t0 + i * 450_000 - 1, t0 + i * 450_000, t0 + i * 450_000 + 1]) {
          const cur = { t, h: hourIndex(t), d: dayIndex(t) };
          if (prev) {
            expect(cur.h === prev.h, `${t}`).toBe(hourKey(t) === hourKey(prev.t));
            expect(cur.d === prev.d, `${t}`).toBe(dayKey(t) === dayKey(prev.t));
            // A month changes only where a day does.
            if (cur.d === prev.d) expect(monthKey(t)).toBe(monthKey(prev.t));
          }
          prev = cur;
        }
    }
  });
});

describe('quota projection', () => {
  it('scales by last year’s share to date, or linearly without it', () => {
    expect(projectYear({ actual: 600, dayOfYear: 182, daysInYear: 365, lastYearToDate: 500, lastYearTotal: 1200 })).toBeCloseTo(1440, 6);
    expect(projectYear({ actual: 500, dayOfYear: 73, daysInYear: 365 })).toBeCloseTo(2500, 6);
    expect(projectYear({ actual: 500, dayOfYear: 365, daysInYear: 365 })).toBe(500);
  });
});

describe('anomaly rules', () => {
  it('measures the loss between a master and its sub-meters (the seed’s 4 % water balance test)', () => {
    expect(balanceGap(1000, 950)).toBeCloseTo(0.05, 9);
    expect(balanceGap(1000, 965)! > coal.waterLossThreshold).toBe(false);
    expect(balanceGap(0, 10)).toBeNull();
  });

  it('gives night and rest-day load as a share of working daytime', () => {
    const cells = [];
    for (let hour = 0; hour < 24; hour++) {
      cells.push({ day: '2026-06-15', hour, working: true, value: hour >= 8 && hour < 18 ? 10 : 6 });
      cells.push({ day: '2026-06-20', hour, working: false, value: 4 });
    }
    const s = baseloadShares(cells, { start: params.anomalies.nightStartHour, end: params.anomalies.nightEndHour });
    // Working daytime is 06:00–22:00: 10 hours at 10 and 6 at 6 = 8.5 on average.
    expect(s.dayAvg).toBe(8.5);
    expect(s.nightShare).toBeCloseTo(5 / 8.5, 9); // (8 working-night hours at 6 + 8 rest-night at 4) / 16 = 5
    expect(s.restDayShare).toBeCloseTo(4 / 8.5, 9);
    expect(s.nightShare! > params.anomalies.baseloadMaxShare).toBe(true);
  });

  it('judges air conditioning by season: below 26 ℃ in summer, above 20 ℃ in winter', () => {
    const ac = coal.acSetpoints;
    expect(acBreach('ac_summer_low', 7, 24, params.patrol, ac)).toBe(true);
    expect(acBreach('ac_summer_low', 7, 26, params.patrol, ac)).toBe(false);
    expect(acBreach('ac_winter_high', 1, 22, params.patrol, ac)).toBe(true);
    expect(acBreach('ac_winter_high', 1, 20, params.patrol, ac)).toBe(false);
    expect(acBreach('ac_winter_high', 7, 24, params.patrol, ac)).toBeNull();
    expect(acBreach('lights_on', 7, 0, params.patrol, ac)).toBe(true);
  });

  it('counts patrol findings per month, quarter or year', () => {
    expect(patrolPeriod('2026-09-30T20:00:00Z', 'quarter')).toBe('2026-Q4'); // 1 October in China
    expect(patrolPeriod('2026-07-01T08:00:00+08:00', 'month')).toBe('2026-07');
    expect(patrolPeriod('2026-07-01T08:00:00+08:00', 'year')).toBe('2026');
  });
});

describe('assessment score', () => {
  const base: AssessmentFacts = {
    quota: 1000,
    actual: 900,
    perCapita: 99,
    lastPerCapita: 100,
    findings: 0,
    notices: 0,
    reportStatus: 'approved',
    reportLate: false,
  };
  const score = (f: Partial<typeof base>) => assessmentScore({ ...base, ...f }, params.assessment, params.patrol.deductionPerNotice);

  it('gives full marks within the quota, with the target cut, no findings and the report on time', () => {
    expect(score({}).score).toBe(100);
    expect(score({}).grade).toBe('excellent');
  });

  it('takes off for exceeding the quota, rising use, findings and notices, a late or missing report', () => {
    const c = (f: Partial<typeof base>, k: string) => score(f).breakdown.find((b) => b.criterion === k)!.score;
    expect(c({ actual: 1100 }, 'quota')).toBe(36); // 10 % over: 40 × 0.9
    expect(c({ actual: 2100 }, 'quota')).toBe(0);
    expect(c({ perCapita: 100 }, 'change')).toBe(15); // no change: half
    expect(c({ perCapita: 101 }, 'change')).toBe(0); // +1 %: nothing
    expect(c({ perCapita: null }, 'change')).toBe(15);
    expect(c({ findings: 3, notices: 1 }, 'findings')).toBe(15); // 20 − 3 − 2
    expect(c({ reportLate: true }, 'reporting')).toBe(5);
    expect(c({ reportStatus: 'draft' }, 'reporting')).toBe(0);
    expect(score({ actual: 2100, perCapita: 101, findings: 30, reportStatus: 'not_started' }).grade).toBe('fail');
  });
});
