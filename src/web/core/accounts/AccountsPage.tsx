import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Tag, TreeSelect, message } from 'antd';
import { useMemo, useState } from 'react';
import type { TAccount } from '../../../contracts/core/accounts';
import { accountsApi, rolesApi } from '../../../contracts/core/accounts.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { toTree, useOrgs } from '../org/useOrgs';
import { BreakGlassRequestModal, breakGlassMessages, isAdminAccount } from './BreakGlassPage';
import { fmtInstant } from '../../shared/dates';

export const accountsMessages = defineMessages('accounts', {
  title: { zh: '账号管理', en: 'Accounts' },
  add: { zh: '新建账号', en: 'New account' },
  username: { zh: '用户名', en: 'Username' },
  name: { zh: '显示名称', en: 'Display name' },
  org: { zh: '所属机构', en: 'Organisation' },
  roles: { zh: '角色', en: 'Roles' },
  status: { zh: '状态', en: 'Status' },
  lastLogin: { zh: '上次登录', en: 'Last sign-in' },
  password: { zh: '初始密码', en: 'Initial password' },
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  unlock: { zh: '解锁', en: 'Unlock' },
  reset: { zh: '重置密码', en: 'Reset password' },
  newPassword: { zh: '新密码', en: 'New password' },
  locked: { zh: '已锁定', en: 'Locked' },
  active: { zh: '正常', en: 'Active' },
  disabled: { zh: '已停用', en: 'Disabled' },
  saved: { zh: '已保存', en: 'Saved' },
  search: { zh: '用户名 / 姓名', en: 'Username / name' },
  adminProtected: {
    zh: '管理员账号：其他管理员不能直接修改，请用“紧急处置”',
    en: 'Administrator account: other administrators cannot change it directly; use break-glass',
  },
});

export function AccountsPage() {
  const t = accountsMessages.useT();
  const tb = breakGlassMessages.useT();
  const { hasPermission, me } = useAuth();
  const canWrite = hasPermission('accounts.write');
  // Any administrator may ask for break-glass on another administrator (the server checks the duties).
  const isAdmin = hasPermission(['accounts.write', 'roles.write', 'audit.read']);
  const [breakGlass, setBreakGlass] = useState<TAccount | null>(null);
  // 三员分立: the server refuses direct changes to another administrator; the page does not offer them.
  const protectedRow = (r: TAccount) => isAdminAccount(r) && r.id !== me?.id;
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
      message.success(t('saved'));
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  };
  return (
    <div>
      <PageHeader title={t('title')} />
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
              {t('add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 110 }}
                options={[
                  { value: 'active', label: t('active') },
                  { value: 'disabled', label: t('disabled') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('username'), dataIndex: 'username', sorter: true },
          { title: t('name'), dataIndex: 'displayName' },
          { title: t('org'), dataIndex: 'orgName' },
          {
            title: t('roles'),
            dataIndex: 'roles',
            render: (rs: TAccount['roles'], r0: TAccount) =>
              rs.map((r) => (
                <Tag
                  key={r.assignmentId}
                  closable={canGrant && !protectedRow(r0)}
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
            title: t('status'),
            dataIndex: 'status',
            render: (s, r) => (
              <>
                {s === 'active' ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('disabled')}</Tag>}
                {r.locked ? <Tag color="red">{t('locked')}</Tag> : null}
              </>
            ),
          },
          { title: t('lastLogin'), dataIndex: 'lastLoginAt', sorter: true, render: (v) => fmtInstant(v) },
          ...(canWrite || isAdmin
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TAccount) =>
                    protectedRow(r) ? (
                      <Space size={4} wrap>
                        {isAdmin ? (
                          <LinkButton danger title={t('adminProtected')} onClick={() => setBreakGlass(r)}>
                            {tb('request')}
                          </LinkButton>
                        ) : null}
                      </Space>
                    ) : !canWrite ? null : (
                      <Space size={4} wrap>
                        <LinkButton
                          onClick={() =>
                            act(() =>
                              update.mutateAsync({ params: { id: r.id }, body: { status: r.status === 'active' ? 'disabled' : 'active' } }),
                            )
                          }
                        >
                          {r.status === 'active' ? t('disable') : t('enable')}
                        </LinkButton>
                        {r.locked ? (
                          <LinkButton onClick={() => act(() => update.mutateAsync({ params: { id: r.id }, body: { unlock: true } }))}>
                            {t('unlock')}
                          </LinkButton>
                        ) : null}
                        <LinkButton
                          onClick={() => {
                            pwForm.resetFields();
                            setResetting(r);
                          }}
                        >
                          {t('reset')}
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
        title={t('add')}
        onCancel={() => setCreating(false)}
        onOk={async () => {
          const v = await form.validateFields();
          if (await act(() => create.mutateAsync({ body: v }))) setCreating(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="username" label={t('username')} rules={[{ required: true, min: 3, max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('name')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="orgId" label={t('org')} rules={[{ required: true }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={tree as never} />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <BreakGlassRequestModal account={breakGlass} onClose={() => setBreakGlass(null)} />
      <Modal
        open={!!resetting}
        title={`${t('reset')} · ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        onOk={async () => {
          const v = await pwForm.validateFields();
          if (await act(() => resetPassword.mutateAsync({ params: { id: resetting!.id }, body: v }))) setResetting(null);
        }}
        destroyOnHidden
      >
        <Form form={pwForm} layout="vertical">
          <Form.Item name="password" label={t('newPassword')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
