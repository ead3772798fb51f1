import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParamSchema, ZPageQuerySchema, pageOf } from '../../../contracts/common';
import {
  BOOKING_STATUSES,
  ZAvailabilityQuerySchema,
  ZBoardQuerySchema,
  ZBookingCreateSchema,
  ZBookingSchema,
  ZDeliverSchema,
  ZDisposalCreateSchema,
  ZDisposalSchema,
  ZDriverCreateSchema,
  ZDriverSchema,
  ZDriverUpdateSchema,
  ZOdometerSchema,
  ZPurchaseCreateSchema,
  ZPurchaseQuerySchema,
  ZPurchaseSchema,
  ZQuotaSchema,
  ZQuotaSetSchema,
  ZTripAssignSchema,
  ZTripCreateSchema,
  ZTripQuerySchema,
  ZTripSchema,
  ZVehicleCreateSchema,
  ZVehicleEventSchema,
  ZVehicleQuerySchema,
  ZVehicleSchema,
  ZVehicleUpdateSchema,
  ZYearStatsSchema,
  ZYearlyStatsQuerySchema,
} from '../../../contracts/modules/vehicles';
import { exportRows, requireAuth, sendXlsx } from '../../core';
import { VEHICLE_EXPORT_COLUMNS } from './vehicles.excel';
import type { DispatchService } from './dispatch.service';
import type { DisposalService } from './disposal.service';
import type { LedgerService } from './ledger.service';
import type { PurchaseService } from './purchase.service';
import type { VehicleStatisticsService } from './statistics.service';

export type VehicleServices = {
  ledger: LedgerService;
  purchases: PurchaseService;
  dispatch: DispatchService;
  disposals: DisposalService;
  statistics: VehicleStatisticsService;
};

const BASE = '/api/v1/vehicles';
const ZOrgQuery = z.object({ orgId: ZId.optional() });
const ZPersonParam = z.object({ personId: ZId });
const ZOrgParam = z.object({ orgId: ZId });

/** Thin HTTP layer: validation by the zod contracts, then one service call. Creations answer 201. */
export async function vehicleRoutes(appBase: FastifyInstance, opts: { svc: VehicleServices }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { ledger, purchases, dispatch, disposals, statistics } = opts.svc;
  const tags = ['vehicles'];

  // ---------- quotas (before /:id so the literal path wins) ----------
  app.get(
    `${BASE}/quotas`,
    {
      schema: {
        tags,
        summary: 'Per unit: quota (编制数), cap = floor(quota × ratio), vehicles held, purchases in progress, over-cap flag',
        querystring: ZOrgQuery,
        response: { 200: z.object({ ratio: z.number(), items: z.array(ZQuotaSchema) }) },
      },
    },
    async (req) => ledger.quotas(requireAuth(req), req.query.orgId),
  );
  app.put(
    `${BASE}/quotas/:orgId`,
    { schema: { tags, params: ZOrgParam, body: ZQuotaSetSchema, response: { 200: ZQuotaSchema } } },
    async (req) => ledger.setQuota(requireAuth(req), req.params.orgId, req.body),
  );

  // ---------- yearly statistics ----------
  app.get(
    `${BASE}/statistics/yearly`,
    {
      schema: {
        tags,
        summary: 'Yearly statistics: purchases approved and the change on the year before, transfers, disposals, fleet size',
        querystring: ZYearlyStatsQuerySchema,
        response: { 200: z.object({ items: z.array(ZYearStatsSchema) }) },
      },
    },
    async (req) => ({ items: await statistics.yearly(requireAuth(req), req.query) }),
  );

  // ---------- drivers ----------
  app.get(
    `${BASE}/drivers`,
    {
      schema: {
        tags,
        querystring: ZPageQuerySchema.extend({ orgId: ZId.optional(), status: z.enum(['active', 'inactive']).optional() }),
        response: { 200: pageOf(ZDriverSchema) },
      },
    },
    async (req) => ledger.drivers(requireAuth(req), req.query),
  );
  app.post(`${BASE}/drivers`, { schema: { tags, body: ZDriverCreateSchema, response: { 201: ZDriverSchema } } }, async (req, reply) =>
    reply.status(201).send(await ledger.addDriver(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/drivers/:personId`,
    { schema: { tags, params: ZPersonParam, body: ZDriverUpdateSchema, response: { 200: ZDriverSchema } } },
    async (req) => ledger.updateDriver(requireAuth(req), req.params.personId, req.body),
  );

  // ---------- purchase requests ----------
  app.post(
    `${BASE}/purchase-requests`,
    {
      schema: {
        tags,
        summary: 'Request a purchase or replacement: saved with every cap check (failures included) and submitted for approval',
        body: ZPurchaseCreateSchema,
        response: { 201: ZPurchaseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await purchases.create(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/purchase-requests`,
    { schema: { tags, querystring: ZPurchaseQuerySchema, response: { 200: pageOf(ZPurchaseSchema) } } },
    async (req) => purchases.list(requireAuth(req), req.query),
  );
  app.get(`${BASE}/purchase-requests/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZPurchaseSchema } } }, async (req) =>
    purchases.get(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/purchase-requests/:id/deliver`,
    {
      schema: {
        tags,
        summary: 'Register the delivered vehicle of an approved request',
        params: ZIdParamSchema,
        body: ZDeliverSchema,
        response: { 201: z.object({ request: ZPurchaseSchema, vehicleId: z.number().int() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await purchases.deliver(requireAuth(req), req.params.id, req.body)),
  );

  // ---------- bookings, availability, board ----------
  app.get(
    `${BASE}/availability`,
    {
      schema: {
        tags,
        summary: 'Vehicles in scope in service with no booking overlapping [start, end)',
        querystring: ZAvailabilityQuerySchema,
        response: { 200: z.object({ items: z.array(ZVehicleSchema) }) },
      },
    },
    async (req) => dispatch.availability(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/board`,
    {
      schema: {
        tags,
        summary: 'Bookings overlapping a window (for the dispatch Gantt)',
        querystring: ZBoardQuerySchema,
        response: { 200: z.object({ start: z.string(), end: z.string(), items: z.array(ZBookingSchema) }) },
      },
    },
    async (req) => dispatch.board(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/bookings`,
    {
      schema: {
        tags,
        summary: 'Book a vehicle and driver for [start, end); 409 when either is already booked for an overlapping time',
        body: ZBookingCreateSchema,
        response: { 201: ZBookingSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await dispatch.createBooking(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/bookings`,
    {
      schema: {
        tags,
        querystring: ZPageQuerySchema.extend({
          vehicleId: ZId.optional(),
          status: z.enum(BOOKING_STATUSES).optional(),
          mine: z.coerce.boolean().optional(),
          from: z.string().datetime({ offset: true }).optional(),
        }),
        response: { 200: pageOf(ZBookingSchema) },
      },
    },
    async (req) => dispatch.listBookings(requireAuth(req), req.query),
  );
  app.post(`${BASE}/bookings/:id/cancel`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZBookingSchema } } }, async (req) =>
    dispatch.cancelBooking(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/bookings/:id/start`,
    {
      schema: {
        tags,
        summary: 'Trip starts (出车) with the odometer reading',
        params: ZIdParamSchema,
        body: ZOdometerSchema,
        response: { 200: ZBookingSchema },
      },
    },
    async (req) => dispatch.startTrip(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/bookings/:id/finish`,
    {
      schema: {
        tags,
        summary: 'Trip ends (收车) with the odometer reading',
        params: ZIdParamSchema,
        body: ZOdometerSchema,
        response: { 200: ZBookingSchema },
      },
    },
    async (req) => dispatch.finishTrip(requireAuth(req), req.params.id, req.body),
  );

  // ---------- trip requests ----------
  app.post(
    `${BASE}/trip-requests`,
    {
      schema: { tags, summary: 'Ask for a car (approval; rest days add a step)', body: ZTripCreateSchema, response: { 201: ZTripSchema } },
    },
    async (req, reply) => reply.status(201).send(await dispatch.createTrip(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/trip-requests`,
    { schema: { tags, querystring: ZTripQuerySchema, response: { 200: pageOf(ZTripSchema) } } },
    async (req) => dispatch.listTrips(requireAuth(req), req.query),
  );
  app.get(`${BASE}/trip-requests/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZTripSchema } } }, async (req) =>
    dispatch.getTrip(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/trip-requests/:id/assign`,
    {
      schema: {
        tags,
        summary: 'Dispatch: vehicle and driver for an approved trip',
        params: ZIdParamSchema,
        body: ZTripAssignSchema,
        response: { 200: ZTripSchema },
      },
    },
    async (req) => dispatch.assignTrip(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/trip-requests/:id/confirm`,
    { schema: { tags, summary: 'The applicant confirms the completed trip', params: ZIdParamSchema, response: { 200: ZTripSchema } } },
    async (req) => dispatch.confirmTrip(requireAuth(req), req.params.id),
  );

  // ---------- disposal and transfer ----------
  app.post(
    `${BASE}/disposals`,
    {
      schema: {
        tags,
        summary: 'Request scrap, auction or transfer (划拨) of a vehicle',
        body: ZDisposalCreateSchema,
        response: { 201: ZDisposalSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await disposals.create(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/disposals`,
    {
      schema: {
        tags,
        querystring: ZPageQuerySchema.extend({
          orgId: ZId.optional(),
          status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
        }),
        response: { 200: pageOf(ZDisposalSchema) },
      },
    },
    async (req) => disposals.list(requireAuth(req), req.query),
  );
  app.get(`${BASE}/disposals/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZDisposalSchema } } }, async (req) =>
    disposals.get(requireAuth(req), req.params.id),
  );

  // ---------- vehicles ----------
  app.get(
    `${BASE}/export`,
    {
      schema: {
        tags,
        summary: 'The filtered vehicle ledger (台账) as Excel',
        querystring: ZVehicleQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await ledger.list(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await ledger.audited(ctx, `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const buf = await exportRows(VEHICLE_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Vehicles' : '车辆台账');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'vehicle-ledger' : '公务用车台账');
    },
  );
  app.get(`${BASE}`, { schema: { tags, querystring: ZVehicleQuerySchema, response: { 200: pageOf(ZVehicleSchema) } } }, async (req) =>
    ledger.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}`,
    { schema: { tags, summary: 'Register a vehicle already owned', body: ZVehicleCreateSchema, response: { 201: ZVehicleSchema } } },
    async (req, reply) => reply.status(201).send(await ledger.create(requireAuth(req), req.body)),
  );
  app.get(`${BASE}/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZVehicleSchema } } }, async (req) =>
    ledger.get(requireAuth(req), req.params.id),
  );
  app.patch(
    `${BASE}/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZVehicleUpdateSchema, response: { 200: ZVehicleSchema } } },
    async (req) => ledger.update(requireAuth(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/:id/events`,
    {
      schema: {
        tags,
        summary: 'The history file (履历档案), newest first',
        params: ZIdParamSchema,
        querystring: ZPageQuerySchema,
        response: { 200: pageOf(ZVehicleEventSchema) },
      },
    },
    async (req) => ledger.events(requireAuth(req), req.params.id, req.query),
  );
}
