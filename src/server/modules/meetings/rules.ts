import { CN_OFFSET_MS, addDays, cnDate } from '../../../contracts/dates';
import type { MeetingRules } from './meetings.ruletables';

/**
 * The booking rules as pure functions (no database): the buffer arithmetic behind the
 * exclusion constraint, series expansion, the check-in window, fit ordering and when a booking
 * needs approval. The numbers come from the `meeting_rules` version in force.
 */

const MIN = 60_000;

/**
 * How long a booking holds its room: [start, end + buffer). The buffer (set-up and clearing
 * between meetings) is added after each meeting only, so two consecutive meetings are always at
 * least one buffer apart: a meeting ending 10:00 with a 15-minute buffer holds the room until
 * 10:15, and the next may start at 10:15. Adding it before and after every meeting would keep
 * two buffers between them (10:30), more than the room needs.
 */
export const heldUntil = (endMs: number, bufferMinutes: number) => endMs + bufferMinutes * MIN;

/** Two holds [s, h) overlap: the database's `tstzrange(start, held, '[)') &&`, written for tests and previews. */
export const holdsOverlap = (a: { start: number; held: number }, b: { start: number; held: number }) =>
  a.start < b.held && b.start < a.held;

/** Whether a new booking [start, end) in a room with `bufferMinutes` collides with an existing hold. */
export function collides(existing: { start: number; held: number }, start: number, end: number, bufferMinutes: number) {
  return holdsOverlap(existing, { start, held: heldUntil(end, bufferMinutes) });
}

export type Occurrence = { date: string; start: number; end: number };
export type Recurrence = { freq: 'weekly' | 'monthly'; interval: number; count?: number; until?: string };

/** The China calendar parts of an instant (China keeps no daylight saving: +08:00 all year). */
const cnParts = (ms: number) => {
  const d = new Date(ms + CN_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), day: d.getUTCDate(), clock: (ms + CN_OFFSET_MS) % 86_400_000 };
};
const cnInstant = (y: number, m: number, day: number, clock: number) => Date.UTC(y, m, day) + clock - CN_OFFSET_MS;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/**
 * The occurrences of a series from its first meeting: weekly (every `interval` weeks, the same
 * China clock time) or monthly (the same day of the month; a month without that day — the 31st
 * in April — takes its last day). Stops at `count` or after the day `until` (inclusive).
 * More than `maxOccurrences` is an error: `{ tooMany: true }` (the caller answers a 400).
 */
export function expandSeries(
  first: { start: number; end: number },
  r: Recurrence,
  maxOccurrences: number,
): { occurrences: Occurrence[]; tooMany: false } | { occurrences: []; tooMany: true } {
  const length = first.end - first.start;
  const p = cnParts(first.start);
  const out: Occurrence[] = [];
  for (let k = 0; ; k++) {
    if (r.count !== undefined && out.length >= r.count) break;
    let start: number;
    if (r.freq === 'weekly') start = first.start + k * r.interval * 7 * 86_400_000;
    else {
      const months = p.m + k * r.interval;
      const y = p.y + Math.floor(months / 12);
      const m = months % 12;
      start = cnInstant(y, m, Math.min(p.day, daysInMonth(y, m)), p.clock);
    }
    const date = cnDate(start);
    if (r.until !== undefined && date > r.until) break;
    if (out.length >= maxOccurrences) return { occurrences: [], tooMany: true };
    out.push({ date, start, end: start + length });
  }
  return { occurrences: out, tooMany: false };
}

/** The organiser may check in from `checkInOpensBeforeMinutes` before the start until `checkInWindowMinutes` after it. */
export function checkInWindow(startMs: number, rule: Pick<MeetingRules, 'checkInWindowMinutes' | 'checkInOpensBeforeMinutes'>) {
  return { from: startMs - rule.checkInOpensBeforeMinutes * MIN, until: startMs + rule.checkInWindowMinutes * MIN };
}

/** A booked (approved, not checked-in) meeting whose window has passed is a no-show. */
export function isNoShow(b: { status: string; start: number }, nowMs: number, rule: Pick<MeetingRules, 'checkInWindowMinutes'>) {
  return b.status === 'booked' && nowMs >= b.start + rule.checkInWindowMinutes * MIN;
}

/** Rooms ordered by fit: the smallest that holds the attendees first (spare seats ascending), then by name and id. */
export function byFit<T extends { id: number; name: string; capacity: number }>(
  rooms: T[],
  attendees: number,
): (T & { spareSeats: number })[] {
  return rooms
    .filter((r) => r.capacity >= attendees)
    .map((r) => ({ ...r, spareSeats: r.capacity - attendees }))
    .sort((a, b) => a.spareSeats - b.spareSeats || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/**
 * Whether a booking waits for approval: rooms bookable only through approval always do; rooms
 * that require it do always, or only above `approvalAboveAttendees` when that is set. Whoever
 * manages the room books it directly.
 */
export function needsApproval(
  room: { bookableBy: string; requiresApproval: boolean; approvalAboveAttendees: number | null },
  attendees: number,
  callerManages: boolean,
) {
  if (callerManages) return false;
  if (room.bookableBy === 'approval_only') return true;
  if (!room.requiresApproval) return false;
  return room.approvalAboveAttendees === null || attendees > room.approvalAboveAttendees;
}

/** When a pending booking is released if nobody decided: `pendingExpiryHours` after the request, but never after its start. */
export function pendingUntil(requestedMs: number, startMs: number, rule: Pick<MeetingRules, 'pendingExpiryHours'>) {
  return Math.min(requestedMs + rule.pendingExpiryHours * 3_600_000, startMs);
}

/** Opening hours of a room in minutes on one China day (0 when closed that weekday). */
export function openMinutes(room: { openFrom: string; openTo: string; openWeekdays: number[] }, day: string) {
  const wd = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (!room.openWeekdays.includes(wd)) return 0;
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.max(0, m(room.openTo) - m(room.openFrom));
}

/** ISO weekday (1 = Monday) of a China day. */
export const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Whether [start, end) lies inside the room's opening hours of its China day. */
export function withinOpeningHours(room: { openFrom: string; openTo: string; openWeekdays: number[] }, start: number, end: number) {
  const day = cnDate(start);
  if (cnDate(end - 1) !== day || !room.openWeekdays.includes(isoWeekday(day))) return false;
  const at = (t: string) => Date.parse(`${day}T${t === '24:00' ? '00:00' : t}:00+08:00`) + (t === '24:00' ? 86_400_000 : 0);
  return start >= at(room.openFrom) && end <= at(room.openTo);
}

/** The China days from `start` for `n` days. */
export const daysFrom = (start: string, n: number) => Array.from({ length: n }, (_, k) => addDays(start, k));
