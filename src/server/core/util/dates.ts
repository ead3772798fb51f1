/**
 * The one clock. China has one time zone and no daylight saving: calendar days are UTC+8.
 * Every "today", deadline and daily bucket in the platform is a China calendar day, whatever
 * the server's TZ, and every one of them reads the time from `now()` here, so a test can run
 * the rules at any instant (`setClockForTests('2026-03-01T16:30:00Z')` is 00:30 on 2 March in
 * China). Pure calendar helpers (`cnDate`, `addDays`, `utcDay`) live in contracts/dates.ts,
 * shared with the web.
 */
import { addDays, cnDate } from '../../../contracts/dates';

export { CN_OFFSET_MS, addDays, cnDate, isIsoDay, utcDay } from '../../../contracts/dates';

/** Milliseconds added to the system time; 0 outside tests. Time keeps flowing from the set instant. */
let offsetMs = 0;

/** The current instant, from the clock. */
export const now = (): Date => new Date(Date.now() + offsetMs);
/** The current instant in epoch milliseconds, from the clock. */
export const nowMs = (): number => Date.now() + offsetMs;
/** Today in China (YYYY-MM-DD), from the clock. */
export const cnToday = () => cnDate(nowMs());

/** Tests only: move the clock so that it reads `at` now (and runs on from there). */
export function setClockForTests(at: string | Date | number): void {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`not an instant: ${String(at)}`);
  offsetMs = t - Date.now();
}
/** Tests only: back to the system time. */
export function resetClock(): void {
  offsetMs = 0;
}

/** The instant a China calendar day (YYYY-MM-DD) begins. */
export const cnDayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`));
/** The calendar days (UTC+8) a half-open period [start, end) touches. */
export function cnDaysOf(start: string, end: string): string[] {
  const first = cnDate(start);
  const last = cnDate(Date.parse(end) - 1);
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}
/** The days from `from` to `to` inclusive (YYYY-MM-DD), in order. */
export function daysFromTo(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
