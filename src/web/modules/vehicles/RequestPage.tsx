import { CarOutlined, CheckOutlined, EnvironmentOutlined, FlagOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Space, Switch, Tabs, Tag, message, App } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../core/auth/auth';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { DraftUpload } from '../../shared/ui/Attachments';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { DateTimeInput, afterStart, localToIso, toLocalInput } from './DateTimeInput';
import { DayKindTag, StatusTag, type TBooking, type TTrip, errText, fmtKm, fmtPeriod, fmtTime } from './common';
import { vehicleMessages } from './common.i18n';

const requestMessages = defineMessages('vehicles.requests', {
  title: { zh: '公务用车', en: 'Official cars' },
  tabNew: { zh: '申请用车', en: 'Request a car' },
  tabMine: { zh: '我的申请', en: 'My requests' },
  tabDrive: { zh: '我的出车任务', en: 'My trips' },
  origin: { zh: '出发地', en: 'From' },
  destination: { zh: '目的地', en: 'To' },
  passengers: { zh: '乘车人数', en: 'Passengers' },
  roundTrip: { zh: '往返', en: 'Round trip' },
  submit: { zh: '提交申请', en: 'Submit' },
  submitted: { zh: '已提交，等待审批', en: 'Submitted for approval' },
  restHint: {
    zh: '休息日（周末）和节假日用车除单位审核外，还需局领导审批。',
    en: 'On rest days (weekends) and public holidays a bureau leader approves as well as your unit.',
  },
  endAfter: { zh: '结束时间须晚于开始时间', en: 'End must be after start' },
  noRequests: { zh: '您还没有用车申请', en: 'You have no car requests yet' },
  confirm: { zh: '确认用车完成', en: 'Confirm the trip' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  confirmedAt: { zh: '{t} 确认', en: 'confirmed {t}' },
  confirmAsk: { zh: '确认本次用车已完成？', en: 'Confirm that this trip is complete?' },
  approval: { zh: '审批进度', en: 'Approval' },
  noTasks: { zh: '暂无出车任务', en: 'No trips assigned to you' },
  start: { zh: '出车', en: 'Start trip' },
  finish: { zh: '收车', en: 'End trip' },
  startTitle: { zh: '出车登记：{plate}', en: 'Start trip: {plate}' },
  finishTitle: { zh: '收车登记：{plate}', en: 'End trip: {plate}' },
  odometer: { zh: '里程表读数(km)', en: 'Odometer (km)' },
  photos: { zh: '照片（可选：里程表、车况）', en: 'Photos (optional: odometer, the car)' },
  odoHint: { zh: '不得小于上次记录的读数', en: 'Not below the last recorded reading' },
  startedAt: { zh: '出车 {t}，{km} km', en: 'Started {t} at {km} km' },
  finishedAt: { zh: '收车 {t}，{km} km，行驶 {d} km', en: 'Ended {t} at {km} km, {d} km driven' },
  recorded: { zh: '已登记', en: 'Recorded' },
  assignedCar: { zh: '车辆 {plate} · 驾驶员 {name}', en: 'Car {plate} · driver {name}' },
  callDriver: { zh: '联系驾驶员', en: 'Call the driver' },
  lastReading: { zh: '该车上次记录的里程：{km} km', en: "The vehicle's last recorded reading: {km} km" },
  reason: { zh: '情况说明（时间或读数异常时填写）', en: 'Reason (when the time or the reading is unusual)' },
  reasonHint: {
    zh: '出车时间远早于预约、读数低于上次记录或行驶速度不合常理时，须说明原因，记录将提交调度员核实。',
    en: 'A start long before the booking, a reading below the last one or an impossible speed needs a reason; the dispatcher checks the record.',
  },
  flagged: { zh: '待核实', en: 'To check' },
  oneWay: { zh: '单程', en: 'One way' },
});

/** Staff self-service on a phone: ask for a car, follow the request, confirm the trip; drivers record start and end. */
export function CarRequestPage() {
  const tm = requestMessages.useT();
  const { hasPermission } = useAuth();
  const [params, setParams] = useSearchParams();
  const canRequest = hasPermission('vehicles.request');
  const canDrive = hasPermission('vehicles.drive');
  const highlight = params.get('id') ? Number(params.get('id')) : null;
  const tab = params.get('tab') ?? (highlight ? 'mine' : canRequest ? 'new' : 'drive');
  const setTab = (k: string) => setParams({ tab: k }, { replace: true });
  const items = [
    ...(canRequest
      ? [
          {
            key: 'new',
            label: <span data-testid="tab-new">{tm('tabNew')}</span>,
            children: <NewRequest onDone={() => setTab('mine')} />,
          },
          { key: 'mine', label: <span data-testid="tab-mine">{tm('tabMine')}</span>, children: <MyRequests highlight={highlight} /> },
        ]
      : []),
    ...(canDrive ? [{ key: 'drive', label: <span data-testid="tab-drive">{tm('tabDrive')}</span>, children: <MyTrips /> }] : []),
  ];
  return (
    <div className="vh-page" data-testid="car-request-page" style={{ maxWidth: 720 }}>
      <PageHeader title={tm('title')} />
      <Tabs activeKey={tab} onChange={setTab} items={items} />
    </div>
  );
}

function NewRequest({ onDone }: { onDone: () => void }) {
  const t = vehicleMessages.useT();
  const tm = requestMessages.useT();
  const create = useApiMutation(vehiclesApi.createTrip, { invalidates: [vehiclesApi.trips] });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = dayjs().add(1, 'day').hour(9).minute(0);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="trip-form"
      initialValues={{ start: toLocalInput(next), end: toLocalInput(next.add(3, 'hour')), passengers: 1, roundTrip: true, origin: '' }}
      onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          await create.mutateAsync({
            body: {
              purpose: v.purpose,
              origin: v.origin,
              destination: v.destination,
              passengers: v.passengers,
              start: localToIso(v.start),
              end: localToIso(v.end),
              roundTrip: v.roundTrip,
            },
          });
          message.success(tm('submitted'));
          form.resetFields();
          onDone();
        } catch (e) {
          setError(errText(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="trip-error" /> : null}
      <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="trip-purpose" size="large" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="origin" label={tm('origin')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} data-testid="trip-origin" size="large" prefix={<EnvironmentOutlined />} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="destination" label={tm('destination')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} data-testid="trip-destination" size="large" prefix={<FlagOutlined />} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="start" label={t('start')} rules={[{ required: true }]}>
            <DateTimeInput testId="trip-start" size="large" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="end" label={t('end')} dependencies={['start']} rules={[{ required: true }, afterStart(tm('endAfter'))]}>
            <DateTimeInput testId="trip-end" size="large" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="passengers" label={tm('passengers')} rules={[{ required: true }]}>
            <InputNumber min={1} max={80} precision={0} size="large" style={{ width: '100%' }} data-testid="trip-passengers" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="roundTrip" label={tm('roundTrip')} valuePropName="checked">
            <Switch data-testid="trip-round" />
          </Form.Item>
        </Col>
      </Row>
      <div style={{ color: '#888', fontSize: 12, marginBottom: 12 }}>{tm('restHint')}</div>
      <Button type="primary" htmlType="submit" block loading={busy} className="vh-big-button" data-testid="trip-submit">
        {tm('submit')}
      </Button>
    </Form>
  );
}

function MyRequests({ highlight }: { highlight: number | null }) {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const tm = requestMessages.useT();
  const q = useApiQuery(vehiclesApi.trips, { query: { mine: true, pageSize: 50 } });
  const confirmTrip = useApiMutation(vehiclesApi.confirmTrip, { invalidates: [vehiclesApi.trips] });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  if (!q.data.items.length) return <EmptyState text={tm('noRequests')} />;
  const confirm = (trip: TTrip) =>
    modal.confirm({
      title: tm('confirm'),
      content: tm('confirmAsk'),
      okButtonProps: { 'data-testid': 'trip-confirm-ok' } as never,
      onOk: async () => {
        try {
          await confirmTrip.mutateAsync({ params: { id: trip.id } });
          message.success(tm('confirmed'));
        } catch (e) {
          message.error(errText(e));
        }
      },
    });
  return (
    <div className="vh-card-list" data-testid="my-trips">
      {q.data.items.map((r) => (
        <Card
          key={r.id}
          size="small"
          data-testid={`my-trip-${r.id}`}
          data-status={r.status}
          style={highlight === r.id ? { borderColor: '#b71c1c' } : undefined}
          title={
            <Space size={6} wrap>
              <span>{r.purpose}</span>
            </Space>
          }
          extra={<StatusTag status={r.status} kind="trip" />}
        >
          <div className="vh-card-line">
            {fmtPeriod(r.start, r.end)} <DayKindTag kind={r.dayKind} />
          </div>
          <div className="vh-card-line">
            <EnvironmentOutlined /> {r.origin} → {r.destination} · {r.roundTrip ? tm('roundTrip') : tm('oneWay')}
          </div>
          <div className="vh-card-line">
            <TeamOutlined /> {tm('passengers')} {r.passengers}
          </div>
          {r.plate ? (
            <div className="vh-card-line" data-testid={`my-trip-car-${r.id}`}>
              <CarOutlined /> {tm('assignedCar', { plate: r.plate, name: r.driverName ?? '' })}
              {r.driverPhone ? (
                <>
                  {' · '}
                  <a href={`tel:${r.driverPhone}`} aria-label={tm('callDriver')}>
                    <PhoneOutlined /> {r.driverPhone}
                  </a>
                </>
              ) : null}
            </div>
          ) : null}
          <Space style={{ marginTop: 8 }} wrap>
            {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{tm('approval')}</Link> : null}
            {r.status === 'completed' ? (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => confirm(r)} data-testid={`trip-confirm-${r.id}`}>
                {tm('confirm')}
              </Button>
            ) : null}
            {r.confirmedAt ? <span style={{ color: '#888' }}>{tm('confirmedAt', { t: fmtTime(r.confirmedAt) })}</span> : null}
          </Space>
        </Card>
      ))}
    </div>
  );
}

/** The driver's tasks (bookings where I am the driver), with start and end readings. */
function MyTrips() {
  const tm = requestMessages.useT();
  const [recording, setRecording] = useState<{ booking: TBooking; action: 'start' | 'finish' } | null>(null);
  // Fixed at mount: the window is part of the query key, a new one each render would refetch forever.
  const [from] = useState(() => dayjs().subtract(7, 'day').format('YYYY-MM-DDTHH:mm:ssZ'));
  const q = useApiQuery(vehiclesApi.bookings, { query: { mine: true, pageSize: 50, from } });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const items = q.data.items.filter((b) => b.status !== 'cancelled');
  return (
    <div className="vh-card-list" data-testid="driver-trips">
      {!items.length ? <EmptyState text={tm('noTasks')} /> : null}
      {items.map((b) => (
        <Card
          key={b.id}
          size="small"
          data-testid={`driver-trip-${b.id}`}
          data-status={b.status}
          title={
            <Space size={6}>
              <CarOutlined />
              {b.plate}
            </Space>
          }
          extra={<StatusTag status={b.status} kind="booking" />}
        >
          <div className="vh-card-line">{fmtPeriod(b.start, b.end)}</div>
          <div className="vh-card-line">{b.purpose}</div>
          {b.flags.length ? (
            <div className="vh-card-line" data-testid={`driver-trip-flags-${b.id}`}>
              <Tag color="orange">{tm('flagged')}</Tag>
              {b.flags.map((f) => f.message).join('；')}
            </div>
          ) : null}
          {b.startedAt ? (
            <div className="vh-card-line" style={{ color: '#888' }}>
              {tm('startedAt', { t: fmtTime(b.startedAt), km: fmtKm(b.startOdometerKm) })}
            </div>
          ) : null}
          {b.finishedAt ? (
            <div className="vh-card-line" style={{ color: '#888' }}>
              {tm('finishedAt', {
                t: fmtTime(b.finishedAt),
                km: fmtKm(b.endOdometerKm),
                d: fmtKm((b.endOdometerKm ?? 0) - (b.startOdometerKm ?? 0)),
              })}
            </div>
          ) : null}
          {b.status === 'booked' ? (
            <Button
              type="primary"
              block
              className="vh-big-button"
              style={{ marginTop: 8 }}
              onClick={() => setRecording({ booking: b, action: 'start' })}
              data-testid={`trip-start-${b.id}`}
            >
              {tm('start')}
            </Button>
          ) : b.status === 'in_progress' ? (
            <Button
              type="primary"
              block
              className="vh-big-button"
              style={{ marginTop: 8 }}
              onClick={() => setRecording({ booking: b, action: 'finish' })}
              data-testid={`trip-finish-${b.id}`}
            >
              {tm('finish')}
            </Button>
          ) : null}
        </Card>
      ))}
      <OdometerModal recording={recording} onClose={() => setRecording(null)} />
    </div>
  );
}

function OdometerModal(props: { recording: { booking: TBooking; action: 'start' | 'finish' } | null; onClose: () => void }) {
  const tm = requestMessages.useT();
  const start = useApiMutation(vehiclesApi.startTrip, { invalidates: [vehiclesApi.bookings] });
  const finish = useApiMutation(vehiclesApi.finishTrip, { invalidates: [vehiclesApi.bookings] });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = props.recording;
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      open={!!r}
      title={r ? tm(r.action === 'start' ? 'startTitle' : 'finishTitle', { plate: r.booking.plate }) : ''}
      onCancel={close}
      destroyOnHidden
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'odometer-submit' } as never}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await (r!.action === 'start' ? start : finish).mutateAsync({
              params: { id: r!.booking.id },
              body: {
                odometerKm: v.odometerKm,
                photoFileIds: v.photoFileIds ?? [],
                ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
              },
            });
            message.success(tm('recorded'));
            close();
          } catch (e) {
            setError(errText(e));
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
        initialValues={{ odometerKm: r?.action === 'finish' ? (r.booking.startOdometerKm ?? undefined) : undefined }}
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="odometer-error" /> : null}
        {r?.action === 'start' ? (
          <Alert
            type="info"
            showIcon
            title={tm('lastReading', { km: fmtKm(r.booking.vehicleOdometerKm) })}
            style={{ marginBottom: 12 }}
            data-testid="odometer-last"
          />
        ) : null}
        <Form.Item name="odometerKm" label={tm('odometer')} extra={tm('odoHint')} rules={[{ required: true }]}>
          <InputNumber
            min={0}
            max={5000000}
            precision={0}
            size="large"
            inputMode="numeric"
            style={{ width: '100%' }}
            data-testid="odometer-input"
          />
        </Form.Item>
        <Form.Item name="reason" label={tm('reason')} extra={tm('reasonHint')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="odometer-reason" />
        </Form.Item>
        <Form.Item name="photoFileIds" label={tm('photos')}>
          <DraftUpload ownerType="vehicle_booking" accept="image/*" testId="odometer-photos" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
