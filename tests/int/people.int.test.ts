import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';
import { readWorkbook, upload, workbook } from '../helpers/excel';

let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;

/** A valid 18-digit resident ID with the GB 11643 check character. */
function idNo(seq: number): string {
  const body = `32010219${String(80 + (seq % 20)).padStart(2, '0')}0101${String(100 + seq).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
});
afterAll(async () => {
  await app?.close();
});

describe('people API', () => {
  let personId: number;

  it('creates a person with encrypted phone and ID number', async () => {
    const res = await unitA.post('/api/v1/people', {
      name: '李娜',
      orgId: d.unitA.id,
      deptId: d.deptA.id,
      postLevel: '150',
      gender: 'F',
      phone: '13912345678',
      idNumber: idNo(1),
      employeeNo: 'A001',
      statusSince: '2015-07-01',
    });
    expect(res.statusCode).toBe(200);
    personId = res.json().id;
    expect(res.json().phone).toBe('13912345678'); // unit admin holds people.sensitive
    const [raw] = await queryRows<{ phone_enc: string; id_number_enc: string }>(
      app.services.db,
      sql`select phone_enc, id_number_enc from people where id = ${personId}`,
    );
    expect(raw!.phone_enc).not.toContain('13912345678');
    expect(raw!.id_number_enc).not.toContain(idNo(1).slice(0, 10));
  });

  it('names the bad fields', async () => {
    const res = await unitA.post('/api/v1/people', { orgId: d.unitA.id, postLevel: '999', idNumber: '320102198001011235', phone: '12345' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'postLevel', 'idNumber', 'phone']));
  });

  it('derives the post level from a rank code and refuses unknown ranks', async () => {
    const ok = await unitA.post('/api/v1/people', { name: '职级映射', orgId: d.unitA.id, rankCode: 'rank_section_chief_1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().postLevel).toBe('142');
    const bad = await unitA.post('/api/v1/people', { name: '职级错误', orgId: d.unitA.id, postLevel: '150', rankCode: 'no_such_rank' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('rankCode');
    await unitA.del(`/api/v1/people/${ok.json().id}`);
  });

  it('refuses a department of another unit and a duplicate ID number', async () => {
    const wrongDept = await manager.post('/api/v1/people', { name: '王强', orgId: d.unitA.id, deptId: d.deptB.id, postLevel: '150' });
    expect(wrongDept.statusCode).toBe(400);
    const dup = await manager.post('/api/v1/people', { name: '王强', orgId: d.unitB.id, postLevel: '150', idNumber: idNo(1) });
    expect(dup.statusCode).toBe(409);
  });

  it('lists with filters, paging and sorting; masks phones in lists', async () => {
    for (let i = 0; i < 5; i++)
      await manager.post('/api/v1/people', {
        name: `测试${i}`,
        orgId: d.unitB.id,
        postLevel: i === 0 ? '141' : '150',
        phone: `1380000000${i}`,
      });
    const all = await manager.get('/api/v1/people?pageSize=2&sort=name');
    expect(all.json().total).toBe(6);
    expect(all.json().items).toHaveLength(2);
    const b = await manager.get(`/api/v1/people?orgId=${d.unitB.id}&postLevel=141`);
    expect(b.json().total).toBe(1);
    expect(b.json().items[0].phoneMasked).toBe('*******0000');
    const q = await manager.get(`/api/v1/people?q=${encodeURIComponent('测试')}`);
    expect(q.json().total).toBe(5);
  });

  it('records status changes with their dates', async () => {
    const res = await unitA.patch(`/api/v1/people/${personId}`, { status: 'transferred', statusSince: '2026-10-31' });
    expect(res.statusCode).toBe(200);
    expect(res.json().statusHistory.map((h: { status: string }) => h.status)).toEqual(['active', 'transferred']);
    expect(res.json().statusSince).toBe('2026-10-31');
  });

  it('masks personal data for readers without people.sensitive', async () => {
    const leader = await login(app, 'leader');
    const res = await leader.get(`/api/v1/people/${personId}`);
    expect(res.json().phone).toBe('139****5678');
    expect(res.json().sensitiveVisible).toBe(false);
  });

  it('isolates units: unit_a gets nothing of unit B', async () => {
    const list = await unitA.get('/api/v1/people?pageSize=100');
    expect(list.json().items.every((p: { orgId: number }) => p.orgId === d.unitA.id)).toBe(true);
    const bPerson = (await manager.get(`/api/v1/people?orgId=${d.unitB.id}`)).json().items[0].id;
    expect((await unitA.get(`/api/v1/people/${bPerson}`)).statusCode).toBe(404);
    expect((await unitA.patch(`/api/v1/people/${bPerson}`, { name: 'x' })).statusCode).toBe(404);
    expect((await unitA.del(`/api/v1/people/${bPerson}`)).statusCode).toBe(404);
    expect((await unitA.get(`/api/v1/people?orgId=${d.unitB.id}`)).statusCode).toBe(404);
    expect((await unitA.post('/api/v1/people', { name: 'x', orgId: d.unitB.id, postLevel: '150' })).statusCode).toBe(404);
    const exp = await unitA.get('/api/v1/people/export');
    const rows = await readWorkbook(exp.rawPayload);
    expect(rows.slice(1).every((r) => r[1] === d.unitA.name)).toBe(true);
  });

  it('deletes an unreferenced person', async () => {
    const p = await manager.post('/api/v1/people', { name: '临时', orgId: d.unitB.id, postLevel: '160' });
    expect((await manager.del(`/api/v1/people/${p.json().id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/v1/people/${p.json().id}`)).statusCode).toBe(404);
  });
});

describe('people import and export', () => {
  const headers = ['姓名', '单位', '内设机构', '性别', '职务', '职务级别', '编制类型', '手机号码', '身份证号'];
  const good = (i: number) => [
    `导入${i}`,
    d.unitA.name,
    '办公室',
    i % 2 ? '男' : '女',
    '科员',
    '科员级',
    '行政编制',
    `1370000${String(1000 + i)}`,
    idNo(100 + i),
  ];

  it('serves a template with localised headers', async () => {
    const res = await unitA.get('/api/v1/people/import/template');
    expect(res.statusCode).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]![0]).toBe('姓名 *');
    const en = await app.inject({ url: '/api/v1/people/import/template', headers: { ...unitA.headers, 'accept-language': 'en' } });
    expect((await readWorkbook(en.rawPayload))[0]![0]).toBe('Name *');
  });

  it('imports nothing when any row is bad, and names row and column', async () => {
    const before = (await unitA.get('/api/v1/people')).json().total;
    const rows = Array.from({ length: 6 }, (_, i) => good(i));
    rows[2]![5] = '大官'; // unknown post level, Excel row 4
    rows[4]![1] = d.unitB.name; // another unit's name: outside scope, Excel row 6
    const res = await upload(app, unitA, '/api/v1/people/import', await workbook(headers, rows));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_FAILED', details: { imported: 0 } });
    const errs = res.json().error.details.errors;
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, column: '职务级别' }),
        expect.objectContaining({ row: 6, column: '单位' }),
      ]),
    );
    expect((await unitA.get('/api/v1/people')).json().total).toBe(before);
  });

  it('imports 20 valid rows in one go', async () => {
    const before = (await unitA.get('/api/v1/people')).json().total;
    const res = await upload(
      app,
      unitA,
      '/api/v1/people/import',
      await workbook(
        headers,
        Array.from({ length: 20 }, (_, i) => good(i)),
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 20, errors: [] });
    expect((await unitA.get('/api/v1/people')).json().total).toBe(before + 20);
  });

  it('rejects a file that is not a workbook', async () => {
    const res = await upload(app, unitA, '/api/v1/people/import', Buffer.from('name,unit\n'), 'x.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_BAD_FILE');
  });

  it('exports exactly the filtered list', async () => {
    const filtered = await manager.get(`/api/v1/people?orgId=${d.unitA.id}&status=active`);
    const res = await manager.get(`/api/v1/people/export?orgId=${d.unitA.id}&status=active`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readWorkbook(res.rawPayload);
    expect(rows.length - 1).toBe(filtered.json().total);
  });
});
