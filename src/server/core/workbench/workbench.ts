import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TSearchGroup, TWorkbenchCounter } from '../../../contracts/core/workbench.api';
import { workbenchApi } from '../../../contracts/core/workbench.api';
import { type Executor, queryRows } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import type { Locale } from '../i18n/messages';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { inScope } from '../rbac/scope';

/**
 * A to-do counter a module offers the workbench (the home page's first row): what waits for
 * the caller in that module. The count must be one cheap indexed count scoped like the list
 * it links to (the caller's org subtree, or the caller's own records).
 */
export type WorkbenchCounter = {
  /** Unique, `module.what` (`vehicles.toDispatch`). */
  key: string;
  zh: string;
  en: string;
  /** The counter shows when the caller holds any of these permissions. */
  permissions: readonly string[];
  /** A further condition on the caller (the driver's counter needs the account's person). */
  visible?: (ctx: AuthContext) => boolean;
  /** The count, or the count with its link when the link depends on data (a rule's reminder window). */
  count: (db: Executor, ctx: AuthContext) => Promise<number | { count: number; link: string }>;
  /** The web page listing exactly these records (path and query). */
  link: string;
  /** Sort order on the home page (lower first; default 100). */
  order?: number;
};

/** What the search hands each source: the trimmed text and the same text as a LIKE pattern, wildcards escaped. */
export type SearchInput = { text: string; contains: string; prefix: string; limit: number };
export type SearchHit = { title: string; description?: string | null; link: string };

/**
 * A kind of record the header search finds (people, rooms, vehicles …). `search` runs one
 * parameterised query scoped to the caller (the same scope as the record's list), at most
 * `input.limit` rows, and answers in the caller's language (`ctx.locale`).
 */
export type SearchSource = {
  key: string;
  zh: string;
  en: string;
  /** The source is searched when the caller holds any of these permissions. */
  permissions: readonly string[];
  search: (db: Executor, ctx: AuthContext, input: SearchInput) => Promise<SearchHit[]>;
  order?: number;
};

const counters = new Map<string, WorkbenchCounter>();
const sources = new Map<string, SearchSource>();

export function registerWorkbenchCounter(c: WorkbenchCounter): void {
  if (counters.has(c.key)) throw new Error(`workbench counter ${c.key} registered twice`);
  counters.set(c.key, c);
}
export function registerSearchSource(s: SearchSource): void {
  if (sources.has(s.key)) throw new Error(`search source ${s.key} registered twice`);
  sources.set(s.key, s);
}

/** `%`, `_` and `\` match themselves: the text is searched for as typed. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const allowed = (ctx: AuthContext, perms: readonly string[]) => perms.length === 0 || perms.some((p) => ctx.has(p));
const label = (x: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? x.en : x.zh);

/** The caller's counters, counted at once (each is one indexed count). */
export async function workbenchCounters(db: Executor, ctx: AuthContext): Promise<TWorkbenchCounter[]> {
  const mine = [...counters.values()].filter((c) => allowed(ctx, c.permissions) && (c.visible?.(ctx) ?? true));
  mine.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
  const counts = await Promise.all(mine.map((c) => c.count(db, ctx)));
  return mine.map((c, i) => {
    const r = counts[i] ?? 0;
    return typeof r === 'number'
      ? { key: c.key, label: label(c, ctx.locale), count: r, link: c.link }
      : { key: c.key, label: label(c, ctx.locale), count: r.count, link: r.link };
  });
}

/** Hits per source the header search shows. */
export const SEARCH_LIMIT = 5;

/** Every source the caller may search, at once; empty groups are left out. */
export async function searchAll(db: Executor, ctx: AuthContext, q: string): Promise<TSearchGroup[]> {
  const text = q.trim();
  const escaped = escapeLike(text);
  const input: SearchInput = { text, contains: `%${escaped}%`, prefix: `${escaped}%`, limit: SEARCH_LIMIT };
  const mine = [...sources.values()].filter((s) => allowed(ctx, s.permissions));
  mine.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
  const results = await Promise.all(mine.map((s) => s.search(db, ctx, input)));
  return mine
    .map((s, i) => ({
      key: s.key,
      label: label(s, ctx.locale),
      hits: (results[i] ?? []).slice(0, SEARCH_LIMIT).map((h) => ({ title: h.title, description: h.description ?? null, link: h.link })),
    }))
    .filter((g) => g.hits.length > 0);
}

export async function workbenchRoutes(app: FastifyInstance, opts: { db: Executor }) {
  mountRoutes(app, workbenchApi, {
    counters: async (req) => ({ counters: await workbenchCounters(opts.db, requireAuth(req)) }),
    search: async (req) => ({ groups: await searchAll(opts.db, requireAuth(req), req.query.q) }),
  });
}

/* The core's own counters and search sources (registered by `installModules` with the modules'). */

const STATUS: Record<string, { zh: string; en: string }> = {
  pending: { zh: '审批中', en: 'Pending' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const CORE_WORKBENCH_COUNTERS: readonly WorkbenchCounter[] = [
  {
    key: 'approvals.inbox',
    zh: '待我审批',
    en: 'Awaiting my approval',
    permissions: [P['approval.approve']],
    order: 10,
    link: '/approvals/inbox',
    count: async (db, ctx) => {
      // The inbox's own condition (approval_tasks_inbox_idx): my pending task at the instance's current step.
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from approval_tasks t join approval_instances i on i.id = t.instance_id
            where t.approver_id = ${ctx.account.id} and t.status = 'pending' and i.status = 'pending'
              and t.round = i.round and t.step_index = i.current_step`,
      );
      return Number(r?.n ?? 0);
    },
  },
  {
    key: 'approvals.mine',
    zh: '我的申请（审批中）',
    en: 'My requests in approval',
    // Whoever may file a request (a module grants its own request permissions to the same roles).
    permissions: [P['general.request']],
    order: 11,
    link: '/approvals/mine?status=pending',
    count: async (db, ctx) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from approval_instances where applicant_id = ${ctx.account.id} and status = 'pending'`,
      );
      return Number(r?.n ?? 0);
    },
  },
];

export const CORE_SEARCH_SOURCES: readonly SearchSource[] = [
  {
    key: 'people',
    zh: '人员',
    en: 'People',
    permissions: [P['people.read']],
    order: 10,
    search: async (db, ctx, q) => {
      const rows = await queryRows<{ id: number; name: string; org: string }>(
        db,
        sql`select p.id, p.name, o.name as org from people p join orgs o on o.id = p.org_id
            where p.tenant_id = ${ctx.tenantId} and p.name like ${q.contains} and ${inScope(ctx, P['people.read'], sql`p.org_id`, sql`p.tenant_id`)}
            order by (p.name like ${q.prefix}) desc, p.name, p.id limit ${q.limit}`,
      );
      return rows.map((r) => ({ title: r.name, description: r.org, link: `/people?id=${r.id}` }));
    },
  },
  {
    key: 'approvals',
    zh: '审批申请',
    en: 'Approval requests',
    // Mine, the ones I act on, and (with approval.read) those of my scope: as the approval page shows them.
    permissions: [],
    order: 80,
    search: async (db, ctx, q) => {
      const id = /^#?\d{1,9}$/.test(q.text) ? Number(q.text.replace('#', '')) : null;
      const match = id ? sql`(i.id = ${id} or i.title like ${q.contains})` : sql`i.title like ${q.contains}`;
      const rows = await queryRows<{ id: number; title: string; status: string }>(
        db,
        sql`select i.id, i.title, i.status from approval_instances i
            where i.tenant_id = ${ctx.tenantId} and ${match}
              and (i.applicant_id = ${ctx.account.id}
                or exists (select 1 from approval_tasks t where t.instance_id = i.id and t.approver_id = ${ctx.account.id})
                or ${inScope(ctx, P['approval.read'], sql`i.org_id`)})
            order by i.id desc limit ${q.limit}`,
      );
      return rows.map((r) => ({
        title: `#${r.id} ${r.title}`,
        description: STATUS[r.status] ? label(STATUS[r.status] as { zh: string; en: string }, ctx.locale) : null,
        link: `/approvals/${r.id}`,
      }));
    },
  },
];
