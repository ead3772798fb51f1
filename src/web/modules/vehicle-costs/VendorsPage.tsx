import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { VENDOR_KINDS } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { useApiMutation } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import type { TVendor } from './costs-i18n';
// The page's labels for vendor kinds (vk.*) and the shared vehicle words (vh.*) are registered
// by these modules' message dictionaries; a type-only import would not load them.
import './costs-i18n';
import '../vehicles';
import { cnTodayDayjs } from '../../shared/dates';

defineMessages(
  {
    'vv.title': '定点单位',
    'vv.add': '新增定点单位',
    'vv.edit': '修改定点单位',
    'vv.editShort': '修改',
    'vv.kind': '类别',
    'vv.name': '名称',
    'vv.search': '名称',
    'vv.designated': '定点',
    'vv.designatedHint': '经集中采购确定的定点单位；未定点的单位也可登记以便识别',
    'vv.contractNo': '合同编号',
    'vv.contract': '合同期限',
    'vv.contractStart': '合同开始',
    'vv.contractEnd': '合同结束',
    'vv.endAfter': '合同结束日期不能早于开始日期',
    'vv.contractNeeded': '定点单位须填写合同起止日期',
    'vv.address': '地址',
    'vv.phone': '电话',
    'vv.inContract': '合同期内',
    'vv.outContract': '不在合同期',
    'vv.notDesignated': '非定点',
    'vv.active': '启用',
    'vv.inactive': '停用',
    'vv.expiring': '{n} 天后到期',
  },
  {
    'vv.title': 'Designated vendors',
    'vv.add': 'Add a vendor',
    'vv.edit': 'Edit vendor',
    'vv.editShort': 'Edit',
    'vv.kind': 'Kind',
    'vv.name': 'Name',
    'vv.search': 'Name',
    'vv.designated': 'Designated',
    'vv.designatedHint': 'Chosen by centralised procurement; an undesignated vendor may be listed to recognise it',
    'vv.contractNo': 'Contract no.',
    'vv.contract': 'Contract period',
    'vv.contractStart': 'Contract starts',
    'vv.contractEnd': 'Contract ends',
    'vv.endAfter': 'The contract cannot end before it starts',
    'vv.contractNeeded': 'A designated vendor needs its contract period',
    'vv.address': 'Address',
    'vv.phone': 'Phone',
    'vv.inContract': 'In contract',
    'vv.outContract': 'Out of contract',
    'vv.notDesignated': 'Not designated',
    'vv.active': 'Active',
    'vv.inactive': 'Inactive',
    'vv.expiring': 'Ends in {n} days',
  },
);

const dateField = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** 定点单位: fuel and charging stations, repair shops and insurers with their contract periods; the bureau keeps the list. */
export function VendorsPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  // The list and the cost forms' vendor pickers share the list route's key.
  const create = useApiMutation(vehicleCostsApi.createVendor, { invalidates: [vehicleCostsApi.listVendors] });
  const update = useApiMutation(vehicleCostsApi.updateVendor, { invalidates: [vehicleCostsApi.listVendors] });
  const [editing, setEditing] = useState<TVendor | 'new' | null>(null);
  const [form] = Form.useForm();
  const canManage = hasPermission('vehicles.manage');
  const current = editing && editing !== 'new' ? editing : null;
  return (
    <div data-testid="vendors-page">
      <PageHeader title={t('vv.title')} />
      <ServerTable<TVendor>
        route={vehicleCostsApi.listVendors}
        testId="vendor-table"
        toolbar={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vendor-add">
              {t('vv.add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={t('vv.kind')}
                style={{ width: 130 }}
                options={VENDOR_KINDS.map((k) => ({ value: k, label: t(`vk.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('vh.status')}
                style={{ width: 100 }}
                options={['active', 'inactive'].map((s) => ({ value: s, label: t(`vv.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('vv.search')} style={{ width: 160 }} data-testid="vendor-filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('vv.name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (v: string, r) => (
              <span data-testid={`vendor-${r.id}`} data-in-contract={String(r.inContract)}>
                {v}
              </span>
            ),
          },
          { title: t('vv.kind'), dataIndex: 'kind', render: (v: string) => t(`vk.${v}`) },
          {
            title: t('vv.designated'),
            key: 'state',
            render: (_, r) => {
              if (!r.designated) return <Tag>{t('vv.notDesignated')}</Tag>;
              if (!r.inContract) return <Tag color="volcano">{t('vv.outContract')}</Tag>;
              const left = r.contractEnd ? dayjs(r.contractEnd).diff(cnTodayDayjs(), 'day') : null;
              return (
                <Space size={4}>
                  <Tag color="green">{t('vv.inContract')}</Tag>
                  {left !== null && left <= 60 ? <Tag color="orange">{t('vv.expiring', { n: left })}</Tag> : null}
                </Space>
              );
            },
          },
          { title: t('vv.contractNo'), dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
          {
            title: t('vv.contract'),
            key: 'period',
            render: (_, r) => (r.contractStart || r.contractEnd ? `${r.contractStart ?? '…'} – ${r.contractEnd ?? '…'}` : '—'),
          },
          { title: t('vv.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
          { title: t('vv.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: t('vh.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={v === 'active' ? 'blue' : 'default'}>{t(`vv.${v}`)}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TVendor) => (
                    <LinkButton onClick={() => setEditing(r)} data-testid={`vendor-edit-${r.id}`}>
                      {t('vv.editShort')}
                    </LinkButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={!!editing}
        form={form}
        width={640}
        title={current ? t('vv.edit') : t('vv.add')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { kind: 'fuel', designated: true }}
        onSubmit={(v) => {
          const body = {
            name: v.name,
            designated: v.designated,
            contractNo: v.contractNo || null,
            contractStart: v.contractStart || null,
            contractEnd: v.contractEnd || null,
            address: v.address || null,
            phone: v.phone || null,
            note: v.note || null,
          };
          return current
            ? update.mutateAsync({ params: { id: current.id }, body: { ...body, status: v.status } })
            : create.mutateAsync({ body: { ...body, kind: v.kind } });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('vv.kind')} rules={[{ required: true }]}>
              <Select
                disabled={!!current}
                data-testid="vendor-kind"
                options={VENDOR_KINDS.map((k) => ({ value: k, label: t(`vk.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('vv.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="vendor-name" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="designated" label={t('vv.designated')} valuePropName="checked" tooltip={t('vv.designatedHint')}>
              <Switch data-testid="vendor-designated" />
            </Form.Item>
          </Col>
          {current ? (
            <Col xs={12}>
              <Form.Item name="status" label={t('vh.status')}>
                <Select options={['active', 'inactive'].map((s) => ({ value: s, label: t(`vv.${s}`) }))} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={8}>
            <Form.Item name="contractNo" label={t('vv.contractNo')}>
              <Input maxLength={60} data-testid="vendor-contract-no" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="contractStart"
              label={t('vv.contractStart')}
              dependencies={['designated']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !getFieldValue('designated') || v ? Promise.resolve() : Promise.reject(new Error(t('vv.contractNeeded'))),
                }),
              ]}
              {...dateField}
            >
              <DatePicker style={{ width: '100%' }} data-testid="vendor-start" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="contractEnd"
              label={t('vv.contractEnd')}
              dependencies={['contractStart', 'designated']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) => {
                    if (getFieldValue('designated') && !v) return Promise.reject(new Error(t('vv.contractNeeded')));
                    const s = getFieldValue('contractStart');
                    return !v || !s || v >= s ? Promise.resolve() : Promise.reject(new Error(t('vv.endAfter')));
                  },
                }),
              ]}
              {...dateField}
            >
              <DatePicker style={{ width: '100%' }} data-testid="vendor-end" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="address" label={t('vv.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="phone" label={t('vv.phone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('vh.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </div>
  );
}
