import { DesktopOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import {
  MEETING_BOOKABLE_BY,
  MEETING_EQUIPMENT,
  MEETING_LAYOUTS,
  MEETING_ROOM_KINDS,
  type ZDisplayTokenCreatedSchema,
  type ZDisplayTokenSchema,
} from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { UnitSelect } from '../../core/org/UnitSelect';
import { fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ServerTable, onCard } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { QrCode, type TRoom, absoluteUrl, useFloorLabel, useLabels, useWeekdayName } from './common';
import { meetingMessages } from './meetings.i18n';

type TToken = z.infer<typeof ZDisplayTokenSchema>;
type TTokenCreated = z.infer<typeof ZDisplayTokenCreatedSchema>;

const roomsMessages = defineMessages('meetings.rooms', {
  title: { zh: '会议室管理', en: 'Meeting rooms' },
  add: { zh: '新增会议室', en: 'Add a room' },
  edit: { zh: '编辑会议室', en: 'Edit room' },
  name: { zh: '名称', en: 'Name' },
  manager: { zh: '管理单位', en: 'Managed by' },
  kind: { zh: '类型', en: 'Type' },
  officeRoom: { zh: '关联办公用房登记（可选）', en: 'Office registry room (optional)' },
  officeRoomHint: { zh: '关联后楼宇和楼层取自登记', en: 'Building and floor come from the registry' },
  buildingName: { zh: '楼宇（未关联登记时填写）', en: 'Building (when not linked)' },
  bookableBy: { zh: '可预订范围', en: 'Who may book' },
  approval: { zh: '预订审批', en: 'Approval' },
  requiresApproval: { zh: '预订需审批', en: 'Bookings need approval' },
  aboveAttendees: { zh: '仅当参会人数超过', en: 'Only above attendees' },
  aboveHint: { zh: '留空则每次预订都需审批', en: 'Empty: every booking needs approval' },
  always: { zh: '均需审批', en: 'Always' },
  aboveN: { zh: '超过 {n} 人需审批', en: 'Above {n} attendees' },
  noApproval: { zh: '无需审批', en: 'None' },
  active: { zh: '启用', en: 'In use' },
  inactive: { zh: '已停用', en: 'Out of use' },
  openFrom: { zh: '开放自', en: 'Opens' },
  openTo: { zh: '开放至', en: 'Closes' },
  displays: { zh: '门牌屏', en: 'Door displays' },
  displaysOf: { zh: '门牌屏：{room}', en: 'Door displays: {room}' },
  deviceLabel: { zh: '设备名称', en: 'Device name' },
  deviceHint: { zh: '如：3楼东侧门口平板', en: 'e.g. tablet by the east door' },
  createToken: { zh: '生成门牌屏链接', en: 'Create a display link' },
  once: {
    zh: '请立即在门口平板上打开此链接（或扫码）。链接只显示这一次，关闭后无法再次查看；遗失请吊销后重新生成。',
    en: 'Open this link on the door tablet now (or scan it). It is shown only once; if lost, revoke it and create another.',
  },
  revoke: { zh: '吊销', en: 'Revoke' },
  revokeAsk: { zh: '吊销后该设备将无法显示，确定？', en: 'The device stops showing the room. Revoke?' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  lastSeen: { zh: '最近访问', en: 'Last seen' },
  created: { zh: '创建时间', en: 'Created' },
  never: { zh: '从未', en: 'Never' },
  searchName: { zh: '名称', en: 'Name' },
});

/** 会议室管理 (the meeting desk): rooms with capacity, layouts, equipment, buffer, opening hours, approval and who may book; door-display devices. */
export function RoomsPage() {
  const t = meetingMessages.useT();
  const floor = useFloorLabel();
  const tr = roomsMessages.useT();
  const l = useLabels();
  const wd = useWeekdayName();
  const [editing, setEditing] = useState<TRoom | 'new' | null>(null);
  const [displays, setDisplays] = useState<TRoom | null>(null);
  const buildings = useApiQuery(meetingsApi.buildings, {}, { staleTime: 60_000 });
  return (
    <div className="mt-page" data-testid="meetings-rooms-page">
      <PageHeader
        title={tr('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="room-add">
            {tr('add')}
          </Button>
        }
      />
      <ServerTable<TRoom>
        route={meetingsApi.rooms}
        testId="rooms-table"
        onRow={(r) => ({ 'data-testid': `room-row-${r.id}` }) as never}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={tr('searchName')} style={{ width: 160 }} data-testid="rooms-q" />
            </Form.Item>
            <Form.Item name="building">
              <Select
                allowClear
                placeholder={t('building')}
                style={{ width: 160 }}
                options={(buildings.data?.items ?? []).map((b) => ({ value: b, label: b }))}
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={tr('kind')}
                style={{ width: 140 }}
                options={MEETING_ROOM_KINDS.map((k) => ({ value: k, label: l.kind(k) }))}
              />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={tr('active')}
                style={{ width: 120 }}
                options={[
                  { value: 'true', label: tr('active') },
                  { value: 'false', label: tr('inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          onCard('title', { title: tr('name'), dataIndex: 'name', sorter: true }),
          onCard('status', {
            title: tr('active'),
            dataIndex: 'active',
            render: (v: boolean) => (v ? <Tag color="green">{tr('active')}</Tag> : <Tag>{tr('inactive')}</Tag>),
          }),
          {
            title: t('building'),
            dataIndex: 'building',
            render: (v: string | null, r: TRoom) => [v, floor(r.floor)].filter(Boolean).join(' · '),
          },
          { title: tr('kind'), dataIndex: 'kind', render: (v: TRoom['kind']) => l.kind(v) },
          { title: t('capacity'), dataIndex: 'capacity', align: 'right', sorter: true },
          {
            title: t('equipment'),
            dataIndex: 'equipment',
            render: (v: TRoom['equipment']) => v.map((e) => l.equipment(e)).join(t('listSep')),
          },
          {
            title: t('openHours'),
            dataIndex: 'openFrom',
            render: (_: string, r: TRoom) =>
              `${r.openFrom}–${r.openTo} · ${r.openWeekdays.length === 7 ? '' : r.openWeekdays.map((d) => wd(d)).join(' ')}`.replace(
                / · $/,
                '',
              ),
          },
          { title: tr('bookableBy'), dataIndex: 'bookableBy', render: (v: TRoom['bookableBy']) => l.bookableBy(v) },
          {
            title: tr('approval'),
            dataIndex: 'requiresApproval',
            render: (v: boolean, r: TRoom) =>
              !v ? tr('noApproval') : r.approvalAboveAttendees ? tr('aboveN', { n: r.approvalAboveAttendees }) : tr('always'),
          },
          { title: tr('manager'), dataIndex: 'orgName' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r: TRoom) =>
              r.canManage ? (
                <Space>
                  <LinkButton icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`room-edit-${r.id}`}>
                    {tr('edit')}
                  </LinkButton>
                  <LinkButton icon={<DesktopOutlined />} onClick={() => setDisplays(r)} data-testid={`room-displays-${r.id}`}>
                    {tr('displays')}
                  </LinkButton>
                </Space>
              ) : null,
          },
        ]}
      />
      <RoomForm room={editing} onClose={() => setEditing(null)} />
      <DisplaysDrawer room={displays} onClose={() => setDisplays(null)} />
    </div>
  );
}

function RoomForm({ room, onClose }: { room: TRoom | 'new' | null; onClose: () => void }) {
  const t = meetingMessages.useT();
  const tr = roomsMessages.useT();
  const l = useLabels();
  const wd = useWeekdayName();
  const [form] = Form.useForm();
  const create = useApiMutation(meetingsApi.createRoom, { invalidates: ['meetings'] });
  const update = useApiMutation(meetingsApi.updateRoom, { invalidates: ['meetings'] });
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const candidates = useApiQuery(meetingsApi.officeRoomCandidates, { query: { orgId } }, { enabled: room !== null });
  const requiresApproval = Form.useWatch('requiresApproval', form) as boolean | undefined;
  const officeRoomId = Form.useWatch('officeRoomId', form) as number | undefined;
  const existing = room && room !== 'new' ? room : null;
  return (
    <FormModal
      open={room !== null}
      title={existing ? tr('edit') : tr('add')}
      onClose={onClose}
      form={form}
      width={720}
      initialValues={
        existing
          ? { ...existing, buildingName: existing.officeRoomId ? undefined : existing.building }
          : {
              kind: 'meeting',
              capacity: 20,
              layouts: [],
              equipment: [],
              openFrom: '08:00',
              openTo: '18:00',
              openWeekdays: [1, 2, 3, 4, 5],
              bufferMinutes: 15,
              bookableBy: 'district',
              requiresApproval: false,
              active: true,
            }
      }
      onSubmit={(v) => {
        const body = {
          name: v.name,
          orgId: v.orgId,
          kind: v.kind,
          officeRoomId: v.officeRoomId ?? null,
          buildingName: v.officeRoomId ? undefined : v.buildingName || undefined,
          floor: v.officeRoomId ? undefined : v.floor || undefined,
          capacity: v.capacity,
          layouts: v.layouts ?? [],
          equipment: v.equipment ?? [],
          openFrom: v.openFrom,
          openTo: v.openTo,
          openWeekdays: [...(v.openWeekdays ?? [])].sort(),
          bufferMinutes: v.bufferMinutes ?? 0,
          bookableBy: v.bookableBy,
          requiresApproval: !!v.requiresApproval,
          approvalAboveAttendees: v.requiresApproval ? (v.approvalAboveAttendees ?? null) : null,
          note: v.note || undefined,
        };
        return existing
          ? update.mutateAsync({ params: { id: existing.id }, body: { ...body, active: v.active } })
          : create.mutateAsync({ body });
      }}
    >
      <Row gutter={12} data-testid="room-form">
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={tr('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} data-testid="room-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="orgId" label={tr('manager')} rules={[{ required: true }]}>
            <UnitSelect testId="room-org" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={tr('kind')}>
            <Select options={MEETING_ROOM_KINDS.map((k) => ({ value: k, label: l.kind(k) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="officeRoomId" label={tr('officeRoom')} extra={tr('officeRoomHint')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={candidates.isLoading}
              options={(candidates.data?.items ?? [])
                .filter((c) => !c.meetingRoomId || c.meetingRoomId === existing?.id)
                .map((c) => ({ value: c.id, label: `${c.building} · ${c.floor} · ${c.label}` }))}
            />
          </Form.Item>
        </Col>
        {!officeRoomId ? (
          <>
            <Col xs={16} sm={12}>
              <Form.Item name="buildingName" label={tr('buildingName')}>
                <Input maxLength={60} data-testid="room-building" />
              </Form.Item>
            </Col>
            <Col xs={8} sm={12}>
              <Form.Item name="floor" label={t('floor')}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
          </>
        ) : null}
        <Col xs={12} sm={8}>
          <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} data-testid="room-capacity" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="bufferMinutes" label={t('buffer')}>
            <InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} data-testid="room-buffer" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="bookableBy" label={tr('bookableBy')}>
            <Select options={MEETING_BOOKABLE_BY.map((k) => ({ value: k, label: l.bookableBy(k) }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="layouts" label={t('layouts')}>
            <Checkbox.Group options={MEETING_LAYOUTS.map((k) => ({ value: k, label: l.layout(k) }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="equipment" label={t('equipment')}>
            <Checkbox.Group options={MEETING_EQUIPMENT.map((k) => ({ value: k, label: l.equipment(k) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="openFrom" label={tr('openFrom')} rules={[{ required: true }]}>
            <Input type="time" step={900} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="openTo" label={tr('openTo')} rules={[{ required: true }]}>
            <Input type="time" step={900} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="openWeekdays" label={t('weekdays')} rules={[{ required: true }]}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: wd(d) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="requiresApproval" label={tr('requiresApproval')} valuePropName="checked">
            <Switch data-testid="room-approval" />
          </Form.Item>
        </Col>
        {requiresApproval ? (
          <Col xs={12} sm={8}>
            <Form.Item name="approvalAboveAttendees" label={tr('aboveAttendees')} extra={tr('aboveHint')}>
              <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ) : null}
        {existing ? (
          <Col xs={12} sm={8}>
            <Form.Item name="active" label={tr('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24}>
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

function DisplaysDrawer({ room, onClose }: { room: TRoom | null; onClose: () => void }) {
  const tr = roomsMessages.useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm();
  const [created, setCreated] = useState<TTokenCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useApiQuery(meetingsApi.displayTokens, { query: { roomId: room?.id } }, { enabled: !!room });
  const revoke = useApiMutation(meetingsApi.revokeDisplayToken, { invalidates: [meetingsApi.displayTokens] });
  const createToken = useApiMutation(meetingsApi.createDisplayToken, { invalidates: [meetingsApi.displayTokens] });
  return (
    <Drawer
      open={!!room}
      onClose={() => {
        setCreated(null);
        onClose();
      }}
      title={room ? tr('displaysOf', { room: room.name }) : ''}
      size="large"
      destroyOnHidden
      data-testid="displays-drawer"
    >
      <Form
        form={form}
        layout="inline"
        className="hq-filters"
        onFinish={async (v) => {
          setBusy(true);
          try {
            const r = await createToken.mutateAsync({ body: { roomId: room!.id, label: v.label } });
            setCreated(r);
            form.resetFields();
          } catch (e) {
            message.error(showFieldErrors(e, form));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="label" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} placeholder={tr('deviceHint')} style={{ width: 240 }} data-testid="display-label" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="display-create">
            {tr('createToken')}
          </Button>
        </Form.Item>
      </Form>
      {created ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          title={tr('once')}
          data-testid="display-created"
          description={
            <div className="mt-once">
              <QrCode text={absoluteUrl(created.path)} size={160} />
              <Typography.Paragraph copyable={{ text: absoluteUrl(created.path) }} className="mt-break" data-testid="display-url">
                {absoluteUrl(created.path)}
              </Typography.Paragraph>
            </div>
          }
        />
      ) : null}
      <Table<TToken>
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `token-${r.id}` }) as never}
        columns={[
          { title: tr('deviceLabel'), dataIndex: 'label' },
          { title: tr('created'), dataIndex: 'createdAt', render: (v: string) => fmtInstant(v) },
          { title: tr('lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => fmtInstant(v, { empty: tr('never') }) },
          {
            title: '',
            key: 'op',
            render: (_, r) =>
              r.revokedAt ? (
                <Tag>{tr('revoked')}</Tag>
              ) : (
                <LinkButton
                  danger
                  data-testid={`token-revoke-${r.id}`}
                  onClick={() =>
                    modal.confirm({
                      title: tr('revoke'),
                      content: tr('revokeAsk'),
                      okButtonProps: { danger: true, 'data-testid': 'revoke-ok' } as never,
                      onOk: () => revoke.mutateAsync({ params: { id: r.id } }).catch((e) => message.error(showFieldErrors(e))),
                    })
                  }
                >
                  {tr('revoke')}
                </LinkButton>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
