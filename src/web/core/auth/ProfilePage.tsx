import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Table, Tag, message } from 'antd';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../../contracts/core/auth.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call } from '../../shared/typedApi';
import { PageHeader } from '../../shared/ui/states';
import { useAuth } from './auth';
import { fmtInstant } from '../../shared/dates';

export const profileMessages = defineMessages('profile', {
  title: { zh: '个人中心', en: 'Profile' },
  username: { zh: '用户名', en: 'Username' },
  name: { zh: '姓名', en: 'Name' },
  org: { zh: '所属机构', en: 'Organisation' },
  lastLogin: { zh: '上次登录', en: 'Last sign-in' },
  roles: { zh: '角色与管理范围', en: 'Roles and scopes' },
  role: { zh: '角色', en: 'Role' },
  scope: { zh: '范围', en: 'Scope' },
  subtree: { zh: '含下级', en: 'with subtree' },
  nodeOnly: { zh: '仅本级', en: 'node only' },
});

export const passwordMessages = defineMessages('password', {
  title: { zh: '修改密码', en: 'Change password' },
  current: { zh: '原密码', en: 'Current password' },
  new: { zh: '新密码', en: 'New password' },
  confirm: { zh: '确认新密码', en: 'Confirm new password' },
  mismatch: { zh: '两次输入的密码不一致', en: 'The passwords differ' },
  policy: {
    zh: '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名、不能是常见弱口令、不能与最近 5 次的密码相同',
    en: 'At least 8 characters and three of: upper case, lower case, digit, symbol; not containing your username, not a common password, none of your last 5',
  },
  must: {
    zh: '初始密码、被重置或已过期的密码须先修改，修改前不能使用其他功能',
    en: 'An initial, reset or expired password must be changed before anything else can be used',
  },
  done: { zh: '密码已修改', en: 'Password changed' },
  submit: { zh: '保存', en: 'Save' },
});

export function ProfilePage() {
  const t = profileMessages.useT();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <div>
      <PageHeader title={t('title')} />
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('username')}>{me.username}</Descriptions.Item>
        <Descriptions.Item label={t('name')}>{me.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('org')}>{me.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('lastLogin')}>{fmtInstant(me.lastLoginAt)}</Descriptions.Item>
      </Descriptions>
      <h3 style={{ marginTop: 24 }}>{t('roles')}</h3>
      <Table
        size="small"
        rowKey={(r) => `${r.roleCode}-${r.orgId}`}
        pagination={false}
        dataSource={me.scopes}
        columns={[
          { title: t('role'), dataIndex: 'roleName' },
          {
            title: t('scope'),
            render: (_, r) => (
              <>
                {r.orgName} <Tag>{r.includeSubtree ? t('subtree') : t('nodeOnly')}</Tag>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

export function ChangePasswordPage() {
  const tp = passwordMessages.useT();
  const { me, refresh } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  return (
    <div>
      <PageHeader title={tp('title')} />
      <Card style={{ maxWidth: 480 }}>
        {me?.mustChangePassword ? <Alert type="warning" showIcon message={tp('must')} style={{ marginBottom: 16 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await call(authApi.changePassword, { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
              message.success(tp('done'));
              await refresh();
              qc.invalidateQueries();
              nav('/');
            } catch (e) {
              // The server names the rule that failed, in the user's language: show it on its field.
              const field =
                e instanceof ApiError
                  ? e.code === 'PASSWORD_WRONG'
                    ? 'currentPassword'
                    : e.code === 'PASSWORD_POLICY' || e.code === 'PASSWORD_REUSED'
                      ? 'newPassword'
                      : null
                  : null;
              if (field && e instanceof ApiError) form.setFields([{ name: field, errors: [e.message] }]);
              else message.error(e instanceof ApiError ? e.message : String(e));
            }
          }}
        >
          <Form.Item name="currentPassword" label={tp('current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={tp('new')} extra={tp('policy')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={tp('confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(tp('mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tp('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
