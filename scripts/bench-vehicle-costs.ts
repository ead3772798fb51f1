/**
 * Vehicle running costs at volume: 40 units × 25 vehicles = 1,000 vehicles with a year of
 * weekly refuels, twice-weekly ETC tolls, quarterly repairs, monthly parking and one policy
 * each (173,000 cost records), loaded in bulk. Measured in process: the one-unit one-year
 * cost ledger over HTTP (target < 200 ms), the same for the whole district, the disclosure
 * sheet, and one anomaly scan of the district.
 *
 * `npx tsx scripts/bench-vehicle-costs.ts` runs it on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createAccount, syncBuiltinRoles, hashPassword, OrgService } from '../src/server/core/bootstrap';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';
import { timed, withBenchApp } from './bench-harness';

const UNITS = 40;
const PER_UNIT = 25;
const YEAR = 2025;
const PASSWORD = 'Bench#Costs2026';

export async function benchVehicleCosts(h: DatabaseHandle): Promise<string[]> {
  const out: string[] = [];
  await withBenchApp(h, 'vcosts', async (app) => {
    const db = h.db;
    const t0 = performance.now();
    const orgs = new OrgService(db);
    const hash = await hashPassword(PASSWORD);
    const { bureauId, unitIds } = await db.transaction(async (tx) => {
      await syncBuiltinRoles(tx);
      const bureau = await orgs.insertUnder(tx, null, { name: '基准区机关事务管理局', kind: 'bureau', agencyLevel: 'county' });
      const unitIds: number[] = [];
      for (let u = 0; u < UNITS; u++)
        unitIds.push(
          (await orgs.insertUnder(tx, bureau, { name: `基准单位${u + 1}`, kind: 'unit', agencyLevel: 'county', staffing: 40 })).id,
        );
      await createAccount(
        tx,
        {
          tenantId: bureau.id,
          username: 'bench_manager',
          displayName: 'bench',
          password: '',
          orgId: bureau.id,
          roleCode: 'manager',
          scopeOrgId: bureau.id,
        },
        hash,
      );
      return { bureauId: bureau.id, unitIds };
    });
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into vehicles (tenant_id, org_id, plate, type, brand, model, domestic, body_type, energy, displacement, seats, price,
                              purchase_date, odometer_km, tank_capacity_l, marking, supervision_phone)
        select ${bureauId}, (${sql.raw(`array[${unitIds.join(',')}]`)})[1 + (i - 1) / ${PER_UNIT}], '苏B' || lpad(i::text, 5, '0'), 'other', '红旗', 'H5',
               true, case when i % 4 = 0 then 'suv' else 'sedan' end, 'gasoline', 1.5, 5, 150000, date '2020-01-01', 40000 + i * 13, 55,
               'official', '025-12345678'
        from generate_series(1, ${UNITS * PER_UNIT}) i`);
      const cost = (kind: string, n: number, every: string, amount: string, extra: { q?: string; odo?: string; vendor?: string } = {}) =>
        tx.execute(sql`
          insert into vehicle_cost_records (tenant_id, vehicle_id, org_id, kind, occurred_at, occurred_on, amount, quantity, unit,
                                            vendor_name, odometer_km, status, source)
          select ${bureauId}, v.id, v.org_id, ${kind}, t, ((t at time zone 'UTC') + interval '8 hours')::date, ${sql.raw(amount)},
                 ${sql.raw(extra.q ?? 'null')}, ${kind === 'fuel' ? 'L' : null}, ${extra.vendor ?? null}, ${sql.raw(extra.odo ?? 'null')},
                 'recorded', 'import'
          from vehicles v cross join generate_series(0, ${n - 1}) w
          cross join lateral (select timestamptz '${sql.raw(`${YEAR}`)}-01-02 02:00:00+00' + (w * interval '${sql.raw(every)}') + ((v.id % 5) * interval '1 day') as t) x
          where v.tenant_id = ${bureauId}`);
      await cost('fuel', 52, '7 days', 'round((30 + (v.id + w) % 15) * 7.8, 2)', {
        q: '30 + (v.id + w) % 15',
        odo: 'v.odometer_km + w * 400',
        vendor: '城东定点加油站',
      });
      await cost('toll', 104, '3 days 12 hours', '15 + (v.id * w) % 60');
      await cost('repair', 4, '91 days', '300 + (v.id * 37 + w * 101) % 3000', { vendor: '市机关汽修厂' });
      await cost('parking', 12, '30 days', '10 + w % 3 * 5');
      await cost('insurance', 1, '1 day', '3000 + v.id % 500');
    });
    await db.execute(sql`analyze vehicles`);
    await db.execute(sql`analyze vehicle_cost_records`);
    const [n] = await queryRows<{ v: number; r: number }>(
      db,
      sql`select (select count(*)::int from vehicles where tenant_id = ${bureauId}) as v, (select count(*)::int from vehicle_cost_records where tenant_id = ${bureauId}) as r`,
    );
    out.push(
      `seeded ${n!.v} vehicles in ${UNITS} units, ${n!.r} cost records for ${YEAR} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bench_manager', password: PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`bench login: ${login.body}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    };
    const unit = unitIds[Math.floor(UNITS / 2)]!;
    const one = (await get(`/api/v1/vehicles/costs/ledger?year=${YEAR}&orgId=${unit}`)).json();
    const unitMs = await timed(() => get(`/api/v1/vehicles/costs/ledger?year=${YEAR}&orgId=${unit}`));
    out.push(
      `GET /vehicles/costs/ledger, one unit, one year (${one.vehicles.length} vehicles, ${one.totals.total} yuan): ${unitMs.toFixed(0)} ms (target < 200 ms)`,
    );
    const discMs = await timed(() => get(`/api/v1/vehicles/costs/disclosure?year=${YEAR}&orgId=${unit}`));
    out.push(`GET /vehicles/costs/disclosure, one unit, one year: ${discMs.toFixed(0)} ms`);
    const allMs = await timed(() => get(`/api/v1/vehicles/costs/ledger?year=${YEAR}`), 3);
    out.push(`GET /vehicles/costs/ledger, whole district (${UNITS * PER_UNIT} vehicles), one year: ${allMs.toFixed(0)} ms`);
    const scan = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/vehicles/anomalies/run',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { asOf: `${YEAR}-12-31` },
    });
    if (res.statusCode !== 200) throw new Error(`anomaly run: ${res.body.slice(0, 200)}`);
    out.push(
      `anomaly scan of the district (${n!.r} records, as of ${YEAR}-12-31): ${((performance.now() - scan) / 1000).toFixed(1)} s, ${res.json().found} findings`,
    );
  });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { openTestDatabase } = await import('../tests/helpers/app');
  const h = await openTestDatabase();
  try {
    console.log(`[${h.dbKind}]`);
    for (const line of await benchVehicleCosts(h)) console.log(`  ${line}`);
  } finally {
    await h.close();
  }
}
