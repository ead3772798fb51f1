import { Card, Col, Row, Space, Statistic } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useActiveOrg } from '../../shared/activeOrg';
import { energyApi } from '../../../contracts/modules/energy.api';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { endUseOption, monthlyTrendOption, nationalValue, rankedWithValue, rankingOption } from './charts';
import { EnergyUnitSelect, fmtNum, fmtPct, thisYear, useDefaultUnit, commonMessages } from './common';
import { cnTodayDayjs, cnYear } from '../../shared/dates';

export const overviewMessages = defineMessages('energy.overview', {
  metersTitle: { zh: '计量器具', en: 'Meters' },
  title: { zh: '能耗总览', en: 'Energy overview' },
  ytd: { zh: '{year} 年累计（截至昨日）', en: '{year} to date (through yesterday)' },
  kgce: { zh: '综合能耗(kgce)', en: 'Energy (kgce)' },
  vsLast: { zh: '比去年同期 {p}', en: '{p} on last year' },
  perCapita: { zh: '人均综合能耗(kgce/人)', en: 'Energy per person (kgce)' },
  perSqm: { zh: '单位建筑面积能耗(kgce/㎡)', en: 'Energy per ㎡ (kgce)' },
  water: { zh: '人均用水量(m³/人)', en: 'Water per person (m³)' },
  ref: { zh: '全国同期参考 {v}（全年 {y}：{full}）', en: 'National, same part of the year: {v} (full year {y}: {full})' },
  refNone: { zh: '尚无全国参考值', en: 'No national reference' },
  quotas: { zh: '超定额单位', en: 'Units over quota' },
  projected: { zh: '预计年底超定额 {n} 个', en: '{n} projected over by year end' },
  anomalies: { zh: '待处理能耗异常', en: 'Open anomalies' },
  patrol: { zh: '本年巡查问题 {n} 个', en: '{n} patrol findings this year' },
  reports: { zh: '{year} 年统计年报已报送', en: 'Annual reports for {year} submitted' },
  deadline: { zh: '截止 {d}', en: 'due {d}' },
  meters: { zh: '计量器具 {n} 块（智能表 {i}，停报 {s}）', en: '{n} meters ({i} smart, {s} stopped reporting)' },
  trend: { zh: '月度综合能耗：今年与去年', en: 'Energy by month: this year and last' },
  rank: { zh: '人均综合能耗最高的单位（今年累计，前 15）', en: 'Highest energy per person (year to date, top 15)' },
  endUse: { zh: '用电分项构成（今年累计）', en: 'Electricity by end use (year to date)' },
  noData: { zh: '暂无数据', en: 'No data yet' },
  more: { zh: '查看详情', en: 'Details' },
});

/** Share of the year elapsed through yesterday: the national yearly figures are scaled by it for a fair comparison. */
function elapsedShare(year: number) {
  const start = dayjs(`${year}-01-01`);
  const end = cnTodayDayjs();
  if (year < cnYear()) return 1;
  const days = start.add(1, 'year').diff(start, 'day');
  return Math.max(0, Math.min(1, end.diff(start, 'day') / days));
}

/** 能耗总览: the year so far against last year and the national figures, the monthly trend, the ranking and the end uses. */
export function EnergyOverviewPage() {
  const t = overviewMessages.useT();
  const tc = commonMessages.useT();
  const [, setActiveOrg] = useActiveOrg();
  const orgId = useDefaultUnit();
  const year = thisYear();
  const from = `${year}-01-01`;
  const yesterday = cnTodayDayjs().subtract(1, 'day');
  const to = yesterday.isBefore(dayjs(from)) ? from : yesterday.format('YYYY-MM-DD');
  const overview = useApiQuery(energyApi.overview, { query: { orgId, year } });
  const trend = useApiQuery(energyApi.monthlyTrend, { query: { orgId, year } });
  const indicators = useApiQuery(energyApi.indicators, { query: { orgId, from, to } });
  const endUse = useApiQuery(energyApi.endUse, { query: { orgId, from, to } });
  const trendOpt = useMemo(() => (trend.data ? monthlyTrendOption(tc, trend.data) : null), [trend.data, tc]);
  const rankOpt = useMemo(
    () =>
      indicators.data ? rankingOption(tc, indicators.data.items, 'kgcePerCapita', indicators.data.national, 15, elapsedShare(year)) : null,
    [indicators.data, year, tc],
  );
  const endUseOpt = useMemo(() => (endUse.data?.total ? endUseOption(tc, endUse.data) : null), [endUse.data, tc]);

  if (overview.error) return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  if (!overview.data) return <Loading />;
  const o = overview.data;
  const share = elapsedShare(o.year);
  const national = indicators.data?.national;
  const latest = national?.length ? [...national].sort((a, b) => b.year - a.year)[0] : undefined;
  const ref = (key: 'kgcePerCapita' | 'kgcePerSqm' | 'waterPerCapita') => {
    const full = nationalValue(national, key);
    return full === null || !latest ? t('refNone') : t('ref', { v: fmtNum(full * share), y: latest.year, full: fmtNum(full) });
  };
  const change = o.lastYtd.kgce ? o.ytd.kgce / o.lastYtd.kgce - 1 : null;
  const over = (v: number | null, full: number | null) => v !== null && full !== null && v > full * share;
  const ranked = indicators.data ? rankedWithValue(indicators.data.items, 'kgcePerCapita').slice(0, 15) : [];
  const rankHeight = Math.max(260, ranked.length * 26 + 50);

  return (
    <div className="eg-page" data-testid="energy-overview">
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <EnergyUnitSelect allowClear value={orgId} onChange={(v) => setActiveOrg(v ?? null)} placeholder={tc('allUnits')} />
          </Space>
        }
      />
      <div style={{ color: '#888', marginBottom: 8 }}>{t('ytd', { year: o.year })}</div>
      <Row gutter={[12, 12]}>
        <StatCard testId="ov-kgce" to="/energy/indicators">
          <Statistic title={t('kgce')} value={fmtNum(o.ytd.kgce, 0)} />
          <div className={`eg-stat-sub ${change !== null && change > 0 ? 'eg-up' : 'eg-down'}`} data-change={change ?? ''}>
            {t('vsLast', { p: fmtPct(change) })}
          </div>
        </StatCard>
        <StatCard testId="ov-per-capita" to="/energy/indicators">
          <Statistic
            title={t('perCapita')}
            value={fmtNum(o.ytd.kgcePerCapita)}
            styles={{ content: over(o.ytd.kgcePerCapita, nationalValue(national, 'kgcePerCapita')) ? { color: '#cf1322' } : undefined }}
          />
          <div className="eg-stat-sub">{ref('kgcePerCapita')}</div>
        </StatCard>
        <StatCard testId="ov-per-sqm" to="/energy/indicators">
          <Statistic
            title={t('perSqm')}
            value={fmtNum(o.ytd.kgcePerSqm)}
            styles={{ content: over(o.ytd.kgcePerSqm, nationalValue(national, 'kgcePerSqm')) ? { color: '#cf1322' } : undefined }}
          />
          <div className="eg-stat-sub">{ref('kgcePerSqm')}</div>
        </StatCard>
        <StatCard testId="ov-water" to="/energy/indicators">
          <Statistic title={t('water')} value={fmtNum(o.ytd.waterPerCapita)} />
          <div className="eg-stat-sub">{ref('waterPerCapita')}</div>
        </StatCard>
        <StatCard testId="ov-quotas" to="/energy/quotas">
          <Statistic title={t('quotas')} value={o.quotasOver} styles={{ content: o.quotasOver ? { color: '#cf1322' } : undefined }} />
          <div className="eg-stat-sub">{t('projected', { n: o.quotasProjectedOver })}</div>
        </StatCard>
        <StatCard testId="ov-anomalies" to="/energy/anomalies">
          <Statistic
            title={t('anomalies')}
            value={o.openAnomalies}
            styles={{ content: o.openAnomalies ? { color: '#d46b08' } : undefined }}
          />
          <div className="eg-stat-sub">{t('patrol', { n: o.patrolFindings })}</div>
        </StatCard>
        <StatCard testId="ov-reports" to="/energy/reports">
          <Statistic title={t('reports', { year: o.reports.year })} value={o.reports.submitted} suffix={`/ ${o.reports.total}`} />
          <div className="eg-stat-sub">{t('deadline', { d: o.reports.deadline })}</div>
        </StatCard>
        <StatCard testId="ov-meters" to="/energy/meters">
          <Statistic title={t('metersTitle')} value={o.meters.total} />
          <div className="eg-stat-sub">{t('meters', { n: o.meters.total, i: o.meters.interval, s: o.meters.stopped })}</div>
        </StatCard>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('trend')} extra={<Link to="/energy/indicators">{t('more')}</Link>}>
            <div data-testid="ov-trend-chart">
              {trend.error ? <ErrorState error={trend.error} /> : trendOpt ? <Chart option={trendOpt} height={300} /> : <Loading />}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('endUse')}>
            <div data-testid="ov-enduse-chart">
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
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('rank')} extra={<Link to="/energy/indicators">{t('more')}</Link>}>
            <div data-testid="ov-rank-chart">
              {indicators.error ? (
                <ErrorState error={indicators.error} />
              ) : !indicators.data ? (
                <Loading />
              ) : ranked.length && rankOpt ? (
                <Chart option={rankOpt} height={rankHeight} />
              ) : (
                <div className="eg-chart-empty">{t('noData')}</div>
              )}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function StatCard({ children, testId, to }: { children: ReactNode; testId: string; to: string }) {
  return (
    <Col xs={12} md={8} xl={6}>
      <Link to={to} style={{ color: 'inherit' }}>
        <Card size="small" hoverable data-testid={testId} style={{ height: '100%' }}>
          {children}
        </Card>
      </Link>
    </Col>
  );
}
