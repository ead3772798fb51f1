import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Tabs,
  Tag,
  Tree,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { END_USES, ENERGY_TYPES, ENERGY_UNITS, METER_KINDS, METER_STATUSES, type TEnergyType } from '../../../contracts/modules/energy';
import type { TBuilding } from '../../../contracts/modules/office-space';
import { energyApi } from '../../../contracts/modules/energy.api';
import type { RouteBody } from '../../../contracts/route';
import { ApiError, api } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { useRecordParam } from '../../shared/useRecordParam';
import { seriesOption } from './charts';
import {
  EnergyTypeTag,
  EnergyUnitSelect,
  FlagTag,
  type TMeter,
  type TMeterNode,
  type TReading,
  enumOptions,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  unitLabel,
  useDefaultUnit,
  useEnergyRights,
} from './common';

defineMessages(
  {
    'emt.title': '计量器具',
    'emt.add': '新增表计',
    'emt.edit': '修改表计',
    'emt.list': '台账',
    'emt.tree': '表计层级',
    'emt.treeHint': '总表在上，分表在下；标“计入总量”的表计入单位能耗，其上下级不重复计入。',
    'emt.search': '名称 / 表号',
    'emt.name': '名称',
    'emt.code': '表号',
    'emt.unit': '计量单位',
    'emt.parent': '上级表',
    'emt.parentHint': '同一单位、同一能源种类的总表',
    'emt.endUse': '分项',
    'emt.multiplier': '倍率',
    'emt.multiplierHint': '互感器变比或脉冲系数：用量 = 读数差 × 倍率',
    'emt.rollover': '翻转值',
    'emt.rolloverHint': '表码满量程，如 99999999；读数小于上次且接近满量程时按翻转计算',
    'emt.interval': '采集方式',
    'emt.manual': '人工抄表',
    'emt.everyN': '每 {n} 分钟',
    'emt.inTotal': '计入总量',
    'emt.inTotalHint': '没有上级表的表计默认计入；分表默认不计入，避免重复计算',
    'emt.installed': '安装日期',
    'emt.building': '所在楼宇',
    'emt.lastReading': '最近读数',
    'emt.lastValue': '最近表底数',
    'emt.children': '分表',
    'emt.delete': '删除',
    'emt.deleteConfirm': '删除表计“{name}”？',
    'emt.deleted': '已删除',
    'emt.hasReadings': '“{name}”已有读数，不能删除。可将其停用：历史读数保留，不再接收新读数。',
    'emt.retire': '停用',
    'emt.retired': '已停用',
    'emt.detail': '表计详情',
    'emt.readings': '读数',
    'emt.consumption': '用量曲线',
    'emt.heatmap': '负荷热力图',
    'emt.ts': '读数时间',
    'emt.value': '表底数',
    'emt.used': '用量',
    'emt.flag': '标记',
    'emt.source': '来源',
    'emt.original': '原读数 {v}：{r}',
    'emt.correct': '更正',
    'emt.correctTitle': '更正读数：{name} {ts}',
    'emt.correctHint': '原读数会保留在记录中；更正后本次及下一次的用量重新计算。',
    'emt.newValue': '更正后表底数',
    'emt.reason': '更正原因',
    'emt.range': '日期范围',
    'emt.nightShare': '夜间负荷（22:00–06:00）',
    'emt.restShare': '休息日负荷',
    'emt.shareHint': '平均每小时用量占工作日白天的比例；比例高说明下班后设备未关。',
    'emt.noInterval': '人工抄表的表计没有分时数据',
    'emt.hour': '时',
    'emt.restDay': '休息日',
    'emt.noData': '该时段没有数据',
    'emt.unitMismatch': '计量单位须与能源种类相符',
  },
  {
    'emt.title': 'Meters',
    'emt.add': 'Add a meter',
    'emt.edit': 'Edit meter',
    'emt.list': 'Ledger',
    'emt.tree': 'Hierarchy',
    'emt.treeHint':
      'Masters above, sub-meters below. Meters marked "in totals" count in the unit’s energy; those above or below them do not count again.',
    'emt.search': 'Name / code',
    'emt.name': 'Name',
    'emt.code': 'Code',
    'emt.unit': 'Unit of measure',
    'emt.parent': 'Parent meter',
    'emt.parentHint': 'A master of the same unit and energy type',
    'emt.endUse': 'End use',
    'emt.multiplier': 'Multiplier',
    'emt.multiplierHint': 'CT/PT ratio or pulse factor: consumption = register difference × multiplier',
    'emt.rollover': 'Rollover value',
    'emt.rolloverHint': 'The register’s capacity, e.g. 99999999: a smaller reading near it counts as a rollover',
    'emt.interval': 'Reading',
    'emt.manual': 'Read by hand',
    'emt.everyN': 'Every {n} minutes',
    'emt.inTotal': 'In totals',
    'emt.inTotalHint': 'Meters without a parent count by default; sub-meters do not, so nothing counts twice',
    'emt.installed': 'Installed on',
    'emt.building': 'Building',
    'emt.lastReading': 'Last reading',
    'emt.lastValue': 'Last register',
    'emt.children': 'Sub-meters',
    'emt.delete': 'Delete',
    'emt.deleteConfirm': 'Delete meter "{name}"?',
    'emt.deleted': 'Deleted',
    'emt.hasReadings': '"{name}" has readings and cannot be deleted. Retire it instead: its history stays, new readings are refused.',
    'emt.retire': 'Retire',
    'emt.retired': 'Retired',
    'emt.detail': 'Meter',
    'emt.readings': 'Readings',
    'emt.consumption': 'Consumption',
    'emt.heatmap': 'Load heatmap',
    'emt.ts': 'Time',
    'emt.value': 'Register',
    'emt.used': 'Consumption',
    'emt.flag': 'Flag',
    'emt.source': 'Source',
    'emt.original': 'Was {v}: {r}',
    'emt.correct': 'Correct',
    'emt.correctTitle': 'Correct reading: {name} {ts}',
    'emt.correctHint': 'The original value is kept; this and the next consumption are recomputed.',
    'emt.newValue': 'Corrected register',
    'emt.reason': 'Reason',
    'emt.range': 'Dates',
    'emt.nightShare': 'Night load (22:00–06:00)',
    'emt.restShare': 'Rest-day load',
    'emt.shareHint': 'Average hourly use as a share of working daytime; a high share means equipment left on.',
    'emt.noInterval': 'A meter read by hand has no hourly data',
    'emt.hour': 'h',
    'emt.restDay': 'Rest day',
    'emt.noData': 'No data in this period',
    'emt.unitMismatch': 'The unit must fit the energy type',
  },
);

/** 计量器具: the meter ledger (filters, Excel), the master/sub-meter hierarchy and each meter's readings, chart and heatmap. */
export function MetersPage() {
  const t = useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [detail, open] = useRecordParam({ replace: true });
  const [editing, setEditing] = useState<TMeter | 'new' | null>(null);
  const [tab, setTab] = useState('list');
  const [treeOrg, setTreeOrg] = useState<number | undefined>(defaultUnit);
  const refresh = () => invalidate(qc, [energyApi.listMeters, energyApi.meterTree, energyApi.meter]);
  const remove = async (m: TMeter) => {
    try {
      await call(energyApi.deleteMeter, { params: { id: m.id } });
      message.success(t('emt.deleted'));
      refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        Modal.confirm({
          title: t('emt.hasReadings', { name: m.name }),
          okText: t('emt.retire'),
          cancelText: t('eg.cancel'),
          okButtonProps: { 'data-testid': 'meter-retire-confirm' } as never,
          onOk: () =>
            call(energyApi.updateMeter, { params: { id: m.id }, body: { status: 'retired' } })
              .then(() => {
                message.success(t('emt.retired'));
                refresh();
              })
              .catch((x) => message.error(errText(x))),
        });
      } else message.error(errText(e));
    }
  };
  const list = (
    <ServerTable<TMeter>
      route={energyApi.listMeters}
      exportRoute={energyApi.exportMeters}
      importRoute={rights.write ? energyApi.importMeters : undefined}
      templateRoute={energyApi.meterTemplate}
      testId="meter-table"
      extraQuery={{ orgId: defaultUnit }}
      onImported={refresh}
      // `children` is a meter's count of sub-meters here, not tree rows.
      expandable={{ childrenColumnName: 'noTreeRows' }}
      onRow={(m) => ({ 'data-testid': `meter-row-${m.id}`, 'data-code': m.code ?? '' }) as never}
      toolbar={
        rights.write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="meter-add">
            {t('emt.add')}
          </Button>
        ) : null
      }
      filters={
        <>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={t('eg.unit')} testId="meter-filter-unit" />
          </Form.Item>
          <Form.Item name="energyType">
            <Select allowClear placeholder={t('eg.energyType')} style={{ width: 130 }} options={enumOptions(t, 'eg.type', ENERGY_TYPES)} />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('eg.kind')} style={{ width: 120 }} options={enumOptions(t, 'eg.kind', METER_KINDS)} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('eg.status')} style={{ width: 110 }} options={enumOptions(t, 'eg.ms', METER_STATUSES)} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('emt.search')} style={{ width: 150 }} data-testid="meter-filter-q" />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('emt.code'), dataIndex: 'code', sorter: true, render: (v: string | null) => v ?? '—' },
        {
          title: t('emt.name'),
          dataIndex: 'name',
          sorter: true,
          render: (v: string, m) => (
            <LinkButton onClick={() => open(m.id)} data-testid={`meter-${m.id}`}>
              {v}
            </LinkButton>
          ),
        },
        { title: t('eg.unit'), dataIndex: 'orgName' },
        { title: t('eg.energyType'), dataIndex: 'energyType', render: (v: string) => <EnergyTypeTag type={v} /> },
        { title: t('emt.unit'), dataIndex: 'unit', render: (v: string) => unitLabel(t, v) },
        { title: t('eg.kind'), dataIndex: 'kind', render: (v: string) => t(`eg.kind.${v}`) },
        { title: t('emt.parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: t('emt.endUse'), dataIndex: 'endUse', render: (v: string | null) => (v ? t(`eg.use.${v}`) : '—') },
        { title: t('emt.multiplier'), dataIndex: 'multiplier', align: 'right' },
        {
          title: t('emt.inTotal'),
          dataIndex: 'inTotal',
          render: (v: boolean) => (v ? <Tag color="green">{t('emt.inTotal')}</Tag> : null),
        },
        {
          title: t('emt.interval'),
          dataIndex: 'intervalMinutes',
          render: (v: number | null, m) => (m.kind === 'bill' ? '—' : intervalLabel(t, v)),
        },
        { title: t('emt.lastReading'), dataIndex: 'lastReadingAt', sorter: true, render: fmtTime },
        { title: t('emt.lastValue'), dataIndex: 'lastValue', align: 'right', render: (v: number | null) => fmtNum(v) },
        {
          title: t('eg.status'),
          dataIndex: 'status',
          render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`eg.ms.${v}`)}</Tag>,
        },
        ...(rights.write
          ? [
              {
                title: '',
                key: 'op',
                render: (_: unknown, m: TMeter) => (
                  <Space size={8}>
                    <LinkButton icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid={`meter-edit-${m.id}`}>
                      {t('emt.edit')}
                    </LinkButton>
                    <Popconfirm
                      title={t('emt.deleteConfirm', { name: m.name })}
                      onConfirm={() => remove(m)}
                      okButtonProps={{ 'data-testid': 'meter-delete-confirm' } as never}
                    >
                      <LinkButton danger icon={<DeleteOutlined />} data-testid={`meter-delete-${m.id}`}>
                        {t('emt.delete')}
                      </LinkButton>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <div className="eg-page" data-testid="meters-page">
      <PageHeader title={t('emt.title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('emt.list'), children: list },
          {
            key: 'tree',
            label: t('emt.tree'),
            children: <MeterTree orgId={treeOrg} onOrg={setTreeOrg} onOpen={open} />,
          },
        ]}
      />
      {editing ? (
        <MeterModal
          key={editing === 'new' ? 'new' : editing.id}
          meter={editing}
          defaultOrg={defaultUnit ?? rights.me?.orgId}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
      <MeterDrawer id={detail} onClose={() => open(null)} canWrite={rights.write} />
    </div>
  );
}

export const intervalLabel = (t: (k: string, p?: Record<string, string | number>) => string, v: number | null) =>
  v ? t('emt.everyN', { n: v }) : t('emt.manual');

function MeterTree(props: { orgId?: number; onOrg: (v?: number) => void; onOpen: (id: number) => void }) {
  const t = useT();
  const q = useApiQuery(energyApi.meterTree, { query: { orgId: props.orgId } });
  const toNodes = (ns: TMeterNode[]): object[] =>
    ns.map((m) => ({
      key: m.id,
      title: (
        <span className="eg-tree-title" data-testid={`tree-meter-${m.id}`} data-in-total={String(m.inTotal)}>
          <span>{m.name}</span>
          {!props.orgId && !m.parentId ? <span className="eg-tree-code">{m.orgName}</span> : null}
          {m.code ? <span className="eg-tree-code">{m.code}</span> : null}
          <EnergyTypeTag type={m.energyType} />
          {m.inTotal ? <Tag color="green">{t('emt.inTotal')}</Tag> : null}
          {m.endUse ? <Tag>{t(`eg.use.${m.endUse}`)}</Tag> : null}
          {m.intervalMinutes ? <Tag color="purple">{intervalLabel(t, m.intervalMinutes)}</Tag> : null}
          {m.multiplier !== 1 ? <Tag>×{m.multiplier}</Tag> : null}
          {m.status === 'retired' ? <Tag>{t('eg.ms.retired')}</Tag> : null}
        </span>
      ),
      children: toNodes(m.nodes),
    }));
  return (
    <div data-testid="meter-tree">
      <Space wrap style={{ marginBottom: 12 }}>
        <EnergyUnitSelect allowClear value={props.orgId} onChange={props.onOrg} placeholder={t('eg.allUnits')} testId="meter-tree-unit" />
        <span style={{ color: '#888', fontSize: 12 }}>{t('emt.treeHint')}</span>
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : q.data.length ? (
        <Tree
          className="eg-tree"
          defaultExpandAll
          blockNode
          treeData={toNodes(q.data) as never}
          onSelect={(keys) => (keys[0] ? props.onOpen(Number(keys[0])) : undefined)}
        />
      ) : (
        <Empty />
      )}
    </div>
  );
}

/** Keeps the unit of measure among those the energy type allows (the first is the type's base unit). */
function UnitField({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const t = useT();
  const type = Form.useWatch('energyType', form) as TEnergyType | undefined;
  const allowed = type ? ENERGY_UNITS[type] : [];
  useEffect(() => {
    const unit = form.getFieldValue('unit');
    if (type && !ENERGY_UNITS[type].includes(unit)) form.setFieldValue('unit', ENERGY_UNITS[type][0]);
  }, [type, form]);
  return (
    <Form.Item name="unit" label={t('emt.unit')} rules={[{ required: true }]}>
      <Select disabled={disabled} data-testid="meter-form-unit" options={allowed.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
    </Form.Item>
  );
}

function ParentField({ form, self, disabled }: { form: FormInstance; self?: number; disabled?: boolean }) {
  const t = useT();
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const energyType = Form.useWatch('energyType', form) as string | undefined;
  const parents = useApiQuery(
    energyApi.listMeters,
    { query: { orgId, energyType: energyType as TEnergyType | undefined, kind: 'register', status: 'active', pageSize: 200 } },
    { enabled: !!orgId && !!energyType },
  );
  return (
    <Form.Item name="parentId" label={t('emt.parent')} extra={t('emt.parentHint')}>
      <Select
        allowClear
        showSearch
        disabled={disabled}
        optionFilterProp="label"
        loading={parents.isLoading}
        data-testid="meter-form-parent"
        options={(parents.data?.items ?? [])
          .filter((m) => m.id !== self)
          .map((m) => ({ value: m.id, label: `${m.name}${m.code ? ` · ${m.code}` : ''}` }))}
      />
    </Form.Item>
  );
}

/** The building the meter serves (office registry); picking it sets the site too. Hidden when the registry cannot be read. */
function BuildingField({ form }: { form: FormInstance }) {
  const t = useT();
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  // The office registry's route (another module's, not yet in a typed route table).
  const buildings = useQuery({
    queryKey: ['eg-buildings', orgId],
    enabled: !!orgId,
    retry: false,
    queryFn: () => api.get<{ items: TBuilding[] }>('/office-space/buildings', { orgId }).then((r) => r.items),
  });
  if (buildings.error) return null;
  return (
    <>
      <Form.Item name="siteId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="buildingId" label={t('emt.building')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={buildings.isLoading}
          data-testid="meter-form-building"
          onChange={(id?: number) => form.setFieldValue('siteId', buildings.data?.find((b) => b.id === id)?.siteId ?? null)}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} · ${b.name}` }))}
        />
      </Form.Item>
    </>
  );
}

/** Follows the parent: a sub-meter does not count in totals unless the user says so. */
function InTotalField({ form }: { form: FormInstance }) {
  const t = useT();
  const parentId = Form.useWatch('parentId', form);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched) form.setFieldValue('inTotal', !parentId);
  }, [parentId, touched, form]);
  return (
    <Form.Item name="inTotal" label=" " valuePropName="checked" extra={t('emt.inTotalHint')}>
      <Checkbox onChange={() => setTouched(true)} data-testid="meter-form-in-total">
        {t('emt.inTotal')}
      </Checkbox>
    </Form.Item>
  );
}

const METER_FIELDS = [
  'name',
  'code',
  'unit',
  'siteId',
  'buildingId',
  'parentId',
  'endUse',
  'multiplier',
  'rolloverValue',
  'inTotal',
  'intervalMinutes',
  'installedOn',
  'note',
  'status',
] as const;

function MeterModal(props: { meter: TMeter | 'new'; defaultOrg?: number; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const isNew = props.meter === 'new';
  const m = props.meter === 'new' ? null : props.meter;
  const kind = Form.useWatch('kind', form);
  const initial = m
    ? { ...m, intervalMinutes: m.intervalMinutes ?? 0, installedOn: m.installedOn ? dayjs(m.installedOn) : undefined }
    : {
        orgId: props.defaultOrg,
        energyType: 'electricity',
        unit: 'kWh',
        kind: 'register',
        multiplier: 1,
        intervalMinutes: 0,
        inTotal: true,
      };
  return (
    <FormModal
      open
      title={isNew ? t('emt.add') : `${t('emt.edit')} · ${m?.name ?? ''}`}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      width={720}
      initialValues={initial}
      onSubmit={(x) => {
        const body: Record<string, unknown> = {
          ...x,
          code: x.code?.trim() || null,
          parentId: x.parentId ?? null,
          endUse: x.endUse ?? null,
          rolloverValue: x.rolloverValue ?? null,
          siteId: x.siteId ?? null,
          buildingId: x.buildingId ?? null,
          intervalMinutes: x.intervalMinutes || null,
          installedOn: x.installedOn ? (x.installedOn as Dayjs).format('YYYY-MM-DD') : null,
          note: x.note?.trim() || null,
        };
        if (isNew) return call(energyApi.createMeter, { body: body as RouteBody<typeof energyApi.createMeter> });
        // Only what changed: a meter with readings refuses changes to its metering properties.
        const changed: Record<string, unknown> = {};
        for (const k of METER_FIELDS) {
          const before = (m as Record<string, unknown>)[k] ?? null;
          const after = body[k] ?? null;
          if (k in body && before !== after) changed[k] = after;
        }
        return call(energyApi.updateMeter, { params: { id: m!.id }, body: changed as RouteBody<typeof energyApi.updateMeter> });
      }}
    >
      <div data-testid="meter-form">
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('emt.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="meter-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="code" label={t('emt.code')} rules={[{ pattern: /^[0-9A-Za-z_.\-/]{1,40}$/ }]}>
              <Input data-testid="meter-form-code" placeholder="E-0001" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="orgId" label={t('eg.unit')} rules={[{ required: true }]}>
              <EnergyUnitSelect testId="meter-form-org" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="energyType" label={t('eg.energyType')} rules={[{ required: true }]}>
              <Select disabled={!isNew} data-testid="meter-form-type" options={enumOptions(t, 'eg.type', ENERGY_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <UnitField form={form} />
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="kind" label={t('eg.kind')} rules={[{ required: true }]}>
              <Select disabled={!isNew} data-testid="meter-form-kind" options={enumOptions(t, 'eg.kind', METER_KINDS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="intervalMinutes" label={t('emt.interval')}>
              <Select
                disabled={kind === 'bill'}
                data-testid="meter-form-interval"
                options={[{ value: 0, label: t('emt.manual') }, ...[15, 30, 60].map((n) => ({ value: n, label: t('emt.everyN', { n }) }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <ParentField form={form} self={m?.id} disabled={kind === 'bill'} />
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="endUse" label={t('emt.endUse')}>
              <Select allowClear data-testid="meter-form-end-use" options={enumOptions(t, 'eg.use', END_USES)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="multiplier" label={t('emt.multiplier')} rules={[{ required: true }]} tooltip={t('emt.multiplierHint')}>
              <InputNumber min={0.0001} max={1000000} style={{ width: '100%' }} data-testid="meter-form-multiplier" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="rolloverValue" label={t('emt.rollover')} tooltip={t('emt.rolloverHint')}>
              <InputNumber min={1} max={1e12} style={{ width: '100%' }} disabled={kind === 'bill'} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="installedOn" label={t('emt.installed')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <BuildingField form={form} />
          </Col>
          <Col xs={24} sm={12}>
            <InTotalField form={form} />
          </Col>
          {!isNew ? (
            <Col xs={24} sm={12}>
              <Form.Item name="status" label={t('eg.status')}>
                <Select options={enumOptions(t, 'eg.ms', METER_STATUSES)} data-testid="meter-form-status" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="note" label={t('eg.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </div>
    </FormModal>
  );
}

/** The meter's card, its readings (with corrections), its consumption by day and, for interval meters, the day × hour load. */
function MeterDrawer({ id, onClose, canWrite }: { id: number | null; onClose: () => void; canWrite: boolean }) {
  const t = useT();
  const q = useApiQuery(energyApi.meter, { params: { id: id ?? 0 } }, { enabled: !!id });
  const m = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={m ? `${m.name}${m.code ? ` · ${m.code}` : ''}` : t('emt.detail')}
      size="min(880px, 100vw)"
      destroyOnHidden
    >
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !m ? (
        <Loading />
      ) : (
        <div data-testid="meter-drawer" data-meter={m.id}>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('eg.unit')}>{m.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('eg.energyType')}>
              <EnergyTypeTag type={m.energyType} /> {unitLabel(t, m.unit)} · {t(`eg.kind.${m.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emt.building')}>
              {m.buildingName ? `${m.siteName ?? ''} · ${m.buildingName}` : (m.siteName ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('emt.parent')}>{m.parentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emt.children')}>{m.children}</Descriptions.Item>
            <Descriptions.Item label={t('emt.endUse')}>{m.endUse ? t(`eg.use.${m.endUse}`) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emt.inTotal')}>{m.inTotal ? t('eg.yes') : t('eg.no')}</Descriptions.Item>
            <Descriptions.Item label={t('emt.multiplier')}>{m.multiplier}</Descriptions.Item>
            <Descriptions.Item label={t('emt.rollover')}>{fmtNum(m.rolloverValue)}</Descriptions.Item>
            <Descriptions.Item label={t('emt.interval')}>{intervalLabel(t, m.intervalMinutes)}</Descriptions.Item>
            <Descriptions.Item label={t('eg.status')}>{t(`eg.ms.${m.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('emt.lastReading')}>{fmtTime(m.lastReadingAt)}</Descriptions.Item>
            <Descriptions.Item label={t('emt.lastValue')}>{fmtNum(m.lastValue)}</Descriptions.Item>
            {m.note ? (
              <Descriptions.Item label={t('eg.note')} span={2}>
                {m.note}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {m.kind === 'register' ? (
            <Tabs
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'readings',
                  label: t('emt.readings'),
                  children: <MeterReadings meter={m} canWrite={canWrite && m.status === 'active'} />,
                },
                { key: 'chart', label: t('emt.consumption'), children: <MeterSeries meter={m} /> },
                ...(m.intervalMinutes ? [{ key: 'heatmap', label: t('emt.heatmap'), children: <MeterHeatmap meter={m} /> }] : []),
              ]}
            />
          ) : null}
        </div>
      )}
    </Drawer>
  );
}

function MeterReadings({ meter, canWrite }: { meter: TMeter; canWrite: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const [correcting, setCorrecting] = useState<TReading | null>(null);
  return (
    <>
      <ServerTable<TReading>
        route={energyApi.listReadings}
        extraQuery={{ meterId: meter.id }}
        rowKey="ts"
        testId="meter-readings"
        onRow={(r) => ({ 'data-testid': `reading-${r.ts}`, 'data-flag': r.flag ?? '', 'data-value': r.value }) as never}
        rowClassName={(r) => (r.flag === 'negative' ? 'eg-bad-row' : r.flag ? 'eg-warn-row' : '')}
        columns={[
          { title: t('emt.ts'), dataIndex: 'ts', render: fmtTime },
          { title: t('emt.value'), dataIndex: 'value', align: 'right', render: (v: number) => fmtNum(v, 3) },
          {
            title: `${t('emt.used')} (${unitLabel(t, meter.unit)})`,
            dataIndex: 'consumption',
            align: 'right',
            render: (v: number | null) => fmtNum(v, 3),
          },
          { title: t('emt.flag'), dataIndex: 'flag', render: (v: string | null) => <FlagTag flag={v} /> },
          { title: t('emt.source'), dataIndex: 'source', render: (v: string) => t(`eg.src.${v}`) },
          {
            title: t('eg.note'),
            key: 'corr',
            render: (_, r) =>
              r.originalValue !== null ? (
                <span className="eg-evidence" data-testid="reading-original" data-original={r.originalValue}>
                  {t('emt.original', { v: fmtNum(r.originalValue, 3), r: r.correctionReason ?? '' })}
                </span>
              ) : null,
          },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TReading) => (
                    <LinkButton onClick={() => setCorrecting(r)} data-testid="reading-correct">
                      {t('emt.correct')}
                    </LinkButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      {correcting ? (
        <FormModal
          open
          title={t('emt.correctTitle', { name: meter.name, ts: fmtTime(correcting.ts) })}
          onClose={() => setCorrecting(null)}
          initialValues={{ value: correcting.value }}
          onSaved={() => invalidate(qc, [energyApi.listReadings, energyApi.meter])}
          onSubmit={(v: { value: number; reason: string }) =>
            call(energyApi.correctReading, { body: { meterId: meter.id, ts: correcting.ts, value: v.value, reason: v.reason } })
          }
        >
          <Alert type="info" showIcon title={t('emt.correctHint')} style={{ marginBottom: 12 }} />
          <Form.Item label={t('emt.value')}>
            <span>{fmtNum(correcting.originalValue ?? correcting.value, 3)}</span>
          </Form.Item>
          <Form.Item name="value" label={t('emt.newValue')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1e12} style={{ width: '100%' }} data-testid="correct-value" />
          </Form.Item>
          <Form.Item name="reason" label={t('emt.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="correct-reason" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

type Range = [Dayjs, Dayjs];
const rangeQuery = (r: Range) => ({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });

function MeterSeries({ meter }: { meter: TMeter }) {
  const t = useT();
  const [range, setRange] = useState<Range>([dayjs().subtract(59, 'day'), dayjs()]);
  const q = useApiQuery(energyApi.series, { query: { meterId: meter.id, grain: 'day', ...rangeQuery(range) } });
  const option = useMemo(() => (q.data ? seriesOption(q.data, meter.energyType, unitLabel(t, meter.unit)) : null), [q.data, meter, t]);
  return (
    <div data-testid="meter-series">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
        disabledDate={(d) => d.isAfter(dayjs())}
        style={{ marginBottom: 12 }}
      />
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !option ? (
        <Loading />
      ) : q.data?.points.length ? (
        <Chart option={option} height={300} />
      ) : (
        <div className="eg-chart-empty">{t('emt.noData')}</div>
      )}
    </div>
  );
}

function MeterHeatmap({ meter }: { meter: TMeter }) {
  const t = useT();
  const [range, setRange] = useState<Range>([dayjs().subtract(27, 'day'), dayjs()]);
  const q = useApiQuery(energyApi.heatmap, { query: { meterId: meter.id, ...rangeQuery(range) } });
  const option = useMemo(() => {
    const d = q.data;
    if (!d) return null;
    const values = d.days.flatMap((day, y) => day.hours.map((v, x) => [x, y, v === null ? '-' : Number(v.toFixed(2))]));
    const max = Math.max(1, ...d.days.flatMap((day) => day.hours.map((v) => v ?? 0)));
    return {
      tooltip: { position: 'top' },
      grid: { left: 92, right: 16, top: 8, bottom: 64 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}${t('emt.hour')}`), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: d.days.map((day) => `${day.day.slice(5)}${day.working ? '' : ` ${t('emt.restDay')}`}`),
        axisLabel: { fontSize: 10 },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: Number(max.toFixed(2)),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: [unitLabel(t, d.unit), '0'],
        inRange: { color: ['#f0f9ff', '#69b1ff', '#0958d9', '#cf1322'] },
      },
      series: [{ type: 'heatmap', data: values, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [q.data, t]);
  return (
    <div data-testid="meter-heatmap">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
        disabledDate={(d) => d.isAfter(dayjs())}
        style={{ marginBottom: 12 }}
      />
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !q.data || !option ? (
        <Loading />
      ) : q.data.days.length ? (
        <>
          <Row gutter={12} style={{ marginBottom: 8 }}>
            <Col xs={12}>
              <Statistic
                title={t('emt.nightShare')}
                value={fmtPct(q.data.nightShare, 0, false)}
                styles={{ content: (q.data.nightShare ?? 0) > 0.5 ? { color: '#cf1322' } : undefined }}
              />
            </Col>
            <Col xs={12}>
              <Statistic
                title={t('emt.restShare')}
                value={fmtPct(q.data.restDayShare, 0, false)}
                styles={{ content: (q.data.restDayShare ?? 0) > 0.5 ? { color: '#cf1322' } : undefined }}
              />
            </Col>
          </Row>
          <div style={{ color: '#888', fontSize: 12, marginBottom: 8 }}>{t('emt.shareHint')}</div>
          <Chart option={option} height={Math.max(280, q.data.days.length * 18 + 80)} />
        </>
      ) : (
        <div className="eg-chart-empty">{t('emt.noData')}</div>
      )}
    </div>
  );
}
