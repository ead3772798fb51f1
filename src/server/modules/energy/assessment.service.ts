import { sql } from 'drizzle-orm';
import { type AuthContext, type CoreServices, concurrently, conflict, cnToday, num, queryRows, writeAudit } from '../../core';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { headcountByOrg, loadRules, unitsInScope } from './energy.repository';
import { type Criterion, assessmentScore } from './energy.rules';
import type { IndicatorService } from './indicators.service';

type Item = {
  orgId: number;
  orgName: string;
  score: number;
  rank: number;
  grade: 'excellent' | 'good' | 'pass' | 'fail';
  breakdown: Criterion[];
};

/**
 * The yearly energy assessment (节能考核) of each unit, from the criteria and weights of the
 * rule data: quota achievement, change of kgce per person on the year before, patrol findings
 * and notices, and on-time reporting. Computed live until the bureau publishes the year; the
 * published scores are frozen with who published them.
 */
export class AssessmentService {
  constructor(
    private readonly core: CoreServices,
    private readonly indicators: IndicatorService,
  ) {}

  async get(ctx: AuthContext, year: number, orgId?: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const units = await unitsInScope(db, ctx, EP['energy.read'], orgId);
    const ids = units.map((u) => num(u.id));
    const published = ids.length
      ? await queryRows<{ org_id: number; score: number; rank: number; grade: string; breakdown: Criterion[]; published_at: string }>(
          db,
          sql`select org_id, score, rank, grade, breakdown, published_at from energy_assessments
              where tenant_id = ${ctx.tenantId} and year = ${year} and org_id in ${ids} order by rank`,
        )
      : [];
    if (published.length) {
      const names = new Map(units.map((u) => [num(u.id), u.name]));
      return {
        year,
        published: true,
        publishedAt: new Date(String(published[0]!.published_at)).toISOString(),
        items: published.map((p) => ({
          orgId: num(p.org_id),
          orgName: names.get(num(p.org_id)) ?? '',
          score: num(p.score),
          rank: num(p.rank),
          grade: p.grade as Item['grade'],
          breakdown: p.breakdown,
        })),
      };
    }
    return { year, published: false, publishedAt: null, items: await this.compute(ctx, year, orgId) };
  }

  async compute(ctx: AuthContext, year: number, orgId?: number): Promise<Item[]> {
    const db = this.core.db;
    const rules = await loadRules(db, `${year}-12-31`);
    const units = await unitsInScope(db, ctx, EP['energy.read'], orgId);
    const ids = units.map((u) => num(u.id));
    if (!ids.length) return [];
    const to = `${year}-12-31` < cnToday() ? `${year}-12-31` : cnToday();
    const [cur, last, heads] = await concurrently(
      db,
      () => this.indicators.consumption(ctx, `${year}-01-01`, to, orgId, rules),
      () => this.indicators.consumption(ctx, `${year - 1}-01-01`, `${year - 1}-12-31`, orgId, rules),
      () => headcountByOrg(db, ctx.tenantId),
    );
    const rows = await queryRows<{
      org_id: number;
      quota: number | null;
      findings: number;
      notices: number;
      status: string | null;
      submitted: string | null;
      last_heads: number | null;
    }>(
      db,
      sql`select o.id as org_id,
            (select kgce_quota from energy_quotas q where q.tenant_id = ${ctx.tenantId} and q.org_id = o.id and q.year = ${year}) as quota,
            (select count(*)::int from energy_patrol_findings f where f.tenant_id = ${ctx.tenantId} and f.org_id = o.id
               and f.period like ${`${year}%`}) as findings,
            (select count(*)::int from energy_notices n where n.tenant_id = ${ctx.tenantId} and n.org_id = o.id and n.year = ${year}) as notices,
            (select status from energy_reports r where r.tenant_id = ${ctx.tenantId} and r.org_id = o.id and r.year = ${year}) as status,
            (select submitted_at::text from energy_reports r where r.tenant_id = ${ctx.tenantId} and r.org_id = o.id and r.year = ${year}) as submitted,
            (select (values->>'headcount')::int from energy_reports r where r.tenant_id = ${ctx.tenantId} and r.org_id = o.id and r.year = ${year - 1}
               and status in ('pending','approved')) as last_heads
          from orgs o where o.id in ${ids}`,
    );
    const deadline = `${year + 1}-${rules.params.report.deadline}`;
    const scored = rows.map((r) => {
      const id = num(r.org_id);
      const h = heads.get(id) ?? 0;
      const actual = cur.byOrg.get(id)?.kgce ?? 0;
      const lastKgce = last.byOrg.get(id)?.kgce ?? 0;
      const lastHeads = r.last_heads ?? h;
      const s = assessmentScore(
        {
          quota: r.quota === null ? null : num(r.quota),
          actual,
          perCapita: h > 0 && actual > 0 ? actual / h : null,
          lastPerCapita: lastHeads > 0 && lastKgce > 0 ? lastKgce / lastHeads : null,
          findings: num(r.findings),
          notices: num(r.notices),
          reportStatus: r.status ?? 'not_started',
          reportLate: !!r.submitted && r.submitted.slice(0, 10) > deadline,
        },
        rules.params.assessment,
        rules.params.patrol.deductionPerNotice,
      );
      return { orgId: id, orgName: units.find((u) => num(u.id) === id)!.name, ...s };
    });
    scored.sort((a, b) => b.score - a.score || a.orgId - b.orgId);
    // Equal scores share a rank (1, 2, 2, 4 …).
    const ranked: Item[] = [];
    for (const [i, s] of scored.entries())
      ranked.push({ ...s, rank: i > 0 && scored[i - 1]!.score === s.score ? ranked[i - 1]!.rank : i + 1 });
    return ranked;
  }

  async publish(ctx: AuthContext, year: number) {
    ctx.require(EP['energy.manage']);
    const items = await this.compute(ctx, year);
    await this.core.db.transaction(async (tx) => {
      // One publication per tenant and year, even when two administrators press the button together.
      await tx.execute(sql`select pg_advisory_xact_lock(7206, ${ctx.tenantId} * 10000 + ${year})`);
      const [exists] = await queryRows(
        tx,
        sql`select 1 from energy_assessments where tenant_id = ${ctx.tenantId} and year = ${year} limit 1`,
      );
      if (exists) throw conflict(EM.ENERGY_ASSESSMENT_PUBLISHED, { year });
      if (items.length)
        await tx.execute(
          sql`insert into energy_assessments (tenant_id, year, org_id, score, rank, grade, breakdown, published_by)
              select ${ctx.tenantId}, ${year}, u.o, u.s, u.r, u.g, u.b::jsonb, ${ctx.account.id}
              from unnest(${sql.param(items.map((i) => i.orgId))}::int[], ${sql.param(items.map((i) => i.score))}::float8[],
                          ${sql.param(items.map((i) => i.rank))}::int[], ${sql.param(items.map((i) => i.grade))}::text[],
                          ${sql.param(items.map((i) => JSON.stringify(i.breakdown)))}::text[]) as u(o, s, r, g, b)
              on conflict do nothing`,
        );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'publish',
        entityType: 'energy_assessment',
        entityId: year,
        summary: `${items.length} units`,
        after: items.map((i) => ({ orgId: i.orgId, score: i.score, rank: i.rank })),
      });
    });
    return this.get(ctx, year);
  }
}
