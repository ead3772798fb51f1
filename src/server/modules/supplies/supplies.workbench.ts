import { sql } from 'drizzle-orm';
import { type WorkbenchCounter, countRows, inScope } from '../../core';
import { SP } from './supplies.permissions';

/** The supplies keeper's to-dos: approved requisitions to hand out, and items to reorder. */
export const SUPPLIES_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'supplies.toIssue',
    zh: '待发放请领',
    en: 'Requisitions to issue',
    permissions: [SP['supplies.keep']],
    order: 60,
    link: '/supplies/requisitions?status=approved',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from supplies_requisitions r
              where r.tenant_id = ${ctx.tenantId} and r.status = 'approved'
                and ${inScope(ctx, SP['supplies.keep'], sql`r.org_id`, sql`r.tenant_id`)}`,
      ),
  },
  {
    key: 'supplies.lowStock',
    zh: '低于最低库存',
    en: 'Items below the minimum',
    permissions: [SP['supplies.keep']],
    order: 61,
    link: '/supplies?belowMin=true',
    // The stock list's "below the minimum" filter, in the keeper's stores.
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from supplies_stock s join supplies_items i on i.id = s.item_id
              where s.tenant_id = ${ctx.tenantId} and i.active and s.quantity < i.min_stock
                and ${inScope(ctx, SP['supplies.keep'], sql`s.org_id`, sql`s.tenant_id`)}`,
      ),
  },
];
