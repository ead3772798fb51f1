import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BODY_TYPES, ENERGIES, VEHICLE_TYPES, normalisePlate } from '../../../contracts/modules/vehicles';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useRecordParam } from '../../shared/useRecordParam';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { MarkingFields, plateRule } from './RegisterPage';
import {
  CheckList,
  NEW_ENERGY,
  StatusTag,
  type TPurchase,
  UnitSelect,
  VehicleSelect,
  enumOptions,
  errText,
  fmtTime,
  useVehicleOptions,
} from './common';
import { formatMoney } from '../../shared/money';
import { vehicleMessages } from './common.i18n';

export const purchaseMessages = defineMessages('vehicles.purchases', {
  title: { zh: '车辆购置与更新', en: 'Vehicle purchases and replacements' },
  platePlaceholder: { zh: '苏AD12345', en: '苏AD12345' },
  new: { zh: '提出购置申请', en: 'Request a purchase' },
  kind: { zh: '申请类别', en: 'Kind' },
  purchase: { zh: '新增购置', en: 'New vehicle' },
  replace: { zh: '更新', en: 'Replacement' },
  replaces: { zh: '被更新车辆', en: 'Vehicle replaced' },
  reason: { zh: '申请理由', en: 'Reason' },
  fuelReason: { zh: '选用燃油车的理由', en: 'Why a fuel vehicle' },
  whereNeeded: { zh: '确有需要，按较高标准配备', en: 'Where needed: the higher line' },
  whereNeededHint: {
    zh: '执法执勤用车确有需要的，可按配备标准中的较高价格和排量上限配备，须书面说明理由；适用的上限见提交后的核对结果',
    en: 'Where needed, a law-enforcement vehicle may use the higher price and displacement caps of the standard, with a written reason; the checks after submitting show the cap applied',
  },
  whereNeededReason: { zh: '确有需要的理由', en: 'Why it is needed' },
  fuelHint: {
    zh: '公务用车应优先配备新能源汽车；选用燃油车须书面说明理由，未说明的将作为不符合项报审批人',
    en: 'New-energy vehicles come first; a fuel vehicle needs a written reason, or the request goes to the approvers with a failed check',
  },
  submit: { zh: '提交申请', en: 'Submit' },
  submitted: {
    zh: '已提交审批。以下是按配备标准核对的结果，审批人会一并看到：',
    en: 'Submitted for approval. The checks against the caps, which the approvers see too:',
  },
  failedNote: {
    zh: '存在不符合项的申请仍会提交，由审批人决定。',
    en: 'A request with failed checks is still submitted; the approvers decide.',
  },
  done: { zh: '完成', en: 'Done' },
  checks: { zh: '核对结果', en: 'Checks' },
  detail: { zh: '购置申请', en: 'Purchase request' },
  deliver: { zh: '交付登记', en: 'Register delivery' },
  deliverTitle: { zh: '交付登记：{model}', en: 'Register delivery: {model}' },
  deliverHint: {
    zh: '车辆交付后登记入台账；价格不得超过批准金额，能源、车身类型与批准的一致。',
    en: 'The delivered vehicle enters the register; the price may not exceed the approved amount, and energy and body type must match.',
  },
  createdAt: { zh: '申请时间', en: 'Requested' },
  vehicle: { zh: '交付车辆', en: 'Delivered vehicle' },
  ruleVersion: { zh: '配备标准版本 {v}', en: 'Caps version {v}' },
  orgHint: { zh: '申请单位', en: 'Requesting unit' },
});

/** What a new or delivered request changes: the requests, the open one, the units' quota picture. */
const PURCHASE_VIEWS = [vehiclesApi.purchases, vehiclesApi.purchase, vehiclesApi.quotas];

/** 购置 / 更新 requests: the form shows the server's cap checks; approved requests are delivered into the register. */
export function PurchasesPage() {
  const t = vehicleMessages.useT();
  const tm = purchaseMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [detail, open] = useRecordParam({ replace: true });
  const [creating, setCreating] = useState(false);
  const [delivering, setDelivering] = useState<TPurchase | null>(null);
  const manage = hasPermission('vehicles.manage');
  return (
    <div className="vh-page">
      <PageHeader
        title={tm('title')}
        extra={
          hasPermission('vehicles.purchase') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="purchase-new">
              {tm('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TPurchase>
        route={vehiclesApi.purchases}
        testId="purchase-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={t('unit')} />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 130 }}
                options={enumOptions((v) => t(`flow.${v}`), [
                  'pending',
                  'approved',
                  'rejected',
                  'returned',
                  'withdrawn',
                  'delivered',
                ] as const)}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: tm('createdAt'),
            dataIndex: 'createdAt',
            render: (v: string, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`purchase-${r.id}`}>
                {fmtTime(v)}
              </LinkButton>
            ),
          },
          { title: t('unit'), dataIndex: 'orgName' },
          {
            title: tm('kind'),
            key: 'kind',
            render: (_, r) => (r.replacesVehicleId ? <Tag color="blue">{tm('replace')}</Tag> : <Tag>{tm('purchase')}</Tag>),
          },
          {
            title: t('bodyType'),
            dataIndex: 'bodyType',
            render: (v: TPurchase['bodyType'], r) => `${t(`bodyType.${v}`)}${r.model ? ` · ${r.model}` : ''}`,
          },
          {
            title: t('energy'),
            dataIndex: 'energy',
            render: (v: TPurchase['energy'], r) => `${t(`energy.${v}`)}${r.displacement ? ` ${r.displacement} L` : ''}`,
          },
          { title: t('price'), dataIndex: 'price', align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('checksCol'),
            dataIndex: 'checksPassed',
            render: (ok: boolean, r) =>
              ok ? (
                <Tag color="green">{t('checksPassed')}</Tag>
              ) : (
                <Tag color="red">{t('checksFailed', { n: r.checks.filter((c) => !c.passed).length })}</Tag>
              ),
          },
          { title: t('status'), dataIndex: 'status', render: (v: TPurchase['status']) => <StatusTag status={v} kind="flow" /> },
          {
            title: t('actions'),
            key: 'op',
            render: (_, r) => (
              <Space size={12}>
                {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('viewApproval')}</Link> : null}
                {manage && r.status === 'approved' ? (
                  <LinkButton onClick={() => setDelivering(r)} data-testid={`purchase-deliver-${r.id}`}>
                    {tm('deliver')}
                  </LinkButton>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <PurchaseModal open={creating} onClose={() => setCreating(false)} />
      {delivering ? <DeliverModal key={delivering.id} request={delivering} onClose={() => setDelivering(null)} /> : null}
      <PurchaseDrawer id={detail} onClose={() => open(null)} onDeliver={manage ? setDelivering : undefined} />
    </div>
  );
}

/** The request form; once saved, the same dialog shows the checks the server ran (failures included). */
function PurchaseModal(props: { open: boolean; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = purchaseMessages.useT();
  const create = useApiMutation(vehiclesApi.createPurchase, { invalidates: PURCHASE_VIEWS });
  const { me } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TPurchase | null>(null);
  const energy = Form.useWatch('energy', form);
  const orgId = Form.useWatch('orgId', form);
  const replacing = Form.useWatch('replacing', form);
  const type = Form.useWatch('type', form);
  const whereNeeded = Form.useWatch('whereNeeded', form);
  const vehicles = useVehicleOptions({ orgId }, props.open && !!orgId && !!replacing);
  const fuel = energy && !NEW_ENERGY.includes(energy);
  const close = () => {
    setResult(null);
    setError(null);
    props.onClose();
  };
  const submit = () =>
    form.validateFields().then(async (v) => {
      setBusy(true);
      setError(null);
      try {
        const r = await create.mutateAsync({
          body: {
            orgId: v.orgId,
            type: v.type,
            bodyType: v.bodyType,
            price: v.price,
            energy: v.energy,
            displacement: v.energy === 'electric' ? null : (v.displacement ?? null),
            domestic: v.domestic,
            leaderFixed: v.leaderFixed,
            model: v.model || null,
            seats: v.seats ?? null,
            reason: v.reason,
            replacesVehicleId: v.replacing ? v.replacesVehicleId : null,
            fuelReason: fuel ? v.fuelReason || null : null,
            whereNeeded: type === 'law_enforcement' && !!v.whereNeeded,
            whereNeededReason: type === 'law_enforcement' && v.whereNeeded ? v.whereNeededReason || null : null,
          },
        });
        setResult(r);
      } catch (e) {
        setError(errText(e));
      } finally {
        setBusy(false);
      }
    });
  return (
    <Modal
      open={props.open}
      title={tm('new')}
      onCancel={close}
      destroyOnHidden
      width={760}
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="purchase-done">
            {tm('done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button type="primary" loading={busy} onClick={submit} data-testid="purchase-submit">
              {tm('submit')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <div data-testid="purchase-result" data-id={result.id}>
          <Alert type={result.checksPassed ? 'success' : 'warning'} showIcon title={tm('submitted')} style={{ marginBottom: 12 }} />
          <CheckList checks={result.checks} testId="purchase-checks" />
          {!result.checksPassed ? <p style={{ color: '#888', marginTop: 8 }}>{tm('failedNote')}</p> : null}
          {result.instanceId ? <Link to={`/approvals/${result.instanceId}`}>{t('viewApproval')}</Link> : null}
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="purchase-form"
          initialValues={{
            orgId: activeOrg ?? me?.orgId,
            type: 'other',
            bodyType: 'sedan',
            energy: 'electric',
            domestic: true,
            leaderFixed: false,
            replacing: false,
            seats: 5,
          }}
        >
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="purchase-error" /> : null}
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="orgId" label={tm('orgHint')} rules={[{ required: true }]}>
                <UnitSelect testId="purchase-form-org" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`vehicleType.${v}`), VEHICLE_TYPES)} data-testid="purchase-form-type" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={12} sm={6}>
              <Form.Item name="bodyType" label={t('bodyType')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`bodyType.${v}`), BODY_TYPES)} data-testid="purchase-form-body" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="energy" label={t('energy')} rules={[{ required: true }]}>
                <Select options={enumOptions((v) => t(`energy.${v}`), ENERGIES)} data-testid="purchase-form-energy" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="displacement" label={t('displacement')} rules={[{ required: !!energy && energy !== 'electric' }]}>
                <InputNumber
                  min={0.1}
                  max={20}
                  step={0.1}
                  precision={1}
                  disabled={energy === 'electric'}
                  style={{ width: '100%' }}
                  data-testid="purchase-form-displacement"
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100000000} precision={2} style={{ width: '100%' }} data-testid="purchase-form-price" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item name="model" label={t('model')}>
                <Input maxLength={60} data-testid="purchase-form-model" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={4}>
              <Form.Item name="seats" label={t('seats')}>
                <InputNumber min={1} max={80} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="domestic" label=" " valuePropName="checked">
                <Checkbox data-testid="purchase-form-domestic">{t('domestic')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="leaderFixed" label=" " valuePropName="checked">
                <Checkbox data-testid="purchase-form-leader">{t('leaderFixed')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="replacing" label={tm('kind')}>
                <Select
                  options={[
                    { value: false, label: tm('purchase') },
                    { value: true, label: tm('replace') },
                  ]}
                  data-testid="purchase-form-kind"
                />
              </Form.Item>
            </Col>
            {replacing ? (
              <Col xs={24} sm={16}>
                <Form.Item name="replacesVehicleId" label={tm('replaces')} rules={[{ required: true }]}>
                  <VehicleSelect vehicles={(vehicles.data ?? []).filter((x) => !x.replacedById)} loading={vehicles.isLoading} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          {type === 'law_enforcement' ? (
            <Form.Item name="whereNeeded" valuePropName="checked" extra={tm('whereNeededHint')}>
              <Checkbox data-testid="purchase-form-where-needed">{tm('whereNeeded')}</Checkbox>
            </Form.Item>
          ) : null}
          {type === 'law_enforcement' && whereNeeded ? (
            <Form.Item name="whereNeededReason" label={tm('whereNeededReason')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="purchase-form-where-needed-reason" />
            </Form.Item>
          ) : null}
          {fuel ? (
            <Form.Item name="fuelReason" label={tm('fuelReason')} extra={tm('fuelHint')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="purchase-form-fuel-reason" />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={tm('reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="purchase-form-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function PurchaseDrawer(props: { id: number | null; onClose: () => void; onDeliver?: (r: TPurchase) => void }) {
  const t = vehicleMessages.useT();
  const tm = purchaseMessages.useT();
  const q = useApiQuery(vehiclesApi.purchase, { params: { id: props.id! } }, { enabled: !!props.id });
  const r = q.data;
  return (
    <Drawer open={!!props.id} onClose={props.onClose} title={tm('detail')} size="min(640px, 100vw)" destroyOnHidden>
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !r ? (
        <Loading />
      ) : (
        <div data-testid="purchase-drawer">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <StatusTag status={r.status} kind="flow" />
            </Descriptions.Item>
            <Descriptions.Item label={t('type')}>
              {t(`vehicleType.${r.type}`)}
              {r.leaderFixed ? ` · ${t('leaderFixed')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('bodyType')}>{t(`bodyType.${r.bodyType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('energy')}>
              {t(`energy.${r.energy}`)}
              {r.displacement ? ` · ${r.displacement} L` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('price')}>{formatMoney(r.price)}</Descriptions.Item>
            <Descriptions.Item label={t('model')}>{r.model ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('domestic')}>{r.domestic ? t('yes') : t('no')}</Descriptions.Item>
            <Descriptions.Item label={tm('reason')} span={2}>
              {r.reason}
            </Descriptions.Item>
            {r.fuelReason ? (
              <Descriptions.Item label={tm('fuelReason')} span={2}>
                {r.fuelReason}
              </Descriptions.Item>
            ) : null}
            {r.vehicleId ? (
              <Descriptions.Item label={tm('vehicle')} span={2}>
                <Link to={`/vehicles/register?id=${r.vehicleId}`}>#{r.vehicleId}</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>
            {t('checks')} <span style={{ color: '#888', fontSize: 12, fontWeight: 400 }}>{tm('ruleVersion', { v: r.ruleVersion })}</span>
          </h3>
          <CheckList checks={r.checks} testId="purchase-drawer-checks" />
          <Space style={{ marginTop: 16 }}>
            {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>{t('viewApproval')}</Link> : null}
            {props.onDeliver && r.status === 'approved' ? (
              <Button type="primary" onClick={() => props.onDeliver!(r)}>
                {tm('deliver')}
              </Button>
            ) : null}
          </Space>
        </div>
      )}
    </Drawer>
  );
}

function DeliverModal(props: { request: TPurchase | null; onClose: () => void }) {
  const t = vehicleMessages.useT();
  const tm = purchaseMessages.useT();
  const deliver = useApiMutation(vehiclesApi.deliver, { invalidates: PURCHASE_VIEWS });
  const [form] = Form.useForm();
  const r = props.request;
  return (
    <FormModal
      open={!!r}
      title={tm('deliverTitle', { model: r?.model ?? (r ? t(`bodyType.${r.bodyType}`) : '') })}
      onClose={props.onClose}
      form={form}
      width={680}
      initialValues={{
        price: r?.price,
        seats: r?.seats ?? 5,
        displacement: r?.displacement,
        model: r?.model,
        purchaseDate: dayjs(),
        odometerKm: 0,
        marking: 'official',
      }}
      onSubmit={(v) =>
        deliver.mutateAsync({
          params: { id: r!.id },
          body: {
            plate: normalisePlate(v.plate),
            purchaseDate: v.purchaseDate.format('YYYY-MM-DD'),
            price: v.price,
            brand: v.brand,
            model: v.model,
            seats: v.seats,
            displacement: r!.energy === 'electric' ? null : (v.displacement ?? null),
            odometerKm: v.odometerKm ?? 0,
            marking: v.marking,
            supervisionPhone: v.marking === 'exempt' ? null : v.supervisionPhone,
            markingExemptReason: v.marking === 'exempt' ? v.markingExemptReason : null,
          },
        })
      }
    >
      <Alert type="info" showIcon title={tm('deliverHint')} style={{ marginBottom: 12 }} />
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="plate" label={t('plate')} rules={[{ required: true }, plateRule()]}>
            <Input maxLength={16} placeholder={tm('platePlaceholder')} data-testid="deliver-plate" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="brand" label={t('brand')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="model" label={t('model')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} sm={6}>
          <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
            <InputNumber<string> stringMode min="0" max={r?.price} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="purchaseDate" label={t('purchaseDate')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={4}>
          <Form.Item name="seats" label={t('seats')} rules={[{ required: true }]}>
            <InputNumber min={1} max={80} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {r?.energy !== 'electric' ? (
          <Col xs={12} sm={4}>
            <Form.Item name="displacement" label={t('displacement')} rules={[{ required: true }]}>
              <InputNumber min={0.1} max={20} step={0.1} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} sm={4}>
          <Form.Item name="odometerKm" label={t('odometer')}>
            <InputNumber min={0} max={5000000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <MarkingFields form={form} />
    </FormModal>
  );
}
