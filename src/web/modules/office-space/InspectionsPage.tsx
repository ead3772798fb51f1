import type { RouteBody } from '../../../contracts/route';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Image, Input, Progress, Select, Table, Tag, Upload, message } from 'antd';
import { useState } from 'react';
import type { TFinding } from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useOrgs } from '../../core/org/useOrgs';
import { ApiError, api } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { FormModal } from '../../shared/ui/FormModal';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { UnitSelect } from './common';

defineMessages(
  {
    'osi.title': '办公用房督查检查',
    'osi.new': '发起督查',
    'osi.task': '督查任务',
    'osi.kind': '类型',
    'osi.inspection': '专项督查',
    'osi.lookback': '回头看',
    'osi.units': '督查单位',
    'osi.checklist': '检查清单（每行一项）',
    'osi.deadline': '完成时限',
    'osi.findings': '发现问题',
    'osi.progress': '整改进度',
    'osi.addFinding': '记录问题',
    'osi.unit': '单位',
    'osi.item': '检查项',
    'osi.desc': '问题描述',
    'osi.rectifyBy': '整改期限',
    'osi.photos': '照片',
    'osi.upload': '上传照片',
    'osi.status': '状态',
    'osi.open': '待整改',
    'osi.closed': '已销号',
    'osi.overdue': '已逾期',
    'osi.close': '整改销号',
    'osi.evidence': '整改情况说明',
    'osi.saved': '已保存',
    'osi.room': '房间',
  },
  {
    'osi.title': 'Office-space inspections',
    'osi.new': 'New inspection',
    'osi.task': 'Inspection',
    'osi.kind': 'Kind',
    'osi.inspection': 'Special inspection',
    'osi.lookback': 'Look-back',
    'osi.units': 'Units inspected',
    'osi.checklist': 'Checklist (one item per line)',
    'osi.deadline': 'Deadline',
    'osi.findings': 'Findings',
    'osi.progress': 'Progress',
    'osi.addFinding': 'Record a finding',
    'osi.unit': 'Unit',
    'osi.item': 'Check item',
    'osi.desc': 'Finding',
    'osi.rectifyBy': 'Rectify by',
    'osi.photos': 'Photos',
    'osi.upload': 'Upload photos',
    'osi.status': 'Status',
    'osi.open': 'Open',
    'osi.closed': 'Closed',
    'osi.overdue': 'Overdue',
    'osi.close': 'Close with evidence',
    'osi.evidence': 'What was done',
    'osi.saved': 'Saved',
    'osi.room': 'Room',
  },
);

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

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export function InspectionsPage() {
  const t = useT();
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
        title={t('osi.title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('osi.new')}
            </Button>
          ) : null
        }
      />
      <Card size="small" title={t('osi.task')} style={{ marginBottom: 12 }}>
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
            { title: t('osi.task'), dataIndex: 'title' },
            { title: t('osi.kind'), dataIndex: 'kind', render: (v: string) => t(`osi.${v}`) },
            { title: t('osi.units'), dataIndex: 'units', render: (u: Inspection['units']) => u.map((x) => x.name).join('、') },
            { title: t('osi.deadline'), dataIndex: 'deadline' },
            {
              title: t('osi.progress'),
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
                    render: (_: unknown, r: Inspection) => <LinkButton onClick={() => setFindingFor(r)}>{t('osi.addFinding')}</LinkButton>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('osi.findings')}>
        <ServerTable<TFinding>
          route={officeApi.findings}
          testId="findings-table"
          filters={
            <>
              <Form.Item name="orgId">
                <UnitSelect allowClear placeholder={t('osi.unit')} />
              </Form.Item>
              <Form.Item name="status">
                <Select
                  allowClear
                  placeholder={t('osi.status')}
                  style={{ width: 120 }}
                  options={[
                    { value: 'open', label: t('osi.open') },
                    { value: 'closed', label: t('osi.closed') },
                  ]}
                />
              </Form.Item>
            </>
          }
          columns={[
            { title: t('osi.unit'), dataIndex: 'orgName' },
            { title: t('osi.task'), dataIndex: 'inspectionTitle' },
            { title: t('osi.item'), dataIndex: 'checkItem' },
            { title: t('osi.room'), dataIndex: 'roomNumber' },
            { title: t('osi.desc'), dataIndex: 'description', width: 320 },
            { title: t('osi.rectifyBy'), dataIndex: 'rectifyBy' },
            {
              title: t('osi.photos'),
              key: 'photos',
              render: (_, r) => (
                <Image.PreviewGroup>
                  {[...r.photoFileIds, ...r.evidenceFileIds].map((id) => (
                    <Image key={id} src={`/api/v1/files/${id}`} width={36} height={36} style={{ objectFit: 'cover' }} />
                  ))}
                </Image.PreviewGroup>
              ),
            },
            {
              title: t('osi.status'),
              dataIndex: 'status',
              render: (v: string, r) =>
                v === 'closed' ? (
                  <Tag color="green">{t('osi.closed')}</Tag>
                ) : r.overdue ? (
                  <Tag color="red">{t('osi.overdue')}</Tag>
                ) : (
                  <Tag color="orange">{t('osi.open')}</Tag>
                ),
            },
            {
              title: '',
              key: 'op',
              render: (_, r) =>
                r.status === 'open' && (hasPermission('office.write') || manage) ? (
                  <LinkButton onClick={() => setClosing(r)}>{t('osi.close')}</LinkButton>
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
  const t = useT();
  const [form] = Form.useForm();
  const orgs = useOrgs();
  return (
    <FormModal
      open={props.open}
      title={t('osi.new')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      width={640}
      initialValues={{ kind: 'inspection', checklist: '办公室面积是否超标\n是否存在多处占用\n是否出租出借\n闲置用房是否上报' }}
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
      <Form.Item name="title" label={t('osi.task')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('osi.kind')}>
        <Select
          options={[
            { value: 'inspection', label: t('osi.inspection') },
            { value: 'lookback', label: t('osi.lookback') },
          ]}
        />
      </Form.Item>
      <Form.Item name="orgIds" label={t('osi.units')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={(orgs.data ?? []).filter((o) => o.kind === 'unit').map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item name="checklist" label={t('osi.checklist')} rules={[{ required: true }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="deadline" label={t('osi.deadline')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}

function PhotoUpload({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const t = useT();
  return (
    <Upload
      accept="image/*"
      listType="picture"
      beforeUpload={(file) => {
        api
          .upload<{ id: string }>('/files', file, { ownerType: 'office_finding' })
          .then((r) => onChange?.([...(value ?? []), r.id]))
          .catch((e) => message.error(errText(e)));
        return false;
      }}
      showUploadList={false}
    >
      <Button icon={<UploadOutlined />}>
        {t('osi.upload')} {value?.length ? `(${value.length})` : ''}
      </Button>
    </Upload>
  );
}

function FindingModal(props: { inspection: Inspection | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const orgId = Form.useWatch('orgId', form);
  const roomsQ = useApiQuery(officeApi.rooms, { query: { orgId, pageSize: 200 } }, { enabled: !!orgId });
  const rooms = { ...roomsQ, data: roomsQ.data?.items };
  const insp = props.inspection;
  return (
    <FormModal
      open={!!insp}
      title={t('osi.addFinding')}
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
      <Form.Item name="orgId" label={t('osi.unit')} rules={[{ required: true }]}>
        <Select options={(insp?.units ?? []).map((u) => ({ value: u.orgId, label: u.name }))} />
      </Form.Item>
      <Form.Item name="checkItem" label={t('osi.item')}>
        <Select allowClear options={(insp?.checklist ?? []).map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="roomId" label={t('osi.room')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={(rooms.data ?? []).map((r) => ({ value: r.id, label: `${r.buildingName} ${r.number}` }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('osi.desc')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="rectifyBy" label={t('osi.rectifyBy')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="photoFileIds" label={t('osi.photos')}>
        <PhotoUpload />
      </Form.Item>
    </FormModal>
  );
}

function CloseModal(props: { finding: TFinding | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={!!props.finding}
      title={t('osi.close')}
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
      <Form.Item name="evidence" label={t('osi.evidence')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="evidenceFileIds" label={t('osi.photos')}>
        <PhotoUpload />
      </Form.Item>
    </FormModal>
  );
}
