import { PlusOutlined } from '@ant-design/icons';
import { formatMoney, formatWan } from '../../shared/money';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Statistic, Tag, Tooltip, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PROCUREMENT_METHODS, type TProject } from '../../../contracts/modules/procurement';
import { procurementApi } from '../../../contracts/modules/procurement.api';
import type { RouteBody } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { ApiError } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { useQueryClient } from '@tanstack/react-query';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import { procurementMessages } from './i18n';

const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };
const DATES = [
  'intentionPublishedOn',
  'noticePublishedOn',
  'awardDate',
  'resultPublishedOn',
  'contractDate',
  'contractPublishedOn',
] as const;

/**
 * New project, or the dates and amounts of one under way (award, result, contract and their
 * publication). A purchase of a class the pool holds in usable condition comes back as 409 with
 * the pool's items; a reason lets it through.
 */
function ProjectModal(props: { project: TProject | 'new' | null; onClose: () => void }) {
  const t = procurementMessages.useT();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [poolHit, setPoolHit] = useState<{ message: string; items: { code: string; name: string }[] } | null>(null);
  const { me } = useAuth();
  const p = props.project && props.project !== 'new' ? props.project : null;
  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = { ...v };
    for (const k of DATES) body[k] = v[k] ? (v[k] as Dayjs).format('YYYY-MM-DD') : p ? null : undefined;
    for (const k of ['budget', 'contractAmount']) if (v[k] != null) body[k] = String(v[k]);
    setBusy(true);
    try {
      if (p) {
        delete body.orgId;
        await call(procurementApi.updateProject, { params: { id: p.id }, body });
      } else await call(procurementApi.createProject, { body: body as RouteBody<typeof procurementApi.createProject> });
      message.success(t('saved'));
      // A project changes the list, the savings figures and the breaches: refresh the whole module.
      await invalidate(qc, ['procurement']);
      setPoolHit(null);
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'POOL_ITEMS_AVAILABLE')
        setPoolHit({ message: e.message, items: ((e.details as { items?: { code: string; name: string }[] })?.items ?? []).slice(0, 5) });
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const initial = p
    ? { ...p, ...Object.fromEntries(DATES.map((k) => [k, p[k] ? dayjs(p[k]) : undefined])) }
    : { method: 'inquiry', orgId: me?.orgId };
  return (
    <Modal
      open={!!props.project}
      title={p ? `${p.code} ${p.name}` : t('new')}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
      width={720}
      okButtonProps={{ 'data-testid': 'pc-project-ok' } as never}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={12}>
          {!p ? (
            <Col xs={24} md={12}>
              <Form.Item name="orgId" label={t('org')} rules={[{ required: true }]}>
                <UnitSelect testId="pc-project-org" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
              <Input data-testid="pc-project-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="method" label={t('method')} rules={[{ required: true }]}>
              <Select options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: t(`m.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="budget" label={t('budget')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} data-testid="pc-project-budget" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="categoryCode" label={t('category')}>
              <Input placeholder="A050103" data-testid="pc-project-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="contractAmount" label={t('contract')}>
              <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="supplierName" label={t('supplier')}>
              <Input />
            </Form.Item>
          </Col>
          {DATES.map((k) => (
            <Col xs={12} md={8} key={k}>
              <Form.Item name={k} label={t(`d.${k}`)}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {poolHit ? (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="pc-pool-hit"
              message={poolHit.message}
              description={poolHit.items.map((i) => `${i.code} ${i.name}`).join('；')}
              style={{ marginBottom: 12 }}
            />
            <Form.Item name="poolOverrideReason" label={t('poolReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="pc-pool-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 政府采购项目: the list with its disclosure compliance, and the savings of the last whole year above it. */
export function ProjectsPage() {
  const t = procurementMessages.useT();
  const wan = (yuan: string) => t('tenThousand', { n: formatWan(yuan) });
  const { hasPermission } = useAuth();
  const [editing, setEditing] = useState<TProject | 'new' | null>(null);
  const year = new Date().getFullYear() - 1;
  const savings = useApiQuery(procurementApi.savings, { query: { from: `${year}-01-01`, to: `${year}-12-31` } });
  const s = savings.data;
  return (
    <div data-testid="procurement-page">
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('procurement.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="pc-project-new">
              {t('new')}
            </Button>
          ) : null
        }
      />
      <ProjectModal project={editing} onClose={() => setEditing(null)} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(
          [
            ['sumProjects', s ? String(s.projects) : '—'],
            ['sumBudget', s ? wan(s.budget) : '—'],
            ['sumContract', s ? wan(s.contractAmount) : '—'],
            ['sumSaved', s ? wan(s.saved) : '—'],
            ['rate', s?.savingsRate != null ? `${(s.savingsRate * 100).toFixed(2)} %` : '—'],
          ] as const
        ).map(([k, v]) => (
          <Col xs={12} md={8} lg={4} key={k}>
            <Card size="small" data-testid={`pc-stat-pc.${k}`}>
              <Statistic title={`${year} · ${t(k)}`} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      <ServerTable<TProject>
        route={procurementApi.projects}
        exportRoute={procurementApi.exportProjects}
        testId="procurement-table"
        onRow={(r) => ({ onClick: () => hasPermission('procurement.write') && setEditing(r), style: { cursor: 'pointer' } })}
        filters={
          <>
            <Form.Item name="method">
              <Select
                allowClear
                placeholder={t('method')}
                style={{ width: 150 }}
                options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: t(`m.${m}`) }))}
              />
            </Form.Item>
            <Form.Item name="from" {...dateField}>
              <DatePicker placeholder={t('from')} />
            </Form.Item>
            <Form.Item name="to" {...dateField}>
              <DatePicker placeholder={t('to')} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 180 }} data-testid="pc-filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('code'), dataIndex: 'code', sorter: true, key: 'code' },
          { title: t('name'), dataIndex: 'name', sorter: true, key: 'name' },
          { title: t('org'), dataIndex: 'orgName' },
          { title: t('method'), dataIndex: 'method', render: (m: TProject['method']) => t(`m.${m}`) },
          { title: t('budget'), dataIndex: 'budget', sorter: true, key: 'budget', align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('contract'),
            dataIndex: 'contractAmount',
            sorter: true,
            key: 'contractAmount',
            align: 'right',
            render: (v: string | null) => formatMoney(v),
          },
          {
            title: t('rate'),
            dataIndex: 'savingsRate',
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(2)} %`),
          },
          { title: t('award'), dataIndex: 'awardDate', sorter: true, key: 'awardDate', render: (v: string | null) => v ?? '—' },
          {
            title: t('breaches'),
            key: 'breaches',
            render: (_: unknown, r: TProject) =>
              r.breaches.length === 0 ? (
                <Tag color="green">{t('ok')}</Tag>
              ) : (
                r.breaches.map((b) => (
                  <Tooltip key={b.code} title={b.message}>
                    <Tag color="red" data-testid={`pc-breach-${r.code}`}>
                      {b.message}
                    </Tag>
                  </Tooltip>
                ))
              ),
          },
        ]}
      />
    </div>
  );
}
