import { utcDay } from '../util/dates';

/**
 * Working-day arithmetic on the Chinese calendar: weekends are rest days unless marked as a
 * 调休 make-up working day; public holidays are rest days. Dates are 'YYYY-MM-DD' calendar
 * dates handled in UTC, so no local time zone can shift them.
 */
export type DayOverrides = Map<string, 'holiday' | 'workday'>;

const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromTime = (t: number) => utcDay(t);

export function isWorkingDay(date: string, overrides: DayOverrides): boolean {
  const o = overrides.get(date);
  if (o) return o === 'workday';
  const dow = new Date(toTime(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * Answers already computed, per overrides map. A map is never changed once built (the refdata
 * service builds a new one on every calendar change), so its answers stay true for its life;
 * lists that check hundreds of deadlines (procurement breaches) ask the same few again and again.
 */
const memo = new WeakMap<DayOverrides, Map<string, string>>();

/** The date n working days after `date` (n = 0: `date` itself if working, else the next working day). */
export function addWorkingDays(date: string, n: number, overrides: DayOverrides): string {
  let answers = memo.get(overrides);
  if (!answers || answers.size > 20_000) {
    answers = new Map();
    memo.set(overrides, answers);
  }
  const key = `${date}|${n}`;
  let hit = answers.get(key);
  if (hit === undefined) {
    hit = computeWorkingDays(date, n, overrides);
    answers.set(key, hit);
  }
  return hit;
}

function computeWorkingDays(date: string, n: number, overrides: DayOverrides): string {
  let t = toTime(date);
  if (n === 0) {
    while (!isWorkingDay(fromTime(t), overrides)) t += 86400_000;
    return fromTime(t);
  }
  let left = n;
  while (left > 0) {
    t += 86400_000;
    if (isWorkingDay(fromTime(t), overrides)) left--;
  }
  return fromTime(t);
}

/** Working days in (a, b]: how many working days after `a` up to and including `b`. */
export function workingDaysBetween(a: string, b: string, overrides: DayOverrides): number {
  let n = 0;
  for (let t = toTime(a) + 86400_000; t <= toTime(b); t += 86400_000) if (isWorkingDay(fromTime(t), overrides)) n++;
  return n;
}
