import { afterEach, describe, expect, it } from 'vitest';
import { addDays, cnDate, cnDaysOf, cnToday, daysFromTo, isIsoDay, now, resetClock, setClockForTests, utcDay } from './dates';

afterEach(() => resetClock());

describe('the China-time clock', () => {
  it('at 00:30 in China (16:30 UTC the day before) today is the China day', () => {
    setClockForTests('2026-03-01T16:30:00Z');
    expect(cnToday()).toBe('2026-03-02');
    expect(utcDay(now())).toBe('2026-03-01');
    setClockForTests('2026-12-31T15:59:59Z');
    expect(cnToday()).toBe('2026-12-31');
    setClockForTests('2026-12-31T16:00:00Z');
    expect(cnToday()).toBe('2027-01-01');
  });
  it('keeps running from the set instant and resets to the system time', () => {
    setClockForTests('2020-01-01T00:00:00Z');
    expect(now().getUTCFullYear()).toBe(2020);
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
    expect(() => setClockForTests('not a time')).toThrow();
  });
  it('does calendar arithmetic on days, across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(cnDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(cnDaysOf('2026-03-01T15:00:00Z', '2026-03-02T16:00:00Z')).toEqual(['2026-03-01', '2026-03-02']);
    expect(daysFromTo('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
  });
});
