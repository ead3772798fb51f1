import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { COST_KINDS, type TCostKind, type VENDOR_KINDS } from '../../../contracts/modules/vehicle-costs';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { call } from '../../shared/typedApi';
import { useLocale } from '../../shared/i18n';
import { DateTimeInput, localToIso, toLocalInput, vehicleMessages } from '../vehicles';
import { VehicleSelect, useVehicleOptions } from '../vehicles';
import { type TCostRecord, errorLines, fieldErrors, useFuelCards, useVendors, costMessages } from './costs-i18n';
import { formatMoney, sumYuan } from '../../shared/money';
import { cnToday } from '../../shared/dates';

import { VendorInput, previewFlag } from './VendorInput';
import { recordMessages } from './records-i18n';

export type FormKind = TCostKind;
/** The route that records one kind of cost. */
type CreateRoute = (typeof vehicleCostsApi)[
  | 'createRefuel'
  | 'createRepair'
  | 'createInsurance'
  | 'createInspection'
  | 'createToll'
  | 'createOther'];

/** Date pickers that hold a YYYY-MM-DD string in the form. */
const dateField = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

const VENDOR_KIND: Partial<Record<FormKind, (typeof VENDOR_KINDS)[number]>> = {
  fuel: 'fuel',
  charging: 'charging',
  repair: 'repair',
  insurance: 'insurance',
};

/**
 * The entry form for one kind of cost. The server validates everything: a 4xx is shown in a
 * banner (with each field's message placed under its field) and nothing is saved.
 */
export function CostEntryModal(props: { kind: FormKind | null; onKind: (k: FormKind) => void; onClose: () => void; onSaved: () => void }) {
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const tr = recordMessages.useT();
  const { locale } = useLocale();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const kind = props.kind ?? 'fuel';
  const vehicleId = Form.useWatch('vehicleId', form) as number | undefined;
  const vendorName = Form.useWatch('vendor', form) as string | undefined;
  const items = Form.useWatch('items', form) as { parts?: number; labour?: number }[] | undefined;
  const vehicles = useVehicleOptions({}, !!props.kind);
  const vendorKind = VENDOR_KIND[kind];
  const vendors = useVendors(vendorKind ? [vendorKind] : [], !!props.kind && !!vendorKind);
  const cards = useFuelCards(kind === 'fuel' ? vehicleId : undefined);
  const flag = vendorKind ? previewFlag(vendors.data ?? [], vendorName) : { vendor: null, flag: null };
  const sums = useMemo(() => {
    // Added in fen, as the server does (the inputs hold at most two decimals).
    const parts = sumYuan((items ?? []).map((i) => i?.parts ?? 0));
    const labour = sumYuan((items ?? []).map((i) => i?.labour ?? 0));
    return { parts, labour, sum: sumYuan([parts, labour]) };
  }, [items]);
  const inScope = (vehicles.data ?? []).filter((v) => v.status !== 'disposed');
  const now = toLocalInput(dayjs());
  const initial = {
    at: now,
    date: cnToday(),
    items: [{}],
    coverage: 'compulsory',
    passed: true,
    amount: undefined,
  };
  const req = { required: true, message: tr('required') };

  const vendorRef = () => {
    const name = (vendorName ?? '').trim();
    return flag.vendor ? { vendorId: flag.vendor.id } : { vendorName: name || undefined };
  };
  const bodyOf = (v: Record<string, unknown>): [CreateRoute, Record<string, unknown>] => {
    const base = { vehicleId: v.vehicleId };
    const opt = (x: unknown) => (x === '' || x === undefined ? undefined : x);
    switch (kind) {
      case 'fuel':
      case 'charging':
        return [
          vehicleCostsApi.createRefuel,
          {
            ...base,
            kind,
            at: v.at ? localToIso(v.at as string) : undefined,
            quantity: v.quantity,
            amount: v.amount,
            ...vendorRef(),
            cardNo: opt(v.cardNo),
            odometerKm: opt(v.odometerKm),
            note: opt(v.note),
          },
        ];
      case 'repair':
        return [
          vehicleCostsApi.createRepair,
          {
            ...base,
            date: v.date,
            items: ((v.items as { name: string; parts?: number; labour?: number }[]) ?? []).map((i) => ({
              name: i.name,
              parts: i.parts ?? 0,
              labour: i.labour ?? 0,
            })),
            ...vendorRef(),
            odometerKm: opt(v.odometerKm),
            reason: opt(v.reason),
            note: opt(v.note),
          },
        ];
      case 'insurance':
        return [
          vehicleCostsApi.createInsurance,
          {
            ...base,
            ...vendorRef(),
            policyNo: v.policyNo,
            coverage: v.coverage,
            start: v.start,
            end: v.end,
            premium: v.premium,
            note: opt(v.note),
          },
        ];
      case 'inspection':
        return [
          vehicleCostsApi.createInspection,
          {
            ...base,
            date: v.date,
            nextDue: v.nextDue,
            amount: v.amount ?? 0,
            station: opt(v.station),
            passed: v.passed,
            note: opt(v.note),
          },
        ];
      case 'toll':
        return [
          vehicleCostsApi.createToll,
          {
            ...base,
            at: v.at ? localToIso(v.at as string) : undefined,
            entry: v.entry,
            exit: v.exit,
            amount: v.amount,
            transactionId: opt(v.transactionId),
          },
        ];
      default:
        return [
          vehicleCostsApi.createOther,
          {
            ...base,
            kind,
            at: v.at ? localToIso(v.at as string) : undefined,
            amount: v.amount,
            payee: opt(v.payee),
            description: v.description,
          },
        ];
    }
  };
  // Server field names → the form's (the vendor fields show under the vendor input).
  const formName = (name: (string | number)[]) => {
    if (name[0] === 'vendorId' || name[0] === 'vendorName') return ['vendor'];
    if (name[0] === 'premium' && kind !== 'insurance') return ['amount'];
    return name;
  };
  const submit = async () => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const [route, body] = bodyOf(v);
    try {
      // The body is built per kind from the form's fields; the server's contract checks it.
      const r = (await call(route, { body } as never)) as TCostRecord;
      if (r.status === 'pending') message.info(tr('savedPending', { amount: formatMoney(r.amount) }), 8);
      else if (r.vendorFlag) message.warning(tr('savedFlag', { vendor: r.vendorName ?? '', flag: t(`vendorFlag.${r.vendorFlag}`) }), 8);
      else message.success(tr('saved', { plate: r.plate, kind: t(`costKind.${r.kind}`), amount: formatMoney(r.amount) }));
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(errorLines(e));
      const known = new Set(Object.keys(form.getFieldsValue(true)));
      form.setFields(
        fieldErrors(e, (n) => known.has(String(formName(n)[0]))).map((f) => ({ name: formName(f.name) as never, errors: f.errors })),
      );
    } finally {
      setBusy(false);
    }
  };
  const vehicleField = (
    <Col xs={24} sm={12}>
      <Form.Item name="vehicleId" label={tr('vehicle')} rules={[req]}>
        <VehicleSelect vehicles={inScope} loading={vehicles.isLoading} testId="cost-vehicle" placeholder={tr('pickVehicle')} />
      </Form.Item>
    </Col>
  );
  const timeField = (
    <Col xs={24} sm={12}>
      <Form.Item name="at" label={t('time')} rules={[req]}>
        <DateTimeInput testId="cost-at" />
      </Form.Item>
    </Col>
  );
  const dateItem = (name: string, label: string, testId: string, extra: object[] = []) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={[req, ...extra]} {...dateField}>
        <DatePicker style={{ width: '100%' }} data-testid={testId} />
      </Form.Item>
    </Col>
  );
  const amountItem = (name = 'amount', label = t('amount'), positive = true, required = true) => (
    <Col xs={24} sm={12}>
      <Form.Item
        name={name}
        label={label}
        rules={[
          ...(required ? [req] : []),
          ...(positive
            ? [
                {
                  validator: (_: unknown, x?: number) =>
                    x === undefined || x === null || x > 0 ? Promise.resolve() : Promise.reject(new Error(tr('positive'))),
                },
              ]
            : []),
        ]}
      >
        <InputNumber min={0} precision={2} step={10} style={{ width: '100%' }} data-testid={`cost-${name}`} />
      </Form.Item>
    </Col>
  );
  const vendorItem = (label: string) => (
    <Col xs={24}>
      <Form.Item name="vendor" label={label} rules={[req]} extra={tr('stationHint')}>
        <VendorInput vendors={vendors.data ?? []} testId="cost-vendor" />
      </Form.Item>
      {flag.flag ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: -12, marginBottom: 12 }}
          data-testid="vendor-flag-hint"
          data-flag={flag.flag}
          title={tr('flagHint', { name: (vendorName ?? '').trim(), flag: t(`vendorFlag.${flag.flag}`) })}
        />
      ) : null}
    </Col>
  );
  const noteItem = (name = 'note', label = tv('note')) => (
    <Col xs={24}>
      <Form.Item name={name} label={label}>
        <Input.TextArea rows={2} maxLength={500} data-testid={`cost-${name}`} />
      </Form.Item>
    </Col>
  );

  let fields: React.ReactNode;
  switch (kind) {
    case 'fuel':
    case 'charging':
      fields = (
        <>
          {vehicleField}
          {timeField}
          <Col xs={24} sm={12}>
            <Form.Item
              name="quantity"
              label={kind === 'fuel' ? tr('litres') : tr('kwh')}
              rules={[
                req,
                {
                  validator: (_, x?: number) =>
                    x === undefined || x === null || x > 0 ? Promise.resolve() : Promise.reject(new Error(tr('positive'))),
                },
              ]}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="cost-quantity" />
            </Form.Item>
          </Col>
          {amountItem()}
          {vendorItem(tr('station'))}
          {kind === 'fuel' ? (
            <Col xs={24} sm={12}>
              <Form.Item name="cardNo" label={t('card')} extra={tr('cardHint')}>
                <AutoComplete data-testid="cost-card" options={(cards.data ?? []).map((c) => ({ value: c.cardNo }))} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item name="odometerKm" label={t('odometer')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="cost-odometer" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'repair':
      fields = (
        <>
          {vehicleField}
          {dateItem('date', t('date'), 'cost-date')}
          {vendorItem(tr('shop'))}
          <Col xs={24}>
            <div className="ant-form-item-label" style={{ paddingBottom: 8 }}>
              <span className="ant-form-item-required">{tr('items')}</span>
            </div>
            <Form.List name="items">
              {(list, { add, remove }, { errors }) => (
                <div data-testid="repair-items">
                  <div className="vc-repair-line vc-repair-head">
                    <span>{tr('itemName')}</span>
                    <span>{tr('parts')}</span>
                    <span>{tr('labour')}</span>
                    <span />
                  </div>
                  {list.map((f, i) => (
                    <div className="vc-repair-line" key={f.key}>
                      <Form.Item name={[f.name, 'name']} rules={[req]}>
                        <Input placeholder={tr('itemName')} data-testid={`repair-name-${i}`} maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'parts']}>
                        <InputNumber
                          min={0}
                          precision={2}
                          placeholder={tr('parts')}
                          style={{ width: '100%' }}
                          data-testid={`repair-parts-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'labour']}>
                        <InputNumber
                          min={0}
                          precision={2}
                          placeholder={tr('labour')}
                          style={{ width: '100%' }}
                          data-testid={`repair-labour-${i}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        disabled={list.length === 1}
                        onClick={() => remove(f.name)}
                        aria-label={tr('removeItem')}
                      />
                    </div>
                  ))}
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="repair-add-item">
                      {tr('addItem')}
                    </Button>
                    <span className="vc-sum" data-testid="repair-sum" data-sum={sums.sum}>
                      {tr('sum', { sum: formatMoney(sums.sum), parts: formatMoney(sums.parts), labour: formatMoney(sums.labour) })}
                    </span>
                  </Space>
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
            <Alert type="info" showIcon title={tr('repairHint')} style={{ margin: '8px 0 12px' }} />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="odometerKm" label={t('odometer')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="cost-odometer" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="reason" label={tr('reason')}>
              <Input maxLength={500} data-testid="cost-reason" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'insurance':
      fields = (
        <>
          {vehicleField}
          <Col xs={24} sm={12}>
            <Form.Item name="policyNo" label={tr('policyNo')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-policy" />
            </Form.Item>
          </Col>
          {vendorItem(tr('insurer'))}
          <Col xs={24} sm={12}>
            <Form.Item name="coverage" label={tr('coverage')} rules={[req]}>
              <Select
                data-testid="cost-coverage"
                options={(['compulsory', 'commercial'] as const).map((c) => ({ value: c, label: tr(`cov.${c}`) }))}
              />
            </Form.Item>
          </Col>
          {amountItem('premium', tr('premium'), false)}
          {dateItem('start', tr('policyStart'), 'cost-start')}
          {dateItem('end', tr('policyEnd'), 'cost-end', [
            ({ getFieldValue }: { getFieldValue: (n: string) => string | undefined }) => ({
              validator: (_: unknown, v?: string) =>
                !v || !getFieldValue('start') || v > getFieldValue('start')!
                  ? Promise.resolve()
                  : Promise.reject(new Error(tr('endAfter'))),
            }),
          ])}
          {noteItem()}
        </>
      );
      break;
    case 'inspection':
      fields = (
        <>
          {vehicleField}
          {dateItem('date', t('date'), 'cost-date')}
          {dateItem('nextDue', tr('nextDue'), 'cost-next-due', [
            ({ getFieldValue }: { getFieldValue: (n: string) => string | undefined }) => ({
              validator: (_: unknown, v?: string) =>
                !v || !getFieldValue('date') || v > getFieldValue('date')! ? Promise.resolve() : Promise.reject(new Error(tr('dueAfter'))),
            }),
          ])}
          {amountItem('amount', t('amount'), false, false)}
          <Col xs={24} sm={12}>
            <Form.Item name="station" label={tr('station2')}>
              <Input maxLength={100} data-testid="cost-station" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="passed" label={tr('passed')} valuePropName="checked">
              <Switch data-testid="cost-passed" />
            </Form.Item>
          </Col>
          {noteItem()}
        </>
      );
      break;
    case 'toll':
      fields = (
        <>
          {vehicleField}
          {timeField}
          <Col xs={12}>
            <Form.Item name="entry" label={tr('entry')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-entry" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="exit" label={tr('exit')} rules={[req]}>
              <Input maxLength={60} data-testid="cost-exit" />
            </Form.Item>
          </Col>
          {amountItem('amount', t('amount'), false)}
          <Col xs={24} sm={12}>
            <Form.Item name="transactionId" label={tr('txn')}>
              <Input maxLength={60} data-testid="cost-txn" />
            </Form.Item>
          </Col>
        </>
      );
      break;
    default:
      fields = (
        <>
          {vehicleField}
          {timeField}
          {amountItem()}
          <Col xs={24} sm={12}>
            <Form.Item name="payee" label={tr('payee')}>
              <Input maxLength={100} data-testid="cost-payee" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={tr('description')} rules={[req]}>
              <Input maxLength={200} data-testid="cost-description" />
            </Form.Item>
          </Col>
        </>
      );
  }

  return (
    <Modal
      open={!!props.kind}
      title={tr('addKind', { kind: t(`costKind.${kind}`) })}
      onCancel={props.onClose}
      width={720}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) setError(null);
      }}
      footer={[
        <Button key="c" onClick={props.onClose}>
          {tv('cancel')}
        </Button>,
        <Button key="s" type="primary" loading={busy} onClick={submit} data-testid="cost-submit">
          {tr('save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="cost-form" data-kind={kind} data-locale={locale}>
        <Form.Item label={t('kind')}>
          <Select
            value={kind}
            data-testid="cost-kind"
            onChange={(k: FormKind) => {
              setError(null);
              // Keep the vehicle; the other fields belong to the kind.
              const keep = form.getFieldValue('vehicleId');
              form.resetFields();
              form.setFieldsValue({ vehicleId: keep });
              props.onKind(k);
            }}
            options={COST_KINDS.map((k) => ({ value: k, label: t(`costKind.${k}`) }))}
          />
        </Form.Item>
        {error ? (
          <Alert
            type="error"
            showIcon
            data-testid="cost-error"
            style={{ marginBottom: 12 }}
            title={`${tr('failed')}：${error[0]}`}
            description={
              error.length > 1 ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {error.slice(1).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : null
            }
          />
        ) : null}
        <Row gutter={12}>{fields}</Row>
      </Form>
    </Modal>
  );
}
