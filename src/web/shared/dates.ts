import dayjs, { type Dayjs } from 'dayjs';
import { cnDate, cnDateTime } from '../../contracts/dates';

/**
 * China time on the web, whatever the browser's zone. A "today" that means a day in China (a
 * form's default date, this year, last month) comes from here, not from the browser's local
 * day; an instant the server sent (created at, signed in at, a job's run) is shown with
 * `fmtInstant` / `fmtDay`, never with `toLocaleString()` or by cutting the ISO string (a record
 * made before 08:00 China time would show the previous day). Times a user picks in a form (a
 * booking at 09:00) stay in the browser's zone, which is China's for this system's users.
 */
export { addDays, cnDate, cnDateTime } from '../../contracts/dates';

/** Today in China, YYYY-MM-DD. */
export const cnToday = () => cnDate(Date.now());
/** This year in China. */
export const cnYear = () => Number(cnToday().slice(0, 4));
/** This month in China, YYYY-MM. */
export const cnMonth = () => cnToday().slice(0, 7);
/** Today in China as a day for date pickers (midnight of that day in the browser's zone). */
export const cnTodayDayjs = (): Dayjs => dayjs(cnToday());

const valid = (t: string | number | Date | null | undefined): t is string | number | Date =>
  t !== null && t !== undefined && t !== '' && !Number.isNaN(new Date(t).getTime());

/** An instant in China time, "2026-03-02 07:30" (with `seconds`, "07:30:15"); nothing → `empty`. */
export function fmtInstant(t: string | number | Date | null | undefined, opts: { seconds?: boolean; empty?: string } = {}): string {
  return valid(t) ? cnDateTime(t, opts.seconds) : (opts.empty ?? '—');
}

/** The China day of an instant, "2026-03-02"; a bare day is returned as it is; nothing → `empty`. */
export function fmtDay(t: string | number | Date | null | undefined, empty = '—'): string {
  if (typeof t === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  return valid(t) ? cnDate(t) : empty;
}
