import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import {
  COST_KINDS,
  type TAnomaly,
  type TCostRecord,
  type TLedger,
  type TVendor,
  VENDOR_FLAGS,
  type VENDOR_KINDS,
  type ZDisclosureSchema,
  type ZFuelCardSchema,
} from '../../../contracts/modules/vehicle-costs';
import type { ZYearStatsSchema } from '../../../contracts/modules/vehicles';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { ApiError } from '../../shared/api';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { call, keyOf } from '../../shared/typedApi';
import { type Messages, type TypedT, defineMessages } from '../../shared/i18n';
import './costs.css';
import { cnYear } from '../../shared/dates';
import { formatMoney } from '../../shared/money';

export type { TAnomaly, TCostRecord, TLedger, TVendor };
export type TDisclosure = z.infer<typeof ZDisclosureSchema>;
export type TFuelCard = z.infer<typeof ZFuelCardSchema>;
export type TYearStats = z.infer<typeof ZYearStatsSchema>;

/**
 * Strings of the running-cost pages (costs, ledger, disclosure, anomalies, vendors, yearly
 * statistics), in both languages, plus the small helpers they share. The vehicle labels (plate,
 * unit, vehicle types, energies…) are the vehicles module's `vehicleMessages`, read through its index.
 */
export const costMessages = defineMessages('vehicleCosts', {
  kind: { zh: '费用类型', en: 'Cost type' },
  'costKind.fuel': { zh: '加油', en: 'Refuel' },
  'costKind.charging': { zh: '充电', en: 'Charge' },
  'costKind.repair': { zh: '维修保养', en: 'Repair' },
  'costKind.insurance': { zh: '保险', en: 'Insurance' },
  'costKind.inspection': { zh: '年检', en: 'Inspection' },
  'costKind.toll': { zh: '通行费', en: 'Toll' },
  'costKind.parking': { zh: '停车费', en: 'Parking' },
  'costKind.other': { zh: '其他', en: 'Other' },
  'ledger.fuel': { zh: '燃油(电)费', en: 'Fuel / power' },
  'ledger.repair': { zh: '维修保养费', en: 'Repairs' },
  'ledger.insurance': { zh: '保险费', en: 'Insurance' },
  'ledger.toll': { zh: '通行费', en: 'Tolls' },
  'ledger.parking': { zh: '停车费', en: 'Parking' },
  'ledger.other': { zh: '其他费用', en: 'Other' },
  'ledger.total': { zh: '合计', en: 'Total' },
  'vendorKind.fuel': { zh: '加油站', en: 'Fuel station' },
  'vendorKind.charging': { zh: '充电站', en: 'Charging station' },
  'vendorKind.repair': { zh: '维修厂', en: 'Repair shop' },
  'vendorKind.insurance': { zh: '保险公司', en: 'Insurer' },
  'status.recorded': { zh: '已登记', en: 'Recorded' },
  'status.pending': { zh: '审批中', en: 'Pending approval' },
  'status.approved': { zh: '已批准', en: 'Approved' },
  'status.rejected': { zh: '未通过', en: 'Rejected' },
  'status.returned': { zh: '已退回', en: 'Returned' },
  'status.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
  'vendorFlag.not_listed': { zh: '非定点（不在定点名录）', en: 'Non-designated (not on the list)' },
  'vendorFlag.not_designated': { zh: '非定点（名录中但未定点）', en: 'Non-designated (listed, not designated)' },
  'vendorFlag.outside_contract': { zh: '定点合同期外', en: 'Outside its contract period' },
  'vendorFlag.short': { zh: '非定点', en: 'Non-designated' },
  'rule.fuel_consumption': { zh: '油耗异常', en: 'Fuel consumption' },
  'rule.refuel_without_trip': { zh: '无出车加油', en: 'Refuel without a trip' },
  'rule.refuel_over_tank': { zh: '加油量超油箱容量', en: 'Refuel over tank' },
  'rule.odometer_backwards': { zh: '里程倒退', en: 'Odometer backwards' },
  'rule.rest_day_trip': { zh: '节假日出车', en: 'Rest-day trip' },
  'rule.sealed_vehicle_use': { zh: '封存车辆使用', en: 'Sealed vehicle used' },
  'rule.non_designated_vendor': { zh: '非定点消费', en: 'Non-designated vendor' },
  'rule.insurance_expired': { zh: '保险过期', en: 'Insurance lapsed' },
  'rule.inspection_overdue': { zh: '年检逾期', en: 'Inspection overdue' },
  'anomalyStatus.open': { zh: '待处理', en: 'Open' },
  'anomalyStatus.dismissed': { zh: '已排除', en: 'Dismissed' },
  'anomalyStatus.resolved': { zh: '已消除', en: 'Resolved' },
  amount: { zh: '金额(元)', en: 'Amount (CNY)' },
  quantity: { zh: '数量', en: 'Quantity' },
  vendor: { zh: '商户', en: 'Vendor' },
  time: { zh: '时间', en: 'Time' },
  date: { zh: '日期', en: 'Date' },
  card: { zh: '油卡', en: 'Fuel card' },
  odometer: { zh: '里程表(km)', en: 'Odometer (km)' },
  source: { zh: '来源', en: 'Source' },
  'src.manual': { zh: '手工登记', en: 'Entered' },
  'src.import': { zh: '对账单导入', en: 'Statement' },
  detail: { zh: '摘要', en: 'Details' },
  year: { zh: '年度', en: 'Year' },
  km: { zh: '行驶里程(km)', en: 'Distance (km)' },
  perKm: { zh: '每公里费用(元)', en: 'Cost per km (CNY)' },
  vehicles: { zh: '车辆数', en: 'Vehicles' },
  month: { zh: '月份', en: 'Month' },
  monthN: { zh: '{n}月', en: 'M{n}' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
});

/** Evidence of each anomaly rule, in words (the server's `message` is the fallback). */
export const evidenceMessages = defineMessages('vehicleCosts.evidence', {
  'fuel_consumption.class': {
    zh: '{month} 百公里{energy} {per100} {unit}，同类中位数 {median} {unit}，超过 {factor} 倍（{km} km 用 {quantity} {unit}）',
    en: '{month}: {per100} {unit}/100 km {energy}, class median {median} {unit}, over {factor} × ({quantity} {unit} over {km} km)',
  },
  'fuel_consumption.own': {
    zh: '{month} 百公里{energy} {per100} {unit}，本车其他月份中位数 {median} {unit}，超过 {factor} 倍（{km} km 用 {quantity} {unit}）',
    en: "{month}: {per100} {unit}/100 km {energy}, the car's own median {median} {unit}, over {factor} × ({quantity} {unit} over {km} km)",
  },
  'energy.L': { zh: '油耗', en: 'fuel' },
  'energy.kWh': { zh: '电耗', en: 'power' },
  refuel_without_trip: {
    zh: '{date} 加注 {quantity} {unit}，当天没有出车记录',
    en: '{date}: {quantity} {unit} filled with no trip that day',
  },
  refuel_over_tank: {
    zh: '{date} 单次加注 {quantity} {unit}，油箱（电池）容量 {capacity} {unit}，超出 {over} {unit}',
    en: '{date}: {quantity} {unit} in one fill; the tank (battery) holds {capacity} {unit}, {over} {unit} too many',
  },
  odometer_backwards: {
    zh: '{date} 里程读数 {km} km（{source}），低于此前的 {previous} km（{previousSource}），倒退 {diff} km',
    en: '{date}: odometer {km} km ({source}), below the earlier {previous} km ({previousSource}): {diff} km back',
  },
  rest_day_trip: {
    zh: '{date} 为节假日（{days}），出车未经节假日用车审批',
    en: '{date} is a rest day ({days}); the trip had no rest-day approval',
  },
  sealed_vehicle_use: { zh: '{date} 车辆处于封存状态，仍有{use}记录', en: '{date}: the vehicle was sealed, yet a {use} was recorded' },
  non_designated_vendor: {
    zh: '{date} 在“{vendor}”发生{kind} {amount} 元：{flag}',
    en: '{date}: {kind} of CNY {amount} at "{vendor}": {flag}',
  },
  insurance_expired: { zh: '保险已于 {end} 到期，截至 {asOf} 未续保', en: 'Insurance ended {end}; not renewed as of {asOf}' },
  inspection_overdue: {
    zh: '年检应于 {due} 前完成（上次 {last}），截至 {asOf} 已逾期 {days} 天',
    en: 'Inspection due by {due} (last {last}); {days} days overdue as of {asOf}',
  },
  'src.fill': { zh: '加油', en: 'refuel' },
  'src.repair': { zh: '维修', en: 'repair' },
  'src.trip_start': { zh: '出车', en: 'trip start' },
  'src.trip_end': { zh: '收车', en: 'trip end' },
  'use.trip': { zh: '出车', en: 'trip' },
  'use.fuel': { zh: '加油', en: 'refuel' },
  'use.charging': { zh: '充电', en: 'charge' },
  'use.toll': { zh: '通行费', en: 'toll' },
  'use.parking': { zh: '停车', en: 'parking' },
  unknownVendor: { zh: '未知商户', en: 'unknown vendor' },
  listSep: { zh: '、', en: ', ' },
});

type CostMessages = typeof costMessages extends Messages<infer M> ? M : never;
type EvidenceMessages = typeof evidenceMessages extends Messages<infer M> ? M : never;
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

/** A value of the evidence when it is one of `allowed` (evidence is free-form JSON from the server). */
const oneOf = <K extends string>(allowed: readonly K[], v: unknown): K | undefined =>
  (allowed as readonly unknown[]).includes(v) ? (v as K) : undefined;
const SOURCES = ['fill', 'repair', 'trip_start', 'trip_end'] as const;
const USES = ['trip', 'fuel', 'charging', 'toll', 'parking'] as const;

/** One anomaly's evidence as a sentence in the reader's language (a hook: the sentence follows a language switch). */
export function useDescribeAnomaly() {
  const te = evidenceMessages.useT();
  const t = costMessages.useT();
  return (a: Pick<TAnomaly, 'rule' | 'evidence' | 'message'>) => describeAnomaly(te, t, a);
}

/** The evidence in words; the server's `message` (already in the reader's language) when a value is not one the web knows. */
function describeAnomaly(
  te: TypedT<EvidenceMessages>,
  t: TypedT<CostMessages>,
  a: Pick<TAnomaly, 'rule' | 'evidence' | 'message'>,
): string {
  const e = a.evidence;
  switch (a.rule) {
    case 'fuel_consumption': {
      const own = e.basis === 'own';
      const median = own ? e.ownMedian : e.classMedian;
      return te(own ? 'fuel_consumption.own' : 'fuel_consumption.class', {
        month: str(e.month),
        energy: te(`energy.${str(e.unit) === 'kWh' ? 'kWh' : 'L'}`),
        per100: fmtPer100Km(e.per100),
        median: fmtPer100Km(median),
        factor: fmtQuantity(e.factor, 2),
        unit: str(e.unit),
        km: fmtQuantity(e.km, 0),
        quantity: fmtQuantity(e.quantity),
      });
    }
    case 'refuel_without_trip':
      return te('refuel_without_trip', { date: str(e.date), quantity: fmtQuantity(e.quantity), unit: str(e.unit) });
    case 'refuel_over_tank':
      return te('refuel_over_tank', {
        date: str(e.date),
        quantity: fmtQuantity(e.quantity),
        unit: str(e.unit),
        capacity: fmtQuantity(e.capacity),
        over: fmtQuantity(num(e.quantity) - num(e.capacity)),
      });
    case 'odometer_backwards': {
      const source = oneOf(SOURCES, e.source);
      const previousSource = oneOf(SOURCES, e.previousSource);
      if (!source || !previousSource) return a.message;
      return te('odometer_backwards', {
        date: str(e.date),
        km: fmtQuantity(e.km, 0),
        source: te(`src.${source}`),
        previous: fmtQuantity(e.previous, 0),
        previousSource: te(`src.${previousSource}`),
        diff: fmtQuantity(num(e.previous) - num(e.km), 0),
      });
    }
    case 'rest_day_trip':
      return te('rest_day_trip', { date: str(e.date), days: str(e.restDays).split(',').join(te('listSep')) });
    case 'sealed_vehicle_use': {
      const use = oneOf(USES, e.use);
      return use ? te('sealed_vehicle_use', { date: str(e.date), use: te(`use.${use}`) }) : a.message;
    }
    case 'non_designated_vendor': {
      const kind = oneOf(COST_KINDS, e.kind);
      const flag = oneOf(VENDOR_FLAGS, e.flag);
      if (!kind || !flag) return a.message;
      return te('non_designated_vendor', {
        date: str(e.date),
        vendor: str(e.vendor) || te('unknownVendor'),
        kind: t(`costKind.${kind}`),
        amount: formatMoney(e.amount as string | number | null | undefined),
        flag: t(`vendorFlag.${flag}`),
      });
    }
    case 'insurance_expired':
      return te('insurance_expired', { end: str(e.end), asOf: str(e.asOf) });
    case 'inspection_overdue':
      return te('inspection_overdue', {
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
export function CostStatusTag({ status }: { status: TCostRecord['status'] }) {
  const t = costMessages.useT();
  return (
    <Tag color={COST_STATUS_COLOR[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** The "non-designated vendor" flag of a cost record (nothing when designated and in contract). */
export function VendorFlagTag({ flag, short }: { flag: TCostRecord['vendorFlag']; short?: boolean }) {
  const t = costMessages.useT();
  if (!flag) return null;
  return (
    <Tag color="volcano" data-flag={flag} title={t(`vendorFlag.${flag}`)}>
      {short ? t('vendorFlag.short') : t(`vendorFlag.${flag}`)}
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

/** A 400's messages (without its internal field paths), or the error's message, for the form's banner. */
export function errorLines(e: unknown): string[] {
  return [showFieldErrors(e)];
}
