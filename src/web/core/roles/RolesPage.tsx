import { Button, Checkbox, Col, Form, Input, Modal, Row, Select, Switch, Table, Tag, TreeSelect, message } from 'antd';
import { useMemo, useState } from 'react';
import { accountsApi, rolesApi } from '../../../contracts/core/accounts.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ErrorState, Loading, PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { toTree, useOrgs } from '../org/useOrgs';

export const rolesMessages = defineMessages('roles', {
  title: { zh: '角色与授权', en: 'Roles and assignments' },
  code: { zh: '代码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  perms: { zh: '权限', en: 'Permissions' },
  builtin: { zh: '内置', en: 'Built-in' },
  admin: { zh: '三员', en: 'Admin class' },
  holders: { zh: '授权数', en: 'Grants' },
  add: { zh: '新建角色', en: 'New role' },
  edit: { zh: '编辑', en: 'Edit' },
  grant: { zh: '授予角色', en: 'Grant a role' },
  account: { zh: '账号', en: 'Account' },
  role: { zh: '角色', en: 'Role' },
  org: { zh: '授权机构', en: 'At organisation' },
  subtree: { zh: '含下级机构', en: 'Include subtree' },
  saved: { zh: '已保存', en: 'Saved' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  'admin.system': { zh: '系统管理员', en: 'System admin' },
  'admin.security': { zh: '安全管理员', en: 'Security admin' },
  'admin.audit': { zh: '审计管理员', en: 'Audit admin' },
  separation: {
    zh: '三员分立：系统管理、安全管理、审计管理权限不能由同一账号兼任。',
    en: 'Separation of duties: system, security and audit administration never share one account.',
  },
});

type Role = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  adminClass: string | null;
  permissions: string[];
  assignmentCount: number;
};

/**
 * An account picked by searching on the server (user name or display name): a district has more
 * accounts than one page, so the select never holds the whole list.
 */
function AccountSearch(props: { value?: number; onChange?: (v: number) => void }) {
  const [q, setQ] = useState('');
  const list = useApiQuery(accountsApi.list, { query: { q: q || undefined, pageSize: 20, sort: 'username' } });
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={props.value}
      onChange={props.onChange}
      loading={list.isFetching}
      data-testid="grant-account"
      options={(list.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.username} · ${a.displayName}` }))}
    />
  );
}

export function RolesPage() {
  const t = rolesMessages.useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('roles.write');
  const rolesQ = useApiQuery(rolesApi.list, {});
  const roles = { ...rolesQ, data: rolesQ.data?.items };
  const perms = useApiQuery(rolesApi.permissions, {});
  // A grant or a role change shows in the roles and in the accounts' role lists.
  const invalidates = ['roles', 'accounts'];
  const createRole = useApiMutation(rolesApi.create, { invalidates });
  const updateRole = useApiMutation(rolesApi.update, { invalidates });
  const assign = useApiMutation(rolesApi.assign, { invalidates });
  const orgs = useOrgs();
  const tree = useMemo(() => toTree(orgs.data ?? []), [orgs.data]);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [granting, setGranting] = useState(false);
  const [form] = Form.useForm();
  const [grantForm] = Form.useForm();
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('saved'));
      return true;
    } catch (e) {
      message.error(showFieldErrors(e));
      return false;
    }
  };
  if (roles.isLoading) return <Loading />;
  if (roles.error) return <ErrorState error={roles.error} />;
  const permLabel = (c: string) => {
    const p = perms.data?.items.find((x) => x.code === c);
    return p ? (locale === 'en' ? p.en : p.zh) : c;
  };
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          canWrite ? (
            <>
              <Button
                onClick={() => {
                  grantForm.resetFields();
                  setGranting(true);
                }}
              >
                {t('grant')}
              </Button>{' '}
              <Button
                type="primary"
                onClick={() => {
                  form.resetFields();
                  setEditing('new');
                }}
              >
                {t('add')}
              </Button>
            </>
          ) : null
        }
      />
      <p style={{ color: '#888' }}>{t('separation')}</p>
      <Table
        rowKey="id"
        size="small"
        dataSource={roles.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('code'), dataIndex: 'code' },
          { title: t('name'), render: (_, r) => (locale === 'en' ? r.nameEn : r.nameZh) },
          {
            title: t('admin'),
            dataIndex: 'adminClass',
            render: (v) => (v ? <Tag color="red">{t(`admin.${v as 'system' | 'security' | 'audit'}`)}</Tag> : null),
          },
          {
            title: t('perms'),
            dataIndex: 'permissions',
            render: (ps: string[]) => (
              <div style={{ maxWidth: 560 }}>
                {ps.map((p) => (
                  <Tag key={p}>{permLabel(p)}</Tag>
                ))}
              </div>
            ),
          },
          { title: t('holders'), dataIndex: 'assignmentCount' },
          {
            title: '',
            render: (_, r) =>
              canWrite && !r.builtin ? (
                <LinkButton
                  onClick={() => {
                    form.setFieldsValue(r);
                    setEditing(r);
                  }}
                >
                  {t('edit')}
                </LinkButton>
              ) : r.builtin ? (
                <Tag>{t('builtin')}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!editing}
        width={760}
        title={editing === 'new' ? t('add') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          const ok =
            editing === 'new'
              ? await act(() => createRole.mutateAsync({ body: v }))
              : await act(() =>
                  updateRole.mutateAsync({
                    params: { id: (editing as Role).id },
                    body: { nameZh: v.nameZh, nameEn: v.nameEn, permissions: v.permissions },
                  }),
                );
          if (ok) setEditing(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ permissions: [] }}>
          <Row gutter={8}>
            <Col span={8}>
              <Form.Item name="code" label={t('code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/ }]}>
                <Input disabled={editing !== 'new'} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="permissions" label={t('perms')}>
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 4 }}
              options={(perms.data?.items ?? []).map((p) => ({ value: p.code, label: locale === 'en' ? p.en : p.zh }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={granting}
        title={t('grant')}
        onCancel={() => setGranting(false)}
        onOk={async () => {
          const v = await grantForm.validateFields();
          if (await act(() => assign.mutateAsync({ body: v }))) setGranting(false);
        }}
        destroyOnHidden
      >
        <Form form={grantForm} layout="vertical" initialValues={{ includeSubtree: true }}>
          <Form.Item name="accountId" label={t('account')} rules={[{ required: true }]}>
            <AccountSearch />
          </Form.Item>
          <Form.Item name="roleCode" label={t('role')} rules={[{ required: true }]}>
            <Select options={(roles.data ?? []).map((r) => ({ value: r.code, label: locale === 'en' ? r.nameEn : r.nameZh }))} />
          </Form.Item>
          <Form.Item name="orgId" label={t('org')} rules={[{ required: true }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={tree as never} />
          </Form.Item>
          <Form.Item name="includeSubtree" label={t('subtree')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
