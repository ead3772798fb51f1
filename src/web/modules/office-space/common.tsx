import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { api } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';

/** Labels and small pieces every office-space page shares. */
defineMessages(
  {
    'os.menu': '办公用房',
    'os.dashboard': '总览',
    'os.registry': '房产登记',
    'os.floors': '楼层平面图',
    'os.compliance': '达标与整改',
    'os.inspections': '督查检查',
    'os.mine': '我的办公室',
    'os.filing': '备案表',
    'os.site': '办公区',
    'os.building': '楼栋',
    'os.floor': '楼层',
    'os.room': '房间',
    'os.number': '房间号',
    'os.useClass': '用途分类',
    'os.useType': '具体用途',
    'os.area': '使用面积(㎡)',
    'os.grossArea': '建筑面积(㎡)',
    'os.unit': '使用单位',
    'os.status': '状态',
    'os.occupants': '使用人',
    'os.note': '备注',
    'os.single': '领导单人办公室',
    'os.suiteOf': '所属套间',
    'os.address': '地址',
    'os.ownership': '权属',
    'os.yearBuilt': '建成年份',
    'os.floorsAbove': '地上层数',
    'os.floorsBelow': '地下层数',
    'os.manager': '管理单位',
    'os.rooms': '房间数',
    'os.buildings': '楼栋数',
    'os.sqm': '{n} ㎡',
    'os.allUnits': '全部单位',
    'os.pickUnit': '选择单位',
    'uc.office': '办公室',
    'uc.service': '服务用房',
    'uc.equipment': '设备用房',
    'uc.auxiliary': '附属用房',
    'rs.in_use': '在用',
    'rs.idle': '闲置',
    'rs.repair': '维修中',
    'rs.leased_in': '租用',
    'rs.rented_out': '出租',
    'rs.lent_out': '出借',
    'own.owned': '自有',
    'own.leased_in': '租用',
    'own.allocated': '调剂使用',
    'ok.primary': '主办公室',
    'ok.concurrent': '兼职用房',
    'm.vacate': '腾退',
    'm.swap': '调整',
    'm.merge': '合并',
    'm.partition': '分隔',
    'ast.pending': '审批中',
    'ast.approved': '已批准',
    'ast.rejected': '已驳回',
    'ast.returned': '已退回',
    'ast.withdrawn': '已撤回',
  },
  {
    'os.menu': 'Office space',
    'os.dashboard': 'Overview',
    'os.registry': 'Registry',
    'os.floors': 'Floor plans',
    'os.compliance': 'Compliance',
    'os.inspections': 'Inspections',
    'os.mine': 'My office',
    'os.filing': 'Filing report',
    'os.site': 'Site',
    'os.building': 'Building',
    'os.floor': 'Floor',
    'os.room': 'Room',
    'os.number': 'Room no.',
    'os.useClass': 'Use class',
    'os.useType': 'Use',
    'os.area': 'Usable area (m²)',
    'os.grossArea': 'Gross area (m²)',
    'os.unit': 'Unit',
    'os.status': 'Status',
    'os.occupants': 'Occupants',
    'os.note': 'Note',
    'os.single': 'Single-occupant leader office',
    'os.suiteOf': 'Part of suite',
    'os.address': 'Address',
    'os.ownership': 'Ownership',
    'os.yearBuilt': 'Year built',
    'os.floorsAbove': 'Floors above ground',
    'os.floorsBelow': 'Floors below ground',
    'os.manager': 'Managed by',
    'os.rooms': 'Rooms',
    'os.buildings': 'Buildings',
    'os.sqm': '{n} m²',
    'os.allUnits': 'All units',
    'os.pickUnit': 'Choose a unit',
    'uc.office': 'Office',
    'uc.service': 'Service room',
    'uc.equipment': 'Equipment room',
    'uc.auxiliary': 'Auxiliary room',
    'rs.in_use': 'In use',
    'rs.idle': 'Idle',
    'rs.repair': 'Under repair',
    'rs.leased_in': 'Leased in',
    'rs.rented_out': 'Rented out',
    'rs.lent_out': 'Lent out',
    'own.owned': 'Owned',
    'own.leased_in': 'Leased in',
    'own.allocated': 'Allocated',
    'ok.primary': 'Primary',
    'ok.concurrent': 'Concurrent post',
    'm.vacate': 'Vacate',
    'm.swap': 'Move',
    'm.merge': 'Merge',
    'm.partition': 'Partition',
    'ast.pending': 'Pending',
    'ast.approved': 'Approved',
    'ast.rejected': 'Rejected',
    'ast.returned': 'Returned',
    'ast.withdrawn': 'Withdrawn',
  },
);

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
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`rs.${status}`)}</Tag>;
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

type CodeItem = { code: string; labelZh: string; labelEn: string; extra: Record<string, unknown> | null };
export function useRoomUses() {
  return useQuery({
    queryKey: ['codes', 'room_use'],
    queryFn: () => api.get<{ items: CodeItem[] }>('/refdata/lists/room_use', { active: 'true' }).then((r) => r.items),
    staleTime: 300_000,
  });
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
  const uses = useRoomUses();
  const { locale } = useLocale();
  return (code: string) => {
    const u = uses.data?.find((x) => x.code === code);
    return u ? (locale === 'en' ? u.labelEn : u.labelZh) : code;
  };
}

export const enumOptions = (t: (k: string) => string, prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
