import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { TRepair } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { call } from '../../shared/typedApi';
import { DraftUpload } from '../../shared/ui/Attachments';
import { FormModal } from '../../shared/ui/FormModal';
import { ymd } from './repairs-common';
import { repairsMessages } from './repairs.i18n';
import { cnTodayDayjs } from '../../shared/dates';

/** Starting the works or accepting them (date, actual cost, conclusion, files). */
export function RepairProgressModal(props: {
  repair: TRepair;
  action: 'start' | 'complete' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = repairsMessages.useT();
  const [form] = Form.useForm();
  const complete = props.action === 'complete';
  return (
    <FormModal
      open={!!props.action}
      title={complete ? t('complete') : t('start')}
      onClose={props.onClose}
      onSaved={props.onSaved}
      form={form}
      initialValues={{ date: cnTodayDayjs() }}
      onSubmit={(v) =>
        call(officeApi.repairProgress, {
          params: { id: props.repair.id },
          body: {
            action: props.action!,
            date: ymd(v.date),
            actualCost: complete ? v.actualCost : undefined,
            acceptanceNote: complete ? v.acceptanceNote : undefined,
            fileIds: v.fileIds ?? [],
          },
        })
      }
    >
      <Form.Item name="date" label={complete ? t('completedOn') : t('startedOn')} rules={[{ required: true }]}>
        <DatePicker data-testid="progress-date" />
      </Form.Item>
      {complete ? (
        <>
          <Form.Item name="actualCost" label={t('actualCost')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1e10} precision={2} style={{ width: 200 }} data-testid="progress-cost" />
          </Form.Item>
          <Form.Item name="acceptanceNote" label={t('acceptance')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="progress-note" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="fileIds" label={t('progressFiles')}>
        <DraftUpload ownerType="office_repair" />
      </Form.Item>
    </FormModal>
  );
}
