import { PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Upload,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { GENERAL_CATEGORIES } from '../../../contracts/core/approval';
import { approvalsApi } from '../../../contracts/core/approval.api';
import { filesApi } from '../../../contracts/core/files.api';
import { generalRequestsApi } from '../../../contracts/modules/general-requests.api';
import type { AnyRoute } from '../../../contracts/route';
import { ApiError } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { call, useApiQuery, urlOf } from '../../shared/typedApi';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { formatMoney } from '../../shared/money';

defineMessages(
  {
    'ap.inbox': '我的待办',
    'ap.mine': '我的申请',
    'ap.title': '事项',
    'ap.type': '业务类型',
    'ap.applicant': '申请人',
    'ap.org': '单位',
    'ap.submitted': '提交时间',
    'ap.step': '当前步骤',
    'ap.status': '状态',
    'ap.detail': '审批详情',
    'ap.timeline': '审批记录',
    'ap.approve': '同意',
    'ap.reject': '不同意',
    'ap.return': '退回修改',
    'ap.withdraw': '撤回',
    'ap.resubmit': '重新提交',
    'ap.comment': '审批意见',
    'ap.reason': '理由',
    'ap.done': '已处理',
    'ap.print': '打印审批单',
    'ap.record': '查看业务单据',
    'ap.facts': '申请内容',
    'ap.status.pending': '审批中',
    'ap.status.approved': '已通过',
    'ap.status.rejected': '未通过',
    'ap.status.returned': '已退回',
    'ap.status.withdrawn': '已撤回',
    'ap.action.submit': '提交',
    'ap.action.approve': '同意',
    'ap.action.reject': '不同意',
    'ap.action.return': '退回',
    'ap.action.withdraw': '撤回',
    'ap.action.resubmit': '重新提交',
    'gr.title': '通用事项申请',
    'gr.subject': '事项名称',
    'gr.category': '类别',
    'gr.content': '申请内容',
    'gr.amount': '金额（元）',
    'gr.submit': '提交申请',
    'gr.submitted': '已提交，等待审批',
    'gr.hint': '金额超过 1 万元的事项需局领导审批（可在审批流程中调整）。',
    'gr.mine': '我提交的通用事项',
    'gr.cat.purchase': '物品申领',
    'gr.cat.service': '后勤服务',
    'gr.cat.venue': '场地使用',
    'gr.cat.other': '其他事项',
    'ap.form': '审批单',
    'ap.attach': '添加附件',
  },
  {
    'ap.inbox': 'My to-dos',
    'ap.mine': 'My requests',
    'ap.title': 'Subject',
    'ap.type': 'Type',
    'ap.applicant': 'Applicant',
    'ap.org': 'Unit',
    'ap.submitted': 'Submitted',
    'ap.step': 'Current step',
    'ap.status': 'Status',
    'ap.detail': 'Approval',
    'ap.timeline': 'History',
    'ap.approve': 'Approve',
    'ap.reject': 'Reject',
    'ap.return': 'Return for revision',
    'ap.withdraw': 'Withdraw',
    'ap.resubmit': 'Resubmit',
    'ap.comment': 'Comment',
    'ap.reason': 'Reason',
    'ap.done': 'Done',
    'ap.print': 'Print form',
    'ap.record': 'Open the record',
    'ap.facts': 'Request details',
    'ap.status.pending': 'Pending',
    'ap.status.approved': 'Approved',
    'ap.status.rejected': 'Rejected',
    'ap.status.returned': 'Returned',
    'ap.status.withdrawn': 'Withdrawn',
    'ap.action.submit': 'Submitted',
    'ap.action.approve': 'Approved',
    'ap.action.reject': 'Rejected',
    'ap.action.return': 'Returned',
    'ap.action.withdraw': 'Withdrew',
    'ap.action.resubmit': 'Resubmitted',
    'gr.title': 'General request',
    'gr.subject': 'Subject',
    'gr.category': 'Category',
    'gr.content': 'Details',
    'gr.amount': 'Amount (yuan)',
    'gr.submit': 'Submit',
    'gr.submitted': 'Submitted for approval',
    'gr.hint': 'Requests above 10,000 yuan also need a bureau leader (configurable in the approval flow).',
    'gr.mine': 'My general requests',
    'gr.cat.purchase': 'Supplies',
    'gr.cat.service': 'Logistics service',
    'gr.cat.venue': 'Venue use',
    'gr.cat.other': 'Other',
    'ap.form': 'Approval form',
    'ap.attach': 'Attach files',
  },
);

type Item = {
  id: number;
  title: string;
  businessTypeName: string;
  applicantName: string;
  orgName: string;
  submittedAt: string;
  stepName: string | null;
  status: string;
};
/** Labels for the business facts modules commonly pass to the engine. */
const FACT_LABELS: Record<string, string> = { amount: 'gr.amount', category: 'gr.category', content: 'gr.content' };
const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

function useColumns() {
  const t = useT();
  return [
    { title: t('ap.title'), dataIndex: 'title', render: (v: string, r: Item) => <Link to={`/approvals/${r.id}`}>{v}</Link> },
    { title: t('ap.type'), dataIndex: 'businessTypeName' },
    { title: t('ap.applicant'), dataIndex: 'applicantName' },
    { title: t('ap.org'), dataIndex: 'orgName' },
    { title: t('ap.step'), dataIndex: 'stepName' },
    { title: t('ap.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`ap.status.${s}`)}</Tag> },
    { title: t('ap.submitted'), dataIndex: 'submittedAt', render: (v: string) => new Date(v).toLocaleString() },
  ];
}

export function InboxPage() {
  const t = useT();
  return (
    <div>
      <PageHeader title={t('ap.inbox')} />
      <ServerTable<Item>
        route={approvalsApi.inbox}
        testId="inbox-table"
        columns={useColumns()}
        filters={
          <Form.Item name="q">
            <Input allowClear placeholder={t('ap.title')} />
          </Form.Item>
        }
      />
    </div>
  );
}

export function MinePage() {
  const t = useT();
  return (
    <div>
      <PageHeader title={t('ap.mine')} />
      <ServerTable<Item>
        route={approvalsApi.mine}
        columns={useColumns()}
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('ap.status')}
              style={{ width: 120 }}
              options={['pending', 'approved', 'rejected', 'returned', 'withdrawn'].map((s) => ({ value: s, label: t(`ap.status.${s}`) }))}
            />
          </Form.Item>
        }
      />
    </div>
  );
}

/** The decisions on an approval, by the action name the server lists in `allowedActions`. */
const DECISIONS = {
  approve: approvalsApi.approve,
  reject: approvalsApi.reject,
  return: approvalsApi.return,
  withdraw: approvalsApi.withdraw,
  resubmit: approvalsApi.resubmit,
};

export function ApprovalDetailPage() {
  const t = useT();
  const { id } = useParams();
  const qc = useQueryClient();
  const q = useApiQuery(approvalsApi.get, { params: { id: Number(id) } });
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'return' | null>(null);
  const [printing, setPrinting] = useState(false);
  const [files, setFiles] = useState<{ id: string; filename: string }[]>([]);
  const [form] = Form.useForm();
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const { instance, steps, timeline, allowedActions } = q.data;
  const run = async (action: keyof typeof DECISIONS, body: Record<string, unknown> = {}) => {
    try {
      // The body's shape depends on the action (a comment or a reason); the route checks it.
      await call(DECISIONS[action] as AnyRoute, { params: { id: instance.id }, body: { ...body, version: instance.version } });
      message.success(t('ap.done'));
      setDialog(null);
      // A decision changes the business record of whichever module owns it: refresh every query.
      qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      q.refetch();
    }
  };
  const facts = Object.entries(instance.facts);
  const body = (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('ap.title')}>{instance.title}</Descriptions.Item>
        <Descriptions.Item label={t('ap.type')}>{instance.businessTypeName}</Descriptions.Item>
        <Descriptions.Item label={t('ap.applicant')}>{instance.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('ap.org')}>{instance.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('ap.submitted')}>{new Date(instance.submittedAt).toLocaleString()}</Descriptions.Item>
        <Descriptions.Item label={t('ap.status')}>
          <Tag color={STATUS_COLOR[instance.status]}>{t(`ap.status.${instance.status}`)}</Tag>
        </Descriptions.Item>
        {facts.map(([k, v]) => (
          <Descriptions.Item key={k} label={FACT_LABELS[k] ? t(FACT_LABELS[k]) : k} span={k === 'content' ? 2 : 1}>
            {k === 'category' ? t(`gr.cat.${String(v)}`) : k === 'amount' ? formatMoney(v as string | number) : String(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
  const history = (
    <Timeline
      items={timeline.map((e) => ({
        color: e.action === 'reject' ? 'red' : e.action === 'return' ? 'orange' : 'green',
        children: (
          <div>
            <b>{e.actorName}</b> {t(`ap.action.${e.action}`)} {e.stepName ? <Tag>{e.stepName}</Tag> : null}
            <div style={{ color: '#888', fontSize: 12 }}>{new Date(e.at).toLocaleString()}</div>
            {e.comment ? <div>“{e.comment}”</div> : null}
            {e.attachments.map((f) => (
              <div key={f.id}>
                <PaperClipOutlined />{' '}
                <a href={urlOf(filesApi.get, { params: { id: f.id } })} target="_blank" rel="noreferrer">
                  {f.filename}
                </a>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
  if (printing) {
    return (
      <div>
        <Button className="hq-no-print" onClick={() => setPrinting(false)} style={{ marginBottom: 8 }}>
          ←
        </Button>
        <PrintLayout issuer={instance.orgName} title={`${instance.businessTypeName}${t('ap.form')}`} docNo={`No. ${instance.id}`}>
          {body}
          <h3>{t('ap.timeline')}</h3>
          {history}
        </PrintLayout>
      </div>
    );
  }
  return (
    <div>
      <PageHeader
        title={instance.title}
        extra={
          <Space wrap>
            {allowedActions.includes('approve') ? (
              <Button
                type="primary"
                data-testid="approve-button"
                onClick={() => {
                  form.resetFields();
                  setDialog('approve');
                }}
              >
                {t('ap.approve')}
              </Button>
            ) : null}
            {allowedActions.includes('return') ? (
              <Button
                onClick={() => {
                  form.resetFields();
                  setDialog('return');
                }}
              >
                {t('ap.return')}
              </Button>
            ) : null}
            {allowedActions.includes('reject') ? (
              <Button
                danger
                data-testid="reject-button"
                onClick={() => {
                  form.resetFields();
                  setDialog('reject');
                }}
              >
                {t('ap.reject')}
              </Button>
            ) : null}
            {allowedActions.includes('resubmit') ? <Button onClick={() => run('resubmit')}>{t('ap.resubmit')}</Button> : null}
            {allowedActions.includes('withdraw') ? <Button onClick={() => run('withdraw')}>{t('ap.withdraw')}</Button> : null}
            {instance.link ? (
              <Link to={instance.link} data-testid="approval-record-link">
                <Button>{t('ap.record')}</Button>
              </Link>
            ) : null}
            <Button onClick={() => setPrinting(true)}>{t('ap.print')}</Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          responsive
          current={steps.findIndex((s) => s.state === 'current')}
          items={steps.map((s) => ({
            title: s.name,
            status:
              s.state === 'done'
                ? 'finish'
                : s.state === 'current'
                  ? 'process'
                  : s.state === 'rejected' || s.state === 'returned'
                    ? 'error'
                    : 'wait',
            description: s.state === 'skipped' ? '—' : s.approvers.map((a) => a.name).join('、'),
          }))}
        />
      </Card>
      {body}
      <h3 style={{ marginTop: 24 }}>{t('ap.timeline')}</h3>
      <div data-testid="approval-timeline">{history}</div>
      <Modal
        open={!!dialog}
        title={dialog ? t(`ap.${dialog}`) : ''}
        onCancel={() => setDialog(null)}
        okButtonProps={{ 'data-testid': 'approval-confirm' } as never}
        onOk={async () => {
          const v = await form.validateFields();
          await run(
            dialog!,
            dialog === 'approve' ? { comment: v.text || null, attachmentIds: files.map((f) => f.id) } : { reason: v.text },
          );
          setFiles([]);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="text"
            label={dialog === 'approve' ? t('ap.comment') : t('ap.reason')}
            rules={dialog === 'approve' ? [{ max: 500 }] : [{ required: true, max: 500 }]}
          >
            <Input.TextArea rows={3} data-testid="approval-comment" />
          </Form.Item>
          {dialog === 'approve' ? (
            <Upload
              fileList={files.map((f) => ({ uid: f.id, name: f.filename, status: 'done' as const }))}
              onRemove={(f) => setFiles((xs) => xs.filter((x) => x.id !== f.uid))}
              beforeUpload={(file) => {
                api
                  .upload<{ id: string; filename: string }>('/files', file, { ownerType: 'approval', ownerId: String(instance.id) })
                  .then((r) => setFiles((xs) => [...xs, r]))
                  .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)));
                return false;
              }}
            >
              <Button icon={<PaperClipOutlined />}>{t('ap.attach')}</Button>
            </Upload>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}

type General = {
  id: number;
  title: string;
  category: string;
  amount: string | null;
  status: string;
  instanceId: number | null;
  createdAt: string;
};

export function GeneralRequestPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <PageHeader title={t('gr.title')} />
      {hasPermission('general.request') ? (
        <Card size="small" style={{ maxWidth: 720, marginBottom: 24 }}>
          <Alert type="info" showIcon message={t('gr.hint')} style={{ marginBottom: 12 }} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ category: 'purchase' }}
            onFinish={async (v) => {
              setBusy(true);
              try {
                const r = await call(generalRequestsApi.create, { body: { ...v, amount: v.amount ?? null } });
                message.success(t('gr.submitted'));
                // A submission adds to my requests and to an approver's inbox: refresh every query.
                qc.invalidateQueries();
                nav(`/approvals/${r.instanceId}`);
              } catch (e) {
                message.error(e instanceof ApiError ? e.message : String(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item name="title" label={t('gr.subject')} rules={[{ required: true, max: 100 }]}>
              <Input data-testid="general-form-title" />
            </Form.Item>
            <Form.Item name="category" label={t('gr.category')} rules={[{ required: true }]}>
              <Select options={GENERAL_CATEGORIES.map((c) => ({ value: c, label: t(`gr.cat.${c}`) }))} />
            </Form.Item>
            <Form.Item name="content" label={t('gr.content')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={4} data-testid="general-form-content" />
            </Form.Item>
            <Form.Item name="amount" label={t('gr.amount')}>
              <InputNumber min={0} max={100000000} precision={2} style={{ width: 200 }} data-testid="general-form-amount" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="general-form-submit">
              {t('gr.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <h3>{t('gr.mine')}</h3>
      <ServerTable<General>
        route={generalRequestsApi.list}
        columns={[
          {
            title: t('gr.subject'),
            dataIndex: 'title',
            render: (v, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{v}</Link> : v),
          },
          { title: t('gr.category'), dataIndex: 'category', render: (c) => t(`gr.cat.${c}`) },
          { title: t('gr.amount'), dataIndex: 'amount', render: (a: string | null) => formatMoney(a) },
          { title: t('ap.status'), dataIndex: 'status', render: (s) => <Tag color={STATUS_COLOR[s]}>{t(`ap.status.${s}`)}</Tag> },
          { title: t('ap.submitted'), dataIndex: 'createdAt', render: (v) => new Date(v).toLocaleString() },
        ]}
      />
    </div>
  );
}
