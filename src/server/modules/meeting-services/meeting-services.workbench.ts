import { sql } from 'drizzle-orm';
import { type WorkbenchCounter, countRows, inScope } from '../../core';
import { MEETING_PERMISSIONS as MP } from '../meetings';

/** The desk's orders to accept and the service staff's open tasks (the home page's counters). */
export const SERVICES_WORKBENCH: readonly WorkbenchCounter[] = [
  {
    key: 'meetingServices.toAccept',
    zh: '待受理会务服务',
    en: 'Service orders to accept',
    permissions: [MP['meetings.manage']],
    order: 33,
    link: '/meetings/service-orders?status=submitted',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from meeting_service_orders o
              where o.tenant_id = ${ctx.tenantId} and o.status = 'submitted' and ${inScope(ctx, MP['meetings.manage'], sql`o.room_org_id`)}`,
      ),
  },
  {
    key: 'meetingServices.myTasks',
    zh: '我的会务任务',
    en: 'My service tasks',
    permissions: [MP['meetings.serve']],
    order: 34,
    link: '/meetings/service-tasks',
    count: async (db, ctx) =>
      countRows(
        db,
        sql`select count(*)::int as n from meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id
              where t.tenant_id = ${ctx.tenantId} and t.assignee_id = ${ctx.account.id} and t.status = 'open'
                and o.status in ('accepted','in_progress')`,
      ),
  },
];
