import { sql } from 'drizzle-orm';
import { type WorkbenchCounter, inScope, queryRows } from '../../core';
import { VP } from '../vehicles';
import { CP } from './costs.permissions';

/** Who handles cost anomalies (records costs and reads the fleet): the open ones to explain or dismiss. */
export const COSTS_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'vehicleCosts.anomaliesOpen',
    zh: '待处理费用异常',
    en: 'Cost anomalies to handle',
    permissions: [CP['vehicles.costs']],
    // A driver records fuel but reads no fleet, so has no anomaly list to work from.
    visible: (ctx) => ctx.has(VP['vehicles.read']),
    order: 25,
    link: '/vehicles/anomalies?status=open',
    count: async (db, ctx) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from vehicle_anomalies a
            where a.tenant_id = ${ctx.tenantId} and a.status = 'open' and ${inScope(ctx, VP['vehicles.read'], sql`a.org_id`, sql`a.tenant_id`)}`,
      );
      return Number(r?.n ?? 0);
    },
  },
];
