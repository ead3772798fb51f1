import type { FormInstance } from 'antd';
import { ApiError } from '../api';
import { defineMessages } from '../i18n';

const m = defineMessages('formErrors', {
  checkFields: { zh: '请按标出的提示修改后再提交', en: 'Please correct the marked fields and submit again' },
  invalid: { zh: '输入有误：{messages}', en: 'Invalid input: {messages}' },
  sep: { zh: '；', en: '; ' },
});

type FieldIssue = { field: string; message: string };
const fieldsOf = (e: ApiError): FieldIssue[] => {
  const f = (e.details as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(f) ? (f as FieldIssue[]).filter((x) => typeof x?.field === 'string' && typeof x?.message === 'string') : [];
};
/** A server field path (`items.0.parts`) as an antd form name (['items', 0, 'parts']). */
const nameOf = (path: string) => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
const same = (a: (string | number)[], b: (string | number)[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Shows a 400's field errors where the user can act on them: each under its own form field
 * (the server's messages are in the user's language), so no field path — an internal name —
 * reaches the screen. Returns the line for the toast or banner: a prompt to fix the marked
 * fields, the messages of fields the form does not have, or the error's own message.
 */
export function showFieldErrors(e: unknown, form?: FormInstance): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  const issues = fieldsOf(e);
  if (!issues.length) return e.message;
  const registered = form ? form.getFieldsError().map((f) => f.name as (string | number)[]) : [];
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const elsewhere: string[] = [];
  for (const i of issues) {
    const name = nameOf(i.field);
    const hit = registered.find((r) => same(r, name));
    if (hit) {
      const prev = onForm.find((f) => same(f.name, hit));
      if (prev) prev.errors.push(i.message);
      else onForm.push({ name: hit, errors: [i.message] });
    } else elsewhere.push(i.message);
  }
  if (form && onForm.length) form.setFields(onForm);
  if (!elsewhere.length) return m.t('checkFields');
  return m.t('invalid', { messages: [...new Set(elsewhere)].join(m.t('sep')) });
}
