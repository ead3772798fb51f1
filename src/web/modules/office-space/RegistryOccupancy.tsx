import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { peopleApi } from '../../../contracts/core/people.api';
import type { TOccupancy } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import type { RouteBody } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton } from '../../shared/ui/states';
import { UnitSelect, enumOptions, fmtArea, officeMessages, tKey } from './common';
import { usePostLevel } from '../../core/people/postLevels';
import { registryMessages } from './registry.i18n';
import { cnTodayDayjs } from '../../shared/dates';

/** The registry's occupancy tab: who uses which room, assigning a room and recovering it. */
export function OccupancyTab() {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TOccupancy | null>(null);
  const qc = useQueryClient();
  const canWrite = hasPermission('office.write');
  const refresh = () => invalidate(qc, [officeApi.occupancies]);
  return (
    <>
      <ServerTable<TOccupancy>
        route={officeApi.occupancies}
        params={{ kind: 'occupancy' }}
        testId="occupancy-table"
        extraQuery={{ orgId: activeOrg ?? undefined, current: 'true' }}
        importRoute={hasPermission('office.import') ? officeApi.importRows : undefined}
        templateRoute={officeApi.importTemplate}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('addOcc')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="current">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'true', label: t('current') },
                  { value: 'false', label: t('ended') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('person'), dataIndex: 'personName', sorter: true },
          { title: tc('unit'), dataIndex: 'orgName', sorter: true },
          { title: tc('building'), dataIndex: 'buildingName' },
          { title: tc('number'), dataIndex: 'roomNumber', sorter: true },
          { title: t('kind'), dataIndex: 'kind', render: (v: string) => tKey(tc, `occupancyKind.${v}`) },
          { title: t('start'), dataIndex: 'startDate', sorter: true },
          { title: t('end'), dataIndex: 'endDate', render: (v) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TOccupancy) =>
                    r.endDate ? null : <LinkButton onClick={() => setEnding(r)}>{t('endNow')}</LinkButton>,
                },
              ]
            : []),
        ]}
      />
      <OccupancyModal open={adding} onClose={() => setAdding(false)} onSaved={refresh} />
      <EndModal occ={ending} onClose={() => setEnding(null)} onSaved={refresh} />
    </>
  );
}

function PersonSearch(props: { value?: number; onChange?: (v: number) => void }) {
  const t = registryMessages.useT();
  const level = usePostLevel();
  const [q, setQ] = useState('');
  const peopleQ = useApiQuery(peopleApi.list, { query: { q, pageSize: 20, status: 'active' } }, { enabled: q.length > 0 });
  const people = { ...peopleQ, data: peopleQ.data?.items };
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('personSearch')}
      notFoundContent={null}
      data-testid="occ-person"
      options={(people.data ?? []).map((p) => ({
        value: p.id,
        label: t('personOption', { name: p.name, post: p.postTitle ?? level(p.postLevel) }),
      }))}
    />
  );
}

function OccupancyModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const roomsQ = useApiQuery(officeApi.rooms, { query: { q: q || undefined, pageSize: 30, useClass: 'office' } }, { enabled: props.open });
  const rooms = { ...roomsQ, data: roomsQ.data?.items };
  return (
    <FormModal
      open={props.open}
      title={t('addOcc')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ kind: 'primary', startDate: cnTodayDayjs() }}
      form={form}
      onSubmit={(v) =>
        call(officeApi.createOccupancy, {
          body: { ...v, startDate: v.startDate.format('YYYY-MM-DD') } as RouteBody<typeof officeApi.createOccupancy>,
        })
      }
    >
      <Form.Item name="personId" label={t('person')} rules={[{ required: true }]}>
        <PersonSearch />
      </Form.Item>
      <Form.Item name="roomId" label={tc('room')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          options={(rooms.data ?? []).map((r) => ({
            value: r.id,
            label: `${r.buildingName} ${r.number} · ${tc('sqm', { n: fmtArea(r.area) })} · ${r.orgName ?? ''}${r.occupantNames ? ` · ${r.occupantNames}` : ''}`,
          }))}
        />
      </Form.Item>
      <Space>
        <Form.Item name="kind" label={t('kind')}>
          <Select style={{ width: 140 }} options={enumOptions((v) => tKey(tc, `occupancyKind.${v}`), ['primary', 'concurrent'])} />
        </Form.Item>
        <Form.Item name="startDate" label={t('start')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

function EndModal(props: { occ: TOccupancy | null; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={!!props.occ}
      title={t('endTitle')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ date: cnTodayDayjs(), postOnly: false }}
      form={form}
      onSubmit={async (v) => {
        const body =
          props.occ?.kind === 'concurrent' && v.postOnly
            ? { postEndedOn: v.date.format('YYYY-MM-DD') }
            : { endDate: v.date.format('YYYY-MM-DD') };
        await call(officeApi.updateOccupancy, { params: { id: props.occ!.id }, body });
      }}
    >
      <p>
        {props.occ?.personName} · {props.occ?.buildingName} {props.occ?.roomNumber}
      </p>
      <Form.Item name="date" label={t('end')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      {props.occ?.kind === 'concurrent' ? (
        <Form.Item name="postOnly" valuePropName="checked">
          <Checkbox>{t('postEnded')}</Checkbox>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
