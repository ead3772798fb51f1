import type { FastifyInstance } from 'fastify';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { batchedRows, mountRoutes, requireAuth, streamXlsx } from '../../core';
import { VEHICLE_EXPORT_COLUMNS } from './vehicles.excel';
import type { DispatchService } from './dispatch.service';
import type { DisposalService } from './disposal.service';
import type { LedgerService } from './ledger.service';
import type { PurchaseService } from './purchase.service';
import type { VehicleStatisticsService } from './statistics.service';
import type { TripService } from './trips.service';

export type VehicleServices = {
  ledger: LedgerService;
  purchases: PurchaseService;
  dispatch: DispatchService;
  trips: TripService;
  disposals: DisposalService;
  statistics: VehicleStatisticsService;
};

/** Thin HTTP layer: the routes are defined in the contract (vehiclesApi), sign-in, one service call. */
export async function vehicleRoutes(app: FastifyInstance, opts: { svc: VehicleServices }) {
  const { ledger, purchases, dispatch, trips, disposals, statistics } = opts.svc;

  mountRoutes(app, vehiclesApi, {
    quotas: async (req) => ledger.quotas(requireAuth(req), req.query.orgId),
    setQuota: async (req) => ledger.setQuota(requireAuth(req), req.params.orgId, req.body),
    yearlyStatistics: async (req) => ({ items: await statistics.yearly(requireAuth(req), req.query) }),
    drivers: async (req) => ledger.drivers(requireAuth(req), req.query),
    addDriver: async (req) => ledger.addDriver(requireAuth(req), req.body),
    updateDriver: async (req) => ledger.updateDriver(requireAuth(req), req.params.personId, req.body),
    createPurchase: async (req) => purchases.create(requireAuth(req), req.body),
    purchases: async (req) => purchases.list(requireAuth(req), req.query),
    purchase: async (req) => purchases.get(requireAuth(req), req.params.id),
    deliver: async (req) => purchases.deliver(requireAuth(req), req.params.id, req.body),
    availability: async (req) => dispatch.availability(requireAuth(req), req.query),
    board: async (req) => dispatch.board(requireAuth(req), req.query),
    createBooking: async (req) => dispatch.createBooking(requireAuth(req), req.body),
    bookings: async (req) => dispatch.listBookings(requireAuth(req), req.query),
    cancelBooking: async (req) => dispatch.cancelBooking(requireAuth(req), req.params.id),
    startTrip: async (req) => dispatch.startTrip(requireAuth(req), req.params.id, req.body),
    finishTrip: async (req) => dispatch.finishTrip(requireAuth(req), req.params.id, req.body),
    createTrip: async (req) => trips.createTrip(requireAuth(req), req.body),
    trips: async (req) => trips.listTrips(requireAuth(req), req.query),
    trip: async (req) => trips.getTrip(requireAuth(req), req.params.id),
    assignTrip: async (req) => trips.assignTrip(requireAuth(req), req.params.id, req.body),
    confirmTrip: async (req) => trips.confirmTrip(requireAuth(req), req.params.id),
    createDisposal: async (req) => disposals.create(requireAuth(req), req.body),
    disposals: async (req) => disposals.list(requireAuth(req), req.query),
    disposal: async (req) => disposals.get(requireAuth(req), req.params.id),
    exportVehicles: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => ledger.list(ctx, { ...req.query, page, pageSize }));
      await ledger.audited(ctx, `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: VEHICLE_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Vehicles' : '车辆台账',
        fileName: req.locale === 'en' ? 'vehicle-ledger' : '公务用车台账',
      });
    },
    list: async (req) => ledger.list(requireAuth(req), req.query),
    create: async (req) => ledger.create(requireAuth(req), req.body),
    get: async (req) => ledger.get(requireAuth(req), req.params.id),
    update: async (req) => ledger.update(requireAuth(req), req.params.id, req.body),
    events: async (req) => ledger.events(requireAuth(req), req.params.id, req.query),
  });
}
