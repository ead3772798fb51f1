import { defineMessages } from '../../core';

/** Stable error codes of the vehicles module, and the wording of each cap check, in both languages. */
export const M = defineMessages({
  VEHICLE_BOOKED: {
    'zh-CN': '该车辆在所选时段已有派车（时段不能重叠）',
    en: 'The vehicle is already booked for an overlapping time',
  },
  VEHICLE_DRIVER_BOOKED: {
    'zh-CN': '该驾驶员在所选时段已有出车任务（时段不能重叠）',
    en: 'The driver is already booked for an overlapping time',
  },
  VEHICLE_PLATE_TAKEN: { 'zh-CN': '号牌 {plate} 已登记在用', en: 'Plate {plate} is already registered' },
  VEHICLE_NOT_DISPATCHABLE: {
    'zh-CN': '车辆 {plate} 当前状态为“{status}”，不能派车',
    en: 'Vehicle {plate} is {status} and cannot be dispatched',
  },
  VEHICLE_SEALED: {
    'zh-CN': '车辆 {plate} 已封存，只有经节假日用车审批的申请可以派用',
    en: 'Vehicle {plate} is sealed: only a trip approved for a rest day may use it',
  },
  VEHICLE_SEATS: {
    'zh-CN': '车辆 {plate} 只有 {seats} 座，乘车人数 {passengers}',
    en: 'Vehicle {plate} has {seats} seats for {passengers} passengers',
  },
  VEHICLE_ODOMETER_BACKWARDS: {
    'zh-CN': '里程表读数 {value} km 小于已记录的 {last} km，里程不能倒退',
    en: 'Odometer {value} km is below the recorded {last} km; the odometer cannot go backwards',
  },
  VEHICLE_TRIP_NEEDS_REASON: {
    'zh-CN': '{problems}。如情况属实，请填写原因后再提交',
    en: '{problems}. If this is right, give the reason and submit again',
  },
  // Trip plausibility problems (each is one sentence of the message above, and of the flag shown to the dispatcher).
  TRIP_EARLY_START: { 'zh-CN': '出车时间比预约开始时间早 {minutes} 分钟', en: 'Started {minutes} minutes before the booked start' },
  TRIP_LATE_START: { 'zh-CN': '出车时间比预约结束时间晚 {minutes} 分钟', en: 'Started {minutes} minutes after the booked end' },
  TRIP_ODOMETER_BELOW_LAST: {
    'zh-CN': '出车里程表读数 {km} km 低于该车上次记录的 {last} km',
    en: "Odometer {km} km at departure is below the vehicle's last reading of {last} km",
  },
  TRIP_FINISH_BEFORE_START: { 'zh-CN': '收车时间早于出车时间', en: 'Finished before the trip started' },
  TRIP_SPEED: {
    'zh-CN': '{minutes} 分钟行驶 {km} km，平均时速超过 {max} km/h',
    en: '{km} km in {minutes} minutes: an average above {max} km/h',
  },
  VEHICLE_DRIVER_NOT_REGISTERED: { 'zh-CN': '该人员未登记为驾驶员或已停用', en: 'This person is not an active registered driver' },
  VEHICLE_DRIVER_LICENCE: {
    'zh-CN': '驾驶员 {name} 的驾驶证 {expiry} 到期，早于出车结束时间',
    en: "Driver {name}'s licence expires on {expiry}, before the trip ends",
  },
  VEHICLE_DRIVER_EXISTS: { 'zh-CN': '该人员已登记为驾驶员', en: 'This person is already a registered driver' },
  VEHICLE_STATE: { 'zh-CN': '当前状态下不能执行该操作：{reason}', en: 'Not allowed in the current state: {reason}' },
  VEHICLE_DISPOSAL_OPEN: { 'zh-CN': '车辆 {plate} 已有未办结的处置申请', en: 'Vehicle {plate} already has an open disposal request' },
  VEHICLE_DELIVERY_MISMATCH: {
    'zh-CN': '交付信息与批准的申请不符：{reason}',
    en: 'Delivery does not match the approved request: {reason}',
  },
  VEHICLE_NO_RULE: { 'zh-CN': '没有生效的公务用车配备标准', en: 'No vehicle caps rule is in force' },
  VEHICLE_NO_PLAUSIBILITY_RULE: {
    'zh-CN': '没有生效的出车收车记录合理性规则',
    en: 'No trip record plausibility rule is in force',
  },
  // Check wording (shown with each purchase or transfer request in the reader's language).
  VCHECK_PRICE_OK: { 'zh-CN': '价格 {price} 元，未超过 {cap} 元上限', en: 'Price {price} yuan is within the {cap} yuan cap' },
  VCHECK_PRICE_FAIL: { 'zh-CN': '价格 {price} 元，超过 {cap} 元上限', en: 'Price {price} yuan exceeds the {cap} yuan cap' },
  VCHECK_PRICE_NONE: { 'zh-CN': '配备标准未规定该类车辆的价格上限', en: 'The caps set no price limit for this kind of vehicle' },
  VCHECK_WHERE_NEEDED_OK: {
    'zh-CN': '按“确有需要”上限配备，理由：{reason}',
    en: 'The higher "where needed" cap is claimed, with the reason: {reason}',
  },
  VCHECK_WHERE_NEEDED_REASON: {
    'zh-CN': '按“确有需要”上限配备须书面说明理由',
    en: 'Claiming the higher "where needed" cap needs a written reason',
  },
  VCHECK_WHERE_NEEDED_NONE: {
    'zh-CN': '该类车辆没有“确有需要”的更高上限',
    en: 'This kind of vehicle has no higher "where needed" cap',
  },
  VCHECK_DISPLACEMENT_OK: { 'zh-CN': '排量 {value} L，未超过 {cap} L', en: 'Displacement {value} L is within the {cap} L cap' },
  VCHECK_DISPLACEMENT_FAIL: { 'zh-CN': '排量 {value} L，超过 {cap} L 上限', en: 'Displacement {value} L exceeds the {cap} L cap' },
  VCHECK_DISPLACEMENT_NONE: { 'zh-CN': '不适用排量上限', en: 'No displacement cap applies' },
  VCHECK_DISPLACEMENT_MISSING: {
    'zh-CN': '未填写排量，无法核对 {cap} L 上限',
    en: 'No displacement given to check against the {cap} L cap',
  },
  VCHECK_DOMESTIC_OK: { 'zh-CN': '国产品牌', en: 'Domestic brand' },
  VCHECK_DOMESTIC_FAIL: { 'zh-CN': '公务用车应选用国产品牌', en: 'Official vehicles must be domestic brands' },
  VCHECK_SUV_OK: { 'zh-CN': '车身类型符合领导干部固定用车要求', en: "Body type is allowed for a leader's fixed car" },
  VCHECK_SUV_FAIL: { 'zh-CN': '领导干部固定用车不得配备越野车（SUV）', en: "A leader's fixed car may not be an SUV" },
  VCHECK_SUV_NA: { 'zh-CN': '非领导干部固定用车', en: "Not a leader's fixed car" },
  VCHECK_NEW_ENERGY_OK: { 'zh-CN': '新能源汽车（优先配备）', en: 'New-energy vehicle (preferred)' },
  VCHECK_NEW_ENERGY_REASON: {
    'zh-CN': '选用燃油车，已说明理由：{reason}',
    en: 'Fuel vehicle chosen, with the reason given: {reason}',
  },
  VCHECK_NEW_ENERGY_FAIL: {
    'zh-CN': '应优先配备新能源汽车；选用燃油车须书面说明理由',
    en: 'New-energy vehicles come first; a fuel vehicle needs a written reason',
  },
  VCHECK_QUOTA_OK: {
    'zh-CN': '在编 {actual} 辆、在途 {pending} 辆，控制数 {cap} 辆（编制 {quota} × {ratio}），可以配备',
    en: '{actual} held and {pending} in progress against a cap of {cap} ({quota} × {ratio}): within the cap',
  },
  VCHECK_QUOTA_FAIL: {
    'zh-CN': '在编 {actual} 辆、在途 {pending} 辆，已达控制数 {cap} 辆（编制 {quota} × {ratio}）',
    en: '{actual} held and {pending} in progress reach the cap of {cap} ({quota} × {ratio})',
  },
  VCHECK_QUOTA_REPLACEMENT: {
    'zh-CN': '本单位车辆更新，不增加车辆数',
    en: "Replacement of one of the unit's vehicles: the count does not grow",
  },
  VCHECK_REPLACEMENT_OK: {
    'zh-CN': '被更新车辆 {plate} 已使用 {years} 年、行驶 {km} km，达到更新条件（{minYears} 年或 {minKm} km）',
    en: 'Vehicle {plate} is {years} years old with {km} km: due for replacement ({minYears} years or {minKm} km)',
  },
  VCHECK_REPLACEMENT_FAIL: {
    'zh-CN': '被更新车辆 {plate} 仅使用 {years} 年、行驶 {km} km，未达到更新条件（{minYears} 年或 {minKm} km）',
    en: 'Vehicle {plate} is only {years} years old with {km} km: not due ({minYears} years or {minKm} km)',
  },
  VCHECK_RECEIVER_QUOTA_OK: {
    'zh-CN': '接收单位在编 {actual} 辆，控制数 {cap} 辆，可以接收',
    en: 'The receiving unit holds {actual} against a cap of {cap}: it can take the vehicle',
  },
  VCHECK_RECEIVER_QUOTA_FAIL: {
    'zh-CN': '接收单位在编 {actual} 辆，已达控制数 {cap} 辆',
    en: 'The receiving unit holds {actual}, at its cap of {cap}',
  },
});
