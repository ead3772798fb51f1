import { P, defineModule } from '../../core';
import { MEETING_PERMISSIONS as MP } from '../meetings';
import { SERVICES_AUDIT } from './meeting-services.audit';
import { seedMeetingServicesDemo } from './meeting-services.demo';
import { SM } from './meeting-services.messages';
import { meetingServiceRoutes } from './meeting-services.routes';
import { MEETING_SERVICE_RULE_TABLES } from './meeting-services.ruletables';
import { SERVICES_WORKBENCH } from './meeting-services.workbench';
import { ServiceOrderService, TASK_FILES, taskFacts } from './services.service';

export { MEETING_SERVICE_RULE_TABLES } from './meeting-services.ruletables';

/**
 * Meeting services (会务服务): service orders on bookings (tea and water, nameplates, the
 * rostrum, AV, printed materials, staff on duty), checked against the frugality rule table,
 * and the service team's before / during / after tasks ticked on a phone with photos. It
 * reads bookings only through `modules/meetings/index.ts` and uses the meetings permissions
 * (book to order, manage to accept, serve to tick), so it is listed after meetings.
 */
export const meetingServicesModule = defineModule({
  name: 'meeting-services',
  audit: SERVICES_AUDIT,
  titleZh: '会务服务',
  titleEn: 'Meeting services',
  messages: [SM],
  ruleTables: MEETING_SERVICE_RULE_TABLES,
  workbench: SERVICES_WORKBENCH,
  // The service staff photograph the set-up and the cleared room on their phones.
  grants: { meeting_staff: [P['files.upload']] },
  attachmentOwners: {
    // Photos of a task: the assigned staff attaches them; whoever sees the order sees them.
    [TASK_FILES]: {
      canView: async (db, ctx, id) => {
        const t = await taskFacts(db, ctx, id);
        return !!t && (t.visible || t.assigneeId === ctx.account.id);
      },
      canAttach: async (db, ctx, id) => {
        const t = await taskFacts(db, ctx, id);
        return !!t && ctx.has(MP['meetings.serve']) && t.assigneeId === ctx.account.id;
      },
    },
  },
  routes: async (app, core) => {
    await app.register(meetingServiceRoutes, { svc: new ServiceOrderService(core) });
  },
  demo: { seed: seedMeetingServicesDemo },
});
