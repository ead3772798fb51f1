import { sql } from 'drizzle-orm';
import { type SearchSource, type WorkbenchCounter, addDays, cnDayStart, cnToday, countRows, inScope, queryRows } from '../../core';
import { MEETING_ROOM_KIND_LABELS } from '../../../contracts/modules/meetings';
import { MP } from './meetings.permissions';

const todayRange = () => {
  const today = cnToday();
  return sql`b.start_at >= ${cnDayStart(today).toISOString()}::timestamptz and b.start_at < ${cnDayStart(addDays(today, 1)).toISOString()}::timestamptz`;
};

/** The service centre's and every booker's to-dos (the home page's counters). */
export const MEETING_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'meetings.pendingBookings',
    zh: '待审批会议室预订',
    en: 'Room bookings to approve',
    permissions: [MP['meetings.manage']],
    order: 30,
    // The booking list filtered to pending ones in the rooms the caller manages.
    link: '/meetings/bookings?status=pending',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from meeting_bookings b
              where b.tenant_id = ${ctx.tenantId} and b.status = 'pending'
                and ${inScope(ctx, MP['meetings.manage'], sql`b.room_org_id`)}`,
      ),
  },
  {
    key: 'meetings.todayDesk',
    zh: '今日会议',
    en: "Today's meetings",
    permissions: [MP['meetings.manage'], MP['meetings.serve']],
    order: 31,
    link: '/meetings/bookings',
    // Today's meetings in the rooms the caller manages or serves, every status (the list of today).
    count: async (db, ctx) => ({
      count: await countRows(
        db,
        sql`select count(*)::int as n from meeting_bookings b
              where b.tenant_id = ${ctx.tenantId} and ${todayRange()}
                and (${inScope(ctx, MP['meetings.manage'], sql`b.room_org_id`)} or ${inScope(ctx, MP['meetings.serve'], sql`b.room_org_id`)})`,
      ),
      link: `/meetings/bookings?from=${cnToday()}&to=${cnToday()}`,
    }),
  },
  {
    key: 'meetings.myToday',
    zh: '我的今日会议',
    en: 'My meetings today',
    permissions: [MP['meetings.book']],
    order: 32,
    link: '/meetings/bookings?mine=true',
    // The caller's own meetings today (organised or booked), every status: the list of mine, today.
    count: async (db, ctx) => ({
      count: await countRows(
        db,
        sql`select count(*)::int as n from meeting_bookings b
              where b.tenant_id = ${ctx.tenantId} and ${todayRange()}
                and (b.created_by = ${ctx.account.id} ${ctx.account.personId ? sql`or b.organiser_id = ${ctx.account.personId}` : sql``})`,
      ),
      link: `/meetings/bookings?mine=true&from=${cnToday()}&to=${cnToday()}`,
    }),
  },
];

/** Meeting rooms by name or building, among the rooms the caller manages or reads (bookers find them in the search page). */
export const MEETING_SEARCH: readonly SearchSource[] = [
  {
    key: 'meetings.rooms',
    zh: '会议室',
    en: 'Meeting rooms',
    permissions: [MP['meetings.read'], MP['meetings.manage'], MP['meetings.book']],
    order: 35,
    search: async (db, ctx, q) => {
      const rows = await queryRows<{
        id: number;
        name: string;
        kind: string;
        building_name: string | null;
        floor: string | null;
        capacity: number;
      }>(
        db,
        sql`select r.id, r.name, r.kind, r.building_name, r.floor, r.capacity from meeting_rooms r
            where r.tenant_id = ${ctx.tenantId} and r.active and (r.name like ${q.contains} or r.building_name like ${q.contains})
              and (${inScope(ctx, MP['meetings.read'], sql`r.org_id`)} or ${inScope(ctx, MP['meetings.manage'], sql`r.org_id`)}
                   ${ctx.has(MP['meetings.book']) ? sql`or r.bookable_by <> 'own_unit' or r.org_id in (select id from orgs where ${sql`(select path from orgs where id = ${ctx.account.orgId})`} like path || '%')` : sql``})
            order by r.name, r.id limit ${q.limit}`,
      );
      const en = ctx.locale === 'en';
      return rows.map((r) => {
        const kind = MEETING_ROOM_KIND_LABELS[r.kind as keyof typeof MEETING_ROOM_KIND_LABELS];
        return {
          title: r.name,
          description: [kind ? (en ? kind.en : kind.zh) : null, r.building_name, r.floor, en ? `${r.capacity} seats` : `${r.capacity} 人`]
            .filter(Boolean)
            .join(' · '),
          link: `/meetings/rooms?id=${r.id}`,
        };
      });
    },
  },
];
