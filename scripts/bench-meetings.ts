import { sql } from 'drizzle-orm';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';
import { addDays, cnToday } from '../src/server/core';
import { timed, withBenchApp } from './bench-harness';
import { TEST_PASSWORD, type TestApp, seedTestDistrict } from '../tests/helpers/app';

const ROOMS = 200;
/** 50 rooms in the first building (the day view's case), the rest spread over four more. */
const BIG_BUILDING = 50;

/**
 * Meeting rooms at district scale: 200 rooms with a year of bookings around today (three
 * meetings a working day in most rooms), then the availability search over every room, the day
 * view of a 50-room building, and 100 concurrent bookings of one room and slot.
 */
export async function benchMeetings(h: DatabaseHandle): Promise<string[]> {
  const out: string[] = [];
  await withBenchApp(h, 'meetings', async (app) => {
    const db = h.db;
    const t0 = performance.now();
    const d = await seedTestDistrict(app as TestApp);
    const tenant = d.bureau.tenantId;
    await db.execute(sql`insert into meeting_rooms (tenant_id, org_id, name, kind, building_name, floor, capacity, equipment, buffer_minutes)
      select ${tenant}, ${d.bureau.id}, '会议室' || g, 'meeting', case when g <= ${BIG_BUILDING} then '一号楼' else (2 + g % 4) || '号楼' end,
        (1 + g % 8) || 'F', 6 + (g * 37) % 60, case when g % 3 = 0 then '["projector","video_conference"]'::jsonb else '["projector"]'::jsonb end, 15
      from generate_series(1, ${ROOMS}) g`);
    const from = addDays(cnToday(), -182);
    // Three slots a working day (09:00–10:30, 14:00–15:30, 16:00–17:00 China time), most rooms busy in most.
    await db.execute(sql`insert into meeting_bookings (tenant_id, org_id, room_id, room_org_id, title, created_by, start_at, end_at, held_until,
        buffer_minutes, attendees, level, status, sign_in_token)
      select ${tenant}, ${d.unitA.id}, r.id, r.org_id, '业务会', ${d.accounts.manager},
        (${from}::date + day) + s.st - interval '8 hours', (${from}::date + day) + s.en - interval '8 hours',
        (${from}::date + day) + s.en + interval '15 minutes' - interval '8 hours', 15, 4, 'ordinary',
        case when day < 182 then 'finished' else 'booked' end, md5(r.id || '-' || day || '-' || s.k)
      from meeting_rooms r cross join generate_series(0, 364) day
      cross join (values (0, time '09:00', time '10:30'), (1, time '14:00', time '15:30'), (2, time '16:00', time '17:00')) s(k, st, en)
      where extract(isodow from ${from}::date + day) < 6 and ((r.id * 7919 + day * 104729 + s.k * 15485863) % 10) < 7`);
    await db.execute(sql`analyze`);
    const [t] = await queryRows<{ rooms: number; bookings: number }>(
      db,
      sql`select (select count(*)::int from meeting_rooms) as rooms, (select count(*)::int from meeting_bookings) as bookings`,
    );
    out.push(`seeded ${t!.rooms} rooms, ${t!.bookings} bookings over 365 days in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'manager', password: TEST_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken as string;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const day = addDays(cnToday(), 14);
    const w = `start=${encodeURIComponent(`${day}T10:00:00+08:00`)}&end=${encodeURIComponent(`${day}T11:00:00+08:00`)}`;
    const first = await get(`/api/v1/meetings/availability?${w}&attendees=8`);
    const n = first.json().items.length as number;
    const avail = await timed(() => get(`/api/v1/meetings/availability?${w}&attendees=8`));
    out.push(
      `GET /meetings/availability, 1-hour window, ${ROOMS} rooms: ${n} free and fitting, ${avail.toFixed(0)} ms (median of 7; target < 100 ms)`,
    );
    const eq = await timed(() => get(`/api/v1/meetings/availability?${w}&attendees=20&equipment=video_conference`));
    out.push(`GET /meetings/availability with 20 attendees and video conference: ${eq.toFixed(0)} ms`);
    const dv = await get(`/api/v1/meetings/day?date=${day}&building=${encodeURIComponent('一号楼')}`);
    const dayView = await timed(() => get(`/api/v1/meetings/day?date=${day}&building=${encodeURIComponent('一号楼')}`));
    out.push(
      `GET /meetings/day, one building (${dv.json().rooms.length} rooms, ${dv.json().rooms.reduce((s: number, r: { slots: unknown[] }) => s + r.slots.length, 0)} bookings): ${dayView.toFixed(0)} ms (target < 200 ms)`,
    );

    // 100 concurrent attempts on one free room and slot: exactly one 201.
    const free = first.json().items[0] as { id: number };
    const attempt = (i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/meetings/bookings',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { roomId: free.id, title: `并发${i}`, attendees: 4, start: `${day}T10:00:00+08:00`, end: `${day}T11:00:00+08:00` },
      });
    const c0 = performance.now();
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i)));
    const ms = performance.now() - c0;
    const codes = res.map((r) => r.statusCode);
    const ok = codes.filter((c) => c === 201).length;
    const conflicts = codes.filter((c) => c === 409).length;
    const other = codes.filter((c) => c !== 201 && c !== 409);
    out.push(
      `100 concurrent bookings of one room for one slot: ${ok} × 201, ${conflicts} × 409${other.length ? `, others: ${other.join(',')}` : ''} in ${ms.toFixed(0)} ms`,
    );
    if (ok !== 1 || conflicts !== 99) throw new Error(`concurrency: expected 1 × 201 and 99 × 409, got ${ok} and ${conflicts}`);
  });
  return out;
}
