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
import { sql } from 'drizzle-orm';
import { type App, buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createAccount, databaseIsEmpty } from '../src/server/core/bootstrap/bootstrap';
import { prepareDatabase } from '../src/server/core/bootstrap/prepare';
import { hashPassword, resolveDataKey } from '../src/server/core/crypto/crypto';
import { OrgService } from '../src/server/core/org/org.service';
import { openDatabase, queryRows } from '../src/server/db/client';
import { drawPlan } from '../src/server/modules/office-space/office.demo';
import {
  officeBuildings,
  officeFloors,
  officeOccupancies,
  officeRooms,
  officeSites,
} from '../src/server/modules/office-space/office.schema';

export const SCALE = { sites: 92, agencies: 235, people: 20_000, rooms: 25_000, totalCents: 49_423_127 };
export const SCALE_PASSWORD = 'Houqin@2026';

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
      name: '规模测试区机关事务管理局',
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

/** `npm run seed:scale`: fills an empty database (HOUQIN_DATA_DIR or DATABASE_URL). */
if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig({ ...process.env, HOUQIN_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: config.poolSize });
  if (!(await databaseIsEmpty(database.db))) {
    console.error('The database is not empty; seed:scale fills only an empty one (choose another HOUQIN_DATA_DIR).');
    await database.close();
    process.exit(2);
  }
  const app = await buildApp({ config, database, dataKey: resolveDataKey(config.dataKey, config.dataDir) });
  await prepareDatabase(app, config);
  const r = await seedScaleDistrict(app);
  const [t] = await queryRows<{ rooms: number; area: string; people: number }>(
    database.db,
    sql`select (select count(*)::int from office_rooms) as rooms, (select sum(area) from office_rooms) as area, (select count(*)::int from people) as people`,
  );
  console.log(
    `seeded ${SCALE.sites} sites, ${SCALE.agencies} agencies, ${t!.people} people, ${t!.rooms} rooms, ${t!.area} m² in ${(r.ms / 1000).toFixed(1)} s`,
  );
  await app.close();
  await database.close();
}
