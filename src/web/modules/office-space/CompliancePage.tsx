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
import { defineMessages, useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { RoomUseSelect, UnitSelect, fmtArea } from './common';
import { cnTodayDayjs } from '../../shared/dates';

defineMessages(
  {
    'osc.title': '办公用房达标与整改',
    'osc.tabPeople': '人员达标情况',
    'osc.tabLeaders': '领导办公室',
    'osc.tabOverdue': '超期未腾退',
    'osc.tabRect': '整改记录',
    'osc.onlyOver': '只看超标',
    'osc.all': '全部人员',
    'osc.st.transferred': '调离',
    'osc.st.retired': '退休',
    'osc.name': '姓名',
    'osc.post': '职务',
    'osc.level': '职务级别',
    'osc.entitled': '标准(㎡)',
    'osc.actual': '实际(㎡)',
    'osc.excess': '超标(㎡)',
    'osc.rooms': '房间',
    'osc.over': '超标',
    'osc.ok': '达标',
    'osc.noStd': '无标准',
    'osc.rectify': '整改',
    'osc.export': '导出 Excel',
    'osc.summary': '共 {n} 人，超标 {over} 人 · 依据 {rule}',
    'osc.rectTitle': '办公用房整改：{name}',
    'osc.finding': '标准 {e} ㎡，实际 {a} ㎡，超标 {x} ㎡',
    'osc.measure': '整改方式',
    'osc.vacateRooms': '腾退的房间',
    'osc.from': '调出房间',
    'osc.to': '调入房间',
    'osc.mergeTo': '合并到的房间',
    'osc.mergePeople': '合并入住的人员（人员 ID，含本人）',
    'osc.partRoom': '分隔的房间',
    'osc.parts': '分隔后的各间',
    'osc.addPart': '增加一间',
    'osc.keep': '本人留用',
    'osc.reason': '整改说明',
    'osc.effective': '计划完成日期',
    'osc.preview': '预览整改效果',
    'osc.after': '整改后实际 {a} ㎡，{state}',
    'osc.stillOver': '仍超标 {x} ㎡',
    'osc.fixed': '达标',
    'osc.submit': '提交审批',
    'osc.submitted': '已提交审批',
    'osc.person': '人员',
    'osc.measureCol': '方式',
    'osc.status': '审批状态',
    'osc.open': '查看审批',
    'osc.since': '离岗/免职日期',
    'osc.due': '应腾退日期',
    'osc.daysOver': '逾期天数',
    'osc.statusPerson': '人员状态',
    'osc.partsSum': '合计 {s} ㎡ / 原面积 {a} ㎡',
  },
  {
    'osc.title': 'Compliance and rectification',
    'osc.tabPeople': 'People',
    'osc.tabLeaders': 'Leaders’ offices',
    'osc.tabOverdue': 'Not recovered in time',
    'osc.tabRect': 'Rectifications',
    'osc.onlyOver': 'Over the standard only',
    'osc.all': 'Everyone',
    'osc.st.transferred': 'Transferred',
    'osc.st.retired': 'Retired',
    'osc.name': 'Name',
    'osc.post': 'Post',
    'osc.level': 'Post level',
    'osc.entitled': 'Standard (m²)',
    'osc.actual': 'Actual (m²)',
    'osc.excess': 'Excess (m²)',
    'osc.rooms': 'Rooms',
    'osc.over': 'Over',
    'osc.ok': 'Within',
    'osc.noStd': 'No standard',
    'osc.rectify': 'Rectify',
    'osc.export': 'Export to Excel',
    'osc.summary': '{n} people, {over} over the standard · rule {rule}',
    'osc.rectTitle': 'Rectify office space: {name}',
    'osc.finding': 'Standard {e} m², actual {a} m², {x} m² over',
    'osc.measure': 'Measure',
    'osc.vacateRooms': 'Rooms to vacate',
    'osc.from': 'Leave room',
    'osc.to': 'Move to room',
    'osc.mergeTo': 'Merge into room',
    'osc.mergePeople': 'People moving in (person IDs, including this person)',
    'osc.partRoom': 'Room to partition',
    'osc.parts': 'Parts after partition',
    'osc.addPart': 'Add a part',
    'osc.keep': 'Kept by the person',
    'osc.reason': 'Explanation',
    'osc.effective': 'Planned date',
    'osc.preview': 'Preview',
    'osc.after': 'Afterwards {a} m², {state}',
    'osc.stillOver': 'still {x} m² over',
    'osc.fixed': 'within the standard',
    'osc.submit': 'Submit for approval',
    'osc.submitted': 'Submitted for approval',
    'osc.person': 'Person',
    'osc.measureCol': 'Measure',
    'osc.status': 'Approval',
    'osc.open': 'Open approval',
    'osc.since': 'Left on',
    'osc.due': 'Due',
    'osc.daysOver': 'Days overdue',
    'osc.statusPerson': 'Person status',
    'osc.partsSum': 'Total {s} m² of {a} m²',
  },
);

export function CompliancePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'people';
  return (
    <div>
      <PageHeader title={t('osc.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'people', label: t('osc.tabPeople'), children: <PeopleTab initialOnlyOver={params.get('onlyOver') === 'true'} /> },
          { key: 'leaders', label: t('osc.tabLeaders'), children: <LeadersTab /> },
          { key: 'overdue', label: t('osc.tabOverdue'), children: <OverdueTab /> },
          { key: 'rect', label: t('osc.tabRect'), children: <RectificationsTab /> },
        ]}
      />
    </div>
  );
}

function useComplianceColumns(onRectify?: (i: TComplianceItem) => void) {
  const t = useT();
  return [
    { title: t('os.unit'), dataIndex: 'orgName', sorter: true },
    { title: t('osc.name'), dataIndex: 'name', sorter: true },
    { title: t('osc.post'), dataIndex: 'postTitle' },
    { title: t('osc.level'), dataIndex: 'postLevel', sorter: true },
    { title: t('osc.entitled'), dataIndex: 'entitledArea', align: 'right' as const, sorter: true, render: fmtArea },
    { title: t('osc.actual'), dataIndex: 'actualArea', align: 'right' as const, sorter: true, render: fmtArea },
    {
      title: t('osc.excess'),
      dataIndex: 'excessArea',
      align: 'right' as const,
      sorter: true,
      render: (v: number, r: TComplianceItem) =>
        r.entitledArea === null ? (
          <Tag>{t('osc.noStd')}</Tag>
        ) : r.overStandard ? (
          <Tag color="red">{fmtArea(v)}</Tag>
        ) : (
          <Tag color="green">{t('osc.ok')}</Tag>
        ),
    },
    {
      title: t('osc.rooms'),
      key: 'rooms',
      render: (_: unknown, r: TComplianceItem) =>
        r.rooms.map((x) => (x.occupants > 1 ? `${x.number}（${x.occupants}人）` : x.number)).join('、'),
    },
    ...(onRectify
      ? [
          {
            title: '',
            key: 'op',
            render: (_: unknown, r: TComplianceItem) =>
              r.overStandard ? (
                <LinkButton onClick={() => onRectify(r)} data-testid={`rectify-${r.personId}`}>
                  {t('osc.rectify')}
                </LinkButton>
              ) : null,
          },
        ]
      : []),
  ];
}

function PeopleTab({ initialOnlyOver }: { initialOnlyOver: boolean }) {
  const t = useT();
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
          placeholder={t('os.allUnits')}
        />
        <Input.Search
          allowClear
          placeholder={t('osc.name')}
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
            { value: false, label: t('osc.all') },
            { value: true, label: t('osc.onlyOver') },
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
            {t('osc.export')}
          </Button>
        ) : null}
      </Space>
      {data.data ? (
        <div style={{ color: '#888', marginBottom: 8 }}>
          {t('osc.summary', { n: data.data.total, over: data.data.overCount, rule: data.data.ruleVersion })}
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
  const t = useT();
  const [activeOrg] = useActiveOrg();
  const [orgId, setOrgId] = useState<number | undefined>(activeOrg ?? undefined);
  const s = useApiQuery(officeApi.summary, { query: { orgId } });
  const columns = useComplianceColumns();
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <UnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={t('os.allUnits')} />
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
  const t = useT();
  const [activeOrg] = useActiveOrg();
  const q = useApiQuery(officeApi.overdue, { query: { orgId: activeOrg ?? undefined } });
  return (
    <Table
      rowKey="occupancyId"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      data-testid="overdue-table"
      columns={[
        { title: t('osc.person'), dataIndex: 'personName' },
        { title: t('os.unit'), dataIndex: 'orgName' },
        {
          title: t('osc.statusPerson'),
          dataIndex: 'personStatus',
          render: (v: string) => (v === 'active' ? t('ok.concurrent') : t(`osc.st.${v}`)),
        },
        { title: t('os.room'), key: 'room', render: (_, r) => `${r.buildingName} ${r.roomNumber}` },
        { title: t('osc.since'), dataIndex: 'since' },
        { title: t('osc.due'), dataIndex: 'dueDate' },
        { title: t('osc.daysOver'), dataIndex: 'daysOverdue', align: 'right', render: (v: number) => <Tag color="red">{v}</Tag> },
      ]}
    />
  );
}

function RectificationsTab() {
  const t = useT();
  const [activeOrg] = useActiveOrg();
  return (
    <ServerTable<TRectification>
      route={officeApi.rectifications}
      extraQuery={{ orgId: activeOrg ?? undefined }}
      testId="rect-table"
      columns={[
        { title: t('osc.person'), dataIndex: 'personName' },
        { title: t('os.unit'), dataIndex: 'orgName' },
        { title: t('osc.measureCol'), dataIndex: 'measure', render: (v: string) => t(`m.${v}`) },
        { title: t('osc.excess'), dataIndex: 'excessArea', align: 'right', render: fmtArea },
        { title: t('osc.effective'), dataIndex: 'effectiveDate' },
        { title: t('osc.reason'), dataIndex: 'reason', ellipsis: true },
        {
          title: t('osc.status'),
          dataIndex: 'status',
          render: (v: string) => <Tag color={v === 'approved' ? 'green' : v === 'pending' ? 'blue' : 'default'}>{t(`ast.${v}`)}</Tag>,
        },
        { title: '', key: 'op', render: (_, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('osc.open')}</Link> : null) },
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
  const t = useT();
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
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
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
          message.success(t('osc.submitted'));
          onClose();
        })
        .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
        .finally(() => setBusy(false));
    });
  const partsSum = parts.reduce((s, p) => s + (p.area ?? 0), 0);
  return (
    <Modal
      open={!!item}
      title={item ? t('osc.rectTitle', { name: item.name }) : ''}
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
            {t('osc.preview')}
          </Button>
          <Button type="primary" loading={busy} onClick={submit} data-testid="rect-submit">
            {t('osc.submit')}
          </Button>
        </Space>
      }
    >
      {item ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('osc.finding', { e: fmtArea(item.entitledArea), a: fmtArea(item.actualArea), x: fmtArea(item.excessArea) })}
        />
      ) : null}
      <Form form={form} layout="vertical" onValuesChange={reset}>
        <Form.Item label={t('osc.measure')}>
          <Radio.Group
            value={measure}
            onChange={(e) => {
              setMeasure(e.target.value);
              reset();
            }}
            optionType="button"
            options={(['vacate', 'swap', 'merge', 'partition'] as const).map((m) => ({ value: m, label: t(`m.${m}`) }))}
            data-testid="rect-measure"
          />
        </Form.Item>
        {measure === 'vacate' ? (
          <Form.Item name="roomIds" label={t('osc.vacateRooms')} rules={[{ required: true }]}>
            <Select mode="multiple" options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${fmtArea(r.area)} ㎡` }))} />
          </Form.Item>
        ) : null}
        {measure === 'swap' || measure === 'merge' ? (
          <Space wrap>
            {measure === 'swap' ? (
              <Form.Item name="fromRoomId" label={t('osc.from')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${fmtArea(r.area)} ㎡` }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="toRoomId" label={measure === 'swap' ? t('osc.to') : t('osc.mergeTo')} rules={[{ required: true }]}>
              <Select
                style={{ width: 300 }}
                showSearch
                optionFilterProp="label"
                options={(idle.data ?? [])
                  .filter((r) => !rooms.some((x) => x.roomId === r.id))
                  .map((r) => ({
                    value: r.id,
                    label: `${r.buildingName} ${r.number} · ${fmtArea(r.area)} ㎡ · ${r.occupantNames ?? t('rs.idle')}`,
                  }))}
              />
            </Form.Item>
            {measure === 'merge' ? (
              <Form.Item name="personIds" label={t('osc.mergePeople')} rules={[{ required: true }]}>
                <Input style={{ width: 200 }} />
              </Form.Item>
            ) : null}
          </Space>
        ) : null}
        {measure === 'partition' ? (
          <>
            <Form.Item name="roomId" label={t('osc.partRoom')}>
              <Select
                style={{ width: 220 }}
                options={rooms.map((r) => ({ value: r.roomId, label: `${r.number} · ${fmtArea(r.area)} ㎡` }))}
              />
            </Form.Item>
            <div style={{ marginBottom: 8 }}>{t('osc.parts')}</div>
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
                  {t('osc.keep')}
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
                {t('osc.addPart')}
              </Button>
              <span style={{ marginLeft: 12, color: partRoom && partsSum > partRoom.area ? '#e53935' : '#888' }}>
                {t('osc.partsSum', { s: fmtArea(partsSum), a: fmtArea(partRoom?.area) })}
              </span>
            </div>
          </>
        ) : null}
        <Space wrap style={{ marginTop: 12 }}>
          <Form.Item name="effectiveDate" label={t('osc.effective')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('osc.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="rect-reason" />
        </Form.Item>
      </Form>
      {preview ? (
        <Alert
          type={preview.after.overStandard ? 'warning' : 'success'}
          showIcon
          data-testid="rect-preview-result"
          data-over={String(preview.after.overStandard)}
          title={t('osc.after', {
            a: fmtArea(preview.after.actualArea),
            state: preview.after.overStandard ? t('osc.stillOver', { x: fmtArea(preview.after.excessArea) }) : t('osc.fixed'),
          })}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="rect-error" /> : null}
    </Modal>
  );
}
