import type { RouteBody } from '../../../contracts/route';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Image, Input, Progress, Select, Table, Tag, Upload, message } from 'antd';
import { useState } from 'react';
import { filesApi } from '../../../contracts/core/files.api';
import type { TFinding } from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useOrgs } from '../../core/org/useOrgs';
import { ApiError } from '../../shared/api';
import { call, invalidate, upload, urlOf, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { FormModal } from '../../shared/ui/FormModal';
import { LinkButton, PageHeader, QueryError } from '../../shared/ui/states';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { UnitSelect } from './common';

export const inspectionsMessages = defineMessages('office.inspections', {
  title: { zh: '办公用房督查检查', en: 'Office-space inspections' },
  new: { zh: '发起督查', en: 'New inspection' },
  task: { zh: '督查任务', en: 'Inspection' },
  kind: { zh: '类型', en: 'Kind' },
  inspection: { zh: '专项督查', en: 'Special inspection' },
  lookback: { zh: '回头看', en: 'Look-back' },
  units: { zh: '督查单位', en: 'Units inspected' },
  checklist: { zh: '检查清单（每行一项）', en: 'Checklist (one item per line)' },
  deadline: { zh: '完成时限', en: 'Deadline' },
  findings: { zh: '发现问题', en: 'Findings' },
  rectifyDeadline: { zh: '整改期限', en: 'Rectification deadline' },
  overdueOnly: { zh: '已逾期', en: 'Overdue' },
  progress: { zh: '整改进度', en: 'Progress' },
  addFinding: { zh: '记录问题', en: 'Record a finding' },
  unit: { zh: '单位', en: 'Unit' },
  item: { zh: '检查项', en: 'Check item' },
  desc: { zh: '问题描述', en: 'Finding' },
  rectifyBy: { zh: '整改期限', en: 'Rectify by' },
  photos: { zh: '照片', en: 'Photos' },
  upload: { zh: '上传照片', en: 'Upload photos' },
  status: { zh: '状态', en: 'Status' },
  open: { zh: '待整改', en: 'Open' },
  closed: { zh: '已销号', en: 'Closed' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  close: { zh: '整改销号', en: 'Close with evidence' },
  evidence: { zh: '整改情况说明', en: 'What was done' },
  saved: { zh: '已保存', en: 'Saved' },
  room: { zh: '房间', en: 'Room' },
  listSep: { zh: '、', en: ', ' },
  // The checklist a new inspection starts with (the inspector edits it freely).
  'defaultCheck.area': { zh: '办公室面积是否超标', en: 'Are offices over the area standard?' },
  'defaultCheck.multiple': { zh: '是否存在多处占用', en: 'Does anyone occupy offices in more than one place?' },
  'defaultCheck.letting': { zh: '是否出租出借', en: 'Are rooms rented or lent out?' },
  'defaultCheck.idle': { zh: '闲置用房是否上报', en: 'Are idle rooms reported?' },
});

const DEFAULT_CHECKLIST = ['defaultCheck.area', 'defaultCheck.multiple', 'defaultCheck.letting', 'defaultCheck.idle'] as const;

type Inspection = {
  id: number;
  title: string;
  kind: 'inspection' | 'lookback';
  checklist: string[];
  deadline: string;
  status: string;
  units: { orgId: number; name: string | null }[];
  findings: number;
  openFindings: number;
};

const errText = (e: unknown) => showFieldErrors(e);

export function InspectionsPage() {
  const t = inspectionsMessages.useT();
  const { hasPermission } = useAuth();
  const manage = hasPermission('office.manage');
  const qc = useQueryClient();
  const listQ = useApiQuery(officeApi.inspections, {});
  const list = { ...listQ, data: listQ.data?.items as Inspection[] | undefined };
  const [creating, setCreating] = useState(false);
  const [findingFor, setFindingFor] = useState<Inspection | null>(null);
  const [closing, setClosing] = useState<TFinding | null>(null);
  const refresh = () => {
    invalidate(qc, [officeApi.inspections, officeApi.findings]);
  };
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('new')}
            </Button>
          ) : null
        }
      />
      <QueryError inline queries={[listQ]} />
      <Card size="small" title={t('task')} style={{ marginBottom: 12 }}>
        <Table<Inspection>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          expandable={{
            expandedRowRender: (r) => (
              <ol style={{ margin: 0 }}>
                {r.checklist.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ol>
            ),
          }}
          columns={[
            { title: t('task'), dataIndex: 'title' },
            { title: t('kind'), dataIndex: 'kind', render: (v: Inspection['kind']) => t(v) },
            { title: t('units'), dataIndex: 'units', render: (u: Inspection['units']) => u.map((x) => x.name).join(t('listSep')) },
            { title: t('deadline'), dataIndex: 'deadline' },
            {
              title: t('progress'),
              key: 'p',
              render: (_, r) =>
                r.findings ? (
                  <Progress
                    size="small"
                    style={{ width: 140 }}
                    percent={Math.round(((r.findings - r.openFindings) / r.findings) * 100)}
                    format={() => `${r.findings - r.openFindings}/${r.findings}`}
                  />
                ) : (
                  '—'
                ),
            },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'op',
                    render: (_: unknown, r: Inspection) => <LinkButton onClick={() => setFindingFor(r)}>{t('addFinding')}</LinkButton>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('findings')}>
        <ServerTable<TFinding>
          route={officeApi.findings}
          testId="findings-table"
          urlFilters={['status', 'overdue']}
          filters={
            <>
              <Form.Item name="orgId">
                <UnitSelect allowClear placeholder={t('unit')} />
              </Form.Item>
              <Form.Item name="status">
                <Select
                  allowClear
                  placeholder={t('status')}
                  style={{ width: 120 }}
                  options={[
                    { value: 'open', label: t('open') },
                    { value: 'closed', label: t('closed') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="overdue">
                <Select
                  allowClear
                  placeholder={t('rectifyDeadline')}
                  style={{ width: 120 }}
                  options={[{ value: 'true', label: t('overdueOnly') }]}
                />
              </Form.Item>
            </>
          }
          columns={[
            { title: t('unit'), dataIndex: 'orgName' },
            { title: t('task'), dataIndex: 'inspectionTitle' },
            { title: t('item'), dataIndex: 'checkItem' },
            { title: t('room'), dataIndex: 'roomNumber' },
            { title: t('desc'), dataIndex: 'description', width: 320 },
            { title: t('rectifyBy'), dataIndex: 'rectifyBy' },
            {
              title: t('photos'),
              key: 'photos',
              render: (_, r) => (
                <Image.PreviewGroup>
                  {[...r.photoFileIds, ...r.evidenceFileIds].map((id) => (
                    <Image key={id} src={urlOf(filesApi.get, { params: { id } })} width={36} height={36} style={{ objectFit: 'cover' }} />
                  ))}
                </Image.PreviewGroup>
              ),
            },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (v: string, r) =>
                v === 'closed' ? (
                  <Tag color="green">{t('closed')}</Tag>
                ) : r.overdue ? (
                  <Tag color="red">{t('overdue')}</Tag>
                ) : (
                  <Tag color="orange">{t('open')}</Tag>
                ),
            },
            {
              title: '',
              key: 'op',
              render: (_, r) =>
                r.status === 'open' && (hasPermission('office.write') || manage) ? (
                  <LinkButton onClick={() => setClosing(r)}>{t('close')}</LinkButton>
                ) : (
                  r.evidence
                ),
            },
          ]}
        />
      </Card>
      <CreateModal open={creating} onClose={() => setCreating(false)} onSaved={refresh} />
      <FindingModal inspection={findingFor} onClose={() => setFindingFor(null)} onSaved={refresh} />
      <CloseModal finding={closing} onClose={() => setClosing(null)} onSaved={refresh} />
    </div>
  );
}

function CreateModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = inspectionsMessages.useT();
  const [form] = Form.useForm();
  const orgs = useOrgs();
  return (
    <FormModal
      open={props.open}
      title={t('new')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      width={640}
      initialValues={{ kind: 'inspection', checklist: DEFAULT_CHECKLIST.map((k) => t(k)).join('\n') }}
      form={form}
      onSubmit={(v) =>
        call(officeApi.createInspection, {
          body: {
            title: v.title,
            kind: v.kind,
            orgIds: v.orgIds,
            checklist: String(v.checklist)
              .split('\n')
              .map((s: string) => s.trim())
              .filter(Boolean),
            deadline: v.deadline.format('YYYY-MM-DD'),
          },
        })
      }
    >
      <Form.Item name="title" label={t('task')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('kind')}>
        <Select
          options={[
            { value: 'inspection', label: t('inspection') },
            { value: 'lookback', label: t('lookback') },
          ]}
        />
      </Form.Item>
      <Form.Item name="orgIds" label={t('units')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={(orgs.data ?? []).filter((o) => o.kind === 'unit').map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item name="checklist" label={t('checklist')} rules={[{ required: true }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="deadline" label={t('deadline')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}

function PhotoUpload({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const t = inspectionsMessages.useT();
  return (
    <Upload
      accept="image/*"
      listType="picture"
      beforeUpload={(file) => {
        upload(filesApi.upload, { file, fields: { ownerType: 'office_finding' } })
          .then((r) => onChange?.([...(value ?? []), r.id]))
          .catch((e) => message.error(errText(e)));
        return false;
      }}
      showUploadList={false}
    >
      <Button icon={<UploadOutlined />}>
        {t('upload')} {value?.length ? `(${value.length})` : ''}
      </Button>
    </Upload>
  );
}

function FindingModal(props: { inspection: Inspection | null; onClose: () => void; onSaved: () => void }) {
  const t = inspectionsMessages.useT();
  const [form] = Form.useForm();
  const orgId = Form.useWatch('orgId', form);
  // A unit can have more rooms than a page: the select searches on the server (number or name).
  const [roomQ, setRoomQ] = useState('');
  const roomsQ = useApiQuery(officeApi.rooms, { query: { orgId, q: roomQ || undefined, pageSize: 50 } }, { enabled: !!orgId });
  const rooms = { ...roomsQ, data: roomsQ.data?.items };
  const insp = props.inspection;
  return (
    <FormModal
      open={!!insp}
      title={t('addFinding')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      onSubmit={(v) =>
        call(officeApi.addFinding, {
          params: { id: insp!.id },
          body: { ...v, rectifyBy: v.rectifyBy.format('YYYY-MM-DD'), photoFileIds: v.photoFileIds ?? [] } as RouteBody<
            typeof officeApi.addFinding
          >,
        })
      }
    >
      <Form.Item name="orgId" label={t('unit')} rules={[{ required: true }]}>
        <Select options={(insp?.units ?? []).map((u) => ({ value: u.orgId, label: u.name }))} />
      </Form.Item>
      <Form.Item name="checkItem" label={t('item')}>
        <Select allowClear options={(insp?.checklist ?? []).map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="roomId" label={t('room')}>
        <Select
          allowClear
          showSearch
          filterOption={false}
          onSearch={setRoomQ}
          options={(rooms.data ?? []).map((r) => ({ value: r.id, label: `${r.buildingName} ${r.number}` }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('desc')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="rectifyBy" label={t('rectifyBy')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="photoFileIds" label={t('photos')}>
        <PhotoUpload />
      </Form.Item>
    </FormModal>
  );
}

function CloseModal(props: { finding: TFinding | null; onClose: () => void; onSaved: () => void }) {
  const t = inspectionsMessages.useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={!!props.finding}
      title={t('close')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      onSubmit={(v) =>
        call(officeApi.closeFinding, {
          params: { id: props.finding!.id },
          body: { evidence: v.evidence, evidenceFileIds: v.evidenceFileIds ?? [] },
        })
      }
    >
      <p>{props.finding?.description}</p>
      <Form.Item name="evidence" label={t('evidence')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="evidenceFileIds" label={t('photos')}>
        <PhotoUpload />
      </Form.Item>
    </FormModal>
  );
}
