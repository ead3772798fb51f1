import { sql } from 'drizzle-orm';
import { type SearchSource, type WorkbenchCounter, countRows, addDays, cnDayStart, cnToday, inScope, queryRows } from '../../core';
import { VP } from './vehicles.permissions';

/** The dispatcher's and the driver's to-dos (the home page's counters). */
export const VEHICLE_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'vehicles.toDispatch',
    zh: '待派车',
    en: 'Trips to dispatch',
    permissions: [VP['vehicles.dispatch']],
    order: 20,
    // The dispatch desk lists exactly the approved requests waiting for a vehicle.
    link: '/vehicles/dispatch',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from vehicle_trip_requests t
              where t.tenant_id = ${ctx.tenantId} and t.status = 'approved'
                and ${inScope(ctx, VP['vehicles.dispatch'], sql`t.org_id`, sql`t.tenant_id`)}`,
      ),
  },
  {
    key: 'vehicles.todayTrips',
    zh: '今日出车',
    en: "Today's trips",
    permissions: [VP['vehicles.drive']],
    // A driver is a person: an account without one (the dispatcher's) drives nothing.
    visible: (ctx) => ctx.account.personId !== null,
    order: 21,
    link: '/vehicles/request?tab=drive',
    count: async (db, ctx) => {
      // Today's China day: the bookings starting in it, still to drive or on the road.
      const today = cnToday();
      return countRows(
        db,
        sql`select count(*)::int as n from vehicle_bookings b
              where b.tenant_id = ${ctx.tenantId} and b.driver_id = ${ctx.account.personId}
                and b.start_at >= ${cnDayStart(today).toISOString()}::timestamptz
                and b.start_at < ${cnDayStart(addDays(today, 1)).toISOString()}::timestamptz
                and b.status in ('booked','in_progress')`,
      );
    },
  },
];

/** Vehicles by plate, in the caller's read scope. */
export const VEHICLE_SEARCH: readonly SearchSource[] = [
  {
    key: 'vehicles',
    zh: '车辆',
    en: 'Vehicles',
    permissions: [VP['vehicles.read']],
    order: 30,
    search: async (db, ctx, q) => {
      // Plates are stored upper-case ("京A·12345" typed as "a12"): compare without case.
      const rows = await queryRows<{ id: number; plate: string; brand: string | null; model: string | null; org: string }>(
        db,
        sql`select v.id, v.plate, v.brand, v.model, o.name as org from vehicles v join orgs o on o.id = v.org_id
            where v.tenant_id = ${ctx.tenantId} and upper(v.plate) like upper(${q.contains}) and v.status <> 'disposed'
              and ${inScope(ctx, VP['vehicles.read'], sql`v.org_id`, sql`v.tenant_id`)}
            order by v.plate, v.id limit ${q.limit}`,
      );
      return rows.map((r) => ({
        title: r.plate,
        description: [r.brand, r.model, r.org].filter(Boolean).join(' · '),
        link: `/vehicles/register?id=${r.id}`,
      }));
    },
  },
];
