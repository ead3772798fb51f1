import { Col, Form, Input, InputNumber, Menu, Modal, Row, Switch, Table, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { refdataApi } from '../../../contracts/core/refdata.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { LinkButton, PageHeader, QueryError } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { RuleVersionModal } from './RuleVersionModal';

export const refdataMessages = defineMessages('refdata', {
  title: { zh: '基础数据', en: 'Reference data' },
  lists: { zh: '代码表', en: 'Code lists' },
  rules: { zh: '规则表（按版本）', en: 'Rule tables (versioned)' },
  code: { zh: '代码', en: 'Code' },
  labelZh: { zh: '中文名称', en: 'Chinese label' },
  labelEn: { zh: '英文名称', en: 'English label' },
  sort: { zh: '排序', en: 'Order' },
  active: { zh: '启用', en: 'Active' },
  extra: { zh: '附加属性', en: 'Attributes' },
  edit: { zh: '编辑', en: 'Edit' },
  version: { zh: '版本', en: 'Version' },
  effective: { zh: '生效日期', en: 'Effective from' },
  source: { zh: '依据', en: 'Source' },
  saved: { zh: '已保存', en: 'Saved' },
  newVersion: { zh: '发布新版本', en: 'New version' },
  name: { zh: '规则表', en: 'Table' },
});

type Item = { code: string; labelZh: string; labelEn: string; sort: number; active: boolean; extra: Record<string, unknown> | null };
type Rule = {
  id: number;
  name: string;
  version: number;
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  source: string | null;
  data: unknown;
};

export function RefdataPage() {
  const t = refdataMessages.useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('refdata.write');
  const listsQ = useApiQuery(refdataApi.lists, {});
  const lists = { data: listsQ.data?.items };
  const [list, setList] = useState<string>('post_level');
  const itemsQ = useApiQuery(refdataApi.items, { params: { list } });
  const items = { ...itemsQ, data: itemsQ.data?.items as Item[] | undefined };
  const rulesQ = useApiQuery(refdataApi.rules, {});
  const rules = { data: rulesQ.data?.items as Rule[] | undefined };
  // A saved code changes the list and its count.
  const upsertItem = useApiMutation(refdataApi.upsertItem, { invalidates: [refdataApi.items, refdataApi.lists] });
  const [editing, setEditing] = useState<Item | null>(null);
  const [publishing, setPublishing] = useState<Rule | null>(null);
  const [form] = Form.useForm();
  return (
    <div>
      <PageHeader title={t('title')} />
      <QueryError inline queries={[listsQ, itemsQ, rulesQ]} />
      <Tabs
        items={[
          {
            key: 'lists',
            label: t('lists'),
            children: (
              <Row gutter={16}>
                <Col xs={24} md={6}>
                  <Menu
                    mode="inline"
                    selectedKeys={[list]}
                    onClick={(e) => setList(e.key)}
                    items={(lists.data ?? []).map((l) => ({
                      key: l.list,
                      label: (
                        <>
                          {l.list} <Tag>{l.count}</Tag>
                        </>
                      ),
                    }))}
                  />
                </Col>
                <Col xs={24} md={18}>
                  <Table
                    rowKey="code"
                    size="small"
                    loading={items.isLoading}
                    dataSource={items.data}
                    pagination={{ pageSize: 50 }}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('code'), dataIndex: 'code' },
                      { title: t('labelZh'), dataIndex: 'labelZh' },
                      { title: t('labelEn'), dataIndex: 'labelEn' },
                      { title: t('extra'), dataIndex: 'extra', render: (v) => (v ? <code>{JSON.stringify(v)}</code> : null) },
                      { title: t('active'), dataIndex: 'active', render: (v) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
                      ...(canWrite
                        ? [
                            {
                              title: '',
                              key: 'op',
                              render: (_: unknown, r: Item) => (
                                <LinkButton
                                  onClick={() => {
                                    form.setFieldsValue({ ...r, extra: r.extra ? JSON.stringify(r.extra) : '' });
                                    setEditing(r);
                                  }}
                                >
                                  {t('edit')}
                                </LinkButton>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </Col>
              </Row>
            ),
          },
          {
            key: 'rules',
            label: t('rules'),
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={rules.data}
                pagination={false}
                expandable={{
                  expandedRowRender: (r) => <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.data, null, 2)}</pre>,
                }}
                columns={[
                  { title: t('name'), dataIndex: 'name', render: (v) => <code>{v}</code> },
                  { title: t('labelZh'), render: (_, r) => (locale === 'en' ? r.titleEn : r.titleZh) },
                  { title: t('version'), dataIndex: 'version' },
                  { title: t('effective'), dataIndex: 'effectiveFrom' },
                  { title: t('source'), dataIndex: 'source', ellipsis: true },
                  ...(canWrite
                    ? [
                        {
                          title: '',
                          key: 'op',
                          // Offered on the latest version of each table (the list is by name, newest first).
                          render: (_: unknown, r: Rule, i: number) =>
                            rules.data?.[i - 1]?.name === r.name ? null : (
                              <LinkButton onClick={() => setPublishing(r)}>{t('newVersion')}</LinkButton>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
        ]}
      />
      <RuleVersionModal rule={publishing} onClose={() => setPublishing(null)} onPublished={() => rulesQ.refetch()} />
      <Modal
        open={!!editing}
        title={`${list} · ${editing?.code ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await upsertItem.mutateAsync({
              params: { list, code: editing!.code },
              body: { ...v, extra: v.extra ? JSON.parse(v.extra) : null },
            });
            message.success(t('saved'));
            setEditing(null);
          } catch (e) {
            message.error(showFieldErrors(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="labelZh" label={t('labelZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="labelEn" label={t('labelEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sort" label={t('sort')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="active" label={t('active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="extra"
            label={t('extra')}
            rules={[
              {
                validator: (_, v) => {
                  try {
                    if (v) JSON.parse(v);
                    return Promise.resolve();
                  } catch {
                    return Promise.reject(new Error('JSON'));
                  }
                },
              },
            ]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
