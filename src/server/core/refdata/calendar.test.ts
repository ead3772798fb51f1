import { describe, expect, it } from 'vitest';
import { type DayOverrides, addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar';
import { CALENDAR_DAYS, CODE_LISTS } from './seed-data';

const o: DayOverrides = new Map(CALENDAR_DAYS.map((d) => [d.day, d.kind]));

describe('working days', () => {
  it('knows holidays, weekends and 调休 make-up days', () => {
    expect(isWorkingDay('2025-10-08', o)).toBe(false); // National Day + Mid-Autumn
    expect(isWorkingDay('2025-09-28', o)).toBe(true); // Sunday, make-up day
    expect(isWorkingDay('2026-02-14', o)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-11-21', o)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-11-24', o)).toBe(true); // ordinary Tuesday
  });
  it('adds working days across the 2026 Spring Festival', () => {
    // Friday 13 Feb → Sat 14 (make-up) → break 15–23 → Tue 24.
    expect(addWorkingDays('2026-02-13', 1, o)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, o)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-24', o)).toBe(2);
    expect(addWorkingDays('2026-10-01', 0, o)).toBe('2026-10-08');
  });
  it('seeds only weekend make-up days and no duplicate day', () => {
    for (const d of CALENDAR_DAYS.filter((x) => x.kind === 'workday')) {
      expect([0, 6], d.day).toContain(new Date(`${d.day}T00:00:00Z`).getUTCDay());
    }
    expect(new Set(CALENDAR_DAYS.map((d) => d.day)).size).toBe(CALENDAR_DAYS.length);
  });
  // The area standard's seed rows are checked in office-space/office.ruletables.test.ts.
  it('gives every rank a post level', () => {
    expect(CODE_LISTS.filter((c) => c.list === 'rank').every((c) => typeof c.extra?.postLevel === 'string')).toBe(true);
  });
});
