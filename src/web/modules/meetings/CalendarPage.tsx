import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { addDays, cnToday, fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';
import { EmptyState, QueryError } from '../../shared/ui/states';
import { PageHeader } from '../../shared/ui/states';
import { BookModal, type BookTarget } from './BookModal';
import { type TRoom, cnDay, hmOf, isoWeekday, minutesOf, mondayOf, useFloorLabel, useWeekdayName } from './common';
import { meetingMessages } from './meetings.i18n';
import { type GridRow, TimeGrid } from './TimeGrid';

const calMessages = defineMessages('meetings.calendar', {
  title: { zh: '会议室日程', en: 'Room calendar' },
  day: { zh: '按楼宇看一天', en: 'Day by building' },
  week: { zh: '按会议室看一周', en: 'Week by room' },
  pickRoom: { zh: '选择会议室', en: 'Choose a room' },
  legendBooked: { zh: '已预订', en: 'Booked' },
  legendPending: { zh: '待审批', en: 'Pending' },
  legendChecked: { zh: '已签到', en: 'Checked in' },
  legendBuffer: { zh: '布置时间', en: 'Set-up' },
  tapHint: { zh: '点空白时段即可预订', en: 'Tap a free slot to book it' },
  noRooms: { zh: '该楼宇没有会议室', en: 'No meeting rooms in this building' },
});

/** The day view per building (rooms × hours, like MRBS) and the week view per room; a free slot books, a bar opens its card. */
export function CalendarPage() {
  const tc = calMessages.useT();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'week' ? 'week' : 'day';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const [target, setTarget] = useState<BookTarget | null>(null);
  const book = (room: TRoom, day: string, hhmm: string) =>
    setTarget({ room, date: day, start: hhmm, end: hmOf(Math.min(minutesOf(hhmm) + 60, 23 * 60 + 55)) });
  return (
    <div className="mt-page" data-testid="meetings-calendar-page">
      <PageHeader
        title={tc('title')}
        extra={
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'week' ? 'week' : undefined })}
            options={[
              { value: 'day', label: <span data-testid="view-day">{tc('day')}</span> },
              { value: 'week', label: <span data-testid="view-week">{tc('week')}</span> },
            ]}
          />
        }
      />
      {view === 'day' ? <DayView params={params} set={set} onBook={book} /> : <WeekView params={params} set={set} onBook={book} />}
      <BookModal target={target} onClose={() => setTarget(null)} />
    </div>
  );
}

/** Opening hours widened to cover the slots of a China day (whole hours). */
function spanOf(from: string, to: string, day: string, slots: { start: string; heldUntil: string }[]) {
  let a = minutesOf(from);
  let b = to === '24:00' ? 24 * 60 : minutesOf(to);
  const base = Date.parse(`${day}T00:00:00+08:00`);
  for (const s of slots) {
    a = Math.max(0, Math.min(a, Math.floor((Date.parse(s.start) - base) / 3_600_000) * 60));
    b = Math.min(24 * 60, Math.max(b, Math.ceil((Date.parse(s.heldUntil) - base) / 3_600_000) * 60));
  }
  return { from: hmOf(a), to: hmOf(b) };
}

type ViewProps = {
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
  onBook: (room: TRoom, day: string, hhmm: string) => void;
};

function Legend() {
  const tc = calMessages.useT();
  return (
    <div className="mt-legend">
      <span>
        <i className="mt-bar-booked" />
        {tc('legendBooked')}
      </span>
      <span>
        <i className="mt-bar-pending" />
        {tc('legendPending')}
      </span>
      <span>
        <i className="mt-bar-checked_in" />
        {tc('legendChecked')}
      </span>
      <span>
        <i className="mt-buffer-swatch" />
        {tc('legendBuffer')}
      </span>
      <span className="mt-muted">{tc('tapHint')}</span>
    </div>
  );
}

function DayNav({ day, onDay, unit }: { day: string; onDay: (d: string) => void; unit: number }) {
  const t = meetingMessages.useT();
  return (
    <Space wrap size={8}>
      <Button icon={<LeftOutlined />} onClick={() => onDay(addDays(day, -unit))} aria-label={t('previous')} />
      <Input
        type="date"
        value={day}
        onChange={(e) => e.target.value && onDay(e.target.value)}
        style={{ width: 160 }}
        data-testid="cal-date"
      />
      <Button icon={<RightOutlined />} onClick={() => onDay(addDays(day, unit))} aria-label={t('next')} />
      <Button onClick={() => onDay(cnToday())} data-testid="cal-today">
        {t('today')}
      </Button>
    </Space>
  );
}

function DayView({ params, set, onBook }: ViewProps) {
  const t = meetingMessages.useT();
  const floor = useFloorLabel();
  const tc = calMessages.useT();
  const day = params.get('date') ?? cnToday();
  const building = params.get('building') ?? undefined;
  const buildings = useApiQuery(meetingsApi.buildings, {}, { staleTime: 60_000 });
  const q = useApiQuery(meetingsApi.day, { query: { date: day, building } }, { placeholderData: (p) => p });
  const rooms = q.data?.rooms ?? [];
  const rows: GridRow[] = rooms.map(({ room, slots }) => ({
    key: String(room.id),
    label: room.name,
    sub: `${room.floor ? `${floor(room.floor)} · ` : ''}${t('seatsN', { n: room.capacity })}`,
    day,
    roomId: room.id,
    slots,
    closed: !room.openWeekdays.includes(isoWeekday(day)),
  }));
  const byId = new Map(rooms.map((r) => [r.room.id, r.room]));
  // The grid spans the opening hours, widened to any booking outside them (made before the hours changed).
  const span = spanOf(
    q.data?.from ?? '08:00',
    q.data?.to ?? '18:00',
    day,
    rooms.flatMap((r) => r.slots),
  );
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <DayNav day={day} onDay={(d) => set({ date: d })} unit={1} />
          <Select
            allowClear
            placeholder={t('allBuildings')}
            value={building}
            onChange={(v) => set({ building: v })}
            style={{ minWidth: 180 }}
            data-testid="cal-building"
            options={(buildings.data?.items ?? []).map((b) => ({ value: b, label: b }))}
          />
        </Space>
      }
    >
      <QueryError queries={[q]} inline />
      <Legend />
      {q.data && !rows.length ? (
        <EmptyState text={tc('noRooms')} />
      ) : q.data ? (
        <TimeGrid
          testId="day-grid"
          from={span.from}
          to={span.to}
          rows={rows}
          labelTitle={t('room')}
          scrollTo={day === cnToday() ? hmOf(Math.max(0, minutesOf(fmtInstant(Date.now()).slice(11, 16)) - 60)) : '08:00'}
          onFree={(r, hhmm) => onBook(byId.get(r.roomId)!, r.day, hhmm)}
        />
      ) : null}
    </Card>
  );
}

function WeekView({ params, set, onBook }: ViewProps) {
  const t = meetingMessages.useT();
  const tc = calMessages.useT();
  const wd = useWeekdayName();
  const day = params.get('date') ?? cnToday();
  const monday = mondayOf(day);
  const rooms = useApiQuery(meetingsApi.rooms, { query: { pageSize: 200, active: 'true' } as never }, { staleTime: 60_000 });
  const roomId = params.get('roomId') ? Number(params.get('roomId')) : rooms.data?.items[0]?.id;
  const q = useApiQuery(
    meetingsApi.roomWeek,
    { params: { id: roomId ?? 0 }, query: { start: monday } },
    { enabled: !!roomId, placeholderData: (p) => p },
  );
  const room = q.data?.room;
  const span = spanOf(
    room && room.openFrom < '08:00' ? room.openFrom : '08:00',
    room && room.openTo > '18:00' ? room.openTo : '18:00',
    monday,
    [],
  );
  const slotSpan = (q.data?.days ?? []).reduce((acc, d) => {
    const s = spanOf(
      acc.from,
      acc.to,
      d,
      (q.data?.slots ?? []).filter((x) => cnDay(x.start) === d),
    );
    return s;
  }, span);
  const rows: GridRow[] = (q.data?.days ?? []).map((d) => ({
    key: d,
    label: `${wd(isoWeekday(d))} ${d.slice(5)}`,
    day: d,
    roomId: room!.id,
    slots: (q.data?.slots ?? []).filter(
      (s) =>
        Date.parse(s.start) < Date.parse(`${addDays(d, 1)}T00:00:00+08:00`) && Date.parse(s.heldUntil) > Date.parse(`${d}T00:00:00+08:00`),
    ),
    closed: !room!.openWeekdays.includes(isoWeekday(d)),
  }));
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={tc('pickRoom')}
            value={roomId}
            onChange={(v) => set({ roomId: String(v) })}
            style={{ minWidth: 220 }}
            data-testid="cal-room"
            options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}${r.building ? ` · ${r.building}` : ''}` }))}
          />
          <DayNav day={monday} onDay={(d) => set({ date: d })} unit={7} />
        </Space>
      }
    >
      <QueryError queries={[q, rooms]} inline />
      <Legend />
      {room ? (
        <TimeGrid
          testId="week-grid"
          from={slotSpan.from}
          to={slotSpan.to}
          rows={rows}
          labelTitle={t('date')}
          onFree={(r, hhmm) => onBook(room, r.day, hhmm)}
        />
      ) : null}
    </Card>
  );
}
