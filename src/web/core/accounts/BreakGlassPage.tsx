import { Alert, Button, Form, Input, Modal, Radio, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import type { TAccount, TBreakGlass } from '../../../contracts/core/accounts';
import { accountsApi } from '../../../contracts/core/accounts.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { PageHeader, QueryError } from '../../shared/ui/states';
import { fmtInstant } from '../../shared/dates';

export const breakGlassMessages = defineMessages('breakGlass', {
  title: { zh: '管理员账号紧急处置', en: 'Break-glass on administrator accounts' },
  explain: {
    zh: '三员分立：系统、安全、审计管理员的账号不能由其他管理员直接重置密码、停用或授权。确需处置时，由另一员提出申请、第三员批准后执行；每一步都记入审计日志并通知全部管理员，重置后的密码须在首次登录时修改。',
    en: 'Separation of duties: no administrator resets, disables or grants roles to another administrator’s account directly. When it must be done, one of the other duties asks and the third approves; every step is audited and notified to all administrators, and a reset password must be changed at first sign-in.',
  },
  request: { zh: '紧急处置…', en: 'Break-glass…' },
  requestTitle: { zh: '申请紧急处置：{name}', en: 'Break-glass request: {name}' },
  action: { zh: '处置', en: 'Action' },
  reset_password: { zh: '重置密码', en: 'Reset password' },
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  reason: { zh: '原因', en: 'Reason' },
  reasonHint: { zh: '写明事由与核实方式（至少 5 个字）', en: 'What happened and how it was verified (at least 5 characters)' },
  tempPassword: { zh: '临时密码', en: 'Temporary password' },
  tempHint: {
    zh: '批准后生效；当面交给本人，首次登录须修改',
    en: 'Takes effect when approved; hand it over in person, it must be changed at first sign-in',
  },
  sent: { zh: '申请已提交，已通知全部管理员，待第三员批准', en: 'Request sent to all administrators; awaiting the third duty' },
  target: { zh: '账号', en: 'Account' },
  duties: { zh: '职责', en: 'Duties' },
  system: { zh: '系统管理员', en: 'System' },
  security: { zh: '安全管理员', en: 'Security' },
  audit: { zh: '审计管理员', en: 'Audit' },
  requestedBy: { zh: '申请人', en: 'Requested by' },
  requestedAt: { zh: '申请时间', en: 'Requested at' },
  status: { zh: '状态', en: 'Status' },
  pending: { zh: '待批准', en: 'Pending' },
  approved: { zh: '已执行', en: 'Carried out' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  expired: { zh: '已过期', en: 'Expired' },
  decidedBy: { zh: '决定人', en: 'Decided by' },
  note: { zh: '意见', en: 'Note' },
  approve: { zh: '批准并执行', en: 'Approve and carry out' },
  reject: { zh: '驳回', en: 'Reject' },
  confirmApprove: {
    zh: '批准后立即对 {name} 执行“{action}”，并通知全部管理员。确定？',
    en: 'Approving carries out “{action}” on {name} at once and notifies all administrators. Go ahead?',
  },
  done: { zh: '已处理', en: 'Done' },
  empty: { zh: '暂无紧急处置记录', en: 'No break-glass requests' },
});

/** The built-in administrator roles: the accounts page offers break-glass instead of direct changes on them. */
export const ADMIN_ROLE_CODES = new Set(['sysadmin', 'secadmin', 'auditor']);
export const isAdminAccount = (a: TAccount) => a.roles.some((r) => ADMIN_ROLE_CODES.has(r.roleCode));

const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));

/** Step one: another duty asks (from the accounts page). */
export function BreakGlassRequestModal({ account, onClose }: { account: TAccount | null; onClose: () => void }) {
  const t = breakGlassMessages.useT();
  const [form] = Form.useForm();
  const action = Form.useWatch('action', form);
  const create = useApiMutation(accountsApi.breakGlassRequest, { invalidates: ['accounts'] });
  return (
    <Modal
      open={!!account}
      title={t('requestTitle', { name: account?.username ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await create.mutateAsync({ params: { id: account!.id }, body: v });
          message.success(t('sent'));
          onClose();
        } catch (e) {
          if (e instanceof ApiError && (e.code === 'PASSWORD_POLICY' || e.code === 'PASSWORD_REUSED'))
            form.setFields([{ name: 'password', errors: [e.message] }]);
          else fail(e);
        }
      }}
    >
      <Alert type="info" showIcon message={t('explain')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ action: 'reset_password' }}>
        <Form.Item name="action" label={t('action')}>
          <Radio.Group
            options={[
              { value: 'reset_password', label: t('reset_password') },
              { value: 'disable', label: t('disable') },
              { value: 'enable', label: t('enable') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} extra={t('reasonHint')} rules={[{ required: true, min: 5, max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {action === 'reset_password' ? (
          <Form.Item name="password" label={t('tempPassword')} extra={t('tempHint')} rules={[{ required: true, min: 8, max: 128 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Step two, and the record: every request of the tenant, approved or rejected by the third duty. */
export function BreakGlassPage() {
  const t = breakGlassMessages.useT();
  const list = useApiQuery(accountsApi.breakGlassList, {});
  const approve = useApiMutation(accountsApi.breakGlassApprove, { invalidates: ['accounts'] });
  const reject = useApiMutation(accountsApi.breakGlassReject, { invalidates: ['accounts'] });
  const [deciding, setDeciding] = useState<{ row: TBreakGlass; approve: boolean } | null>(null);
  const [form] = Form.useForm();
  const statusColor = { pending: 'orange', approved: 'green', rejected: 'default', expired: 'default' } as const;
  return (
    <div>
      <PageHeader title={t('title')} />
      <QueryError inline queries={[list]} />
      <Alert type="info" showIcon message={t('explain')} style={{ marginBottom: 16 }} />
      <Table<TBreakGlass>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={false}
        columns={[
          { title: t('target'), dataIndex: 'targetUsername' },
          {
            title: t('duties'),
            dataIndex: 'targetDuties',
            render: (ds: TBreakGlass['targetDuties']) => ds.map((d) => <Tag key={d}>{t(d)}</Tag>),
          },
          { title: t('action'), dataIndex: 'action', render: (a: TBreakGlass['action']) => t(a) },
          { title: t('reason'), dataIndex: 'reason' },
          { title: t('requestedBy'), dataIndex: 'requestedBy' },
          { title: t('requestedAt'), dataIndex: 'requestedAt', render: (v: string) => fmtInstant(v) },
          { title: t('status'), dataIndex: 'status', render: (s: TBreakGlass['status']) => <Tag color={statusColor[s]}>{t(s)}</Tag> },
          {
            title: t('decidedBy'),
            key: 'decided',
            render: (_, r) => (r.decidedBy ? `${r.decidedBy}${r.decisionNote ? ` · ${r.decisionNote}` : ''}` : '—'),
          },
          {
            title: '',
            key: 'op',
            render: (_, r) =>
              r.canDecide ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    danger
                    onClick={() => {
                      form.resetFields();
                      setDeciding({ row: r, approve: true });
                    }}
                  >
                    {t('approve')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setDeciding({ row: r, approve: false });
                    }}
                  >
                    {t('reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `${deciding.approve ? t('approve') : t('reject')} · ${deciding.row.targetUsername}` : ''}
        onCancel={() => setDeciding(null)}
        okButtonProps={{ danger: deciding?.approve }}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          const body = v.note ? { note: v.note as string } : {};
          try {
            if (deciding!.approve) await approve.mutateAsync({ params: { id: deciding!.row.id }, body });
            else await reject.mutateAsync({ params: { id: deciding!.row.id }, body });
            message.success(t('done'));
            setDeciding(null);
            await list.refetch();
          } catch (e) {
            fail(e);
          }
        }}
      >
        {deciding?.approve ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('confirmApprove', { name: deciding.row.targetUsername, action: t(deciding.row.action) })}
          />
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
