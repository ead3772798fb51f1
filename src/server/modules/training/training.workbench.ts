import { sql } from 'drizzle-orm';
import { type WorkbenchCounter, countRows, inScope } from '../../core';
import { TP } from './training.permissions';

/** The training centre's to-do: rooms waiting for cleaning after a check-out. */
export const TRAINING_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'training.toClean',
    zh: '待清扫客房',
    en: 'Rooms to clean',
    permissions: [TP['training.manage']],
    order: 75,
    link: '/training?housekeeping=dirty',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from training_rooms r
              where r.tenant_id = ${ctx.tenantId} and r.housekeeping = 'dirty'
                and ${inScope(ctx, TP['training.manage'], sql`r.org_id`, sql`r.tenant_id`)}`,
      ),
  },
];
