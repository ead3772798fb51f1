import { RemoteSelect } from '../../shared/ui/RemoteSelect';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TReceipt, TStockRow, TSuppliesItem } from '../../../contracts/modules/supplies';
import { useAuth } from '../../core/auth/auth';
import { suppliesApi } from '../../../contracts/modules/supplies.api';
import { ApiError } from '../../shared/api';
import { formatMoney } from '../../shared/money';
import { cnMonth } from '../../shared/dates';
import { download, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { suppliesMessages } from './i18n';

const errText = (e: unknown) => showFieldErrors(e);

/** The stores (bureau, units) the caller may see, for the store pickers. */
export function useStores() {
  return useApiQuery(suppliesApi.stores, {});
}

function StoreSelect(props: { value?: number; onChange?: (v: number | undefined) => void; allowClear?: boolean; testId?: string }) {
  const t = suppliesMessages.useT();
  const stores = useStores();
  return (
    <Select
      allowClear={props.allowClear}
      showSearch
      optionFilterProp="label"
      placeholder={t('store')}
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
  const t = suppliesMessages.useT();
  const receive = useApiMutation(suppliesApi.receive, { invalidates: [suppliesApi.stock, suppliesApi.alerts, suppliesApi.receipts] });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  // Pool before purchase: the server's 409 names usable pool items of the class; a reason lets it through.
  const [poolHit, setPoolHit] = useState<{ message: string; items: { code: string; name: string }[] } | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await receive.mutateAsync({
        body: {
          ...v,
          unitPrice: String(v.unitPrice),
          receivedOn: v.receivedOn ? (v.receivedOn as Dayjs).format('YYYY-MM-DD') : undefined,
        },
      });
      message.success(t('received'));
      form.resetFields();
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
      title={t('receive')}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'sp-receipt-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ orgId: props.defaultOrgId }}>
        <Form.Item name="orgId" label={t('store')} rules={[{ required: true }]}>
          <StoreSelect testId="sp-receipt-store" />
        </Form.Item>
        <Form.Item name="itemId" label={t('item')} rules={[{ required: true }]}>
          <RemoteSelect
            route={suppliesApi.listItems}
            query={{ active: 'true' }}
            testId="sp-receipt-item"
            disabled={!props.open}
            option={(i) => ({ value: i.id, label: `${i.code} ${i.name}${i.spec ? `（${i.spec}）` : ''}` })}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="quantity" label={t('qty')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} data-testid="sp-receipt-qty" />
          </Form.Item>
          <Form.Item name="unitPrice" label={t('unitPrice')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} stringMode data-testid="sp-receipt-price" />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('receivedOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="supplierName" label={t('supplier')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
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
            <Form.Item name="poolOverrideReason" label={t('poolReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="sp-pool-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function StockTab() {
  const t = suppliesMessages.useT();
  const { hasPermission } = useAuth();
  const [params] = useSearchParams();
  const [receiving, setReceiving] = useState(false);
  const orgParam = Number(params.get('orgId')) || undefined;
  const alerts = useApiQuery(suppliesApi.alerts, {});
  return (
    <>
      {alerts.data && alerts.data.total > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sp-low-alert"
          message={t('lowAlert', { n: alerts.data.total })}
        />
      ) : null}
      <ServerTable<TStockRow>
        route={suppliesApi.stock}
        exportRoute={suppliesApi.exportStock}
        testId="sp-stock-table"
        rowKey={(r) => `${r.orgId}-${r.itemId}`}
        rowClassName={(r) => (r.belowMin ? 'sp-low' : '')}
        extraQuery={{ orgId: orgParam, belowMin: params.get('belowMin') === 'true' ? 'true' : undefined }}
        toolbar={
          hasPermission('supplies.keep') ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="sp-receive" onClick={() => setReceiving(true)}>
              {t('receive')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <StoreSelect allowClear testId="sp-filter-store" />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 180 }} data-testid="sp-filter-q" />
            </Form.Item>
            <Form.Item name="belowMin" label={t('onlyLow')} valuePropName="checked" normalize={(v: boolean) => (v ? 'true' : undefined)}>
              <Switch data-testid="sp-filter-low" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('store'), dataIndex: 'orgName', key: 'org', sorter: true },
          { title: t('code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: t('item'), dataIndex: 'name', key: 'name', sorter: true },
          { title: t('spec'), dataIndex: 'spec', render: (v: string | null) => v ?? '—' },
          { title: t('uom'), dataIndex: 'uom' },
          {
            title: t('quantity'),
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
          { title: t('minStock'), dataIndex: 'minStock', key: 'minStock', sorter: true, align: 'right' },
          { title: t('avgCost'), dataIndex: 'averageCost', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('value'), dataIndex: 'value', key: 'value', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('low'),
            dataIndex: 'belowMin',
            render: (v: boolean, r) =>
              v ? (
                <Tag color="red" data-testid={`sp-low-${r.orgId}-${r.itemId}`}>
                  {t('low')}
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
  const t = suppliesMessages.useT();
  const stores = useStores();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [month, setMonth] = useState(cnMonth());
  const store = orgId ?? stores.data?.items[0]?.id;
  const q = useApiQuery(suppliesApi.ledger, { query: { orgId: store, month } }, { enabled: !!store });
  const pair = (key: 'opening' | 'received' | 'issued' | 'closing', label: string) => ({
    title: label,
    children: [
      { title: t('qty'), dataIndex: `${key}Quantity`, align: 'right' as const },
      { title: t('amt'), dataIndex: `${key}Value`, align: 'right' as const },
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
          onClick={() => download(suppliesApi.exportLedger, { query: { orgId: store, month } }).catch((e) => message.error(errText(e)))}
        >
          {t('export')}
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
            { title: t('code'), dataIndex: 'code' },
            { title: t('item'), dataIndex: 'name' },
            { title: t('uom'), dataIndex: 'uom' },
            pair('opening', t('opening')),
            pair('received', t('in')),
            pair('issued', t('out')),
            pair('closing', t('closing')),
          ]}
          summary={() =>
            q.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('total')}
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
  const t = suppliesMessages.useT();
  return (
    <ServerTable<TReceipt>
      route={suppliesApi.receipts}
      testId="sp-receipts-table"
      filters={
        <Form.Item name="orgId">
          <StoreSelect allowClear />
        </Form.Item>
      }
      columns={[
        { title: t('receivedOn'), dataIndex: 'receivedOn' },
        { title: t('store'), dataIndex: 'orgName' },
        { title: t('item'), dataIndex: 'itemName' },
        { title: t('qty'), dataIndex: 'quantity', align: 'right' },
        { title: t('unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: t('amount'), dataIndex: 'amount', align: 'right', render: (v: string | null) => formatMoney(v) },
        { title: t('supplier'), dataIndex: 'supplierName', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** The shared catalogue: everyone reads it; the bureau's keeper adds and retires items. */
function CatalogueTab() {
  const t = suppliesMessages.useT();
  const { hasPermission } = useAuth();
  const [open, setOpen] = useState(false);
  const create = useApiMutation(suppliesApi.createItem, { invalidates: [suppliesApi.listItems] });
  const update = useApiMutation(suppliesApi.updateItem, { invalidates: [suppliesApi.listItems] });
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ body: v });
      message.success(t('saved'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error(errText(e));
    }
  };
  const toggle = async (r: TSuppliesItem) => {
    try {
      await update.mutateAsync({ params: { id: r.id }, body: { active: !r.active } });
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <>
      <ServerTable<TSuppliesItem>
        route={suppliesApi.listItems}
        testId="sp-items-table"
        toolbar={
          hasPermission('supplies.keep') ? (
            <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('addItem')}
            </Button>
          ) : null
        }
        filters={
          <Form.Item name="q">
            <Input allowClear placeholder={t('search')} style={{ width: 180 }} />
          </Form.Item>
        }
        columns={[
          { title: t('code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: t('item'), dataIndex: 'name', key: 'name', sorter: true },
          { title: t('spec'), dataIndex: 'spec', render: (v: string | null) => v ?? '—' },
          { title: t('uom'), dataIndex: 'uom' },
          { title: t('category'), dataIndex: 'categoryCode', render: (v: string | null) => v ?? '—' },
          { title: t('minStock'), dataIndex: 'minStock', key: 'minStock', sorter: true, align: 'right' },
          {
            title: t('active'),
            dataIndex: 'active',
            render: (v: boolean, r) =>
              hasPermission('supplies.keep') ? (
                <Switch size="small" checked={v} onChange={() => toggle(r)} />
              ) : (
                <Tag color={v ? 'green' : 'default'}>{v ? t('active') : t('inactive')}</Tag>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('addItem')} onCancel={() => setOpen(false)} onOk={save} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ minStock: 0 }}>
          <Space wrap>
            <Form.Item name="code" label={t('code')} rules={[{ required: true }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="uom" label={t('uom')} rules={[{ required: true }]}>
              <Input maxLength={10} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="minStock" label={t('minStock')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="name" label={t('item')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="spec" label={t('spec')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('category')}>
            <Input maxLength={10} placeholder="A090101" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 办公用品: stock per store with the minimum-stock marks, receipts, the monthly ledger and the catalogue. */
export function StockPage() {
  const t = suppliesMessages.useT();
  return (
    <div data-testid="supplies-stock-page">
      <style>{'.sp-low td { background: #fff1f0 !important; }'}</style>
      <PageHeader title={t('title')} />
      <Tabs
        items={[
          { key: 'stock', label: t('tabStock'), children: <StockTab /> },
          { key: 'ledger', label: t('tabLedger'), children: <LedgerTab /> },
          { key: 'receipts', label: t('tabReceipts'), children: <ReceiptsTab /> },
          { key: 'catalogue', label: t('tabCatalogue'), children: <CatalogueTab /> },
        ]}
      />
    </div>
  );
}
