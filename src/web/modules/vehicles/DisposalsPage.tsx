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
import { defineMessages, useT } from '../../shared/i18n';
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

defineMessages(
  {
    'vx.title': '车辆处置与划拨',
    'vx.new': '提出处置申请',
    'vx.method': '处置方式',
    'vx.vehicle': '车辆',
    'vx.toOrg': '接收单位',
    'vx.reason': '处置理由',
    'vx.submit': '提交申请',
    'vx.submitted': '已提交审批。',
    'vx.done': '完成',
    'vx.createdAt': '申请时间',
    'vx.appliedAt': '办结时间',
    'vx.detail': '处置申请',
    'vx.hint': '报废、拍卖经批准后车辆核销出账；划拨经批准后车辆转入接收单位，两单位的实有数同时调整。',
    'vx.noChecks': '无需核对',
    'vx.pickVehicle': '输入号牌搜索',
  },
  {
    'vx.title': 'Vehicle disposal and transfer',
    'vx.new': 'Request disposal',
    'vx.method': 'Method',
    'vx.vehicle': 'Vehicle',
    'vx.toOrg': 'Receiving unit',
    'vx.reason': 'Reason',
    'vx.submit': 'Submit',
    'vx.submitted': 'Submitted for approval.',
    'vx.done': 'Done',
    'vx.createdAt': 'Requested',
    'vx.appliedAt': 'Completed',
    'vx.detail': 'Disposal request',
    'vx.hint':
      "Once approved, a scrapped or auctioned vehicle leaves the register; a transferred one moves to the receiving unit and both units' counts change together.",
    'vx.noChecks': 'Nothing to check',
    'vx.pickVehicle': 'Type a plate',
  },
);

const METHOD_COLOR: Record<string, string> = { scrap: 'red', auction: 'orange', transfer: 'purple' };

/** 报废 / 拍卖 / 划拨 requests through approval. */
export function DisposalsPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const orgs = useOrgs();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [creating, setCreating] = useState(false);
  const orgName = (id: number | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`) : '—');
  return (
    <div className="vh-page">
      <PageHeader
        title={t('vx.title')}
        extra={
          hasPermission('vehicles.dispose') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="disposal-new">
              {t('vx.new')}
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
              <UnitSelect allowClear placeholder={t('vh.unit')} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('vh.status')}
                style={{ width: 130 }}
                options={enumOptions(t, 'ps', ['pending', 'approved', 'rejected', 'returned', 'withdrawn'])}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('vx.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`disposal-${r.id}`}>
                {fmtTime(v)}
              </LinkButton>
            ),
          },
          {
            title: t('vh.plate'),
            dataIndex: 'plate',
            render: (v: string, r) => <Link to={`/vehicles/register?id=${r.vehicleId}`}>{v}</Link>,
          },
          { title: t('vh.unit'), dataIndex: 'orgId', render: (v: number) => orgName(v) },
          { title: t('vx.method'), dataIndex: 'method', render: (v: string) => <Tag color={METHOD_COLOR[v]}>{t(`dm.${v}`)}</Tag> },
          { title: t('vx.toOrg'), dataIndex: 'toOrgId', render: (v: number | null) => orgName(v) },
          { title: t('vx.reason'), dataIndex: 'reason', width: 280 },
          {
            title: t('vh.checksCol'),
            key: 'checks',
            render: (_, r) =>
              !r.checks.length ? (
                '—'
              ) : r.checks.every((c) => c.passed) ? (
                <Tag color="green">{t('vh.checksPassed')}</Tag>
              ) : (
                <Tag color="red">{t('vh.checksFailed', { n: r.checks.filter((c) => !c.passed).length })}</Tag>
              ),
          },
          { title: t('vh.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} prefix="ps" /> },
          {
            title: '',
            key: 'op',
            render: (_, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('vh.viewApproval')}</Link> : null),
          },
        ]}
      />
      <DisposalModal open={creating} onClose={() => setCreating(false)} />
      <DisposalDrawer id={detail} onClose={() => open(null)} orgName={orgName} />
    </div>
  );
}

function DisposalModal(props: { open: boolean; onClose: () => void }) {
  const t = useT();
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
      title={t('vx.new')}
      onCancel={close}
      destroyOnHidden
      width={640}
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="disposal-done">
            {t('vx.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('vh.cancel')}</Button>
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
              {t('vx.submit')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <div data-testid="disposal-result">
          <Alert type="success" showIcon title={t('vx.submitted')} style={{ marginBottom: 12 }} />
          {result.checks.length ? <CheckList checks={result.checks} testId="disposal-checks" /> : null}
          {result.instanceId ? <Link to={`/approvals/${result.instanceId}`}>{t('vh.viewApproval')}</Link> : null}
        </div>
      ) : (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ method: 'scrap' }} data-testid="disposal-form">
          <Alert type="info" showIcon title={t('vx.hint')} style={{ marginBottom: 12 }} />
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="disposal-error" /> : null}
          <Form.Item name="vehicleId" label={t('vx.vehicle')} rules={[{ required: true }]}>
            <VehicleSelect
              vehicles={(vehicles.data ?? []).filter((v) => v.status !== 'disposed')}
              loading={vehicles.isLoading}
              testId="disposal-vehicle"
              placeholder={t('vx.pickVehicle')}
            />
          </Form.Item>
          <Form.Item name="method" label={t('vx.method')} rules={[{ required: true }]}>
            <Select options={enumOptions(t, 'dm', DISPOSAL_METHODS)} data-testid="disposal-method" />
          </Form.Item>
          {method === 'transfer' ? (
            <Form.Item name="toOrgId" label={t('vx.toOrg')} rules={[{ required: true }]}>
              <UnitSelect testId="disposal-to-org" style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('vx.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="disposal-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function DisposalDrawer(props: { id: number | null; onClose: () => void; orgName: (id: number | null) => string }) {
  const t = useT();
  const q = useApiQuery(vehiclesApi.disposal, { params: { id: props.id! } }, { enabled: !!props.id });
  const r = q.data;
  return (
    <Drawer open={!!props.id} onClose={props.onClose} title={t('vx.detail')} size="min(560px, 100vw)" destroyOnHidden>
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !r ? (
        <Loading />
      ) : (
        <div data-testid="disposal-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('vh.plate')}>
              <Link to={`/vehicles/register?id=${r.vehicleId}`}>{r.plate}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('vh.unit')}>{props.orgName(r.orgId)}</Descriptions.Item>
            <Descriptions.Item label={t('vx.method')}>{t(`dm.${r.method}`)}</Descriptions.Item>
            {r.toOrgId ? <Descriptions.Item label={t('vx.toOrg')}>{props.orgName(r.toOrgId)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('vx.reason')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('vh.status')}>
              <StatusTag status={r.status} prefix="ps" />
            </Descriptions.Item>
            <Descriptions.Item label={t('vx.createdAt')}>{fmtTime(r.createdAt)}</Descriptions.Item>
            {r.appliedAt ? <Descriptions.Item label={t('vx.appliedAt')}>{fmtTime(r.appliedAt)}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>{t('vh.checks')}</h3>
          {r.checks.length ? <CheckList checks={r.checks} /> : <div style={{ color: '#888' }}>{t('vx.noChecks')}</div>}
          {r.instanceId ? (
            <div style={{ marginTop: 12 }}>
              <Link to={`/approvals/${r.instanceId}`}>{t('vh.viewApproval')}</Link>
            </div>
          ) : null}
        </div>
      )}
    </Drawer>
  );
}
