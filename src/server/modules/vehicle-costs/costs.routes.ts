import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParamSchema, pageOf } from '../../../contracts/common';
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
} from '../../../contracts/modules/vehicle-costs';
import { type CoreServices, buildTemplate, exportRows, readUpload, requireAuth, sendXlsx, writeAudit } from '../../core';
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
import { VP } from '../vehicles';
import { VendorService } from './vendors.service';

export type VehicleCostServices = {
  core: CoreServices;
  vendors: VendorService;
  costs: CostService;
  excel: CostExcel;
  anomalies: AnomalyService;
};

export function createVehicleCostServices(core: CoreServices): VehicleCostServices {
  const costs = new CostService(core);
  return { core, vendors: new VendorService(core), costs, excel: new CostExcel(core, costs), anomalies: new AnomalyService(core) };
}

const BASE = '/api/v1/vehicles';

/** Thin HTTP layer of the running-cost side: contracts validate, one service call answers. Creations answer 201. */
export async function vehicleCostRoutes(appBase: FastifyInstance, opts: { svc: VehicleCostServices; maxUploadMb: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { vendors, costs, excel, anomalies, core } = opts.svc;
  const tags = ['vehicle costs'];

  // ---------- vendors ----------
  app.get(`${BASE}/vendors`, { schema: { tags, querystring: ZVendorQuerySchema, response: { 200: pageOf(ZVendorSchema) } } }, async (req) =>
    vendors.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/vendors`,
    {
      schema: {
        tags,
        summary: 'List a designated (定点) vendor with its contract period',
        body: ZVendorCreateSchema,
        response: { 201: ZVendorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await vendors.create(requireAuth(req), req.body)),
  );
  app.get(`${BASE}/vendors/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZVendorSchema } } }, async (req) =>
    vendors.get(requireAuth(req), req.params.id),
  );
  app.patch(
    `${BASE}/vendors/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZVendorUpdateSchema, response: { 200: ZVendorSchema } } },
    async (req) => vendors.update(requireAuth(req), req.params.id, req.body),
  );

  // ---------- cost records ----------
  const created = { response: { 201: ZCostRecordSchema } };
  app.post(
    `${BASE}/costs/refuels`,
    {
      schema: {
        tags,
        summary: 'A refuel (litres) or charge (kWh); a vendor not designated or out of contract is flagged',
        body: ZRefuelCreateSchema,
        ...created,
      },
    },
    async (req, reply) => reply.status(201).send(await costs.createRefuel(requireAuth(req), req.body)),
  );
  app.post(
    `${BASE}/costs/repairs`,
    {
      schema: {
        tags,
        summary: 'A repair; above the amount in rule vehicle_cost_rules it goes through approval and counts once approved',
        body: ZRepairCreateSchema,
        ...created,
      },
    },
    async (req, reply) => reply.status(201).send(await costs.createRepair(requireAuth(req), req.body)),
  );
  app.post(`${BASE}/costs/insurance`, { schema: { tags, body: ZInsuranceCreateSchema, ...created } }, async (req, reply) =>
    reply.status(201).send(await costs.createInsurance(requireAuth(req), req.body)),
  );
  app.post(`${BASE}/costs/inspections`, { schema: { tags, body: ZInspectionCreateSchema, ...created } }, async (req, reply) =>
    reply.status(201).send(await costs.createInspection(requireAuth(req), req.body)),
  );
  app.post(`${BASE}/costs/tolls`, { schema: { tags, body: ZTollCreateSchema, ...created } }, async (req, reply) =>
    reply.status(201).send(await costs.createToll(requireAuth(req), req.body)),
  );
  app.post(
    `${BASE}/costs/other`,
    { schema: { tags, summary: 'Parking or another cost', body: ZOtherCostCreateSchema, ...created } },
    async (req, reply) => reply.status(201).send(await costs.createOther(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/costs/records`,
    { schema: { tags, querystring: ZCostQuerySchema, response: { 200: pageOf(ZCostRecordSchema) } } },
    async (req) => costs.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/costs/records/export`,
    { schema: { tags, summary: 'The filtered cost records as Excel', querystring: ZCostQuerySchema } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await costs.list(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await exported(ctx, `cost records: ${items.length}/${total}`);
      const buf = await exportRows(COST_RECORD_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Cost records' : '运行费用明细');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'vehicle-cost-records' : '公务用车运行费用明细');
    },
  );
  app.get(`${BASE}/costs/records/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZCostRecordSchema } } }, async (req) =>
    costs.get(requireAuth(req), req.params.id),
  );

  // ---------- fuel cards ----------
  app.get(
    `${BASE}/costs/fuel-cards`,
    {
      schema: {
        tags,
        querystring: z.object({ vehicleId: ZId.optional() }),
        response: { 200: z.object({ items: z.array(ZFuelCardSchema) }) },
      },
    },
    async (req) => costs.listCards(requireAuth(req), req.query),
  );
  app.put(
    `${BASE}/costs/fuel-cards/:cardNo`,
    {
      schema: {
        tags,
        summary: 'Assign a fuel card to a vehicle (null: unassign)',
        params: ZFuelCardParamSchema,
        body: ZFuelCardSetSchema,
        response: { 200: ZFuelCardSchema },
      },
    },
    async (req) => costs.setCard(requireAuth(req), req.params.cardNo, req.body),
  );

  // ---------- statement imports ----------
  const KINDS = { fuel: FUEL_STATEMENT_COLUMNS, etc: ETC_STATEMENT_COLUMNS } as const;
  const names = { fuel: ['加油卡对账单', 'Fuel-card statement'], etc: ['ETC通行费账单', 'ETC statement'] } as const;
  const ZKind = z.object({ kind: z.enum(IMPORT_KINDS) });
  app.get(`${BASE}/costs/import/:kind/template`, { schema: { tags, params: ZKind } }, async (req, reply) => {
    requireAuth(req).require(CP['vehicles.costs']);
    const [zh, en] = names[req.params.kind];
    const buf = await buildTemplate([...KINDS[req.params.kind]], req.locale, req.locale === 'en' ? en : zh);
    return sendXlsx(reply, buf, req.locale === 'en' ? `${req.params.kind}-statement-template` : `${zh}导入模板`);
  });
  app.post(
    `${BASE}/costs/import/:kind`,
    {
      schema: {
        tags,
        summary: 'Import a statement (.xlsx or .csv): all rows or none, row-by-row errors; rows imported before are skipped',
        params: ZKind,
        consumes: ['multipart/form-data'],
        response: { 200: ZCostImportResultSchema, 422: ZCostImportResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(CP['vehicles.costs']);
      const { buffer, filename } = await readUpload(req, opts.maxUploadMb);
      const res = req.params.kind === 'fuel' ? await excel.importFuel(ctx, buffer, filename) : await excel.importEtc(ctx, buffer, filename);
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );

  // ---------- ledger and disclosure ----------
  const exported = (ctx: ReturnType<typeof requireAuth>, summary: string) =>
    core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType: 'vehicle_cost', summary }));
  app.get(
    `${BASE}/costs/ledger`,
    {
      schema: {
        tags,
        summary: 'Monthly cost ledger for a year: per vehicle, per unit, per month; distance and cost per km',
        querystring: ZLedgerQuerySchema,
        response: { 200: ZLedgerSchema },
      },
    },
    async (req) => costs.ledger(requireAuth(req), req.query),
  );
  app.get(`${BASE}/costs/ledger/export`, { schema: { tags, querystring: ZLedgerQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    ctx.require(VP['vehicles.read']);
    const l = await costs.ledger(ctx, req.query);
    const buf = await exportRows(
      LEDGER_EXPORT_COLUMNS,
      l.vehicles,
      req.locale,
      req.locale === 'en' ? `Costs ${l.year}` : `${l.year}年运行费用`,
    );
    await exported(ctx, `ledger ${l.year}: ${l.vehicles.length} vehicles`);
    return sendXlsx(reply, buf, req.locale === 'en' ? `vehicle-costs-${l.year}` : `公务用车运行费用台账${l.year}`);
  });
  app.get(
    `${BASE}/costs/disclosure`,
    {
      schema: {
        tags,
        summary: 'The public disclosure sheet (公示) of per-vehicle running costs for a year',
        querystring: ZDisclosureQuerySchema,
        response: { 200: ZDisclosureSchema },
      },
    },
    async (req) => costs.disclosure(requireAuth(req), req.query),
  );
  app.get(`${BASE}/costs/disclosure/export`, { schema: { tags, querystring: ZDisclosureQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    ctx.require(VP['vehicles.read']);
    const d = await costs.disclosure(ctx, req.query);
    const rows = [
      ...d.rows,
      { seq: null, orgName: req.locale === 'en' ? 'Total' : '合计', plate: '', vehicleType: '', model: '', ...d.totals },
    ];
    const buf = await exportRows(DISCLOSURE_EXPORT_COLUMNS, rows, req.locale, req.locale === 'en' ? 'Disclosure' : '公示');
    await exported(ctx, `disclosure ${d.year}: ${d.rows.length} vehicles`);
    return sendXlsx(reply, buf, req.locale === 'en' ? `vehicle-costs-disclosure-${d.year}` : `公务用车运行费用公示${d.year}`);
  });

  // ---------- anomalies ----------
  app.get(
    `${BASE}/anomalies`,
    { schema: { tags, querystring: ZAnomalyQuerySchema, response: { 200: pageOf(ZAnomalySchema) } } },
    async (req) => anomalies.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/anomalies/run`,
    {
      schema: {
        tags,
        summary: 'Run the anomaly rules now (the daily job does it at 06:30)',
        body: ZAnomalyRunSchema,
        response: { 200: ZAnomalyRunResultSchema },
      },
    },
    async (req) => anomalies.runNow(requireAuth(req), req.body.asOf),
  );
  app.get(`${BASE}/anomalies/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZAnomalySchema } } }, async (req) =>
    anomalies.get(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/anomalies/:id/dismiss`,
    { schema: { tags, params: ZIdParamSchema, body: ZAnomalyDismissSchema, response: { 200: ZAnomalySchema } } },
    async (req) => anomalies.dismiss(requireAuth(req), req.params.id, req.body.reason),
  );
}
