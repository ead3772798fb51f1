import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cnToday, queryRows } from '../../src/server/core';
import { enableDemoData } from '../../src/server/demo';
import { type Session, type TestApp, buildTestApp, login } from '../helpers/app';

/**
 * The workbench (GET /api/v1/workbench) and the header search (GET /api/v1/search) over the
 * demo district, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL: which counters each demo
 * role sees, their counts against the records (counted here with the scope written out as org
 * paths), that the linked list holds the same records, that a counter follows a change, that a
 * unit administrator counts and finds only its own unit, English labels, and the search's
 * refusals.
 */
let app: TestApp;
const s: Record<string, Session> = {};
let tenantId: number;
let pathOf: (username: string) => Promise<string>;

type Counter = { key: string; label: string; count: number; link: string };
async function counters(session: Session): Promise<Map<string, Counter>> {
  const r = await session.get('/api/v1/workbench');
  expect(r.statusCode, r.body).toBe(200);
  return new Map((r.json().counters as Counter[]).map((c) => [c.key, c]));
}
type Group = { key: string; label: string; hits: { title: string; description: string | null; link: string }[] };
async function search(session: Session, q: string): Promise<Group[]> {
  const r = await session.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().groups as Group[];
}
const one = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(app.services.db, q))[0]?.n ?? 0);

beforeAll(async () => {
  enableDemoData();
  app = await buildTestApp({ HOUQIN_DEMO_DATA: 'true' });
  for (const u of ['dispatcher', 'driver', 'keeper', 'energy_officer', 'manager', 'staff', 'unit_a', 'unit_b', 'leader'])
    s[u] = await login(app, u);
  s.dispatcherEn = await login(app, 'dispatcher', undefined, 'en');
  const [b] = await queryRows<{ tenant_id: number }>(app.services.db, sql`select tenant_id from accounts where username = 'manager'`);
  tenantId = Number(b!.tenant_id);
  pathOf = async (username) => {
    const [r] = await queryRows<{ path: string }>(
      app.services.db,
      sql`select o.path from accounts a join orgs o on o.id = a.org_id where a.username = ${username}`,
    );
    return r!.path;
  };
}, 600_000);
afterAll(async () => app?.close());

describe('workbench counters per role', () => {
  it('the dispatcher: 待派车 = the approved trip requests of the district, as the dispatch desk lists them', async () => {
    const c = await counters(s.dispatcher!);
    // No person behind the dispatcher's account: no 今日出车; no approvals, no requests of its own.
    expect([...c.keys()]).toEqual(['vehicles.toDispatch']);
    const d = c.get('vehicles.toDispatch')!;
    expect(d).toMatchObject({ label: '待派车', link: '/vehicles/dispatch' });
    expect(d.count).toBe(
      await one(sql`select count(*)::int as n from vehicle_trip_requests where tenant_id = ${tenantId} and status = 'approved'`),
    );
    const list = await s.dispatcher!.get('/api/v1/vehicles/trip-requests?status=approved&pageSize=1');
    expect(list.json().total).toBe(d.count);
  });

  it('the driver: 今日出车 = bookings of the driver’s person that start today (China day), not yet finished', async () => {
    const c = await counters(s.driver!);
    const t = c.get('vehicles.todayTrips');
    expect(t).toMatchObject({ label: '今日出车', link: '/vehicles/request?tab=drive' });
    const today = cnToday();
    const expected = await one(sql`select count(*)::int as n from vehicle_bookings b join accounts a on a.person_id = b.driver_id
        where a.username = 'driver' and b.status in ('booked','in_progress')
          and b.start_at >= ${`${today}T00:00:00+08:00`}::timestamptz and b.start_at < ${`${addDays(today, 1)}T00:00:00+08:00`}::timestamptz`);
    expect(t!.count).toBe(expected);
    // One of the driver's coming bookings moved to today (just after midnight, China time) counts; yesterday's does not.
    const [b] = await queryRows<{ id: number }>(
      app.services.db,
      sql`select b.id from vehicle_bookings b join accounts a on a.person_id = b.driver_id
          where a.username = 'driver' and b.status = 'booked' and b.start_at > now() order by b.start_at limit 1`,
    );
    expect(b, 'a coming booking of the driver').toBeDefined();
    await app.services.db.execute(
      sql`update vehicle_bookings set start_at = ${`${today}T00:01:00+08:00`}::timestamptz, end_at = ${`${today}T00:02:00+08:00`}::timestamptz where id = ${b!.id}`,
    );
    expect((await counters(s.driver!)).get('vehicles.todayTrips')!.count).toBe(expected + 1);
    await app.services.db.execute(
      sql`update vehicle_bookings set start_at = ${`${addDays(today, -1)}T23:58:00+08:00`}::timestamptz, end_at = ${`${addDays(today, -1)}T23:59:00+08:00`}::timestamptz where id = ${b!.id}`,
    );
    expect((await counters(s.driver!)).get('vehicles.todayTrips')!.count).toBe(expected);
    // The driver dispatches nothing and approves nothing.
    expect(c.has('vehicles.toDispatch')).toBe(false);
    expect(c.has('approvals.inbox')).toBe(false);
  });

  it('the pool keeper: 待验收 and overdue loans, equal to the pool lists behind the links', async () => {
    const c = await counters(s.keeper!);
    expect([...c.keys()].sort()).toEqual(['assets.loansOverdue', 'assets.toAccept']);
    const accept = c.get('assets.toAccept')!;
    expect(accept.link).toBe('/assets/pool?tab=hand-ins&status=submitted');
    expect(accept.count).toBe(
      await one(sql`select count(*)::int as n from asset_hand_ins where tenant_id = ${tenantId} and status = 'submitted'`),
    );
    expect((await s.keeper!.get('/api/v1/asset-pool/hand-ins?status=submitted&pageSize=1')).json().total).toBe(accept.count);
    const overdue = c.get('assets.loansOverdue')!;
    expect((await s.keeper!.get('/api/v1/asset-pool/loans?status=overdue&pageSize=1')).json().total).toBe(overdue.count);
  });

  it('the energy statistician: 待录入 = the unit’s manual meters without this period’s reading, the meter list’s due filter', async () => {
    const c = await counters(s.energy_officer!);
    const due = c.get('energy.readingsDue')!;
    expect(due).toMatchObject({ label: '待录入读数', link: '/energy/meters?due=true' });
    const path = await pathOf('energy_officer');
    const monthStart = `${cnToday().slice(0, 7)}-01T00:00:00+08:00`;
    const expected = await one(sql`select count(*)::int as n from energy_meters m join orgs o on o.id = m.org_id
        where o.path like ${`${path}%`} and m.status = 'active' and m.kind = 'register' and m.interval_minutes is null
          and (m.last_reading_at is null or m.last_reading_at < ${monthStart}::timestamptz)`);
    expect(due.count).toBe(expected);
    expect((await s.energy_officer!.get('/api/v1/energy/meters?due=true&pageSize=1')).json().total).toBe(due.count);
    // A meter whose last reading is from before this period becomes due; the list follows.
    const [m] = await queryRows<{ id: number }>(
      app.services.db,
      sql`select m.id from energy_meters m join orgs o on o.id = m.org_id where o.path like ${`${path}%`} and m.status = 'active'
          and m.kind = 'register' and m.interval_minutes is null and m.last_reading_at >= ${monthStart}::timestamptz order by m.id limit 1`,
    );
    expect(m, 'a manual meter read this period').toBeDefined();
    await app.services.db.execute(
      sql`update energy_meters set last_reading_at = ${monthStart}::timestamptz - interval '1 day' where id = ${m!.id}`,
    );
    expect((await counters(s.energy_officer!)).get('energy.readingsDue')!.count).toBe(expected + 1);
    expect((await s.energy_officer!.get('/api/v1/energy/meters?due=true&pageSize=1')).json().total).toBe(expected + 1);
  });

  it('the manager sees approvals and the bureau-wide counters; staff only their requests; no counter without the permission', async () => {
    const m = await counters(s.manager!);
    for (const k of [
      'approvals.inbox',
      'approvals.mine',
      'vehicles.toDispatch',
      'assets.toAccept',
      'office.findingsOverdue',
      'supplies.toIssue',
    ])
      expect(m.has(k), k).toBe(true);
    const st = await counters(s.staff!);
    // Staff: their requests and their own meetings today (the meetings module's counter).
    expect([...st.keys()].sort()).toEqual(['approvals.mine', 'meetings.myToday']);
    const today = cnToday();
    expect(st.get('meetings.myToday')!.count).toBe(
      (await s.staff!.get(`/api/v1/meetings/bookings?mine=true&from=${today}&to=${today}&pageSize=1`)).json().total,
    );
    expect(st.get('approvals.mine')!.count).toBe(
      await one(sql`select count(*)::int as n from approval_instances i join accounts a on a.id = i.applicant_id
          where a.username = 'staff' and i.status = 'pending'`),
    );
  });

  it('a car request raises the applicant’s requests, the approver’s inbox, then 待派车 once approved', async () => {
    const before = {
      d: (await counters(s.dispatcher!)).get('vehicles.toDispatch')!.count,
      inbox: (await counters(s.unit_a!)).get('approvals.inbox')!.count,
    };
    const mineBefore = (await counters(s.staff!)).get('approvals.mine')!.count;
    // A weekday three weeks ahead (a weekend would add the leader's step, handled below anyway).
    let day = addDays(cnToday(), 21);
    while ([0, 6].includes(new Date(`${day}T12:00:00+08:00`).getUTCDay())) day = addDays(day, 1);
    const r = await s.staff!.post('/api/v1/vehicles/trip-requests', {
      purpose: '工作台测试用车',
      origin: '机关大院',
      destination: '城东街道',
      passengers: 2,
      start: `${day}T09:00:00+08:00`,
      end: `${day}T11:00:00+08:00`,
      roundTrip: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await counters(s.staff!)).get('approvals.mine')!.count).toBe(mineBefore + 1);
    expect((await counters(s.unit_a!)).get('approvals.inbox')!.count).toBe(before.inbox + 1);
    expect((await counters(s.dispatcher!)).get('vehicles.toDispatch')!.count).toBe(before.d);
    const approved = await s.unit_a!.post(`/api/v1/approvals/${r.json().instanceId}/approve`, { comment: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    if ((await s.staff!.get(`/api/v1/vehicles/trip-requests/${r.json().id}`)).json().status === 'pending')
      expect((await s.leader!.post(`/api/v1/approvals/${r.json().instanceId}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await counters(s.unit_a!)).get('approvals.inbox')!.count).toBe(before.inbox);
    expect((await counters(s.dispatcher!)).get('vehicles.toDispatch')!.count).toBe(before.d + 1);
  });

  it('scope: a unit administrator counts its own unit’s records only', async () => {
    const a = await counters(s.unit_a!);
    const b = await counters(s.unit_b!);
    const m = await counters(s.manager!);
    const today = cnToday();
    const overdueIn = async (username: string) =>
      one(sql`select count(*)::int as n from office_findings f join orgs o on o.id = f.org_id
          where o.path like ${`${await pathOf(username)}%`} and f.status = 'open' and f.rectify_by < ${today}::date`);
    expect(a.get('office.findingsOverdue')!.count).toBe(await overdueIn('unit_a'));
    expect(b.get('office.findingsOverdue')!.count).toBe(await overdueIn('unit_b'));
    expect(m.get('office.findingsOverdue')!.count).toBe(
      await one(
        sql`select count(*)::int as n from office_findings where tenant_id = ${tenantId} and status = 'open' and rectify_by < ${today}::date`,
      ),
    );
    // Make one unit's figure differ from the other's: an overdue finding in unit A only.
    const [f] = await queryRows<{ id: number }>(
      app.services.db,
      sql`select f.id from office_findings f join orgs o on o.id = f.org_id where o.path like ${`${await pathOf('unit_a')}%`} order by f.id limit 1`,
    );
    if (f) {
      await app.services.db.execute(
        sql`update office_findings set status = 'open', rectify_by = ${addDays(today, -3)}::date where id = ${f.id}`,
      );
      expect((await counters(s.unit_a!)).get('office.findingsOverdue')!.count).toBe(await overdueIn('unit_a'));
      expect((await counters(s.unit_b!)).get('office.findingsOverdue')!.count).toBe(b.get('office.findingsOverdue')!.count);
    }
    const anomaliesIn = async (username: string) =>
      one(sql`select count(*)::int as n from vehicle_anomalies x join orgs o on o.id = x.org_id
          where o.path like ${`${await pathOf(username)}%`} and x.status = 'open'`);
    expect(a.get('vehicleCosts.anomaliesOpen')!.count).toBe(await anomaliesIn('unit_a'));
    expect(b.get('vehicleCosts.anomaliesOpen')!.count).toBe(await anomaliesIn('unit_b'));
  });

  it('labels follow the caller’s language', async () => {
    const c = await counters(s.dispatcherEn!);
    expect(c.get('vehicles.toDispatch')!.label).toBe('Trips to dispatch');
    const r = await s.dispatcher!.get('/api/v1/workbench');
    const en = await app.inject({
      method: 'GET',
      url: '/api/v1/workbench',
      headers: { ...s.dispatcher!.headers, 'accept-language': 'en' },
    });
    expect(r.json().counters[0].label).toBe('待派车');
    expect(en.json().counters[0].label).toBe('Trips to dispatch');
  });
});

describe('header search', () => {
  const plateOf = async (username: string) => {
    const [v] = await queryRows<{ id: number; plate: string }>(
      app.services.db,
      sql`select v.id, v.plate from vehicles v join orgs o on o.id = v.org_id
          where o.path like ${`${await pathOf(username)}%`} and v.status <> 'disposed' order by v.id limit 1`,
    );
    return v!;
  };

  it('finds a vehicle by part of its plate, a person by name and an asset by code, with links', async () => {
    const v = await plateOf('unit_a');
    const vehicles = (await search(s.manager!, v.plate.slice(-4))).find((g) => g.key === 'vehicles')!;
    expect(vehicles.label).toBe('车辆');
    expect(vehicles.hits).toContainEqual(expect.objectContaining({ title: v.plate, link: `/vehicles/register?id=${v.id}` }));
    const [p] = await queryRows<{ id: number; name: string }>(
      app.services.db,
      sql`select p.id, p.name from people p join orgs o on o.id = p.org_id where o.path like ${`${await pathOf('unit_a')}%`} order by p.id limit 1`,
    );
    const people = (await search(s.unit_a!, p!.name)).find((g) => g.key === 'people')!;
    expect(people.hits.map((h) => h.link)).toContain(`/people?id=${p!.id}`);
    const [a] = await queryRows<{ code: string }>(
      app.services.db,
      sql`select a.code from assets a join orgs o on o.id = a.org_id where o.path like ${`${await pathOf('unit_a')}%`} and a.status <> 'disposed' order by a.id limit 1`,
    );
    const assets = (await search(s.unit_a!, a!.code)).find((g) => g.key === 'assets')!;
    expect(assets.hits[0]!.link).toBe(`/assets/card/${encodeURIComponent(a!.code)}`);
    // English group labels.
    const en = await app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(v.plate)}`,
      headers: { ...s.manager!.headers, 'accept-language': 'en' },
    });
    expect(en.json().groups.find((g: Group) => g.key === 'vehicles').label).toBe('Vehicles');
  });

  it('does not return another unit’s records to a unit administrator', async () => {
    const v = await plateOf('unit_a');
    expect((await search(s.unit_a!, v.plate)).find((g) => g.key === 'vehicles')?.hits.map((h) => h.title)).toContain(v.plate);
    expect((await search(s.unit_b!, v.plate)).find((g) => g.key === 'vehicles')).toBeUndefined();
    const [a] = await queryRows<{ code: string }>(
      app.services.db,
      sql`select a.code from assets a join orgs o on o.id = a.org_id where o.path like ${`${await pathOf('unit_a')}%`} and a.status = 'in_use' order by a.id limit 1`,
    );
    expect((await search(s.unit_b!, a!.code)).find((g) => g.key === 'assets')).toBeUndefined();
    // Staff hold no read permission on people or vehicles: those kinds are not searched at all.
    const groups = await search(s.staff!, v.plate);
    expect(groups.map((g) => g.key)).not.toContain('vehicles');
  });

  it('takes % and _ as characters, and refuses an empty, long or control-character query with a 400', async () => {
    expect((await search(s.manager!, '%')).filter((g) => g.key !== 'approvals')).toEqual([]);
    expect((await search(s.manager!, '_')).filter((g) => g.key !== 'approvals')).toEqual([]);
    for (const q of ['', '%20%20', 'x'.repeat(51), 'a%00b']) {
      const r = await s.manager!.get(`/api/v1/search?q=${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await s.manager!.get('/api/v1/search')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/search?q=abc' })).statusCode).toBe(401);
  });
});
