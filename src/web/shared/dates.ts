import dayjs, { type Dayjs } from 'dayjs';
import { cnDate } from '../../contracts/dates';

/**
 * China days on the web. A "today" that means a day in China (a form's default date, this
 * year, last month) comes from here, not from the browser's local day: a browser in another
 * time zone, or a clock read between 00:00 and 08:00, would otherwise pick the wrong day.
 * Times of day (a booking at 09:00) stay in the browser's zone.
 */
export { addDays, cnDate } from '../../contracts/dates';

/** Today in China, YYYY-MM-DD. */
export const cnToday = () => cnDate(Date.now());
/** This year in China. */
export const cnYear = () => Number(cnToday().slice(0, 4));
/** Today in China as a day for date pickers (midnight of that day in the browser's zone). */
export const cnTodayDayjs = (): Dayjs => dayjs(cnToday());
