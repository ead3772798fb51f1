import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { cnDateTime } from '../../../contracts/dates';
import type {
  ZAvailabilityQuerySchema,
  ZBoardQuerySchema,
  ZBookingCreateSchema,
  ZOdometerSchema,
} from '../../../contracts/modules/vehicles';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  accountsWith,
  addDays,
  assertOrgInScope,
  badRequest,
  cnDayStart,
  cnToday,
  conflict,
  notFound,
  notify,
  now,
  both,
  queryRows,
  ruleInForce,
  translate,
  writeAudit,
} from '../../core';
import { TRIP_PLAUSIBILITY_RULE, type TripProblem, finishProblems, startProblems } from './trip-plausibility';
import { M } from './vehicles.messages';
import { VP } from './vehicles.permissions';
import {
  VEHICLE_COLS,
  addEvent,
  cnDate,
  iso,
  loadCapsRule,
  lockVehicle,
  mapBookingConflict,
  num,
  numOrNull,
  scopeOn,
  vehicleView,
  where,
} from './vehicles.repository';
import { type TripFlag, vehicleBookings, vehicleTripRequests, vehicles } from './vehicles.schema';

const PROBLEM_MESSAGE = {
  early_start: M.TRIP_EARLY_START,
  late_start: M.TRIP_LATE_START,
  odometer_below_last: M.TRIP_ODOMETER_BELOW_LAST,
  finish_before_start: M.TRIP_FINISH_BEFORE_START,
  speed: M.TRIP_SPEED,
} as const;

/** A problem as one sentence in the reader's language. */
const problemText = (locale: AuthContext['locale'], code: string, params: Record<string, number>) =>
  code in PROBLEM_MESSAGE ? translate(PROBLEM_MESSAGE[code as keyof typeof PROBLEM_MESSAGE], locale, params) : code;

/**
 * Implausible problems of a start or finish: without a reason, a 400 naming each; with one,
 * the flags to store on the booking (shown to the dispatcher, listed by `flagged`).
 */
function flagsOrRefuse(ctx: AuthContext, phase: TripFlag['phase'], problems: TripProblem[], reason: string | undefined): TripFlag[] {
  if (!problems.length) return [];
  const flags = problems.map(({ code, ...params }) => ({ phase, code, params: params as Record<string, number>, reason: reason ?? '' }));
  if (!reason)
    throw badRequest(M.VEHICLE_TRIP_NEEDS_REASON, {
      problems: flags.map((f) => problemText(ctx.locale, f.code, f.params)).join(ctx.locale === 'en' ? '; ' : '；'),
    });
  return flags;
}

/** Photos taken at departure and return (odometer, the car), bound to the booking. */
export const TRIP_FILES = 'vehicle_booking';

const STATUS_ZH: Record<string, string> = { in_repair: '维修中', sealed: '封存', disposed: '已处置', in_service: '在用' };

type BookingInput = { vehicleId: number; driverId: number; start: string; end: string; purpose: string; tripRequestId?: number };

/** Bookings, trip start and end, availability and the board (trip requests: trips.service.ts). */
export class DispatchService {
  constructor(private readonly core: CoreServices) {}

  // ---------- bookings ----------

  /**
   * Checks vehicle and driver and inserts the booking. The overlap rule itself is the
   * database's (exclusion constraints): the caller maps 23P01 after the transaction ends.
   * The vehicle row is share-locked so a status change (repair, sealing) waits for us.
   */
  /** Also used by the trip requests' dispatch (TripService.assignTrip). */
  async book(tx: Executor, ctx: AuthContext, b: BookingInput, opts: { restDayApproved: boolean; passengers?: number }) {
    const v = await lockVehicle(tx, ctx, b.vehicleId, VP['vehicles.dispatch'], 'share');
    const plate = String(v.plate);
    if (v.replaced_by_id !== null || v.status === 'disposed' || v.status === 'in_repair')
      throw conflict(M.VEHICLE_NOT_DISPATCHABLE, {
        plate,
        status: ctx.locale === 'en' ? String(v.status) : (STATUS_ZH[String(v.status)] ?? String(v.status)),
      });
    // Sealed vehicles (封存停驶 on rest days) move only for a trip that had the rest-day approval.
    if (v.status === 'sealed' && !opts.restDayApproved) throw conflict(M.VEHICLE_SEALED, { plate });
    if (opts.passengers !== undefined && opts.passengers > num(v.seats) - 1)
      throw badRequest(M.VEHICLE_SEATS, { plate, seats: num(v.seats), passengers: opts.passengers });
    const [d] = await queryRows<{ org_id: number; status: string; licence_expiry: string; name: string; tenant_id: number }>(
      tx,
      sql`select d.org_id, d.status, d.licence_expiry::text as licence_expiry, p.name, d.tenant_id
          from vehicle_drivers d join people p on p.id = d.person_id where d.person_id = ${b.driverId}`,
    );
    if (!d || num(d.tenant_id) !== ctx.tenantId) throw notFound('driver');
    await assertOrgInScope(tx, ctx, VP['vehicles.dispatch'], num(d.org_id)).catch(() => {
      throw notFound('driver');
    });
    if (d.status !== 'active') throw badRequest(M.VEHICLE_DRIVER_NOT_REGISTERED);
    if (d.licence_expiry < cnDate(b.end)) throw badRequest(M.VEHICLE_DRIVER_LICENCE, { name: d.name, expiry: d.licence_expiry });
    // The driver learns of the new task (on the phone, from the notification to the task list).
    const driverAccounts = await queryRows<{ id: number }>(
      tx,
      sql`select id from accounts where person_id = ${b.driverId} and tenant_id = ${ctx.tenantId} and status = 'active'`,
    );
    const [row] = await tx
      .insert(vehicleBookings)
      .values({
        tenantId: ctx.tenantId,
        orgId: num(v.org_id),
        vehicleId: b.vehicleId,
        driverId: b.driverId,
        startAt: new Date(b.start),
        endAt: new Date(b.end),
        purpose: b.purpose,
        tripRequestId: b.tripRequestId ?? null,
        createdBy: ctx.account.id,
      })
      .returning();
    await writeAudit(tx, ctx.auditActor(), {
      action: 'create',
      entityType: 'vehicle_booking',
      entityId: row!.id,
      orgId: num(v.org_id),
      summary: `${plate} ${b.start} – ${b.end}`,
      after: b,
    });
    const when = cnDateTime(b.start);
    await notify(
      tx,
      driverAccounts.map((a) => num(a.id)),
      {
        kind: 'vehicles.booking.assigned',
        titleZh: `新出车任务：${when} ${plate}，${b.purpose}`,
        titleEn: `New trip: ${when} ${plate}, ${b.purpose}`,
        link: '/vehicles/request?tab=drive',
      },
    );
    return row!.id;
  }

  async createBooking(ctx: AuthContext, input: z.infer<typeof ZBookingCreateSchema>) {
    ctx.require(VP['vehicles.dispatch']);
    const id = await this.core.db.transaction((tx) => this.book(tx, ctx, input, { restDayApproved: false })).catch(mapBookingConflict);
    return this.bookingView(ctx, id);
  }

  private async bookingRows(db: Executor, w: ReturnType<typeof sql>, limit: number, offset = 0, order = sql`b.start_at, b.id`) {
    return queryRows<Record<string, unknown>>(
      db,
      sql`select b.*, v.plate, v.odometer_km as vehicle_odometer_km, p.name as driver_name from vehicle_bookings b
          join vehicles v on v.id = b.vehicle_id join people p on p.id = b.driver_id
          where ${w} order by ${order} limit ${limit} offset ${offset}`,
    );
  }

  private toBooking(ctx: AuthContext, r: Record<string, unknown>) {
    return {
      id: num(r.id),
      vehicleId: num(r.vehicle_id),
      plate: String(r.plate),
      orgId: num(r.org_id),
      driverId: num(r.driver_id),
      driverName: String(r.driver_name),
      start: iso(r.start_at)!,
      end: iso(r.end_at)!,
      purpose: String(r.purpose),
      status: r.status as 'booked',
      tripRequestId: numOrNull(r.trip_request_id),
      startOdometerKm: numOrNull(r.start_odometer_km),
      endOdometerKm: numOrNull(r.end_odometer_km),
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      vehicleOdometerKm: num(r.vehicle_odometer_km),
      flags: ((r.flags as TripFlag[] | null) ?? []).map((f) => ({
        phase: f.phase,
        message: problemText(ctx.locale, f.code, f.params),
        reason: f.reason,
      })),
    };
  }

  private async bookingView(ctx: AuthContext, id: number) {
    const [r] = await this.bookingRows(this.core.db, sql`b.tenant_id = ${ctx.tenantId} and b.id = ${id}`, 1);
    if (!r) throw notFound('vehicle_booking');
    return this.toBooking(ctx, r);
  }

  /** Bookings in scope, or (`mine`) the caller's own tasks as a driver. */
  async listBookings(
    ctx: AuthContext,
    q: { page: number; pageSize: number; vehicleId?: number; status?: string; mine?: boolean; from?: string; flagged?: boolean },
  ) {
    const db = this.core.db;
    const visible = q.mine
      ? ctx.account.personId
        ? sql`b.driver_id = ${ctx.account.personId}`
        : sql`false`
      : await scopeOn(db, ctx, VP['vehicles.read'], sql`b.org_id`);
    const w = where([
      sql`b.tenant_id = ${ctx.tenantId}`,
      visible,
      q.vehicleId ? sql`b.vehicle_id = ${q.vehicleId}` : undefined,
      q.status ? sql`b.status = ${q.status}` : undefined,
      q.from ? sql`b.end_at > ${q.from}::timestamptz` : undefined,
      q.flagged === undefined ? undefined : q.flagged ? sql`jsonb_array_length(b.flags) > 0` : sql`jsonb_array_length(b.flags) = 0`,
    ]);
    // A driver's own list: the trips under way and today's (China day) first, then the rest by start.
    const today = cnToday();
    const order = q.mine
      ? sql`case when b.status = 'in_progress' or (b.start_at < ${cnDayStart(addDays(today, 1)).toISOString()}::timestamptz
              and b.end_at > ${cnDayStart(today).toISOString()}::timestamptz) then 0 else 1 end, b.start_at, b.id`
      : undefined;
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_bookings b where ${w}`),
      () => this.bookingRows(db, w, q.pageSize, (q.page - 1) * q.pageSize, order),
    );
    return { total: num(c?.n), items: rows.map((r) => this.toBooking(ctx, r)) };
  }

  /** The board (Gantt): live bookings overlapping the window, by vehicle, for the vehicles in scope. */
  async board(ctx: AuthContext, q: z.infer<typeof ZBoardQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`b.org_id`, q.orgId);
    const rows = await this.bookingRows(
      db,
      where([
        sql`b.tenant_id = ${ctx.tenantId}`,
        scope,
        sql`b.status <> 'cancelled'`,
        sql`tstzrange(b.start_at, b.end_at, '[)') && tstzrange(${q.start}::timestamptz, ${q.end}::timestamptz, '[)')`,
      ]),
      5000,
    );
    return { start: q.start, end: q.end, items: rows.map((r) => this.toBooking(ctx, r)) };
  }

  /**
   * Vehicles in scope that are in service (not sealed, in repair, disposed or replaced) with
   * no live booking overlapping [start, end). The busy vehicles are found once, through the
   * time column of the exclusion constraints' gist index, and hashed: measured three times
   * faster at 1,000 vehicles and 313,000 bookings than probing the index once per vehicle.
   */
  async availability(ctx: AuthContext, q: z.infer<typeof ZAvailabilityQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, VP['vehicles.read'], sql`v.org_id`, q.orgId);
    const w = where([
      sql`v.tenant_id = ${ctx.tenantId}`,
      scope,
      sql`v.status = 'in_service' and v.replaced_by_id is null`,
      q.seats ? sql`v.seats >= ${q.seats}` : undefined,
      q.type ? sql`v.type = ${q.type}` : undefined,
      sql`v.id not in (select b.vehicle_id from vehicle_bookings b
            where tstzrange(b.start_at, b.end_at, '[)') && tstzrange(${q.start}::timestamptz, ${q.end}::timestamptz, '[)')
              and b.status <> 'cancelled')`,
    ]);
    // Suggestions by fit: for a number of seats, the smallest vehicle that holds them first (a
    // bus is not sent for two people), then the cheapest to run (the last year's refuel and
    // repair costs per km driven; vehicles without a record last), then the plate.
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${VEHICLE_COLS} from vehicles v left join orgs o on o.id = v.org_id
          left join (select e.vehicle_id,
                       sum(e.amount) filter (where e.kind in ('refuel','repair'))
                         / nullif(sum(e.quantity) filter (where e.kind = 'trip'), 0) as cost_per_km
                     from vehicle_events e where e.tenant_id = ${ctx.tenantId} and e.occurred_at > ${now().toISOString()}::timestamptz - interval '365 days'
                     group by e.vehicle_id) c on c.vehicle_id = v.id
          where ${w}
          order by ${q.seats ? sql`v.seats - ${q.seats}, c.cost_per_km nulls last, v.plate` : sql`o.sort, o.id, v.plate`} limit 1000`,
    );
    const ne = (await loadCapsRule(db)).rule.newEnergyEnergies;
    return { items: rows.map((r) => vehicleView(r, ne)) };
  }

  async cancelBooking(ctx: AuthContext, id: number) {
    ctx.require(VP['vehicles.dispatch']);
    await this.core.db.transaction(async (tx) => {
      const b = await this.lockBooking(tx, ctx, id, VP['vehicles.dispatch']);
      if (b.status !== 'booked') throw conflict(M.VEHICLE_STATE, { reason: String(b.status) });
      await tx
        .update(vehicleBookings)
        .set({ status: 'cancelled' })
        .where(and(eq(vehicleBookings.tenantId, ctx.tenantId), eq(vehicleBookings.id, id)));
      if (b.trip_request_id !== null)
        await tx
          .update(vehicleTripRequests)
          .set({ status: 'approved', bookingId: null })
          .where(eq(vehicleTripRequests.id, num(b.trip_request_id)));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_booking',
        entityId: id,
        orgId: num(b.org_id),
        before: { status: b.status },
        after: { status: 'cancelled' },
      });
    });
    return this.bookingView(ctx, id);
  }

  private async lockBooking(tx: Executor, ctx: AuthContext, id: number, permission: string) {
    const [b] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select * from vehicle_bookings where tenant_id = ${ctx.tenantId} and id = ${id} for update`,
    );
    if (!b) throw notFound('vehicle_booking');
    await assertOrgInScope(tx, ctx, permission, num(b.org_id)).catch(() => {
      throw notFound('vehicle_booking');
    });
    return b;
  }

  /** The booking's own driver, or a dispatcher over the vehicle; anyone else gets 404. */
  private async lockForDriver(tx: Executor, ctx: AuthContext, id: number) {
    const [b] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select * from vehicle_bookings where tenant_id = ${ctx.tenantId} and id = ${id} for update`,
    );
    if (!b) throw notFound('vehicle_booking');
    const ownDriver = ctx.has(VP['vehicles.drive']) && ctx.account.personId !== null && num(b.driver_id) === ctx.account.personId;
    if (!ownDriver)
      await assertOrgInScope(tx, ctx, VP['vehicles.dispatch'], num(b.org_id)).catch(() => {
        throw notFound('vehicle_booking');
      });
    return b;
  }

  /** The plausibility thresholds in force today (rule data, vehicle_trip_plausibility). */
  private async plausibilityRule(tx: Executor) {
    const r = await ruleInForce(tx, TRIP_PLAUSIBILITY_RULE, cnToday());
    if (!r) throw badRequest(M.VEHICLE_NO_PLAUSIBILITY_RULE);
    return r.data;
  }

  /**
   * 出车. A start far before the booked start or after its end, or a reading below the vehicle's
   * last one, needs the driver's reason: without it a 400 names each problem; with it the start
   * is recorded and the booking flagged for the dispatcher (the vehicle's odometer never goes back).
   */
  async startTrip(ctx: AuthContext, id: number, input: z.infer<typeof ZOdometerSchema>) {
    await this.core.db.transaction(async (tx) => {
      const b = await this.lockForDriver(tx, ctx, id);
      if (b.status !== 'booked') throw conflict(M.VEHICLE_STATE, { reason: String(b.status) });
      const [v] = await queryRows<{ odometer_km: number }>(tx, sql`select odometer_km from vehicles where id = ${b.vehicle_id} for update`);
      const at = input.at ? new Date(input.at) : now();
      const flags = flagsOrRefuse(
        ctx,
        'start',
        startProblems(await this.plausibilityRule(tx), {
          bookedStart: new Date(b.start_at as string),
          bookedEnd: new Date(b.end_at as string),
          at,
          odometerKm: input.odometerKm,
          lastKm: num(v?.odometer_km),
        }),
        input.reason,
      );
      await tx
        .update(vehicleBookings)
        .set({ status: 'in_progress', startOdometerKm: input.odometerKm, startedAt: at, flags })
        .where(and(eq(vehicleBookings.tenantId, ctx.tenantId), eq(vehicleBookings.id, id)));
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, TRIP_FILES, String(id));
      await tx
        .update(vehicles)
        .set({ odometerKm: sql`greatest(${vehicles.odometerKm}, ${input.odometerKm})`, updatedAt: now() })
        .where(eq(vehicles.id, num(b.vehicle_id)));
      if (b.trip_request_id !== null)
        await tx
          .update(vehicleTripRequests)
          .set({ status: 'in_progress' })
          .where(eq(vehicleTripRequests.id, num(b.trip_request_id)));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_booking',
        entityId: id,
        orgId: num(b.org_id),
        summary: 'trip started',
        before: { status: b.status },
        after: { status: 'in_progress', ...input, ...(flags.length ? { flags } : {}) },
      });
      if (flags.length) await this.notifyFlagged(tx, ctx, b, flags);
    });
    return this.bookingView(ctx, id);
  }

  /** The dispatchers over the booking's unit learn of a start or finish recorded as implausible. */
  private async notifyFlagged(tx: Executor, ctx: AuthContext, b: Record<string, unknown>, flags: TripFlag[]) {
    const dispatchers = await accountsWith(tx, VP['vehicles.dispatch'], num(b.org_id));
    await notify(
      tx,
      dispatchers.filter((a) => a !== ctx.account.id),
      {
        kind: 'vehicles.trip.flagged',
        titleZh: `出车记录待核实：${String(b.purpose)}（${flags.map((f) => problemText('zh-CN', f.code, f.params)).join('；')}）`,
        titleEn: `Trip record to check: ${String(b.purpose)} (${flags.map((f) => problemText('en', f.code, f.params)).join('; ')})`,
        link: '/vehicles/dispatch?flagged=1',
      },
    );
  }

  /**
   * 收车: the reading at return is at least the departure reading (refused outright otherwise);
   * a finish before the start or a distance no car covers in the time (average speed above the
   * rule's maximum) needs the driver's reason, as at the start. The trip enters the history file.
   */
  async finishTrip(ctx: AuthContext, id: number, input: z.infer<typeof ZOdometerSchema>) {
    await this.core.db.transaction(async (tx) => {
      const b = await this.lockForDriver(tx, ctx, id);
      if (b.status !== 'in_progress') throw conflict(M.VEHICLE_STATE, { reason: String(b.status) });
      const [v] = await queryRows<{ odometer_km: number; org_id: number; plate: string }>(
        tx,
        sql`select odometer_km, org_id, plate from vehicles where id = ${b.vehicle_id} for update`,
      );
      const startKm = num(b.start_odometer_km);
      if (input.odometerKm < startKm) throw badRequest(M.VEHICLE_ODOMETER_BACKWARDS, { value: input.odometerKm, last: startKm });
      const at = input.at ? new Date(input.at) : now();
      const newFlags = flagsOrRefuse(
        ctx,
        'finish',
        finishProblems(await this.plausibilityRule(tx), {
          startedAt: new Date(b.started_at as string),
          at,
          startKm,
          odometerKm: input.odometerKm,
        }),
        input.reason,
      );
      const flags = [...((b.flags as TripFlag[] | null) ?? []), ...newFlags];
      await tx
        .update(vehicleBookings)
        .set({ status: 'completed', endOdometerKm: input.odometerKm, finishedAt: at, flags })
        .where(and(eq(vehicleBookings.tenantId, ctx.tenantId), eq(vehicleBookings.id, id)));
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, TRIP_FILES, String(id));
      await tx
        .update(vehicles)
        .set({ odometerKm: sql`greatest(${vehicles.odometerKm}, ${input.odometerKm})`, updatedAt: now() })
        .where(eq(vehicles.id, num(b.vehicle_id)));
      const km = input.odometerKm - num(b.start_odometer_km);
      await addEvent(tx, {
        tenantId: ctx.tenantId,
        vehicleId: num(b.vehicle_id),
        orgId: num(v!.org_id),
        kind: 'trip',
        occurredAt: at,
        odometerKm: input.odometerKm,
        quantity: km,
        refType: 'booking',
        refId: id,
        summary: `出车 ${String(b.purpose)}，行驶 ${km} km`,
        data: { driverId: num(b.driver_id), startedAt: iso(b.started_at), finishedAt: at.toISOString(), km },
        createdBy: ctx.account.id,
      });
      if (b.trip_request_id !== null)
        await tx
          .update(vehicleTripRequests)
          .set({ status: 'completed' })
          .where(eq(vehicleTripRequests.id, num(b.trip_request_id)));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_booking',
        entityId: id,
        orgId: num(b.org_id),
        summary: `trip finished, ${km} km`,
        before: { status: b.status },
        after: { status: 'completed', ...input, ...(newFlags.length ? { flags: newFlags } : {}) },
      });
      if (newFlags.length) await this.notifyFlagged(tx, ctx, b, newFlags);
    });
    return this.bookingView(ctx, id);
  }
}
