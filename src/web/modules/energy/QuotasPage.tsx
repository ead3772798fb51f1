import { ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EXPLANATION_STATUSES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  FlowTag,
  type TExplanation,
  type TQuota,
  YearSelect,
  enumOptions,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  thisYear,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';

export const quotaMessages = defineMessages('energy.quotas', {
  title: { zh: '定额管理', en: 'Quotas' },
  quotas: { zh: '{year} 年能耗定额', en: 'Energy quotas for {year}' },
  quota: { zh: '能耗定额(kgce)', en: 'Energy quota (kgce)' },
  waterQuota: { zh: '用水定额(m³)', en: 'Water quota (m³)' },
  used: { zh: '已用(kgce)', en: 'Used (kgce)' },
  progress: { zh: '定额使用进度', en: 'Quota used' },
  projected: { zh: '年底预计(kgce)', en: 'Projected (kgce)' },
  projectedShare: { zh: '预计占定额', en: 'Projected share' },
  water: { zh: '已用水(m³)', en: 'Water used (m³)' },
  over: { zh: '已超定额', en: 'Over quota' },
  projectedOver: { zh: '预计超定额', en: 'Projected over' },
  within: { zh: '定额内', en: 'Within quota' },
  noQuota: { zh: '未核定', en: 'No quota' },
  explanation: { zh: '情况说明', en: 'Explanation' },
  set: { zh: '核定定额', en: 'Set quota' },
  setFor: { zh: '核定定额：{name} {year} 年', en: 'Set quota: {name} {year}' },
  check: { zh: '检查超定额', en: 'Check quotas' },
  checked: { zh: '检查完成：新发起超定额情况说明 {n} 份', en: 'Checked: {n} new explanations opened' },
  fill: { zh: '填写说明', en: 'Explain' },
  view: { zh: '查看', en: 'View' },
  explanations: { zh: '超定额情况说明', en: 'Explanations for exceeded quotas' },
  explTitle: { zh: '超定额情况说明：{name} {year} 年', en: 'Exceeded quota: {name} {year}' },
  overBy: { zh: '超出 {p}', en: '{p} over' },
  reason: { zh: '超定额原因', en: 'Why the quota was exceeded' },
  reasonHint: {
    zh: '说明超出定额的原因，如新增用能人员、设备或面积，极端天气等',
    en: 'e.g. more people, equipment or floor area, extreme weather',
  },
  measures: { zh: '整改措施', en: 'Measures' },
  measuresHint: { zh: '下一步的节能措施及完成时限', en: 'What will be done to save energy, and by when' },
  submit: { zh: '提交审批', en: 'Submit for approval' },
  submitted: { zh: '已提交审批', en: 'Submitted for approval' },
  approval: { zh: '审批进度', en: 'Approval' },
  opened: { zh: '发起时间', en: 'Opened' },
  submittedAt: { zh: '提交时间', en: 'Submitted' },
  hint: {
    zh: '年底预计按去年同期的用能季节规律推算；超出定额的单位须提交书面情况说明，经机关事务管理局审核。',
    en: 'The projection follows last year’s seasonal pattern. A unit over its quota explains in writing, reviewed by the bureau.',
  },
});

/** 定额管理: each unit's quota, use so far and year-end projection; setting quotas; the written explanations of exceeded quotas. */
export function QuotasPage() {
  const t = quotaMessages.useT();
  const tc = commonMessages.useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [params, setParams] = useSearchParams();
  const explanation = Number(params.get('explanation')) || null;
  const openExplanation = (id: number | null) => {
    const p = new URLSearchParams(params);
    if (id) p.set('explanation', String(id));
    else p.delete('explanation');
    setParams(p, { replace: true });
  };
  const [year, setYear] = useState(thisYear());
  const [orgId, setOrgId] = useState<number | undefined>(defaultUnit);
  const [editing, setEditing] = useState<TQuota | null>(null);
  const [checking, setChecking] = useState(false);
  const q = useApiQuery(energyApi.quotas, { query: { year, orgId } });
  const refresh = () => invalidate(qc, [energyApi.quotas, energyApi.explanations, energyApi.explanation]);
  const check = async () => {
    setChecking(true);
    try {
      const r = await call(energyApi.checkQuotas, { query: { year } });
      message.success(t('checked', { n: r.opened ?? 0 }));
      refresh();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setChecking(false);
    }
  };
  const items = q.data?.items ?? [];
  return (
    <div className="eg-page" data-testid="quotas-page">
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <YearSelect value={year} onChange={setYear} testId="quota-year" />
            <EnergyUnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={tc('allUnits')} testId="quota-unit" />
            {rights.manage ? (
              <Button icon={<ThunderboltOutlined />} loading={checking} onClick={check} data-testid="quota-check">
                {t('check')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('hint')} style={{ marginBottom: 12 }} />
      <Card size="small" title={t('quotas', { year })}>
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<TQuota>
            size="small"
            rowKey="orgId"
            loading={q.isLoading}
            dataSource={items}
            data-testid="quota-table"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowClassName={(r) => (r.over ? 'eg-bad-row' : r.projectedOver ? 'eg-warn-row' : '')}
            onRow={(r) =>
              ({
                'data-testid': `quota-row-${r.orgId}`,
                'data-over': String(r.over),
                'data-projected-over': String(r.projectedOver),
              }) as never
            }
            columns={[
              { title: tc('unit'), dataIndex: 'orgName', fixed: 'left' },
              {
                title: t('quota'),
                dataIndex: 'kgceQuota',
                align: 'right',
                sorter: (a, b) => (a.kgceQuota ?? 0) - (b.kgceQuota ?? 0),
                render: (v) => fmtNum(v, 0),
              },
              {
                title: t('used'),
                dataIndex: 'actualKgce',
                align: 'right',
                sorter: (a, b) => a.actualKgce - b.actualKgce,
                render: (v) => fmtNum(v, 0),
              },
              {
                title: t('progress'),
                dataIndex: 'progress',
                width: 180,
                sorter: (a, b) => (a.progress ?? -1) - (b.progress ?? -1),
                render: (v: number | null, r) =>
                  v === null ? (
                    <Tag>{t('noQuota')}</Tag>
                  ) : (
                    <Progress
                      percent={Math.round(v * 1000) / 10}
                      size="small"
                      status={r.over ? 'exception' : 'normal'}
                      strokeColor={r.over ? '#cf1322' : r.projectedOver ? '#fa8c16' : undefined}
                      // The bar stops at 100 %; the figure does not.
                      format={() => fmtPct(v, 1, false)}
                    />
                  ),
              },
              { title: t('projected'), dataIndex: 'projectedKgce', align: 'right', render: (v) => fmtNum(v, 0) },
              { title: t('projectedShare'), dataIndex: 'projectedShare', align: 'right', render: (v) => fmtPct(v, 1, false) },
              {
                title: tc('status'),
                key: 'state',
                render: (_, r) =>
                  r.kgceQuota === null ? null : r.over ? (
                    <Tag color="red" data-state="over">
                      {t('over')}
                    </Tag>
                  ) : r.projectedOver ? (
                    <Tag color="orange" data-state="projected">
                      {t('projectedOver')}
                    </Tag>
                  ) : (
                    <Tag color="green" data-state="within">
                      {t('within')}
                    </Tag>
                  ),
              },
              { title: t('waterQuota'), dataIndex: 'waterQuota', align: 'right', render: (v) => fmtNum(v, 0) },
              { title: t('water'), dataIndex: 'actualWater', align: 'right', render: (v) => fmtNum(v, 0) },
              {
                title: t('explanation'),
                key: 'expl',
                render: (_, r) =>
                  r.explanation ? (
                    <Space size={4}>
                      <FlowTag status={r.explanation.status} prefix="xs" />
                      <LinkButton onClick={() => openExplanation(r.explanation!.id)} data-testid={`quota-explain-${r.orgId}`}>
                        {['open', 'returned'].includes(r.explanation.status) && (rights.write || rights.report) ? t('fill') : t('view')}
                      </LinkButton>
                    </Space>
                  ) : null,
              },
              ...(rights.manage
                ? [
                    {
                      title: '',
                      key: 'op',
                      render: (_: unknown, r: TQuota) => (
                        <LinkButton onClick={() => setEditing(r)} data-testid={`quota-set-${r.orgId}`}>
                          {t('set')}
                        </LinkButton>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('explanations')} style={{ marginTop: 12 }}>
        <ServerTable<TExplanation>
          route={energyApi.explanations}
          testId="explanation-table"
          extraQuery={{ orgId: defaultUnit }}
          onRow={(r) => ({ 'data-testid': `explanation-${r.id}`, 'data-status': r.status }) as never}
          filters={
            <>
              <Form.Item name="year">
                <YearSelect allowClear />
              </Form.Item>
              <Form.Item name="orgId">
                <EnergyUnitSelect allowClear placeholder={tc('unit')} />
              </Form.Item>
              <Form.Item name="status">
                <Select
                  allowClear
                  placeholder={tc('status')}
                  style={{ width: 120 }}
                  options={enumOptions(tc, 'xs', EXPLANATION_STATUSES)}
                />
              </Form.Item>
            </>
          }
          columns={[
            { title: tc('year'), dataIndex: 'year', sorter: true },
            { title: tc('unit'), dataIndex: 'orgName' },
            { title: t('quota'), dataIndex: 'kgceQuota', align: 'right', render: (v) => fmtNum(v, 0) },
            { title: t('used'), dataIndex: 'actualKgce', align: 'right', render: (v) => fmtNum(v, 0) },
            {
              title: t('progress'),
              key: 'over',
              align: 'right',
              render: (_, r) => (r.kgceQuota ? fmtPct(r.actualKgce / r.kgceQuota, 1, false) : '—'),
            },
            { title: tc('status'), dataIndex: 'status', render: (v: TExplanation['status']) => <FlowTag status={v} prefix="xs" /> },
            { title: t('opened'), dataIndex: 'openedAt', sorter: true, render: fmtTime },
            { title: t('submittedAt'), dataIndex: 'submittedAt', render: fmtTime },
            {
              title: '',
              key: 'op',
              render: (_, r) => (
                <LinkButton onClick={() => openExplanation(r.id)} data-testid={`explanation-open-${r.id}`}>
                  {['open', 'returned'].includes(r.status) && (rights.write || rights.report) ? t('fill') : t('view')}
                </LinkButton>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <FormModal
          open
          title={t('setFor', { name: editing.orgName, year })}
          onClose={() => setEditing(null)}
          onSaved={refresh}
          initialValues={{ kgceQuota: editing.kgceQuota ?? undefined, waterQuota: editing.waterQuota ?? undefined, note: editing.note }}
          onSubmit={(v: { kgceQuota: number; waterQuota?: number | null; note?: string }) =>
            call(energyApi.setQuota, {
              params: { orgId: editing.orgId, year },
              body: { kgceQuota: v.kgceQuota, waterQuota: v.waterQuota ?? null, note: v.note?.trim() || null },
            })
          }
        >
          <div data-testid="quota-form">
            <Form.Item name="kgceQuota" label={t('quota')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1e10} style={{ width: '100%' }} data-testid="quota-form-kgce" />
            </Form.Item>
            <Form.Item name="waterQuota" label={t('waterQuota')}>
              <InputNumber min={1} max={1e10} style={{ width: '100%' }} data-testid="quota-form-water" />
            </Form.Item>
            <Form.Item name="note" label={tc('note')}>
              <Input.TextArea rows={2} maxLength={200} />
            </Form.Item>
          </div>
        </FormModal>
      ) : null}
      <ExplanationDrawer id={explanation} onClose={() => openExplanation(null)} onSaved={refresh} />
    </div>
  );
}

/** One explanation: the figures, and for the unit the form (reason and measures → approval); afterwards its status. */
function ExplanationDrawer({ id, onClose, onSaved }: { id: number | null; onClose: () => void; onSaved: () => void }) {
  const t = quotaMessages.useT();
  const tc = commonMessages.useT();
  const rights = useEnergyRights();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = useApiQuery(energyApi.explanation, { params: { id: id ?? 0 } }, { enabled: !!id });
  const x = q.data;
  const editable = !!x && ['open', 'returned'].includes(x.status) && (rights.write || rights.report);
  const submit = () =>
    form.validateFields().then(async (v: { explanation: string; measures: string }) => {
      setBusy(true);
      setError(null);
      try {
        await call(energyApi.submitExplanation, { params: { id: id! }, body: v });
        message.success(t('submitted'));
        onSaved();
        q.refetch();
      } catch (e) {
        setError(errText(e));
      } finally {
        setBusy(false);
      }
    });
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="min(640px, 100vw)"
      destroyOnHidden
      title={x ? t('explTitle', { name: x.orgName, year: x.year }) : t('explanation')}
    >
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !x ? (
        <Loading />
      ) : (
        <div data-testid="explanation-drawer" data-status={x.status}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('quota')}>{fmtNum(x.kgceQuota, 0)}</Descriptions.Item>
            <Descriptions.Item label={t('used')}>
              {fmtNum(x.actualKgce, 0)}{' '}
              {x.kgceQuota ? <Tag color="red">{t('overBy', { p: fmtPct(x.actualKgce / x.kgceQuota - 1, 1, false) })}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <FlowTag status={x.status} prefix="xs" />
              {x.instanceId ? <Link to={`/approvals/${x.instanceId}`}>{t('approval')}</Link> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('opened')}>{fmtTime(x.openedAt)}</Descriptions.Item>
            {x.submittedAt ? <Descriptions.Item label={t('submittedAt')}>{fmtTime(x.submittedAt)}</Descriptions.Item> : null}
          </Descriptions>
          {editable ? (
            <Form
              form={form}
              layout="vertical"
              style={{ marginTop: 16 }}
              initialValues={{ explanation: x.explanation ?? '', measures: x.measures ?? '' }}
            >
              {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="explanation-error" /> : null}
              <Form.Item name="explanation" label={t('reason')} extra={t('reasonHint')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={5} maxLength={2000} showCount data-testid="explanation-text" />
              </Form.Item>
              <Form.Item name="measures" label={t('measures')} extra={t('measuresHint')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={5} maxLength={2000} showCount data-testid="explanation-measures" />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={submit} data-testid="explanation-submit">
                {t('submit')}
              </Button>
            </Form>
          ) : (
            <div style={{ marginTop: 16 }}>
              <h4>{t('reason')}</h4>
              <p style={{ whiteSpace: 'pre-wrap' }}>{x.explanation ?? '—'}</p>
              <h4>{t('measures')}</h4>
              <p style={{ whiteSpace: 'pre-wrap' }}>{x.measures ?? '—'}</p>
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
