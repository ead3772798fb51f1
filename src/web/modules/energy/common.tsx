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
import { defineMessages } from '../../shared/i18n';
import './energy.css';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { cnTodayDayjs, cnYear, fmtDay, fmtInstant } from '../../shared/dates';

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
const COMMON = {
  unit: { zh: '单位', en: 'Unit' },
  allUnits: { zh: '全部单位', en: 'All units' },
  pickUnit: { zh: '选择单位', en: 'Choose a unit' },
  year: { zh: '年度', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
  meter: { zh: '表计', en: 'Meter' },
  status: { zh: '状态', en: 'Status' },
  actions: { zh: '操作', en: 'Actions' },
  note: { zh: '备注', en: 'Note' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  none: { zh: '—', en: '—' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  cancel: { zh: '取消', en: 'Cancel' },
  energyType: { zh: '能源种类', en: 'Energy' },
  kind: { zh: '类别', en: 'Kind' },
  national: { zh: '全国公共机构 {year}', en: 'National public institutions {year}' },
  nationalShort: { zh: '全国参考', en: 'National reference' },
  nationalPeriod: { zh: '全国同期参考', en: 'National, same length of time' },
  lastYear: { zh: '去年同期', en: 'Same period last year' },
  thisYear: { zh: '今年', en: 'This year' },
  yoy: { zh: '同比', en: 'YoY' },
  mom: { zh: '环比', en: 'MoM' },
  monthN: { zh: '{n}月', en: 'M{n}' },
  target: { zh: '目标', en: 'Target' },
  'type.electricity': { zh: '电力', en: 'Electricity' },
  'type.water': { zh: '水', en: 'Water' },
  'type.natural_gas': { zh: '天然气', en: 'Natural gas' },
  'type.heat': { zh: '热力', en: 'District heat' },
  'type.gasoline': { zh: '汽油', en: 'Gasoline' },
  'type.diesel': { zh: '柴油', en: 'Diesel' },
  'type.lpg': { zh: '液化石油气', en: 'LPG' },
  'type.coal': { zh: '原煤', en: 'Coal' },
  'type.coke': { zh: '焦炭', en: 'Coke' },
  'type.kerosene': { zh: '煤油', en: 'Kerosene' },
  'type.fuel_oil': { zh: '燃料油', en: 'Fuel oil' },
  'type.pv_generation': { zh: '光伏发电', en: 'PV generation' },
  'u.kWh': { zh: 'kWh', en: 'kWh' },
  'u.MWh': { zh: 'MWh', en: 'MWh' },
  'u.m3': { zh: 'm³', en: 'm³' },
  'u.t': { zh: '吨', en: 't' },
  'u.GJ': { zh: 'GJ', en: 'GJ' },
  'u.MJ': { zh: 'MJ', en: 'MJ' },
  'u.L': { zh: '升', en: 'L' },
  'u.kg': { zh: 'kg', en: 'kg' },
  'use.lighting_socket': { zh: '照明插座', en: 'Lighting and sockets' },
  'use.hvac': { zh: '空调', en: 'HVAC' },
  'use.power': { zh: '动力', en: 'Power' },
  'use.special': { zh: '特殊用电', en: 'Special' },
  'use.unmetered': { zh: '未分项计量', en: 'Not sub-metered' },
  'kind.register': { zh: '计量表', en: 'Register meter' },
  'kind.bill': { zh: '账单户头', en: 'Bill account' },
  'ms.active': { zh: '在用', en: 'Active' },
  'ms.retired': { zh: '已停用', en: 'Retired' },
  'flag.rollover': { zh: '表码翻转', en: 'Rollover' },
  'flag.negative': { zh: '负用量', en: 'Negative' },
  'flag.spike': { zh: '用量突增', en: 'Spike' },
  'src.manual': { zh: '手工录入', en: 'By hand' },
  'src.import': { zh: '文件导入', en: 'Imported' },
  'src.api': { zh: '接口上传', en: 'API' },
  'rule.water_loss': { zh: '供水漏损', en: 'Water loss' },
  'rule.submeter_gap': { zh: '分表差异', en: 'Sub-meter gap' },
  'rule.baseload': { zh: '夜间/休息日基础负荷', en: 'Night / rest-day baseload' },
  'rule.jump': { zh: '用量突变', en: 'Jump' },
  'rule.negative': { zh: '负用量', en: 'Negative consumption' },
  'rule.stopped': { zh: '停报', en: 'Stopped reporting' },
  'as.open': { zh: '待处理', en: 'Open' },
  'as.dismissed': { zh: '已排除', en: 'Dismissed' },
  'as.resolved': { zh: '已消除', en: 'Resolved' },
  'pk.lights_on': { zh: '长明灯', en: 'Lights left on' },
  'pk.ac_summer_low': { zh: '空调夏季低于26℃', en: 'AC below 26 °C in summer' },
  'pk.ac_winter_high': { zh: '空调冬季高于20℃', en: 'AC above 20 °C in winter' },
  'pk.tap_running': { zh: '跑冒滴漏', en: 'Leaks and running taps' },
  'pk.equipment_idle': { zh: '设备空转', en: 'Equipment idling' },
  'pk.other': { zh: '其他', en: 'Other' },
  'xs.open': { zh: '待说明', en: 'To explain' },
  'xs.pending': { zh: '审批中', en: 'Pending approval' },
  'xs.approved': { zh: '已通过', en: 'Approved' },
  'xs.returned': { zh: '已退回', en: 'Returned' },
  'xs.rejected': { zh: '未通过', en: 'Rejected' },
  'xs.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
  'rs.not_started': { zh: '未填报', en: 'Not started' },
  'rs.draft': { zh: '草稿', en: 'Draft' },
  'rs.pending': { zh: '审批中', en: 'Pending approval' },
  'rs.approved': { zh: '已通过', en: 'Approved' },
  'rs.returned': { zh: '已退回', en: 'Returned' },
  'rs.rejected': { zh: '未通过', en: 'Rejected' },
  'rs.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
  'grade.excellent': { zh: '优秀', en: 'Excellent' },
  'grade.good': { zh: '良好', en: 'Good' },
  'grade.pass': { zh: '合格', en: 'Pass' },
  'grade.fail': { zh: '不合格', en: 'Fail' },
  'crit.quota': { zh: '定额完成', en: 'Quota kept' },
  'crit.change': { zh: '能耗变化', en: 'Change in use' },
  'crit.findings': { zh: '巡查问题', en: 'Patrol findings' },
  'crit.reporting': { zh: '统计报送', en: 'Reporting' },
  'ind.kgce': { zh: '综合能耗(kgce)', en: 'Energy (kgce)' },
  'ind.kgcePerCapita': { zh: '人均综合能耗(kgce/人)', en: 'Energy per person (kgce)' },
  'ind.kgcePerSqm': { zh: '单位建筑面积能耗(kgce/㎡)', en: 'Energy per ㎡ (kgce)' },
  'ind.waterPerCapita': { zh: '人均用水量(m³/人)', en: 'Water per person (m³)' },
  'ind.electricityPerSqm': { zh: '单位面积电耗(kWh/㎡)', en: 'Electricity per ㎡ (kWh)' },
  'ind.co2PerSqm': { zh: '单位面积碳排放(kgCO₂/㎡)', en: 'CO₂ per ㎡ (kg)' },
  'ind.headcount': { zh: '用能人数', en: 'People' },
  'ind.buildingArea': { zh: '建筑面积(㎡)', en: 'Floor area (㎡)' },
  'ind.water': { zh: '用水量(m³)', en: 'Water (m³)' },
  'ind.electricity': { zh: '用电量(kWh)', en: 'Electricity (kWh)' },
  'ind.cost': { zh: '能源费用(元)', en: 'Energy cost (CNY)' },
  'short.kgce': { zh: '综合能耗', en: 'Energy' },
  'short.kgcePerCapita': { zh: '人均能耗', en: 'Per person' },
  'short.kgcePerSqm': { zh: '单位面积能耗', en: 'Per ㎡' },
  'short.waterPerCapita': { zh: '人均用水', en: 'Water per person' },
  'short.electricityPerSqm': { zh: '单位面积电耗', en: 'Electricity per ㎡' },
  'short.co2PerSqm': { zh: '单位面积碳排放', en: 'CO₂ per ㎡' },
  'rf.buildingArea': { zh: '建筑面积(㎡)', en: 'Floor area (㎡)' },
  'rf.headcount': { zh: '用能人数(人)', en: 'People' },
  'rf.electricity': { zh: '电力(kWh)', en: 'Electricity (kWh)' },
  'rf.water': { zh: '水(m³)', en: 'Water (m³)' },
  'rf.naturalGas': { zh: '天然气(m³)', en: 'Natural gas (m³)' },
  'rf.heat': { zh: '热力(GJ)', en: 'District heat (GJ)' },
  'rf.gasoline': { zh: '汽油(升)', en: 'Gasoline (L)' },
  'rf.diesel': { zh: '柴油(升)', en: 'Diesel (L)' },
  'rf.lpg': { zh: '液化石油气(kg)', en: 'LPG (kg)' },
  'rf.coal': { zh: '原煤(kg)', en: 'Coal (kg)' },
  'rf.otherFuelKgce': { zh: '其他燃料(kgce)', en: 'Other fuels (kgce)' },
  'rf.pvGeneration': { zh: '光伏发电量(kWh)', en: 'PV generation (kWh)' },
  'rf.vehicles': { zh: '公务用车(辆)', en: 'Official vehicles' },
  'rf.newEnergyVehicles': { zh: '其中新能源车(辆)', en: 'of which new energy' },
  'rf.energyCost': { zh: '能源费用(元)', en: 'Energy cost (CNY)' },
} as const;
export const commonMessages = defineMessages('energy.common', COMMON);

export const errText = (e: unknown) => showFieldErrors(e);

/** The typed `t` of the labels every energy page shares (the helpers and chart options below take it). */
export type CommonT = typeof commonMessages.t;
type CommonKey = Parameters<CommonT>[0];
type Suffix<K, P extends string> = K extends `${P}.${infer V}` ? V : never;
/** The codes of one family of labels (`type`, `use`, `flag`, `xs`…) that have a message. */
export type CodeOf<P extends string> = Suffix<CommonKey, P>;
type FamilyOf<K> = K extends `${infer F}.${string}` ? F : never;
/** The families of coded labels (`type`, `u`, `use`, `flag`, `src`, `xs`, `rs`…). */
export type CodeFamily = FamilyOf<CommonKey>;
/** Whether a value the server sends as a plain string is a code of `family` that has a label. */
export const isCode = <P extends CodeFamily>(family: P, v: unknown): v is CodeOf<P> =>
  typeof v === 'string' && Object.hasOwn(COMMON, `${family}.${v}`);
/**
 * The label of a code in a family, e.g. `codeLabel(tc, 'u', meter.unit)`, for values typed only as
 * strings; a code without a label shows as '—', never as a message key.
 */
export const codeLabel = <P extends CodeFamily>(t: CommonT, family: P, v: string | null | undefined): string =>
  // isCode has checked that `family.v` is a defined message.
  isCode(family, v) ? (t as (key: string) => string)(`${family}.${v}`) : '—';
/** Select options for a list of codes; each must have a label in `family` (checked by the type). */
export const enumOptions = <P extends CodeFamily, V extends CodeOf<P>>(t: CommonT, family: P, values: readonly V[]) =>
  values.map((v) => ({ value: v, label: codeLabel(t, family, v) }));

/** A number in the reader's locale with at most `digits` decimals, or '—'. */
export const fmtNum = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: digits });
/** A fraction of 1 as a signed percentage ("+3.2 %", "−24.2 %"), or '—'. */
export const fmtPct = (f: number | null | undefined, digits = 1, signed = true) => {
  if (f === null || f === undefined || Number.isNaN(f)) return '—';
  const v = (f * 100).toFixed(digits);
  return `${signed && f > 0 ? '+' : ''}${v.replace('-', '−')} %`;
};
/** A moment from the server, shown in China time. */
export const fmtTime = (iso: string | null | undefined) => fmtInstant(iso);
export const fmtDate = (iso: string | null | undefined) => fmtDay(iso);
/** The day a register reading closes: one taken at midnight is the end of the day before (month-end readings sit at 00:00 of the 1st). */
export const fmtReadingDay = (iso: string | null | undefined) => (iso ? fmtDay(Date.parse(iso) - 1) : '—');
/** ISO 8601 with the browser's offset, as the contracts require. */
export const toIso = (d: dayjs.Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');
export const unitLabel = (t: CommonT, u: string | null | undefined) => (u ? codeLabel(t, 'u', u) : '');

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
  const t = commonMessages.useT();
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('year')}
      style={{ width: 100 }}
      options={(props.years ?? recentYears()).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}

const FLAG_COLOR: Record<string, string> = { rollover: 'blue', negative: 'red', spike: 'orange' };
export function FlagTag({ flag }: { flag: CodeOf<'flag'> | null | undefined }) {
  const t = commonMessages.useT();
  if (!flag) return null;
  return (
    <Tag color={FLAG_COLOR[flag]} data-flag={flag}>
      {t(`flag.${flag}`)}
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
export function FlowTag(props: { status: CodeOf<'xs'>; prefix: 'xs' } | { status: CodeOf<'rs'>; prefix: 'rs' }) {
  const t = commonMessages.useT();
  return (
    <Tag color={FLOW_COLOR[props.status]} data-status={props.status}>
      {props.prefix === 'xs' ? t(`xs.${props.status}`) : t(`rs.${props.status}`)}
    </Tag>
  );
}

const GRADE_COLOR: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
export function GradeTag({ grade }: { grade: CodeOf<'grade'> }) {
  const t = commonMessages.useT();
  return (
    <Tag color={GRADE_COLOR[grade]} data-grade={grade}>
      {t(`grade.${grade}`)}
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
export function EnergyTypeTag({ type }: { type: CodeOf<'type'> }) {
  const t = commonMessages.useT();
  return <Tag color={TYPE_COLOR[type]}>{t(`type.${type}`)}</Tag>;
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
