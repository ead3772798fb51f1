import { Card, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZYearStatsSchema } from '../../../contracts/modules/vehicles';
import { useActiveOrg } from '../../shared/activeOrg';
import { defineMessages } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { UnitSelect } from './common';

// The yearly statistics are the vehicles' own (running costs are a separate module).
type TYearStats = z.infer<typeof ZYearStatsSchema>;
import { cnYear } from '../../shared/dates';
import { vehicleMessages } from './common.i18n';

const statisticsMessages = defineMessages('vehicles.statistics', {
  title: { zh: '公务用车年度统计', en: 'Yearly vehicle statistics' },
  chart: { zh: '近五年购置、划拨、报废与车辆规模', en: 'Purchases, transfers, scrapping and fleet size over five years' },
  year: { zh: '年度', en: 'Year' },
  purchases: { zh: '批准购置', en: 'Purchases approved' },
  change: { zh: '同比', en: 'Change on year' },
  newEnergy: { zh: '其中新能源', en: 'Of which new energy' },
  transferred: { zh: '划拨', en: 'Transferred' },
  scrapped: { zh: '报废', en: 'Scrapped' },
  auctioned: { zh: '拍卖', en: 'Auctioned' },
  fleet: { zh: '年末车辆数', en: 'Fleet at year end' },
  na: { zh: '—', en: '—' },
});

const pct = (v: number | null) => (v === null ? null : `${v > 0 ? '+' : ''}${Math.round(v * 10) / 10}%`);

/** 年度统计: the last five years of purchases approved (with the change on the year before), transfers, scrapping and fleet size. */
export function StatisticsPage() {
  const t = vehicleMessages.useT();
  const tm = statisticsMessages.useT();
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
          name: tm('purchases'),
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
        { name: tm('transferred'), type: 'bar', itemStyle: { color: '#13c2c2' }, data: items.map((i) => i.transferred) },
        { name: tm('scrapped'), type: 'bar', itemStyle: { color: '#fa8c16' }, data: items.map((i) => i.scrapped) },
        {
          name: tm('fleet'),
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
    [items, tm],
  );
  return (
    <div data-testid="statistics-page">
      <PageHeader
        title={tm('title')}
        extra={
          <UnitSelect
            allowClear
            value={orgId}
            onChange={(v) => setParams(v ? { orgId: String(v) } : {}, { replace: true })}
            placeholder={t('allUnits')}
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
          <Card size="small" title={tm('chart')}>
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
                { title: tm('year'), dataIndex: 'year', fixed: 'left' },
                { title: tm('purchases'), dataIndex: 'purchasesApproved', align: 'right' },
                {
                  title: tm('change'),
                  dataIndex: 'purchasesChangePct',
                  align: 'right',
                  render: (v: number | null) =>
                    v === null ? tm('na') : <Tag color={v > 0 ? 'red' : v < 0 ? 'green' : 'default'}>{pct(v)}</Tag>,
                },
                { title: tm('newEnergy'), dataIndex: 'newEnergyApproved', align: 'right' },
                { title: tm('transferred'), dataIndex: 'transferred', align: 'right' },
                { title: tm('scrapped'), dataIndex: 'scrapped', align: 'right' },
                { title: tm('auctioned'), dataIndex: 'auctioned', align: 'right' },
                { title: tm('fleet'), dataIndex: 'fleetAtYearEnd', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
