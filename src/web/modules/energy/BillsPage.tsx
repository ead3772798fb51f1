import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Space, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMeter } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { call, invalidate } from '../../shared/typedApi';
import { RemoteSelect } from '../../shared/ui/RemoteSelect';
import { defineMessages } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import {
  EnergyTypeTag,
  EnergyUnitSelect,
  type TBill,
  YearSelect,
  errText,
  fmtNum,
  unitLabel,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';
import { formatMoney } from '../../shared/money';
import { cnTodayDayjs } from '../../shared/dates';

export const billMessages = defineMessages('energy.bills', {
  title: { zh: '能源账单', en: 'Energy bills' },
  add: { zh: '录入账单', en: 'Enter a bill' },
  edit: { zh: '修改账单', en: 'Edit bill' },
  meter: { zh: '表计 / 户头', en: 'Meter / account' },
  month: { zh: '账期', en: 'Month' },
  quantity: { zh: '账单用量', en: 'Billed quantity' },
  amount: { zh: '金额(元)', en: 'Amount (CNY)' },
  invoice: { zh: '发票号', en: 'Invoice no.' },
  price: { zh: '单价(元)', en: 'Unit price (CNY)' },
  hint: {
    zh: '按表计和月份录入供能单位的账单；账单户头（如购买的燃油、液化气）的用量即以账单为准。',
    en: 'Enter the supplier’s bill per meter and month; for a bill account (fuel, LPG bought) the bill is the consumption.',
  },
  delete: { zh: '删除', en: 'Delete' },
  deleteConfirm: { zh: '删除 {name} {month} 的账单？', en: 'Delete the bill of {name} for {month}?' },
  deleted: { zh: '已删除', en: 'Deleted' },
  pickMeter: { zh: '选择表计或账单户头', en: 'Choose a meter or bill account' },
});

/** 能源账单: suppliers' bills per meter and month, with the entry dialog, filters and Excel export. */
export function BillsPage() {
  const t = billMessages.useT();
  const tc = commonMessages.useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [editing, setEditing] = useState<TBill | 'new' | null>(null);
  const refresh = () => invalidate(qc, [energyApi.listBills]);
  const remove = (b: TBill) =>
    call(energyApi.deleteBill, { params: { id: b.id } })
      .then(() => {
        message.success(t('deleted'));
        refresh();
      })
      .catch((e) => message.error(errText(e)));
  return (
    <div className="eg-page" data-testid="bills-page">
      <PageHeader title={t('title')} extra={<span style={{ color: '#888', fontSize: 12 }}>{t('hint')}</span>} />
      <ServerTable<TBill>
        route={energyApi.listBills}
        exportRoute={energyApi.exportBills}
        testId="bill-table"
        extraQuery={{ orgId: defaultUnit }}
        onRow={(b) => ({ 'data-testid': `bill-row-${b.id}`, 'data-amount': b.amount }) as never}
        toolbar={
          rights.write ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="bill-add">
              {t('add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <EnergyUnitSelect allowClear placeholder={tc('unit')} testId="bill-filter-unit" />
            </Form.Item>
            <Form.Item name="year">
              <YearSelect allowClear testId="bill-filter-year" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('month'), dataIndex: 'month', sorter: true },
          { title: tc('unit'), dataIndex: 'orgName' },
          { title: t('meter'), dataIndex: 'meterName' },
          { title: tc('energyType'), dataIndex: 'energyType', render: (v: TBill['energyType']) => <EnergyTypeTag type={v} /> },
          {
            title: t('quantity'),
            dataIndex: 'quantity',
            sorter: true,
            align: 'right',
            render: (v: number, b) => `${fmtNum(v)} ${unitLabel(tc, b.unit)}`,
          },
          { title: t('amount'), dataIndex: 'amount', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('price'),
            key: 'price',
            align: 'right',
            // Unit price: a ratio (yuan per unit), so a number, from the exact amount.
            render: (_, b) => (b.quantity ? fmtNum(Number(b.amount) / b.quantity, 4) : '—'),
          },
          { title: t('invoice'), dataIndex: 'invoiceNo', render: (v: string | null) => v ?? '—' },
          { title: tc('note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ...(rights.write
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, b: TBill) => (
                    <Space size={8}>
                      <LinkButton icon={<EditOutlined />} onClick={() => setEditing(b)} data-testid={`bill-edit-${b.id}`}>
                        {t('edit')}
                      </LinkButton>
                      <Popconfirm title={t('deleteConfirm', { name: b.meterName, month: b.month })} onConfirm={() => remove(b)}>
                        <LinkButton danger icon={<DeleteOutlined />}>
                          {t('delete')}
                        </LinkButton>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <BillModal
          key={editing === 'new' ? 'new' : editing.id}
          bill={editing}
          orgId={defaultUnit ?? rights.me?.orgId}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
    </div>
  );
}

function BillModal(props: { bill: TBill | 'new'; orgId?: number; onClose: () => void; onSaved: () => void }) {
  const t = billMessages.useT();
  const tc = commonMessages.useT();
  const [form] = Form.useForm();
  const isNew = props.bill === 'new';
  const b = props.bill === 'new' ? null : props.bill;
  const [orgId, setOrgId] = useState(props.orgId);
  // The picked meter's row (its unit labels the quantity).
  const [meter, setMeter] = useState<TMeter | undefined>();
  return (
    <FormModal
      open
      title={isNew ? t('add') : `${t('edit')} · ${b?.meterName} ${b?.month}`}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      initialValues={b ? { ...b } : { month: cnTodayDayjs().subtract(1, 'month') }}
      onSubmit={(x) => {
        const common = { quantity: x.quantity, amount: x.amount, invoiceNo: x.invoiceNo?.trim() || null, note: x.note?.trim() || null };
        return isNew
          ? call(energyApi.createBill, { body: { meterId: x.meterId, month: (x.month as Dayjs).format('YYYY-MM'), ...common } })
          : call(energyApi.updateBill, { params: { id: b!.id }, body: common });
      }}
    >
      <div data-testid="bill-form">
        {isNew ? (
          <>
            <Form.Item label={tc('unit')}>
              <EnergyUnitSelect value={orgId} onChange={setOrgId} testId="bill-form-org" style={{ width: '100%' }} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={16}>
                <Form.Item name="meterId" label={t('meter')} rules={[{ required: true }]}>
                  <RemoteSelect
                    key={orgId}
                    route={energyApi.listMeters}
                    query={{ orgId, status: 'active' }}
                    disabled={!orgId}
                    placeholder={t('pickMeter')}
                    testId="bill-form-meter"
                    option={(m) => ({ value: m.id, label: `${m.name}${m.code ? ` · ${m.code}` : ''} · ${tc(`type.${m.energyType}`)}` })}
                    onChange={(_, row) => setMeter(row)}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="month" label={t('month')} rules={[{ required: true }]}>
                  <DatePicker picker="month" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="quantity"
              label={`${t('quantity')}${meter || b ? ` (${unitLabel(tc, meter?.unit ?? b?.unit)})` : ''}`}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={1e10} style={{ width: '100%' }} data-testid="bill-form-quantity" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="amount" label={t('amount')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000000} precision={2} style={{ width: '100%' }} data-testid="bill-form-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="invoiceNo" label={t('invoice')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="note" label={tc('note')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
