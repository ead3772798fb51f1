import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, InputNumber, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { VEHICLE_TYPES } from '../../../contracts/modules/vehicles';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useApiQuery } from '../../shared/typedApi';
import { LinkButton } from '../../shared/ui/states';
import { dispatchMessages } from './dispatch.i18n';
import { DateTimeInput, afterStart, localToIso, toLocalInput } from './DateTimeInput';
import { type TVehicle, enumOptions, errText } from './common';
import type { Prefill } from './DispatchModals';
import { vehicleMessages } from './common.i18n';

/** Free vehicles over a period, with seats and type; a result row starts a direct booking. */
export function AvailabilityCard({ orgId, onBook }: { orgId?: number; onBook: (p: Prefill) => void }) {
  const t = vehicleMessages.useT();
  const tm = dispatchMessages.useT();
  const [form] = Form.useForm();
  const [query, setQuery] = useState<{ start: string; end: string; seats?: number; type?: string } | null>(null);
  const q = useApiQuery(
    vehiclesApi.availability,
    {
      query: query
        ? { start: localToIso(query.start), end: localToIso(query.end), seats: query.seats, type: query.type as TVehicle['type'], orgId }
        : { start: '', end: '' },
    },
    { enabled: !!query },
  );
  const next = dayjs().add(1, 'day').hour(9).minute(0);
  return (
    <Card size="small" title={tm('search')} data-testid="availability">
      <Form
        form={form}
        layout="inline"
        className="hq-filters"
        initialValues={{ start: toLocalInput(next), end: toLocalInput(next.add(3, 'hour')) }}
        onFinish={(v) => setQuery({ start: v.start, end: v.end, seats: v.seats ?? undefined, type: v.type ?? undefined })}
      >
        <Form.Item name="start" label={t('start')} rules={[{ required: true }]}>
          <DateTimeInput testId="avail-start" />
        </Form.Item>
        <Form.Item name="end" label={t('end')} dependencies={['start']} rules={[{ required: true }, afterStart(tm('endAfter'))]}>
          <DateTimeInput testId="avail-end" />
        </Form.Item>
        <Form.Item name="seats">
          <InputNumber min={1} max={80} placeholder={tm('minSeats')} style={{ width: 130 }} data-testid="avail-seats" />
        </Form.Item>
        <Form.Item name="type">
          <Select
            allowClear
            placeholder={t('type')}
            style={{ width: 160 }}
            options={enumOptions((v) => t(`vehicleType.${v}`), VEHICLE_TYPES)}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="avail-search">
            {tm('find')}
          </Button>
        </Form.Item>
      </Form>
      {query ? (
        <>
          {q.data ? <div style={{ margin: '4px 0 8px', color: '#666' }}>{tm('found', { n: q.data.items.length })}</div> : null}
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
              { title: t('plate'), dataIndex: 'plate' },
              { title: t('unit'), dataIndex: 'orgName' },
              { title: t('type'), dataIndex: 'type', render: (v: TVehicle['type']) => t(`vehicleType.${v}`) },
              { title: t('model'), dataIndex: 'model', render: (v: string, r) => `${r.brand} ${v}` },
              { title: t('seats'), dataIndex: 'seats', align: 'right' },
              { title: t('energy'), dataIndex: 'energy', render: (v: TVehicle['energy']) => t(`energy.${v}`) },
              {
                title: '',
                key: 'op',
                render: (_, r) => (
                  <LinkButton
                    onClick={() => onBook({ vehicleId: r.id, start: query.start, end: query.end })}
                    data-testid={`avail-book-${r.id}`}
                  >
                    {tm('book')}
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
