import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TMeetingPlan, TSettlementLine } from '../../../contracts/modules/meeting-plans';
import { meetingPlansApi } from '../../../contracts/modules/meeting-plans.api';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect, useOwnUnitDefault } from '../../core/org/UnitSelect';
import { fmtDay } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ServerTable, onCard } from '../../shared/ui/ServerTable';
import { PageHeader, QueryError } from '../../shared/ui/states';
import { PlanChecks, PlanStatus, classKey } from './common';
import { planMessages } from './i18n';

const CLASSES = [1, 2, 3, 4] as const;

/** A value that follows `v` once it has stayed the same for `ms` (the live checks ask the server at most that often). */
function useSettled<T>(v: T, ms = 300): T {
  const [s, setS] = useState(v);
  const key = JSON.stringify(v);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the value's JSON
  useEffect(() => {
    const id = setTimeout(() => setS(v), ms);
    return () => clearTimeout(id);
  }, [key, ms]);
  return s;
}

type FormValues = {
  orgId?: number;
  title?: string;
  meetingClass?: number;
  days?: number;
  attendees?: number;
  staff?: number;
  budget?: string;
  venue?: string;
  startDate?: string;
  budgetLodging?: string;
  budgetMeals?: string;
  budgetOther?: string;
};

/** The plan form: the server's checks shown live as the numbers are typed, then saved with the plan. */
function NewPlan({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (p: TMeetingPlan) => void }) {
  const t = planMessages.useT();
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch([], form) as FormValues | undefined;
  useOwnUnitDefault(values?.orgId, (id) => form.setFieldValue('orgId', id));
  const facts = useSettled({
    orgId: values?.orgId,
    meetingClass: values?.meetingClass,
    days: values?.days,
    attendees: values?.attendees,
    staff: values?.staff ?? 0,
    budget: values?.budget,
  });
  const complete =
    open &&
    !!facts.orgId &&
    !!facts.meetingClass &&
    !!facts.days &&
    !!facts.attendees &&
    facts.staff !== null &&
    !!facts.budget &&
    /^\d+(\.\d{1,2})?$/.test(String(facts.budget));
  const preview = useApiQuery(
    meetingPlansApi.previewPlan,
    { body: facts as Required<typeof facts> & { orgId: number; meetingClass: number; days: number; attendees: number; budget: string } },
    { enabled: complete, placeholderData: (p) => p, retry: false },
  );
  const create = useApiMutation(meetingPlansApi.createPlan, { invalidates: ['meeting-plans'] });
  const save = async () => {
    const v = await form.validateFields();
    try {
      const p = await create.mutateAsync({
        body: {
          ...(v as Required<FormValues>),
          staff: v.staff ?? 0,
          title: v.title || null,
          venue: v.venue || null,
          startDate: v.startDate || null,
          budgetLodging: v.budgetLodging || null,
          budgetMeals: v.budgetMeals || null,
          budgetOther: v.budgetOther || null,
        },
      });
      message.success(t('saved'));
      form.resetFields();
      onSaved(p);
    } catch (e) {
      message.error(showFieldErrors(e, form));
    }
  };
  const money = [{ pattern: /^\d+(\.\d{1,2})?$/, message: t('budget') }];
  return (
    <Modal
      open={open}
      title={t('newPlan')}
      onCancel={onClose}
      onOk={save}
      okText={t('save')}
      confirmLoading={create.isPending}
      width={760}
      okButtonProps={{ 'data-testid': 'plan-save' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ meetingClass: 3, days: 1, staff: 0 }} data-testid="plan-form">
        <Space wrap align="start">
          <Form.Item name="orgId" label={t('org')} rules={[{ required: true }]}>
            <UnitSelect style={{ width: 260 }} testId="plan-org" />
          </Form.Item>
          <Form.Item name="title" label={t('planTitle')}>
            <Input maxLength={100} style={{ width: 300 }} data-testid="plan-title" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="meetingClass" label={t('meetingClass')} rules={[{ required: true }]}>
            <Select style={{ width: 130 }} data-testid="plan-class" options={CLASSES.map((c) => ({ value: c, label: t(classKey(c)) }))} />
          </Form.Item>
          <Form.Item name="days" label={t('days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} precision={0} data-testid="plan-days" />
          </Form.Item>
          <Form.Item name="attendees" label={t('attendees')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} data-testid="plan-attendees" />
          </Form.Item>
          <Form.Item name="staff" label={t('staff')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} precision={0} data-testid="plan-staff" />
          </Form.Item>
          <Form.Item name="budget" label={t('budget')} rules={[{ required: true }, ...money]}>
            <Input style={{ width: 150 }} inputMode="decimal" data-testid="plan-budget" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="venue" label={t('venue')}>
            <Input maxLength={100} style={{ width: 300 }} data-testid="plan-venue" />
          </Form.Item>
          <Form.Item name="startDate" label={t('startDate')}>
            <Input type="date" style={{ width: 170 }} data-testid="plan-start" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="budgetLodging" label={t('budgetLodging')} rules={money}>
            <Input style={{ width: 150 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="budgetMeals" label={t('budgetMeals')} rules={money}>
            <Input style={{ width: 150 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="budgetOther" label={t('budgetOther')} rules={money}>
            <Input style={{ width: 150 }} inputMode="decimal" />
          </Form.Item>
        </Space>
      </Form>
      <Card size="small" title={t('checks')} data-testid="plan-live">
        <div style={{ color: '#888', marginBottom: 8 }}>{t('liveChecks')}</div>
        <QueryError inline queries={complete ? [preview] : []} />
        {complete && preview.data ? (
          <>
            <div style={{ marginBottom: 8 }}>
              {t('cap')}: <b data-testid="plan-live-cap">{formatMoney(preview.data.cap)}</b>
            </div>
            <PlanChecks checks={preview.data.checks} testId="plan-live-checks" />
          </>
        ) : null}
      </Card>
    </Modal>
  );
}

function SettlementTable({ lines }: { lines: TSettlementLine[] }) {
  const t = planMessages.useT();
  return (
    <Table
      rowKey="line"
      size="small"
      pagination={false}
      dataSource={lines}
      data-testid="plan-settlement"
      rowClassName={(l) => (l.over ? 'mp-over' : '')}
      columns={[
        { title: t('line'), dataIndex: 'line', render: (v: TSettlementLine['line']) => t(`line.${v}`) },
        { title: t('actual'), dataIndex: 'actual', align: 'right', render: (v: string) => formatMoney(v) },
        { title: t('lineCap'), dataIndex: 'cap', align: 'right', render: (v: string) => formatMoney(v) },
        {
          title: t('excess'),
          dataIndex: 'excess',
          align: 'right',
          render: (v: string, l) =>
            l.over ? (
              <Tag color="red" data-testid={`over-${l.line}`}>
                {t('overCap')} {formatMoney(v)}
              </Tag>
            ) : (
              <span style={{ color: '#888' }}>{t('withinCap')}</span>
            ),
        },
      ]}
    />
  );
}

function SettleForm({ plan }: { plan: TMeetingPlan }) {
  const t = planMessages.useT();
  const [form] = Form.useForm();
  const settle = useApiMutation(meetingPlansApi.settlePlan, { invalidates: ['meeting-plans'] });
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await settle.mutateAsync({ params: { id: plan.id }, body: v });
    } catch (e) {
      message.error(showFieldErrors(e, form));
    }
  };
  const money = [{ required: true }, { pattern: /^\d+(\.\d{1,2})?$/, message: t('budget') }];
  return (
    <Card size="small" title={t('settleTitle')} data-testid="plan-settle-form">
      <Alert type="info" showIcon message={t('settleHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ attendees: plan.attendees, staff: plan.staff, days: plan.days }}>
        <Space wrap align="start">
          <Form.Item name="attendees" label={t('actualAttendees')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="staff" label={t('actualStaff')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="days" label={t('actualDays')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="lodging" label={t('lodging')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="settle-lodging" />
          </Form.Item>
          <Form.Item name="meals" label={t('meals')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="settle-meals" />
          </Form.Item>
          <Form.Item name="other" label={t('other')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="settle-other" />
          </Form.Item>
        </Space>
        <Button type="primary" onClick={submit} loading={settle.isPending} data-testid="plan-settle">
          {t('settle')}
        </Button>
      </Form>
    </Card>
  );
}

/** One plan: its facts, the checks saved with it, the approval, the settlement (or its form). */
function PlanDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = planMessages.useT();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('meeting_plans.write');
  const q = useApiQuery(meetingPlansApi.plan, { params: { id: id ?? 0 } }, { enabled: !!id });
  const submit = useApiMutation(meetingPlansApi.submitPlan, { invalidates: ['meeting-plans'] });
  const p = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={760} title={p?.title ?? t('detail')} data-testid="plan-drawer" destroyOnHidden>
      <QueryError inline queries={[q]} />
      {p ? (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <PlanStatus status={p.status} />
            {p.instanceId ? <Link to={`/approvals/${p.instanceId}`}>{t('approval')}</Link> : null}
            <Link to={`/meeting-plans/${p.id}/print`}>
              <Button icon={<PrinterOutlined />} size="small" data-testid="plan-print">
                {t('print')}
              </Button>
            </Link>
            {canWrite && ['draft', 'withdrawn', 'rejected'].includes(p.status) ? (
              <Button
                type="primary"
                size="small"
                loading={submit.isPending}
                data-testid="plan-submit"
                onClick={async () => {
                  try {
                    await submit.mutateAsync({ params: { id: p.id } });
                    message.success(t('submitted'));
                  } catch (e) {
                    message.error(showFieldErrors(e));
                  }
                }}
              >
                {t('submit')}
              </Button>
            ) : null}
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('org')}>{p.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('meetingClass')}>{t(classKey(p.meetingClass))}</Descriptions.Item>
            <Descriptions.Item label={t('dates')}>
              {p.startDate ? `${fmtDay(p.startDate)} – ${fmtDay(p.endDate)} · ` : ''}
              {t('daysN', { n: p.days })}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendees')}>{t('people', { a: p.attendees, s: p.staff })}</Descriptions.Item>
            <Descriptions.Item label={t('venueShort')}>{p.venue ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('budget')}>{formatMoney(p.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('cap')}>{formatMoney(p.cap)}</Descriptions.Item>
          </Descriptions>
          <Card
            size="small"
            title={
              <>
                {t('checks')} <span style={{ color: '#888', fontSize: 12, fontWeight: 400 }}>{t('ruleVersion', { v: p.ruleVersion })}</span>
              </>
            }
          >
            <PlanChecks checks={p.checks} testId="plan-drawer-checks" />
          </Card>
          {p.settlement ? (
            <Card
              size="small"
              title={t('settlement')}
              extra={
                p.settlement.passed ? <Tag color="green">{t('settlementPassed')}</Tag> : <Tag color="red">{t('settlementFailed')}</Tag>
              }
            >
              <SettlementTable lines={p.settlement.lines} />
            </Card>
          ) : canWrite && p.status === 'approved' ? (
            <SettleForm plan={p} />
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

/** 会议计划: a unit's plans with their fee checks, approval and settlement. */
export function PlansPage() {
  const t = planMessages.useT();
  const { hasPermission } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const open = Number(params.get('id')) || null;
  const show = (id: number | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (id) n.set('id', String(id));
        else n.delete('id');
        return n;
      },
      { replace: true },
    );
  return (
    <div data-testid="meeting-plans-page">
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('meeting_plans.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              {t('newPlan')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TMeetingPlan>
        route={meetingPlansApi.plans}
        exportRoute={meetingPlansApi.exportPlans}
        testId="plans-table"
        urlFilters={['status']}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 150 }}
                options={(['draft', 'pending', 'approved', 'settled', 'returned', 'rejected', 'withdrawn'] as const).map((s) => ({
                  value: s,
                  label: t(`s.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="meetingClass">
              <Select
                allowClear
                placeholder={t('meetingClass')}
                style={{ width: 120 }}
                options={CLASSES.map((c) => ({ value: c, label: t(classKey(c)) }))}
              />
            </Form.Item>
            <Form.Item name="failed">
              <Select
                allowClear
                placeholder={t('checksCol')}
                style={{ width: 160 }}
                options={[{ value: 'true', label: t('onlyFailed') }]}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('planTitle'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/meeting-plans?id=${r.id}`} data-testid={`plan-row-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: t('org'), dataIndex: 'orgName' },
          { title: t('meetingClass'), dataIndex: 'meetingClass', sorter: true, render: (c: number) => t(classKey(c)) },
          { title: t('startDate'), dataIndex: 'startDate', sorter: true, render: (v: string | null) => fmtDay(v) },
          { title: t('attendees'), key: 'people', render: (_: unknown, r) => t('people', { a: r.attendees, s: r.staff }) },
          { title: t('budget'), dataIndex: 'budget', align: 'right', sorter: true, render: (v: string) => formatMoney(v) },
          { title: t('cap'), dataIndex: 'cap', align: 'right', render: (v: string) => formatMoney(v) },
          onCard('field', {
            title: t('checksCol'),
            key: 'checks',
            render: (_: unknown, r: TMeetingPlan) =>
              r.checksPassed ? (
                <Tag color="green">{t('checksPassed')}</Tag>
              ) : (
                <Tag color="red">{t('checksFailed', { n: r.checks.filter((c) => !c.passed).length })}</Tag>
              ),
          }),
          { title: t('status'), dataIndex: 'status', render: (s: TMeetingPlan['status']) => <PlanStatus status={s} /> },
        ]}
      />
      <NewPlan
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          show(p.id);
        }}
      />
      <PlanDrawer id={open} onClose={() => show(null)} />
    </div>
  );
}
