import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, message } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ROOM_STATUSES, type TRoom, USE_CLASSES } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { ApiError } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton } from '../../shared/ui/states';
import { RoomDrawer } from './RoomDrawer';
import {
  RoomStatusTag,
  RoomUseSelect,
  UnitSelect,
  enumOptions,
  fmtArea,
  officeMessages,
  tKey,
  useBuildings,
  useRoomUseLabel,
  useSites,
} from './common';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { registryMessages } from './registry.i18n';

const errText = (e: unknown) => showFieldErrors(e);

/** The registry's rooms tab: the room list with its filters, the room dialog and the room drawer. */
export function RoomsTab() {
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
