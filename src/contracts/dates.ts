/**
 * Calendar arithmetic shared by the server and the web. China has one time zone and no
 * daylight saving: a China calendar day is the UTC+8 day. These helpers are pure; "now" comes
 * from the server's clock (core/util/dates.ts: `now()`, `cnToday()`) or, on the web, from
 * `cnToday()` in src/web/shared/dates.ts. Together with that clock module this is the only
 * place that may cut an ISO string to a day (`npm run lint` checks it).
 */
export const CN_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The UTC calendar day (YYYY-MM-DD) of an instant. Only for values that already stand for a
 * day at UTC midnight (a `Date.UTC(...)`, an Excel date cell, `YYYY-MM-DDT00:00:00Z`), never
 * for "today" (use `cnToday()`).
 */
export const utcDay = (t: Date | number | string) => new Date(t).toISOString().slice(0, 10);
/** The China calendar day (UTC+8) of an instant. */
export const cnDate = (t: Date | number | string) => utcDay(new Date(t).getTime() + CN_OFFSET_MS);
/**
 * An instant as China date and time (UTC+8, whatever the machine's zone): "2026-03-02 07:30",
 * with `seconds` "2026-03-02 07:30:15". An unreadable value gives "".
 */
export function cnDateTime(t: Date | number | string, seconds = false): string {
  const ms = new Date(t).getTime();
  if (Number.isNaN(ms)) return '';
  const s = new Date(ms + CN_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, seconds ? 19 : 16)}`;
}
/** YYYY-MM-DD plus n calendar days. */
export const addDays = (d: string, n: number) => utcDay(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS);
/**
 * Whether a string is a YYYY-MM-DD day that exists (2026-02-30 and 2026-13-01 do not) in the
 * years 1000–9999: PostgreSQL has no year 0000, and no record of this system is older.
 */
export const isIsoDay = (d: string) => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && utcDay(Date.parse(d)) === d;
