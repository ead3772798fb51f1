import { Badge, Calendar, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { calendarApi } from '../../../contracts/core/refdata.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { LinkButton, PageHeader, QueryError } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { cnYear } from '../../shared/dates';

export const calendarMessages = defineMessages('calendar', {
  title: { zh: '节假日与调休', en: 'Holidays and make-up days' },
  holiday: { zh: '放假', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Make-up workday' },
  incomplete: {
    zh: '该年度尚未录入节假日安排，请按国务院办公厅通知录入',
    en: 'No holiday arrangement entered for this year yet: enter it from the State Council notice',
  },
  edit: { zh: '设置日期', en: 'Set day' },
  kind: { zh: '类型', en: 'Kind' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  delete: { zh: '删除', en: 'Delete' },
  saved: { zh: '已保存', en: 'Saved' },
  list: { zh: '本年安排', en: 'This year' },
  day: { zh: '日期', en: 'Date' },
});

type Day = { day: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string };

export function CalendarPage() {
  const t = calendarMessages.useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('refdata.write');
  const [year, setYear] = useState(cnYear());
  const q = useApiQuery(calendarApi.year, { query: { year } });
  const setDay = useApiMutation(calendarApi.setDay, { invalidates: ['calendar'] });
  const deleteDay = useApiMutation(calendarApi.deleteDay, { invalidates: ['calendar'] });
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm();
  const byDay = new Map((q.data?.days ?? []).map((d) => [d.day, d]));
  const cell = (d: Dayjs) => {
    const x = byDay.get(d.format('YYYY-MM-DD'));
    return x ? <Badge status={x.kind === 'holiday' ? 'error' : 'processing'} text={locale === 'en' ? x.nameEn : x.nameZh} /> : null;
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await setDay.mutateAsync({ params: { day: editing! }, body: v });
      message.success(t('saved'));
      setEditing(null);
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Space>
            <Tag color="red">{t('holiday')}</Tag>
            <Tag color="blue">{t('workday')}</Tag>
          </Space>
        }
      />
      <QueryError inline queries={[q]} />
      {q.data && !q.data.complete ? (
        <Tag color="warning" style={{ marginBottom: 8 }}>
          {t('incomplete')}
        </Tag>
      ) : null}
      <Calendar
        cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
        onPanelChange={(d) => setYear(d.year())}
        onSelect={(d, info) => {
          if (!canWrite || info.source !== 'date') return;
          const k = d.format('YYYY-MM-DD');
          const x = byDay.get(k);
          form.setFieldsValue(x ?? { kind: d.day() === 0 || d.day() === 6 ? 'workday' : 'holiday', nameZh: '', nameEn: '' });
          setEditing(k);
        }}
      />
      <h3>
        {t('list')} {year}
      </h3>
      <Table
        rowKey="day"
        size="small"
        dataSource={q.data?.days}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('day'), dataIndex: 'day' },
          { title: t('kind'), dataIndex: 'kind', render: (k) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(k as Day['kind'])}</Tag> },
          { title: t('nameZh'), render: (_, r) => (locale === 'en' ? r.nameEn : r.nameZh) },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: Day) => (
                    <Popconfirm title={t('delete')} onConfirm={() => deleteDay.mutateAsync({ params: { day: r.day } })}>
                      <LinkButton>{t('delete')}</LinkButton>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={!!editing} title={`${t('edit')} ${editing ?? ''}`} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'holiday', label: t('holiday') },
                { value: 'workday', label: t('workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
