import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  MAX_REGISTER,
  type REJECT_REASONS,
  type ZMonthlyReadingsSchema,
  type ZReadingCorrectSchema,
  type ZReadingCreateSchema,
  type ZReadingQuerySchema,
} from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  type MessageCode,
  addDays,
  badRequest,
  cnDayStart,
  conflict,
  notFound,
  num,
  numOrNull,
  queryRows,
  scopeOn,
  translate,
  validationFailed,
  where,
  writeAudit,
} from '../../core';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { METER_COLS, METER_FROM, type RollupChange, applyRollups, loadRules, meterView } from './energy.repository';
import { type ChainPoint, type EnergyRules, type MeterChainFacts, type ReadingFlag, chainStep, dayKey, monthEnd } from './energy.rules';

type Source = 'manual' | 'import' | 'api';
type RejectCode = (typeof REJECT_REASONS)[number];
/** A row as it will be stored: `t` in epoch ms. */
export type NewReading = { index: number; meterId: number; t: number; value: number };
type StoredRow = { t: number; value: number; delta: number | null; flag: ReadingFlag | null; isNew: boolean; index: number };
type MeterFacts = {
  id: number;
  orgId: number;
  path: string;
  name: string;
  kind: string;
  status: string;
  interval: number | null;
  multiplier: number;
  rolloverValue: number | null;
  rateEwma: number | null;
  rateSamples: number;
  lastReadingAt: number | null;
  chainTs: number | null;
  lastValue: number | null;
};
export type StoreResult = { inserted: number; duplicates: number; flagged: number; duplicateRows: NewReading[] };

const REJECT_MESSAGES: Record<RejectCode, MessageCode> = {
  invalid_row: EM.ENERGY_ROW_INVALID,
  unknown_meter: EM.ENERGY_ROW_UNKNOWN_METER,
  not_register: EM.ENERGY_ROW_NOT_REGISTER,
  retired: EM.ENERGY_ROW_RETIRED,
  bad_time: EM.ENERGY_ROW_TIME,
  future: EM.ENERGY_ROW_FUTURE,
  bad_value: EM.ENERGY_ROW_VALUE,
};
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INT4 = 2147483647;
const isoOf = (t: number) => new Date(t).toISOString();

/** Checks one batch row without touching the database: the reason it is refused, or the row. */
export function checkRow(
  raw: unknown,
  index: number,
  nowMs: number,
  maxFutureMinutes: number,
): NewReading | { index: number; code: RejectCode } {
  if (!raw || typeof raw !== 'object') return { index, code: 'invalid_row' };
  const r = raw as { meterId?: unknown; ts?: unknown; value?: unknown };
  if (
    typeof r.meterId !== 'number' ||
    !Number.isInteger(r.meterId) ||
    r.meterId <= 0 ||
    r.meterId > INT4 ||
    r.ts === undefined ||
    r.value === undefined
  )
    return { index, code: 'invalid_row' };
  if (typeof r.ts !== 'string' || !ISO_WITH_OFFSET.test(r.ts)) return { index, code: 'bad_time' };
  const t = Date.parse(r.ts);
  if (Number.isNaN(t)) return { index, code: 'bad_time' };
  if (t > nowMs + maxFutureMinutes * 60_000) return { index, code: 'future' };
  if (typeof r.value !== 'number' || !Number.isFinite(r.value) || r.value < 0 || r.value > MAX_REGISTER)
    return { index, code: 'bad_value' };
  return { index, meterId: r.meterId, t, value: r.value };
}

/**
 * Meter readings: the batch API for smart meters, manual and monthly entry, corrections.
 *
 * Storing readings (`store`) runs in one transaction per batch with the batch's meter rows
 * locked (in id order, so batches never deadlock), which serialises writers per meter while
 * different meters ingest in parallel. For each meter the new rows extend the reading chain:
 * when they are all newer than the meter's last reading (the normal case for a smart meter)
 * the chain continues from the meter's bookkeeping without reading any raw row; otherwise the
 * affected stretch is read back, merged and recomputed, and the rows whose consumption changed
 * are updated. Either way the rollups receive exactly the change in consumption.
 */
export class ReadingService {
  constructor(private readonly core: CoreServices) {}

  /** The permission a caller feeds readings under: an integration token's `energy.ingest`, else a statistician's `energy.write`. */
  private feedPermission(ctx: AuthContext) {
    if (ctx.has(EP['energy.ingest'])) return EP['energy.ingest'];
    ctx.require(EP['energy.write']);
    return EP['energy.write'];
  }

  async batch(ctx: AuthContext, rows: unknown[]) {
    const perm = this.feedPermission(ctx);
    const rules = await loadRules(this.core.db);
    const now = Date.now();
    const rejected: { index: number; code: RejectCode }[] = [];
    const valid: NewReading[] = [];
    rows.forEach((raw, i) => {
      const r = checkRow(raw, i, now, rules.params.readings.maxFutureMinutes);
      if ('code' in r) rejected.push(r);
      else valid.push(r);
    });
    let result: StoreResult = { inserted: 0, duplicates: 0, flagged: 0, duplicateRows: [] };
    if (valid.length) {
      result = await this.core.db.transaction(async (tx) => {
        const meters = await this.lockMeters(
          tx,
          ctx,
          valid.map((r) => r.meterId),
        );
        const ok: NewReading[] = [];
        for (const r of valid) {
          const m = meters.get(r.meterId);
          if (!m || !ctx.covers(perm, { id: m.orgId, path: m.path })) rejected.push({ index: r.index, code: 'unknown_meter' });
          else if (m.kind !== 'register') rejected.push({ index: r.index, code: 'not_register' });
          else if (m.status !== 'active') rejected.push({ index: r.index, code: 'retired' });
          else ok.push(r);
        }
        const res = await this.store(tx, ctx, meters, ok, 'api', rules);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'ingest',
          entityType: 'energy_readings',
          summary: `inserted ${res.inserted}, duplicates ${res.duplicates}, rejected ${rejected.length}, flagged ${res.flagged}`,
          after: {
            meters: [...new Set(ok.map((r) => r.meterId))].slice(0, 200),
            from: ok.length ? isoOf(Math.min(...ok.map((r) => r.t))) : null,
            to: ok.length ? isoOf(Math.max(...ok.map((r) => r.t))) : null,
            inserted: res.inserted,
          },
        });
        return res;
      });
    }
    rejected.sort((a, b) => a.index - b.index);
    return {
      inserted: result.inserted,
      duplicates: result.duplicates,
      flagged: result.flagged,
      rejected: rejected.map((r) => ({
        index: r.index,
        code: r.code,
        reason: translate(REJECT_MESSAGES[r.code], ctx.locale, {
          meterId: String((rows[r.index] as { meterId?: unknown })?.meterId ?? ''),
        }),
      })),
    };
  }

  /** One reading by hand: refused (4xx) rather than rejected per row. */
  async create(ctx: AuthContext, input: z.infer<typeof ZReadingCreateSchema>) {
    ctx.require(EP['energy.write']);
    const rules = await loadRules(this.core.db);
    const t = Date.parse(input.ts);
    if (t > Date.now() + rules.params.readings.maxFutureMinutes * 60_000) throw badRequest(EM.ENERGY_READING_FUTURE, { ts: input.ts });
    await this.core.db.transaction(async (tx) => {
      const meters = await this.lockMeters(tx, ctx, [input.meterId]);
      const m = this.usable(ctx, meters.get(input.meterId), EP['energy.write']);
      const res = await this.store(tx, ctx, meters, [{ index: 0, meterId: m.id, t, value: input.value }], 'manual', rules);
      if (res.duplicates) await this.refuseExisting(tx, ctx, m, t);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'energy_reading',
        entityId: `${m.id}@${isoOf(t)}`,
        orgId: m.orgId,
        summary: m.name,
        after: { ...input },
      });
    });
    return this.one(ctx, input.meterId, t);
  }

  /** A month's readings for a unit's manual meters, all or nothing. */
  async monthly(ctx: AuthContext, input: z.infer<typeof ZMonthlyReadingsSchema>) {
    ctx.require(EP['energy.write']);
    const end = monthEnd(input.month);
    if (end.getTime() > Date.now() + 86_400_000) throw badRequest(EM.ENERGY_MONTH_FUTURE, { month: input.month });
    const rules = await loadRules(this.core.db);
    const t = end.getTime();
    const ids = input.readings.map((r) => r.meterId);
    if (new Set(ids).size !== ids.length)
      throw validationFailed([{ field: 'readings', message: ctx.locale === 'en' ? 'a meter appears twice' : '同一表计出现两次' }]);
    return this.core.db.transaction(async (tx) => {
      const meters = await this.lockMeters(tx, ctx, ids);
      const rows = input.readings.map((r, index) => {
        const m = this.usable(ctx, meters.get(r.meterId), EP['energy.write']);
        if (m.interval)
          throw validationFailed([
            {
              field: `readings.${index}.meterId`,
              message:
                ctx.locale === 'en'
                  ? `"${m.name}" reports by itself every ${m.interval} minutes`
                  : `“${m.name}”为智能表，每 ${m.interval} 分钟自动上报，无需手工录入`,
            },
          ]);
        return { index, meterId: m.id, t, value: r.value };
      });
      const res = await this.store(tx, ctx, meters, rows, 'manual', rules);
      // Entering the same value again changes nothing; a different one must go through correction.
      for (const d of res.duplicateRows) {
        const [ex] = await queryRows<{ value: number }>(
          tx,
          sql`select value from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${d.meterId} and ts = ${isoOf(d.t)}::timestamptz`,
        );
        if (ex && num(ex.value) !== d.value) await this.refuseExisting(tx, ctx, meters.get(d.meterId)!, d.t);
      }
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'energy_readings',
        summary: `${input.month}: ${res.inserted} readings`,
        orgId: meters.get(ids[0]!)?.orgId,
        after: input,
      });
      return { month: input.month, inserted: res.inserted, unchanged: res.duplicates, flagged: res.flagged };
    });
  }

  /** Rows from an all-or-nothing import, already validated: stored in the caller's transaction. */
  async storeImported(tx: Executor, ctx: AuthContext, rows: NewReading[], rules: EnergyRules) {
    const meters = await this.lockMeters(
      tx,
      ctx,
      rows.map((r) => r.meterId),
    );
    return this.store(tx, ctx, meters, rows, 'import', rules);
  }

  /** Replaces a reading's value, keeping the first one, and recomputes the chain around it. */
  async correct(ctx: AuthContext, input: z.infer<typeof ZReadingCorrectSchema>) {
    ctx.require(EP['energy.write']);
    const rules = await loadRules(this.core.db);
    const t = Date.parse(input.ts);
    await this.core.db.transaction(async (tx) => {
      const meters = await this.lockMeters(tx, ctx, [input.meterId]);
      const m = this.usable(ctx, meters.get(input.meterId), EP['energy.write']);
      const [before] = await queryRows<{ value: number; original_value: number | null; flag: string | null }>(
        tx,
        sql`select value, original_value, flag from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${m.id} and ts = ${isoOf(t)}::timestamptz`,
      );
      if (!before) throw notFound('energy_reading');
      await tx.execute(
        sql`update energy_readings set value = ${input.value}, original_value = coalesce(original_value, value),
              correction_reason = ${input.reason}, corrected_at = now()
            where tenant_id = ${ctx.tenantId} and meter_id = ${m.id} and ts = ${isoOf(t)}::timestamptz`,
      );
      await this.rechain(tx, ctx.tenantId, m, t, t, [], rules);
      // A finding about this reading no longer stands once it has been corrected.
      await tx.execute(
        sql`update energy_anomalies set status = 'resolved' where tenant_id = ${ctx.tenantId} and meter_id = ${m.id}
              and ((rule = 'negative' and evidence_key = ${isoOf(t)}) or (rule = 'jump' and evidence->>'ts' = ${isoOf(t)})) and status = 'open'`,
      );
      await this.refreshBookkeeping(tx, ctx.tenantId, m.id);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'correct',
        entityType: 'energy_reading',
        entityId: `${m.id}@${isoOf(t)}`,
        orgId: m.orgId,
        summary: `${m.name}: ${num(before.value)} → ${input.value}`,
        before: { value: num(before.value), flag: before.flag },
        after: { value: input.value, reason: input.reason },
      });
    });
    return this.one(ctx, input.meterId, t);
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZReadingQuerySchema>) {
    ctx.require(EP['energy.read']);
    const flaggedOnly = q.flagged === 'true' || !!q.flag;
    if (!q.meterId && !flaggedOnly)
      throw validationFailed([
        { field: 'meterId', message: ctx.locale === 'en' ? 'choose a meter (or list flagged readings)' : '请选择表计（或只看异常读数）' },
      ]);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`m.org_id`, q.orgId);
    const w = where([
      sql`r.tenant_id = ${ctx.tenantId}`,
      scope,
      q.meterId ? sql`r.meter_id = ${q.meterId}` : undefined,
      q.from ? sql`r.ts >= ${cnDayStart(q.from).toISOString()}::timestamptz` : undefined,
      q.to ? sql`r.ts <= ${cnDayStart(addDays(q.to, 1)).toISOString()}::timestamptz` : undefined,
      flaggedOnly ? sql`r.flag is not null` : undefined,
      q.flag ? sql`r.flag = ${q.flag}` : undefined,
      q.flagged === 'false' ? sql`r.flag is null` : undefined,
    ]);
    const from = sql`energy_readings r join energy_meters m on m.id = r.meter_id and m.tenant_id = r.tenant_id`;
    const asc = q.sort === 'ts';
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.meter_id, m.name as meter_name, m.energy_type, m.unit, m.org_id, extract(epoch from r.ts) * 1000 as t, r.value, r.delta, r.flag, r.source,
            r.original_value, r.correction_reason, r.corrected_at
          from ${from} where ${w} order by r.ts ${sql.raw(asc ? 'asc' : 'desc')}, r.meter_id
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map(readingView) };
  }

  async one(ctx: AuthContext, meterId: number, t: number) {
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select r.meter_id, m.name as meter_name, m.energy_type, m.unit, m.org_id, extract(epoch from r.ts) * 1000 as t, r.value, r.delta, r.flag, r.source,
            r.original_value, r.correction_reason, r.corrected_at
          from energy_readings r join energy_meters m on m.id = r.meter_id
          where r.tenant_id = ${ctx.tenantId} and r.meter_id = ${meterId} and r.ts = ${isoOf(t)}::timestamptz`,
    );
    if (!rows[0]) throw notFound('energy_reading');
    return readingView(rows[0]);
  }

  /** The monthly entry sheet of a unit: its manual register meters, each with its previous and this month's reading. */
  async monthlySheet(ctx: AuthContext, orgId: number, month: string) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`m.org_id`, orgId);
    const t = monthEnd(month).toISOString();
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${METER_COLS}, pr.t as prev_t, pr.value as prev_value, c.value as cur_value, c.delta as cur_delta, c.flag as cur_flag
          from ${METER_FROM}
          left join lateral (select extract(epoch from r.ts) * 1000 as t, r.value from energy_readings r
            where r.tenant_id = m.tenant_id and r.meter_id = m.id and r.ts < ${t}::timestamptz and r.flag is distinct from 'negative'
            order by r.ts desc limit 1) pr on true
          left join energy_readings c on c.tenant_id = m.tenant_id and c.meter_id = m.id and c.ts = ${t}::timestamptz
          where m.tenant_id = ${ctx.tenantId} and ${scope} and m.org_id = ${orgId} and m.kind = 'register' and m.interval_minutes is null
            and m.status = 'active'
          order by m.energy_type, m.name, m.id`,
    );
    return {
      month,
      ts: t,
      items: rows.map((r) => ({
        meter: meterView(r),
        previous: r.prev_t === null || r.prev_t === undefined ? null : { ts: isoOf(Math.round(num(r.prev_t))), value: num(r.prev_value) },
        current:
          r.cur_value === null || r.cur_value === undefined
            ? null
            : { value: num(r.cur_value), consumption: numOrNull(r.cur_delta), flag: (r.cur_flag as ReadingFlag) ?? null },
      })),
    };
  }

  // ---------- the chain ----------

  /** Locks the meters (id order) and returns their facts; unknown ids are simply absent. */
  private async lockMeters(tx: Executor, ctx: AuthContext, ids: number[]): Promise<Map<number, MeterFacts>> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    if (!unique.length) return new Map();
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`select m.id, m.org_id, o.path, m.name, m.kind, m.status, m.interval_minutes, m.multiplier, m.rollover_value, m.rate_ewma, m.rate_samples,
            extract(epoch from m.last_reading_at) * 1000 as last_t, extract(epoch from m.chain_ts) * 1000 as chain_t, m.last_value
          from energy_meters m join orgs o on o.id = m.org_id
          where m.tenant_id = ${ctx.tenantId} and m.id = any(${sql.param(unique)}::int[])
          order by m.id for update of m`,
    );
    return new Map(
      rows.map((r) => [
        num(r.id),
        {
          id: num(r.id),
          orgId: num(r.org_id),
          path: String(r.path),
          name: String(r.name),
          kind: String(r.kind),
          status: String(r.status),
          interval: numOrNull(r.interval_minutes),
          multiplier: num(r.multiplier),
          rolloverValue: numOrNull(r.rollover_value),
          rateEwma: numOrNull(r.rate_ewma),
          rateSamples: num(r.rate_samples),
          lastReadingAt: numOrNull(r.last_t),
          chainTs: numOrNull(r.chain_t),
          lastValue: numOrNull(r.last_value),
        },
      ]),
    );
  }

  private usable(ctx: AuthContext, m: MeterFacts | undefined, perm: string): MeterFacts {
    if (!m || !ctx.covers(perm, { id: m.orgId, path: m.path })) throw notFound('energy_meter');
    if (m.kind !== 'register') throw badRequest(EM.ENERGY_NOT_REGISTER, { name: m.name });
    if (m.status !== 'active') throw badRequest(EM.ENERGY_METER_RETIRED, { name: m.name });
    return m;
  }

  private async refuseExisting(tx: Executor, ctx: AuthContext, m: MeterFacts, t: number): Promise<never> {
    const [ex] = await queryRows<{ value: number }>(
      tx,
      sql`select value from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${m.id} and ts = ${isoOf(t)}::timestamptz`,
    );
    throw conflict(EM.ENERGY_READING_EXISTS, { name: m.name, ts: isoOf(t), value: num(ex?.value) });
  }

  /**
   * Stores checked rows of locked meters. Returns how many were new, how many already existed
   * (same meter and instant: the stored value stands) and how many were flagged.
   */
  async store(
    tx: Executor,
    ctx: AuthContext,
    meters: Map<number, MeterFacts>,
    rows: NewReading[],
    source: Source,
    rules: EnergyRules,
  ): Promise<StoreResult> {
    const byMeter = new Map<number, NewReading[]>();
    for (const r of rows) {
      const list = byMeter.get(r.meterId) ?? [];
      list.push(r);
      byMeter.set(r.meterId, list);
    }
    const inserts: { meterId: number; row: StoredRow }[] = [];
    const changes: RollupChange[] = [];
    const duplicateRows: NewReading[] = [];
    // A jump is one finding per meter and day (a lasting change is flagged where it starts); each negative reading is its own.
    const anomalies: {
      meterId: number;
      orgId: number;
      rule: 'negative' | 'jump';
      key?: string;
      t: number;
      evidence: Record<string, unknown>;
    }[] = [];
    const bookkeeping: { m: MeterFacts; lastT: number; chainT: number | null; chainValue: number | null }[] = [];
    let flagged = 0;

    for (const [meterId, list] of byMeter) {
      const m = meters.get(meterId)!;
      list.sort((a, b) => a.t - b.t || a.index - b.index);
      // The same instant twice in one batch: the first row counts, the others are duplicates.
      const uniq: NewReading[] = [];
      for (const r of list) {
        if (uniq.length && uniq[uniq.length - 1]!.t === r.t) duplicateRows.push(r);
        else uniq.push(r);
      }
      const minT = uniq[0]!.t;
      const maxT = uniq[uniq.length - 1]!.t;
      if (m.lastReadingAt === null || minT > m.lastReadingAt) {
        // Append: the chain continues from the meter's last valid reading.
        const facts: MeterChainFacts = {
          multiplier: m.multiplier,
          rolloverValue: m.rolloverValue,
          rateEwma: m.rateEwma,
          rateSamples: m.rateSamples,
        };
        let prev: ChainPoint | null = m.chainTs !== null && m.lastValue !== null ? { t: m.chainTs, value: m.lastValue } : null;
        for (const r of uniq) {
          const step = chainStep(prev, { t: r.t, value: r.value }, facts, rules.params.readings);
          inserts.push({ meterId, row: { t: r.t, value: r.value, delta: step.delta, flag: step.flag, isNew: true, index: r.index } });
          // A meter's first reading and a negative one measure nothing: no bucket gets them.
          if (step.delta !== null) changes.push({ meterId, t: r.t, delta: step.delta, readings: 1 });
          if (step.flag) flagged++;
          if (step.flag === 'negative')
            anomalies.push({ meterId, orgId: m.orgId, rule: 'negative', t: r.t, evidence: { value: r.value, prev: prev?.value ?? null } });
          if (step.flag === 'spike')
            anomalies.push({
              meterId,
              orgId: m.orgId,
              rule: 'jump',
              key: dayKey(r.t),
              t: r.t,
              evidence: { delta: step.delta, rate: facts.rateEwma, times: ratio(step.delta, prev, r.t, facts.rateEwma) },
            });
          if (step.flag !== 'negative') prev = { t: r.t, value: r.value };
        }
        m.rateEwma = facts.rateEwma;
        m.rateSamples = facts.rateSamples;
        bookkeeping.push({ m, lastT: maxT, chainT: prev?.t ?? null, chainValue: prev?.value ?? null });
      } else {
        const res = await this.rechain(tx, ctx.tenantId, m, minT, maxT, uniq, rules);
        for (const r of res.inserted) inserts.push({ meterId, row: r });
        changes.push(...res.changes);
        duplicateRows.push(...res.duplicates);
        flagged += res.inserted.filter((r) => r.flag).length;
        for (const r of res.inserted)
          if (r.flag === 'negative' || r.flag === 'spike')
            anomalies.push({
              meterId,
              orgId: m.orgId,
              rule: r.flag === 'negative' ? 'negative' : 'jump',
              t: r.t,
              evidence: { value: r.value, delta: r.delta },
            });
        bookkeeping.push({ m, lastT: Math.max(maxT, m.lastReadingAt ?? 0), chainT: null, chainValue: null });
      }
    }

    if (inserts.length) {
      await tx.execute(
        sql`insert into energy_readings (tenant_id, meter_id, ts, value, delta, flag, source)
            select ${ctx.tenantId}, u.m, to_timestamp(u.t / 1000.0), u.v, u.d, u.f, ${source}
            from unnest(${sql.param(inserts.map((i) => i.meterId))}::int[], ${sql.param(inserts.map((i) => i.row.t))}::float8[],
                        ${sql.param(inserts.map((i) => i.row.value))}::float8[], ${sql.param(inserts.map((i) => i.row.delta))}::float8[],
                        ${sql.param(inserts.map((i) => i.row.flag))}::text[]) as u(m, t, v, d, f)
            on conflict do nothing`,
      );
    }
    const interval = changes.filter((c) => meters.get(c.meterId)?.interval);
    const manual = changes.filter((c) => !meters.get(c.meterId)?.interval);
    await applyRollups(tx, ctx.tenantId, interval);
    // Meters read by hand need no hourly profile.
    await applyRollups(tx, ctx.tenantId, manual, ['day', 'month']);

    // One statement for every appended meter's bookkeeping (a batch touches up to thousands of meters).
    const appended = bookkeeping.filter((b) => b.chainT !== null);
    if (appended.length)
      await tx.execute(
        sql`update energy_meters m set last_reading_at = to_timestamp(u.l / 1000.0), chain_ts = to_timestamp(u.c / 1000.0),
              last_value = u.v, rate_ewma = u.r, rate_samples = u.n
            from unnest(${sql.param(appended.map((b) => b.m.id))}::int[], ${sql.param(appended.map((b) => b.lastT))}::float8[],
                        ${sql.param(appended.map((b) => b.chainT))}::float8[], ${sql.param(appended.map((b) => b.chainValue))}::float8[],
                        ${sql.param(appended.map((b) => b.m.rateEwma))}::float8[], ${sql.param(appended.map((b) => b.m.rateSamples))}::int[])
              as u(id, l, c, v, r, n)
            where m.id = u.id`,
      );
    for (const b of bookkeeping) if (b.chainT === null) await this.refreshBookkeeping(tx, ctx.tenantId, b.m.id);
    if (anomalies.length) {
      await tx.execute(
        sql`insert into energy_anomalies (tenant_id, org_id, meter_id, rule, evidence_key, occurred_on, evidence)
            select ${ctx.tenantId}, u.o, u.m, u.r, u.k, u.d::date, u.e::jsonb
            from unnest(${sql.param(anomalies.map((a) => a.orgId))}::int[], ${sql.param(anomalies.map((a) => a.meterId))}::int[],
                        ${sql.param(anomalies.map((a) => a.rule))}::text[], ${sql.param(anomalies.map((a) => a.key ?? isoOf(a.t)))}::text[],
                        ${sql.param(anomalies.map((a) => dayKey(a.t)))}::text[],
                        ${sql.param(anomalies.map((a) => JSON.stringify({ ...a.evidence, ts: isoOf(a.t) })))}::text[]) as u(o, m, r, k, d, e)
            on conflict do nothing`,
      );
    }
    return { inserted: inserts.length, duplicates: duplicateRows.length, flagged, duplicateRows };
  }

  /**
   * Recomputes the chain over [fromT, toT] of one locked meter with `incoming` rows merged in:
   * reads the last valid reading before the stretch, the readings inside it, and the readings
   * after it up to the first one whose consumption does not change. Existing rows whose
   * consumption or flag changed are updated here; new rows are returned for the caller to
   * insert, with the rollup changes of both.
   */
  async rechain(tx: Executor, tenantId: number, m: MeterFacts, fromT: number, toT: number, incoming: NewReading[], rules: EnergyRules) {
    const prevRows = await queryRows<{ t: number; value: number }>(
      tx,
      sql`select extract(epoch from ts) * 1000 as t, value from energy_readings
          where tenant_id = ${tenantId} and meter_id = ${m.id} and ts < to_timestamp(${fromT} / 1000.0) and flag is distinct from 'negative'
          order by ts desc limit 1`,
    );
    const existing = await queryRows<{ t: number; value: number; delta: number | null; flag: ReadingFlag | null }>(
      tx,
      sql`(select extract(epoch from ts) * 1000 as t, value, delta, flag from energy_readings
           where tenant_id = ${tenantId} and meter_id = ${m.id} and ts >= to_timestamp(${fromT} / 1000.0) and ts <= to_timestamp(${toT} / 1000.0))
          union all
          (select extract(epoch from ts) * 1000 as t, value, delta, flag from energy_readings
           where tenant_id = ${tenantId} and meter_id = ${m.id} and ts > to_timestamp(${toT} / 1000.0) order by ts limit 50)`,
    );
    const rows: StoredRow[] = existing.map((e) => ({
      t: Math.round(num(e.t)),
      value: num(e.value),
      delta: numOrNull(e.delta),
      flag: e.flag,
      isNew: false,
      index: -1,
    }));
    const at = new Set(rows.map((r) => r.t));
    const duplicates: NewReading[] = [];
    for (const r of incoming) {
      if (at.has(r.t)) duplicates.push(r);
      else {
        rows.push({ t: r.t, value: r.value, delta: null, flag: null, isNew: true, index: r.index });
        at.add(r.t);
      }
    }
    rows.sort((a, b) => a.t - b.t);
    const facts: MeterChainFacts = {
      multiplier: m.multiplier,
      rolloverValue: m.rolloverValue,
      rateEwma: m.rateEwma,
      rateSamples: m.rateSamples,
    };
    let prev: ChainPoint | null = prevRows[0] ? { t: Math.round(num(prevRows[0].t)), value: num(prevRows[0].value) } : null;
    const inserted: StoredRow[] = [];
    const updates: StoredRow[] = [];
    const changes: RollupChange[] = [];
    for (const r of rows) {
      // Spike statistics are the append path's: a recomputed stretch judges with them but does not move them.
      const step = chainStep(prev, { t: r.t, value: r.value }, { ...facts }, rules.params.readings);
      if (r.isNew) {
        inserted.push({ ...r, delta: step.delta, flag: step.flag });
        if (step.delta !== null) changes.push({ meterId: m.id, t: r.t, delta: step.delta, readings: 1 });
      } else if (step.delta !== r.delta || step.flag !== r.flag) {
        updates.push({ ...r, delta: step.delta, flag: step.flag });
        // A bucket counts the readings that measured something in it.
        const counted = (step.delta !== null ? 1 : 0) - (r.delta !== null ? 1 : 0);
        changes.push({ meterId: m.id, t: r.t, delta: (step.delta ?? 0) - (r.delta ?? 0), readings: counted });
      } else if (r.t > toT && step.flag !== 'negative') {
        break; // past the stretch, unchanged and valid: nothing further depends on the new rows
      }
      if (step.flag !== 'negative') prev = { t: r.t, value: r.value };
    }
    if (updates.length)
      await tx.execute(
        sql`update energy_readings r set delta = u.d, flag = u.f
            from unnest(${sql.param(updates.map((u) => u.t))}::float8[], ${sql.param(updates.map((u) => u.delta))}::float8[],
                        ${sql.param(updates.map((u) => u.flag))}::text[]) as u(t, d, f)
            where r.tenant_id = ${tenantId} and r.meter_id = ${m.id} and r.ts = to_timestamp(u.t / 1000.0)`,
      );
    // The caller inserts new rows; a correction (no incoming rows) applies its rollup changes here.
    if (!incoming.length) {
      await applyRollups(tx, tenantId, changes, m.interval ? ['hour', 'day', 'month'] : ['day', 'month']);
      return { inserted, changes: [], duplicates };
    }
    return { inserted, changes, duplicates };
  }

  /** Re-reads a meter's newest reading and newest valid reading from the table (after an out-of-order write or a correction). */
  private async refreshBookkeeping(tx: Executor, tenantId: number, meterId: number) {
    await tx.execute(
      sql`update energy_meters m set
            last_reading_at = (select max(ts) from energy_readings where tenant_id = ${tenantId} and meter_id = ${meterId}),
            chain_ts = v.ts, last_value = v.value
          from (select ts, value from energy_readings where tenant_id = ${tenantId} and meter_id = ${meterId} and flag is distinct from 'negative'
                order by ts desc limit 1) v
          where m.id = ${meterId}`,
    );
  }
}

function ratio(delta: number | null, prev: ChainPoint | null, t: number, ewma: number | null) {
  if (delta === null || !prev || !ewma) return null;
  const hours = Math.max((t - prev.t) / 3_600_000, 1 / 60);
  return Math.round((delta / hours / ewma) * 10) / 10;
}

export function readingView(r: Record<string, unknown>) {
  return {
    meterId: num(r.meter_id),
    meterName: String(r.meter_name),
    energyType: r.energy_type as 'electricity',
    unit: String(r.unit),
    orgId: num(r.org_id),
    ts: isoOf(Math.round(num(r.t))),
    value: num(r.value),
    consumption: numOrNull(r.delta),
    flag: (r.flag as ReadingFlag) ?? null,
    source: r.source as Source,
    originalValue: numOrNull(r.original_value),
    correctionReason: (r.correction_reason as string) ?? null,
    correctedAt: r.corrected_at ? new Date(String(r.corrected_at)).toISOString() : null,
  };
}
