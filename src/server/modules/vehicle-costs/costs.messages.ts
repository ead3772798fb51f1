import { defineMessages } from '../../core';

/** Error codes of the running-cost side, and the wording of each anomaly, in both languages. */
export const CM = defineMessages({
  VCOST_NO_RULE: { 'zh-CN': '没有生效的公务用车运行费用规则', en: 'No vehicle running-cost rule is in force' },
  VCOST_VENDOR_EXISTS: { 'zh-CN': '已有同类同名的单位“{name}”', en: 'A vendor of this kind named "{name}" already exists' },
  VCOST_VENDOR_KIND: {
    'zh-CN': '“{name}”不是{kind}类的定点单位',
    en: '"{name}" is not a vendor of the kind {kind}',
  },
  VCOST_VEHICLE_DISPOSED: {
    'zh-CN': '车辆 {plate} 已处置，不能再登记费用',
    en: 'Vehicle {plate} has been disposed of: no more costs can be recorded',
  },
  VCOST_BEFORE_PURCHASE: {
    'zh-CN': '日期 {date} 早于车辆 {plate} 的购置日期 {purchaseDate}',
    en: 'Date {date} is before vehicle {plate} was purchased ({purchaseDate})',
  },
  VCOST_IN_FUTURE: { 'zh-CN': '日期 {date} 晚于今天，不能预先登记费用', en: 'Date {date} is in the future' },
  VCOST_CARD_UNKNOWN: { 'zh-CN': '油卡 {cardNo} 未绑定车辆', en: 'Fuel card {cardNo} is not assigned to a vehicle' },
  VCOST_PLATE_UNKNOWN: {
    'zh-CN': '号牌 {plate} 不是您可登记费用的在册车辆',
    en: 'Plate {plate} is not a vehicle you may record costs for',
  },
  VCOST_TIME: {
    'zh-CN': '时间“{value}”格式不正确，应为 2026-03-02 09:15 或带时区的 ISO 8601',
    en: 'Time "{value}" is not valid: use 2026-03-02 09:15 or ISO 8601 with an offset',
  },
  VCOST_DUPLICATE_IN_FILE: { 'zh-CN': '交易号 {id} 在文件中重复', en: 'Transaction {id} appears twice in the file' },
  VCOST_NOT_PENDING: { 'zh-CN': '该异常不是待处理状态', en: 'This anomaly is not open' },
  // Anomaly findings (shown in the reader's language).
  VANOM_FUEL_CONSUMPTION: {
    'zh-CN': '{month} 百公里能耗 {per100} {unit}，超过{basis}中位数 {median} 的 {factor} 倍（{quantity} {unit} / {km} km）',
    en: '{month}: {per100} {unit}/100 km, above {factor} × the {basis} median of {median} ({quantity} {unit} over {km} km)',
  },
  VANOM_REFUEL_WITHOUT_TRIP: {
    'zh-CN': '{date} 加油（充电）{quantity} {unit}，当天无出车记录',
    en: '{date}: {quantity} {unit} filled with no trip that day',
  },
  VANOM_REFUEL_OVER_TANK: {
    'zh-CN': '{date} 单次加注 {quantity} {unit}，超过油箱（电池）容量 {capacity} {unit}',
    en: '{date}: {quantity} {unit} in one fill, more than the {capacity} {unit} capacity',
  },
  VANOM_ODOMETER_BACKWARDS: {
    'zh-CN': '{date} 里程读数 {km} km，低于此前的 {previous} km',
    en: '{date}: odometer {km} km, below the earlier {previous} km',
  },
  VANOM_REST_DAY_TRIP: {
    'zh-CN': '{date} 为节假日，出车未经节假日用车审批',
    en: '{date} is a rest day and the trip had no rest-day approval',
  },
  VANOM_SEALED_USE: {
    'zh-CN': '{date} 车辆处于封存状态，仍有{use}记录',
    en: '{date}: the vehicle was sealed, yet a {use} was recorded',
  },
  VANOM_NON_DESIGNATED: {
    'zh-CN': '{date} 在“{vendor}”发生费用 {amount} 元：{flag}',
    en: '{date}: {amount} yuan at "{vendor}": {flag}',
  },
  VANOM_INSURANCE_EXPIRED: {
    'zh-CN': '保险已于 {end} 到期，{asOf} 无有效保单',
    en: 'Insurance ended on {end}; no policy in force on {asOf}',
  },
  VANOM_INSPECTION_OVERDUE: {
    'zh-CN': '年检应于 {due} 前完成，已逾期',
    en: 'The annual inspection was due by {due} and is overdue',
  },
});
