import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  type CoreServices,
  type Executor,
  P,
  accountsWith,
  cnToday,
  notify,
  queryRows,
  registerJob,
  registerOrgReferenceCheck,
  systemContext,
} from '../../core';
import { type AnalysisServices, analysisRoutes } from './analysis.routes';
import { EnergyAnomalyService } from './anomalies.service';
import { AssessmentService } from './assessment.service';
import { BillService } from './bills.service';
import { EnergyExcel } from './energy.excel';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import { type EnergyServices, energyRoutes } from './energy.routes';
import { IndicatorService } from './indicators.service';
import { MeterService } from './meters.service';
import { OverviewService } from './overview.service';
import { PatrolService } from './patrol.service';
import { QuotaService } from './quotas.service';
import { ReadingService } from './readings.service';
import { ReportService } from './reports.service';

export { EP as ENERGY_PERMISSIONS } from './energy.permissions';
export { seedEnergyDemo } from './energy.demo';
export type AllEnergyServices = EnergyServices & AnalysisServices;

/** The module's services over one database (the app, the demo loader and the bench use it). */
export function createEnergyServices(core: CoreServices): AllEnergyServices {
  const meters = new MeterService(core);
  const readings = new ReadingService(core);
  const indicators = new IndicatorService(core);
  const quotas = new QuotaService(core, indicators);
  const reports = new ReportService(core, indicators);
  return {
    meters,
    readings,
    excel: new EnergyExcel(core, meters, readings),
    bills: new BillService(core),
    indicators,
    overview: new OverviewService(core, indicators, quotas, reports),
    quotas,
    anomalies: new EnergyAnomalyService(core),
    patrol: new PatrolService(core),
    assessment: new AssessmentService(core, indicators),
    reports,
  };
}

/** A full-access context per tenant with energy data, for the scheduled jobs. */
async function tenantContexts(db: Executor) {
  const rows = await queryRows<{ id: number; path: string }>(
    db,
    sql`select o.id, o.path from orgs o where o.parent_id is null and exists (select 1 from energy_meters m where m.tenant_id = o.tenant_id)`,
  );
  return rows.map((r) => systemContext(Number(r.id), r.path, [...Object.values(EP), P['approval.read']]));
}

// A unit with meters, quotas or reports is never hard-deleted.
registerOrgReferenceCheck(async (db, orgId) => {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select (select count(*) from energy_meters where org_id = ${orgId}) + (select count(*) from energy_quotas where org_id = ${orgId})
          + (select count(*) from energy_reports where org_id = ${orgId}) as n`,
  );
  return Number(r?.n ?? 0);
});

/** Public-institution energy (公共机构节能): routes and daily jobs; permissions, roles and business types register on import. */
export async function registerEnergy(app: FastifyInstance, core: CoreServices, maxUploadMb: number): Promise<void> {
  const svc = createEnergyServices(core);
  registerJob({
    name: 'energy.anomalies',
    titleZh: '能耗异常筛查（漏损、基础负荷、停报）',
    titleEn: 'Energy anomaly scan (losses, baseload, silent meters)',
    schedule: { kind: 'daily', at: '05:30' },
    run: async ({ db }) => {
      const out: Record<string, unknown> = {};
      for (const ctx of await tenantContexts(db)) out[ctx.tenantId] = await svc.anomalies.scan(ctx);
      return out;
    },
  });
  registerJob({
    name: 'energy.quotas',
    titleZh: '能耗定额超额检查（生成情况说明任务）',
    titleEn: 'Energy quota check (opens explanation tasks)',
    schedule: { kind: 'daily', at: '06:00' },
    run: async ({ db }) => {
      const out: Record<string, unknown> = {};
      const year = Number(cnToday().slice(0, 4));
      for (const ctx of await tenantContexts(db)) out[ctx.tenantId] = await svc.quotas.check(ctx, year);
      return out;
    },
  });
  registerJob({
    name: 'energy.report-reminders',
    titleZh: '能源统计年报报送提醒',
    titleEn: 'Annual energy report reminders',
    schedule: { kind: 'daily', at: '09:00' },
    run: async ({ db }) => {
      const today = cnToday();
      const year = Number(today.slice(0, 4)) - 1;
      let reminded = 0;
      for (const ctx of await tenantContexts(db)) {
        const rules = await loadRules(db, today);
        const deadline = `${year + 1}-${rules.params.report.deadline}`;
        const days = (Date.parse(deadline) - Date.parse(today)) / 86_400_000;
        // Reminders on the first day of the window, a week before and on the day.
        if (![rules.params.report.remindDaysBefore, 7, 0].includes(days)) continue;
        const t = await svc.reports.tracker(ctx, year);
        await db.transaction(async (tx) => {
          for (const u of t.items.filter((i) => i.status !== 'pending' && i.status !== 'approved')) {
            await notify(tx, await accountsWith(tx, EP['energy.report'], u.orgId), {
              kind: 'energy.report',
              titleZh: `${u.orgName} ${year} 年能源资源消费统计年报须于 ${deadline} 前提交`,
              titleEn: `${u.orgName}: the ${year} energy statistics report is due by ${deadline}`,
              link: `/energy/reports/${u.orgId}/${year}`,
            });
            reminded++;
          }
        });
      }
      return { reminded };
    },
  });
  await app.register(energyRoutes, { svc, maxUploadMb });
  await app.register(analysisRoutes, { svc });
}
export { ENERGY_RULE_TABLES } from './energy.ruletables';
