import { Badge, Calendar, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { calendarApi } from '../../../contracts/core/refdata.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { cnYear } from '../../shared/dates';

defineMessages(
  {
    'cal.title': '节假日与调休',
    'cal.holiday': '放假',
    'cal.workday': '调休上班',
    'cal.incomplete': '该年度尚未录入节假日安排，请按国务院办公厅通知录入',
    'cal.edit': '设置日期',
    'cal.kind': '类型',
    'cal.nameZh': '中文名称',
    'cal.nameEn': '英文名称',
    'cal.delete': '删除',
    'cal.saved': '已保存',
    'cal.list': '本年安排',
    'cal.day': '日期',
  },
  {
    'cal.title': 'Holidays and make-up days',
    'cal.holiday': 'Holiday',
    'cal.workday': 'Make-up workday',
    'cal.incomplete': 'No holiday arrangement entered for this year yet: enter it from the State Council notice',
    'cal.edit': 'Set day',
    'cal.kind': 'Kind',
    'cal.nameZh': 'Chinese name',
    'cal.nameEn': 'English name',
    'cal.delete': 'Delete',
    'cal.saved': 'Saved',
    'cal.list': 'This year',
    'cal.day': 'Date',
  },
);

type Day = { day: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string };

export function CalendarPage() {
  const t = useT();
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
      message.success(t('cal.saved'));
      setEditing(null);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div>
      <PageHeader
        title={t('cal.title')}
        extra={
          <Space>
            <Tag color="red">{t('cal.holiday')}</Tag>
            <Tag color="blue">{t('cal.workday')}</Tag>
          </Space>
        }
      />
      {q.data && !q.data.complete ? (
        <Tag color="warning" style={{ marginBottom: 8 }}>
          {t('cal.incomplete')}
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
        {t('cal.list')} {year}
      </h3>
      <Table
        rowKey="day"
        size="small"
        dataSource={q.data?.days}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('cal.day'), dataIndex: 'day' },
          { title: t('cal.kind'), dataIndex: 'kind', render: (k) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`cal.${k}`)}</Tag> },
          { title: t('cal.nameZh'), render: (_, r) => (locale === 'en' ? r.nameEn : r.nameZh) },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: Day) => (
                    <Popconfirm title={t('cal.delete')} onConfirm={() => deleteDay.mutateAsync({ params: { day: r.day } })}>
                      <LinkButton>{t('cal.delete')}</LinkButton>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={!!editing} title={`${t('cal.edit')} ${editing ?? ''}`} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('cal.kind')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'holiday', label: t('cal.holiday') },
                { value: 'workday', label: t('cal.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="nameZh" label={t('cal.nameZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('cal.nameEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
