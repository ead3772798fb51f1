import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZMeetingStatsQuerySchema } from '../../../contracts/modules/meetings';
import { type AuthContext, type CoreServices, addDays, cnDayStart, daysFromTo, inScope, num, queryRows, where } from '../../core';
import { MP } from './meetings.permissions';
import { isoWeekday, openMinutes } from './rules';

/** China local time of a timestamptz column in SQL without a time-zone database (PGlite has none): UTC + 8 h. */
const cn = (col: ReturnType<typeof sql>) => sql`((${col} at time zone 'UTC') + interval '8 hours')`;
const round1 = (h: number) => Math.round(h * 10) / 10;

/**
 * Meeting statistics: meetings held per month by level (the bureau's 重要 / 一般 counts),
 * room utilisation (booked and used hours against opening hours, and room × weekday), and
 * no-shows by organising unit. Read for the rooms and units in the caller's scope.
 */
export class MeetingStatisticsService {
  constructor(private readonly core: CoreServices) {}

  async statistics(ctx: AuthContext, q: z.infer<typeof ZMeetingStatsQuerySchema>) {
    if (!ctx.has(MP['meetings.read']) && !ctx.has(MP['meetings.manage'])) ctx.require(MP['meetings.read']);
    const db = this.core.db;
    const fromDay = `${q.from}-01`;
    const [ty, tm] = q.to.split('-').map(Number) as [number, number];
    const toDay = addDays(tm === 12 ? `${ty + 1}-01-01` : `${ty}-${String(tm + 1).padStart(2, '0')}-01`, -1);
    const start = cnDayStart(fromDay).toISOString();
    const end = cnDayStart(addDays(toDay, 1)).toISOString();
    const bookingScope = sql`(${inScope(ctx, MP['meetings.read'], sql`b.org_id`)} or ${inScope(ctx, MP['meetings.manage'], sql`b.room_org_id`)})`;
    const period = sql`b.start_at >= ${start}::timestamptz and b.start_at < ${end}::timestamptz`;
    const base = where([
      sql`b.tenant_id = ${ctx.tenantId}`,
      period,
      bookingScope,
      q.orgId ? sql`b.org_id in (select id from orgs where path like (select path from orgs where id = ${q.orgId}) || '%')` : undefined,
    ]);
    // Meetings held: booked, checked in or finished (a released or refused booking is no meeting).
    const months = await queryRows<{ month: string; level: string; n: number }>(
      db,
      sql`select to_char(${cn(sql`b.start_at`)}, 'YYYY-MM') as month, b.level, count(*)::int as n from meeting_bookings b
          where ${base} and b.status in ('booked','checked_in','finished') group by 1, 2 order by 1`,
    );
    const monthList: string[] = [];
    const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5)) - 1;
    for (let k = toIndex(q.from); k <= toIndex(q.to); k++) monthList.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
    const rooms = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.id, r.name, r.building_name, r.open_from, r.open_to, r.open_weekdays from meeting_rooms r
          where r.tenant_id = ${ctx.tenantId} and r.active
            and (${inScope(ctx, MP['meetings.read'], sql`r.org_id`)} or ${inScope(ctx, MP['meetings.manage'], sql`r.org_id`)})
            ${q.building ? sql`and r.building_name = ${q.building}` : sql``}
          order by r.building_name nulls last, r.name, r.id limit 500`,
    );
    const roomIds = rooms.map((r) => num(r.id));
    // Booked hours: what was reserved and not released before it began (no-shows included: the
    // room stood reserved); used hours: meetings checked in (finished ones until they finished).
    const usage = roomIds.length
      ? await queryRows<{ room_id: number; wd: number; booked: number; used: number }>(
          db,
          sql`select b.room_id, extract(isodow from ${cn(sql`b.start_at`)})::int as wd,
                sum(extract(epoch from (b.end_at - b.start_at))) filter (where b.status in ('booked','checked_in','finished','no_show')) / 3600.0 as booked,
                sum(extract(epoch from (b.end_at - b.start_at))) filter (where b.status in ('checked_in','finished')) / 3600.0 as used
              from meeting_bookings b where b.tenant_id = ${ctx.tenantId} and ${period} and b.room_id in ${roomIds}
              group by 1, 2`,
        )
      : [];
    const days = daysFromTo(fromDay, toDay);
    const roomStats = rooms.map((r) => {
      const room = {
        openFrom: String(r.open_from),
        openTo: String(r.open_to),
        openWeekdays: ((r.open_weekdays as number[]) ?? []).map(Number),
      };
      const openByWd = new Map<number, number>();
      for (const d of days) openByWd.set(isoWeekday(d), (openByWd.get(isoWeekday(d)) ?? 0) + openMinutes(room, d) / 60);
      const mine = usage.filter((u) => num(u.room_id) === num(r.id));
      const booked = mine.reduce((s, u) => s + Number(u.booked ?? 0), 0);
      const used = mine.reduce((s, u) => s + Number(u.used ?? 0), 0);
      const open = [...openByWd.values()].reduce((s, h) => s + h, 0);
      return {
        row: {
          roomId: num(r.id),
          name: String(r.name),
          building: (r.building_name as string) ?? null,
          openHours: round1(open),
          bookedHours: round1(booked),
          usedHours: round1(used),
          bookedRate: open > 0 ? Math.round((booked / open) * 1000) / 1000 : null,
          usedRate: open > 0 ? Math.round((used / open) * 1000) / 1000 : null,
        },
        heat: [1, 2, 3, 4, 5, 6, 7].map((wd) => ({
          roomId: num(r.id),
          weekday: wd,
          bookedHours: round1(Number(mine.find((u) => num(u.wd) === wd)?.booked ?? 0)),
          openHours: round1(openByWd.get(wd) ?? 0),
        })),
      };
    });
    const noShows = await queryRows<{ org_id: number; org_name: string | null; no_shows: number; bookings: number }>(
      db,
      sql`select b.org_id, o.name as org_name, count(*) filter (where b.status = 'no_show')::int as no_shows,
            count(*) filter (where b.status in ('booked','checked_in','finished','no_show'))::int as bookings
          from meeting_bookings b join orgs o on o.id = b.org_id where ${base}
          group by b.org_id, o.name having count(*) filter (where b.status = 'no_show') > 0 order by 3 desc, 1`,
    );
    return {
      from: q.from,
      to: q.to,
      months: monthList.map((month) => ({
        month,
        important: num(months.find((m) => m.month === month && m.level === 'important')?.n),
        ordinary: num(months.find((m) => m.month === month && m.level === 'ordinary')?.n),
      })),
      rooms: roomStats.map((r) => r.row),
      heat: roomStats.flatMap((r) => r.heat),
      noShows: noShows.map((n) => ({ orgId: num(n.org_id), orgName: n.org_name, noShows: num(n.no_shows), bookings: num(n.bookings) })),
    };
  }
}
