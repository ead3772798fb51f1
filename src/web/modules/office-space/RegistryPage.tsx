import { officeApi } from '../../../contracts/modules/office-space.api';
import { type RouteBody, pathOf } from '../../../contracts/route';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  message,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TPerson } from '../../../contracts/core/people';
import {
  OWNERSHIPS,
  ROOM_STATUSES,
  type TBuilding,
  type TLease,
  type TOccupancy,
  type TRoom,
  USE_CLASSES,
} from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError, api } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { ImportModal, ServerTable } from '../../shared/ui/ServerTable';
import { FormModal } from '../../shared/ui/FormModal';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { DraftUpload, FileList } from '../../shared/ui/Attachments';
import { RoomStatusTag, RoomUseSelect, UnitSelect, enumOptions, fmtArea, useBuildings, useRoomUseLabel, useSites } from './common';

defineMessages(
  {
    'osr.title': '办公用房登记',
    'osr.tabSites': '办公区与楼栋',
    'osr.tabRooms': '房间',
    'osr.tabOcc': '使用人',
    'osr.addSite': '新增办公区',
    'osr.addBuilding': '新增楼栋',
    'osr.addRoom': '登记房间',
    'osr.editRoom': '修改房间',
    'osr.addOcc': '分配房间',
    'osr.importBuildings': '导入楼栋',
    'osr.importRooms': '导入房间',
    'osr.importOcc': '导入使用人',
    'osr.floors': '平面图',
    'osr.saved': '已保存',
    'osr.search': '房间号 / 使用人',
    'osr.detail': '房间详情',
    'osr.history': '面积与用途变更记录',
    'osr.changeReason': '变更原因',
    'osr.effectiveFrom': '生效日期',
    'osr.person': '人员',
    'osr.personSearch': '输入姓名搜索',
    'osr.kind': '用房类型',
    'osr.start': '起用日期',
    'osr.end': '腾退日期',
    'osr.current': '当前使用',
    'osr.ended': '已腾退',
    'osr.endNow': '腾退',
    'osr.endTitle': '办理腾退',
    'osr.postEnded': '兼职已免',
    'osr.retire': '注销房间',
    'osr.retireConfirm': '注销后房间不再使用，历史记录保留。确定？',
    'osr.filing': '备案表',
    'osr.edit': '修改',
    'osr.rooms': '房间',
    'osr.tabLeases': '租用',
    'osr.addLease': '登记租用',
    'osr.landlord': '出租方',
    'osr.contractNo': '合同编号',
    'osr.rent': '年租金(元)',
    'osr.period': '租期',
    'osr.daysLeft': '剩余天数',
    'osr.renew': '续租',
    'osr.terminate': '终止',
    'osr.terminatedOn': '终止日期',
    'osr.lease.active': '执行中',
    'osr.lease.renewed': '已续租',
    'osr.lease.terminated': '已终止',
    'osr.contract': '租赁合同',
    'osr.contractFiles': '合同文件',
    'osr.uploadContract': '上传合同扫描件',
  },
  {
    'osr.title': 'Office-space registry',
    'osr.tabSites': 'Sites and buildings',
    'osr.tabRooms': 'Rooms',
    'osr.tabOcc': 'Occupancy',
    'osr.addSite': 'New site',
    'osr.addBuilding': 'New building',
    'osr.addRoom': 'Register a room',
    'osr.editRoom': 'Edit room',
    'osr.addOcc': 'Assign a room',
    'osr.importBuildings': 'Import buildings',
    'osr.importRooms': 'Import rooms',
    'osr.importOcc': 'Import occupancy',
    'osr.floors': 'Floor plans',
    'osr.saved': 'Saved',
    'osr.search': 'Room no. / occupant',
    'osr.detail': 'Room',
    'osr.history': 'History of area and use',
    'osr.changeReason': 'Reason for the change',
    'osr.effectiveFrom': 'Effective from',
    'osr.person': 'Person',
    'osr.personSearch': 'Type a name',
    'osr.kind': 'Kind',
    'osr.start': 'From',
    'osr.end': 'Until',
    'osr.current': 'Current',
    'osr.ended': 'Ended',
    'osr.endNow': 'Recover',
    'osr.endTitle': 'Recover the room',
    'osr.postEnded': 'Post ended',
    'osr.retire': 'Retire room',
    'osr.retireConfirm': 'The room will no longer be used; its history is kept. Continue?',
    'osr.filing': 'Filing report',
    'osr.edit': 'Edit',
    'osr.rooms': 'rooms',
    'osr.tabLeases': 'Leases in',
    'osr.addLease': 'Register a lease',
    'osr.landlord': 'Landlord',
    'osr.contractNo': 'Contract no.',
    'osr.rent': 'Rent per year (CNY)',
    'osr.period': 'Period',
    'osr.daysLeft': 'Days left',
    'osr.renew': 'Renew',
    'osr.terminate': 'Terminate',
    'osr.terminatedOn': 'Terminated on',
    'osr.lease.active': 'Active',
    'osr.lease.renewed': 'Renewed',
    'osr.lease.terminated': 'Terminated',
    'osr.contract': 'Contract',
    'osr.contractFiles': 'Contract files',
    'osr.uploadContract': 'Upload the signed contract',
  },
);

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** Sites → buildings → floors → rooms, and who uses each room. */
export function RegistryPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rooms';
  return (
    <div>
      <PageHeader title={t('osr.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'rooms', label: t('osr.tabRooms'), children: <RoomsTab /> },
          { key: 'occupancy', label: t('osr.tabOcc'), children: <OccupancyTab /> },
          { key: 'sites', label: t('osr.tabSites'), children: <SitesTab /> },
          { key: 'leases', label: t('osr.tabLeases'), children: <LeasesTab /> },
        ]}
      />
    </div>
  );
}

function SitesTab() {
  const t = useT();
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
            {t('osr.addSite')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            {t('osr.importBuildings')}
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
          { title: t('os.site'), dataIndex: 'name' },
          { title: t('os.manager'), dataIndex: 'orgName' },
          { title: t('os.address'), dataIndex: 'address' },
          { title: t('os.buildings'), dataIndex: 'buildings', align: 'right' },
          { title: t('os.rooms'), dataIndex: 'rooms', align: 'right' },
          { title: t('os.area'), dataIndex: 'area', align: 'right', render: fmtArea },
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
  const t = useT();
  const b = useBuildings(siteId);
  return (
    <div>
      {onAdd ? (
        <Button size="small" icon={<PlusOutlined />} onClick={onAdd} style={{ marginBottom: 8 }}>
          {t('osr.addBuilding')}
        </Button>
      ) : null}
      <Table<TBuilding>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={b.data ?? []}
        columns={[
          { title: t('os.building'), dataIndex: 'name' },
          { title: t('os.ownership'), dataIndex: 'ownership', render: (v: string) => t(`own.${v}`) },
          { title: t('os.yearBuilt'), dataIndex: 'yearBuilt' },
          { title: t('os.grossArea'), dataIndex: 'grossArea', align: 'right', render: fmtArea },
          { title: t('os.rooms'), dataIndex: 'rooms', align: 'right' },
          { title: t('os.area'), dataIndex: 'roomArea', align: 'right', render: fmtArea },
          { title: '', key: 'plan', render: (_, r) => <Link to={`/office/floors?buildingId=${r.id}`}>{t('osr.floors')}</Link> },
        ]}
      />
    </div>
  );
}

function SiteModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={props.open}
      title={t('osr.addSite')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      onSubmit={(v) => call(officeApi.createSite, { body: v as RouteBody<typeof officeApi.createSite> })}
    >
      <Form.Item name="name" label={t('os.site')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="orgId" label={t('os.manager')} rules={[{ required: true }]}>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="address" label={t('os.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

function BuildingModal(props: { siteId: number | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={props.siteId !== null}
      title={t('osr.addBuilding')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ ownership: 'owned', floorsAbove: 5, floorsBelow: 0, highRise: false }}
      form={form}
      onSubmit={(v) =>
        call(officeApi.createBuilding, { body: { ...v, siteId: props.siteId } as RouteBody<typeof officeApi.createBuilding> })
      }
    >
      <Form.Item name="name" label={t('os.building')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="grossArea" label={t('os.grossArea')} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={500000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="ownership" label={t('os.ownership')}>
          <Select style={{ width: 140 }} options={enumOptions(t, 'own', OWNERSHIPS)} />
        </Form.Item>
        <Form.Item name="yearBuilt" label={t('os.yearBuilt')}>
          <InputNumber min={1900} max={2100} />
        </Form.Item>
        <Form.Item name="floorsAbove" label={t('os.floorsAbove')}>
          <InputNumber min={1} max={120} />
        </Form.Item>
        <Form.Item name="floorsBelow" label={t('os.floorsBelow')}>
          <InputNumber min={0} max={10} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t('os.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

function RoomsTab() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [params] = useSearchParams();
  const roomUse = useRoomUseLabel();
  const [editing, setEditing] = useState<TRoom | 'new' | null>(null);
  const [detail, setDetail] = useState<number | null>(params.get('roomId') ? Number(params.get('roomId')) : null);
  const sites = useSites();
  const buildings = useBuildings();
  const qc = useQueryClient();
  const canWrite = hasPermission('office.write');
  return (
    <>
      <ServerTable<TRoom>
        route={officeApi.rooms}
        params={{ kind: 'rooms' }}
        testId="rooms-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        exportRoute={hasPermission('office.export') ? officeApi.exportRooms : undefined}
        importRoute={hasPermission('office.import') ? officeApi.importRows : undefined}
        templateRoute={officeApi.importTemplate}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="room-add">
              {t('osr.addRoom')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('os.unit')} />
            </Form.Item>
            <Form.Item name="siteId">
              <Select
                allowClear
                placeholder={t('os.site')}
                style={{ width: 140 }}
                options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="buildingId">
              <Select
                allowClear
                placeholder={t('os.building')}
                style={{ width: 150 }}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
              />
            </Form.Item>
            <Form.Item name="useClass">
              <Select allowClear placeholder={t('os.useClass')} style={{ width: 120 }} options={enumOptions(t, 'uc', USE_CLASSES)} />
            </Form.Item>
            <Form.Item name="status">
              <Select allowClear placeholder={t('os.status')} style={{ width: 110 }} options={enumOptions(t, 'rs', ROOM_STATUSES)} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('osr.search')} style={{ width: 160 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('os.building'), dataIndex: 'buildingName', sorter: true, render: (v, r) => `${r.siteName} ${v}` },
          { title: t('os.floor'), dataIndex: 'floorName' },
          {
            title: t('os.number'),
            dataIndex: 'number',
            sorter: true,
            render: (v, r) => <LinkButton onClick={() => setDetail(r.id)}>{v}</LinkButton>,
          },
          {
            title: t('os.useClass'),
            dataIndex: 'useClass',
            sorter: true,
            render: (v: string, r) => `${t(`uc.${v}`)} · ${roomUse(r.useType)}`,
          },
          { title: t('os.area'), dataIndex: 'area', sorter: true, align: 'right', render: fmtArea },
          { title: t('os.unit'), dataIndex: 'orgName', sorter: true },
          {
            title: t('os.status'),
            dataIndex: 'status',
            sorter: true,
            render: (v: string, r) => (
              <Space size={4}>
                <RoomStatusTag status={v} />
                {r.singleOccupant ? <Tag color="gold">{t('os.single')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('os.occupants'), dataIndex: 'occupantNames', render: (v) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TRoom) => <LinkButton onClick={() => setEditing(r)}>{t('osr.edit')}</LinkButton>,
                },
              ]
            : []),
        ]}
      />
      <RoomModal
        room={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          invalidate(qc, [officeApi.rooms, officeApi.room]);
        }}
      />
      <RoomDrawer roomId={detail} onClose={() => setDetail(null)} />
    </>
  );
}

function RoomModal(props: { room: TRoom | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const buildings = useBuildings();
  const floorsQ = useApiQuery(officeApi.floors, { query: { buildingId: buildingId ?? 0 } }, { enabled: !!buildingId });
  const floors = { ...floorsQ, data: floorsQ.data?.items };
  const isNew = props.room === 'new';
  const room = props.room && props.room !== 'new' ? props.room : null;
  const areaChanged = Form.useWatch('area', form) !== room?.area;
  return (
    <Modal
      open={props.room !== null}
      title={isNew ? t('osr.addRoom') : t('osr.editRoom')}
      onCancel={props.onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={620}
      afterOpenChange={(open) => {
        if (open) {
          form.resetFields();
          if (room) form.setFieldsValue(room);
          else form.setFieldsValue({ useClass: 'office', useType: 'office', status: 'in_use', singleOccupant: false });
        }
      }}
      onOk={() =>
        form.validateFields().then((v) => {
          setBusy(true);
          const { buildingId: _b, effectiveFrom, ...body } = v;
          const payload = { ...body, ...(effectiveFrom ? { effectiveFrom: effectiveFrom.format('YYYY-MM-DD') } : {}) };
          (isNew ? call(officeApi.createRoom, { body: payload }) : call(officeApi.updateRoom, { params: { id: room!.id }, body: payload }))
            .then(() => {
              message.success(t('osr.saved'));
              props.onSaved();
              props.onClose();
            })
            .catch((e) => message.error(errText(e)))
            .finally(() => setBusy(false));
        })
      }
    >
      <Form form={form} layout="vertical" data-testid="room-form">
        {isNew ? (
          <Space wrap>
            <Form.Item name="buildingId" label={t('os.building')} rules={[{ required: true }]}>
              <Select
                style={{ width: 220 }}
                onChange={(v) => setBuildingId(v)}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
                data-testid="room-form-building"
              />
            </Form.Item>
            <Form.Item name="floorId" label={t('os.floor')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={(floors.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                data-testid="room-form-floor"
              />
            </Form.Item>
          </Space>
        ) : null}
        <Space wrap>
          <Form.Item name="number" label={t('os.number')} rules={[{ required: true }]}>
            <Input maxLength={20} style={{ width: 120 }} data-testid="room-form-number" />
          </Form.Item>
          <Form.Item name="area" label={t('os.area')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={5000} precision={2} style={{ width: 140 }} data-testid="room-form-area" />
          </Form.Item>
          <Form.Item name="useClass" label={t('os.useClass')}>
            <Select style={{ width: 130 }} options={enumOptions(t, 'uc', USE_CLASSES)} />
          </Form.Item>
          <Form.Item name="useType" label={t('os.useType')}>
            <span style={{ display: 'inline-block', width: 130 }}>
              <RoomUseSelect />
            </span>
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="orgId" label={t('os.unit')} rules={[{ required: true }]}>
            <UnitSelect testId="room-form-org" />
          </Form.Item>
          <Form.Item name="status" label={t('os.status')}>
            <Select style={{ width: 120 }} options={enumOptions(t, 'rs', ROOM_STATUSES)} />
          </Form.Item>
          <Form.Item name="singleOccupant" valuePropName="checked" label=" ">
            <Checkbox>{t('os.single')}</Checkbox>
          </Form.Item>
        </Space>
        {!isNew && areaChanged ? (
          <Space wrap>
            <Form.Item name="changeReason" label={t('osr.changeReason')}>
              <Input maxLength={200} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={t('osr.effectiveFrom')}>
              <DatePicker />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item name="note" label={t('os.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoomDrawer({ roomId, onClose }: { roomId: number | null; onClose: () => void }) {
  const t = useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.room, { params: { id: roomId ?? 0 } }, { enabled: !!roomId });
  const r = q.data;
  return (
    <Drawer open={!!roomId} onClose={onClose} title={t('osr.detail')} size={520} destroyOnHidden>
      {r ? (
        <div data-testid="room-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('os.building')}>{`${r.siteName} ${r.buildingName} ${r.floorName}`}</Descriptions.Item>
            <Descriptions.Item label={t('os.number')}>{r.number}</Descriptions.Item>
            <Descriptions.Item label={t('os.useClass')}>{`${t(`uc.${r.useClass}`)} · ${label(r.useType)}`}</Descriptions.Item>
            <Descriptions.Item label={t('os.area')}>{fmtArea(r.area)}</Descriptions.Item>
            <Descriptions.Item label={t('os.unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('os.status')}>
              <RoomStatusTag status={r.status} />
            </Descriptions.Item>
            {r.note ? <Descriptions.Item label={t('os.note')}>{r.note}</Descriptions.Item> : null}
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('os.occupants')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.occupancies}
            columns={[
              { title: t('osr.person'), dataIndex: 'personName' },
              { title: t('osr.kind'), dataIndex: 'kind', render: (v: string) => t(`ok.${v}`) },
              { title: t('osr.start'), dataIndex: 'startDate' },
              { title: t('osr.end'), dataIndex: 'endDate', render: (v) => v ?? <Tag color="green">{t('osr.current')}</Tag> },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('osr.history')}</h4>
          <Timeline
            items={r.history.map((h) => ({
              children: (
                <div>
                  <b>{h.effectiveFrom}</b> {fmtArea(h.area)} ㎡ · {t(`uc.${h.useClass}`)} · {label(h.useType)} · {t(`rs.${h.status}`)}
                  {h.reason ? <div style={{ color: '#888' }}>{h.reason}</div> : null}
                </div>
              ),
            }))}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

function OccupancyTab() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TOccupancy | null>(null);
  const qc = useQueryClient();
  const canWrite = hasPermission('office.write');
  const refresh = () => invalidate(qc, [officeApi.occupancies]);
  return (
    <>
      <ServerTable<TOccupancy>
        route={officeApi.occupancies}
        params={{ kind: 'occupancy' }}
        testId="occupancy-table"
        extraQuery={{ orgId: activeOrg ?? undefined, current: 'true' }}
        importRoute={hasPermission('office.import') ? officeApi.importRows : undefined}
        templateRoute={officeApi.importTemplate}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('osr.addOcc')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('os.unit')} />
            </Form.Item>
            <Form.Item name="current">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'true', label: t('osr.current') },
                  { value: 'false', label: t('osr.ended') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('osr.person'), dataIndex: 'personName', sorter: true },
          { title: t('os.unit'), dataIndex: 'orgName', sorter: true },
          { title: t('os.building'), dataIndex: 'buildingName' },
          { title: t('os.number'), dataIndex: 'roomNumber', sorter: true },
          { title: t('osr.kind'), dataIndex: 'kind', render: (v: string) => t(`ok.${v}`) },
          { title: t('osr.start'), dataIndex: 'startDate', sorter: true },
          { title: t('osr.end'), dataIndex: 'endDate', render: (v) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TOccupancy) =>
                    r.endDate ? null : <LinkButton onClick={() => setEnding(r)}>{t('osr.endNow')}</LinkButton>,
                },
              ]
            : []),
        ]}
      />
      <OccupancyModal open={adding} onClose={() => setAdding(false)} onSaved={refresh} />
      <EndModal occ={ending} onClose={() => setEnding(null)} onSaved={refresh} />
    </>
  );
}

function PersonSearch(props: { value?: number; onChange?: (v: number) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['os-person-search', q],
    enabled: q.length > 0,
    queryFn: () => api.get<{ items: TPerson[] }>('/people', { q, pageSize: 20, status: 'active' }).then((r) => r.items),
  });
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('osr.personSearch')}
      notFoundContent={null}
      data-testid="occ-person"
      options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.postTitle ?? p.postLevel}）` }))}
    />
  );
}

function OccupancyModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const roomsQ = useApiQuery(officeApi.rooms, { query: { q: q || undefined, pageSize: 30, useClass: 'office' } }, { enabled: props.open });
  const rooms = { ...roomsQ, data: roomsQ.data?.items };
  return (
    <FormModal
      open={props.open}
      title={t('osr.addOcc')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ kind: 'primary', startDate: dayjs() }}
      form={form}
      onSubmit={(v) =>
        call(officeApi.createOccupancy, {
          body: { ...v, startDate: v.startDate.format('YYYY-MM-DD') } as RouteBody<typeof officeApi.createOccupancy>,
        })
      }
    >
      <Form.Item name="personId" label={t('osr.person')} rules={[{ required: true }]}>
        <PersonSearch />
      </Form.Item>
      <Form.Item name="roomId" label={t('os.room')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          options={(rooms.data ?? []).map((r) => ({
            value: r.id,
            label: `${r.buildingName} ${r.number} · ${fmtArea(r.area)} ㎡ · ${r.orgName ?? ''}${r.occupantNames ? ` · ${r.occupantNames}` : ''}`,
          }))}
        />
      </Form.Item>
      <Space>
        <Form.Item name="kind" label={t('osr.kind')}>
          <Select style={{ width: 140 }} options={enumOptions(t, 'ok', ['primary', 'concurrent'])} />
        </Form.Item>
        <Form.Item name="startDate" label={t('osr.start')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

function EndModal(props: { occ: TOccupancy | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={!!props.occ}
      title={t('osr.endTitle')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      initialValues={{ date: dayjs(), postOnly: false }}
      form={form}
      onSubmit={async (v) => {
        const body =
          props.occ?.kind === 'concurrent' && v.postOnly
            ? { postEndedOn: v.date.format('YYYY-MM-DD') }
            : { endDate: v.date.format('YYYY-MM-DD') };
        await call(officeApi.updateOccupancy, { params: { id: props.occ!.id }, body });
      }}
    >
      <p>
        {props.occ?.personName} · {props.occ?.buildingName} {props.occ?.roomNumber}
      </p>
      <Form.Item name="date" label={t('osr.end')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      {props.occ?.kind === 'concurrent' ? (
        <Form.Item name="postOnly" valuePropName="checked">
          <Checkbox>{t('osr.postEnded')}</Checkbox>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function LeasesTab() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [renewing, setRenewing] = useState<TLease | null>(null);
  const [ending, setEnding] = useState<TLease | null>(null);
  const [filesOf, setFilesOf] = useState<TLease | null>(null);
  const canWrite = hasPermission('office.write');
  const refresh = () => invalidate(qc, [officeApi.leases]);
  const date = (v: { format: (f: string) => string }) => v.format('YYYY-MM-DD');
  return (
    <>
      <ServerTable<TLease>
        route={officeApi.leases}
        testId="leases-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('osr.addLease')}
            </Button>
          ) : null
        }
        columns={[
          { title: t('os.unit'), dataIndex: 'orgName' },
          { title: t('os.address'), dataIndex: 'address' },
          { title: t('osr.landlord'), dataIndex: 'landlord' },
          { title: t('os.area'), dataIndex: 'area', align: 'right', render: fmtArea },
          { title: t('osr.rent'), dataIndex: 'rentPerYear', align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
          { title: t('osr.period'), key: 'period', render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
          {
            title: t('osr.daysLeft'),
            dataIndex: 'daysLeft',
            render: (v: number | null, r) =>
              v === null ? <Tag>{t(`osr.lease.${r.status}`)}</Tag> : <Tag color={v < 0 ? 'red' : v <= 60 ? 'orange' : 'green'}>{v}</Tag>,
          },
          {
            title: t('osr.contract'),
            key: 'contract',
            render: (_, r) => (
              <LinkButton onClick={() => setFilesOf(r)} data-testid={`lease-files-${r.id}`}>
                {t('osr.contractFiles')}
              </LinkButton>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TLease) =>
                    r.status === 'active' ? (
                      <Space>
                        <LinkButton onClick={() => setRenewing(r)}>{t('osr.renew')}</LinkButton>
                        <LinkButton onClick={() => setEnding(r)}>{t('osr.terminate')}</LinkButton>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={adding}
        title={t('osr.addLease')}
        onClose={() => setAdding(false)}
        onSaved={refresh}
        onSubmit={(v) =>
          call(officeApi.createLease, {
            body: { ...v, startDate: date(v.startDate), endDate: date(v.endDate), contractFileIds: v.contractFileIds ?? [] } as RouteBody<
              typeof officeApi.createLease
            >,
          })
        }
      >
        <Form.Item name="orgId" label={t('os.unit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="address" label={t('os.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="landlord" label={t('osr.landlord')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="area" label={t('os.area')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} />
          </Form.Item>
          <Form.Item name="rentPerYear" label={t('osr.rent')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Form.Item name="contractNo" label={t('osr.contractNo')}>
            <Input maxLength={50} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startDate" label={t('osr.start')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endDate" label={t('osr.end')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="contractFileIds" label={t('osr.contract')}>
          <DraftUpload ownerType="office_lease" label={t('osr.uploadContract')} testId="lease-contract-upload" />
        </Form.Item>
      </FormModal>
      <Modal
        open={!!filesOf}
        title={filesOf ? `${t('osr.contractFiles')} · ${filesOf.address}` : ''}
        onCancel={() => setFilesOf(null)}
        footer={null}
        destroyOnHidden
      >
        {filesOf ? (
          <div>
            <p style={{ color: '#888' }}>
              {filesOf.orgName} · {filesOf.landlord}
              {filesOf.contractNo ? ` · ${filesOf.contractNo}` : ''}
            </p>
            <FileList ownerType="office_lease" ownerId={filesOf.id} canUpload={canWrite} testId="lease-files" />
          </div>
        ) : null}
      </Modal>
      <FormModal
        open={!!renewing}
        title={t('osr.renew')}
        onClose={() => setRenewing(null)}
        onSaved={refresh}
        onSubmit={(v) =>
          call(officeApi.renewLease, {
            params: { id: renewing!.id },
            body: { ...v, endDate: date(v.endDate) } as RouteBody<typeof officeApi.renewLease>,
          })
        }
      >
        <Form.Item name="endDate" label={t('osr.end')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="rentPerYear" label={t('osr.rent')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!ending}
        title={t('osr.terminate')}
        onClose={() => setEnding(null)}
        onSaved={refresh}
        onSubmit={(v) => call(officeApi.terminateLease, { params: { id: ending!.id }, body: { ...v, terminatedOn: date(v.terminatedOn) } })}
      >
        <Form.Item name="terminatedOn" label={t('osr.terminatedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('os.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </FormModal>
    </>
  );
}
