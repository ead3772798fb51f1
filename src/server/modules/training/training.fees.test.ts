import { describe, expect, it } from 'vitest';
import { classStatus } from './training.service';
import { HOUSEKEEPING_MOVES, classNights, inclusiveDays, longRateFen, perPersonCapFen, rateFen, settleTraining } from './training.fees';
import { TRAINING_FEE_CAPS_RULE, type TrainingFeeCaps } from './training.ruletables';

const rule = TRAINING_FEE_CAPS_RULE.versions.at(-1)!.data as TrainingFeeCaps;
const base = { category: 2, trainees: 1, days: 5, arrivalDays: 1, departureDays: 1, lodging: '0', meals: '0', other: '0' };

describe('training_fee_caps', () => {
  it('seeds 550 / 450 / 380 a day, 70 % beyond 30 days, one arrival and one departure day', () => {
    expect([1, 2, 3].map((k) => rateFen(rule, k))).toEqual([55_000n, 45_000n, 38_000n]);
    expect(rateFen(rule, 4)).toBeNull();
    expect(rule).toMatchObject({ longCourseAfterDays: 30, longCourseRatePercent: 70, maxArrivalDays: 1, maxDepartureDays: 1 });
  });
  it('the reduced rate is 70 % of the rate, rounded down to the fen', () => {
    expect(longRateFen(rule, 45_000n)).toBe(31_500n);
    expect(longRateFen(rule, 38_000n)).toBe(26_600n);
    expect(longRateFen({ ...rule, longCourseRatePercent: 33 }, 1_001n)).toBe(330n); // 330.33 → 330
  });
  it('days up to 30 at the full rate, each later day at 70 %', () => {
    expect(perPersonCapFen(rule, 45_000n, 30)).toBe(1_350_000n);
    expect(perPersonCapFen(rule, 45_000n, 31)).toBe(1_381_500n);
    expect(perPersonCapFen(rule, 55_000n, 42)).toBe(30n * 55_000n + 12n * 38_500n);
    expect(perPersonCapFen(rule, 38_000n, 1)).toBe(38_000n);
  });
});

describe('class settlement', () => {
  it('counts arrival and departure inside the days and compares the total exact to the fen', () => {
    // 二类: 5 + 1 + 1 = 7 days × 450 × 20 trainees = 63,000.00.
    const ok = settleTraining(rule, { ...base, trainees: 20, lodging: '40000', meals: '20000', other: '3000.00' })!;
    expect(ok).toMatchObject({ counted: 7, cap: '63000.00', total: '63000.00', passed: true });
    const over = settleTraining(rule, { ...base, trainees: 20, lodging: '40000', meals: '20000', other: '3000.01' })!;
    expect(over.passed).toBe(false);
    expect(over.checks.find((c) => c.rule === 'total')!.params).toMatchObject({ excess: '0.01', cap: '63,000.00' });
  });
  it('an arrival or departure beyond one day fails its check and is not counted', () => {
    const s = settleTraining(rule, { ...base, arrivalDays: 2, departureDays: 3 })!;
    expect(s.counted).toBe(7);
    expect(s.checks.map((c) => [c.rule, c.passed])).toEqual([
      ['arrival', false],
      ['departure', false],
      ['total', true],
    ]);
    expect(s.passed).toBe(false);
  });
  it('the long-course rule applies to the counted days (40 + 2 = 42: 30 full, 12 at 70 %)', () => {
    const s = settleTraining(rule, { ...base, days: 40, trainees: 2 })!;
    expect(s).toMatchObject({ counted: 42, cap: '34560.00', rate: '450.00', longRate: '315.00' });
  });
  it('an unknown category has no settlement', () => {
    expect(settleTraining(rule, { ...base, category: 9 })).toBeNull();
  });
});

describe('nights, days, status and housekeeping', () => {
  it('a class lodges from its first day to the night before its last; a one-day class one night', () => {
    expect(classNights('2026-03-30', '2026-04-02')).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
    expect(classNights('2026-03-30', '2026-03-30')).toEqual(['2026-03-30']);
    expect(inclusiveDays('2026-02-27', '2026-03-02')).toBe(4);
    expect(inclusiveDays('2026-03-02', '2026-03-02')).toBe(1);
  });
  it('status follows the China day and the settlement', () => {
    const k = { settled: false, start: '2026-03-02', end: '2026-03-05' };
    expect(classStatus(k, '2026-03-01')).toBe('planned');
    expect(classStatus(k, '2026-03-02')).toBe('in_progress');
    expect(classStatus(k, '2026-03-05')).toBe('in_progress');
    expect(classStatus(k, '2026-03-06')).toBe('finished');
    expect(classStatus({ ...k, settled: true }, '2026-03-03')).toBe('settled');
  });
  it('housekeeping: to clean → cleaned → inspected, back to clean any time after', () => {
    expect(HOUSEKEEPING_MOVES.dirty).toEqual(['clean']);
    expect(HOUSEKEEPING_MOVES.clean).toContain('inspected');
    expect(HOUSEKEEPING_MOVES.inspected).toEqual(['dirty']);
  });
});
