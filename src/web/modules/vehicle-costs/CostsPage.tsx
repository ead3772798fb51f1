import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Space, Table, Tag, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { COST_KINDS, type TCostKind } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { download, invalidate, useApiQuery } from '../../shared/typedApi';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import { FuelCardsModal, fuelCardMessages } from './CostFuelCards';
import { UnitSelect, fmtKm, fmtTime, useVehicleOptions, vehicleMessages } from '../vehicles';
import { CostStatusTag, type TCostRecord, VendorFlagTag, costMessages } from './costs-i18n';
import { formatMoney } from '../../shared/money';

import { CostEntryModal, type FormKind } from './CostEntryModal';
import { StatementImportModal } from './StatementImportModal';
import { recordMessages } from './records-i18n';

type Filters = { orgId?: number; vehicleId?: number; kind?: TCostKind; from?: string; to?: string; flagged?: 'true' | 'false' };

/** Month pickers that hold a YYYY-MM-DD string in the form (first or last day of the month). */
const monthField = (edge: 'start' | 'end') => ({
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? (edge === 'start' ? d.startOf('month') : d.endOf('month')).format('YYYY-MM-DD') : undefined),
});
/** 运行费用: every cost record in scope, the entry forms per kind and the two statement imports. */
export function CostsPage() {
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const tr = recordMessages.useT();
  const tf = fuelCardMessages.useT();
  const { hasPermission } = useAuth();
  const qc = useQueryClient();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState<FormKind | null>(null);
  const [importing, setImporting] = useState<'fuel' | 'etc' | null>(null);
  const [cards, setCards] = useState(false);
  const canRecord = hasPermission('vehicles.costs');
  const filterOrg = Form.useWatch('orgId', form);
  const vehicles = useVehicleOptions({ orgId: filterOrg ?? activeOrg ?? undefined });
  const query = { orgId: activeOrg ?? undefined, ...filters, page, pageSize };
  const q = useApiQuery(vehicleCostsApi.records, { query }, { placeholderData: (prev) => prev });
  const refresh = () => invalidate(qc, [vehicleCostsApi.records]);
  const clean = (v: Filters) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== null)) as Filters;

  return (
    <div data-testid="costs-page">
      <PageHeader title={tr('title')} />
      <Form
        form={form}
        layout="inline"
        className="hq-filters"
        onFinish={(v) => {
          setPage(1);
          setFilters(clean(v));
        }}
      >
        <Form.Item name="orgId">
          <UnitSelect allowClear placeholder={tv('unit')} testId="cost-filter-unit" />
        </Form.Item>
        <Form.Item name="vehicleId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={tr('vehicle')}
            style={{ width: 150 }}
            data-testid="cost-filter-vehicle"
            options={(vehicles.data ?? []).map((v) => ({ value: v.id, label: v.plate }))}
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t('kind')}
            style={{ width: 120 }}
            data-testid="cost-filter-kind"
            options={COST_KINDS.map((k) => ({ value: k, label: t(`costKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="from" {...monthField('start')}>
          <DatePicker picker="month" placeholder={tr('from')} style={{ width: 130 }} data-testid="cost-filter-from" />
        </Form.Item>
        <Form.Item name="to" {...monthField('end')}>
          <DatePicker picker="month" placeholder={tr('to')} style={{ width: 130 }} data-testid="cost-filter-to" />
        </Form.Item>
        <Form.Item name="flagged">
          <Select
            allowClear
            placeholder={tr('flagged')}
            style={{ width: 130 }}
            options={[
              { value: 'true', label: tr('flaggedOnly') },
              { value: 'false', label: tr('designatedOnly') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="cost-filter-search">
              {tr('search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {tr('reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Space wrap style={{ marginBottom: 12 }}>
        {canRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('fuel')} data-testid="cost-add">
            {tr('add')}
          </Button>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          title={tr('exportHint')}
          onClick={() => download(vehicleCostsApi.exportRecords, { query }).catch((e) => message.error(String(e.message ?? e)))}
          data-testid="cost-export"
        >
          {tr('exportCsv')}
        </Button>
        {canRecord ? (
          <>
            <Button onClick={() => setCards(true)} data-testid="fuel-cards">
              {tf('title')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting('fuel')} data-testid="import-fuel">
              {tr('importFuel')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting('etc')} data-testid="import-etc">
              {tr('importEtc')}
            </Button>
          </>
        ) : null}
      </Space>
      {q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<TCostRecord>
          rowKey="id"
          size="middle"
          data-testid="cost-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(r) =>
            ({
              'data-testid': `cost-row-${r.id}`,
              'data-plate': r.plate,
              'data-kind': r.kind,
              'data-amount': r.amount,
              'data-flag': r.vendorFlag ?? '',
            }) as never
          }
          onChange={(pg) => {
            setPage(pg.current ?? 1);
            setPageSize(pg.pageSize ?? 20);
          }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => tr('total', { n }),
          }}
          columns={[
            {
              title: t('time'),
              dataIndex: 'occurredAt',
              render: (v: string, r) =>
                r.kind === 'repair' || r.kind === 'insurance' || r.kind === 'inspection' ? r.occurredOn : fmtTime(v),
            },
            { title: tv('plate'), dataIndex: 'plate', fixed: 'left' },
            { title: t('kind'), dataIndex: 'kind', render: (v: TCostKind) => <Tag>{t(`costKind.${v}`)}</Tag> },
            { title: t('amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatMoney(v) },
            {
              title: t('quantity'),
              dataIndex: 'quantity',
              align: 'right',
              render: (v: number | null, r) =>
                v === null ? '—' : `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${r.unit ?? ''}`,
            },
            {
              title: t('vendor'),
              dataIndex: 'vendorName',
              render: (v: string | null, r) => (
                <Space size={4} wrap>
                  {v ?? '—'}
                  <VendorFlagTag flag={r.vendorFlag} short />
                </Space>
              ),
            },
            { title: t('detail'), key: 'detail', render: (_, r) => <span className="vc-evidence">{summary(tr, r)}</span> },
            { title: t('card'), dataIndex: 'cardNo', render: (v: string | null) => v ?? '—' },
            { title: t('odometer'), dataIndex: 'odometerKm', align: 'right', render: fmtKm },
            { title: tv('status'), dataIndex: 'status', render: (v: TCostRecord['status']) => <CostStatusTag status={v} /> },
            { title: t('source'), dataIndex: 'source', render: (v: TCostRecord['source']) => t(`src.${v}`) },
          ]}
        />
      )}
      <CostEntryModal kind={adding} onKind={setAdding} onClose={() => setAdding(null)} onSaved={refresh} />
      <StatementImportModal kind={importing} onClose={() => setImporting(null)} onImported={refresh} />
      <FuelCardsModal open={cards} onClose={() => setCards(false)} />
    </div>
  );
}

/** One line of what a record is about, from its kind's details. */
function summary(t: ReturnType<typeof recordMessages.useT>, r: TCostRecord): string {
  const d = (r.details ?? {}) as Record<string, unknown>;
  switch (r.kind) {
    case 'repair': {
      const items = Array.isArray(d.items) ? (d.items as { name: string }[]) : [];
      return items.length ? t('repairLines', { n: items.length, names: items.map((i) => i.name).join(t('listSep')) }) : '';
    }
    case 'insurance':
      return t('policy', { no: r.reference ?? '', start: r.periodStart ?? '', end: r.periodEnd ?? '' });
    case 'inspection':
      return t('inspection', { due: r.periodEnd ?? '', passed: d.passed === false ? t('notPassed') : '' });
    case 'toll':
      return d.entry || d.exit ? t('tollRoute', { entry: String(d.entry ?? ''), exit: String(d.exit ?? '') }) : '';
    case 'parking':
    case 'other':
      return String(d.description ?? '');
    default:
      return typeof d.note === 'string' ? d.note : '';
  }
}
