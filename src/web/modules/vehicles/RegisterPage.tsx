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
import { defineMessages, useT } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { NEW_ENERGY, type TVehicle, UnitSelect, VehicleStatusTag, enumOptions, fmtKm, fmtTime } from './common';
import { formatMoney } from '../../shared/money';

defineMessages(
  {
    'vr.title': '公务用车台账',
    'vr.platePlaceholder': '苏A12345',
    'vr.add': '登记车辆',
    'vr.edit': '修改车辆信息',
    'vr.editShort': '修改',
    'vr.search': '号牌 / 品牌 / 型号',
    'vr.detail': '车辆详情',
    'vr.history': '履历档案',
    'vr.noHistory': '暂无履历记录',
    'vr.plateHint': '如 苏A12345；新能源 苏AD12345 或 苏A12345D；警用 苏A1234警',
    'vr.plateBad': '号牌格式不正确',
    'vr.markingHint': '公务、执法执勤标识车辆须填写监督电话；因保密等需要免于标识的须说明理由',
    'vr.displacementHint': '纯电动车不填排量',
    'vr.tank': '油箱容积(L)',
    'vr.battery': '电池容量(kWh)',
    'vr.replacedBy': '已被更新',
    'vr.disposedAt': '处置日期',
    'vr.leader': '领导',
    'vr.more': '加载更多',
  },
  {
    'vr.title': 'Vehicle register',
    'vr.platePlaceholder': '苏A12345',
    'vr.add': 'Register a vehicle',
    'vr.edit': 'Edit vehicle',
    'vr.editShort': 'Edit',
    'vr.search': 'Plate / brand / model',
    'vr.detail': 'Vehicle',
    'vr.history': 'History file',
    'vr.noHistory': 'No history yet',
    'vr.plateHint': 'e.g. 苏A12345; new energy 苏AD12345 or 苏A12345D; police 苏A1234警',
    'vr.plateBad': 'Not a valid plate',
    'vr.markingHint': 'Marked vehicles need a supervision phone; vehicles exempt for security reasons need a reason',
    'vr.displacementHint': 'Leave empty for electric vehicles',
    'vr.tank': 'Tank (L)',
    'vr.battery': 'Battery (kWh)',
    'vr.replacedBy': 'Replaced',
    'vr.disposedAt': 'Disposed on',
    'vr.leader': 'Leader',
    'vr.more': 'Load more',
  },
);

/** 台账: every vehicle in scope, with its history file (履历档案). */
export function VehicleRegisterPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [editing, setEditing] = useState<TVehicle | 'new' | null>(null);
  const canWrite = hasPermission('vehicles.write');
  return (
    <div className="vh-page">
      <PageHeader title={t('vr.title')} />
      <ServerTable<TVehicle>
        route={vehiclesApi.list}
        exportRoute={vehiclesApi.exportVehicles}
        testId="vehicle-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vehicle-add">
              {t('vr.add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('vh.unit')} testId="filter-unit" />
            </Form.Item>
            <Form.Item name="type">
              <Select allowClear placeholder={t('vh.type')} style={{ width: 150 }} options={enumOptions(t, 'vt', VEHICLE_TYPES)} />
            </Form.Item>
            <Form.Item name="energy">
              <Select allowClear placeholder={t('vh.energy')} style={{ width: 130 }} options={enumOptions(t, 'en', ENERGIES)} />
            </Form.Item>
            <Form.Item name="status">
              <Select allowClear placeholder={t('vh.status')} style={{ width: 110 }} options={enumOptions(t, 'vs', VEHICLE_STATUSES)} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('vr.search')} style={{ width: 170 }} data-testid="filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('vh.plate'),
            dataIndex: 'plate',
            sorter: true,
            fixed: 'left',
            render: (v: string, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`vehicle-${r.id}`}>
                {v}
              </LinkButton>
            ),
          },
          { title: t('vh.unit'), dataIndex: 'orgName' },
          {
            title: t('vh.type'),
            dataIndex: 'type',
            render: (v: string, r) => (
              <Space size={4}>
                {t(`vt.${v}`)}
                {r.leaderFixed ? <Tag color="gold">{t('vr.leader')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('vh.brand'), dataIndex: 'brand', render: (v: string, r) => `${v} ${r.model}` },
          {
            title: t('vh.energy'),
            dataIndex: 'energy',
            render: (v: string, r) => (
              <Space size={4}>
                {t(`en.${v}`)}
                {r.newEnergy ? <Tag color="green">{t('vh.newEnergy')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('vh.seats'), dataIndex: 'seats', align: 'right' },
          { title: t('vh.price'), dataIndex: 'price', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('vh.purchaseDate'), dataIndex: 'purchaseDate', sorter: true },
          { title: t('vh.odometer'), dataIndex: 'odometerKm', sorter: true, align: 'right', render: fmtKm },
          { title: t('vh.status'), dataIndex: 'status', render: (v: string) => <VehicleStatusTag status={v} /> },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TVehicle) =>
                    r.status === 'disposed' ? null : (
                      <LinkButton onClick={() => setEditing(r)} data-testid={`vehicle-edit-${r.id}`}>
                        {t('vr.editShort')}
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
  const t = useT();
  const marking = Form.useWatch('marking', form);
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="marking" label={t('vh.marking')} extra={t('vr.markingHint')}>
          <Select options={enumOptions(t, 'mk', MARKINGS)} data-testid="vehicle-form-marking" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        {marking === 'exempt' ? (
          <Form.Item name="markingExemptReason" label={t('vh.exemptReason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="vehicle-form-exempt" />
          </Form.Item>
        ) : (
          <Form.Item
            name="supervisionPhone"
            label={t('vh.supervisionPhone')}
            rules={[{ required: true }, { pattern: /^[0-9-]{5,20}$/, message: t('vh.supervisionPhone') }]}
          >
            <Input maxLength={20} placeholder="025-12345678" data-testid="vehicle-form-phone" />
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}
export { MarkingFields };

export const plateRule = (t: (k: string) => string) => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || isValidPlate(v) ? Promise.resolve() : Promise.reject(new Error(t('vr.plateBad'))),
});

function VehicleModal(props: { vehicle: TVehicle | 'new' | null; onClose: () => void }) {
  const t = useT();
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
      title={isNew ? t('vr.add') : `${t('vr.edit')} · ${v?.plate ?? ''}`}
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
              <Form.Item name="plate" label={t('vh.plate')} extra={t('vr.plateHint')} rules={[{ required: true }, plateRule(t)]}>
                <Input maxLength={16} placeholder={t('vr.platePlaceholder')} data-testid="vehicle-form-plate" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="orgId" label={t('vh.unit')} rules={[{ required: true }]}>
                <UnitSelect testId="vehicle-form-org" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          {isNew ? (
            <Col xs={24} sm={8}>
              <Form.Item name="type" label={t('vh.type')} rules={[{ required: true }]}>
                <Select options={enumOptions(t, 'vt', VEHICLE_TYPES)} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={12} sm={8}>
            <Form.Item name="brand" label={t('vh.brand')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} data-testid="vehicle-form-brand" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="model" label={t('vh.model')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={60} data-testid="vehicle-form-model" />
            </Form.Item>
          </Col>
        </Row>
        {isNew ? (
          <Row gutter={12}>
            <Col xs={12} sm={6}>
              <Form.Item name="bodyType" label={t('vh.bodyType')} rules={[{ required: true }]}>
                <Select options={enumOptions(t, 'bt', BODY_TYPES)} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="energy" label={t('vh.energy')} rules={[{ required: true }]}>
                <Select options={enumOptions(t, 'en', ENERGIES)} data-testid="vehicle-form-energy" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name="displacement"
                label={t('vh.displacement')}
                extra={t('vr.displacementHint')}
                rules={[{ required: energy !== 'electric' }]}
              >
                <InputNumber min={0.1} max={20} step={0.1} precision={1} disabled={energy === 'electric'} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="domestic" label={t('vh.domestic')} valuePropName="checked">
                <Checkbox />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="seats" label={t('vh.seats')} rules={[{ required: true }]}>
              <InputNumber min={1} max={80} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {isNew ? (
            <>
              <Col xs={12} sm={6}>
                <Form.Item name="price" label={t('vh.price')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100000000} precision={2} style={{ width: '100%' }} data-testid="vehicle-form-price" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="purchaseDate" label={t('vh.purchaseDate')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="odometerKm" label={t('vh.odometer')}>
                  <InputNumber min={0} max={5000000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col xs={12} sm={6}>
              <Form.Item name="status" label={t('vh.status')}>
                <Select options={enumOptions(t, 'vs', ['in_service', 'in_repair', 'sealed'])} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          {(isNew ? energy !== 'electric' : v?.energy !== 'electric') ? (
            <Col xs={12} sm={6}>
              <Form.Item name="tankCapacityL" label={t('vr.tank')}>
                <InputNumber min={1} max={2000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          {(isNew ? NEW_ENERGY.includes(energy) : NEW_ENERGY.includes(v?.energy ?? '')) ? (
            <Col xs={12} sm={6}>
              <Form.Item name="batteryCapacityKwh" label={t('vr.battery')}>
                <InputNumber min={1} max={2000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item name="leaderFixed" label=" " valuePropName="checked">
              <Checkbox>{t('vh.leaderFixed')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <MarkingFields form={form} />
        <Form.Item name="note" label={t('vh.note')}>
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
  const t = useT();
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
      title={x ? `${x.plate} · ${x.brand} ${x.model}` : t('vr.detail')}
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
            <Descriptions.Item label={t('vh.unit')}>{x.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('vh.status')}>
              <VehicleStatusTag status={x.status} />
              {x.replacedById ? <Tag color="orange">{t('vr.replacedBy')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('vh.type')}>
              {t(`vt.${x.type}`)}
              {x.leaderFixed ? ` · ${t('vh.leaderFixed')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('vh.bodyType')}>{t(`bt.${x.bodyType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('vh.energy')}>
              {t(`en.${x.energy}`)}
              {x.displacement ? ` · ${x.displacement} L` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('vh.seats')}>{x.seats}</Descriptions.Item>
            <Descriptions.Item label={t('vh.price')}>{formatMoney(x.price)}</Descriptions.Item>
            <Descriptions.Item label={t('vh.purchaseDate')}>{x.purchaseDate}</Descriptions.Item>
            <Descriptions.Item label={t('vh.odometer')}>{fmtKm(x.odometerKm)}</Descriptions.Item>
            <Descriptions.Item label={t('vh.domestic')}>{x.domestic ? t('vh.yes') : t('vh.no')}</Descriptions.Item>
            <Descriptions.Item label={t('vh.marking')}>{t(`mk.${x.marking}`)}</Descriptions.Item>
            <Descriptions.Item label={x.marking === 'exempt' ? t('vh.exemptReason') : t('vh.supervisionPhone')}>
              {x.marking === 'exempt' ? x.markingExemptReason : x.supervisionPhone}
            </Descriptions.Item>
            {x.disposedAt ? <Descriptions.Item label={t('vr.disposedAt')}>{x.disposedAt.slice(0, 10)}</Descriptions.Item> : null}
            {x.note ? (
              <Descriptions.Item label={t('vh.note')} span={2}>
                {x.note}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <h3 style={{ marginTop: 20 }}>{t('vr.history')}</h3>
          {events.data?.items.length ? (
            <div data-testid="vehicle-history">
              <Timeline
                items={events.data.items.map((e) => ({
                  color: EVENT_COLOR[e.kind] ?? '#8c8c8c',
                  children: (
                    <div data-testid={`event-${e.kind}`}>
                      <Space size={6} wrap>
                        <Tag>{t(`ev.${e.kind}`)}</Tag>
                        <span style={{ color: '#888', fontSize: 12 }}>{fmtTime(e.occurredAt)}</span>
                      </Space>
                      <div>{e.summary}</div>
                      {e.amount !== null || e.odometerKm !== null ? (
                        <div style={{ color: '#888', fontSize: 12 }}>
                          {e.amount !== null ? t('vh.yuan', { n: formatMoney(e.amount) }) : ''}
                          {e.amount !== null && e.odometerKm !== null ? ' · ' : ''}
                          {e.odometerKm !== null ? t('vh.km', { n: fmtKm(e.odometerKm) }) : ''}
                        </div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
              {events.data.total > events.data.items.length ? (
                <Button onClick={() => setPageSize((n) => Math.min(200, n + 50))} loading={events.isFetching}>
                  {t('vr.more')}
                </Button>
              ) : null}
            </div>
          ) : (
            <div style={{ color: '#888' }}>{t('vr.noHistory')}</div>
          )}
        </div>
      )}
    </Drawer>
  );
}
