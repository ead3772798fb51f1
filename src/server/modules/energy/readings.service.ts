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
import { METER_COLS, METER_FROM, loadRules, meterView } from './energy.repository';
import { type EnergyRules, type ReadingFlag, monthEnd } from './energy.rules';

import { type NewReading, ReadingChain, type Source, type StoreResult, isoOf } from './readings.chain';

export type { NewReading, StoreResult } from './readings.chain';
type RejectCode = (typeof REJECT_REASONS)[number];

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
 * Meter readings: the batch API for smart meters, manual and monthly entry, corrections and the
 * reading queries. Storing and the consumption chain are `ReadingChain`'s (readings.chain.ts):
 * this service checks, locks and audits around it in one transaction per call.
 */
export class ReadingService {
  private readonly chain = new ReadingChain();
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
    const maxFuture = rules.params.readings.maxFutureMinutes;
    for (let i = 0; i < rows.length; i++) {
      const r = checkRow(rows[i], i, now, maxFuture);
      if ('code' in r) rejected.push(r);
      else valid.push(r);
    }
    let result: StoreResult = { inserted: 0, duplicates: 0, flagged: 0, duplicateRows: [] };
    if (valid.length) {
      result = await this.core.db.transaction(async (tx) => {
        const meters = await this.chain.lockMeters(
          tx,
          ctx,
          valid.map((r) => r.meterId),
        );
        // Each meter is judged once (a batch holds thousands of readings of a few hundred meters).
        const verdicts = new Map<number, RejectCode | null>();
        const verdict = (meterId: number): RejectCode | null => {
          const m = meters.get(meterId);
          if (!m || !ctx.covers(perm, { id: m.orgId, path: m.path })) return 'unknown_meter';
          if (m.kind !== 'register') return 'not_register';
          if (m.status !== 'active') return 'retired';
          return null;
        };
        const ok: NewReading[] = [];
        const okMeters = new Set<number>();
        let from = Number.POSITIVE_INFINITY;
        let to = Number.NEGATIVE_INFINITY;
        for (const r of valid) {
          let code = verdicts.get(r.meterId);
          if (code === undefined) {
            code = verdict(r.meterId);
            verdicts.set(r.meterId, code);
          }
          if (code) rejected.push({ index: r.index, code });
          else {
            ok.push(r);
            okMeters.add(r.meterId);
            if (r.t < from) from = r.t;
            if (r.t > to) to = r.t;
          }
        }
        const res = await this.chain.store(tx, ctx, meters, ok, 'api', rules);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'ingest',
          entityType: 'energy_readings',
          summary: `inserted ${res.inserted}, duplicates ${res.duplicates}, rejected ${rejected.length}, flagged ${res.flagged}`,
          after: {
            meters: [...okMeters].slice(0, 200),
            from: ok.length ? isoOf(from) : null,
            to: ok.length ? isoOf(to) : null,
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
      const meters = await this.chain.lockMeters(tx, ctx, [input.meterId]);
      const m = this.chain.usable(ctx, meters.get(input.meterId), EP['energy.write']);
      const res = await this.chain.store(tx, ctx, meters, [{ index: 0, meterId: m.id, t, value: input.value }], 'manual', rules);
      if (res.duplicates) await this.chain.refuseExisting(tx, ctx, m, t);
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
      const meters = await this.chain.lockMeters(tx, ctx, ids);
      const rows = input.readings.map((r, index) => {
        const m = this.chain.usable(ctx, meters.get(r.meterId), EP['energy.write']);
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
      const res = await this.chain.store(tx, ctx, meters, rows, 'manual', rules);
      // Entering the same value again changes nothing; a different one must go through correction.
      for (const d of res.duplicateRows) {
        const [ex] = await queryRows<{ value: number }>(
          tx,
          sql`select value from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${d.meterId} and ts = ${isoOf(d.t)}::timestamptz`,
        );
        if (ex && num(ex.value) !== d.value) await this.chain.refuseExisting(tx, ctx, meters.get(d.meterId)!, d.t);
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
    const meters = await this.chain.lockMeters(
      tx,
      ctx,
      rows.map((r) => r.meterId),
    );
    return this.chain.store(tx, ctx, meters, rows, 'import', rules);
  }

  /** Replaces a reading's value, keeping the first one, and recomputes the chain around it. */
  async correct(ctx: AuthContext, input: z.infer<typeof ZReadingCorrectSchema>) {
    ctx.require(EP['energy.write']);
    const rules = await loadRules(this.core.db);
    const t = Date.parse(input.ts);
    await this.core.db.transaction(async (tx) => {
      const meters = await this.chain.lockMeters(tx, ctx, [input.meterId]);
      const m = this.chain.usable(ctx, meters.get(input.meterId), EP['energy.write']);
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
      await this.chain.rechain(tx, ctx.tenantId, m, t, t, [], rules);
      // A finding about this reading no longer stands once it has been corrected.
      await tx.execute(
        sql`update energy_anomalies set status = 'resolved' where tenant_id = ${ctx.tenantId} and meter_id = ${m.id}
              and ((rule = 'negative' and evidence_key = ${isoOf(t)}) or (rule = 'jump' and evidence->>'ts' = ${isoOf(t)})) and status = 'open'`,
      );
      await this.chain.refreshBookkeeping(tx, ctx.tenantId, m.id);
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
