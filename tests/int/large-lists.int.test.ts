import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../../src/contracts/common';
import { FILING_ROOMS_MAX } from '../../src/contracts/modules/office-space';
import { PEOPLE_EXPORT_COLUMNS } from '../../src/server/core/people/people.columns';
import { queryRows } from '../../src/server/db/client';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook } from '../helpers/excel';

/**
 * Large lists (issue #16): every list is paged by the contracts' rule (a default page, a maximum
 * refused with a 400 naming `querystring.pageSize`), and exports stream a list of thousands of rows read in
 * batches, complete and in the list's order (no row twice or lost at a batch boundary).
 */
const N = 4_500;
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let managerEn: Session;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  // In bulk: several thousand people in one unit, every fifth a deputy head (so the compliance list has leaders too).
  await app.services.db.execute(
    sql`insert into people (tenant_id, org_id, name, post_level, staffing_type, status)
        select ${d.bureau.tenantId}, ${d.unitA.id}, '批量' || lpad(i::text, 5, '0'), case when i % 5 = 0 then '142' else '150' end, 'admin', 'active'
        from generate_series(1, ${N}) i`,
  );
  manager = await login(app, 'manager');
  managerEn = await login(app, 'manager', undefined, 'en');
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('the paging rule', () => {
  it('pages a list by default and refuses a page above the maximum, naming the field in the caller’s language', async () => {
    const list = (await manager.get('/api/v1/people')).json();
    expect(list.items).toHaveLength(PAGE_SIZE_DEFAULT);
    expect(list.total).toBeGreaterThanOrEqual(N);
    expect((await manager.get(`/api/v1/people?pageSize=${PAGE_SIZE_MAX}`)).json().items).toHaveLength(PAGE_SIZE_MAX);

    const zh = await manager.get(`/api/v1/people?pageSize=${PAGE_SIZE_MAX + 1}`);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details.fields).toEqual([{ field: 'querystring.pageSize', message: `不能大于 ${PAGE_SIZE_MAX}` }]);
    const en = await managerEn.get(`/api/v1/people?pageSize=${PAGE_SIZE_MAX + 1}`);
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details.fields).toEqual([{ field: 'querystring.pageSize', message: `must be at most ${PAGE_SIZE_MAX}` }]);
  });

  it('pages the district compliance list: no whole-list answer', async () => {
    const page = (await manager.get('/api/v1/office-space/compliance')).json();
    expect(page.items).toHaveLength(PAGE_SIZE_DEFAULT);
    expect(page.total).toBeGreaterThanOrEqual(N);
    // A page past the end is empty but still counts the list; the over-standard filter counts what the summary line says.
    const beyond = (await manager.get('/api/v1/office-space/compliance?page=1000')).json();
    expect(beyond).toMatchObject({ items: [], total: page.total, overCount: page.overCount });
    const over = (await manager.get('/api/v1/office-space/compliance?onlyOver=true&pageSize=1')).json();
    expect(over.total).toBe(page.overCount);
    const named = (await manager.get(`/api/v1/office-space/compliance?q=${encodeURIComponent('批量0000')}`)).json();
    expect(named.total).toBe(9);
    expect(named.items.map((i: { name: string }) => i.name)).toHaveLength(9);
    const whole = await manager.get('/api/v1/office-space/compliance?page=1&pageSize=50000');
    expect(whole.statusCode).toBe(400);
    expect(whole.json().error.details.fields[0].field).toBe('querystring.pageSize');
  });
});

describe('streamed exports', () => {
  it('exports several thousand people complete, in the list’s order, with localized headers and labels', async () => {
    const res = await manager.get(`/api/v1/people/export?orgId=${d.unitA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('人员名单')}`);
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual(PEOPLE_EXPORT_COLUMNS.map((c) => c.headerZh));
    const expected = await queryRows<{ name: string }>(
      app.services.db,
      sql`select name from people where org_id in (select id from orgs where path like ${`%/${d.unitA.id}/%`}) order by org_id, id`,
    );
    expect(expected.length).toBeGreaterThanOrEqual(N);
    // Every row once, in order, across the batch boundaries (1,000 rows a read).
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.name));
    const nameCol = 0;
    const unitCol = PEOPLE_EXPORT_COLUMNS.findIndex((c) => c.key === 'orgName');
    const levelCol = PEOPLE_EXPORT_COLUMNS.findIndex((c) => c.key === 'postLevel');
    const last = rows.find((r) => r[nameCol] === `批量${String(N).padStart(5, '0')}`)!;
    expect(last[unitCol]).toBe(d.unitA.name);
    // A code column shows its label, never the internal code.
    expect(last[levelCol]).not.toBe('142');
    expect(last[levelCol]).toMatch(/副|deputy/i);

    const audit = await queryRows<{ summary: string }>(
      app.services.db,
      sql`select summary from audit_log where action = 'export' and entity_type = 'person' order by id desc limit 1`,
    );
    expect(audit[0]!.summary).toMatch(new RegExp(`^${expected.length}/${expected.length} rows`));
  });

  it('exports the whole compliance list as many rows as the list counts, in English when asked', async () => {
    const total = (await managerEn.get('/api/v1/office-space/compliance?pageSize=1')).json().total as number;
    const res = await managerEn.get('/api/v1/office-space/compliance/export');
    expect(res.statusCode).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    expect(rows.length - 1).toBe(total);
    expect(total).toBeGreaterThanOrEqual(N);
    expect(rows[0]!.slice(0, 2)).toEqual(['Unit', 'Name']);
    const names = new Set(rows.slice(1).map((r) => r[1]));
    expect(names.size).toBe(total);
    expect(names.has('批量00001')).toBe(true);
    expect(names.has(`批量${String(N).padStart(5, '0')}`)).toBe(true);
  });
});

describe('the filing report of a unit with more rooms than a form holds', () => {
  it('lists the first FILING_ROOMS_MAX rooms, says how many there are, and the rooms export has them all', async () => {
    const db = app.services.db;
    const t = d.bureau.tenantId;
    const [site] = await queryRows<{ id: number }>(
      db,
      sql`insert into office_sites (tenant_id, org_id, name) values (${t}, ${d.unitA.id}, '批量院区') returning id`,
    );
    const [b] = await queryRows<{ id: number }>(
      db,
      sql`insert into office_buildings (tenant_id, site_id, org_id, name, gross_area, ownership) values (${t}, ${site!.id}, ${d.unitA.id}, '批量楼', 90000, 'owned') returning id`,
    );
    const [f] = await queryRows<{ id: number }>(
      db,
      sql`insert into office_floors (tenant_id, building_id, level, name) values (${t}, ${b!.id}, 1, '1F') returning id`,
    );
    const rooms = FILING_ROOMS_MAX + 7;
    await db.execute(
      sql`insert into office_rooms (tenant_id, floor_id, building_id, site_id, org_id, number, use_class, use_type, area)
          select ${t}, ${f!.id}, ${b!.id}, ${site!.id}, ${d.unitA.id}, 'R' || lpad(i::text, 5, '0'), 'office', 'office', 12
          from generate_series(1, ${rooms}) i`,
    );
    const report = (await manager.get(`/api/v1/office-space/filing-report?orgId=${d.unitA.id}`)).json();
    expect(report.rooms).toHaveLength(FILING_ROOMS_MAX);
    expect(report.roomsTotal).toBe(rooms);
    const exported = await readWorkbook((await manager.get(`/api/v1/office-space/rooms/export?orgId=${d.unitA.id}`)).rawPayload);
    expect(exported.length - 1).toBe(rooms);
  });
});
