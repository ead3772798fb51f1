import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { PageHeader } from '../../shared/ui/states';
import { type TTrip, UnitSelect, fmtPeriod } from './common';
import { AvailabilityCard } from './DispatchAvailability';
import { Board } from './DispatchBoard';
import { AssignModal, BookingModal, type Prefill } from './DispatchModals';

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
    'vd.dayjsLocale': 'zh-cn',
    'vd.weekTick': 'MM-DD ddd',
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
    'vd.dayjsLocale': 'en',
    'vd.weekTick': 'ddd MM-DD',
  },
);

/** The dispatcher's desk: requests to assign, the board of bookings, free-vehicle search and direct booking. */
export function DispatchPage() {
  const t = useT();
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
      <Board orgId={orgId} />
      <AvailabilityCard orgId={orgId} onBook={(p) => setBooking(p)} />
      <BookingModal prefill={booking} onClose={() => setBooking(null)} />
      <AssignModal trip={assigning} onClose={() => setAssigning(null)} />
    </div>
  );
}
