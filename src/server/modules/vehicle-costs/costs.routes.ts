import type { FastifyInstance, FastifyRequest } from 'fastify';
import { vehicleCostsApi as R } from '../../../contracts/modules/vehicle-costs.api';
import {
  type CoreServices,
  batchedRows,
  buildTemplate,
  mountRoutes,
  importOutcome,
  readUpload,
  requireAuth,
  sendXlsx,
  streamXlsx,
  writeAudit,
} from '../../core';
import { AnomalyService } from './anomalies.service';
import {
  COST_RECORD_EXPORT_COLUMNS,
  CostExcel,
  DISCLOSURE_EXPORT_COLUMNS,
  ETC_STATEMENT_COLUMNS,
  FUEL_STATEMENT_COLUMNS,
  LEDGER_EXPORT_COLUMNS,
} from './costs.excel';
import { CP } from './costs.permissions';
import { CostService } from './costs.service';
import { CostLedgerService } from './ledger.service';
import { VP } from '../vehicles';
import { VendorService } from './vendors.service';

export type VehicleCostServices = {
  core: CoreServices;
  vendors: VendorService;
  costs: CostService;
  ledger: CostLedgerService;
  excel: CostExcel;
  anomalies: AnomalyService;
};

export function createVehicleCostServices(core: CoreServices): VehicleCostServices {
  const costs = new CostService(core);
  return {
    core,
    vendors: new VendorService(core),
    costs,
    ledger: new CostLedgerService(core),
    excel: new CostExcel(core, costs),
    anomalies: new AnomalyService(core),
  };
}

const KINDS = { fuel: FUEL_STATEMENT_COLUMNS, etc: ETC_STATEMENT_COLUMNS } as const;
const names = { fuel: ['加油卡对账单', 'Fuel-card statement'], etc: ['ETC通行费账单', 'ETC statement'] } as const;

/**
 * Thin HTTP layer of the running-cost side: the routes of `vehicleCostsApi` (contracts validate,
 * one service call answers; creations answer 201 from the definition).
 */
export async function vehicleCostRoutes(app: FastifyInstance, opts: { svc: VehicleCostServices; maxUploadMb: number }) {
  const { vendors, costs, ledger, excel, anomalies, core } = opts.svc;
  const exported = (ctx: ReturnType<typeof requireAuth>, summary: string) =>
    core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType: 'vehicle_cost', summary }));

  mountRoutes(app, R, {
    // ---------- vendors ----------
    listVendors: async (req) => vendors.list(requireAuth(req), req.query),
    createVendor: async (req) => vendors.create(requireAuth(req), req.body),
    vendor: async (req) => vendors.get(requireAuth(req), req.params.id),
    updateVendor: async (req) => vendors.update(requireAuth(req), req.params.id, req.body),

    // ---------- cost records ----------
    createRefuel: async (req) => costs.createRefuel(requireAuth(req), req.body),
    createRepair: async (req) => costs.createRepair(requireAuth(req), req.body),
    createInsurance: async (req) => costs.createInsurance(requireAuth(req), req.body),
    createInspection: async (req) => costs.createInspection(requireAuth(req), req.body),
    createToll: async (req) => costs.createToll(requireAuth(req), req.body),
    createOther: async (req) => costs.createOther(requireAuth(req), req.body),
    records: async (req) => costs.list(requireAuth(req), req.query),
    exportRecords: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => costs.list(ctx, { ...req.query, page, pageSize }));
      await exported(ctx, `cost records: ${src.count}/${src.total}`);
      return streamXlsx(reply, {
        columns: COST_RECORD_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Cost records' : '运行费用明细',
        fileName: req.locale === 'en' ? 'vehicle-cost-records' : '公务用车运行费用明细',
      });
    },
    record: async (req) => costs.get(requireAuth(req), req.params.id),

    // ---------- fuel cards ----------
    fuelCards: async (req) => costs.listCards(requireAuth(req), req.query),
    setFuelCard: async (req) => costs.setCard(requireAuth(req), req.params.cardNo, req.body),

    // ---------- statement imports ----------
    importTemplate: async (req, reply) => {
      requireAuth(req).require(CP['vehicles.costs']);
      const [zh, en] = names[req.params.kind];
      const buf = await buildTemplate([...KINDS[req.params.kind]], req.locale, req.locale === 'en' ? en : zh);
      return sendXlsx(reply, buf, req.locale === 'en' ? `${req.params.kind}-statement-template` : `${zh}导入模板`);
    },
    // All or nothing: a statement with row errors answers 422 IMPORT_FAILED, the report in `details`.
    importStatement: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(CP['vehicles.costs']);
      const { buffer, filename } = await readUpload(req as unknown as FastifyRequest, opts.maxUploadMb);
      const res = req.params.kind === 'fuel' ? await excel.importFuel(ctx, buffer, filename) : await excel.importEtc(ctx, buffer, filename);
      return importOutcome(res);
    },

    // ---------- ledger and disclosure ----------
    ledger: async (req) => ledger.ledger(requireAuth(req), req.query),
    exportLedger: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(VP['vehicles.read']);
      const l = await ledger.ledger(ctx, req.query);
      await exported(ctx, `ledger ${l.year}: ${l.vehicles.length} vehicles`);
      // One row per vehicle in scope (a district has hundreds): small by nature, summed whole by the ledger query.
      return streamXlsx(reply, {
        columns: LEDGER_EXPORT_COLUMNS,
        rows: l.vehicles,
        locale: req.locale,
        sheetName: req.locale === 'en' ? `Costs ${l.year}` : `${l.year}年运行费用`,
        fileName: req.locale === 'en' ? `vehicle-costs-${l.year}` : `公务用车运行费用台账${l.year}`,
      });
    },
    disclosure: async (req) => ledger.disclosure(requireAuth(req), req.query),
    exportDisclosure: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(VP['vehicles.read']);
      const d = await ledger.disclosure(ctx, req.query);
      const rows = [
        ...d.rows,
        { seq: null, orgName: req.locale === 'en' ? 'Total' : '合计', plate: '', vehicleType: '', model: '', ...d.totals },
      ];
      await exported(ctx, `disclosure ${d.year}: ${d.rows.length} vehicles`);
      // One row per vehicle: small by nature.
      return streamXlsx(reply, {
        columns: DISCLOSURE_EXPORT_COLUMNS,
        rows,
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Disclosure' : '公示',
        fileName: req.locale === 'en' ? `vehicle-costs-disclosure-${d.year}` : `公务用车运行费用公示${d.year}`,
      });
    },

    // ---------- anomalies ----------
    anomalies: async (req) => anomalies.list(requireAuth(req), req.query),
    runAnomalies: async (req) => anomalies.runNow(requireAuth(req), req.body.asOf),
    anomaly: async (req) => anomalies.get(requireAuth(req), req.params.id),
    dismissAnomaly: async (req) => anomalies.dismiss(requireAuth(req), req.params.id, req.body.reason),
  });
}
