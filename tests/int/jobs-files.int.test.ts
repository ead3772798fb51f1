import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodKey, registerJob } from '../../src/server/core/jobs/jobs.service';
import { queryRows } from '../../src/server/db/client';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;
let runs = 0;

beforeAll(async () => {
  app = await buildTestApp();
  await seedTestDistrict(app);
  registerJob({
    name: 'test.counter',
    titleZh: '测试',
    titleEn: 'Test',
    schedule: { kind: 'daily', at: '00:00' },
    run: async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { runs };
    },
  });
});
afterAll(async () => {
  await app?.close();
});

describe('scheduled jobs', () => {
  it('computes periods in China time', () => {
    expect(periodKey({ kind: 'daily', at: '02:30' }, new Date('2026-11-23T18:00:00Z'))).toBeNull(); // 02:00 CST: not yet due
    expect(periodKey({ kind: 'daily', at: '01:30' }, new Date('2026-11-23T18:00:00Z'))).toBe('2026-11-24');
    expect(periodKey({ kind: 'daily', at: '03:00' }, new Date('2026-11-23T18:00:00Z'))).toBeNull();
    expect(periodKey({ kind: 'every', minutes: 60 }, new Date('2026-11-24T05:59:00Z'))).toBe('2026-11-24T05:00');
  });

  it('runs a due job once even when two schedulers tick at the same moment', async () => {
    const before = runs;
    const now = new Date();
    const [a, b] = await Promise.all([app.services.jobs.tick(now), app.services.jobs.tick(now)]);
    expect([...a, ...b].filter((n) => n === 'test.counter')).toHaveLength(1);
    expect(runs).toBe(before + 1);
    const [row] = await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from job_runs where job = 'test.counter'`);
    expect(row!.n).toBe(1);
    // The same period again: nothing runs.
    expect(await app.services.jobs.tick(now)).not.toContain('test.counter');
  });

  it('shows jobs and history to the system administrator and runs one by hand', async () => {
    const admin = await login(app, 'admin');
    const list = await admin.get('/api/v1/jobs');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((j: { name: string }) => j.name)).toEqual(expect.arrayContaining(['sessions.cleanup', 'audit.retention']));
    const run = await admin.post('/api/v1/jobs/sessions.cleanup/run');
    expect(run.statusCode).toBe(200);
    expect(run.json().status).toBe('succeeded');
    const retention = await admin.post('/api/v1/jobs/audit.retention/run');
    expect(retention.json()).toMatchObject({ status: 'succeeded', result: { purged: 0, retentionDays: 180 } });
    const hist = await admin.get('/api/v1/jobs/runs?job=sessions.cleanup');
    expect(hist.json().total).toBeGreaterThan(0);
    const staff = await login(app, 'staff');
    expect((await staff.get('/api/v1/jobs')).statusCode).toBe(403);
    expect((await staff.post('/api/v1/jobs/sessions.cleanup/run')).statusCode).toBe(403);
  });
});
