import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ASSET_STATUSES, type TAsset } from '../../../contracts/modules/assets';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { useActiveOrg } from '../../shared/activeOrg';
import { useRecordParam } from '../../shared/useRecordParam';
import { FormModal } from '../../shared/ui/FormModal';
import type { RouteBody } from '../../../contracts/route';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { AssetCardView, AssetStatusTag, CategorySelect, HandInModal, openLabels } from './common';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages } from './i18n';
import { assetsApi } from '../../../contracts/modules/assets.api';
import { invalidate, useApiMutation, useApiQuery } from '../../shared/typedApi';

const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };

/** 资产台账: the unit's (or the district's) register, searchable, with labels, hand-in and the card. */
export function RegisterPage() {
  const ta = assetsMessages.useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [handIn, setHandIn] = useState(false);
  const canWrite = hasPermission('assets.write');
  const card = useApiQuery(assetsApi.card, { params: { id: Number(detail) } }, { enabled: !!detail });
  const create = useApiMutation(assetsApi.create, { invalidates: ['assets'] });
  const refresh = () => {
    invalidate(qc, ['assets', 'asset-pool']);
    setSelected([]);
  };
  return (
    <div data-testid="assets-register">
      <PageHeader
        title={ta('title')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="asset-add">
              {ta('add')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TAsset>
        route={assetsApi.list}
        exportRoute={assetsApi.exportList}
        importRoute={canWrite ? assetsApi.importRows : undefined}
        templateRoute={assetsApi.importTemplate}
        extraQuery={{ orgId: activeOrg ?? undefined }}
        testId="assets-table"
        rowSelection={{ selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys as number[]) }}
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        toolbar={
          <>
            <Button
              icon={<PrinterOutlined />}
              data-testid="asset-labels"
              onClick={() => openLabels(selected.length ? { ids: selected.join(',') } : { orgId: activeOrg ?? undefined })}
            >
              {selected.length ? ta('labelsSelected', { n: selected.length }) : ta('labels')}
            </Button>
            {canWrite ? (
              <Button disabled={!selected.length} onClick={() => setHandIn(true)} data-testid="asset-hand-in-selected">
                {ta('handInSelected', { n: selected.length })}
              </Button>
            ) : null}
          </>
        }
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={ta('search')} style={{ width: 180 }} data-testid="asset-filter-q" />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={ta('status')}
                style={{ width: 120 }}
                options={ASSET_STATUSES.map((s) => ({ value: s, label: byCode(ta, 'st', s) }))}
                data-testid="asset-filter-status"
              />
            </Form.Item>
            <Form.Item name="category">
              <CategorySelect allowClear placeholder={ta('category')} />
            </Form.Item>
            {/* 使用单位: the chosen unit's own cards, not those of the units under it. */}
            <Form.Item name="usingOrgId">
              <UnitSelect allowClear placeholder={ta('org')} style={{ width: 200 }} testId="asset-filter-unit" />
            </Form.Item>
          </>
        }
        columns={[
          { title: ta('code'), dataIndex: 'code', key: 'code', sorter: true },
          { title: ta('name'), dataIndex: 'name', key: 'name', sorter: true },
          { title: ta('category'), dataIndex: 'categoryName', render: (v: string | null, r) => v ?? r.categoryCode },
          { title: ta('org'), dataIndex: 'orgName', responsive: ['md'] },
          {
            title: ta('originalValue'),
            dataIndex: 'originalValue',
            key: 'originalValue',
            sorter: true,
            align: 'right',
            render: (v: string | null) => formatMoney(v),
          },
          {
            title: ta('netValue'),
            dataIndex: 'netValue',
            align: 'right',
            render: (v: string | null) => formatMoney(v),
            responsive: ['lg'],
          },
          { title: ta('purchaseDate'), dataIndex: 'purchaseDate', key: 'purchaseDate', sorter: true, responsive: ['lg'] },
          { title: ta('custodian'), dataIndex: 'custodian', responsive: ['md'] },
          { title: ta('location'), dataIndex: 'location', responsive: ['lg'] },
          { title: ta('status'), dataIndex: 'status', key: 'status', sorter: true, render: (s: string) => <AssetStatusTag status={s} /> },
        ]}
      />
      <Drawer open={!!detail} onClose={() => open(null)} width={640} title={ta('detail')} destroyOnHidden>
        {card.isLoading ? (
          <Loading />
        ) : card.error ? (
          <ErrorState error={card.error} />
        ) : card.data ? (
          <AssetCardView card={card.data} onChanged={() => card.refetch()} />
        ) : null}
      </Drawer>
      <HandInModal open={handIn} assetIds={selected} onClose={() => setHandIn(false)} onSaved={refresh} />
      <FormModal<RouteBody<typeof assetsApi.create>>
        open={adding}
        title={ta('add')}
        width={720}
        onClose={() => setAdding(false)}
        initialValues={{ orgId: activeOrg ?? undefined, quantity: 1, unit: ta('defaultUnit'), fundingSource: 'budget' }}
        onSubmit={(v) => create.mutateAsync({ body: v })}
        onSaved={refresh}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label={ta('org')} rules={[{ required: true }]}>
              <UnitSelect testId="asset-form-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={ta('name')} rules={[{ required: true }]}>
              <Input data-testid="asset-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="categoryCode" label={ta('category')} rules={[{ required: true }]}>
              <CategorySelect testId="asset-form-category" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="originalValue" label={ta('originalValue')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} data-testid="asset-form-value" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="quantity" label={ta('quantity')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unit" label={ta('unit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="purchaseDate" label={ta('purchaseDate')} {...dateField}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="spec" label={ta('spec')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="custodian" label={ta('custodian')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="location" label={ta('location')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </div>
  );
}
