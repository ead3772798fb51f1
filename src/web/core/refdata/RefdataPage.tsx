import { Col, Form, Input, InputNumber, Menu, Modal, Row, Switch, Table, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { refdataApi } from '../../../contracts/core/refdata.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { RuleVersionModal } from './RuleVersionModal';

defineMessages(
  {
    'ref.title': '基础数据',
    'ref.lists': '代码表',
    'ref.rules': '规则表（按版本）',
    'ref.code': '代码',
    'ref.labelZh': '中文名称',
    'ref.labelEn': '英文名称',
    'ref.sort': '排序',
    'ref.active': '启用',
    'ref.extra': '附加属性',
    'ref.edit': '编辑',
    'ref.version': '版本',
    'ref.effective': '生效日期',
    'ref.source': '依据',
    'ref.saved': '已保存',
    'ref.newVersion': '发布新版本',
    'ref.name': '规则表',
  },
  {
    'ref.title': 'Reference data',
    'ref.lists': 'Code lists',
    'ref.rules': 'Rule tables (versioned)',
    'ref.code': 'Code',
    'ref.labelZh': 'Chinese label',
    'ref.labelEn': 'English label',
    'ref.sort': 'Order',
    'ref.active': 'Active',
    'ref.extra': 'Attributes',
    'ref.edit': 'Edit',
    'ref.version': 'Version',
    'ref.effective': 'Effective from',
    'ref.source': 'Source',
    'ref.saved': 'Saved',
    'ref.newVersion': 'New version',
    'ref.name': 'Table',
  },
);

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
  const t = useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('refdata.write');
  const listsQ = useApiQuery(refdataApi.lists, {});
  const lists = { data: listsQ.data?.items };
  const [list, setList] = useState<string>('post_level');
  const itemsQ = useApiQuery(refdataApi.items, { params: { list } });
  const items = { data: itemsQ.data?.items as Item[] | undefined };
  const rulesQ = useApiQuery(refdataApi.rules, {});
  const rules = { data: rulesQ.data?.items as Rule[] | undefined };
  // A saved code changes the list and its count.
  const upsertItem = useApiMutation(refdataApi.upsertItem, { invalidates: [refdataApi.items, refdataApi.lists] });
  const [editing, setEditing] = useState<Item | null>(null);
  const [publishing, setPublishing] = useState<Rule | null>(null);
  const [form] = Form.useForm();
  return (
    <div>
      <PageHeader title={t('ref.title')} />
      <Tabs
        items={[
          {
            key: 'lists',
            label: t('ref.lists'),
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
                      { title: t('ref.code'), dataIndex: 'code' },
                      { title: t('ref.labelZh'), dataIndex: 'labelZh' },
                      { title: t('ref.labelEn'), dataIndex: 'labelEn' },
                      { title: t('ref.extra'), dataIndex: 'extra', render: (v) => (v ? <code>{JSON.stringify(v)}</code> : null) },
                      { title: t('ref.active'), dataIndex: 'active', render: (v) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
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
                                  {t('ref.edit')}
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
            label: t('ref.rules'),
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
                  { title: t('ref.name'), dataIndex: 'name', render: (v) => <code>{v}</code> },
                  { title: t('ref.labelZh'), render: (_, r) => (locale === 'en' ? r.titleEn : r.titleZh) },
                  { title: t('ref.version'), dataIndex: 'version' },
                  { title: t('ref.effective'), dataIndex: 'effectiveFrom' },
                  { title: t('ref.source'), dataIndex: 'source', ellipsis: true },
                  ...(canWrite
                    ? [
                        {
                          title: '',
                          key: 'op',
                          // Offered on the latest version of each table (the list is by name, newest first).
                          render: (_: unknown, r: Rule, i: number) =>
                            rules.data?.[i - 1]?.name === r.name ? null : (
                              <LinkButton onClick={() => setPublishing(r)}>{t('ref.newVersion')}</LinkButton>
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
            message.success(t('ref.saved'));
            setEditing(null);
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : String(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="labelZh" label={t('ref.labelZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="labelEn" label={t('ref.labelEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sort" label={t('ref.sort')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="active" label={t('ref.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="extra"
            label={t('ref.extra')}
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
