import { Alert, Button, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { VehicleSelect, useVehicleOptions } from '../vehicles';
import { type TFuelCard, errorLines } from './costs-i18n';

/** The fuel-card dialog's messages. */
export const fuelCardMessages = defineMessages('vehicleCosts.fuelCards', {
  title: { zh: '油卡管理', en: 'Fuel cards' },
  cardNo: { zh: '油卡号', en: 'Card number' },
  vehicle: { zh: '绑定车辆', en: 'Vehicle' },
  note: { zh: '备注', en: 'Note' },
  save: { zh: '绑定', en: 'Assign' },
  unassign: { zh: '解绑', en: 'Unassign' },
  hint: {
    zh: '加油卡对账单按卡号匹配车辆：导入前请先把每张卡绑定到车辆。',
    en: 'Fuel-card statements are matched to vehicles by card number: assign each card before importing.',
  },
  none: { zh: '未绑定', en: 'Not assigned' },
  errorSep: { zh: '；', en: '; ' },
});

/** Fuel cards and the vehicles they are bound to (the statement import matches on them). */
export function FuelCardsModal(props: { open: boolean; onClose: () => void }) {
  const t = fuelCardMessages.useT();
  const [form] = Form.useForm<{ cardNo: string; vehicleId: number; note?: string }>();
  const [error, setError] = useState<string[] | null>(null);
  const cards = useApiQuery(vehicleCostsApi.fuelCards, {}, { enabled: props.open });
  const assign = useApiMutation(vehicleCostsApi.setFuelCard, { invalidates: [vehicleCostsApi.fuelCards] });
  const vehicles = useVehicleOptions({}, props.open);
  const set = async (cardNo: string, vehicleId: number | null, note?: string) => {
    setError(null);
    try {
      await assign.mutateAsync({ params: { cardNo }, body: { vehicleId, note: note || null } });
      form.resetFields();
    } catch (e) {
      setError(errorLines(e));
    }
  };
  return (
    <Modal open={props.open} onCancel={props.onClose} footer={null} title={t('title')} width={760} destroyOnHidden>
      <Alert type="info" showIcon title={t('hint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="inline" onFinish={(v) => set(v.cardNo.trim(), v.vehicleId, v.note)} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="cardNo" rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('cardNo')} maxLength={40} data-testid="fuel-card-no" />
        </Form.Item>
        <Form.Item name="vehicleId" rules={[{ required: true }]} style={{ minWidth: 260 }}>
          <VehicleSelect
            vehicles={(vehicles.data ?? []).filter((v) => v.status !== 'disposed')}
            loading={vehicles.isLoading}
            placeholder={t('vehicle')}
            testId="fuel-card-vehicle"
          />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder={t('note')} maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="fuel-card-save">
          {t('save')}
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error.join(t('errorSep'))} style={{ marginBottom: 12 }} /> : null}
      <Table<TFuelCard>
        rowKey="cardNo"
        size="small"
        loading={cards.isLoading}
        dataSource={cards.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        data-testid="fuel-card-table"
        columns={[
          { title: t('cardNo'), dataIndex: 'cardNo' },
          { title: t('vehicle'), dataIndex: 'plate', render: (p: string | null) => p ?? t('none') },
          { title: t('note'), dataIndex: 'note' },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r) =>
              r.vehicleId ? (
                <Space>
                  <Button size="small" onClick={() => set(r.cardNo, null, r.note ?? undefined)}>
                    {t('unassign')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Modal>
  );
}
