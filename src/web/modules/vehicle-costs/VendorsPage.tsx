import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { VENDOR_KINDS } from '../../../contracts/modules/vehicle-costs';
import { useAuth } from '../../core/auth/auth';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { useApiMutation } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { type TVendor, costMessages } from './costs-i18n';
import { cnTodayDayjs } from '../../shared/dates';
import { vehicleMessages } from '../vehicles';

export const vendorMessages = defineMessages('vehicleCosts.vendors', {
  title: { zh: '定点单位', en: 'Designated vendors' },
  add: { zh: '新增定点单位', en: 'Add a vendor' },
  edit: { zh: '修改定点单位', en: 'Edit vendor' },
  editShort: { zh: '修改', en: 'Edit' },
  kind: { zh: '类别', en: 'Kind' },
  name: { zh: '名称', en: 'Name' },
  search: { zh: '名称', en: 'Name' },
  designated: { zh: '定点', en: 'Designated' },
  designatedHint: {
    zh: '经集中采购确定的定点单位；未定点的单位也可登记以便识别',
    en: 'Chosen by centralised procurement; an undesignated vendor may be listed to recognise it',
  },
  contractNo: { zh: '合同编号', en: 'Contract no.' },
  contract: { zh: '合同期限', en: 'Contract period' },
  contractStart: { zh: '合同开始', en: 'Contract starts' },
  contractEnd: { zh: '合同结束', en: 'Contract ends' },
  endAfter: { zh: '合同结束日期不能早于开始日期', en: 'The contract cannot end before it starts' },
  contractNeeded: { zh: '定点单位须填写合同起止日期', en: 'A designated vendor needs its contract period' },
  address: { zh: '地址', en: 'Address' },
  phone: { zh: '电话', en: 'Phone' },
  inContract: { zh: '合同期内', en: 'In contract' },
  outContract: { zh: '不在合同期', en: 'Out of contract' },
  notDesignated: { zh: '非定点', en: 'Not designated' },
  active: { zh: '启用', en: 'Active' },
  inactive: { zh: '停用', en: 'Inactive' },
  expiring: { zh: '{n} 天后到期', en: 'Ends in {n} days' },
});

const dateField = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** 定点单位: fuel and charging stations, repair shops and insurers with their contract periods; the bureau keeps the list. */
export function VendorsPage() {
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const tm = vendorMessages.useT();
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
      <PageHeader title={tm('title')} />
      <ServerTable<TVendor>
        route={vehicleCostsApi.listVendors}
        testId="vendor-table"
        toolbar={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vendor-add">
              {tm('add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={tm('kind')}
                style={{ width: 130 }}
                options={VENDOR_KINDS.map((k) => ({ value: k, label: t(`vendorKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tv('status')}
                style={{ width: 100 }}
                options={(['active', 'inactive'] as const).map((s) => ({ value: s, label: tm(s) }))}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={tm('search')} style={{ width: 160 }} data-testid="vendor-filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: tm('name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (v: string, r) => (
              <span data-testid={`vendor-${r.id}`} data-in-contract={String(r.inContract)}>
                {v}
              </span>
            ),
          },
          { title: tm('kind'), dataIndex: 'kind', render: (v: TVendor['kind']) => t(`vendorKind.${v}`) },
          {
            title: tm('designated'),
            key: 'state',
            render: (_, r) => {
              if (!r.designated) return <Tag>{tm('notDesignated')}</Tag>;
              if (!r.inContract) return <Tag color="volcano">{tm('outContract')}</Tag>;
              const left = r.contractEnd ? dayjs(r.contractEnd).diff(cnTodayDayjs(), 'day') : null;
              return (
                <Space size={4}>
                  <Tag color="green">{tm('inContract')}</Tag>
                  {left !== null && left <= 60 ? <Tag color="orange">{tm('expiring', { n: left })}</Tag> : null}
                </Space>
              );
            },
          },
          { title: tm('contractNo'), dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
          {
            title: tm('contract'),
            key: 'period',
            render: (_, r) => (r.contractStart || r.contractEnd ? `${r.contractStart ?? '…'} – ${r.contractEnd ?? '…'}` : '—'),
          },
          { title: tm('address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
          { title: tm('phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: tv('status'),
            dataIndex: 'status',
            render: (v: TVendor['status']) => <Tag color={v === 'active' ? 'blue' : 'default'}>{tm(v)}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TVendor) => (
                    <LinkButton onClick={() => setEditing(r)} data-testid={`vendor-edit-${r.id}`}>
                      {tm('editShort')}
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
        title={current ? tm('edit') : tm('add')}
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
            <Form.Item name="kind" label={tm('kind')} rules={[{ required: true }]}>
              <Select
                disabled={!!current}
                data-testid="vendor-kind"
                options={VENDOR_KINDS.map((k) => ({ value: k, label: t(`vendorKind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={tm('name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="vendor-name" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="designated" label={tm('designated')} valuePropName="checked" tooltip={tm('designatedHint')}>
              <Switch data-testid="vendor-designated" />
            </Form.Item>
          </Col>
          {current ? (
            <Col xs={12}>
              <Form.Item name="status" label={tv('status')}>
                <Select options={(['active', 'inactive'] as const).map((s) => ({ value: s, label: tm(s) }))} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={8}>
            <Form.Item name="contractNo" label={tm('contractNo')}>
              <Input maxLength={60} data-testid="vendor-contract-no" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="contractStart"
              label={tm('contractStart')}
              dependencies={['designated']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !getFieldValue('designated') || v ? Promise.resolve() : Promise.reject(new Error(tm('contractNeeded'))),
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
              label={tm('contractEnd')}
              dependencies={['contractStart', 'designated']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) => {
                    if (getFieldValue('designated') && !v) return Promise.reject(new Error(tm('contractNeeded')));
                    const s = getFieldValue('contractStart');
                    return !v || !s || v >= s ? Promise.resolve() : Promise.reject(new Error(tm('endAfter')));
                  },
                }),
              ]}
              {...dateField}
            >
              <DatePicker style={{ width: '100%' }} data-testid="vendor-end" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="address" label={tm('address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="phone" label={tm('phone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={tv('note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </div>
  );
}
