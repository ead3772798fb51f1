import type { FastifyInstance } from 'fastify';
import { energyApi } from '../../../contracts/modules/energy.api';
import { batchedRows, buildTemplate, mountRoutes, importOutcome, readUpload, requireAuth, sendXlsx, streamXlsx } from '../../core';
import type { EnergyExcel } from './energy.excel';
import { METER_EXPORT_COLUMNS, READING_IMPORT_COLUMNS } from './energy.excel';
import type { MeterService } from './meters.service';
import type { ReadingService } from './readings.service';

export type EnergyServices = {
  meters: MeterService;
  readings: ReadingService;
  excel: EnergyExcel;
};

const {
  listMeters,
  meterTree,
  exportMeters,
  meterTemplate,
  importMeters,
  createMeter,
  meter,
  updateMeter,
  deleteMeter,
  ingestReadings,
  listReadings,
  createReading,
  monthlySheet,
  enterMonthly,
  correctReading,
  readingTemplate,
  importReadings,
} = energyApi;

/** Thin HTTP layer for meters and readings: validation by the route definitions (energy.api.ts), then one service call. */
export async function energyRoutes(app: FastifyInstance, opts: { svc: EnergyServices; maxUploadMb: number }) {
  const { meters, readings, excel } = opts.svc;

  mountRoutes(
    app,
    { listMeters, meterTree, exportMeters, meterTemplate, importMeters, createMeter, meter, updateMeter, deleteMeter },
    {
      listMeters: async (req) => meters.list(requireAuth(req), req.query),
      meterTree: async (req) => meters.tree(requireAuth(req), req.query.orgId),
      exportMeters: async (req, reply) => {
        const ctx = requireAuth(req);
        const src = await batchedRows((page, pageSize) => meters.list(ctx, { ...req.query, page, pageSize }));
        await excel.exported(ctx, 'energy_meter', `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
        return streamXlsx(reply, {
          columns: METER_EXPORT_COLUMNS,
          rows: src.rows,
          locale: req.locale,
          sheetName: req.locale === 'en' ? 'Meters' : '计量器具',
          fileName: req.locale === 'en' ? 'energy-meters' : '能源计量器具台账',
        });
      },
      meterTemplate: async (req, reply) => {
        requireAuth(req).require('energy.write');
        const buf = await buildTemplate(excel.meterColumns(), req.locale, req.locale === 'en' ? 'Meters' : '计量器具');
        return sendXlsx(reply, buf, req.locale === 'en' ? 'meter-import-template' : '计量器具导入模板');
      },
      // All or nothing: row errors answer 422 IMPORT_FAILED, the report in `details`.
      importMeters: async (req) => {
        const ctx = requireAuth(req);
        const { buffer } = await readUpload(req, opts.maxUploadMb);
        return importOutcome(await excel.importMeters(ctx, buffer));
      },
      createMeter: async (req) => meters.create(requireAuth(req), req.body),
      meter: async (req) => meters.get(requireAuth(req), req.params.id),
      updateMeter: async (req) => meters.update(requireAuth(req), req.params.id, req.body),
      deleteMeter: async (req) => {
        await meters.remove(requireAuth(req), req.params.id);
        return { ok: true as const };
      },
    },
  );

  mountRoutes(
    app,
    { ingestReadings, listReadings, createReading, monthlySheet, enterMonthly, correctReading, readingTemplate, importReadings },
    {
      // The smart-meter path: one service call for the whole batch (no per-row work here).
      ingestReadings: {
        handler: async (req) => readings.batch(requireAuth(req), req.body.readings),
        options: { bodyLimit: 4 * 1024 * 1024 },
      },
      listReadings: async (req) => readings.list(requireAuth(req), req.query),
      createReading: async (req) => readings.create(requireAuth(req), req.body),
      monthlySheet: async (req) => readings.monthlySheet(requireAuth(req), req.query.orgId, req.query.month),
      enterMonthly: async (req) => readings.monthly(requireAuth(req), req.body),
      correctReading: async (req) => readings.correct(requireAuth(req), req.body),
      readingTemplate: async (req, reply) => {
        requireAuth(req).require('energy.write');
        const buf = await buildTemplate(READING_IMPORT_COLUMNS, req.locale, req.locale === 'en' ? 'Readings' : '读数');
        return sendXlsx(reply, buf, req.locale === 'en' ? 'reading-import-template' : '能耗读数导入模板');
      },
      importReadings: async (req) => {
        const ctx = requireAuth(req);
        const { buffer, filename } = await readUpload(req, opts.maxUploadMb);
        return importOutcome(await excel.importReadings(ctx, buffer, filename));
      },
    },
  );
}
