import type { FastifyInstance } from 'fastify';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { batchedRows, exportRows, mountRoutes, requireAuth, sendXlsx, streamXlsx } from '../../core';
import type { AttendanceService } from './attendance.service';
import type { BookingService } from './bookings.service';
import { ATTENDANCE_COLUMNS, BOOKING_EXPORT_COLUMNS, statisticsWorkbook, withWallTimes } from './meetings.excel';
import type { RoomService } from './rooms.service';
import type { MeetingStatisticsService } from './statistics.service';
import type { ViewService } from './views.service';

export type MeetingServices = {
  rooms: RoomService;
  bookings: BookingService;
  views: ViewService;
  attendance: AttendanceService;
  statistics: MeetingStatisticsService;
};

/** Thin HTTP layer: the routes are defined in the contract (meetingsApi), sign-in, one service call. */
export async function meetingRoutes(app: FastifyInstance, opts: { svc: MeetingServices }) {
  const { rooms, bookings, views, attendance, statistics } = opts.svc;

  mountRoutes(app, meetingsApi, {
    rooms: async (req) => rooms.list(requireAuth(req), req.query),
    createRoom: async (req) => rooms.create(requireAuth(req), req.body),
    officeRoomCandidates: async (req) => rooms.officeCandidates(requireAuth(req), req.query),
    buildings: async (req) => rooms.buildings(requireAuth(req)),
    room: async (req) => rooms.get(requireAuth(req), req.params.id),
    updateRoom: async (req) => rooms.update(requireAuth(req), req.params.id, req.body),
    roomWeek: async (req) => views.week(requireAuth(req), req.params.id, req.query),
    availability: async (req) => views.availability(requireAuth(req), req.query),
    day: async (req) => views.day(requireAuth(req), req.query),
    bookings: async (req) => bookings.list(requireAuth(req), req.query),
    exportBookings: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => bookings.list(ctx, { ...req.query, page, pageSize }));
      await bookings.audited(ctx, `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: BOOKING_EXPORT_COLUMNS,
        rows: (async function* () {
          for await (const r of src.rows) yield withWallTimes(r as { start: string; end: string });
        })(),
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Bookings' : '会议室预订',
        fileName: req.locale === 'en' ? 'meeting-bookings' : '会议室预订',
      });
    },
    createBooking: async (req) => bookings.create(requireAuth(req), req.body),
    booking: async (req) => bookings.get(requireAuth(req), req.params.id),
    updateBooking: async (req) => bookings.update(requireAuth(req), req.params.id, req.body),
    cancelBooking: async (req) => bookings.cancel(requireAuth(req), req.params.id, req.body.reason),
    checkIn: async (req) => bookings.checkIn(requireAuth(req), req.params.id),
    finishBooking: async (req) => bookings.finish(requireAuth(req), req.params.id),
    signInCode: async (req) => attendance.code(requireAuth(req), req.params.id),
    attendance: async (req) => attendance.list(requireAuth(req), req.params.id),
    exportAttendance: async (req, reply) => {
      const ctx = requireAuth(req);
      const l = await attendance.exportRows(ctx, req.params.id);
      const buf = await exportRows(ATTENDANCE_COLUMNS, l.rows, req.locale, req.locale === 'en' ? 'Attendance' : '签到表');
      return sendXlsx(reply, buf, req.locale === 'en' ? `attendance-${l.bookingId}` : `签到表-${l.title}`);
    },
    signInPreview: async (req) => attendance.preview(requireAuth(req), req.query.token),
    signIn: async (req) => attendance.signIn(requireAuth(req), req.body.token),
    createSeries: async (req) => bookings.createSeries(requireAuth(req), req.body),
    series: async (req) => bookings.series(requireAuth(req), req.params.id),
    updateSeries: async (req) => bookings.updateSeries(requireAuth(req), req.params.id, req.body),
    cancelSeries: async (req) => bookings.cancelSeries(requireAuth(req), req.params.id, req.body),
    displayTokens: async (req) => views.displayTokens(requireAuth(req), req.query),
    createDisplayToken: async (req) => views.createDisplayToken(requireAuth(req), req.body),
    revokeDisplayToken: async (req) => views.revokeDisplayToken(requireAuth(req), req.params.id),
    // The door display signs nobody in: the device token is its authority.
    display: async (req) => views.display(req.params.roomId, req.query.token, req.locale),
    statistics: async (req) => statistics.statistics(requireAuth(req), req.query),
    exportStatistics: async (req, reply) => {
      const ctx = requireAuth(req);
      const s = await statistics.statistics(ctx, req.query);
      return sendXlsx(
        reply,
        await statisticsWorkbook(s, req.locale),
        req.locale === 'en' ? `meeting-statistics-${s.from}-${s.to}` : `会议统计-${s.from}至${s.to}`,
      );
    },
  });
}
