import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TLedger, TReceipt, TStockRow, TStore, TSuppliesItem } from '../../../contracts/modules/supplies';
import { useAuth } from '../../core/auth/auth';
import { ApiError, type Page, api, downloadFile } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import './i18n';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** The stores (bureau, units) the caller may see, for the store pickers. */
export function useStores() {
  return useQuery({ queryKey: ['sp-stores'], queryFn: () => api.get<{ items: TStore[] }>('/supplies/stores') });
}

function StoreSelect(props: { value?: number; onChange?: (v: number | undefined) => void; allowClear?: boolean; testId?: string }) {
  const t = useT();
  const stores = useStores();
  return (
    <Select
      allowClear={props.allowClear}
      showSearch
      optionFilterProp="label"
      placeholder={t('sp.store')}
      style={{ minWidth: 200 }}
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
      options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

/** 入库: one item into one store at a unit price (the amount is computed exactly by the server). */
function ReceiptModal(props: { open: boolean; onClose: () => void; defaultOrgId?: number }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  // Pool before purchase: the server's 409 names usable pool items of the class; a reason lets it through.
  const [poolHit, setPoolHit] = useState<{ message: string; items: { code: string; name: string }[] } | null>(null);
  const items = useQuery({
    queryKey: ['sp-items-active'],
    queryFn: () => api.get<Page<TSuppliesItem>>('/supplies/items', { active: 'true', pageSize: 200 }),
    enabled: props.open,
  });
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post<TReceipt>('/supplies/receipts', {
        ...v,
        unitPrice: String(v.unitPrice),
        receivedOn: v.receivedOn ? (v.receivedOn as Dayjs).format('YYYY-MM-DD') : undefined,
      });
      message.success(t('sp.received'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['sp-stock'] });
      await qc.invalidateQueries({ queryKey: ['sp-receipts'] });
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'POOL_ITEMS_AVAILABLE')
        setPoolHit({ message: e.message, items: ((e.details as { items?: { code: string; name: string }[] })?.items ?? []).slice(0, 5) });
      else message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={t('sp.receive')}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'sp-receipt-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ orgId: props.defaultOrgId }}>
        <Form.Item name="orgId" label={t('sp.store')} rules={[{ required: true }]}>
          <StoreSelect testId="sp-receipt-store" />
        </Form.Item>
        <Form.Item name="itemId" label={t('sp.item')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="sp-receipt-item"
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}${i.spec ? `（${i.spec}）` : ''}` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="quantity" label={t('sp.qty')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} data-testid="sp-receipt-qty" />
          </Form.Item>
          <Form.Item name="unitPrice" label={t('sp.unitPrice')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} stringMode data-testid="sp-receipt-price" />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('sp.receivedOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="supplierName" label={t('sp.supplier')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('sp.note')}>
          <Input maxLength={500} />
        </Form.Item>
        {poolHit ? (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="sp-pool-hit"
              message={poolHit.message}
              description={poolHit.items.map((i) => `${i.code} ${i.name}`).join('；')}
              style={{ marginBottom: 12 }}
            />
            <Form.Item name="poolOverrideReason" label={t('sp.poolReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="sp-pool-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function StockTab() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [params] = useSearchParams();
  const [receiving, setReceiving] = useState(false);
  const orgParam = Number(params.get('orgId')) || undefined;
  const alerts = useQuery({
    queryKey: ['sp-stock', 'alerts'],
    queryFn: () => api.get<Page<TStockRow>>('/supplies/alerts'),
  });
  return (
    <>
      {alerts.data && alerts.data.total > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sp-low-alert"
          message={t('sp.lowAlert', { n: alerts.data.total })}
        />
      ) : null}
      <ServerTable<TStockRow>
        queryKey="sp-stock"
        path="/supplies/stock"
        exportPath="/supplies/stock/export"
        testId="sp-stock-table"
        rowKey={(r) => `${r.orgId}-${r.itemId}`}
        rowClassName={(r) => (r.belowMin ? 'sp-low' : '')}
        extraQuery={{ orgId: orgParam, belowMin: params.get('belowMin') === 'true' ? 'true' : undefined }}
        toolbar={
          hasPermission('supplies.keep') ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="sp-receive" onClick={() => setReceiving(true)}>
              {t('sp.receive')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <StoreSelect allowClear testId="sp-filter-store" />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('sp.search')} style={{ width: 180 }} data-testid="sp-filter-q" />
            </Form.Item>
            <Form.Item name="belowMin" label={t('sp.onlyLow')} valuePropName="checked" normalize={(v: boolean) => (v ? 'true' : undefined)}>
              <Switch data-testid="sp-filter-low" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('sp.store'), dataIndex: 'orgName', key: 'org', sorter: true },
          { title: t('sp.code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: t('sp.item'), dataIndex: 'name', key: 'name', sorter: true },
          { title: t('sp.spec'), dataIndex: 'spec', render: (v: string | null) => v ?? '—' },
          { title: t('sp.uom'), dataIndex: 'uom' },
          {
            title: t('sp.quantity'),
            dataIndex: 'quantity',
            key: 'quantity',
            sorter: true,
            align: 'right',
            render: (v: number, r) => (
              <span
                data-testid={`sp-qty-${r.orgId}-${r.itemId}`}
                data-quantity={v}
                style={r.belowMin ? { color: '#cf1322', fontWeight: 600 } : undefined}
              >
                {v}
              </span>
            ),
          },
          { title: t('sp.minStock'), dataIndex: 'minStock', key: 'minStock', sorter: true, align: 'right' },
          { title: t('sp.avgCost'), dataIndex: 'averageCost', align: 'right' },
          { title: t('sp.value'), dataIndex: 'value', key: 'value', sorter: true, align: 'right' },
          {
            title: t('sp.low'),
            dataIndex: 'belowMin',
            render: (v: boolean, r) =>
              v ? (
                <Tag color="red" data-testid={`sp-low-${r.orgId}-${r.itemId}`}>
                  {t('sp.low')}
                </Tag>
              ) : null,
          },
        ]}
      />
      <ReceiptModal open={receiving} onClose={() => setReceiving(false)} defaultOrgId={orgParam} />
    </>
  );
}

function LedgerTab() {
  const t = useT();
  const stores = useStores();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const store = orgId ?? stores.data?.items[0]?.id;
  const q = useQuery({
    queryKey: ['sp-ledger', store, month],
    queryFn: () => api.get<TLedger>('/supplies/ledger', { orgId: store, month }),
    enabled: !!store,
  });
  const pair = (key: 'opening' | 'received' | 'issued' | 'closing', label: string) => ({
    title: label,
    children: [
      { title: t('sp.qty'), dataIndex: `${key}Quantity`, align: 'right' as const },
      { title: t('sp.amt'), dataIndex: `${key}Value`, align: 'right' as const },
    ],
  });
  return (
    <div data-testid="sp-ledger">
      <Space wrap style={{ marginBottom: 12 }}>
        <StoreSelect value={store} onChange={(v) => setOrgId(v)} testId="sp-ledger-store" />
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button
          icon={<DownloadOutlined />}
          disabled={!store}
          onClick={() => downloadFile('/supplies/ledger/export', { orgId: store, month }).catch((e) => message.error(errText(e)))}
        >
          {t('sp.export')}
        </Button>
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table
          rowKey="itemId"
          size="small"
          bordered
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('sp.code'), dataIndex: 'code' },
            { title: t('sp.item'), dataIndex: 'name' },
            { title: t('sp.uom'), dataIndex: 'uom' },
            pair('opening', t('sp.opening')),
            pair('received', t('sp.in')),
            pair('issued', t('sp.out')),
            pair('closing', t('sp.closing')),
          ]}
          summary={() =>
            q.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('sp.total')}
                </Table.Summary.Cell>
                {(['openingValue', 'receivedValue', 'issuedValue', 'closingValue'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={4 + i * 2} colSpan={2} align="right">
                    <span data-testid={`sp-ledger-total-${k}`}>{q.data.totals[k]}</span>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </div>
  );
}

function ReceiptsTab() {
  const t = useT();
  return (
    <ServerTable<TReceipt>
      queryKey="sp-receipts"
      path="/supplies/receipts"
      testId="sp-receipts-table"
      filters={
        <Form.Item name="orgId">
          <StoreSelect allowClear />
        </Form.Item>
      }
      columns={[
        { title: t('sp.receivedOn'), dataIndex: 'receivedOn' },
        { title: t('sp.store'), dataIndex: 'orgName' },
        { title: t('sp.item'), dataIndex: 'itemName' },
        { title: t('sp.qty'), dataIndex: 'quantity', align: 'right' },
        { title: t('sp.unitPrice'), dataIndex: 'unitPrice', align: 'right' },
        { title: t('sp.amount'), dataIndex: 'amount', align: 'right' },
        { title: t('sp.supplier'), dataIndex: 'supplierName', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** The shared catalogue: everyone reads it; the bureau's keeper adds and retires items. */
function CatalogueTab() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/supplies/items', v);
      message.success(t('sp.saved'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['sp-items'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  const toggle = async (r: TSuppliesItem) => {
    try {
      await api.patch(`/supplies/items/${r.id}`, { active: !r.active });
      await qc.invalidateQueries({ queryKey: ['sp-items'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <>
      <ServerTable<TSuppliesItem>
        queryKey="sp-items"
        path="/supplies/items"
        testId="sp-items-table"
        toolbar={
          hasPermission('supplies.keep') ? (
            <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('sp.addItem')}
            </Button>
          ) : null
        }
        filters={
          <Form.Item name="q">
            <Input allowClear placeholder={t('sp.search')} style={{ width: 180 }} />
          </Form.Item>
        }
        columns={[
          { title: t('sp.code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: t('sp.item'), dataIndex: 'name', key: 'name', sorter: true },
          { title: t('sp.spec'), dataIndex: 'spec', render: (v: string | null) => v ?? '—' },
          { title: t('sp.uom'), dataIndex: 'uom' },
          { title: t('sp.category'), dataIndex: 'categoryCode', render: (v: string | null) => v ?? '—' },
          { title: t('sp.minStock'), dataIndex: 'minStock', key: 'minStock', sorter: true, align: 'right' },
          {
            title: t('sp.active'),
            dataIndex: 'active',
            render: (v: boolean, r) =>
              hasPermission('supplies.keep') ? (
                <Switch size="small" checked={v} onChange={() => toggle(r)} />
              ) : (
                <Tag color={v ? 'green' : 'default'}>{v ? t('sp.active') : t('sp.inactive')}</Tag>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('sp.addItem')} onCancel={() => setOpen(false)} onOk={save} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ minStock: 0 }}>
          <Space wrap>
            <Form.Item name="code" label={t('sp.code')} rules={[{ required: true }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="uom" label={t('sp.uom')} rules={[{ required: true }]}>
              <Input maxLength={10} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="minStock" label={t('sp.minStock')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="name" label={t('sp.item')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="spec" label={t('sp.spec')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('sp.category')}>
            <Input maxLength={10} placeholder="A090101" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 办公用品: stock per store with the minimum-stock marks, receipts, the monthly ledger and the catalogue. */
export function StockPage() {
  const t = useT();
  return (
    <div data-testid="supplies-stock-page">
      <style>{'.sp-low td { background: #fff1f0 !important; }'}</style>
      <PageHeader title={t('sp.title')} />
      <Tabs
        items={[
          { key: 'stock', label: t('sp.tabStock'), children: <StockTab /> },
          { key: 'ledger', label: t('sp.tabLedger'), children: <LedgerTab /> },
          { key: 'receipts', label: t('sp.tabReceipts'), children: <ReceiptsTab /> },
          { key: 'catalogue', label: t('sp.tabCatalogue'), children: <CatalogueTab /> },
        ]}
      />
    </div>
  );
}
