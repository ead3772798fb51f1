import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { authApi } from '../../../contracts/core/auth.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ErrorState, PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { fmtDay, fmtInstant } from '../../shared/dates';

export const tokensMessages = defineMessages('tokens', {
  title: { zh: 'API 令牌', en: 'API tokens' },
  hint: {
    zh: '供门禁、能耗采集、食堂消费等系统集成使用：请求头 Authorization: Bearer <令牌>。令牌只显示一次，权限不超过本账号。',
    en: 'For integrations (gates, meters, meal cards): send Authorization: Bearer <token>. A token is shown once and never exceeds this account’s permissions.',
  },
  add: { zh: '新建令牌', en: 'New token' },
  name: { zh: '名称', en: 'Name' },
  prefix: { zh: '前缀', en: 'Prefix' },
  perms: { zh: '权限', en: 'Permissions' },
  expires: { zh: '到期时间', en: 'Expires' },
  lastUsed: { zh: '最近使用', en: 'Last used' },
  revoke: { zh: '吊销', en: 'Revoke' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  created: { zh: '令牌已创建，请立即复制保存，关闭后将无法再次查看：', en: 'Token created. Copy it now; it will not be shown again:' },
});

export function TokensPage() {
  const t = tokensMessages.useT();
  const { me } = useAuth();
  const q = useApiQuery(authApi.tokens, {});
  const create = useApiMutation(authApi.createToken, { invalidates: [authApi.tokens] });
  const revoke = useApiMutation(authApi.revokeToken, { invalidates: [authApi.tokens] });
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm();
  if (q.error) return <ErrorState error={q.error} />;
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setCreated(null);
              setOpen(true);
            }}
          >
            {t('add')}
          </Button>
        }
      />
      <Alert type="info" showIcon message={t('hint')} style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('prefix'), dataIndex: 'prefix', render: (v) => <code>{v}…</code> },
          { title: t('perms'), dataIndex: 'permissions', render: (ps: string[]) => ps.map((p) => <Tag key={p}>{p}</Tag>) },
          { title: t('expires'), dataIndex: 'expiresAt', render: (v) => fmtDay(v) },
          { title: t('lastUsed'), dataIndex: 'lastUsedAt', render: (v) => fmtInstant(v) },
          {
            title: '',
            render: (_, r) =>
              r.revokedAt ? (
                <Tag>{t('revoked')}</Tag>
              ) : (
                <Popconfirm title={t('revoke')} onConfirm={() => revoke.mutateAsync({ params: { id: r.id } })}>
                  <LinkButton>{t('revoke')}</LinkButton>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('add')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !!created }}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            const r = await create.mutateAsync({
              body: { name: v.name, permissions: v.permissions, expiresAt: dayjs(v.expiresAt).endOf('day').toISOString() },
            });
            setCreated(r.token);
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : String(e));
          }
        }}
        destroyOnHidden
      >
        {created ? (
          <Alert
            type="success"
            message={t('created')}
            description={
              <Typography.Paragraph copyable code>
                {created}
              </Typography.Paragraph>
            }
          />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ expiresAt: dayjs().add(90, 'day') }}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 80 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="permissions" label={t('perms')} rules={[{ required: true }]}>
              <Select mode="multiple" options={(me?.permissions ?? []).map((p) => ({ value: p, label: p }))} />
            </Form.Item>
            <Form.Item name="expiresAt" label={t('expires')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs()) || d.isAfter(dayjs().add(1, 'year'))} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}
