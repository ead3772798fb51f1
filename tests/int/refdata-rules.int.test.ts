import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/core';
import { OFFICE_AREA_RULE } from '../../src/server/modules/office-space/office.ruletables';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Publishing a rule version goes through the table's schema (bad data → 400 naming the field,
 * nothing written, nothing audited), and the preview shows what a version would change without
 * writing: the changed fields and, for the office area standard, the people who would become
 * (or stop being) over standard district-wide. On PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let admin: Session;
let adminEn: Session;
let manager: Session;
const B = '/api/v1/office-space';
const R = '/api/v1/refdata/rules';

/** The fixture, written once: who sits in how much area (all units are county level). */
const PEOPLE = [
  { name: '王科长', post: '141', room: '301', area: 20, org: 'A' }, // 18 ㎡ allowed: over by 2
  { name: '李科员', post: '150', room: '302', area: 10, org: 'A' }, // 9 allowed: over by 1
  { name: '赵科员', post: '150', room: '303', area: 8.5, org: 'A' }, // within 9
  { name: '钱科员', post: '150', room: '201', area: 8.8, org: 'B' }, // within 9
  { name: '孙副科', post: '142', room: '202', area: 11, org: 'B' }, // within 12
] as const;

const county = OFFICE_AREA_RULE.versions[0]!.data.standards.county as Record<string, number>;
const rules = (over: Record<string, number>) => ({
  ...OFFICE_AREA_RULE.versions[0]!.data,
  standards: { ...OFFICE_AREA_RULE.versions[0]!.data.standards, county: { ...county, ...over } },
});
const body = (data: unknown) => ({ effectiveFrom: '2026-01-01', titleZh: '测试版本', titleEn: 'Test version', data });
const versions = async () => (await admin.get(`${R}/office_area_standard`)).json().items.length as number;
const ruleAudits = async () =>
  Number(
    (await queryRows<{ n: number }>(app.services.db, sql`select count(*)::int as n from audit_log where entity_type = 'rule_table'`))[0]!.n,
  );

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  admin = await login(app, 'admin');
  adminEn = await login(app, 'admin', undefined, 'en');
  manager = await login(app, 'manager');
  const site = await manager.post(`${B}/sites`, { name: '机关大院', orgId: d.bureau.id, address: '人民路 1 号' });
  expect(site.statusCode, site.body).toBe(200);
  const b = await manager.post(`${B}/buildings`, {
    siteId: site.json().id,
    name: '1号楼',
    grossArea: 3000,
    ownership: 'owned',
    floorsAbove: 3,
  });
  expect(b.statusCode, b.body).toBe(200);
  const floors = (await manager.get(`${B}/floors?buildingId=${b.json().id}`)).json().items as { id: number; level: number }[];
  for (const p of PEOPLE) {
    const orgId = p.org === 'A' ? d.unitA.id : d.unitB.id;
    const person = await manager.post('/api/v1/people', { name: p.name, orgId, postLevel: p.post });
    expect(person.statusCode, person.body).toBe(200);
    const floorId = floors.find((f) => f.level === Number(p.room[0]))!.id;
    const room = await manager.post(`${B}/rooms`, { floorId, number: p.room, useClass: 'office', useType: 'office', area: p.area, orgId });
    expect(room.statusCode, room.body).toBe(200);
    const occ = await manager.post(`${B}/occupancies`, { personId: person.json().id, roomId: room.json().id, startDate: '2025-01-01' });
    expect(occ.statusCode, occ.body).toBe(200);
  }
});
afterAll(async () => {
  await app?.close();
});

describe('publishing a rule version', () => {
  it('refuses data that does not fit the schema, naming each field, and writes nothing', async () => {
    const before = { versions: await versions(), audits: await ruleAudits() };
    const bad = rules({ '131': -5 });
    (bad as Record<string, unknown>).leaderToiletMaxM2 = 'six';
    const r = await adminEn.post(`${R}/office_area_standard`, body(bad));
    expect(r.statusCode, r.body).toBe(400);
    const err = r.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const fields = (err.details.fields as { field: string; message: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['data.standards.county.131', 'data.leaderToiletMaxM2']));
    // In the caller's language.
    const zh = await admin.post(`${R}/office_area_standard`, body(bad));
    expect(zh.statusCode).toBe(400);
    expect(JSON.stringify(zh.json().error.details)).toMatch(/[\u4e00-\u9fa5]/);
    expect(await versions()).toBe(before.versions);
    expect(await ruleAudits()).toBe(before.audits);
  });

  it('answers 404 for an unknown table and 400 for an impossible date', async () => {
    expect((await admin.post(`${R}/no_such_rule`, body({ a: 1 }))).statusCode).toBe(404);
    const r = await admin.post(`${R}/office_area_standard`, { ...body(rules({})), effectiveFrom: '2026-02-30' });
    expect(r.statusCode, r.body).toBe(400);
  });

  it('is refused to a caller without refdata.write', async () => {
    expect((await manager.post(`${R}/office_area_standard/preview`, body(rules({})))).statusCode).toBe(403);
  });
});

describe('previewing a rule version', () => {
  it('lists the changed fields and counts the people who become and stop being over standard', async () => {
    const before = { versions: await versions(), audits: await ruleAudits() };
    // 科员 lowered to 8.6 ㎡, 正科 raised to 20 ㎡.
    const candidate = { '150': 8.6, '141': 20 };
    const r = await adminEn.post(`${R}/office_area_standard/preview`, body(rules(candidate)));
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.diff).toEqual(
      expect.arrayContaining([
        { path: 'data.standards.county.150', before: 9, after: 8.6 },
        { path: 'data.standards.county.141', before: 18, after: 20 },
      ]),
    );
    expect(p.diff).toHaveLength(2);
    // The independent count, from the fixture alone.
    const over = (std: Record<string, number>) => new Set(PEOPLE.filter((x) => x.area > std[x.post]!).map((x) => x.name));
    const now = over(county);
    const next = over({ ...county, ...candidate });
    const become = [...next].filter((n) => !now.has(n)).length;
    const stop = [...now].filter((n) => !next.has(n)).length;
    // 钱科员 (8.8 ㎡) becomes over 8.6, 王科长 (20 ㎡) stops being over; 李科员 stays over, 赵科员 within.
    expect([become, stop]).toEqual([1, 1]);
    const value = (label: string) => p.effects.find((e: { label: string }) => e.label === label)?.value;
    expect(value('Would become over standard')).toBe(become);
    expect(value('Would no longer be over standard')).toBe(stop);
    expect(value('People over standard now')).toBe(now.size);
    expect(value('People over standard with this version')).toBe(next.size);
    // Nothing written.
    expect(await versions()).toBe(before.versions);
    expect(await ruleAudits()).toBe(before.audits);
  });

  it('refuses bad data the same way as publishing', async () => {
    const r = await admin.post(`${R}/office_area_standard/preview`, body(rules({ '150': 0 })));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details.fields[0].field).toBe('data.standards.county.150');
  });

  it('previews vehicle caps: the changed ratio and the units over their cap', async () => {
    const cur = (await admin.get(`${R}/vehicle_caps`)).json().items[0];
    const r = await adminEn.post(`${R}/vehicle_caps/preview`, body({ ...cur.data, unitCapRatio: 0.5 }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().diff).toEqual([{ path: 'data.unitCapRatio', before: 0.7, after: 0.5 }]);
    expect(r.json().effects).toHaveLength(2);
  });

  it('publishes a valid version, audited once', async () => {
    const before = { versions: await versions(), audits: await ruleAudits() };
    const r = await admin.post(`${R}/office_area_standard`, body(rules({ '150': 9 })));
    expect(r.statusCode, r.body).toBe(200);
    expect(await versions()).toBe(before.versions + 1);
    expect(await ruleAudits()).toBe(before.audits + 1);
  });
});

describe('the working-day calendar', () => {
  it('lists one year’s holidays and make-up days, only that year’s (a range on the date column, not a 500)', async () => {
    for (const [day, kind] of [
      ['2031-10-01', 'holiday'],
      ['2031-10-11', 'workday'],
      ['2032-01-01', 'holiday'],
    ] as const)
      expect((await admin.put(`/api/v1/calendar/${day}`, { kind, nameZh: '测试', nameEn: 'Test' })).statusCode).toBe(200);
    const res = await manager.get('/api/v1/calendar?year=2031');
    expect(res.statusCode).toBe(200);
    expect(res.json().days.map((x: { day: string }) => x.day)).toEqual(['2031-10-01', '2031-10-11']);
    expect((await manager.get('/api/v1/calendar?year=2032')).json().days.map((x: { day: string }) => x.day)).toEqual(['2032-01-01']);
  });
});
