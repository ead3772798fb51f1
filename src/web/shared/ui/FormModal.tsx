import { Form, type FormInstance, Modal, message } from 'antd';
import { type ReactNode, useState } from 'react';
import { defineMessages } from '../i18n';
import { showFieldErrors } from './formErrors';

const formMessages = defineMessages('form', { saved: { zh: '已保存', en: 'Saved' } });

/**
 * A modal form that validates, submits once (the OK button spins meanwhile), reports the
 * server's error in the user's language and closes on success — the shape of every small
 * "new / edit / close" dialog.
 */
// biome-ignore lint/suspicious/noExplicitAny: antd form values are whatever the fields hold (dayjs dates, arrays …)
type FormValues = Record<string, any>;

export function FormModal<V = FormValues>(props: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  onSaved?: () => void;
  form?: FormInstance;
  initialValues?: object;
  width?: number;
  afterOpenChange?: (open: boolean) => void;
  children: ReactNode;
}) {
  const t = formMessages.useT();
  const [own] = Form.useForm();
  const form = props.form ?? own;
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={props.width}
      afterOpenChange={props.afterOpenChange}
      onOk={() =>
        form.validateFields().then(async (values: V) => {
          setBusy(true);
          try {
            await props.onSubmit(values);
            message.success(t('saved'));
            props.onSaved?.();
            props.onClose();
          } catch (e) {
            // Field errors go under their fields; the toast names no internal field.
            message.error(showFieldErrors(e, form));
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={props.initialValues as never}>
        {props.children}
      </Form>
    </Modal>
  );
}
