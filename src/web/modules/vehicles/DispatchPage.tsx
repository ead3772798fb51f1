import { LeftOutlined, PlusOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { VEHICLE_TYPES } from '../../../contracts/modules/vehicles';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError, type Page, api } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { EmptyState, LinkButton, PageHeader } from '../../shared/ui/states';
import { DateTimeInput, afterStart, localToIso, toLocalInput } from './DateTimeInput';
import {
  StatusTag,
  type TBooking,
  type TTrip,
  type TVehicle,
  UnitSelect,
  VehicleSelect,
  enumOptions,
  errText,
  fmtPeriod,
  toIso,
  useDrivers,
  useVehicleOptions,
} from './common';

defineMessages(
  {
    'vd.title': '调度派车',
    'vd.board': '派车看板',
    'vd.day': '日',
    'vd.week': '周',
    'vd.today': '今天',
    'vd.onlyBooked': '只看有派车的车辆',
    'vd.noVehicles': '范围内没有在用车辆',
    'vd.toAssign': '待派车的用车申请',
    'vd.noTrips': '没有待派车的申请',
    'vd.assign': '派车',
    'vd.assignTitle': '派车：{purpose}',
    'vd.route': '行程',
    'vd.passengers': '乘车人数',
    'vd.restDay': '节假日',
    'vd.roundTrip': '往返',
    'vd.oneWay': '单程',
    'vd.noneFree': '该时段没有座位足够的空闲车辆',
    'vd.newBooking': '直接派车',
    'vd.book': '派车',
    'vd.cancel': '取消派车',
    'vd.cancelConfirm': '取消后该时段车辆和驾驶员空出。确定取消？',
    'vd.cancelled': '已取消',
    'vd.assigned': '已派车',
    'vd.search': '空闲车辆查询',
    'vd.window': '时段',
    'vd.minSeats': '至少座位数',
    'vd.find': '查询',
    'vd.found': '空闲车辆 {n} 辆',
    'vd.endAfter': '结束时间须晚于开始时间',
    'vd.conflict': '派车冲突',
    'vd.legend.booked': '已派车',
    'vd.legend.in_progress': '出车中',
    'vd.legend.completed': '已收车',
    'vd.odo': '里程 {a} → {b} km',
    'vd.fromTrip': '来自用车申请',
  },
  {
    'vd.title': 'Dispatch',
    'vd.board': 'Dispatch board',
    'vd.day': 'Day',
    'vd.week': 'Week',
    'vd.today': 'Today',
    'vd.onlyBooked': 'Only vehicles with bookings',
    'vd.noVehicles': 'No vehicles in service in scope',
    'vd.toAssign': 'Car requests to dispatch',
    'vd.noTrips': 'Nothing waiting for dispatch',
    'vd.assign': 'Assign',
    'vd.assignTitle': 'Assign: {purpose}',
    'vd.route': 'Route',
    'vd.passengers': 'Passengers',
    'vd.restDay': 'Rest day',
    'vd.roundTrip': 'Round trip',
    'vd.oneWay': 'One way',
    'vd.noneFree': 'No free vehicle with enough seats in this period',
    'vd.newBooking': 'Book directly',
    'vd.book': 'Book',
    'vd.cancel': 'Cancel booking',
    'vd.cancelConfirm': 'The vehicle and the driver become free for this period. Cancel the booking?',
    'vd.cancelled': 'Cancelled',
    'vd.assigned': 'Assigned',
    'vd.search': 'Find a free vehicle',
    'vd.window': 'Period',
    'vd.minSeats': 'Seats at least',
    'vd.find': 'Search',
    'vd.found': '{n} free vehicles',
    'vd.endAfter': 'End must be after start',
    'vd.conflict': 'Booking conflict',
    'vd.legend.booked': 'Booked',
    'vd.legend.in_progress': 'On the road',
    'vd.legend.completed': 'Returned',
    'vd.odo': 'Odometer {a} → {b} km',
    'vd.fromTrip': 'From a car request',
  },
);

type Prefill = { vehicleId?: number; start?: string; end?: string };

/** The dispatcher's desk: requests to assign, the board of bookings, free-vehicle search and direct booking. */
export function DispatchPage() {
  const t = useT();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [activeOrg] = useActiveOrg();
  const [orgId, setOrgId] = useState<number | undefined>(activeOrg ?? undefined);
  const [booking, setBooking] = useState<Prefill | null>(null);
  const [assigning, setAssigning] = useState<TTrip | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['vh-board'] });
    qc.invalidateQueries({ queryKey: ['vh-trips-to-assign'] });
    qc.invalidateQueries({ queryKey: ['vh-availability'] });
  };
  const trips = useQuery({
    queryKey: ['vh-trips-to-assign', orgId],
    queryFn: () => api.get<Page<TTrip>>('/vehicles/trip-requests', { status: 'approved', orgId, pageSize: 100 }),
  });
  // A notification links here with ?trip=…: open that trip's assignment.
  const tripParam = params.get('trip');
  useEffect(() => {
    if (!tripParam || !trips.data) return;
    const trip = trips.data.items.find((x) => x.id === Number(tripParam));
    if (trip) setAssigning(trip);
    const next = new URLSearchParams(params);
    next.delete('trip');
    setParams(next, { replace: true });
  }, [tripParam, trips.data, params, setParams]);

  return (
    <div className="vh-page" data-testid="dispatch-page">
      <PageHeader
        title={t('vd.title')}
        extra={
          <Space wrap>
            <UnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={t('vh.allUnits')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking({})} data-testid="booking-new">
              {t('vd.newBooking')}
            </Button>
          </Space>
        }
      />
      <Card size="small" title={t('vd.toAssign')} style={{ marginBottom: 12 }}>
        <Table<TTrip>
          size="small"
          rowKey="id"
          data-testid="trips-to-assign"
          loading={trips.isLoading}
          dataSource={trips.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('vd.noTrips') }}
          onRow={(r) => ({ 'data-testid': `trip-row-${r.id}` }) as never}
          columns={[
            {
              title: t('vh.period'),
              key: 'period',
              render: (_, r) => (
                <Space size={4}>
                  {fmtPeriod(r.start, r.end)}
                  {r.restDay ? <Tag color="orange">{t('vd.restDay')}</Tag> : null}
                </Space>
              ),
            },
            { title: t('vh.purpose'), dataIndex: 'purpose' },
            {
              title: t('vd.route'),
              key: 'route',
              render: (_, r) => `${r.origin} → ${r.destination}${r.roundTrip ? ` (${t('vd.roundTrip')})` : ''}`,
            },
            { title: t('vd.passengers'), dataIndex: 'passengers', align: 'right' },
            {
              title: '',
              key: 'op',
              render: (_, r) => (
                <Button type="primary" size="small" onClick={() => setAssigning(r)} data-testid={`trip-assign-${r.id}`}>
                  {t('vd.assign')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Board orgId={orgId} onChanged={refresh} />
      <AvailabilityCard orgId={orgId} onBook={(p) => setBooking(p)} />
      <BookingModal prefill={booking} onClose={() => setBooking(null)} onSaved={refresh} />
      <AssignModal trip={assigning} onClose={() => setAssigning(null)} onSaved={refresh} />
    </div>
  );
}

// ---------- the board ----------

function Board({ orgId, onChanged }: { orgId?: number; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs().startOf('day'));
  const [onlyBooked, setOnlyBooked] = useState(false);
  const start = view === 'day' ? anchor.startOf('day') : anchor.startOf('day').subtract((anchor.day() + 6) % 7, 'day');
  const end = start.add(view === 'day' ? 1 : 7, 'day');
  const board = useQuery({
    queryKey: ['vh-board', toIso(start), toIso(end), orgId],
    queryFn: () => api.get<{ items: TBooking[] }>('/vehicles/board', { start: toIso(start), end: toIso(end), orgId }),
    placeholderData: (prev) => prev,
  });
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
      list.push({ id: v.id, plate: v.plate, sub: `${v.orgName ?? ''} · ${t('vh.seatsN', { n: v.seats })}`, bookings });
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
          label: start
            .add(i, 'day')
            .locale(locale === 'en' ? 'en' : 'zh-cn')
            .format(locale === 'en' ? 'ddd MM-DD' : 'MM-DD ddd'),
        }));
  const now = dayjs();
  const nowIn = now.isAfter(start) && now.isBefore(end);
  return (
    <Card
      size="small"
      title={t('vd.board')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap size={8}>
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'day' | 'week')}
            options={[
              { value: 'day', label: t('vd.day') },
              { value: 'week', label: t('vd.week') },
            ]}
            data-testid="board-view"
          />
          <Button size="small" icon={<LeftOutlined />} onClick={() => setAnchor(anchor.subtract(1, view))} aria-label="previous" />
          <DatePicker
            size="small"
            value={anchor}
            allowClear={false}
            onChange={(d) => d && setAnchor(d.startOf('day'))}
            picker={view === 'week' ? 'week' : 'date'}
            data-testid="board-date"
          />
          <Button size="small" icon={<RightOutlined />} onClick={() => setAnchor(anchor.add(1, view))} aria-label="next" />
          <Button size="small" onClick={() => setAnchor(dayjs().startOf('day'))}>
            {t('vd.today')}
          </Button>
          <Space size={4}>
            <Switch size="small" checked={onlyBooked} onChange={setOnlyBooked} />
            <span style={{ fontSize: 12 }}>{t('vd.onlyBooked')}</span>
          </Space>
        </Space>
      }
    >
      <div className="vh-legend" style={{ marginBottom: 8 }}>
        {(['booked', 'in_progress', 'completed'] as const).map((s) => (
          <span key={s}>
            <i className={`vh-bar-${s}`} />
            {t(`vd.legend.${s}`)}
          </span>
        ))}
      </div>
      {!rows.length && !fleet.isLoading ? (
        <EmptyState text={t('vd.noVehicles')} />
      ) : (
        <div className="vh-board" data-testid="board" data-start={start.toISOString()} data-view={view}>
          <div className="vh-board-inner" style={{ minWidth: view === 'week' ? 1400 : 760 }}>
            <div className="vh-board-row vh-board-head">
              <div className="vh-board-label">{t('vh.plate')}</div>
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
                      <Popover key={b.id} trigger="click" content={<BookingCard booking={b} onChanged={onChanged} />}>
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

function BookingCard({ booking: b, onChanged }: { booking: TBooking; onChanged: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ maxWidth: 320 }} data-testid={`booking-card-${b.id}`}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('vh.plate')}>{b.plate}</Descriptions.Item>
        <Descriptions.Item label={t('vh.period')}>{fmtPeriod(b.start, b.end)}</Descriptions.Item>
        <Descriptions.Item label={t('vh.driver')}>{b.driverName}</Descriptions.Item>
        <Descriptions.Item label={t('vh.purpose')}>{b.purpose}</Descriptions.Item>
        <Descriptions.Item label={t('vh.status')}>
          <StatusTag status={b.status} prefix="bs" />
          {b.tripRequestId ? <Tag>{t('vd.fromTrip')}</Tag> : null}
        </Descriptions.Item>
        {b.startOdometerKm !== null ? (
          <Descriptions.Item label={t('vh.odometer')}>{t('vd.odo', { a: b.startOdometerKm, b: b.endOdometerKm ?? '…' })}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {b.status === 'booked' ? (
        <Button
          danger
          size="small"
          loading={busy}
          data-testid={`booking-cancel-${b.id}`}
          onClick={() =>
            Modal.confirm({
              title: t('vd.cancel'),
              content: t('vd.cancelConfirm'),
              onOk: async () => {
                setBusy(true);
                try {
                  await api.post(`/vehicles/bookings/${b.id}/cancel`);
                  message.success(t('vd.cancelled'));
                  onChanged();
                } catch (e) {
                  message.error(errText(e));
                } finally {
                  setBusy(false);
                }
              },
            })
          }
        >
          {t('vd.cancel')}
        </Button>
      ) : null}
    </div>
  );
}

// ---------- availability ----------

function AvailabilityCard({ orgId, onBook }: { orgId?: number; onBook: (p: Prefill) => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [query, setQuery] = useState<{ start: string; end: string; seats?: number; type?: string } | null>(null);
  const q = useQuery({
    queryKey: ['vh-availability', query, orgId],
    enabled: !!query,
    queryFn: () =>
      api.get<{ items: TVehicle[] }>('/vehicles/availability', {
        start: localToIso(query!.start),
        end: localToIso(query!.end),
        seats: query!.seats,
        type: query!.type,
        orgId,
      }),
  });
  const next = dayjs().add(1, 'day').hour(9).minute(0);
  return (
    <Card size="small" title={t('vd.search')} data-testid="availability">
      <Form
        form={form}
        layout="inline"
        className="hq-filters"
        initialValues={{ start: toLocalInput(next), end: toLocalInput(next.add(3, 'hour')) }}
        onFinish={(v) => setQuery({ start: v.start, end: v.end, seats: v.seats ?? undefined, type: v.type ?? undefined })}
      >
        <Form.Item name="start" label={t('vh.start')} rules={[{ required: true }]}>
          <DateTimeInput testId="avail-start" />
        </Form.Item>
        <Form.Item name="end" label={t('vh.end')} dependencies={['start']} rules={[{ required: true }, afterStart(t('vd.endAfter'))]}>
          <DateTimeInput testId="avail-end" />
        </Form.Item>
        <Form.Item name="seats">
          <InputNumber min={1} max={80} placeholder={t('vd.minSeats')} style={{ width: 130 }} data-testid="avail-seats" />
        </Form.Item>
        <Form.Item name="type">
          <Select allowClear placeholder={t('vh.type')} style={{ width: 160 }} options={enumOptions(t, 'vt', VEHICLE_TYPES)} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="avail-search">
            {t('vd.find')}
          </Button>
        </Form.Item>
      </Form>
      {query ? (
        <>
          {q.data ? <div style={{ margin: '4px 0 8px', color: '#666' }}>{t('vd.found', { n: q.data.items.length })}</div> : null}
          {q.error ? <Alert type="error" showIcon title={errText(q.error)} /> : null}
          <Table<TVehicle>
            size="small"
            rowKey="id"
            data-testid="avail-results"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('vh.plate'), dataIndex: 'plate' },
              { title: t('vh.unit'), dataIndex: 'orgName' },
              { title: t('vh.type'), dataIndex: 'type', render: (v: string) => t(`vt.${v}`) },
              { title: t('vh.model'), dataIndex: 'model', render: (v: string, r) => `${r.brand} ${v}` },
              { title: t('vh.seats'), dataIndex: 'seats', align: 'right' },
              { title: t('vh.energy'), dataIndex: 'energy', render: (v: string) => t(`en.${v}`) },
              {
                title: '',
                key: 'op',
                render: (_, r) => (
                  <LinkButton
                    onClick={() => onBook({ vehicleId: r.id, start: query.start, end: query.end })}
                    data-testid={`avail-book-${r.id}`}
                  >
                    {t('vd.book')}
                  </LinkButton>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

// ---------- direct booking and trip assignment ----------

/** After a 409: the live bookings of that vehicle or driver overlapping the period, to show what is in the way. */
async function clashesOf(start: string, end: string, vehicleId: number, driverId: number): Promise<TBooking[]> {
  const board = await api.get<{ items: TBooking[] }>('/vehicles/board', { start, end }).catch(() => ({ items: [] as TBooking[] }));
  return board.items.filter((b) => b.vehicleId === vehicleId || b.driverId === driverId);
}

/** The server's refusal, kept on screen; for a 409, with the bookings it collides with. */
function ConflictAlert({ error, clashes = [] }: { error: unknown; clashes?: TBooking[] }) {
  const t = useT();
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={conflict ? t('vd.conflict') : errText(error)}
      description={
        conflict ? (
          <div>
            <div>{errText(error)}</div>
            {clashes.length ? (
              <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }} data-testid="booking-clashes">
                {clashes.map((b) => (
                  <li key={b.id}>
                    {b.plate} · {b.driverName} · {fmtPeriod(b.start, b.end)} · {b.purpose}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : undefined
      }
      data-testid="booking-error"
      data-status={error instanceof ApiError ? error.status : 0}
      data-code={error instanceof ApiError ? error.code : ''}
    />
  );
}

function BookingModal(props: { prefill: Prefill | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clashes, setClashes] = useState<TBooking[]>([]);
  const vehicles = useVehicleOptions({ status: 'in_service' }, !!props.prefill);
  const drivers = useDrivers(!!props.prefill);
  const p = props.prefill;
  const next = dayjs().add(1, 'day').hour(9).minute(0);
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      open={!!p}
      title={t('vd.newBooking')}
      onCancel={close}
      destroyOnHidden
      confirmLoading={busy}
      okText={t('vd.book')}
      okButtonProps={{ 'data-testid': 'booking-submit' } as never}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await api.post('/vehicles/bookings', {
              vehicleId: v.vehicleId,
              driverId: v.driverId,
              start: localToIso(v.start),
              end: localToIso(v.end),
              purpose: v.purpose,
            });
            message.success(t('vd.assigned'));
            props.onSaved();
            close();
          } catch (e) {
            setClashes(
              e instanceof ApiError && e.status === 409
                ? await clashesOf(localToIso(v.start), localToIso(v.end), v.vehicleId, v.driverId)
                : [],
            );
            setError(e);
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="booking-form"
        initialValues={{
          vehicleId: p?.vehicleId,
          start: p?.start ?? toLocalInput(next),
          end: p?.end ?? toLocalInput(next.add(3, 'hour')),
        }}
      >
        <ConflictAlert error={error} clashes={clashes} />
        <Form.Item name="vehicleId" label={t('vh.plate')} rules={[{ required: true }]}>
          <VehicleSelect vehicles={vehicles.data ?? []} loading={vehicles.isLoading} testId="booking-vehicle" />
        </Form.Item>
        <Form.Item name="driverId" label={t('vh.driver')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={drivers.isLoading}
            data-testid="booking-driver"
            options={(drivers.data ?? []).map((d) => ({ value: d.personId, label: `${d.name} · ${d.licenceClass} · ${d.orgName ?? ''}` }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="start" label={t('vh.start')} rules={[{ required: true }]}>
              <DateTimeInput testId="booking-start" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="end" label={t('vh.end')} dependencies={['start']} rules={[{ required: true }, afterStart(t('vd.endAfter'))]}>
              <DateTimeInput testId="booking-end" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="purpose" label={t('vh.purpose')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="booking-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignModal(props: { trip: TTrip | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clashes, setClashes] = useState<TBooking[]>([]);
  const trip = props.trip;
  // Free vehicles over the trip's period with a seat for every passenger besides the driver.
  const free = useQuery({
    queryKey: ['vh-availability', 'trip', trip?.id],
    enabled: !!trip,
    queryFn: () =>
      api.get<{ items: TVehicle[] }>('/vehicles/availability', {
        start: trip!.start,
        end: trip!.end,
        seats: trip!.passengers + 1,
      }),
  });
  const drivers = useDrivers(!!trip);
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      open={!!trip}
      title={trip ? t('vd.assignTitle', { purpose: trip.purpose }) : ''}
      onCancel={close}
      destroyOnHidden
      confirmLoading={busy}
      okText={t('vd.assign')}
      okButtonProps={{ 'data-testid': 'assign-submit' } as never}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await api.post(`/vehicles/trip-requests/${trip!.id}/assign`, { vehicleId: v.vehicleId, driverId: v.driverId });
            message.success(t('vd.assigned'));
            props.onSaved();
            close();
          } catch (e) {
            setClashes(e instanceof ApiError && e.status === 409 ? await clashesOf(trip!.start, trip!.end, v.vehicleId, v.driverId) : []);
            setError(e);
          } finally {
            setBusy(false);
          }
        })
      }
    >
      {trip ? (
        <Form form={form} layout="vertical" preserve={false} data-testid="assign-form">
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('vh.period')}>
              {fmtPeriod(trip.start, trip.end)} {trip.restDay ? <Tag color="orange">{t('vd.restDay')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('vd.route')}>
              {trip.origin} → {trip.destination} ({trip.roundTrip ? t('vd.roundTrip') : t('vd.oneWay')})
            </Descriptions.Item>
            <Descriptions.Item label={t('vd.passengers')}>{trip.passengers}</Descriptions.Item>
          </Descriptions>
          <ConflictAlert error={error} clashes={clashes} />
          {free.data && !free.data.items.length ? (
            <Alert type="warning" showIcon title={t('vd.noneFree')} style={{ marginBottom: 12 }} />
          ) : null}
          <Form.Item name="vehicleId" label={t('vh.plate')} rules={[{ required: true }]}>
            <VehicleSelect vehicles={free.data?.items ?? []} loading={free.isLoading} testId="assign-vehicle" />
          </Form.Item>
          <Form.Item name="driverId" label={t('vh.driver')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={drivers.isLoading}
              data-testid="assign-driver"
              options={(drivers.data ?? []).map((d) => ({
                value: d.personId,
                label: `${d.name} · ${d.licenceClass} · ${d.orgName ?? ''}`,
              }))}
            />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
