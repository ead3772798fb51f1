import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type {
  TCheck,
  TVehicle,
  ZBookingSchema,
  ZDisposalSchema,
  ZDriverSchema,
  ZPurchaseSchema,
  ZQuotaSchema,
  ZTripSchema,
  ZVehicleEventSchema,
  ZVehicleQuerySchema,
} from '../../../contracts/modules/vehicles';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { call, keyOf } from '../../shared/typedApi';
import './vehicles.css';

export type { TCheck, TVehicle };
export type TBooking = z.infer<typeof ZBookingSchema>;
export type TTrip = z.infer<typeof ZTripSchema>;
export type TPurchase = z.infer<typeof ZPurchaseSchema>;
export type TDisposal = z.infer<typeof ZDisposalSchema>;
export type TDriver = z.infer<typeof ZDriverSchema>;
export type TQuota = z.infer<typeof ZQuotaSchema>;
export type TVehicleEvent = z.infer<typeof ZVehicleEventSchema>;

/** Labels every official-vehicles page shares: enums, statuses, common field names. */
defineMessages(
  {
    'vh.menu': '公务用车',
    'vh.plate': '号牌',
    'vh.unit': '单位',
    'vh.allUnits': '全部单位',
    'vh.pickUnit': '选择单位',
    'vh.type': '车辆类型',
    'vh.bodyType': '车身类型',
    'vh.energy': '能源类型',
    'vh.status': '状态',
    'vh.brand': '品牌',
    'vh.model': '型号',
    'vh.seats': '座位数',
    'vh.seatsN': '{n} 座',
    'vh.price': '价格(元)',
    'vh.displacement': '排量(L)',
    'vh.purchaseDate': '购置日期',
    'vh.odometer': '里程(km)',
    'vh.domestic': '国产品牌',
    'vh.leaderFixed': '领导干部固定用车',
    'vh.marking': '标识',
    'vh.supervisionPhone': '监督电话',
    'vh.exemptReason': '免于标识理由',
    'vh.note': '备注',
    'vh.newEnergy': '新能源',
    'vh.driver': '驾驶员',
    'vh.start': '开始时间',
    'vh.end': '结束时间',
    'vh.period': '用车时段',
    'vh.purpose': '用车事由',
    'vh.approval': '审批',
    'vh.viewApproval': '查看审批',
    'vh.actions': '操作',
    'vh.yes': '是',
    'vh.no': '否',
    'vh.km': '{n} km',
    'vh.yuan': '{n} 元',
    'vh.checks': '配备标准核对',
    'vh.checksPassed': '全部符合',
    'vh.checksCol': '核对结果',
    'vh.checksFailed': '{n} 项不符合',
    'vh.rule': '规则',
    'vh.saved': '已保存',
    'vh.cancel': '取消',
    'vt.confidential_comm': '机要通信用车',
    'vt.emergency': '应急保障用车',
    'vt.law_enforcement': '执法执勤用车',
    'vt.special_technical': '特种专业技术用车',
    'vt.other': '其他公务用车',
    'bt.sedan': '轿车',
    'bt.suv': '越野车(SUV)',
    'bt.mpv': '多功能乘用车(MPV)',
    'bt.bus_small_medium': '中小型客车',
    'bt.bus_large': '大型客车',
    'bt.pickup': '皮卡',
    'bt.van': '厢式货车',
    'bt.other': '其他',
    'en.gasoline': '汽油',
    'en.diesel': '柴油',
    'en.hybrid': '油电混合',
    'en.plugin_hybrid': '插电式混合动力',
    'en.electric': '纯电动',
    'en.fuel_cell': '燃料电池',
    'en.cng': '天然气',
    'vs.in_service': '在用',
    'vs.in_repair': '维修中',
    'vs.sealed': '封存',
    'vs.disposed': '已处置',
    'mk.official': '公务标识',
    'mk.law_enforcement': '执法执勤标识',
    'mk.exempt': '免于标识',
    'bs.booked': '已派车',
    'bs.in_progress': '出车中',
    'bs.completed': '已收车',
    'bs.cancelled': '已取消',
    'ts.pending': '审批中',
    'ts.approved': '待派车',
    'ts.rejected': '未通过',
    'ts.returned': '已退回',
    'ts.withdrawn': '已撤回',
    'ts.assigned': '已派车',
    'ts.in_progress': '出车中',
    'ts.completed': '待确认',
    'ts.confirmed': '已确认',
    'ts.cancelled': '已取消',
    'ps.pending': '审批中',
    'ps.approved': '已批准',
    'ps.rejected': '未通过',
    'ps.returned': '已退回',
    'ps.withdrawn': '已撤回',
    'ps.delivered': '已交付',
    'dm.scrap': '报废',
    'dm.auction': '拍卖',
    'dm.transfer': '划拨',
    'rule.price': '价格上限',
    'rule.displacement': '排量上限',
    'rule.domestic': '国产品牌',
    'rule.leader_no_suv': '领导固定用车不配越野车',
    'rule.new_energy_first': '新能源优先',
    'rule.quota': '编制控制数',
    'rule.replacement': '更新条件',
    'rule.receiver_quota': '接收单位控制数',
    'ev.purchase': '购置',
    'ev.register': '登记入账',
    'ev.update': '信息变更',
    'ev.status': '状态变更',
    'ev.assign': '配备调整',
    'ev.trip': '出车',
    'ev.refuel': '加油/充电',
    'ev.repair': '维修保养',
    'ev.replaced': '被更新',
    'ev.transfer_out': '划出',
    'ev.transfer_in': '划入',
    'ev.disposal': '处置',
  },
  {
    'vh.menu': 'Official vehicles',
    'vh.plate': 'Plate',
    'vh.unit': 'Unit',
    'vh.allUnits': 'All units',
    'vh.pickUnit': 'Choose a unit',
    'vh.type': 'Vehicle type',
    'vh.bodyType': 'Body type',
    'vh.energy': 'Energy',
    'vh.status': 'Status',
    'vh.brand': 'Brand',
    'vh.model': 'Model',
    'vh.seats': 'Seats',
    'vh.seatsN': '{n} seats',
    'vh.price': 'Price (CNY)',
    'vh.displacement': 'Displacement (L)',
    'vh.purchaseDate': 'Purchased on',
    'vh.odometer': 'Odometer (km)',
    'vh.domestic': 'Domestic brand',
    'vh.leaderFixed': "Leader's fixed car",
    'vh.marking': 'Markings',
    'vh.supervisionPhone': 'Supervision phone',
    'vh.exemptReason': 'Reason for exemption',
    'vh.note': 'Note',
    'vh.newEnergy': 'New energy',
    'vh.driver': 'Driver',
    'vh.start': 'Start',
    'vh.end': 'End',
    'vh.period': 'Period',
    'vh.purpose': 'Purpose',
    'vh.approval': 'Approval',
    'vh.viewApproval': 'View approval',
    'vh.actions': 'Actions',
    'vh.yes': 'Yes',
    'vh.no': 'No',
    'vh.km': '{n} km',
    'vh.yuan': 'CNY {n}',
    'vh.checks': 'Checks against the caps',
    'vh.checksPassed': 'All passed',
    'vh.checksCol': 'Checks',
    'vh.checksFailed': '{n} failed',
    'vh.rule': 'Rule',
    'vh.saved': 'Saved',
    'vh.cancel': 'Cancel',
    'vt.confidential_comm': 'Confidential communications',
    'vt.emergency': 'Emergency support',
    'vt.law_enforcement': 'Law enforcement',
    'vt.special_technical': 'Special technical',
    'vt.other': 'Other official use',
    'bt.sedan': 'Sedan',
    'bt.suv': 'SUV',
    'bt.mpv': 'MPV',
    'bt.bus_small_medium': 'Small/medium bus',
    'bt.bus_large': 'Large bus',
    'bt.pickup': 'Pickup',
    'bt.van': 'Van',
    'bt.other': 'Other',
    'en.gasoline': 'Gasoline',
    'en.diesel': 'Diesel',
    'en.hybrid': 'Hybrid',
    'en.plugin_hybrid': 'Plug-in hybrid',
    'en.electric': 'Electric',
    'en.fuel_cell': 'Fuel cell',
    'en.cng': 'CNG',
    'vs.in_service': 'In service',
    'vs.in_repair': 'In repair',
    'vs.sealed': 'Sealed',
    'vs.disposed': 'Disposed',
    'mk.official': 'Official markings',
    'mk.law_enforcement': 'Law-enforcement markings',
    'mk.exempt': 'Exempt from markings',
    'bs.booked': 'Booked',
    'bs.in_progress': 'On the road',
    'bs.completed': 'Returned',
    'bs.cancelled': 'Cancelled',
    'ts.pending': 'Pending approval',
    'ts.approved': 'Awaiting dispatch',
    'ts.rejected': 'Rejected',
    'ts.returned': 'Returned',
    'ts.withdrawn': 'Withdrawn',
    'ts.assigned': 'Car assigned',
    'ts.in_progress': 'On the road',
    'ts.completed': 'To confirm',
    'ts.confirmed': 'Confirmed',
    'ts.cancelled': 'Cancelled',
    'ps.pending': 'Pending approval',
    'ps.approved': 'Approved',
    'ps.rejected': 'Rejected',
    'ps.returned': 'Returned',
    'ps.withdrawn': 'Withdrawn',
    'ps.delivered': 'Delivered',
    'dm.scrap': 'Scrap',
    'dm.auction': 'Auction',
    'dm.transfer': 'Transfer',
    'rule.price': 'Price cap',
    'rule.displacement': 'Displacement cap',
    'rule.domestic': 'Domestic brand',
    'rule.leader_no_suv': "No SUV as a leader's car",
    'rule.new_energy_first': 'New energy first',
    'rule.quota': 'Unit cap',
    'rule.replacement': 'Replacement due',
    'rule.receiver_quota': "Receiver's cap",
    'ev.purchase': 'Purchased',
    'ev.register': 'Registered',
    'ev.update': 'Details changed',
    'ev.status': 'Status changed',
    'ev.assign': 'Reassigned',
    'ev.trip': 'Trip',
    'ev.refuel': 'Refuel/charge',
    'ev.repair': 'Repair',
    'ev.replaced': 'Replaced',
    'ev.transfer_out': 'Transferred out',
    'ev.transfer_in': 'Transferred in',
    'ev.disposal': 'Disposed',
  },
);

export const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export const enumOptions = (t: (k: string) => string, prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

/** Energies the caps treat as new energy (the server's rule decides; this only guides the form). */
export const NEW_ENERGY = ['electric', 'plugin_hybrid', 'fuel_cell'];

export const fmtKm = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
/** A moment from the server, shown in the browser's time zone. */
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtPeriod = (start: string, end: string) => {
  const s = dayjs(start);
  const e = dayjs(end);
  return s.isSame(e, 'day')
    ? `${s.format('YYYY-MM-DD HH:mm')}–${e.format('HH:mm')}`
    : `${s.format('YYYY-MM-DD HH:mm')} – ${e.format('YYYY-MM-DD HH:mm')}`;
};
/** ISO 8601 with the browser's offset, as the contracts require (a bare local time is refused). */
export const toIso = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');

const VEHICLE_STATUS_COLOR: Record<string, string> = { in_service: 'green', in_repair: 'orange', sealed: 'default', disposed: 'red' };
export function VehicleStatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={VEHICLE_STATUS_COLOR[status]}>{t(`vs.${status}`)}</Tag>;
}

const FLOW_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
  delivered: 'blue',
  assigned: 'blue',
  in_progress: 'purple',
  completed: 'gold',
  confirmed: 'green',
  cancelled: 'default',
  booked: 'blue',
};
/** A status tag for requests (`ps`, `ts`), bookings (`bs`) and disposals (`ps`). */
export function StatusTag({ status, prefix }: { status: string; prefix: 'ps' | 'ts' | 'bs' }) {
  const t = useT();
  return (
    <Tag color={FLOW_COLOR[status]} data-status={status}>
      {t(`${prefix}.${status}`)}
    </Tag>
  );
}

/**
 * The cap checks the server returned with a request: every rule, passed in green or failed in
 * red, with the server's wording (already in the reader's language).
 */
export function CheckList({ checks, testId = 'checks' }: { checks: TCheck[]; testId?: string }) {
  const t = useT();
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <div data-testid={testId} data-failed={failed}>
      <div style={{ marginBottom: 8 }}>
        {failed ? <Tag color="red">{t('vh.checksFailed', { n: failed })}</Tag> : <Tag color="green">{t('vh.checksPassed')}</Tag>}
      </div>
      <ul className="vh-checks">
        {checks.map((c) => (
          <li
            key={c.rule}
            className={c.passed ? 'vh-check-ok' : 'vh-check-fail'}
            data-testid={`check-${c.rule}`}
            data-passed={String(c.passed)}
          >
            {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span className="vh-check-rule">{t(`rule.${c.rule}`)}</span>
            <span className="vh-check-msg">{c.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { UnitSelect } from '../../core/org/UnitSelect';

/** Vehicles in scope for a picker (in service unless told otherwise), searched on the server by plate. */
export function useVehicleOptions(query: { orgId?: number; status?: string; q?: string; sort?: string } = {}, enabled = true) {
  const input = { query: { pageSize: 200, sort: 'plate', ...query } as z.input<typeof ZVehicleQuerySchema> };
  // The key extends the list's own (a list invalidation refreshes the pickers too); the data is only the items.
  return useQuery({
    queryKey: [...keyOf(vehiclesApi.list, input), 'items'],
    enabled,
    queryFn: () => call(vehiclesApi.list, input).then((r) => r.items),
    staleTime: 15_000,
  });
}

export function VehicleSelect(props: {
  value?: number;
  onChange?: (v: number) => void;
  vehicles: TVehicle[];
  loading?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const t = useT();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={props.value}
      onChange={props.onChange}
      loading={props.loading}
      placeholder={props.placeholder}
      data-testid={props.testId}
      options={props.vehicles.map((v) => ({
        value: v.id,
        label: `${v.plate} · ${v.brand} ${v.model} · ${t('vh.seatsN', { n: v.seats })}${v.orgName ? ` · ${v.orgName}` : ''}`,
      }))}
    />
  );
}

export function useDrivers(enabled = true) {
  const input = { query: { pageSize: 200, status: 'active' as const } };
  return useQuery({
    queryKey: [...keyOf(vehiclesApi.drivers, input), 'items'],
    enabled,
    queryFn: () => call(vehiclesApi.drivers, input).then((r) => r.items),
    staleTime: 30_000,
  });
}
