import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, Tooltip, message } from 'antd';
import { useState } from 'react';
import { ANOMALY_RULES, ANOMALY_STATUSES } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { useApiMutation } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { UnitSelect, errText, fmtTime } from '../vehicles';
import { type TAnomaly, describeAnomaly } from './costs-i18n';

defineMessages(
  {
    'van.title': '运行异常',
    'van.rule': '异常规则',
    'van.occurred': '发生日期',
    'van.evidence': '异常情况',
    'van.detected': '发现时间',
    'van.run': '立即筛查',
    'van.ran': '筛查完成：发现 {found} 条，新增 {added} 条，已消除 {resolved} 条',
    'van.dismiss': '排除',
    'van.dismissTitle': '排除异常：{plate} {rule}',
    'van.reason': '排除理由',
    'van.reasonHint': '说明核实情况，例如“油箱改装，已核实”',
    'van.dismissed': '已排除',
    'van.reasonShown': '理由：{r}',
    'van.hint': '每日 06:30 自动筛查；排除的异常再次筛查时不会重复出现。',
  },
  {
    'van.title': 'Anomalies',
    'van.rule': 'Rule',
    'van.occurred': 'On',
    'van.evidence': 'Finding',
    'van.detected': 'Detected',
    'van.run': 'Run the checks now',
    'van.ran': 'Checked: {found} found, {added} new, {resolved} resolved',
    'van.dismiss': 'Dismiss',
    'van.dismissTitle': 'Dismiss: {plate} {rule}',
    'van.reason': 'Reason',
    'van.reasonHint': 'What was checked, e.g. "tank enlarged, verified"',
    'van.dismissed': 'Dismissed',
    'van.reasonShown': 'Reason: {r}',
    'van.hint': 'The checks run daily at 06:30; a dismissed finding does not come back.',
  },
);

const STATUS_COLOR: Record<string, string> = { open: 'red', dismissed: 'default', resolved: 'green' };
const RULE_COLOR: Record<string, string> = {
  fuel_consumption: 'orange',
  refuel_without_trip: 'gold',
  refuel_over_tank: 'volcano',
  odometer_backwards: 'magenta',
  rest_day_trip: 'purple',
  sealed_vehicle_use: 'red',
  non_designated_vendor: 'cyan',
  insurance_expired: 'blue',
  inspection_overdue: 'geekblue',
};

/** 运行异常: what the rules found, in words per rule, filtered by rule, status and unit; run now; dismiss with a reason. */
export function AnomaliesPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [running, setRunning] = useState(false);
  const [dismissing, setDismissing] = useState<TAnomaly | null>(null);
  const canAct = hasPermission('vehicles.costs');
  const runNow = useApiMutation(vehicleCostsApi.runAnomalies, { invalidates: [vehicleCostsApi.anomalies] });
  const dismiss = useApiMutation(vehicleCostsApi.dismissAnomaly, { invalidates: [vehicleCostsApi.anomalies] });
  const run = async () => {
    setRunning(true);
    try {
      const r = await runNow.mutateAsync({ body: {} });
      message.success(t('van.ran', { found: r.found, added: r.added, resolved: r.resolved }));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div data-testid="anomalies-page">
      <PageHeader title={t('van.title')} extra={<span style={{ color: '#888', fontSize: 12 }}>{t('van.hint')}</span>} />
      <ServerTable<TAnomaly>
        route={vehicleCostsApi.anomalies}
        testId="anomaly-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canAct ? (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={running} onClick={run} data-testid="anomaly-run">
              {t('van.run')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="rule">
              <Select
                allowClear
                placeholder={t('van.rule')}
                style={{ width: 170 }}
                data-testid="anomaly-filter-rule"
                options={ANOMALY_RULES.map((r) => ({ value: r, label: t(`ar.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('vh.status')}
                style={{ width: 110 }}
                data-testid="anomaly-filter-status"
                options={ANOMALY_STATUSES.map((s) => ({ value: s, label: t(`as.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('vh.unit')} testId="anomaly-filter-unit" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('van.occurred'), dataIndex: 'occurredOn', width: 110 },
          { title: t('vh.plate'), dataIndex: 'plate' },
          {
            title: t('van.rule'),
            dataIndex: 'rule',
            render: (v: string) => <Tag color={RULE_COLOR[v]}>{t(`ar.${v}`)}</Tag>,
          },
          {
            title: t('van.evidence'),
            key: 'evidence',
            render: (_, a) => (
              <div
                className="vc-evidence"
                data-testid={`anomaly-${a.id}`}
                data-rule={a.rule}
                data-status={a.status}
                data-plate={a.plate}
                data-evidence={JSON.stringify(a.evidence)}
              >
                <Tooltip title={a.message}>
                  <span>{describeAnomaly(t, a)}</span>
                </Tooltip>
                {a.reason ? <div style={{ color: '#888', fontSize: 12 }}>{t('van.reasonShown', { r: a.reason })}</div> : null}
              </div>
            ),
          },
          {
            title: t('vh.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={STATUS_COLOR[v]} data-status={v}>
                {t(`as.${v}`)}
              </Tag>
            ),
          },
          { title: t('van.detected'), dataIndex: 'detectedAt', render: fmtTime },
          ...(canAct
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, a: TAnomaly) =>
                    a.status === 'open' ? (
                      <LinkButton onClick={() => setDismissing(a)} data-testid={`anomaly-dismiss-${a.id}`}>
                        {t('van.dismiss')}
                      </LinkButton>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={!!dismissing}
        title={dismissing ? t('van.dismissTitle', { plate: dismissing.plate, rule: t(`ar.${dismissing.rule}`) }) : ''}
        onClose={() => setDismissing(null)}
        onSubmit={(v: { reason: string }) => dismiss.mutateAsync({ params: { id: dismissing!.id }, body: { reason: v.reason } })}
      >
        {dismissing ? <p style={{ color: '#555' }}>{describeAnomaly(t, dismissing)}</p> : null}
        <Form.Item name="reason" label={t('van.reason')} rules={[{ required: true, whitespace: true }]} extra={t('van.reasonHint')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-reason" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
