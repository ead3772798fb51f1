import { Alert, Descriptions, Form, Input, Modal, Table, Typography, message } from 'antd';
import { useState } from 'react';
import type { TRulePreview } from '../../../contracts/core/refdata';
import { refdataApi } from '../../../contracts/core/refdata.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call } from '../../shared/typedApi';

export const ruleVersionMessages = defineMessages('ruleVersion', {
  title: { zh: '发布新版本', en: 'Publish a new version' },
  effective: { zh: '生效日期（YYYY-MM-DD）', en: 'Effective from (YYYY-MM-DD)' },
  titleZh: { zh: '中文标题', en: 'Chinese title' },
  titleEn: { zh: '英文标题', en: 'English title' },
  source: { zh: '依据', en: 'Source' },
  data: { zh: '规则数据（JSON）', en: 'Rule data (JSON)' },
  badJson: { zh: '不是有效的 JSON', en: 'Not valid JSON' },
  preview: { zh: '预览变化', en: 'Preview changes' },
  publish: { zh: '确认发布', en: 'Publish' },
  published: { zh: '已发布新版本', en: 'New version published' },
  diff: { zh: '变化的字段', en: 'Changed fields' },
  path: { zh: '字段路径', en: 'Field path' },
  before: { zh: '原值', en: 'Before' },
  after: { zh: '新值', en: 'After' },
  noDiff: { zh: '与现行版本相同，没有字段变化', en: 'Same as the version in force: no field changes' },
  effects: { zh: '对业务的影响（按今日数据测算）', en: 'Effects (on today’s data)' },
  base: { zh: '对比版本', en: 'Compared with version' },
  errors: { zh: '以下字段不符合规则表的格式，未发布：', en: 'These fields do not fit the rule table; nothing was published:' },
  hint: {
    zh: '先预览，确认变化后再发布；发布后版本不可修改，只能再发布新版本。',
    en: 'Preview first, then publish; a published version cannot be edited, only followed by a new one.',
  },
});

export type RuleRow = { name: string; version: number; titleZh: string; titleEn: string; source: string | null; data: unknown };
type FieldIssue = { field: string; message: string };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Publishing a rule version: the server checks the data against the table's schema and answers
 * with the failing fields, shown beside the JSON; the preview (changed fields and the owning
 * module's effects) must be seen before the version can be published.
 */
export function RuleVersionModal(props: { rule: RuleRow | null; onClose: () => void; onPublished: () => void }) {
  const t = ruleVersionMessages.useT();
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<TRulePreview | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const rule = props.rule;

  const body = async () => {
    const v = await form.validateFields();
    return { effectiveFrom: v.effectiveFrom, titleZh: v.titleZh, titleEn: v.titleEn, source: v.source || null, data: JSON.parse(v.data) };
  };
  const send = async <T,>(fn: (b: Awaited<ReturnType<typeof body>>) => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setIssues([]);
    try {
      return await fn(await body());
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = (e.details as { fields?: FieldIssue[] } | undefined)?.fields;
        if (fields?.length) setIssues(fields);
        else message.error(e.message);
      } else if (!(e && typeof e === 'object' && 'errorFields' in e)) message.error(String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!rule}
      width={820}
      title={rule ? `${t('title')} · ${rule.titleZh} / ${rule.titleEn}` : ''}
      onCancel={props.onClose}
      okText={preview ? t('publish') : t('preview')}
      confirmLoading={busy}
      onOk={async () => {
        if (!rule) return;
        if (!preview) {
          setPreview(await send((b) => call(refdataApi.previewRuleVersion, { params: { name: rule.name }, body: b })));
          return;
        }
        if (await send((b) => call(refdataApi.addRuleVersion, { params: { name: rule.name }, body: b }))) {
          message.success(t('published'));
          props.onPublished();
          props.onClose();
        }
      }}
      afterOpenChange={(open) => {
        if (open && rule) {
          setPreview(null);
          setIssues([]);
          form.setFieldsValue({
            effectiveFrom: '',
            titleZh: rule.titleZh,
            titleEn: rule.titleEn,
            source: rule.source ?? '',
            data: JSON.stringify(rule.data, null, 2),
          });
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      {/* Any edit invalidates the preview: what is published is what was previewed. */}
      <Form form={form} layout="vertical" onValuesChange={() => setPreview(null)}>
        <Form.Item name="effectiveFrom" label={t('effective')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
          <Input placeholder="2027-01-01" />
        </Form.Item>
        <Form.Item name="titleZh" label={t('titleZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="titleEn" label={t('titleEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="source" label={t('source')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="data"
          label={t('data')}
          validateStatus={issues.length ? 'error' : undefined}
          help={
            issues.length ? (
              <div>
                {t('errors')}
                <ul style={{ margin: 0 }}>
                  {issues.map((i) => (
                    <li key={i.field}>
                      <code>{i.field}</code>: {i.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : undefined
          }
          rules={[
            { required: true },
            {
              validator: (_, v) => {
                try {
                  JSON.parse(v);
                  return Promise.resolve();
                } catch {
                  return Promise.reject(new Error(t('badJson')));
                }
              },
            },
          ]}
        >
          <Input.TextArea rows={12} style={{ fontFamily: 'monospace', fontSize: 12 }} />
        </Form.Item>
      </Form>
      {preview && (
        <>
          <Descriptions size="small" column={1} items={[{ key: 'base', label: t('base'), children: preview.baseVersion ?? '—' }]} />
          <Typography.Title level={5}>{t('diff')}</Typography.Title>
          {preview.diff.length === 0 ? (
            <Alert type="info" message={t('noDiff')} />
          ) : (
            <Table
              rowKey="path"
              size="small"
              pagination={false}
              dataSource={preview.diff}
              columns={[
                { title: t('path'), dataIndex: 'path', render: (v) => <code>{v}</code> },
                { title: t('before'), dataIndex: 'before', render: show },
                { title: t('after'), dataIndex: 'after', render: show },
              ]}
            />
          )}
          {preview.effects.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('effects')}
              </Typography.Title>
              <Descriptions
                size="small"
                bordered
                column={1}
                items={preview.effects.map((e) => ({
                  key: e.label,
                  label: e.label,
                  children: e.detail ? `${e.value}（${e.detail}）` : e.value,
                }))}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
