import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DISPOSAL_METHODS } from '../../../contracts/modules/vehicles';
import { useAuth } from '../../core/auth/auth';
import { useOrgs } from '../../core/org/useOrgs';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useRecordParam } from '../../shared/useRecordParam';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import {
  CheckList,
  StatusTag,
  type TDisposal,
  UnitSelect,
  VehicleSelect,
  enumOptions,
  errText,
  fmtTime,
  useVehicleOptions,
} from './common';
import { vehicleMessages } from './common.i18n';

const disposalMessages = defineMessages('vehicles.disposals', {
  title: { zh: '车辆处置与划拨', en: 'Vehicle disposal and transfer' },
  new: { zh: '提出处置申请', en: 'Request disposal' },
  method: { zh: '处置方式', en: 'Method' },
  vehicle: { zh: '车辆', en: 'Vehicle' },
  toOrg: { zh: '接收单位', en: 'Receiving unit' },
  reason: { zh: '处置理由', en: 'Reason' },
  submit: { zh: '提交申请', en: 'Submit' },
  submitted: { zh: '已提交审批。', en: 'Submitted for approval.' },
  done: { zh: '完成', en: 'Done' },
  createdAt: { zh: '申请时间', en: 'Requested' },
  appliedAt: { zh: '办结时间', en: 'Completed' },
  detail: { zh: '处置申请', en: 'Disposal request' },
  hint: {
    zh: '报废、拍卖经批准后车辆核销出账；划拨经批准后车辆转入接收单位，两单位的实有数同时调整。',
    en: "Once approved, a scrapped or auctioned vehicle leaves the register; a transferred one moves to the receiving unit and both units' counts change together.",
  },
  noChecks: { zh: '无需核对', en: 'Nothing to check' },
  pickVehicle: { zh: '输入号牌搜索', en: 'Type a plate' },
});

const METHOD_COLOR: Record<string, string> = { scrap: 'red', auction: 'orange', transfer: 'purple' };

/** 报废 / 拍卖 / 划拨 requests through approval. */
export function DisposalsPage() {
  const t = vehicleMessages.useT();
  const tm = disposalMessages.useT();
  const { hasPermission } = useAuth();
  const orgs = useOrgs();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [creating, setCreating] = useState(false);
  const orgName = (id: number | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`) : '—');
  return (
    <div className="vh-page">
      <PageHeader
        title={tm('title')}
        extra={
          hasPermission('vehicles.dispose') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="disposal-new">
              {tm('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TDisposal>
        route={vehiclesApi.disposals}
        testId="disposal-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('unit')} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 130 }}
                options={enumOptions((v) => t(`flow.${v}`), ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const)}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: tm('createdAt'),
            dataIndex: 'createdAt',
            render: (v: string, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`disposal-${r.id}`}>
                {fmtTime(v)}
              </LinkButton>
            ),
          },
          {
            title: t('plate'),
            dataIndex: 'plate',
            render: (v: string, r) => <Link to={`/vehicles/register?id=${r.vehicleId}`}>{v}</Link>,
          },
          { title: t('unit'), dataIndex: 'orgId', render: (v: number) => orgName(v) },
          {
            title: tm('method'),
            dataIndex: 'method',
            render: (v: TDisposal['method']) => <Tag color={METHOD_COLOR[v]}>{t(`disposal.${v}`)}</Tag>,
          },
          { title: tm('toOrg'), dataIndex: 'toOrgId', render: (v: number | null) => orgName(v) },
          { title: tm('reason'), dataIndex: 'reason', width: 280 },
          {
            title: t('checksCol'),
            key: 'checks',
            render: (_, r) =>
              !r.checks.length ? (
                '—'
              ) : r.checks.every((c) => c.passed) ? (
                <Tag color="green">{t('checksPassed')}</Tag>
              ) : (
                <Tag color="red">{t('checksFailed', { n: r.checks.filter((c) => !c.passed).length })}</Tag>
              ),
          },
          { title: t('status'), dataIndex: 'status', render: (v: TDisposal['status']) => <StatusTag status={v} kind="flow" /> },
          {
            title: '',
            key: 'op',
            render: (_, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('viewApproval')}</Link> : null),
          },
        ]}
      />
      <DisposalModal open={creating} onClose={() => setCreating(false)} />
      <DisposalDrawer id={detail} onClose={() => open(null)} orgName={orgName} />
    </div>
  );
}

function DisposalModal(props: { open: boolean; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = disposalMessages.useT();
  // The request list and the vehicle pickers (a vehicle under disposal changes state).
  const create = useApiMutation(vehiclesApi.createDisposal, { invalidates: [vehiclesApi.disposals, vehiclesApi.list] });
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TDisposal | null>(null);
  const method = Form.useWatch('method', form);
  const vehicles = useVehicleOptions({}, props.open);
  const close = () => {
    setResult(null);
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      open={props.open}
      title={tm('new')}
      onCancel={close}
      destroyOnHidden
      width={640}
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="disposal-done">
            {tm('done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button
              type="primary"
              loading={busy}
              data-testid="disposal-submit"
              onClick={() =>
                form.validateFields().then(async (v) => {
                  setBusy(true);
                  setError(null);
                  try {
                    const r = await create.mutateAsync({
                      body: {
                        vehicleId: v.vehicleId,
                        method: v.method,
                        toOrgId: v.method === 'transfer' ? v.toOrgId : null,
                        reason: v.reason,
                      },
                    });
                    setResult(r);
                  } catch (e) {
                    setError(errText(e));
                  } finally {
                    setBusy(false);
                  }
                })
              }
            >
              {tm('submit')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <div data-testid="disposal-result">
          <Alert type="success" showIcon title={tm('submitted')} style={{ marginBottom: 12 }} />
          {result.checks.length ? <CheckList checks={result.checks} testId="disposal-checks" /> : null}
          {result.instanceId ? <Link to={`/approvals/${result.instanceId}`}>{t('viewApproval')}</Link> : null}
        </div>
      ) : (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ method: 'scrap' }} data-testid="disposal-form">
          <Alert type="info" showIcon title={tm('hint')} style={{ marginBottom: 12 }} />
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="disposal-error" /> : null}
          <Form.Item name="vehicleId" label={tm('vehicle')} rules={[{ required: true }]}>
            <VehicleSelect
              vehicles={(vehicles.data ?? []).filter((v) => v.status !== 'disposed')}
              loading={vehicles.isLoading}
              testId="disposal-vehicle"
              placeholder={tm('pickVehicle')}
            />
          </Form.Item>
          <Form.Item name="method" label={tm('method')} rules={[{ required: true }]}>
            <Select options={enumOptions((v) => t(`disposal.${v}`), DISPOSAL_METHODS)} data-testid="disposal-method" />
          </Form.Item>
          {method === 'transfer' ? (
            <Form.Item name="toOrgId" label={tm('toOrg')} rules={[{ required: true }]}>
              <UnitSelect testId="disposal-to-org" style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={tm('reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="disposal-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function DisposalDrawer(props: { id: number | null; onClose: () => void; orgName: (id: number | null) => string }) {
  const t = vehicleMessages.useT();
  const tm = disposalMessages.useT();
  const q = useApiQuery(vehiclesApi.disposal, { params: { id: props.id! } }, { enabled: !!props.id });
  const r = q.data;
  return (
    <Drawer open={!!props.id} onClose={props.onClose} title={tm('detail')} size="min(560px, 100vw)" destroyOnHidden>
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !r ? (
        <Loading />
      ) : (
        <div data-testid="disposal-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('plate')}>
              <Link to={`/vehicles/register?id=${r.vehicleId}`}>{r.plate}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('unit')}>{props.orgName(r.orgId)}</Descriptions.Item>
            <Descriptions.Item label={tm('method')}>{t(`disposal.${r.method}`)}</Descriptions.Item>
            {r.toOrgId ? <Descriptions.Item label={tm('toOrg')}>{props.orgName(r.toOrgId)}</Descriptions.Item> : null}
            <Descriptions.Item label={tm('reason')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <StatusTag status={r.status} kind="flow" />
            </Descriptions.Item>
            <Descriptions.Item label={tm('createdAt')}>{fmtTime(r.createdAt)}</Descriptions.Item>
            {r.appliedAt ? <Descriptions.Item label={tm('appliedAt')}>{fmtTime(r.appliedAt)}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>{t('checks')}</h3>
          {r.checks.length ? <CheckList checks={r.checks} /> : <div style={{ color: '#888' }}>{tm('noChecks')}</div>}
          {r.instanceId ? (
            <div style={{ marginTop: 12 }}>
              <Link to={`/approvals/${r.instanceId}`}>{t('viewApproval')}</Link>
            </div>
          ) : null}
        </div>
      )}
    </Drawer>
  );
}
