import { sql } from 'drizzle-orm';
import { type SearchSource, type WorkbenchCounter, countRows, cnToday, inScope, queryRows } from '../../core';
import { loadAreaRule } from './compliance.service';
import { OP } from './office.permissions';

/** The office-space administrators' to-dos (a unit's and the bureau's). */
export const OFFICE_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'office.findingsOverdue',
    zh: '整改逾期',
    en: 'Overdue rectifications',
    // Who rectifies (the unit) and who inspects (the bureau); counted in the findings list's scope.
    permissions: [OP['office.write'], OP['office.manage']],
    order: 50,
    link: '/office/inspections?status=open&overdue=true',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from office_findings f
              where f.tenant_id = ${ctx.tenantId} and f.status = 'open' and f.rectify_by < ${cnToday()}::date
                and ${inScope(ctx, OP['office.read'], sql`f.org_id`, sql`f.tenant_id`)}`,
      ),
  },
  {
    key: 'office.leasesExpiring',
    zh: '租用即将到期',
    en: 'Leases expiring soon',
    permissions: [OP['office.write'], OP['office.manage']],
    order: 51,
    link: '/office/registry?tab=leases',
    // The window is the rule's reminder period (as the daily reminder job reads it), 60 days by default.
    count: async (db, ctx) => {
      const { rule } = await loadAreaRule(db);
      const days = Number((rule as { leaseReminderDays?: number }).leaseReminderDays ?? 60);
      const count = await countRows(
        db,
        sql`select count(*)::int as n from office_leases l
              where l.tenant_id = ${ctx.tenantId} and l.status = 'active' and l.end_date <= ${cnToday()}::date + ${days}::int
                and ${inScope(ctx, OP['office.read'], sql`l.org_id`, sql`l.tenant_id`)}`,
      );
      return { count, link: `/office/registry?tab=leases&expiringWithin=${days}` };
    },
  },
];

/** Rooms by number (or the building's name), in the caller's read scope. */
export const OFFICE_SEARCH: readonly SearchSource[] = [
  {
    key: 'rooms',
    zh: '房间',
    en: 'Rooms',
    permissions: [OP['office.read']],
    order: 20,
    search: async (db, ctx, q) => {
      const rows = await queryRows<{ id: number; number: string; building: string; org: string }>(
        db,
        sql`select r.id, r.number, b.name as building, o.name as org
            from office_rooms r join office_buildings b on b.id = r.building_id join orgs o on o.id = r.org_id
            where r.tenant_id = ${ctx.tenantId} and r.active and (r.number like ${q.contains} or b.name like ${q.contains})
              and ${inScope(ctx, OP['office.read'], sql`r.org_id`, sql`r.tenant_id`)}
            order by (r.number like ${q.prefix}) desc, b.name, r.number, r.id limit ${q.limit}`,
      );
      return rows.map((r) => ({
        title: `${r.building} ${r.number}`,
        description: r.org,
        link: `/office/registry?tab=rooms&roomId=${r.id}`,
      }));
    },
  },
];
