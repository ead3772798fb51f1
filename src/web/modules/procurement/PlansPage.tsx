import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { DatePicker } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { PROCUREMENT_METHODS, type ZPlanSchema, type ZSupplierSchema } from '../../../contracts/modules/procurement';
import { procurementApi } from '../../../contracts/modules/procurement.api';
import type { RouteBody } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { useActiveOrg } from '../../shared/activeOrg';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import { procurementMessages } from './i18n';
import { formatMoney } from '../../shared/money';

type Plan = z.infer<typeof ZPlanSchema>;
type Supplier = z.infer<typeof ZSupplierSchema>;
const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };

const planMessages = defineMessages('procurement.plans', {
  title: { zh: '政府采购计划', en: 'Procurement plans' },
  add: { zh: '新增计划', en: 'Add a plan line' },
  year: { zh: '年度', en: 'Year' },
  item: { zh: '采购品目', en: 'Item' },
  category: { zh: '资产分类代码', en: 'Category code' },
  month: { zh: '计划月份', en: 'Month' },
  projects: { zh: '项目数', en: 'Projects' },
  committed: { zh: '已立项预算（元）', en: 'Committed (yuan)' },
  contracted: { zh: '已签合同（元）', en: 'Contracted (yuan)' },
  remaining: { zh: '计划余额（元）', en: 'Remaining (yuan)' },
  over: { zh: '超计划', en: 'Over plan' },
});

const supplierMessages = defineMessages('procurement.suppliers', {
  title: { zh: '供应商与定点', en: 'Suppliers and designation' },
  add: { zh: '登记供应商', en: 'Register a supplier' },
  name: { zh: '供应商', en: 'Supplier' },
  credit: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  designated: { zh: '定点', en: 'Designated' },
  categories: { zh: '定点品目（分类代码前缀）', en: 'Designated for (category prefixes)' },
  valid: { zh: '定点有效期', en: 'Designation valid' },
  validFrom: { zh: '有效期起', en: 'Valid from' },
  validTo: { zh: '有效期止', en: 'Valid to' },
  contact: { zh: '联系人', en: 'Contact' },
  status: { zh: '状态', en: 'Status' },
  's.active': { zh: '正常', en: 'Active' },
  's.suspended': { zh: '暂停', en: 'Suspended' },
  projects: { zh: '成交项目', en: 'Awarded projects' },
  contracted: { zh: '合同金额（元）', en: 'Contracts (yuan)' },
});

/** 采购计划: each unit's plan lines for a year and how far each has been carried out. */
export function PlansPage() {
  const t = planMessages.useT();
  const tc = procurementMessages.useT();
  const create = useApiMutation(procurementApi.createPlan, { invalidates: [procurementApi.plans] });
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  const year = new Date().getFullYear();
  return (
    <div data-testid="procurement-plans">
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('procurement.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('add')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Plan>
        route={procurementApi.plans}
        exportRoute={procurementApi.exportPlans}
        extraQuery={{ orgId: activeOrg ?? undefined, year }}
        rowClassName={(r) => (r.overPlan ? 'hq-row-warn' : '')}
        filters={
          <>
            <Form.Item name="year">
              <InputNumber placeholder={t('year')} min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('item')} style={{ width: 160 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('year'), dataIndex: 'year' },
          { title: tc('org'), dataIndex: 'orgName' },
          { title: t('item'), dataIndex: 'itemName' },
          { title: tc('method'), dataIndex: 'method', render: (m: Plan['method']) => tc(`m.${m}`) },
          { title: t('month'), dataIndex: 'plannedMonth', render: (m: number | null) => m ?? '—' },
          { title: tc('budget'), dataIndex: 'budget', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('projects'), dataIndex: 'projects', align: 'right' },
          { title: t('committed'), dataIndex: 'committed', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('contracted'), dataIndex: 'contracted', align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('remaining'),
            dataIndex: 'remaining',
            align: 'right',
            render: (v: string, r) => (r.overPlan ? <Tag color="red">{`${formatMoney(v)} ${t('over')}`}</Tag> : formatMoney(v)),
          },
        ]}
      />
      <FormModal<RouteBody<typeof procurementApi.createPlan>>
        open={adding}
        title={t('add')}
        onClose={() => setAdding(false)}
        initialValues={{ orgId: activeOrg ?? undefined, year, method: 'inquiry' }}
        onSubmit={(v) => create.mutateAsync({ body: v })}
      >
        <Form.Item name="orgId" label={tc('org')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="itemName" label={t('item')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('category')}>
          <Input placeholder="A050100" />
        </Form.Item>
        <Form.Item name="method" label={tc('method')} rules={[{ required: true }]}>
          <Select options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: tc(`m.${m}`) }))} />
        </Form.Item>
        <Form.Item name="budget" label={tc('budget')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="plannedMonth" label={t('month')}>
          <InputNumber min={1} max={12} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** 供应商: the district's list, with the bureau's designations (定点) by class and period. */
export function SuppliersPage() {
  const ts = supplierMessages.useT();
  const create = useApiMutation(procurementApi.createSupplier, { invalidates: [procurementApi.suppliers] });
  const { hasPermission } = useAuth();
  const [adding, setAdding] = useState(false);
  return (
    <div data-testid="procurement-suppliers">
      <PageHeader
        title={ts('title')}
        extra={
          hasPermission('procurement.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {ts('add')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Supplier>
        route={procurementApi.suppliers}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={ts('name')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="designated">
              <Select
                allowClear
                placeholder={ts('designated')}
                style={{ width: 110 }}
                options={[{ value: 'true', label: ts('designated') }]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: ts('name'), dataIndex: 'name' },
          { title: ts('credit'), dataIndex: 'creditCode', responsive: ['lg'] },
          {
            title: ts('designated'),
            dataIndex: 'designated',
            render: (d: boolean) => (d ? <Tag color="blue">{ts('designated')}</Tag> : '—'),
          },
          { title: ts('categories'), dataIndex: 'categories', render: (c: string[]) => c.join('、') || '—' },
          {
            title: ts('valid'),
            key: 'valid',
            render: (_: unknown, r) => (r.validFrom || r.validTo ? `${r.validFrom ?? ''} ~ ${r.validTo ?? ''}` : '—'),
          },
          { title: ts('status'), dataIndex: 'status', render: (s: string) => ts(`s.${s as 'active' | 'suspended'}`) },
          { title: ts('projects'), dataIndex: 'projects', align: 'right' },
          { title: ts('contracted'), dataIndex: 'contracted', align: 'right', render: (v: string) => formatMoney(v) },
        ]}
      />
      <FormModal<RouteBody<typeof procurementApi.createSupplier>>
        open={adding}
        title={ts('add')}
        onClose={() => setAdding(false)}
        initialValues={{ designated: true, categories: [] }}
        onSubmit={(v) => create.mutateAsync({ body: v })}
      >
        <Form.Item name="name" label={ts('name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="creditCode" label={ts('credit')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="designated" label={ts('designated')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="categories" label={ts('categories')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="A0501" />
        </Form.Item>
        <Form.Item name="validFrom" label={ts('validFrom')} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validTo" label={ts('validTo')} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="contact" label={ts('contact')}>
          <Input />
        </Form.Item>
      </FormModal>
    </div>
  );
}
