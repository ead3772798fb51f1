import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { auditApi } from '../../../contracts/core/audit.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { call } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';

defineMessages(
  {
    'audit.title': '审计日志',
    'audit.at': '时间',
    'audit.actor': '操作人',
    'audit.ip': '来源地址',
    'audit.action': '操作',
    'audit.entity': '对象',
    'audit.summary': '摘要',
    'audit.before': '变更前',
    'audit.after': '变更后',
    'audit.verify': '校验哈希链',
    'audit.ok': '哈希链完整：已校验 {n} 条记录',
    'audit.bad': '哈希链被破坏：第一条异常记录编号 {id}（{reason}）',
    'audit.from': '起始日期',
    'audit.to': '截止日期',
  },
  {
    'audit.title': 'Audit log',
    'audit.at': 'Time',
    'audit.actor': 'Actor',
    'audit.ip': 'Address',
    'audit.action': 'Action',
    'audit.entity': 'Entity',
    'audit.summary': 'Summary',
    'audit.before': 'Before',
    'audit.after': 'After',
    'audit.verify': 'Verify hash chain',
    'audit.ok': 'Chain intact: {n} records verified',
    'audit.bad': 'Chain broken: first bad record #{id} ({reason})',
    'audit.from': 'From',
    'audit.to': 'To',
  },
);

type Rec = {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
};
const ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'create',
  'update',
  'delete',
  'permission',
  'export',
  'import',
  'password_change',
  'password_reset',
  'approve',
  'reject',
  'submit',
];

export function AuditPage() {
  const t = useT();
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; firstBadId?: number; reason?: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() =>
              call(auditApi.verify, {})
                .then(setVerify)
                .catch((e) => setErr(e instanceof ApiError ? e.message : String(e)))
            }
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.ok ? 'success' : 'error'}
          message={
            verify.ok ? t('audit.ok', { n: verify.checked }) : t('audit.bad', { id: verify.firstBadId ?? '', reason: verify.reason ?? '' })
          }
        />
      ) : null}
      {err ? <Alert type="error" message={err} /> : null}
      <ServerTable<Rec>
        route={auditApi.search}
        exportRoute={auditApi.export}
        testId="audit-table"
        filters={
          <>
            <Form.Item name="actor">
              <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="action">
              <Select
                allowClear
                placeholder={t('audit.action')}
                style={{ width: 150 }}
                options={ACTIONS.map((a) => ({ value: a, label: a }))}
              />
            </Form.Item>
            <Form.Item name="entityType">
              <Input allowClear placeholder={t('audit.entity')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="from"
              getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(v) => (v ? dayjs(v).format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker placeholder={t('audit.from')} />
            </Form.Item>
            <Form.Item
              name="to"
              getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(v) => (v ? dayjs(v).format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker placeholder={t('audit.to')} />
            </Form.Item>
          </>
        }
        expandable={{
          rowExpandable: (r) => !!(r.before || r.after),
          expandedRowRender: (r) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              <div>
                <b>{t('audit.before')}</b>
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{r.before ? JSON.stringify(r.before, null, 2) : '—'}</pre>
              </div>
              <div>
                <b>{t('audit.after')}</b>
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{r.after ? JSON.stringify(r.after, null, 2) : '—'}</pre>
              </div>
            </div>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', key: 'at', sorter: true, render: (v) => new Date(v).toLocaleString() },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.ip'), dataIndex: 'ip' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), render: (_, r) => `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}` },
          { title: t('audit.summary'), dataIndex: 'summary', ellipsis: true },
        ]}
      />
    </div>
  );
}
