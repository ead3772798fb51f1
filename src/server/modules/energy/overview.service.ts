import { sql } from 'drizzle-orm';
import { type AuthContext, type CoreServices, addDays, concurrently, cnToday, num, queryRows, scopeOn } from '../../core';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import type { IndicatorService } from './indicators.service';
import type { QuotaService } from './quotas.service';
import type { ReportService } from './reports.service';

/** The energy dashboard: this year to date against the same days last year, and what needs attention. */
export class OverviewService {
  constructor(
    private readonly core: CoreServices,
    private readonly indicators: IndicatorService,
    private readonly quotas: QuotaService,
    private readonly reports: ReportService,
  ) {}

  async overview(ctx: AuthContext, orgId: number | undefined, year = Number(cnToday().slice(0, 4))) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const today = cnToday();
    const to = `${year}-12-31` < today ? `${year}-12-31` : addDays(today, -1);
    const from = `${year}-01-01`;
    const lastTo = `${year - 1}${to.slice(4)}`.replace('-02-29', '-02-28');
    const safeTo = to < from ? from : to;
    const [cur, last, quotas, tracker] = await concurrently(
      this.core.db,
      () => this.indicators.indicators(ctx, { orgId, from, to: safeTo }),
      () =>
        this.indicators.indicators(ctx, {
          orgId,
          from: `${year - 1}-01-01`,
          to: lastTo < `${year - 1}-01-01` ? `${year - 1}-01-01` : lastTo,
        }),
      () => this.quotas.list(ctx, year, orgId),
      () => this.reports.tracker(ctx, year - 1, orgId),
    );
    const rules = await loadRules(db, today);
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`m.org_id`, orgId);
    const [m] = await queryRows<{ total: number; interval: number; stopped: number }>(
      db,
      sql`select count(*)::int as total, count(*) filter (where interval_minutes is not null)::int as interval,
            count(*) filter (where interval_minutes is not null and last_reading_at < now() - make_interval(hours => ${rules.params.anomalies.stoppedAfterHours}))::int as stopped
          from energy_meters m where m.tenant_id = ${ctx.tenantId} and m.status = 'active' and ${scope}`,
    );
    const aScope = await scopeOn(db, ctx, EP['energy.read'], sql`a.org_id`, orgId);
    const [a] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from energy_anomalies a where a.tenant_id = ${ctx.tenantId} and a.status = 'open' and ${aScope}`,
    );
    const fScope = await scopeOn(db, ctx, EP['energy.read'], sql`f.org_id`, orgId);
    const [f] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from energy_patrol_findings f where f.tenant_id = ${ctx.tenantId} and f.period like ${`${year}%`} and ${fScope}`,
    );
    const submitted = tracker.items.filter((i) => i.status === 'pending' || i.status === 'approved').length;
    return {
      year,
      ytd: cur.total,
      lastYtd: last.total,
      meters: { total: num(m?.total), interval: num(m?.interval), stopped: num(m?.stopped) },
      quotasOver: quotas.items.filter((q) => q.over).length,
      quotasProjectedOver: quotas.items.filter((q) => q.projectedOver).length,
      openAnomalies: num(a?.n),
      patrolFindings: num(f?.n),
      reports: { year: year - 1, submitted, total: tracker.items.length, deadline: tracker.deadline },
    };
  }
}
