import { Select, Tag } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type {
  TEnergyType,
  TIndicator,
  TMeter,
  TMeterNode,
  TReading,
  TReport,
  TReportField,
  ZAssessmentSchema,
  ZBillSchema,
  ZEndUseSchema,
  ZEnergyAnomalySchema,
  ZExplanationSchema,
  ZHeatmapSchema,
  ZIndicatorsSchema,
  ZMonthlySheetSchema,
  ZMonthlyTrendSchema,
  ZNoticeSchema,
  ZOverviewSchema,
  ZPatrolSchema,
  ZQuotaSchema,
  ZReportTrackerSchema,
  ZSeriesSchema,
  ZYearTrendSchema,
} from '../../../contracts/modules/energy';
import { useAuth } from '../../core/auth/auth';
import { useOrgs } from '../../core/org/useOrgs';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import './energy.css';
import { cnTodayDayjs, cnYear } from '../../shared/dates';

export type { TEnergyType, TIndicator, TMeter, TMeterNode, TReading, TReport, TReportField };
export type TMonthlySheet = z.infer<typeof ZMonthlySheetSchema>;
export type TBill = z.infer<typeof ZBillSchema>;
export type TIndicators = z.infer<typeof ZIndicatorsSchema>;
export type TSeries = z.infer<typeof ZSeriesSchema>;
export type TMonthlyTrend = z.infer<typeof ZMonthlyTrendSchema>;
export type TYearTrend = z.infer<typeof ZYearTrendSchema>;
export type TEndUse = z.infer<typeof ZEndUseSchema>;
export type THeatmap = z.infer<typeof ZHeatmapSchema>;
export type TQuota = z.infer<typeof ZQuotaSchema>;
export type TExplanation = z.infer<typeof ZExplanationSchema>;
export type TEnergyAnomaly = z.infer<typeof ZEnergyAnomalySchema>;
export type TPatrol = z.infer<typeof ZPatrolSchema>;
export type TNotice = z.infer<typeof ZNoticeSchema>;
export type TAssessment = z.infer<typeof ZAssessmentSchema>;
export type TReportTracker = z.infer<typeof ZReportTrackerSchema>;
export type TOverview = z.infer<typeof ZOverviewSchema>;

/** Labels every energy page shares: energy types, units, end uses, statuses, indicators, report fields. */
defineMessages(
  {
    'eg.unit': '单位',
    'eg.allUnits': '全部单位',
    'eg.pickUnit': '选择单位',
    'eg.year': '年度',
    'eg.month': '月份',
    'eg.meter': '表计',
    'eg.status': '状态',
    'eg.actions': '操作',
    'eg.note': '备注',
    'eg.yes': '是',
    'eg.no': '否',
    'eg.none': '—',
    'eg.export': '导出 Excel',
    'eg.cancel': '取消',
    'eg.energyType': '能源种类',
    'eg.kind': '类别',
    'eg.national': '全国公共机构 {year}',
    'eg.nationalShort': '全国参考',
    'eg.nationalPeriod': '全国同期参考',
    'eg.lastYear': '去年同期',
    'eg.thisYear': '今年',
    'eg.yoy': '同比',
    'eg.mom': '环比',
    'eg.monthN': '{n}月',
    'eg.target': '目标',
    'eg.type.electricity': '电力',
    'eg.type.water': '水',
    'eg.type.natural_gas': '天然气',
    'eg.type.heat': '热力',
    'eg.type.gasoline': '汽油',
    'eg.type.diesel': '柴油',
    'eg.type.lpg': '液化石油气',
    'eg.type.coal': '原煤',
    'eg.type.coke': '焦炭',
    'eg.type.kerosene': '煤油',
    'eg.type.fuel_oil': '燃料油',
    'eg.type.pv_generation': '光伏发电',
    'eg.u.kWh': 'kWh',
    'eg.u.MWh': 'MWh',
    'eg.u.m3': 'm³',
    'eg.u.t': '吨',
    'eg.u.GJ': 'GJ',
    'eg.u.MJ': 'MJ',
    'eg.u.L': '升',
    'eg.u.kg': 'kg',
    'eg.use.lighting_socket': '照明插座',
    'eg.use.hvac': '空调',
    'eg.use.power': '动力',
    'eg.use.special': '特殊用电',
    'eg.use.unmetered': '未分项计量',
    'eg.kind.register': '计量表',
    'eg.kind.bill': '账单户头',
    'eg.ms.active': '在用',
    'eg.ms.retired': '已停用',
    'eg.flag.rollover': '表码翻转',
    'eg.flag.negative': '负用量',
    'eg.flag.spike': '用量突增',
    'eg.src.manual': '手工录入',
    'eg.src.import': '文件导入',
    'eg.src.api': '接口上传',
    'eg.rule.water_loss': '供水漏损',
    'eg.rule.submeter_gap': '分表差异',
    'eg.rule.baseload': '夜间/休息日基础负荷',
    'eg.rule.jump': '用量突变',
    'eg.rule.negative': '负用量',
    'eg.rule.stopped': '停报',
    'eg.as.open': '待处理',
    'eg.as.dismissed': '已排除',
    'eg.as.resolved': '已消除',
    'eg.pk.lights_on': '长明灯',
    'eg.pk.ac_summer_low': '空调夏季低于26℃',
    'eg.pk.ac_winter_high': '空调冬季高于20℃',
    'eg.pk.tap_running': '跑冒滴漏',
    'eg.pk.equipment_idle': '设备空转',
    'eg.pk.other': '其他',
    'eg.xs.open': '待说明',
    'eg.xs.pending': '审批中',
    'eg.xs.approved': '已通过',
    'eg.xs.returned': '已退回',
    'eg.xs.rejected': '未通过',
    'eg.xs.withdrawn': '已撤回',
    'eg.rs.not_started': '未填报',
    'eg.rs.draft': '草稿',
    'eg.rs.pending': '审批中',
    'eg.rs.approved': '已通过',
    'eg.rs.returned': '已退回',
    'eg.rs.rejected': '未通过',
    'eg.rs.withdrawn': '已撤回',
    'eg.grade.excellent': '优秀',
    'eg.grade.good': '良好',
    'eg.grade.pass': '合格',
    'eg.grade.fail': '不合格',
    'eg.crit.quota': '定额完成',
    'eg.crit.change': '能耗变化',
    'eg.crit.findings': '巡查问题',
    'eg.crit.reporting': '统计报送',
    'eg.ind.kgce': '综合能耗(kgce)',
    'eg.ind.kgcePerCapita': '人均综合能耗(kgce/人)',
    'eg.ind.kgcePerSqm': '单位建筑面积能耗(kgce/㎡)',
    'eg.ind.waterPerCapita': '人均用水量(m³/人)',
    'eg.ind.electricityPerSqm': '单位面积电耗(kWh/㎡)',
    'eg.ind.co2PerSqm': '单位面积碳排放(kgCO₂/㎡)',
    'eg.ind.headcount': '用能人数',
    'eg.ind.buildingArea': '建筑面积(㎡)',
    'eg.ind.water': '用水量(m³)',
    'eg.ind.electricity': '用电量(kWh)',
    'eg.ind.cost': '能源费用(元)',
    'eg.short.kgce': '综合能耗',
    'eg.short.kgcePerCapita': '人均能耗',
    'eg.short.kgcePerSqm': '单位面积能耗',
    'eg.short.waterPerCapita': '人均用水',
    'eg.short.electricityPerSqm': '单位面积电耗',
    'eg.short.co2PerSqm': '单位面积碳排放',
    'eg.rf.buildingArea': '建筑面积(㎡)',
    'eg.rf.headcount': '用能人数(人)',
    'eg.rf.electricity': '电力(kWh)',
    'eg.rf.water': '水(m³)',
    'eg.rf.naturalGas': '天然气(m³)',
    'eg.rf.heat': '热力(GJ)',
    'eg.rf.gasoline': '汽油(升)',
    'eg.rf.diesel': '柴油(升)',
    'eg.rf.lpg': '液化石油气(kg)',
    'eg.rf.coal': '原煤(kg)',
    'eg.rf.otherFuelKgce': '其他燃料(kgce)',
    'eg.rf.pvGeneration': '光伏发电量(kWh)',
    'eg.rf.vehicles': '公务用车(辆)',
    'eg.rf.newEnergyVehicles': '其中新能源车(辆)',
    'eg.rf.energyCost': '能源费用(元)',
  },
  {
    'eg.unit': 'Unit',
    'eg.allUnits': 'All units',
    'eg.pickUnit': 'Choose a unit',
    'eg.year': 'Year',
    'eg.month': 'Month',
    'eg.meter': 'Meter',
    'eg.status': 'Status',
    'eg.actions': 'Actions',
    'eg.note': 'Note',
    'eg.yes': 'Yes',
    'eg.no': 'No',
    'eg.none': '—',
    'eg.export': 'Export to Excel',
    'eg.cancel': 'Cancel',
    'eg.energyType': 'Energy',
    'eg.kind': 'Kind',
    'eg.national': 'National public institutions {year}',
    'eg.nationalShort': 'National reference',
    'eg.nationalPeriod': 'National, same length of time',
    'eg.lastYear': 'Same period last year',
    'eg.thisYear': 'This year',
    'eg.yoy': 'YoY',
    'eg.mom': 'MoM',
    'eg.monthN': 'M{n}',
    'eg.target': 'Target',
    'eg.type.electricity': 'Electricity',
    'eg.type.water': 'Water',
    'eg.type.natural_gas': 'Natural gas',
    'eg.type.heat': 'District heat',
    'eg.type.gasoline': 'Gasoline',
    'eg.type.diesel': 'Diesel',
    'eg.type.lpg': 'LPG',
    'eg.type.coal': 'Coal',
    'eg.type.coke': 'Coke',
    'eg.type.kerosene': 'Kerosene',
    'eg.type.fuel_oil': 'Fuel oil',
    'eg.type.pv_generation': 'PV generation',
    'eg.u.kWh': 'kWh',
    'eg.u.MWh': 'MWh',
    'eg.u.m3': 'm³',
    'eg.u.t': 't',
    'eg.u.GJ': 'GJ',
    'eg.u.MJ': 'MJ',
    'eg.u.L': 'L',
    'eg.u.kg': 'kg',
    'eg.use.lighting_socket': 'Lighting and sockets',
    'eg.use.hvac': 'HVAC',
    'eg.use.power': 'Power',
    'eg.use.special': 'Special',
    'eg.use.unmetered': 'Not sub-metered',
    'eg.kind.register': 'Register meter',
    'eg.kind.bill': 'Bill account',
    'eg.ms.active': 'Active',
    'eg.ms.retired': 'Retired',
    'eg.flag.rollover': 'Rollover',
    'eg.flag.negative': 'Negative',
    'eg.flag.spike': 'Spike',
    'eg.src.manual': 'By hand',
    'eg.src.import': 'Imported',
    'eg.src.api': 'API',
    'eg.rule.water_loss': 'Water loss',
    'eg.rule.submeter_gap': 'Sub-meter gap',
    'eg.rule.baseload': 'Night / rest-day baseload',
    'eg.rule.jump': 'Jump',
    'eg.rule.negative': 'Negative consumption',
    'eg.rule.stopped': 'Stopped reporting',
    'eg.as.open': 'Open',
    'eg.as.dismissed': 'Dismissed',
    'eg.as.resolved': 'Resolved',
    'eg.pk.lights_on': 'Lights left on',
    'eg.pk.ac_summer_low': 'AC below 26 °C in summer',
    'eg.pk.ac_winter_high': 'AC above 20 °C in winter',
    'eg.pk.tap_running': 'Leaks and running taps',
    'eg.pk.equipment_idle': 'Equipment idling',
    'eg.pk.other': 'Other',
    'eg.xs.open': 'To explain',
    'eg.xs.pending': 'Pending approval',
    'eg.xs.approved': 'Approved',
    'eg.xs.returned': 'Returned',
    'eg.xs.rejected': 'Rejected',
    'eg.xs.withdrawn': 'Withdrawn',
    'eg.rs.not_started': 'Not started',
    'eg.rs.draft': 'Draft',
    'eg.rs.pending': 'Pending approval',
    'eg.rs.approved': 'Approved',
    'eg.rs.returned': 'Returned',
    'eg.rs.rejected': 'Rejected',
    'eg.rs.withdrawn': 'Withdrawn',
    'eg.grade.excellent': 'Excellent',
    'eg.grade.good': 'Good',
    'eg.grade.pass': 'Pass',
    'eg.grade.fail': 'Fail',
    'eg.crit.quota': 'Quota kept',
    'eg.crit.change': 'Change in use',
    'eg.crit.findings': 'Patrol findings',
    'eg.crit.reporting': 'Reporting',
    'eg.ind.kgce': 'Energy (kgce)',
    'eg.ind.kgcePerCapita': 'Energy per person (kgce)',
    'eg.ind.kgcePerSqm': 'Energy per ㎡ (kgce)',
    'eg.ind.waterPerCapita': 'Water per person (m³)',
    'eg.ind.electricityPerSqm': 'Electricity per ㎡ (kWh)',
    'eg.ind.co2PerSqm': 'CO₂ per ㎡ (kg)',
    'eg.ind.headcount': 'People',
    'eg.ind.buildingArea': 'Floor area (㎡)',
    'eg.ind.water': 'Water (m³)',
    'eg.ind.electricity': 'Electricity (kWh)',
    'eg.ind.cost': 'Energy cost (CNY)',
    'eg.short.kgce': 'Energy',
    'eg.short.kgcePerCapita': 'Per person',
    'eg.short.kgcePerSqm': 'Per ㎡',
    'eg.short.waterPerCapita': 'Water per person',
    'eg.short.electricityPerSqm': 'Electricity per ㎡',
    'eg.short.co2PerSqm': 'CO₂ per ㎡',
    'eg.rf.buildingArea': 'Floor area (㎡)',
    'eg.rf.headcount': 'People',
    'eg.rf.electricity': 'Electricity (kWh)',
    'eg.rf.water': 'Water (m³)',
    'eg.rf.naturalGas': 'Natural gas (m³)',
    'eg.rf.heat': 'District heat (GJ)',
    'eg.rf.gasoline': 'Gasoline (L)',
    'eg.rf.diesel': 'Diesel (L)',
    'eg.rf.lpg': 'LPG (kg)',
    'eg.rf.coal': 'Coal (kg)',
    'eg.rf.otherFuelKgce': 'Other fuels (kgce)',
    'eg.rf.pvGeneration': 'PV generation (kWh)',
    'eg.rf.vehicles': 'Official vehicles',
    'eg.rf.newEnergyVehicles': 'of which new energy',
    'eg.rf.energyCost': 'Energy cost (CNY)',
  },
);

export const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export const enumOptions = (t: (k: string) => string, prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

/** A number in the reader's locale with at most `digits` decimals, or '—'. */
export const fmtNum = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: digits });
/** A fraction of 1 as a signed percentage ("+3.2 %", "−24.2 %"), or '—'. */
export const fmtPct = (f: number | null | undefined, digits = 1, signed = true) => {
  if (f === null || f === undefined || Number.isNaN(f)) return '—';
  const v = (f * 100).toFixed(digits);
  return `${signed && f > 0 ? '+' : ''}${v.replace('-', '−')} %`;
};
/** A moment from the server, shown in the browser's time zone. */
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
/** The day a register reading closes: one taken at midnight is the end of the day before (month-end readings sit at 00:00 of the 1st). */
export const fmtReadingDay = (iso: string | null | undefined) => (iso ? dayjs(iso).subtract(1, 'millisecond').format('YYYY-MM-DD') : '—');
/** ISO 8601 with the browser's offset, as the contracts require. */
export const toIso = (d: dayjs.Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');
export const unitLabel = (t: (k: string) => string, u: string | null | undefined) => (u ? t(`eg.u.${u}`) : '');

/** The last month that has ended (readings are entered for a month once it is over). */
export const lastMonth = () => cnTodayDayjs().subtract(1, 'month').format('YYYY-MM');
export const thisYear = () => cnYear();
export const recentYears = (n = 6, from = thisYear()) => Array.from({ length: n }, (_, i) => from - i);

/** What the signed-in user may do in this module (the server decides; this hides what would be refused). */
export function useEnergyRights() {
  const { hasPermission, me } = useAuth();
  return {
    me,
    read: hasPermission('energy.read'),
    write: hasPermission('energy.write'),
    report: hasPermission('energy.report'),
    patrol: hasPermission('energy.patrol'),
    manage: hasPermission('energy.manage'),
  };
}

/**
 * The unit a page opens on: the header's organisation, else the user's own unit when the user
 * keeps one (a unit administrator or statistician); the bureau sees all units.
 */
export function useDefaultUnit(): number | undefined {
  const [activeOrg] = useActiveOrg();
  const { me } = useAuth();
  const orgs = useOrgs();
  if (activeOrg) return activeOrg;
  const mine = orgs.data?.find((o) => o.id === me?.orgId);
  return mine && mine.kind !== 'bureau' ? mine.id : undefined;
}

/** The core unit picker, under the name energy's pages use. */
export { UnitSelect as EnergyUnitSelect } from '../../core/org/UnitSelect';

export function YearSelect(props: {
  value?: number;
  onChange?: (v: number) => void;
  testId?: string;
  years?: number[];
  allowClear?: boolean;
  placeholder?: string;
}) {
  const t = useT();
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('eg.year')}
      style={{ width: 100 }}
      options={(props.years ?? recentYears()).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}

const FLAG_COLOR: Record<string, string> = { rollover: 'blue', negative: 'red', spike: 'orange' };
export function FlagTag({ flag }: { flag: string | null | undefined }) {
  const t = useT();
  if (!flag) return null;
  return (
    <Tag color={FLAG_COLOR[flag]} data-flag={flag}>
      {t(`eg.flag.${flag}`)}
    </Tag>
  );
}

const FLOW_COLOR: Record<string, string> = {
  open: 'gold',
  not_started: 'default',
  draft: 'blue',
  pending: 'processing',
  approved: 'green',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'default',
};
/** Status of an explanation (`xs`) or an annual report (`rs`). */
export function FlowTag({ status, prefix }: { status: string; prefix: 'xs' | 'rs' }) {
  const t = useT();
  return (
    <Tag color={FLOW_COLOR[status]} data-status={status}>
      {t(`eg.${prefix}.${status}`)}
    </Tag>
  );
}

const GRADE_COLOR: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
export function GradeTag({ grade }: { grade: string }) {
  const t = useT();
  return (
    <Tag color={GRADE_COLOR[grade]} data-grade={grade}>
      {t(`eg.grade.${grade}`)}
    </Tag>
  );
}

export const TYPE_COLOR: Record<string, string> = {
  electricity: '#1677ff',
  water: '#13c2c2',
  natural_gas: '#fa8c16',
  heat: '#eb2f96',
  gasoline: '#722ed1',
  diesel: '#531dab',
  lpg: '#d48806',
  coal: '#595959',
  coke: '#434343',
  kerosene: '#9254de',
  fuel_oil: '#876800',
  pv_generation: '#52c41a',
};
export function EnergyTypeTag({ type }: { type: string }) {
  const t = useT();
  return <Tag color={TYPE_COLOR[type]}>{t(`eg.type.${type}`)}</Tag>;
}

/** The indicator columns people compare units by, in the order of the national statistics. */
export const INDICATOR_KEYS = ['kgce', 'kgcePerCapita', 'kgcePerSqm', 'waterPerCapita', 'electricityPerSqm', 'co2PerSqm'] as const;
export type TIndicatorKey = (typeof INDICATOR_KEYS)[number];
/** Decimals shown per indicator. */
export const INDICATOR_DIGITS: Record<TIndicatorKey, number> = {
  kgce: 0,
  kgcePerCapita: 2,
  kgcePerSqm: 2,
  waterPerCapita: 2,
  electricityPerSqm: 2,
  co2PerSqm: 2,
};

/** A period as [from, to] dates (YYYY-MM-DD, both inclusive); a period reaching into the future stops today. */
export function periodRange(kind: 'year' | 'quarter' | 'month', year: number, n = 1): [string, string] {
  const start =
    kind === 'year'
      ? dayjs(`${year}-01-01`)
      : kind === 'quarter'
        ? dayjs(`${year}-01-01`).add((n - 1) * 3, 'month')
        : dayjs(`${year}-${String(n).padStart(2, '0')}-01`);
  const end = kind === 'year' ? start.endOf('year') : kind === 'quarter' ? start.add(2, 'month').endOf('month') : start.endOf('month');
  const today = cnTodayDayjs();
  const stop = end.isAfter(today) ? (today.isBefore(start) ? start : today) : end;
  return [start.format('YYYY-MM-DD'), stop.format('YYYY-MM-DD')];
}
