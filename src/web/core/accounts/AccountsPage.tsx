import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Tag, TreeSelect, message } from 'antd';
import { useMemo, useState } from 'react';
import type { TAccount } from '../../../contracts/core/accounts';
import { accountsApi, rolesApi } from '../../../contracts/core/accounts.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { useApiMutation } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { toTree, useOrgs } from '../org/useOrgs';

defineMessages(
  {
    'acc.title': '账号管理',
    'acc.add': '新建账号',
    'acc.username': '用户名',
    'acc.name': '显示名称',
    'acc.org': '所属机构',
    'acc.roles': '角色',
    'acc.status': '状态',
    'acc.lastLogin': '上次登录',
    'acc.password': '初始密码',
    'acc.disable': '停用',
    'acc.enable': '启用',
    'acc.unlock': '解锁',
    'acc.reset': '重置密码',
    'acc.newPassword': '新密码',
    'acc.locked': '已锁定',
    'acc.active': '正常',
    'acc.disabled': '已停用',
    'acc.saved': '已保存',
    'acc.search': '用户名 / 姓名',
  },
  {
    'acc.title': 'Accounts',
    'acc.add': 'New account',
    'acc.username': 'Username',
    'acc.name': 'Display name',
    'acc.org': 'Organisation',
    'acc.roles': 'Roles',
    'acc.status': 'Status',
    'acc.lastLogin': 'Last sign-in',
    'acc.password': 'Initial password',
    'acc.disable': 'Disable',
    'acc.enable': 'Enable',
    'acc.unlock': 'Unlock',
    'acc.reset': 'Reset password',
    'acc.newPassword': 'New password',
    'acc.locked': 'Locked',
    'acc.active': 'Active',
    'acc.disabled': 'Disabled',
    'acc.saved': 'Saved',
    'acc.search': 'Username / name',
  },
);

export function AccountsPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('accounts.write');
  const canGrant = hasPermission('roles.write');
  const orgs = useOrgs();
  const tree = useMemo(() => toTree(orgs.data ?? []), [orgs.data]);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<TAccount | null>(null);
  const [form] = Form.useForm();
  const [pwForm] = Form.useForm();
  // The accounts list shows each account's grants: both refresh it (and the roles' counts).
  const invalidates = ['accounts', 'roles'];
  const create = useApiMutation(accountsApi.create, { invalidates });
  const update = useApiMutation(accountsApi.update, { invalidates });
  const resetPassword = useApiMutation(accountsApi.resetPassword, { invalidates });
  const unassign = useApiMutation(rolesApi.unassign, { invalidates });
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('acc.saved'));
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  };
  return (
    <div>
      <PageHeader title={t('acc.title')} />
      <ServerTable<TAccount>
        route={accountsApi.list}
        toolbar={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setCreating(true);
              }}
            >
              {t('acc.add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('acc.search')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('acc.status')}
                style={{ width: 110 }}
                options={[
                  { value: 'active', label: t('acc.active') },
                  { value: 'disabled', label: t('acc.disabled') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('acc.username'), dataIndex: 'username', sorter: true },
          { title: t('acc.name'), dataIndex: 'displayName' },
          { title: t('acc.org'), dataIndex: 'orgName' },
          {
            title: t('acc.roles'),
            dataIndex: 'roles',
            render: (rs: TAccount['roles']) =>
              rs.map((r) => (
                <Tag
                  key={r.assignmentId}
                  closable={canGrant}
                  onClose={(e) => {
                    e.preventDefault();
                    act(() => unassign.mutateAsync({ params: { id: r.assignmentId } }));
                  }}
                >
                  {r.roleName} · {r.orgName}
                </Tag>
              )),
          },
          {
            title: t('acc.status'),
            dataIndex: 'status',
            render: (s, r) => (
              <>
                {s === 'active' ? <Tag color="green">{t('acc.active')}</Tag> : <Tag>{t('acc.disabled')}</Tag>}
                {r.locked ? <Tag color="red">{t('acc.locked')}</Tag> : null}
              </>
            ),
          },
          { title: t('acc.lastLogin'), dataIndex: 'lastLoginAt', sorter: true, render: (v) => (v ? new Date(v).toLocaleString() : '—') },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TAccount) => (
                    <Space size={4} wrap>
                      <LinkButton
                        onClick={() =>
                          act(() =>
                            update.mutateAsync({ params: { id: r.id }, body: { status: r.status === 'active' ? 'disabled' : 'active' } }),
                          )
                        }
                      >
                        {r.status === 'active' ? t('acc.disable') : t('acc.enable')}
                      </LinkButton>
                      {r.locked ? (
                        <LinkButton onClick={() => act(() => update.mutateAsync({ params: { id: r.id }, body: { unlock: true } }))}>
                          {t('acc.unlock')}
                        </LinkButton>
                      ) : null}
                      <LinkButton
                        onClick={() => {
                          pwForm.resetFields();
                          setResetting(r);
                        }}
                      >
                        {t('acc.reset')}
                      </LinkButton>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={creating}
        title={t('acc.add')}
        onCancel={() => setCreating(false)}
        onOk={async () => {
          const v = await form.validateFields();
          if (await act(() => create.mutateAsync({ body: v }))) setCreating(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="username" label={t('acc.username')} rules={[{ required: true, min: 3, max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('acc.name')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="orgId" label={t('acc.org')} rules={[{ required: true }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={tree as never} />
          </Form.Item>
          <Form.Item name="password" label={t('acc.password')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={`${t('acc.reset')} · ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        onOk={async () => {
          const v = await pwForm.validateFields();
          if (await act(() => resetPassword.mutateAsync({ params: { id: resetting!.id }, body: v }))) setResetting(null);
        }}
        destroyOnHidden
      >
        <Form form={pwForm} layout="vertical">
          <Form.Item name="password" label={t('acc.newPassword')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
