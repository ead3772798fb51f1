import { type DayOverrides, isWorkingDay } from '../../core';

/**
 * What kind of days a trip touches, for its tag: a public holiday of the core calendar is
 * 节假日; any other day off (a Saturday or Sunday that is not a 调休 make-up working day) is
 * 休息日; a trip on working days only (make-up Saturdays included) is a 工作日 trip. A trip
 * touching both a holiday and a plain weekend is tagged by the holiday.
 */
export type TripDayKind = 'holiday' | 'rest_day' | 'working_day';

export function tripDayKind(days: string[], overrides: DayOverrides): TripDayKind {
  if (days.some((d) => overrides.get(d) === 'holiday')) return 'holiday';
  if (days.some((d) => !isWorkingDay(d, overrides))) return 'rest_day';
  return 'working_day';
}
