import { describe, expect, it } from 'vitest';
import { MEETING_RULES } from './meetings.ruletables';
import {
  byFit,
  checkInWindow,
  collides,
  expandSeries,
  heldUntil,
  isNoShow,
  needsApproval,
  pendingUntil,
  withinOpeningHours,
} from './rules';

const t = (s: string) => Date.parse(s);
const rule = MEETING_RULES.versions.at(-1)!.data;

describe('buffer arithmetic (the exclusion constraint’s holds)', () => {
  const existing = { start: t('2026-03-02T09:00:00+08:00'), held: heldUntil(t('2026-03-02T10:00:00+08:00'), 15) };
  it('a meeting ending 10:00 with a 15-minute buffer holds the room until 10:15', () => {
    expect(new Date(existing.held).toISOString()).toBe('2026-03-02T02:15:00.000Z');
  });
  it('blocks a start before 10:15 and allows one at 10:15 exactly', () => {
    expect(collides(existing, t('2026-03-02T10:14:00+08:00'), t('2026-03-02T11:00:00+08:00'), 15)).toBe(true);
    expect(collides(existing, t('2026-03-02T10:15:00+08:00'), t('2026-03-02T11:00:00+08:00'), 15)).toBe(false);
  });
  it('a meeting ending just after the other starts minus its own buffer collides (its buffer runs into it)', () => {
    // Ends 08:50 + 15 = 09:05 > 09:00.
    expect(collides(existing, t('2026-03-02T08:00:00+08:00'), t('2026-03-02T08:50:00+08:00'), 15)).toBe(true);
    expect(collides(existing, t('2026-03-02T08:00:00+08:00'), t('2026-03-02T08:45:00+08:00'), 15)).toBe(false);
  });
  it('without a buffer, back-to-back meetings are allowed', () => {
    const e = { start: t('2026-03-02T09:00:00+08:00'), held: heldUntil(t('2026-03-02T10:00:00+08:00'), 0) };
    expect(collides(e, t('2026-03-02T10:00:00+08:00'), t('2026-03-02T11:00:00+08:00'), 0)).toBe(false);
  });
});

describe('series expansion', () => {
  const first = { start: t('2026-01-05T09:00:00+08:00'), end: t('2026-01-05T10:30:00+08:00') };
  it('weekly by count keeps the China clock time and length', () => {
    const r = expandSeries(first, { freq: 'weekly', interval: 1, count: 3 }, 200);
    expect(r.tooMany).toBe(false);
    expect(r.occurrences.map((o) => o.date)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(r.occurrences.every((o) => o.end - o.start === 90 * 60_000)).toBe(true);
  });
  it('every two weeks until a day (inclusive)', () => {
    const r = expandSeries(first, { freq: 'weekly', interval: 2, until: '2026-02-02' }, 200);
    expect(r.occurrences.map((o) => o.date)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
  });
  it('monthly on the 31st takes the last day of shorter months', () => {
    const s = { start: t('2026-01-31T14:00:00+08:00'), end: t('2026-01-31T15:00:00+08:00') };
    const r = expandSeries(s, { freq: 'monthly', interval: 1, count: 4 }, 200);
    expect(r.occurrences.map((o) => o.date)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(new Date(r.occurrences[1]!.start).toISOString()).toBe('2026-02-28T06:00:00.000Z');
  });
  it('a China early-morning meeting stays on its China day across months', () => {
    const s = { start: t('2026-01-10T07:00:00+08:00'), end: t('2026-01-10T08:00:00+08:00') };
    const r = expandSeries(s, { freq: 'monthly', interval: 1, count: 2 }, 200);
    expect(r.occurrences.map((o) => o.date)).toEqual(['2026-01-10', '2026-02-10']);
  });
  it('more than the rule’s maximum is refused (200 allowed, 201 not)', () => {
    expect(expandSeries(first, { freq: 'weekly', interval: 1, count: rule.maxOccurrences }, rule.maxOccurrences).tooMany).toBe(false);
    expect(expandSeries(first, { freq: 'weekly', interval: 1, count: rule.maxOccurrences + 1 }, rule.maxOccurrences).tooMany).toBe(true);
    expect(expandSeries(first, { freq: 'weekly', interval: 1, until: '2031-01-01' }, rule.maxOccurrences).tooMany).toBe(true);
  });
});

describe('check-in window and no-show', () => {
  const start = t('2026-03-02T09:00:00+08:00');
  it('opens before the start and closes the rule’s minutes after it (default 15)', () => {
    const w = checkInWindow(start, rule);
    expect(rule.checkInWindowMinutes).toBe(15);
    expect(w.until - start).toBe(15 * 60_000);
    expect(start - w.from).toBe(rule.checkInOpensBeforeMinutes * 60_000);
  });
  it('a booked meeting is a no-show from the end of the window on, a checked-in one never', () => {
    expect(isNoShow({ status: 'booked', start }, start + 14 * 60_000, rule)).toBe(false);
    expect(isNoShow({ status: 'booked', start }, start + 15 * 60_000, rule)).toBe(true);
    expect(isNoShow({ status: 'checked_in', start }, start + 60 * 60_000, rule)).toBe(false);
  });
  it('a pending booking holds the room for the rule’s hours, never past its start', () => {
    expect(pendingUntil(0, 10 * 86_400_000, rule)).toBe(rule.pendingExpiryHours * 3_600_000);
    expect(pendingUntil(0, 3_600_000, rule)).toBe(3_600_000);
  });
});

describe('fit ordering and approval', () => {
  const rooms = [
    { id: 1, name: '大会议室', capacity: 60 },
    { id: 2, name: '小会议室', capacity: 10 },
    { id: 3, name: '中会议室', capacity: 20 },
    { id: 4, name: '洽谈室', capacity: 6 },
  ];
  it('drops rooms too small and puts the smallest that fits first', () => {
    expect(byFit(rooms, 8).map((r) => [r.id, r.spareSeats])).toEqual([
      [2, 2],
      [3, 12],
      [1, 52],
    ]);
  });
  it('approval: always, above a number of attendees, or only-through-approval rooms; never for the room’s manager', () => {
    const always = { bookableBy: 'district', requiresApproval: true, approvalAboveAttendees: null };
    const above = { bookableBy: 'district', requiresApproval: true, approvalAboveAttendees: 50 };
    expect(needsApproval(always, 1, false)).toBe(true);
    expect(needsApproval(above, 50, false)).toBe(false);
    expect(needsApproval(above, 51, false)).toBe(true);
    expect(needsApproval({ bookableBy: 'approval_only', requiresApproval: false, approvalAboveAttendees: null }, 1, false)).toBe(true);
    expect(needsApproval(always, 100, true)).toBe(false);
    expect(needsApproval({ bookableBy: 'district', requiresApproval: false, approvalAboveAttendees: null }, 100, false)).toBe(false);
  });
  it('opening hours: inside on an open weekday, outside otherwise', () => {
    const room = { openFrom: '08:00', openTo: '18:00', openWeekdays: [1, 2, 3, 4, 5] };
    expect(withinOpeningHours(room, t('2026-03-02T08:00:00+08:00'), t('2026-03-02T18:00:00+08:00'))).toBe(true);
    expect(withinOpeningHours(room, t('2026-03-02T07:30:00+08:00'), t('2026-03-02T09:00:00+08:00'))).toBe(false);
    // 2026-03-07 is a Saturday.
    expect(withinOpeningHours(room, t('2026-03-07T09:00:00+08:00'), t('2026-03-07T10:00:00+08:00'))).toBe(false);
  });
});

describe('meeting_rules', () => {
  it('the seed fits its schema and a negative window is refused, naming the field', () => {
    expect(MEETING_RULES.schema.safeParse(rule).success).toBe(true);
    const bad = MEETING_RULES.schema.safeParse({ ...rule, checkInWindowMinutes: -1 });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['checkInWindowMinutes']);
  });
});
