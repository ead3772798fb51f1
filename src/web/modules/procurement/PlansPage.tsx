import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { DatePicker } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { PROCUREMENT_METHODS, type ZPlanSchema, type ZSupplierSchema } from '../../../contracts/modules/procurement';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { useActiveOrg } from '../../shared/activeOrg';
import { api } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import './i18n';
import { formatMoney } from '../../shared/money';

type Plan = z.infer<typeof ZPlanSchema>;
type Supplier = z.infer<typeof ZSupplierSchema>;
const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };

defineMessages(
  {
    'pp.title': '政府采购计划',
    'pp.add': '新增计划',
    'pp.year': '年度',
    'pp.item': '采购品目',
    'pp.category': '资产分类代码',
    'pp.month': '计划月份',
    'pp.projects': '项目数',
    'pp.committed': '已立项预算（元）',
    'pp.contracted': '已签合同（元）',
    'pp.remaining': '计划余额（元）',
    'pp.over': '超计划',
    'ps.title': '供应商与定点',
    'ps.add': '登记供应商',
    'ps.name': '供应商',
    'ps.credit': '统一社会信用代码',
    'ps.designated': '定点',
    'ps.categories': '定点品目（分类代码前缀）',
    'ps.valid': '定点有效期',
    'ps.validFrom': '有效期起',
    'ps.validTo': '有效期止',
    'ps.contact': '联系人',
    'ps.status': '状态',
    'ps.s.active': '正常',
    'ps.s.suspended': '暂停',
    'ps.projects': '成交项目',
    'ps.contracted': '合同金额（元）',
  },
  {
    'pp.title': 'Procurement plans',
    'pp.add': 'Add a plan line',
    'pp.year': 'Year',
    'pp.item': 'Item',
    'pp.category': 'Category code',
    'pp.month': 'Month',
    'pp.projects': 'Projects',
    'pp.committed': 'Committed (yuan)',
    'pp.contracted': 'Contracted (yuan)',
    'pp.remaining': 'Remaining (yuan)',
    'pp.over': 'Over plan',
    'ps.title': 'Suppliers and designation',
    'ps.add': 'Register a supplier',
    'ps.name': 'Supplier',
    'ps.credit': 'Unified social credit code',
    'ps.designated': 'Designated',
    'ps.categories': 'Designated for (category prefixes)',
    'ps.valid': 'Designation valid',
    'ps.validFrom': 'Valid from',
    'ps.validTo': 'Valid to',
    'ps.contact': 'Contact',
    'ps.status': 'Status',
    'ps.s.active': 'Active',
    'ps.s.suspended': 'Suspended',
    'ps.projects': 'Awarded projects',
    'ps.contracted': 'Contracts (yuan)',
  },
);

/** 采购计划: each unit's plan lines for a year and how far each has been carried out. */
export function PlansPage() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  const year = new Date().getFullYear();
  return (
    <div data-testid="procurement-plans">
      <PageHeader
        title={t('pp.title')}
        extra={
          hasPermission('procurement.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('pp.add')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Plan>
        queryKey="pc-plans"
        path="/procurement/plans"
        exportPath="/procurement/plans/export"
        extraQuery={{ orgId: activeOrg ?? undefined, year }}
        rowClassName={(r) => (r.overPlan ? 'hq-row-warn' : '')}
        filters={
          <>
            <Form.Item name="year">
              <InputNumber placeholder={t('pp.year')} min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('pp.item')} style={{ width: 160 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('pp.year'), dataIndex: 'year' },
          { title: t('pc.org'), dataIndex: 'orgName' },
          { title: t('pp.item'), dataIndex: 'itemName' },
          { title: t('pc.method'), dataIndex: 'method', render: (m: string) => t(`pc.m.${m}`) },
          { title: t('pp.month'), dataIndex: 'plannedMonth', render: (m: number | null) => m ?? '—' },
          { title: t('pc.budget'), dataIndex: 'budget', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('pp.projects'), dataIndex: 'projects', align: 'right' },
          { title: t('pp.committed'), dataIndex: 'committed', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('pp.contracted'), dataIndex: 'contracted', align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('pp.remaining'),
            dataIndex: 'remaining',
            align: 'right',
            render: (v: string, r) => (r.overPlan ? <Tag color="red">{`${formatMoney(v)} ${t('pp.over')}`}</Tag> : formatMoney(v)),
          },
        ]}
      />
      <FormModal
        open={adding}
        title={t('pp.add')}
        onClose={() => setAdding(false)}
        initialValues={{ orgId: activeOrg ?? undefined, year, method: 'inquiry' }}
        onSubmit={(v) => api.post('/procurement/plans', v)}
        onSaved={() => qc.invalidateQueries({ queryKey: ['pc-plans'] })}
      >
        <Form.Item name="orgId" label={t('pc.org')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="year" label={t('pp.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="itemName" label={t('pp.item')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('pp.category')}>
          <Input placeholder="A050100" />
        </Form.Item>
        <Form.Item name="method" label={t('pc.method')} rules={[{ required: true }]}>
          <Select options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: t(`pc.m.${m}`) }))} />
        </Form.Item>
        <Form.Item name="budget" label={t('pc.budget')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="plannedMonth" label={t('pp.month')}>
          <InputNumber min={1} max={12} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** 供应商: the district's list, with the bureau's designations (定点) by class and period. */
export function SuppliersPage() {
  const t = useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [adding, setAdding] = useState(false);
  return (
    <div data-testid="procurement-suppliers">
      <PageHeader
        title={t('ps.title')}
        extra={
          hasPermission('procurement.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('ps.add')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Supplier>
        queryKey="pc-suppliers"
        path="/procurement/suppliers"
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('ps.name')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="designated">
              <Select
                allowClear
                placeholder={t('ps.designated')}
                style={{ width: 110 }}
                options={[{ value: 'true', label: t('ps.designated') }]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('ps.name'), dataIndex: 'name' },
          { title: t('ps.credit'), dataIndex: 'creditCode', responsive: ['lg'] },
          {
            title: t('ps.designated'),
            dataIndex: 'designated',
            render: (d: boolean) => (d ? <Tag color="blue">{t('ps.designated')}</Tag> : '—'),
          },
          { title: t('ps.categories'), dataIndex: 'categories', render: (c: string[]) => c.join('、') || '—' },
          {
            title: t('ps.valid'),
            key: 'valid',
            render: (_: unknown, r) => (r.validFrom || r.validTo ? `${r.validFrom ?? ''} ~ ${r.validTo ?? ''}` : '—'),
          },
          { title: t('ps.status'), dataIndex: 'status', render: (s: string) => t(`ps.s.${s}`) },
          { title: t('ps.projects'), dataIndex: 'projects', align: 'right' },
          { title: t('ps.contracted'), dataIndex: 'contracted', align: 'right', render: (v: string) => formatMoney(v) },
        ]}
      />
      <FormModal
        open={adding}
        title={t('ps.add')}
        onClose={() => setAdding(false)}
        initialValues={{ designated: true, categories: [] }}
        onSubmit={(v) => api.post('/procurement/suppliers', v)}
        onSaved={() => qc.invalidateQueries({ queryKey: ['pc-suppliers'] })}
      >
        <Form.Item name="name" label={t('ps.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="creditCode" label={t('ps.credit')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="designated" label={t('ps.designated')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="categories" label={t('ps.categories')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="A0501" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('ps.validFrom')} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validTo" label={t('ps.validTo')} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="contact" label={t('ps.contact')}>
          <Input />
        </Form.Item>
      </FormModal>
    </div>
  );
}
