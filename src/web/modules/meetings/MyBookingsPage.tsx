import { DownloadOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Table, message } from 'antd';
import { useState } from 'react';
import { MEETING_BOOKING_STATUSES, MEETING_LEVELS } from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { addDays, cnToday, fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { download, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ServerTable, onCard } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { LevelTag, QrCode, StatusTag, type TBooking, absoluteUrl, cnDay, fmtPeriod, useLabels } from './common';
import { meetingMessages } from './meetings.i18n';

const mineMessages = defineMessages('meetings.mine', {
  title: { zh: '我的预订', en: 'My bookings' },
  search: { zh: '会议名称', en: 'Title' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  order: { zh: '排序', en: 'Order' },
  soonest: { zh: '时间由近到远', en: 'Earliest first' },
  latest: { zh: '时间由远到近', en: 'Latest first' },
  signedIn: { zh: '已签到人数', en: 'Signed in' },
  qr: { zh: '签到码', en: 'Sign-in QR' },
  qrTitle: { zh: '参会签到码：{title}', en: 'Attendee sign-in: {title}' },
  qrHint: {
    zh: '参会人员登录后用手机扫码，一键签到。可投屏或打印张贴。',
    en: 'Attendees scan it with their phone (signed in) and sign in with one tap. Show it on screen or print it.',
  },
  attendance: { zh: '签到名单', en: 'Attendance' },
  attendanceTitle: { zh: '签到名单：{title}', en: 'Attendance: {title}' },
  name: { zh: '姓名', en: 'Name' },
  signedAt: { zh: '签到时间', en: 'Signed in at' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  checkInUntil: { zh: '签到截止 {t}', en: 'Check in by {t}' },
  checkedInOk: { zh: '签到成功', en: 'Checked in' },
  series: { zh: '周期', en: 'Series' },
  actions: { zh: '操作', en: 'Actions' },
  print: { zh: '打印', en: 'Print' },
});

/** 我的预订: the caller's bookings (server filter, sort and page; cards on a phone) with check-in, finish early, cancel, the sign-in QR and the attendance list. */
export function MyBookingsPage() {
  const t = meetingMessages.useT();
  const tm = mineMessages.useT();
  const l = useLabels();
  const { modal } = App.useApp();
  const [qrFor, setQrFor] = useState<TBooking | null>(null);
  const [listFor, setListFor] = useState<TBooking | null>(null);
  const inv = { invalidates: ['meetings'] };
  const checkIn = useApiMutation(meetingsApi.checkIn, inv);
  const finish = useApiMutation(meetingsApi.finishBooking, inv);
  const cancel = useApiMutation(meetingsApi.cancelBooking, inv);
  const cancelSeries = useApiMutation(meetingsApi.cancelSeries, inv);
  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };
  const askCancel = (b: TBooking, scope: 'one' | 'series' | 'from') =>
    modal.confirm({
      title: t('cancel'),
      content: t('cancelAsk', { title: b.title }),
      okButtonProps: { danger: true, 'data-testid': 'cancel-ok' } as never,
      onOk: () =>
        run(
          scope === 'one'
            ? cancel.mutateAsync({ params: { id: b.id }, body: {} })
            : cancelSeries.mutateAsync({ params: { id: b.seriesId! }, body: scope === 'from' ? { fromDate: cnDay(b.start) } : {} }),
          t('cancelled'),
        ),
    });
  return (
    <div className="mt-page" data-testid="meetings-mine-page">
      <PageHeader title={tm('title')} />
      <ServerTable<TBooking>
        route={meetingsApi.bookings}
        exportRoute={meetingsApi.exportBookings}
        // Upcoming first, from yesterday on (a meeting just past stays in view for its attendance); the filters reach further back.
        extraQuery={{ mine: 'true', order: 'asc', from: addDays(cnToday(), -1) }}
        testId="mine-table"
        urlFilters={['status']}
        onRow={(r) => ({ 'data-testid': `booking-${r.id}`, 'data-status': r.status }) as never}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={tm('search')} style={{ width: 180 }} data-testid="mine-q" />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 150 }}
                options={MEETING_BOOKING_STATUSES.map((s) => ({ value: s, label: l.status(s) }))}
              />
            </Form.Item>
            <Form.Item name="level">
              <Select
                allowClear
                placeholder={t('level')}
                style={{ width: 130 }}
                options={MEETING_LEVELS.map((s) => ({ value: s, label: l.level(s) }))}
              />
            </Form.Item>
            <Form.Item name="from" label={tm('from')}>
              <Input type="date" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="to" label={tm('to')}>
              <Input type="date" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="order" label={tm('order')}>
              <Select
                style={{ width: 150 }}
                placeholder={tm('soonest')}
                options={[
                  { value: 'asc', label: tm('soonest') },
                  { value: 'desc', label: tm('latest') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          onCard('title', {
            title: t('title'),
            dataIndex: 'title',
            render: (v: string, r: TBooking) => (
              <span>
                {v}
                {r.seriesId ? <span className="mt-muted"> · {tm('series')}</span> : null}
              </span>
            ),
          }),
          onCard('status', { title: t('status'), dataIndex: 'status', render: (v: TBooking['status']) => <StatusTag status={v} /> }),
          { title: t('time'), dataIndex: 'start', sorter: true, render: (_: string, r: TBooking) => fmtPeriod(r.start, r.end) },
          { title: t('room'), dataIndex: 'roomName', render: (v: string, r: TBooking) => `${v}${r.building ? ` · ${r.building}` : ''}` },
          { title: t('level'), dataIndex: 'level', render: (v: TBooking['level']) => <LevelTag level={v} /> },
          { title: t('attendees'), dataIndex: 'attendees', align: 'right' },
          { title: tm('signedIn'), dataIndex: 'signedIn', align: 'right' },
          {
            title: tm('actions'),
            key: 'actions',
            render: (_: unknown, b: TBooking) => (
              <Space wrap size={6}>
                {b.canCheckIn ? (
                  <Button
                    type="primary"
                    className="mt-touch"
                    data-testid={`check-in-${b.id}`}
                    onClick={() => run(checkIn.mutateAsync({ params: { id: b.id } }), tm('checkedInOk'))}
                  >
                    {t('checkIn')}
                  </Button>
                ) : null}
                {b.canFinish ? (
                  <Button
                    className="mt-touch"
                    data-testid={`finish-${b.id}`}
                    onClick={() =>
                      modal.confirm({
                        title: t('finish'),
                        content: t('finishAsk'),
                        onOk: () => run(finish.mutateAsync({ params: { id: b.id } }), t('finished')),
                      })
                    }
                  >
                    {t('finish')}
                  </Button>
                ) : null}
                {['booked', 'checked_in', 'finished'].includes(b.status) && b.mine ? (
                  <>
                    <Button className="mt-touch" icon={<QrcodeOutlined />} onClick={() => setQrFor(b)} data-testid={`qr-${b.id}`}>
                      {tm('qr')}
                    </Button>
                    <Button className="mt-touch" icon={<TeamOutlined />} onClick={() => setListFor(b)} data-testid={`attendance-${b.id}`}>
                      {tm('attendance')}
                    </Button>
                  </>
                ) : null}
                {b.canCancel && b.seriesId ? (
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'one', label: t('cancelOne') },
                        { key: 'from', label: t('cancelFrom') },
                        { key: 'series', label: t('cancelSeries') },
                      ],
                      onClick: ({ key }) => askCancel(b, key as 'one' | 'from' | 'series'),
                    }}
                  >
                    <Button danger className="mt-touch" data-testid={`cancel-${b.id}`}>
                      {t('cancel')}
                    </Button>
                  </Dropdown>
                ) : b.canCancel ? (
                  <Button danger className="mt-touch" data-testid={`cancel-${b.id}`} onClick={() => askCancel(b, 'one')}>
                    {t('cancel')}
                  </Button>
                ) : null}
                {b.status === 'booked' && !b.canCheckIn && b.checkInUntil ? (
                  <span className="mt-muted">{tm('checkInUntil', { t: fmtInstant(b.checkInUntil) })}</span>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <SignInQrModal booking={qrFor} onClose={() => setQrFor(null)} />
      <AttendanceModal booking={listFor} onClose={() => setListFor(null)} />
    </div>
  );
}

function SignInQrModal({ booking, onClose }: { booking: TBooking | null; onClose: () => void }) {
  const tm = mineMessages.useT();
  const t = meetingMessages.useT();
  const q = useApiQuery(meetingsApi.signInCode, { params: { id: booking?.id ?? 0 } }, { enabled: !!booking });
  return (
    <Modal
      open={!!booking}
      title={booking ? tm('qrTitle', { title: booking.title }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => window.print()}>{tm('print')}</Button>
          <Button type="primary" onClick={onClose}>
            {t('close')}
          </Button>
        </Space>
      }
    >
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <div className="mt-qr-box" data-testid="signin-qr-box">
          <QrCode text={absoluteUrl(q.data.path)} size={260} testId="signin-qr" />
          <div className="mt-muted" style={{ marginTop: 8 }}>
            {booking ? fmtPeriod(booking.start, booking.end) : ''} · {booking?.roomName}
          </div>
          <p style={{ marginTop: 8 }}>{tm('qrHint')}</p>
          <a href={q.data.path} data-testid="signin-link" className="mt-break">
            {absoluteUrl(q.data.path)}
          </a>
        </div>
      )}
    </Modal>
  );
}

function AttendanceModal({ booking, onClose }: { booking: TBooking | null; onClose: () => void }) {
  const tm = mineMessages.useT();
  const t = meetingMessages.useT();
  const q = useApiQuery(meetingsApi.attendance, { params: { id: booking?.id ?? 0 } }, { enabled: !!booking });
  return (
    <Modal
      open={!!booking}
      title={booking ? tm('attendanceTitle', { title: booking.title }) : ''}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            data-testid="attendance-export"
            onClick={() =>
              booking &&
              download(meetingsApi.exportAttendance, { params: { id: booking.id } }).catch((e) => message.error(showFieldErrors(e)))
            }
          >
            {tm('export')}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t('close')}
          </Button>
        </Space>
      }
    >
      {q.error ? (
        <ErrorState error={q.error} />
      ) : (
        <Table
          size="small"
          rowKey="personId"
          loading={q.isFetching}
          data-testid="attendance-table"
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '#', key: 'i', render: (_, __, i) => i + 1, width: 48 },
            { title: tm('name'), dataIndex: 'name' },
            { title: t('unit'), dataIndex: 'orgName' },
            { title: tm('signedAt'), dataIndex: 'signedInAt', render: (v: string) => fmtInstant(v) },
          ]}
        />
      )}
    </Modal>
  );
}
