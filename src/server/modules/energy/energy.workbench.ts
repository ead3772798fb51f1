import { type SQL, sql } from 'drizzle-orm';
import { type WorkbenchCounter, cnDayStart, cnToday, inScope, queryRows } from '../../core';
import { EP } from './energy.permissions';

/**
 * 待录入: an active meter read by hand (a register without an interval) with no reading for the
 * current period. A month's reading is stamped at the month's end, i.e. the first instant of
 * the next month (`monthEnd`), so last month's reading is due from the first of this month:
 * the meter is due while its newest reading (`last_reading_at`, kept by every write) is older.
 * The meter list's `due` filter and the workbench counter share this condition.
 */
export function meterDueSql(): SQL {
  const monthStart = cnDayStart(`${cnToday().slice(0, 7)}-01`).toISOString();
  return sql`(m.status = 'active' and m.kind = 'register' and m.interval_minutes is null
    and (m.last_reading_at is null or m.last_reading_at < ${monthStart}::timestamptz))`;
}

/** The energy statistician's to-dos. */
export const ENERGY_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'energy.readingsDue',
    zh: '待录入读数',
    en: 'Meters to read',
    permissions: [EP['energy.write']],
    order: 40,
    link: '/energy/meters?due=true',
    count: async (db, ctx) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from energy_meters m
            where m.tenant_id = ${ctx.tenantId} and ${meterDueSql()} and ${inScope(ctx, EP['energy.write'], sql`m.org_id`, sql`m.tenant_id`)}`,
      );
      return Number(r?.n ?? 0);
    },
  },
];
