import { defineMessages } from '../../core';

/** Error codes of the training module and the wording of each settlement check, in both languages. */
export const TM = defineMessages({
  TRAINING_NO_RULE: { 'zh-CN': '没有生效的培训费开支标准', en: 'No training fee caps are in force' },
  TRAINING_NO_CATEGORY: { 'zh-CN': '培训费开支标准中没有该类培训', en: 'The training fee caps have no such category' },
  TRAINING_ROOM_TAKEN: { 'zh-CN': '房间号 {number} 已存在', en: 'Room {number} already exists' },
  TRAINING_BED_TAKEN: {
    'zh-CN': '该床位 {night} 已分配给他人（同一床位同一晚只能住一人）',
    en: 'The bed is already taken on {night} (one person per bed per night)',
  },
  TRAINING_TRAINEE_HAS_BED: { 'zh-CN': '{name} 已分配床位', en: '{name} already has a bed' },
  TRAINING_NOT_ALLOCATED: { 'zh-CN': '{name} 尚未分配床位', en: '{name} has no bed yet' },
  TRAINING_ALREADY_IN: { 'zh-CN': '{name} 已办理入住', en: '{name} has already checked in' },
  TRAINING_NOT_IN: { 'zh-CN': '{name} 尚未入住或已退房', en: '{name} is not checked in' },
  TRAINING_CLASS_SETTLED: { 'zh-CN': '该培训班已结算，不能再修改', en: 'The class is settled and can no longer change' },
  TRAINING_CLASS_DATES: {
    'zh-CN': '结束日期不能早于开始日期，培训期不超过 {max} 天',
    en: 'The end cannot be before the start, and a class lasts at most {max} days',
  },
  TRAINING_HOUSEKEEPING: {
    'zh-CN': '房间当前为“{from}”，不能改为“{to}”',
    en: 'The room is {from} and cannot become {to}',
  },
  TRAINING_BED_OTHER_CENTRE: { 'zh-CN': '床位不属于该培训班的培训中心', en: "The bed is not in the class's training centre" },
  TRAINING_CENTRE_ORG: { 'zh-CN': '培训中心应属于机关事务局或单位', en: 'A training centre belongs to the bureau or a unit' },
  // Housekeeping statuses as named in messages.
  TRAINING_HK_DIRTY: { 'zh-CN': '待清扫', en: 'to be cleaned' },
  TRAINING_HK_CLEAN: { 'zh-CN': '已清扫', en: 'cleaned' },
  TRAINING_HK_INSPECTED: { 'zh-CN': '已检查', en: 'inspected' },
  // Settlement checks (saved as codes and params, shown in the reader's language).
  TCHECK_ARRIVAL_OK: { 'zh-CN': '报到 {n} 天，未超过 {max} 天', en: 'Arrival {n} day(s), within {max}' },
  TCHECK_ARRIVAL_FAIL: {
    'zh-CN': '报到 {n} 天，超过 {max} 天（超出部分不计入）',
    en: 'Arrival {n} day(s): at most {max} (the rest not counted)',
  },
  TCHECK_DEPARTURE_OK: { 'zh-CN': '撤离 {n} 天，未超过 {max} 天', en: 'Departure {n} day(s), within {max}' },
  TCHECK_DEPARTURE_FAIL: {
    'zh-CN': '撤离 {n} 天，超过 {max} 天（超出部分不计入）',
    en: 'Departure {n} day(s): at most {max} (the rest not counted)',
  },
  TCHECK_TOTAL_OK: {
    'zh-CN': '费用合计 {total} 元，未超过上限 {cap} 元（{rate} 元/人·天 × {trainees} 人 × {days} 天，其中 {longDays} 天按 {longRate} 元）',
    en: 'Total {total} yuan is within the cap of {cap} yuan ({rate} yuan per person per day × {trainees} × {days} days, {longDays} of them at {longRate})',
  },
  TCHECK_TOTAL_FAIL: {
    'zh-CN':
      '费用合计 {total} 元，超过上限 {cap} 元 {excess} 元（{rate} 元/人·天 × {trainees} 人 × {days} 天，其中 {longDays} 天按 {longRate} 元）',
    en: 'Total {total} yuan exceeds the cap of {cap} yuan by {excess} ({rate} yuan per person per day × {trainees} × {days} days, {longDays} of them at {longRate})',
  },
});
