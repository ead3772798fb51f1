import { z } from 'zod';
import { ZId, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  IMPORT_KINDS,
  ZAnomalyDismissSchema,
  ZAnomalyQuerySchema,
  ZAnomalyRunResultSchema,
  ZAnomalyRunSchema,
  ZAnomalySchema,
  ZCostImportResultSchema,
  ZCostQuerySchema,
  ZCostRecordSchema,
  ZDisclosureQuerySchema,
  ZDisclosureSchema,
  ZFuelCardParamSchema,
  ZFuelCardSchema,
  ZFuelCardSetSchema,
  ZInspectionCreateSchema,
  ZInsuranceCreateSchema,
  ZLedgerQuerySchema,
  ZLedgerSchema,
  ZOtherCostCreateSchema,
  ZRefuelCreateSchema,
  ZRepairCreateSchema,
  ZTollCreateSchema,
  ZVendorCreateSchema,
  ZVendorQuerySchema,
  ZVendorSchema,
  ZVendorUpdateSchema,
} from './vehicle-costs';

/** A statement kind in an import path: fuel-card or ETC. */
const ZImportKind = z.object({ kind: z.enum(IMPORT_KINDS) });

/**
 * The vehicle-costs module's HTTP routes, defined once for the server and the web. The URLs stay
 * under /vehicles/… (they were the vehicles module's before running costs had their own module).
 */
export const vehicleCostsApi = defineRoutes('vehicle-costs', {
  // ---------- vendors ----------
  listVendors: { method: 'GET', path: '/vehicles/vendors', query: ZVendorQuerySchema, response: pageOf(ZVendorSchema) },
  createVendor: {
    method: 'POST',
    path: '/vehicles/vendors',
    summary: 'List a designated (定点) vendor with its contract period',
    body: ZVendorCreateSchema,
    response: ZVendorSchema,
    status: 201,
  },
  vendor: { method: 'GET', path: '/vehicles/vendors/:id', response: ZVendorSchema },
  updateVendor: { method: 'PATCH', path: '/vehicles/vendors/:id', body: ZVendorUpdateSchema, response: ZVendorSchema },

  // ---------- cost records ----------
  createRefuel: {
    method: 'POST',
    path: '/vehicles/costs/refuels',
    summary: 'A refuel (litres) or charge (kWh); a vendor not designated or out of contract is flagged',
    body: ZRefuelCreateSchema,
    response: ZCostRecordSchema,
    status: 201,
  },
  createRepair: {
    method: 'POST',
    path: '/vehicles/costs/repairs',
    summary: 'A repair; above the amount in rule vehicle_cost_rules it goes through approval and counts once approved',
    body: ZRepairCreateSchema,
    response: ZCostRecordSchema,
    status: 201,
  },
  createInsurance: {
    method: 'POST',
    path: '/vehicles/costs/insurance',
    body: ZInsuranceCreateSchema,
    response: ZCostRecordSchema,
    status: 201,
  },
  createInspection: {
    method: 'POST',
    path: '/vehicles/costs/inspections',
    body: ZInspectionCreateSchema,
    response: ZCostRecordSchema,
    status: 201,
  },
  createToll: { method: 'POST', path: '/vehicles/costs/tolls', body: ZTollCreateSchema, response: ZCostRecordSchema, status: 201 },
  createOther: {
    method: 'POST',
    path: '/vehicles/costs/other',
    summary: 'Parking or another cost',
    body: ZOtherCostCreateSchema,
    response: ZCostRecordSchema,
    status: 201,
  },
  records: { method: 'GET', path: '/vehicles/costs/records', query: ZCostQuerySchema, response: pageOf(ZCostRecordSchema) },
  exportRecords: {
    method: 'GET',
    path: '/vehicles/costs/records/export',
    kind: 'download',
    summary: 'The filtered cost records as Excel',
    query: ZCostQuerySchema,
  },
  record: { method: 'GET', path: '/vehicles/costs/records/:id', response: ZCostRecordSchema },

  // ---------- fuel cards ----------
  // Bounded (2,000), not paged: about one card per vehicle, a district has a few hundred vehicles.
  fuelCards: {
    method: 'GET',
    path: '/vehicles/costs/fuel-cards',
    query: z.object({ vehicleId: ZId.optional() }),
    response: z.object({ items: z.array(ZFuelCardSchema) }),
  },
  setFuelCard: {
    method: 'PUT',
    path: '/vehicles/costs/fuel-cards/:cardNo',
    summary: 'Assign a fuel card to a vehicle (null: unassign)',
    params: ZFuelCardParamSchema,
    body: ZFuelCardSetSchema,
    response: ZFuelCardSchema,
  },

  // ---------- statement imports ----------
  importTemplate: { method: 'GET', path: '/vehicles/costs/import/:kind/template', kind: 'download', params: ZImportKind },
  /** 200 with the result, or 422 IMPORT_FAILED with the report (the rows' errors) in `details` (nothing imported). */
  importStatement: {
    method: 'POST',
    path: '/vehicles/costs/import/:kind',
    kind: 'upload',
    summary: 'Import a statement (.xlsx or .csv): all rows or none, row-by-row errors; rows imported before are skipped',
    params: ZImportKind,
    response: ZCostImportResultSchema,
  },

  // ---------- ledger and disclosure ----------
  ledger: {
    method: 'GET',
    path: '/vehicles/costs/ledger',
    summary: 'Monthly cost ledger for a year: per vehicle, per unit, per month; distance and cost per km',
    query: ZLedgerQuerySchema,
    response: ZLedgerSchema,
  },
  exportLedger: { method: 'GET', path: '/vehicles/costs/ledger/export', kind: 'download', query: ZLedgerQuerySchema },
  disclosure: {
    method: 'GET',
    path: '/vehicles/costs/disclosure',
    summary: 'The public disclosure sheet (公示) of per-vehicle running costs for a year',
    query: ZDisclosureQuerySchema,
    response: ZDisclosureSchema,
  },
  exportDisclosure: { method: 'GET', path: '/vehicles/costs/disclosure/export', kind: 'download', query: ZDisclosureQuerySchema },

  // ---------- anomalies ----------
  anomalies: { method: 'GET', path: '/vehicles/anomalies', query: ZAnomalyQuerySchema, response: pageOf(ZAnomalySchema) },
  runAnomalies: {
    method: 'POST',
    path: '/vehicles/anomalies/run',
    summary: 'Run the anomaly rules now (the daily job does it at 06:30)',
    body: ZAnomalyRunSchema,
    response: ZAnomalyRunResultSchema,
  },
  anomaly: { method: 'GET', path: '/vehicles/anomalies/:id', response: ZAnomalySchema },
  dismissAnomaly: {
    method: 'POST',
    path: '/vehicles/anomalies/:id/dismiss',
    body: ZAnomalyDismissSchema,
    response: ZAnomalySchema,
  },
});
