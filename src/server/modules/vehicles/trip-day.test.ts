import { describe, expect, it } from 'vitest';
import { tripDayKind } from './trip-day';

// 2026-10-01 is 国庆节 (a holiday); 2026-10-10 a 调休 make-up Saturday; 2026-11-07 a plain Saturday.
const overrides = new Map<string, 'holiday' | 'workday'>([
  ['2026-10-01', 'holiday'],
  ['2026-10-10', 'workday'],
]);

describe('tripDayKind', () => {
  it('a plain Saturday or Sunday is a rest day, not a holiday', () => {
    expect(tripDayKind(['2026-11-07'], overrides)).toBe('rest_day');
    expect(tripDayKind(['2026-11-08'], overrides)).toBe('rest_day');
  });
  it('a public holiday of the calendar is a holiday, also when the trip runs on into a weekday', () => {
    expect(tripDayKind(['2026-10-01'], overrides)).toBe('holiday');
    expect(tripDayKind(['2026-11-07', '2026-10-01'], overrides)).toBe('holiday');
  });
  it('a 调休 make-up Saturday is a working day, as is a weekday', () => {
    expect(tripDayKind(['2026-10-10'], overrides)).toBe('working_day');
    expect(tripDayKind(['2026-11-09', '2026-11-10'], overrides)).toBe('working_day');
  });
  it('a weekday trip running into a Saturday is a rest-day trip', () => {
    expect(tripDayKind(['2026-11-06', '2026-11-07'], overrides)).toBe('rest_day');
  });
});
