import { describe, expect, it } from 'vitest';
import { capFen, checkAttendees, checkBudget, checkDays, checkStaff, classRule, planCap, planChecks, settle } from './fees';
import { MEETING_FEE_CAPS_RULE, type MeetingFeeCaps, ZMeetingFeeCaps } from './meeting-plans.ruletables';

/** The seeded version: the tests read its figures, so a new version is tested by the same rules. */
const rule = MEETING_FEE_CAPS_RULE.versions.at(-1)!.data as MeetingFeeCaps;
const c = (k: number) => classRule(rule, k)!;
const plan = (o: Partial<{ meetingClass: number; days: number; attendees: number; staff: number; budget: string }>) => ({
  meetingClass: 2,
  days: 2,
  attendees: 100,
  staff: 10,
  budget: '0.00',
  ...o,
});

describe('meeting_fee_caps rule table', () => {
  it('seeds the 214号 figures, each split adding up to its total', () => {
    expect(c(1).perPersonPerDay).toEqual({ total: 760, lodging: 500, meals: 150, other: 110 });
    expect(c(2).perPersonPerDay).toEqual({ total: 650, lodging: 400, meals: 150, other: 100 });
    expect(c(3).perPersonPerDay).toEqual({ total: 550, lodging: 340, meals: 130, other: 80 });
    expect(c(4).perPersonPerDay).toEqual(c(3).perPersonPerDay);
    expect([c(2).maxAttendees, c(3).maxAttendees, c(4).maxAttendees]).toEqual([300, 150, 50]);
    expect([c(2).maxStaffPercent, c(3).maxStaffPercent, c(4).maxStaffPercent]).toEqual([15, 10, 10]);
    expect([c(1).maxDays, c(2).maxDays, c(3).maxDays, c(4).maxDays]).toEqual([null, 2, 2, 2]);
  });
  it('refuses a version whose split does not add up', () => {
    const bad = structuredClone(rule);
    bad.classes['2']!.perPersonPerDay.other = 99;
    expect(ZMeetingFeeCaps.safeParse(bad).success).toBe(false);
  });
});

describe('budget cap', () => {
  it('is the cap per person per day × (attendees + staff) × days, in fen', () => {
    expect(capFen(650, 110, 2)).toBe(14_300_000n);
    expect(planCap(c(2), { meetingClass: 2, days: 2, attendees: 100, staff: 10 })).toBe('143000.00');
    expect(planCap(c(1), { meetingClass: 1, days: 3, attendees: 7, staff: 0 })).toBe('15960.00');
  });
  it('passes at the cap exactly and fails one fen above it', () => {
    expect(checkBudget(c(2), plan({ budget: '143000.00' })).passed).toBe(true);
    const over = checkBudget(c(2), plan({ budget: '143000.01' }));
    expect(over.passed).toBe(false);
    expect(over.params).toMatchObject({ cap: '143,000.00', excess: '0.01', persons: 110, days: 2 });
  });
  it('has no float drift on large amounts', () => {
    // 0.1 + 0.2 style errors would show here: 999 × 760 × 60 = 45,554,400.00.
    expect(planCap(c(1), { meetingClass: 1, days: 60, attendees: 990, staff: 9 })).toBe('45554400.00');
    expect(checkBudget(c(1), plan({ meetingClass: 1, days: 60, attendees: 990, staff: 9, budget: '45554400.01' })).passed).toBe(false);
  });
});

describe('days, attendees and staff by class', () => {
  it('days: classes 2–4 at most 2; class 1 has no general limit', () => {
    expect(checkDays(c(2), plan({ days: 2 })).passed).toBe(true);
    expect(checkDays(c(3), plan({ meetingClass: 3, days: 3 })).passed).toBe(false);
    expect(checkDays(c(4), plan({ meetingClass: 4, days: 3 })).passed).toBe(false);
    expect(checkDays(c(1), plan({ meetingClass: 1, days: 10 })).passed).toBe(true);
  });
  it('attendees: 300 / 150 / 50 pass, one more fails', () => {
    for (const [k, max] of [
      [2, 300],
      [3, 150],
      [4, 50],
    ] as const) {
      expect(checkAttendees(c(k), plan({ meetingClass: k, attendees: max })).passed).toBe(true);
      expect(checkAttendees(c(k), plan({ meetingClass: k, attendees: max + 1 })).passed).toBe(false);
    }
    expect(checkAttendees(c(1), plan({ meetingClass: 1, attendees: 5000 })).passed).toBe(true);
  });
  it('staff: 15 % (class 2) and 10 % (classes 3, 4) of the attendees, compared without rounding', () => {
    expect(checkStaff(c(2), plan({ attendees: 100, staff: 15 })).passed).toBe(true);
    expect(checkStaff(c(2), plan({ attendees: 100, staff: 16 })).passed).toBe(false);
    expect(checkStaff(c(2), plan({ attendees: 99, staff: 15 })).passed).toBe(false); // 14.85 allowed
    expect(checkStaff(c(3), plan({ meetingClass: 3, attendees: 50, staff: 5 })).passed).toBe(true);
    expect(checkStaff(c(3), plan({ meetingClass: 3, attendees: 49, staff: 5 })).passed).toBe(false);
    expect(checkStaff(c(4), plan({ meetingClass: 4, attendees: 40, staff: 4 })).passed).toBe(true);
    expect(checkStaff(c(4), plan({ meetingClass: 4, attendees: 40, staff: 5 })).passed).toBe(false);
    expect(checkStaff(c(1), plan({ meetingClass: 1, attendees: 10, staff: 10 })).passed).toBe(true);
  });
  it('all four checks in order, one failing', () => {
    const checks = planChecks(c(4), plan({ meetingClass: 4, days: 1, attendees: 40, staff: 6, budget: '9800.00' }));
    expect(checks.map((k) => [k.rule, k.passed])).toEqual([
      ['budget', true],
      ['days', true],
      ['attendees', true],
      ['staff', false],
    ]);
  });
});

describe('settlement', () => {
  it('checks each line against its own cap and the total against the comprehensive cap, exact to the fen', () => {
    // 三类, 44 people × 2 days = 88 person-days: 29,920 / 11,440 / 7,040 / 48,400.
    const s = settle(c(3), { attendees: 40, staff: 4, days: 2, lodging: '29920.00', meals: '11440.01', other: '7039.99' });
    expect(s.lines.map((l) => [l.line, l.cap, l.over, l.excess])).toEqual([
      ['lodging', '29920.00', false, '0.00'],
      ['meals', '11440.00', true, '0.01'],
      ['other', '7040.00', false, '0.00'],
      ['total', '48400.00', false, '0.00'],
    ]);
    expect(s.total).toBe('48400.00');
    expect(s.passed).toBe(true); // a line over its share does not fail the total
    const over = settle(c(3), { attendees: 40, staff: 4, days: 2, lodging: '29920.00', meals: '11440.00', other: '7040.01' });
    expect(over.passed).toBe(false);
    expect(over.lines[3]).toMatchObject({ over: true, excess: '0.01' });
  });
});
