import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { OWNERSHIPS, type TBuilding } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { type RouteBody, pathOf } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { call, invalidate } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ImportModal } from '../../shared/ui/ServerTable';
import { UnitSelect, enumOptions, fmtArea, officeMessages, tKey, useBuildings, useSites } from './common';
import { registryMessages } from './registry.i18n';

/** The registry's sites tab: sites, their buildings (expanded), and the dialogs that add them. */
export function SitesTab() {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const sites = useSites();
  const qc = useQueryClient();
  const [siteOpen, setSiteOpen] = useState(false);
  const [buildingSite, setBuildingSite] = useState<number | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const manage = hasPermission('office.manage');
  const refresh = () => {
    invalidate(qc, [officeApi.sites, officeApi.buildings]);
  };
  return (
    <div>
      {manage ? (
        <Space style={{ marginBottom: 12 }} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setSiteOpen(true)}>
            {t('addSite')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            {t('importBuildings')}
          </Button>
        </Space>
      ) : null}
      <Table
        rowKey="id"
        loading={sites.isLoading}
        dataSource={sites.data ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (s) => <BuildingsOf siteId={s.id} onAdd={manage ? () => setBuildingSite(s.id) : undefined} /> }}
        columns={[
          { title: tc('site'), dataIndex: 'name' },
          { title: tc('manager'), dataIndex: 'orgName' },
          { title: tc('address'), dataIndex: 'address' },
          { title: tc('buildings'), dataIndex: 'buildings', align: 'right' },
          { title: tc('rooms'), dataIndex: 'rooms', align: 'right' },
          { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
        ]}
      />
      <SiteModal open={siteOpen} onClose={() => setSiteOpen(false)} onSaved={refresh} />
      <BuildingModal siteId={buildingSite} onClose={() => setBuildingSite(null)} onSaved={refresh} />
      <ImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        path={pathOf(officeApi.importRows, { kind: 'buildings' })}
        templatePath={pathOf(officeApi.importTemplate, { kind: 'buildings' })}
        onImported={refresh}
      />
    </div>
  );
}

function BuildingsOf({ siteId, onAdd }: { siteId: number; onAdd?: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const b = useBuildings(siteId);
  return (
    <div>
      {onAdd ? (
        <Button size="small" icon={<PlusOutlined />} onClick={onAdd} style={{ marginBottom: 8 }}>
          {t('addBuilding')}
        </Button>
      ) : null}
      <Table<TBuilding>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={b.data ?? []}
        columns={[
          { title: tc('building'), dataIndex: 'name' },
          { title: tc('ownership'), dataIndex: 'ownership', render: (v: string) => tKey(tc, `ownership.${v}`) },
          { title: tc('yearBuilt'), dataIndex: 'yearBuilt' },
          { title: tc('grossArea'), dataIndex: 'grossArea', align: 'right', render: fmtArea },
          { title: tc('rooms'), dataIndex: 'rooms', align: 'right' },
          { title: tc('area'), dataIndex: 'roomArea', align: 'right', render: fmtArea },
          { title: '', key: 'plan', render: (_, r) => <Link to={`/office/floors?buildingId=${r.id}`}>{t('floors')}</Link> },
        ]}
      />
    </div>
  );
}

function SiteModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={props.open}
      title={t('addSite')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      onSubmit={(v) => call(officeApi.createSite, { body: v as RouteBody<typeof officeApi.createSite> })}
    >
      <Form.Item name="name" label={tc('site')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="orgId" label={tc('manager')} rules={[{ required: true }]}>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="address" label={tc('address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

function BuildingModal(props: { siteId: number | null; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={props.siteId !== null}
      title={t('addBuilding')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ ownership: 'owned', floorsAbove: 5, floorsBelow: 0, highRise: false }}
      form={form}
      onSubmit={(v) =>
        call(officeApi.createBuilding, { body: { ...v, siteId: props.siteId } as RouteBody<typeof officeApi.createBuilding> })
      }
    >
      <Form.Item name="name" label={tc('building')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="grossArea" label={tc('grossArea')} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={500000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="ownership" label={tc('ownership')}>
          <Select style={{ width: 140 }} options={enumOptions((v) => tc(`ownership.${v}`), OWNERSHIPS)} />
        </Form.Item>
        <Form.Item name="yearBuilt" label={tc('yearBuilt')}>
          <InputNumber min={1900} max={2100} />
        </Form.Item>
        <Form.Item name="floorsAbove" label={tc('floorsAbove')}>
          <InputNumber min={1} max={120} />
        </Form.Item>
        <Form.Item name="floorsBelow" label={tc('floorsBelow')}>
          <InputNumber min={0} max={10} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={tc('address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
