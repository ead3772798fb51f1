import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Tabs, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type {
  TAsset,
  ZAllocationSchema,
  ZDisposalSchema,
  ZHandInSchema,
  ZLoanSchema,
  ZPoolStatsSchema,
  ZWarehouseSchema,
} from '../../../contracts/modules/assets';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import { AssetStatusTag, CategorySelect } from './common';
import { formatMoney } from '../../shared/money';

type Stats = z.infer<typeof ZPoolStatsSchema>;
type HandIn = z.infer<typeof ZHandInSchema>;
type Allocation = z.infer<typeof ZAllocationSchema>;
type Loan = z.infer<typeof ZLoanSchema>;
type Disposal = z.infer<typeof ZDisposalSchema>;
type Warehouse = z.infer<typeof ZWarehouseSchema>;

const wan = (v: string) => (Number(v) / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };
const statusTag = (t: (k: string) => string, s: string) => (
  <Tag color={{ accepted: 'green', received: 'green', returned: 'orange', rejected: 'red', out: 'cyan' }[s] ?? 'blue'}>
    {t(`pool.rs.${s}`)}
  </Tag>
);

function StatsPanel() {
  const t = useT();
  const q = useQuery({ queryKey: ['assets', 'pool-stats'], queryFn: () => api.get<Stats>('/asset-pool/stats') });
  const s = q.data;
  const monthOption = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('pool.received'), t('pool.allocated')] },
        grid: { left: 40, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
        yAxis: { type: 'value' },
        series: [
          { name: t('pool.received'), type: 'bar', data: s.byMonth.map((m) => m.received) },
          { name: t('pool.allocated'), type: 'bar', data: s.byMonth.map((m) => m.allocated) },
        ],
      },
    [s, t],
  );
  const catOption = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'item' },
        series: [{ type: 'pie', radius: ['40%', '70%'], data: s.allocatedByCategory.map((c) => ({ name: c.name, value: c.items })) }],
      },
    [s],
  );
  if (!s) return null;
  const cards: [string, { batches?: number; items: number; value: string }][] = [
    ['pool.received', s.received],
    ['pool.allocated', s.allocated],
    ['pool.disposed', s.disposed],
    ['pool.loaned', s.loaned],
    ['pool.inPool', s.inPool],
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {cards.map(([k, f]) => (
          <Col xs={12} md={8} lg={4} key={k}>
            <Card size="small" data-testid={`pool-stat-${k}`}>
              <Statistic
                title={`${s.from.slice(0, 4)} · ${t(k)}`}
                value={
                  f.batches !== undefined
                    ? `${t('pool.batches', { n: f.batches })} / ${t('pool.items', { n: f.items })}`
                    : t('pool.items', { n: f.items })
                }
                valueStyle={{ fontSize: 18 }}
              />
              <div style={{ color: '#888', fontSize: 12 }}>{t('pool.value', { v: wan(f.value) })}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('pool.byMonth')}>
            {monthOption ? <Chart option={monthOption} height={240} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('pool.byCategory')}>
            {catOption ? <Chart option={catOption} height={240} /> : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function Catalogue() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission, me } = useAuth();
  const [selected, setSelected] = useState<number[]>([]);
  const [modal, setModal] = useState<null | 'allocate' | 'lend'>(null);
  const done = () => {
    qc.invalidateQueries({ queryKey: ['assets'] });
    qc.invalidateQueries({ queryKey: ['pool-allocations'] });
    qc.invalidateQueries({ queryKey: ['pool-loans'] });
    setSelected([]);
  };
  return (
    <>
      <ServerTable<TAsset>
        queryKey="assets"
        path="/assets"
        extraQuery={{ status: 'in_pool' }}
        exportPath="/assets/export"
        testId="pool-catalogue"
        rowSelection={{ selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (k) => setSelected(k as number[]) }}
        toolbar={
          <>
            {hasPermission('assets.write') ? (
              <Button type="primary" disabled={!selected.length} onClick={() => setModal('allocate')} data-testid="pool-request">
                {t('pool.request', { n: selected.length })}
              </Button>
            ) : null}
            {hasPermission(['pool.keep', 'pool.manage']) ? (
              <Button disabled={!selected.length} onClick={() => setModal('lend')} data-testid="pool-lend">
                {t('pool.lend', { n: selected.length })}
              </Button>
            ) : null}
          </>
        }
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('as.search')} style={{ width: 180 }} data-testid="pool-filter-q" />
            </Form.Item>
            <Form.Item name="category">
              <CategorySelect allowClear placeholder={t('as.category')} />
            </Form.Item>
            <Form.Item name="condition">
              <Select
                allowClear
                placeholder={t('as.condition')}
                style={{ width: 120 }}
                options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: t(`as.cond.${c}`) }))}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('as.code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: t('as.name'), dataIndex: 'name', key: 'name', sorter: true },
          { title: t('as.category'), dataIndex: 'categoryName' },
          { title: t('as.spec'), dataIndex: 'spec', responsive: ['md'] },
          { title: t('as.condition'), dataIndex: 'condition', render: (c: string | null) => (c ? t(`as.cond.${c}`) : '—') },
          { title: t('as.warehouse'), dataIndex: 'warehouseName', render: (w: string | null, r) => `${w ?? ''} ${r.slot ?? ''}` },
          {
            title: t('as.originalValue'),
            dataIndex: 'originalValue',
            key: 'originalValue',
            sorter: true,
            align: 'right',
            render: (v: string | null) => formatMoney(v),
          },
          { title: t('as.status'), dataIndex: 'status', render: (s: string) => <AssetStatusTag status={s} /> },
        ]}
      />
      <FormModal
        open={modal === 'allocate'}
        title={t('pool.request', { n: selected.length })}
        onClose={() => setModal(null)}
        initialValues={{ toOrgId: me?.orgId }}
        onSubmit={(v) => api.post('/asset-pool/allocations', { ...v, assetIds: selected })}
        onSaved={done}
      >
        <Form.Item name="toOrgId" label={t('pool.toOrg')} rules={[{ required: true }]}>
          <UnitSelect testId="pool-to-org" />
        </Form.Item>
        <Form.Item name="reason" label={t('as.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} placeholder={t('pool.reasonHint')} data-testid="pool-reason" />
        </Form.Item>
      </FormModal>
      <FormModal
        open={modal === 'lend'}
        title={t('pool.lend', { n: selected.length })}
        onClose={() => setModal(null)}
        onSubmit={(v) => api.post('/asset-pool/loans', { ...v, assetIds: selected })}
        onSaved={done}
      >
        <Form.Item name="borrowerName" label={t('pool.borrower')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={t('pool.purpose')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="lentOn" label={t('pool.lentOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="dueOn" label={t('pool.dueOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
      </FormModal>
    </>
  );
}

function HandIns() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [accepting, setAccepting] = useState<HandIn | null>(null);
  const wh = useQuery({ queryKey: ['pool-warehouses'], queryFn: () => api.get<Warehouse[]>('/asset-pool/warehouses') });
  const done = () => {
    qc.invalidateQueries({ queryKey: ['pool-hand-ins'] });
    qc.invalidateQueries({ queryKey: ['assets'] });
  };
  return (
    <>
      <ServerTable<HandIn>
        queryKey="pool-hand-ins"
        path="/asset-pool/hand-ins"
        testId="pool-hand-ins"
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('pool.status')}
              style={{ width: 130 }}
              options={['submitted', 'accepted', 'rejected', 'withdrawn'].map((s) => ({ value: s, label: t(`pool.rs.${s}`) }))}
            />
          </Form.Item>
        }
        columns={[
          { title: t('pool.code'), dataIndex: 'code' },
          { title: t('as.org'), dataIndex: 'orgName' },
          { title: t('as.reason'), dataIndex: 'reason', render: (r: string) => t(`as.hr.${r}`) },
          { title: t('pool.itemCount'), dataIndex: 'itemCount', align: 'right' },
          { title: t('pool.totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t('pool.createdAt'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 10) },
          { title: t('pool.status'), dataIndex: 'status', render: (s: string) => statusTag(t, s) },
          { key: 'print', render: (_: unknown, r: HandIn) => <Link to={`/assets/pool/print/hand-in/${r.id}`}>{t('pool.print')}</Link> },
          {
            key: 'act',
            render: (_: unknown, r: HandIn) =>
              r.status === 'submitted' && hasPermission('pool.keep') ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setAccepting(r)} data-testid={`pool-accept-${r.code}`}>
                    {t('pool.accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      api
                        .post(`/asset-pool/hand-ins/${r.id}/reject`)
                        .then(done)
                        .catch((e) => message.error(e.message))
                    }
                  >
                    {t('pool.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <FormModal
        open={!!accepting}
        title={`${t('pool.accept')} ${accepting?.code ?? ''}`}
        onClose={() => setAccepting(null)}
        initialValues={{ warehouseId: wh.data?.find((w) => w.active)?.id, condition: 'A' }}
        onSubmit={(v) => api.post(`/asset-pool/hand-ins/${accepting!.id}/accept`, v)}
        onSaved={done}
      >
        <Form.Item name="warehouseId" label={t('as.warehouse')} rules={[{ required: true }]}>
          <Select
            data-testid="pool-accept-warehouse"
            options={(wh.data ?? []).filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
          />
        </Form.Item>
        <Form.Item name="condition" label={t('as.condition')} rules={[{ required: true }]}>
          <Select options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: t(`as.cond.${c}`) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Allocations() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const act = (path: string) =>
    api
      .post(path, {})
      .then(() => {
        qc.invalidateQueries({ queryKey: ['pool-allocations'] });
        qc.invalidateQueries({ queryKey: ['assets'] });
      })
      .catch((e) => message.error(e.message));
  return (
    <ServerTable<Allocation>
      queryKey="pool-allocations"
      path="/asset-pool/allocations"
      testId="pool-allocations"
      filters={
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t('pool.status')}
            style={{ width: 130 }}
            options={['pending', 'approved', 'delivered', 'received', 'rejected'].map((s) => ({ value: s, label: t(`pool.rs.${s}`) }))}
          />
        </Form.Item>
      }
      columns={[
        { title: t('pool.code'), dataIndex: 'code' },
        { title: t('pool.toOrg'), dataIndex: 'toOrgName' },
        { title: t('as.reason'), dataIndex: 'reason' },
        { title: t('pool.itemCount'), dataIndex: 'itemCount', align: 'right' },
        { title: t('pool.totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: t('pool.createdAt'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 10) },
        { title: t('pool.status'), dataIndex: 'status', render: (s: string) => statusTag(t, s) },
        {
          key: 'print',
          render: (_: unknown, r: Allocation) => (
            <Link to={`/assets/pool/print/allocation/${r.id}`} data-testid={`pool-print-${r.code}`}>
              {t('pool.print')}
            </Link>
          ),
        },
        {
          key: 'act',
          render: (_: unknown, r: Allocation) => (
            <Space>
              {r.status === 'approved' && hasPermission('pool.keep') ? (
                <Button size="small" onClick={() => act(`/asset-pool/allocations/${r.id}/deliver`)} data-testid={`pool-deliver-${r.code}`}>
                  {t('pool.deliver')}
                </Button>
              ) : null}
              {['approved', 'delivered'].includes(r.status) && hasPermission('assets.write') ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => act(`/asset-pool/allocations/${r.id}/receive`)}
                  data-testid={`pool-receive-${r.code}`}
                >
                  {t('pool.receive')}
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Loans() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [returning, setReturning] = useState<Loan | null>(null);
  return (
    <>
      <ServerTable<Loan>
        queryKey="pool-loans"
        path="/asset-pool/loans"
        testId="pool-loans"
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('pool.status')}
              style={{ width: 130 }}
              options={[
                { value: 'out', label: t('pool.rs.out') },
                { value: 'overdue', label: t('pool.overdue') },
                { value: 'returned', label: t('pool.rs.returned') },
              ]}
            />
          </Form.Item>
        }
        rowClassName={(r) => (r.overdue ? 'hq-row-warn' : '')}
        columns={[
          { title: t('pool.borrower'), dataIndex: 'borrowerName' },
          { title: t('pool.purpose'), dataIndex: 'purpose' },
          { title: t('pool.itemCount'), dataIndex: 'itemCount', align: 'right' },
          { title: t('pool.lentOn'), dataIndex: 'lentOn' },
          {
            title: t('pool.dueOn'),
            dataIndex: 'dueOn',
            render: (v: string, r) =>
              r.overdue ? <Tag color="red" data-testid="pool-loan-overdue">{`${v} ${t('pool.overdue')}`}</Tag> : v,
          },
          {
            title: t('pool.status'),
            dataIndex: 'status',
            render: (s: string) => (s === 'returned' ? t('pool.returnedOn') : statusTag(t, s)),
          },
          {
            key: 'act',
            render: (_: unknown, r: Loan) =>
              r.status === 'out' && hasPermission(['pool.keep', 'pool.manage']) ? (
                <Button size="small" onClick={() => setReturning(r)}>
                  {t('pool.return')}
                </Button>
              ) : (
                r.returnedOn
              ),
          },
        ]}
      />
      <FormModal
        open={!!returning}
        title={t('pool.return')}
        onClose={() => setReturning(null)}
        initialValues={{ condition: 'A' }}
        onSubmit={(v) => api.post(`/asset-pool/loans/${returning!.id}/return`, v)}
        onSaved={() => {
          qc.invalidateQueries({ queryKey: ['pool-loans'] });
          qc.invalidateQueries({ queryKey: ['assets'] });
        }}
      >
        <Form.Item name="returnedOn" label={t('pool.returnedOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="condition" label={t('as.condition')} rules={[{ required: true }]}>
          <Select options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: t(`as.cond.${c}`) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Disposals() {
  const t = useT();
  return (
    <ServerTable<Disposal>
      queryKey="pool-disposals"
      path="/asset-pool/disposals"
      testId="pool-disposals"
      columns={[
        { title: t('pool.code'), dataIndex: 'code' },
        { title: t('as.org'), dataIndex: 'orgName' },
        { title: t('as.method'), dataIndex: 'method', render: (m: string) => t(`as.dm.${m}`) },
        { title: t('as.reason'), dataIndex: 'reason' },
        { title: t('pool.itemCount'), dataIndex: 'itemCount', align: 'right' },
        { title: t('pool.totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: t('pool.tier'), dataIndex: 'tierLabel' },
        { title: t('pool.status'), dataIndex: 'status', render: (s: string) => statusTag(t, s) },
        { key: 'print', render: (_: unknown, r: Disposal) => <Link to={`/assets/pool/print/disposal/${r.id}`}>{t('pool.print')}</Link> },
      ]}
    />
  );
}

/** 公物仓: what it holds (units browse and request), what came in and went out, loans, disposals, statistics. */
export function PoolPage() {
  const t = useT();
  return (
    <div data-testid="asset-pool-page">
      <PageHeader title={t('pool.title')} />
      <StatsPanel />
      <Tabs
        items={[
          { key: 'catalogue', label: t('pool.catalogue'), children: <Catalogue /> },
          { key: 'hand-ins', label: <span data-testid="pool-tab-hand-ins">{t('pool.handIns')}</span>, children: <HandIns /> },
          { key: 'allocations', label: <span data-testid="pool-tab-allocations">{t('pool.allocations')}</span>, children: <Allocations /> },
          { key: 'loans', label: <span data-testid="pool-tab-loans">{t('pool.loans')}</span>, children: <Loans /> },
          { key: 'disposals', label: t('pool.disposals'), children: <Disposals /> },
        ]}
      />
    </div>
  );
}
