import { type CoreServices, type ModuleDemoContext, addDays, cnToday } from '../../core';
import { MeetingPlansService } from './plans.service';

/**
 * Demo meeting plans of 发改局 (u03), made through the real service and approval path: one
 * settled 三类 training meeting within its cap, one approved 二类 plan waiting for its
 * settlement, and one draft whose staff exceed the 10 % share (a failed check).
 */
export async function seedMeetingPlansDemo(core: CoreServices, ctx: ModuleDemoContext) {
  const unit = ctx.units.get('u03');
  const unitId = ctx.accounts.get('unit_a');
  const managerId = ctx.accounts.get('manager');
  const leaderId = ctx.accounts.get('leader');
  if (!unit || !unitId || !managerId || !leaderId) return;
  const ctxOf = async (id: number) => core.auth.contextFor(core.db, await core.auth.requireAccount(id), null, 'zh-CN', 'session');
  const [unitA, manager, leader] = [await ctxOf(unitId), await ctxOf(managerId), await ctxOf(leaderId)];
  const svc = new MeetingPlansService(core);
  const today = cnToday();
  const approve = async (planId: number) => {
    const p = await svc.submit(unitA, planId);
    await core.approvals.decide(manager, p.instanceId!, 'approve', { comment: '符合会议费标准，同意' });
    await core.approvals.decide(leader, p.instanceId!, 'approve', { comment: '同意' });
  };

  const settled = await svc.create(unitA, {
    orgId: unit.id,
    title: '全区发展改革业务培训会',
    meetingClass: 3,
    days: 2,
    attendees: 80,
    staff: 6,
    venue: '区行政会议中心（定点）',
    startDate: addDays(today, -40),
    budget: '90000.00',
    budgetLodging: '56000.00',
    budgetMeals: '22000.00',
    budgetOther: '12000.00',
  });
  await approve(settled.id);
  await svc.settle(unitA, settled.id, { attendees: 78, staff: 6, days: 2, lodging: '55692.00', meals: '21060.50', other: '13900.00' });

  const approved = await svc.create(unitA, {
    orgId: unit.id,
    title: '重点项目推进工作会议',
    meetingClass: 2,
    days: 1,
    attendees: 120,
    staff: 12,
    venue: '区行政会议中心（定点）',
    startDate: addDays(today, -3),
    budget: '78000.00',
  });
  await approve(approved.id);

  await svc.create(unitA, {
    orgId: unit.id,
    title: '营商环境专题座谈会',
    meetingClass: 4,
    days: 1,
    attendees: 40,
    staff: 6,
    venue: '发改局第一会议室',
    startDate: addDays(today, 12),
    budget: '9800.00',
  });
}
