import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type CoreServices, type ModuleDemoContext, addDays, cnToday, isWorkingDay, nowMs, num, queryRows, writeAudit } from '../../core';
import { officeMeetingRoomCandidates } from '../office-space';
import { BookingService } from './bookings.service';
import { meetingAttendance, meetingBookings, meetingDisplayTokens, meetingRooms, meetingSeries } from './meetings.schema';

/** A small deterministic generator: the demo is the same on every load. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The door-display token of the demo's first meeting room (a demo shows the display without setting up a tablet). */
export const DEMO_DISPLAY_TOKEN = 'demo-door-display-token-0001';

const TITLES = [
  '业务工作例会',
  '专题研究会',
  '项目推进会',
  '工作协调会',
  '政策学习会',
  '座谈会',
  '培训辅导',
  '视频调度会',
  '来访接待',
  '党支部会议',
];
const IMPORTANT = ['全区重点项目调度会', '安全生产专题会', '预算编制审议会', '干部大会'];
/** Slots of a day (China time): set-up buffers of at most 30 minutes never join two of them. */
const GRID: [string, string][] = [
  ['09:00', '10:30'],
  ['11:00', '12:00'],
  ['14:30', '16:00'],
  ['16:30', '17:30'],
];

type DemoRoom = { id: number; orgId: number; capacity: number; buffer: number; name: string; own: boolean };

/**
 * Meeting rooms and two months of bookings around today: about 15 rooms in the demo buildings
 * (the registry's 会议室 / 接待室 rooms linked, a 报告厅 that needs approval, a 多功能厅 above 80
 * attendees, a video-conference room), each weekday's meetings with their statuses as time
 * left them (finished, checked in now, booked ahead, a few cancelled), the weekly 局务会 series,
 * a weekly 科务会 in 发改局's and 教育局's own rooms, no-shows released (one yesterday), one
 * booking of the 报告厅 waiting for approval (made through the service, so its approval exists),
 * door-display devices and the sign-ins of the last 局务会.
 */
export async function seedMeetingsDemo(core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  const db = core.db;
  const tenantId = ctx.bureau.tenantId;
  const rnd = prng(1818);
  const bureau = ctx.bureau.id;
  const u03 = ctx.units.get('u03')!.id;
  const u04 = ctx.units.get('u04')!.id;
  const unitIds = [...ctx.units.values()].map((u) => u.id).filter((id) => id !== bureau);

  // ---------- rooms ----------
  const candidates = await officeMeetingRoomCandidates(db, tenantId, () => sql`true`, undefined, 200);
  const chosen = [
    ...candidates.filter((c) => c.orgId === bureau && c.useType === 'meeting').slice(0, 5),
    ...candidates.filter((c) => c.orgId === bureau && c.useType === 'reception').slice(0, 1),
    ...[u03, u04].flatMap((u) => candidates.filter((c) => c.orgId === u && c.useType === 'meeting').slice(0, 1)),
    ...candidates.filter((c) => c.orgId !== bureau && c.orgId !== u03 && c.orgId !== u04 && c.useType === 'meeting').slice(0, 2),
  ];
  const mainBuilding = chosen.find((c) => c.orgId === bureau)?.building ?? '机关综合楼';
  const mainBuildingId = chosen.find((c) => c.orgId === bureau)?.buildingId ?? null;
  const rows: (typeof meetingRooms.$inferInsert)[] = chosen.map((c, k) => {
    const bureauRoom = c.orgId === bureau;
    const capacity = Math.max(6, Math.min(60, Math.round(c.area / 2.2)));
    return {
      tenantId,
      orgId: c.orgId,
      name: bureauRoom ? (c.useType === 'reception' ? `接待室（${c.number}）` : `第${'一二三四五六'[k]}会议室`) : `${c.number} 会议室`,
      kind: c.useType === 'reception' ? 'reception' : 'meeting',
      officeRoomId: c.id,
      buildingId: c.buildingId,
      buildingName: c.building,
      floor: c.floor,
      capacity,
      layouts: capacity > 20 ? ['hollow_square', 'classroom'] : ['round_table'],
      equipment: capacity > 20 ? ['projector', 'microphones'] : ['projector'],
      bufferMinutes: bureauRoom ? 15 : 10,
      bookableBy: bureauRoom ? 'district' : 'own_unit',
    };
  });
  // The standalone halls of the bureau's service centre.
  rows.push(
    {
      tenantId,
      orgId: bureau,
      name: '报告厅',
      kind: 'lecture_hall',
      buildingId: mainBuildingId,
      buildingName: mainBuilding,
      floor: '1F',
      capacity: 300,
      layouts: ['theatre'],
      equipment: ['projector', 'microphones', 'recording', 'interpretation'],
      bufferMinutes: 30,
      bookableBy: 'district',
      requiresApproval: true,
      note: '大型会议、报告会；须经会务服务中心审批',
    },
    {
      tenantId,
      orgId: bureau,
      name: '多功能厅',
      kind: 'multi_function',
      buildingId: mainBuildingId,
      buildingName: mainBuilding,
      floor: '2F',
      capacity: 120,
      layouts: ['classroom', 'theatre', 'round_table'],
      equipment: ['projector', 'microphones', 'recording'],
      bufferMinutes: 30,
      bookableBy: 'district',
      requiresApproval: true,
      approvalAboveAttendees: 80,
    },
    {
      tenantId,
      orgId: bureau,
      name: '视频会议室',
      kind: 'meeting',
      buildingId: mainBuildingId,
      buildingName: mainBuilding,
      floor: '3F',
      capacity: 30,
      layouts: ['hollow_square'],
      equipment: ['projector', 'video_conference', 'microphones', 'recording'],
      bufferMinutes: 20,
      bookableBy: 'district',
    },
    {
      tenantId,
      orgId: bureau,
      name: '第二洽谈室',
      kind: 'meeting',
      buildingName: '老干部活动中心',
      floor: '1F',
      capacity: 8,
      layouts: ['round_table'],
      equipment: [],
      bufferMinutes: 0,
    },
  );
  // Each of the two demo units keeps an own room even if the registry has none for it.
  for (const u of [u03, u04])
    if (!rows.some((r) => r.orgId === u))
      rows.push({
        tenantId,
        orgId: u,
        name: u === u03 ? '发改局会议室' : '教育局会议室',
        kind: 'meeting',
        buildingName: mainBuilding,
        capacity: 16,
        bookableBy: 'own_unit',
        bufferMinutes: 10,
      });
  const inserted = await db.insert(meetingRooms).values(rows).returning();
  const rooms: DemoRoom[] = inserted.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    capacity: r.capacity,
    buffer: r.bufferMinutes,
    name: r.name,
    own: r.bookableBy === 'own_unit',
  }));
  const hall = rooms.find((r) => r.name === '报告厅')!;
  const first = rooms.find((r) => r.orgId === bureau && !r.own && r.name.startsWith('第一'))! ?? rooms[0]!;

  // ---------- people and accounts who organise ----------
  const people = await queryRows<{ id: number; org_id: number; name: string }>(
    db,
    sql`select id, org_id, name from people where tenant_id = ${tenantId} and status = 'active' order by id`,
  );
  const byOrg = new Map<number, number[]>();
  for (const p of people) byOrg.set(num(p.org_id), [...(byOrg.get(num(p.org_id)) ?? []), num(p.id)]);
  const unitOfPerson = (orgId: number) => byOrg.get(orgId) ?? [];
  const creatorOf = (orgId: number) =>
    orgId === u03 ? ctx.accounts.get('unit_a')! : orgId === u04 ? ctx.accounts.get('unit_b')! : ctx.accounts.get('manager')!;
  const [leader] = await queryRows<{ person_id: number | null }>(
    db,
    sql`select person_id from accounts where id = ${ctx.accounts.get('leader')!}`,
  );
  const pickOf = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;

  // ---------- bookings ----------
  const overrides = await core.refdata.dayOverrides();
  const today = cnToday();
  const t = nowMs();
  const ms = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);
  const token = () => randomBytes(18).toString('base64url');
  const bookings: (typeof meetingBookings.$inferInsert)[] = [];
  const taken = new Set<string>();
  const statusAt = (start: number, end: number, noShow: boolean) =>
    end <= t ? (noShow ? 'no_show' : rnd() < 0.05 ? 'cancelled' : 'finished') : start <= t ? 'checked_in' : 'booked';
  const add = (
    room: DemoRoom,
    day: string,
    slot: [string, string],
    b: {
      title: string;
      orgId: number;
      level: string;
      seriesId?: number;
      organiserId?: number | null;
      noShow?: boolean;
      attendees?: number;
    },
  ) => {
    const start = ms(day, slot[0]);
    const end = ms(day, slot[1]);
    taken.add(`${room.id}|${day}|${slot[0]}`);
    const status = statusAt(start, end, b.noShow ?? false);
    bookings.push({
      tenantId,
      orgId: b.orgId,
      roomId: room.id,
      roomOrgId: room.orgId,
      seriesId: b.seriesId ?? null,
      title: b.title,
      organiserId: b.organiserId ?? (unitOfPerson(b.orgId).length ? pickOf(unitOfPerson(b.orgId)) : null),
      createdBy: creatorOf(b.orgId),
      startAt: new Date(start),
      endAt: new Date(end),
      heldUntil: new Date(end + room.buffer * 60_000),
      bufferMinutes: room.buffer,
      attendees: b.attendees ?? Math.max(2, Math.min(room.capacity, Math.round(room.capacity * (0.4 + rnd() * 0.5)))),
      level: b.level,
      status,
      checkedInAt: status === 'finished' || status === 'checked_in' ? new Date(start + 3 * 60_000) : null,
      finishedAt: status === 'finished' ? new Date(end) : null,
      cancelledAt: status === 'cancelled' ? new Date(start - 86_400_000) : null,
      cancelReason: status === 'cancelled' ? '会议改期' : null,
      signInToken: token(),
      createdAt: new Date(Math.min(start, t) - 3 * 86_400_000),
      updatedAt: new Date(Math.min(end, t)),
    });
  };

  // The weekly 局务会 in the first meeting room, Monday mornings, four weeks back and four ahead.
  const mondays: string[] = [];
  for (let k = -35; k <= 35; k++) {
    const day = addDays(today, k);
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 1 && isWorkingDay(day, overrides)) mondays.push(day);
  }
  const series = async (
    room: DemoRoom,
    title: string,
    orgId: number,
    days: string[],
    slot: [string, string],
    level: string,
    organiserId: number | null,
  ) => {
    const [s] = await db
      .insert(meetingSeries)
      .values({
        tenantId,
        orgId,
        roomId: room.id,
        title,
        organiserId,
        freq: 'weekly',
        interval: 1,
        firstDate: days[0]!,
        lastDate: days.at(-1)!,
        level,
        attendees: Math.min(room.capacity, 18),
        createdBy: creatorOf(orgId),
      })
      .returning({ id: meetingSeries.id });
    for (const day of days)
      add(room, day, slot, { title, orgId, level, seriesId: s!.id, organiserId, attendees: Math.min(room.capacity, 18) });
    return s!.id;
  };
  await series(first, '局务会', bureau, mondays.slice(-9), ['09:00', '10:30'], 'important', leader?.person_id ?? null);
  for (const u of [u03, u04]) {
    const own = rooms.find((r) => r.orgId === u);
    if (own)
      await series(
        own,
        '科务会',
        u,
        mondays
          .slice(-6)
          .map((m) => addDays(m, 2))
          .filter((d) => isWorkingDay(d, overrides)),
        ['14:30', '16:00'],
        'ordinary',
        null,
      );
  }

  // Every working day's other meetings.
  let noShowsLeft = 3;
  for (let k = -30; k <= 30; k++) {
    const day = addDays(today, k);
    if (!isWorkingDay(day, overrides)) continue;
    for (const room of rooms) {
      for (const slot of GRID) {
        if (taken.has(`${room.id}|${day}|${slot[0]}`)) continue;
        if (rnd() > (room === hall ? 0.12 : 0.38)) continue;
        const orgId = room.own ? room.orgId : rnd() < 0.5 ? bureau : pickOf(unitIds);
        const important = rnd() < 0.18;
        const past = ms(day, slot[1]) <= t;
        // A few no-shows in the past weeks, one of them yesterday (released by the job).
        const noShow = past && noShowsLeft > 1 && k < -3 && rnd() < 0.02;
        if (noShow) noShowsLeft--;
        add(room, day, slot, {
          title: important ? pickOf(IMPORTANT) : pickOf(TITLES),
          orgId,
          level: important ? 'important' : 'ordinary',
          noShow,
        });
      }
    }
  }
  // The no-show released yesterday (or the last working day before): the 视频会议室's afternoon slot.
  const video = rooms.find((r) => r.name === '视频会议室')!;
  for (let k = 1; k <= 7; k++) {
    const day = addDays(today, -k);
    if (!isWorkingDay(day, overrides) || taken.has(`${video.id}|${day}|16:30`)) continue;
    add(video, day, ['16:30', '17:30'], { title: '视频调度会', orgId: u04, level: 'ordinary', noShow: true });
    break;
  }
  for (let k = 0; k < bookings.length; k += 500) await db.insert(meetingBookings).values(bookings.slice(k, k + 500));

  // Sign-ins of the last 局务会 held: the bureau's people who were there.
  const [lastHeld] = await queryRows<{ id: number; start_at: Date }>(
    db,
    sql`select id, start_at from meeting_bookings where tenant_id = ${tenantId} and title = '局务会' and status = 'finished' order by start_at desc limit 1`,
  );
  const bureauAccounts = await queryRows<{ id: number; person_id: number }>(
    db,
    sql`select id, person_id from accounts where tenant_id = ${tenantId} and person_id is not null order by id`,
  );
  if (lastHeld && bureauAccounts.length) {
    const start = new Date(lastHeld.start_at as unknown as string).getTime();
    await db
      .insert(meetingAttendance)
      .values(
        bureauAccounts.map((a, k) => ({
          tenantId,
          bookingId: num(lastHeld.id),
          personId: num(a.person_id),
          accountId: num(a.id),
          signedInAt: new Date(start - (10 - k) * 60_000),
        })),
      )
      .onConflictDoNothing();
  }

  // Door-display devices: the first room's with the demo's known token, and one in each unit's own room.
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const deskId = ctx.accounts.get('meeting_desk') ?? ctx.accounts.get('manager')!;
  await db.insert(meetingDisplayTokens).values([
    { tenantId, roomId: first.id, orgId: first.orgId, label: '门口平板', tokenHash: sha(DEMO_DISPLAY_TOKEN), createdBy: deskId },
    ...rooms
      .filter((r) => r.own && (r.orgId === u03 || r.orgId === u04))
      .map((r) => ({
        tenantId,
        roomId: r.id,
        orgId: r.orgId,
        label: '门口平板',
        tokenHash: sha(token()),
        createdBy: creatorOf(r.orgId),
      })),
  ]);

  await writeAudit(
    db,
    { tenantId, actorId: null, actorName: 'system', ip: null },
    { action: 'create', entityType: 'meeting_room', orgId: bureau, summary: `demo: ${rooms.length} rooms, ${bookings.length} bookings` },
  );

  // One booking of the 报告厅 waiting for approval, made by the staff member through the service.
  const staffAcc = ctx.accounts.get('staff');
  if (staffAcc) {
    const staff = await core.auth.contextFor(db, await core.auth.requireAccount(staffAcc), null, 'zh-CN', 'session');
    let day = addDays(today, 9);
    while (!isWorkingDay(day, overrides) || taken.has(`${hall.id}|${day}|09:00`)) day = addDays(day, 1);
    await new BookingService(core).create(staff, {
      roomId: hall.id,
      title: '全区发展改革工作会议',
      start: `${day}T09:00:00+08:00`,
      end: `${day}T10:30:00+08:00`,
      attendees: 180,
      level: 'important',
    });
  }
}
