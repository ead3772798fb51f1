import { z } from 'zod';
import { ZId, ZIsoTime, ZPageQuerySchema, pageOf } from '../common';
import { defineRoutes } from '../route';
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
} from './vehicles';

export const ZDriverQuerySchema = ZPageQuerySchema.extend({ orgId: ZId.optional(), status: z.enum(['active', 'inactive']).optional() });
export const ZBookingQuerySchema = ZPageQuerySchema.extend({
  vehicleId: ZId.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  mine: z.coerce.boolean().optional(),
  from: ZIsoTime.optional(),
  /** Only trips whose start or finish was recorded as implausible, with the driver's reason. */
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ZDisposalQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
});

/**
 * The vehicles module's HTTP routes, defined once for the server and the web. The literal
 * paths (`/vehicles/quotas`, `/vehicles/export`…) are listed before `/vehicles/:id`; Fastify
 * prefers static segments anyway, the order only keeps the table readable.
 */
export const vehiclesApi = defineRoutes('vehicles', {
  // ---------- quotas ----------
  quotas: {
    method: 'GET',
    path: '/vehicles/quotas',
    summary: 'Per unit: quota (编制数), cap = floor(quota × ratio), vehicles held, purchases in progress, over-cap flag',
    query: z.object({ orgId: ZId.optional() }),
    response: z.object({ ratio: z.number(), items: z.array(ZQuotaSchema) }),
  },
  setQuota: { method: 'PUT', path: '/vehicles/quotas/:orgId', body: ZQuotaSetSchema, response: ZQuotaSchema },

  // ---------- yearly statistics ----------
  yearlyStatistics: {
    method: 'GET',
    path: '/vehicles/statistics/yearly',
    summary: 'Yearly statistics: purchases approved and the change on the year before, transfers, disposals, fleet size',
    query: ZYearlyStatsQuerySchema,
    response: z.object({ items: z.array(ZYearStatsSchema) }),
  },

  // ---------- drivers ----------
  drivers: { method: 'GET', path: '/vehicles/drivers', query: ZDriverQuerySchema, response: pageOf(ZDriverSchema) },
  addDriver: { method: 'POST', path: '/vehicles/drivers', body: ZDriverCreateSchema, response: ZDriverSchema, status: 201 },
  updateDriver: { method: 'PATCH', path: '/vehicles/drivers/:personId', body: ZDriverUpdateSchema, response: ZDriverSchema },

  // ---------- purchase requests ----------
  createPurchase: {
    method: 'POST',
    path: '/vehicles/purchase-requests',
    summary: 'Request a purchase or replacement: saved with every cap check (failures included) and submitted for approval',
    body: ZPurchaseCreateSchema,
    response: ZPurchaseSchema,
    status: 201,
  },
  purchases: { method: 'GET', path: '/vehicles/purchase-requests', query: ZPurchaseQuerySchema, response: pageOf(ZPurchaseSchema) },
  purchase: { method: 'GET', path: '/vehicles/purchase-requests/:id', response: ZPurchaseSchema },
  deliver: {
    method: 'POST',
    path: '/vehicles/purchase-requests/:id/deliver',
    summary: 'Register the delivered vehicle of an approved request',
    body: ZDeliverSchema,
    response: z.object({ request: ZPurchaseSchema, vehicleId: z.number().int() }),
    status: 201,
  },

  // ---------- bookings, availability, board ----------
  availability: {
    method: 'GET',
    path: '/vehicles/availability',
    summary: 'Vehicles in scope in service with no booking overlapping [start, end)',
    query: ZAvailabilityQuerySchema,
    response: z.object({ items: z.array(ZVehicleSchema) }),
  },
  board: {
    method: 'GET',
    path: '/vehicles/board',
    summary: 'Bookings overlapping a window (for the dispatch Gantt)',
    query: ZBoardQuerySchema,
    response: z.object({ start: z.string(), end: z.string(), items: z.array(ZBookingSchema) }),
  },
  createBooking: {
    method: 'POST',
    path: '/vehicles/bookings',
    summary: 'Book a vehicle and driver for [start, end); 409 when either is already booked for an overlapping time',
    body: ZBookingCreateSchema,
    response: ZBookingSchema,
    status: 201,
  },
  bookings: { method: 'GET', path: '/vehicles/bookings', query: ZBookingQuerySchema, response: pageOf(ZBookingSchema) },
  cancelBooking: { method: 'POST', path: '/vehicles/bookings/:id/cancel', response: ZBookingSchema },
  startTrip: {
    method: 'POST',
    path: '/vehicles/bookings/:id/start',
    summary: 'Trip starts (出车) with the odometer reading',
    body: ZOdometerSchema,
    response: ZBookingSchema,
  },
  finishTrip: {
    method: 'POST',
    path: '/vehicles/bookings/:id/finish',
    summary: 'Trip ends (收车) with the odometer reading',
    body: ZOdometerSchema,
    response: ZBookingSchema,
  },

  // ---------- trip requests ----------
  createTrip: {
    method: 'POST',
    path: '/vehicles/trip-requests',
    summary: 'Ask for a car (approval; rest days add a step)',
    body: ZTripCreateSchema,
    response: ZTripSchema,
    status: 201,
  },
  trips: { method: 'GET', path: '/vehicles/trip-requests', query: ZTripQuerySchema, response: pageOf(ZTripSchema) },
  trip: { method: 'GET', path: '/vehicles/trip-requests/:id', response: ZTripSchema },
  assignTrip: {
    method: 'POST',
    path: '/vehicles/trip-requests/:id/assign',
    summary: 'Dispatch: vehicle and driver for an approved trip',
    body: ZTripAssignSchema,
    response: ZTripSchema,
  },
  confirmTrip: {
    method: 'POST',
    path: '/vehicles/trip-requests/:id/confirm',
    summary: 'The applicant confirms the completed trip',
    response: ZTripSchema,
  },

  // ---------- disposal and transfer ----------
  createDisposal: {
    method: 'POST',
    path: '/vehicles/disposals',
    summary: 'Request scrap, auction or transfer (划拨) of a vehicle',
    body: ZDisposalCreateSchema,
    response: ZDisposalSchema,
    status: 201,
  },
  disposals: { method: 'GET', path: '/vehicles/disposals', query: ZDisposalQuerySchema, response: pageOf(ZDisposalSchema) },
  disposal: { method: 'GET', path: '/vehicles/disposals/:id', response: ZDisposalSchema },

  // ---------- vehicles (the ledger) ----------
  exportVehicles: {
    method: 'GET',
    path: '/vehicles/export',
    kind: 'download',
    summary: 'The filtered vehicle ledger (台账) as Excel',
    query: ZVehicleQuerySchema.omit({ page: true, pageSize: true }),
  },
  list: { method: 'GET', path: '/vehicles', query: ZVehicleQuerySchema, response: pageOf(ZVehicleSchema) },
  create: {
    method: 'POST',
    path: '/vehicles',
    summary: 'Register a vehicle already owned',
    body: ZVehicleCreateSchema,
    response: ZVehicleSchema,
    status: 201,
  },
  get: { method: 'GET', path: '/vehicles/:id', response: ZVehicleSchema },
  update: { method: 'PATCH', path: '/vehicles/:id', body: ZVehicleUpdateSchema, response: ZVehicleSchema },
  events: {
    method: 'GET',
    path: '/vehicles/:id/events',
    summary: 'The history file (履历档案), newest first',
    query: ZPageQuerySchema,
    response: pageOf(ZVehicleEventSchema),
  },
});
