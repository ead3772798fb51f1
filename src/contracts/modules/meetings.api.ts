import { z } from 'zod';
import { pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZDisplayQuerySchema,
  ZDisplaySchema,
  ZDisplayTokenCreatedSchema,
  ZDisplayTokenCreateSchema,
  ZDisplayTokenQuerySchema,
  ZDisplayTokenSchema,
  ZMeetingAttendanceSchema,
  ZMeetingAvailabilityQuerySchema,
  ZMeetingAvailableRoomSchema,
  ZMeetingBookingCreateSchema,
  ZMeetingBookingQuerySchema,
  ZMeetingBookingSchema,
  ZMeetingBookingUpdateSchema,
  ZMeetingCancelSchema,
  ZMeetingDayQuerySchema,
  ZMeetingDayViewSchema,
  ZMeetingRoomCreateSchema,
  ZMeetingRoomQuerySchema,
  ZMeetingRoomSchema,
  ZMeetingRoomUpdateSchema,
  ZMeetingSeriesCancelSchema,
  ZMeetingSeriesCreateSchema,
  ZMeetingSeriesResultSchema,
  ZMeetingSeriesSchema,
  ZMeetingSeriesUpdateSchema,
  ZMeetingSignInCodeSchema,
  ZMeetingSignInResultSchema,
  ZMeetingSignInSchema,
  ZMeetingSignInQuerySchema,
  ZMeetingSignInPreviewSchema,
  ZMeetingStatsQuerySchema,
  ZMeetingStatsSchema,
  ZMeetingWeekQuerySchema,
  ZMeetingWeekViewSchema,
  ZOfficeRoomCandidateQuerySchema,
  ZOfficeRoomCandidateSchema,
} from './meetings';

/**
 * The meetings module's HTTP routes (会议室预订), defined once for the server and the web.
 * Literal paths (`/meetings/rooms/export` …) are listed before their `:id` siblings.
 */
export const meetingsApi = defineRoutes('meetings', {
  // ---------- rooms ----------
  rooms: {
    method: 'GET',
    path: '/meetings/rooms',
    summary: 'Meeting rooms the caller may see (managed in scope or bookable), paged, with filters',
    query: ZMeetingRoomQuerySchema,
    response: pageOf(ZMeetingRoomSchema),
  },
  createRoom: {
    method: 'POST',
    path: '/meetings/rooms',
    summary: 'Add a meeting room (linked to an office-registry room or standalone)',
    body: ZMeetingRoomCreateSchema,
    response: ZMeetingRoomSchema,
    status: 201,
  },
  officeRoomCandidates: {
    method: 'GET',
    path: '/meetings/rooms/office-candidates',
    summary: 'Office-registry rooms used as 会议室 / 接待室 in the caller’s managing scope (at most 50, searched by q)',
    query: ZOfficeRoomCandidateQuerySchema,
    response: z.object({ items: z.array(ZOfficeRoomCandidateSchema) }),
  },
  buildings: {
    method: 'GET',
    path: '/meetings/buildings',
    summary: 'The buildings that have meeting rooms the caller may see (a district has few: answered whole)',
    response: z.object({ items: z.array(z.string()) }),
  },
  room: { method: 'GET', path: '/meetings/rooms/:id', response: ZMeetingRoomSchema },
  updateRoom: { method: 'PATCH', path: '/meetings/rooms/:id', body: ZMeetingRoomUpdateSchema, response: ZMeetingRoomSchema },
  roomWeek: {
    method: 'GET',
    path: '/meetings/rooms/:id/week',
    summary: 'A room’s week (seven China days from start)',
    query: ZMeetingWeekQuerySchema,
    response: ZMeetingWeekViewSchema,
  },

  // ---------- availability and day view ----------
  availability: {
    method: 'GET',
    path: '/meetings/availability',
    summary: 'Rooms free for [start, end) (buffers included) that hold the attendees and have the equipment, smallest that fits first',
    query: ZMeetingAvailabilityQuerySchema,
    response: z.object({ items: z.array(ZMeetingAvailableRoomSchema) }),
  },
  day: {
    method: 'GET',
    path: '/meetings/day',
    summary: 'A China day per building: rooms × hours with their bookings (titles only where the caller may see them)',
    query: ZMeetingDayQuerySchema,
    response: ZMeetingDayViewSchema,
  },

  // ---------- bookings ----------
  bookings: {
    method: 'GET',
    path: '/meetings/bookings',
    summary: 'Bookings in scope, or (mine=true) the caller’s own',
    query: ZMeetingBookingQuerySchema,
    response: pageOf(ZMeetingBookingSchema),
  },
  exportBookings: {
    method: 'GET',
    path: '/meetings/bookings/export',
    kind: 'download',
    summary: 'The filtered bookings as Excel',
    query: ZMeetingBookingQuerySchema.omit({ page: true, pageSize: true }),
  },
  createBooking: {
    method: 'POST',
    path: '/meetings/bookings',
    summary:
      'Book a room for [start, end); the room stays held until end + its buffer. 409 naming the conflicting time when taken; pending when the room needs approval',
    body: ZMeetingBookingCreateSchema,
    response: ZMeetingBookingSchema,
    status: 201,
  },
  booking: { method: 'GET', path: '/meetings/bookings/:id', response: ZMeetingBookingSchema },
  updateBooking: {
    method: 'PATCH',
    path: '/meetings/bookings/:id',
    summary: 'Change a booking still to come (new times re-checked by the database)',
    body: ZMeetingBookingUpdateSchema,
    response: ZMeetingBookingSchema,
  },
  cancelBooking: {
    method: 'POST',
    path: '/meetings/bookings/:id/cancel',
    summary: 'Cancel a booking (releases the room)',
    body: ZMeetingCancelSchema,
    response: ZMeetingBookingSchema,
  },
  checkIn: {
    method: 'POST',
    path: '/meetings/bookings/:id/check-in',
    summary: 'The organiser checks in within the window after the start (rule meeting_rules)',
    response: ZMeetingBookingSchema,
  },
  finishBooking: {
    method: 'POST',
    path: '/meetings/bookings/:id/finish',
    summary: 'Finish early: the rest of the time is released',
    response: ZMeetingBookingSchema,
  },
  signInCode: {
    method: 'GET',
    path: '/meetings/bookings/:id/sign-in-code',
    summary: 'The meeting’s attendee sign-in token and the path its QR opens (organiser and service desk)',
    response: ZMeetingSignInCodeSchema,
  },
  attendance: {
    method: 'GET',
    path: '/meetings/bookings/:id/attendance',
    summary: 'Who signed in (a meeting has at most its attendees: answered whole)',
    response: ZMeetingAttendanceSchema,
  },
  exportAttendance: {
    method: 'GET',
    path: '/meetings/bookings/:id/attendance/export',
    kind: 'download',
    summary: 'The attendance list as Excel',
  },
  signInPreview: {
    method: 'GET',
    path: '/meetings/sign-in',
    summary: 'The meeting behind a sign-in token (title, time, room), whether sign-in is open and whether the caller has signed in',
    query: ZMeetingSignInQuerySchema,
    response: ZMeetingSignInPreviewSchema,
  },
  signIn: {
    method: 'POST',
    path: '/meetings/sign-in',
    summary: 'A signed-in member of staff signs in to a meeting with its token (once per person)',
    body: ZMeetingSignInSchema,
    response: ZMeetingSignInResultSchema,
  },

  // ---------- series ----------
  createSeries: {
    method: 'POST',
    path: '/meetings/series',
    summary:
      'A weekly or monthly series (at most the rule’s occurrences): all or nothing (409 listing the dates) or skipping the conflicts',
    body: ZMeetingSeriesCreateSchema,
    response: ZMeetingSeriesResultSchema,
    status: 201,
  },
  series: { method: 'GET', path: '/meetings/series/:id', response: ZMeetingSeriesSchema },
  updateSeries: {
    method: 'PATCH',
    path: '/meetings/series/:id',
    summary: 'Change a series as a whole or from a day on (every changed occurrence re-checked; 409 listing the dates)',
    body: ZMeetingSeriesUpdateSchema,
    response: ZMeetingSeriesSchema,
  },
  cancelSeries: {
    method: 'POST',
    path: '/meetings/series/:id/cancel',
    summary: 'Cancel a series as a whole or from a day on',
    body: ZMeetingSeriesCancelSchema,
    response: ZMeetingSeriesSchema,
  },

  // ---------- door displays ----------
  displayTokens: {
    method: 'GET',
    path: '/meetings/display-tokens',
    summary: 'Door-display devices of the rooms the caller manages (few per room: answered whole)',
    query: ZDisplayTokenQuerySchema,
    response: z.object({ items: z.array(ZDisplayTokenSchema) }),
  },
  createDisplayToken: {
    method: 'POST',
    path: '/meetings/display-tokens',
    summary: 'A token for one door-display device (shown once; only its hash is stored)',
    body: ZDisplayTokenCreateSchema,
    response: ZDisplayTokenCreatedSchema,
    status: 201,
  },
  revokeDisplayToken: {
    method: 'POST',
    path: '/meetings/display-tokens/:id/revoke',
    response: ZDisplayTokenSchema,
  },
  display: {
    method: 'GET',
    path: '/meetings/display/:roomId',
    summary: 'The door display (no sign-in; authorised by the device token): now, next, free or busy, the QR’s target',
    query: ZDisplayQuerySchema,
    response: ZDisplaySchema,
  },

  // ---------- statistics ----------
  statistics: {
    method: 'GET',
    path: '/meetings/statistics',
    summary:
      'Meetings per month by level, room utilisation (booked and used hours against opening hours, room × weekday), no-shows by unit',
    query: ZMeetingStatsQuerySchema,
    response: ZMeetingStatsSchema,
  },
  exportStatistics: {
    method: 'GET',
    path: '/meetings/statistics/export',
    kind: 'download',
    summary: 'The statistics as Excel (one sheet each)',
    query: ZMeetingStatsQuerySchema,
  },
});
