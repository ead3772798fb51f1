/**
 * China has one time zone and no daylight saving: calendar days are UTC+8. Every "today",
 * deadline and daily bucket in the platform is a China calendar day, whatever the server's TZ.
 */
export const CN_OFFSET_MS = 8 * 3_600_000;
export const cnDate = (t: Date | number | string) => new Date(new Date(t).getTime() + CN_OFFSET_MS).toISOString().slice(0, 10);
export const cnToday = () => cnDate(Date.now());
/** The instant a China calendar day (YYYY-MM-DD) begins. */
export const cnDayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`));
/** YYYY-MM-DD plus n calendar days. */
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The calendar days (UTC+8) a half-open period [start, end) touches. */
export function cnDaysOf(start: string, end: string): string[] {
  const first = cnDate(start);
  const last = cnDate(Date.parse(end) - 1);
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
