import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParamSchema, ZOkSchema, pageOf } from '../../../contracts/common';
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
} from '../../../contracts/modules/energy';
import { exportRows, requireAuth, sendXlsx } from '../../core';
import type { EnergyAnomalyService } from './anomalies.service';
import type { AssessmentService } from './assessment.service';
import type { BillService } from './bills.service';
import {
  ASSESSMENT_EXPORT_COLUMNS,
  BILL_EXPORT_COLUMNS,
  type EnergyExcel,
  INDICATOR_EXPORT_COLUMNS,
  TRACKER_EXPORT_COLUMNS,
} from './energy.excel';
import type { IndicatorService } from './indicators.service';
import type { OverviewService } from './overview.service';
import type { PatrolService } from './patrol.service';
import type { QuotaService } from './quotas.service';
import type { ReportService } from './reports.service';

export type AnalysisServices = {
  bills: BillService;
  indicators: IndicatorService;
  overview: OverviewService;
  quotas: QuotaService;
  anomalies: EnergyAnomalyService;
  patrol: PatrolService;
  assessment: AssessmentService;
  reports: ReportService;
  excel: EnergyExcel;
};

const BASE = '/api/v1/energy';
const ZYear = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Thin HTTP layer for bills, indicators and charts, quotas, anomalies, patrols, the assessment and the annual report. */
export async function analysisRoutes(appBase: FastifyInstance, opts: { svc: AnalysisServices }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { bills, indicators, overview, quotas, anomalies, patrol, assessment, reports, excel } = opts.svc;
  const tags = ['energy'];
  const xlsx = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

  // ---------- bills ----------
  app.get(`${BASE}/bills`, { schema: { tags, querystring: ZBillQuerySchema, response: { 200: pageOf(ZBillSchema) } } }, async (req) =>
    bills.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/bills/export`,
    { schema: { tags, summary: 'The filtered bills as Excel', querystring: ZBillQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await bills.list(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await excel.exported(ctx, 'energy_bill', `${items.length}/${total} rows`);
      return sendXlsx(
        reply,
        await exportRows(BILL_EXPORT_COLUMNS, items, req.locale, xlsx('账单', 'Bills', req.locale)),
        xlsx('能源账单', 'energy-bills', req.locale),
      );
    },
  );
  app.post(`${BASE}/bills`, { schema: { tags, body: ZBillCreateSchema, response: { 201: ZBillSchema } } }, async (req, reply) =>
    reply.status(201).send(await bills.create(requireAuth(req), req.body)),
  );
  app.get(`${BASE}/bills/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZBillSchema } } }, async (req) =>
    bills.get(requireAuth(req), req.params.id),
  );
  app.patch(
    `${BASE}/bills/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZBillUpdateSchema, response: { 200: ZBillSchema } } },
    async (req) => bills.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete(`${BASE}/bills/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) => {
    await bills.remove(requireAuth(req), req.params.id);
    return { ok: true as const };
  });

  // ---------- indicators and charts ----------
  app.get(
    `${BASE}/indicators`,
    {
      schema: {
        tags,
        summary:
          'Per unit in scope for a period (dates inclusive, China time): kgce, per person, per m², water per person … with the national figures',
        querystring: ZIndicatorQuerySchema,
        response: { 200: ZIndicatorsSchema },
      },
    },
    async (req) => indicators.indicators(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/indicators/export`,
    { schema: { tags, summary: 'The indicator table as Excel', querystring: ZIndicatorQuerySchema } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const r = await indicators.indicators(ctx, req.query);
      await excel.exported(ctx, 'energy_indicators', `${req.query.from}..${req.query.to}: ${r.items.length} units`);
      const rows = [...r.items, { orgName: req.locale === 'en' ? 'Total' : '合计', ...r.total }];
      return sendXlsx(
        reply,
        await exportRows(INDICATOR_EXPORT_COLUMNS, rows, req.locale, xlsx('能耗指标', 'Indicators', req.locale)),
        xlsx(`能耗指标-${req.query.from}-${req.query.to}`, 'energy-indicators', req.locale),
      );
    },
  );
  app.get(
    `${BASE}/indicators/sites`,
    {
      schema: {
        tags,
        summary: 'Per office site (办公区): the meters on the site against its building area and the people with an office there',
        querystring: ZIndicatorQuerySchema,
        response: { 200: ZSiteIndicatorsSchema },
      },
    },
    async (req) => indicators.bySite(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/series`,
    { schema: { tags, summary: 'Consumption per month, day or hour', querystring: ZSeriesQuerySchema, response: { 200: ZSeriesSchema } } },
    async (req) => indicators.series(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/trend/monthly`,
    {
      schema: {
        tags,
        summary: 'Each month of a year against the year before (YoY) and the month before (MoM)',
        querystring: ZMonthlyTrendQuerySchema,
        response: { 200: ZMonthlyTrendSchema },
      },
    },
    async (req) => indicators.monthlyTrend(requireAuth(req), req.query.orgId, req.query.year),
  );
  app.get(
    `${BASE}/trend/yearly`,
    {
      schema: {
        tags,
        summary: 'Yearly indicators against a base year, with the 2025 targets',
        querystring: ZYearTrendQuerySchema,
        response: { 200: ZYearTrendSchema },
      },
    },
    async (req) => indicators.yearTrend(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/end-use`,
    { schema: { tags, summary: 'Electricity by end use (分项)', querystring: ZEndUseQuerySchema, response: { 200: ZEndUseSchema } } },
    async (req) => indicators.endUse(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/heatmap`,
    {
      schema: {
        tags,
        summary: 'Day × hour consumption of an interval meter, with night and rest-day baseload',
        querystring: ZHeatmapQuerySchema,
        response: { 200: ZHeatmapSchema },
      },
    },
    async (req) => indicators.heatmap(requireAuth(req), req.query.meterId, req.query.from, req.query.to),
  );
  app.get(`${BASE}/overview`, { schema: { tags, querystring: ZOverviewQuerySchema, response: { 200: ZOverviewSchema } } }, async (req) =>
    overview.overview(requireAuth(req), req.query.orgId, req.query.year),
  );

  // ---------- quotas ----------
  app.get(
    `${BASE}/quotas`,
    { schema: { tags, querystring: ZQuotaQuerySchema, response: { 200: z.object({ items: z.array(ZQuotaSchema) }) } } },
    async (req) => quotas.list(requireAuth(req), req.query.year, req.query.orgId),
  );
  app.put(
    `${BASE}/quotas/:orgId/:year`,
    { schema: { tags, params: z.object({ orgId: ZId }).merge(ZYear), body: ZQuotaSetSchema, response: { 200: ZQuotaSchema } } },
    async (req) => quotas.set(requireAuth(req), req.params.orgId, req.params.year, req.body),
  );
  app.post(
    `${BASE}/quotas/check`,
    {
      schema: {
        tags,
        summary: 'Open an explanation task for every unit over its quota',
        querystring: ZYear,
        response: { 200: z.object({ opened: z.number().int() }) },
      },
    },
    async (req) => quotas.check(requireAuth(req), req.query.year),
  );
  app.get(
    `${BASE}/quota-explanations`,
    { schema: { tags, querystring: ZExplanationQuerySchema, response: { 200: pageOf(ZExplanationSchema) } } },
    async (req) => quotas.explanations(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/quota-explanations/:id`,
    { schema: { tags, params: ZIdParamSchema, response: { 200: ZExplanationSchema } } },
    async (req) => quotas.explanation(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/quota-explanations/:id/submit`,
    { schema: { tags, params: ZIdParamSchema, body: ZExplanationSubmitSchema, response: { 200: ZExplanationSchema } } },
    async (req) => quotas.submit(requireAuth(req), req.params.id, req.body),
  );

  // ---------- anomalies ----------
  app.get(
    `${BASE}/anomalies`,
    { schema: { tags, querystring: ZEnergyAnomalyQuerySchema, response: { 200: pageOf(ZEnergyAnomalySchema) } } },
    async (req) => anomalies.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/anomalies/scan`,
    { schema: { tags, summary: 'Run the anomaly rules now', response: { 200: ZEnergyScanResultSchema } } },
    async (req) => anomalies.scan(requireAuth(req)),
  );
  app.post(
    `${BASE}/anomalies/:id/dismiss`,
    { schema: { tags, params: ZIdParamSchema, body: ZEnergyAnomalyDismissSchema, response: { 200: ZEnergyAnomalySchema } } },
    async (req) => anomalies.dismiss(requireAuth(req), req.params.id, req.body.reason),
  );

  // ---------- patrols and notices ----------
  app.get(
    `${BASE}/patrol-rooms`,
    {
      schema: {
        tags,
        summary: "A unit's rooms for a patrol finding",
        querystring: ZPatrolRoomQuerySchema,
        response: { 200: ZPatrolRoomsSchema },
      },
    },
    async (req) => patrol.rooms(requireAuth(req), req.query.orgId, req.query.q),
  );
  app.get(
    `${BASE}/patrol-findings`,
    { schema: { tags, querystring: ZPatrolQuerySchema, response: { 200: pageOf(ZPatrolSchema) } } },
    async (req) => patrol.list(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/patrol-findings`,
    { schema: { tags, body: ZPatrolCreateSchema, response: { 201: ZPatrolSchema } } },
    async (req, reply) => reply.status(201).send(await patrol.create(requireAuth(req), req.body)),
  );
  app.get(`${BASE}/patrol-findings/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZPatrolSchema } } }, async (req) =>
    patrol.get(requireAuth(req), req.params.id),
  );
  app.get(`${BASE}/notices`, { schema: { tags, querystring: ZNoticeQuerySchema, response: { 200: pageOf(ZNoticeSchema) } } }, async (req) =>
    patrol.notices(requireAuth(req), req.query),
  );
  app.get(`${BASE}/notices/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZNoticeSchema } } }, async (req) =>
    patrol.notice(requireAuth(req), req.params.id),
  );

  // ---------- assessment ----------
  app.get(
    `${BASE}/assessment`,
    { schema: { tags, querystring: ZAssessmentQuerySchema, response: { 200: ZAssessmentSchema } } },
    async (req) => assessment.get(requireAuth(req), req.query.year, req.query.orgId),
  );
  app.post(`${BASE}/assessment/:year/publish`, { schema: { tags, params: ZYear, response: { 200: ZAssessmentSchema } } }, async (req) =>
    assessment.publish(requireAuth(req), req.params.year),
  );
  app.get(`${BASE}/assessment/export`, { schema: { tags, querystring: ZAssessmentQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    const r = await assessment.get(ctx, req.query.year, req.query.orgId);
    await excel.exported(ctx, 'energy_assessment', `${req.query.year}: ${r.items.length} units`);
    const rows = r.items.map((i) => ({ ...i, ...Object.fromEntries(i.breakdown.map((b) => [b.criterion, b.score])) }));
    return sendXlsx(
      reply,
      await exportRows(ASSESSMENT_EXPORT_COLUMNS, rows, req.locale, xlsx('节能考核', 'Assessment', req.locale)),
      xlsx(`${req.query.year}年节能考核`, `energy-assessment-${req.query.year}`, req.locale),
    );
  });

  // ---------- annual statistics report ----------
  app.get(
    `${BASE}/reports/tracker`,
    { schema: { tags, querystring: ZReportTrackerQuerySchema, response: { 200: ZReportTrackerSchema } } },
    async (req) => reports.tracker(requireAuth(req), req.query.year, req.query.orgId),
  );
  app.get(`${BASE}/reports/tracker/export`, { schema: { tags, querystring: ZReportTrackerQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    const r = await reports.tracker(ctx, req.query.year, req.query.orgId);
    await excel.exported(ctx, 'energy_report', `tracker ${req.query.year}: ${r.items.length} units`);
    return sendXlsx(
      reply,
      await exportRows(TRACKER_EXPORT_COLUMNS, r.items, req.locale, xlsx('年报报送', 'Tracker', req.locale)),
      xlsx(`${req.query.year}年能源统计年报报送情况`, `energy-report-tracker-${req.query.year}`, req.locale),
    );
  });
  app.get(`${BASE}/reports/by-id/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZReportSchema } } }, async (req) =>
    reports.byId(requireAuth(req), req.params.id),
  );
  app.get(
    `${BASE}/reports/:orgId/:year`,
    { schema: { tags, params: ZReportParamsSchema, response: { 200: ZReportSchema } } },
    async (req) => reports.get(requireAuth(req), req.params.orgId, req.params.year),
  );
  app.put(
    `${BASE}/reports/:orgId/:year`,
    {
      schema: {
        tags,
        summary: 'Save a draft; a value that differs from the records needs a reason',
        params: ZReportParamsSchema,
        body: ZReportSaveSchema,
        response: { 200: ZReportSchema },
      },
    },
    async (req) => reports.save(requireAuth(req), req.params.orgId, req.params.year, req.body),
  );
  app.post(
    `${BASE}/reports/:orgId/:year/submit`,
    {
      schema: {
        tags,
        summary: 'Save and submit for review (approval engine)',
        params: ZReportParamsSchema,
        body: ZReportSaveSchema,
        response: { 200: ZReportSchema },
      },
    },
    async (req) => reports.save(requireAuth(req), req.params.orgId, req.params.year, req.body, true),
  );
  app.get(`${BASE}/reports/:orgId/:year/export`, { schema: { tags, params: ZReportParamsSchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    const buf = await reports.workbook(ctx, req.params.orgId, req.params.year);
    await excel.exported(ctx, 'energy_report', `${req.params.orgId}/${req.params.year}`);
    return sendXlsx(reply, buf, xlsx(`能源资源消费统计年报-${req.params.year}`, `energy-report-${req.params.year}`, req.locale));
  });
}
