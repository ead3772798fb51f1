import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ENERGY_ANOMALY_RULES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { call, invalidate } from '../../shared/typedApi';
import { useQueryClient } from '@tanstack/react-query';
import { defineMessages, useT } from '../../shared/i18n';
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
} from './common';

defineMessages(
  {
    'eano.title': '能耗异常',
    'eano.rule': '异常规则',
    'eano.occurred': '发生日期',
    'eano.finding': '异常情况',
    'eano.evidence': '依据',
    'eano.detected': '发现时间',
    'eano.scan': '立即筛查',
    'eano.scanned': '筛查完成：发现 {n} 条（用时 {ms} 毫秒）',
    'eano.dismiss': '排除',
    'eano.dismissTitle': '排除异常：{meter} {rule}',
    'eano.reason': '排除理由',
    'eano.reasonHint': '说明核实情况，例如“表计更换，已核实”',
    'eano.reasonShown': '理由：{r}',
    'eano.hint': '每日自动筛查漏损、分表差异、夜间/休息日基础负荷、突变、负用量与停报；排除的异常再次筛查时不会重复出现。',
    'eano.ev.month': '月份',
    'eano.ev.master': '总表',
    'eano.ev.subs': '分表合计',
    'eano.ev.share': '差异率',
    'eano.ev.threshold': '阈值',
    'eano.ev.night': '夜间负荷',
    'eano.ev.rest': '休息日负荷',
    'eano.ev.max': '上限',
    'eano.ev.from': '开始',
    'eano.ev.to': '结束',
    'eano.ev.ts': '读数时间',
    'eano.ev.delta': '用量',
    'eano.ev.times': '倍数',
    'eano.ev.value': '读数',
    'eano.ev.prev': '上次读数',
    'eano.ev.last': '最后读数',
    'eano.ev.hours': '停报小时',
    'eano.ev.dayAvg': '工作日白天每小时',
  },
  {
    'eano.title': 'Energy anomalies',
    'eano.rule': 'Rule',
    'eano.occurred': 'On',
    'eano.finding': 'Finding',
    'eano.evidence': 'Evidence',
    'eano.detected': 'Detected',
    'eano.scan': 'Scan now',
    'eano.scanned': 'Scanned: {n} found ({ms} ms)',
    'eano.dismiss': 'Dismiss',
    'eano.dismissTitle': 'Dismiss: {meter} {rule}',
    'eano.reason': 'Reason',
    'eano.reasonHint': 'What was checked, e.g. "meter replaced, verified"',
    'eano.reasonShown': 'Reason: {r}',
    'eano.hint':
      'Checked daily: water loss, sub-meter gaps, night and rest-day baseload, jumps, negative consumption and meters that stopped reporting. A dismissed finding does not come back.',
    'eano.ev.month': 'Month',
    'eano.ev.master': 'Master',
    'eano.ev.subs': 'Sub-meters',
    'eano.ev.share': 'Gap',
    'eano.ev.threshold': 'Threshold',
    'eano.ev.night': 'Night load',
    'eano.ev.rest': 'Rest-day load',
    'eano.ev.max': 'Limit',
    'eano.ev.from': 'From',
    'eano.ev.to': 'To',
    'eano.ev.ts': 'Reading at',
    'eano.ev.delta': 'Consumption',
    'eano.ev.times': 'Times usual',
    'eano.ev.value': 'Reading',
    'eano.ev.prev': 'Previous',
    'eano.ev.last': 'Last reading',
    'eano.ev.hours': 'Hours silent',
    'eano.ev.dayAvg': 'Working-day hourly',
  },
);

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
];
const SHARE_KEYS = ['share', 'threshold', 'night', 'rest', 'max'];
const QUANTITY_KEYS = ['master', 'subs', 'delta', 'dayAvg'];

function EvidenceLine({ evidence }: { evidence: Record<string, unknown> }) {
  const t = useT();
  const known = EVIDENCE_KEYS.filter((k) => evidence[k] !== undefined && evidence[k] !== null);
  if (!known.length) return null;
  const unit = typeof evidence.unit === 'string' ? ` ${unitLabel(t, evidence.unit)}` : '';
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
          {t(`eano.ev.${k}`)} <b>{show(k, evidence[k])}</b>
        </span>
      ))}
    </div>
  );
}

/** 能耗异常: what the rules found, in words with the evidence, by rule, status and unit; scan now; dismiss with a reason. */
export function EnergyAnomaliesPage() {
  const t = useT();
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
      message.success(t('eano.scanned', { n: r.found, ms: Math.round(r.ms) }));
      refresh();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setScanning(false);
    }
  };
  return (
    <div className="eg-page" data-testid="energy-anomalies-page">
      <PageHeader title={t('eano.title')} extra={<span style={{ color: '#888', fontSize: 12 }}>{t('eano.hint')}</span>} />
      <ServerTable<TEnergyAnomaly>
        route={energyApi.anomalies}
        testId="energy-anomaly-table"
        extraQuery={{ orgId: defaultUnit, status: 'open' }}
        onRow={(a) => ({ 'data-testid': `anomaly-row-${a.id}`, 'data-rule': a.rule, 'data-status': a.status }) as never}
        toolbar={
          rights.manage ? (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={scanning} onClick={scan} data-testid="anomaly-scan">
              {t('eano.scan')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="rule">
              <Select
                allowClear
                placeholder={t('eano.rule')}
                style={{ width: 180 }}
                data-testid="anomaly-filter-rule"
                options={enumOptions(t, 'eg.rule', ENERGY_ANOMALY_RULES)}
              />
            </Form.Item>
            <Form.Item name="status" initialValue="open">
              <Select
                placeholder={t('eg.status')}
                style={{ width: 110 }}
                data-testid="anomaly-filter-status"
                options={enumOptions(t, 'eg.as', ['open', 'dismissed', 'resolved'])}
              />
            </Form.Item>
            <Form.Item name="orgId">
              <EnergyUnitSelect allowClear placeholder={t('eg.unit')} testId="anomaly-filter-unit" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('eano.occurred'), dataIndex: 'occurredOn', sorter: true, width: 110 },
          { title: t('eg.unit'), dataIndex: 'orgName' },
          {
            title: t('eg.meter'),
            dataIndex: 'meterName',
            render: (v: string, a) => <Link to={`/energy/meters?id=${a.meterId}`}>{v}</Link>,
          },
          { title: t('eano.rule'), dataIndex: 'rule', render: (v: string) => <Tag color={RULE_COLOR[v]}>{t(`eg.rule.${v}`)}</Tag> },
          {
            title: t('eano.finding'),
            key: 'finding',
            render: (_, a) => (
              <div style={{ maxWidth: 460 }} data-testid={`anomaly-${a.id}`} data-evidence={JSON.stringify(a.evidence)}>
                <div>{a.message}</div>
                <EvidenceLine evidence={a.evidence} />
                {a.dismissReason ? <div className="eg-evidence">{t('eano.reasonShown', { r: a.dismissReason })}</div> : null}
              </div>
            ),
          },
          {
            title: t('eg.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={STATUS_COLOR[v]} data-status={v}>
                {t(`eg.as.${v}`)}
              </Tag>
            ),
          },
          { title: t('eano.detected'), dataIndex: 'detectedAt', render: fmtTime },
          ...(rights.manage
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, a: TEnergyAnomaly) =>
                    a.status === 'open' ? (
                      <LinkButton onClick={() => setDismissing(a)} data-testid={`anomaly-dismiss-${a.id}`}>
                        {t('eano.dismiss')}
                      </LinkButton>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={!!dismissing}
        title={dismissing ? t('eano.dismissTitle', { meter: dismissing.meterName, rule: t(`eg.rule.${dismissing.rule}`) }) : ''}
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
        <Form.Item name="reason" label={t('eano.reason')} rules={[{ required: true, whitespace: true }]} extra={t('eano.reasonHint')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-reason" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
