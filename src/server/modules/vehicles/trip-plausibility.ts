import { z } from 'zod';
import { defineRuleTable } from '../../core';

/**
 * Trip plausibility (出车/收车记录合理性): when a start or finish as recorded by the driver is
 * unlikely enough that it needs a written reason. The thresholds are rule data (versioned,
 * changed by an administrator), never literals in the services.
 */
export const ZTripPlausibilityRule = z.object({
  /** A start more than this many minutes before the booked start needs a reason. */
  earlyStartMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** A start more than this many minutes after the booked end needs a reason. */
  lateStartMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** An average speed (km over the trip's duration) above this needs a reason. */
  maxAverageSpeedKmh: z.number().positive().max(300),
  unconfirmed: z.boolean().optional(),
});
export type TripPlausibilityRule = z.infer<typeof ZTripPlausibilityRule>;

export const TRIP_PLAUSIBILITY_RULE = defineRuleTable({
  name: 'vehicle_trip_plausibility',
  module: 'vehicles',
  titleZh: '出车收车记录合理性',
  titleEn: 'Trip record plausibility',
  schema: ZTripPlausibilityRule,
  versions: [
    {
      version: 1,
      effectiveFrom: '2017-12-01',
      titleZh: '出车收车记录合理性',
      titleEn: 'Trip record plausibility',
      source: 'docs/regulations.md §12 vehicle_trip_plausibility — 中办发〔2017〕71号 第二十九条（用车登记）；阈值为项目默认值',
      data: { earlyStartMinutes: 120, lateStartMinutes: 60, maxAverageSpeedKmh: 120, unconfirmed: true },
    },
  ],
});

/** What makes a recorded start or finish implausible (each needs the driver's reason). */
export type TripProblem =
  | { code: 'early_start'; minutes: number }
  | { code: 'late_start'; minutes: number }
  | { code: 'odometer_below_last'; km: number; last: number }
  | { code: 'finish_before_start' }
  | { code: 'speed'; km: number; minutes: number; max: number };

const MIN = 60_000;

/** A start (出车) as recorded, against the booking and the vehicle's last odometer reading. */
export function startProblems(
  rule: TripPlausibilityRule,
  s: { bookedStart: Date; bookedEnd: Date; at: Date; odometerKm: number; lastKm: number },
): TripProblem[] {
  const out: TripProblem[] = [];
  const early = Math.floor((s.bookedStart.getTime() - s.at.getTime()) / MIN);
  if (early > rule.earlyStartMinutes) out.push({ code: 'early_start', minutes: early });
  const late = Math.floor((s.at.getTime() - s.bookedEnd.getTime()) / MIN);
  if (late > rule.lateStartMinutes) out.push({ code: 'late_start', minutes: late });
  if (s.odometerKm < s.lastKm) out.push({ code: 'odometer_below_last', km: s.odometerKm, last: s.lastKm });
  return out;
}

/**
 * A finish (收车) as recorded, against the start. A trip of no duration with any distance is
 * over every speed; a finish before the start is its own problem (its speed is not judged).
 * A finish reading below the start reading is not a matter of a reason: it is refused outright.
 */
export function finishProblems(
  rule: TripPlausibilityRule,
  f: { startedAt: Date; at: Date; startKm: number; odometerKm: number },
): TripProblem[] {
  const out: TripProblem[] = [];
  const ms = f.at.getTime() - f.startedAt.getTime();
  const km = f.odometerKm - f.startKm;
  if (ms < 0) out.push({ code: 'finish_before_start' });
  else if (km > 0) {
    const kmh = ms === 0 ? Number.POSITIVE_INFINITY : km / (ms / 3_600_000);
    if (kmh > rule.maxAverageSpeedKmh) out.push({ code: 'speed', km, minutes: Math.round(ms / MIN), max: rule.maxAverageSpeedKmh });
  }
  return out;
}
