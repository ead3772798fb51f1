import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, periodKey, registerJob } from '../../src/server/core/jobs/jobs.service';
import { queryRows } from '../../src/server/db/client';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;
let runs = 0;

beforeAll(async () => {
  app = await buildTestApp();
  await seedTestDistrict(app);
  registerJob(
    defineJob({
      name: 'test.counter',
      titleZh: '测试',
      titleEn: 'Test',
      schedule: { kind: 'daily', at: '00:00' },
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        return { runs };
      },
      describe: (r) => ({ zh: `第 ${r.runs} 次`, en: `run ${r.runs}` }),
    }),
  );
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
    // The page shows what a run did in the caller's language, with the job's title, not its code or raw result.
    expect(hist.json().items[0]).toMatchObject({
      title: '清理过期会话',
      manual: true,
      summary: expect.stringMatching(/^清理过期会话 \d+ 个$/),
    });
    const adminEn = await login(app, 'admin', undefined, 'en');
    const histEn = await adminEn.get('/api/v1/jobs/runs?job=audit.retention');
    expect(histEn.json().items[0]).toMatchObject({
      title: 'Audit log retention',
      summary: '0 audit records older than the retention period (180 days) removed',
    });
    expect((await admin.get('/api/v1/jobs')).json().items.find((j: { name: string }) => j.name === 'audit.retention').schedule).toBe(
      '每天 02:30（北京时间）',
    );
    const staff = await login(app, 'staff');
    expect((await staff.get('/api/v1/jobs')).statusCode).toBe(403);
    expect((await staff.post('/api/v1/jobs/sessions.cleanup/run')).statusCode).toBe(403);
  });
});

describe('attachments', () => {
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );

  it('stores a photo of a person, checks the type on content, and serves it through the owner’s permissions', async () => {
    const { upload } = await import('../helpers/excel');
    const unitA = await login(app, 'unit_a');
    const person = await unitA.post('/api/v1/people', {
      name: '照片测试',
      orgId: (await unitA.get('/api/v1/orgs?kind=unit')).json().items[0].id,
      postLevel: '150',
    });
    const pid = String(person.json().id);
    const ok = await upload(app, unitA, '/api/v1/files', PNG, 'photo.jpg', { ownerType: 'person_photo', ownerId: pid });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mime).toBe('image/png'); // named .jpg, detected as PNG by content
    const get = await unitA.get(`/api/v1/files/${ok.json().id}`);
    expect(get.statusCode).toBe(200);
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect(get.rawPayload.equals(PNG)).toBe(true);
    // An executable disguised as a PDF is refused.
    const exe = await upload(app, unitA, '/api/v1/files', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'report.pdf', {
      ownerType: 'person_photo',
      ownerId: pid,
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    // Another unit's administrator cannot see, list or delete it.
    const unitB = await login(app, 'unit_b');
    expect((await unitB.get(`/api/v1/files/${ok.json().id}`)).statusCode).toBe(404);
    expect((await unitB.get(`/api/v1/files?ownerType=person_photo&ownerId=${pid}`)).statusCode).toBe(404);
    expect((await unitB.del(`/api/v1/files/${ok.json().id}`)).statusCode).toBe(404);
    const cannotAttach = await upload(app, unitB, '/api/v1/files', PNG, 'x.png', { ownerType: 'person_photo', ownerId: pid });
    expect(cannotAttach.statusCode).toBe(404);
    expect((await unitA.del(`/api/v1/files/${ok.json().id}`)).statusCode).toBe(200);
    expect((await unitA.get(`/api/v1/files/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a file above the size limit with 413', async () => {
    const small = await buildTestApp({ HOUQIN_MAX_UPLOAD_MB: '1' });
    try {
      await seedTestDistrict(small);
      const { upload } = await import('../helpers/excel');
      const s = await login(small, 'unit_a');
      const res = await upload(small, s, '/api/v1/files', Buffer.concat([PNG, Buffer.alloc(1_200_000)]), 'big.png', {
        ownerType: 'person_photo',
        ownerId: '1',
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});
