import { RemoteSelect } from '../../shared/ui/RemoteSelect';
import { Checkbox, Col, DatePicker, Form, type FormInstance, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { END_USES, ENERGY_TYPES, ENERGY_UNITS, METER_KINDS, METER_STATUSES, type TEnergyType } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { officeApi } from '../../../contracts/modules/office-space.api';
import type { RouteBody } from '../../../contracts/route';
import { call, useApiQuery } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { EnergyUnitSelect, type TMeter, commonMessages, enumOptions, unitLabel } from './common';
import { meterMessages } from './meters.i18n';

/** Keeps the unit of measure among those the energy type allows (the first is the type's base unit). */
function UnitField({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const type = Form.useWatch('energyType', form) as TEnergyType | undefined;
  const allowed = type ? ENERGY_UNITS[type] : [];
  useEffect(() => {
    const unit = form.getFieldValue('unit');
    if (type && !ENERGY_UNITS[type].includes(unit)) form.setFieldValue('unit', ENERGY_UNITS[type][0]);
  }, [type, form]);
  return (
    <Form.Item name="unit" label={t('unit')} rules={[{ required: true }]}>
      <Select disabled={disabled} data-testid="meter-form-unit" options={allowed.map((u) => ({ value: u, label: unitLabel(tc, u) }))} />
    </Form.Item>
  );
}

function ParentField({ form, self, parentName, disabled }: { form: FormInstance; self?: number; parentName?: string; disabled?: boolean }) {
  const t = meterMessages.useT();
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const energyType = Form.useWatch('energyType', form) as string | undefined;
  return (
    <Form.Item name="parentId" label={t('parent')} extra={t('parentHint')}>
      <RemoteSelect
        key={`${orgId}-${energyType}`}
        route={energyApi.listMeters}
        query={{ orgId, energyType, kind: 'register', status: 'active' }}
        allowClear
        disabled={disabled || !orgId || !energyType}
        selectedLabel={parentName}
        testId="meter-form-parent"
        option={(m) => ({ value: m.id, label: `${m.name}${m.code ? ` · ${m.code}` : ''}`, disabled: m.id === self })}
      />
    </Form.Item>
  );
}

/** The building the meter serves (office registry); picking it sets the site too. Hidden when the registry cannot be read. */
function BuildingField({ form }: { form: FormInstance }) {
  const t = meterMessages.useT();
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  // The office registry's list (its route table is shared through the contracts, not its web module).
  const buildings = useApiQuery(officeApi.buildings, { query: { orgId } }, { enabled: !!orgId, retry: false });
  if (buildings.error) return null;
  return (
    <>
      <Form.Item name="siteId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="buildingId" label={t('building')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={buildings.isLoading}
          data-testid="meter-form-building"
          onChange={(id?: number) => form.setFieldValue('siteId', buildings.data?.items.find((b) => b.id === id)?.siteId ?? null)}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.siteName} · ${b.name}` }))}
        />
      </Form.Item>
    </>
  );
}

/** Follows the parent: a sub-meter does not count in totals unless the user says so. */
function InTotalField({ form }: { form: FormInstance }) {
  const t = meterMessages.useT();
  const parentId = Form.useWatch('parentId', form);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched) form.setFieldValue('inTotal', !parentId);
  }, [parentId, touched, form]);
  return (
    <Form.Item name="inTotal" label=" " valuePropName="checked" extra={t('inTotalHint')}>
      <Checkbox onChange={() => setTouched(true)} data-testid="meter-form-in-total">
        {t('inTotal')}
      </Checkbox>
    </Form.Item>
  );
}

const METER_FIELDS = [
  'name',
  'code',
  'unit',
  'siteId',
  'buildingId',
  'parentId',
  'endUse',
  'multiplier',
  'rolloverValue',
  'inTotal',
  'intervalMinutes',
  'installedOn',
  'note',
  'status',
] as const;

export function MeterModal(props: { meter: TMeter | 'new'; defaultOrg?: number; onClose: () => void; onSaved: () => void }) {
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
  const [form] = Form.useForm();
  const isNew = props.meter === 'new';
  const m = props.meter === 'new' ? null : props.meter;
  const kind = Form.useWatch('kind', form);
  const initial = m
    ? { ...m, intervalMinutes: m.intervalMinutes ?? 0, installedOn: m.installedOn ? dayjs(m.installedOn) : undefined }
    : {
        orgId: props.defaultOrg,
        energyType: 'electricity',
        unit: 'kWh',
        kind: 'register',
        multiplier: 1,
        intervalMinutes: 0,
        inTotal: true,
      };
  return (
    <FormModal
      open
      title={isNew ? t('add') : `${t('edit')} · ${m?.name ?? ''}`}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      width={720}
      initialValues={initial}
      onSubmit={(x) => {
        const body: Record<string, unknown> = {
          ...x,
          code: x.code?.trim() || null,
          parentId: x.parentId ?? null,
          endUse: x.endUse ?? null,
          rolloverValue: x.rolloverValue ?? null,
          siteId: x.siteId ?? null,
          buildingId: x.buildingId ?? null,
          intervalMinutes: x.intervalMinutes || null,
          installedOn: x.installedOn ? (x.installedOn as Dayjs).format('YYYY-MM-DD') : null,
          note: x.note?.trim() || null,
        };
        if (isNew) return call(energyApi.createMeter, { body: body as RouteBody<typeof energyApi.createMeter> });
        // Only what changed: a meter with readings refuses changes to its metering properties.
        const changed: Record<string, unknown> = {};
        for (const k of METER_FIELDS) {
          const before = (m as Record<string, unknown>)[k] ?? null;
          const after = body[k] ?? null;
          if (k in body && before !== after) changed[k] = after;
        }
        return call(energyApi.updateMeter, { params: { id: m!.id }, body: changed as RouteBody<typeof energyApi.updateMeter> });
      }}
    >
      <div data-testid="meter-form">
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="meter-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="code" label={t('code')} rules={[{ pattern: /^[0-9A-Za-z_.\-/]{1,40}$/ }]}>
              <Input data-testid="meter-form-code" placeholder="E-0001" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
              <EnergyUnitSelect testId="meter-form-org" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="energyType" label={tc('energyType')} rules={[{ required: true }]}>
              <Select disabled={!isNew} data-testid="meter-form-type" options={enumOptions(tc, 'type', ENERGY_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <UnitField form={form} />
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="kind" label={tc('kind')} rules={[{ required: true }]}>
              <Select disabled={!isNew} data-testid="meter-form-kind" options={enumOptions(tc, 'kind', METER_KINDS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="intervalMinutes" label={t('interval')}>
              <Select
                disabled={kind === 'bill'}
                data-testid="meter-form-interval"
                options={[{ value: 0, label: t('manual') }, ...[15, 30, 60].map((n) => ({ value: n, label: t('everyN', { n }) }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <ParentField form={form} self={m?.id} parentName={m?.parentName ?? undefined} disabled={kind === 'bill'} />
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="endUse" label={t('endUse')}>
              <Select allowClear data-testid="meter-form-end-use" options={enumOptions(tc, 'use', END_USES)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="multiplier" label={t('multiplier')} rules={[{ required: true }]} tooltip={t('multiplierHint')}>
              <InputNumber min={0.0001} max={1000000} style={{ width: '100%' }} data-testid="meter-form-multiplier" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="rolloverValue" label={t('rollover')} tooltip={t('rolloverHint')}>
              <InputNumber min={1} max={1e12} style={{ width: '100%' }} disabled={kind === 'bill'} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="installedOn" label={t('installed')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <BuildingField form={form} />
          </Col>
          <Col xs={24} sm={12}>
            <InTotalField form={form} />
          </Col>
          {!isNew ? (
            <Col xs={24} sm={12}>
              <Form.Item name="status" label={tc('status')}>
                <Select options={enumOptions(tc, 'ms', METER_STATUSES)} data-testid="meter-form-status" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="note" label={tc('note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
