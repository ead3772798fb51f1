import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Popover, Segmented, Space, Switch, Tag, message, App } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { DISPATCH_VIEWS } from './DispatchModals';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { cnTodayDayjs } from '../../shared/dates';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { EmptyState } from '../../shared/ui/states';
import { StatusTag, type TBooking, errText, fmtPeriod, toIso, useVehicleOptions } from './common';
import { dispatchMessages } from './dispatch.i18n';
import { vehicleMessages } from './common.i18n';

/** The board (Gantt) of bookings per vehicle over a day or a week, each bar with its booking card. */
export function Board({ orgId }: { orgId?: number }) {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [anchor, setAnchor] = useState<Dayjs>(cnTodayDayjs);
  const [onlyBooked, setOnlyBooked] = useState(false);
  const start = view === 'day' ? anchor.startOf('day') : anchor.startOf('day').subtract((anchor.day() + 6) % 7, 'day');
  const end = start.add(view === 'day' ? 1 : 7, 'day');
  const board = useApiQuery(
    vehiclesApi.board,
    { query: { start: toIso(start), end: toIso(end), orgId } },
    { placeholderData: (prev) => prev },
  );
  const fleet = useVehicleOptions({ orgId, status: 'in_service', sort: 'org' });
  const rows = useMemo(() => {
    const byVehicle = new Map<number, TBooking[]>();
    for (const b of board.data?.items ?? []) byVehicle.set(b.vehicleId, [...(byVehicle.get(b.vehicleId) ?? []), b]);
    const list: { id: number; plate: string; sub: string; bookings: TBooking[] }[] = [];
    const seen = new Set<number>();
    for (const v of fleet.data ?? []) {
      seen.add(v.id);
      const bookings = byVehicle.get(v.id) ?? [];
      if (onlyBooked && !bookings.length) continue;
      list.push({ id: v.id, plate: v.plate, sub: `${v.orgName ?? ''} · ${t('seatsN', { n: v.seats })}`, bookings });
    }
    // Vehicles booked but not in service now (sealed, in repair) still show their bookings.
    for (const [id, bookings] of byVehicle)
      if (!seen.has(id))
        list.push({ id, plate: bookings[0]!.plate, sub: '', bookings: bookings.sort((a, b) => a.start.localeCompare(b.start)) });
    return list;
  }, [board.data, fleet.data, onlyBooked, t]);
  const span = end.valueOf() - start.valueOf();
  const pct = (ms: number) => `${Math.max(0, Math.min(100, (ms / span) * 100))}%`;
  const ticks =
    view === 'day'
      ? Array.from({ length: 12 }, (_, i) => ({ at: start.add(i * 2, 'hour'), label: start.add(i * 2, 'hour').format('HH:mm') }))
      : Array.from({ length: 7 }, (_, i) => ({
          at: start.add(i, 'day'),
          label: start.add(i, 'day').locale(tm('dayjsLocale')).format(tm('weekTick')),
        }));
  const now = dayjs();
  const nowIn = now.isAfter(start) && now.isBefore(end);
  return (
    <Card
      size="small"
      title={tm('board')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap size={8}>
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'day' | 'week')}
            options={[
              { value: 'day', label: tm('day') },
              { value: 'week', label: tm('week') },
            ]}
            data-testid="board-view"
          />
          <Button size="small" icon={<LeftOutlined />} onClick={() => setAnchor(anchor.subtract(1, view))} aria-label={tm('previous')} />
          <DatePicker
            size="small"
            value={anchor}
            allowClear={false}
            onChange={(d) => d && setAnchor(d.startOf('day'))}
            picker={view === 'week' ? 'week' : 'date'}
            data-testid="board-date"
          />
          <Button size="small" icon={<RightOutlined />} onClick={() => setAnchor(anchor.add(1, view))} aria-label={tm('next')} />
          <Button size="small" onClick={() => setAnchor(cnTodayDayjs())}>
            {tm('today')}
          </Button>
          <Space size={4}>
            <Switch size="small" checked={onlyBooked} onChange={setOnlyBooked} />
            <span style={{ fontSize: 12 }}>{tm('onlyBooked')}</span>
          </Space>
        </Space>
      }
    >
      <div className="vh-legend" style={{ marginBottom: 8 }}>
        {(['booked', 'in_progress', 'completed'] as const).map((s) => (
          <span key={s}>
            <i className={`vh-bar-${s}`} />
            {tm(`legend.${s}`)}
          </span>
        ))}
      </div>
      {!rows.length && !fleet.isLoading ? (
        <EmptyState text={tm('noVehicles')} />
      ) : (
        <div className="vh-board" data-testid="board" data-start={start.toISOString()} data-view={view}>
          <div className="vh-board-inner" style={{ minWidth: view === 'week' ? 1400 : 760 }}>
            <div className="vh-board-row vh-board-head">
              <div className="vh-board-label">{t('plate')}</div>
              <div className="vh-board-track">
                {ticks.map((k) => (
                  <div key={k.label} className="vh-board-tick" style={{ left: pct(k.at.valueOf() - start.valueOf()) }}>
                    {k.label}
                  </div>
                ))}
              </div>
            </div>
            {rows.map((r) => (
              <div className="vh-board-row" key={r.id} data-testid={`board-row-${r.id}`}>
                <div className="vh-board-label" title={`${r.plate} ${r.sub}`}>
                  <div>{r.plate}</div>
                  {r.sub ? <div style={{ fontSize: 11, color: '#999' }}>{r.sub}</div> : null}
                </div>
                <div className="vh-board-track">
                  {ticks.map((k) => (
                    <div key={k.label} className="vh-board-tick" style={{ left: pct(k.at.valueOf() - start.valueOf()) }} />
                  ))}
                  {nowIn ? <div className="vh-board-now" style={{ left: pct(now.valueOf() - start.valueOf()) }} /> : null}
                  {r.bookings.map((b) => {
                    const s = Math.max(dayjs(b.start).valueOf(), start.valueOf()) - start.valueOf();
                    const e = Math.min(dayjs(b.end).valueOf(), end.valueOf()) - start.valueOf();
                    return (
                      <Popover key={b.id} trigger="click" content={<BookingCard booking={b} />}>
                        <div
                          className={`vh-bar vh-bar-${b.status}`}
                          style={{ left: pct(s), width: pct(e - s) }}
                          data-testid={`board-bar-${b.id}`}
                          data-status={b.status}
                          title={`${fmtPeriod(b.start, b.end)} ${b.driverName} ${b.purpose}`}
                        >
                          {b.driverName} · {b.purpose}
                        </div>
                      </Popover>
                    );
                  })}
                </div>
              </div>
            ))}
          </div>
        </div>
      )}
    </Card>
  );
}

function BookingCard({ booking: b }: { booking: TBooking }) {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const cancel = useApiMutation(vehiclesApi.cancelBooking, { invalidates: DISPATCH_VIEWS });
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ maxWidth: 320 }} data-testid={`booking-card-${b.id}`}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('plate')}>{b.plate}</Descriptions.Item>
        <Descriptions.Item label={t('period')}>{fmtPeriod(b.start, b.end)}</Descriptions.Item>
        <Descriptions.Item label={t('driver')}>{b.driverName}</Descriptions.Item>
        <Descriptions.Item label={t('purpose')}>{b.purpose}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>
          <StatusTag status={b.status} kind="booking" />
          {b.tripRequestId ? <Tag>{tm('fromTrip')}</Tag> : null}
        </Descriptions.Item>
        {b.startOdometerKm !== null ? (
          <Descriptions.Item label={t('odometer')}>{tm('odo', { a: b.startOdometerKm, b: b.endOdometerKm ?? '…' })}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {b.status === 'booked' ? (
        <Button
          danger
          size="small"
          loading={busy}
          data-testid={`booking-cancel-${b.id}`}
          onClick={() =>
            modal.confirm({
              title: tm('cancel'),
              content: tm('cancelConfirm'),
              onOk: async () => {
                setBusy(true);
                try {
                  await cancel.mutateAsync({ params: { id: b.id } });
                  message.success(tm('cancelled'));
                } catch (e) {
                  message.error(errText(e));
                } finally {
                  setBusy(false);
                }
              },
            })
          }
        >
          {tm('cancel')}
        </Button>
      ) : null}
    </div>
  );
}
