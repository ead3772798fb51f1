import { PushpinOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Descriptions, Form, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { auditApi } from '../../../contracts/core/audit.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call, useApiQuery } from '../../shared/typedApi';
import { fmtInstant } from '../../shared/dates';
import type { TAuditRecord } from '../../../contracts/core/audit';
import type { RouteResponse } from '../../../contracts/route';
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
  problems: { zh: '审计日志完整性校验未通过', en: 'The audit trail failed verification' },
  chainState: { zh: '哈希链状态', en: 'Chain state' },
  verifiedUpTo: { zh: '已校验至', en: 'Verified up to' },
  head: { zh: '链头', en: 'Head' },
  records: { zh: '{n} 条记录', en: '{n} records' },
  lastAnchor: { zh: '最近锚点', en: 'Last anchor' },
  noAnchor: { zh: '尚无锚点（无法检测截断）', en: 'No anchor yet (truncation cannot be detected)' },
  anchorsChecked: { zh: '已核对锚点', en: 'Anchors checked' },
  anchorNow: { zh: '立即锚定', en: 'Anchor now' },
  anchored: { zh: '已锚定：链头 #{id}，{n} 条记录', en: 'Anchored: head #{id}, {n} records' },
  none: { zh: '无', en: 'None' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  unit: { zh: '单位', en: 'Unit' },
  field: { zh: '项目', en: 'Field' },
  record: { zh: '记录号', en: 'Record' },
  summaryStored: { zh: '原始摘要', en: 'Summary as stored' },
  timeZone: { zh: '时间为北京时间', en: 'Times are China time' },
});

type Rec = TAuditRecord;

/** Before → after, field by field, as the server rendered them in the reader's language. */
function Changes({ r }: { r: Rec }) {
  const t = auditMessages.useT();
  const created = r.changes.every((c) => c.before === null);
  const removed = r.changes.every((c) => c.after === null);
  return (
    <div data-testid="audit-changes">
      <Table<Rec['changes'][number]>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={r.changes}
        columns={[
          { title: t('field'), dataIndex: 'label', width: 180 },
          ...(created ? [] : [{ title: t('before'), dataIndex: 'before', render: (v: string | null) => v ?? '—' }]),
          ...(removed ? [] : [{ title: t('after'), dataIndex: 'after', render: (v: string | null) => v ?? '—' }]),
        ]}
      />
      <RecordFacts r={r} />
    </div>
  );
}

/** What the record holds as stored: the address, the summary as written, the chain hash. */
function RecordFacts({ r }: { r: Rec }) {
  const t = auditMessages.useT();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
      <Descriptions.Item label={t('record')}>#{r.id}</Descriptions.Item>
      <Descriptions.Item label={t('ip')}>{r.ip ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="SM3">
        <Typography.Text code copyable={{ text: r.hash }}>
          {shortHash(r.hash)}
        </Typography.Text>
      </Descriptions.Item>
      {r.summary && r.summary !== r.summaryText ? <Descriptions.Item label={t('summaryStored')}>{r.summary}</Descriptions.Item> : null}
    </Descriptions>
  );
}

type Verify = RouteResponse<typeof auditApi.verify>;
const shortHash = (h: string) => `${h.slice(0, 16)}…`;

/** What the verification found: the chain, the anchors kept out of the database, every problem. */
function ChainState({ v }: { v: Verify }) {
  const t = auditMessages.useT();
  return (
    <div style={{ marginBottom: 12 }} data-testid="audit-chain-state">
      <Alert
        style={{ marginBottom: 8 }}
        showIcon
        type={v.ok ? 'success' : 'error'}
        message={
          v.ok
            ? t('ok', { n: v.checked })
            : v.firstBadId !== undefined
              ? t('bad', { id: v.firstBadId, reason: v.reason ?? '' })
              : t('problems')
        }
        description={
          v.problems.length ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {v.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : undefined
        }
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('chainState')}>
        <Descriptions.Item label={t('verifiedUpTo')}>{v.verifiedUpTo === null ? t('none') : `#${v.verifiedUpTo}`}</Descriptions.Item>
        <Descriptions.Item label={t('head')}>
          <Space>
            <span>#{v.head.lastId}</span>
            <Typography.Text code copyable={{ text: v.head.hash }}>
              {shortHash(v.head.hash)}
            </Typography.Text>
            <span>{t('records', { n: v.head.count })}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('lastAnchor')}>
          {v.lastAnchor ? (
            <Space>
              <span>{fmtInstant(v.lastAnchor.at, { seconds: true })}</span>
              <span>#{v.lastAnchor.lastId}</span>
              <Typography.Text code copyable={{ text: v.lastAnchor.hash }}>
                {shortHash(v.lastAnchor.hash)}
              </Typography.Text>
              <span>{t('records', { n: v.lastAnchor.count })}</span>
            </Space>
          ) : (
            t('noAnchor')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('anchorsChecked')}>{v.anchors}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}

export function AuditPage() {
  const t = auditMessages.useT();
  const [verify, setVerify] = useState<Verify | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const facets = useApiQuery(auditApi.facets, {}, { staleTime: 300_000 });
  const fail = (e: unknown) => setErr(e instanceof ApiError ? e.message : String(e));
  const runVerify = () => {
    setErr(null);
    return call(auditApi.verify, {}).then(setVerify).catch(fail);
  };
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Space>
            <Button
              icon={<PushpinOutlined />}
              onClick={() =>
                call(auditApi.anchor, {})
                  .then((r) => {
                    setInfo(t('anchored', { id: r.anchor.lastId, n: r.anchor.count }));
                    return runVerify();
                  })
                  .catch(fail)
              }
            >
              {t('anchorNow')}
            </Button>
            <Button icon={<SafetyCertificateOutlined />} onClick={runVerify}>
              {t('verify')}
            </Button>
          </Space>
        }
      />
      {info ? <Alert style={{ marginBottom: 8 }} type="info" showIcon closable onClose={() => setInfo(null)} message={info} /> : null}
      {verify ? <ChainState v={verify} /> : null}
      {err ? <Alert type="error" message={err} /> : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('timeZone')}
      </Typography.Paragraph>
      <ServerTable<Rec>
        route={auditApi.search}
        exportRoute={auditApi.export}
        testId="audit-table"
        filters={
          <>
            <Form.Item name="actorId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('actor')}
                style={{ width: 170 }}
                data-testid="audit-filter-actor"
                options={facets.data?.actors.map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
            <Form.Item name="orgId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('unit')}
                style={{ width: 190 }}
                data-testid="audit-filter-unit"
                options={facets.data?.units.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item name="action">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('action')}
                style={{ width: 150 }}
                data-testid="audit-filter-action"
                options={facets.data?.actions}
              />
            </Form.Item>
            <Form.Item name="entityType">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('entity')}
                style={{ width: 170 }}
                data-testid="audit-filter-entity"
                options={facets.data?.entityTypes}
              />
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
          rowExpandable: () => true,
          expandedRowRender: (r) => (r.changes.length ? <Changes r={r} /> : <RecordFacts r={r} />),
        }}
        columns={[
          { title: t('at'), dataIndex: 'at', key: 'at', sorter: true, width: 170, render: (_, r) => r.atText },
          { title: t('actor'), dataIndex: 'actorText', width: 120 },
          { title: t('action'), dataIndex: 'actionLabel', width: 110 },
          { title: t('entity'), key: 'entity', width: 170, render: (_, r) => `${r.entityLabel}${r.entityId ? ` #${r.entityId}` : ''}` },
          { title: t('unit'), dataIndex: 'orgName', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('summary'), dataIndex: 'summaryText', ellipsis: true },
        ]}
      />
    </div>
  );
}
