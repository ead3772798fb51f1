import { z } from 'zod';
import { ZId, ZImportResultSchema, ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZAssessmentQuerySchema,
  ZAssessmentSchema,
  ZBillCreateSchema,
  ZBillQuerySchema,
  ZBillSchema,
  ZBillUpdateSchema,
  ZEndUseQuerySchema,
  ZEndUseSchema,
  ZEnergyAnomalyDismissSchema,
  ZEnergyAnomalyQuerySchema,
  ZEnergyAnomalySchema,
  ZEnergyScanResultSchema,
  ZExplanationQuerySchema,
  ZExplanationSchema,
  ZExplanationSubmitSchema,
  ZHeatmapQuerySchema,
  ZHeatmapSchema,
  ZIndicatorQuerySchema,
  ZIndicatorsSchema,
  ZMeterCreateSchema,
  ZMeterNodeSchema,
  ZMeterQuerySchema,
  ZMeterSchema,
  ZMeterUpdateSchema,
  ZMonthlyReadingsSchema,
  ZMonthlySheetQuerySchema,
  ZMonthlySheetSchema,
  ZMonthlyTrendQuerySchema,
  ZMonthlyTrendSchema,
  ZNoticeQuerySchema,
  ZNoticeSchema,
  ZOverviewQuerySchema,
  ZOverviewSchema,
  ZPatrolCreateSchema,
  ZPatrolQuerySchema,
  ZPatrolRoomQuerySchema,
  ZPatrolRoomsSchema,
  ZPatrolSchema,
  ZQuotaQuerySchema,
  ZQuotaSchema,
  ZQuotaSetSchema,
  ZReadingBatchResultSchema,
  ZReadingBatchSchema,
  ZReadingCorrectSchema,
  ZReadingCreateSchema,
  ZReadingQuerySchema,
  ZReadingSchema,
  ZReportParamsSchema,
  ZReportSaveSchema,
  ZReportSchema,
  ZReportTrackerQuerySchema,
  ZReportTrackerSchema,
  ZSeriesQuerySchema,
  ZSeriesSchema,
  ZSiteIndicatorsSchema,
  ZYearTrendQuerySchema,
  ZYearTrendSchema,
} from './energy';

const ZYear = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ZReadingImportResultSchema = ZImportResultSchema.extend({ skipped: z.number().int() });
export const ZMonthlyResultSchema = z.object({
  month: z.string(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  flagged: z.number().int(),
});

/** The energy module's HTTP routes (meters, readings, bills, analysis, quotas, anomalies, patrols, assessment, annual report), defined once for the server and the web. */
export const energyApi = defineRoutes('energy', {
  // ---------- meters ----------
  listMeters: { method: 'GET', path: '/energy/meters', query: ZMeterQuerySchema, response: pageOf(ZMeterSchema) },
  meterTree: {
    method: 'GET',
    path: '/energy/meters/tree',
    summary: 'Meters in scope as a forest of masters and sub-meters',
    query: z.object({ orgId: ZId.optional() }),
    response: z.array(ZMeterNodeSchema),
  },
  exportMeters: {
    method: 'GET',
    path: '/energy/meters/export',
    kind: 'download',
    summary: 'The filtered meter ledger as Excel',
    query: ZMeterQuerySchema.omit({ page: true, pageSize: true }),
  },
  meterTemplate: { method: 'GET', path: '/energy/meters/template', kind: 'download', summary: 'Meter import template' },
  importMeters: {
    method: 'POST',
    path: '/energy/meters/import',
    kind: 'upload',
    summary: 'Import meters (.xlsx): all rows or none, row-by-row errors (422 with the errors)',
    response: ZImportResultSchema,
  },
  createMeter: { method: 'POST', path: '/energy/meters', body: ZMeterCreateSchema, response: ZMeterSchema, status: 201 },
  meter: { method: 'GET', path: '/energy/meters/:id', response: ZMeterSchema },
  updateMeter: { method: 'PATCH', path: '/energy/meters/:id', body: ZMeterUpdateSchema, response: ZMeterSchema },
  deleteMeter: {
    method: 'DELETE',
    path: '/energy/meters/:id',
    summary: 'Delete a meter without history (one with readings is retired instead: 409)',
    response: ZOkSchema,
  },

  // ---------- readings ----------
  ingestReadings: {
    method: 'POST',
    // `::` is Fastify's escaped colon: the URL is `/energy/readings:batch`, without a path parameter.
    path: '/energy/readings::batch',
    summary:
      'Bulk ingest for smart meters (API token with energy.ingest): idempotent on (meter, ts); bad rows are rejected with their reason, the rest stored',
    body: ZReadingBatchSchema,
    response: ZReadingBatchResultSchema,
  },
  listReadings: { method: 'GET', path: '/energy/readings', query: ZReadingQuerySchema, response: pageOf(ZReadingSchema) },
  createReading: {
    method: 'POST',
    path: '/energy/readings',
    summary: 'One register reading by hand',
    body: ZReadingCreateSchema,
    response: ZReadingSchema,
    status: 201,
  },
  monthlySheet: {
    method: 'GET',
    path: '/energy/readings/monthly-sheet',
    summary: "A unit's manual meters with last month's and this month's readings",
    query: ZMonthlySheetQuerySchema,
    response: ZMonthlySheetSchema,
  },
  enterMonthly: {
    method: 'POST',
    path: '/energy/readings/monthly',
    summary: "A month's readings of a unit's manual meters (end-of-month registers), all or nothing",
    body: ZMonthlyReadingsSchema,
    response: ZMonthlyResultSchema,
  },
  correctReading: {
    method: 'POST',
    path: '/energy/readings/correct',
    summary: 'Correct a reading (the original value is kept)',
    body: ZReadingCorrectSchema,
    response: ZReadingSchema,
  },
  readingTemplate: { method: 'GET', path: '/energy/readings/template', kind: 'download', summary: 'Reading import template' },
  importReadings: {
    method: 'POST',
    path: '/energy/readings/import',
    kind: 'upload',
    summary:
      'Import readings (.xlsx or .csv): all rows or none, row-by-row errors (422 with the errors); rows already stored with the same value are skipped',
    response: ZReadingImportResultSchema,
  },

  // ---------- bills ----------
  listBills: { method: 'GET', path: '/energy/bills', query: ZBillQuerySchema, response: pageOf(ZBillSchema) },
  exportBills: {
    method: 'GET',
    path: '/energy/bills/export',
    kind: 'download',
    summary: 'The filtered bills as Excel',
    query: ZBillQuerySchema.omit({ page: true, pageSize: true }),
  },
  createBill: { method: 'POST', path: '/energy/bills', body: ZBillCreateSchema, response: ZBillSchema, status: 201 },
  bill: { method: 'GET', path: '/energy/bills/:id', response: ZBillSchema },
  updateBill: { method: 'PATCH', path: '/energy/bills/:id', body: ZBillUpdateSchema, response: ZBillSchema },
  deleteBill: { method: 'DELETE', path: '/energy/bills/:id', response: ZOkSchema },

  // ---------- indicators and charts ----------
  indicators: {
    method: 'GET',
    path: '/energy/indicators',
    summary:
      'Per unit in scope for a period (dates inclusive, China time): kgce, per person, per m², water per person … with the national figures',
    query: ZIndicatorQuerySchema,
    response: ZIndicatorsSchema,
  },
  exportIndicators: {
    method: 'GET',
    path: '/energy/indicators/export',
    kind: 'download',
    summary: 'The indicator table as Excel',
    query: ZIndicatorQuerySchema,
  },
  siteIndicators: {
    method: 'GET',
    path: '/energy/indicators/sites',
    summary: 'Per office site (办公区): the meters on the site against its building area and the people with an office there',
    query: ZIndicatorQuerySchema,
    response: ZSiteIndicatorsSchema,
  },
  series: {
    method: 'GET',
    path: '/energy/series',
    summary: 'Consumption per month, day or hour',
    query: ZSeriesQuerySchema,
    response: ZSeriesSchema,
  },
  monthlyTrend: {
    method: 'GET',
    path: '/energy/trend/monthly',
    summary: 'Each month of a year against the year before (YoY) and the month before (MoM)',
    query: ZMonthlyTrendQuerySchema,
    response: ZMonthlyTrendSchema,
  },
  yearTrend: {
    method: 'GET',
    path: '/energy/trend/yearly',
    summary: 'Yearly indicators against a base year, with the 2025 targets',
    query: ZYearTrendQuerySchema,
    response: ZYearTrendSchema,
  },
  endUse: {
    method: 'GET',
    path: '/energy/end-use',
    summary: 'Electricity by end use (分项)',
    query: ZEndUseQuerySchema,
    response: ZEndUseSchema,
  },
  heatmap: {
    method: 'GET',
    path: '/energy/heatmap',
    summary: 'Day × hour consumption of an interval meter, with night and rest-day baseload',
    query: ZHeatmapQuerySchema,
    response: ZHeatmapSchema,
  },
  overview: { method: 'GET', path: '/energy/overview', query: ZOverviewQuerySchema, response: ZOverviewSchema },

  // ---------- quotas ----------
  // Unpaged: one row per unit for one year.
  quotas: { method: 'GET', path: '/energy/quotas', query: ZQuotaQuerySchema, response: z.object({ items: z.array(ZQuotaSchema) }) },
  setQuota: {
    method: 'PUT',
    path: '/energy/quotas/:orgId/:year',
    params: z.object({ orgId: ZId }).merge(ZYear),
    body: ZQuotaSetSchema,
    response: ZQuotaSchema,
  },
  checkQuotas: {
    method: 'POST',
    path: '/energy/quotas/check',
    summary: 'Open an explanation task for every unit over its quota',
    query: ZYear,
    response: z.object({ opened: z.number().int() }),
  },
  explanations: { method: 'GET', path: '/energy/quota-explanations', query: ZExplanationQuerySchema, response: pageOf(ZExplanationSchema) },
  explanation: { method: 'GET', path: '/energy/quota-explanations/:id', response: ZExplanationSchema },
  submitExplanation: {
    method: 'POST',
    path: '/energy/quota-explanations/:id/submit',
    body: ZExplanationSubmitSchema,
    response: ZExplanationSchema,
  },

  // ---------- anomalies ----------
  anomalies: { method: 'GET', path: '/energy/anomalies', query: ZEnergyAnomalyQuerySchema, response: pageOf(ZEnergyAnomalySchema) },
  scanAnomalies: {
    method: 'POST',
    path: '/energy/anomalies/scan',
    summary: 'Run the anomaly rules now',
    response: ZEnergyScanResultSchema,
  },
  dismissAnomaly: {
    method: 'POST',
    path: '/energy/anomalies/:id/dismiss',
    body: ZEnergyAnomalyDismissSchema,
    response: ZEnergyAnomalySchema,
  },

  // ---------- patrols and notices ----------
  patrolRooms: {
    method: 'GET',
    path: '/energy/patrol-rooms',
    summary: "A unit's rooms for a patrol finding",
    query: ZPatrolRoomQuerySchema,
    response: ZPatrolRoomsSchema,
  },
  patrolFindings: { method: 'GET', path: '/energy/patrol-findings', query: ZPatrolQuerySchema, response: pageOf(ZPatrolSchema) },
  createPatrolFinding: { method: 'POST', path: '/energy/patrol-findings', body: ZPatrolCreateSchema, response: ZPatrolSchema, status: 201 },
  patrolFinding: { method: 'GET', path: '/energy/patrol-findings/:id', response: ZPatrolSchema },
  notices: { method: 'GET', path: '/energy/notices', query: ZNoticeQuerySchema, response: pageOf(ZNoticeSchema) },
  notice: { method: 'GET', path: '/energy/notices/:id', response: ZNoticeSchema },

  // ---------- assessment ----------
  assessment: { method: 'GET', path: '/energy/assessment', query: ZAssessmentQuerySchema, response: ZAssessmentSchema },
  publishAssessment: { method: 'POST', path: '/energy/assessment/:year/publish', params: ZYear, response: ZAssessmentSchema },
  exportAssessment: { method: 'GET', path: '/energy/assessment/export', kind: 'download', query: ZAssessmentQuerySchema },

  // ---------- annual statistics report ----------
  reportTracker: { method: 'GET', path: '/energy/reports/tracker', query: ZReportTrackerQuerySchema, response: ZReportTrackerSchema },
  exportReportTracker: { method: 'GET', path: '/energy/reports/tracker/export', kind: 'download', query: ZReportTrackerQuerySchema },
  reportById: { method: 'GET', path: '/energy/reports/by-id/:id', response: ZReportSchema },
  report: { method: 'GET', path: '/energy/reports/:orgId/:year', params: ZReportParamsSchema, response: ZReportSchema },
  saveReport: {
    method: 'PUT',
    path: '/energy/reports/:orgId/:year',
    summary: 'Save a draft; a value that differs from the records needs a reason',
    params: ZReportParamsSchema,
    body: ZReportSaveSchema,
    response: ZReportSchema,
  },
  submitReport: {
    method: 'POST',
    path: '/energy/reports/:orgId/:year/submit',
    summary: 'Save and submit for review (approval engine)',
    params: ZReportParamsSchema,
    body: ZReportSaveSchema,
    response: ZReportSchema,
  },
  exportReport: { method: 'GET', path: '/energy/reports/:orgId/:year/export', kind: 'download', params: ZReportParamsSchema },
});
