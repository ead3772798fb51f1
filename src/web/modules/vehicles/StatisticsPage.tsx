import { Card, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZYearStatsSchema } from '../../../contracts/modules/vehicles';
import { useActiveOrg } from '../../shared/activeOrg';
import { defineMessages, useT } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { UnitSelect } from './common';

// The yearly statistics are the vehicles' own (running costs are a separate module).
type TYearStats = z.infer<typeof ZYearStatsSchema>;
import { cnYear } from '../../shared/dates';

defineMessages(
  {
    'vst.title': '公务用车年度统计',
    'vst.chart': '近五年购置、划拨、报废与车辆规模',
    'vst.year': '年度',
    'vst.purchases': '批准购置',
    'vst.change': '同比',
    'vst.newEnergy': '其中新能源',
    'vst.transferred': '划拨',
    'vst.scrapped': '报废',
    'vst.auctioned': '拍卖',
    'vst.fleet': '年末车辆数',
    'vst.na': '—',
  },
  {
    'vst.title': 'Yearly vehicle statistics',
    'vst.chart': 'Purchases, transfers, scrapping and fleet size over five years',
    'vst.year': 'Year',
    'vst.purchases': 'Purchases approved',
    'vst.change': 'Change on year',
    'vst.newEnergy': 'Of which new energy',
    'vst.transferred': 'Transferred',
    'vst.scrapped': 'Scrapped',
    'vst.auctioned': 'Auctioned',
    'vst.fleet': 'Fleet at year end',
    'vst.na': '—',
  },
);

const pct = (v: number | null) => (v === null ? null : `${v > 0 ? '+' : ''}${Math.round(v * 10) / 10}%`);

/** 年度统计: the last five years of purchases approved (with the change on the year before), transfers, scrapping and fleet size. */
export function StatisticsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [activeOrg] = useActiveOrg();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : (activeOrg ?? undefined);
  const to = cnYear();
  const from = to - 4;
  const q = useApiQuery(vehiclesApi.yearlyStatistics, { query: { from, to, orgId } });
  const items: TYearStats[] = q.data?.items ?? [];
  const chart = useMemo(
    () => ({
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: items.map((i) => String(i.year)) },
      yAxis: [
        { type: 'value', minInterval: 1, name: '' },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('vst.purchases'),
          type: 'bar',
          itemStyle: { color: '#1677ff' },
          data: items.map((i) => ({ value: i.purchasesApproved, change: pct(i.purchasesChangePct) })),
          label: {
            show: true,
            position: 'top',
            // "3 (+50%)": the count and its change on the year before.
            formatter: (p: { value: number; data: { change: string | null } }) =>
              p.data.change ? `${p.value}\n${p.data.change}` : `${p.value}`,
          },
        },
        { name: t('vst.transferred'), type: 'bar', itemStyle: { color: '#13c2c2' }, data: items.map((i) => i.transferred) },
        { name: t('vst.scrapped'), type: 'bar', itemStyle: { color: '#fa8c16' }, data: items.map((i) => i.scrapped) },
        {
          name: t('vst.fleet'),
          type: 'line',
          yAxisIndex: 1,
          smooth: false,
          symbolSize: 8,
          itemStyle: { color: '#b71c1c' },
          label: { show: true, position: 'top' },
          data: items.map((i) => i.fleetAtYearEnd),
        },
      ],
    }),
    [items, t],
  );
  return (
    <div data-testid="statistics-page">
      <PageHeader
        title={t('vst.title')}
        extra={
          <UnitSelect
            allowClear
            value={orgId}
            onChange={(v) => setParams(v ? { orgId: String(v) } : {}, { replace: true })}
            placeholder={t('vh.allUnits')}
            testId="stats-unit"
          />
        }
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <>
          <Card size="small" title={t('vst.chart')}>
            <div data-testid="stats-chart">
              <Chart option={chart} height={340} />
            </div>
          </Card>
          <Card size="small" style={{ marginTop: 12 }}>
            <Table<TYearStats>
              size="small"
              rowKey="year"
              data-testid="stats-table"
              dataSource={[...items].reverse()}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) =>
                ({ 'data-testid': `stats-row-${r.year}`, 'data-purchases': r.purchasesApproved, 'data-fleet': r.fleetAtYearEnd }) as never
              }
              columns={[
                { title: t('vst.year'), dataIndex: 'year', fixed: 'left' },
                { title: t('vst.purchases'), dataIndex: 'purchasesApproved', align: 'right' },
                {
                  title: t('vst.change'),
                  dataIndex: 'purchasesChangePct',
                  align: 'right',
                  render: (v: number | null) =>
                    v === null ? t('vst.na') : <Tag color={v > 0 ? 'red' : v < 0 ? 'green' : 'default'}>{pct(v)}</Tag>,
                },
                { title: t('vst.newEnergy'), dataIndex: 'newEnergyApproved', align: 'right' },
                { title: t('vst.transferred'), dataIndex: 'transferred', align: 'right' },
                { title: t('vst.scrapped'), dataIndex: 'scrapped', align: 'right' },
                { title: t('vst.auctioned'), dataIndex: 'auctioned', align: 'right' },
                { title: t('vst.fleet'), dataIndex: 'fleetAtYearEnd', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
