import { sql } from 'drizzle-orm';
import { type CoreServices, fenToYuan, queryRows, cnToday, utcDay } from '../../core';
import { cnDate } from './anomalies';
import { AnomalyService } from './anomalies.service';
import { vehicleCostRecords, vehicleFuelCards, vehicleVendors } from './costs.schema';
import { type VehicleEventInsert, addEvents, vehicleTripsView, vehiclesView } from '../vehicles';

/** A demo amount (computed as before, rounded to the fen) as exact money. */
const yuan = (n: number) => fenToYuan(BigInt(Math.round(n * 100)));

/**
 * A year of running costs for the demo fleet (whatever vehicles the vehicles demo registered
 * for the tenant): designated vendors, a fuel card per car, weekly refuels (on the days of
 * the car's completed trips when it has any), quarterly repairs, a policy and an inspection
 * each, ETC tolls and parking — and a few planted anomalies: a refuel bigger than the tank,
 * a thirsty car, a non-designated station and an expired insurance. Then one anomaly scan.
 * Written in bulk in one transaction (history-file lines included); deterministic.
 */
export async function seedVehicleCostsDemo(core: CoreServices, ctx: { bureau: { id: number; tenantId?: number } }): Promise<void> {
  const db = core.db;
  const tenantId = ctx.bureau.tenantId ?? ctx.bureau.id;
  const vehicles = await queryRows<{
    id: number;
    org_id: number;
    energy: string;
    tank_capacity_l: number | null;
    battery_capacity_kwh: number | null;
    odometer_km: number;
    plate: string;
    status: string;
  }>(
    db,
    sql`select id, org_id, energy, tank_capacity_l, battery_capacity_kwh, odometer_km, plate, status from ${vehiclesView} v where tenant_id = ${tenantId} and status <> 'disposed' order by id`,
  );
  if (!vehicles.length) return;
  // The odometer at the end of each trip day: a fill on that day reads it, so fills and trips
  // tell one consistent story (no odometer going backwards, no fill without a trip).
  const trips = await queryRows<{ vehicle_id: number; day: string; odo: number }>(
    db,
    sql`select vehicle_id, ((started_at at time zone 'UTC') + interval '8 hours')::date::text as day, max(end_odometer_km)::int as odo
        from ${vehicleTripsView} b where tenant_id = ${tenantId} and status = 'completed' and started_at is not null group by 1, 2`,
  );
  const tripDays = new Map<number, string[]>();
  const odoOn = new Map<string, number>();
  for (const t of trips) {
    tripDays.set(Number(t.vehicle_id), [...(tripDays.get(Number(t.vehicle_id)) ?? []), t.day]);
    odoOn.set(`${t.vehicle_id}|${t.day}`, Number(t.odo));
  }
  const end = Date.parse(`${cnToday()}T00:00:00Z`) - 86_400_000;
  const start = end - 364 * 86_400_000;
  const dayOf = (t: number) => utcDay(t);
  const at = (day: string, hh: number) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);
  const year = dayOf(start).slice(0, 4);

  await db.transaction(async (tx) => {
    const vendor = async (
      kind: string,
      name: string,
      designated = true,
      from = `${Number(year) - 1}-01-01`,
      to = `${Number(year) + 2}-12-31`,
    ) =>
      (
        await tx
          .insert(vehicleVendors)
          .values({
            tenantId,
            orgId: ctx.bureau.id,
            kind,
            name,
            designated,
            contractStart: from,
            contractEnd: to,
            contractNo: `ZFCG-${year}-${kind}`,
          })
          .onConflictDoNothing()
          .returning({ id: vehicleVendors.id })
      )[0]?.id ?? null;
    const station = await vendor('fuel', '中石化城东定点加油站');
    const charger = await vendor('charging', '国网机关充电站');
    const shop = await vendor('repair', '市机关汽车维修中心');
    const insurer = await vendor('insurance', '人保财险市分公司');
    const rows: (typeof vehicleCostRecords.$inferInsert)[] = [];
    const events: VehicleEventInsert[] = [];
    const add = (
      v: (typeof vehicles)[number],
      r: Omit<typeof vehicleCostRecords.$inferInsert, 'tenantId' | 'vehicleId' | 'orgId' | 'occurredOn'>,
      ev?: string,
    ) => {
      const occurredAt = r.occurredAt as Date;
      rows.push({ ...r, tenantId, vehicleId: Number(v.id), orgId: Number(v.org_id), occurredOn: cnDate(occurredAt), source: 'import' });
      if (ev)
        events.push({
          tenantId,
          vehicleId: Number(v.id),
          orgId: Number(v.org_id),
          kind: ev,
          occurredAt,
          amount: r.amount,
          quantity: r.quantity ?? null,
          odometerKm: r.odometerKm ?? null,
          refType: 'vehicle_cost_demo',
          summary: `${r.kind} ${r.vendorName ?? ''} ${Number(r.amount).toFixed(2)} 元`,
        });
    };
    vehicles.forEach((v, i) => {
      const electric = v.energy === 'electric';
      const thirsty = i === 1; // planted: 1.45 × the consumption of its class
      const per100 = (electric ? 15 : 8) * (thirsty ? 1.45 : 1) * (1 + (i % 5) * 0.02);
      // A sealed car stands still (封存停驶): no fills, tolls or parking.
      const moving = v.status !== 'sealed';
      const days = moving ? (tripDays.get(Number(v.id)) ?? []).filter((d) => d >= dayOf(start) && d <= dayOf(end)).sort() : [];
      // A fill every fourth trip day, or sooner once 60 % of the tank (battery) is used.
      const capacity = Number((electric ? v.battery_capacity_kwh : v.tank_capacity_l) ?? (electric ? 50 : 50));
      const fillDays: string[] = [];
      let last = days.length ? odoOn.get(`${v.id}|${days[0]}`)! : 0;
      for (const [k, day] of days.entries()) {
        const used = ((odoOn.get(`${v.id}|${day}`)! - last) * per100) / 100;
        if (k % 4 === 3 || used >= capacity * 0.6) {
          fillDays.push(day);
          last = odoOn.get(`${v.id}|${day}`)!;
        }
      }
      let prevOdo: number | null = null;
      const card = `DEMO${String(v.id).padStart(8, '0')}`;
      for (const [k, day] of fillDays.entries()) {
        const odo = odoOn.get(`${v.id}|${day}`)!;
        // The fill replaces what was burnt since the previous one (the first: a typical 200 km).
        const driven = prevOdo === null ? 200 : Math.max(1, odo - prevOdo);
        prevOdo = odo;
        // Never more than the tank holds (a longer stretch was topped up on the road).
        const qty = Math.round(Math.min((driven * per100) / 100, capacity * 0.95) * 100) / 100;
        const nonDesignated = i === 2 && k === 10; // planted: a station not on the list
        add(
          v,
          {
            kind: electric ? 'charging' : 'fuel',
            // After the day's trips (the afternoon slot ends at 17:30): the odometer reads the day's end.
            occurredAt: at(day, 18),
            amount: yuan(Math.round(qty * (electric ? 1.2 : 7.8) * 100) / 100),
            quantity: qty,
            unit: electric ? 'kWh' : 'L',
            vendorId: nonDesignated ? null : electric ? charger : station,
            vendorName: nonDesignated ? '路边民营加油站' : electric ? '国网机关充电站' : '中石化城东定点加油站',
            vendorFlag: nonDesignated ? 'not_listed' : null,
            odometerKm: odo,
            cardNo: electric ? null : card,
            externalId: `demo:fill:${v.id}:${k}`,
          },
          'refuel',
        );
      }
      // Planted: 30 % more than the tank holds, on the first car with a tank.
      if (i === 0 && v.tank_capacity_l && fillDays.length)
        add(
          v,
          {
            kind: 'fuel',
            occurredAt: at(fillDays[Math.floor(fillDays.length / 2)]!, 17),
            amount: yuan(Math.round(Number(v.tank_capacity_l) * 1.3 * 7.8 * 100) / 100),
            quantity: Math.round(Number(v.tank_capacity_l) * 130) / 100,
            unit: 'L',
            vendorId: station,
            vendorName: '中石化城东定点加油站',
            cardNo: card,
            externalId: `demo:fill:${v.id}:over`,
          },
          'refuel',
        );
      for (let q = 0; q < 4; q++) {
        const day = dayOf(start + (q * 91 + 20 + (i % 30)) * 86_400_000);
        const amount = 400 + ((i * 131 + q * 977) % 2600);
        add(
          v,
          {
            kind: 'repair',
            occurredAt: at(day, 9),
            amount: yuan(amount),
            vendorId: shop,
            vendorName: '市机关汽车维修中心',
            details: {
              items: [
                { name: q % 2 ? '更换轮胎' : '定期保养', parts: Math.round(amount * 0.6), labour: amount - Math.round(amount * 0.6) },
              ],
            },
            externalId: `demo:repair:${v.id}:${q}`,
          },
          'repair',
        );
      }
      // Insurance: one policy for the year; the fourth car's ended last month (planted lapse).
      const lapsed = i === 3;
      const ps = dayOf(start);
      const pe = lapsed ? dayOf(end - 40 * 86_400_000) : dayOf(start + 365 * 86_400_000);
      add(
        v,
        {
          kind: 'insurance',
          occurredAt: at(ps, 9),
          amount: yuan(2800 + (i % 7) * 150),
          vendorId: insurer,
          vendorName: '人保财险市分公司',
          periodStart: ps,
          periodEnd: pe,
          reference: `PDAA${year}${String(v.id).padStart(8, '0')}`,
          details: { coverage: 'compulsory' },
          externalId: `demo:policy:${v.id}`,
        },
        'insurance',
      );
      const insp = dayOf(start + (60 + (i % 200)) * 86_400_000);
      add(
        v,
        {
          kind: 'inspection',
          occurredAt: at(insp, 10),
          amount: yuan(260),
          vendorName: '机动车检测站',
          periodStart: insp,
          periodEnd: dayOf(Date.parse(`${insp}T00:00:00Z`) + 730 * 86_400_000),
          details: { passed: true },
          externalId: `demo:inspection:${v.id}`,
        },
        'inspection',
      );
      for (let t = start + 3 * 86_400_000, k = 0; moving && t <= end; t += 14 * 86_400_000, k++) {
        add(v, {
          kind: 'toll',
          occurredAt: at(dayOf(t), 15),
          amount: yuan(15 + ((i + k) % 8) * 5),
          details: { entry: '南京东', exit: ['镇江', '句容', '扬州'][k % 3] },
          externalId: `demo:etc:${v.id}:${k}`,
        });
        if (k % 2 === 0)
          add(v, {
            kind: 'parking',
            occurredAt: at(dayOf(t), 16),
            amount: yuan(10 + (k % 3) * 5),
            details: { description: '公务停车' },
            externalId: `demo:park:${v.id}:${k}`,
          });
      }
    });
    for (let k = 0; k < rows.length; k += 1000)
      await tx
        .insert(vehicleCostRecords)
        .values(rows.slice(k, k + 1000))
        .onConflictDoNothing();
    await addEvents(tx, events);
    const cards = vehicles
      .filter((v) => v.energy !== 'electric')
      .map((v) => ({ tenantId, cardNo: `DEMO${String(v.id).padStart(8, '0')}`, vehicleId: Number(v.id), orgId: Number(v.org_id) }));
    if (cards.length) await tx.insert(vehicleFuelCards).values(cards).onConflictDoNothing();
  });
  await db.execute(sql`analyze vehicle_cost_records`);
  await new AnomalyService(core).run(tenantId);
}
