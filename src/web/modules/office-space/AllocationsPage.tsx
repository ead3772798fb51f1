import type { RouteBody } from '../../../contracts/route';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type TAllocation, USE_CLASSES } from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError } from '../../shared/api';
import { useRecordParam } from '../../shared/useRecordParam';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { UnitSelect, enumOptions, fmtArea, officeMessages, tKey } from './common';
import { fmtDay, fmtInstant } from '../../shared/dates';

export const allocationsMessages = defineMessages('office.allocations', {
  title: { zh: '办公用房调配', en: 'Office-space allocation' },
  new: { zh: '申请调配', en: 'Request space' },
  requested: { zh: '申请面积(㎡)', en: 'Requested (m²)' },
  headcount: { zh: '用房人数', en: 'People' },
  reason: { zh: '申请理由', en: 'Reason' },
  neededBy: { zh: '需用日期', en: 'Needed by' },
  assigned: { zh: '已指定(㎡)', en: 'Assigned (m²)' },
  rooms: { zh: '调配房间', en: 'Rooms' },
  createdAt: { zh: '申请时间', en: 'Requested on' },
  detail: { zh: '调配详情', en: 'Allocation request' },
  open: { zh: '详情', en: 'Open' },
  approval: { zh: '审批单', en: 'Approval' },
  openApproval: { zh: '查看审批', en: 'Open the approval' },
  percap: { zh: '人均办公室面积', en: 'Office area per person' },
  before: { zh: '调配前', en: 'Before' },
  after: { zh: '调配后', en: 'After' },
  officeArea: { zh: '办公室面积(㎡)', en: 'Office area (m²)' },
  staffing: { zh: '编制 / 实有人数', en: 'Staffing / headcount' },
  perCapita: { zh: '人均(㎡/人)', en: 'Per person (m²)' },
  noRooms: { zh: '尚未指定房间', en: 'No rooms assigned yet' },
  from: { zh: '原使用单位', en: 'From' },
  picker: { zh: '指定闲置房间', en: 'Assign idle rooms' },
  pickerHint: {
    zh: '从机关事务局可调配的闲置、无人使用的房间中选择；审批通过后房间划转给申请单位。',
    en: 'Choose from the idle, empty rooms the bureau can allocate; on approval they pass to the requesting unit.',
  },
  minArea: { zh: '最小面积', en: 'Min. area' },
  selected: { zh: '已选 {n} 间，合计 {a} ㎡ / 申请 {r} ㎡', en: '{n} selected, {a} m² of {r} m² requested' },
  save: { zh: '保存指定', en: 'Save assignment' },
  saved: { zh: '已指定房间', en: 'Rooms assigned' },
  noIdle: { zh: '没有符合条件的闲置房间', en: 'No idle rooms match' },
  approveHint: { zh: '指定房间后，在“我的待办”中审批。', en: 'Once rooms are assigned, approve it from My to-dos.' },
  useClass: { zh: '用房类型', en: 'Kind of space' },
  listSep: { zh: '、', en: ', ' },
});

const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};
const STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
const errText = (e: unknown) => showFieldErrors(e);

type IdleRoom = {
  roomId: number;
  number: string;
  area: number;
  useClass: string;
  buildingName: string;
  floorName: string;
  orgId: number;
  orgName: string;
};

/** 调配: units ask for space, the bureau names idle rooms and approves; the rooms then pass to the unit. */
export function AllocationsPage() {
  const t = allocationsMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [openId, open] = useRecordParam();
  const refresh = () => {
    invalidate(qc, [officeApi.allocations, officeApi.allocation, officeApi.idleRooms]);
  };
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('office.request') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="alloc-new">
              {t('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TAllocation>
        route={officeApi.allocations}
        testId="allocations-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        exportRoute={hasPermission('office.export') ? officeApi.exportAllocations : undefined}
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tc('status')}
                style={{ width: 120 }}
                options={enumOptions((v) => tc(`approvalStatus.${v}`), STATUSES)}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: tc('unit'),
            dataIndex: 'orgName',
            render: (v, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`alloc-open-${r.id}`}>
                {v}
              </LinkButton>
            ),
          },
          { title: t('useClass'), dataIndex: 'useClass', render: (v: string) => tKey(tc, `useClass.${v}`) },
          { title: t('requested'), dataIndex: 'requestedArea', sorter: true, align: 'right', render: fmtArea },
          { title: t('headcount'), dataIndex: 'headcount', align: 'right' },
          { title: t('assigned'), dataIndex: 'assignedArea', align: 'right', render: fmtArea },
          {
            title: t('rooms'),
            dataIndex: 'rooms',
            render: (rooms: TAllocation['rooms']) =>
              rooms.length ? rooms.map((x) => `${x.buildingName} ${x.number}`).join(t('listSep')) : '—',
          },
          { title: t('neededBy'), dataIndex: 'neededBy', render: (v) => v ?? '—' },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDay(v) },
          {
            title: tc('status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{tKey(tc, `approvalStatus.${v}`)}</Tag>,
          },
          {
            title: '',
            key: 'op',
            render: (_, r) => <LinkButton onClick={() => open(r.id)}>{t('open')}</LinkButton>,
          },
        ]}
      />
      <RequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          refresh();
          open(id);
        }}
      />
      <AllocationDrawer id={openId} onClose={() => open(null)} onChanged={refresh} />
    </div>
  );
}

function RequestModal(props: { open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const t = allocationsMessages.useT();
  const tc = officeMessages.useT();
  const { me } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm();
  const created = useRef<number | null>(null);
  return (
    <FormModal
      open={props.open}
      title={t('new')}
      onClose={props.onClose}
      onSaved={() => {
        if (created.current) props.onSaved(created.current);
      }}
      form={form}
      width={560}
      initialValues={{ orgId: activeOrg ?? me?.orgId, useClass: 'office', headcount: 0 }}
      onSubmit={async (v) => {
        const a = await call(officeApi.createAllocation, {
          body: { ...v, neededBy: v.neededBy ? v.neededBy.format('YYYY-MM-DD') : null } as RouteBody<typeof officeApi.createAllocation>,
        });
        created.current = a.id;
      }}
    >
      <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
        <UnitSelect testId="alloc-form-org" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="useClass" label={t('useClass')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={enumOptions((v) => tc(`useClass.${v}`), USE_CLASSES)} data-testid="alloc-form-class" />
        </Form.Item>
        <Form.Item name="requestedArea" label={t('requested')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={500000} precision={2} data-testid="alloc-form-area" />
        </Form.Item>
        <Form.Item name="headcount" label={t('headcount')}>
          <InputNumber min={0} max={100000} precision={0} data-testid="alloc-form-headcount" />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="alloc-form-reason" />
      </Form.Item>
      <Form.Item name="neededBy" label={t('neededBy')}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}

function AllocationDrawer(props: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const t = allocationsMessages.useT();
  const tc = officeMessages.useT();
  const screens = Grid.useBreakpoint();
  const { hasPermission } = useAuth();
  const q = useApiQuery(officeApi.allocation, { params: { id: props.id ?? 0 } }, { enabled: !!props.id });
  const a = q.data;
  const canAssign = !!a && a.status === 'pending' && hasPermission('office.manage');
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      title={t('detail')}
      size={screens.md ? 820 : '100%'}
      destroyOnHidden
      extra={
        a?.instanceId ? (
          <Link to={`/approvals/${a.instanceId}`} data-testid="alloc-approval-link">
            {t('openApproval')}
          </Link>
        ) : null
      }
    >
      {q.error ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : null}
      {!a && !q.error ? <Loading /> : null}
      {a ? (
        <div data-testid="alloc-detail" data-status={a.status}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={tc('unit')}>{a.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <Tag color={STATUS_COLOR[a.status]} data-testid="alloc-status">
                {tKey(tc, `approvalStatus.${a.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('useClass')}>{tc(`useClass.${a.useClass}`)}</Descriptions.Item>
            <Descriptions.Item label={t('requested')}>{fmtArea(a.requestedArea)}</Descriptions.Item>
            <Descriptions.Item label={t('headcount')}>{a.headcount}</Descriptions.Item>
            <Descriptions.Item label={t('neededBy')}>{a.neededBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reason')} span={{ xs: 1, md: 2 }}>
              {a.reason}
            </Descriptions.Item>
            <Descriptions.Item label={t('createdAt')}>{fmtInstant(a.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('approval')}>
              {a.instanceId ? <Link to={`/approvals/${a.instanceId}`}>#{a.instanceId}</Link> : '—'}
            </Descriptions.Item>
          </Descriptions>

          <h4 style={{ marginTop: 16 }}>{t('percap')}</h4>
          <PerCapita a={a} />

          <h4 style={{ marginTop: 16 }}>{t('rooms')}</h4>
          <Table
            size="small"
            rowKey="roomId"
            pagination={false}
            dataSource={a.rooms}
            data-testid="alloc-rooms"
            locale={{ emptyText: t('noRooms') }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: tc('building'), dataIndex: 'buildingName' },
              { title: tc('number'), dataIndex: 'number' },
              { title: tc('useClass'), dataIndex: 'useClass', render: (v: string) => tKey(tc, `useClass.${v}`) },
              { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
              { title: t('from'), dataIndex: 'fromOrgName' },
            ]}
          />
          {canAssign ? <IdlePicker a={a} onSaved={props.onChanged} /> : null}
          {a.status === 'pending' && !canAssign && !a.rooms.length ? (
            <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('noRooms')} />
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}

function PerCapita({ a }: { a: TAllocation }) {
  const t = allocationsMessages.useT();
  const u = a.unit;
  const cell = (v: number | null, testId: string) => (
    <span data-testid={testId} data-value={v ?? ''}>
      {fmtArea(v)}
    </span>
  );
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="k"
      data-testid="alloc-percap"
      dataSource={[
        {
          k: 'area',
          label: t('officeArea'),
          before: cell(u.officeArea, 'alloc-area-before'),
          after: cell(u.afterOfficeArea, 'alloc-area-after'),
        },
        {
          k: 'people',
          label: t('staffing'),
          before: `${u.staffing} / ${u.headcount}`,
          after: `${u.staffing} / ${u.headcount}`,
        },
        {
          k: 'per',
          label: t('perCapita'),
          before: cell(u.perCapita, 'alloc-percap-before'),
          after: <b>{cell(u.afterPerCapita, 'alloc-percap-after')}</b>,
        },
      ]}
      columns={[
        { title: '', dataIndex: 'label' },
        { title: t('before'), dataIndex: 'before', align: 'right' },
        { title: t('after'), dataIndex: 'after', align: 'right' },
      ]}
    />
  );
}

function IdlePicker({ a, onSaved }: { a: TAllocation; onSaved: () => void }) {
  const t = allocationsMessages.useT();
  const tc = officeMessages.useT();
  const [minArea, setMinArea] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>(a.rooms.map((r) => r.roomId));
  const [busy, setBusy] = useState(false);
  useEffect(() => setSelected(a.rooms.map((r) => r.roomId)), [a.rooms]);
  const idle = useApiQuery(officeApi.idleRooms, { query: { useClass: a.useClass, minArea: minArea ?? undefined } });
  // The route declares no response schema: the service answers a list of idle rooms.
  const q = { ...idle, data: idle.data as IdleRoom[] | undefined };
  // Rooms already assigned stay listed (and selectable) even when filtered out.
  const rows = useMemo(() => {
    const list = q.data ?? [];
    const extra = a.rooms
      .filter((r) => !list.some((x) => x.roomId === r.roomId))
      .map((r) => ({ ...r, floorName: '', orgId: r.fromOrgId, orgName: r.fromOrgName ?? '' }));
    return [...extra, ...list];
  }, [q.data, a.rooms]);
  const total = rows.filter((r) => selected.includes(r.roomId)).reduce((s, r) => s + r.area, 0);
  const pct = a.requestedArea ? Math.round((total / a.requestedArea) * 100) : 0;
  const save = async () => {
    setBusy(true);
    try {
      await call(officeApi.assignAllocation, { params: { id: a.id }, body: { roomIds: selected } });
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('picker')} style={{ marginTop: 16 }} data-testid="idle-picker">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('pickerHint')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <InputNumber
          min={0}
          max={5000}
          placeholder={t('minArea')}
          value={minArea}
          onChange={(v) => setMinArea(v)}
          suffix="㎡"
          style={{ width: 160 }}
          data-testid="idle-min-area"
        />
      </Space>
      <Table<IdleRoom>
        size="small"
        rowKey="roomId"
        loading={q.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('noIdle') }}
        onRow={(r) => ({ 'data-testid': `idle-room-${r.roomId}` }) as React.HTMLAttributes<HTMLElement>}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), preserveSelectedRowKeys: true }}
        columns={[
          { title: tc('building'), dataIndex: 'buildingName', render: (v, r) => `${v} ${r.floorName}` },
          { title: tc('number'), dataIndex: 'number' },
          { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
          { title: t('from'), dataIndex: 'orgName' },
        ]}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginTop: 8 }}>
        <div style={{ flex: '1 1 240px' }} data-testid="idle-total" data-total={Math.round(total * 100) / 100}>
          {t('selected', { n: selected.length, a: fmtArea(total), r: fmtArea(a.requestedArea) })}
          <Progress percent={Math.min(pct, 100)} size="small" status={pct > 110 ? 'exception' : pct >= 100 ? 'success' : 'active'} />
        </div>
        <Button type="primary" disabled={!selected.length} loading={busy} onClick={save} data-testid="idle-save">
          {t('save')}
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('approveHint')}
      </Typography.Text>
    </Card>
  );
}
