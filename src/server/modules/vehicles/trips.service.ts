import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZTripCreateSchema, ZTripQuerySchema } from '../../../contracts/modules/vehicles';
import {
  type ApprovalInstance,
  type AuthContext,
  type BusinessType,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  bureauLeader,
  conflict,
  forbidden,
  notFound,
  notify,
  queryRows,
  unitReview,
  when,
  writeAudit,
  defineApprovalSummary,
} from '../../core';
import type { DispatchService } from './dispatch.service';
import { type TripDayKind, tripDayKind } from './trip-day';
import { M } from './vehicles.messages';
import { VP } from './vehicles.permissions';
import { accountsWith, cnDate, cnDaysOf, mapBookingConflict, num, scopeOn, unitOf, where } from './vehicles.repository';
import { vehicleTripRequests } from './vehicles.schema';

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
  summary: defineApprovalSummary({
    fields: {
      purpose: { zh: '用车事由', en: 'Purpose' },
      destination: { zh: '目的地', en: 'Destination' },
      start: { zh: '开始时间', en: 'Start', kind: 'instant' },
      end: { zh: '结束时间', en: 'End', kind: 'instant' },
      passengers: { zh: '乘车人数', en: 'Passengers', kind: 'number', unit: { zh: '人', en: 'people' } },
      restDay: { zh: '休息日用车', en: 'Rest-day trip', kind: 'boolean' },
    },
  }),
  link: (id) => `/vehicles/trips?id=${id}`,
  onApproved: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'approved'),
  onRejected: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'rejected'),
  onReturned: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'returned'),
  onWithdrawn: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'withdrawn'),
  onResubmitted: (tx, inst, ctx) => setTripStatus(tx, ctx, inst, 'pending'),
};

/** Car requests (用车申请): filing, approval hooks, dispatch of approved trips (派车), confirmation. */
export class TripService {
  /** Dispatching an approved trip books a vehicle and driver through the bookings' one rule. */
  constructor(
    private readonly core: CoreServices,
    private readonly dispatch: DispatchService,
  ) {}

  /** The vehicle and driver of the trip's booking (the driver's phone for the applicant to call). */
  private async assigned(db: Executor, bookingId: number | null) {
    if (bookingId === null) return { plate: null, driverName: null, driverPhone: null };
    const [r] = await queryRows<{ plate: string; name: string; phone_enc: string | null }>(
      db,
      sql`select v.plate, p.name, p.phone_enc from vehicle_bookings b join vehicles v on v.id = b.vehicle_id
          join people p on p.id = b.driver_id where b.id = ${bookingId}`,
    );
    if (!r) return { plate: null, driverName: null, driverPhone: null };
    return { plate: r.plate, driverName: r.name, driverPhone: r.phone_enc ? this.core.cipher.decrypt(r.phone_enc) : null };
  }

  private async dayKind(r: typeof vehicleTripRequests.$inferSelect): Promise<TripDayKind> {
    return tripDayKind(cnDaysOf(r.startAt.toISOString(), r.endAt.toISOString()), await this.core.refdata.dayOverrides());
  }

  private async tripView(db: Executor, r: typeof vehicleTripRequests.$inferSelect) {
    return {
      ...(await this.assigned(db, r.bookingId)),
      dayKind: await this.dayKind(r),
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
    const kind = tripDayKind(cnDaysOf(input.start, input.end), await this.core.refdata.dayOverrides());
    const dayTag = kind === 'holiday' ? '，节假日' : kind === 'rest_day' ? '，休息日' : '';
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
        title: {
          zh: `用车：${input.purpose}（${cnDate(input.start)}${dayTag}）`,
          en: `Car: ${input.purpose} (${cnDate(input.start)}${kind === 'holiday' ? ', public holiday' : kind === 'rest_day' ? ', rest day' : ''})`,
        },
        orgId: unitId,
        facts: {
          restDay,
          passengers: input.passengers,
          purpose: input.purpose,
          destination: input.destination,
          start: input.start,
          end: input.end,
        },
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
    return this.tripView(this.core.db, r);
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
    for (const { id } of ids) items.push(await this.tripView(db, await this.loadTrip(db, ctx, num(id))));
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
        const bookingId = await this.dispatch.book(
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
        // The applicant learns which car comes and whom to call.
        const a = await this.assigned(tx, bookingId);
        const phone = a.driverPhone ? ` ${a.driverPhone}` : '';
        await notify(tx, [trip.applicantId], {
          kind: 'vehicles.trip.assigned',
          titleZh: `已派车：${trip.purpose}（${a.plate}，驾驶员 ${a.driverName}${phone}）`,
          titleEn: `Car assigned: ${trip.purpose} (${a.plate}, driver ${a.driverName}${phone})`,
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
