import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  BODY_TYPES,
  ENERGIES,
  MARKINGS,
  VEHICLE_STATUSES,
  VEHICLE_TYPES,
  isValidPlate,
  normalisePlate,
} from '../../../contracts/modules/vehicles';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import type { RouteBody } from '../../../contracts/route';
import { useRecordParam } from '../../shared/useRecordParam';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { NEW_ENERGY, type TVehicle, UnitSelect, VehicleStatusTag, enumOptions, fmtKm, fmtTime } from './common';
import { formatMoney } from '../../shared/money';
import { vehicleMessages } from './common.i18n';
import { fmtDay } from '../../shared/dates';

export const registerMessages = defineMessages('vehicles.register', {
  title: { zh: '公务用车台账', en: 'Vehicle register' },
  platePlaceholder: { zh: '苏A12345', en: '苏A12345' },
  add: { zh: '登记车辆', en: 'Register a vehicle' },
  edit: { zh: '修改车辆信息', en: 'Edit vehicle' },
  editShort: { zh: '修改', en: 'Edit' },
  search: { zh: '号牌 / 品牌 / 型号', en: 'Plate / brand / model' },
  detail: { zh: '车辆详情', en: 'Vehicle' },
  history: { zh: '履历档案', en: 'History file' },
  noHistory: { zh: '暂无履历记录', en: 'No history yet' },
  plateHint: {
    zh: '如 苏A12345；新能源 苏AD12345 或 苏A12345D；警用 苏A1234警',
    en: 'e.g. 苏A12345; new energy 苏AD12345 or 苏A12345D; police 苏A1234警',
  },
  plateBad: { zh: '号牌格式不正确', en: 'Not a valid plate' },
  markingHint: {
    zh: '公务、执法执勤标识车辆须填写监督电话；因保密等需要免于标识的须说明理由',
    en: 'Marked vehicles need a supervision phone; vehicles exempt for security reasons need a reason',
  },
  displacementHint: { zh: '纯电动车不填排量', en: 'Leave empty for electric vehicles' },
  tank: { zh: '油箱容积(L)', en: 'Tank (L)' },
  battery: { zh: '电池容量(kWh)', en: 'Battery (kWh)' },
  replacedBy: { zh: '已被更新', en: 'Replaced' },
  disposedAt: { zh: '处置日期', en: 'Disposed on' },
  leader: { zh: '领导', en: 'Leader' },
  more: { zh: '加载更多', en: 'Load more' },
});

/** 台账: every vehicle in scope, with its history file (履历档案). */
export function VehicleRegisterPage() {
  const t = vehicleMessages.useT();
  const tm = registerMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [editing, setEditing] = useState<TVehicle | 'new' | null>(null);
  const canWrite = hasPermission('vehicles.write');
  return (
    <div className="vh-page">
      <PageHeader title={tm('title')} />
      <ServerTable<TVehicle>
        route={vehiclesApi.list}
        exportRoute={vehiclesApi.exportVehicles}
        testId="vehicle-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vehicle-add">
              {tm('add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('unit')} testId="filter-unit" />
            </Form.Item>
            <Form.Item name="type">
              <Select
                allowClear
                placeholder={t('type')}
                style={{ width: 150 }}
                options={enumOptions((v) => t(`vehicleType.${v}`), VEHICLE_TYPES)}
              />
            </Form.Item>
            <Form.Item name="energy">
              <Select
                allowClear
                placeholder={t('energy')}
                style={{ width: 130 }}
                options={enumOptions((v) => t(`energy.${v}`), ENERGIES)}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 110 }}
                options={enumOptions((v) => t(`status.${v}`), VEHICLE_STATUSES)}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={tm('search')} style={{ width: 170 }} data-testid="filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('plate'),
            dataIndex: 'plate',
            sorter: true,
            fixed: 'left',
            render: (v: string, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`vehicle-${r.id}`}>
                {v}
              </LinkButton>
            ),
          },
          { title: t('unit'), dataIndex: 'orgName' },
          {
            title: t('type'),
            dataIndex: 'type',
            render: (v: TVehicle['type'], r) => (
              <Space size={4}>
                {t(`vehicleType.${v}`)}
                {r.leaderFixed ? <Tag color="gold">{tm('leader')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('brand'), dataIndex: 'brand', render: (v: string, r) => `${v} ${r.model}` },
          {
            title: t('energy'),
            dataIndex: 'energy',
            render: (v: TVehicle['energy'], r) => (
              <Space size={4}>
                {t(`energy.${v}`)}
                {r.newEnergy ? <Tag color="green">{t('newEnergy')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('seats'), dataIndex: 'seats', align: 'right' },
          { title: t('price'), dataIndex: 'price', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('purchaseDate'), dataIndex: 'purchaseDate', sorter: true },
          { title: t('odometer'), dataIndex: 'odometerKm', sorter: true, align: 'right', render: fmtKm },
          { title: t('status'), dataIndex: 'status', render: (v: TVehicle['status']) => <VehicleStatusTag status={v} /> },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TVehicle) =>
                    r.status === 'disposed' ? null : (
                      <LinkButton onClick={() => setEditing(r)} data-testid={`vehicle-edit-${r.id}`}>
                        {tm('editShort')}
                      </LinkButton>
                    ),
                },
              ]
            : []),
        ]}
      />
      {/* Mounted per opening: each gets a fresh form (a reused form would keep the last vehicle's values). */}
      {editing ? <VehicleModal key={editing === 'new' ? 'new' : editing.id} vehicle={editing} onClose={() => setEditing(null)} /> : null}
      <VehicleDrawer id={detail} onClose={() => open(null)} />
    </div>
  );
}

/** Marking, phone and exemption reason: which of the two is required follows the marking. */
function MarkingFields({ form }: { form: FormInstance }) {
  const t = vehicleMessages.useT();
  const tm = registerMessages.useT();
  const marking = Form.useWatch('marking', form);
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="marking" label={t('marking')} extra={tm('markingHint')}>
          <Select options={enumOptions((v) => t(`marking.${v}`), MARKINGS)} data-testid="vehicle-form-marking" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        {marking === 'exempt' ? (
          <Form.Item name="markingExemptReason" label={t('exemptReason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="vehicle-form-exempt" />
          </Form.Item>
        ) : (
          <Form.Item
            name="supervisionPhone"
            label={t('supervisionPhone')}
            rules={[{ required: true }, { pattern: /^[0-9-]{5,20}$/, message: t('supervisionPhone') }]}
          >
            <Input maxLength={20} placeholder="025-12345678" data-testid="vehicle-form-phone" />
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}
export { MarkingFields };

/** A form rule for a plate (its message in the language current when the form validates). */
export const plateRule = () => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || isValidPlate(v) ? Promise.resolve() : Promise.reject(new Error(registerMessages.t('plateBad'))),
});

function VehicleModal(props: { vehicle: TVehicle | 'new' | null; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = registerMessages.useT();
  // The list (and the overview's counts under its key), the open card and its history.
  const invalidates = [vehiclesApi.list, vehiclesApi.get, vehiclesApi.events];
  const update = useApiMutation(vehiclesApi.update, { invalidates });
  const create = useApiMutation(vehiclesApi.create, { invalidates });
  const [form] = Form.useForm();
  const [activeOrg] = useActiveOrg();
  const { me } = useAuth();
  const isNew = props.vehicle === 'new';
  const v = props.vehicle && props.vehicle !== 'new' ? props.vehicle : null;
  const energy = Form.useWatch('energy', form);
  const initial = v
    ? v
    : {
        orgId: activeOrg ?? me?.orgId,
        type: 'other',
        bodyType: 'sedan',
        energy: 'electric',
        domestic: true,
        leaderFixed: false,
        seats: 5,
        odometerKm: 0,
        marking: 'official',
      };
  return (
    <FormModal
      open={props.vehicle !== null}
      title={isNew ? tm('add') : `${tm('edit')} · ${v?.plate ?? ''}`}
      onClose={props.onClose}
      form={form}
      width={720}
      initialValues={initial}
      onSubmit={(x) => {
        const marking = {
          marking: x.marking,
          supervisionPhone: x.marking === 'exempt' ? null : x.supervisionPhone,
          markingExemptReason: x.marking === 'exempt' ? x.markingExemptReason : null,
        };
        if (!isNew)
          return update.mutateAsync({
            params: { id: v!.id },
            body: {
              brand: x.brand,
              model: x.model,
              seats: x.seats,
              leaderFixed: x.leaderFixed,
              tankCapacityL: x.tankCapacityL ?? null,
              batteryCapacityKwh: x.batteryCapacityKwh ?? null,
              note: x.note || null,
              ...(x.status !== v!.status ? { status: x.status } : {}),
              ...marking,
            },
          });
        return create.mutateAsync({
          body: {
            ...x,
            plate: normalisePlate(x.plate),
            purchaseDate: x.purchaseDate.format('YYYY-MM-DD'),
            displacement: x.energy === 'electric' ? null : x.displacement,
            note: x.note || null,
            ...marking,
            // The form's values are the create body's fields (the form is untyped).
          } as RouteBody<typeof vehiclesApi.create>,
        });
      }}
    >
      <div data-testid="vehicle-form">
        {isNew ? (
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item name="plate" label={t('plate')} extra={tm('plateHint')} rules={[{ required: true }, plateRule()]}>
                <Input maxLength={16} placeholder={tm('platePlaceholder')} data-testid="vehicle-form-plate" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="orgId" label={t('unit')} rules={[{ required: true }]}>
                <UnitSelect testId="vehicle-form-org" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          {isNew ? (
            <Col xs={24} sm={8}>
              <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`vehicleType.${v}`), VEHICLE_TYPES)} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={12} sm={8}>
            <Form.Item name="brand" label={t('brand')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} data-testid="vehicle-form-brand" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="model" label={t('model')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={60} data-testid="vehicle-form-model" />
            </Form.Item>
          </Col>
        </Row>
        {isNew ? (
          <Row gutter={12}>
            <Col xs={12} sm={6}>
              <Form.Item name="bodyType" label={t('bodyType')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`bodyType.${v}`), BODY_TYPES)} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="energy" label={t('energy')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`energy.${v}`), ENERGIES)} data-testid="vehicle-form-energy" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name="displacement"
                label={t('displacement')}
                extra={tm('displacementHint')}
                rules={[{ required: energy !== 'electric' }]}
              >
                <InputNumber min={0.1} max={20} step={0.1} precision={1} disabled={energy === 'electric'} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="domestic" label={t('domestic')} valuePropName="checked">
                <Checkbox />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="seats" label={t('seats')} rules={[{ required: true }]}>
              <InputNumber min={1} max={80} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {isNew ? (
            <>
              <Col xs={12} sm={6}>
                <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100000000} precision={2} style={{ width: '100%' }} data-testid="vehicle-form-price" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="purchaseDate" label={t('purchaseDate')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="odometerKm" label={t('odometer')}>
                  <InputNumber min={0} max={5000000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col xs={12} sm={6}>
              <Form.Item name="status" label={t('status')}>
                <Select options={enumOptions((v) => t(`status.${v}`), ['in_service', 'in_repair', 'sealed'] as const)} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          {(isNew ? energy !== 'electric' : v?.energy !== 'electric') ? (
            <Col xs={12} sm={6}>
              <Form.Item name="tankCapacityL" label={tm('tank')}>
                <InputNumber min={1} max={2000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          {(isNew ? NEW_ENERGY.includes(energy) : NEW_ENERGY.includes(v?.energy ?? '')) ? (
            <Col xs={12} sm={6}>
              <Form.Item name="batteryCapacityKwh" label={tm('battery')}>
                <InputNumber min={1} max={2000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item name="leaderFixed" label=" " valuePropName="checked">
              <Checkbox>{t('leaderFixed')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <MarkingFields form={form} />
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </div>
    </FormModal>
  );
}

const EVENT_COLOR: Record<string, string> = {
  purchase: '#52c41a',
  register: '#52c41a',
  trip: '#1677ff',
  status: '#fa8c16',
  update: '#8c8c8c',
  transfer_out: '#722ed1',
  transfer_in: '#722ed1',
  replaced: '#fa8c16',
  disposal: '#e53935',
  repair: '#fa8c16',
};

/** The vehicle's card and its history file, newest first. */
function VehicleDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = registerMessages.useT();
  const [pageSize, setPageSize] = useState(30);
  const v = useApiQuery(vehiclesApi.get, { params: { id: id! } }, { enabled: !!id });
  const events = useApiQuery(
    vehiclesApi.events,
    { params: { id: id! }, query: { pageSize } },
    { enabled: !!id, placeholderData: (prev) => prev },
  );
  const x = v.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={x ? `${x.plate} · ${x.brand} ${x.model}` : tm('detail')}
      size="min(720px, 100vw)"
      destroyOnHidden
    >
      {v.error ? (
        <ErrorState error={v.error} />
      ) : !x ? (
        <Loading />
      ) : (
        <div data-testid="vehicle-drawer">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('unit')}>{x.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <VehicleStatusTag status={x.status} />
              {x.replacedById ? <Tag color="orange">{tm('replacedBy')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('type')}>
              {t(`vehicleType.${x.type}`)}
              {x.leaderFixed ? ` · ${t('leaderFixed')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('bodyType')}>{t(`bodyType.${x.bodyType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('energy')}>
              {t(`energy.${x.energy}`)}
              {x.displacement ? ` · ${x.displacement} L` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('seats')}>{x.seats}</Descriptions.Item>
            <Descriptions.Item label={t('price')}>{formatMoney(x.price)}</Descriptions.Item>
            <Descriptions.Item label={t('purchaseDate')}>{x.purchaseDate}</Descriptions.Item>
            <Descriptions.Item label={t('odometer')}>{fmtKm(x.odometerKm)}</Descriptions.Item>
            <Descriptions.Item label={t('domestic')}>{x.domestic ? t('yes') : t('no')}</Descriptions.Item>
            <Descriptions.Item label={t('marking')}>{t(`marking.${x.marking}`)}</Descriptions.Item>
            <Descriptions.Item label={x.marking === 'exempt' ? t('exemptReason') : t('supervisionPhone')}>
              {x.marking === 'exempt' ? x.markingExemptReason : x.supervisionPhone}
            </Descriptions.Item>
            {x.disposedAt ? <Descriptions.Item label={tm('disposedAt')}>{fmtDay(x.disposedAt)}</Descriptions.Item> : null}
            {x.note ? (
              <Descriptions.Item label={t('note')} span={2}>
                {x.note}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <h3 style={{ marginTop: 20 }}>{tm('history')}</h3>
          {events.data?.items.length ? (
            <div data-testid="vehicle-history">
              <Timeline
                items={events.data.items.map((e) => ({
                  color: EVENT_COLOR[e.kind] ?? '#8c8c8c',
                  children: (
                    <div data-testid={`event-${e.kind}`}>
                      <Space size={6} wrap>
                        <Tag>{t(`event.${e.kind}`)}</Tag>
                        <span style={{ color: '#888', fontSize: 12 }}>{fmtTime(e.occurredAt)}</span>
                      </Space>
                      <div>{e.summary}</div>
                      {e.amount !== null || e.odometerKm !== null ? (
                        <div style={{ color: '#888', fontSize: 12 }}>
                          {e.amount !== null ? t('yuan', { n: formatMoney(e.amount) }) : ''}
                          {e.amount !== null && e.odometerKm !== null ? ' · ' : ''}
                          {e.odometerKm !== null ? t('km', { n: fmtKm(e.odometerKm) }) : ''}
                        </div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
              {events.data.total > events.data.items.length ? (
                <Button onClick={() => setPageSize((n) => Math.min(200, n + 50))} loading={events.isFetching}>
                  {tm('more')}
                </Button>
              ) : null}
            </div>
          ) : (
            <div style={{ color: '#888' }}>{tm('noHistory')}</div>
          )}
        </div>
      )}
    </Drawer>
  );
}
