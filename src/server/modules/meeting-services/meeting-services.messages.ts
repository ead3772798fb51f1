import { defineMessages } from '../../core';

/** Error codes of the meeting-service module, in both languages. */
export const SM = defineMessages({
  SERVICE_FORBIDDEN_ITEM: {
    'zh-CN': '按照“{rule}”（第 {version} 版），{level}不得安排：{items}',
    en: 'Under "{rule}" (version {version}), a meeting of level "{level}" may not have: {items}',
  },
  SERVICE_BOOKING_STATE: {
    'zh-CN': '会议“{title}”当前为“{status}”，不能再申请会务服务',
    en: 'The meeting "{title}" is {status}; services can no longer be ordered for it',
  },
  SERVICE_ORDER_STATE: {
    'zh-CN': '会务服务单当前为“{status}”，不能{action}',
    en: 'The service order is {status} and cannot be {action}',
  },
  SERVICE_NOT_STAFF: {
    'zh-CN': '所选人员不是会务服务人员',
    en: 'The person chosen is not on the meeting service staff',
  },
  SERVICE_NO_RULE: { 'zh-CN': '会务厉行节约规定或检查清单尚未配置', en: 'The frugality rules or checklists are not configured' },
  SERVICE_TASK_LINE: { 'zh-CN': '检查清单没有第 {line} 项', en: 'The checklist has no line {line}' },
  SERVICE_TASK_NOT_MINE: { 'zh-CN': '只有被指派的服务人员可以勾选', en: 'Only the assigned service staff can tick this' },
});
