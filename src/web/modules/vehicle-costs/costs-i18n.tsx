import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type {
  TAnomaly,
  TCostRecord,
  TLedger,
  TVendor,
  VENDOR_KINDS,
  ZDisclosureSchema,
  ZFuelCardSchema,
} from '../../../contracts/modules/vehicle-costs';
import type { ZYearStatsSchema } from '../../../contracts/modules/vehicles';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { ApiError } from '../../shared/api';
import { call, keyOf } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import './costs.css';
import { cnYear } from '../../shared/dates';
import { formatMoney } from '../../shared/money';

export type { TAnomaly, TCostRecord, TLedger, TVendor };
export type TDisclosure = z.infer<typeof ZDisclosureSchema>;
export type TFuelCard = z.infer<typeof ZFuelCardSchema>;
export type TYearStats = z.infer<typeof ZYearStatsSchema>;

/**
 * Strings of the running-cost pages (costs, ledger, disclosure, anomalies, vendors, yearly
 * statistics), in both languages, plus the small helpers they share. The vehicle labels
 * (`vh.*`, `vt.*`, `en.*`) come from ./common.
 */
defineMessages(
  {
    'vc.kind': '费用类型',
    'vc.allKinds': '全部类型',
    'ck.fuel': '加油',
    'ck.charging': '充电',
    'ck.repair': '维修保养',
    'ck.insurance': '保险',
    'ck.inspection': '年检',
    'ck.toll': '通行费',
    'ck.parking': '停车费',
    'ck.other': '其他',
    'lc.fuel': '燃油(电)费',
    'lc.repair': '维修保养费',
    'lc.insurance': '保险费',
    'lc.toll': '通行费',
    'lc.parking': '停车费',
    'lc.other': '其他费用',
    'lc.total': '合计',
    'vk.fuel': '加油站',
    'vk.charging': '充电站',
    'vk.repair': '维修厂',
    'vk.insurance': '保险公司',
    'cs.recorded': '已登记',
    'cs.pending': '审批中',
    'cs.approved': '已批准',
    'cs.rejected': '未通过',
    'cs.returned': '已退回',
    'cs.withdrawn': '已撤回',
    'vf.not_listed': '非定点（不在定点名录）',
    'vf.not_designated': '非定点（名录中但未定点）',
    'vf.outside_contract': '定点合同期外',
    'vf.short': '非定点',
    'ar.fuel_consumption': '油耗异常',
    'ar.refuel_without_trip': '无出车加油',
    'ar.refuel_over_tank': '加油量超油箱容量',
    'ar.odometer_backwards': '里程倒退',
    'ar.rest_day_trip': '节假日出车',
    'ar.sealed_vehicle_use': '封存车辆使用',
    'ar.non_designated_vendor': '非定点消费',
    'ar.insurance_expired': '保险过期',
    'ar.inspection_overdue': '年检逾期',
    'as.open': '待处理',
    'as.dismissed': '已排除',
    'as.resolved': '已消除',
    'vc.amount': '金额(元)',
    'vc.quantity': '数量',
    'vc.vendor': '商户',
    'vc.time': '时间',
    'vc.date': '日期',
    'vc.card': '油卡',
    'vc.odometer': '里程表(km)',
    'vc.source': '来源',
    'vc.src.manual': '手工登记',
    'vc.src.import': '对账单导入',
    'vc.detail': '摘要',
    'vc.year': '年度',
    'vc.km': '行驶里程(km)',
    'vc.perKm': '每公里费用(元)',
    'vc.vehicles': '车辆数',
    'vc.month': '月份',
    'vc.monthN': '{n}月',
    'vc.export': '导出 Excel',
    'vc.yuanN': '{n} 元',
  },
  {
    'vc.kind': 'Cost type',
    'vc.allKinds': 'All types',
    'ck.fuel': 'Refuel',
    'ck.charging': 'Charge',
    'ck.repair': 'Repair',
    'ck.insurance': 'Insurance',
    'ck.inspection': 'Inspection',
    'ck.toll': 'Toll',
    'ck.parking': 'Parking',
    'ck.other': 'Other',
    'lc.fuel': 'Fuel / power',
    'lc.repair': 'Repairs',
    'lc.insurance': 'Insurance',
    'lc.toll': 'Tolls',
    'lc.parking': 'Parking',
    'lc.other': 'Other',
    'lc.total': 'Total',
    'vk.fuel': 'Fuel station',
    'vk.charging': 'Charging station',
    'vk.repair': 'Repair shop',
    'vk.insurance': 'Insurer',
    'cs.recorded': 'Recorded',
    'cs.pending': 'Pending approval',
    'cs.approved': 'Approved',
    'cs.rejected': 'Rejected',
    'cs.returned': 'Returned',
    'cs.withdrawn': 'Withdrawn',
    'vf.not_listed': 'Non-designated (not on the list)',
    'vf.not_designated': 'Non-designated (listed, not designated)',
    'vf.outside_contract': 'Outside its contract period',
    'vf.short': 'Non-designated',
    'ar.fuel_consumption': 'Fuel consumption',
    'ar.refuel_without_trip': 'Refuel without a trip',
    'ar.refuel_over_tank': 'Refuel over tank',
    'ar.odometer_backwards': 'Odometer backwards',
    'ar.rest_day_trip': 'Rest-day trip',
    'ar.sealed_vehicle_use': 'Sealed vehicle used',
    'ar.non_designated_vendor': 'Non-designated vendor',
    'ar.insurance_expired': 'Insurance lapsed',
    'ar.inspection_overdue': 'Inspection overdue',
    'as.open': 'Open',
    'as.dismissed': 'Dismissed',
    'as.resolved': 'Resolved',
    'vc.amount': 'Amount (CNY)',
    'vc.quantity': 'Quantity',
    'vc.vendor': 'Vendor',
    'vc.time': 'Time',
    'vc.date': 'Date',
    'vc.card': 'Fuel card',
    'vc.odometer': 'Odometer (km)',
    'vc.source': 'Source',
    'vc.src.manual': 'Entered',
    'vc.src.import': 'Statement',
    'vc.detail': 'Details',
    'vc.year': 'Year',
    'vc.km': 'Distance (km)',
    'vc.perKm': 'Cost per km (CNY)',
    'vc.vehicles': 'Vehicles',
    'vc.month': 'Month',
    'vc.monthN': 'M{n}',
    'vc.export': 'Export to Excel',
    'vc.yuanN': 'CNY {n}',
  },
);

/** Evidence of each anomaly rule, in words (the server's `message` is the fallback). */
defineMessages(
  {
    'ae.fuel_consumption.class':
      '{month} 百公里{energy} {per100} {unit}，同类中位数 {median} {unit}，超过 {factor} 倍（{km} km 用 {quantity} {unit}）',
    'ae.fuel_consumption.own':
      '{month} 百公里{energy} {per100} {unit}，本车其他月份中位数 {median} {unit}，超过 {factor} 倍（{km} km 用 {quantity} {unit}）',
    'ae.energy.L': '油耗',
    'ae.energy.kWh': '电耗',
    'ae.refuel_without_trip': '{date} 加注 {quantity} {unit}，当天没有出车记录',
    'ae.refuel_over_tank': '{date} 单次加注 {quantity} {unit}，油箱（电池）容量 {capacity} {unit}，超出 {over} {unit}',
    'ae.odometer_backwards': '{date} 里程读数 {km} km（{source}），低于此前的 {previous} km（{previousSource}），倒退 {diff} km',
    'ae.rest_day_trip': '{date} 为节假日（{days}），出车未经节假日用车审批',
    'ae.sealed_vehicle_use': '{date} 车辆处于封存状态，仍有{use}记录',
    'ae.non_designated_vendor': '{date} 在“{vendor}”发生{kind} {amount} 元：{flag}',
    'ae.insurance_expired': '保险已于 {end} 到期，截至 {asOf} 未续保',
    'ae.inspection_overdue': '年检应于 {due} 前完成（上次 {last}），截至 {asOf} 已逾期 {days} 天',
    'ae.src.fill': '加油',
    'ae.src.repair': '维修',
    'ae.src.trip_start': '出车',
    'ae.src.trip_end': '收车',
    'ae.use.trip': '出车',
    'ae.use.fuel': '加油',
    'ae.use.charging': '充电',
    'ae.use.toll': '通行费',
    'ae.use.parking': '停车',
    'ae.unknownVendor': '未知商户',
  },
  {
    'ae.fuel_consumption.class':
      '{month}: {per100} {unit}/100 km {energy}, class median {median} {unit}, over {factor} × ({quantity} {unit} over {km} km)',
    'ae.fuel_consumption.own':
      "{month}: {per100} {unit}/100 km {energy}, the car's own median {median} {unit}, over {factor} × ({quantity} {unit} over {km} km)",
    'ae.energy.L': 'fuel',
    'ae.energy.kWh': 'power',
    'ae.refuel_without_trip': '{date}: {quantity} {unit} filled with no trip that day',
    'ae.refuel_over_tank': '{date}: {quantity} {unit} in one fill; the tank (battery) holds {capacity} {unit}, {over} {unit} too many',
    'ae.odometer_backwards': '{date}: odometer {km} km ({source}), below the earlier {previous} km ({previousSource}): {diff} km back',
    'ae.rest_day_trip': '{date} is a rest day ({days}); the trip had no rest-day approval',
    'ae.sealed_vehicle_use': '{date}: the vehicle was sealed, yet a {use} was recorded',
    'ae.non_designated_vendor': '{date}: {kind} of CNY {amount} at "{vendor}": {flag}',
    'ae.insurance_expired': 'Insurance ended {end}; not renewed as of {asOf}',
    'ae.inspection_overdue': 'Inspection due by {due} (last {last}); {days} days overdue as of {asOf}',
    'ae.src.fill': 'refuel',
    'ae.src.repair': 'repair',
    'ae.src.trip_start': 'trip start',
    'ae.src.trip_end': 'trip end',
    'ae.use.trip': 'trip',
    'ae.use.fuel': 'refuel',
    'ae.use.charging': 'charge',
    'ae.use.toll': 'toll',
    'ae.use.parking': 'parking',
    'ae.unknownVendor': 'unknown vendor',
  },
);

type T = (k: string, p?: Record<string, string | number>) => string;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
/** A quantity (litres, kWh, km, a factor) with up to `dp` decimals; money goes through `formatMoney`. */
const fmtQuantity = (v: unknown, dp = 2) => {
  const n = num(v);
  return Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: dp }) : '—';
};
/** Litres or kWh per 100 km, always with one decimal (as the consumption rule reads them). */
const fmtPer100Km = (v: unknown) => {
  const n = num(v);
  return Number.isFinite(n) ? n.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : '—';
};
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** One anomaly's evidence as a sentence in the reader's language. */
export function describeAnomaly(t: T, a: Pick<TAnomaly, 'rule' | 'evidence' | 'message'>): string {
  const e = a.evidence;
  switch (a.rule) {
    case 'fuel_consumption': {
      const own = e.basis === 'own';
      const median = own ? e.ownMedian : e.classMedian;
      return t(own ? 'ae.fuel_consumption.own' : 'ae.fuel_consumption.class', {
        month: str(e.month),
        energy: t(`ae.energy.${str(e.unit) === 'kWh' ? 'kWh' : 'L'}`),
        per100: fmtPer100Km(e.per100),
        median: fmtPer100Km(median),
        factor: fmtQuantity(e.factor, 2),
        unit: str(e.unit),
        km: fmtQuantity(e.km, 0),
        quantity: fmtQuantity(e.quantity),
      });
    }
    case 'refuel_without_trip':
      return t('ae.refuel_without_trip', { date: str(e.date), quantity: fmtQuantity(e.quantity), unit: str(e.unit) });
    case 'refuel_over_tank':
      return t('ae.refuel_over_tank', {
        date: str(e.date),
        quantity: fmtQuantity(e.quantity),
        unit: str(e.unit),
        capacity: fmtQuantity(e.capacity),
        over: fmtQuantity(num(e.quantity) - num(e.capacity)),
      });
    case 'odometer_backwards':
      return t('ae.odometer_backwards', {
        date: str(e.date),
        km: fmtQuantity(e.km, 0),
        source: t(`ae.src.${str(e.source)}`),
        previous: fmtQuantity(e.previous, 0),
        previousSource: t(`ae.src.${str(e.previousSource)}`),
        diff: fmtQuantity(num(e.previous) - num(e.km), 0),
      });
    case 'rest_day_trip':
      return t('ae.rest_day_trip', { date: str(e.date), days: str(e.restDays).split(',').join('、') });
    case 'sealed_vehicle_use':
      return t('ae.sealed_vehicle_use', { date: str(e.date), use: t(`ae.use.${str(e.use)}`) });
    case 'non_designated_vendor':
      return t('ae.non_designated_vendor', {
        date: str(e.date),
        vendor: str(e.vendor) || t('ae.unknownVendor'),
        kind: t(`ck.${str(e.kind)}`),
        amount: formatMoney(e.amount as string | number | null | undefined),
        flag: t(`vf.${str(e.flag)}`),
      });
    case 'insurance_expired':
      return t('ae.insurance_expired', { end: str(e.end), asOf: str(e.asOf) });
    case 'inspection_overdue':
      return t('ae.inspection_overdue', {
        due: str(e.due),
        last: str(e.lastInspection),
        asOf: str(e.asOf),
        days: Math.max(0, dayjs(str(e.asOf)).diff(dayjs(str(e.due)), 'day')),
      });
    default:
      return a.message;
  }
}

const COST_STATUS_COLOR: Record<string, string> = {
  recorded: 'default',
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};
export function CostStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={COST_STATUS_COLOR[status]} data-status={status}>
      {t(`cs.${status}`)}
    </Tag>
  );
}

/** The "non-designated vendor" flag of a cost record (nothing when designated and in contract). */
export function VendorFlagTag({ flag, short }: { flag: string | null; short?: boolean }) {
  const t = useT();
  if (!flag) return null;
  return (
    <Tag color="volcano" data-flag={flag} title={t(`vf.${flag}`)}>
      {short ? t('vf.short') : t(`vf.${flag}`)}
    </Tag>
  );
}

/** Designated vendors of some kinds (active ones), for the cost forms' pickers. */
export function useVendors(kinds: readonly (typeof VENDOR_KINDS)[number][], enabled = true) {
  return useQuery({
    // Under the vendor list's key, so whatever refreshes the vendors refreshes the pickers.
    queryKey: [...keyOf(vehicleCostsApi.listVendors), 'active', kinds],
    enabled,
    queryFn: async () => {
      const pages = await Promise.all(
        kinds.map((kind) => call(vehicleCostsApi.listVendors, { query: { kind, status: 'active', pageSize: 200 } })),
      );
      return pages.flatMap((p) => p.items);
    },
    staleTime: 30_000,
  });
}

export function useFuelCards(vehicleId: number | undefined) {
  return useQuery({
    queryKey: keyOf(vehicleCostsApi.fuelCards, { query: { vehicleId } }),
    enabled: !!vehicleId,
    queryFn: () => call(vehicleCostsApi.fuelCards, { query: { vehicleId } }).then((r) => r.items),
    staleTime: 30_000,
  });
}

/** Year options: this year and the `n - 1` before it. */
export const recentYears = (n = 6) => Array.from({ length: n }, (_, i) => cnYear() - i);

export function YearSelect(props: { value?: number; onChange?: (v: number) => void; testId?: string; years?: number[] }) {
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
      style={{ width: 110 }}
      options={(props.years ?? recentYears()).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}

/** Money with two decimals always (sheets and ledgers), or '—'. */

/** Field errors of a 400 (`details.fields`: `{field, message}`) as antd form fields; the rest stays in the banner. */
export function fieldErrors(e: unknown, known: (name: (string | number)[]) => boolean): { name: (string | number)[]; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  const fields = (e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .map((f) => ({ name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] }))
    .filter((f) => known(f.name));
}

/** Every message of a 400 (or the error's message) for the form's banner. */
export function errorLines(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [String(e)];
  const fields = (e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  return Array.isArray(fields) && fields.length ? [e.message, ...fields.map((f) => `${f.field}: ${f.message}`)] : [e.message];
}
