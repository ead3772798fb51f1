/**
 * Office space at seed scale (92 sites, 235 agencies, 25,000 rooms, 20,000 people,
 * 494,231.27 ㎡), in process: compliance for the whole district, the summary endpoint cold
 * and warm, the compliance list, and (with a browser) a 300-room floor in the viewer.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { prepareDatabase } from '../src/server/core/bootstrap';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';
import { complianceTotals, computeCompliance, findingsCte, loadAreaRule } from '../src/server/modules/office-space';
import { launchBrowser } from '../tests/e2e/browser';
import { SCALE_PASSWORD, seedScaleDistrict } from './seed-scale';
import { cnToday } from '../src/server/core';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown>, reps = 5) {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchOffice(h: DatabaseHandle, withBrowser: boolean): Promise<string[]> {
  const out: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-bench-office-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOUQIN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOUQIN_DEMO_DATA: 'false',
    HOUQIN_JOBS: 'false',
    HOUQIN_LOGIN_RATE_LIMIT: '100000',
  });
  const app = await buildApp({ config, database: h, dataKey: crypto.randomBytes(32).toString('hex') });
  try {
    await prepareDatabase(app, config);
    await app.ready();
    const seeded = await seedScaleDistrict(app);
    const [t] = await queryRows<{ sites: number; orgs: number; rooms: number; people: number; area: string }>(
      h.db,
      sql`select (select count(*)::int from office_sites) as sites, (select count(*)::int from orgs where kind in ('unit','bureau')) as orgs,
                 (select count(*)::int from office_rooms) as rooms, (select count(*)::int from people) as people, (select sum(area) from office_rooms) as area`,
    );
    out.push(
      `seeded ${t!.sites} sites, ${t!.orgs} agencies, ${t!.rooms} rooms, ${t!.people} people, ${t!.area} m² in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    const db = h.db;
    const { rule } = await loadAreaRule(db);
    const scope = sql`p.org_id in (select id from orgs where path like ${`/${seeded.bureauId}/%`})`;
    const cte = findingsCte(seeded.bureauId, scope, rule, cnToday());
    const totals = await complianceTotals(db, cte);
    const sqlMs = await timed(() => complianceTotals(db, cte));
    out.push(`compliance, whole district (${totals.total} people, ${totals.over} over the standard), SQL engine: ${sqlMs.toFixed(0)} ms`);
    const jsMs = await timed(() => computeCompliance(db, scope), 3);
    out.push(`compliance, whole district, every person's rooms in the JS engine: ${jsMs.toFixed(0)} ms`);

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'manager', password: SCALE_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const page = await timed(() => get('/api/v1/office-space/compliance?page=1&pageSize=50'));
    out.push(`GET /office-space/compliance (page of 50, sorted by excess): ${page.toFixed(0)} ms`);
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      // Any change to the data invalidates the cached figures: measure the first read after one.
      await db.execute(sql`update office_data_version set version = version + 1 where id = 1`);
      const s = performance.now();
      await get('/api/v1/office-space/summary');
      cold.push(performance.now() - s);
    }
    const warm = await timed(() => get('/api/v1/office-space/summary'), 7);
    // As people meet it: a change, then the next look at the dashboard a few seconds later
    // (the figures warmer has recomputed the district in the background by then).
    const later: number[] = [];
    for (let i = 0; i < 3; i++) {
      await db.execute(sql`update office_data_version set version = version + 1 where id = 1`);
      await new Promise((r) => setTimeout(r, 4000));
      const s = performance.now();
      await get('/api/v1/office-space/summary');
      later.push(performance.now() - s);
    }
    out.push(
      `GET /office-space/summary: ${warm.toFixed(0)} ms warm; ${median(later).toFixed(0)} ms 4 s after a change (recomputed in the background); ${median(cold).toFixed(0)} ms when read the instant after a change (cold)`,
    );
    const stats = await timed(() => get('/api/v1/office-space/unit-stats'));
    out.push(`GET /office-space/unit-stats (235 agencies), warm: ${stats.toFixed(0)} ms`);

    if (withBrowser) {
      const root = path.resolve(import.meta.dirname, '..');
      spawnSync(process.execPath, [path.join(root, 'scripts/build-if-needed.mjs')], { cwd: root, stdio: 'ignore' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address() as { port: number };
      const browser = await launchBrowser();
      try {
        const ctx = await browser.newContext({ baseURL: `http://127.0.0.1:${addr.port}`, viewport: { width: 1440, height: 900 } });
        const p = await ctx.newPage();
        await p.goto('/login');
        await p.getByTestId('login-username').fill('manager');
        await p.getByTestId('login-password').fill(SCALE_PASSWORD);
        await p.getByTestId('login-submit').click();
        await p.waitForURL((u) => !u.pathname.startsWith('/login'));
        const [floor] = await queryRows<{ building_id: number }>(
          db,
          sql`select building_id from office_floors where id = ${seeded.bigFloorId}`,
        );
        const renders: number[] = [];
        const clicks: number[] = [];
        for (let i = 0; i < 3; i++) {
          // As a person does it: the building's page is open, they click the floor.
          await p.goto(`/office/floors?buildingId=${floor!.building_id}`);
          await p.getByTestId('floor-list').locator('li').first().waitFor();
          await p.waitForTimeout(500);
          const t0 = await p.evaluate(() => performance.now());
          await p.getByTestId('floor-1F').click();
          const done = await p.waitForFunction(
            () => (document.querySelectorAll('[data-testid="plan-viewer"] polygon').length >= 300 ? performance.now() : false),
            null,
            { polling: 'raf', timeout: 60_000 },
          );
          const at = (await done.jsonValue()) as number;
          const responseEnd = await p.evaluate(
            (id) =>
              (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).findLast((r) =>
                r.name.includes(`/office-space/floors/${id}`),
              )?.responseEnd ?? 0,
            seeded.bigFloorId,
          );
          clicks.push(at - t0);
          renders.push(at - responseEnd);
        }
        const n = await p.locator('[data-testid="plan-viewer"] polygon').count();
        out.push(
          `floor viewer, ${n} rooms: drawn ${median(renders).toFixed(0)} ms after its data arrived, ${median(clicks).toFixed(0)} ms from the click including the request (median of 3, headless Chromium)`,
        );
      } finally {
        await browser.close();
      }
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
