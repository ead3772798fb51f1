import { defineMessages } from '../../core';

/** Error codes of the energy module and the wording of its findings, in both languages. */
export const EM = defineMessages({
  ENERGY_NO_RULE: { 'zh-CN': '没有生效的节能参数或折标系数', en: 'No energy rule or coefficient table is in force' },
  ENERGY_METER_CODE_EXISTS: { 'zh-CN': '表号“{code}”已被使用', en: 'Meter code "{code}" is already in use' },
  ENERGY_METER_ORG_KIND: { 'zh-CN': '计量器具只能属于单位，不能属于内设机构', en: 'A meter belongs to a unit, not a department' },
  ENERGY_PARENT_TYPE: {
    'zh-CN': '上级表“{name}”的能源种类不同，不能作为其总表',
    en: 'Parent meter "{name}" measures another energy type',
  },
  ENERGY_PARENT_CYCLE: { 'zh-CN': '上级表不能是本表或其下级表', en: 'A meter cannot sit under itself or its own sub-meter' },
  ENERGY_DOUBLE_TOTAL: {
    'zh-CN': '“{name}”已计入单位总量，其上级或下级表不能再计入（避免重复计算）',
    en: '"{name}" already counts in the totals: a meter above or below it cannot count too (it would be counted twice)',
  },
  ENERGY_SITE_MISMATCH: { 'zh-CN': '所选楼宇不属于所选办公区', en: 'The building is not on the chosen site' },
  ENERGY_HAS_READINGS: {
    'zh-CN': '该表已有读数，不能修改其倍率之外的计量属性；请停用后新建',
    en: 'The meter has readings: retire it and create a new one',
  },
  ENERGY_METER_IN_USE: {
    'zh-CN': '该表已有读数、账单或下级表，不能删除；请改为停用',
    en: 'The meter has readings, bills or sub-meters and cannot be deleted: retire it instead',
  },
  ENERGY_NOT_REGISTER: { 'zh-CN': '“{name}”是账单户头，没有表底数', en: '"{name}" is a bill account: it has no register readings' },
  ENERGY_METER_RETIRED: { 'zh-CN': '表计“{name}”已停用', en: 'Meter "{name}" is retired' },
  ENERGY_READING_FUTURE: { 'zh-CN': '读数时间 {ts} 晚于当前时间', en: 'Reading time {ts} is in the future' },
  ENERGY_READING_EXISTS: {
    'zh-CN': '“{name}”在 {ts} 已有读数 {value}；如需更改请使用更正',
    en: '"{name}" already has a reading at {ts} ({value}); correct it instead',
  },
  ENERGY_READING_NOT_FOUND: { 'zh-CN': '没有该时间的读数', en: 'No reading at that time' },
  ENERGY_MONTH_FUTURE: { 'zh-CN': '{month} 尚未结束，不能录入月末读数', en: '{month} has not ended yet' },
  ENERGY_BILL_EXISTS: { 'zh-CN': '“{name}”{month} 的账单已录入', en: 'The bill of "{name}" for {month} is already entered' },
  ENERGY_REPORT_LOCKED: { 'zh-CN': '年报已提交，审批中或已通过，不能修改', en: 'The report has been submitted and cannot be changed' },
  ENERGY_REPORT_REASON: {
    'zh-CN': '“{field}”与读数汇总值不同，请说明原因',
    en: '"{field}" differs from what the readings give: give the reason',
  },
  ENERGY_REPORT_YEAR: { 'zh-CN': '{year} 年尚未结束，不能填报年报', en: 'Year {year} has not ended yet' },
  ENERGY_EXPLANATION_STATE: { 'zh-CN': '该情况说明当前不能提交', en: 'This explanation cannot be submitted now' },
  ENERGY_ANOMALY_NOT_OPEN: { 'zh-CN': '该异常不是待处理状态', en: 'This anomaly is not open' },
  ENERGY_PATROL_NOT_BREACH: {
    'zh-CN': '设定温度 {setpoint} ℃ 符合规定（夏季不低于 {summer} ℃、冬季不高于 {winter} ℃），不构成问题',
    en: 'A setpoint of {setpoint} °C complies (summer at least {summer} °C, winter at most {winter} °C)',
  },
  ENERGY_PATROL_SEASON: { 'zh-CN': '{month} 月不属于该类空调问题的季节', en: 'Month {month} is not in that season' },
  ENERGY_ROOM_ORG: { 'zh-CN': '所选房间不属于该单位', en: 'The room does not belong to that unit' },
  ENERGY_ASSESSMENT_PUBLISHED: { 'zh-CN': '{year} 年考核结果已发布', en: 'The assessment of {year} is already published' },
  // Reasons a batch row is rejected (shown per row).
  ENERGY_ROW_INVALID: { 'zh-CN': '行格式不正确：需要 meterId、ts、value', en: 'Malformed row: needs meterId, ts and value' },
  ENERGY_ROW_UNKNOWN_METER: { 'zh-CN': '表计 {meterId} 不存在或无权上传', en: 'Meter {meterId} does not exist or is not yours to feed' },
  ENERGY_ROW_NOT_REGISTER: { 'zh-CN': '表计 {meterId} 是账单户头，没有读数', en: 'Meter {meterId} is a bill account' },
  ENERGY_ROW_RETIRED: { 'zh-CN': '表计 {meterId} 已停用', en: 'Meter {meterId} is retired' },
  ENERGY_ROW_TIME: { 'zh-CN': '时间须为带时区的 ISO 8601', en: 'ts must be ISO 8601 with an offset' },
  ENERGY_ROW_FUTURE: { 'zh-CN': '时间晚于当前时间', en: 'ts is in the future' },
  ENERGY_ROW_VALUE: { 'zh-CN': '读数须为 0 到 10^12 之间的数字', en: 'value must be a number from 0 to 10^12' },
  // Anomaly wording.
  ENERGY_A_WATER_LOSS: {
    'zh-CN': '{month} 总表 {master} m³，分表合计 {subs} m³，漏损率 {share}%（超过 {threshold}%）',
    en: '{month}: master {master} m³, sub-meters {subs} m³, loss {share}% (above {threshold}%)',
  },
  ENERGY_A_SUBMETER_GAP: {
    'zh-CN': '{month} 总表 {master}，分表合计 {subs}，差异 {share}%（超过 {threshold}%）',
    en: '{month}: master {master}, sub-meters {subs}, gap {share}% (above {threshold}%)',
  },
  ENERGY_A_BASELOAD: {
    'zh-CN': '{from} 至 {to}：夜间负荷为白天的 {night}%，休息日为 {rest}%（上限 {max}%）',
    en: '{from} to {to}: night load {night}% and rest-day load {rest}% of working daytime (limit {max}%)',
  },
  ENERGY_A_JUMP: {
    'zh-CN': '{ts} 读数用量 {delta}，约为该表近期水平的 {times} 倍',
    en: 'Reading at {ts}: consumption {delta}, about {times}× the meter’s recent level',
  },
  ENERGY_A_NEGATIVE: {
    'zh-CN': '{ts} 读数 {value} 小于上次读数 {prev}（负用量，未计入）',
    en: 'Reading at {ts} ({value}) is below the previous one ({prev}): negative, not counted',
  },
  ENERGY_A_STOPPED: {
    'zh-CN': '最后一次读数在 {last}，已 {hours} 小时没有数据',
    en: 'Last reading at {last}: nothing for {hours} hours',
  },
  ENERGY_A_MISSING_MONTH: { 'zh-CN': '缺少 {month} 月末读数', en: 'No reading for the end of {month}' },
});
