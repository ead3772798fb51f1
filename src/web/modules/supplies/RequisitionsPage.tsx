import { RemoteSelect } from '../../shared/ui/RemoteSelect';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TRequisition, TSuppliesItem } from '../../../contracts/modules/supplies';
import { suppliesApi } from '../../../contracts/modules/supplies.api';
import { useAuth } from '../../core/auth/auth';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { EmptyState, PageHeader } from '../../shared/ui/states';
import { useStores } from './StockPage';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { requisitionMessages, suppliesMessages } from './i18n';
import { fmtInstant } from '../../shared/dates';

const errText = (e: unknown) => showFieldErrors(e);
const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'gold',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
  issued: 'green',
};

function Status({ r }: { r: TRequisition }) {
  const t = requisitionMessages.useT();
  return (
    <Tag color={STATUS_COLOR[r.status]} data-testid={`sr-status-${r.id}`} data-status={r.status}>
      {t(`s.${r.status}`)}
    </Tag>
  );
}

const linesText = (r: TRequisition) =>
  r.lines.map((l) => `${l.name}×${r.status === 'issued' ? `${l.quantityIssued}/${l.quantityRequested}` : l.quantityRequested}`).join('、');

/** The phone form: pick items from the own unit's store, quantities, a purpose; submit for approval. */
function NewRequisition({ onDone }: { onDone: () => void }) {
  const t = requisitionMessages.useT();
  const create = useApiMutation(suppliesApi.createRequisition, { invalidates: [suppliesApi.requisitions] });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const stores = useStores();
  const store = stores.data?.items[0];
  // The rows picked so far (with the store's quantity), for the "available" hint beside each line.
  const [picked, setPicked] = useState(new Map<number, TSuppliesItem>());
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await create.mutateAsync({ body: { orgId: store?.id, reason: v.reason || null, lines: v.lines } });
      message.success(t('submitted'));
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={store?.name} data-testid="sr-form">
      <Form form={form} layout="vertical" initialValues={{ lines: [{ quantity: 1 }] }}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex', flexWrap: 'wrap' }}>
                  <Form.Item name={[f.name, 'itemId']} rules={[{ required: true, message: t('pickItem') }]} style={{ minWidth: 220 }}>
                    <RemoteSelect
                      route={suppliesApi.listItems}
                      query={{ active: 'true', orgId: store?.id }}
                      disabled={!store}
                      placeholder={t('pickItem')}
                      testId={`sr-item-${i}`}
                      option={(it) => ({ value: it.id, label: `${it.name}${it.spec ? ` ${it.spec}` : ''}` })}
                      onChange={(_, row) => row && setPicked((m) => new Map(m).set(row.id, row))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}>
                    <InputNumber min={1} precision={0} style={{ width: 90 }} data-testid={`sr-qty-${i}`} />
                  </Form.Item>
                  <Form.Item shouldUpdate noStyle>
                    {() => {
                      const it = picked.get(form.getFieldValue(['lines', f.name, 'itemId']));
                      return it ? (
                        <span style={{ lineHeight: '32px', color: '#888' }}>{t('available', { n: it.available ?? 0, uom: it.uom })}</span>
                      ) : null;
                    }}
                  </Form.Item>
                  {fields.length > 1 ? <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} /> : null}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 12 }} data-testid="sr-add-line">
                {t('addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="reason" label={t('reason')}>
          <Input maxLength={500} data-testid="sr-reason" />
        </Form.Item>
        <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="sr-submit">
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

function MyRequisitions() {
  const t = requisitionMessages.useT();
  const q = useApiQuery(suppliesApi.requisitions, { query: { mine: 'true', pageSize: 50 } });
  if (!q.data?.items.length) return <EmptyState text={t('none')} />;
  return (
    <List
      data-testid="sr-mine"
      dataSource={q.data.items}
      renderItem={(r) => (
        <List.Item key={r.id} data-testid={`sr-mine-${r.id}`}>
          <List.Item.Meta
            title={
              <Space wrap>
                <span>#{r.id}</span>
                <Status r={r} />
                {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('approval')}</Link> : null}
              </Space>
            }
            description={
              <>
                <div>{linesText(r)}</div>
                <div style={{ color: '#888' }}>{fmtInstant(r.createdAt)}</div>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** 发放: the keeper sets what leaves the shelf per line (≤ requested); the server refuses a short stock. */
function IssueModal({ r, onClose }: { r: TRequisition | null; onClose: () => void }) {
  const t = requisitionMessages.useT();
  const ts = suppliesMessages.useT();
  const issue = useApiMutation(suppliesApi.issue, { invalidates: [suppliesApi.requisitions, suppliesApi.stock, suppliesApi.alerts] });
  const [qty, setQty] = useState<Record<number, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!r) return null;
  const value = (itemId: number, requested: number, available: number) => qty[itemId] ?? Math.min(requested, available);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await issue.mutateAsync({
        params: { id: r.id },
        body: { lines: r.lines.map((l) => ({ itemId: l.itemId, quantity: value(l.itemId, l.quantityRequested, l.available) })) },
      });
      message.success(t('issued'));
      setQty({});
      onClose();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('issueTitle', { id: r.id })}
      onCancel={() => {
        setQty({});
        setError(null);
        onClose();
      }}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'sr-issue-confirm' } as never}
    >
      <Alert type="info" showIcon message={t('issueHint')} style={{ marginBottom: 12 }} />
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="sr-issue-error" /> : null}
      <Table
        rowKey="itemId"
        size="small"
        pagination={false}
        dataSource={r.lines}
        columns={[
          { title: ts('item'), dataIndex: 'name' },
          { title: t('requested'), dataIndex: 'quantityRequested', align: 'right' },
          { title: ts('quantity'), dataIndex: 'available', align: 'right' },
          {
            title: t('toIssue'),
            render: (_: unknown, l) => (
              <InputNumber
                min={0}
                max={l.quantityRequested}
                precision={0}
                value={value(l.itemId, l.quantityRequested, l.available)}
                onChange={(v) => setQty((s) => ({ ...s, [l.itemId]: Number(v ?? 0) }))}
                data-testid={`sr-issue-qty-${l.itemId}`}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}

function AllRequisitions() {
  const t = requisitionMessages.useT();
  const ts = suppliesMessages.useT();
  const { hasPermission } = useAuth();
  const [issuing, setIssuing] = useState<TRequisition | null>(null);
  const [params] = useSearchParams();
  return (
    <>
      <ServerTable<TRequisition>
        route={suppliesApi.requisitions}
        testId="sr-table"
        extraQuery={{ status: params.get('status') ?? undefined }}
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('status')}
              style={{ width: 140 }}
              options={(['pending', 'approved', 'issued', 'rejected', 'returned', 'withdrawn'] as const).map((s) => ({
                value: s,
                label: t(`s.${s}`),
              }))}
            />
          </Form.Item>
        }
        columns={[
          { title: '#', dataIndex: 'id' },
          { title: ts('store'), dataIndex: 'orgName' },
          { title: t('requester'), dataIndex: 'requesterName' },
          { title: t('lines'), key: 'lines', render: (_: unknown, r) => linesText(r) },
          { title: t('status'), key: 'status', render: (_: unknown, r) => <Status r={r} /> },
          { title: t('amountIssued'), dataIndex: 'amountIssued', align: 'right' },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtInstant(v) },
          {
            title: '',
            key: 'act',
            render: (_: unknown, r) =>
              r.status === 'approved' && hasPermission('supplies.keep') ? (
                <Button type="primary" size="small" data-testid={`sr-issue-${r.id}`} onClick={() => setIssuing(r)}>
                  {t('issue')}
                </Button>
              ) : r.instanceId ? (
                <Link to={`/approvals/${r.instanceId}`}>{t('approval')}</Link>
              ) : null,
          },
        ]}
      />
      <IssueModal r={issuing} onClose={() => setIssuing(null)} />
    </>
  );
}

/** 请领: staff request supplies on a phone and follow them; keepers issue approved requisitions. */
export function RequisitionsPage() {
  const t = requisitionMessages.useT();
  const { hasPermission } = useAuth();
  const canRequest = hasPermission('supplies.requisition');
  const canSeeAll = hasPermission(['supplies.keep', 'supplies.read']);
  const [tab, setTab] = useState(canSeeAll && !canRequest ? 'all' : 'new');
  const tabs = [
    ...(canRequest
      ? [
          { key: 'new', label: t('tabNew'), children: <NewRequisition onDone={() => setTab('mine')} /> },
          { key: 'mine', label: t('tabMine'), children: <MyRequisitions /> },
        ]
      : []),
    ...(canSeeAll ? [{ key: 'all', label: t('tabKeep'), children: <AllRequisitions /> }] : []),
  ];
  return (
    <div data-testid="supplies-requisitions-page" style={{ maxWidth: canSeeAll ? undefined : 640 }}>
      <PageHeader title={t('title')} />
      <Tabs activeKey={tab} onChange={setTab} items={tabs} />
    </div>
  );
}
