import { sql } from 'drizzle-orm';
import { type CoreServices, type ModuleDemoContext, defineJob, defineModule, queryRows } from '../../core';
import { AttendanceService } from './attendance.service';
import { BookingService, MEETING_BOOKING_BUSINESS_TYPE } from './bookings.service';
import { MEETINGS_AUDIT } from './meetings.audit';
import { seedMeetingsDemo } from './meetings.demo';
import { M } from './meetings.messages';
import { MEETING_GRANTS, MEETING_ROLES, MP } from './meetings.permissions';
import { type MeetingServices, meetingRoutes } from './meetings.routes';
import { MEETING_RULE_TABLES } from './meetings.ruletables';
import { MEETING_SEARCH, MEETING_WORKBENCH } from './meetings.workbench';
import { RoomService } from './rooms.service';
import { MeetingStatisticsService } from './statistics.service';
import { ViewService } from './views.service';

export { MP as MEETING_PERMISSIONS } from './meetings.permissions';
export type { MeetingServices } from './meetings.routes';
/** For other modules (meeting services, plans, training): a booking's facts in the caller's scope, or null. */
export { meetingBookingFacts } from './bookings.service';
export { MEETING_RULE_TABLES } from './meetings.ruletables';

/** The module's services over one database (the app, the demo loader and the bench use it). */
export function createMeetingServices(core: CoreServices): MeetingServices {
  return {
    rooms: new RoomService(core),
    bookings: new BookingService(core),
    views: new ViewService(core),
    attendance: new AttendanceService(core),
    statistics: new MeetingStatisticsService(core),
  };
}

/** The two demo accounts: the bureau's 会务服务中心 and one of its service staff. */
async function addMeetingDemoAccounts(_core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  await ctx.createAccounts([
    { username: 'meeting_desk', displayName: '会务服务中心', orgId: ctx.bureau.id, roleCode: 'meeting_desk' },
    { username: 'meeting_staff', displayName: '会务服务人员', orgId: ctx.bureau.id, roleCode: 'meeting_staff' },
  ]);
}

/** Meeting-room booking (会议室预订): rooms, availability, bookings and series, approval, check-in, door displays, statistics. */
export const meetingsModule = defineModule({
  name: 'meetings',
  audit: MEETINGS_AUDIT,
  titleZh: '会议室预订',
  titleEn: 'Meeting rooms',
  permissions: [MP],
  messages: [M],
  roles: MEETING_ROLES,
  grants: MEETING_GRANTS,
  ruleTables: MEETING_RULE_TABLES,
  businessTypes: [MEETING_BOOKING_BUSINESS_TYPE],
  workbench: MEETING_WORKBENCH,
  search: MEETING_SEARCH,
  // Every five minutes: pending bookings past their approval time and meetings not checked in
  // within the window release their rooms (the rule's minutes, so a slot is free again soon).
  jobs: (core) => [
    defineJob({
      name: 'meetings.release',
      titleZh: '释放超时未审批和未签到的会议室',
      titleEn: 'Release expired and no-show meeting bookings',
      schedule: { kind: 'every', minutes: 5 },
      run: async ({ db }) => new BookingService(core).releaseDue(db),
      describe: (r) => ({
        zh: `审批超时释放 ${r.expired} 个，未签到释放 ${r.noShows} 个`,
        en: `${r.expired} expired, ${r.noShows} no-shows released`,
      }),
    }),
  ],
  // A unit managing meeting rooms or organising bookings is never hard-deleted.
  orgReferences: [
    async (db, orgId) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select (select count(*) from meeting_rooms where org_id = ${orgId}) + (select count(*) from meeting_bookings where org_id = ${orgId}) as n`,
      );
      return Number(r?.n ?? 0);
    },
  ],
  personReferences: [
    async (db, personId) => {
      const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_bookings where organiser_id = ${personId}`);
      return Number(r?.n ?? 0);
    },
  ],
  routes: async (app, core) => {
    await app.register(meetingRoutes, { svc: createMeetingServices(core) });
  },
  demo: { seed: seedMeetingsDemo, accounts: addMeetingDemoAccounts },
});

/**
 * For the meeting-services module (through this index only): a read model of bookings with
 * their room's name, one row per booking, that the reader joins inside its own statement (its
 * lists sort by the meeting's start). Callers filter on tenant_id first. The columns listed
 * are the published contract: add one here rather than naming the tables.
 */
export const meetingBookingsView = () =>
  sql`(select b.id, b.tenant_id, b.org_id, b.room_org_id, b.title, b.start_at, b.end_at, b.level, b.status, b.attendees, b.created_by,
    r.name as room_name from meeting_bookings b join meeting_rooms r on r.id = b.room_id)`;
