import { DownloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Row, Segmented, Select, Space, Table, Tabs, Tag, message } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ZSiteIndicatorsSchema } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { download, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import {
  endUseOption,
  monthlyTrendOption,
  nationalValue,
  rankBy,
  rankedWithValue,
  rankingOption,
  yearShare,
  yearTrendOption,
} from './charts';
import {
  EnergyUnitSelect,
  INDICATOR_DIGITS,
  INDICATOR_KEYS,
  type TIndicator,
  type TIndicatorKey,
  type TYearTrend,
  YearSelect,
  fmtNum,
  fmtPct,
  periodRange,
  recentYears,
  thisYear,
  useDefaultUnit,
  commonMessages,
} from './common';
import { formatMoney } from '../../shared/money';
import { cnTodayDayjs } from '../../shared/dates';

export const indicatorMessages = defineMessages('energy.indicators', {
  title: { zh: '指标对比', en: 'Indicators' },
  period: { zh: '统计期', en: 'Period' },
  'p.year': { zh: '年度', en: 'Year' },
  'p.quarter': { zh: '季度', en: 'Quarter' },
  'p.month': { zh: '月度', en: 'Month' },
  'p.custom': { zh: '自定义', en: 'Custom' },
  q: { zh: '第{n}季度', en: 'Q{n}' },
  m: { zh: '{n}月', en: 'M{n}' },
  range: { zh: '{from} 至 {to}', en: '{from} to {to}' },
  table: { zh: '各单位能耗指标', en: 'Indicators by unit' },
  total: { zh: '合计（本范围）', en: 'Total (this scope)' },
  rank: { zh: '单位排名', en: 'Ranking' },
  rankBy: { zh: '排名指标', en: 'Rank by' },
  monthly: { zh: '{year} 年月度能耗：同比与环比', en: '{year} by month: year on year and month on month' },
  yearly: { zh: '较基准年变化与 2025 年目标', en: 'Change on the base year and the 2025 targets' },
  baseYear: { zh: '基准年', en: 'Base year' },
  toYear: { zh: '至', en: 'to' },
  targets: {
    zh: '2025 年目标（较 2020 年）：人均综合能耗 {pc}，单位面积能耗 {ps}，人均用水 {w}，单位面积碳排放 {co2}',
    en: '2025 targets against 2020: energy per person {pc}, per ㎡ {ps}, water per person {w}, CO₂ per ㎡ {co2}',
  },
  change: { zh: '较基准年', en: 'vs base year' },
  endUse: { zh: '用电分项构成', en: 'Electricity by end use' },
  noData: { zh: '暂无数据', en: 'No data yet' },
  coef: { zh: '电力折标系数 {c} kgce/kWh（{scheme}，第 {v} 版）', en: 'Electricity at {c} kgce/kWh ({scheme}, version {v})' },
  'scheme.equivalent': { zh: '当量值', en: 'equivalent value' },
  'scheme.equal_value': { zh: '等价值', en: 'equal value' },
  over: { zh: '高于全国', en: 'Above national' },
  yearCol: { zh: '年度', en: 'Year' },
  byUnit: { zh: '按单位', en: 'By unit' },
  bySite: { zh: '按办公区', en: 'By office site' },
  site: { zh: '办公区', en: 'Office site' },
});

type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';
type IndRow = TIndicator & { key: string; kind: 'unit' | 'total' | 'national' };

/** 指标对比: per-unit indicators for any period against the national figures, rankings, monthly and five-year trends, end uses. */
export function IndicatorsPage() {
  const t = indicatorMessages.useT();
  const tc = commonMessages.useT();
  const defaultUnit = useDefaultUnit();
  const [orgId, setOrgId] = useState<number | undefined>(defaultUnit);
  const [kind, setKind] = useState<PeriodKind>('year');
  const [year, setYear] = useState(thisYear());
  const [quarter, setQuarter] = useState(Math.floor(cnTodayDayjs().month() / 3) + 1);
  const [month, setMonth] = useState(cnTodayDayjs().month() + 1);
  const [custom, setCustom] = useState<[Dayjs, Dayjs]>([cnTodayDayjs().startOf('year'), cnTodayDayjs()]);
  const [key, setKey] = useState<TIndicatorKey>('kgcePerCapita');
  const [sort, setSort] = useState<{ field: TIndicatorKey; order: SortOrder } | null>(null);
  const [baseYear, setBaseYear] = useState(2020);
  const [from, to] =
    kind === 'custom'
      ? [custom[0].format('YYYY-MM-DD'), custom[1].format('YYYY-MM-DD')]
      : periodRange(kind, year, kind === 'quarter' ? quarter : month);
  const q = useApiQuery(energyApi.indicators, { query: { orgId, from, to } });
  const trendYear = kind === 'custom' ? custom[1].year() : year;
  const monthly = useApiQuery(energyApi.monthlyTrend, { query: { orgId, year: trendYear } });
  // Whole years only: this year so far against a whole base year would read as a saving.
  const yearly = useApiQuery(energyApi.yearTrend, { query: { orgId, baseYear, toYear: Math.max(baseYear, thisYear() - 1) } });
  const endUse = useApiQuery(energyApi.endUse, { query: { orgId, from, to } });

  const rankOpt = useMemo(
    () => (q.data ? rankingOption(tc, q.data.items, key, q.data.national, 200, yearShare(from, to)) : null),
    [q.data, key, from, to, tc],
  );
  const monthlyOpt = useMemo(() => (monthly.data ? monthlyTrendOption(tc, monthly.data) : null), [monthly.data, tc]);
  const yearlyOpt = useMemo(() => (yearly.data ? yearTrendOption(tc, yearly.data) : null), [yearly.data, tc]);
  const endUseOpt = useMemo(() => (endUse.data?.total ? endUseOption(tc, endUse.data) : null), [endUse.data, tc]);

  // The table follows the ranking indicator until the reader sorts by another column.
  const active = sort ?? { field: key, order: 'descend' as SortOrder };
  const rows: IndRow[] = useMemo(() => {
    const items = q.data?.items ?? [];
    const sorted = rankBy(items, active.field);
    if (active.order === 'ascend') sorted.reverse();
    return sorted.map((i) => ({ ...i, key: `u${i.orgId}`, kind: 'unit' as const }));
  }, [q.data, active.field, active.order]);

  const periodPicker = (
    <Space wrap data-testid="ind-period">
      <Segmented<PeriodKind>
        value={kind}
        onChange={setKind}
        options={(['year', 'quarter', 'month', 'custom'] as const).map((k) => ({ value: k, label: t(`p.${k}`) }))}
        data-testid="ind-period-kind"
      />
      {kind !== 'custom' ? <YearSelect value={year} onChange={setYear} testId="ind-year" /> : null}
      {kind === 'quarter' ? (
        <Select
          value={quarter}
          onChange={setQuarter}
          style={{ width: 110 }}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('q', { n }) }))}
        />
      ) : null}
      {kind === 'month' ? (
        <Select
          value={month}
          onChange={setMonth}
          style={{ width: 90 }}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('m', { n: i + 1 }) }))}
        />
      ) : null}
      {kind === 'custom' ? (
        <DatePicker.RangePicker
          value={custom}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs())}
          onChange={(v) => (v?.[0] && v[1] ? setCustom([v[0], v[1]]) : undefined)}
        />
      ) : null}
      <EnergyUnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={tc('allUnits')} testId="ind-unit" />
    </Space>
  );

  const data = q.data;
  const nationalRows = data?.national ?? [];
  const col = (k: TIndicatorKey) => ({
    title: tc(`ind.${k}`),
    dataIndex: k,
    align: 'right' as const,
    sorter: true,
    sortOrder: active.field === k ? active.order : null,
    render: (v: number | null, r: IndRow) => {
      const full = nationalValue(data?.national, k);
      const over = full !== null && v !== null && r.kind === 'unit' && v > full * yearShare(from, to);
      return (
        <span
          className={over ? 'eg-up' : undefined}
          data-testid={r.kind === 'unit' ? `ind-${k}-${r.orgId}` : undefined}
          data-value={v ?? ''}
        >
          {fmtNum(v, INDICATOR_DIGITS[k])}
        </span>
      );
    },
  });

  return (
    <div className="eg-page" data-testid="indicators-page">
      <PageHeader
        title={t('title')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="ind-export"
            onClick={() => download(energyApi.exportIndicators, { query: { orgId, from, to } }).catch((e) => message.error(e.message))}
          >
            {tc('export')}
          </Button>
        }
      />
      <div style={{ marginBottom: 12 }}>{periodPicker}</div>
      <div style={{ color: '#888', marginBottom: 12 }} data-testid="ind-range" data-from={from} data-to={to}>
        {t('range', { from, to })}
        {data
          ? ` · ${t('coef', { c: data.coefficients.electricity, scheme: t(`scheme.${data.coefficients.scheme}`), v: data.coefficients.version })}`
          : ''}
      </div>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Card size="small" title={t('table')}>
            <Tabs
              size="small"
              items={[
                {
                  key: 'units',
                  label: t('byUnit'),
                  children: (
                    <Table<IndRow>
                      size="small"
                      data-testid="ind-table"
                      rowKey="key"
                      dataSource={rows}
                      pagination={false}
                      scroll={{ x: 'max-content', y: 520 }}
                      onRow={(r) => ({ 'data-testid': `ind-row-${r.orgId}`, 'data-org': r.orgId, 'data-org-name': r.orgName }) as never}
                      onChange={(_p, _f, s) => {
                        const one = Array.isArray(s) ? s[0] : s;
                        setSort(one?.order && one.field ? { field: one.field as TIndicatorKey, order: one.order } : null);
                      }}
                      columns={[
                        { title: tc('unit'), dataIndex: 'orgName', fixed: 'left', width: 170 },
                        { title: tc('ind.headcount'), dataIndex: 'headcount', align: 'right', render: (v: number) => fmtNum(v, 0) },
                        { title: tc('ind.buildingArea'), dataIndex: 'buildingArea', align: 'right', render: (v: number) => fmtNum(v, 0) },
                        ...INDICATOR_KEYS.map(col),
                        { title: tc('ind.water'), dataIndex: 'water', align: 'right', render: (v: string) => formatMoney(v) },
                        { title: tc('ind.cost'), dataIndex: 'cost', align: 'right', render: (v: number) => fmtNum(v, 0) },
                      ]}
                      summary={() => (
                        <Table.Summary fixed="top">
                          <Table.Summary.Row data-testid="ind-total">
                            <Table.Summary.Cell index={0}>
                              <b>{t('total')}</b>
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={1} align="right">
                              {fmtNum(data.total.headcount, 0)}
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={2} align="right">
                              {fmtNum(data.total.buildingArea, 0)}
                            </Table.Summary.Cell>
                            {INDICATOR_KEYS.map((k, i) => (
                              <Table.Summary.Cell index={3 + i} key={k} align="right">
                                <b>{fmtNum(data.total[k], INDICATOR_DIGITS[k])}</b>
                              </Table.Summary.Cell>
                            ))}
                            <Table.Summary.Cell index={9} align="right">
                              {fmtNum(data.total.water, 0)}
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={10} align="right">
                              {formatMoney(data.total.cost)}
                            </Table.Summary.Cell>
                          </Table.Summary.Row>
                          {nationalRows.map((n) => (
                            <Table.Summary.Row key={n.year} data-testid={`ind-national-${n.year}`}>
                              <Table.Summary.Cell index={0}>
                                <Tag color="orange">{tc('national', { year: n.year })}</Tag>
                              </Table.Summary.Cell>
                              <Table.Summary.Cell index={1} />
                              <Table.Summary.Cell index={2} />
                              {INDICATOR_KEYS.map((k, i) => (
                                <Table.Summary.Cell index={3 + i} key={k} align="right">
                                  {k === 'kgcePerCapita' || k === 'kgcePerSqm' || k === 'waterPerCapita' ? fmtNum(n[k]) : ''}
                                </Table.Summary.Cell>
                              ))}
                              <Table.Summary.Cell index={9} />
                              <Table.Summary.Cell index={10} />
                            </Table.Summary.Row>
                          ))}
                        </Table.Summary>
                      )}
                    />
                  ),
                },
                { key: 'sites', label: t('bySite'), children: <SiteTable orgId={orgId} from={from} to={to} /> },
              ]}
            />
          </Card>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('rank')}
                extra={
                  <Select<TIndicatorKey>
                    value={key}
                    onChange={(k) => {
                      setKey(k);
                      setSort(null);
                    }}
                    style={{ width: 200 }}
                    data-testid="ind-key"
                    options={INDICATOR_KEYS.map((k) => ({ value: k, label: tc(`short.${k}`) }))}
                  />
                }
              >
                <div data-testid="ind-rank-chart" data-key={key}>
                  {rankedWithValue(data.items, key).length && rankOpt ? (
                    <Chart option={rankOpt} height={Math.max(300, rankedWithValue(data.items, key).length * 26 + 50)} />
                  ) : (
                    <div className="eg-chart-empty">{t('noData')}</div>
                  )}
                </div>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('endUse')}>
                <div data-testid="ind-enduse-chart">
                  {endUse.error ? (
                    <ErrorState error={endUse.error} />
                  ) : !endUse.data ? (
                    <Loading />
                  ) : endUseOpt ? (
                    <Chart option={endUseOpt} height={300} />
                  ) : (
                    <div className="eg-chart-empty">{t('noData')}</div>
                  )}
                </div>
              </Card>
              <Card size="small" title={t('monthly', { year: trendYear })} style={{ marginTop: 12 }}>
                <div data-testid="ind-monthly-chart">
                  {monthly.error ? (
                    <ErrorState error={monthly.error} />
                  ) : monthlyOpt ? (
                    <Chart option={monthlyOpt} height={300} />
                  ) : (
                    <Loading />
                  )}
                </div>
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t('yearly')}
        extra={
          <Space>
            {t('baseYear')}
            <YearSelect
              value={baseYear}
              onChange={setBaseYear}
              years={recentYears(thisYear() - 2014, thisYear() - 1)}
              testId="ind-base-year"
            />
          </Space>
        }
      >
        <YearTrend q={yearly} option={yearlyOpt} />
      </Card>
    </div>
  );
}

type TSiteIndicators = z.infer<typeof ZSiteIndicatorsSchema>;

/** The same figures per office site (办公区): the meters on the site against its floor area and the people with an office there. */
function SiteTable({ orgId, from, to }: { orgId?: number; from: string; to: string }) {
  const t = indicatorMessages.useT();
  const tc = commonMessages.useT();
  const q = useApiQuery(energyApi.siteIndicators, { query: { orgId, from, to } });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Table<TSiteIndicators['items'][number]>
      size="small"
      rowKey="siteId"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="ind-site-table"
      columns={[
        { title: t('site'), dataIndex: 'siteName', fixed: 'left' },
        { title: tc('ind.headcount'), dataIndex: 'headcount', align: 'right', render: (v: number) => fmtNum(v, 0) },
        { title: tc('ind.buildingArea'), dataIndex: 'buildingArea', align: 'right', render: (v: number) => fmtNum(v, 0) },
        ...INDICATOR_KEYS.map((k) => ({
          title: tc(`ind.${k}`),
          dataIndex: k,
          align: 'right' as const,
          sorter: (a: TSiteIndicators['items'][number], b: TSiteIndicators['items'][number]) => (a[k] ?? -1) - (b[k] ?? -1),
          render: (v: number | null) => fmtNum(v, INDICATOR_DIGITS[k]),
        })),
        { title: tc('ind.water'), dataIndex: 'water', align: 'right', render: (v: number) => fmtNum(v, 0) },
      ]}
    />
  );
}

function YearTrend({ q, option }: { q: UseQueryResult<TYearTrend>; option: Record<string, unknown> | null }) {
  const t = indicatorMessages.useT();
  const tc = commonMessages.useT();
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data || !option) return <Loading />;
  const d = q.data;
  const change = (v: number | null, target: number) => (
    <span className={v === null ? undefined : v <= target ? 'eg-down' : 'eg-up'}>{fmtPct(v)}</span>
  );
  return (
    <div data-testid="ind-yearly" data-base={d.baseYear}>
      <div style={{ color: '#888', marginBottom: 8 }}>
        {t('targets', {
          pc: fmtPct(d.targets.perCapita, 0),
          ps: fmtPct(d.targets.perSqm, 0),
          w: fmtPct(d.targets.waterPerCapita, 0),
          co2: fmtPct(d.targets.co2PerSqm, 0),
        })}
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Chart option={option} height={300} />
        </Col>
        <Col xs={24} xl={12}>
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={d.years}
            scroll={{ x: 'max-content' }}
            onRow={(y) =>
              ({
                'data-testid': `ind-year-${y.year}`,
                'data-per-capita': y.perCapitaChange ?? '',
                'data-per-sqm': y.perSqmChange ?? '',
                'data-water': y.waterChange ?? '',
              }) as never
            }
            columns={[
              { title: t('yearCol'), dataIndex: 'year' },
              { title: tc('short.kgcePerCapita'), dataIndex: 'kgcePerCapita', align: 'right', render: (v) => fmtNum(v) },
              {
                title: t('change'),
                dataIndex: 'perCapitaChange',
                align: 'right',
                render: (v: number | null) => change(v, d.targets.perCapita),
              },
              { title: tc('short.kgcePerSqm'), dataIndex: 'kgcePerSqm', align: 'right', render: (v) => fmtNum(v) },
              {
                title: t('change'),
                dataIndex: 'perSqmChange',
                align: 'right',
                render: (v: number | null) => change(v, d.targets.perSqm),
              },
              { title: tc('short.waterPerCapita'), dataIndex: 'waterPerCapita', align: 'right', render: (v) => fmtNum(v) },
              {
                title: t('change'),
                dataIndex: 'waterChange',
                align: 'right',
                render: (v: number | null) => change(v, d.targets.waterPerCapita),
              },
              { title: tc('short.co2PerSqm'), dataIndex: 'co2PerSqm', align: 'right', render: (v) => fmtNum(v) },
              {
                title: t('change'),
                dataIndex: 'co2Change',
                align: 'right',
                render: (v: number | null) => change(v, d.targets.co2PerSqm),
              },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
