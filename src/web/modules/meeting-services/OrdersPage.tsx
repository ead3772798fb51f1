import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  SERVICE_AV,
  SERVICE_AV_LABELS,
  SERVICE_ITEMS,
  SERVICE_ITEM_LABELS,
  SERVICE_ORDER_STATUSES,
  SERVICE_ORDER_STATUS_LABELS,
  type TServiceOrder,
} from '../../../contracts/modules/meeting-services';
import { meetingServicesApi } from '../../../contracts/modules/meeting-services.api';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { useAuth } from '../../core/auth/auth';
import { fmtInstant } from '../../shared/dates';
import { useLocale } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { svcMessages } from './services-i18n';

const STATUS_COLOR: Record<TServiceOrder['status'], string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  done: 'green',
  cancelled: 'default',
};
const lines = (v?: string) =>
  (v ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** The meeting desk's list of service orders (cards on a phone), the order form from a booking, accept and cancel. */
export function OrdersPage() {
  const t = svcMessages.useT();
  const { locale } = useLocale();
  const L = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const { hasPermission } = useAuth();
  const [creating, setCreating] = useState(false);
  const [accepting, setAccepting] = useState<TServiceOrder | null>(null);
  const [cancelling, setCancelling] = useState<TServiceOrder | null>(null);
  const inv = { invalidates: ['meeting-services'] };
  const create = useApiMutation(meetingServicesApi.createServiceOrder, inv);
  const accept = useApiMutation(meetingServicesApi.acceptServiceOrder, inv);
  const cancel = useApiMutation(meetingServicesApi.cancelServiceOrder, inv);
  const canOrder = hasPermission('meetings.book');
  const bookings = useApiQuery(meetingsApi.bookings, { query: { mine: true, pageSize: 100 } } as never, { enabled: creating });
  const staff = useApiQuery(meetingServicesApi.serviceStaff, {}, { enabled: !!accepting });
  return (
    <div data-testid="service-orders-page">
      <PageHeader title={t('ordersTitle')} />
      <ServerTable<TServiceOrder>
        route={meetingServicesApi.serviceOrders}
        testId="service-order-table"
        urlFilters={['status']}
        toolbar={
          canOrder ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="service-order-add">
              {t('newOrder')}
            </Button>
          ) : null
        }
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('status')}
              style={{ width: 120 }}
              options={SERVICE_ORDER_STATUSES.map((s) => ({ value: s, label: L(SERVICE_ORDER_STATUS_LABELS[s]) }))}
            />
          </Form.Item>
        }
        columns={[
          { title: t('booking'), dataIndex: 'bookingTitle', fixed: 'left' },
          { title: t('time'), dataIndex: 'start', render: (v: string) => fmtInstant(v) },
          { title: t('room'), dataIndex: 'roomName' },
          { title: t('unit'), dataIndex: 'orgName' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (v: TServiceOrder['status'], r) => (
              <Tag color={STATUS_COLOR[v]} data-testid={`service-order-status-${r.id}`}>
                {L(SERVICE_ORDER_STATUS_LABELS[v])}
              </Tag>
            ),
          },
          { title: t('tea'), dataIndex: 'teaCount' },
          { title: t('assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
          {
            title: '',
            key: 'op',
            render: (_: unknown, r: TServiceOrder) => (
              <Space size={4} wrap>
                {r.canAccept ? (
                  <LinkButton onClick={() => setAccepting(r)} data-testid={`service-order-accept-${r.id}`}>
                    {t('accept')}
                  </LinkButton>
                ) : null}
                {r.canCancel ? <LinkButton onClick={() => setCancelling(r)}>{t('cancel')}</LinkButton> : null}
                {r.nameplates.length || r.rostrum.length ? (
                  <Link to={`/meetings/service-orders/${r.id}/print`}>
                    <PrinterOutlined /> {t('print')}
                  </Link>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        open={creating}
        width={680}
        title={t('newOrder')}
        onClose={() => setCreating(false)}
        initialValues={{ teaCount: 0, waterCount: 0, printedCopies: 0, staffOnDuty: 0, av: [], items: [] }}
        onSubmit={(v: Record<string, unknown>) =>
          create.mutateAsync({
            body: {
              bookingId: v.bookingId as number,
              teaCount: (v.teaCount as number) ?? 0,
              waterCount: (v.waterCount as number) ?? 0,
              nameplates: lines(v.nameplates as string),
              rostrum: lines(v.rostrum as string),
              av: (v.av as never[]) ?? [],
              printedMaterials: (v.printedMaterials as string) || null,
              printedCopies: (v.printedCopies as number) ?? 0,
              staffOnDuty: (v.staffOnDuty as number) ?? 0,
              items: (v.items as never[]) ?? [],
              note: (v.note as string) || null,
            },
          })
        }
      >
        <Form.Item name="bookingId" label={t('booking')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('pickBooking')}
            data-testid="service-order-booking"
            loading={bookings.isLoading}
            options={(bookings.data?.items ?? [])
              .filter((b) => ['pending', 'booked', 'checked_in'].includes(b.status))
              .map((b) => ({ value: b.id, label: `${fmtInstant(b.start)} ${b.title}（${b.roomName}）` }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="teaCount" label={t('tea')}>
              <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="waterCount" label={t('water')}>
              <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="staffOnDuty" label={t('staffOnDuty')}>
              <InputNumber min={0} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="printedCopies" label={t('copies')}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="nameplates" label={t('nameplates')}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="rostrum" label={t('rostrum')}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="av" label={t('av')}>
          <Checkbox.Group options={SERVICE_AV.map((a) => ({ value: a, label: L(SERVICE_AV_LABELS[a]) }))} />
        </Form.Item>
        <Form.Item name="items" label={t('items')} extra={t('itemsHint')}>
          <Checkbox.Group options={SERVICE_ITEMS.map((a) => ({ value: a, label: L(SERVICE_ITEM_LABELS[a]) }))} />
        </Form.Item>
        <Form.Item name="printedMaterials" label={t('printed')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!accepting}
        title={t('acceptTitle')}
        onClose={() => setAccepting(null)}
        onSubmit={(v: { assigneeId: number }) => accept.mutateAsync({ params: { id: accepting!.id }, body: { assigneeId: v.assigneeId } })}
      >
        <Form.Item name="assigneeId" label={t('assignee')} rules={[{ required: true }]}>
          <Select
            data-testid="service-order-assignee"
            loading={staff.isLoading}
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!cancelling}
        title={t('cancel')}
        onClose={() => setCancelling(null)}
        onSubmit={(v: { reason: string }) => cancel.mutateAsync({ params: { id: cancelling!.id }, body: { reason: v.reason } })}
      >
        <Form.Item name="reason" label={t('cancelReason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
