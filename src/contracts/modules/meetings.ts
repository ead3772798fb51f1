import { z } from 'zod';
import { bilingual, ZId, ZIsoDate, ZIsoMonth, ZIsoTime, zOptText, ZPageQuerySchema, ZRef, zText } from '../common';

/**
 * Meeting-room booking (会议室预订) contracts, shared by the server and the web client.
 * Times are ISO 8601 with an explicit offset; days YYYY-MM-DD (China days); clock times HH:MM
 * (China time). A booking holds its room over [start, end + the room's buffer): see
 * `heldUntil` and docs/architecture.md (meetings) for why the buffer is added after each
 * meeting only.
 */

/** Kinds of meeting room; the first four are the office registry's room uses a room may be linked from. */
export const MEETING_ROOM_KINDS = ['meeting', 'lecture_hall', 'multi_function', 'reception'] as const;
export const MEETING_ROOM_KIND_LABELS: Record<(typeof MEETING_ROOM_KINDS)[number], { zh: string; en: string }> = {
  meeting: { zh: '会议室', en: 'Meeting room' },
  lecture_hall: { zh: '报告厅', en: 'Lecture hall' },
  multi_function: { zh: '多功能厅', en: 'Multi-function hall' },
  reception: { zh: '接待室', en: 'Reception room' },
};
/** Seating layouts (code list). */
export const MEETING_LAYOUTS = ['classroom', 'theatre', 'hollow_square', 'round_table'] as const;
export const MEETING_LAYOUT_LABELS: Record<(typeof MEETING_LAYOUTS)[number], { zh: string; en: string }> = {
  classroom: { zh: '课桌式', en: 'Classroom' },
  theatre: { zh: '剧院式', en: 'Theatre' },
  hollow_square: { zh: '回字形', en: 'Hollow square' },
  round_table: { zh: '圆桌', en: 'Round table' },
};
/** Equipment (code list). */
export const MEETING_EQUIPMENT = ['projector', 'video_conference', 'microphones', 'interpretation', 'recording'] as const;
export const MEETING_EQUIPMENT_LABELS: Record<(typeof MEETING_EQUIPMENT)[number], { zh: string; en: string }> = {
  projector: { zh: '投影', en: 'Projector' },
  video_conference: { zh: '视频会议', en: 'Video conference' },
  microphones: { zh: '话筒', en: 'Microphones' },
  interpretation: { zh: '同声传译', en: 'Interpretation' },
  recording: { zh: '录音录像', en: 'Recording' },
};
/** Who may book a room: the whole district, its own unit (and units below), or anyone but only through approval. */
export const MEETING_BOOKABLE_BY = ['district', 'own_unit', 'approval_only'] as const;
export const MEETING_BOOKABLE_BY_LABELS: Record<(typeof MEETING_BOOKABLE_BY)[number], { zh: string; en: string }> = {
  district: { zh: '全区可订', en: 'Whole district' },
  own_unit: { zh: '仅本单位', en: 'Own unit only' },
  approval_only: { zh: '须经审批', en: 'Only through approval' },
};
/** Booking statuses. Only pending, booked and checked_in hold the room (the exclusion constraint's WHERE). */
export const MEETING_BOOKING_STATUSES = [
  'pending',
  'booked',
  'checked_in',
  'finished',
  'cancelled',
  'rejected',
  'expired',
  'no_show',
] as const;
export const MEETING_ACTIVE_STATUSES = ['pending', 'booked', 'checked_in'] as const;
export const MEETING_BOOKING_STATUS_LABELS: Record<(typeof MEETING_BOOKING_STATUSES)[number], { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'Pending approval' },
  booked: { zh: '已预订', en: 'Booked' },
  checked_in: { zh: '已签到', en: 'Checked in' },
  finished: { zh: '已结束', en: 'Finished' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  rejected: { zh: '未批准', en: 'Rejected' },
  expired: { zh: '审批超时释放', en: 'Expired' },
  no_show: { zh: '未签到释放', en: 'No-show released' },
};
/** 重要会议 / 一般会议. */
export const MEETING_LEVELS = ['important', 'ordinary'] as const;
export const MEETING_LEVEL_LABELS: Record<(typeof MEETING_LEVELS)[number], { zh: string; en: string }> = {
  important: { zh: '重要会议', en: 'Important' },
  ordinary: { zh: '一般会议', en: 'Ordinary' },
};
export const MEETING_RECURRENCES = ['weekly', 'monthly'] as const;
/** For a series: refuse the whole series when any occurrence conflicts, or book the free ones and list the rest. */
export const MEETING_CONFLICT_MODES = ['all_or_nothing', 'skip'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, bilingual('时间格式应为 HH:MM', 'time must be HH:MM'));
const weekday = z.number().int().min(1).max(7);
const periodOk = (v: { start?: string; end?: string }) => !v.start || !v.end || Date.parse(v.end) > Date.parse(v.start);
const periodIssue = { message: bilingual('结束时间须晚于开始时间', 'end must be after start'), path: ['end'] };
const attendees = z
  .number()
  .int()
  .min(1, bilingual('参会人数至少为 1', 'attendees must be at least 1'))
  .max(10_000, bilingual('参会人数过多', 'too many attendees'));
/** Query booleans arrive as text. */
const qBool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
/** A comma-separated list of equipment codes in a query (`projector,recording`). */
const qEquipment = z
  .string()
  .max(200)
  .transform((v, c) => {
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const e of list)
      if (!(MEETING_EQUIPMENT as readonly string[]).includes(e)) {
        c.addIssue({ code: 'custom', message: bilingual(`未知设备：${e}`, `unknown equipment: ${e}`) });
        return z.NEVER;
      }
    return list as (typeof MEETING_EQUIPMENT)[number][];
  })
  .optional();

// ---------- rooms ----------

const roomBase = {
  name: zText(60),
  /** The managing unit (会务服务中心's bureau, or a unit for its own rooms): the scope key. */
  orgId: ZRef,
  kind: z.enum(MEETING_ROOM_KINDS),
  /** Linked office-registry room (会议室 / 报告厅 / 多功能厅 / 接待室): building and floor are read from it. */
  officeRoomId: ZRef.nullish(),
  /** A registry building for a room not in the registry … */
  buildingId: ZRef.nullish(),
  /** … or a building named in text. */
  buildingName: zOptText(60),
  floor: zOptText(20),
  capacity: z
    .number()
    .int()
    .min(1, bilingual('容纳人数至少为 1', 'capacity must be at least 1'))
    .max(5000, bilingual('容纳人数不能超过 5000', 'capacity cannot exceed 5000')),
  layouts: z.array(z.enum(MEETING_LAYOUTS)).max(4),
  equipment: z.array(z.enum(MEETING_EQUIPMENT)).max(5),
  /** Opening hours, China time, on the listed ISO weekdays (1 = Monday). */
  openFrom: hhmm,
  openTo: hhmm,
  openWeekdays: z.array(weekday).min(1).max(7),
  /** Set-up minutes between two meetings (held after each meeting's end). */
  bufferMinutes: z
    .number()
    .int()
    .min(0, bilingual('布置时间不能为负', 'buffer cannot be negative'))
    .max(240, bilingual('布置时间不能超过 240 分钟', 'buffer cannot exceed 240 minutes')),
  bookableBy: z.enum(MEETING_BOOKABLE_BY),
  /** A booking needs approval: always, or (with `approvalAboveAttendees`) only above that many attendees. */
  requiresApproval: z.boolean(),
  approvalAboveAttendees: z.number().int().min(1).max(5000).nullish(),
  note: zOptText(500),
};
/** Creation: the same fields with their defaults (the update takes each as given, never a default). */
const roomFields = {
  ...roomBase,
  kind: roomBase.kind.default('meeting'),
  layouts: roomBase.layouts.default([]),
  equipment: roomBase.equipment.default([]),
  openFrom: roomBase.openFrom.default('08:00'),
  openTo: roomBase.openTo.default('18:00'),
  openWeekdays: roomBase.openWeekdays.default([1, 2, 3, 4, 5]),
  bufferMinutes: roomBase.bufferMinutes.default(0),
  bookableBy: roomBase.bookableBy.default('district'),
  requiresApproval: roomBase.requiresApproval.default(false),
};
const openOk = (v: { openFrom?: string; openTo?: string }) => !v.openFrom || !v.openTo || v.openTo > v.openFrom;
const openIssue = { message: bilingual('结束时间须晚于开放时间', 'closing must be after opening'), path: ['openTo'] };
export const ZMeetingRoomCreateSchema = z.object(roomFields).refine(openOk, openIssue);
export const ZMeetingRoomUpdateSchema = z.object(roomBase).partial().extend({ active: z.boolean().optional() }).refine(openOk, openIssue);
export const ZMeetingRoomSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  kind: z.enum(MEETING_ROOM_KINDS),
  officeRoomId: z.number().int().nullable(),
  buildingId: z.number().int().nullable(),
  /** The building's name (registry building, linked room's building or the text). */
  building: z.string().nullable(),
  floor: z.string().nullable(),
  capacity: z.number().int(),
  layouts: z.array(z.enum(MEETING_LAYOUTS)),
  equipment: z.array(z.enum(MEETING_EQUIPMENT)),
  openFrom: z.string(),
  openTo: z.string(),
  openWeekdays: z.array(z.number().int()),
  bufferMinutes: z.number().int(),
  bookableBy: z.enum(MEETING_BOOKABLE_BY),
  requiresApproval: z.boolean(),
  approvalAboveAttendees: z.number().int().nullable(),
  active: z.boolean(),
  note: z.string().nullable(),
  /** The caller may change the room (and its display tokens). */
  canManage: z.boolean(),
  /** The caller may book it (bookable-by rule). */
  canBook: z.boolean(),
});
export const ZMeetingRoomQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  orgId: ZId.optional(),
  building: z.string().trim().max(60).optional(),
  kind: z.enum(MEETING_ROOM_KINDS).optional(),
  minCapacity: z.coerce.number().int().min(1).max(5000).optional(),
  equipment: qEquipment,
  active: qBool,
  /** Only rooms the caller may book. */
  bookable: qBool,
  /** A column, '-column' for descending (the tables' convention); `order` is the older spelling of the direction. */
  sort: z.enum(['name', '-name', 'capacity', '-capacity', 'building', '-building']).default('building'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** Office-registry rooms that may become meeting rooms (uses 会议室 / 接待室 …), for the link picker. */
export const ZOfficeRoomCandidateQuerySchema = z.object({ orgId: ZId.optional(), q: z.string().trim().max(60).optional() });
export const ZOfficeRoomCandidateSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  orgId: z.number().int(),
  useType: z.string(),
  area: z.number(),
  buildingId: z.number().int(),
  building: z.string(),
  floor: z.string(),
  /** Already a meeting room (its id). */
  meetingRoomId: z.number().int().nullable(),
});

// ---------- bookings ----------

/** A booking as a slot on a calendar. `title` is null when the caller may not see it (busy only). */
export const ZMeetingSlotSchema = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  start: z.string(),
  end: z.string(),
  /** end + the room's buffer: the room is held until then. */
  heldUntil: z.string(),
  status: z.enum(MEETING_BOOKING_STATUSES),
  level: z.enum(MEETING_LEVELS),
  title: z.string().nullable(),
  orgName: z.string().nullable(),
  attendees: z.number().int(),
  seriesId: z.number().int().nullable(),
  /** The caller organised it. */
  mine: z.boolean(),
});

const recurrence = z.object({
  freq: z.enum(MEETING_RECURRENCES),
  /** Every n weeks / months. */
  interval: z.number().int().min(1).max(12).default(1),
  /** Occurrences in all (the rule's maximum, 200, applies) … */
  count: z.number().int().min(1).max(10_000).optional(),
  /** … or the last day (inclusive). */
  until: ZIsoDate.optional(),
});
const bookingCore = {
  roomId: ZRef,
  title: zText(120),
  start: ZIsoTime,
  end: ZIsoTime,
  attendees,
  level: z.enum(MEETING_LEVELS).default('ordinary'),
  /** The organiser (a person); default the caller's own person. */
  organiserId: ZRef.nullish(),
  /** The organising unit (scope key); default the caller's unit. */
  orgId: ZRef.nullish(),
  layout: z.enum(MEETING_LAYOUTS).nullish(),
  note: zOptText(500),
};
export const ZMeetingBookingCreateSchema = z.object(bookingCore).refine(periodOk, periodIssue);
export const ZMeetingSeriesCreateSchema = z
  .object({ ...bookingCore, recurrence, conflictMode: z.enum(MEETING_CONFLICT_MODES).default('all_or_nothing') })
  .refine(periodOk, periodIssue)
  .refine((v) => v.recurrence.count !== undefined || v.recurrence.until !== undefined, {
    message: bilingual('请给出次数或截止日期', 'give a count or an end date'),
    path: ['recurrence'],
  });
export const ZMeetingBookingUpdateSchema = z
  .object({
    title: zText(120).optional(),
    start: ZIsoTime.optional(),
    end: ZIsoTime.optional(),
    attendees: attendees.optional(),
    level: z.enum(MEETING_LEVELS).optional(),
    layout: z.enum(MEETING_LAYOUTS).nullish(),
    note: zOptText(500),
  })
  .refine(periodOk, periodIssue);
export const ZMeetingBookingSchema = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  roomName: z.string(),
  building: z.string().nullable(),
  title: z.string(),
  organiserId: z.number().int().nullable(),
  organiserName: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  heldUntil: z.string(),
  attendees: z.number().int(),
  level: z.enum(MEETING_LEVELS),
  layout: z.enum(MEETING_LAYOUTS).nullable(),
  status: z.enum(MEETING_BOOKING_STATUSES),
  seriesId: z.number().int().nullable(),
  approvalInstanceId: z.number().int().nullable(),
  /** Until when a pending booking holds the room before it is released. */
  pendingUntil: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  signedIn: z.number().int(),
  mine: z.boolean(),
  /** What the caller may do now. */
  canEdit: z.boolean(),
  canCancel: z.boolean(),
  canCheckIn: z.boolean(),
  canFinish: z.boolean(),
  /** The check-in window: from … until (null when not checkable). */
  checkInFrom: z.string().nullable(),
  checkInUntil: z.string().nullable(),
});
export const ZMeetingBookingQuerySchema = ZPageQuerySchema.extend({
  /** Only the caller's own (organised or created) bookings. */
  mine: qBool,
  roomId: ZId.optional(),
  orgId: ZId.optional(),
  seriesId: ZId.optional(),
  status: z.enum(MEETING_BOOKING_STATUSES).optional(),
  level: z.enum(MEETING_LEVELS).optional(),
  q: z.string().trim().max(60).optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  /** A column, '-column' for descending (the tables' convention); `order` is the older spelling of the direction. */
  sort: z.enum(['start', '-start', 'created', '-created']).default('start'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const ZMeetingCancelSchema = z.object({ reason: zOptText(200) });

/** The created occurrences of a series and what was skipped (conflicts, closed days). */
export const ZMeetingSeriesResultSchema = z.object({
  seriesId: z.number().int(),
  created: z.array(z.object({ id: z.number().int(), start: z.string(), end: z.string(), status: z.enum(MEETING_BOOKING_STATUSES) })),
  skipped: z.array(z.object({ date: z.string(), start: z.string(), end: z.string(), reason: z.string() })),
});
export const ZMeetingSeriesSchema = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  roomName: z.string(),
  title: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  organiserId: z.number().int().nullable(),
  freq: z.enum(MEETING_RECURRENCES),
  interval: z.number().int(),
  firstDate: z.string(),
  lastDate: z.string(),
  level: z.enum(MEETING_LEVELS),
  attendees: z.number().int(),
  occurrences: z.array(ZMeetingSlotSchema),
  canEdit: z.boolean(),
});
/** Change or cancel a whole series (no `fromDate`) or its occurrences from a day on. */
export const ZMeetingSeriesUpdateSchema = z.object({
  fromDate: ZIsoDate.optional(),
  title: zText(120).optional(),
  attendees: attendees.optional(),
  level: z.enum(MEETING_LEVELS).optional(),
  /** New clock times (China time) for every affected occurrence. */
  startTime: hhmm.optional(),
  endTime: hhmm.optional(),
});
export const ZMeetingSeriesCancelSchema = z.object({ fromDate: ZIsoDate.optional(), reason: zOptText(200) });

// ---------- availability and views ----------

export const ZMeetingAvailabilityQuerySchema = z
  .object({
    start: ZIsoTime,
    end: ZIsoTime,
    attendees: z.coerce.number().int().min(1).max(10_000).default(1),
    equipment: qEquipment,
    building: z.string().trim().max(60).optional(),
    kind: z.enum(MEETING_ROOM_KINDS).optional(),
  })
  .refine(periodOk, periodIssue);
export const ZMeetingAvailableRoomSchema = ZMeetingRoomSchema.extend({
  /** Seats left over (capacity − attendees): the smallest that fits comes first. */
  spareSeats: z.number().int(),
  /** A booking of this window would wait for approval. */
  needsApproval: z.boolean(),
});
export const ZMeetingDayQuerySchema = z.object({
  date: ZIsoDate,
  building: z.string().trim().max(60).optional(),
  orgId: ZId.optional(),
});
export const ZMeetingDayViewSchema = z.object({
  date: z.string(),
  /** The hours the grid spans (earliest opening to latest closing of the rooms shown), HH:MM. */
  from: z.string(),
  to: z.string(),
  buildings: z.array(z.string()),
  rooms: z.array(z.object({ room: ZMeetingRoomSchema, slots: z.array(ZMeetingSlotSchema) })),
});
export const ZMeetingWeekQuerySchema = z.object({ start: ZIsoDate });
export const ZMeetingWeekViewSchema = z.object({
  room: ZMeetingRoomSchema,
  days: z.array(z.string()),
  slots: z.array(ZMeetingSlotSchema),
});

// ---------- attendance ----------

export const ZMeetingSignInCodeSchema = z.object({
  bookingId: z.number().int(),
  token: z.string(),
  /** The web path the QR opens (signed-in staff sign in there). */
  path: z.string(),
});
export const ZMeetingSignInSchema = z.object({ token: z.string().trim().min(16).max(100) });
export const ZMeetingSignInQuerySchema = ZMeetingSignInSchema;
/** What the sign-in page shows before the tap: the meeting behind the QR and whether sign-in is open now. */
export const ZMeetingSignInPreviewSchema = z.object({
  bookingId: z.number().int(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  roomName: z.string(),
  /** Sign-in is open from the rule's minutes before the start until the end, for a meeting that is held. */
  open: z.boolean(),
  opensAt: z.string(),
  /** The caller has signed in already. */
  signedIn: z.boolean(),
});
export const ZMeetingSignInResultSchema = z.object({
  bookingId: z.number().int(),
  title: z.string(),
  signedInAt: z.string(),
  /** Already signed in before (once per person). */
  already: z.boolean(),
});
export const ZMeetingAttendanceSchema = z.object({
  bookingId: z.number().int(),
  title: z.string(),
  start: z.string(),
  roomName: z.string(),
  items: z.array(z.object({ personId: z.number().int(), name: z.string(), orgName: z.string().nullable(), signedInAt: z.string() })),
});

// ---------- door display ----------

export const ZDisplayTokenCreateSchema = z.object({ roomId: ZRef, label: zText(60) });
export const ZDisplayTokenSchema = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  roomName: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** Answer of a creation: the token in clear, shown once (only its hash is stored), and the display's URL path. */
export const ZDisplayTokenCreatedSchema = ZDisplayTokenSchema.extend({ token: z.string(), path: z.string() });
export const ZDisplayTokenQuerySchema = z.object({ roomId: ZId.optional() });
export const ZDisplayQuerySchema = z.object({ token: z.string().trim().min(16).max(100) });
export const ZDisplaySlotSchema = z.object({
  start: z.string(),
  end: z.string(),
  status: z.enum(MEETING_BOOKING_STATUSES),
  /** Null for an important meeting (a door shows no title of those). */
  title: z.string().nullable(),
  orgName: z.string().nullable(),
});
export const ZDisplaySchema = z.object({
  room: z.object({
    id: z.number().int(),
    name: z.string(),
    building: z.string().nullable(),
    floor: z.string().nullable(),
    capacity: z.number().int(),
  }),
  now: z.string(),
  busy: z.boolean(),
  current: ZDisplaySlotSchema.nullable(),
  next: ZDisplaySlotSchema.nullable(),
  /** Free until (the next booking's start), null when busy or nothing else today. */
  freeUntil: z.string().nullable(),
  today: z.array(ZDisplaySlotSchema),
  /** What the QR points to: the organiser's check-in page (when a meeting may be checked in now) or the booking page for the free time. */
  qr: z.object({ kind: z.enum(['check_in', 'book']), path: z.string() }),
});

// ---------- statistics ----------

export const ZMeetingStatsQuerySchema = z
  .object({ from: ZIsoMonth, to: ZIsoMonth, orgId: ZId.optional(), building: z.string().trim().max(60).optional() })
  .refine((v) => v.to >= v.from, { message: bilingual('结束月份须不早于开始月份', 'to must not be before from'), path: ['to'] })
  .refine((v) => Number(v.to.slice(0, 4)) * 12 + Number(v.to.slice(5)) - (Number(v.from.slice(0, 4)) * 12 + Number(v.from.slice(5))) < 24, {
    message: bilingual('统计区间不能超过 24 个月', 'at most 24 months'),
    path: ['to'],
  });
export const ZMeetingStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({ month: z.string(), important: z.number().int(), ordinary: z.number().int() })),
  rooms: z.array(
    z.object({
      roomId: z.number().int(),
      name: z.string(),
      building: z.string().nullable(),
      openHours: z.number(),
      bookedHours: z.number(),
      usedHours: z.number(),
      /** booked / open, used / open (0..1; null without opening hours). */
      bookedRate: z.number().nullable(),
      usedRate: z.number().nullable(),
    }),
  ),
  /** Room × ISO weekday (1 = Monday): booked hours against opening hours. */
  heat: z.array(z.object({ roomId: z.number().int(), weekday: z.number().int(), bookedHours: z.number(), openHours: z.number() })),
  noShows: z.array(
    z.object({ orgId: z.number().int(), orgName: z.string().nullable(), noShows: z.number().int(), bookings: z.number().int() }),
  ),
});
