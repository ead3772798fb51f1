import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZEnergyAnomalyQuerySchema } from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  type MessageCode,
  addDays,
  badRequest,
  cnDate,
  cnDayStart,
  notFound,
  num,
  queryRows,
  scopeOn,
  translate,
  where,
  writeAudit,
} from '../../core';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import { type HourCell, balanceGap, baseloadShares, monthEnd } from './energy.rules';

type Finding = { orgId: number; meterId: number; rule: string; key: string; on: string; evidence: Record<string, unknown> };

const MESSAGE: Record<string, MessageCode> = {
  water_loss: EM.ENERGY_A_WATER_LOSS,
  submeter_gap: EM.ENERGY_A_SUBMETER_GAP,
  baseload: EM.ENERGY_A_BASELOAD,
  jump: EM.ENERGY_A_JUMP,
  negative: EM.ENERGY_A_NEGATIVE,
  stopped: EM.ENERGY_A_STOPPED,
};
const pct = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 10 : String(v ?? ''));
/** Monday of the ISO week of a date, as the key of a weekly finding. */
const weekOf = (d: string) => {
  const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(d, -dow);
};

/**
 * Energy anomalies, each with its evidence: master vs sub-meters (water loss above the
 * regulation's 4 %, any other energy above the configured gap), night or rest-day baseload
 * of interval meters, meters that stopped reporting or a month's manual reading missing;
 * sudden jumps and negative readings are found as they are stored. Findings are unique per
 * rule, meter and evidence key, so a scan run again adds nothing, and a dismissal stands.
 */
export class EnergyAnomalyService {
  constructor(private readonly core: CoreServices) {}

  async list(ctx: AuthContext, q: z.infer<typeof ZEnergyAnomalyQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`a.org_id`, q.orgId);
    const w = where([
      sql`a.tenant_id = ${ctx.tenantId}`,
      scope,
      q.rule ? sql`a.rule = ${q.rule}` : undefined,
      q.status ? sql`a.status = ${q.status}` : undefined,
      q.meterId ? sql`a.meter_id = ${q.meterId}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from energy_anomalies a where ${w}`);
    const desc = !q.sort || q.sort.startsWith('-');
    const col =
      { occurredOn: 'a.occurred_on', detectedAt: 'a.detected_at', rule: 'a.rule' }[(q.sort ?? '-occurredOn').replace(/^-/, '')] ??
      'a.occurred_on';
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select a.id, a.rule, a.meter_id, m.name as meter_name, m.unit, a.org_id, o.name as org_name, a.occurred_on::text as occurred_on,
            a.evidence, a.status, a.dismiss_reason, a.detected_at
          from energy_anomalies a join energy_meters m on m.id = a.meter_id join orgs o on o.id = a.org_id
          where ${w} order by ${sql.raw(col)} ${sql.raw(desc ? 'desc' : 'asc')}, a.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.view(ctx, r)) };
  }

  private view(ctx: AuthContext, r: Record<string, unknown>) {
    const ev = (r.evidence ?? {}) as Record<string, unknown>;
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(ev)) params[k] = typeof v === 'number' ? Math.round(v * 100) / 100 : String(v ?? '—');
    for (const k of ['share', 'threshold', 'night', 'rest', 'max']) if (k in ev) params[k] = pct(ev[k]);
    if (typeof ev.ts === 'string')
      params.ts = new Date(ev.ts).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' });
    if (typeof ev.last === 'string')
      params.last = new Date(ev.last).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' });
    const code = r.rule === 'stopped' && ev.month ? EM.ENERGY_A_MISSING_MONTH : MESSAGE[String(r.rule)]!;
    return {
      id: num(r.id),
      rule: r.rule as 'water_loss',
      meterId: num(r.meter_id),
      meterName: String(r.meter_name),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      occurredOn: String(r.occurred_on),
      message: translate(code, ctx.locale, params),
      evidence: ev,
      status: r.status as 'open',
      dismissReason: (r.dismiss_reason as string) ?? null,
      detectedAt: new Date(String(r.detected_at)).toISOString(),
    };
  }

  async dismiss(ctx: AuthContext, id: number, reason: string) {
    ctx.require(EP['energy.manage']);
    await this.core.db.transaction(async (tx) => {
      const [a] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select a.*, o.path from energy_anomalies a join orgs o on o.id = a.org_id where a.id = ${id} and a.tenant_id = ${ctx.tenantId} for update of a`,
      );
      if (!a || !ctx.covers(EP['energy.manage'], { id: num(a.org_id), path: String(a.path) })) throw notFound('energy_anomaly');
      if (a.status !== 'open') throw badRequest(EM.ENERGY_ANOMALY_NOT_OPEN);
      await tx.execute(
        sql`update energy_anomalies set status = 'dismissed', dismiss_reason = ${reason}, dismissed_by = ${ctx.account.id}
            where tenant_id = ${ctx.tenantId} and id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'dismiss',
        entityType: 'energy_anomaly',
        entityId: id,
        orgId: num(a.org_id),
        before: { status: 'open' },
        after: { status: 'dismissed', reason },
      });
    });
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select a.id, a.rule, a.meter_id, m.name as meter_name, a.org_id, o.name as org_name, a.occurred_on::text as occurred_on, a.evidence,
            a.status, a.dismiss_reason, a.detected_at
          from energy_anomalies a join energy_meters m on m.id = a.meter_id join orgs o on o.id = a.org_id where a.tenant_id = ${ctx.tenantId} and a.id = ${id}`,
    );
    return this.view(ctx, r!);
  }

  /** Runs every scan rule over the caller's tenant (jobs run it with a system context). */
  async scan(ctx: AuthContext, now = new Date()) {
    ctx.require(EP['energy.manage']);
    const t0 = performance.now();
    const db = this.core.db;
    const today = cnDate(now);
    const rules = await loadRules(db, today);
    const a = rules.params.anomalies;
    const findings: Finding[] = [];
    findings.push(...(await this.balance(db, ctx.tenantId, today, rules.coal.waterLossThreshold, a.submeterGapThreshold)));
    findings.push(...(await this.baseload(db, ctx.tenantId, today, a)));
    findings.push(...(await this.stopped(db, ctx.tenantId, now, a)));
    let found = 0;
    const byRule: Record<string, number> = {};
    await db.transaction(async (tx) => {
      if (findings.length) {
        const rows = await queryRows<{ rule: string }>(
          tx,
          sql`insert into energy_anomalies (tenant_id, org_id, meter_id, rule, evidence_key, occurred_on, evidence)
              select ${ctx.tenantId}, u.o, u.m, u.r, u.k, u.d::date, u.e::jsonb
              from unnest(${sql.param(findings.map((f) => f.orgId))}::int[], ${sql.param(findings.map((f) => f.meterId))}::int[],
                          ${sql.param(findings.map((f) => f.rule))}::text[], ${sql.param(findings.map((f) => f.key))}::text[],
                          ${sql.param(findings.map((f) => f.on))}::text[], ${sql.param(findings.map((f) => JSON.stringify(f.evidence)))}::text[])
                as u(o, m, r, k, d, e)
              on conflict do nothing returning rule`,
        );
        found = rows.length;
        for (const r of rows) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
      }
      // A meter reporting again closes its open "stopped" finding.
      await tx.execute(
        sql`update energy_anomalies a set status = 'resolved' from energy_meters m
            where a.tenant_id = ${ctx.tenantId} and a.rule = 'stopped' and a.status = 'open' and m.id = a.meter_id
              and m.interval_minutes is not null and m.last_reading_at > ${new Date(now.getTime() - a.stoppedAfterHours * 3_600_000).toISOString()}::timestamptz`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'scan',
        entityType: 'energy_anomaly',
        summary: `${found} new findings ${JSON.stringify(byRule)}`,
      });
    });
    return { found, byRule, ms: Math.round(performance.now() - t0) };
  }

  /** Each master with sub-meters of its type, over the last three complete months. */
  private async balance(db: Executor, tenantId: number, today: string, waterThreshold: number, gapThreshold: number): Promise<Finding[]> {
    const monthBefore = (m: string) => `${addDays(m, -1).slice(0, 7)}-01`;
    const lastMonth = monthBefore(`${today.slice(0, 7)}-01`);
    const from = monthBefore(monthBefore(lastMonth));
    const rows = await queryRows<{
      master: number;
      org_id: number;
      energy_type: string;
      unit: string;
      month: string;
      mq: number;
      sq: number;
      subs: number;
      reporting: number;
    }>(
      db,
      sql`select p.id as master, p.org_id, p.energy_type, p.unit, pm.month::text as month, pm.consumption as mq,
            coalesce(sum(cm.consumption), 0) as sq, count(c.id)::int as subs, count(cm.meter_id)::int as reporting
          from energy_meters p
          join energy_monthly pm on pm.tenant_id = p.tenant_id and pm.meter_id = p.id and pm.month >= ${from}::date and pm.month <= ${lastMonth}::date
          join energy_meters c on c.parent_id = p.id and c.status = 'active'
          -- Sub-meters by end use (分项) measure part of the master by design; only households (分户) and water branches must add up.
            and (p.energy_type = 'water' or not exists (select 1 from energy_meters e where e.parent_id = p.id and e.end_use is not null))
          left join energy_monthly cm on cm.tenant_id = c.tenant_id and cm.meter_id = c.id and cm.month = pm.month
          where p.tenant_id = ${tenantId} and p.status = 'active'
          group by p.id, p.org_id, p.energy_type, p.unit, pm.month, pm.consumption`,
    );
    const out: Finding[] = [];
    for (const r of rows) {
      // Judge only months where every sub-meter reported: a silent one is a "stopped" finding, not a loss.
      if (num(r.reporting) < num(r.subs)) continue;
      const gap = balanceGap(num(r.mq), num(r.sq));
      if (gap === null) continue;
      // Water lost between the master and its sub-meters (a leak) against the regulation's 4 %;
      // any other gap (or sub-meters reading more than their master) against the configured one.
      const rule = r.energy_type === 'water' && gap > 0 ? 'water_loss' : 'submeter_gap';
      const threshold = rule === 'water_loss' ? waterThreshold : gapThreshold;
      if (Math.abs(gap) <= threshold) continue;
      out.push({
        orgId: num(r.org_id),
        meterId: num(r.master),
        rule,
        key: r.month.slice(0, 7),
        on: lastDayOfMonth(r.month),
        evidence: {
          month: r.month.slice(0, 7),
          master: Math.round(num(r.mq) * 100) / 100,
          subs: Math.round(num(r.sq) * 100) / 100,
          share: Math.round(gap * 10000) / 10000,
          threshold,
          unit: r.unit,
        },
      });
    }
    return out;
  }

  /** Interval electricity meters over the last `baseloadDays` complete days. */
  private async baseload(
    db: Executor,
    tenantId: number,
    today: string,
    a: { baseloadMaxShare: number; nightStartHour: number; nightEndHour: number; baseloadDays: number },
  ) {
    const to = addDays(today, -1);
    const from = addDays(today, -a.baseloadDays);
    const rows = await queryRows<{ meter_id: number; org_id: number; t: number; c: number }>(
      db,
      sql`select h.meter_id, m.org_id, extract(epoch from h.hour) * 1000 as t, h.consumption as c
          from energy_hourly h join energy_meters m on m.id = h.meter_id
          where h.tenant_id = ${tenantId} and m.energy_type = 'electricity' and m.interval_minutes is not null and m.status = 'active'
            and h.hour >= ${cnDayStart(from).toISOString()}::timestamptz and h.hour < ${cnDayStart(today).toISOString()}::timestamptz`,
    );
    const byMeter = new Map<number, { orgId: number; cells: HourCell[] }>();
    const working = new Map<string, boolean>();
    for (let d = from; d <= to; d = addDays(d, 1)) working.set(d, await this.core.refdata.isWorkingDay(d));
    for (const r of rows) {
      const t = num(r.t);
      const day = cnDate(t);
      const e = byMeter.get(num(r.meter_id)) ?? { orgId: num(r.org_id), cells: [] };
      e.cells.push({ day, hour: new Date(t + 8 * 3_600_000).getUTCHours(), working: working.get(day) ?? true, value: num(r.c) });
      byMeter.set(num(r.meter_id), e);
    }
    const out: Finding[] = [];
    for (const [meterId, e] of byMeter) {
      // Half the window's hours at least, or the shares say nothing.
      if (e.cells.length < a.baseloadDays * 12) continue;
      const s = baseloadShares(e.cells, { start: a.nightStartHour, end: a.nightEndHour });
      const worst = Math.max(s.nightShare ?? 0, s.restDayShare ?? 0);
      if (worst <= a.baseloadMaxShare) continue;
      out.push({
        orgId: e.orgId,
        meterId,
        rule: 'baseload',
        key: weekOf(to),
        on: to,
        evidence: {
          from,
          to,
          night: s.nightShare === null ? null : Math.round(s.nightShare * 10000) / 10000,
          rest: s.restDayShare === null ? null : Math.round(s.restDayShare * 10000) / 10000,
          max: a.baseloadMaxShare,
          dayAvg: Math.round((s.dayAvg ?? 0) * 100) / 100,
        },
      });
    }
    return out;
  }

  /** Interval meters silent for longer than allowed; manual meters without last month's end reading after the grace days. */
  private async stopped(db: Executor, tenantId: number, now: Date, a: { stoppedAfterHours: number; manualMissingDays: number }) {
    const out: Finding[] = [];
    const silent = await queryRows<{ id: number; org_id: number; last: string | null }>(
      db,
      sql`select id, org_id, last_reading_at as last from energy_meters
          where tenant_id = ${tenantId} and status = 'active' and kind = 'register' and interval_minutes is not null and last_reading_at is not null
            and last_reading_at < ${new Date(now.getTime() - a.stoppedAfterHours * 3_600_000).toISOString()}::timestamptz`,
    );
    for (const m of silent) {
      const last = new Date(String(m.last)).toISOString();
      out.push({
        orgId: num(m.org_id),
        meterId: num(m.id),
        rule: 'stopped',
        key: last,
        on: cnDate(now),
        evidence: { last, hours: Math.round((now.getTime() - Date.parse(last)) / 3_600_000) },
      });
    }
    const today = cnDate(now);
    const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const due = monthEnd(month);
    if (now.getTime() >= due.getTime() + a.manualMissingDays * 86_400_000) {
      const missing = await queryRows<{ id: number; org_id: number }>(
        db,
        sql`select m.id, m.org_id from energy_meters m
            where m.tenant_id = ${tenantId} and m.status = 'active' and m.kind = 'register' and m.interval_minutes is null
              and m.last_reading_at is not null and m.last_reading_at < ${due.toISOString()}::timestamptz`,
      );
      for (const m of missing)
        out.push({ orgId: num(m.org_id), meterId: num(m.id), rule: 'stopped', key: month, on: today, evidence: { month } });
    }
    return out;
  }
}

function lastDayOfMonth(month: string) {
  return cnDate(monthEnd(month.slice(0, 7)).getTime() - 1);
}
