import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Tag, message } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { TClass } from '../../../contracts/modules/training';
import { trainingApi } from '../../../contracts/modules/training.api';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { fmtDay } from '../../shared/dates';
import { useApiMutation } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import { CentreSelect } from './common';
import { trainingMessages } from './i18n';

const STATUS_COLOR = { planned: 'default', in_progress: 'processing', finished: 'gold', settled: 'green' } as const;

export function ClassStatus({ s }: { s: TClass['status'] }) {
  const t = trainingMessages.useT();
  return (
    <Tag color={STATUS_COLOR[s]} data-status={s}>
      {t(`s.${s}`)}
    </Tag>
  );
}

/** Lines "姓名,单位,电话" (Chinese or ASCII commas, tabs from a spreadsheet) → trainees. */
export function parseRoster(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', unitName, phone] = l.split(/[,，\t]/).map((x) => x.trim());
      return { name, unitName: unitName || null, phone: phone || null };
    });
}

function NewClass({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = trainingMessages.useT();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const create = useApiMutation(trainingApi.createClass, { invalidates: ['training'] });
  const setCentre = useCallback((id: number) => form.setFieldValue('centreId', id), [form]);
  const centreId = Form.useWatch('centreId', form) as number | undefined;
  const save = async () => {
    const v = await form.validateFields();
    try {
      const k = await create.mutateAsync({ body: { ...v, trainees: parseRoster(v.roster ?? ''), roster: undefined } });
      form.resetFields();
      onClose();
      navigate(`/training/classes/${k.id}`);
    } catch (e) {
      message.error(showFieldErrors(e, form));
    }
  };
  return (
    <Modal
      open={open}
      title={t('newClass')}
      onCancel={onClose}
      onOk={save}
      okText={t('save')}
      confirmLoading={create.isPending}
      width={680}
      okButtonProps={{ 'data-testid': 'class-save' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ category: 2 }}>
        <Space wrap align="start">
          <Form.Item name="centreId" label={t('centre')} rules={[{ required: true }]}>
            <CentreSelect value={centreId} onChange={setCentre} />
          </Form.Item>
          <Form.Item name="orgId" label={t('organiser')} rules={[{ required: true }]}>
            <UnitSelect style={{ width: 240 }} testId="class-org" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('classTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="class-title" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={[1, 2, 3].map((c) => ({ value: c, label: t(`cat.${c as 1}`) }))} />
          </Form.Item>
          <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true }]}>
            <Input type="date" data-testid="class-start" />
          </Form.Item>
          <Form.Item name="endDate" label={t('endDate')} rules={[{ required: true }]}>
            <Input type="date" data-testid="class-end" />
          </Form.Item>
        </Space>
        <Form.Item name="roster" label={t('roster')}>
          <Input.TextArea rows={6} data-testid="class-roster" />
        </Form.Item>
        <Alert type="info" showIcon message={t('rosterHint')} />
      </Form>
    </Modal>
  );
}

/** 开班: the classes of the centres (and organising units) in scope. */
export function ClassesPage() {
  const t = trainingMessages.useT();
  const { hasPermission } = useAuth();
  const [creating, setCreating] = useState(false);
  return (
    <div data-testid="training-classes-page">
      <PageHeader
        title={t('classes')}
        extra={
          hasPermission('training.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="class-new">
              {t('newClass')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TClass>
        route={trainingApi.classes}
        testId="classes-table"
        urlFilters={['status']}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 150 }}
                options={(['planned', 'in_progress', 'finished', 'settled'] as const).map((s) => ({ value: s, label: t(`s.${s}`) }))}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('classTitle'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/training/classes/${r.id}`} data-testid={`class-row-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: t('organiser'), dataIndex: 'orgName' },
          { title: t('category'), dataIndex: 'category', render: (c: number) => t(`cat.${c as 1}`) },
          {
            title: t('dates'),
            dataIndex: 'startDate',
            sorter: true,
            render: (_: string, r) => `${fmtDay(r.startDate)} – ${fmtDay(r.endDate)}`,
          },
          {
            title: t('trainees'),
            key: 'n',
            render: (_: unknown, r) => t('traineeCounts', { n: r.traineeCount, a: r.allocatedCount, c: r.checkedInCount }),
          },
          { title: t('status'), dataIndex: 'status', render: (s: TClass['status']) => <ClassStatus s={s} /> },
        ]}
      />
      <NewClass open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
