import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the meeting-plan records and fields. */
export const MEETING_PLANS_AUDIT = defineAuditVocabulary({
  entities: {
    meeting_plan: { zh: '会议计划', en: 'Meeting plan' },
  },
  actions: {
    settle: { zh: '结算', en: 'Settle' },
  },
  fields: {
    meetingClass: { zh: '会议类别', en: 'Meeting class' },
    days: { zh: '会期（天）', en: 'Days' },
    attendees: { zh: '参会人数', en: 'Attendees' },
    staff: { zh: '工作人员数', en: 'Staff' },
    budget: { zh: '预算', en: 'Budget', kind: 'money' },
    budgetLodging: { zh: '住宿费预算', en: 'Lodging budget', kind: 'money' },
    budgetMeals: { zh: '伙食费预算', en: 'Meals budget', kind: 'money' },
    budgetOther: { zh: '其他费用预算', en: 'Other budget', kind: 'money' },
    lodging: { zh: '住宿费', en: 'Lodging', kind: 'money' },
    meals: { zh: '伙食费', en: 'Meals', kind: 'money' },
    other: { zh: '其他费用', en: 'Other costs', kind: 'money' },
    total: { zh: '合计', en: 'Total', kind: 'money' },
    venue: { zh: '会议地点', en: 'Venue' },
    startDate: { zh: '开始日期', en: 'Start date', kind: 'day' },
  },
  values: {
    draft: { zh: '草稿', en: 'draft' },
    settled: { zh: '已结算', en: 'settled' },
  },
});
