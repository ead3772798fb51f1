/**
 * A district at the seed articles' scale for office space: 92 sites, 235 agencies, about
 * 25,000 rooms and 20,000 people, the rooms summing to exactly 494,231.27 ㎡, one floor
 * drawn with 300 rooms. Used by `npm run bench` (in memory) and by `npm run seed:scale`,
 * which fills an empty data directory so `npm start` shows the district:
 *
 *   HOUQIN_DATA_DIR=./data-scale npm run seed:scale && HOUQIN_DATA_DIR=./data-scale npm start
 *
 * Accounts: `manager` (bureau office-space administrator) with the demo password.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type App, buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createAccount, databaseIsEmpty, prepareDatabase, hashPassword, resolveDataKey, OrgService } from '../src/server/core/bootstrap';
import { type Db, type Executor, openDatabase, queryRows } from '../src/server/db/client';
import { type ChainPoint, type MeterChainFacts, chainStep, loadRules } from '../src/server/modules/energy';
import { drawPlan, officeBuildings, officeFloors, officeOccupancies, officeRooms, officeSites } from '../src/server/modules/office-space';

export const SCALE = { sites: 92, agencies: 235, people: 20_000, rooms: 25_000, totalCents: 49_423_127 };
export const SCALE_PASSWORD = 'Houqin@2026';
export const SCALE_BUREAU = '规模测试区机关事务管理局';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedScaleDistrict(app: App): Promise<{ bureauId: number; bigFloorId: number; ms: number }> {
  const t0 = performance.now();
  const db = app.services.db;
  const rnd = prng(49423127);
  const orgSvc = new OrgService(db);
  const hash = await hashPassword(SCALE_PASSWORD);
  const { bureau, units } = await db.transaction(async (tx) => {
    const bureau = await orgSvc.insertUnder(tx, null, {
      name: SCALE_BUREAU,
      kind: 'bureau',
      agencyLevel: 'county',
      staffing: 60,
    });
    const units = [bureau];
    for (let i = 1; i < SCALE.agencies; i++)
      units.push(
        await orgSvc.insertUnder(tx, bureau, {
          name: `规模测试单位${String(i).padStart(3, '0')}`,
          kind: 'unit',
          agencyLevel: 'county',
          staffing: 70 + Math.floor(rnd() * 30),
        }),
      );
    await createAccount(
      tx,
      {
        tenantId: bureau.tenantId,
        username: 'manager',
        displayName: '业务管理员',
        password: '',
        orgId: bureau.id,
        roleCode: 'manager',
        scopeOrgId: bureau.id,
      },
      hash,
    );
    return { bureau, units };
  });
  const tenantId = bureau.tenantId;

  // People: each unit a head (141), two deputies (142), the rest 科员/办事员.
  const perUnit = Math.floor(SCALE.people / units.length);
  const people: { orgId: number; postLevel: string }[] = [];
  units.forEach((u, i) => {
    const n = i < SCALE.people % units.length ? perUnit + 1 : perUnit;
    for (let k = 0; k < n; k++) people.push({ orgId: u.id, postLevel: k === 0 ? '141' : k < 3 ? '142' : rnd() < 0.25 ? '160' : '150' });
  });
  const personIds: number[] = [];
  for (let i = 0; i < people.length; i += 1000) {
    const rows = await db.transaction((tx) =>
      queryRows<{ id: number }>(
        tx,
        sql`insert into people (tenant_id, org_id, name, post_level, staffing_type, status)
            select ${tenantId}, (x->>'orgId')::int, '规模' || (x->>'i'), x->>'postLevel', 'admin', 'active'
            from jsonb_array_elements(${JSON.stringify(people.slice(i, i + 1000).map((p, j) => ({ ...p, i: i + j })))}::jsonb) x
            returning id`,
      ),
    );
    personIds.push(...rows.map((r) => Number(r.id)));
  }

  // Sites, buildings (2–3 per site), six floors each.
  const floors: { id: number; buildingId: number; siteId: number }[] = [];
  await db.transaction(async (tx) => {
    for (let s = 0; s < SCALE.sites; s++) {
      const [site] = await tx
        .insert(officeSites)
        .values({ tenantId, orgId: bureau.id, name: `办公区${String(s + 1).padStart(2, '0')}` })
        .returning();
      const nb = s % 3 === 0 ? 3 : 2;
      for (let b = 0; b < nb; b++) {
        const [bld] = await tx
          .insert(officeBuildings)
          .values({ tenantId, siteId: site!.id, orgId: bureau.id, name: `${b + 1}号楼`, grossArea: 1, ownership: 'owned', floorsAbove: 6 })
          .returning();
        const fl = await tx
          .insert(officeFloors)
          .values([1, 2, 3, 4, 5, 6].map((l) => ({ tenantId, buildingId: bld!.id, level: l, name: `${l}F` })))
          .returning();
        for (const f of fl) floors.push({ id: f.id, buildingId: bld!.id, siteId: site!.id });
      }
    }
  });

  // Rooms: office rooms for everyone (leaders alone, staff in twos and threes), then service,
  // equipment and auxiliary rooms up to 25,000; their areas are scaled so the total is exact.
  type R = { orgId: number; useClass: string; useType: string; cents: number; people: number[] };
  const rooms: R[] = [];
  let p = 0;
  for (const u of units) {
    const mine: number[] = [];
    while (p < people.length && people[p]!.orgId === u.id) mine.push(p++);
    let k = 0;
    while (k < mine.length) {
      const lv = people[mine[k]!]!.postLevel;
      if (lv === '141' || lv === '142') {
        // One head in twenty sits in a room 20 % over the standard.
        const std = lv === '141' ? 1800 : 1200;
        rooms.push({
          orgId: u.id,
          useClass: 'office',
          useType: 'office',
          cents: rnd() < 0.05 ? Math.round(std * 1.2) : std - Math.floor(rnd() * 150),
          people: [personIds[mine[k]!]!],
        });
        k++;
        continue;
      }
      const n = Math.min(mine.length - k, 2 + Math.floor(rnd() * 2));
      rooms.push({
        orgId: u.id,
        useClass: 'office',
        useType: 'office',
        cents: Math.round(n * 900 * (0.85 + rnd() * 0.15)),
        people: mine.slice(k, k + n).map((i) => personIds[i]!),
      });
      k += n;
    }
  }
  const kinds = [
    ['service', 'meeting'],
    ['service', 'archive'],
    ['service', 'storage'],
    ['equipment', 'server'],
    ['auxiliary', 'garage'],
  ] as const;
  const officeCount = rooms.length;
  for (let i = 0; rooms.length < SCALE.rooms; i++) {
    const [useClass, useType] = kinds[i % kinds.length]!;
    rooms.push({ orgId: units[i % units.length]!.id, useClass, useType, cents: 800 + Math.floor(rnd() * 3000), people: [] });
  }
  const officeCents = rooms.slice(0, officeCount).reduce((s, r) => s + r.cents, 0);
  const restCents = rooms.slice(officeCount).reduce((s, r) => s + r.cents, 0);
  const factor = (SCALE.totalCents - officeCents) / restCents;
  let sum = officeCents;
  for (let i = officeCount; i < rooms.length; i++) {
    rooms[i]!.cents = Math.max(100, Math.round(rooms[i]!.cents * factor));
    sum += rooms[i]!.cents;
  }
  rooms[rooms.length - 1]!.cents += SCALE.totalCents - sum;

  // The first floor gets 300 rooms (the viewer benchmark); the rest are spread over the others.
  const bigFloor = floors[0]!;
  const placed = rooms.map((r, i) => {
    const f = i < 300 ? bigFloor : floors[1 + ((i - 300) % (floors.length - 1))]!;
    return { ...r, floor: f, number: `R${String(i + 1).padStart(5, '0')}` };
  });
  for (let i = 0; i < placed.length; i += 1000) {
    const chunk = placed.slice(i, i + 1000);
    await db.transaction(async (tx) => {
      const ids = await tx
        .insert(officeRooms)
        .values(
          chunk.map((r) => ({
            tenantId,
            floorId: r.floor.id,
            buildingId: r.floor.buildingId,
            siteId: r.floor.siteId,
            orgId: r.orgId,
            number: r.number,
            useClass: r.useClass,
            useType: r.useType,
            area: r.cents / 100,
            status: 'in_use',
            singleOccupant: r.useClass === 'office' && r.people.length === 1,
          })),
        )
        .returning({ id: officeRooms.id });
      const occ = chunk.flatMap((r, j) =>
        r.people.map((personId) => ({ tenantId, roomId: ids[j]!.id, personId, orgId: r.orgId, kind: 'primary', startDate: '2024-01-01' })),
      );
      if (occ.length) await tx.insert(officeOccupancies).values(occ);
    });
  }
  await db.execute(
    sql`update office_buildings b set gross_area = coalesce((select round(sum(r.area) / 0.65, 2) from office_rooms r where r.building_id = b.id), 1000) where b.tenant_id = ${tenantId}`,
  );
  const big = await queryRows<{ id: number; number: string; area: string }>(
    db,
    sql`select id, number, area from office_rooms where floor_id = ${bigFloor.id} order by number`,
  );
  await db
    .update(officeFloors)
    .set({ plan: drawPlan(big.map((r) => ({ id: Number(r.id), number: r.number, area: Number(r.area) }))), planUpdatedAt: new Date() })
    .where(sql`${officeFloors.id} = ${bigFloor.id}`);
  await db.execute(sql`analyze`);
  return { bureauId: bureau.id, bigFloorId: bigFloor.id, ms: performance.now() - t0 };
}

// ---------- energy (issue #5) ----------
/*
 * Meters for every unit of the district, and their readings generated directly in SQL
 * (generate_series; the batch API would take hours for tens of millions of rows):
 *
 *  - one 15-minute electricity master per unit (in its totals; every fifth behind a current
 *    transformer, multiplier 40), the interval readings the `readings` option counts;
 *  - one manual water meter per unit and a gas meter for every third unit (canteens), read
 *    at each month end (stored at the first instant of the next month, as the monthly entry does).
 *
 * Consumption follows the working-day/rest-day profile of an office building by China hour,
 * a seasonal factor (summer air conditioning, winter heating), 2 % less a year since 2020 and
 * ±10 % deterministic noise, sized by each unit's headcount (1,800 kWh, 22 m³ water and, with
 * a canteen, 8 m³ gas per person and year). Register values are whole hundredths; each row's
 * `delta` is what the ingest chain computes (round6((value − previous) × multiplier), null for
 * a meter's first reading); the hourly (interval meters only), daily and monthly rollups are
 * built from the stored rows with the code's bucket rule (a reading closes the bucket holding
 * the instant before it; days and months in China time); the meters' bookkeeping
 * (last_reading_at, chain_ts, last_value, rate_ewma, rate_samples) is set so that a gateway's
 * next batch takes the append path. Asking again with a larger count grows the history
 * backwards (older readings under the same meters), so a database seeded at 5 M can be
 * grown to 50 M in place.
 */
const SLOT_MS = 15 * 60_000;
const WORKDAY = [
  0.42, 0.4, 0.4, 0.4, 0.4, 0.42, 0.48, 0.65, 1.05, 1.65, 1.85, 1.85, 1.55, 1.7, 1.85, 1.85, 1.75, 1.45, 1.05, 0.85, 0.72, 0.6, 0.5, 0.45,
];
const RESTDAY = [
  0.42, 0.4, 0.4, 0.4, 0.4, 0.4, 0.42, 0.45, 0.5, 0.58, 0.62, 0.62, 0.6, 0.6, 0.62, 0.6, 0.55, 0.5, 0.48, 0.47, 0.46, 0.45, 0.44, 0.43,
];
const SEASON_E = [1.2, 1.1, 0.95, 0.9, 1.0, 1.2, 1.4, 1.4, 1.15, 0.95, 1.0, 1.15];
const SEASON_W = [0.85, 0.8, 0.9, 0.95, 1.05, 1.15, 1.25, 1.25, 1.1, 1.0, 0.9, 0.85];
const SEASON_G = [1.15, 1.05, 1.0, 0.95, 0.95, 0.9, 0.9, 0.9, 0.95, 1.0, 1.05, 1.2];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const PROFILE_MEAN = ((5 * mean(WORKDAY) + 2 * mean(RESTDAY)) / 7) * mean(SEASON_E);
export const ENERGY_SCALE = { kwhPerPerson: 1800, waterPerPerson: 22, gasPerPerson: 8, ctMultiplier: 40, headroomYears: 20 };
/** Rows per statement when generating interval readings (one transaction each). */
const CHUNK_ROWS = 2_000_000;

type SeedMeter = {
  id: number;
  typ: 1 | 2 | 3; // electricity (15 min), water (monthly), gas (monthly)
  avg: number; // mean increment per reading, in hundredths of the register unit
  mult: number;
};
const arr = (xs: (number | string)[], type: string) => sql`${sql.param(xs)}::${sql.raw(type)}[]`;
/** The China wall-clock time of the instant just before ts (the interval a reading at ts closes). */
const LT = (ts: string) => `((${ts}) - interval '1 millisecond') at time zone 'UTC' + interval '8 hours'`;
/**
 * A reading's increment in hundredths, deterministic in (meter, instant); `lt` is the China
 * wall-clock time of the interval it closes (see LT). date_part (float8) rather than extract
 * (numeric since PostgreSQL 14), which is several times slower over millions of rows.
 */
function incSql(ts: string, lt: string) {
  const list = (xs: number[]) => `(array[${xs.join(',')}]::float8[])`;
  return `greatest(1, round(m.avg * (case m.typ
      when 1 then (case when date_part('isodow', ${lt}) <= 5 then ${list(WORKDAY)} else ${list(RESTDAY)} end)[date_part('hour', ${lt})::int + 1]
        * ${list(SEASON_E)}[date_part('month', ${lt})::int] / ${PROFILE_MEAN}
      when 2 then ${list(SEASON_W)}[date_part('month', ${lt})::int]
      else ${list(SEASON_G)}[date_part('month', ${lt})::int] end)
    * least(1.2, greatest(0.8, 1 - 0.02 * (date_part('year', ${lt}) - 2020)))
    * (0.9 + 0.2 * ((m.id::bigint * 2654435761 + date_part('epoch', ${ts})::bigint / 900 * 40503) % 10007) / 10007.0::float8)))::int`;
}
/** The instant `s` steps after (or, negative, before) `base`: 15 minutes for interval meters, a China month for manual ones. */
const STEP = (base: string, s: string) =>
  `((${base} at time zone 'UTC' + interval '8 hours' + ${s} * case when m.typ = 1 then interval '15 minutes' else interval '1 month' end) - interval '8 hours') at time zone 'UTC'`;
/** The chain's round6((value − previous) × multiplier), in float8 as JavaScript computes it (Math.round = floor(x + 0.5)). */
const ROUND6 = (raw: string, mult: string) => `floor((${raw}) * ${mult} * 1e6::float8 + 0.5) / 1e6::float8`;

/** Month ends (first instants of China months) in [from, to]. */
function monthEndsIn(from: number, to: number): number[] {
  const out: number[] = [];
  const d = new Date(from + 8 * 3_600_000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth(); // this month's first instant is <= from
  for (;;) {
    const t = Date.UTC(y, m, 1) - 8 * 3_600_000;
    if (t > to) break;
    if (t >= from) out.push(t);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

export type EnergySeedResult = {
  meters: number;
  intervalMeters: number;
  intervalReadings: number;
  manualReadings: number;
  added: number;
  from: string;
  to: string;
  ms: { readings: number; rollups: number; bookkeeping: number; analyze: number; total: number };
};

/**
 * Adds meters and readings to the seed-scale district of `tenantId` until its interval meters
 * hold `readings` readings, ending at `end` (default: now, on the quarter hour). A second
 * call with a larger count adds older readings. Progress lines go to `log`.
 */
export async function seedScaleEnergy(
  db: Db,
  tenantId: number,
  opts: { readings: number; end?: Date; log?: (line: string) => void },
): Promise<EnergySeedResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const ms = { readings: 0, rollups: 0, bookkeeping: 0, analyze: 0, total: 0 };
  let meters = await seedMeters(db, tenantId);
  const fresh = !meters.length;
  if (fresh) meters = await createSeedMeters(db, tenantId);
  const interval = meters.filter((m) => m.typ === 1);
  const manual = meters.filter((m) => m.typ !== 1);
  const perMeter = (i: number) => Math.floor(opts.readings / interval.length) + (i < opts.readings % interval.length ? 1 : 0);
  if (perMeter(interval.length - 1) < 2) throw new Error('at least two readings per interval meter');

  // Where each interval meter's history starts and ends today, and how many readings to add.
  const state = fresh
    ? null
    : new Map(
        (
          await queryRows<{ id: number; n: number; first: number; first_value: number; last: number }>(
            db,
            sql`select m.id, 1 + (select coalesce(sum(readings), 0)::int from energy_monthly r where r.tenant_id = ${tenantId} and r.meter_id = m.id) as n,
                  extract(epoch from f.ts) * 1000 as first, f.value as first_value, extract(epoch from m.last_reading_at) * 1000 as last
                from energy_meters m cross join lateral (
                  select ts, value from energy_readings r where r.tenant_id = ${tenantId} and r.meter_id = m.id order by ts limit 1) f
                where m.tenant_id = ${tenantId} and m.id = any(${arr(
                  meters.map((m) => m.id),
                  'int',
                )})`,
          )
        ).map((r) => [
          Number(r.id),
          { n: Number(r.n), first: Math.round(Number(r.first)), firstValue: Number(r.first_value), last: Math.round(Number(r.last)) },
        ]),
      );
  const end = fresh
    ? Math.floor((opts.end ?? new Date()).getTime() / SLOT_MS) * SLOT_MS
    : Math.max(...[...state!.values()].map((s) => s.last));
  const plan = interval.map((m, i) => {
    const want = perMeter(i);
    if (fresh) return { m, k: want, first: end - (want - 1) * SLOT_MS, anchor: 0, anchorValue: 0 };
    const s = state!.get(m.id)!;
    return {
      m,
      k: Math.max(0, want - s.n),
      first: s.first - Math.max(0, want - s.n) * SLOT_MS,
      anchor: s.first,
      anchorValue: s.firstValue,
    };
  });
  const toAdd = plan.reduce((a, p) => a + p.k, 0);
  const start = Math.min(...plan.map((p) => p.first));
  log(
    fresh
      ? `energy: ${meters.length} meters (${interval.length} 15-minute electricity masters, ${manual.length} manual water and gas meters); generating ${toAdd.toLocaleString('en')} interval readings ${new Date(start).toISOString()} … ${new Date(end).toISOString()}`
      : `energy: growing the history to ${opts.readings.toLocaleString('en')} interval readings: ${toAdd.toLocaleString('en')} older readings back to ${new Date(start).toISOString()}`,
  );

  // Interval meters in chunks of about CHUNK_ROWS readings: readings, then their rollups.
  const active = plan.filter((p) => p.k > 0);
  const per = Math.max(1, Math.floor(CHUNK_ROWS / Math.max(1, ...active.map((p) => p.k))));
  let done = 0;
  for (let i = 0; i < active.length; i += per) {
    const chunk = active.slice(i, i + per);
    const a = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '256MB'`);
      if (fresh)
        await insertForward(
          tx,
          tenantId,
          chunk.map((p) => ({ m: p.m, first: p.first, k: p.k, v0: headroom(p.m, p.m.id) })),
        );
      else await insertBackward(tx, tenantId, chunk);
      ms.readings += performance.now() - a;
      const b = performance.now();
      await buildRollups(
        tx,
        tenantId,
        chunk.map((p) => ({ id: p.m.id, lo: p.first, hi: fresh ? end : p.anchor })),
        true,
      );
      ms.rollups += performance.now() - b;
    });
    done += chunk.reduce((s, p) => s + p.k, 0);
    log(
      `energy: ${done.toLocaleString('en')} / ${toAdd.toLocaleString('en')} readings (${Math.round((done / toAdd) * 100)} %), ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }

  // Manual meters: one reading per month end over the same stretch (grown backwards likewise).
  const manualStart = fresh ? start : Math.min(...manual.map((m) => state!.get(m.id)?.first ?? end));
  const months = monthEndsIn(start, fresh ? end : manualStart - 1);
  let manualAdded = 0;
  if (months.length && manual.length) {
    const a = performance.now();
    await db.transaction(async (tx) => {
      if (fresh)
        await insertForward(
          tx,
          tenantId,
          manual.map((m) => ({ m, first: months[0]!, k: months.length, v0: headroom(m, m.id) })),
        );
      else
        await insertBackward(
          tx,
          tenantId,
          manual.map((m) => ({ m, k: months.length, anchor: state!.get(m.id)!.first, anchorValue: state!.get(m.id)!.firstValue })),
        );
      ms.readings += performance.now() - a;
      const b = performance.now();
      await buildRollups(
        tx,
        tenantId,
        manual.map((m) => ({ id: m.id, lo: months[0]!, hi: fresh ? months[months.length - 1]! : state!.get(m.id)!.first })),
        false,
      );
      ms.rollups += performance.now() - b;
    });
    manualAdded = months.length * manual.length;
  }

  const c = performance.now();
  await setBookkeeping(db, tenantId, meters);
  ms.bookkeeping = performance.now() - c;
  const d = performance.now();
  for (const t of ['energy_meters', 'energy_readings', 'energy_hourly', 'energy_daily', 'energy_monthly'])
    await db.execute(sql`analyze ${sql.identifier(t)}`);
  ms.analyze = performance.now() - d;
  const [tot] = await queryRows<{ i: number; m: number; from: string; to: string }>(
    db,
    sql`select count(*) filter (where m.interval_minutes is not null)::bigint as i, count(*) filter (where m.interval_minutes is null)::bigint as m,
          min(r.ts) as from, max(r.ts) as to
        from energy_readings r join energy_meters m on m.id = r.meter_id where r.tenant_id = ${tenantId}`,
  );
  ms.total = performance.now() - t0;
  return {
    meters: meters.length,
    intervalMeters: interval.length,
    intervalReadings: Number(tot!.i),
    manualReadings: Number(tot!.m),
    added: toAdd + manualAdded,
    from: new Date(String(tot!.from)).toISOString(),
    to: new Date(String(tot!.to)).toISOString(),
    ms,
  };
}

/** Register value at the start, in hundredths: room for `headroomYears` of older readings, plus a little per meter. */
function headroom(m: SeedMeter, id: number) {
  const perYear = m.typ === 1 ? (365 * 86_400_000) / SLOT_MS : 12;
  return Math.round(m.avg * perYear * ENERGY_SCALE.headroomYears * 1.3) + ((id * 7919) % 100_000) * 100;
}

async function seedMeters(db: Executor, tenantId: number): Promise<SeedMeter[]> {
  const rows = await queryRows<{ id: number; code: string; multiplier: number; heads: number }>(
    db,
    sql`select m.id, m.code, m.multiplier, (select count(*)::int from people p where p.org_id = m.org_id and p.status = 'active') as heads
        from energy_meters m where m.tenant_id = ${tenantId} and m.code ~ '^SE[EWG]-' order by m.id`,
  );
  return rows.map((r) => meterOf(Number(r.id), r.code, Number(r.multiplier), Number(r.heads)));
}
function meterOf(id: number, code: string, mult: number, heads: number): SeedMeter {
  const typ = code.startsWith('SEE') ? 1 : code.startsWith('SEW') ? 2 : 3;
  const perYear =
    typ === 1
      ? (ENERGY_SCALE.kwhPerPerson * heads) / ((365 * 86_400_000) / SLOT_MS)
      : ((typ === 2 ? ENERGY_SCALE.waterPerPerson : ENERGY_SCALE.gasPerPerson) * heads) / 12;
  return { id, typ, mult, avg: (Math.max(perYear, 0.01) * 100) / mult };
}

async function createSeedMeters(db: Db, tenantId: number): Promise<SeedMeter[]> {
  // Each unit's meters sit in the building where it has most rooms.
  await db.execute(
    sql`with u as (
          select o.id, o.name, row_number() over (order by o.depth, o.sort, o.id) as i from orgs o
          where o.tenant_id = ${tenantId} and o.kind in ('unit','bureau') and o.status = 'active'),
        home as (
          select distinct on (org_id) org_id, building_id, site_id from office_rooms where tenant_id = ${tenantId}
          group by org_id, building_id, site_id order by org_id, count(*) desc, building_id)
        insert into energy_meters (tenant_id, org_id, site_id, building_id, code, name, energy_type, unit, kind, multiplier, in_total, interval_minutes, installed_on)
        select ${tenantId}, u.id, h.site_id, h.building_id, k.code || '-' || u.id, u.name || k.name, k.type, k.unit, 'register',
               case when k.code = 'SEE' and u.i % 5 = 0 then ${ENERGY_SCALE.ctMultiplier} else 1 end, true, k.iv, '2015-01-01'
        from u left join home h on h.org_id = u.id
        cross join (values ('SEE', '总电表', 'electricity', 'kWh', 15), ('SEW', '总水表', 'water', 'm3', null), ('SEG', '燃气表', 'natural_gas', 'm3', null)) k(code, name, type, unit, iv)
        where k.code <> 'SEG' or u.i % 3 = 0
        order by u.i, k.code desc`,
  );
  return seedMeters(db, tenantId);
}

const meterArrays = (ms: SeedMeter[]) =>
  sql`${arr(
    ms.map((m) => m.id),
    'int',
  )}, ${arr(
    ms.map((m) => m.typ),
    'int',
  )}, ${arr(
    ms.map((m) => m.avg),
    'float8',
  )}, ${arr(
    ms.map((m) => m.mult),
    'float8',
  )}`;

/** A meter's first `k` readings from `first` on, the oldest at register v0 (hundredths) and without consumption. */
async function insertForward(tx: Executor, tenantId: number, rows: { m: SeedMeter; first: number; k: number; v0: number }[]) {
  const ms = rows.map((r) => r.m);
  await tx.execute(
    sql`insert into energy_readings (tenant_id, meter_id, ts, value, delta, flag, source)
        select ${tenantId}, x.id, x.ts, (x.v0 + x.c)::float8 / 100,
          case when x.s = 0 then null else ${sql.raw(ROUND6('(x.v0 + x.c)::float8 / 100 - (x.v0 + x.c - x.inc)::float8 / 100', 'x.mult'))} end,
          null, case when x.typ = 1 then 'api' else 'manual' end
        from (
          select g.*, sum(g.inc) over (partition by g.id order by g.s rows unbounded preceding) as c
          from (
            select m.id, m.typ, m.mult, m.v0, s, t.ts, case when s = 0 then 0 else ${sql.raw(incSql('t.ts', 't.lt'))} end as inc
            from unnest(${meterArrays(ms)}, ${arr(
              rows.map((r) => r.v0),
              'bigint',
            )}, ${arr(
              rows.map((r) => new Date(r.first).toISOString()),
              'timestamptz',
            )}, ${arr(
              rows.map((r) => r.k),
              'int',
            )}) as m(id, typ, avg, mult, v0, first, k)
            cross join lateral generate_series(0, m.k - 1) s
            cross join lateral (select ${sql.raw(STEP('m.first', 's'))} as ts offset 0) t0
            cross join lateral (select t0.ts, ${sql.raw(LT('t0.ts'))} as lt offset 0) t
            offset 0
          ) g
        ) x`, // the window's output is already in (meter, ts) order, as the index wants it
  );
}

/**
 * `k` readings older than each meter's first (the anchor), going back step by step: the
 * register falls by each interval's increment; the new oldest has no consumption and the
 * anchor gets the consumption of the interval it closes.
 */
async function insertBackward(tx: Executor, tenantId: number, rows: { m: SeedMeter; k: number; anchor: number; anchorValue: number }[]) {
  const ms = rows.map((r) => r.m);
  const [low] = await queryRows<{ v: number | null }>(
    tx,
    sql`select min(x.a - x.d) as v from (
          select m.id, m.a, sum(${sql.raw(incSql('t.ts', 't.lt'))}) as d
          from unnest(${meterArrays(ms)}, ${arr(
            rows.map((r) => Math.round(r.anchorValue * 100)),
            'bigint',
          )}, ${arr(
            rows.map((r) => new Date(r.anchor).toISOString()),
            'timestamptz',
          )}, ${arr(
            rows.map((r) => r.k),
            'int',
          )}) as m(id, typ, avg, mult, a, anchor, k)
          cross join lateral generate_series(0, m.k - 1) s
          cross join lateral (select ${sql.raw(STEP('m.anchor', '-s'))} as ts offset 0) t0
            cross join lateral (select t0.ts, ${sql.raw(LT('t0.ts'))} as lt offset 0) t
          group by 1, 2) x`,
  );
  if (low && low.v !== null && Number(low.v) < 0)
    throw new Error('the registers would fall below zero: that much history does not fit the seeded register values');
  await tx.execute(
    sql`insert into energy_readings (tenant_id, meter_id, ts, value, delta, flag, source)
        select ${tenantId}, x.id, x.ts, (x.a - x.d)::float8 / 100,
          case when x.s = x.k then null else ${sql.raw(ROUND6('(x.a - x.d)::float8 / 100 - (x.a - x.d - x.inc)::float8 / 100', 'x.mult'))} end,
          null, case when x.typ = 1 then 'api' else 'manual' end
        from (
          select g.*, sum(g.inc) over (partition by g.id order by g.s rows between unbounded preceding and 1 preceding) as d
          from (
            select m.id, m.typ, m.mult, m.a, m.k, s, t.ts, ${sql.raw(incSql('t.ts', 't.lt'))} as inc
            from unnest(${meterArrays(ms)}, ${arr(
              rows.map((r) => Math.round(r.anchorValue * 100)),
              'bigint',
            )}, ${arr(
              rows.map((r) => new Date(r.anchor).toISOString()),
              'timestamptz',
            )}, ${arr(
              rows.map((r) => r.k),
              'int',
            )}) as m(id, typ, avg, mult, a, anchor, k)
            cross join lateral generate_series(0, m.k) s
            cross join lateral (select ${sql.raw(STEP('m.anchor', '-s'))} as ts offset 0) t0
            cross join lateral (select t0.ts, ${sql.raw(LT('t0.ts'))} as lt offset 0) t
            offset 0
          ) g
        ) x
        where x.s >= 1
        order by x.id, x.ts`,
  );
  // The former first reading now closes an interval: its consumption, as the chain computes it.
  await tx.execute(
    sql`update energy_readings r set delta = ${sql.raw(ROUND6('r.value - p.value', 'm.mult'))}
        from unnest(${arr(
          ms.map((m) => m.id),
          'int',
        )}, ${arr(
          ms.map((m) => m.mult),
          'float8',
        )}, ${arr(
          rows.map((r) => new Date(r.anchor).toISOString()),
          'timestamptz',
        )}) as m(id, mult, anchor)
        cross join lateral (select value from energy_readings p where p.tenant_id = ${tenantId} and p.meter_id = m.id and p.ts < m.anchor order by p.ts desc limit 1) p
        where r.tenant_id = ${tenantId} and r.meter_id = m.id and r.ts = m.anchor`,
  );
}

/**
 * Adds the consumption of each meter's readings in [lo, hi] to the rollups, with the ingest
 * path's bucket rule (the instant before the reading; China days and months) and its
 * counting (readings that measured something). Adds to existing buckets, as the ingest upsert does.
 */
async function buildRollups(tx: Executor, tenantId: number, ranges: { id: number; lo: number; hi: number }[], hourly: boolean) {
  const r = sql`select e.meter_id, e.ts, e.delta from energy_readings e
    join unnest(${arr(
      ranges.map((x) => x.id),
      'int',
    )}, ${arr(
      ranges.map((x) => new Date(x.lo).toISOString()),
      'timestamptz',
    )}, ${arr(
      ranges.map((x) => new Date(x.hi).toISOString()),
      'timestamptz',
    )}) as b(id, lo, hi)
      on e.meter_id = b.id and e.ts >= b.lo and e.ts <= b.hi
    where e.tenant_id = ${tenantId} and e.delta is not null`;
  const upsert = (table: string, col: string, key: SQL, from: SQL) =>
    sql`insert into ${sql.identifier(table)} (tenant_id, meter_id, ${sql.identifier(col)}, consumption, readings)
        select ${tenantId}, meter_id, ${key}, sum(delta), count(*)::int from ${from} group by 2, 3
        on conflict (tenant_id, meter_id, ${sql.identifier(col)}) do update
          set consumption = ${sql.identifier(table)}.consumption + excluded.consumption, readings = ${sql.identifier(table)}.readings + excluded.readings`;
  const hour = sql.raw(`date_trunc('hour', (ts - interval '1 millisecond') at time zone 'UTC') at time zone 'UTC'`);
  const day = sql.raw(`(${LT('ts')})::date`);
  const month = sql.raw(`date_trunc('month', ${LT('ts')})::date`);
  await tx.execute(
    sql`with r as materialized (${r}),
        ${hourly ? sql`h as (${upsert('energy_hourly', 'hour', hour, sql`r`)}),` : sql``}
        d as (${upsert('energy_daily', 'day', day, sql`r`)})
        ${upsert('energy_monthly', 'month', month, sql`r`)}`,
  );
}

/**
 * The meters' ingest bookkeeping, as the append path leaves it: newest reading, where the
 * chain goes on from, and the spike statistics — the rate average replayed through the code's
 * chainStep over enough of each meter's newest readings that older ones would weigh less than
 * e⁻²⁰ (20 time constants of the rules' average; all of a manual meter's readings).
 */
async function setBookkeeping(db: Db, tenantId: number, meters: SeedMeter[]) {
  const rules = await loadRules(db);
  const p = rules.params.readings as unknown as Record<string, number | undefined>;
  const stepHours = SLOT_MS / 3_600_000;
  const lookback = p.spikeTimeConstantHours
    ? Math.ceil((20 * p.spikeTimeConstantHours) / stepHours)
    : p.ewmaAlpha
      ? Math.ceil(20 / p.ewmaAlpha)
      : 1_000_000;
  const out: { id: number; last: number; value: number; ewma: number | null; samples: number }[] = [];
  let spikes = 0;
  // A few meters at a time: the interval meters' lookback is thousands of rows each.
  for (let i = 0; i < meters.length; i += 20) {
    const group = meters.slice(i, i + 20);
    const rows = await queryRows<{ id: number; t: number; value: number; n: number }>(
      db,
      sql`select m.id, x.t, x.value, (select coalesce(sum(readings), 0)::int from energy_monthly c where c.tenant_id = ${tenantId} and c.meter_id = m.id) as n
          from unnest(${arr(
            group.map((m) => m.id),
            'int',
          )}, ${arr(
            group.map((m) => (m.typ === 1 ? lookback : 100_000)),
            'int',
          )}) as m(id, lim)
          cross join lateral (select extract(epoch from ts) * 1000 as t, value from energy_readings r
            where r.tenant_id = ${tenantId} and r.meter_id = m.id order by ts desc limit m.lim) x`,
    );
    const by = new Map<number, { t: number; value: number }[]>();
    const count = new Map<number, number>();
    for (const r of rows) {
      const list = by.get(Number(r.id)) ?? [];
      list.push({ t: Math.round(Number(r.t)), value: Number(r.value) });
      by.set(Number(r.id), list);
      count.set(Number(r.id), Number(r.n));
    }
    for (const m of group) {
      const list = (by.get(m.id) ?? []).reverse();
      if (!list.length) continue;
      const facts: MeterChainFacts = { multiplier: m.mult, rolloverValue: null, rateEwma: null, rateSamples: 0 };
      let prev: ChainPoint | null = null;
      for (const pt of list) {
        if (chainStep(prev, pt, facts, rules.params.readings).flag) spikes++;
        prev = pt;
      }
      const last = list[list.length - 1]!;
      out.push({ id: m.id, last: last.t, value: last.value, ewma: facts.rateEwma, samples: count.get(m.id) ?? 0 });
    }
  }
  if (spikes) throw new Error(`the generated profile would be flagged by the ingest chain (${spikes} flags in the newest readings)`);
  // After growing, the newest readings are unchanged; the manual meters' few readings still move their statistics.
  await db.execute(
    sql`update energy_meters m set last_reading_at = to_timestamp(u.l / 1000.0), chain_ts = to_timestamp(u.l / 1000.0), last_value = u.v,
          rate_ewma = u.r, rate_samples = u.n
        from unnest(${arr(
          out.map((o) => o.id),
          'int',
        )}, ${arr(
          out.map((o) => o.last),
          'float8',
        )}, ${arr(
          out.map((o) => o.value),
          'float8',
        )}, ${sql.param(out.map((o) => o.ewma))}::float8[], ${arr(
          out.map((o) => o.samples),
          'int',
        )}) as u(id, l, v, r, n)
        where m.id = u.id`,
  );
}

/**
 * Checks a seeded tenant against the ingest code: one meter's whole chain replayed through
 * chainStep (every delta and flag equal), and for every meter the rollup sums and counts
 * equal to its readings' deltas. Returns one line per check.
 */
export async function checkSeedEnergy(db: Db, tenantId: number, meterId?: number): Promise<{ ok: boolean; lines: string[] }> {
  const rules = await loadRules(db);
  const picked = await queryRows<{ id: number; multiplier: number; rate_ewma: number | null; rate_samples: number; last_value: number }>(
    db,
    meterId
      ? sql`select id, multiplier, rate_ewma, rate_samples, last_value from energy_meters where id = ${meterId}`
      : sql`(select id, multiplier, rate_ewma, rate_samples, last_value from energy_meters
             where tenant_id = ${tenantId} and interval_minutes is not null and multiplier > 1 order by id limit 1)
            union all
            (select id, multiplier, rate_ewma, rate_samples, last_value from energy_meters
             where tenant_id = ${tenantId} and interval_minutes is null and code like 'SEG-%' order by id limit 1)`,
  );
  const lines: string[] = [];
  let ok = true;
  for (const m of picked) {
    const rows = await queryRows<{ t: number; value: number; delta: number | null; flag: string | null }>(
      db,
      sql`select extract(epoch from ts) * 1000 as t, value, delta, flag from energy_readings where tenant_id = ${tenantId} and meter_id = ${m.id} order by ts`,
    );
    const facts: MeterChainFacts = { multiplier: Number(m.multiplier), rolloverValue: null, rateEwma: null, rateSamples: 0 };
    let prev: ChainPoint | null = null;
    let bad = 0;
    for (const r of rows) {
      const p = { t: Math.round(Number(r.t)), value: Number(r.value) };
      const step = chainStep(prev, p, facts, rules.params.readings);
      if (step.delta !== (r.delta === null ? null : Number(r.delta)) || step.flag !== r.flag) bad++;
      prev = p;
    }
    const stored = m.rate_ewma === null ? null : Number(m.rate_ewma);
    const ewmaOk =
      stored === null || facts.rateEwma === null
        ? stored === facts.rateEwma
        : Math.abs(facts.rateEwma - stored) <= 1e-6 * Math.abs(facts.rateEwma);
    const samplesOk = facts.rateSamples === Number(m.rate_samples);
    const lastOk = prev?.value === Number(m.last_value);
    ok &&= bad === 0 && ewmaOk && samplesOk && lastOk;
    lines.push(
      `chain of meter ${m.id} (×${Number(m.multiplier)}) replayed through the ingest code's chainStep: ${rows.length.toLocaleString('en')} readings, ${bad} differing deltas or flags; bookkeeping (rate EWMA, samples, last value) ${ewmaOk && samplesOk && lastOk ? 'equal' : 'DIFFERENT'}`,
    );
  }
  const [s] = await queryRows<Record<string, number>>(
    db,
    sql`with r as (select meter_id, sum(delta) as q, count(delta)::bigint as n from energy_readings where tenant_id = ${tenantId} group by 1),
        h as (select meter_id, sum(consumption) as q, sum(readings)::bigint as n from energy_hourly where tenant_id = ${tenantId} group by 1),
        d as (select meter_id, sum(consumption) as q, sum(readings)::bigint as n from energy_daily where tenant_id = ${tenantId} group by 1),
        mo as (select meter_id, sum(consumption) as q, sum(readings)::bigint as n from energy_monthly where tenant_id = ${tenantId} group by 1)
        select count(*)::int as meters, sum(r.q) as total, sum(r.n)::bigint as n,
          max(abs(coalesce(d.q, 0) - coalesce(r.q, 0)) / greatest(abs(r.q), 1)) as dq, max(abs(coalesce(mo.q, 0) - coalesce(r.q, 0)) / greatest(abs(r.q), 1)) as mq,
          max(case when i.interval_minutes is null then 0 else abs(coalesce(h.q, 0) - coalesce(r.q, 0)) / greatest(abs(r.q), 1) end) as hq,
          count(*) filter (where coalesce(d.n, 0) <> r.n or coalesce(mo.n, 0) <> r.n or (i.interval_minutes is not null and coalesce(h.n, 0) <> r.n))::int as nbad
        from r join energy_meters i on i.id = r.meter_id left join h using (meter_id) left join d using (meter_id) left join mo using (meter_id)`,
  );
  const rel = Math.max(Number(s!.dq), Number(s!.mq), Number(s!.hq));
  ok &&= rel < 1e-9 && Number(s!.nbad) === 0;
  lines.push(
    `rollups of ${s!.meters} meters against their readings: ${Number(s!.n).toLocaleString('en')} deltas summing to ${Math.round(Number(s!.total)).toLocaleString('en')}; largest relative difference hourly/daily/monthly ${rel.toExponential(1)}, ${s!.nbad} meters with a differing count`,
  );
  return { ok, lines };
}

/** `npm run seed:scale`: fills an empty database (HOUQIN_DATA_DIR or DATABASE_URL); `--energy[=N]` adds meters and N interval readings. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.find((a) => a === '--energy' || a.startsWith('--energy='));
  const energy = arg
    ? Number(arg.split('=')[1] ?? 5_000_000)
    : process.env.SEED_ENERGY_READINGS
      ? Number(process.env.SEED_ENERGY_READINGS)
      : 0;
  if (!Number.isInteger(energy) || energy < 0) {
    console.error('--energy / SEED_ENERGY_READINGS: a whole number of interval readings');
    process.exit(2);
  }
  const end = process.env.SEED_ENERGY_END ? new Date(process.env.SEED_ENERGY_END) : undefined;
  if (end && Number.isNaN(end.getTime())) {
    console.error('SEED_ENERGY_END: an ISO 8601 instant, e.g. 2026-01-01T00:00:00+08:00');
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, HOUQIN_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: config.poolSize });
  const log = (line: string) => console.log(line);
  let tenantId: number | null = null;
  if (!(await databaseIsEmpty(database.db))) {
    const [b] = await queryRows<{ tenant_id: number }>(
      database.db,
      sql`select tenant_id from orgs where name = ${SCALE_BUREAU} and kind = 'bureau'`,
    );
    if (!energy || !b) {
      console.error(
        'The database is not empty; seed:scale fills only an empty one (choose another HOUQIN_DATA_DIR), or adds energy readings to a seed:scale district (--energy=N).',
      );
      await database.close();
      process.exit(2);
    }
    tenantId = Number(b.tenant_id);
  }
  const app = await buildApp({ config, database, dataKey: resolveDataKey(config.dataKey, config.dataDir) });
  await prepareDatabase(app, config);
  if (tenantId === null) {
    const r = await seedScaleDistrict(app);
    const [t] = await queryRows<{ rooms: number; area: string; people: number; tenant_id: number }>(
      database.db,
      sql`select (select count(*)::int from office_rooms) as rooms, (select sum(area) from office_rooms) as area, (select count(*)::int from people) as people,
                 (select tenant_id from orgs where id = ${r.bureauId}) as tenant_id`,
    );
    tenantId = Number(t!.tenant_id);
    console.log(
      `seeded ${SCALE.sites} sites, ${SCALE.agencies} agencies, ${t!.people} people, ${t!.rooms} rooms, ${t!.area} m² in ${(r.ms / 1000).toFixed(1)} s`,
    );
  }
  if (energy) {
    const e = await seedScaleEnergy(database.db, tenantId, { readings: energy, end, log });
    console.log(
      `energy: ${e.meters} meters, ${e.intervalReadings.toLocaleString('en')} interval and ${e.manualReadings.toLocaleString('en')} manual readings ${e.from} … ${e.to}; ` +
        `${e.added.toLocaleString('en')} added in ${(e.ms.total / 1000).toFixed(1)} s (readings ${(e.ms.readings / 1000).toFixed(1)} s, rollups ${(e.ms.rollups / 1000).toFixed(1)} s, analyze ${(e.ms.analyze / 1000).toFixed(1)} s)`,
    );
  }
  await app.close();
  await database.close();
}
