/**
 * Assets and procurement at volume. A city of 12 districts × 40 units = 480 units holds
 * 500,000 asset cards (furniture, IT, equipment; 1 % in the pool) and ten years of
 * procurement, 120,000 awarded projects, loaded in bulk. Measured in process over HTTP as the
 * city-wide manager:
 *  - the asset list searched by name, by code prefix, by class and status (target < 150 ms);
 *  - the A4 label sheet of 1,000 assets with a QR code each (target < 3 s);
 *  - the savings rate over the city's ten years (target < 200 ms), and one district's year.
 *
 * `npx tsx scripts/bench-assets.ts` runs it on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createAccount, syncBuiltinRoles, hashPassword, OrgService } from '../src/server/core/bootstrap';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';
import { timed, withBenchApp } from './bench-harness';

const DISTRICTS = 12;
const UNITS_PER_DISTRICT = 40;
const ASSETS = Number(process.env.BENCH_ASSETS ?? 500_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 120_000);
const PASSWORD = 'Bench#Assets2026';

export async function benchAssets(h: DatabaseHandle): Promise<string[]> {
  const out: string[] = [];
  await withBenchApp(h, 'assets', async (app) => {
    const db = h.db;
    const t0 = performance.now();
    const orgs = new OrgService(db);
    const hash = await hashPassword(PASSWORD);
    const { cityId, unitIds, districtIds } = await db.transaction(async (tx) => {
      await syncBuiltinRoles(tx);
      const city = await orgs.insertUnder(tx, null, { name: '基准市机关事务管理局', kind: 'bureau', agencyLevel: 'city' });
      const unitIds: number[] = [];
      const districtIds: number[] = [];
      for (let d = 0; d < DISTRICTS; d++) {
        const district = await orgs.insertUnder(tx, city, { name: `基准${d + 1}区机关事务管理局`, kind: 'bureau', agencyLevel: 'county' });
        districtIds.push(district.id);
        for (let u = 0; u < UNITS_PER_DISTRICT; u++)
          unitIds.push(
            (
              await orgs.insertUnder(tx, district, {
                name: `基准${d + 1}区单位${u + 1}`,
                kind: 'unit',
                agencyLevel: 'county',
                staffing: 40,
              })
            ).id,
          );
      }
      await createAccount(
        tx,
        {
          tenantId: city.id,
          username: 'bench_manager',
          displayName: 'bench',
          password: '',
          orgId: city.id,
          roleCode: 'manager',
          scopeOrgId: city.id,
        },
        hash,
      );
      return { cityId: city.id, unitIds, districtIds };
    });
    const units = sql.raw(`array[${unitIds.join(',')}]`);
    await db.transaction(async (tx) => {
      const [w] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_warehouses (tenant_id, org_id, name) values (${cityId}, ${cityId}, '基准公物仓') returning id`,
      );
      const names = sql.raw(`array['办公桌','办公椅','文件柜','台式计算机','笔记本电脑','激光打印机','分体空调','会议椅','书架','投影仪']`);
      // Registers name things by maker and model as well as by kind ("联想台式计算机 启天M437"):
      // 48 makers × 10 kinds × model numbers, so the planner sees a register's spread of words.
      const makers = sql.raw(
        `array[${'联想,华为,得力,齐心,格力,美的,海尔,惠普,戴尔,佳能,爱普生,兄弟,奥图码,明基,震旦,科密,晨光,宜家,圣奥,美时,欧宝,冠美,震旦,长江,海信,长虹,方正,清华同方,浪潮,中科曙光,紫光,华硕,宏碁,小米,飞利浦,松下,索尼,东芝,夏普,理光,富士施乐,柯尼卡,京瓷,奔图,立思辰,天威,国誉,永艺'
          .split(',')
          .map((m) => `'${m}'`)
          .join(',')}]`,
      );
      const cats = sql.raw(`array['A050102','A050103','A050105','A020101','A020101','A020102','A020401','A050103','A050106','A020104']`);
      await tx.execute(sql`
        insert into assets (tenant_id, org_id, code, name, category_code, spec, original_value, purchase_date, custodian, location, status,
                            condition, warehouse_id)
        select ${cityId}, case when i % 100 = 0 then ${cityId}::int else (${units})[1 + i % ${unitIds.length}] end,
               (${cats})[1 + i % 10] || '-' || (2010 + i % 16) || '-' || lpad(i::text, 7, '0'),
               (${makers})[1 + (i / 10) % 48] || (${names})[1 + i % 10] || ' ' || chr(65 + i % 26) || (i % 900 + 100)
                 || case when i % 7 = 0 then '（会议室）' else '' end, (${cats})[1 + i % 10], '标准型',
               (300 + (i * 37) % 9000)::numeric(16,2), date '2010-01-01' + (i % 5800), '使用人' || (i % 5000), '办公室 ' || (i % 800),
               case when i % 100 = 0 then 'in_pool' when i % 50 = 1 then 'idle' else 'in_use' end,
               case when i % 100 = 0 then 'A' end, case when i % 100 = 0 then ${Number(w!.id)}::int end
        from generate_series(1, ${ASSETS}) i`);
      await tx.execute(sql`
        insert into procurement_projects (tenant_id, org_id, code, name, method, budget, contract_amount, award_date, contract_date)
        select ${cityId}, (${units})[1 + i % ${unitIds.length}], 'CGB-' || lpad(i::text, 7, '0'), '基准采购项目' || i,
               (array['open_tender','inquiry','designated','competitive_consultation'])[1 + i % 4],
               (10000 + (i * 7919) % 2000000)::numeric(16,2), ((10000 + (i * 7919) % 2000000) * 0.88)::numeric(16,2),
               date '2016-01-01' + (i % 3650), date '2016-01-01' + (i % 3650) + 3
        from generate_series(1, ${PROJECTS}) i`);
    });
    // As autovacuum leaves a live table: statistics and the visibility map (index-only counts) up to date.
    await db.execute(sql`vacuum analyze assets`);
    await db.execute(sql`analyze procurement_projects`);
    out.push(
      `seeded ${unitIds.length} units in ${DISTRICTS} districts, ${ASSETS} assets and ${PROJECTS} procurement projects (2016–2025) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bench_manager', password: PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`bench login: ${login.body}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url: encodeURI(url), headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    };
    const searches: [string, string][] = [
      ['first page, no filter', '/api/v1/assets?pageSize=20'],
      ['name contains 会议室', '/api/v1/assets?q=会议室&pageSize=20'],
      ['code prefix A020101-2018', '/api/v1/assets?q=A020101-2018&pageSize=20'],
      ['one custodian', '/api/v1/assets?q=使用人4321&pageSize=20'],
      ['a name no card has', '/api/v1/assets?q=不存在的资产&pageSize=20'],
      ['two characters (too short for trigrams)', '/api/v1/assets?q=书架&pageSize=20'],
      ['two characters no card has', '/api/v1/assets?q=飞艇&pageSize=20'],
      ['class A050000 furniture, idle', '/api/v1/assets?category=A050000&status=idle&pageSize=20'],
      ['pool catalogue (status in_pool)', '/api/v1/assets?status=in_pool&pageSize=20'],
      ['one unit, sorted by value', `/api/v1/assets?orgId=${unitIds[7]}&sort=-originalValue&pageSize=20`],
    ];
    for (const [label, url] of searches) {
      const total = (await get(url)).json().total as number;
      const ms = await timed(() => get(url), 7, true);
      out.push(`GET /assets — ${label} (${total} matches): ${ms.toFixed(0)} ms (target < 150 ms)`);
    }
    const t = performance.now();
    const sheet = await get(`/api/v1/assets/labels?orgId=${unitIds[3]}&limit=1000`);
    const first = performance.now() - t;
    const labels = (sheet.body.match(/<svg/g) ?? []).length;
    const sheetMs = await timed(() => get(`/api/v1/assets/labels?orgId=${unitIds[3]}&limit=1000`), 3, true);
    out.push(
      `GET /assets/labels, ${labels} labels with QR codes (${(sheet.body.length / 1024).toFixed(0)} KiB of HTML): ${sheetMs.toFixed(0)} ms, first ${first.toFixed(0)} ms (target < 3 s)`,
    );
    const tenYears = '/api/v1/procurement/savings?from=2016-01-01&to=2025-12-31';
    const s = (await get(tenYears)).json();
    const savingsMs = await timed(() => get(tenYears), 7, true);
    out.push(
      `GET /procurement/savings, the city's ten years (${s.projects} projects, 节资率 ${(s.savingsRate * 100).toFixed(2)} %): ${savingsMs.toFixed(0)} ms (target < 200 ms)`,
    );
    const districtMs = await timed(() => get(`/api/v1/procurement/savings?orgId=${districtIds[2]}&from=2025-01-01&to=2025-12-31`), 7, true);
    out.push(`GET /procurement/savings, one district, one year: ${districtMs.toFixed(0)} ms`);
  });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { openTestDatabase } = await import('../tests/helpers/app');
  const h = await openTestDatabase();
  try {
    console.log(`[${h.dbKind}]`);
    for (const line of await benchAssets(h)) console.log(`  ${line}`);
  } finally {
    await h.close();
  }
}
