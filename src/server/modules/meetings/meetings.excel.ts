import { MEETING_BOOKING_STATUS_LABELS, MEETING_LEVEL_LABELS } from '../../../contracts/modules/meetings';
import { cnDateTime } from '../../../contracts/dates';
import { type ExcelColumn, loadExcelJS } from '../../core';

const opts = (labels: Record<string, { zh: string; en: string }>) =>
  Object.entries(labels).map(([code, l]) => ({ code, labelZh: l.zh, labelEn: l.en }));

/** Bookings as the service centre keeps them on paper: room, time, meeting, unit, status. */
export const BOOKING_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'roomName', headerZh: '会议室', headerEn: 'Room', type: 'string', width: 18 },
  { key: 'building', headerZh: '楼宇', headerEn: 'Building', type: 'string', width: 16 },
  { key: 'startText', headerZh: '开始时间', headerEn: 'Start', type: 'string', width: 18 },
  { key: 'endText', headerZh: '结束时间', headerEn: 'End', type: 'string', width: 18 },
  { key: 'title', headerZh: '会议名称', headerEn: 'Meeting', type: 'string', width: 28 },
  { key: 'orgName', headerZh: '组织单位', headerEn: 'Organising unit', type: 'string', width: 22 },
  { key: 'organiserName', headerZh: '组织人', headerEn: 'Organiser', type: 'string' },
  { key: 'attendees', headerZh: '参会人数', headerEn: 'Attendees', type: 'number' },
  { key: 'level', headerZh: '会议级别', headerEn: 'Level', type: 'enum', enum: opts(MEETING_LEVEL_LABELS) },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'enum', enum: opts(MEETING_BOOKING_STATUS_LABELS) },
  { key: 'signedIn', headerZh: '签到人数', headerEn: 'Signed in', type: 'number' },
];
/** The export reads China wall times, not ISO instants. */
export const withWallTimes = <T extends { start: string; end: string }>(r: T) => ({
  ...r,
  startText: cnDateTime(r.start),
  endText: cnDateTime(r.end),
});

export const ATTENDANCE_COLUMNS: ExcelColumn[] = [
  { key: 'index', headerZh: '序号', headerEn: 'No.', type: 'number', width: 6 },
  { key: 'name', headerZh: '姓名', headerEn: 'Name', type: 'string', width: 14 },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'signedInText', headerZh: '签到时间', headerEn: 'Signed in at', type: 'string', width: 18 },
];

type Stats = {
  from: string;
  to: string;
  months: { month: string; important: number; ordinary: number }[];
  rooms: {
    name: string;
    building: string | null;
    openHours: number;
    bookedHours: number;
    usedHours: number;
    bookedRate: number | null;
    usedRate: number | null;
  }[];
  noShows: { orgName: string | null; noShows: number; bookings: number }[];
};

/** The statistics as one workbook, a sheet each: meetings per month, utilisation by room, no-shows by unit. */
export async function statisticsWorkbook(s: Stats, locale: 'zh-CN' | 'en'): Promise<Buffer> {
  const en = locale === 'en';
  const wb = new (await loadExcelJS()).Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 16;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  sheet(
    en ? 'Meetings per month' : '各月会议数',
    en ? ['Month', 'Important', 'Ordinary', 'Total'] : ['月份', '重要会议', '一般会议', '合计'],
    s.months.map((m) => [m.month, m.important, m.ordinary, m.important + m.ordinary]),
  );
  sheet(
    en ? 'Utilisation' : '会议室使用率',
    en
      ? ['Room', 'Building', 'Open hours', 'Booked hours', 'Used hours', 'Booked %', 'Used %']
      : ['会议室', '楼宇', '开放小时', '预订小时', '实际使用小时', '预订率%', '使用率%'],
    s.rooms.map((r) => [r.name, r.building, r.openHours, r.bookedHours, r.usedHours, pct(r.bookedRate), pct(r.usedRate)]),
  );
  sheet(
    en ? 'No-shows' : '未签到释放',
    en ? ['Unit', 'No-shows', 'Bookings'] : ['单位', '未签到释放次数', '预订次数'],
    s.noShows.map((n) => [n.orgName, n.noShows, n.bookings]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
