import type { FastifyInstance } from 'fastify';
import { energyApi } from '../../../contracts/modules/energy.api';
import { batchedRows, mountRoutes, requireAuth, sendXlsx, streamXlsx } from '../../core';
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

const {
  listBills,
  exportBills,
  createBill,
  bill,
  updateBill,
  deleteBill,
  indicators: indicatorsRoute,
  exportIndicators,
  siteIndicators,
  series,
  monthlyTrend,
  yearTrend,
  endUse,
  heatmap,
  overview: overviewRoute,
  quotas: quotasRoute,
  setQuota,
  checkQuotas,
  explanations,
  explanation,
  submitExplanation,
  anomalies: anomaliesRoute,
  scanAnomalies,
  dismissAnomaly,
  patrolRooms,
  patrolFindings,
  createPatrolFinding,
  patrolFinding,
  notices,
  notice,
  assessment: assessmentRoute,
  publishAssessment,
  exportAssessment,
  reportTracker,
  exportReportTracker,
  reportById,
  report,
  saveReport,
  submitReport,
  exportReport,
} = energyApi;

/** Thin HTTP layer for bills, indicators and charts, quotas, anomalies, patrols, the assessment and the annual report. */
export async function analysisRoutes(app: FastifyInstance, opts: { svc: AnalysisServices }) {
  const { bills, indicators, overview, quotas, anomalies, patrol, assessment, reports, excel } = opts.svc;
  const xlsx = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

  mountRoutes(
    app,
    { listBills, exportBills, createBill, bill, updateBill, deleteBill },
    {
      listBills: async (req) => bills.list(requireAuth(req), req.query),
      exportBills: async (req, reply) => {
        const ctx = requireAuth(req);
        const src = await batchedRows((page, pageSize) => bills.list(ctx, { ...req.query, page, pageSize }));
        await excel.exported(ctx, 'energy_bill', `${src.count}/${src.total} rows`);
        return streamXlsx(reply, {
          columns: BILL_EXPORT_COLUMNS,
          rows: src.rows,
          locale: req.locale,
          sheetName: xlsx('账单', 'Bills', req.locale),
          fileName: xlsx('能源账单', 'energy-bills', req.locale),
        });
      },
      createBill: async (req) => bills.create(requireAuth(req), req.body),
      bill: async (req) => bills.get(requireAuth(req), req.params.id),
      updateBill: async (req) => bills.update(requireAuth(req), req.params.id, req.body),
      deleteBill: async (req) => {
        await bills.remove(requireAuth(req), req.params.id);
        return { ok: true as const };
      },
    },
  );

  mountRoutes(
    app,
    {
      indicators: indicatorsRoute,
      exportIndicators,
      siteIndicators,
      series,
      monthlyTrend,
      yearTrend,
      endUse,
      heatmap,
      overview: overviewRoute,
    },
    {
      indicators: async (req) => indicators.indicators(requireAuth(req), req.query),
      exportIndicators: async (req, reply) => {
        const ctx = requireAuth(req);
        const r = await indicators.indicators(ctx, req.query);
        await excel.exported(ctx, 'energy_indicators', `${req.query.from}..${req.query.to}: ${r.items.length} units`);
        const rows = [...r.items, { orgName: req.locale === 'en' ? 'Total' : '合计', ...r.total }];
        // One row per unit (and the total): small by nature, computed whole by the indicators query.
        return streamXlsx(reply, {
          columns: INDICATOR_EXPORT_COLUMNS,
          rows,
          locale: req.locale,
          sheetName: xlsx('能耗指标', 'Indicators', req.locale),
          fileName: xlsx(`能耗指标-${req.query.from}-${req.query.to}`, 'energy-indicators', req.locale),
        });
      },
      siteIndicators: async (req) => indicators.bySite(requireAuth(req), req.query),
      series: async (req) => indicators.series(requireAuth(req), req.query),
      monthlyTrend: async (req) => indicators.monthlyTrend(requireAuth(req), req.query.orgId, req.query.year),
      yearTrend: async (req) => indicators.yearTrend(requireAuth(req), req.query),
      endUse: async (req) => indicators.endUse(requireAuth(req), req.query),
      heatmap: async (req) => indicators.heatmap(requireAuth(req), req.query.meterId, req.query.from, req.query.to),
      overview: async (req) => overview.overview(requireAuth(req), req.query.orgId, req.query.year),
    },
  );

  mountRoutes(
    app,
    { quotas: quotasRoute, setQuota, checkQuotas, explanations, explanation, submitExplanation },
    {
      quotas: async (req) => quotas.list(requireAuth(req), req.query.year, req.query.orgId),
      setQuota: async (req) => quotas.set(requireAuth(req), req.params.orgId, req.params.year, req.body),
      checkQuotas: async (req) => quotas.check(requireAuth(req), req.query.year),
      explanations: async (req) => quotas.explanations(requireAuth(req), req.query),
      explanation: async (req) => quotas.explanation(requireAuth(req), req.params.id),
      submitExplanation: async (req) => quotas.submit(requireAuth(req), req.params.id, req.body),
    },
  );

  mountRoutes(
    app,
    { anomalies: anomaliesRoute, scanAnomalies, dismissAnomaly },
    {
      anomalies: async (req) => anomalies.list(requireAuth(req), req.query),
      scanAnomalies: async (req) => anomalies.scan(requireAuth(req)),
      dismissAnomaly: async (req) => anomalies.dismiss(requireAuth(req), req.params.id, req.body.reason),
    },
  );

  mountRoutes(
    app,
    { patrolRooms, patrolFindings, createPatrolFinding, patrolFinding, notices, notice },
    {
      patrolRooms: async (req) => patrol.rooms(requireAuth(req), req.query.orgId, req.query.q),
      patrolFindings: async (req) => patrol.list(requireAuth(req), req.query),
      createPatrolFinding: async (req) => patrol.create(requireAuth(req), req.body),
      patrolFinding: async (req) => patrol.get(requireAuth(req), req.params.id),
      notices: async (req) => patrol.notices(requireAuth(req), req.query),
      notice: async (req) => patrol.notice(requireAuth(req), req.params.id),
    },
  );

  mountRoutes(
    app,
    { assessment: assessmentRoute, publishAssessment, exportAssessment },
    {
      assessment: async (req) => assessment.get(requireAuth(req), req.query.year, req.query.orgId),
      publishAssessment: async (req) => assessment.publish(requireAuth(req), req.params.year),
      exportAssessment: async (req, reply) => {
        const ctx = requireAuth(req);
        const r = await assessment.get(ctx, req.query.year, req.query.orgId);
        await excel.exported(ctx, 'energy_assessment', `${req.query.year}: ${r.items.length} units`);
        const rows = r.items.map((i) => ({ ...i, ...Object.fromEntries(i.breakdown.map((b) => [b.criterion, b.score])) }));
        // One row per assessed unit: small by nature.
        return streamXlsx(reply, {
          columns: ASSESSMENT_EXPORT_COLUMNS,
          rows,
          locale: req.locale,
          sheetName: xlsx('节能考核', 'Assessment', req.locale),
          fileName: xlsx(`${req.query.year}年节能考核`, `energy-assessment-${req.query.year}`, req.locale),
        });
      },
    },
  );

  mountRoutes(
    app,
    { reportTracker, exportReportTracker, reportById, report, saveReport, submitReport, exportReport },
    {
      reportTracker: async (req) => reports.tracker(requireAuth(req), req.query.year, req.query.orgId),
      exportReportTracker: async (req, reply) => {
        const ctx = requireAuth(req);
        const r = await reports.tracker(ctx, req.query.year, req.query.orgId);
        await excel.exported(ctx, 'energy_report', `tracker ${req.query.year}: ${r.items.length} units`);
        // One row per reporting unit: small by nature.
        return streamXlsx(reply, {
          columns: TRACKER_EXPORT_COLUMNS,
          rows: r.items,
          locale: req.locale,
          sheetName: xlsx('年报报送', 'Tracker', req.locale),
          fileName: xlsx(`${req.query.year}年能源统计年报报送情况`, `energy-report-tracker-${req.query.year}`, req.locale),
        });
      },
      reportById: async (req) => reports.byId(requireAuth(req), req.params.id),
      report: async (req) => reports.get(requireAuth(req), req.params.orgId, req.params.year),
      saveReport: async (req) => reports.save(requireAuth(req), req.params.orgId, req.params.year, req.body),
      submitReport: async (req) => reports.save(requireAuth(req), req.params.orgId, req.params.year, req.body, true),
      exportReport: async (req, reply) => {
        const ctx = requireAuth(req);
        const buf = await reports.workbook(ctx, req.params.orgId, req.params.year);
        await excel.exported(ctx, 'energy_report', `${req.params.orgId}/${req.params.year}`);
        return sendXlsx(reply, buf, xlsx(`能源资源消费统计年报-${req.params.year}`, `energy-report-${req.params.year}`, req.locale));
      },
    },
  );
}
