import { DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import { REPAIR_KINDS } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import type { RouteBody } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { call, useApiQuery } from '../../shared/typedApi';
import { DraftUpload } from '../../shared/ui/Attachments';
import { FormModal } from '../../shared/ui/FormModal';
import { UnitSelect, enumOptions, fmtArea, officeMessages } from './common';
import { round2, useAreaShare, ymd } from './repairs-common';
import { repairsMessages } from './repairs.i18n';

/** The request for a repair (检查鉴定 and the application): its building, kind, budget, added area within the rule, dates and files. */
export function RepairRequestModal(props: { open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const { me, hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [form] = Form.useForm();
  const share = useAreaShare();
  const created = useRef<number | null>(null);
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const buildingId = Form.useWatch('buildingId', form) as number | undefined;
  const kind = Form.useWatch('kind', form) as string | undefined;
  const buildingsQ = useApiQuery(officeApi.buildings, { query: { orgId } }, { enabled: props.open && !!orgId });
  const buildings = { ...buildingsQ, data: buildingsQ.data?.items };
  const options = (buildings.data ?? []).filter((b) => b.rooms > 0 || hasPermission('office.manage'));
  const building = options.find((b) => b.id === buildingId);
  const max = building ? (kind === 'major' ? round2(building.grossArea * share) : 0) : null;
  useEffect(() => {
    if (kind && kind !== 'major') form.setFieldValue('addedArea', 0);
  }, [kind, form]);
  const pct = round2(share * 100);
  return (
    <FormModal
      open={props.open}
      title={t('new')}
      onClose={props.onClose}
      onSaved={() => {
        if (created.current) props.onSaved(created.current);
      }}
      form={form}
      width={720}
      initialValues={{ orgId: activeOrg ?? me?.orgId, kind: 'routine', addedArea: 0 }}
      onSubmit={async (v) => {
        const r = await call(officeApi.createRepair, {
          body: {
            ...v,
            addedArea: v.addedArea ?? 0,
            plannedStart: ymd(v.plannedStart),
            plannedEnd: ymd(v.plannedEnd),
            fileIds: v.fileIds ?? [],
          } as RouteBody<typeof officeApi.createRepair>,
        });
        created.current = r.id;
      }}
    >
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
          <UnitSelect testId="repair-form-org" onChange={() => form.setFieldValue('buildingId', undefined)} />
        </Form.Item>
        <Form.Item name="buildingId" label={tc('building')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 260 }}
            loading={buildings.isFetching}
            data-testid="repair-form-building"
            options={options.map((b) => ({
              value: b.id,
              label: t('buildingWithArea', { name: `${b.siteName} ${b.name}`, area: fmtArea(b.grossArea) }),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('project')} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="repair-form-title" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={enumOptions((v) => t(`kind.${v}`), REPAIR_KINDS)} data-testid="repair-form-kind" />
        </Form.Item>
        <Form.Item name="budget" label={t('budget')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1e10} precision={2} style={{ width: 170 }} data-testid="repair-form-budget" />
        </Form.Item>
        <Form.Item
          name="addedArea"
          label={t('addedArea')}
          rules={[
            {
              validator: async (_, v: number | null) => {
                if (max !== null && (v ?? 0) > max) throw new Error(t('addedOver', { m: fmtArea(max) }));
              },
            },
          ]}
        >
          <InputNumber min={0} precision={2} disabled={kind !== 'major'} style={{ width: 150 }} data-testid="repair-form-added" />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="repair-form-cap" data-max={max ?? ''}>
        {!building
          ? t('pickBuilding')
          : kind === 'major'
            ? t('addedHintMajor', { p: pct, g: fmtArea(building.grossArea), m: fmtArea(max) })
            : t('addedHintOther')}
      </Typography.Paragraph>
      <Space wrap>
        <Form.Item name="plannedStart" label={t('plannedStart')} rules={[{ required: true }]}>
          <DatePicker data-testid="repair-form-start" />
        </Form.Item>
        <Form.Item
          name="plannedEnd"
          label={t('plannedEnd')}
          dependencies={['plannedStart']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_, v: dayjs.Dayjs | undefined) => {
                const s = getFieldValue('plannedStart') as dayjs.Dayjs | undefined;
                if (v && s && v.isBefore(s, 'day')) throw new Error(t('plannedEnd'));
              },
            }),
          ]}
        >
          <DatePicker data-testid="repair-form-end" />
        </Form.Item>
      </Space>
      <Form.Item name="assessment" label={t('assessment')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="repair-form-assessment" />
      </Form.Item>
      <Form.Item name="scope" label={t('scope')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="fileIds" label={t('files')}>
        <DraftUpload ownerType="office_repair" testId="repair-form-files" />
      </Form.Item>
    </FormModal>
  );
}
