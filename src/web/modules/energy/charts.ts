import type { CommonT, TEndUse, TIndicator, TIndicatorKey, TIndicators, TMonthlyTrend, TSeries, TYearTrend } from './common';
import { INDICATOR_DIGITS, TYPE_COLOR } from './common';

/** ECharts options shared by the overview and the indicator pages (plain objects for the shared Chart). */
type T = CommonT;

const round = (n: number | null | undefined, d = 2) => (n === null || n === undefined ? null : Number(n.toFixed(d)));
const pct = (f: number | null) => (f === null ? null : Number((f * 100).toFixed(1)));

/** This year's months against last year's as bars, with the change on last year as a line on a second axis. */
export function monthlyTrendOption(t: T, trend: TMonthlyTrend, what: 'kgce' | 'water' = 'kgce') {
  const months = trend.months.map((m) => t('monthN', { n: m.month }));
  // This year's months not yet over: no bar for the future, no change line for the month under way.
  const now = new Date();
  const open = (m: number) => trend.year > now.getFullYear() || (trend.year === now.getFullYear() && m >= now.getMonth() + 1);
  const future = (m: number) => trend.year > now.getFullYear() || (trend.year === now.getFullYear() && m > now.getMonth() + 1);
  const cur = trend.months.map((m) => (future(m.month) ? null : round(what === 'kgce' ? m.kgce : m.water, 0)));
  const last = trend.months.map((m) => round(what === 'kgce' ? m.lastYearKgce : m.lastYearWater, 0));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 48, top: 56, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: what === 'kgce' ? 'kgce' : 'm³', splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', name: '%', axisLabel: { formatter: '{value} %' }, splitLine: { show: false } },
    ],
    series: [
      { name: String(trend.year - 1), type: 'bar', data: last, itemStyle: { color: '#bfbfbf' } },
      { name: String(trend.year), type: 'bar', data: cur, itemStyle: { color: '#1677ff' } },
      {
        name: t('yoy'),
        type: 'line',
        yAxisIndex: 1,
        data: trend.months.map((m) => (open(m.month) ? null : pct(m.yoy))),
        itemStyle: { color: '#e53935' },
        connectNulls: false,
      },
      {
        name: t('mom'),
        type: 'line',
        yAxisIndex: 1,
        data: trend.months.map((m) => (open(m.month) ? null : pct(m.mom))),
        itemStyle: { color: '#fa8c16' },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}

/** Units ranked by one indicator (highest at the top), the national figure as a vertical line where there is one. */
export function rankingOption(
  t: T,
  items: TIndicator[],
  key: TIndicatorKey,
  national: TIndicators['national'] | undefined,
  limit = 200,
  /** Share of a year the period covers: the national yearly figures are scaled by it (1 for a whole year). */
  scale = 1,
) {
  // Units without the figure (no meters, headcount or area) are left out of the picture; the table still lists them.
  const rows = rankedWithValue(items, key).slice(0, limit);
  const full = nationalValue(national, key);
  const ref = full === null ? null : Number((full * scale).toFixed(2));
  const digits = INDICATOR_DIGITS[key];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: ref === null ? 8 : 28, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: '', splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.orgName),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: t(`ind.${key}`),
        type: 'bar',
        data: rows.map((r) => ({
          value: round(r[key] as number | null, digits),
          itemStyle: { color: ref !== null && (r[key] ?? 0) > ref ? '#e53935' : '#1677ff' },
        })),
        label: { show: true, position: 'right', fontSize: 11 },
        barMaxWidth: 22,
        markLine:
          ref === null || (key !== 'kgcePerCapita' && key !== 'kgcePerSqm' && key !== 'waterPerCapita')
            ? undefined
            : {
                symbol: 'none',
                // The category axis runs downwards, so the line's start is at the top, clear of the value axis.
                label: { formatter: `${scale < 1 ? t('nationalPeriod') : t('nationalShort')} ${ref}`, position: 'start' },
                lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
                data: [{ xAxis: ref }],
              },
      },
    ],
  };
}

/** Units that have the indicator, highest first (what the ranking chart draws). */
export function rankedWithValue(items: TIndicator[], key: TIndicatorKey): TIndicator[] {
  return rankBy(items, key).filter((r) => ((r[key] as number | null) ?? 0) > 0);
}

/** Highest first; units without the indicator (no headcount or area) last. */
export function rankBy(items: TIndicator[], key: TIndicatorKey): TIndicator[] {
  return [...items].sort((a, b) => {
    const x = a[key] as number | null;
    const y = b[key] as number | null;
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  });
}

/** Share of a year that the dates from–to (inclusive) cover. */
export function yearShare(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return Math.max(0, Math.min(1, days / 365));
}

/** The latest national figure for an indicator the regulations give one for, else null. */
export function nationalValue(national: TIndicators['national'] | undefined, key: TIndicatorKey): number | null {
  if (!national?.length || !(key === 'kgcePerCapita' || key === 'kgcePerSqm' || key === 'waterPerCapita')) return null;
  const latest = [...national].sort((a, b) => b.year - a.year)[0]!;
  return latest[key];
}

export function endUseOption(t: T, data: TEndUse) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['36%', '62%'],
        center: ['50%', '45%'],
        // Names in the legend; the slices carry only their share, which fits on a phone.
        label: { formatter: '{d}%' },
        data: data.items
          .filter((i) => i.quantity > 0)
          .map((i) => ({
            name: t(`use.${i.endUse}`),
            value: round(i.quantity, 0),
            itemStyle: i.endUse === 'unmetered' ? { color: '#d9d9d9' } : undefined,
          })),
      },
    ],
  };
}

/** Per-capita, per-area and water per person against the base year (in %), with the 2025 targets as dashed lines. */
export function yearTrendOption(t: T, data: TYearTrend) {
  const years = data.years.map((y) => String(y.year));
  const line = (name: string, values: (number | null)[], color: string, target: number) => ({
    name,
    type: 'line',
    data: values.map(pct),
    itemStyle: { color },
    label: { show: true, formatter: '{c} %', fontSize: 10 },
    markLine: {
      symbol: 'none',
      label: { formatter: `${t('target')} ${(target * 100).toFixed(0)} %`, fontSize: 10 },
      lineStyle: { color, type: 'dashed' },
      data: [{ yAxis: Number((target * 100).toFixed(1)) }],
    },
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v} %`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
    series: [
      line(
        t('short.kgcePerCapita'),
        data.years.map((y) => y.perCapitaChange),
        '#1677ff',
        data.targets.perCapita,
      ),
      line(
        t('short.kgcePerSqm'),
        data.years.map((y) => y.perSqmChange),
        '#722ed1',
        data.targets.perSqm,
      ),
      line(
        t('short.waterPerCapita'),
        data.years.map((y) => y.waterChange),
        '#13c2c2',
        data.targets.waterPerCapita,
      ),
    ],
  };
}

/** A meter's consumption per day (or hour), as bars in the meter's unit. */
export function seriesOption(series: TSeries, energyType: string, unit: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: series.points.map((p) => p.bucket.slice(0, series.grain === 'hour' ? 16 : 10)) },
    yAxis: { type: 'value', name: unit },
    dataZoom: series.points.length > 40 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] : undefined,
    series: [
      {
        type: 'bar',
        name: unit,
        data: series.points.map((p) => round(p.byType[energyType] ?? (energyType === 'water' ? p.water : 0), 2)),
        itemStyle: { color: TYPE_COLOR[energyType] ?? '#1677ff' },
      },
    ],
  };
}
