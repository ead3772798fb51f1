import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { enableDemoData } from '../../src/server/demo';
import { type TestApp, buildTestApp, login } from '../helpers/app';

/**
 * The demo district tells one story: the contradictions a new user met in the first hour
 * (issue 17) do not come back. On the loaded demo, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL.
 */
let app: TestApp;
beforeAll(async () => {
  enableDemoData();
  app = await buildTestApp({ HOUQIN_DEMO_DATA: 'true' });
}, 600_000);
afterAll(async () => app?.close());

describe('demo district consistency', () => {
  it("the `driver` account's person has the driver post, and is no leader", async () => {
    const [p] = await queryRows<{ post_title: string | null; post_level: string }>(
      app.services.db,
      sql`select p.post_title, p.post_level from accounts a join people p on p.id = a.person_id where a.username = 'driver'`,
    );
    expect(p).toBeDefined();
    expect(p!.post_title).toBe('驾驶员');
    expect(['131', '132', '141', '142']).not.toContain(p!.post_level);
  });

  it("the dispatcher's driver list holds drivers only: no director, no deputy", async () => {
    const dispatcher = await login(app, 'dispatcher');
    const r = await dispatcher.get('/api/v1/vehicles/drivers?pageSize=100');
    expect(r.statusCode, r.body).toBe(200);
    const ids = (r.json().items as { personId: number }[]).map((d) => d.personId);
    expect(ids.length).toBeGreaterThan(10);
    const posts = await queryRows<{ post_title: string | null }>(app.services.db, sql`select post_title from people where id in ${ids}`);
    expect(new Set(posts.map((x) => x.post_title))).toEqual(new Set(['驾驶员']));
    // And every registered driver in the demo, not only the page the dispatcher sees.
    const [others] = await queryRows<{ n: number }>(
      app.services.db,
      sql`select count(*)::int as n from vehicle_drivers d join people p on p.id = d.person_id where p.post_title is distinct from '驾驶员'`,
    );
    expect(Number(others!.n)).toBe(0);
  });

  it('readings of meters read by hand say manual; only the 15-minute meters say API upload', async () => {
    const rows = await queryRows<{ interval: boolean; source: string; n: number }>(
      app.services.db,
      sql`select m.interval_minutes is not null as interval, r.source, count(*)::int as n
          from energy_readings r join energy_meters m on m.id = r.meter_id group by 1, 2`,
    );
    const manualMeters = rows.filter((r) => !r.interval);
    expect(manualMeters.length).toBeGreaterThan(0);
    expect(manualMeters.every((r) => r.source === 'manual')).toBe(true);
    expect(rows.filter((r) => r.interval).every((r) => r.source === 'api')).toBe(true);
  });

  it('the office overview and the home page count the same units (the bureau itself not among them)', async () => {
    const manager = await login(app, 'manager');
    const summary = (await manager.get('/api/v1/office-space/summary')).json();
    // The home page's count: the active units of the org tree (src/web/core/home/HomePage.tsx).
    const orgs = (await manager.get('/api/v1/orgs')).json().items as { kind: string; status: string }[];
    const home = orgs.filter((o) => o.kind === 'unit' && o.status === 'active').length;
    expect(home).toBe(36);
    expect(summary.units).toBe(home);
  });
  it('meetings and training (issue 18): a plan with one failed check, a settled one; a centre of 40 rooms / 80 beds with two classes', async () => {
    const plans = await queryRows<{ status: string; failed: number }>(
      app.services.db,
      sql`select status, (select count(*)::int from jsonb_array_elements(checks) c where (c->>'passed')::boolean = false) as failed from meeting_plans`,
    );
    expect(plans.some((p) => p.status === 'settled')).toBe(true);
    expect(plans.some((p) => Number(p.failed) === 1)).toBe(true);
    const [c] = await queryRows<{ rooms: number; beds: number; classes: number; nights: number; in_now: number }>(
      app.services.db,
      sql`select (select count(*)::int from training_rooms) as rooms, (select count(*)::int from training_beds) as beds,
            (select count(*)::int from training_classes) as classes, (select count(*)::int from training_bed_nights) as nights,
            (select count(*)::int from training_trainees where checked_in_at is not null and checked_out_at is null) as in_now`,
    );
    expect(c).toMatchObject({ rooms: 40, beds: 80, classes: 2 });
    expect(c!.nights).toBeGreaterThan(0);
    expect(c!.in_now).toBeGreaterThan(0);
    const desk = await login(app, 'training_desk');
    const wb = (await desk.get('/api/v1/workbench')).json();
    expect(wb.counters.find((k: { key: string }) => k.key === 'training.toClean').count).toBeGreaterThan(0);
  });
  it('meeting service orders exist in each state, and meeting_staff has open tasks on a phone list', async () => {
    const rows = await queryRows<{ status: string }>(app.services.db, sql`select distinct status from meeting_service_orders`);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['submitted', 'accepted', 'in_progress', 'done', 'cancelled']));
    const staff = await login(app, 'meeting_staff');
    const r = await staff.get('/api/v1/meetings/service-tasks?mine=true&status=open');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().total).toBeGreaterThan(0);
  });
});
