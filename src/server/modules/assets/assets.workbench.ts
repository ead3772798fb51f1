import { sql } from 'drizzle-orm';
import { type SearchSource, type WorkbenchCounter, countRows, cnToday, inScope, queryRows } from '../../core';
import { AP } from './assets.permissions';

/** The pool keeper's to-dos (the home page's counters). */
export const ASSET_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'assets.toAccept',
    zh: '待验收',
    en: 'Hand-ins to accept',
    permissions: [AP['pool.keep']],
    order: 30,
    // The pool's hand-in list shows a keeper every unit's hand-ins (the pool serves the district).
    link: '/assets/pool?tab=hand-ins&status=submitted',
    count: async (db, ctx) =>
      countRows(db, sql`select count(*)::int as n from asset_hand_ins where tenant_id = ${ctx.tenantId} and status = 'submitted'`),
  },
  {
    key: 'assets.loansOverdue',
    zh: '出借逾期',
    en: 'Overdue loans',
    permissions: [AP['pool.keep'], AP['pool.manage']],
    order: 31,
    link: '/assets/pool?tab=loans&status=overdue',
    // The loan list's scope and its "overdue" filter (asset_loans_status_idx: tenant, status, due date).
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from asset_loans l
              where l.tenant_id = ${ctx.tenantId} and l.status = 'out' and l.due_on < ${cnToday()}::date
                and (${inScope(ctx, AP['assets.read'], sql`l.org_id`)} or ${inScope(ctx, AP['pool.keep'], sql`l.org_id`)}
                  or ${inScope(ctx, AP['pool.manage'], sql`l.org_id`)} or ${inScope(ctx, AP['assets.read'], sql`l.borrower_org_id`)})`,
      ),
  },
];

/** Assets by code (from its start, as the register's search) in the caller's read scope. */
export const ASSET_SEARCH: readonly SearchSource[] = [
  {
    key: 'assets',
    zh: '资产',
    en: 'Assets',
    permissions: [AP['assets.read']],
    order: 40,
    search: async (db, ctx, q) => {
      const rows = await queryRows<{ code: string; name: string; org: string }>(
        db,
        sql`select a.code, a.name, o.name as org from assets a join orgs o on o.id = a.org_id
            where a.tenant_id = ${ctx.tenantId} and a.code like ${q.prefix} and a.status <> 'disposed'
              and ${inScope(ctx, AP['assets.read'], sql`a.org_id`, sql`a.tenant_id`)}
            order by a.code limit ${q.limit}`,
      );
      return rows.map((r) => ({ title: `${r.code} ${r.name}`, description: r.org, link: `/assets/card/${encodeURIComponent(r.code)}` }));
    },
  },
];
