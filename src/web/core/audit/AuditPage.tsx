import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { auditApi } from '../../../contracts/core/audit.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';

export const auditMessages = defineMessages('audit', {
  title: { zh: '审计日志', en: 'Audit log' },
  at: { zh: '时间', en: 'Time' },
  actor: { zh: '操作人', en: 'Actor' },
  ip: { zh: '来源地址', en: 'Address' },
  action: { zh: '操作', en: 'Action' },
  entity: { zh: '对象', en: 'Entity' },
  summary: { zh: '摘要', en: 'Summary' },
  before: { zh: '变更前', en: 'Before' },
  after: { zh: '变更后', en: 'After' },
  verify: { zh: '校验哈希链', en: 'Verify hash chain' },
  ok: { zh: '哈希链完整：已校验 {n} 条记录', en: 'Chain intact: {n} records verified' },
  bad: { zh: '哈希链被破坏：第一条异常记录编号 {id}（{reason}）', en: 'Chain broken: first bad record #{id} ({reason})' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
});

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
  const t = auditMessages.useT();
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; firstBadId?: number; reason?: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() =>
              call(auditApi.verify, {})
                .then(setVerify)
                .catch((e) => setErr(e instanceof ApiError ? e.message : String(e)))
            }
          >
            {t('verify')}
          </Button>
        }
      />
      {verify ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.ok ? 'success' : 'error'}
          message={verify.ok ? t('ok', { n: verify.checked }) : t('bad', { id: verify.firstBadId ?? '', reason: verify.reason ?? '' })}
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
              <Input allowClear placeholder={t('actor')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="action">
              <Select allowClear placeholder={t('action')} style={{ width: 150 }} options={ACTIONS.map((a) => ({ value: a, label: a }))} />
            </Form.Item>
            <Form.Item name="entityType">
              <Input allowClear placeholder={t('entity')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="from"
              getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(v) => (v ? dayjs(v).format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker placeholder={t('from')} />
            </Form.Item>
            <Form.Item
              name="to"
              getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(v) => (v ? dayjs(v).format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker placeholder={t('to')} />
            </Form.Item>
          </>
        }
        expandable={{
          rowExpandable: (r) => !!(r.before || r.after),
          expandedRowRender: (r) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              <div>
                <b>{t('before')}</b>
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{r.before ? JSON.stringify(r.before, null, 2) : '—'}</pre>
              </div>
              <div>
                <b>{t('after')}</b>
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{r.after ? JSON.stringify(r.after, null, 2) : '—'}</pre>
              </div>
            </div>
          ),
        }}
        columns={[
          { title: t('at'), dataIndex: 'at', key: 'at', sorter: true, render: (v) => new Date(v).toLocaleString() },
          { title: t('actor'), dataIndex: 'actorName' },
          { title: t('ip'), dataIndex: 'ip' },
          { title: t('action'), dataIndex: 'action' },
          { title: t('entity'), render: (_, r) => `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}` },
          { title: t('summary'), dataIndex: 'summary', ellipsis: true },
        ]}
      />
    </div>
  );
}
