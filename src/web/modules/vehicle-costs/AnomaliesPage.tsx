import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, Tooltip, message } from 'antd';
import { useState } from 'react';
import { ANOMALY_RULES, ANOMALY_STATUSES } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { useApiMutation } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { UnitSelect, errText, fmtTime, vehicleMessages } from '../vehicles';
import { type TAnomaly, costMessages, useDescribeAnomaly } from './costs-i18n';

export const anomalyMessages = defineMessages('vehicleCosts.anomalies', {
  title: { zh: '运行异常', en: 'Anomalies' },
  rule: { zh: '异常规则', en: 'Rule' },
  occurred: { zh: '发生日期', en: 'On' },
  evidence: { zh: '异常情况', en: 'Finding' },
  detected: { zh: '发现时间', en: 'Detected' },
  run: { zh: '立即筛查', en: 'Run the checks now' },
  ran: {
    zh: '筛查完成：发现 {found} 条，新增 {added} 条，已消除 {resolved} 条',
    en: 'Checked: {found} found, {added} new, {resolved} resolved',
  },
  dismiss: { zh: '排除', en: 'Dismiss' },
  dismissTitle: { zh: '排除异常：{plate} {rule}', en: 'Dismiss: {plate} {rule}' },
  reason: { zh: '排除理由', en: 'Reason' },
  reasonHint: { zh: '说明核实情况，例如“油箱改装，已核实”', en: 'What was checked, e.g. "tank enlarged, verified"' },
  reasonShown: { zh: '理由：{r}', en: 'Reason: {r}' },
  hint: {
    zh: '每日 06:30 自动筛查；排除的异常再次筛查时不会重复出现。',
    en: 'The checks run daily at 06:30; a dismissed finding does not come back.',
  },
});

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
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const describe = useDescribeAnomaly();
  const tm = anomalyMessages.useT();
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
      message.success(tm('ran', { found: r.found, added: r.added, resolved: r.resolved }));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div data-testid="anomalies-page">
      <PageHeader title={tm('title')} extra={<span style={{ color: '#888', fontSize: 12 }}>{tm('hint')}</span>} />
      <ServerTable<TAnomaly>
        route={vehicleCostsApi.anomalies}
        testId="anomaly-table"
        urlFilters={['status', 'rule']}
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canAct ? (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={running} onClick={run} data-testid="anomaly-run">
              {tm('run')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="rule">
              <Select
                allowClear
                placeholder={tm('rule')}
                style={{ width: 170 }}
                data-testid="anomaly-filter-rule"
                options={ANOMALY_RULES.map((r) => ({ value: r, label: t(`rule.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tv('status')}
                style={{ width: 110 }}
                data-testid="anomaly-filter-status"
                options={ANOMALY_STATUSES.map((s) => ({ value: s, label: t(`anomalyStatus.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tv('unit')} testId="anomaly-filter-unit" />
            </Form.Item>
          </>
        }
        columns={[
          { title: tm('occurred'), dataIndex: 'occurredOn', width: 110 },
          { title: tv('plate'), dataIndex: 'plate' },
          {
            title: tm('rule'),
            dataIndex: 'rule',
            render: (v: TAnomaly['rule']) => <Tag color={RULE_COLOR[v]}>{t(`rule.${v}`)}</Tag>,
          },
          {
            title: tm('evidence'),
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
                  <span>{describe(a)}</span>
                </Tooltip>
                {a.reason ? <div style={{ color: '#888', fontSize: 12 }}>{tm('reasonShown', { r: a.reason })}</div> : null}
              </div>
            ),
          },
          {
            title: tv('status'),
            dataIndex: 'status',
            render: (v: TAnomaly['status']) => (
              <Tag color={STATUS_COLOR[v]} data-status={v}>
                {t(`anomalyStatus.${v}`)}
              </Tag>
            ),
          },
          { title: tm('detected'), dataIndex: 'detectedAt', render: fmtTime },
          ...(canAct
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, a: TAnomaly) =>
                    a.status === 'open' ? (
                      <LinkButton onClick={() => setDismissing(a)} data-testid={`anomaly-dismiss-${a.id}`}>
                        {tm('dismiss')}
                      </LinkButton>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={!!dismissing}
        title={dismissing ? tm('dismissTitle', { plate: dismissing.plate, rule: t(`rule.${dismissing.rule}`) }) : ''}
        onClose={() => setDismissing(null)}
        onSubmit={(v: { reason: string }) => dismiss.mutateAsync({ params: { id: dismissing!.id }, body: { reason: v.reason } })}
      >
        {dismissing ? <p style={{ color: '#555' }}>{describe(dismissing)}</p> : null}
        <Form.Item name="reason" label={tm('reason')} rules={[{ required: true, whitespace: true }]} extra={tm('reasonHint')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-reason" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
