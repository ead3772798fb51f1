import { defineMessages } from '../../core';

/** Error codes of the meeting-plans module and the wording of each fee check, in both languages. */
export const MPM = defineMessages({
  MPLAN_NO_RULE: { 'zh-CN': '没有生效的会议费开支标准', en: 'No meeting fee caps are in force' },
  MPLAN_NO_CLASS: { 'zh-CN': '会议费开支标准中没有{cls}会议', en: 'The meeting fee caps have no class {clsNo} meeting' },
  MPLAN_STATE: {
    'zh-CN': '会议计划当前状态为“{status}”，不能{action}',
    en: 'The meeting plan is {status} and cannot be {action}',
  },
  MPLAN_SPLIT_SUM: {
    'zh-CN': '住宿费、伙食费、其他费用合计 {sum} 元，与预算 {budget} 元不一致',
    en: 'Lodging, meals and other add up to {sum} yuan, not the budget of {budget} yuan',
  },
  MPLAN_ORG_KIND: { 'zh-CN': '会议计划应属于机关事务局或单位', en: 'A meeting plan belongs to the bureau or a unit' },
  // Statuses as named inside MPLAN_STATE.
  MPLAN_STATUS_DRAFT: { 'zh-CN': '草稿', en: 'a draft' },
  MPLAN_STATUS_PENDING: { 'zh-CN': '审批中', en: 'pending approval' },
  MPLAN_STATUS_APPROVED: { 'zh-CN': '已批准', en: 'approved' },
  MPLAN_STATUS_REJECTED: { 'zh-CN': '已驳回', en: 'rejected' },
  MPLAN_STATUS_RETURNED: { 'zh-CN': '已退回', en: 'returned' },
  MPLAN_STATUS_WITHDRAWN: { 'zh-CN': '已撤回', en: 'withdrawn' },
  MPLAN_STATUS_SETTLED: { 'zh-CN': '已结算', en: 'settled' },
  // The checks (saved with the plan: code and params, shown in the reader's language).
  MCHECK_BUDGET_OK: {
    'zh-CN': '预算 {budget} 元，未超过上限 {cap} 元（{perDay} 元/人·天 × {persons} 人 × {days} 天）',
    en: 'Budget {budget} yuan is within the cap of {cap} yuan ({perDay} yuan per person per day × {persons} people × {days} days)',
  },
  MCHECK_BUDGET_FAIL: {
    'zh-CN': '预算 {budget} 元，超过上限 {cap} 元（{perDay} 元/人·天 × {persons} 人 × {days} 天）{excess} 元',
    en: 'Budget {budget} yuan exceeds the cap of {cap} yuan ({perDay} yuan per person per day × {persons} people × {days} days) by {excess} yuan',
  },
  MCHECK_DAYS_OK: { 'zh-CN': '会期 {days} 天，未超过 {max} 天', en: '{days} days, within the {max}-day limit' },
  MCHECK_DAYS_FAIL: {
    'zh-CN': '会期 {days} 天，超过{cls}会议最多 {max} 天',
    en: '{days} days: a class {clsNo} meeting lasts at most {max} days',
  },
  MCHECK_DAYS_NONE: {
    'zh-CN': '{cls}会议会期按批准执行，无统一上限',
    en: 'A class {clsNo} meeting has no general day limit (as approved)',
  },
  MCHECK_ATTENDEES_OK: { 'zh-CN': '参会 {n} 人，未超过 {max} 人', en: '{n} attendees, within the limit of {max}' },
  MCHECK_ATTENDEES_FAIL: {
    'zh-CN': '参会 {n} 人，超过{cls}会议最多 {max} 人',
    en: '{n} attendees: a class {clsNo} meeting has at most {max}',
  },
  MCHECK_ATTENDEES_NONE: { 'zh-CN': '{cls}会议人数按批准执行，无统一上限', en: 'A class {clsNo} meeting has no general attendee limit' },
  MCHECK_STAFF_OK: {
    'zh-CN': '工作人员 {staff} 人，未超过参会人数的 {pct}%（{max} 人）',
    en: '{staff} staff, within {pct}% of the attendees ({max})',
  },
  MCHECK_STAFF_FAIL: {
    'zh-CN': '工作人员 {staff} 人，超过参会人数的 {pct}%（最多 {max} 人）',
    en: '{staff} staff: at most {pct}% of the attendees ({max})',
  },
  MCHECK_STAFF_NONE: { 'zh-CN': '{cls}会议工作人员按批准执行，无统一比例', en: 'A class {clsNo} meeting has no general staff share' },
});
