import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cnToday, queryRows } from '../../src/server/core';
import { resetClock, setClockForTests } from '../../src/server/core/util/dates';
import { type Session, type TestApp, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Meeting-room booking over HTTP, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL: the
 * acceptance API (rooms, bookings with the buffer held after each meeting, 409 naming the time,
 * capacity), bad input that changes nothing, another unit's room, series all-or-nothing and
 * skipping, approval holding the slot and its expiry, check-in, no-show and finishing early,
 * attendee sign-in, the door display's tokens, views, statistics, audit, and 100 concurrent
 * attempts on one slot. Meetings are placed a week ahead of the real clock (China days).
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitB: Session;
let staff: Session;
let desk: Session;
const B = '/api/v1/meetings';
const D = addDays(cnToday(), 7);
const at = (hm: string, day = D) => `${day}T${hm}:00+08:00`;
const id: Record<string, number> = {};

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
async function room(s: Session, body: Record<string, unknown>) {
  const r = await s.post(`${B}/rooms`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
const book = (s: Session, body: Record<string, unknown>) => s.post(`${B}/bookings`, { title: '业务会', attendees: 8, ...body });

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
  unitB = await login(app, 'unit_b');
  staff = await login(app, 'staff');
  desk = await addAccountWithRole(app, { username: 'desk', orgId: d.bureau.id, roleCode: 'meeting_desk' });
  // The staff account books as a person (organiser).
  const p = await manager.post('/api/v1/people', { name: '王会务', orgId: d.unitA.id, postLevel: '199' });
  expect(p.statusCode, p.body).toBe(200);
  await app.services.db.execute(sql`update accounts set person_id = ${p.json().id} where username = 'staff'`);
  staff = await login(app, 'staff');
});
afterAll(async () => {
  resetClock();
  await app?.close();
});

describe('acceptance: rooms and bookings', () => {
  it('creates a room (201 with id) and lists it', async () => {
    const r = await manager.post(`${B}/rooms`, {
      name: '第一会议室',
      orgId: d.bureau.id,
      capacity: 20,
      bufferMinutes: 15,
      requiresApproval: false,
    });
    expect(r.statusCode, r.body).toBe(201);
    id.room = r.json().id;
    expect(id.room).toBeGreaterThan(0);
    const list = await staff.get(`${B}/rooms`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((x: { id: number }) => x.id)).toContain(id.room);
    expect(list.json().items.find((x: { id: number }) => x.id === id.room)).toMatchObject({
      capacity: 20,
      bufferMinutes: 15,
      canBook: true,
      canManage: false,
    });
  });

  it('a booking ending 10:00 with a 15-minute buffer blocks a start before 10:15 and allows 10:15', async () => {
    const first = await book(staff, { roomId: id.room, title: '局长办公会', start: at('09:00'), end: at('10:00') });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'booked', heldUntil: new Date(at('10:15')).toISOString() });
    id.first = first.json().id;

    const early = await book(unitB, { roomId: id.room, start: at('10:10'), end: at('11:00') });
    expect(early.statusCode, early.body).toBe(409);
    const err = early.json().error;
    expect(err.code).toBe('MEETING_ROOM_TAKEN');
    expect(err.message).toContain(`${D} 09:00`);
    expect(err.message).toContain(`${D} 10:15`);
    // Unit B may not see unit A's meeting: the time, never the title.
    expect(err.message).not.toContain('局长办公会');
    expect(err.details.conflicts[0]).toMatchObject({ title: null, heldUntil: new Date(at('10:15')).toISOString() });

    // The organiser's own unit sees the title.
    const mine = await book(staff, { roomId: id.room, start: at('10:14'), end: at('11:00') });
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error.message).toContain('局长办公会');

    // Before: a meeting ending 08:50 holds the room until 09:05, into the first one.
    expect((await book(unitB, { roomId: id.room, start: at('08:00'), end: at('08:50') })).statusCode).toBe(409);
    const before = await book(unitB, { roomId: id.room, start: at('08:00'), end: at('08:45') });
    expect(before.statusCode, before.body).toBe(201);

    const next = await book(unitB, { roomId: id.room, start: at('10:15'), end: at('11:00') });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().status).toBe('booked');
  });

  it('attendees above the capacity: 400 naming the capacity', async () => {
    const r = await book(staff, { roomId: id.room, start: at('13:00'), end: at('14:00'), attendees: 21 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('MEETING_OVER_CAPACITY');
    expect(r.json().error.message).toContain('20');
    const en = await login(app, 'staff', undefined, 'en');
    expect(
      (await en.post(`${B}/bookings`, { roomId: id.room, title: 'x', start: at('13:00'), end: at('14:00'), attendees: 21 })).json().error
        .message,
    ).toContain('capacity');
  });
});

describe('bad input changes nothing', () => {
  it('refuses each with a clear 4xx', async () => {
    const own = await room(unitB, { name: '教育局会议室', orgId: d.unitB.id, capacity: 12, bookableBy: 'own_unit' });
    id.ownB = own;
    const before = { bookings: await count('meeting_bookings'), series: await count('meeting_series') };
    const far = addDays(cnToday(), 400);
    const cases: [string, string, Record<string, unknown>, number][] = [
      ['end before start', 'bookings', { roomId: id.room, title: 'x', attendees: 2, start: at('15:00'), end: at('14:00') }, 400],
      [
        'more than a year ahead',
        'bookings',
        { roomId: id.room, title: 'x', attendees: 2, start: at('09:00', far), end: at('10:00', far) },
        400,
      ],
      ['0 attendees', 'bookings', { roomId: id.room, title: 'x', attendees: 0, start: at('15:00'), end: at('16:00') }, 400],
      ['no offset', 'bookings', { roomId: id.room, title: 'x', attendees: 2, start: `${D}T15:00:00`, end: `${D}T16:00:00` }, 400],
      [
        'impossible date',
        'bookings',
        { roomId: id.room, title: 'x', attendees: 2, start: '2027-02-30T15:00:00+08:00', end: '2027-02-30T16:00:00+08:00' },
        400,
      ],
      ['NUL in the title', 'bookings', { roomId: id.room, title: 'a\u0000b', attendees: 2, start: at('15:00'), end: at('16:00') }, 400],
      ['huge room id', 'bookings', { roomId: 99999999999, title: 'x', attendees: 2, start: at('15:00'), end: at('16:00') }, 400],
      ['another unit’s own room', 'bookings', { roomId: own, title: 'x', attendees: 2, start: at('15:00'), end: at('16:00') }, 404],
      [
        'a series of 201 occurrences',
        'series',
        { roomId: id.room, title: 'x', attendees: 2, start: at('16:00'), end: at('17:00'), recurrence: { freq: 'weekly', count: 201 } },
        400,
      ],
      [
        'a series without count or end',
        'series',
        { roomId: id.room, title: 'x', attendees: 2, start: at('16:00'), end: at('17:00'), recurrence: { freq: 'weekly' } },
        400,
      ],
    ];
    for (const [name, path, body, status] of cases) {
      const r = await staff.post(`${B}/${path}`, body);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
      expect(r.json().error.message, name).toBeTruthy();
    }
    expect((await staff.post(`${B}/bookings`, {})).statusCode).toBe(400);
    expect((await manager.patch(`${B}/rooms/${id.room}`, {})).statusCode).toBe(400);
    expect(await count('meeting_bookings')).toBe(before.bookings);
    expect(await count('meeting_series')).toBe(before.series);
  });

  it('another unit’s room is not found for reading, changing or booking; not listed', async () => {
    expect((await staff.get(`${B}/rooms/${id.ownB}`)).statusCode).toBe(404);
    expect((await unitA.patch(`${B}/rooms/${id.ownB}`, { capacity: 99 })).statusCode).toBe(404);
    expect((await unitA.get(`${B}/rooms/${id.ownB}/week?start=${D}`)).statusCode).toBe(404);
    expect((await staff.get(`${B}/rooms?pageSize=200`)).json().items.map((x: { id: number }) => x.id)).not.toContain(id.ownB);
    // The bureau's desk manages the district: it sees and may change it.
    expect((await desk.get(`${B}/rooms/${id.ownB}`)).statusCode).toBe(200);
    // A unit cannot make a room for another unit.
    expect((await unitA.post(`${B}/rooms`, { name: 'x', orgId: d.unitB.id, capacity: 5 })).statusCode).toBe(404);
    // Staff cannot manage rooms at all.
    expect((await staff.post(`${B}/rooms`, { name: 'x', orgId: d.unitA.id, capacity: 5 })).statusCode).toBe(403);
    // Unit B's own booking is not readable by unit A.
    const b = await book(unitB, { roomId: id.ownB, start: at('15:00'), end: at('16:00') });
    expect(b.statusCode, b.body).toBe(201);
    expect((await unitA.get(`${B}/bookings/${b.json().id}`)).statusCode).toBe(404);
    expect((await staff.post(`${B}/bookings/${b.json().id}/cancel`, {})).statusCode).toBe(404);
  });
});

describe('lists sort on the server', () => {
  it("rooms by capacity either way and bookings by start either way, with the tables' -column convention", async () => {
    await manager.post(`${B}/rooms`, {
      name: '小会议室（排序）',
      orgId: d.bureau.id,
      capacity: 6,
      bufferMinutes: 0,
      requiresApproval: false,
    });
    await manager.post(`${B}/rooms`, {
      name: '大会议室（排序）',
      orgId: d.bureau.id,
      capacity: 90,
      bufferMinutes: 0,
      requiresApproval: false,
    });
    const caps = async (sort: string) =>
      (await manager.get(`${B}/rooms?sort=${sort}&pageSize=100`)).json().items.map((x: { capacity: number }) => x.capacity) as number[];
    const up = await caps('capacity');
    const down = await caps('-capacity');
    expect(up.length).toBeGreaterThanOrEqual(3);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(down).toEqual([...up].reverse());
    expect((await manager.get(`${B}/rooms?sort=-bogus`)).statusCode).toBe(400);
    const starts = async (sort: string) =>
      (await manager.get(`${B}/bookings?sort=${sort}&pageSize=100`))
        .json()
        .items.map((x: { start: string }) => Date.parse(x.start)) as number[];
    const asc = await starts('start');
    const desc = await starts('-start');
    expect(asc.length).toBeGreaterThanOrEqual(2);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });
});

describe('availability and views', () => {
  it('free rooms, smallest that fits first; a busy room is left out', async () => {
    const small = await room(manager, {
      name: '小会议室',
      orgId: d.bureau.id,
      capacity: 10,
      buildingName: '机关大楼',
      equipment: ['projector'],
    });
    const mid = await room(manager, {
      name: '中会议室',
      orgId: d.bureau.id,
      capacity: 30,
      buildingName: '机关大楼',
      equipment: ['projector', 'video_conference'],
    });
    id.small = small;
    const q = (s: string) =>
      staff.get(`${B}/availability?start=${encodeURIComponent(at('09:30'))}&end=${encodeURIComponent(at('10:30'))}${s}`);
    const r = await q('&attendees=8&building=机关大楼');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((x: { id: number }) => x.id)).toEqual([small, mid]);
    expect(r.json().items[0].spareSeats).toBe(2);
    // Equipment filters; the first room is busy then (09:00–10:15) and not offered.
    expect((await q('&attendees=8&equipment=video_conference')).json().items.map((x: { id: number }) => x.id)).toEqual([mid]);
    expect((await q('&attendees=8')).json().items.map((x: { id: number }) => x.id)).not.toContain(id.room);
    expect((await q('&attendees=8&equipment=teleporter')).statusCode).toBe(400);
  });

  it('day view per building and a room’s week: titles only where the caller may see them', async () => {
    const day = await unitB.get(`${B}/day?date=${D}`);
    expect(day.statusCode, day.body).toBe(200);
    const slots = day.json().rooms.find((x: { room: { id: number } }) => x.room.id === id.room).slots;
    expect(slots.length).toBe(3);
    expect(slots.find((s: { id: number }) => s.id === id.first).title).toBeNull();
    const staffDay = await staff.get(`${B}/day?date=${D}`);
    expect(staffDay.json().rooms.find((x: { room: { id: number } }) => x.room.id === id.room).slots[1].title).toBe('局长办公会');
    const byBuilding = await staff.get(`${B}/day?date=${D}&building=${encodeURIComponent('机关大楼')}`);
    expect(
      byBuilding
        .json()
        .rooms.map((x: { room: { name: string } }) => x.room.name)
        .sort(),
    ).toEqual(['中会议室', '小会议室']);
    const week = await staff.get(`${B}/rooms/${id.room}/week?start=${D}`);
    expect(week.statusCode).toBe(200);
    expect(week.json().days).toHaveLength(7);
    expect(week.json().slots).toHaveLength(3);
    const mine = await staff.get(`${B}/bookings?mine=true`);
    expect(mine.json().items.map((x: { id: number }) => x.id)).toContain(id.first);
  });
});

describe('series', () => {
  it('all or nothing lists the conflicting dates; skip books the free ones; edit and cancel from a date on', async () => {
    const start = at('14:00');
    const w3 = addDays(D, 14);
    const blocker = await book(unitB, { roomId: id.small, start: at('14:30', w3), end: at('15:00', w3) });
    expect(blocker.statusCode, blocker.body).toBe(201);
    const body = {
      roomId: id.small,
      title: '局务会',
      attendees: 9,
      level: 'important',
      start,
      end: at('15:00'),
      recurrence: { freq: 'weekly', count: 5 },
    };
    const before = await count('meeting_bookings');
    const all = await staff.post(`${B}/series`, body);
    expect(all.statusCode, all.body).toBe(409);
    expect(all.json().error.code).toBe('MEETING_SERIES_CONFLICTS');
    expect(all.json().error.message).toContain(w3);
    expect(await count('meeting_bookings')).toBe(before);

    const skip = await staff.post(`${B}/series`, { ...body, conflictMode: 'skip' });
    expect(skip.statusCode, skip.body).toBe(201);
    expect(skip.json().created).toHaveLength(4);
    expect(skip.json().skipped.map((x: { date: string }) => x.date)).toEqual([w3]);
    id.series = skip.json().seriesId;

    const renamed = await staff.patch(`${B}/series/${id.series}`, { title: '局务会议' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().occurrences.every((o: { title: string }) => o.title === '局务会议')).toBe(true);

    // Moving every occurrence to 14:30 collides with the blocker's neighbours? No: week 3 has no occurrence.
    const moved = await staff.patch(`${B}/series/${id.series}`, { fromDate: addDays(D, 21), startTime: '14:15', endTime: '15:15' });
    expect(moved.statusCode, moved.body).toBe(200);
    const w4 = moved
      .json()
      .occurrences.find(
        (o: { start: string }) =>
          o.start.startsWith(addDays(D, 21).slice(0, 10)) || o.start === new Date(at('14:15', addDays(D, 21))).toISOString(),
      );
    expect(w4.start).toBe(new Date(at('14:15', addDays(D, 21))).toISOString());

    const cancelled = await staff.post(`${B}/series/${id.series}/cancel`, { fromDate: addDays(D, 21) });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const statuses = cancelled.json().occurrences.map((o: { status: string }) => o.status);
    expect(statuses).toEqual(['booked', 'booked', 'cancelled', 'cancelled']);
    // Another unit may not change it.
    expect((await unitB.post(`${B}/series/${id.series}/cancel`, {})).statusCode).toBe(404);
  });
});

describe('approval', () => {
  it('a pending booking holds the slot; the desk approves it; another expires and releases the slot', async () => {
    id.hall = await room(manager, {
      name: '报告厅',
      orgId: d.bureau.id,
      kind: 'lecture_hall',
      capacity: 200,
      requiresApproval: true,
      bufferMinutes: 30,
    });
    const p = await book(staff, { roomId: id.hall, title: '全区培训会', attendees: 150, start: at('09:00'), end: at('11:00') });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().status).toBe('pending');
    expect(p.json().approvalInstanceId).toBeGreaterThan(0);
    expect((await book(unitB, { roomId: id.hall, start: at('10:00'), end: at('12:00') })).statusCode).toBe(409);

    const inbox = await desk.get('/api/v1/approvals/inbox');
    const item = inbox.json().items.find((x: { id: number }) => x.id === p.json().approvalInstanceId);
    expect(item, inbox.body).toBeTruthy();
    expect(JSON.stringify(item.summary)).toContain('报告厅');
    const ok = await desk.post(`/api/v1/approvals/${item.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await staff.get(`${B}/bookings/${p.json().id}`)).json().status).toBe('booked');

    // The room's manager books without approval.
    const direct = await book(manager, { roomId: id.hall, start: at('14:00'), end: at('15:00') });
    expect(direct.json().status).toBe('booked');

    // A pending one nobody decides is released after the rule's hours (48).
    const later = await book(staff, {
      roomId: id.hall,
      attendees: 100,
      start: at('09:00', addDays(D, 1)),
      end: at('10:00', addDays(D, 1)),
    });
    expect(later.json().status).toBe('pending');
    setClockForTests(Date.now() + 49 * 3_600_000);
    try {
      const admin = await login(app, 'admin');
      const run = await admin.post('/api/v1/jobs/meetings.release/run');
      expect(run.statusCode, run.body).toBeLessThan(300);
      const [r] = await queryRows<{ status: string }>(
        app.services.db,
        sql`select status from meeting_bookings where id = ${later.json().id}`,
      );
      expect(r!.status).toBe('expired');
    } finally {
      resetClock();
    }
    manager = await login(app, 'manager');
    staff = await login(app, 'staff');
    unitB = await login(app, 'unit_b');
    desk = await login(app, 'desk', 'Kestrel#2026x');
    const again = await book(unitB, {
      roomId: id.hall,
      attendees: 100,
      start: at('09:00', addDays(D, 1)),
      end: at('10:00', addDays(D, 1)),
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('check-in, no-show, finishing early, sign-in', () => {
  it('the organiser checks in within the window; finishing early releases the rest', async () => {
    const r = await room(manager, {
      name: '洽谈室',
      orgId: d.bureau.id,
      capacity: 6,
      bufferMinutes: 10,
      openWeekdays: [1, 2, 3, 4, 5, 6, 7],
      openFrom: '00:00',
      openTo: '24:00',
    });
    id.talk = r;
    const s = new Date(Date.now() + 5 * 60_000);
    s.setUTCSeconds(0, 0);
    const start = s.toISOString();
    const end = new Date(s.getTime() + 60 * 60_000).toISOString();
    const b = await book(staff, { roomId: r, attendees: 4, start, end });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().canCheckIn).toBe(true);
    // Another unit may not check it in.
    expect((await unitB.post(`${B}/bookings/${b.json().id}/check-in`)).statusCode).toBe(404);
    const c = await staff.post(`${B}/bookings/${b.json().id}/check-in`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('checked_in');
    expect((await staff.post(`${B}/bookings/${b.json().id}/check-in`)).statusCode).toBe(409);

    // Attendee sign-in with the meeting's token: once per person.
    const code = await staff.get(`${B}/bookings/${b.json().id}/sign-in-code`);
    expect(code.statusCode).toBe(200);
    // Before the tap, the page shows which meeting the QR is for.
    const pv = await staff.get(`${B}/sign-in?token=${code.json().token}`);
    expect(pv.statusCode, pv.body).toBe(200);
    expect(pv.json()).toMatchObject({ bookingId: b.json().id, open: true, signedIn: false });
    expect(pv.json().roomName.length).toBeGreaterThan(0);
    expect((await staff.get(`${B}/sign-in?token=${'x'.repeat(32)}`)).statusCode).toBe(404);
    expect((await staff.get(`${B}/sign-in?token=short`)).statusCode).toBe(400);
    const s1 = await staff.post(`${B}/sign-in`, { token: code.json().token });
    expect(s1.statusCode, s1.body).toBe(200);
    expect((await staff.get(`${B}/sign-in?token=${code.json().token}`)).json().signedIn).toBe(true);
    expect(s1.json().already).toBe(false);
    expect((await staff.post(`${B}/sign-in`, { token: code.json().token })).json().already).toBe(true);
    expect((await manager.post(`${B}/sign-in`, { token: code.json().token })).statusCode).toBe(400); // no person
    const list = await staff.get(`${B}/bookings/${b.json().id}/attendance`);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['王会务']);
    const xlsx = await staff.get(`${B}/bookings/${b.json().id}/attendance/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');

    setClockForTests(s.getTime() + 10 * 60_000);
    try {
      const f = await staff.post(`${B}/bookings/${b.json().id}/finish`);
      expect(f.statusCode, f.body).toBe(200);
      expect(f.json().status).toBe('finished');
      expect(Date.parse(f.json().end) - (s.getTime() + 10 * 60_000)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(f.json().end) - (s.getTime() + 10 * 60_000)).toBeLessThan(60_000);
      // The rest is free again after the buffer.
      const next = await book(unitB, {
        roomId: r,
        attendees: 4,
        start: new Date(s.getTime() + 20 * 60_000).toISOString(),
        end: new Date(s.getTime() + 50 * 60_000).toISOString(),
      });
      expect(next.statusCode, next.body).toBe(201);
      id.noShow = next.json().id;
    } finally {
      resetClock();
    }
  });

  it('a meeting not checked in within the window is released as a no-show, counted against its unit', async () => {
    const s = Date.parse((await unitB.get(`${B}/bookings/${id.noShow}`)).json().start);
    setClockForTests(s + 16 * 60_000);
    try {
      const admin = await login(app, 'admin');
      expect((await admin.post('/api/v1/jobs/meetings.release/run')).statusCode).toBeLessThan(300);
      unitB = await login(app, 'unit_b');
      manager = await login(app, 'manager');
      const b = await unitB.get(`${B}/bookings/${id.noShow}`);
      expect(b.json().status).toBe('no_show');
      const month = new Date(s + 8 * 3_600_000).toISOString().slice(0, 7);
      const stats = await manager.get(`${B}/statistics?from=${month}&to=${month}`);
      expect(stats.statusCode, stats.body).toBe(200);
      expect(stats.json().noShows.find((n: { orgId: number }) => n.orgId === d.unitB.id)?.noShows).toBe(1);
      const xlsx = await manager.get(`${B}/statistics/export?from=${month}&to=${month}`);
      expect(xlsx.statusCode).toBe(200);
    } finally {
      resetClock();
      staff = await login(app, 'staff');
      manager = await login(app, 'manager');
      unitB = await login(app, 'unit_b');
    }
  });
});

describe('door display', () => {
  it('answers only a live device token of the room; revoked tokens stop', async () => {
    const t = await manager.post(`${B}/display-tokens`, { roomId: id.room, label: '一楼门口平板' });
    expect(t.statusCode, t.body).toBe(201);
    const token = t.json().token as string;
    const [h] = await queryRows<{ token_hash: string }>(
      app.services.db,
      sql`select token_hash from meeting_display_tokens where id = ${t.json().id}`,
    );
    expect(h!.token_hash).not.toBe(token);
    const anon = (u: string) => app.inject({ method: 'GET', url: u });
    const ok = await anon(`${B}/display/${id.room}?token=${token}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().room.name).toBe('第一会议室');
    expect(['check_in', 'book']).toContain(ok.json().qr.kind);
    expect((await anon(`${B}/display/${id.small}?token=${token}`)).statusCode).toBe(401);
    expect((await anon(`${B}/display/${id.room}?token=${'x'.repeat(43)}`)).statusCode).toBe(401);
    expect((await anon(`${B}/display/${id.room}`)).statusCode).toBe(400);
    expect((await unitB.post(`${B}/display-tokens/${t.json().id}/revoke`)).statusCode).toBe(404);
    expect((await staff.post(`${B}/display-tokens/${t.json().id}/revoke`)).statusCode).toBe(403);
    const rv = await manager.post(`${B}/display-tokens/${t.json().id}/revoke`);
    expect(rv.statusCode, rv.body).toBe(200);
    expect((await anon(`${B}/display/${id.room}?token=${token}`)).statusCode).toBe(401);
  });
});

describe('concurrency', () => {
  it('100 concurrent bookings of one room and slot: exactly one 201 and 99 clean 409s', async () => {
    const slot = { start: at('16:00', addDays(D, 2)), end: at('17:00', addDays(D, 2)) };
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => book(staff, { roomId: id.room, title: `并发 ${i}`, ...slot })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['MEETING_ROOM_TAKEN']));
    const [n] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from meeting_bookings where room_id = ${id.room} and status = 'booked' and start_at = ${slot.start}::timestamptz`,
    );
    expect(Number(n!.n)).toBe(1);
  });
});

describe('audit and workbench', () => {
  it('every change left an audit record', async () => {
    const auditor = await login(app, 'auditor');
    for (const t of ['meeting_room', 'meeting_booking', 'meeting_series', 'meeting_attendance', 'meeting_display_token']) {
      const r = await auditor.get(`/api/v1/audit?entityType=${t}&pageSize=5`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().total, t).toBeGreaterThan(0);
    }
  });
  it('the desk’s counters and the header search find meeting things', async () => {
    const wb = await desk.get('/api/v1/workbench');
    expect(wb.statusCode, wb.body).toBe(200);
    expect(wb.json().counters.map((c: { key: string }) => c.key)).toContain('meetings.pendingBookings');
    const s = await staff.get(`/api/v1/search?q=${encodeURIComponent('会议室')}`);
    expect(s.statusCode, s.body).toBe(200);
    expect(JSON.stringify(s.json())).toContain('第一会议室');
  });
});
