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
import { defineMessages } from '../../shared/i18n';
import { ImportModal, ServerTable } from '../../shared/ui/ServerTable';
import { FormModal } from '../../shared/ui/FormModal';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { DraftUpload, FileList } from '../../shared/ui/Attachments';
import {
  RoomStatusTag,
  RoomUseSelect,
  UnitSelect,
  enumOptions,
  fmtArea,
  useBuildings,
  useRoomUseLabel,
  useSites,
  officeMessages,
  tKey,
} from './common';

export const registryMessages = defineMessages('office.registry', {
  title: { zh: '办公用房登记', en: 'Office-space registry' },
  tabSites: { zh: '办公区与楼栋', en: 'Sites and buildings' },
  tabRooms: { zh: '房间', en: 'Rooms' },
  tabOcc: { zh: '使用人', en: 'Occupancy' },
  addSite: { zh: '新增办公区', en: 'New site' },
  addBuilding: { zh: '新增楼栋', en: 'New building' },
  addRoom: { zh: '登记房间', en: 'Register a room' },
  editRoom: { zh: '修改房间', en: 'Edit room' },
  addOcc: { zh: '分配房间', en: 'Assign a room' },
  importBuildings: { zh: '导入楼栋', en: 'Import buildings' },
  importRooms: { zh: '导入房间', en: 'Import rooms' },
  importOcc: { zh: '导入使用人', en: 'Import occupancy' },
  floors: { zh: '平面图', en: 'Floor plans' },
  saved: { zh: '已保存', en: 'Saved' },
  search: { zh: '房间号 / 使用人', en: 'Room no. / occupant' },
  detail: { zh: '房间详情', en: 'Room' },
  history: { zh: '面积与用途变更记录', en: 'History of area and use' },
  changeReason: { zh: '变更原因', en: 'Reason for the change' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  person: { zh: '人员', en: 'Person' },
  personSearch: { zh: '输入姓名搜索', en: 'Type a name' },
  kind: { zh: '用房类型', en: 'Kind' },
  start: { zh: '起用日期', en: 'From' },
  end: { zh: '腾退日期', en: 'Until' },
  current: { zh: '当前使用', en: 'Current' },
  ended: { zh: '已腾退', en: 'Ended' },
  endNow: { zh: '腾退', en: 'Recover' },
  endTitle: { zh: '办理腾退', en: 'Recover the room' },
  postEnded: { zh: '兼职已免', en: 'Post ended' },
  retire: { zh: '注销房间', en: 'Retire room' },
  retireConfirm: { zh: '注销后房间不再使用，历史记录保留。确定？', en: 'The room will no longer be used; its history is kept. Continue?' },
  filing: { zh: '备案表', en: 'Filing report' },
  edit: { zh: '修改', en: 'Edit' },
  rooms: { zh: '房间', en: 'rooms' },
  tabLeases: { zh: '租用', en: 'Leases in' },
  addLease: { zh: '登记租用', en: 'Register a lease' },
  landlord: { zh: '出租方', en: 'Landlord' },
  contractNo: { zh: '合同编号', en: 'Contract no.' },
  rent: { zh: '年租金(元)', en: 'Rent per year (CNY)' },
  period: { zh: '租期', en: 'Period' },
  daysLeft: { zh: '剩余天数', en: 'Days left' },
  renew: { zh: '续租', en: 'Renew' },
  terminate: { zh: '终止', en: 'Terminate' },
  terminatedOn: { zh: '终止日期', en: 'Terminated on' },
  'lease.active': { zh: '执行中', en: 'Active' },
  'lease.renewed': { zh: '已续租', en: 'Renewed' },
  'lease.terminated': { zh: '已终止', en: 'Terminated' },
  contract: { zh: '租赁合同', en: 'Contract' },
  contractFiles: { zh: '合同文件', en: 'Contract files' },
  uploadContract: { zh: '上传合同扫描件', en: 'Upload the signed contract' },
});

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** Sites → buildings → floors → rooms, and who uses each room. */
export function RegistryPage() {
  const t = registryMessages.useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rooms';
  return (
    <div>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'rooms', label: t('tabRooms'), children: <RoomsTab /> },
          { key: 'occupancy', label: t('tabOcc'), children: <OccupancyTab /> },
          { key: 'sites', label: t('tabSites'), children: <SitesTab /> },
          { key: 'leases', label: t('tabLeases'), children: <LeasesTab /> },
        ]}
      />
    </div>
  );
}

function SitesTab() {
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

function RoomsTab() {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
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
              {t('addRoom')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="siteId">
              <Select
                allowClear
                placeholder={tc('site')}
                style={{ width: 140 }}
                options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="buildingId">
              <Select
                allowClear
                placeholder={tc('building')}
                style={{ width: 150 }}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
              />
            </Form.Item>
            <Form.Item name="useClass">
              <Select
                allowClear
                placeholder={tc('useClass')}
                style={{ width: 120 }}
                options={enumOptions((v) => tc(`useClass.${v}`), USE_CLASSES)}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tc('status')}
                style={{ width: 110 }}
                options={enumOptions((v) => tc(`roomStatus.${v}`), ROOM_STATUSES)}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 160 }} />
            </Form.Item>
          </>
        }
        columns={[
          { title: tc('building'), dataIndex: 'buildingName', sorter: true, render: (v, r) => `${r.siteName} ${v}` },
          { title: tc('floor'), dataIndex: 'floorName' },
          {
            title: tc('number'),
            dataIndex: 'number',
            sorter: true,
            render: (v, r) => <LinkButton onClick={() => setDetail(r.id)}>{v}</LinkButton>,
          },
          {
            title: tc('useClass'),
            dataIndex: 'useClass',
            sorter: true,
            render: (v: string, r) => `${tKey(tc, `useClass.${v}`)} · ${roomUse(r.useType)}`,
          },
          { title: tc('area'), dataIndex: 'area', sorter: true, align: 'right', render: fmtArea },
          { title: tc('unit'), dataIndex: 'orgName', sorter: true },
          {
            title: tc('status'),
            dataIndex: 'status',
            sorter: true,
            render: (v: string, r) => (
              <Space size={4}>
                <RoomStatusTag status={v} />
                {r.singleOccupant ? <Tag color="gold">{tc('single')}</Tag> : null}
              </Space>
            ),
          },
          { title: tc('occupants'), dataIndex: 'occupantNames', render: (v) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TRoom) => <LinkButton onClick={() => setEditing(r)}>{t('edit')}</LinkButton>,
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
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
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
      title={isNew ? t('addRoom') : t('editRoom')}
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
              message.success(t('saved'));
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
            <Form.Item name="buildingId" label={tc('building')} rules={[{ required: true }]}>
              <Select
                style={{ width: 220 }}
                onChange={(v) => setBuildingId(v)}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
                data-testid="room-form-building"
              />
            </Form.Item>
            <Form.Item name="floorId" label={tc('floor')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={(floors.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                data-testid="room-form-floor"
              />
            </Form.Item>
          </Space>
        ) : null}
        <Space wrap>
          <Form.Item name="number" label={tc('number')} rules={[{ required: true }]}>
            <Input maxLength={20} style={{ width: 120 }} data-testid="room-form-number" />
          </Form.Item>
          <Form.Item name="area" label={tc('area')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={5000} precision={2} style={{ width: 140 }} data-testid="room-form-area" />
          </Form.Item>
          <Form.Item name="useClass" label={tc('useClass')}>
            <Select style={{ width: 130 }} options={enumOptions((v) => tc(`useClass.${v}`), USE_CLASSES)} />
          </Form.Item>
          <Form.Item name="useType" label={tc('useType')}>
            <span style={{ display: 'inline-block', width: 130 }}>
              <RoomUseSelect />
            </span>
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
            <UnitSelect testId="room-form-org" />
          </Form.Item>
          <Form.Item name="status" label={tc('status')}>
            <Select style={{ width: 120 }} options={enumOptions((v) => tc(`roomStatus.${v}`), ROOM_STATUSES)} />
          </Form.Item>
          <Form.Item name="singleOccupant" valuePropName="checked" label=" ">
            <Checkbox>{tc('single')}</Checkbox>
          </Form.Item>
        </Space>
        {!isNew && areaChanged ? (
          <Space wrap>
            <Form.Item name="changeReason" label={t('changeReason')}>
              <Input maxLength={200} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={t('effectiveFrom')}>
              <DatePicker />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item name="note" label={tc('note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoomDrawer({ roomId, onClose }: { roomId: number | null; onClose: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.room, { params: { id: roomId ?? 0 } }, { enabled: !!roomId });
  const r = q.data;
  return (
    <Drawer open={!!roomId} onClose={onClose} title={t('detail')} size={520} destroyOnHidden>
      {r ? (
        <div data-testid="room-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tc('building')}>{`${r.siteName} ${r.buildingName} ${r.floorName}`}</Descriptions.Item>
            <Descriptions.Item label={tc('number')}>{r.number}</Descriptions.Item>
            <Descriptions.Item label={tc('useClass')}>{`${tc(`useClass.${r.useClass}`)} · ${label(r.useType)}`}</Descriptions.Item>
            <Descriptions.Item label={tc('area')}>{fmtArea(r.area)}</Descriptions.Item>
            <Descriptions.Item label={tc('unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <RoomStatusTag status={r.status} />
            </Descriptions.Item>
            {r.note ? <Descriptions.Item label={tc('note')}>{r.note}</Descriptions.Item> : null}
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{tc('occupants')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.occupancies}
            columns={[
              { title: t('person'), dataIndex: 'personName' },
              { title: t('kind'), dataIndex: 'kind', render: (v: string) => tKey(tc, `occupancyKind.${v}`) },
              { title: t('start'), dataIndex: 'startDate' },
              { title: t('end'), dataIndex: 'endDate', render: (v) => v ?? <Tag color="green">{t('current')}</Tag> },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('history')}</h4>
          <Timeline
            items={r.history.map((h) => ({
              children: (
                <div>
                  <b>{h.effectiveFrom}</b> {fmtArea(h.area)} ㎡ · {tKey(tc, `useClass.${h.useClass}`)} · {label(h.useType)} ·{' '}
                  {tKey(tc, `roomStatus.${h.status}`)}
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
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
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
              {t('addOcc')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="current">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'true', label: t('current') },
                  { value: 'false', label: t('ended') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('person'), dataIndex: 'personName', sorter: true },
          { title: tc('unit'), dataIndex: 'orgName', sorter: true },
          { title: tc('building'), dataIndex: 'buildingName' },
          { title: tc('number'), dataIndex: 'roomNumber', sorter: true },
          { title: t('kind'), dataIndex: 'kind', render: (v: string) => tKey(tc, `occupancyKind.${v}`) },
          { title: t('start'), dataIndex: 'startDate', sorter: true },
          { title: t('end'), dataIndex: 'endDate', render: (v) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TOccupancy) =>
                    r.endDate ? null : <LinkButton onClick={() => setEnding(r)}>{t('endNow')}</LinkButton>,
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
  const t = registryMessages.useT();
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
      placeholder={t('personSearch')}
      notFoundContent={null}
      data-testid="occ-person"
      options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.postTitle ?? p.postLevel}）` }))}
    />
  );
}

function OccupancyModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const roomsQ = useApiQuery(officeApi.rooms, { query: { q: q || undefined, pageSize: 30, useClass: 'office' } }, { enabled: props.open });
  const rooms = { ...roomsQ, data: roomsQ.data?.items };
  return (
    <FormModal
      open={props.open}
      title={t('addOcc')}
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
      <Form.Item name="personId" label={t('person')} rules={[{ required: true }]}>
        <PersonSearch />
      </Form.Item>
      <Form.Item name="roomId" label={tc('room')} rules={[{ required: true }]}>
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
        <Form.Item name="kind" label={t('kind')}>
          <Select style={{ width: 140 }} options={enumOptions((v) => tKey(tc, `occupancyKind.${v}`), ['primary', 'concurrent'])} />
        </Form.Item>
        <Form.Item name="startDate" label={t('start')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

function EndModal(props: { occ: TOccupancy | null; onClose: () => void; onSaved: () => void }) {
  const t = registryMessages.useT();
  const [form] = Form.useForm();
  return (
    <FormModal
      open={!!props.occ}
      title={t('endTitle')}
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
      <Form.Item name="date" label={t('end')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      {props.occ?.kind === 'concurrent' ? (
        <Form.Item name="postOnly" valuePropName="checked">
          <Checkbox>{t('postEnded')}</Checkbox>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function LeasesTab() {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
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
              {t('addLease')}
            </Button>
          ) : null
        }
        columns={[
          { title: tc('unit'), dataIndex: 'orgName' },
          { title: tc('address'), dataIndex: 'address' },
          { title: t('landlord'), dataIndex: 'landlord' },
          { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
          { title: t('rent'), dataIndex: 'rentPerYear', align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
          { title: t('period'), key: 'period', render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
          {
            title: t('daysLeft'),
            dataIndex: 'daysLeft',
            render: (v: number | null, r) =>
              v === null ? <Tag>{t(`lease.${r.status}`)}</Tag> : <Tag color={v < 0 ? 'red' : v <= 60 ? 'orange' : 'green'}>{v}</Tag>,
          },
          {
            title: t('contract'),
            key: 'contract',
            render: (_, r) => (
              <LinkButton onClick={() => setFilesOf(r)} data-testid={`lease-files-${r.id}`}>
                {t('contractFiles')}
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
                        <LinkButton onClick={() => setRenewing(r)}>{t('renew')}</LinkButton>
                        <LinkButton onClick={() => setEnding(r)}>{t('terminate')}</LinkButton>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={adding}
        title={t('addLease')}
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
        <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="address" label={tc('address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="landlord" label={t('landlord')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="area" label={tc('area')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} />
          </Form.Item>
          <Form.Item name="rentPerYear" label={t('rent')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Form.Item name="contractNo" label={t('contractNo')}>
            <Input maxLength={50} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startDate" label={t('start')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endDate" label={t('end')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="contractFileIds" label={t('contract')}>
          <DraftUpload ownerType="office_lease" label={t('uploadContract')} testId="lease-contract-upload" />
        </Form.Item>
      </FormModal>
      <Modal
        open={!!filesOf}
        title={filesOf ? `${t('contractFiles')} · ${filesOf.address}` : ''}
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
        title={t('renew')}
        onClose={() => setRenewing(null)}
        onSaved={refresh}
        onSubmit={(v) =>
          call(officeApi.renewLease, {
            params: { id: renewing!.id },
            body: { ...v, endDate: date(v.endDate) } as RouteBody<typeof officeApi.renewLease>,
          })
        }
      >
        <Form.Item name="endDate" label={t('end')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="rentPerYear" label={t('rent')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!ending}
        title={t('terminate')}
        onClose={() => setEnding(null)}
        onSaved={refresh}
        onSubmit={(v) => call(officeApi.terminateLease, { params: { id: ending!.id }, body: { ...v, terminatedOn: date(v.terminatedOn) } })}
      >
        <Form.Item name="terminatedOn" label={t('terminatedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={tc('note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </FormModal>
    </>
  );
}
