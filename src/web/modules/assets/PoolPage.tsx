import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Tabs, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import { ACCEPTANCE_CHECKS } from '../../../contracts/modules/assets';
import type { TAsset, ZAllocationSchema, ZDisposalSchema, ZHandInSchema, ZLoanSchema } from '../../../contracts/modules/assets';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { assetPoolApi, assetsApi } from '../../../contracts/modules/assets.api';
import type { RouteBody } from '../../../contracts/route';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { Chart } from '../../shared/ui/Chart';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import { AssetStatusTag, CategorySelect } from './common';
import { formatMoney, formatWan } from '../../shared/money';
import { byCode, assetsMessages, poolMessages } from './i18n';
import { fmtDay } from '../../shared/dates';

type HandIn = z.infer<typeof ZHandInSchema>;
type Allocation = z.infer<typeof ZAllocationSchema>;
type Loan = z.infer<typeof ZLoanSchema>;
type Disposal = z.infer<typeof ZDisposalSchema>;

const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };
const statusTag = (tp: unknown, s: string) => (
  <Tag color={{ accepted: 'green', received: 'green', returned: 'orange', rejected: 'red', out: 'cyan' }[s] ?? 'blue'}>
    {byCode(tp, 'rs', s)}
  </Tag>
);

function StatsPanel() {
  const tp = poolMessages.useT();
  const q = useApiQuery(assetPoolApi.stats, {});
  const s = q.data;
  const monthOption = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [tp('received'), tp('allocated')] },
        grid: { left: 40, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
        yAxis: { type: 'value' },
        series: [
          { name: tp('received'), type: 'bar', data: s.byMonth.map((m) => m.received) },
          { name: tp('allocated'), type: 'bar', data: s.byMonth.map((m) => m.allocated) },
        ],
      },
    [s, tp],
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
  const cards: ['received' | 'allocated' | 'disposed' | 'loaned' | 'inPool', { batches?: number; items: number; value: string }][] = [
    ['received', s.received],
    ['allocated', s.allocated],
    ['disposed', s.disposed],
    ['loaned', s.loaned],
    ['inPool', s.inPool],
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {cards.map(([k, f]) => (
          <Col xs={12} md={8} lg={4} key={k}>
            <Card size="small" data-testid={`pool-stat-pool.${k}`}>
              <Statistic
                title={`${s.from.slice(0, 4)} · ${tp(k)}`}
                value={
                  f.batches !== undefined
                    ? `${tp('batches', { n: f.batches })} / ${tp('items', { n: f.items })}`
                    : tp('items', { n: f.items })
                }
                valueStyle={{ fontSize: 18 }}
              />
              <div style={{ color: '#888', fontSize: 12 }}>{tp('value', { v: formatWan(f.value) })}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={tp('byMonth')}>
            {monthOption ? <Chart option={monthOption} height={240} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={tp('byCategory')}>
            {catOption ? <Chart option={catOption} height={240} /> : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function Catalogue() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const qc = useQueryClient();
  const { hasPermission, me } = useAuth();
  const [selected, setSelected] = useState<number[]>([]);
  const [modal, setModal] = useState<null | 'allocate' | 'lend'>(null);
  const done = () => {
    invalidate(qc, ['assets', 'asset-pool']);
    setSelected([]);
  };
  return (
    <>
      <ServerTable<TAsset>
        route={assetsApi.list}
        extraQuery={{ status: 'in_pool' }}
        exportRoute={assetsApi.exportList}
        testId="pool-catalogue"
        rowSelection={{ selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (k) => setSelected(k as number[]) }}
        toolbar={
          <>
            {hasPermission('assets.write') ? (
              <Button type="primary" disabled={!selected.length} onClick={() => setModal('allocate')} data-testid="pool-request">
                {tp('request', { n: selected.length })}
              </Button>
            ) : null}
            {hasPermission(['pool.keep', 'pool.manage']) ? (
              <Button disabled={!selected.length} onClick={() => setModal('lend')} data-testid="pool-lend">
                {tp('lend', { n: selected.length })}
              </Button>
            ) : null}
          </>
        }
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={ta('search')} style={{ width: 180 }} data-testid="pool-filter-q" />
            </Form.Item>
            <Form.Item name="category">
              <CategorySelect allowClear placeholder={ta('category')} />
            </Form.Item>
            <Form.Item name="condition">
              <Select
                allowClear
                placeholder={ta('condition')}
                style={{ width: 120 }}
                options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: byCode(ta, 'cond', c) }))}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: ta('code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: ta('name'), dataIndex: 'name', key: 'name', sorter: true },
          { title: ta('category'), dataIndex: 'categoryName' },
          { title: ta('spec'), dataIndex: 'spec', responsive: ['md'] },
          { title: ta('condition'), dataIndex: 'condition', render: (c: string | null) => (c ? byCode(ta, 'cond', c) : '—') },
          { title: ta('warehouse'), dataIndex: 'warehouseName', render: (w: string | null, r) => `${w ?? ''} ${r.slot ?? ''}` },
          {
            title: ta('originalValue'),
            dataIndex: 'originalValue',
            key: 'originalValue',
            sorter: true,
            align: 'right',
            render: (v: string | null) => formatMoney(v),
          },
          { title: ta('status'), dataIndex: 'status', render: (s: string) => <AssetStatusTag status={s} /> },
        ]}
      />
      <FormModal<Omit<RouteBody<typeof assetPoolApi.allocate>, 'assetIds'>>
        open={modal === 'allocate'}
        title={tp('request', { n: selected.length })}
        onClose={() => setModal(null)}
        initialValues={{ toOrgId: me?.orgId }}
        onSubmit={(v) => call(assetPoolApi.allocate, { body: { ...v, assetIds: selected } })}
        onSaved={done}
      >
        <Form.Item name="toOrgId" label={tp('toOrg')} rules={[{ required: true }]}>
          <UnitSelect testId="pool-to-org" />
        </Form.Item>
        <Form.Item name="reason" label={ta('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} placeholder={tp('reasonHint')} data-testid="pool-reason" />
        </Form.Item>
      </FormModal>
      <FormModal<Omit<RouteBody<typeof assetPoolApi.lend>, 'assetIds'>>
        open={modal === 'lend'}
        title={tp('lend', { n: selected.length })}
        onClose={() => setModal(null)}
        onSubmit={(v) => call(assetPoolApi.lend, { body: { ...v, assetIds: selected } })}
        onSaved={done}
      >
        <Form.Item name="borrowerName" label={tp('borrower')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={tp('purpose')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="lentOn" label={tp('lentOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="dueOn" label={tp('dueOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
      </FormModal>
    </>
  );
}

function HandIns() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [accepting, setAccepting] = useState<HandIn | null>(null);
  const wh = useApiQuery(assetPoolApi.warehouses, {});
  const done = () => {
    invalidate(qc, ['assets', 'asset-pool']);
  };
  return (
    <>
      <ServerTable<HandIn>
        route={assetPoolApi.handIns}
        urlFilters={['status']}
        testId="pool-hand-ins"
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={tp('status')}
              style={{ width: 130 }}
              options={['submitted', 'accepted', 'rejected', 'withdrawn'].map((s) => ({ value: s, label: byCode(tp, 'rs', s) }))}
            />
          </Form.Item>
        }
        columns={[
          { title: tp('code'), dataIndex: 'code' },
          { title: ta('org'), dataIndex: 'orgName' },
          { title: ta('reason'), dataIndex: 'reason', render: (r: string) => byCode(ta, 'hr', r) },
          { title: tp('itemCount'), dataIndex: 'itemCount', align: 'right' },
          { title: tp('totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: tp('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDay(v) },
          { title: tp('status'), dataIndex: 'status', render: (s: string) => statusTag(tp, s) },
          { key: 'print', render: (_: unknown, r: HandIn) => <Link to={`/assets/pool/print/hand-in/${r.id}`}>{tp('print')}</Link> },
          {
            key: 'act',
            render: (_: unknown, r: HandIn) =>
              r.status === 'submitted' && hasPermission('pool.keep') ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setAccepting(r)} data-testid={`pool-accept-${r.code}`}>
                    {tp('accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      call(assetPoolApi.reject, { params: { id: r.id } })
                        .then(done)
                        .catch((e) => message.error(e.message))
                    }
                  >
                    {tp('reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <AcceptModal handIn={accepting} warehouses={wh.data ?? []} onClose={() => setAccepting(null)} onSaved={done} />
    </>
  );
}

function Allocations() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const act = (run: () => Promise<unknown>) =>
    run()
      .then(() => invalidate(qc, ['assets', 'asset-pool']))
      .catch((e) => message.error(e.message));
  return (
    <ServerTable<Allocation>
      route={assetPoolApi.allocations}
      testId="pool-allocations"
      filters={
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={tp('status')}
            style={{ width: 130 }}
            options={['pending', 'approved', 'delivered', 'received', 'rejected'].map((s) => ({ value: s, label: byCode(tp, 'rs', s) }))}
          />
        </Form.Item>
      }
      columns={[
        { title: tp('code'), dataIndex: 'code' },
        { title: tp('toOrg'), dataIndex: 'toOrgName' },
        { title: ta('reason'), dataIndex: 'reason' },
        { title: tp('itemCount'), dataIndex: 'itemCount', align: 'right' },
        { title: tp('totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: tp('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDay(v) },
        { title: tp('status'), dataIndex: 'status', render: (s: string) => statusTag(tp, s) },
        {
          key: 'print',
          render: (_: unknown, r: Allocation) => (
            <Link to={`/assets/pool/print/allocation/${r.id}`} data-testid={`pool-print-${r.code}`}>
              {tp('print')}
            </Link>
          ),
        },
        {
          key: 'act',
          render: (_: unknown, r: Allocation) => (
            <Space>
              {r.status === 'approved' && hasPermission('pool.keep') ? (
                <Button
                  size="small"
                  onClick={() => act(() => call(assetPoolApi.deliver, { params: { id: r.id } }))}
                  data-testid={`pool-deliver-${r.code}`}
                >
                  {tp('deliver')}
                </Button>
              ) : null}
              {['approved', 'delivered'].includes(r.status) && hasPermission('assets.write') ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => act(() => call(assetPoolApi.receive, { params: { id: r.id }, body: {} }))}
                  data-testid={`pool-receive-${r.code}`}
                >
                  {tp('receive')}
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
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [returning, setReturning] = useState<Loan | null>(null);
  return (
    <>
      <ServerTable<Loan>
        route={assetPoolApi.loans}
        urlFilters={['status']}
        testId="pool-loans"
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={tp('status')}
              style={{ width: 130 }}
              options={[
                { value: 'out', label: tp('rs.out') },
                { value: 'overdue', label: tp('overdue') },
                { value: 'returned', label: tp('rs.returned') },
              ]}
            />
          </Form.Item>
        }
        rowClassName={(r) => (r.overdue ? 'hq-row-warn' : '')}
        columns={[
          { title: tp('borrower'), dataIndex: 'borrowerName' },
          { title: tp('purpose'), dataIndex: 'purpose' },
          { title: tp('itemCount'), dataIndex: 'itemCount', align: 'right' },
          { title: tp('lentOn'), dataIndex: 'lentOn' },
          {
            title: tp('dueOn'),
            dataIndex: 'dueOn',
            render: (v: string, r) => (r.overdue ? <Tag color="red" data-testid="pool-loan-overdue">{`${v} ${tp('overdue')}`}</Tag> : v),
          },
          {
            title: tp('status'),
            dataIndex: 'status',
            render: (s: string) => (s === 'returned' ? tp('returnedOn') : statusTag(tp, s)),
          },
          {
            key: 'act',
            render: (_: unknown, r: Loan) =>
              r.status === 'out' && hasPermission(['pool.keep', 'pool.manage']) ? (
                <Button size="small" onClick={() => setReturning(r)}>
                  {tp('return')}
                </Button>
              ) : (
                r.returnedOn
              ),
          },
        ]}
      />
      <FormModal<RouteBody<typeof assetPoolApi.returnLoan>>
        open={!!returning}
        title={tp('return')}
        onClose={() => setReturning(null)}
        initialValues={{ condition: 'A' }}
        onSubmit={(v) => call(assetPoolApi.returnLoan, { params: { id: returning!.id }, body: v })}
        onSaved={() => {
          invalidate(qc, ['assets', 'asset-pool']);
        }}
      >
        <Form.Item name="returnedOn" label={tp('returnedOn')} rules={[{ required: true }]} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="condition" label={ta('condition')} rules={[{ required: true }]}>
          <Select options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: byCode(ta, 'cond', c) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Disposals() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  return (
    <ServerTable<Disposal>
      route={assetPoolApi.disposals}
      testId="pool-disposals"
      columns={[
        { title: tp('code'), dataIndex: 'code' },
        { title: ta('org'), dataIndex: 'orgName' },
        { title: ta('method'), dataIndex: 'method', render: (m: string) => byCode(ta, 'dm', m) },
        { title: ta('reason'), dataIndex: 'reason' },
        { title: tp('itemCount'), dataIndex: 'itemCount', align: 'right' },
        { title: tp('totalValue'), dataIndex: 'totalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: tp('tier'), dataIndex: 'tierLabel' },
        { title: tp('status'), dataIndex: 'status', render: (s: string) => statusTag(tp, s) },
        { key: 'print', render: (_: unknown, r: Disposal) => <Link to={`/assets/pool/print/disposal/${r.id}`}>{tp('print')}</Link> },
      ]}
    />
  );
}

/** 公物仓: what it holds (units browse and request), what came in and went out, loans, disposals, statistics. */
export function PoolPage() {
  const tp = poolMessages.useT();
  // ?tab=hand-ins (the workbench's 待验收) opens that tab; its list reads its own filter from the URL.
  const [params] = useSearchParams();
  return (
    <div data-testid="asset-pool-page">
      <PageHeader title={tp('title')} />
      <StatsPanel />
      <Tabs
        defaultActiveKey={params.get('tab') ?? undefined}
        items={[
          { key: 'catalogue', label: tp('catalogue'), children: <Catalogue /> },
          { key: 'hand-ins', label: <span data-testid="pool-tab-hand-ins">{tp('handIns')}</span>, children: <HandIns /> },
          { key: 'allocations', label: <span data-testid="pool-tab-allocations">{tp('allocations')}</span>, children: <Allocations /> },
          { key: 'loans', label: <span data-testid="pool-tab-loans">{tp('loans')}</span>, children: <Loans /> },
          { key: 'disposals', label: tp('disposals'), children: <Disposals /> },
        ]}
      />
    </div>
  );
}

type AcceptValues = {
  warehouseId: number;
  items: { condition: 'A' | 'B' | 'C' | 'D'; passed?: string[]; note?: string }[];
};

/**
 * 验收入库, item by item: each asset of the hand-in gets its own grade and its own checklist
 * (matches the register, appearance, works, accessories, label) and a note; the printed
 * acceptance form shows them per item.
 */
function AcceptModal(props: {
  handIn: HandIn | null;
  warehouses: { id: number; name: string; active: boolean }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const h = props.handIn;
  const assets = useApiQuery(
    assetsApi.list,
    { query: { ids: h?.assetIds.join(',') ?? '', pageSize: 200, sort: 'code' } },
    { enabled: !!h?.assetIds.length },
  );
  const byId = new Map((assets.data?.items ?? []).map((a) => [a.id, a]));
  const checkOptions = ACCEPTANCE_CHECKS.map((c) => ({ value: c, label: byCode(tp, 'chk', c) }));
  return (
    <FormModal<AcceptValues>
      open={!!h}
      width={760}
      title={`${tp('accept')} ${h?.code ?? ''}`}
      onClose={props.onClose}
      initialValues={{
        warehouseId: props.warehouses.find((w) => w.active)?.id,
        items: (h?.assetIds ?? []).map(() => ({ condition: 'A', passed: [] })),
      }}
      onSubmit={(v) =>
        call(assetPoolApi.accept, {
          params: { id: h!.id },
          body: {
            warehouseId: v.warehouseId,
            // The rows follow the hand-in's items in order (the form returns only the fields it shows).
            items: v.items.map((i, k) => ({
              assetId: h!.assetIds[k]!,
              condition: i.condition,
              checks: Object.fromEntries(ACCEPTANCE_CHECKS.map((c) => [c, (i.passed ?? []).includes(c)])),
              note: i.note?.trim() || null,
            })),
          } as RouteBody<typeof assetPoolApi.accept>,
        })
      }
      onSaved={props.onSaved}
    >
      <Form.Item name="warehouseId" label={ta('warehouse')} rules={[{ required: true }]}>
        <Select
          data-testid="pool-accept-warehouse"
          options={props.warehouses.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
        />
      </Form.Item>
      <div style={{ color: '#888', marginBottom: 8 }}>{tp('itemGrades')}</div>
      <Form.List name="items">
        {(fields) =>
          fields.map((f) => {
            const assetId = (h?.assetIds ?? [])[f.name];
            const a = assetId === undefined ? undefined : byId.get(assetId);
            return (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={a ? `${a.code} ${a.name}` : `#${assetId ?? ''}`}
                data-testid={`pool-accept-item-${assetId}`}
              >
                <Row gutter={12}>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[f.name, 'condition']} label={ta('condition')} rules={[{ required: true }]}>
                      <Select
                        data-testid={`pool-accept-grade-${assetId}`}
                        options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: byCode(ta, 'cond', c) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={16}>
                    <Form.Item name={[f.name, 'passed']} label={tp('checklist')}>
                      <Checkbox.Group options={checkOptions} data-testid={`pool-accept-checks-${assetId}`} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={[f.name, 'note']} label={tp('checkNote')} style={{ marginBottom: 0 }}>
                  <Input maxLength={200} />
                </Form.Item>
              </Card>
            );
          })
        }
      </Form.List>
    </FormModal>
  );
}
