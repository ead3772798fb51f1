import { sql } from 'drizzle-orm';
import { type AuthContext, type Executor, badRequest, conflict, notFound, num, numOrNull, queryRows } from '../../core';
import { EM } from './energy.messages';
import { pgArray } from '../../core';
import { type RollupChange, applyRollups } from './energy.repository';
import { type ChainPoint, type EnergyRules, type MeterChainFacts, type ReadingFlag, chainStep, dayKey } from './energy.rules';

export type Source = 'manual' | 'import' | 'api';
/** A row as it will be stored: `t` in epoch ms. */
export type NewReading = { index: number; meterId: number; t: number; value: number };
type StoredRow = { t: number; value: number; delta: number | null; flag: ReadingFlag | null; isNew: boolean; index: number };
export type MeterFacts = {
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

export const isoOf = (t: number) => new Date(t).toISOString();

/**
 * The reading chain: storing rows of locked meters, the consumption between consecutive
 * readings, the rollups and the chain's bookkeeping on the meter.
 *
 * Storing readings (`store`) runs inside the caller's transaction with the batch's meter rows
 * locked (in id order, so batches never deadlock), which serialises writers per meter while
 * different meters ingest in parallel. For each meter the new rows extend the reading chain:
 * when they are all newer than the meter's last reading (the normal case for a smart meter)
 * the chain continues from the meter's bookkeeping without reading any raw row; otherwise the
 * affected stretch is read back, merged and recomputed, and the rows whose consumption changed
 * are updated. Either way the rollups receive exactly the change in consumption.
 */
export class ReadingChain {
  /** Locks the meters (id order) and returns their facts; unknown ids are simply absent. */
  async lockMeters(tx: Executor, ctx: AuthContext, ids: number[]): Promise<Map<number, MeterFacts>> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    if (!unique.length) return new Map();
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`select m.id, m.org_id, o.path, m.name, m.kind, m.status, m.interval_minutes, m.multiplier, m.rollover_value, m.rate_ewma, m.rate_samples,
            extract(epoch from m.last_reading_at) * 1000 as last_t, extract(epoch from m.chain_ts) * 1000 as chain_t, m.last_value
          from energy_meters m join orgs o on o.id = m.org_id
          where m.tenant_id = ${ctx.tenantId} and m.id = any(${pgArray(unique)}::int[])
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

  usable(ctx: AuthContext, m: MeterFacts | undefined, perm: string): MeterFacts {
    if (!m || !ctx.covers(perm, { id: m.orgId, path: m.path })) throw notFound('energy_meter');
    if (m.kind !== 'register') throw badRequest(EM.ENERGY_NOT_REGISTER, { name: m.name });
    if (m.status !== 'active') throw badRequest(EM.ENERGY_METER_RETIRED, { name: m.name });
    return m;
  }

  async refuseExisting(tx: Executor, ctx: AuthContext, m: MeterFacts, t: number): Promise<never> {
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
    // The new rows as columns, the shape the insert takes them in.
    const ins = { m: [] as number[], t: [] as number[], v: [] as number[], d: [] as (number | null)[], f: [] as (ReadingFlag | null)[] };
    const insert = (meterId: number, t: number, value: number, delta: number | null, flag: ReadingFlag | null) => {
      ins.m.push(meterId);
      ins.t.push(t);
      ins.v.push(value);
      ins.d.push(delta);
      ins.f.push(flag);
    };
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
          insert(meterId, r.t, r.value, step.delta, step.flag);
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
        for (const r of res.inserted) insert(meterId, r.t, r.value, r.delta, r.flag);
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

    if (ins.m.length) {
      // No `on conflict`: none can arise, and checking for one costs a third of the insert (a
      // speculative insertion per row). The meters are locked; an appended row is newer than
      // the meter's last reading (`last_reading_at`, which every write of readings keeps at
      // their latest), and a merged row's instant was looked up among the stretch's stored rows
      // (duplicates of a batch and of the table are sorted out above, and counted as such).
      await tx.execute(
        sql`insert into energy_readings (tenant_id, meter_id, ts, value, delta, flag, source)
            select ${ctx.tenantId}, u.m, to_timestamp(u.t / 1000.0), u.v, u.d, u.f, ${source}
            from unnest(${pgArray(ins.m)}::int[], ${pgArray(ins.t)}::float8[], ${pgArray(ins.v)}::float8[],
                        ${pgArray(ins.d)}::float8[], ${pgArray(ins.f)}::text[]) as u(m, t, v, d, f)`,
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
            from unnest(${pgArray(appended.map((b) => b.m.id))}::int[], ${pgArray(appended.map((b) => b.lastT))}::float8[],
                        ${pgArray(appended.map((b) => b.chainT))}::float8[], ${pgArray(appended.map((b) => b.chainValue))}::float8[],
                        ${pgArray(appended.map((b) => b.m.rateEwma))}::float8[], ${pgArray(appended.map((b) => b.m.rateSamples))}::int[])
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
    return { inserted: ins.m.length, duplicates: duplicateRows.length, flagged, duplicateRows };
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
  async refreshBookkeeping(tx: Executor, tenantId: number, meterId: number) {
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
