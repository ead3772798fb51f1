import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useApiQuery } from '../../shared/typedApi';
import { PageHeader, QueryError } from '../../shared/ui/states';
import { DayKindTag, type TBooking, type TTrip, UnitSelect, fmtPeriod } from './common';
import { dispatchMessages } from './dispatch.i18n';
import { AvailabilityCard } from './DispatchAvailability';
import { Board } from './DispatchBoard';
import { AssignModal, BookingModal, type Prefill } from './DispatchModals';
import { vehicleMessages } from './common.i18n';

/** The dispatcher's desk: requests to assign, the board of bookings, free-vehicle search and direct booking. */
export function DispatchPage() {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const [params, setParams] = useSearchParams();
  const [activeOrg] = useActiveOrg();
  const [orgId, setOrgId] = useState<number | undefined>(activeOrg ?? undefined);
  const [booking, setBooking] = useState<Prefill | null>(null);
  const [assigning, setAssigning] = useState<TTrip | null>(null);
  const trips = useApiQuery(vehiclesApi.trips, { query: { status: 'approved', orgId, pageSize: 100 } });
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
        title={tm('title')}
        extra={
          <Space wrap>
            <UnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={t('allUnits')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking({})} data-testid="booking-new">
              {tm('newBooking')}
            </Button>
          </Space>
        }
      />
      <QueryError inline queries={[trips]} />
      <Card size="small" title={tm('toAssign')} style={{ marginBottom: 12 }}>
        <Table<TTrip>
          size="small"
          rowKey="id"
          data-testid="trips-to-assign"
          loading={trips.isLoading}
          dataSource={trips.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: tm('noTrips') }}
          onRow={(r) => ({ 'data-testid': `trip-row-${r.id}` }) as never}
          columns={[
            {
              title: t('period'),
              key: 'period',
              render: (_, r) => (
                <Space size={4}>
                  {fmtPeriod(r.start, r.end)}
                  <DayKindTag kind={r.dayKind} />
                </Space>
              ),
            },
            { title: t('purpose'), dataIndex: 'purpose' },
            {
              title: tm('route'),
              key: 'route',
              render: (_, r) => `${r.origin} → ${r.destination}${r.roundTrip ? ` (${tm('roundTrip')})` : ''}`,
            },
            { title: tm('passengers'), dataIndex: 'passengers', align: 'right' },
            {
              title: '',
              key: 'op',
              render: (_, r) => (
                <Button type="primary" size="small" onClick={() => setAssigning(r)} data-testid={`trip-assign-${r.id}`}>
                  {tm('assign')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <FlaggedTrips />
      <Board orgId={orgId} />
      <AvailabilityCard orgId={orgId} onBook={(p) => setBooking(p)} />
      <BookingModal prefill={booking} onClose={() => setBooking(null)} />
      <AssignModal trip={assigning} onClose={() => setAssigning(null)} />
    </div>
  );
}

/**
 * Trips of the last 30 days whose start or finish the driver recorded as unusual (a start long
 * before the booking, an impossible speed …) with a reason: for the dispatcher to check.
 * Shown only when there are any.
 */
function FlaggedTrips() {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  // Fixed at mount: the window is part of the query key.
  const [from] = useState(() => dayjs().subtract(30, 'day').format('YYYY-MM-DDTHH:mm:ssZ'));
  const q = useApiQuery(vehiclesApi.bookings, { query: { flagged: 'true', from, pageSize: 50 } });
  if (q.error) return <QueryError inline queries={[q]} />;
  if (!q.data?.items.length) return null;
  return (
    <Card size="small" title={tm('flaggedTitle')} style={{ marginBottom: 12 }} data-testid="flagged-trips">
      <Table<TBooking>
        size="small"
        rowKey="id"
        dataSource={q.data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('plate'), dataIndex: 'plate' },
          { title: tm('driver'), dataIndex: 'driverName' },
          { title: t('period'), key: 'period', render: (_, r) => fmtPeriod(r.start, r.end) },
          {
            title: tm('flagProblem'),
            key: 'flags',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {r.flags.map((f) => (
                  <span key={`${f.phase}:${f.message}`}>
                    <Tag color="orange">{tm(f.phase === 'start' ? 'flagStart' : 'flagFinish')}</Tag>
                    {f.message} — {tm('flagReason', { reason: f.reason })}
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
