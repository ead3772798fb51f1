import { CameraOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Result, Select, Space, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import { PATROL_KINDS, type ZPatrolCreateSchema } from '../../../contracts/modules/energy';
import { useOrgs } from '../../core/org/useOrgs';
import { energyApi } from '../../../contracts/modules/energy.api';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { DraftUpload, FileList } from '../../shared/ui/Attachments';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  type TNotice,
  type TPatrol,
  YearSelect,
  enumOptions,
  errText,
  fmtDate,
  fmtNum,
  fmtTime,
  toIso,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';

export const patrolMessages = defineMessages('energy.patrol', {
  title: { zh: '节能巡查', en: 'Energy patrol' },
  record: { zh: '登记问题', en: 'Record a finding' },
  findings: { zh: '巡查记录', en: 'Findings' },
  notices: { zh: '通报', en: 'Notices' },
  unit: { zh: '被检查单位', en: 'Unit inspected' },
  room: { zh: '房间', en: 'Room' },
  roomHint: { zh: '输入房间号搜索办公用房登记的房间', en: 'Type a room number to search the office registry' },
  location: { zh: '位置', en: 'Location' },
  locationHint: { zh: '找不到房间时填写，如“3号楼东侧楼梯间”', en: 'If the room is not listed, e.g. "stairwell, east side of building 3"' },
  kind: { zh: '问题类型', en: 'Problem' },
  time: { zh: '发现时间', en: 'Seen at' },
  setpoint: { zh: '空调设定温度(℃)', en: 'AC setpoint (°C)' },
  setpointHint: { zh: '夏季不低于 26 ℃、冬季不高于 20 ℃', en: 'Not below 26 °C in summer, not above 20 °C in winter' },
  photos: { zh: '现场照片', en: 'Photos' },
  addPhoto: { zh: '拍照 / 选择照片', en: 'Take or choose photos' },
  note: { zh: '说明', en: 'Note' },
  submit: { zh: '提交', en: 'Submit' },
  needPlace: { zh: '请选择房间或填写位置', en: 'Choose the room or give a location' },
  saved: { zh: '已登记', en: 'Recorded' },
  countN: { zh: '这是该处本期第 {n} 次发现问题', en: 'Finding no. {n} for this place in this period' },
  noticeRaised: { zh: '已达到通报条件，已生成通报', en: 'The notice threshold is reached: a public notice was raised' },
  noNotice: { zh: '未达到通报条件', en: 'No notice raised' },
  viewNotice: { zh: '查看通报', en: 'View the notice' },
  another: { zh: '继续登记', en: 'Record another' },
  place: { zh: '房间 / 位置', en: 'Room / location' },
  inspector: { zh: '巡查人', en: 'Inspector' },
  count: { zh: '本期次数', en: 'No. in period' },
  notice: { zh: '通报', en: 'Notice' },
  photoN: { zh: '{n} 张', en: '{n} photos' },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期', en: 'To' },
  noticeTitle: { zh: '标题', en: 'Title' },
  period: { zh: '期间', en: 'Period' },
  deduction: { zh: '考核扣分', en: 'Points deducted' },
  findingsN: { zh: '问题数', en: 'Findings' },
  issued: { zh: '通报日期', en: 'Issued' },
  print: { zh: '打印', en: 'Print' },
  back: { zh: '返回通报列表', en: 'Back to notices' },
  noticeNo: { zh: '第 {id} 号', en: 'No. {id}' },
  noticeFacts: {
    zh: '涉及单位：{org}　期间：{period}　问题 {n} 起　考核扣 {d} 分',
    en: 'Unit: {org}   Period: {period}   {n} findings   {d} points deducted',
  },
  issuer: { zh: '机关事务管理局', en: 'Administrative Affairs Bureau' },
});

const PATROL_FILES = 'energy_patrol';

/** 节能巡查: the inspector's phone form, the findings, and the notices (通报) with a printable notice. */
export function PatrolPage() {
  const t = patrolMessages.useT();
  const rights = useEnergyRights();
  const [params, setParams] = useSearchParams();
  const notice = Number(params.get('notice')) || null;
  const tab = params.get('tab') ?? (rights.patrol ? 'record' : 'findings');
  if (notice) return <NoticePrint id={notice} onBack={() => setParams({ tab: 'notices' })} />;
  return (
    <div className="eg-page" data-testid="patrol-page">
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          ...(rights.patrol ? [{ key: 'record', label: t('record'), children: <PatrolForm /> }] : []),
          { key: 'findings', label: t('findings'), children: <Findings /> },
          { key: 'notices', label: t('notices'), children: <Notices /> },
        ]}
      />
    </div>
  );
}

type FormValues = {
  orgId: number;
  roomId?: number;
  location?: string;
  kind: (typeof PATROL_KINDS)[number];
  observedAt: string;
  setpointC?: number;
  note?: string;
  photoFileIds?: string[];
};

/** Rooms of the unit from the office registry, searched on the server (the energy API serves them to inspectors); a location can be typed instead. */
function RoomPicker(props: { orgId?: number; value?: number; onChange?: (v?: number) => void }) {
  const t = patrolMessages.useT();
  const [q, setQ] = useState('');
  const rooms = useApiQuery(
    energyApi.patrolRooms,
    { query: { orgId: props.orgId!, q: q || undefined } },
    { enabled: !!props.orgId, retry: false },
  );
  if (rooms.error) return null;
  return (
    <Form.Item label={t('room')} extra={t('roomHint')}>
      <Select
        showSearch
        allowClear
        filterOption={false}
        value={props.value}
        onChange={(v) => props.onChange?.(v ?? undefined)}
        onSearch={setQ}
        disabled={!props.orgId}
        loading={rooms.isFetching}
        size="large"
        data-testid="patrol-room"
        options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
      />
    </Form.Item>
  );
}

function PatrolForm() {
  const t = patrolMessages.useT();
  const tc = commonMessages.useT();
  const create = useApiMutation(energyApi.createPatrolFinding, { invalidates: [energyApi.patrolFindings, energyApi.notices] });
  // A link (or a QR code at an office door) may name the unit: /energy/patrol?orgId=…
  const [params] = useSearchParams();
  const linkedUnit = Number(params.get('orgId')) || undefined;
  const defaultUnit = useDefaultUnit();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<TPatrol | null>(null);
  const [uploadKey, setUploadKey] = useState(0);
  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form);
  const roomId = Form.useWatch('roomId', form);
  const submit = () =>
    form.validateFields().then(async (v) => {
      if (!v.roomId && !v.location?.trim()) {
        form.setFields([{ name: 'location', errors: [t('needPlace')] }]);
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const body: z.input<typeof ZPatrolCreateSchema> = {
          orgId: v.orgId,
          roomId: v.roomId ?? null,
          location: v.location?.trim() || null,
          kind: v.kind,
          observedAt: toIso(dayjs(v.observedAt)),
          setpointC: v.kind.startsWith('ac_') ? v.setpointC : null,
          note: v.note?.trim() || null,
          photoFileIds: v.photoFileIds ?? [],
        };
        setSaved(await create.mutateAsync({ body }));
      } catch (e) {
        setError(errText(e));
      } finally {
        setBusy(false);
      }
    });
  if (saved)
    return (
      <Result
        status={saved.noticeId ? 'warning' : 'success'}
        title={t('saved')}
        subTitle={
          <div data-testid="patrol-saved" data-count={saved.countInPeriod} data-notice={saved.noticeId ?? ''}>
            <div>{t('countN', { n: saved.countInPeriod })}</div>
            <div>{saved.noticeId ? t('noticeRaised') : t('noNotice')}</div>
          </div>
        }
        extra={
          <Space wrap>
            {saved.noticeId ? (
              <Link to={`/energy/patrol?notice=${saved.noticeId}`}>
                <Button>{t('viewNotice')}</Button>
              </Link>
            ) : null}
            <Button
              type="primary"
              size="large"
              data-testid="patrol-another"
              onClick={() => {
                setSaved(null);
                form.resetFields(['roomId', 'location', 'setpointC', 'note', 'photoFileIds']);
                form.setFieldValue('observedAt', dayjs().format('YYYY-MM-DDTHH:mm'));
                setUploadKey((k) => k + 1);
              }}
            >
              {t('another')}
            </Button>
          </Space>
        }
      />
    );
  return (
    <Form
      form={form}
      layout="vertical"
      className="eg-patrol-form"
      style={{ maxWidth: 560 }}
      initialValues={{ orgId: linkedUnit ?? defaultUnit, kind: 'lights_on', observedAt: dayjs().format('YYYY-MM-DDTHH:mm') }}
      // Another unit: the room chosen belonged to the last one.
      onValuesChange={(c) => ('orgId' in c ? form.setFieldValue('roomId', undefined) : undefined)}
      data-testid="patrol-form"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="patrol-error" /> : null}
      <Form.Item name="orgId" label={t('unit')} rules={[{ required: true }]}>
        <EnergyUnitSelect testId="patrol-unit" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="roomId" noStyle>
        <RoomPicker key={orgId} orgId={orgId} />
      </Form.Item>
      {!roomId ? (
        <Form.Item name="location" label={t('location')} extra={t('locationHint')}>
          <Input size="large" maxLength={100} data-testid="patrol-location" />
        </Form.Item>
      ) : null}
      <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" className="eg-patrol-kinds" data-testid="patrol-kind">
          {PATROL_KINDS.map((k) => (
            <Radio.Button key={k} value={k}>
              {/* The test id on the visible label: antd puts a Radio's own props on its hidden input. */}
              <span data-testid={`patrol-kind-${k}`}>{tc(`pk.${k}`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {kind?.startsWith('ac_') ? (
        <Form.Item name="setpointC" label={t('setpoint')} extra={t('setpointHint')} rules={[{ required: true }]}>
          <InputNumber
            min={5}
            max={40}
            step={0.5}
            size="large"
            inputMode="decimal"
            style={{ width: '100%' }}
            data-testid="patrol-setpoint"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="observedAt" label={t('time')} rules={[{ required: true }]}>
        <Input type="datetime-local" size="large" data-testid="patrol-time" max={dayjs().format('YYYY-MM-DDTHH:mm')} />
      </Form.Item>
      <Form.Item name="photoFileIds" label={t('photos')}>
        <DraftUpload key={uploadKey} ownerType={PATROL_FILES} accept="image/*" label={t('addPhoto')} testId="patrol-photos" />
      </Form.Item>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea rows={3} maxLength={500} data-testid="patrol-note" />
      </Form.Item>
      <Button type="primary" size="large" block icon={<CameraOutlined />} loading={busy} onClick={submit} data-testid="patrol-submit">
        {t('submit')}
      </Button>
    </Form>
  );
}

function Findings() {
  const t = patrolMessages.useT();
  const tc = commonMessages.useT();
  const defaultUnit = useDefaultUnit();
  return (
    <ServerTable<TPatrol>
      route={energyApi.patrolFindings}
      testId="patrol-table"
      extraQuery={{ orgId: defaultUnit }}
      onRow={(f) => ({ 'data-testid': `patrol-row-${f.id}`, 'data-kind': f.kind, 'data-count': f.countInPeriod }) as never}
      expandable={{
        rowExpandable: (f) => f.photos > 0 || !!f.note,
        expandedRowRender: (f) => (
          <div>
            {f.note ? <p style={{ whiteSpace: 'pre-wrap' }}>{f.note}</p> : null}
            {f.photos ? <FileList ownerType={PATROL_FILES} ownerId={f.id} /> : null}
          </div>
        ),
      }}
      filters={
        <>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={tc('unit')} />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('kind')} style={{ width: 170 }} options={enumOptions(tc, 'pk', PATROL_KINDS)} />
          </Form.Item>
          <Form.Item name="from" getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })} normalize={(d) => d?.format('YYYY-MM-DD')}>
            <DatePicker placeholder={t('from')} />
          </Form.Item>
          <Form.Item name="to" getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })} normalize={(d) => d?.format('YYYY-MM-DD')}>
            <DatePicker placeholder={t('to')} />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('time'), dataIndex: 'observedAt', sorter: true, render: fmtTime },
        { title: tc('unit'), dataIndex: 'orgName' },
        { title: t('place'), key: 'place', render: (_, f) => f.roomLabel ?? f.location ?? '—' },
        {
          title: t('kind'),
          dataIndex: 'kind',
          render: (v: TPatrol['kind'], f) => (
            <Space size={4}>
              <Tag color={v.startsWith('ac_') ? 'blue' : v === 'tap_running' ? 'cyan' : 'orange'}>{tc(`pk.${v}`)}</Tag>
              {f.setpointC !== null ? `${fmtNum(f.setpointC, 1)} ℃` : null}
            </Space>
          ),
        },
        { title: t('inspector'), dataIndex: 'inspector', render: (v: string | null) => v ?? '—' },
        { title: t('count'), dataIndex: 'countInPeriod', align: 'right' },
        {
          title: t('notice'),
          dataIndex: 'noticeId',
          render: (v: number | null) => (v ? <Link to={`/energy/patrol?notice=${v}`}>{t('viewNotice')}</Link> : null),
        },
        { title: t('photos'), dataIndex: 'photos', render: (v: number) => (v ? t('photoN', { n: v }) : '—') },
      ]}
    />
  );
}

function Notices() {
  const t = patrolMessages.useT();
  const tc = commonMessages.useT();
  const defaultUnit = useDefaultUnit();
  const [, setParams] = useSearchParams();
  return (
    <ServerTable<TNotice>
      route={energyApi.notices}
      testId="notice-table"
      extraQuery={{ orgId: defaultUnit }}
      onRow={(n) => ({ 'data-testid': `notice-row-${n.id}` }) as never}
      filters={
        <>
          <Form.Item name="year">
            <YearSelect allowClear />
          </Form.Item>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={tc('unit')} />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('issued'), dataIndex: 'createdAt', sorter: true, render: fmtDate },
        { title: tc('unit'), dataIndex: 'orgName' },
        { title: t('noticeTitle'), dataIndex: 'title' },
        { title: t('period'), dataIndex: 'period' },
        { title: t('findingsN'), dataIndex: 'findings', align: 'right' },
        { title: t('deduction'), dataIndex: 'deduction', align: 'right', render: (v: number) => fmtNum(v, 1) },
        {
          title: '',
          key: 'op',
          render: (_, n) => (
            <LinkButton icon={<PrinterOutlined />} onClick={() => setParams({ notice: String(n.id) })} data-testid={`notice-print-${n.id}`}>
              {t('print')}
            </LinkButton>
          ),
        },
      ]}
    />
  );
}

/** A notice as the bureau issues it: red head, number, body, signature and seal (A4). */
function NoticePrint({ id, onBack }: { id: number; onBack: () => void }) {
  const t = patrolMessages.useT();
  const orgs = useOrgs();
  const q = useApiQuery(energyApi.notice, { params: { id } });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const n = q.data;
  // A unit's reader does not see the bureau in its org list: the notice is still the bureau's.
  const bureau = orgs.data?.find((o) => o.kind === 'bureau')?.name ?? t('issuer');
  return (
    <div data-testid="notice-print" data-notice={n.id}>
      <Button className="hq-no-print" onClick={onBack} style={{ marginBottom: 8 }}>
        ← {t('back')}
      </Button>
      <PrintLayout issuer={bureau} title={n.title} docNo={t('noticeNo', { id: n.id })}>
        <p style={{ textIndent: 0 }}>
          {t('noticeFacts', { org: n.orgName ?? '', period: n.period, n: n.findings, d: fmtNum(n.deduction, 1) })}
        </p>
        <div style={{ whiteSpace: 'pre-wrap', textIndent: '2em' }}>{n.body}</div>
        <p style={{ textAlign: 'right', marginTop: 24 }}>{fmtDate(n.createdAt)}</p>
      </PrintLayout>
    </div>
  );
}
