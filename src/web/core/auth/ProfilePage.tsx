import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Table, Tag, message } from 'antd';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../../contracts/core/auth.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { call } from '../../shared/typedApi';
import { PageHeader } from '../../shared/ui/states';
import { useAuth } from './auth';

defineMessages(
  {
    'profile.title': '个人中心',
    'profile.username': '用户名',
    'profile.name': '姓名',
    'profile.org': '所属机构',
    'profile.lastLogin': '上次登录',
    'profile.roles': '角色与管理范围',
    'profile.role': '角色',
    'profile.scope': '范围',
    'profile.subtree': '含下级',
    'profile.nodeOnly': '仅本级',
    'pwd.title': '修改密码',
    'pwd.current': '原密码',
    'pwd.new': '新密码',
    'pwd.confirm': '确认新密码',
    'pwd.mismatch': '两次输入的密码不一致',
    'pwd.policy': '至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类',
    'pwd.must': '首次登录或密码已重置，请先修改密码',
    'pwd.done': '密码已修改',
    'pwd.submit': '保存',
  },
  {
    'profile.title': 'Profile',
    'profile.username': 'Username',
    'profile.name': 'Name',
    'profile.org': 'Organisation',
    'profile.lastLogin': 'Last sign-in',
    'profile.roles': 'Roles and scopes',
    'profile.role': 'Role',
    'profile.scope': 'Scope',
    'profile.subtree': 'with subtree',
    'profile.nodeOnly': 'node only',
    'pwd.title': 'Change password',
    'pwd.current': 'Current password',
    'pwd.new': 'New password',
    'pwd.confirm': 'Confirm new password',
    'pwd.mismatch': 'The passwords differ',
    'pwd.policy': 'At least 8 characters and three of: upper case, lower case, digit, symbol',
    'pwd.must': 'Please set a new password first',
    'pwd.done': 'Password changed',
    'pwd.submit': 'Save',
  },
);

export function ProfilePage() {
  const t = useT();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <div>
      <PageHeader title={t('profile.title')} />
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('profile.username')}>{me.username}</Descriptions.Item>
        <Descriptions.Item label={t('profile.name')}>{me.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('profile.org')}>{me.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('profile.lastLogin')}>
          {me.lastLoginAt ? new Date(me.lastLoginAt).toLocaleString() : '—'}
        </Descriptions.Item>
      </Descriptions>
      <h3 style={{ marginTop: 24 }}>{t('profile.roles')}</h3>
      <Table
        size="small"
        rowKey={(r) => `${r.roleCode}-${r.orgId}`}
        pagination={false}
        dataSource={me.scopes}
        columns={[
          { title: t('profile.role'), dataIndex: 'roleName' },
          {
            title: t('profile.scope'),
            render: (_, r) => (
              <>
                {r.orgName} <Tag>{r.includeSubtree ? t('profile.subtree') : t('profile.nodeOnly')}</Tag>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

export function ChangePasswordPage() {
  const t = useT();
  const { me, refresh } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  return (
    <div>
      <PageHeader title={t('pwd.title')} />
      <Card style={{ maxWidth: 480 }}>
        {me?.mustChangePassword ? <Alert type="warning" showIcon message={t('pwd.must')} style={{ marginBottom: 16 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await call(authApi.changePassword, { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
              message.success(t('pwd.done'));
              await refresh();
              qc.invalidateQueries();
              nav('/');
            } catch (e) {
              message.error(e instanceof ApiError ? e.message : String(e));
            }
          }}
        >
          <Form.Item name="currentPassword" label={t('pwd.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('pwd.new')} extra={t('pwd.policy')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('pwd.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('pwd.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('pwd.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
