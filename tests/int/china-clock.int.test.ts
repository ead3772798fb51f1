import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RuleTableDefinition, addDays, cnToday, now, resetClock, setClockForTests } from '../../src/server/core';
import { periodKey } from '../../src/server/core/jobs/jobs.service';
import { queryRows } from '../../src/server/db/client';
import { loadAreaRule } from '../../src/server/modules/office-space/compliance.service';
import { today as officeToday } from '../../src/server/modules/office-space/office.repository';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #14, point 3: at 00:30 in China (16:30 UTC the day before) every rule that means "a day
 * in China" sees the China day, not the UTC day (which is yesterday until 08:00).
 */
const AT_0030_CN = '2026-03-01T16:30:00Z';
const CN_DAY = '2026-03-02';

let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
});
afterEach(() => resetClock());
afterAll(async () => {
  resetClock();
  await app?.close();
});

describe('the core clock at 00:30 China time', () => {
  it('reads today as the China day and can be reset', () => {
    setClockForTests(AT_0030_CN);
    expect(now().toISOString().slice(0, 16)).toBe('2026-03-01T16:30');
    expect(cnToday()).toBe(CN_DAY);
    expect(officeToday()).toBe(CN_DAY);
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("gives a daily job the China day's period key", () => {
    setClockForTests(AT_0030_CN);
    expect(periodKey({ kind: 'daily', at: '00:10' }, now())).toBe(CN_DAY);
    expect(periodKey({ kind: 'daily', at: '07:40' }, now())).toBeNull();
  });

  it('uses the rule version in force from its first China day', async () => {
    const [last] = await queryRows<{ name: string; version: number }>(
      app.services.db,
      sql`select name, max(version)::int as version from rule_tables group by name order by name limit 1`,
    );
    await app.services.db.execute(
      sql`insert into rule_tables (name, version, effective_from, title_zh, title_en, data)
          values (${last!.name}, ${last!.version + 1}, ${CN_DAY}::date, '测试版本', 'test version', ${JSON.stringify({ marker: 'from-0302' })}::jsonb)`,
    );
    setClockForTests(AT_0030_CN);
    // Any registered table serves: the test reads its newest version back by name.
    const def = { name: last!.name } as RuleTableDefinition<{ marker?: string }>;
    expect(await app.services.refdata.rule(def)).toMatchObject({ marker: 'from-0302' });
    await app.services.db.execute(sql`delete from rule_tables where name = ${last!.name} and version = ${last!.version + 1}`);
  });

  it('reminds a lease whose reminder falls due today in China', async () => {
    setClockForTests(AT_0030_CN);
    const { rule } = await loadAreaRule(app.services.db);
    const days = Number((rule as { leaseReminderDays?: number }).leaseReminderDays ?? 60);
    // Due today in China (end − days = 2 March); by the UTC day (1 March) it would wait a day.
    await app.services.db.execute(
      sql`insert into office_leases (tenant_id, org_id, landlord, address, area, start_date, end_date, rent_per_year)
          values (${d.bureau.id}, ${d.unitA.id}, '出租方', '测试路 1 号', 100, '2024-01-01', ${addDays(CN_DAY, days)}::date, 10000)`,
    );
    const admin = await login(app, 'admin');
    const r = await admin.post('/api/v1/jobs/office.lease.expiry/run');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'succeeded', result: { reminded: 1 } });
  });

  it("dates a person's status from today in China", async () => {
    setClockForTests(AT_0030_CN);
    const unitA = await login(app, 'unit_a');
    const r = await unitA.post('/api/v1/people', { name: '时钟测试', orgId: d.unitA.id, postLevel: '101' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().statusSince).toBe(CN_DAY);
  });
});
