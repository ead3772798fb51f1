import { sql } from 'drizzle-orm';
import { type CoreServices, queryRows, writeAudit } from '../../core';
import { DispatchService } from './dispatch.service';
import { TripService } from './trips.service';
import { DisposalService } from './disposal.service';
import { PurchaseService } from './purchase.service';
import { cnDate } from './vehicles.repository';
import { vehicleBookings, vehicleDrivers, vehicleEvents, vehicleQuotas, vehicles } from './vehicles.schema';

type DemoOrgs = {
  bureau: { id: number; tenantId: number };
  units: Map<string, { id: number; name: string; staffing: number | null }>;
  accounts: Map<string, number>;
};

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Model = { brand: string; model: string; bodyType: string; energy: string; displacement: number | null; seats: number; price: string };
const MODELS: Model[] = [
  { brand: '红旗', model: 'H5', bodyType: 'sedan', energy: 'gasoline', displacement: 1.5, seats: 5, price: '158000.00' },
  { brand: '吉利', model: '帝豪', bodyType: 'sedan', energy: 'gasoline', displacement: 1.5, seats: 5, price: '89000.00' },
  { brand: '长安', model: '逸动', bodyType: 'sedan', energy: 'gasoline', displacement: 1.6, seats: 5, price: '95000.00' },
  { brand: '比亚迪', model: '秦PLUS DM-i', bodyType: 'sedan', energy: 'plugin_hybrid', displacement: 1.5, seats: 5, price: '128000.00' },
  { brand: '比亚迪', model: '汉 EV', bodyType: 'sedan', energy: 'electric', displacement: null, seats: 5, price: '175000.00' },
  { brand: '北汽', model: 'EU5', bodyType: 'sedan', energy: 'electric', displacement: null, seats: 5, price: '139000.00' },
  { brand: '红旗', model: 'E-QM5', bodyType: 'sedan', energy: 'electric', displacement: null, seats: 5, price: '165000.00' },
  { brand: '广汽传祺', model: 'M8', bodyType: 'mpv', energy: 'gasoline', displacement: 2.0, seats: 7, price: '179000.00' },
  { brand: '长城', model: '炮', bodyType: 'pickup', energy: 'diesel', displacement: 2.0, seats: 5, price: '118000.00' },
  { brand: '宇通', model: 'ZK6609', bodyType: 'bus_small_medium', energy: 'diesel', displacement: 2.8, seats: 19, price: '238000.00' },
];
const CITY_PURPOSES = ['赴乡镇调研', '送达公文', '参加市里会议', '陪同督查', '应急值守', '项目现场踏勘', '接送评审专家', '走访企业'];
const PLACES = ['城东街道', '城西街道', '高新区管委会', '市政府', '清江镇', '北湖新区', '区行政审批中心', '江州南站'];

/**
 * The demo district's official vehicles: about a hundred across the units and the bureau's
 * pool (many new-energy), quotas with 区公安分局 over its cap, drivers from each unit's
 * staff, a year of completed trips in every history file (both daily slots in the last three
 * weeks, mornings before) and a week of bookings ahead,
 * pending purchase requests (one failing the caps), car requests waiting for approval (one on
 * a rest day), one assigned trip and a scrap request for a 2014 vehicle.
 */
export async function seedVehiclesDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(7171);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const tenantId = ctx.bureau.tenantId;
  const orgRows = await queryRows<{ id: number; name: string; staffing: number | null; kind: string }>(
    core.db,
    sql`select id, name, staffing, kind from orgs where tenant_id = ${tenantId} and kind in ('unit','bureau') and id <> ${tenantId} order by sort, id`,
  );
  const police = ctx.units.get('u07')?.id;
  const unitAId = ctx.units.get('u03')!.id;
  const eduId = ctx.units.get('u04')!.id;
  // Working days of three weeks back and one week ahead, from the holiday calendar (read before the transaction).
  const days: string[] = [];
  const now = Date.now();
  // A year of history (the cost ledger, consumption and anomaly checks read it): mornings
  // only before the last three weeks, both slots since.
  const recentFrom = cnDate(now - 21 * 86_400_000);
  for (let t = now - 365 * 86_400_000; t <= now + 7 * 86_400_000; t += 86_400_000) {
    const d = cnDate(t);
    if (await core.refdata.isWorkingDay(d)) days.push(d);
  }
  // Drivers are the people whose post is driver (驾驶员), never a leader or a clerk who happens to be listed first.
  const people = await queryRows<{ id: number; org_id: number; staffing_type: string }>(
    core.db,
    sql`select id, org_id, staffing_type from people where tenant_id = ${tenantId} and status = 'active' and post_title = '驾驶员'
        order by (staffing_type = 'worker') desc, id`,
  );

  await core.db.transaction(async (tx) => {
    let serial = 0;
    const fleet: { id: number; orgId: number; odometer: number; inRepair: boolean }[] = [];
    const driversByOrg = new Map<number, number[]>();
    const vehicleRows: (typeof vehicles.$inferInsert)[] = [];
    const registerEvents: (typeof vehicleEvents.$inferInsert)[] = [];
    for (const o of orgRows) {
      const isBureau = o.id === ctx.bureau.id;
      // 编制数 about one vehicle per ten posts; the bureau runs the pool for everyone.
      const quota = isBureau ? 18 : Math.max(2, Math.round(Number(o.staffing ?? 20) / 9));
      await tx.insert(vehicleQuotas).values({ orgId: o.id, tenantId, quota, note: '2024 年核定' });
      const cap = Math.floor(quota * 0.7 + 1e-9);
      // 区公安分局 over its cap; room left where the demo's purchase requests are made (bureau, 区发改局, 区教育局
      // which also keeps the old vehicle below).
      const room = isBureau || o.id === unitAId ? 1 : o.id === eduId ? 2 : rnd() < 0.3 ? 1 : 0;
      const n = o.id === police ? cap + 2 : Math.max(1, cap - room);
      const held: typeof fleet = [];
      for (let i = 0; i < n; i++) {
        serial++;
        const m =
          o.id === police ? MODELS[i % 3]! : isBureau && i < 2 ? MODELS[9]! : isBureau && i < 4 ? MODELS[7]! : pick(MODELS.slice(0, 9));
        const year = 2014 + Math.floor(rnd() * 12);
        const purchaseDate = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        const odometer = Math.round((2026 - year + rnd()) * (16000 + rnd() * 12000));
        const plate =
          o.id === police
            ? `苏A${String(1000 + serial).slice(-4)}警`
            : m.energy === 'electric' || m.energy === 'plugin_hybrid'
              ? `苏AD${String(10000 + serial * 37).slice(-5)}`
              : `苏A${String(20000 + serial * 53).slice(-5)}`;
        const type =
          o.id === police
            ? 'law_enforcement'
            : isBureau
              ? i < 4
                ? 'other'
                : 'emergency'
              : pick(['other', 'other', 'emergency', 'confidential_comm']);
        vehicleRows.push({
          tenantId,
          orgId: o.id,
          plate,
          type,
          leaderFixed: false,
          brand: m.brand,
          model: m.model,
          domestic: true,
          bodyType: m.bodyType,
          energy: m.energy,
          displacement: m.displacement,
          seats: m.seats,
          price: m.price,
          purchaseDate,
          odometerKm: odometer,
          batteryCapacityKwh: m.energy === 'electric' ? 60 : m.energy === 'plugin_hybrid' ? 18.3 : null,
          tankCapacityL: m.energy === 'electric' ? null : 50,
          marking: o.id === police ? 'law_enforcement' : type === 'confidential_comm' ? 'exempt' : 'official',
          supervisionPhone: type === 'confidential_comm' ? null : '025-12345678',
          markingExemptReason: type === 'confidential_comm' ? '机要通信，有保密需要' : null,
          // A few in repair.
          status: serial % 23 === 0 ? 'in_repair' : 'in_service',
        });
        registerEvents.push({
          tenantId,
          vehicleId: 0, // the vehicle's id, once inserted below
          orgId: o.id,
          kind: 'register',
          occurredAt: new Date(`${purchaseDate}T09:00:00+08:00`),
          amount: m.price,
          odometerKm: 0,
          summary: `登记入账 ${plate}（${m.brand} ${m.model}）`,
        });
        held.push({ id: 0, orgId: o.id, odometer, inRepair: serial % 23 === 0 });
      }
      fleet.push(...held);
      // Drivers: one per two vehicles (at least one) of the unit's 驾驶员, service staff first.
      const candidates = people.filter((p) => p.org_id === o.id).slice(0, Math.max(1, Math.ceil(n / 2)));
      const ids: number[] = [];
      for (const p of candidates) {
        await tx.insert(vehicleDrivers).values({
          personId: p.id,
          tenantId,
          orgId: o.id,
          licenceClass: isBureau && ids.length < 2 ? 'A1' : pick(['B1', 'C1', 'C1']),
          licenceExpiry: `${2028 + Math.floor(rnd() * 4)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`,
        });
        ids.push(p.id);
      }
      driversByOrg.set(o.id, ids);
    }
    // The fleet in one statement, then its register events: ids in the order of the loop above,
    // as one insert each would have given them.
    for (let i = 0; i < vehicleRows.length; i += 500) {
      const inserted = await tx
        .insert(vehicles)
        .values(vehicleRows.slice(i, i + 500))
        .returning({ id: vehicles.id });
      inserted.forEach((v, j) => {
        fleet[i + j]!.id = v.id;
        registerEvents[i + j]!.vehicleId = v.id;
      });
    }
    for (let i = 0; i < registerEvents.length; i += 500) await tx.insert(vehicleEvents).values(registerEvents.slice(i, i + 500));

    // Bookings: on each working day a unit sends some of its vehicles out, morning or
    // afternoon, each with its own driver (vehicle k with driver k: never a double booking).
    const today = cnDate(now);
    const slots = [
      ['08:30', '11:30'],
      ['14:00', '17:30'],
    ] as const;
    const rows: (typeof vehicleBookings.$inferInsert)[] = [];
    const tripEvents: (typeof vehicleEvents.$inferInsert)[] = [];
    const byOrg = new Map<number, typeof fleet>();
    for (const v of fleet) byOrg.set(v.orgId, [...(byOrg.get(v.orgId) ?? []), v]);
    for (const d of days)
      for (const [orgId, vs] of byOrg) {
        const drivers = driversByOrg.get(orgId) ?? [];
        for (const [from, to] of d < recentFrom ? slots.slice(0, 1) : slots)
          for (let k = 0; k < Math.min(vs.length, drivers.length); k++) {
            if (rnd() < 0.55) continue;
            const v = vs[k]!;
            const startAt = new Date(`${d}T${from}:00+08:00`);
            const endAt = new Date(`${d}T${to}:00+08:00`);
            const past = d < today;
            if (!past && v.inRepair) continue;
            const km = 15 + Math.floor(rnd() * 90);
            const startOdo = v.odometer;
            if (past) v.odometer += km;
            rows.push({
              tenantId,
              orgId,
              vehicleId: v.id,
              driverId: drivers[k]!,
              startAt,
              endAt,
              purpose: `${pick(CITY_PURPOSES)}（${pick(PLACES)}）`,
              status: past ? 'completed' : 'booked',
              startOdometerKm: past ? startOdo : null,
              endOdometerKm: past ? v.odometer : null,
              startedAt: past ? startAt : null,
              finishedAt: past ? endAt : null,
              createdBy: ctx.accounts.get('manager')!,
            });
          }
      }
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await tx
        .insert(vehicleBookings)
        .values(rows.slice(i, i + 500))
        .returning({ id: vehicleBookings.id, status: vehicleBookings.status });
      inserted.forEach((b, j) => {
        const r = rows[i + j]!;
        if (b.status !== 'completed') return;
        const km = r.endOdometerKm! - r.startOdometerKm!;
        tripEvents.push({
          tenantId,
          vehicleId: r.vehicleId,
          orgId: r.orgId,
          kind: 'trip',
          occurredAt: r.finishedAt!,
          odometerKm: r.endOdometerKm,
          quantity: km,
          refType: 'booking',
          refId: b.id,
          summary: `出车 ${r.purpose}，行驶 ${km} km`,
          data: { driverId: r.driverId, km },
        });
      });
    }
    for (let i = 0; i < tripEvents.length; i += 500) await tx.insert(vehicleEvents).values(tripEvents.slice(i, i + 500));
    await tx.execute(
      sql`update vehicles v set odometer_km = u.km
          from unnest(${sql.param(fleet.map((v) => v.id))}::int[], ${sql.param(fleet.map((v) => v.odometer))}::int[]) as u(id, km)
          where v.id = u.id`,
    );
    // One old vehicle of 区教育局 is kept for the scrap request below.
    await tx.insert(vehicles).values({
      tenantId,
      orgId: eduId,
      plate: '苏A0K789',
      type: 'other',
      brand: '长安',
      model: '悦翔',
      domestic: true,
      bodyType: 'sedan',
      energy: 'gasoline',
      displacement: 1.5,
      seats: 5,
      price: '72000.00',
      purchaseDate: '2014-03-18',
      odometerKm: 268400,
      tankCapacityL: 45,
      marking: 'official',
      supervisionPhone: '025-12345678',
      status: 'sealed',
    });
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `vehicles: ${fleet.length + 1} vehicles, ${rows.length} bookings`,
      },
    );
  });

  // Requests through the services, as the demo accounts would make them.
  const ctxOf = async (username: string) =>
    core.auth.contextFor(core.db, await core.auth.requireAccount(ctx.accounts.get(username)!), null, 'zh-CN', 'session');
  const [unitA, unitB, manager, staff] = [await ctxOf('unit_a'), await ctxOf('unit_b'), await ctxOf('manager'), await ctxOf('staff')];
  const purchases = new PurchaseService(core);
  const a = await purchases.create(unitA, {
    orgId: ctx.units.get('u03')!.id,
    type: 'other',
    bodyType: 'sedan',
    price: '168000.00',
    energy: 'electric',
    domestic: true,
    leaderFixed: false,
    whereNeeded: false,
    model: '红旗 E-QM5',
    reason: '综合科现有车辆不能满足重点项目现场调度需要',
  });
  await core.approvals.decide(manager, a.instanceId!, 'approve', { comment: '符合配备标准，报局领导审批' });
  // Fails the caps: over the price and displacement caps, a fuel SUV without a reason.
  await purchases.create(unitB, {
    orgId: ctx.units.get('u04')!.id,
    type: 'other',
    bodyType: 'suv',
    price: '268000.00',
    displacement: 2.0,
    energy: 'gasoline',
    domestic: true,
    leaderFixed: false,
    whereNeeded: false,
    model: '坦克 300',
    reason: '下乡督导学校安全工作路况较差',
  });
  await purchases.create(manager, {
    orgId: ctx.bureau.id,
    type: 'other',
    bodyType: 'bus_small_medium',
    price: '236000.00',
    displacement: 2.8,
    energy: 'diesel',
    domestic: true,
    leaderFixed: false,
    whereNeeded: false,
    model: '宇通 ZK6609',
    fuelReason: '中型客车暂无满足续航要求的新能源车型',
    reason: '机关集中接送及会议保障',
  });
  // 执法执勤 at the higher "where needed" line (18万 / 1.8 L), with its reason.
  if (police)
    await purchases.create(manager, {
      orgId: police,
      type: 'law_enforcement',
      bodyType: 'sedan',
      price: '165000.00',
      displacement: 1.8,
      energy: 'hybrid',
      domestic: true,
      leaderFixed: false,
      whereNeeded: true,
      whereNeededReason: '山区道路巡逻执勤，需要更大动力的车型',
      model: '比亚迪 宋 DM',
      fuelReason: '巡逻路段缺少充电设施',
      reason: '更新已达报废标准的巡逻车',
    });
  const [old] = await queryRows<{ id: number }>(core.db, sql`select id from vehicles where plate = '苏A0K789'`);
  await new DisposalService(core).create(unitB, {
    vehicleId: old!.id,
    method: 'scrap',
    reason: '使用 12 年、行驶 26.8 万公里，已达报废标准',
  });

  const trips = new TripService(core, new DispatchService(core));
  const nextWorking: string[] = [];
  const nextRest: string[] = [];
  for (let t = now + 86_400_000; t < now + 14 * 86_400_000; t += 86_400_000) {
    const d = cnDate(t);
    ((await core.refdata.isWorkingDay(d)) ? nextWorking : nextRest).push(d);
  }
  const trip = (d: string, purpose: string, destination: string, passengers: number) =>
    trips.createTrip(staff, {
      start: `${d}T09:00:00+08:00`,
      end: `${d}T12:00:00+08:00`,
      purpose,
      origin: '机关大院',
      destination,
      passengers,
      roundTrip: true,
    });
  // Approved by the unit and waiting for a car: the dispatcher's 待派车 on the home page.
  const t1 = await trip(nextWorking[0]!, '赴高新区走访重点企业', '高新区管委会', 3);
  await core.approvals.decide(unitA, t1.instanceId!, 'approve', { comment: '同意' });
  if (nextRest[0]) await trip(nextRest[0], '周末防汛应急值守检查', '北湖新区', 2);
  // One approved and dispatched: a bureau pool vehicle not booked that morning, with a bureau driver.
  const t3 = await trip(nextWorking[1] ?? nextWorking[0]!, '参加市发改委项目评审会', '市政府', 2);
  await core.approvals.decide(unitA, t3.instanceId!, 'approve', { comment: '同意' });
  const [free] = await queryRows<{ vehicle_id: number; driver_id: number }>(
    core.db,
    sql`select v.id as vehicle_id, d.person_id as driver_id from vehicles v, vehicle_drivers d
        where v.org_id = ${ctx.bureau.id} and d.org_id = ${ctx.bureau.id} and v.status = 'in_service' and v.seats >= 5
          and not exists (select 1 from vehicle_bookings b where b.status <> 'cancelled' and b.vehicle_id = v.id
                          and tstzrange(b.start_at, b.end_at) && tstzrange(${t3.start}::timestamptz, ${t3.end}::timestamptz))
          and not exists (select 1 from vehicle_bookings b where b.status <> 'cancelled' and b.driver_id = d.person_id
                          and tstzrange(b.start_at, b.end_at) && tstzrange(${t3.start}::timestamptz, ${t3.end}::timestamptz))
        order by v.id, d.person_id limit 1`,
  );
  if (free) await trips.assignTrip(manager, t3.id, { vehicleId: free.vehicle_id, driverId: free.driver_id });
  await seedPurchaseHistory(core, tenantId, ctx.accounts.get('manager')!);
}

/**
 * The archive behind the yearly statistics: every demo vehicle bought since 2019 came through
 * an approved purchase request (approved two months before its purchase date), and a few
 * older cars were scrapped or transferred in past years. Written as closed records, as an
 * import of the bureau's earlier system would leave them.
 */
async function seedPurchaseHistory(core: CoreServices, tenantId: number, managerId: number) {
  await core.db.transaction(async (tx) => {
    const flow = async (type: string) =>
      Number(
        (
          await queryRows<{ id: number }>(
            tx,
            sql`select id from approval_flows where business_type = ${type} and active order by version desc limit 1`,
          )
        )[0]?.id,
      );
    const purchaseFlow = await flow('vehicle_purchase');
    const disposalFlow = await flow('vehicle_disposal');
    if (!purchaseFlow || !disposalFlow) return;
    const bought = await queryRows<{
      id: number;
      org_id: number;
      type: string;
      body_type: string;
      energy: string;
      displacement: string | null;
      domestic: boolean;
      price: string;
      seats: number;
      model: string;
      purchase_date: string;
    }>(
      tx,
      sql`select id, org_id, type, body_type, energy, displacement, domestic, price, seats, model, purchase_date::text
          from vehicles where tenant_id = ${tenantId} and purchase_date >= '2019-01-01' and purchase_request_id is null order by id`,
    );
    for (const v of bought) {
      const approvedAt = new Date(Date.parse(`${v.purchase_date}T10:00:00+08:00`) - 60 * 86_400_000);
      const [req] = await queryRows<{ id: number }>(
        tx,
        sql`insert into vehicle_purchase_requests (tenant_id, org_id, type, body_type, energy, displacement, domestic, price, seats, model,
              reason, checks, checks_passed, rule_version, status, vehicle_id, delivered_at, created_by, created_at)
            values (${tenantId}, ${v.org_id}, ${v.type}, ${v.body_type}, ${v.energy}, ${v.displacement}, ${v.domestic}, ${v.price}, ${v.seats},
              ${v.model}, '按年度配备更新计划购置（历史数据）', '[]'::jsonb, true, 1, 'delivered', ${v.id}, ${v.purchase_date}::date,
              ${managerId}, ${approvedAt.toISOString()}::timestamptz - interval '20 days') returning id`,
      );
      const [inst] = await queryRows<{ id: number }>(
        tx,
        sql`insert into approval_instances (tenant_id, business_type, business_id, flow_id, title, title_en, org_id, applicant_id, status,
              current_step, facts, submitted_at, finished_at)
            values (${tenantId}, 'vehicle_purchase', ${String(req!.id)}, ${purchaseFlow}, ${`${v.model} 购置（历史）`},
              ${`${v.model}: purchase (history)`}, ${v.org_id}, ${managerId}, 'approved', null,
              ${JSON.stringify({ initiator: 'bureau', type: v.type, energy: v.energy, price: v.price, replacement: false })}::jsonb, ${approvedAt.toISOString()}::timestamptz - interval '20 days', ${approvedAt.toISOString()}::timestamptz)
            returning id`,
      );
      await tx.execute(sql`update vehicle_purchase_requests set instance_id = ${inst!.id} where id = ${req!.id}`);
      await tx.execute(sql`update vehicles set purchase_request_id = ${req!.id} where id = ${v.id}`);
    }
    // Older cars that left the fleet: scrapped in 2024 and 2025.
    const [unit] = await queryRows<{ id: number }>(
      tx,
      sql`select org_id as id from vehicles where tenant_id = ${tenantId} group by org_id order by count(*) desc limit 1`,
    );
    for (const [k, year] of [2024, 2024, 2025, 2025, 2025].entries()) {
      const [old] = await queryRows<{ id: number }>(
        tx,
        sql`insert into vehicles (tenant_id, org_id, plate, type, brand, model, domestic, body_type, energy, displacement, seats, price,
              purchase_date, odometer_km, tank_capacity_l, marking, supervision_phone, status, disposed_at)
            values (${tenantId}, ${unit!.id}, ${`苏A9${String(k).padStart(2, '0')}H${k}`}, 'other', '桑塔纳', '志俊', true, 'sedan', 'gasoline', 1.8, 5,
              138000, ${`${year - 14}-05-10`}::date, ${268000 + k * 5000}, 55, 'official', '025-12345678', 'disposed',
              ${`${year}-06-${10 + k}T10:00:00+08:00`}::timestamptz) returning id`,
      );
      const [d] = await queryRows<{ id: number }>(
        tx,
        sql`insert into vehicle_disposals (tenant_id, org_id, vehicle_id, method, reason, status, applied_at, created_by, created_at)
            values (${tenantId}, ${unit!.id}, ${old!.id}, 'scrap', '达到报废标准（历史数据）', 'approved',
              ${`${year}-06-${10 + k}T10:00:00+08:00`}::timestamptz, ${managerId}, ${`${year}-05-20T10:00:00+08:00`}::timestamptz) returning id`,
      );
      const [inst] = await queryRows<{ id: number }>(
        tx,
        sql`insert into approval_instances (tenant_id, business_type, business_id, flow_id, title, title_en, org_id, applicant_id, status,
              current_step, facts, submitted_at, finished_at)
            values (${tenantId}, 'vehicle_disposal', ${String(d!.id)}, ${disposalFlow}, '报废（历史）', 'Scrapped (history)', ${unit!.id}, ${managerId},
              'approved', null, ${JSON.stringify({ initiator: 'bureau', method: 'scrap', plate: `苏A9${String(k).padStart(2, '0')}H${k}` })}::jsonb, ${`${year}-05-20T10:00:00+08:00`}::timestamptz, ${`${year}-06-${10 + k}T10:00:00+08:00`}::timestamptz)
            returning id`,
      );
      await tx.execute(sql`update vehicle_disposals set instance_id = ${inst!.id} where id = ${d!.id}`);
    }
  });
}
