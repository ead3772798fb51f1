import { type SQL, sql } from 'drizzle-orm';
import { POST_LEVELS } from '../../../contracts/core/people';
import { type Executor, queryRows } from '../../core';
import { currentOn } from './office.repository';
import { type AreaRule, entitledArea, isLeader } from './standards';

/**
 * The standards engine as one SQL statement, for district-wide figures (20,000 people on
 * PGlite in about 0.1 s, where loading every row into JavaScript takes most of a second).
 * It computes exactly what `assess` in standards.ts computes — each primary room's counted
 * area (suite rest rooms in full, toilets beyond the allowance) divided by its occupants and
 * rounded to cents, summed per person — and an integration test holds the two to the same
 * results. The (agency level, post level) → ㎡ table is built from the rule by the engine
 * itself, so the township fallback and every figure still live in one place.
 */
const AGENCY_LEVELS = ['central', 'province', 'city', 'county', 'township'] as const;

export function ruleMaps(rule: AreaRule) {
  const entitled: Record<string, number> = {};
  const leaders: string[] = [];
  for (const level of AGENCY_LEVELS)
    for (const post of POST_LEVELS) {
      const e = entitledArea(rule, level, post);
      if (e !== null) entitled[`${level}|${post}`] = e;
      if (isLeader(rule, level, post)) leaders.push(`${level}|${post}`);
    }
  return { entitled, leaders };
}

/** `f`: one row per active person matching `scope` (a condition on `p`), with actual and entitled area. */
export function findingsCte(tenantId: number, scope: SQL, rule: AreaRule, day: string): SQL {
  const { entitled, leaders } = ruleMaps(rule);
  const key = sql`(o.agency_level || '|' || p.post_level)`;
  return sql`with cur as materialized (
      select oc.person_id, oc.kind, oc.room_id, count(*) over (partition by oc.room_id) as n
      from office_occupancies oc where oc.tenant_id = ${tenantId} and ${currentOn(day)}),
    suite as materialized (
      select suite_of_id, sum(case when use_type = 'toilet' then greatest(0, area - ${rule.leaderToiletMaxM2}) else area end) as extra
      from office_rooms where tenant_id = ${tenantId} and active and suite_of_id is not null group by suite_of_id),
    per as materialized (
      select cur.person_id, sum(case when cur.kind = 'primary' then round((r.area + coalesce(s.extra, 0)) / cur.n, 2) else 0 end) as actual
      from cur join office_rooms r on r.id = cur.room_id left join suite s on s.suite_of_id = r.id group by cur.person_id),
    f as materialized (
      select p.id as person_id, p.name, p.org_id, o.name as org_name, o.agency_level, p.post_title, p.post_level,
        coalesce(per.actual, 0) as actual,
        (${JSON.stringify(entitled)}::jsonb ->> ${key})::numeric as entitled,
        ${leaders.length ? sql`${key} in ${leaders}` : sql`false`} as leader
      from people p join orgs o on o.id = p.org_id left join per on per.person_id = p.id
      where p.status = 'active' and ${scope})`;
}

export type FindingRow = {
  person_id: number;
  name: string;
  org_id: number;
  org_name: string | null;
  agency_level: string;
  post_title: string | null;
  post_level: string;
  actual: string;
  entitled: string | null;
  leader: boolean;
};

const OVER = sql`(entitled is not null and actual > entitled)`;
const SORTS: Record<string, string> = {
  excessArea: 'greatest(actual - coalesce(entitled, actual), 0)',
  actualArea: 'actual',
  entitledArea: 'entitled',
  name: 'name',
  orgName: 'org_name',
  postLevel: 'post_level',
};

export async function complianceTotals(db: Executor, cte: SQL) {
  const [r] = await queryRows<{ n: number; over: number; area: string | null; leaders: number[] | null }>(
    db,
    sql`${cte} select count(*)::int as n, count(*) filter (where ${OVER})::int as over,
          coalesce(sum(actual - entitled) filter (where ${OVER}), 0) as area,
          (array_agg(person_id order by org_id, post_level, person_id) filter (where leader))[1:500] as leaders from f`,
  );
  return {
    total: Number(r?.n ?? 0),
    over: Number(r?.over ?? 0),
    overArea: Number(r?.area ?? 0),
    /** Leaders in scope (at most 500), in one pass with the totals. */
    leaderIds: (r?.leaders ?? []).map(Number),
  };
}

/** The people over their standard (ids), for comparing two rule versions. */
export async function overPersonIds(db: Executor, cte: SQL): Promise<Set<number>> {
  const rows = await queryRows<{ person_id: number }>(db, sql`${cte} select person_id from f where ${OVER}`);
  return new Set(rows.map((r) => Number(r.person_id)));
}

export async function overByOrg(db: Executor, cte: SQL) {
  const rows = await queryRows<{ org_id: number; over: number }>(
    db,
    sql`${cte} select org_id, count(*)::int as over from f where ${OVER} group by org_id`,
  );
  return new Map(rows.map((r) => [Number(r.org_id), Number(r.over)]));
}

/** The ORDER BY a list sort asks for (unknown keys sort by excess area), as SQL and as a cache key. */
export function findingOrder(sort: string | undefined) {
  const desc = sort?.startsWith('-') ?? true;
  const col = SORTS[(sort ?? '-excessArea').replace(/^-/, '')] ?? SORTS.excessArea!;
  return {
    key: `${col}|${desc}`,
    sql: sql`order by ${sql.raw(col)} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls first')}, person_id`,
  };
}

/**
 * Every matching person's id in the list's order (the whole finding set, no page): what the
 * compliance list caches per scope and data version, so a page is a slice of it.
 */
export async function findingIds(db: Executor, cte: SQL, opts: { onlyOver?: boolean; sort?: string }): Promise<Int32Array> {
  const rows = await queryRows<{ person_id: number }>(
    db,
    sql`${cte} select person_id from f where ${opts.onlyOver ? OVER : sql`true`} ${findingOrder(opts.sort).sql}`,
  );
  return Int32Array.from(rows, (r) => Number(r.person_id));
}

export async function findingRows(
  db: Executor,
  cte: SQL,
  opts: { onlyOver?: boolean; leadersOnly?: boolean; q?: string; sort?: string; limit: number; offset: number; idsOnly?: boolean },
) {
  const where = sql.join(
    [
      sql`true`,
      opts.onlyOver ? OVER : undefined,
      opts.leadersOnly ? sql`leader` : undefined,
      opts.q ? sql`name like ${`%${opts.q}%`}` : undefined,
    ].filter((x): x is SQL => Boolean(x)),
    sql` and `,
  );
  const rows = await queryRows<FindingRow & { total: number }>(
    db,
    sql`${cte} select ${opts.idsOnly ? sql`f.person_id` : sql`f.*`}, count(*) over () as total from f where ${where}
        ${findingOrder(opts.sort).sql}
        limit ${opts.limit} offset ${opts.offset}`,
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/**
 * A page of findings (as `findingRows`) with the scope's counts (everyone, over the standard) in
 * one statement: `f` is materialized once for both, where the list's page and `complianceTotals`
 * computed the district's findings twice (the compliance list's first request at seed scale).
 */
export async function findingPageWithCounts(
  db: Executor,
  cte: SQL,
  opts: { onlyOver?: boolean; q?: string; sort?: string; limit: number; offset: number },
) {
  const desc = opts.sort?.startsWith('-') ?? true;
  const col = SORTS[(opts.sort ?? '-excessArea').replace(/^-/, '')] ?? SORTS.excessArea!;
  const order = sql`${sql.raw(col)} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls first')}, person_id`;
  const where = sql.join(
    [sql`true`, opts.onlyOver ? OVER : undefined, opts.q ? sql`name like ${`%${opts.q}%`}` : undefined].filter((x): x is SQL => Boolean(x)),
    sql` and `,
  );
  const rows = await queryRows<FindingRow & { total: number | null; all_n: number; all_over: number }>(
    db,
    sql`${cte}, t as (select count(*)::int as n, count(*) filter (where ${OVER})::int as over from f),
        pg as (select f.*, count(*) over () as total from f where ${where} order by ${order} limit ${opts.limit} offset ${opts.offset})
        select pg.*, t.n as all_n, t.over as all_over from t left join pg on true order by ${order}`,
  );
  // An empty page still brings the counts, on one row without a person.
  const page = rows.filter((r) => r.person_id !== null);
  return { rows: page, total: Number(page[0]?.total ?? 0), all: Number(rows[0]?.all_n ?? 0), over: Number(rows[0]?.all_over ?? 0) };
}

/**
 * Per-process cache of district-wide figures, valid while `office_data_version` (bumped by
 * triggers on every change to people, orgs, rooms, occupancy and rules) stays the same.
 * Keyed per database handle, so several apps in one process (tests) never share entries.
 */
type Entry = { version: number; value: unknown; compute: () => Promise<unknown>; usedAt: number };
const caches = new WeakMap<object, Map<string, Entry>>();
const cacheOf = (db: Executor) => {
  const cache = caches.get(db) ?? new Map<string, Entry>();
  caches.set(db, cache);
  return cache;
};
async function currentVersion(db: Executor) {
  const [v] = await queryRows<{ version: number }>(db, sql`select version from office_data_version where id = 1`);
  return Number(v?.version ?? -1);
}
export async function cachedByVersion<T>(db: Executor, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await currentVersion(db);
  const cache = cacheOf(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    hit.usedAt = Date.now();
    return hit.value as T;
  }
  const value = await compute();
  cache.set(key, { version, value, compute, usedAt: Date.now() });
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * Keeps the figures people are looking at fresh: after a change (once the version has been
 * still for one interval, so a burst of edits costs one recomputation), the entries read in
 * the last `recentMs` are recomputed in the background, so the next read is a cache hit
 * instead of paying for the district-wide statement. Correctness never depends on it: a
 * read still checks the version and computes when the warmer has not caught up.
 */
export function startFiguresWarmer(db: Executor, opts: { intervalMs?: number; recentMs?: number; maxEntries?: number } = {}) {
  const intervalMs = opts.intervalMs ?? 1000;
  const recentMs = opts.recentMs ?? 15 * 60_000;
  let seen = -1;
  let busy = false;
  let stopped = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const version = await currentVersion(db);
      // Recompute only when the version is the same as on the previous tick (the edits have settled).
      const settled = version === seen;
      seen = version;
      if (!settled) return;
      const now = Date.now();
      const stale = [...cacheOf(db).entries()]
        .filter(([, e]) => e.version !== version && now - e.usedAt < recentMs)
        .sort((a, b) => b[1].usedAt - a[1].usedAt)
        .slice(0, opts.maxEntries ?? 8);
      for (const [key, e] of stale) {
        if (stopped) return;
        const v = await currentVersion(db);
        const value = await e.compute();
        cacheOf(db).set(key, { ...e, version: v, value });
      }
    } catch {
      // A failed warm-up only means the next read computes the figures itself.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
