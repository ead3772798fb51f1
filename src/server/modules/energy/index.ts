import { sql } from 'drizzle-orm';
import { ENERGY_RULE_TABLES } from './energy.ruletables';
import {
  type CoreServices,
  type Executor,
  type Job,
  defineJob,
  sumOver,
  type ModuleDemoContext,
  P,
  accountsWith,
  cnToday,
  notify,
  queryRows,
  defineModule,
  systemContext,
} from '../../core';
import { type AnalysisServices, analysisRoutes } from './analysis.routes';
import { EnergyAnomalyService } from './anomalies.service';
import { AssessmentService } from './assessment.service';
import { BillService } from './bills.service';
import { EnergyExcel } from './energy.excel';
import { EM } from './energy.messages';
import { ENERGY_GRANTS, ENERGY_ROLES, EP } from './energy.permissions';
import { seedEnergyDemo } from './energy.demo';
import { loadRules } from './energy.repository';
import { type EnergyServices, energyRoutes } from './energy.routes';
import { IndicatorService } from './indicators.service';
import { MeterService } from './meters.service';
import { OverviewService } from './overview.service';
import { PATROL_FILES, PATROL_FILES_OWNER, PatrolService } from './patrol.service';
import { QUOTA_EXPLANATION_BUSINESS_TYPE, QuotaService } from './quotas.service';
import { ReadingService } from './readings.service';
import { ENERGY_REPORT_BUSINESS_TYPE, ReportService } from './reports.service';
import { ENERGY_AUDIT } from './energy.audit';
import { ENERGY_WORKBENCH } from './energy.workbench';

export { EP as ENERGY_PERMISSIONS } from './energy.permissions';
export { seedEnergyDemo } from './energy.demo';
// For scripts/seed-scale.ts and scripts/bench-energy.ts (they build and time the readings path
// at district scale); other modules use the functions below instead.
export { loadRules, periodRollup } from './energy.repository';
export { type ChainPoint, type MeterChainFacts, chainStep } from './energy.rules';
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

// The jobs and the routes of one app share one set of services (as when both were made in one function).
const servicesByCore = new WeakMap<CoreServices, AllEnergyServices>();
function energyServicesOf(core: CoreServices): AllEnergyServices {
  let svc = servicesByCore.get(core);
  if (!svc) {
    svc = createEnergyServices(core);
    servicesByCore.set(core, svc);
  }
  return svc;
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
const orgReference = async (db: Executor, orgId: number) => {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select (select count(*) from energy_meters where org_id = ${orgId}) + (select count(*) from energy_quotas where org_id = ${orgId})
          + (select count(*) from energy_reports where org_id = ${orgId}) as n`,
  );
  return Number(r?.n ?? 0);
};

/**
 * The energy demo accounts: `energy_officer`, the statistician (统计员) of 区发展和改革局 who
 * enters its readings and files its annual report, and `inspector`, the bureau's energy
 * inspector who records patrol findings on a phone. Every other unit (and the bureau) gets
 * its statistician too (`stat_u05` …), who filed last year's report in the demo.
 */
async function addEnergyDemoAccounts(_core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  const unit = ctx.units.get('u03')!;
  await ctx.createAccounts([
    { username: 'energy_officer', displayName: '发改局能源统计员', orgId: unit.id, roleCode: 'energy_officer' },
    ...[...ctx.units]
      .filter(([key]) => key !== 'u03')
      .map(([key, org]) => ({
        username: `stat_${key}`,
        displayName: '能源统计员',
        orgId: org.id,
        roleCode: 'energy_officer',
        subtree: key !== 'bureau',
      })),
    { username: 'inspector', displayName: '节能巡查员', orgId: ctx.bureau.id, roleCode: 'energy_inspector' },
  ]);
}

/** The daily jobs, over this app's services. */
function energyJobs(core: CoreServices): Job[] {
  const svc = energyServicesOf(core);
  return [
    defineJob({
      name: 'energy.anomalies',
      titleZh: '能耗异常筛查（漏损、基础负荷、停报）',
      titleEn: 'Energy anomaly scan (losses, baseload, silent meters)',
      schedule: { kind: 'daily', at: '05:30' },
      run: async ({ db }) => {
        const out: Record<string, Awaited<ReturnType<typeof svc.anomalies.scan>>> = {};
        for (const ctx of await tenantContexts(db)) out[ctx.tenantId] = await svc.anomalies.scan(ctx);
        return out;
      },
      describe: (r) => ({ zh: `新发现能耗异常 ${sumOver(r, 'found')} 条`, en: `${sumOver(r, 'found')} new energy anomalies found` }),
    }),
    defineJob({
      name: 'energy.quotas',
      titleZh: '能耗定额超额检查（生成情况说明任务）',
      titleEn: 'Energy quota check (opens explanation tasks)',
      schedule: { kind: 'daily', at: '06:00' },
      run: async ({ db }) => {
        const out: Record<string, { opened: number }> = {};
        const year = Number(cnToday().slice(0, 4));
        for (const ctx of await tenantContexts(db)) out[ctx.tenantId] = await svc.quotas.check(ctx, year);
        return out;
      },
      describe: (r) => ({
        zh: `超定额单位新建情况说明任务 ${sumOver(r, 'opened')} 个`,
        en: `${sumOver(r, 'opened')} explanation tasks opened for units over quota`,
      }),
    }),
    defineJob({
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
      describe: (r) => ({ zh: `发送年报报送提醒 ${r.reminded} 条`, en: `${r.reminded} report reminders sent` }),
    }),
  ];
}

/** Public-institution energy (公共机构节能): meters, readings, bills, quotas, reports, patrols, assessment. */
export const energyModule = defineModule({
  name: 'energy',
  audit: ENERGY_AUDIT,
  workbench: ENERGY_WORKBENCH,
  titleZh: '公共机构节能',
  titleEn: 'Public-institution energy',
  permissions: [EP],
  messages: [EM],
  roles: ENERGY_ROLES,
  grants: ENERGY_GRANTS,
  businessTypes: [QUOTA_EXPLANATION_BUSINESS_TYPE, ENERGY_REPORT_BUSINESS_TYPE],
  jobs: energyJobs,
  attachmentOwners: { [PATROL_FILES]: PATROL_FILES_OWNER },
  orgReferences: [orgReference],
  ruleTables: ENERGY_RULE_TABLES,
  routes: async (app, core, deps) => {
    const svc = energyServicesOf(core);
    await app.register(energyRoutes, { svc, maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
    await app.register(analysisRoutes, { svc });
  },
  demo: { accounts: addEnergyDemoAccounts, seed: seedEnergyDemo },
});
export { ENERGY_RULE_TABLES } from './energy.ruletables';
