import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Steps, Tag, message } from 'antd';
import { useState } from 'react';
import type { TFlowStep } from '../../../contracts/core/approval';
import { type SummaryField, conditionSentence } from '../../../contracts/core/approval-summary';
import { flowsApi } from '../../../contracts/core/approval.api';
import { rolesApi } from '../../../contracts/core/accounts.api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ErrorState, Loading, PageHeader, LinkButton } from '../../shared/ui/states';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { useAuth } from '../auth/auth';

export const flowsMessages = defineMessages('approvalFlows', {
  title: { zh: '审批流程', en: 'Approval flows' },
  edit: { zh: '编辑流程', en: 'Edit flow' },
  version: { zh: '版本', en: 'Version' },
  hint: {
    zh: '修改后发布为新版本，只对新提交的申请生效；进行中的申请沿用原版本。',
    en: 'Saving publishes a new version for new requests only; requests in flight keep their version.',
  },
  step: { zh: '步骤', en: 'Step' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  role: { zh: '审批角色', en: 'Approver role' },
  at: { zh: '审批人范围', en: 'Approver scope' },
  'at.applicant_unit': { zh: '申请人所在单位', en: "Applicant's unit" },
  'at.bureau': { zh: '机关事务局', en: 'Bureau' },
  'at.any': { zh: '任意上级范围', en: 'Any covering scope' },
  mode: { zh: '方式', en: 'Mode' },
  'mode.any': { zh: '或签（一人同意即可）', en: 'Any one approver' },
  'mode.all': { zh: '会签（全部同意）', en: 'Countersign (all)' },
  cond: { zh: '条件', en: 'Condition' },
  addStep: { zh: '添加步骤', en: 'Add step' },
  saved: { zh: '已发布新版本', en: 'New version published' },
  fact: { zh: '字段', en: 'Fact' },
  value: { zh: '值', en: 'Value' },
  always: { zh: '总是', en: 'always' },
  op: { zh: '比较', en: 'Comparison' },
  key: { zh: '步骤标识', en: 'Step key' },
  'op.gt': { zh: '大于', en: 'more than' },
  'op.gte': { zh: '不少于', en: 'at least' },
  'op.lt': { zh: '小于', en: 'less than' },
  'op.lte': { zh: '不超过', en: 'at most' },
  'op.eq': { zh: '为', en: 'is' },
  'op.ne': { zh: '不为', en: 'is not' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  reads: { zh: '条件：{s}', en: 'Condition: {s}' },
});

type Fact = SummaryField & { key: string };
type Flow = {
  id: number;
  businessType: string;
  typeName: string;
  version: number;
  nameZh: string;
  nameEn: string;
  steps: TFlowStep[];
  facts: Fact[];
};
const OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'] as const;
const factMap = (facts: Fact[]) => Object.fromEntries(facts.map((f) => [f.key, f]));

export function FlowsPage() {
  const t = flowsMessages.useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const flows = useApiQuery(flowsApi.list, {});
  const q = { ...flows, data: flows.data?.items };
  const rolesQ = useApiQuery(rolesApi.list, {}, { enabled: hasPermission('roles.read') });
  const roles = { data: rolesQ.data?.items };
  const publish = useApiMutation(flowsApi.publish, { invalidates: ['approval-flows'] });
  const [editing, setEditing] = useState<Flow | null>(null);
  const [form] = Form.useForm();
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} />;
  const lang = locale === 'en' ? 'en' : 'zh';
  const factsOf = (f: Flow | null) => (f ? factMap(f.facts) : {});
  const roleName = (code: string) => {
    const r = roles.data?.find((x) => x.code === code);
    return r ? (locale === 'en' ? r.nameEn : r.nameZh) : code;
  };
  return (
    <div>
      <PageHeader title={t('title')} />
      <p style={{ color: '#888' }}>{t('hint')}</p>
      {q.data?.map((f) => (
        <Card
          key={f.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <>
              {f.typeName}{' '}
              <Tag>
                {t('version')} {f.version}
              </Tag>
            </>
          }
          extra={
            hasPermission('approval.flows.write') ? (
              <LinkButton
                onClick={() => {
                  form.setFieldsValue({ ...f, steps: f.steps.map((s) => ({ ...s, condition: s.condition ?? undefined })) });
                  setEditing(f);
                }}
              >
                {t('edit')}
              </LinkButton>
            ) : null
          }
        >
          <Steps
            size="small"
            responsive
            items={f.steps.map((s) => ({
              title: locale === 'en' ? s.nameEn : s.nameZh,
              status: 'process',
              description: (
                <>
                  {roleName(s.approver.role)} · {t(`at.${s.approver.at}`)} · {t(`mode.${s.mode}`)}
                  {s.condition ? (
                    <div>
                      <Tag color="orange" data-testid="flow-condition">
                        {conditionSentence(s.condition, factsOf(f), lang)}
                      </Tag>
                    </div>
                  ) : null}
                </>
              ),
            }))}
          />
        </Card>
      ))}
      <Modal
        open={!!editing}
        width={900}
        title={`${t('edit')} · ${editing?.typeName ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await publish.mutateAsync({
              params: { businessType: editing!.businessType },
              body: { ...v, steps: v.steps.map((s: TFlowStep) => ({ ...s, condition: s.condition?.fact ? s.condition : null })) },
            });
            message.success(t('saved'));
            setEditing(null);
          } catch (e) {
            message.error(showFieldErrors(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Space>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    title={`${t('step')} ${i + 1}`}
                    extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                    style={{ marginBottom: 8 }}
                  >
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'key']} label={t('key')} rules={[{ required: true }]}>
                        <Input style={{ width: 90 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'nameZh']} label={t('nameZh')} rules={[{ required: true }]}>
                        <Input style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'nameEn']} label={t('nameEn')} rules={[{ required: true }]}>
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'approver', 'role']} label={t('role')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 160 }}
                          options={(roles.data ?? []).map((r) => ({ value: r.code, label: locale === 'en' ? r.nameEn : r.nameZh }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'approver', 'at']} label={t('at')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 160 }}
                          options={(['applicant_unit', 'bureau', 'any'] as const).map((a) => ({ value: a, label: t(`at.${a}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'mode']} label={t('mode')} initialValue="any">
                        <Select
                          style={{ width: 180 }}
                          options={(['any', 'all'] as const).map((m) => ({ value: m, label: t(`mode.${m}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'fact']} label={`${t('cond')}: ${t('fact')}`}>
                        <Select
                          allowClear
                          placeholder={t('always')}
                          style={{ width: 150 }}
                          options={(editing?.facts ?? []).map((x) => ({ value: x.key, label: lang === 'en' ? x.en : x.zh }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'op']} label={t('op')} initialValue="gt">
                        <Select style={{ width: 110 }} options={OPS.map((o) => ({ value: o, label: t(`op.${o}`) }))} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const c = form.getFieldValue(['steps', f.name, 'condition']) as TFlowStep['condition'];
                          const fact = c?.fact ? factsOf(editing)[c.fact] : undefined;
                          return (
                            <>
                              <Form.Item name={[f.name, 'condition', 'value']} label={t('value')}>
                                {fact?.values ? (
                                  <Select
                                    style={{ width: 160 }}
                                    options={Object.entries(fact.values).map(([v, l]) => ({
                                      // Coded values stored as numbers (a tier) stay numbers.
                                      value: /^\d+$/.test(v) ? Number(v) : v,
                                      label: lang === 'en' ? l.en : l.zh,
                                    }))}
                                  />
                                ) : fact?.kind === 'boolean' ? (
                                  <Select
                                    style={{ width: 90 }}
                                    options={[
                                      { value: true, label: t('yes') },
                                      { value: false, label: t('no') },
                                    ]}
                                  />
                                ) : (
                                  <InputNumber style={{ width: 130 }} />
                                )}
                              </Form.Item>
                              {c?.fact && c.op && c.value !== undefined && c.value !== null ? (
                                <div style={{ alignSelf: 'center', color: '#d46b08' }} data-testid="flow-condition-preview">
                                  {t('reads', { s: conditionSentence(c, factsOf(editing), lang) })}
                                </div>
                              ) : null}
                            </>
                          );
                        }}
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ mode: 'any', approver: { at: 'applicant_unit' } })}>
                  {t('addStep')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
