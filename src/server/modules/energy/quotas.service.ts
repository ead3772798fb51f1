import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZExplanationQuerySchema, ZExplanationSubmitSchema, ZQuotaSetSchema } from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  concurrently,
  type Executor,
  accountsWith,
  addDays,
  assertOrgInScope,
  badRequest,
  cnToday,
  notFound,
  notify,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  scopeOn,
  statusHooks,
  where,
  writeAudit,
  bureauReview,
  defineApprovalSummary,
} from '../../core';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { unitsInScope } from './energy.repository';
import { projectYear } from './energy.rules';
import type { IndicatorService } from './indicators.service';

export const EXPLANATION_TYPE = 'energy.quota_explanation';

export const QUOTA_EXPLANATION_BUSINESS_TYPE: BusinessType = {
  type: EXPLANATION_TYPE,
  nameZh: '能耗超定额情况说明',
  nameEn: 'Explanation of energy use over quota',
  summary: defineApprovalSummary({
    fields: {
      year: { zh: '年度', en: 'Year', kind: 'text' },
      kgceQuota: { zh: '能耗定额', en: 'Energy quota', kind: 'number', unit: { zh: '千克标准煤', en: 'kgce' } },
      actualKgce: { zh: '实际能耗', en: 'Actual use', kind: 'number', unit: { zh: '千克标准煤', en: 'kgce' } },
    },
  }),
  link: (id) => `/energy/quotas?explanation=${id}`,
  defaultFlow: {
    nameZh: '能耗超定额情况说明审核',
    nameEn: 'Over-quota explanation review',
    steps: [bureauReview()],
  },
  ...statusHooks('energy_quota_explanations', 'energy_quota_explanation'),
};

const daysIn = (year: number) => (Date.parse(`${year + 1}-01-01`) - Date.parse(`${year}-01-01`)) / 86_400_000;

/**
 * Yearly consumption quotas (定额): progress, a year-end projection and, once a unit goes
 * over, the written explanation it owes, reviewed on the approval engine.
 */
export class QuotaService {
  constructor(
    private readonly core: CoreServices,
    private readonly indicators: IndicatorService,
  ) {}

  async list(ctx: AuthContext, year: number, orgId?: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const units = await unitsInScope(db, ctx, EP['energy.read'], orgId);
    const ids = units.map((u) => num(u.id));
    if (!ids.length) return { items: [] };
    const today = cnToday();
    const yearEnd = `${year}-12-31`;
    const to = today < yearEnd ? addDays(today, -1) : yearEnd;
    const started = to >= `${year}-01-01`;
    const dayOfYear = started ? (Date.parse(to) - Date.parse(`${year}-01-01`)) / 86_400_000 + 1 : 0;
    const lastTo = `${year - 1}${to.slice(4)}`.replace('-02-29', '-02-28');
    const [cur, lastToDate, lastFull] = await concurrently(
      db,
      () => (started ? this.indicators.consumption(ctx, `${year}-01-01`, to, orgId) : null),
      () => (started ? this.indicators.consumption(ctx, `${year - 1}-01-01`, lastTo, orgId) : null),
      () => this.indicators.consumption(ctx, `${year - 1}-01-01`, `${year - 1}-12-31`, orgId),
    );
    const quotas = await queryRows<{ org_id: number; kgce_quota: number; water_quota: number | null; note: string | null }>(
      db,
      sql`select org_id, kgce_quota, water_quota, note from energy_quotas where tenant_id = ${ctx.tenantId} and year = ${year} and org_id in ${ids}`,
    );
    const expl = await queryRows<{ id: number; org_id: number; status: string }>(
      db,
      sql`select id, org_id, status from energy_quota_explanations where tenant_id = ${ctx.tenantId} and year = ${year} and org_id in ${ids}`,
    );
    const qBy = new Map(quotas.map((q) => [num(q.org_id), q]));
    const eBy = new Map(expl.map((e) => [num(e.org_id), e]));
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return {
      items: units.map((u) => {
        const id = num(u.id);
        const q = qBy.get(id);
        const actual = cur?.byOrg.get(id)?.kgce ?? 0;
        const water = cur?.byOrg.get(id)?.byType.get('water')?.quantity ?? 0;
        const projected = projectYear({
          actual,
          dayOfYear,
          daysInYear: daysIn(year),
          lastYearToDate: lastToDate?.byOrg.get(id)?.kgce,
          lastYearTotal: lastFull.byOrg.get(id)?.kgce,
        });
        const quota = q ? num(q.kgce_quota) : null;
        const e = eBy.get(id);
        return {
          orgId: id,
          orgName: u.name,
          year,
          kgceQuota: quota,
          waterQuota: q ? numOrNull(q.water_quota) : null,
          note: q?.note ?? null,
          actualKgce: r2(actual),
          actualWater: r2(water),
          progress: quota ? Math.round((actual / quota) * 10000) / 10000 : null,
          projectedKgce: r2(projected),
          projectedShare: quota ? Math.round((projected / quota) * 10000) / 10000 : null,
          over: quota !== null && actual > quota,
          projectedOver: quota !== null && projected > quota,
          explanation: e ? { id: num(e.id), status: e.status as 'open' } : null,
        };
      }),
    };
  }

  async set(ctx: AuthContext, orgId: number, year: number, input: z.infer<typeof ZQuotaSetSchema>) {
    ctx.require(EP['energy.manage']);
    await this.core.db.transaction(async (tx) => {
      const org = await assertOrgInScope(tx, ctx, EP['energy.manage'], orgId);
      if (org.kind === 'department') throw badRequest(EM.ENERGY_METER_ORG_KIND);
      const [before] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select * from energy_quotas where tenant_id = ${ctx.tenantId} and org_id = ${orgId} and year = ${year} for update`,
      );
      await tx.execute(
        sql`insert into energy_quotas (tenant_id, org_id, year, kgce_quota, water_quota, note)
            values (${ctx.tenantId}, ${orgId}, ${year}, ${input.kgceQuota}, ${input.waterQuota ?? null}, ${input.note ?? null})
            on conflict (tenant_id, org_id, year) do update set kgce_quota = excluded.kgce_quota, water_quota = excluded.water_quota,
              note = excluded.note, updated_at = now()`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: before ? 'update' : 'create',
        entityType: 'energy_quota',
        entityId: `${orgId}/${year}`,
        orgId,
        before,
        after: input,
      });
    });
    const all = await this.list(ctx, year, orgId);
    return all.items.find((i) => i.orgId === orgId)!;
  }

  /**
   * Opens an explanation task for every unit in scope over its quota this year (once per
   * unit and year) and tells the unit's energy staff. Run daily by a job and on demand.
   */
  async check(ctx: AuthContext, year: number) {
    ctx.require(EP['energy.manage']);
    const { items } = await this.list(ctx, year);
    let opened = 0;
    for (const q of items.filter((i) => i.over && !i.explanation)) {
      await this.core.db.transaction(async (tx) => {
        const [row] = await queryRows<{ id: number }>(
          tx,
          sql`insert into energy_quota_explanations (tenant_id, org_id, year, kgce_quota, actual_kgce)
              values (${ctx.tenantId}, ${q.orgId}, ${year}, ${q.kgceQuota}, ${q.actualKgce})
              on conflict do nothing returning id`,
        );
        if (!row) return;
        opened++;
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'energy_quota_explanation',
          entityId: row.id,
          orgId: q.orgId,
          summary: `${q.orgName} ${year}: ${q.actualKgce} > ${q.kgceQuota} kgce`,
        });
        await notify(tx, await accountsWith(tx, EP['energy.report'], q.orgId), {
          kind: 'energy.quota',
          titleZh: `${q.orgName} ${year} 年能耗已超定额，请提交书面情况说明`,
          titleEn: `${q.orgName}: energy use in ${year} is over its quota — a written explanation is due`,
          body: `定额 / quota ${q.kgceQuota} kgce，已用 / used ${q.actualKgce} kgce`,
          link: `/energy/quotas?explanation=${row.id}`,
        });
      });
    }
    return { opened };
  }

  async explanations(ctx: AuthContext, q: z.infer<typeof ZExplanationQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`e.org_id`, q.orgId);
    const w = where([
      sql`e.tenant_id = ${ctx.tenantId}`,
      scope,
      q.year ? sql`e.year = ${q.year}` : undefined,
      q.status ? sql`e.status = ${q.status}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from energy_quota_explanations e where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select e.*, o.name as org_name from energy_quota_explanations e join orgs o on o.id = e.org_id where ${w}
          order by e.opened_at desc, e.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map(explanationView) };
  }

  async explanation(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select e.*, o.name as org_name, o.path from energy_quota_explanations e join orgs o on o.id = e.org_id
          where e.id = ${id} and e.tenant_id = ${ctx.tenantId}`,
    );
    if (!r || !ctx.covers(EP['energy.read'], { id: num(r.org_id), path: String(r.path) })) throw notFound('energy_quota_explanation');
    return explanationView(r);
  }

  /** The unit writes why it went over and what it will do, and sends it for review. */
  async submit(ctx: AuthContext, id: number, input: z.infer<typeof ZExplanationSubmitSchema>) {
    ctx.require(EP['energy.report']);
    await this.core.db.transaction(async (tx) => {
      const e = await this.lock(tx, ctx, id);
      if (!['open', 'returned', 'rejected', 'withdrawn'].includes(String(e.status))) throw badRequest(EM.ENERGY_EXPLANATION_STATE);
      const inst = await this.core.approvals.submit(tx, ctx, {
        businessType: EXPLANATION_TYPE,
        businessId: id,
        title: {
          zh: `${e.org_name} ${e.year} 年能耗超定额情况说明`,
          en: `${e.org_name}: explanation of ${e.year} energy use over the quota`,
        },
        orgId: num(e.org_id),
        facts: { kgceQuota: num(e.kgce_quota), actualKgce: num(e.actual_kgce), year: String(e.year) },
      });
      await tx.execute(
        sql`update energy_quota_explanations set explanation = ${input.explanation}, measures = ${input.measures},
              status = ${inst.status === 'approved' ? 'approved' : 'pending'}, instance_id = ${inst.id}, submitted_at = now()
            where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'submit',
        entityType: 'energy_quota_explanation',
        entityId: id,
        orgId: num(e.org_id),
        before: { status: e.status },
        after: { ...input, status: 'pending', instanceId: inst.id },
      });
    });
    return this.explanation(ctx, id);
  }

  private async lock(tx: Executor, ctx: AuthContext, id: number) {
    const [e] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select e.*, o.name as org_name, o.path from energy_quota_explanations e join orgs o on o.id = e.org_id
          where e.id = ${id} and e.tenant_id = ${ctx.tenantId} for update of e`,
    );
    if (!e || !ctx.covers(EP['energy.report'], { id: num(e.org_id), path: String(e.path) })) throw notFound('energy_quota_explanation');
    return e;
  }
}

function explanationView(r: Record<string, unknown>) {
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: String(r.org_name),
    year: num(r.year),
    kgceQuota: num(r.kgce_quota),
    actualKgce: num(r.actual_kgce),
    status: r.status as 'open',
    explanation: (r.explanation as string) ?? null,
    measures: (r.measures as string) ?? null,
    instanceId: numOrNull(r.instance_id),
    openedAt: new Date(String(r.opened_at)).toISOString(),
    submittedAt: r.submitted_at ? new Date(String(r.submitted_at)).toISOString() : null,
  };
}
