import type { RouteBody } from '../../../contracts/route';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  REPAIR_KINDS,
  REPAIR_STATUSES,
  type TRepair,
  type TRepairSnapshot,
  type TUseClass,
  USE_CLASSES,
} from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError, api } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useLocale } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { DraftUpload, FileList } from '../../shared/ui/Attachments';
import { UnitSelect, enumOptions, fmtArea, useBuildings, useRoomUseLabel, useRoomUses, officeMessages, tKey } from './common';
import { formatMoney } from '../../shared/money';
import { cnToday } from '../../shared/dates';

export const repairsMessages = defineMessages('office.repairs', {
  title: { zh: '办公用房维修改造', en: 'Office repairs and refits' },
  new: { zh: '申报维修改造', en: 'Request a repair' },
  kind: { zh: '类别', en: 'Kind' },
  'kind.major': { zh: '大修', en: 'Major repair' },
  'kind.medium': { zh: '中修', en: 'Medium repair' },
  'kind.routine': { zh: '日常维修', en: 'Routine repair' },
  'st.pending': { zh: '审批中', en: 'Pending' },
  'st.approved': { zh: '已立项', en: 'Approved' },
  'st.in_progress': { zh: '实施中', en: 'In progress' },
  'st.completed': { zh: '已竣工验收', en: 'Accepted' },
  'st.filed': { zh: '已备案', en: 'Filed' },
  'st.rejected': { zh: '未立项', en: 'Rejected' },
  'st.returned': { zh: '已退回', en: 'Returned' },
  'st.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
  project: { zh: '项目名称', en: 'Project' },
  assessment: { zh: '检查鉴定意见', en: 'Inspection and assessment' },
  scope: { zh: '维修改造内容', en: 'Scope of works' },
  budget: { zh: '预算(元)', en: 'Budget (CNY)' },
  actualCost: { zh: '实际费用(元)', en: 'Actual cost (CNY)' },
  addedArea: { zh: '新增面积(㎡)', en: 'Added area (m²)' },
  addedHintMajor: {
    zh: '大修新增面积不得超过楼栋建筑面积的 {p}%：{g} ㎡ × {p}% = {m} ㎡',
    en: 'A major repair may add at most {p}% of the gross area: {g} m² × {p}% = {m} m²',
  },
  addedHintOther: { zh: '中修、日常维修不得增加建筑面积', en: 'Medium and routine repairs may not add floor area' },
  addedOver: { zh: '超过允许的 {m} ㎡', en: 'more than the {m} m² allowed' },
  pickBuilding: { zh: '先选择楼栋', en: 'Choose the building first' },
  plannedStart: { zh: '计划开工', en: 'Planned start' },
  plannedEnd: { zh: '计划完工', en: 'Planned end' },
  planned: { zh: '计划工期', en: 'Planned period' },
  files: { zh: '附件（鉴定报告、方案、图纸）', en: 'Files (assessment report, plans, drawings)' },
  open: { zh: '详情', en: 'Open' },
  detail: { zh: '维修改造项目', en: 'Repair project' },
  'step.assess': { zh: '检查鉴定', en: 'Assessment' },
  'step.approve': { zh: '项目确立', en: 'Project approval' },
  'step.works': { zh: '实施', en: 'Works' },
  'step.accept': { zh: '竣工验收', en: 'Acceptance' },
  'step.file': { zh: '备案', en: 'Filing' },
  approval: { zh: '审批单', en: 'Approval' },
  openApproval: { zh: '查看审批', en: 'Open the approval' },
  startedOn: { zh: '开工日期', en: 'Started on' },
  completedOn: { zh: '竣工日期', en: 'Completed on' },
  acceptance: { zh: '验收结论', en: 'Acceptance conclusion' },
  filedAt: { zh: '备案时间', en: 'Filed at' },
  attachments: { zh: '附件', en: 'Files' },
  start: { zh: '开工', en: 'Start works' },
  complete: { zh: '竣工验收', en: 'Completion acceptance' },
  fileIt: { zh: '办理备案', en: 'File the result' },
  compare: { zh: '备案前后对比表', en: 'Before/after comparison' },
  date: { zh: '日期', en: 'Date' },
  progressFiles: { zh: '附件（施工、验收资料）', en: 'Files (works and acceptance records)' },
  filing: { zh: '维修改造备案', en: 'File the repaired building' },
  filingHint: {
    zh: '按竣工后的实际情况修改房间面积、用途、编号，撤销拆除的房间，新增改造形成的房间。未修改的房间保持不变。',
    en: 'Record the rooms as they are after the works: change area, use or number, mark demolished rooms removed, add rooms the works created. Rooms left as they are stay unchanged.',
  },
  grossAfter: { zh: '竣工后楼栋建筑面积(㎡)', en: 'Gross area after the works (m²)' },
  grossHint: { zh: '备案前 {b} ㎡，本项目最多 {m} ㎡', en: 'Before: {b} m²; this project allows at most {m} m²' },
  removed: { zh: '撤销', en: 'Removed' },
  addRow: { zh: '新增房间', en: 'Add a room' },
  drawings: { zh: '更新后的平面图及验收资料', en: 'Updated floor plans and acceptance records' },
  submitFiling: { zh: '提交备案', en: 'Submit filing' },
  needFloor: { zh: '新增房间须选择楼层', en: 'A new room needs its floor' },
  needFields: { zh: '请填写房间号、面积和用途', en: 'Fill in the number, area and use of each room' },
  changed: { zh: '已修改 {n} 间', en: '{n} room(s) changed' },
  filed: { zh: '已备案', en: 'Filed' },
  back: { zh: '返回', en: 'Back' },
  issuer: { zh: '机关事务管理局', en: 'Government Offices Administration' },
  docTitle: { zh: '办公用房维修改造备案表', en: 'Office repair filing: before and after' },
  docNo: { zh: '备案编号：WX-{id}', en: 'Filing no. WX-{id}' },
  s1: { zh: '一、项目概况', en: '1. Project' },
  s2: { zh: '二、面积对比', en: '2. Areas' },
  s3: { zh: '三、房间明细对比', en: '3. Rooms' },
  s4: { zh: '四、领导干部办公室对比', en: '4. Leaders’ offices' },
  item: { zh: '项目', en: 'Item' },
  before: { zh: '改造前', en: 'Before' },
  after: { zh: '改造后', en: 'After' },
  change: { zh: '增减', en: 'Change' },
  gross: { zh: '楼栋建筑面积', en: 'Building gross area' },
  usable: { zh: '本单位使用面积合计', en: 'Unit’s usable area' },
  deleted: { zh: '已撤销', en: 'Removed' },
  added: { zh: '新增', en: 'New' },
  person: { zh: '姓名', en: 'Name' },
  post: { zh: '职务', en: 'Post' },
  std: { zh: '标准(㎡)', en: 'Standard (m²)' },
  none: { zh: '无', en: 'None' },
  notFiled: { zh: '项目尚未备案', en: 'The project has not been filed yet' },
  actions: { zh: '办理', en: 'Actions' },
});

const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'blue',
  in_progress: 'orange',
  completed: 'cyan',
  filed: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};
const KIND_COLOR: Record<string, string> = { major: 'red', medium: 'gold', routine: 'default' };
const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
const round2 = (n: number) => Math.round(n * 100) / 100;
const ymd = (v: { format: (f: string) => string }) => v.format('YYYY-MM-DD');

/** The share of gross area a major repair may add (the area rule; 15 % unless the rule says otherwise). */
function useAreaShare(): number {
  const { hasPermission } = useAuth();
  const q = useQuery({
    queryKey: ['rule', 'office_area_standard'],
    enabled: hasPermission('refdata.read'),
    staleTime: 300_000,
    queryFn: () =>
      api.get<{ items: { effectiveFrom: string; data: { majorRepairMaxAreaIncrease?: number } }[] }>('/refdata/rules/office_area_standard'),
  });
  const today = cnToday();
  const inForce = (q.data?.items ?? [])
    .filter((r) => r.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return inForce?.data.majorRepairMaxAreaIncrease ?? 0.15;
}

/** 维修改造: 检查鉴定 → 项目确立 (approval) → 实施 → 竣工验收 → 备案 (the registry follows, before and after kept). */
export function RepairsPage() {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const buildings = useBuildings();
  const [creating, setCreating] = useState(false);
  const openId = params.get('id') ? Number(params.get('id')) : null;
  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const open = (id: number | null) => setParam({ id: id ? String(id) : null, print: null });
  const refresh = () => {
    // The attachment lists are the core's (not yet typed routes): their key stays as the files module names it.
    qc.invalidateQueries({ queryKey: ['files', 'office_repair'] });
    invalidate(qc, [officeApi.repairs, officeApi.repair, officeApi.buildings]);
  };
  if (openId && params.get('print')) return <Comparison id={openId} onBack={() => setParam({ print: null })} />;
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('office.request') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="repair-new">
              {t('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TRepair>
        route={officeApi.repairs}
        testId="repairs-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        exportRoute={hasPermission('office.export') ? officeApi.exportRepairs : undefined}
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="buildingId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={tc('building')}
                style={{ width: 170 }}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={t('kind')}
                style={{ width: 120 }}
                options={enumOptions((v) => t(`kind.${v}`), REPAIR_KINDS)}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tc('status')}
                style={{ width: 130 }}
                options={enumOptions((v) => t(`st.${v}`), REPAIR_STATUSES)}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('project'),
            dataIndex: 'title',
            render: (v, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`repair-open-${r.id}`}>
                {v}
              </LinkButton>
            ),
          },
          { title: tc('unit'), dataIndex: 'orgName' },
          { title: tc('building'), dataIndex: 'buildingName' },
          { title: t('kind'), dataIndex: 'kind', render: (v: string) => <Tag color={KIND_COLOR[v]}>{tKey(t, `kind.${v}`)}</Tag> },
          { title: t('budget'), dataIndex: 'budget', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('addedArea'), dataIndex: 'addedArea', align: 'right', render: (v: number) => (v ? fmtArea(v) : '—') },
          { title: t('planned'), dataIndex: 'plannedStart', sorter: true, render: (_, r) => `${r.plannedStart} ~ ${r.plannedEnd}` },
          {
            title: tc('status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{tKey(t, `st.${v}`)}</Tag>,
          },
          {
            title: '',
            key: 'op',
            render: (_, r) => (
              <Space>
                <LinkButton onClick={() => open(r.id)}>{t('open')}</LinkButton>
                {r.status === 'filed' ? (
                  <LinkButton onClick={() => setParam({ id: String(r.id), print: '1' })}>{t('compare')}</LinkButton>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <RequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          refresh();
          open(id);
        }}
      />
      <RepairDrawer id={openId} onClose={() => open(null)} onChanged={refresh} onPrint={(id) => setParam({ id: String(id), print: '1' })} />
    </div>
  );
}

function RequestModal(props: { open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const { me, hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm();
  const share = useAreaShare();
  const created = useRef<number | null>(null);
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const buildingId = Form.useWatch('buildingId', form) as number | undefined;
  const kind = Form.useWatch('kind', form) as string | undefined;
  const buildingsQ = useApiQuery(officeApi.buildings, { query: { orgId } }, { enabled: props.open && !!orgId });
  const buildings = { ...buildingsQ, data: buildingsQ.data?.items };
  const options = (buildings.data ?? []).filter((b) => b.rooms > 0 || hasPermission('office.manage'));
  const building = options.find((b) => b.id === buildingId);
  const max = building ? (kind === 'major' ? round2(building.grossArea * share) : 0) : null;
  useEffect(() => {
    if (kind && kind !== 'major') form.setFieldValue('addedArea', 0);
  }, [kind, form]);
  const pct = round2(share * 100);
  return (
    <FormModal
      open={props.open}
      title={t('new')}
      onClose={props.onClose}
      onSaved={() => {
        if (created.current) props.onSaved(created.current);
      }}
      form={form}
      width={720}
      initialValues={{ orgId: activeOrg ?? me?.orgId, kind: 'routine', addedArea: 0 }}
      onSubmit={async (v) => {
        const r = await call(officeApi.createRepair, {
          body: {
            ...v,
            addedArea: v.addedArea ?? 0,
            plannedStart: ymd(v.plannedStart),
            plannedEnd: ymd(v.plannedEnd),
            fileIds: v.fileIds ?? [],
          } as RouteBody<typeof officeApi.createRepair>,
        });
        created.current = r.id;
      }}
    >
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
          <UnitSelect testId="repair-form-org" onChange={() => form.setFieldValue('buildingId', undefined)} />
        </Form.Item>
        <Form.Item name="buildingId" label={tc('building')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 260 }}
            loading={buildings.isFetching}
            data-testid="repair-form-building"
            options={options.map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}（${fmtArea(b.grossArea)} ㎡）` }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('project')} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="repair-form-title" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={enumOptions((v) => t(`kind.${v}`), REPAIR_KINDS)} data-testid="repair-form-kind" />
        </Form.Item>
        <Form.Item name="budget" label={t('budget')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1e10} precision={2} style={{ width: 170 }} data-testid="repair-form-budget" />
        </Form.Item>
        <Form.Item
          name="addedArea"
          label={t('addedArea')}
          rules={[
            {
              validator: async (_, v: number | null) => {
                if (max !== null && (v ?? 0) > max) throw new Error(t('addedOver', { m: fmtArea(max) }));
              },
            },
          ]}
        >
          <InputNumber min={0} precision={2} disabled={kind !== 'major'} style={{ width: 150 }} data-testid="repair-form-added" />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="repair-form-cap" data-max={max ?? ''}>
        {!building
          ? t('pickBuilding')
          : kind === 'major'
            ? t('addedHintMajor', { p: pct, g: fmtArea(building.grossArea), m: fmtArea(max) })
            : t('addedHintOther')}
      </Typography.Paragraph>
      <Space wrap>
        <Form.Item name="plannedStart" label={t('plannedStart')} rules={[{ required: true }]}>
          <DatePicker data-testid="repair-form-start" />
        </Form.Item>
        <Form.Item
          name="plannedEnd"
          label={t('plannedEnd')}
          dependencies={['plannedStart']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_, v: dayjs.Dayjs | undefined) => {
                const s = getFieldValue('plannedStart') as dayjs.Dayjs | undefined;
                if (v && s && v.isBefore(s, 'day')) throw new Error(t('plannedEnd'));
              },
            }),
          ]}
        >
          <DatePicker data-testid="repair-form-end" />
        </Form.Item>
      </Space>
      <Form.Item name="assessment" label={t('assessment')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="repair-form-assessment" />
      </Form.Item>
      <Form.Item name="scope" label={t('scope')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="fileIds" label={t('files')}>
        <DraftUpload ownerType="office_repair" testId="repair-form-files" />
      </Form.Item>
    </FormModal>
  );
}

const STEP_KEYS = ['assess', 'approve', 'works', 'accept', 'file'] as const;
type StepStatus = 'wait' | 'process' | 'finish' | 'error';
function stepStates(r: TRepair): { current: number; states: StepStatus[] } {
  const failed = r.status === 'rejected' || r.status === 'returned' || r.status === 'withdrawn';
  const order = ['pending', 'approved', 'in_progress', 'completed', 'filed'];
  const i = order.indexOf(r.status);
  if (failed) return { current: 1, states: ['finish', 'error', 'wait', 'wait', 'wait'] };
  // pending → 项目确立 under way; approved/in progress → 实施; completed → 备案; filed → all done.
  const current = [1, 2, 2, 4, 4][i] ?? 0;
  const states = STEP_KEYS.map((_, k): StepStatus => {
    if (r.status === 'filed') return 'finish';
    if (k < current) return 'finish';
    if (k === current) return 'process';
    return 'wait';
  });
  if (r.status === 'in_progress') states[2] = 'process';
  return { current, states };
}

function RepairSteps({ r }: { r: TRepair }) {
  const t = repairsMessages.useT();
  const { current, states } = stepStates(r);
  const notes = [
    r.createdAt.slice(0, 10),
    r.status === 'pending' ? t('st.pending') : '',
    r.startedOn ?? '',
    r.completedOn ?? '',
    r.filedAt?.slice(0, 10) ?? '',
  ];
  return (
    <div data-testid="repair-steps" data-current={current}>
      <Steps
        size="small"
        responsive
        current={current}
        items={STEP_KEYS.map((k, i) => ({ title: t(`step.${k}`), status: states[i], content: notes[i] || undefined }))}
      />
    </div>
  );
}

function RepairDrawer(props: { id: number | null; onClose: () => void; onChanged: () => void; onPrint: (id: number) => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const screens = Grid.useBreakpoint();
  const { hasPermission } = useAuth();
  const [acting, setActing] = useState<'start' | 'complete' | null>(null);
  const [filing, setFiling] = useState(false);
  const q = useApiQuery(officeApi.repair, { params: { id: props.id ?? 0 } }, { enabled: !!props.id });
  const r = q.data;
  const can = hasPermission('office.request');
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      title={r ? r.title : t('detail')}
      size={screens.md ? 860 : '100%'}
      destroyOnHidden
      extra={
        r?.instanceId ? (
          <Link to={`/approvals/${r.instanceId}`} data-testid="repair-approval-link">
            {t('openApproval')}
          </Link>
        ) : null
      }
    >
      {q.error ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : null}
      {!r && !q.error ? <Loading /> : null}
      {r ? (
        <div data-testid="repair-detail" data-status={r.status}>
          <div style={{ marginBottom: 16 }}>
            <RepairSteps r={r} />
          </div>
          <Space wrap style={{ marginBottom: 16 }}>
            {can && r.status === 'approved' ? (
              <Button type="primary" onClick={() => setActing('start')} data-testid="repair-start">
                {t('start')}
              </Button>
            ) : null}
            {can && r.status === 'in_progress' ? (
              <Button type="primary" onClick={() => setActing('complete')} data-testid="repair-complete">
                {t('complete')}
              </Button>
            ) : null}
            {can && r.status === 'completed' ? (
              <Button type="primary" onClick={() => setFiling(true)} data-testid="repair-file">
                {t('fileIt')}
              </Button>
            ) : null}
            {r.status === 'filed' ? (
              <Button icon={<PrinterOutlined />} onClick={() => props.onPrint(r.id)} data-testid="repair-compare">
                {t('compare')}
              </Button>
            ) : null}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={tc('unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <Tag color={STATUS_COLOR[r.status]} data-testid="repair-status">
                {t(`st.${r.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={tc('building')}>
              {r.buildingName}（{fmtArea(r.buildingGrossArea)} ㎡）
            </Descriptions.Item>
            <Descriptions.Item label={t('kind')}>
              <Tag color={KIND_COLOR[r.kind]}>{t(`kind.${r.kind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('budget')}>{formatMoney(r.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('addedArea')}>{fmtArea(r.addedArea)}</Descriptions.Item>
            <Descriptions.Item label={t('planned')} span={{ xs: 1, md: 2 }}>
              {r.plannedStart} ~ {r.plannedEnd}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment')} span={{ xs: 1, md: 2 }}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.assessment}</span>
            </Descriptions.Item>
            {r.scope ? (
              <Descriptions.Item label={t('scope')} span={{ xs: 1, md: 2 }}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.scope}</span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('startedOn')}>{r.startedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('completedOn')}>{r.completedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('actualCost')}>{formatMoney(r.actualCost)}</Descriptions.Item>
            <Descriptions.Item label={t('filedAt')}>{r.filedAt ? new Date(r.filedAt).toLocaleString() : '—'}</Descriptions.Item>
            {r.acceptanceNote ? (
              <Descriptions.Item label={t('acceptance')} span={{ xs: 1, md: 2 }}>
                {r.acceptanceNote}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('approval')} span={{ xs: 1, md: 2 }}>
              {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>#{r.instanceId}</Link> : '—'}
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('attachments')}</h4>
          <FileList ownerType="office_repair" ownerId={r.id} testId="repair-files" />
          <ProgressModal repair={r} action={acting} onClose={() => setActing(null)} onSaved={props.onChanged} />
          {filing ? <FilingModal repair={r} onClose={() => setFiling(false)} onSaved={props.onChanged} /> : null}
        </div>
      ) : null}
    </Drawer>
  );
}

function ProgressModal(props: { repair: TRepair; action: 'start' | 'complete' | null; onClose: () => void; onSaved: () => void }) {
  const t = repairsMessages.useT();
  const [form] = Form.useForm();
  const complete = props.action === 'complete';
  return (
    <FormModal
      open={!!props.action}
      title={complete ? t('complete') : t('start')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      initialValues={{ date: dayjs() }}
      onSubmit={(v) =>
        call(officeApi.repairProgress, {
          params: { id: props.repair.id },
          body: {
            action: props.action!,
            date: ymd(v.date),
            actualCost: complete ? v.actualCost : undefined,
            acceptanceNote: complete ? v.acceptanceNote : undefined,
            fileIds: v.fileIds ?? [],
          },
        })
      }
    >
      <Form.Item name="date" label={complete ? t('completedOn') : t('startedOn')} rules={[{ required: true }]}>
        <DatePicker data-testid="progress-date" />
      </Form.Item>
      {complete ? (
        <>
          <Form.Item name="actualCost" label={t('actualCost')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1e10} precision={2} style={{ width: 200 }} data-testid="progress-cost" />
          </Form.Item>
          <Form.Item name="acceptanceNote" label={t('acceptance')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="progress-note" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="fileIds" label={t('progressFiles')}>
        <DraftUpload ownerType="office_repair" />
      </Form.Item>
    </FormModal>
  );
}

type Row = {
  key: string;
  roomId?: number;
  floorId?: number;
  floorName: string;
  number: string;
  area: number | null;
  useClass: string;
  useType: string | null;
  removed: boolean;
  orig?: TRepairSnapshot['rooms'][number];
};
const isChanged = (r: Row) =>
  !r.orig ||
  r.removed ||
  r.area !== r.orig.area ||
  r.number !== r.orig.number ||
  r.useClass !== r.orig.useClass ||
  (r.useType ?? '') !== (r.orig.useType ?? '');

function FilingModal(props: { repair: TRepair; onClose: () => void; onSaved: () => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const screens = Grid.useBreakpoint();
  const rep = props.repair;
  const share = useAreaShare();
  const uses = useRoomUses();
  const { locale } = useLocale();
  const current = useApiQuery(officeApi.repairCurrent, { params: { id: rep.id } });
  const floorsQ = useApiQuery(officeApi.floors, { query: { buildingId: rep.buildingId } });
  const floors = { ...floorsQ, data: floorsQ.data?.items };
  const [rows, setRows] = useState<Row[] | null>(null);
  const [gross, setGross] = useState<number | null>(null);
  const [fileIds, setFileIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (current.data && rows === null) {
      setRows(current.data.rooms.map((r) => ({ ...r, key: String(r.roomId), removed: false, orig: r })));
      setGross(current.data.grossArea);
    }
  }, [current.data, rows]);
  const before = current.data;
  const maxGross = before ? round2(before.grossArea * (1 + (rep.kind === 'major' ? share : 0))) : 0;
  const update = (key: string, patch: Partial<Row>) => setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    seq.current += 1;
    setRows((rs) => [
      ...(rs ?? []),
      { key: `new-${seq.current}`, floorName: '', number: '', area: null, useClass: 'office', useType: 'office', removed: false },
    ]);
  };
  const changed = (rows ?? []).filter(isChanged);
  const afterByClass = useMemo(() => {
    const m: Record<string, number> = { office: 0, service: 0, equipment: 0, auxiliary: 0 };
    for (const r of rows ?? []) if (!r.removed) m[r.useClass] = round2((m[r.useClass] ?? 0) + (r.area ?? 0));
    return m;
  }, [rows]);
  const submit = async () => {
    if (!rows || gross === null) return;
    for (const r of changed) {
      if (r.removed) continue;
      if (!r.roomId && !r.floorId) return message.error(t('needFloor'));
      if (!r.number.trim() || !r.area || !r.useType) return message.error(t('needFields'));
    }
    setBusy(true);
    try {
      await call(officeApi.fileRepair, {
        params: { id: rep.id },
        body: {
          grossArea: gross,
          rooms: changed.map((r) => ({
            roomId: r.roomId,
            floorId: r.roomId ? undefined : r.floorId,
            number: r.number.trim(),
            area: r.area ?? r.orig?.area ?? 0,
            useClass: r.useClass as TUseClass,
            useType: r.useType ?? r.orig?.useType ?? r.useClass,
            removed: r.removed,
          })),
          fileIds,
        },
      });
      message.success(t('filed'));
      props.onSaved();
      props.onClose();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('filing')} · ${rep.buildingName}`}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('submitFiling')}
      okButtonProps={{ 'data-testid': 'filing-submit' } as never}
      width={screens.lg ? 1080 : '100%'}
      style={screens.lg ? undefined : { top: 0, maxWidth: '100vw', padding: 0 }}
      destroyOnHidden
    >
      {current.error ? <ErrorState error={current.error} onRetry={() => current.refetch()} /> : null}
      {!rows || !before ? (
        <Loading />
      ) : (
        <div data-testid="filing-form">
          <Alert type="info" showIcon message={t('filingHint')} style={{ marginBottom: 12 }} />
          <Space wrap align="center" style={{ marginBottom: 12 }}>
            <span>{t('grossAfter')}</span>
            <InputNumber
              min={0.01}
              precision={2}
              value={gross}
              onChange={(v) => setGross(v)}
              status={gross !== null && gross > maxGross ? 'error' : undefined}
              style={{ width: 160 }}
              data-testid="filing-gross"
            />
            <Typography.Text type={gross !== null && gross > maxGross ? 'danger' : 'secondary'}>
              {t('grossHint', { b: fmtArea(before.grossArea), m: fmtArea(maxGross) })}
            </Typography.Text>
          </Space>
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content', y: 380 }}
            data-testid="filing-rooms"
            onRow={(r) =>
              ({
                'data-testid': `filing-row-${r.key}`,
                style: { background: r.removed ? '#f5f5f5' : isChanged(r) ? '#fffbe6' : undefined },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: tc('floor'),
                dataIndex: 'floorName',
                width: 150,
                render: (v: string, r) =>
                  r.roomId ? (
                    v
                  ) : (
                    <Select
                      size="small"
                      style={{ width: 130 }}
                      value={r.floorId}
                      onChange={(f) => update(r.key, { floorId: f })}
                      data-testid={`filing-floor-${r.key}`}
                      options={(floors.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                    />
                  ),
              },
              {
                title: tc('number'),
                dataIndex: 'number',
                width: 110,
                render: (v: string, r) => (
                  <Input
                    size="small"
                    value={v}
                    maxLength={20}
                    disabled={r.removed}
                    onChange={(e) => update(r.key, { number: e.target.value })}
                    data-testid={`filing-number-${r.key}`}
                  />
                ),
              },
              {
                title: tc('useType'),
                dataIndex: 'useType',
                width: 150,
                render: (v: string | null, r) => (
                  <Select
                    size="small"
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 130 }}
                    value={v ?? undefined}
                    disabled={r.removed}
                    onChange={(u: string) => {
                      const cls = (uses.data ?? []).find((x) => x.code === u)?.extra?.useClass;
                      update(r.key, { useType: u, ...(typeof cls === 'string' ? { useClass: cls } : {}) });
                    }}
                    data-testid={`filing-use-${r.key}`}
                    options={(uses.data ?? []).map((u) => ({ value: u.code, label: locale === 'en' ? u.labelEn : u.labelZh }))}
                  />
                ),
              },
              {
                title: tc('useClass'),
                dataIndex: 'useClass',
                width: 130,
                render: (v: string, r) => (
                  <Select
                    size="small"
                    style={{ width: 120 }}
                    value={v}
                    disabled={r.removed}
                    onChange={(c) => update(r.key, { useClass: c })}
                    options={enumOptions((v) => tc(`useClass.${v}`), USE_CLASSES)}
                  />
                ),
              },
              {
                title: tc('area'),
                dataIndex: 'area',
                width: 130,
                render: (v: number | null, r) => (
                  <InputNumber
                    size="small"
                    min={0.01}
                    max={5000}
                    precision={2}
                    value={v}
                    disabled={r.removed}
                    onChange={(a) => update(r.key, { area: a })}
                    style={{ width: 110 }}
                    data-testid={`filing-area-${r.key}`}
                  />
                ),
              },
              {
                title: t('removed'),
                key: 'removed',
                width: 80,
                render: (_, r) =>
                  r.roomId ? (
                    <Checkbox
                      checked={r.removed}
                      onChange={(e) => update(r.key, { removed: e.target.checked })}
                      data-testid={`filing-removed-${r.key}`}
                    />
                  ) : (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('removed')}
                      onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key))}
                    />
                  ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
            <Button icon={<PlusOutlined />} onClick={addRow} data-testid="filing-add-row">
              {t('addRow')}
            </Button>
            <Typography.Text type="secondary" data-testid="filing-changed" data-count={changed.length}>
              {t('changed', { n: changed.length })} ·{' '}
              {USE_CLASSES.map((c) => `${tc(`useClass.${c}`)} ${fmtArea(before.byClass[c] ?? 0)} → ${fmtArea(afterByClass[c])}`).join('；')}
            </Typography.Text>
          </Space>
          <div style={{ marginTop: 12 }}>
            <div style={{ marginBottom: 4 }}>{t('drawings')}</div>
            <DraftUpload ownerType="office_repair" value={fileIds} onChange={setFileIds} testId="filing-files" />
          </div>
        </div>
      )}
    </Modal>
  );
}

const cell = { border: '1px solid #333', padding: '4px 6px' } as const;
const num = { ...cell, textAlign: 'right' as const };
const diff = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return '—';
  const d = round2(b - a);
  return d === 0 ? '0' : `${d > 0 ? '+' : ''}${fmtArea(d)}`;
};

/** 备案前后对比表: areas by use, every room and the leaders' offices before and after the works; prints on A4. */
function Comparison({ id, onBack }: { id: number; onBack: () => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.repair, { params: { id } });
  const back = (
    <Button className="hq-no-print" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 8 }} data-testid="compare-back">
      {t('back')}
    </Button>
  );
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const r = q.data;
  const b = r.filingBefore;
  const a = r.filingAfter;
  if (!b || !a)
    return (
      <div>
        {back}
        <Empty description={t('notFiled')} />
      </div>
    );
  const sum = (s: TRepairSnapshot) => round2(Object.values(s.byClass).reduce((x, y) => x + y, 0));
  const ids = [...new Set([...b.rooms.map((x) => x.roomId), ...a.rooms.map((x) => x.roomId)])];
  const rooms = ids.map((rid) => ({ rid, before: b.rooms.find((x) => x.roomId === rid), after: a.rooms.find((x) => x.roomId === rid) }));
  const use = (x?: { useClass: string; useType: string | null }) =>
    x ? `${tKey(tc, `useClass.${x.useClass}`)} · ${x.useType ? label(x.useType) : ''}` : '';
  const names = [...new Set([...b.leaders.map((l) => l.personName), ...a.leaders.map((l) => l.personName)])];
  const totals: { key: string; label: string; before: number; after: number }[] = [
    { key: 'gross', label: t('gross'), before: b.grossArea, after: a.grossArea },
    ...USE_CLASSES.map((c) => ({ key: c, label: tc(`useClass.${c}`), before: b.byClass[c] ?? 0, after: a.byClass[c] ?? 0 })),
    { key: 'usable', label: t('usable'), before: sum(b), after: sum(a) },
  ];
  return (
    <div>
      {back}
      <PrintLayout issuer={t('issuer')} title={t('docTitle')} docNo={t('docNo', { id: r.id })}>
        <div data-testid="repair-comparison">
          <h3>{t('s1')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              <tr>
                <td style={cell}>{tc('unit')}</td>
                <td style={cell}>{r.orgName}</td>
                <td style={cell}>{tc('building')}</td>
                <td style={cell}>{r.buildingName}</td>
              </tr>
              <tr>
                <td style={cell}>{t('project')}</td>
                <td style={cell}>{r.title}</td>
                <td style={cell}>{t('kind')}</td>
                <td style={cell}>{t(`kind.${r.kind}`)}</td>
              </tr>
              <tr>
                <td style={cell}>{t('budget')}</td>
                <td style={cell}>{formatMoney(r.budget)}</td>
                <td style={cell}>{t('actualCost')}</td>
                <td style={cell}>{formatMoney(r.actualCost)}</td>
              </tr>
              <tr>
                <td style={cell}>
                  {t('startedOn')} / {t('completedOn')}
                </td>
                <td style={cell}>
                  {r.startedOn} ~ {r.completedOn}
                </td>
                <td style={cell}>{t('filedAt')}</td>
                <td style={cell}>{r.filedAt?.slice(0, 10)}</td>
              </tr>
              <tr>
                <td style={cell}>{t('acceptance')}</td>
                <td style={cell} colSpan={3}>
                  {r.acceptanceNote}
                </td>
              </tr>
            </tbody>
          </table>

          <h3>{t('s2')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="compare-totals">
            <thead>
              <tr>
                {['osw.item', 'osw.before', 'osw.after', 'osw.change'].map((k) => (
                  <th key={k} style={cell}>
                    {tKey(t, k)}
                    {k === 'osw.item' ? '' : ' (㎡)'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {totals.map((x) => (
                <tr key={x.key} data-testid={`compare-total-${x.key}`} data-before={x.before} data-after={x.after}>
                  <td style={cell}>{x.label}</td>
                  <td style={num}>{fmtArea(x.before)}</td>
                  <td style={num}>{fmtArea(x.after)}</td>
                  <td style={num}>{diff(x.before, x.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t('s3')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }} data-testid="compare-rooms">
            <thead>
              <tr>
                <th style={cell} rowSpan={2}>
                  {tc('floor')}
                </th>
                <th style={cell} colSpan={3}>
                  {t('before')}
                </th>
                <th style={cell} colSpan={3}>
                  {t('after')}
                </th>
                <th style={cell} rowSpan={2}>
                  {t('change')}
                </th>
              </tr>
              <tr>
                {[0, 1].flatMap((i) =>
                  ['os.number', 'os.useType', 'os.area'].map((k) => (
                    <th key={`${i}-${k}`} style={cell}>
                      {tKey(t, k)}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              {rooms.map(({ rid, before, after }) => {
                const changed =
                  !before ||
                  !after ||
                  before.area !== after.area ||
                  before.number !== after.number ||
                  before.useType !== after.useType ||
                  before.useClass !== after.useClass;
                const bg = changed ? { background: '#fff8e1' } : {};
                return (
                  <tr
                    key={rid}
                    data-testid={`compare-room-${rid}`}
                    data-before={before?.area ?? ''}
                    data-after={after?.area ?? ''}
                    style={bg}
                  >
                    <td style={cell}>{(after ?? before)?.floorName}</td>
                    <td style={cell}>{before?.number ?? <i>{t('added')}</i>}</td>
                    <td style={cell}>{use(before)}</td>
                    <td style={num}>{before ? fmtArea(before.area) : '—'}</td>
                    <td style={cell}>{after?.number ?? <i>{t('deleted')}</i>}</td>
                    <td style={cell}>{use(after)}</td>
                    <td style={num}>{after ? fmtArea(after.area) : '—'}</td>
                    <td style={num}>{diff(before?.area ?? 0, after?.area ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h3>{t('s4')}</h3>
          {names.length ? (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="compare-leaders">
              <thead>
                <tr>
                  <th style={cell} rowSpan={2}>
                    {t('person')}
                  </th>
                  <th style={cell} rowSpan={2}>
                    {t('post')}
                  </th>
                  <th style={cell} rowSpan={2}>
                    {t('std')}
                  </th>
                  <th style={cell} colSpan={2}>
                    {t('before')}
                  </th>
                  <th style={cell} colSpan={2}>
                    {t('after')}
                  </th>
                </tr>
                <tr>
                  {[0, 1].flatMap((i) =>
                    ['os.number', 'os.area'].map((k) => (
                      <th key={`${i}-${k}`} style={cell}>
                        {tKey(t, k)}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {names.map((n) => {
                  const lb = b.leaders.find((l) => l.personName === n);
                  const la = a.leaders.find((l) => l.personName === n);
                  const std = (la ?? lb)?.entitledArea ?? null;
                  const over = (x?: { area: number }) => (x && std !== null && x.area > std ? { color: '#c62828' } : {});
                  return (
                    <tr key={n}>
                      <td style={cell}>{n}</td>
                      <td style={cell}>{(la ?? lb)?.post ?? ''}</td>
                      <td style={num}>{fmtArea(std)}</td>
                      <td style={cell}>{lb?.roomNumber ?? '—'}</td>
                      <td style={{ ...num, ...over(lb) }}>{lb ? fmtArea(lb.area) : '—'}</td>
                      <td style={cell}>{la?.roomNumber ?? '—'}</td>
                      <td style={{ ...num, ...over(la) }}>{la ? fmtArea(la.area) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p>{t('none')}</p>
          )}
        </div>
      </PrintLayout>
    </div>
  );
}
