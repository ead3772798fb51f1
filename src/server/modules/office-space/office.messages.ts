import { defineMessages } from '../../core';

/** Stable error codes of the office-space module, in both languages. */
export const M = defineMessages({
  OFFICE_FLOOR_SCOPE: {
    'zh-CN': '无权在该楼层登记房间：楼栋由“{owner}”管理',
    en: 'You may not register rooms on this floor: the building is managed by "{owner}"',
  },
  OFFICE_ROOM_NUMBER_TAKEN: { 'zh-CN': '该楼层已有房间号 {number}', en: 'Room {number} already exists on this floor' },
  OFFICE_OCCUPANCY_OVERLAP: {
    'zh-CN': '{room} 是单人使用的领导办公室，{from} 起已由 {person} 使用，时间重叠',
    en: '{room} is a single-occupant leader suite already used by {person} from {from}; the periods overlap',
  },
  OFFICE_SECOND_PRIMARY: {
    'zh-CN': '{person} 在 {from} 起已有主办公室 {room}；兼职办公室请选择“兼职用房”',
    en: '{person} already has a primary office {room} from {from}; choose "concurrent post" for an extra room',
  },
  OFFICE_PERSON_INACTIVE: { 'zh-CN': '{person} 已{status}，不能再分配办公室', en: '{person} is {status} and cannot be given an office' },
  OFFICE_ROOM_INACTIVE: {
    'zh-CN': '房间 {room} 已被合并或分隔，不能再使用',
    en: 'Room {room} was merged or partitioned and is no longer in use',
  },
  OFFICE_NO_STANDARD: {
    'zh-CN': '职务级别 {postLevel} 在 {agencyLevel} 机关没有面积标准',
    en: 'Post level {postLevel} has no area standard at {agencyLevel} level',
  },
  OFFICE_NOT_OVER: { 'zh-CN': '{person} 的办公室面积未超标，无需整改', en: '{person} is within the standard; nothing to rectify' },
  OFFICE_MEASURE_INVALID: { 'zh-CN': '整改方案不成立：{reason}', en: 'The rectification plan does not hold: {reason}' },
  OFFICE_PARTITION_AREA: {
    'zh-CN': '分隔后各间面积之和 {sum} ㎡ 超过原房间 {area} ㎡',
    en: 'The parts add up to {sum} m², more than the room’s {area} m²',
  },
  OFFICE_SUITE_INVALID: { 'zh-CN': '套间设置有误：{reason}', en: 'Suite setting is invalid: {reason}' },
  OFFICE_ALLOCATION_INVALID: { 'zh-CN': '调配不成立：{reason}', en: 'The allocation does not hold: {reason}' },
  OFFICE_REPAIR_INVALID: { 'zh-CN': '维修改造申请不成立：{reason}', en: 'The repair request does not hold: {reason}' },
  OFFICE_REPAIR_AREA_CAP: {
    'zh-CN': '{kind}增加面积 {added} ㎡，超过允许的 {max} ㎡（原建筑面积 {gross} ㎡ 的 {share}%）',
    en: 'The {kind} adds {added} m², more than the {max} m² allowed ({share}% of the {gross} m² floor area)',
  },
  OFFICE_FINDING_CLOSED: { 'zh-CN': '该问题已整改销号', en: 'This finding is already closed' },
});
