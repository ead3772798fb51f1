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
  List,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Upload,
  message,
} from 'antd';
import type { FormInstance } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { APPROVAL_STATUSES, GENERAL_CATEGORIES } from '../../../contracts/core/approval';
import { approvalCommentsApi, approvalsApi } from '../../../contracts/core/approval.api';
import { filesApi } from '../../../contracts/core/files.api';
import { generalRequestsApi } from '../../../contracts/modules/general-requests.api';
import type { AnyRoute } from '../../../contracts/route';
import { defineMessages } from '../../shared/i18n';
import { call, upload, urlOf, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { formatMoney } from '../../shared/money';
import { fmtInstant } from '../../shared/dates';

export const approvalMessages = defineMessages('approval', {
  inbox: { zh: '我的待办', en: 'My to-dos' },
  mine: { zh: '我的申请', en: 'My requests' },
  title: { zh: '事项', en: 'Subject' },
  type: { zh: '业务类型', en: 'Type' },
  applicant: { zh: '申请人', en: 'Applicant' },
  org: { zh: '单位', en: 'Unit' },
  submitted: { zh: '提交时间', en: 'Submitted' },
  step: { zh: '当前步骤', en: 'Current step' },
  status: { zh: '状态', en: 'Status' },
  detail: { zh: '审批详情', en: 'Approval' },
  timeline: { zh: '审批记录', en: 'History' },
  approve: { zh: '同意', en: 'Approve' },
  reject: { zh: '不同意', en: 'Reject' },
  return: { zh: '退回修改', en: 'Return for revision' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  resubmit: { zh: '重新提交', en: 'Resubmit' },
  comment: { zh: '审批意见', en: 'Comment' },
  reason: { zh: '理由', en: 'Reason' },
  done: { zh: '已处理', en: 'Done' },
  print: { zh: '打印审批单', en: 'Print form' },
  record: { zh: '查看业务单据', en: 'Open the record' },
  facts: { zh: '申请内容', en: 'Request details' },
  'status.pending': { zh: '审批中', en: 'Pending' },
  'status.approved': { zh: '已通过', en: 'Approved' },
  'status.rejected': { zh: '未通过', en: 'Rejected' },
  'status.returned': { zh: '已退回', en: 'Returned' },
  'status.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
  'action.submit': { zh: '提交', en: 'Submitted' },
  'action.approve': { zh: '同意', en: 'Approved' },
  'action.reject': { zh: '不同意', en: 'Rejected' },
  'action.return': { zh: '退回', en: 'Returned' },
  'action.withdraw': { zh: '撤回', en: 'Withdrew' },
  'action.resubmit': { zh: '重新提交', en: 'Resubmitted' },
  form: { zh: '审批单', en: 'Approval form' },
  checks: { zh: '未通过的检查', en: 'Failed checks' },
  skipped: { zh: '不适用的步骤：{steps}', en: 'Steps that do not apply: {steps}' },
  fieldValue: { zh: '{label}：{value}', en: '{label}: {value}' },
  listSep: { zh: '；', en: '; ' },
  skippedStep: { zh: '{name}（条件：{condition}）', en: '{name} (when {condition})' },
  common: { zh: '常用意见', en: 'Common comments' },
  commonPick: { zh: '选择常用意见', en: 'Pick a common comment' },
  commonManage: { zh: '管理常用意见', en: 'Manage common comments' },
  commonAdd: { zh: '添加', en: 'Add' },
  commonNew: { zh: '新的常用意见', en: 'New common comment' },
  commonMine: { zh: '我的常用意见', en: 'My comments' },
  commonBuiltIn: { zh: '系统内置', en: 'Built in' },
  delete: { zh: '删除', en: 'Delete' },
  batchApprove: { zh: '批量同意（{n}）', en: 'Approve {n} selected' },
  batchReject: { zh: '批量不同意（{n}）', en: 'Reject {n} selected' },
  batchHint: { zh: '批量审批只能选择同一业务类型的待办', en: 'Select items of one business type for a batch decision' },
  batchDone: { zh: '已处理 {ok} 项，{failed} 项未处理', en: '{ok} decided, {failed} not decided' },
  batchResult: { zh: '批量审批结果', en: 'Batch result' },
  ok: { zh: '成功', en: 'Done' },
  failed: { zh: '未处理', en: 'Not decided' },
  attach: { zh: '添加附件', en: 'Attach files' },
});

export const generalRequestMessages = defineMessages('generalRequests', {
  title: { zh: '通用事项申请', en: 'General request' },
  subject: { zh: '事项名称', en: 'Subject' },
  category: { zh: '类别', en: 'Category' },
  content: { zh: '申请内容', en: 'Details' },
  amount: { zh: '金额（元）', en: 'Amount (yuan)' },
  submit: { zh: '提交申请', en: 'Submit' },
  submitted: { zh: '已提交，等待审批', en: 'Submitted for approval' },
  hint: {
    zh: '金额超过 1 万元的事项需局领导审批（可在审批流程中调整）。',
    en: 'Requests above 10,000 yuan also need a bureau leader (configurable in the approval flow).',
  },
  mine: { zh: '我提交的通用事项', en: 'My general requests' },
  'cat.purchase': { zh: '物品申领', en: 'Supplies' },
  'cat.service': { zh: '后勤服务', en: 'Logistics service' },
  'cat.venue': { zh: '场地使用', en: 'Venue use' },
  'cat.other': { zh: '其他事项', en: 'Other' },
});

type Summary = { fields: { label: string; value: string }[]; checks: string[] };
type Item = {
  id: number;
  title: string;
  businessType: string;
  businessTypeName: string;
  summary: Summary;
  applicantName: string;
  orgName: string;
  submittedAt: string;
  stepName: string | null;
  status: string;
};
/** Keys built at run time from a status, an action or a category the server sends. */
type ApprovalKey = Extract<Parameters<typeof approvalMessages.t>[0], `status.${string}` | `action.${string}`>;

/** The request as its business type's summary reads it, in one line for the inbox card. */
function SummaryLine({ summary }: { summary: Summary }) {
  const t = approvalMessages.useT();
  if (!summary.fields.length && !summary.checks.length) return null;
  return (
    <div style={{ color: '#666', fontSize: 12 }} data-testid="approval-summary-line">
      {summary.fields.map((f) => t('fieldValue', f)).join(' · ')}
      {summary.checks.length ? <div style={{ color: '#cf1322' }}>{summary.checks.join(t('listSep'))}</div> : null}
    </div>
  );
}
type GeneralKey = Parameters<typeof generalRequestMessages.t>[0];
const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

function useColumns() {
  const t = approvalMessages.useT();
  return [
    {
      title: t('title'),
      dataIndex: 'title',
      render: (v: string, r: Item) => (
        <div>
          <Link to={`/approvals/${r.id}`}>{v}</Link>
          <SummaryLine summary={r.summary} />
        </div>
      ),
    },
    { title: t('type'), dataIndex: 'businessTypeName' },
    { title: t('applicant'), dataIndex: 'applicantName' },
    { title: t('org'), dataIndex: 'orgName' },
    { title: t('step'), dataIndex: 'stepName' },
    {
      title: t('status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}` as ApprovalKey)}</Tag>,
    },
    { title: t('submitted'), dataIndex: 'submittedAt', render: (v: string) => fmtInstant(v) },
  ];
}

/** 常用意见: pick one into the comment (built-in first, then the caller's own) or manage one's own. */
export function CommonComments({ onPick }: { onPick: (text: string) => void }) {
  const t = approvalMessages.useT();
  const q = useApiQuery(approvalCommentsApi.list, {});
  const [managing, setManaging] = useState(false);
  const [text, setText] = useState('');
  const add = useApiMutation(approvalCommentsApi.create, { invalidates: [approvalCommentsApi.list] });
  const remove = useApiMutation(approvalCommentsApi.remove, { invalidates: [approvalCommentsApi.list] });
  const builtIn = q.data?.builtIn ?? [];
  const mine = q.data?.items ?? [];
  return (
    <div style={{ marginBottom: 8 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Select<string>
          data-testid="common-comment-select"
          style={{ width: '100%' }}
          placeholder={t('commonPick')}
          value={null as unknown as string}
          loading={q.isLoading}
          onChange={(v) => onPick(v)}
          options={[
            { label: t('commonBuiltIn'), options: builtIn.map((c) => ({ value: c, label: c })) },
            ...(mine.length ? [{ label: t('commonMine'), options: mine.map((c) => ({ value: c.text, label: c.text })) }] : []),
          ]}
        />
        <Button onClick={() => setManaging(true)} data-testid="common-comment-manage">
          {t('commonManage')}
        </Button>
      </Space.Compact>
      <Modal open={managing} title={t('commonManage')} footer={null} onCancel={() => setManaging(false)} destroyOnHidden>
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            data-testid="common-comment-new"
            placeholder={t('commonNew')}
            maxLength={200}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="primary"
            data-testid="common-comment-add"
            disabled={!text.trim()}
            loading={add.isPending}
            onClick={async () => {
              try {
                await add.mutateAsync({ body: { text: text.trim() } });
                setText('');
              } catch (e) {
                message.error(showFieldErrors(e));
              }
            }}
          >
            {t('commonAdd')}
          </Button>
        </Space.Compact>
        <List
          size="small"
          header={t('commonMine')}
          dataSource={mine}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button
                  key="delete"
                  type="link"
                  danger
                  onClick={() => remove.mutateAsync({ params: { id: c.id } }).catch((e) => message.error(showFieldErrors(e)))}
                >
                  {t('delete')}
                </Button>,
              ]}
            >
              {c.text}
            </List.Item>
          )}
        />
      </Modal>
    </div>
  );
}

/**
 * The approve / reject dialog's body, for one item and for a batch: a common comment to pick,
 * then the comment (optional when approving) or the reason (required when not), and whatever
 * the dialog adds below (attachments).
 */
function DecisionComment({
  form,
  approve,
  testId,
  children,
}: {
  form: FormInstance<{ text?: string }>;
  approve: boolean;
  testId: string;
  children?: ReactNode;
}) {
  const t = approvalMessages.useT();
  return (
    <>
      <CommonComments onPick={(text) => form.setFieldsValue({ text })} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={approve ? t('comment') : t('reason')}
          rules={approve ? [{ max: 500 }] : [{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid={testId} />
        </Form.Item>
        {children}
      </Form>
    </>
  );
}

type BatchResult = { id: number; title: string; ok: boolean; error: { code: string; message: string } | null };

export function InboxPage() {
  const t = approvalMessages.useT();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<Item[]>([]);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [results, setResults] = useState<BatchResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  // A batch is of one business type: the approver reads one kind of request and one comment fits all.
  const oneType = new Set(selected.map((r) => r.businessType)).size === 1;
  const open = (d: 'approve' | 'reject') => {
    form.resetFields();
    setDialog(d);
  };
  return (
    <div>
      <PageHeader title={t('inbox')} />
      <ServerTable<Item>
        route={approvalsApi.inbox}
        testId="inbox-table"
        columns={useColumns()}
        rowKey="id"
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.id),
          preserveSelectedRowKeys: false,
          onChange: (_keys, rows) => setSelected(rows),
        }}
        toolbar={
          <Space wrap>
            <Button type="primary" disabled={!selected.length || !oneType} onClick={() => open('approve')} data-testid="batch-approve">
              {t('batchApprove', { n: selected.length })}
            </Button>
            <Button danger disabled={!selected.length || !oneType} onClick={() => open('reject')} data-testid="batch-reject">
              {t('batchReject', { n: selected.length })}
            </Button>
            {selected.length && !oneType ? <span style={{ color: '#cf1322' }}>{t('batchHint')}</span> : null}
          </Space>
        }
        filters={
          <Form.Item name="q">
            <Input allowClear placeholder={t('title')} />
          </Form.Item>
        }
      />
      <Modal
        open={!!dialog}
        title={dialog ? t(dialog === 'approve' ? 'batchApprove' : 'batchReject', { n: selected.length }) : ''}
        onCancel={() => setDialog(null)}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'batch-confirm' } as never}
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            const r = await call(approvalsApi.batch, {
              body: { ids: selected.map((x) => x.id), decision: dialog!, comment: v.text || null },
            });
            setResults(r.results.map((x) => ({ ...x, title: selected.find((i) => i.id === x.id)?.title ?? `No. ${x.id}` })));
            setDialog(null);
            setSelected([]);
            const failed = r.results.filter((x) => !x.ok).length;
            message.info(t('batchDone', { ok: r.results.length - failed, failed }));
            // Each decision changes a business record of some module: refresh every query.
            qc.invalidateQueries();
          } catch (e) {
            message.error(showFieldErrors(e));
          } finally {
            setBusy(false);
          }
        }}
        destroyOnHidden
      >
        <DecisionComment form={form} approve={dialog === 'approve'} testId="batch-comment"></DecisionComment>
      </Modal>
      <Modal open={!!results} title={t('batchResult')} footer={null} onCancel={() => setResults(null)}>
        <Table<BatchResult>
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="batch-results"
          dataSource={results ?? []}
          columns={[
            { title: t('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/approvals/${r.id}`}>{v}</Link> },
            {
              title: t('status'),
              dataIndex: 'ok',
              render: (ok: boolean, r) =>
                ok ? <Tag color="success">{t('ok')}</Tag> : <Tag color="error">{r.error?.message ?? t('failed')}</Tag>,
            },
          ]}
        />
      </Modal>
    </div>
  );
}

export function MinePage() {
  const t = approvalMessages.useT();
  return (
    <div>
      <PageHeader title={t('mine')} />
      <ServerTable<Item>
        route={approvalsApi.mine}
        urlFilters={['status']}
        columns={useColumns()}
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('status')}
              style={{ width: 120 }}
              options={APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
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
  const t = approvalMessages.useT();
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
      message.success(t('done'));
      setDialog(null);
      // A decision changes the business record of whichever module owns it: refresh every query.
      qc.invalidateQueries();
    } catch (e) {
      message.error(showFieldErrors(e));
      q.refetch();
    }
  };
  // Steps whose condition does not hold for this request will not run: they are not shown as next.
  const running = steps.filter((s) => s.state !== 'skipped' || s.approvers.length);
  const notApplying = steps.filter((s) => s.state === 'skipped' && !s.approvers.length);
  const body = (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('title')}>{instance.title}</Descriptions.Item>
        <Descriptions.Item label={t('type')}>{instance.businessTypeName}</Descriptions.Item>
        <Descriptions.Item label={t('applicant')}>{instance.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('org')}>{instance.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('submitted')}>{fmtInstant(instance.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>
          <Tag color={STATUS_COLOR[instance.status]}>{t(`status.${instance.status}`)}</Tag>
        </Descriptions.Item>
        {instance.summary.fields.map((f) => (
          <Descriptions.Item key={f.label} label={f.label}>
            <span data-testid="approval-field">{f.value}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {instance.summary.checks.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          message={t('checks')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="approval-checks">
              {instance.summary.checks.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
  const history = (
    <Timeline
      items={timeline.map((e) => ({
        color: e.action === 'reject' ? 'red' : e.action === 'return' ? 'orange' : 'green',
        children: (
          <div>
            <b>{e.actorName}</b> {t(`action.${e.action}` as ApprovalKey)} {e.stepName ? <Tag>{e.stepName}</Tag> : null}
            <div style={{ color: '#888', fontSize: 12 }}>{fmtInstant(e.at)}</div>
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
        <PrintLayout issuer={instance.orgName} title={`${instance.businessTypeName}${t('form')}`} docNo={`No. ${instance.id}`}>
          {body}
          <h3>{t('timeline')}</h3>
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
                {t('approve')}
              </Button>
            ) : null}
            {allowedActions.includes('return') ? (
              <Button
                onClick={() => {
                  form.resetFields();
                  setDialog('return');
                }}
              >
                {t('return')}
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
                {t('reject')}
              </Button>
            ) : null}
            {allowedActions.includes('resubmit') ? <Button onClick={() => run('resubmit')}>{t('resubmit')}</Button> : null}
            {allowedActions.includes('withdraw') ? <Button onClick={() => run('withdraw')}>{t('withdraw')}</Button> : null}
            {instance.link ? (
              <Link to={instance.link} data-testid="approval-record-link">
                <Button>{t('record')}</Button>
              </Link>
            ) : null}
            <Button onClick={() => setPrinting(true)}>{t('print')}</Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          responsive
          current={running.findIndex((s) => s.state === 'current')}
          items={running.map((s) => ({
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
        {notApplying.length ? (
          <div style={{ color: '#999', fontSize: 12, marginTop: 8 }} data-testid="approval-skipped-steps">
            {t('skipped', {
              steps: notApplying
                .map((s) => (s.condition ? t('skippedStep', { name: s.name, condition: s.condition }) : s.name))
                .join(t('listSep')),
            })}
          </div>
        ) : null}
      </Card>
      {body}
      <h3 style={{ marginTop: 24 }}>{t('timeline')}</h3>
      <div data-testid="approval-timeline">{history}</div>
      <Modal
        open={!!dialog}
        title={dialog ? t(`${dialog}`) : ''}
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
        <DecisionComment form={form} approve={dialog === 'approve'} testId="approval-comment">
          {dialog === 'approve' ? (
            <Upload
              fileList={files.map((f) => ({ uid: f.id, name: f.filename, status: 'done' as const }))}
              onRemove={(f) => setFiles((xs) => xs.filter((x) => x.id !== f.uid))}
              beforeUpload={(file) => {
                upload(filesApi.upload, { file, fields: { ownerType: 'approval', ownerId: String(instance.id) } })
                  .then((r) => setFiles((xs) => [...xs, r]))
                  .catch((e) => message.error(showFieldErrors(e)));
                return false;
              }}
            >
              <Button icon={<PaperClipOutlined />}>{t('attach')}</Button>
            </Upload>
          ) : null}
        </DecisionComment>
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
  const t = approvalMessages.useT();
  const tg = generalRequestMessages.useT();
  const { hasPermission } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <PageHeader title={tg('title')} />
      {hasPermission('general.request') ? (
        <Card size="small" style={{ maxWidth: 720, marginBottom: 24 }}>
          <Alert type="info" showIcon message={tg('hint')} style={{ marginBottom: 12 }} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ category: 'purchase' }}
            onFinish={async (v) => {
              setBusy(true);
              try {
                const r = await call(generalRequestsApi.create, { body: { ...v, amount: v.amount ?? null } });
                message.success(tg('submitted'));
                // A submission adds to my requests and to an approver's inbox: refresh every query.
                qc.invalidateQueries();
                nav(`/approvals/${r.instanceId}`);
              } catch (e) {
                message.error(showFieldErrors(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item name="title" label={tg('subject')} rules={[{ required: true, max: 100 }]}>
              <Input data-testid="general-form-title" />
            </Form.Item>
            <Form.Item name="category" label={tg('category')} rules={[{ required: true }]}>
              <Select options={GENERAL_CATEGORIES.map((c) => ({ value: c, label: tg(`cat.${c}`) }))} />
            </Form.Item>
            <Form.Item name="content" label={tg('content')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={4} data-testid="general-form-content" />
            </Form.Item>
            <Form.Item name="amount" label={tg('amount')}>
              <InputNumber min={0} max={100000000} precision={2} style={{ width: 200 }} data-testid="general-form-amount" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="general-form-submit">
              {tg('submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <h3>{tg('mine')}</h3>
      <ServerTable<General>
        route={generalRequestsApi.list}
        columns={[
          {
            title: tg('subject'),
            dataIndex: 'title',
            render: (v, r) => (r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{v}</Link> : v),
          },
          { title: tg('category'), dataIndex: 'category', render: (c) => tg(`cat.${c}` as GeneralKey) },
          { title: tg('amount'), dataIndex: 'amount', render: (a: string | null) => formatMoney(a) },
          { title: t('status'), dataIndex: 'status', render: (s) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}` as ApprovalKey)}</Tag> },
          { title: t('submitted'), dataIndex: 'createdAt', render: (v) => fmtInstant(v) },
        ]}
      />
    </div>
  );
}
