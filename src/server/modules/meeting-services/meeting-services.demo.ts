import { sql } from 'drizzle-orm';
import { SERVICE_PHASES } from '../../../contracts/modules/meeting-services';
import { type CoreServices, type ModuleDemoContext, cnToday, num, queryRows, ruleInForce } from '../../core';
import { meetingBookingsView } from '../meetings';
import { MEETING_SERVICE_CHECKLISTS } from './meeting-services.ruletables';

/**
 * Service orders in each state on the meetings demo's bookings of the bureau's rooms: one
 * submitted (for the desk to accept), one accepted and one half ticked (on `meeting_staff`'s
 * phone), one cancelled, and one done on a past meeting.
 */
export async function seedMeetingServicesDemo(core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  const db = core.db;
  const staffId = ctx.accounts.get('meeting_staff');
  const lists = await ruleInForce(db, MEETING_SERVICE_CHECKLISTS, cnToday());
  if (!staffId || !lists) return;
  const tenantId = ctx.bureau.tenantId;
  const pick = (status: string, future: boolean, n: number) =>
    queryRows<{ id: number; org_id: number; room_org_id: number; created_by: number; attendees: number; start_at: string }>(
      db,
      sql`select b.id, b.org_id, b.room_org_id, b.created_by, b.attendees, b.start_at from ${meetingBookingsView()} b
          where b.tenant_id = ${tenantId} and b.status = ${status} and b.room_org_id = ${ctx.bureau.id}
            and ${future ? sql`b.start_at > now()` : sql`b.start_at < now()`}
          order by ${future ? sql`b.start_at asc` : sql`b.start_at desc`}, b.id limit ${n}`,
    );
  const upcoming = await pick('booked', true, 4);
  const past = await pick('finished', false, 1);
  const plan: [(typeof upcoming)[number] | undefined, string][] = [
    [upcoming[0], 'in_progress'],
    [upcoming[1], 'accepted'],
    [upcoming[2], 'submitted'],
    [upcoming[3], 'cancelled'],
    [past[0], 'done'],
  ];
  const names = ['张明', '李华', '王强', '赵敏', '陈静', '刘洋', '周涛'];
  for (const [b, status] of plan) {
    if (!b) continue;
    const people = Math.min(names.length, Math.max(3, num(b.attendees)));
    const accepted = status !== 'submitted' && status !== 'cancelled';
    const [o] = await queryRows<{ id: number }>(
      db,
      sql`insert into meeting_service_orders (tenant_id, booking_id, org_id, room_org_id, status, tea_count, water_count, nameplates, rostrum,
            av, printed_materials, printed_copies, staff_on_duty, items, frugality_version, created_by, assignee_id, accepted_at, done_at,
            cancelled_at, cancel_reason)
          values (${tenantId}, ${b.id}, ${b.org_id}, ${b.room_org_id}, ${status}, ${num(b.attendees)}, ${num(b.attendees)},
            ${JSON.stringify(names.slice(0, people))}::jsonb, ${JSON.stringify(names.slice(0, 5))}::jsonb, ${JSON.stringify(['projector', 'microphones'])}::jsonb,
            ${'会议议程及汇报材料'}, ${num(b.attendees)}, 1, ${JSON.stringify(['pens_paper'])}::jsonb, 1, ${b.created_by},
            ${accepted ? staffId : null}, ${accepted ? sql`now()` : null}, ${status === 'done' ? sql`${b.start_at}::timestamptz` : null},
            ${status === 'cancelled' ? sql`now()` : null}, ${status === 'cancelled' ? '会议改为视频形式，无需现场服务' : null})
          returning id`,
    );
    if (!accepted) continue;
    for (const phase of SERVICE_PHASES) {
      // Done: every line ticked; in progress: the set-up ticked; accepted: nothing yet.
      const ticked = status === 'done' || (status === 'in_progress' && phase === 'before');
      const lines = lists.data[phase].map((l) => ({
        zh: l.zh,
        en: l.en,
        done: ticked,
        doneAt: ticked ? new Date(b.start_at).toISOString() : null,
        doneBy: ticked ? staffId : null,
      }));
      await db.execute(
        sql`insert into meeting_service_tasks (tenant_id, order_id, phase, assignee_id, status, checklist, done_at)
            values (${tenantId}, ${num(o!.id)}, ${phase}, ${staffId}, ${ticked ? 'done' : 'open'}, ${JSON.stringify(lines)}::jsonb,
              ${ticked ? sql`${b.start_at}::timestamptz` : null})`,
      );
    }
  }
}
