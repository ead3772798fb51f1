import { Select, Tag } from 'antd';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { useCodeLabel, useCodeList } from '../../shared/codes';
import { useApiQuery } from '../../shared/typedApi';

/** Labels and small pieces every office-space page shares. */
export const officeMessages = defineMessages('office', {
  menu: { zh: '办公用房', en: 'Office space' },
  dashboard: { zh: '总览', en: 'Overview' },
  registry: { zh: '房产登记', en: 'Registry' },
  floors: { zh: '楼层平面图', en: 'Floor plans' },
  compliance: { zh: '达标与整改', en: 'Compliance' },
  inspections: { zh: '督查检查', en: 'Inspections' },
  mine: { zh: '我的办公室', en: 'My office' },
  filing: { zh: '备案表', en: 'Filing report' },
  site: { zh: '办公区', en: 'Site' },
  building: { zh: '楼栋', en: 'Building' },
  floor: { zh: '楼层', en: 'Floor' },
  room: { zh: '房间', en: 'Room' },
  number: { zh: '房间号', en: 'Room no.' },
  useClass: { zh: '用途分类', en: 'Use class' },
  useType: { zh: '具体用途', en: 'Use' },
  area: { zh: '使用面积(㎡)', en: 'Usable area (m²)' },
  grossArea: { zh: '建筑面积(㎡)', en: 'Gross area (m²)' },
  unit: { zh: '使用单位', en: 'Unit' },
  status: { zh: '状态', en: 'Status' },
  occupants: { zh: '使用人', en: 'Occupants' },
  note: { zh: '备注', en: 'Note' },
  single: { zh: '领导单人办公室', en: 'Single-occupant leader office' },
  suiteOf: { zh: '所属套间', en: 'Part of suite' },
  address: { zh: '地址', en: 'Address' },
  ownership: { zh: '权属', en: 'Ownership' },
  yearBuilt: { zh: '建成年份', en: 'Year built' },
  floorsAbove: { zh: '地上层数', en: 'Floors above ground' },
  floorsBelow: { zh: '地下层数', en: 'Floors below ground' },
  manager: { zh: '管理单位', en: 'Managed by' },
  rooms: { zh: '房间数', en: 'Rooms' },
  buildings: { zh: '楼栋数', en: 'Buildings' },
  sqm: { zh: '{n} ㎡', en: '{n} m²' },
  allUnits: { zh: '全部单位', en: 'All units' },
  pickUnit: { zh: '选择单位', en: 'Choose a unit' },
  'useClass.office': { zh: '办公室', en: 'Office' },
  'useClass.service': { zh: '服务用房', en: 'Service room' },
  'useClass.equipment': { zh: '设备用房', en: 'Equipment room' },
  'useClass.auxiliary': { zh: '附属用房', en: 'Auxiliary room' },
  'roomStatus.in_use': { zh: '在用', en: 'In use' },
  'roomStatus.idle': { zh: '闲置', en: 'Idle' },
  'roomStatus.repair': { zh: '维修中', en: 'Under repair' },
  'roomStatus.leased_in': { zh: '租用', en: 'Leased in' },
  'roomStatus.rented_out': { zh: '出租', en: 'Rented out' },
  'roomStatus.lent_out': { zh: '出借', en: 'Lent out' },
  'ownership.owned': { zh: '自有', en: 'Owned' },
  'ownership.leased_in': { zh: '租用', en: 'Leased in' },
  'ownership.allocated': { zh: '调剂使用', en: 'Allocated' },
  'occupancyKind.primary': { zh: '主办公室', en: 'Primary' },
  'occupancyKind.concurrent': { zh: '兼职用房', en: 'Concurrent post' },
  'measure.vacate': { zh: '腾退', en: 'Vacate' },
  'measure.swap': { zh: '调整', en: 'Move' },
  'measure.merge': { zh: '合并', en: 'Merge' },
  'measure.partition': { zh: '分隔', en: 'Partition' },
  'approvalStatus.pending': { zh: '审批中', en: 'Pending' },
  'approvalStatus.approved': { zh: '已批准', en: 'Approved' },
  'approvalStatus.rejected': { zh: '已驳回', en: 'Rejected' },
  'approvalStatus.returned': { zh: '已退回', en: 'Returned' },
  'approvalStatus.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
});

export const fmtArea = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const STATUS_COLOR: Record<string, string> = {
  in_use: 'green',
  idle: 'default',
  repair: 'orange',
  leased_in: 'blue',
  rented_out: 'red',
  lent_out: 'magenta',
};
export function RoomStatusTag({ status }: { status: string }) {
  const tc = officeMessages.useT();
  return <Tag color={STATUS_COLOR[status]}>{tKey(tc, `roomStatus.${status}`)}</Tag>;
}

export { UnitSelect } from '../../core/org/UnitSelect';

export function useSites() {
  const q = useApiQuery(officeApi.sites, {});
  return { ...q, data: q.data?.items };
}
export function useBuildings(siteId?: number) {
  const q = useApiQuery(officeApi.buildings, { query: { siteId } });
  return { ...q, data: q.data?.items };
}

/** The room uses (code list `room_use`), active ones only; they change rarely, so kept for 5 minutes. */
export function useRoomUses() {
  const q = useCodeList('room_use');
  return { ...q, data: q.data?.items };
}

export function RoomUseSelect(props: { value?: string; onChange?: (v: string) => void; testId?: string }) {
  const uses = useRoomUses();
  const { locale } = useLocale();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
      options={(uses.data ?? []).map((u) => ({ value: u.code, label: locale === 'en' ? u.labelEn : u.labelZh }))}
    />
  );
}

export function useRoomUseLabel() {
  return useCodeLabel('room_use');
}

/** Select options for an enum's values, each labelled by `label` (a typed message). */
export const enumOptions = <V extends string>(label: (v: V) => string, values: readonly V[]) =>
  values.map((v) => ({ value: v, label: label(v) }));

/**
 * A message whose key is built from data at run time (an enum value, a status), which the typed
 * `t` cannot check: an unknown value shows its key, as `t` does for any missing message.
 */
export const tKey = (t: unknown, key: string): string => (t as (k: string) => string)(key);
