import { defineMessages } from '../../core';

/** Stable error codes of the meetings module, in both languages. */
export const M = defineMessages({
  MEETING_ROOM_TAKEN: {
    'zh-CN': '会议室“{room}”在 {from} 至 {until}（含布置时间）已被占用{title}，请另选时间或会议室',
    en: 'Room "{room}" is taken from {from} to {until} (set-up time included){title}; choose another time or room',
  },
  MEETING_OVER_CAPACITY: {
    'zh-CN': '参会人数 {attendees} 超过会议室“{room}”的容纳人数 {capacity}',
    en: '{attendees} attendees exceed the capacity of room "{room}" ({capacity})',
  },
  MEETING_IN_PAST: { 'zh-CN': '不能预订已经过去的时间', en: 'A time already past cannot be booked' },
  MEETING_TOO_FAR: {
    'zh-CN': '会议最多只能提前 {days} 天预订',
    en: 'Meetings can be booked at most {days} days ahead',
  },
  MEETING_TOO_LONG: { 'zh-CN': '单次会议不能超过 {hours} 小时', en: 'One meeting cannot last more than {hours} hours' },
  MEETING_CLOSED: {
    'zh-CN': '所选时段不在会议室“{room}”的开放时间内（{hours}）',
    en: 'The time is outside the opening hours of room "{room}" ({hours})',
  },
  MEETING_ROOM_INACTIVE: { 'zh-CN': '会议室“{room}”已停用', en: 'Room "{room}" is no longer in use' },
  MEETING_SERIES_TOO_MANY: {
    'zh-CN': '周期会议最多 {max} 次，请缩短周期或减少次数',
    en: 'A series has at most {max} occurrences; shorten it',
  },
  MEETING_SERIES_CONFLICTS: {
    'zh-CN': '会议室在以下日期已被占用，整组未预订：{dates}',
    en: 'The room is taken on these dates, so nothing was booked: {dates}',
  },
  MEETING_SERIES_NONE_FREE: { 'zh-CN': '周期内没有一场可以预订', en: 'No occurrence of the series is free' },
  MEETING_STATE: {
    'zh-CN': '会议当前为“{status}”，不能{action}',
    en: 'The meeting is {status} and cannot be {action}',
  },
  MEETING_CHECKIN_WINDOW: {
    'zh-CN': '签到时间为 {from} 至 {until}',
    en: 'Check-in is open from {from} to {until}',
  },
  MEETING_NOT_ORGANISER: { 'zh-CN': '只有会议组织人或会务服务中心可以操作', en: 'Only the organiser or the service centre may do this' },
  MEETING_SIGNIN_CLOSED: {
    'zh-CN': '会议签到时间为 {from} 至 {until}',
    en: 'Sign-in for this meeting is open from {from} to {until}',
  },
  MEETING_SIGNIN_NO_PERSON: {
    'zh-CN': '当前账号未关联人员，不能签到',
    en: 'This account is not linked to a person and cannot sign in',
  },
  MEETING_SIGNIN_TOKEN: { 'zh-CN': '签到码无效', en: 'The sign-in code is not valid' },
  MEETING_DISPLAY_TOKEN: { 'zh-CN': '门牌屏令牌无效或已吊销', en: 'The display token is not valid or was revoked' },
  MEETING_NO_RULE: { 'zh-CN': '没有生效的会议室预订规则', en: 'No meeting booking rule is in force' },
  MEETING_OFFICE_ROOM_USE: {
    'zh-CN': '登记房间的用途须为会议室、报告厅、多功能厅或接待室',
    en: 'The registry room must be used as a meeting room, lecture hall, multi-function hall or reception room',
  },
  MEETING_OFFICE_ROOM_LINKED: { 'zh-CN': '该登记房间已是会议室', en: 'That registry room is already a meeting room' },
  MEETING_SERIES_FROM: { 'zh-CN': '该日期之后没有可修改的场次', en: 'No occurrence to change on or after that day' },
});
