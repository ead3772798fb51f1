import { describe, expect, it } from 'vitest';
import { TRIP_PLAUSIBILITY_RULE, finishProblems, startProblems } from './trip-plausibility';

const rule = TRIP_PLAUSIBILITY_RULE.versions.at(-1)!.data;
// The booking of the issue: 17:00–20:00 China time on 2026-03-02.
const bookedStart = new Date('2026-03-02T17:00:00+08:00');
const bookedEnd = new Date('2026-03-02T20:00:00+08:00');
const start = (at: string, odometerKm = 1000, lastKm = 1000) =>
  startProblems(rule, { bookedStart, bookedEnd, at: new Date(at), odometerKm, lastKm }).map((p) => p.code);

describe('trip plausibility (rule data, not literals)', () => {
  it('the version in force fits its schema and cites its section', () => {
    expect(TRIP_PLAUSIBILITY_RULE.schema.safeParse(rule).success).toBe(true);
    expect(TRIP_PLAUSIBILITY_RULE.versions.at(-1)!.source).toMatch(/regulations\.md §12/);
  });

  it('refuses a version with a negative lead or no speed limit, naming each field', () => {
    const r = TRIP_PLAUSIBILITY_RULE.schema.safeParse({ ...rule, earlyStartMinutes: -5, maxAverageSpeedKmh: 0 });
    expect((r.error?.issues ?? []).map((i) => i.path.join('.')).sort()).toEqual(['earlyStartMinutes', 'maxAverageSpeedKmh']);
  });

  it('a start at 03:54 for a 17:00 booking is early by 786 minutes', () => {
    const p = startProblems(rule, { bookedStart, bookedEnd, at: new Date('2026-03-02T03:54:00+08:00'), odometerKm: 1000, lastKm: 1000 });
    expect(p).toEqual([{ code: 'early_start', minutes: 786 }]);
  });

  it('a start within the allowed lead is fine; one minute over is not', () => {
    expect(start('2026-03-02T15:00:00+08:00')).toEqual([]);
    expect(start('2026-03-02T14:59:00+08:00')).toEqual(['early_start']);
    // The threshold is the rule's: a version allowing 3 hours accepts 14:59.
    const loose = { ...rule, earlyStartMinutes: 180 };
    expect(startProblems(loose, { bookedStart, bookedEnd, at: new Date('2026-03-02T14:59:00+08:00'), odometerKm: 1, lastKm: 1 })).toEqual(
      [],
    );
  });

  it('a start long after the booked end, and a reading below the last one, are each named', () => {
    expect(start('2026-03-02T21:00:00+08:00')).toEqual([]);
    expect(start('2026-03-02T21:01:00+08:00')).toEqual(['late_start']);
    expect(start('2026-03-02T17:00:00+08:00', 990, 1000)).toEqual(['odometer_below_last']);
    expect(start('2026-03-02T03:54:00+08:00', 990, 1000)).toEqual(['early_start', 'odometer_below_last']);
  });

  const finish = (startedAt: string, at: string, km: number) =>
    finishProblems(rule, { startedAt: new Date(startedAt), at: new Date(at), startKm: 1000, odometerKm: 1000 + km });

  it('36 km finished the minute it started is a speed no car reaches; a zero-length trip of 36 km too', () => {
    expect(finish('2026-03-02T03:54:00Z', '2026-03-02T03:55:00Z', 36)).toEqual([{ code: 'speed', km: 36, minutes: 1, max: 120 }]);
    expect(finish('2026-03-02T03:54:00Z', '2026-03-02T03:54:00Z', 36).map((p) => p.code)).toEqual(['speed']);
  });

  it('120 km in an hour is at the limit and fine; 121 is not; no distance is never too fast', () => {
    expect(finish('2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', 120)).toEqual([]);
    expect(finish('2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', 121).map((p) => p.code)).toEqual(['speed']);
    expect(finish('2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z', 0)).toEqual([]);
  });

  it('a finish before the start is named (and its speed not judged)', () => {
    expect(finish('2026-03-02T09:00:00Z', '2026-03-02T08:00:00Z', 30)).toEqual([{ code: 'finish_before_start' }]);
  });
});
