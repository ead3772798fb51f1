import { useQueryClient } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Row, Statistic, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { energyApi } from '../../../contracts/modules/energy.api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { Chart } from '../../shared/ui/Chart';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading } from '../../shared/ui/states';
import { seriesOption } from './charts';
import { EnergyTypeTag, FlagTag, type TMeter, type TReading, fmtNum, fmtPct, fmtTime, unitLabel, commonMessages } from './common';

import { intervalLabel, meterMessages } from './meters.i18n';

/** The meter's card, its readings (with corrections), its consumption by day and, for interval meters, the day × hour load. */
export function MeterDrawer({ id, onClose, canWrite }: { id: number | null; onClose: () => void; canWrite: boolean }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const q = useApiQuery(energyApi.meter, { params: { id: id ?? 0 } }, { enabled: !!id });
  const m = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={m ? `${m.name}${m.code ? ` · ${m.code}` : ''}` : t('detail')}
      size="min(880px, 100vw)"
      destroyOnHidden
    >
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !m ? (
        <Loading />
      ) : (
        <div data-testid="meter-drawer" data-meter={m.id}>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={tc('unit')}>{m.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('energyType')}>
              <EnergyTypeTag type={m.energyType} /> {unitLabel(tc, m.unit)} · {tc(`kind.${m.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('building')}>
              {m.buildingName ? `${m.siteName ?? ''} · ${m.buildingName}` : (m.siteName ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('parent')}>{m.parentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('children')}>{m.children}</Descriptions.Item>
            <Descriptions.Item label={t('endUse')}>{m.endUse ? tc(`use.${m.endUse}`) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('inTotal')}>{m.inTotal ? tc('yes') : tc('no')}</Descriptions.Item>
            <Descriptions.Item label={t('multiplier')}>{m.multiplier}</Descriptions.Item>
            <Descriptions.Item label={t('rollover')}>{fmtNum(m.rolloverValue)}</Descriptions.Item>
            <Descriptions.Item label={t('interval')}>{intervalLabel(t, m.intervalMinutes)}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>{tc(`ms.${m.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('lastReading')}>{fmtTime(m.lastReadingAt)}</Descriptions.Item>
            <Descriptions.Item label={t('lastValue')}>{fmtNum(m.lastValue)}</Descriptions.Item>
            {m.note ? (
              <Descriptions.Item label={tc('note')} span={2}>
                {m.note}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {m.kind === 'register' ? (
            <Tabs
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'readings',
                  label: t('readings'),
                  children: <MeterReadings meter={m} canWrite={canWrite && m.status === 'active'} />,
                },
                { key: 'chart', label: t('consumption'), children: <MeterSeries meter={m} /> },
                ...(m.intervalMinutes ? [{ key: 'heatmap', label: t('heatmap'), children: <MeterHeatmap meter={m} /> }] : []),
              ]}
            />
          ) : null}
        </div>
      )}
    </Drawer>
  );
}

function MeterReadings({ meter, canWrite }: { meter: TMeter; canWrite: boolean }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const qc = useQueryClient();
  const [correcting, setCorrecting] = useState<TReading | null>(null);
  return (
    <>
      <ServerTable<TReading>
        route={energyApi.listReadings}
        extraQuery={{ meterId: meter.id }}
        rowKey="ts"
        testId="meter-readings"
        onRow={(r) => ({ 'data-testid': `reading-${r.ts}`, 'data-flag': r.flag ?? '', 'data-value': r.value }) as never}
        rowClassName={(r) => (r.flag === 'negative' ? 'eg-bad-row' : r.flag ? 'eg-warn-row' : '')}
        columns={[
          { title: t('ts'), dataIndex: 'ts', render: fmtTime },
          { title: t('value'), dataIndex: 'value', align: 'right', render: (v: number) => fmtNum(v, 3) },
          {
            title: `${t('used')} (${unitLabel(tc, meter.unit)})`,
            dataIndex: 'consumption',
            align: 'right',
            render: (v: number | null) => fmtNum(v, 3),
          },
          { title: t('flag'), dataIndex: 'flag', render: (v: TReading['flag']) => <FlagTag flag={v} /> },
          { title: t('source'), dataIndex: 'source', render: (v: TReading['source']) => tc(`src.${v}`) },
          {
            title: tc('note'),
            key: 'corr',
            render: (_, r) =>
              r.originalValue !== null ? (
                <span className="eg-evidence" data-testid="reading-original" data-original={r.originalValue}>
                  {t('original', { v: fmtNum(r.originalValue, 3), r: r.correctionReason ?? '' })}
                </span>
              ) : null,
          },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TReading) => (
                    <LinkButton onClick={() => setCorrecting(r)} data-testid="reading-correct">
                      {t('correct')}
                    </LinkButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      {correcting ? (
        <FormModal
          open
          title={t('correctTitle', { name: meter.name, ts: fmtTime(correcting.ts) })}
          onClose={() => setCorrecting(null)}
          initialValues={{ value: correcting.value }}
          onSaved={() => invalidate(qc, [energyApi.listReadings, energyApi.meter])}
          onSubmit={(v: { value: number; reason: string }) =>
            call(energyApi.correctReading, { body: { meterId: meter.id, ts: correcting.ts, value: v.value, reason: v.reason } })
          }
        >
          <Alert type="info" showIcon title={t('correctHint')} style={{ marginBottom: 12 }} />
          <Form.Item label={t('value')}>
            <span>{fmtNum(correcting.originalValue ?? correcting.value, 3)}</span>
          </Form.Item>
          <Form.Item name="value" label={t('newValue')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1e12} style={{ width: '100%' }} data-testid="correct-value" />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="correct-reason" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

type Range = [Dayjs, Dayjs];
const rangeQuery = (r: Range) => ({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });

function MeterSeries({ meter }: { meter: TMeter }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const [range, setRange] = useState<Range>([dayjs().subtract(59, 'day'), dayjs()]);
  const q = useApiQuery(energyApi.series, { query: { meterId: meter.id, grain: 'day', ...rangeQuery(range) } });
  const option = useMemo(() => (q.data ? seriesOption(q.data, meter.energyType, unitLabel(tc, meter.unit)) : null), [q.data, meter, tc]);
  return (
    <div data-testid="meter-series">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
        disabledDate={(d) => d.isAfter(dayjs())}
        style={{ marginBottom: 12 }}
      />
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !option ? (
        <Loading />
      ) : q.data?.points.length ? (
        <Chart option={option} height={300} />
      ) : (
        <div className="eg-chart-empty">{t('noData')}</div>
      )}
    </div>
  );
}

function MeterHeatmap({ meter }: { meter: TMeter }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const [range, setRange] = useState<Range>([dayjs().subtract(27, 'day'), dayjs()]);
  const q = useApiQuery(energyApi.heatmap, { query: { meterId: meter.id, ...rangeQuery(range) } });
  const option = useMemo(() => {
    const d = q.data;
    if (!d) return null;
    const values = d.days.flatMap((day, y) => day.hours.map((v, x) => [x, y, v === null ? '-' : Number(v.toFixed(2))]));
    const max = Math.max(1, ...d.days.flatMap((day) => day.hours.map((v) => v ?? 0)));
    return {
      tooltip: { position: 'top' },
      grid: { left: 92, right: 16, top: 8, bottom: 64 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}${t('hour')}`), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: d.days.map((day) => `${day.day.slice(5)}${day.working ? '' : ` ${t('restDay')}`}`),
        axisLabel: { fontSize: 10 },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: Number(max.toFixed(2)),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: [unitLabel(tc, d.unit), '0'],
        inRange: { color: ['#f0f9ff', '#69b1ff', '#0958d9', '#cf1322'] },
      },
      series: [{ type: 'heatmap', data: values, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [q.data, t, tc]);
  return (
    <div data-testid="meter-heatmap">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
        disabledDate={(d) => d.isAfter(dayjs())}
        style={{ marginBottom: 12 }}
      />
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !q.data || !option ? (
        <Loading />
      ) : q.data.days.length ? (
        <>
          <Row gutter={12} style={{ marginBottom: 8 }}>
            <Col xs={12}>
              <Statistic
                title={t('nightShare')}
                value={fmtPct(q.data.nightShare, 0, false)}
                styles={{ content: (q.data.nightShare ?? 0) > 0.5 ? { color: '#cf1322' } : undefined }}
              />
            </Col>
            <Col xs={12}>
              <Statistic
                title={t('restShare')}
                value={fmtPct(q.data.restDayShare, 0, false)}
                styles={{ content: (q.data.restDayShare ?? 0) > 0.5 ? { color: '#cf1322' } : undefined }}
              />
            </Col>
          </Row>
          <div style={{ color: '#888', fontSize: 12, marginBottom: 8 }}>{t('shareHint')}</div>
          <Chart option={option} height={Math.max(280, q.data.days.length * 18 + 80)} />
        </>
      ) : (
        <div className="eg-chart-empty">{t('noData')}</div>
      )}
    </div>
  );
}
