import { sql } from 'drizzle-orm';
import { type AuthContext, type CoreServices, queryRows, num } from '../../core';
import { loadCapsRule, scopeOn } from './vehicles.repository';
import { VP } from './vehicles.permissions';

export type YearStats = {
  year: number;
  purchasesApproved: number;
  /** Change on the year before, in per cent; null when the year before had none. */
  purchasesChangePct: number | null;
  newEnergyApproved: number;
  transferred: number;
  scrapped: number;
  auctioned: number;
  fleetAtYearEnd: number;
};

/** Change in per cent, to two decimals (the seed's −57.41 % style); null without a base. */
export function changePct(current: number, previous: number): number | null {
  if (!previous) return null;
  return Math.round(((current - previous) / previous) * 10_000) / 100;
}

/**
 * Yearly statistics (the bureau's annual vehicle report): purchase and replacement requests
 * approved in the year (by the date of the final approval, Asia/Shanghai), the change on the
 * year before, transfers (划拨), scrapping and auctions completed in the year, and the fleet
 * at the year's end. Scoped to the caller's subtree by the owning unit.
 */
export class VehicleStatisticsService {
  constructor(private readonly core: CoreServices) {}

  async yearly(ctx: AuthContext, q: { from: number; to: number; orgId?: number }): Promise<YearStats[]> {
    const db = this.core.db;
    const scopeP = await scopeOn(db, ctx, VP['vehicles.read'], sql`p.org_id`, q.orgId);
    const scopeD = await scopeOn(db, ctx, VP['vehicles.read'], sql`d.org_id`, q.orgId);
    const scopeV = await scopeOn(db, ctx, VP['vehicles.read'], sql`v.org_id`, q.orgId);
    const { rule } = await loadCapsRule(db);
    const year = (col: ReturnType<typeof sql>) => sql`extract(year from (${col} at time zone 'Asia/Shanghai'))::int`;
    // One year before the range so the first year has its change too.
    const purchases = await queryRows<{ y: number; n: number; ne: number }>(
      db,
      sql`select ${year(sql`i.finished_at`)} as y, count(*)::int as n,
            count(*) filter (where p.energy in ${rule.newEnergyEnergies.length ? rule.newEnergyEnergies : ['']})::int as ne
          from vehicle_purchase_requests p join approval_instances i on i.id = p.instance_id
          where p.tenant_id = ${ctx.tenantId} and p.status in ('approved','delivered') and ${scopeP}
            and ${year(sql`i.finished_at`)} between ${q.from - 1} and ${q.to}
          group by 1`,
    );
    const disposals = await queryRows<{ y: number; method: string; n: number }>(
      db,
      sql`select ${year(sql`d.applied_at`)} as y, d.method, count(*)::int as n from vehicle_disposals d
          where d.tenant_id = ${ctx.tenantId} and d.status = 'approved' and d.applied_at is not null and ${scopeD}
            and ${year(sql`d.applied_at`)} between ${q.from} and ${q.to}
          group by 1, 2`,
    );
    const fleet = await queryRows<{ y: number; n: number }>(
      db,
      sql`select y, (select count(*)::int from vehicles v where v.tenant_id = ${ctx.tenantId} and ${scopeV}
                       and extract(year from v.purchase_date)::int <= y
                       and (v.disposed_at is null or ${year(sql`v.disposed_at`)} > y)) as n
          from generate_series(${q.from}::int, ${q.to}::int) as y`,
    );
    const p = new Map(purchases.map((r) => [num(r.y), r]));
    const out: YearStats[] = [];
    for (let y = q.from; y <= q.to; y++) {
      const d = (m: string) => num(disposals.find((r) => num(r.y) === y && r.method === m)?.n);
      const n = num(p.get(y)?.n);
      out.push({
        year: y,
        purchasesApproved: n,
        purchasesChangePct: changePct(n, num(p.get(y - 1)?.n)),
        newEnergyApproved: num(p.get(y)?.ne),
        transferred: d('transfer'),
        scrapped: d('scrap'),
        auctioned: d('auction'),
        fleetAtYearEnd: num(fleet.find((r) => num(r.y) === y)?.n),
      });
    }
    return out;
  }
}
