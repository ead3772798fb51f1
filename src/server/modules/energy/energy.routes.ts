import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParamSchema, ZImportResultSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZMeterCreateSchema,
  ZMeterNodeSchema,
  ZMeterQuerySchema,
  ZMeterSchema,
  ZMeterUpdateSchema,
  ZMonthlyReadingsSchema,
  ZMonthlySheetQuerySchema,
  ZMonthlySheetSchema,
  ZReadingBatchResultSchema,
  ZReadingBatchSchema,
  ZReadingCorrectSchema,
  ZReadingCreateSchema,
  ZReadingQuerySchema,
  ZReadingSchema,
} from '../../../contracts/modules/energy';
import { buildTemplate, exportRows, readUpload, requireAuth, sendXlsx } from '../../core';
import type { EnergyExcel } from './energy.excel';
import { METER_EXPORT_COLUMNS, READING_IMPORT_COLUMNS } from './energy.excel';
import type { MeterService } from './meters.service';
import type { ReadingService } from './readings.service';

export type EnergyServices = {
  meters: MeterService;
  readings: ReadingService;
  excel: EnergyExcel;
};

const BASE = '/api/v1/energy';

/** Thin HTTP layer for meters and readings: validation by the zod contracts, then one service call. Creations answer 201. */
export async function energyRoutes(appBase: FastifyInstance, opts: { svc: EnergyServices; maxUploadMb: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { meters, readings, excel } = opts.svc;
  const tags = ['energy'];

  // ---------- meters ----------
  app.get(`${BASE}/meters`, { schema: { tags, querystring: ZMeterQuerySchema, response: { 200: pageOf(ZMeterSchema) } } }, async (req) =>
    meters.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/meters/tree`,
    {
      schema: {
        tags,
        summary: 'Meters in scope as a forest of masters and sub-meters',
        querystring: z.object({ orgId: ZId.optional() }),
        response: { 200: z.array(ZMeterNodeSchema) },
      },
    },
    async (req) => meters.tree(requireAuth(req), req.query.orgId),
  );
  app.get(
    `${BASE}/meters/export`,
    {
      schema: { tags, summary: 'The filtered meter ledger as Excel', querystring: ZMeterQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await meters.list(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await excel.exported(ctx, 'energy_meter', `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const buf = await exportRows(METER_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Meters' : '计量器具');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'energy-meters' : '能源计量器具台账');
    },
  );
  app.get(`${BASE}/meters/template`, { schema: { tags, summary: 'Meter import template' } }, async (req, reply) => {
    requireAuth(req).require('energy.write');
    const buf = await buildTemplate(excel.meterColumns(), req.locale, req.locale === 'en' ? 'Meters' : '计量器具');
    return sendXlsx(reply, buf, req.locale === 'en' ? 'meter-import-template' : '计量器具导入模板');
  });
  app.post(
    `${BASE}/meters/import`,
    {
      schema: {
        tags,
        summary: 'Import meters (.xlsx): all rows or none, row-by-row errors',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResultSchema, 422: ZImportResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { buffer } = await readUpload(req, opts.maxUploadMb);
      const res = await excel.importMeters(ctx, buffer);
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );
  app.post(`${BASE}/meters`, { schema: { tags, body: ZMeterCreateSchema, response: { 201: ZMeterSchema } } }, async (req, reply) =>
    reply.status(201).send(await meters.create(requireAuth(req), req.body)),
  );
  app.get(`${BASE}/meters/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZMeterSchema } } }, async (req) =>
    meters.get(requireAuth(req), req.params.id),
  );
  app.patch(
    `${BASE}/meters/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZMeterUpdateSchema, response: { 200: ZMeterSchema } } },
    async (req) => meters.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    `${BASE}/meters/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a meter without history (one with readings is retired instead: 409)',
        params: ZIdParamSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await meters.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---------- readings ----------
  app.post(
    `${BASE}/readings::batch`,
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Bulk ingest for smart meters (API token with energy.ingest): idempotent on (meter, ts); bad rows are rejected with their reason, the rest stored',
        body: ZReadingBatchSchema,
        response: { 200: ZReadingBatchResultSchema },
      },
    },
    async (req) => readings.batch(requireAuth(req), req.body.readings),
  );
  app.get(
    `${BASE}/readings`,
    { schema: { tags, querystring: ZReadingQuerySchema, response: { 200: pageOf(ZReadingSchema) } } },
    async (req) => readings.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/readings`,
    { schema: { tags, summary: 'One register reading by hand', body: ZReadingCreateSchema, response: { 201: ZReadingSchema } } },
    async (req, reply) => reply.status(201).send(await readings.create(requireAuth(req), req.body)),
  );
  app.get(
    `${BASE}/readings/monthly-sheet`,
    {
      schema: {
        tags,
        summary: "A unit's manual meters with last month's and this month's readings",
        querystring: ZMonthlySheetQuerySchema,
        response: { 200: ZMonthlySheetSchema },
      },
    },
    async (req) => readings.monthlySheet(requireAuth(req), req.query.orgId, req.query.month),
  );
  app.post(
    `${BASE}/readings/monthly`,
    {
      schema: {
        tags,
        summary: "A month's readings of a unit's manual meters (end-of-month registers), all or nothing",
        body: ZMonthlyReadingsSchema,
        response: {
          200: z.object({ month: z.string(), inserted: z.number().int(), unchanged: z.number().int(), flagged: z.number().int() }),
        },
      },
    },
    async (req) => readings.monthly(requireAuth(req), req.body),
  );
  app.post(
    `${BASE}/readings/correct`,
    {
      schema: {
        tags,
        summary: 'Correct a reading (the original value is kept)',
        body: ZReadingCorrectSchema,
        response: { 200: ZReadingSchema },
      },
    },
    async (req) => readings.correct(requireAuth(req), req.body),
  );
  app.get(`${BASE}/readings/template`, { schema: { tags, summary: 'Reading import template' } }, async (req, reply) => {
    requireAuth(req).require('energy.write');
    const buf = await buildTemplate(READING_IMPORT_COLUMNS, req.locale, req.locale === 'en' ? 'Readings' : '读数');
    return sendXlsx(reply, buf, req.locale === 'en' ? 'reading-import-template' : '能耗读数导入模板');
  });
  app.post(
    `${BASE}/readings/import`,
    {
      schema: {
        tags,
        summary:
          'Import readings (.xlsx or .csv): all rows or none, row-by-row errors; rows already stored with the same value are skipped',
        consumes: ['multipart/form-data'],
        response: {
          200: ZImportResultSchema.extend({ skipped: z.number().int() }),
          422: ZImportResultSchema.extend({ skipped: z.number().int() }),
        },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { buffer, filename } = await readUpload(req, opts.maxUploadMb);
      const res = await excel.importReadings(ctx, buffer, filename);
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );
}
