import { officeApi } from '../../../contracts/modules/office-space.api';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TComplianceItem, TRectification, TRectificationPayload } from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError } from '../../shared/api';
import { call, download, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { RoomUseSelect, UnitSelect, fmtArea, officeMessages, tKey } from './common';
import { usePostLevel } from '../../core/people/postLevels';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { cnTodayDayjs } from '../../shared/dates';

export const complianceMessages = defineMessages('office.compliance', {
  title: { zh: '办公用房达标与整改', en: 'Compliance and rectification' },
  tabPeople: { zh: '人员达标情况', en: 'People' },
  tabLeaders: { zh: '领导办公室', en: 'Leaders’ offices' },
  tabOverdue: { zh: '超期未腾退', en: 'Not recovered in time' },
  tabRect: { zh: '整改记录', en: 'Rectifications' },
  onlyOver: { zh: '只看超标', en: 'Over the standard only' },
  all: { zh: '全部人员', en: 'Everyone' },
  'st.transferred': { zh: '调离', en: 'Transferred' },
  'st.retired': { zh: '退休', en: 'Retired' },
  name: { zh: '姓名', en: 'Name' },
  post: { zh: '职务', en: 'Post' },
  level: { zh: '职务级别', en: 'Post level' },
  entitled: { zh: '标准(㎡)', en: 'Standard (m²)' },
  actual: { zh: '实际(㎡)', en: 'Actual (m²)' },
  excess: { zh: '超标(㎡)', en: 'Excess (m²)' },
  rooms: { zh: '房间', en: 'Rooms' },
  over: { zh: '超标', en: 'Over' },
  ok: { zh: '达标', en: 'Within' },
  noStd: { zh: '无标准', en: 'No standard' },
  rectify: { zh: '整改', en: 'Rectify' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  summary: { zh: '共 {n} 人，超标 {over} 人 · 依据 {rule}', en: '{n} people, {over} over the standard · rule {rule}' },
  rectTitle: { zh: '办公用房整改：{name}', en: 'Rectify office space: {name}' },
  finding: { zh: '标准 {e} ㎡，实际 {a} ㎡，超标 {x} ㎡', en: 'Standard {e} m², actual {a} m², {x} m² over' },
  measure: { zh: '整改方式', en: 'Measure' },
  vacateRooms: { zh: '腾退的房间', en: 'Rooms to vacate' },
  from: { zh: '调出房间', en: 'Leave room' },
  to: { zh: '调入房间', en: 'Move to room' },
  mergeTo: { zh: '合并到的房间', en: 'Merge into room' },
  mergePeople: { zh: '合并入住的人员（人员 ID，含本人）', en: 'People moving in (person IDs, including this person)' },
  partRoom: { zh: '分隔的房间', en: 'Room to partition' },
  parts: { zh: '分隔后的各间', en: 'Parts after partition' },
  addPart: { zh: '增加一间', en: 'Add a part' },
  keep: { zh: '本人留用', en: 'Kept by the person' },
  reason: { zh: '整改说明', en: 'Explanation' },
  effective: { zh: '计划完成日期', en: 'Planned date' },
  preview: { zh: '预览整改效果', en: 'Preview' },
  after: { zh: '整改后实际 {a} ㎡，{state}', en: 'Afterwards {a} m², {state}' },
  stillOver: { zh: '仍超标 {x} ㎡', en: 'still {x} m² over' },
  fixed: { zh: '达标', en: 'within the standard' },
  submit: { zh: '提交审批', en: 'Submit for approval' },
  submitted: { zh: '已提交审批', en: 'Submitted for approval' },
  person: { zh: '人员', en: 'Person' },
  measureCol: { zh: '方式', en: 'Measure' },
  status: { zh: '审批状态', en: 'Approval' },
  open: { zh: '查看审批', en: 'Open approval' },
  since: { zh: '离岗/免职日期', en: 'Left on' },
  due: { zh: '应腾退日期', en: 'Due' },
  daysOver: { zh: '逾期天数', en: 'Days overdue' },
  statusPerson: { zh: '人员状态', en: 'Person status' },
  partsSum: { zh: '合计 {s} ㎡ / 原面积 {a} ㎡', en: 'Total {s} m² of {a} m²' },
  sharedRoom: { zh: '{room}（{n}人）', en: '{room} ({n} people)' },
  listSep: { zh: '、', en: ', ' },
});

export function CompliancePage() {
  const t = complianceMessages.useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'people';
  return (
    <div>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'people', label: t('tabPeople'), children: <PeopleTab initialOnlyOver={params.get('onlyOver') === 'true'} /> },
          { key: 'leaders', label: t('tabLeaders'), children: <LeadersTab /> },
          { key: 'overdue', label: t('tabOverdue'), children: <OverdueTab /> },
          { key: 'rect', label: t('tabRect'), children: <RectificationsTab /> },
        ]}
      />
    </div>
  );
}

function useComplianceColumns(onRectify?: (i: TComplianceItem) => void) {
  const t = complianceMessages.useT();
  const tc = officeMessages.useT();
  const level = usePostLevel();
  return [
    { title: tc('unit'), dataIndex: 'orgName', sorter: true },
    { title: t('name'), dataIndex: 'name', sorter: true },
    { title: t('post'), dataIndex: 'postTitle' },
    { title: t('level'), dataIndex: 'postLevel', sorter: true, render: (v: string) => level(v) },
    { title: t('entitled'), dataIndex: 'entitledArea', align: 'right' as const, sorter: true, render: fmtArea },
    { title: t('actual'), dataIndex: 'actualArea', align: 'right' as const, sorter: true, render: fmtArea },
    {
      title: t('excess'),
      dataIndex: 'excessArea',
      align: 'right' as const,
      sorter: true,
      render: (v: number, r: TComplianceItem) =>
        r.entitledArea === null ? (
          <Tag>{t('noStd')}</Tag>
        ) : r.overStandard ? (
          <Tag color="red">{fmtArea(v)}</Tag>
        ) : (
          <Tag color="green">{t('ok')}</Tag>
        ),
    },
    {
      title: t('rooms'),
      key: 'rooms',
      render: (_: unknown, r: TComplianceItem) =>
        r.rooms.map((x) => (x.occupants > 1 ? t('sharedRoom', { room: x.number, n: x.occupants }) : x.number)).join(t('listSep')),
    },
    ...(onRectify
      ? [
          {
            title: '',
            key: 'op',
            render: (_: unknown, r: TComplianceItem) =>
              r.overStandard ? (
                <LinkButton onClick={() => onRectify(r)} data-testid={`rectify-${r.personId}`}>
                  {t('rectify')}
                </LinkButton>
              ) : null,
          },
        ]
      : []),
  ];
}

function PeopleTab({ initialOnlyOver }: { initialOnlyOver: boolean }) {
  const t = complianceMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [orgId, setOrgId] = useState<number | undefined>(activeOrg ?? undefined);
  const [onlyOver, setOnlyOver] = useState(initialOnlyOver);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<string | undefined>('-excessArea');
  const [rectifying, setRectifying] = useState<TComplianceItem | null>(null);
  const query = { orgId, onlyOver: onlyOver ? ('true' as const) : undefined, q: q || undefined, page, pageSize, sort };
  const data = useApiQuery(officeApi.compliance, { query }, { placeholderData: (p) => p });
  const columns = useComplianceColumns(hasPermission('office.request') ? setRectifying : undefined);
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitSelect
          allowClear
          value={orgId}
          onChange={(v) => {
            setOrgId(v);
            setPage(1);
          }}
          placeholder={tc('allUnits')}
        />
        <Input.Search
          allowClear
          placeholder={t('name')}
          style={{ width: 160 }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
        <Radio.Group
          value={onlyOver}
          onChange={(e) => {
            setOnlyOver(e.target.value);
            setPage(1);
          }}
          optionType="button"
          options={[
            { value: false, label: t('all') },
            { value: true, label: t('onlyOver') },
          ]}
          data-testid="only-over"
        />
        {hasPermission('office.export') ? (
          <Button
            onClick={() =>
              download(officeApi.exportCompliance, { query: { orgId, onlyOver: onlyOver ? 'true' : undefined, q: q || undefined } }).catch(
                (e) => message.error(e.message),
              )
            }
          >
            {t('export')}
          </Button>
        ) : null}
      </Space>
      {data.data ? (
        <div style={{ color: '#888', marginBottom: 8 }}>
          {t('summary', { n: data.data.total, over: data.data.overCount, rule: data.data.ruleVersion })}
        </div>
      ) : null}
      <Table<TComplianceItem>
        rowKey="personId"
        size="middle"
        loading={data.isFetching}
        dataSource={data.data?.items ?? []}
        columns={columns}
        data-testid="compliance-table"
        scroll={{ x: 'max-content' }}
        onChange={(pg, _f, s) => {
          setPage(pg.current ?? 1);
          setPageSize(pg.pageSize ?? 20);
          const so = Array.isArray(s) ? s[0] : s;
          setSort(so?.order && so.field ? `${so.order === 'descend' ? '-' : ''}${String(so.field)}` : '-excessArea');
        }}
        pagination={{ current: page, pageSize, total: data.data?.total ?? 0, showSizeChanger: true }}
      />
      <RectificationModal item={rectifying} onClose={() => setRectifying(null)} />
    </div>
  );
}

function LeadersTab() {
  const tc = officeMessages.useT();
  const [activeOrg] = useActiveOrg();
  const [orgId, setOrgId] = useState<number | undefined>(activeOrg ?? undefined);
  const s = useApiQuery(officeApi.summary, { query: { orgId } });
  const columns = useComplianceColumns();
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <UnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={tc('allUnits')} />
      </Space>
      <Table
        rowKey="personId"
        size="middle"
        loading={s.isLoading}
        dataSource={s.data?.leaders ?? []}
        columns={columns.map((c) => ({ ...c, sorter: undefined }))}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}

function OverdueTab() {
  const t = complianceMessages.useT();
  const tc = officeMessages.useT();
  const [activeOrg] = useActiveOrg();
  const q = useApiQuery(officeApi.overdue, { query: { orgId: activeOrg ?? undefined } });
  return (
    <Table
      rowKey="occupancyId"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      data-testid="overdue-table"
      columns={[
        { title: t('person'), dataIndex: 'personName' },
        { title: tc('unit'), dataIndex: 'orgName' },
        {
          title: t('statusPerson'),
          dataIndex: 'personStatus',
          render: (v: string) => (v === 'active' ? tc('occupancyKind.concurrent') : tKey(t, `st.${v}`)),
        },
        { title: tc('room'), key: 'room', render: (_, r) => `${r.buildingName} ${r.roomNumber}` },
        { title: t('since'), dataIndex: 'since' },
        { title: t('due'), dataIndex: 'dueDate' },
        { title: t('daysOver'), dataIndex: 'daysOverdue', align: 'right', render: (v: number) => <Tag color="red">{v}</Tag> },
      ]}
    />
  );
}

function RectificationsTab() {
  const t = complianceMessages.useT();
  const tc = officeMessages.useT();
  const [activeOrg] = useActiveOrg();
  return (
    <ServerTable<TRectification>
      route={officeApi.rectifications}
      extraQuery={{ orgId: activeOrg ?? undefined }}
      testId="rect-table"
      columns={[
        { title: t('person'), dataIndex: 'personName' },
        { title: tc('unit'), dataIndex: 'orgName' },
        { title: t('measureCol'), dataIndex: 'measure', render: (v: string) => tKey(tc, `measure.${v}`) },
        { title: t('excess'), dataIndex: 'excessArea', align: 'right', render: fmtArea },
        { title: t('effective'), dataIndex: 'effectiveDate' },
        { title: t('reason'), dataIndex: 'reason', ellipsis: true },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (v: string) => (
            <Tag color={v === 'approved' ? 'green' : v === 'pending' ? 'blue' : 'default'}>{tKey(tc, `approvalStatus.${v}`)}</Tag>
          ),
        },
        { title: '', key: 'op', render: (_, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('open')}</Link> : null) },
      ]}
    />
  );
}

type Part = { key: number; number: string; area: number | null; useType: string };
const nextKey = (() => {
  let k = 0;
  return () => ++k;
})();

/** Draws up 腾 / 调 / 合 / 隔 for one over-standard person, previews the result and submits it. */
function RectificationModal({ item, onClose }: { item: TComplianceItem | null; onClose: () => void }) {
  const t = complianceMessages.useT();
  const tc = officeMessages.useT();
  const createRect = useApiMutation(officeApi.createRectification, { invalidates: [officeApi.rectifications] });
  const [measure, setMeasure] = useState<'vacate' | 'swap' | 'merge' | 'partition'>('partition');
  const [form] = Form.useForm();
  const [parts, setParts] = useState<Part[]>([]);
  const [keep, setKeep] = useState(0);
  const [preview, setPreview] = useState<{ after: { actualArea: number; excessArea: number; overStandard: boolean } } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idleQ = useApiQuery(officeApi.rooms, { query: { orgId: item?.orgId, useClass: 'office', pageSize: 100 } }, { enabled: !!item });
  const idle = { ...idleQ, data: idleQ.data?.items };
  const rooms = item?.rooms ?? [];
  const partRoom = rooms.find((r) => r.roomId === form.getFieldValue('roomId')) ?? rooms[0];
  const payload = () => {
    const v = form.getFieldsValue();
    switch (measure) {
      case 'vacate':
        return { measure, roomIds: v.roomIds ?? [] };
      case 'swap':
        return { measure, fromRoomId: v.fromRoomId, toRoomId: v.toRoomId };
      case 'merge':
        return {
          measure,
          toRoomId: v.toRoomId,
          personIds: String(v.personIds ?? '')
            .split(/[,，\s]+/)
            .filter(Boolean)
            .map(Number),
        };
      default:
        return { measure, roomId: v.roomId ?? rooms[0]?.roomId, parts: parts.map((p) => ({ ...p, area: p.area ?? 0 })), keepIndex: keep };
    }
  };
  const reset = () => {
    setPreview(null);
    setError(null);
  };
  const doPreview = () =>
    call(officeApi.previewRectification, { body: { personId: item!.personId, payload: payload() as TRectificationPayload } })
      .then((r) => {
        // The route declares no response schema: the service answers the plan's outcome.
        setPreview(r as { after: { actualArea: number; excessArea: number; overStandard: boolean } });
        setError(null);
      })
      .catch((e) => setError(showFieldErrors(e)));
  const submit = () =>
    form.validateFields().then((v) => {
      setBusy(true);
      createRect
        .mutateAsync({
          body: {
            personId: item!.personId,
            reason: v.reason,
            effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
            payload: payload() as TRectificationPayload,
          },
        })
        .then(() => {
          message.success(t('submitted'));
          onClose();
        })
        .catch((e) => setError(showFieldErrors(e)))
        .finally(() => setBusy(false));
    });
  const partsSum = parts.reduce((s, p) => s + (p.area ?? 0), 0);
  return (
    <Modal
      open={!!item}
      title={item ? t('rectTitle', { name: item.name }) : ''}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open || !item) return;
        form.resetFields();
        const r = item.rooms[0];
        const e = item.entitledArea ?? 0;
        setMeasure('partition');
        setParts(
          r
            ? [
                { key: nextKey(), number: `${r.number}A`, area: e, useType: 'office' },
                {
                  key: nextKey(),
                  number: `${r.number}B`,
                  area: Math.max(0.01, Math.floor((r.area - e - 0.3) * 100) / 100),
                  useType: 'archive',
                },
              ]
            : [],
        );
        setKeep(0);
        form.setFieldsValue({
          roomId: r?.roomId,
          fromRoomId: r?.roomId,
          roomIds: item.rooms.map((x) => x.roomId),
          personIds: String(item.personId),
          effectiveDate: cnTodayDayjs().add(7, 'day'),
        });
        reset();
      }}
      footer={
        <Space>
          <Button onClick={doPreview} data-testid="rect-preview">
            {t('preview')}
          </Button>
          <Button type="primary" loading={busy} onClick={submit} data-testid="rect-submit">
            {t('submit')}
          </Button>
        </Space>
      }
    >
      {item ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('finding', { e: fmtArea(item.entitledArea), a: fmtArea(item.actualArea), x: fmtArea(item.excessArea) })}
        />
      ) : null}
      <Form form={form} layout="vertical" onValuesChange={reset}>
        <Form.Item label={t('measure')}>
          <Radio.Group
            value={measure}
            onChange={(e) => {
              setMeasure(e.target.value);
              reset();
            }}
            optionType="button"
            options={(['vacate', 'swap', 'merge', 'partition'] as const).map((m) => ({ value: m, label: tc(`measure.${m}`) }))}
            data-testid="rect-measure"
          />
        </Form.Item>
        {measure === 'vacate' ? (
          <Form.Item name="roomIds" label={t('vacateRooms')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${tc('sqm', { n: fmtArea(r.area) })}` }))}
            />
          </Form.Item>
        ) : null}
        {measure === 'swap' || measure === 'merge' ? (
          <Space wrap>
            {measure === 'swap' ? (
              <Form.Item name="fromRoomId" label={t('from')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${tc('sqm', { n: fmtArea(r.area) })}` }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="toRoomId" label={measure === 'swap' ? t('to') : t('mergeTo')} rules={[{ required: true }]}>
              <Select
                style={{ width: 300 }}
                showSearch
                optionFilterProp="label"
                options={(idle.data ?? [])
                  .filter((r) => !rooms.some((x) => x.roomId === r.id))
                  .map((r) => ({
                    value: r.id,
                    label: `${r.buildingName} ${r.number} · ${tc('sqm', { n: fmtArea(r.area) })} · ${r.occupantNames ?? tc('roomStatus.idle')}`,
                  }))}
              />
            </Form.Item>
            {measure === 'merge' ? (
              <Form.Item name="personIds" label={t('mergePeople')} rules={[{ required: true }]}>
                <Input style={{ width: 200 }} />
              </Form.Item>
            ) : null}
          </Space>
        ) : null}
        {measure === 'partition' ? (
          <>
            <Form.Item name="roomId" label={t('partRoom')}>
              <Select
                style={{ width: 220 }}
                options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${tc('sqm', { n: fmtArea(r.area) })}` }))}
              />
            </Form.Item>
            <div style={{ marginBottom: 8 }}>{t('parts')}</div>
            {parts.map((p, i) => (
              <Space key={p.key} style={{ marginBottom: 6 }} wrap data-testid={`part-${i}`}>
                <Input
                  value={p.number}
                  style={{ width: 100 }}
                  onChange={(e) => {
                    setParts(parts.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)));
                    reset();
                  }}
                />
                <InputNumber
                  value={p.area}
                  min={0.01}
                  precision={2}
                  suffix="㎡"
                  style={{ width: 140 }}
                  onChange={(v) => {
                    setParts(parts.map((x, j) => (j === i ? { ...x, area: v } : x)));
                    reset();
                  }}
                  data-testid={`part-area-${i}`}
                />
                <span style={{ display: 'inline-block', width: 120 }}>
                  <RoomUseSelect value={p.useType} onChange={(v) => setParts(parts.map((x, j) => (j === i ? { ...x, useType: v } : x)))} />
                </span>
                <Radio
                  checked={keep === i}
                  onChange={() => {
                    setKeep(i);
                    reset();
                  }}
                >
                  {t('keep')}
                </Radio>
                {parts.length > 2 ? (
                  <Button size="small" icon={<DeleteOutlined />} onClick={() => setParts(parts.filter((_, j) => j !== i))} />
                ) : null}
              </Space>
            ))}
            <div>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  setParts([
                    ...parts,
                    {
                      key: nextKey(),
                      number: `${partRoom?.number ?? ''}${String.fromCharCode(65 + parts.length)}`,
                      area: null,
                      useType: 'storage',
                    },
                  ])
                }
              >
                {t('addPart')}
              </Button>
              <span style={{ marginLeft: 12, color: partRoom && partsSum > partRoom.area ? '#e53935' : '#888' }}>
                {t('partsSum', { s: fmtArea(partsSum), a: fmtArea(partRoom?.area) })}
              </span>
            </div>
          </>
        ) : null}
        <Space wrap style={{ marginTop: 12 }}>
          <Form.Item name="effectiveDate" label={t('effective')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="rect-reason" />
        </Form.Item>
      </Form>
      {preview ? (
        <Alert
          type={preview.after.overStandard ? 'warning' : 'success'}
          showIcon
          data-testid="rect-preview-result"
          data-over={String(preview.after.overStandard)}
          title={t('after', {
            a: fmtArea(preview.after.actualArea),
            state: preview.after.overStandard ? t('stillOver', { x: fmtArea(preview.after.excessArea) }) : t('fixed'),
          })}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="rect-error" /> : null}
    </Modal>
  );
}
