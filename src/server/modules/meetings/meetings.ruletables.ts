import { z } from 'zod';
import { defineRuleTable } from '../../core';

const SOURCE = 'docs/regulations.md §meeting_rules — 项目默认值（中发〔2013〕13号 厉行节约；本局会议室管理办法待定）';

/** The booking rules of the meeting service centre: every number the booking logic uses. */
export const ZMeetingRules = z.object({
  /** A series has at most this many occurrences. */
  maxOccurrences: z.number().int().min(1).max(1000),
  /** A meeting may start at most this many days ahead. */
  maxAdvanceDays: z.number().int().min(1).max(3660),
  /** One meeting lasts at most this many hours. */
  maxDurationHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** The organiser checks in up to this many minutes after the start; later it is released as a no-show. */
  checkInWindowMinutes: z.number().int().min(1).max(240),
  /** Check-in opens this many minutes before the start. */
  checkInOpensBeforeMinutes: z.number().int().min(0).max(240),
  /** A pending booking holds the room this many hours (never past its start) before it is released. */
  pendingExpiryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** Attendees may sign in from this many minutes before the start until the end. */
  signInOpensBeforeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Refuse bookings outside a room's opening hours (off: the centre arranges evening sessions by hand). */
  openingHoursBinding: z.boolean(),
});
export type MeetingRules = z.infer<typeof ZMeetingRules>;

export const MEETING_RULES = defineRuleTable({
  name: 'meeting_rules',
  module: 'meetings',
  titleZh: '会议室预订规则',
  titleEn: 'Meeting room booking rules',
  schema: ZMeetingRules,
  versions: [
    {
      version: 1,
      effectiveFrom: '2020-01-01',
      titleZh: '会议室预订规则',
      titleEn: 'Meeting room booking rules',
      source: SOURCE,
      data: {
        maxOccurrences: 200,
        maxAdvanceDays: 365,
        maxDurationHours: 24,
        checkInWindowMinutes: 15,
        checkInOpensBeforeMinutes: 15,
        pendingExpiryHours: 48,
        signInOpensBeforeMinutes: 30,
        openingHoursBinding: false,
      },
    },
  ],
});

export const MEETING_RULE_TABLES = [MEETING_RULES];
