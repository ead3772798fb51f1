import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ENERGY_ANOMALY_RULES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { call, invalidate } from '../../shared/typedApi';
import { useQueryClient } from '@tanstack/react-query';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  type TEnergyAnomaly,
  enumOptions,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  unitLabel,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';

export const anomalyMessages = defineMessages('energy.anomalies', {
  title: { zh: '能耗异常', en: 'Energy anomalies' },
  rule: { zh: '异常规则', en: 'Rule' },
  occurred: { zh: '发生日期', en: 'On' },
  finding: { zh: '异常情况', en: 'Finding' },
  evidence: { zh: '依据', en: 'Evidence' },
  detected: { zh: '发现时间', en: 'Detected' },
  scan: { zh: '立即筛查', en: 'Scan now' },
  scanned: { zh: '筛查完成：发现 {n} 条（用时 {ms} 毫秒）', en: 'Scanned: {n} found ({ms} ms)' },
  dismiss: { zh: '排除', en: 'Dismiss' },
  dismissTitle: { zh: '排除异常：{meter} {rule}', en: 'Dismiss: {meter} {rule}' },
  reason: { zh: '排除理由', en: 'Reason' },
  reasonHint: { zh: '说明核实情况，例如“表计更换，已核实”', en: 'What was checked, e.g. "meter replaced, verified"' },
  reasonShown: { zh: '理由：{r}', en: 'Reason: {r}' },
  hint: {
    zh: '每日自动筛查漏损、分表差异、夜间/休息日基础负荷、突变、负用量与停报；排除的异常再次筛查时不会重复出现。',
    en: 'Checked daily: water loss, sub-meter gaps, night and rest-day baseload, jumps, negative consumption and meters that stopped reporting. A dismissed finding does not come back.',
  },
  'ev.month': { zh: '月份', en: 'Month' },
  'ev.master': { zh: '总表', en: 'Master' },
  'ev.subs': { zh: '分表合计', en: 'Sub-meters' },
  'ev.share': { zh: '差异率', en: 'Gap' },
  'ev.threshold': { zh: '阈值', en: 'Threshold' },
  'ev.night': { zh: '夜间负荷', en: 'Night load' },
  'ev.rest': { zh: '休息日负荷', en: 'Rest-day load' },
  'ev.max': { zh: '上限', en: 'Limit' },
  'ev.from': { zh: '开始', en: 'From' },
  'ev.to': { zh: '结束', en: 'To' },
  'ev.ts': { zh: '读数时间', en: 'Reading at' },
  'ev.delta': { zh: '用量', en: 'Consumption' },
  'ev.times': { zh: '倍数', en: 'Times usual' },
  'ev.value': { zh: '读数', en: 'Reading' },
  'ev.prev': { zh: '上次读数', en: 'Previous' },
  'ev.last': { zh: '最后读数', en: 'Last reading' },
  'ev.hours': { zh: '停报小时', en: 'Hours silent' },
  'ev.dayAvg': { zh: '工作日白天每小时', en: 'Working-day hourly' },
});

const RULE_COLOR: Record<string, string> = {
  water_loss: 'cyan',
  submeter_gap: 'geekblue',
  baseload: 'purple',
  jump: 'orange',
  negative: 'red',
  stopped: 'default',
};
const STATUS_COLOR: Record<string, string> = { open: 'red', dismissed: 'default', resolved: 'green' };
/** Evidence keys we can name, in reading order; shares come as fractions of 1. */
const EVIDENCE_KEYS = [
  'month',
  'from',
  'to',
  'master',
  'subs',
  'share',
  'threshold',
  'night',
  'rest',
  'max',
  'dayAvg',
  'ts',
  'value',
  'prev',
  'delta',
  'times',
  'last',
  'hours',
] as const;
const SHARE_KEYS = ['share', 'threshold', 'night', 'rest', 'max'];
const QUANTITY_KEYS = ['master', 'subs', 'delta', 'dayAvg'];

function EvidenceLine({ evidence }: { evidence: Record<string, unknown> }) {
  const t = anomalyMessages.useT();
  const tc = commonMessages.useT();
  const known = EVIDENCE_KEYS.filter((k) => evidence[k] !== undefined && evidence[k] !== null);
  if (!known.length) return null;
  const unit = typeof evidence.unit === 'string' ? ` ${unitLabel(tc, evidence.unit)}` : '';
  const show = (k: string, v: unknown) => {
    if (typeof v === 'number') {
      if (SHARE_KEYS.includes(k)) return fmtPct(v, 1, false);
      if (k === 'times') return `${fmtNum(v, 1)}×`;
      return fmtNum(v, 2) + (QUANTITY_KEYS.includes(k) ? unit : '');
    }
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtTime(v);
    return String(v);
  };
  return (
    <div className="eg-evidence" data-testid="anomaly-evidence">
      {known.map((k, i) => (
        <span key={k}>
          {i ? ' · ' : ''}
          {t(`ev.${k}`)} <b>{show(k, evidence[k])}</b>
        </span>
      ))}
    </div>
  );
}

/** 能耗异常: what the rules found, in words with the evidence, by rule, status and unit; scan now; dismiss with a reason. */
export function EnergyAnomaliesPage() {
  const t = anomalyMessages.useT();
  const tc = commonMessages.useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [scanning, setScanning] = useState(false);
  const [dismissing, setDismissing] = useState<TEnergyAnomaly | null>(null);
  const refresh = () => invalidate(qc, [energyApi.anomalies]);
  const scan = async () => {
    setScanning(true);
    try {
      const r = await call(energyApi.scanAnomalies, {});
      message.success(t('scanned', { n: r.found, ms: Math.round(r.ms) }));
      refresh();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setScanning(false);
    }
  };
  return (
    <div className="eg-page" data-testid="energy-anomalies-page">
      <PageHeader title={t('title')} extra={<span style={{ color: '#888', fontSize: 12 }}>{t('hint')}</span>} />
      <ServerTable<TEnergyAnomaly>
        route={energyApi.anomalies}
        testId="energy-anomaly-table"
        extraQuery={{ orgId: defaultUnit, status: 'open' }}
        onRow={(a) => ({ 'data-testid': `anomaly-row-${a.id}`, 'data-rule': a.rule, 'data-status': a.status }) as never}
        toolbar={
          rights.manage ? (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={scanning} onClick={scan} data-testid="anomaly-scan">
              {t('scan')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="rule">
              <Select
                allowClear
                placeholder={t('rule')}
                style={{ width: 180 }}
                data-testid="anomaly-filter-rule"
                options={enumOptions(tc, 'rule', ENERGY_ANOMALY_RULES)}
              />
            </Form.Item>
            <Form.Item name="status" initialValue="open">
              <Select
                placeholder={tc('status')}
                style={{ width: 110 }}
                data-testid="anomaly-filter-status"
                options={enumOptions(tc, 'as', ['open', 'dismissed', 'resolved'])}
              />
            </Form.Item>
            <Form.Item name="orgId">
              <EnergyUnitSelect allowClear placeholder={tc('unit')} testId="anomaly-filter-unit" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('occurred'), dataIndex: 'occurredOn', sorter: true, width: 110 },
          { title: tc('unit'), dataIndex: 'orgName' },
          {
            title: tc('meter'),
            dataIndex: 'meterName',
            render: (v: string, a) => <Link to={`/energy/meters?id=${a.meterId}`}>{v}</Link>,
          },
          {
            title: t('rule'),
            dataIndex: 'rule',
            render: (v: TEnergyAnomaly['rule']) => <Tag color={RULE_COLOR[v]}>{tc(`rule.${v}`)}</Tag>,
          },
          {
            title: t('finding'),
            key: 'finding',
            render: (_, a) => (
              <div style={{ maxWidth: 460 }} data-testid={`anomaly-${a.id}`} data-evidence={JSON.stringify(a.evidence)}>
                <div>{a.message}</div>
                <EvidenceLine evidence={a.evidence} />
                {a.dismissReason ? <div className="eg-evidence">{t('reasonShown', { r: a.dismissReason })}</div> : null}
              </div>
            ),
          },
          {
            title: tc('status'),
            dataIndex: 'status',
            render: (v: TEnergyAnomaly['status']) => (
              <Tag color={STATUS_COLOR[v]} data-status={v}>
                {tc(`as.${v}`)}
              </Tag>
            ),
          },
          { title: t('detected'), dataIndex: 'detectedAt', render: fmtTime },
          ...(rights.manage
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, a: TEnergyAnomaly) =>
                    a.status === 'open' ? (
                      <LinkButton onClick={() => setDismissing(a)} data-testid={`anomaly-dismiss-${a.id}`}>
                        {t('dismiss')}
                      </LinkButton>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={!!dismissing}
        title={dismissing ? t('dismissTitle', { meter: dismissing.meterName, rule: tc(`rule.${dismissing.rule}`) }) : ''}
        onClose={() => setDismissing(null)}
        onSaved={refresh}
        onSubmit={(v: { reason: string }) => call(energyApi.dismissAnomaly, { params: { id: dismissing!.id }, body: { reason: v.reason } })}
      >
        {dismissing ? (
          <div style={{ marginBottom: 12 }}>
            <p style={{ color: '#555', margin: 0 }}>{dismissing.message}</p>
            <EvidenceLine evidence={dismissing.evidence} />
          </div>
        ) : null}
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true }]} extra={t('reasonHint')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-reason" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
