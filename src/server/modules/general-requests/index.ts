import { type CoreServices, type ModuleDemoContext, defineModule } from '../../core';
import { generalRoutes } from './general.routes';
import { GENERAL_BUSINESS_TYPE, GeneralRequestService } from './general.service';
import { GENERAL_AUDIT } from './general.audit';

/**
 * Demo requests in every state, so the to-do lists, the timeline and the flow are visible on
 * first start: staff of unit A submits; unit_a, manager and leader act.
 */
export async function seedGeneralRequestDemo(core: CoreServices, { accounts }: ModuleDemoContext): Promise<void> {
  const svc = new GeneralRequestService(core);
  const ctxOf = async (username: string) =>
    core.auth.contextFor(core.db, await core.auth.requireAccount(accounts.get(username)!), null, 'zh-CN', 'session');
  const staff = await ctxOf('staff');
  const unitA = await ctxOf('unit_a');
  const manager = await ctxOf('manager');
  const leader = await ctxOf('leader');
  const submit = (title: string, category: 'purchase' | 'service' | 'venue' | 'other', content: string, amount: string | null) =>
    svc.create(staff, { title, category, content, amount });
  const a = await submit('申领 A4 复印纸 20 箱', 'purchase', '第四季度综合科日常办公用纸', '2600.00');
  await core.approvals.decide(unitA, a.instanceId!, 'approve', { comment: '同意，按季度用量核定' });
  await core.approvals.decide(manager, a.instanceId!, 'approve', { comment: '同意，从公物仓调剂优先' });
  const b = await submit('三楼小会议室投影仪维修', 'service', '投影仪灯泡损坏，影响周例会', '1800.00');
  await core.approvals.decide(unitA, b.instanceId!, 'approve', { comment: '情况属实' });
  await submit('借用机关大院多功能厅', 'venue', '12 月 10 日下午召开年度工作总结会，约 120 人', null);
  const d = await submit('购置档案密集架', 'purchase', '档案室库容不足，需增加密集架 6 组', '38000.00');
  await core.approvals.decide(unitA, d.instanceId!, 'approve', { comment: '同意' });
  await core.approvals.decide(manager, d.instanceId!, 'approve', { comment: '经核查确需增配，报局领导' });
  const e = await submit('更换办公桌椅', 'purchase', '部分桌椅破损', '12000.00');
  await core.approvals.decide(unitA, e.instanceId!, 'return', { reason: '请附破损清单和照片，并说明是否可从公物仓调剂' });
  void leader;
}

/** 通用事项申请: the core's general request (its permission `general.request` is the core's). */
export const generalRequestsModule = defineModule({
  name: 'general-requests',
  audit: GENERAL_AUDIT,
  titleZh: '通用事项申请',
  titleEn: 'General requests',
  businessTypes: [GENERAL_BUSINESS_TYPE],
  routes: async (app, core) => {
    await app.register(generalRoutes, { svc: new GeneralRequestService(core) });
  },
  demo: { seed: seedGeneralRequestDemo },
});
