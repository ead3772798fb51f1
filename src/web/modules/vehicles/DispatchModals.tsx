import { Alert, Col, Descriptions, Form, Input, Modal, Row, Select, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../shared/api';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { call, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { dispatchMessages } from './dispatch.i18n';
import { DateTimeInput, afterStart, localToIso, toLocalInput } from './DateTimeInput';
import { DayKindTag, type TBooking, type TTrip, VehicleSelect, errText, fmtPeriod, useDrivers, useVehicleOptions } from './common';
import { vehicleMessages } from './common.i18n';

/** What a direct booking or a trip assignment changes: the board, the trips to assign, the free vehicles. */
export const DISPATCH_VIEWS = [vehiclesApi.board, vehiclesApi.trips, vehiclesApi.availability];

export type Prefill = { vehicleId?: number; start?: string; end?: string };

/** After a 409: the live bookings of that vehicle or driver overlapping the period, to show what is in the way. */
async function clashesOf(start: string, end: string, vehicleId: number, driverId: number): Promise<TBooking[]> {
  const board = await call(vehiclesApi.board, { query: { start, end } }).catch(() => ({ items: [] as TBooking[] }));
  return board.items.filter((b) => b.vehicleId === vehicleId || b.driverId === driverId);
}

/** The server's refusal, kept on screen; for a 409, with the bookings it collides with. */
function ConflictAlert({ error, clashes = [] }: { error: unknown; clashes?: TBooking[] }) {
  const tm = dispatchMessages.useT();
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={conflict ? tm('conflict') : errText(error)}
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

export function BookingModal(props: { prefill: Prefill | null; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const create = useApiMutation(vehiclesApi.createBooking, { invalidates: DISPATCH_VIEWS });
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
      title={tm('newBooking')}
      onCancel={close}
      destroyOnHidden
      confirmLoading={busy}
      okText={tm('book')}
      okButtonProps={{ 'data-testid': 'booking-submit' } as never}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await create.mutateAsync({
              body: {
                vehicleId: v.vehicleId,
                driverId: v.driverId,
                start: localToIso(v.start),
                end: localToIso(v.end),
                purpose: v.purpose,
              },
            });
            message.success(tm('assigned'));
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
        <Form.Item name="vehicleId" label={t('plate')} rules={[{ required: true }]}>
          <VehicleSelect vehicles={vehicles.data ?? []} loading={vehicles.isLoading} testId="booking-vehicle" />
        </Form.Item>
        <Form.Item name="driverId" label={t('driver')} rules={[{ required: true }]}>
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
            <Form.Item name="start" label={t('start')} rules={[{ required: true }]}>
              <DateTimeInput testId="booking-start" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="end" label={t('end')} dependencies={['start']} rules={[{ required: true }, afterStart(tm('endAfter'))]}>
              <DateTimeInput testId="booking-end" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="booking-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AssignModal(props: { trip: TTrip | null; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const assign = useApiMutation(vehiclesApi.assignTrip, { invalidates: DISPATCH_VIEWS });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clashes, setClashes] = useState<TBooking[]>([]);
  const trip = props.trip;
  // Free vehicles over the trip's period with a seat for every passenger besides the driver.
  const free = useApiQuery(
    vehiclesApi.availability,
    { query: { start: trip?.start ?? '', end: trip?.end ?? '', seats: (trip?.passengers ?? 0) + 1 } },
    { enabled: !!trip },
  );
  const drivers = useDrivers(!!trip);
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      open={!!trip}
      title={trip ? tm('assignTitle', { purpose: trip.purpose }) : ''}
      onCancel={close}
      destroyOnHidden
      confirmLoading={busy}
      okText={tm('assign')}
      okButtonProps={{ 'data-testid': 'assign-submit' } as never}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          setError(null);
          try {
            await assign.mutateAsync({ params: { id: trip!.id }, body: { vehicleId: v.vehicleId, driverId: v.driverId } });
            message.success(tm('assigned'));
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
            <Descriptions.Item label={t('period')}>
              {fmtPeriod(trip.start, trip.end)} <DayKindTag kind={trip.dayKind} />
            </Descriptions.Item>
            <Descriptions.Item label={tm('route')}>
              {trip.origin} → {trip.destination} ({trip.roundTrip ? tm('roundTrip') : tm('oneWay')})
            </Descriptions.Item>
            <Descriptions.Item label={tm('passengers')}>{trip.passengers}</Descriptions.Item>
          </Descriptions>
          <ConflictAlert error={error} clashes={clashes} />
          {free.data && !free.data.items.length ? (
            <Alert type="warning" showIcon title={tm('noneFree')} style={{ marginBottom: 12 }} />
          ) : null}
          <Form.Item name="vehicleId" label={t('plate')} rules={[{ required: true }]}>
            <VehicleSelect vehicles={free.data?.items ?? []} loading={free.isLoading} testId="assign-vehicle" />
          </Form.Item>
          <Form.Item name="driverId" label={t('driver')} rules={[{ required: true }]}>
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
