import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { COST_KINDS, type TCostKind, type VENDOR_KINDS } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { pathOf } from '../../../contracts/route';
import { call, download, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { ImportModal } from '../../shared/ui/ServerTable';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import { DateTimeInput, localToIso, toLocalInput } from '../vehicles';
import { FuelCardsModal } from './CostFuelCards';
import { UnitSelect, VehicleSelect, fmtKm, fmtTime, useVehicleOptions } from '../vehicles';
import {
  CostStatusTag,
  type TCostRecord,
  type TVendor,
  VendorFlagTag,
  errorLines,
  fieldErrors,
  useFuelCards,
  useVendors,
} from './costs-i18n';
import { formatMoney, sumYuan } from '../../shared/money';
import { cnToday } from '../../shared/dates';

defineMessages(
  {
    'vcr.title': '运行费用登记',
    'vcr.search': '查询',
    'vcr.reset': '重置',
    'vcr.total': '共 {n} 条',
    'vcr.add': '登记费用',
    'vcr.addKind': '登记费用：{kind}',
    'vcr.importFuel': '导入加油卡对账单',
    'vcr.importEtc': '导入 ETC 通行费账单',
    'vcr.vehicle': '车辆',
    'vcr.pickVehicle': '选择车辆',
    'vcr.from': '起始月份',
    'vcr.to': '截止月份',
    'vcr.flagged': '定点情况',
    'vcr.flaggedOnly': '仅非定点',
    'vcr.designatedOnly': '仅定点',
    'vcr.litres': '加油量(L)',
    'vcr.kwh': '充电量(kWh)',
    'vcr.station': '加油站 / 充电站',
    'vcr.stationHint': '从定点单位中选择，或直接填写名称',
    'vcr.shop': '维修厂',
    'vcr.insurer': '保险公司',
    'vcr.flagHint': '“{name}”{flag}：保存后将标记为非定点消费',
    'vcr.inContract': '定点 · 合同期内',
    'vcr.cardHint': '可选；绑定本车的油卡',
    'vcr.items': '维修项目',
    'vcr.itemName': '项目',
    'vcr.parts': '材料费',
    'vcr.labour': '工时费',
    'vcr.addItem': '添加项目',
    'vcr.sum': '合计 {sum} 元（材料 {parts} 元，工时 {labour} 元）',
    'vcr.repairHint': '超过规则规定金额的维修须经审批，审批通过后计入费用。',
    'vcr.reason': '维修原因',
    'vcr.policyNo': '保单号',
    'vcr.coverage': '险种',
    'vcr.cov.compulsory': '交强险',
    'vcr.cov.commercial': '商业险',
    'vcr.policyStart': '保险起期',
    'vcr.policyEnd': '保险止期',
    'vcr.premium': '保费(元)',
    'vcr.nextDue': '下次检验日期',
    'vcr.station2': '检测站',
    'vcr.passed': '检验合格',
    'vcr.entry': '入口',
    'vcr.exit': '出口',
    'vcr.txn': '交易流水号',
    'vcr.payee': '收款方',
    'vcr.description': '事由',
    'vcr.save': '保存',
    'vcr.saved': '已登记 {plate} {kind} {amount} 元',
    'vcr.savedFlag': '已登记，但“{vendor}”{flag}，已标记为非定点消费',
    'vcr.savedPending': '维修金额 {amount} 元超过审批限额，已提交审批，批准后计入费用',
    'vcr.failed': '未保存',
    'vcr.exportHint': '导出当前筛选条件下的费用记录',
    'vcr.exportCsv': '导出 Excel',
    'vcr.import.fuel': '导入加油卡对账单',
    'vcr.import.etc': '导入 ETC 通行费账单',
    'vcr.import.hint': '支持 .xlsx 与 .csv。全部行校验通过才导入，任一行有误则不导入任何数据；已导入过的交易（同一流水号）自动跳过。',
    'vcr.import.fuelHint': '加油卡须先绑定车辆。',
    'vcr.import.template': '下载导入模板',
    'vcr.import.pick': '选择文件',
    'vcr.import.ok': '已导入 {n} 行，跳过已导入的 {s} 行',
    'vcr.import.failed': '未导入：共 {n} 处错误，请修改后重新上传',
    'vcr.import.row': '行',
    'vcr.import.column': '列',
    'vcr.import.reason': '原因',
    'vcr.required': '必填',
    'vcr.positive': '须大于 0',
    'vcr.endAfter': '止期须晚于起期',
    'vcr.dueAfter': '须晚于检验日期',
    'vcr.policy': '保单 {no}，{start} 至 {end}',
    'vcr.inspection': '下次检验 {due}{passed}',
    'vcr.notPassed': '，未通过',
    'vcr.tollRoute': '{entry} → {exit}',
    'vcr.repairLines': '{n} 项：{names}',
  },
  {
    'vcr.title': 'Running costs',
    'vcr.search': 'Search',
    'vcr.reset': 'Reset',
    'vcr.total': '{n} in total',
    'vcr.add': 'Record a cost',
    'vcr.addKind': 'Record a cost: {kind}',
    'vcr.importFuel': 'Import fuel-card statement',
    'vcr.importEtc': 'Import ETC statement',
    'vcr.vehicle': 'Vehicle',
    'vcr.pickVehicle': 'Choose a vehicle',
    'vcr.from': 'From month',
    'vcr.to': 'To month',
    'vcr.flagged': 'Designated',
    'vcr.flaggedOnly': 'Non-designated only',
    'vcr.designatedOnly': 'Designated only',
    'vcr.litres': 'Litres (L)',
    'vcr.kwh': 'Energy (kWh)',
    'vcr.station': 'Fuel / charging station',
    'vcr.stationHint': 'Pick a designated vendor or type a name',
    'vcr.shop': 'Repair shop',
    'vcr.insurer': 'Insurer',
    'vcr.flagHint': '"{name}": {flag}. It will be flagged as non-designated when saved',
    'vcr.inContract': 'Designated, in contract',
    'vcr.cardHint': "Optional; the vehicle's fuel cards",
    'vcr.items': 'Repair items',
    'vcr.itemName': 'Item',
    'vcr.parts': 'Parts',
    'vcr.labour': 'Labour',
    'vcr.addItem': 'Add an item',
    'vcr.sum': 'Total CNY {sum} (parts {parts}, labour {labour})',
    'vcr.repairHint': 'A repair above the amount in the rules goes through approval and counts once approved.',
    'vcr.reason': 'Reason',
    'vcr.policyNo': 'Policy no.',
    'vcr.coverage': 'Coverage',
    'vcr.cov.compulsory': 'Compulsory',
    'vcr.cov.commercial': 'Commercial',
    'vcr.policyStart': 'Cover starts',
    'vcr.policyEnd': 'Cover ends',
    'vcr.premium': 'Premium (CNY)',
    'vcr.nextDue': 'Next due',
    'vcr.station2': 'Test station',
    'vcr.passed': 'Passed',
    'vcr.entry': 'Entry',
    'vcr.exit': 'Exit',
    'vcr.txn': 'Transaction id',
    'vcr.payee': 'Payee',
    'vcr.description': 'Description',
    'vcr.save': 'Save',
    'vcr.saved': 'Recorded: {plate} {kind} CNY {amount}',
    'vcr.savedFlag': 'Recorded, but "{vendor}" is {flag}: flagged as a non-designated vendor',
    'vcr.savedPending': 'The repair (CNY {amount}) is above the approval amount: sent for approval, it counts once approved',
    'vcr.failed': 'Not saved',
    'vcr.exportHint': 'Export the records matching the filters',
    'vcr.exportCsv': 'Export to Excel',
    'vcr.import.fuel': 'Import a fuel-card statement',
    'vcr.import.etc': 'Import an ETC statement',
    'vcr.import.hint':
      '.xlsx or .csv. Rows are imported only when every row is valid; any error imports nothing. Transactions imported before (same id) are skipped.',
    'vcr.import.fuelHint': 'Fuel cards must be assigned to vehicles first.',
    'vcr.import.template': 'Download template',
    'vcr.import.pick': 'Choose a file',
    'vcr.import.ok': '{n} rows imported, {s} imported before skipped',
    'vcr.import.failed': 'Nothing imported: {n} problems; fix them and upload again',
    'vcr.import.row': 'Row',
    'vcr.import.column': 'Column',
    'vcr.import.reason': 'Reason',
    'vcr.required': 'Required',
    'vcr.positive': 'Must be greater than 0',
    'vcr.endAfter': 'Must end after it starts',
    'vcr.dueAfter': 'Must be after the inspection',
    'vcr.policy': 'Policy {no}, {start} to {end}',
    'vcr.inspection': 'Next due {due}{passed}',
    'vcr.notPassed': ', failed',
    'vcr.tollRoute': '{entry} → {exit}',
    'vcr.repairLines': '{n} items: {names}',
  },
);

type Filters = { orgId?: number; vehicleId?: number; kind?: TCostKind; from?: string; to?: string; flagged?: 'true' | 'false' };
type FormKind = TCostKind;
/** The route that records one kind of cost. */
type CreateRoute = (typeof vehicleCostsApi)[
  | 'createRefuel'
  | 'createRepair'
  | 'createInsurance'
  | 'createInspection'
  | 'createToll'
  | 'createOther'];

/** Month pickers that hold a YYYY-MM-DD string in the form (first or last day of the month). */
const monthField = (edge: 'start' | 'end') => ({
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? (edge === 'start' ? d.startOf('month') : d.endOf('month')).format('YYYY-MM-DD') : undefined),
});
/** Date pickers that hold a YYYY-MM-DD string in the form. */
const dateField = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** 运行费用: every cost record in scope, the entry forms per kind and the two statement imports. */
export function CostsPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const qc = useQueryClient();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState<FormKind | null>(null);
  const [importing, setImporting] = useState<'fuel' | 'etc' | null>(null);
  const [cards, setCards] = useState(false);
  const canRecord = hasPermission('vehicles.costs');
  const filterOrg = Form.useWatch('orgId', form);
  const vehicles = useVehicleOptions({ orgId: filterOrg ?? activeOrg ?? undefined });
  const query = { orgId: activeOrg ?? undefined, ...filters, page, pageSize };
  const q = useApiQuery(vehicleCostsApi.records, { query }, { placeholderData: (prev) => prev });
  const refresh = () => invalidate(qc, [vehicleCostsApi.records]);
  const clean = (v: Filters) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== null)) as Filters;

  return (
    <div data-testid="costs-page">
      <PageHeader title={t('vcr.title')} />
      <Form
        form={form}
        layout="inline"
        className="hq-filters"
        onFinish={(v) => {
          setPage(1);
          setFilters(clean(v));
        }}
      >
        <Form.Item name="orgId">
          <UnitSelect allowClear placeholder={t('vh.unit')} testId="cost-filter-unit" />
        </Form.Item>
        <Form.Item name="vehicleId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('vcr.vehicle')}
            style={{ width: 150 }}
            data-testid="cost-filter-vehicle"
            options={(vehicles.data ?? []).map((v) => ({ value: v.id, label: v.plate }))}
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t('vc.kind')}
            style={{ width: 120 }}
            data-testid="cost-filter-kind"
            options={COST_KINDS.map((k) => ({ value: k, label: t(`ck.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="from" {...monthField('start')}>
          <DatePicker picker="month" placeholder={t('vcr.from')} style={{ width: 130 }} data-testid="cost-filter-from" />
        </Form.Item>
        <Form.Item name="to" {...monthField('end')}>
          <DatePicker picker="month" placeholder={t('vcr.to')} style={{ width: 130 }} data-testid="cost-filter-to" />
        </Form.Item>
        <Form.Item name="flagged">
          <Select
            allowClear
            placeholder={t('vcr.flagged')}
            style={{ width: 130 }}
            options={[
              { value: 'true', label: t('vcr.flaggedOnly') },
              { value: 'false', label: t('vcr.designatedOnly') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="cost-filter-search">
              {t('vcr.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {t('vcr.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Space wrap style={{ marginBottom: 12 }}>
        {canRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('fuel')} data-testid="cost-add">
            {t('vcr.add')}
          </Button>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          title={t('vcr.exportHint')}
          onClick={() => download(vehicleCostsApi.exportRecords, { query }).catch((e) => message.error(String(e.message ?? e)))}
          data-testid="cost-export"
        >
          {t('vcr.exportCsv')}
        </Button>
        {canRecord ? (
          <>
            <Button onClick={() => setCards(true)} data-testid="fuel-cards">
              {t('fc.title')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting('fuel')} data-testid="import-fuel">
              {t('vcr.importFuel')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting('etc')} data-testid="import-etc">
              {t('vcr.importEtc')}
            </Button>
          </>
        ) : null}
      </Space>
      {q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<TCostRecord>
          rowKey="id"
          size="middle"
          data-testid="cost-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(r) =>
            ({
              'data-testid': `cost-row-${r.id}`,
              'data-plate': r.plate,
              'data-kind': r.kind,
              'data-amount': r.amount,
              'data-flag': r.vendorFlag ?? '',
            }) as never
          }
          onChange={(pg) => {
            setPage(pg.current ?? 1);
            setPageSize(pg.pageSize ?? 20);
          }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('vcr.total', { n }),
          }}
          columns={[
            {
              title: t('vc.time'),
              dataIndex: 'occurredAt',
              render: (v: string, r) =>
                r.kind === 'repair' || r.kind === 'insurance' || r.kind === 'inspection' ? r.occurredOn : fmtTime(v),
            },
            { title: t('vh.plate'), dataIndex: 'plate', fixed: 'left' },
            { title: t('vc.kind'), dataIndex: 'kind', render: (v: string) => <Tag>{t(`ck.${v}`)}</Tag> },
            { title: t('vc.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatMoney(v) },
            {
              title: t('vc.quantity'),
              dataIndex: 'quantity',
              align: 'right',
              render: (v: number | null, r) =>
                v === null ? '—' : `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${r.unit ?? ''}`,
            },
            {
              title: t('vc.vendor'),
              dataIndex: 'vendorName',
              render: (v: string | null, r) => (
                <Space size={4} wrap>
                  {v ?? '—'}
                  <VendorFlagTag flag={r.vendorFlag} short />
                </Space>
              ),
            },
            { title: t('vc.detail'), key: 'detail', render: (_, r) => <span className="vc-evidence">{summary(t, r)}</span> },
            { title: t('vc.card'), dataIndex: 'cardNo', render: (v: string | null) => v ?? '—' },
            { title: t('vc.odometer'), dataIndex: 'odometerKm', align: 'right', render: fmtKm },
            { title: t('vh.status'), dataIndex: 'status', render: (v: string) => <CostStatusTag status={v} /> },
            { title: t('vc.source'), dataIndex: 'source', render: (v: string) => t(`vc.src.${v}`) },
          ]}
        />
      )}
      <CostEntryModal kind={adding} onKind={setAdding} onClose={() => setAdding(null)} onSaved={refresh} />
      <StatementImportModal kind={importing} onClose={() => setImporting(null)} onImported={refresh} />
      <FuelCardsModal open={cards} onClose={() => setCards(false)} />
    </div>
  );
}

type T = (k: string, p?: Record<string, string | number>) => string;

/** One line of what a record is about, from its kind's details. */
function summary(t: T, r: TCostRecord): string {
  const d = (r.details ?? {}) as Record<string, unknown>;
  switch (r.kind) {
    case 'repair': {
      const items = Array.isArray(d.items) ? (d.items as { name: string }[]) : [];
      return items.length ? t('vcr.repairLines', { n: items.length, names: items.map((i) => i.name).join('、') }) : '';
    }
    case 'insurance':
      return t('vcr.policy', { no: r.reference ?? '', start: r.periodStart ?? '', end: r.periodEnd ?? '' });
    case 'inspection':
      return t('vcr.inspection', { due: r.periodEnd ?? '', passed: d.passed === false ? t('vcr.notPassed') : '' });
    case 'toll':
      return d.entry || d.exit ? t('vcr.tollRoute', { entry: String(d.entry ?? ''), exit: String(d.exit ?? '') }) : '';
    case 'parking':
    case 'other':
      return String(d.description ?? '');
    default:
      return typeof d.note === 'string' ? d.note : '';
  }
}

const VENDOR_KIND: Partial<Record<FormKind, (typeof VENDOR_KINDS)[number]>> = {
  fuel: 'fuel',
  charging: 'charging',
  repair: 'repair',
  insurance: 'insurance',
};

/** Why a vendor name would be flagged (as the server judges today), or null for a designated one in contract. */
function previewFlag(vendors: TVendor[], name: string | undefined): { vendor: TVendor | null; flag: string | null } {
  const n = (name ?? '').trim();
  if (!n) return { vendor: null, flag: null };
  const v = vendors.find((x) => x.name === n) ?? null;
  if (!v) return { vendor: null, flag: 'not_listed' };
  if (!v.designated) return { vendor: v, flag: 'not_designated' };
  if (!v.inContract) return { vendor: v, flag: 'outside_contract' };
  return { vendor: v, flag: null };
}

/** A vendor by name: the designated list to pick from, or any name typed in (flagged by the server). */
function VendorInput(props: { value?: string; onChange?: (v: string) => void; vendors: TVendor[]; testId: string; placeholder?: string }) {
  const t = useT();
  return (
    <AutoComplete
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder}
      data-testid={props.testId}
      filterOption={(input, o) => String(o?.value ?? '').includes(input)}
      options={props.vendors.map((v) => ({
        value: v.name,
        label: (
          <Space size={4}>
            {v.name}
            {v.designated && v.inContract ? (
              <Tag color="green">{t('vcr.inContract')}</Tag>
            ) : (
              <Tag color="volcano">{t(v.designated ? 'vf.outside_contract' : 'vf.not_designated')}</Tag>
            )}
          </Space>
        ),
      }))}
    />
  );
}

/**
 * The entry form for one kind of cost. The server validates everything: a 4xx is shown in a
 * banner (with each field's message placed under its field) and nothing is saved.
 */
function CostEntryModal(props: { kind: FormKind | null; onKind: (k: FormKind) => void; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const kind = props.kind ?? 'fuel';
  const vehicleId = Form.useWatch('vehicleId', form) as number | undefined;
  const vendorName = Form.useWatch('vendor', form) as string | undefined;
  const items = Form.useWatch('items', form) as { parts?: number; labour?: number }[] | undefined;
  const vehicles = useVehicleOptions({}, !!props.kind);
  const vendorKind = VENDOR_KIND[kind];
  const vendors = useVendors(vendorKind ? [vendorKind] : [], !!props.kind && !!vendorKind);
  const cards = useFuelCards(kind === 'fuel' ? vehicleId : undefined);
  const flag = vendorKind ? previewFlag(vendors.data ?? [], vendorName) : { vendor: null, flag: null };
  const sums = useMemo(() => {
    // Added in fen, as the server does (the inputs hold at most two decimals).
    const parts = sumYuan((items ?? []).map((i) => i?.parts ?? 0));
    const labour = sumYuan((items ?? []).map((i) => i?.labour ?? 0));
    return { parts, labour, sum: sumYuan([parts, labour]) };
  }, [items]);
  const inScope = (vehicles.data ?? []).filter((v) => v.status !== 'disposed');
  const now = toLocalInput(dayjs());
  const initial = {
    at: now,
    date: cnToday(),
    items: [{}],
    coverage: 'compulsory',
    passed: true,
    amount: undefined,
  };
  const req = { required: true, message: t('vcr.required') };

  const vendorRef = () => {
    const name = (vendorName ?? '').trim();
    return flag.vendor ? { vendorId: flag.vendor.id } : { vendorName: name || undefined };
  };
  const bodyOf = (v: Record<string, unknown>): [CreateRoute, Record<string, unknown>] => {
    const base = { vehicleId: v.vehicleId };
    const opt = (x: unknown) => (x === '' || x === undefined ? undefined : x);
    switch (kind) {
      case 'fuel':
      case 'charging':
        return [
          vehicleCostsApi.createRefuel,
          {
            ...base,
            kind,
            at: v.at ? localToIso(v.at as string) : undefined,
            quantity: v.quantity,
            amount: v.amount,
            ...vendorRef(),
            cardNo: opt(v.cardNo),
            odometerKm: opt(v.odometerKm),
            note: opt(v.note),
          },
        ];
      case 'repair':
        return [
          vehicleCostsApi.createRepair,
          {
            ...base,
            date: v.date,
            items: ((v.items as { name: string; parts?: number; labour?: number }[]) ?? []).map((i) => ({
              name: i.name,
              parts: i.parts ?? 0,
              labour: i.labour ?? 0,
            })),
            ...vendorRef(),
            odometerKm: opt(v.odometerKm),
            reason: opt(v.reason),
            note: opt(v.note),
          },
        ];
      case 'insurance':
        return [
          vehicleCostsApi.createInsurance,
          {
            ...base,
            ...vendorRef(),
            policyNo: v.policyNo,
            coverage: v.coverage,
            start: v.start,
            end: v.end,
            premium: v.premium,
            note: opt(v.note),
          },
        ];
      case 'inspection':
        return [
          vehicleCostsApi.createInspection,
          {
            ...base,
            date: v.date,
            nextDue: v.nextDue,
            amount: v.amount ?? 0,
            station: opt(v.station),
            passed: v.passed,
            note: opt(v.note),
          },
        ];
      case 'toll':
        return [
          vehicleCostsApi.createToll,
          {
            ...base,
            at: v.at ? localToIso(v.at as string) : undefined,
            entry: v.entry,
            exit: v.exit,
            amount: v.amount,
            transactionId: opt(v.transactionId),
          },
        ];
      default:
        return [
          vehicleCostsApi.createOther,
          {
            ...base,
            kind,
            at: v.at ? localToIso(v.at as string) : undefined,
            amount: v.amount,
            payee: opt(v.payee),
            description: v.description,
          },
        ];
    }
  };
  // Server field names → the form's (the vendor fields show under the vendor input).
  const formName = (name: (string | number)[]) => {
    if (name[0] === 'vendorId' || name[0] === 'vendorName') return ['vendor'];
    if (name[0] === 'premium' && kind !== 'insurance') return ['amount'];
    return name;
  };
  const submit = async () => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const [route, body] = bodyOf(v);
    try {
      // The body is built per kind from the form's fields; the server's contract checks it.
      const r = (await call(route, { body } as never)) as TCostRecord;
      if (r.status === 'pending') message.info(t('vcr.savedPending', { amount: formatMoney(r.amount) }), 8);
      else if (r.vendorFlag) message.warning(t('vcr.savedFlag', { vendor: r.vendorName ?? '', flag: t(`vf.${r.vendorFlag}`) }), 8);
      else message.success(t('vcr.saved', { plate: r.plate, kind: t(`ck.${r.kind}`), amount: formatMoney(r.amount) }));
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(errorLines(e));
      const known = new Set(Object.keys(form.getFieldsValue(true)));
      form.setFields(
        fieldErrors(e, (n) => known.has(String(formName(n)[0]))).map((f) => ({ name: formName(f.name) as never, errors: f.errors })),
      );
    } finally {
      setBusy(false);
    }
  };
  const vehicleField = (
    <Col xs={24} sm={12}>
      <Form.Item name="vehicleId" label={t('vcr.vehicle')} rules={[req]}>
        <VehicleSelect vehicles={inScope} loading={vehicles.isLoading} testId="cost-vehicle" placeholder={t('vcr.pickVehicle')} />
      </Form.Item>
    </Col>
  );
  const timeField = (
    <Col xs={24} sm={12}>
      <Form.Item name="at" label={t('vc.time')} rules={[req]}>
        <DateTimeInput testId="cost-at" />
      </Form.Item>
    </Col>
  );
  const dateItem = (name: string, label: string, testId: string, extra: object[] = []) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={[req, ...extra]} {...dateField}>
        <DatePicker style={{ width: '100%' }} data-testid={testId} />
      </Form.Item>
    </Col>
  );
  const amountItem = (name = 'amount', label = t('vc.amount'), positive = true, required = true) => (
    <Col xs={24} sm={12}>
      <Form.Item
        name={name}
        label={label}
        rules={[
          ...(required ? [req] : []),
          ...(positive
            ? [
                {
                  validator: (_: unknown, x?: number) =>
                    x === undefined || x === null || x > 0 ? Promise.resolve() : Promise.reject(new Error(t('vcr.positive'))),
                },
              ]
            : []),
        ]}
      >
        <InputNumber min={0} precision={2} step={10} style={{ width: '100%' }} data-testid={`cost-${name}`} />
      </Form.Item>
    </Col>
  );
  const vendorItem = (label: string) => (
    <Col xs={24}>
      <Form.Item name="vendor" label={label} rules={[req]} extra={t('vcr.stationHint')}>
        <VendorInput vendors={vendors.data ?? []} testId="cost-vendor" />
      </Form.Item>
      {flag.flag ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: -12, marginBottom: 12 }}
          data-testid="vendor-flag-hint"
          data-flag={flag.flag}
          title={t('vcr.flagHint', { name: (vendorName ?? '').trim(), flag: t(`vf.${flag.flag}`) })}
        />
      ) : null}
    </Col>
  );
  const noteItem = (name = 'note', label = t('vh.note')) => (
    <Col xs={24}>
      <Form.Item name={name} label={label}>
        <Input.TextArea rows={2} maxLength={500} data-testid={`cost-${name}`} />
      </Form.Item>
    </Col>
  );

  let fields: React.ReactNode;
  switch (kind) {
    case 'fuel':
    case 'charging':
      fields = (
        <>
          {vehicleField}
          {timeField}
          <Col xs={24} sm={12}>
            <Form.Item
              name="quantity"
              label={kind === 'fuel' ? t('vcr.litres') : t('vcr.kwh')}
              rules={[
                req,
                {
                  validator: (_, x?: number) =>
                    x === undefined || x === null || x > 0 ? Promise.resolve() : Promise.reject(new Error(t('vcr.positive'))),
                },
              ]}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="cost-quantity" />
            </Form.Item>
          </Col>
          {amountItem()}
          {vendorItem(t('vcr.station'))}
          {kind === 'fuel' ? (
            <Col xs={24} sm={12}>
              <Form.Item name="cardNo" label={t('vc.card')} extra={t('vcr.cardHint')}>
                <AutoComplete data-testid="cost-card" options={(cards.data ?? []).map((c) => ({ value: c.cardNo }))} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item name="odometerKm" label={t('vc.odometer')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="cost-odometer" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'repair':
      fields = (
        <>
          {vehicleField}
          {dateItem('date', t('vc.date'), 'cost-date')}
          {vendorItem(t('vcr.shop'))}
          <Col xs={24}>
            <div className="ant-form-item-label" style={{ paddingBottom: 8 }}>
              <span className="ant-form-item-required">{t('vcr.items')}</span>
            </div>
            <Form.List name="items">
              {(list, { add, remove }, { errors }) => (
                <div data-testid="repair-items">
                  <div className="vc-repair-line vc-repair-head">
                    <span>{t('vcr.itemName')}</span>
                    <span>{t('vcr.parts')}</span>
                    <span>{t('vcr.labour')}</span>
                    <span />
                  </div>
                  {list.map((f, i) => (
                    <div className="vc-repair-line" key={f.key}>
                      <Form.Item name={[f.name, 'name']} rules={[req]}>
                        <Input placeholder={t('vcr.itemName')} data-testid={`repair-name-${i}`} maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'parts']}>
                        <InputNumber
                          min={0}
                          precision={2}
                          placeholder={t('vcr.parts')}
                          style={{ width: '100%' }}
                          data-testid={`repair-parts-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'labour']}>
                        <InputNumber
                          min={0}
                          precision={2}
                          placeholder={t('vcr.labour')}
                          style={{ width: '100%' }}
                          data-testid={`repair-labour-${i}`}
                        />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} disabled={list.length === 1} onClick={() => remove(f.name)} aria-label="remove" />
                    </div>
                  ))}
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="repair-add-item">
                      {t('vcr.addItem')}
                    </Button>
                    <span className="vc-sum" data-testid="repair-sum" data-sum={sums.sum}>
                      {t('vcr.sum', { sum: formatMoney(sums.sum), parts: formatMoney(sums.parts), labour: formatMoney(sums.labour) })}
                    </span>
                  </Space>
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
            <Alert type="info" showIcon title={t('vcr.repairHint')} style={{ margin: '8px 0 12px' }} />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="odometerKm" label={t('vc.odometer')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="cost-odometer" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="reason" label={t('vcr.reason')}>
              <Input maxLength={500} data-testid="cost-reason" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'insurance':
      fields = (
        <>
          {vehicleField}
          <Col xs={24} sm={12}>
            <Form.Item name="policyNo" label={t('vcr.policyNo')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-policy" />
            </Form.Item>
          </Col>
          {vendorItem(t('vcr.insurer'))}
          <Col xs={24} sm={12}>
            <Form.Item name="coverage" label={t('vcr.coverage')} rules={[req]}>
              <Select
                data-testid="cost-coverage"
                options={['compulsory', 'commercial'].map((c) => ({ value: c, label: t(`vcr.cov.${c}`) }))}
              />
            </Form.Item>
          </Col>
          {amountItem('premium', t('vcr.premium'), false)}
          {dateItem('start', t('vcr.policyStart'), 'cost-start')}
          {dateItem('end', t('vcr.policyEnd'), 'cost-end', [
            ({ getFieldValue }: { getFieldValue: (n: string) => string | undefined }) => ({
              validator: (_: unknown, v?: string) =>
                !v || !getFieldValue('start') || v > getFieldValue('start')!
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('vcr.endAfter'))),
            }),
          ])}
          {noteItem()}
        </>
      );
      break;
    case 'inspection':
      fields = (
        <>
          {vehicleField}
          {dateItem('date', t('vc.date'), 'cost-date')}
          {dateItem('nextDue', t('vcr.nextDue'), 'cost-next-due', [
            ({ getFieldValue }: { getFieldValue: (n: string) => string | undefined }) => ({
              validator: (_: unknown, v?: string) =>
                !v || !getFieldValue('date') || v > getFieldValue('date')!
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('vcr.dueAfter'))),
            }),
          ])}
          {amountItem('amount', t('vc.amount'), false, false)}
          <Col xs={24} sm={12}>
            <Form.Item name="station" label={t('vcr.station2')}>
              <Input maxLength={100} data-testid="cost-station" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="passed" label={t('vcr.passed')} valuePropName="checked">
              <Switch data-testid="cost-passed" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'toll':
      fields = (
        <>
          {vehicleField}
          {timeField}
          <Col xs={12}>
            <Form.Item name="entry" label={t('vcr.entry')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-entry" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="exit" label={t('vcr.exit')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-exit" />
            </Form.Item>
          </Col>
          {amountItem('amount', t('vc.amount'), false)}
          <Col xs={24} sm={12}>
            <Form.Item name="transactionId" label={t('vcr.txn')}>
              <Input maxLength={60} data-testid="cost-txn" />
            </Form.Item>
          </Col>
        </>
      );
      break;
    default:
      fields = (
        <>
          {vehicleField}
          {timeField}
          {amountItem()}
          <Col xs={24} sm={12}>
            <Form.Item name="payee" label={t('vcr.payee')}>
              <Input maxLength={100} data-testid="cost-payee" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('vcr.description')} rules={[req]}>
              <Input maxLength={200} data-testid="cost-description" />
            </Form.Item>
          </Col>
        </>
      );
  }

  return (
    <Modal
      open={!!props.kind}
      title={t('vcr.addKind', { kind: t(`ck.${kind}`) })}
      onCancel={props.onClose}
      width={720}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) setError(null);
      }}
      footer={[
        <Button key="c" onClick={props.onClose}>
          {t('vh.cancel')}
        </Button>,
        <Button key="s" type="primary" loading={busy} onClick={submit} data-testid="cost-submit">
          {t('vcr.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="cost-form" data-kind={kind} data-locale={locale}>
        <Form.Item label={t('vc.kind')}>
          <Select
            value={kind}
            data-testid="cost-kind"
            onChange={(k: FormKind) => {
              setError(null);
              // Keep the vehicle; the other fields belong to the kind.
              const keep = form.getFieldValue('vehicleId');
              form.resetFields();
              form.setFieldsValue({ vehicleId: keep });
              props.onKind(k);
            }}
            options={COST_KINDS.map((k) => ({ value: k, label: t(`ck.${k}`) }))}
          />
        </Form.Item>
        {error ? (
          <Alert
            type="error"
            showIcon
            data-testid="cost-error"
            style={{ marginBottom: 12 }}
            title={`${t('vcr.failed')}：${error[0]}`}
            description={
              error.length > 1 ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {error.slice(1).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : null
            }
          />
        ) : null}
        <Row gutter={12}>{fields}</Row>
      </Form>
    </Modal>
  );
}

/** A fuel-card or ETC statement: template, upload (.xlsx or .csv), all or nothing, the error report row by row. */
function StatementImportModal(props: { kind: 'fuel' | 'etc' | null; onClose: () => void; onImported: () => void }) {
  const t = useT();
  const kind = props.kind ?? 'fuel';
  return (
    <ImportModal
      open={!!props.kind}
      onClose={props.onClose}
      title={t(`vcr.import.${kind}`)}
      path={pathOf(vehicleCostsApi.importStatement, { kind })}
      templatePath={pathOf(vehicleCostsApi.importTemplate, { kind })}
      accept=".xlsx,.csv"
      hint={t('vcr.import.hint')}
      description={kind === 'fuel' ? t('vcr.import.fuelHint') : undefined}
      okText={(r) => t('vcr.import.ok', { n: r.imported, s: r.skipped ?? 0 })}
      failedText={(n) => t('vcr.import.failed', { n })}
      width={760}
      onImported={props.onImported}
    />
  );
}
