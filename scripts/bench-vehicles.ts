import { sql } from 'drizzle-orm';
import { OrgService } from '../src/server/core/bootstrap';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';
import { timed, withBenchApp } from './bench-harness';
import { createVehicleServices } from '../src/server/modules/vehicles';
import { TEST_PASSWORD, type TestApp, seedTestDistrict } from '../tests/helpers/app';

const VEHICLES = 1000;
const UNITS = 30;
const YEAR = '2026-01-01';

export async function benchVehicles(h: DatabaseHandle): Promise<string[]> {
  const out: string[] = [];
  await withBenchApp(h, 'vehicles', async (app) => {
    const db = h.db;
    const t0 = performance.now();
    const d = await seedTestDistrict(app as TestApp);
    const orgs = new OrgService(db);
    const unitIds = await db.transaction(async (tx) => {
      const ids = [d.unitA.id, d.unitB.id];
      for (let i = ids.length; i < UNITS; i++)
        ids.push((await orgs.insertUnder(tx, d.bureau, { name: `单位${i + 1}`, kind: 'unit', agencyLevel: 'county', staffing: 60 })).id);
      return ids;
    });
    const tenant = d.bureau.tenantId;
    const units = sql.raw(`array[${unitIds.join(',')}]`);
    // One driver per vehicle (vehicle k always goes out with driver k), so only the vehicle constraint can bite.
    await db.execute(sql`insert into people (tenant_id, org_id, name, post_level, staffing_type)
      select ${tenant}, (${units})[1 + (g % ${UNITS})], '驾驶员' || g, '199', 'worker' from generate_series(1, ${VEHICLES}) g`);
    await db.execute(sql`insert into vehicle_drivers (person_id, tenant_id, org_id, licence_class, licence_expiry)
      select id, tenant_id, org_id, 'B1', '2035-12-31' from people where name like '驾驶员%'`);
    await db.execute(sql`insert into vehicles (tenant_id, org_id, plate, type, brand, model, domestic, body_type, energy, displacement, seats, price, purchase_date, odometer_km, marking, supervision_phone)
      select ${tenant}, (${units})[1 + (g % ${UNITS})], '苏A' || lpad(g::text, 5, '0'), 'other', '红旗', 'H5', true,
        case when g % 10 = 0 then 'mpv' else 'sedan' end, case when g % 3 = 0 then 'electric' else 'gasoline' end,
        case when g % 3 = 0 then null else 1.5 end, case when g % 10 = 0 then 7 else 5 end, 150000, '2022-01-01', 10000, 'official', '025-12345678'
      from generate_series(1, ${VEHICLES}) g`);
    await db.execute(sql`insert into vehicle_bookings (tenant_id, org_id, vehicle_id, driver_id, start_at, end_at, purpose, status, created_by)
      select ${tenant}, v.org_id, v.id, p.id,
        (${YEAR}::date + day) + (case when slot = 0 then time '08:30' else time '14:00' end) - interval '8 hours',
        (${YEAR}::date + day) + (case when slot = 0 then time '11:30' else time '17:30' end) - interval '8 hours',
        '公务出行', case when day < 300 then 'completed' else 'booked' end, ${d.accounts.manager}
      from (select id, org_id, row_number() over (order by id) as k from vehicles) v
      join (select id, row_number() over (order by id) as k from people where name like '驾驶员%') p on p.k = v.k
      cross join generate_series(0, 364) day cross join generate_series(0, 1) slot
      where extract(isodow from ${YEAR}::date + day) < 6 and ((v.id * 7919 + day * 104729 + slot * 15485863) % 10) < 6`);
    await db.execute(sql`analyze`);
    const [t] = await queryRows<{ vehicles: number; bookings: number }>(
      db,
      sql`select (select count(*)::int from vehicles) as vehicles, (select count(*)::int from vehicle_bookings) as bookings`,
    );
    out.push(
      `seeded ${t!.vehicles} vehicles in ${UNITS} units, ${t!.bookings} bookings over 365 days in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'manager', password: TEST_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken as string;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const win = (s: string, e: string) => `start=${encodeURIComponent(s)}&end=${encodeURIComponent(e)}`;
    const w = win('2026-06-17T10:00:00+08:00', '2026-06-17T12:00:00+08:00');
    const first = await get(`/api/v1/vehicles/availability?${w}`);
    const n = first.json().items.length as number;
    const avail = await timed(() => get(`/api/v1/vehicles/availability?${w}`));
    out.push(
      `GET /vehicles/availability, 2-hour window, whole district: ${n} of ${VEHICLES} free, ${avail.toFixed(0)} ms (median of 7; target < 100 ms)`,
    );
    // The same search without HTTP (auth, validation, response serialisation of the free vehicles).
    const svc = createVehicleServices(app.services);
    const mctx = await app.services.auth.contextFor(
      db,
      await app.services.auth.requireAccount(d.accounts.manager),
      null,
      'zh-CN',
      'session',
    );
    const q = { start: '2026-06-17T10:00:00+08:00', end: '2026-06-17T12:00:00+08:00' };
    const direct = await timed(() => svc.dispatch.availability(mctx, q));
    out.push(`  the same search in the service (no HTTP): ${direct.toFixed(0)} ms`);
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      db,
      sql`explain select v.id from vehicles v where v.status = 'in_service' and v.id not in (select b.vehicle_id from vehicle_bookings b
            where tstzrange(b.start_at, b.end_at, '[)') && tstzrange(${q.start}::timestamptz, ${q.end}::timestamptz, '[)') and b.status <> 'cancelled')`,
    );
    const planText = plan.map((r) => Object.values(r)[0]).join(' ');
    out.push(
      `  busy vehicles found through a booking exclusion gist index: ${/_excl/.test(planText) ? 'yes' : `no (${planText.slice(0, 200)})`}`,
    );
    const seats = await timed(() => get(`/api/v1/vehicles/availability?${w}&seats=7`));
    out.push(`GET /vehicles/availability with seats ≥ 7: ${seats.toFixed(0)} ms`);
    const day = await timed(() => get(`/api/v1/vehicles/availability?${win('2026-06-17T08:00:00+08:00', '2026-06-17T18:00:00+08:00')}`));
    out.push(`GET /vehicles/availability, a working day: ${day.toFixed(0)} ms`);
    const unit = await timed(() => get(`/api/v1/vehicles/availability?${w}&orgId=${unitIds[5]}`));
    out.push(`GET /vehicles/availability, one unit: ${unit.toFixed(0)} ms`);
    const boardRes = await get(
      `/api/v1/vehicles/board?${win('2026-06-15T00:00:00+08:00', '2026-06-22T00:00:00+08:00')}&orgId=${unitIds[5]}`,
    );
    const board = await timed(() =>
      get(`/api/v1/vehicles/board?${win('2026-06-15T00:00:00+08:00', '2026-06-22T00:00:00+08:00')}&orgId=${unitIds[5]}`),
    );
    out.push(`GET /vehicles/board, one unit, one week (${boardRes.json().items.length} bookings): ${board.toFixed(0)} ms`);

    // 100 concurrent attempts on one free vehicle and slot: exactly one 201.
    const free = first.json().items[0] as { id: number };
    // A driver with no bookings, so the vehicle is the only thing contended for.
    const [drv] = await queryRows<{ id: number }>(
      db,
      sql`insert into people (tenant_id, org_id, name, post_level, staffing_type) values (${tenant}, ${unitIds[0]!}, '备班驾驶员', '199', 'worker') returning id`,
    );
    await db.execute(
      sql`insert into vehicle_drivers (person_id, tenant_id, org_id, licence_class, licence_expiry) values (${drv!.id}, ${tenant}, ${unitIds[0]!}, 'B1', '2035-12-31')`,
    );
    const attempt = (i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/vehicles/bookings',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: {
          vehicleId: free.id,
          driverId: Number(drv!.id),
          start: '2026-06-17T10:00:00+08:00',
          end: '2026-06-17T12:00:00+08:00',
          purpose: `并发${i}`,
        },
      });
    const c0 = performance.now();
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i)));
    const ms = performance.now() - c0;
    const codes = res.map((r) => r.statusCode);
    const ok = codes.filter((c) => c === 201).length;
    const conflicts = codes.filter((c) => c === 409).length;
    const other = codes.filter((c) => c !== 201 && c !== 409);
    out.push(
      `100 concurrent bookings of one vehicle for one slot: ${ok} × 201, ${conflicts} × 409${other.length ? `, others: ${other.join(',')}` : ''} in ${ms.toFixed(0)} ms`,
    );
    if (ok !== 1 || conflicts !== 99) throw new Error(`concurrency: expected 1 × 201 and 99 × 409, got ${ok} and ${conflicts}`);
  });
  return out;
}
