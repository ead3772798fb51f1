import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Steps, Tag, message } from 'antd';
import { useState } from 'react';
import type { TFlowStep } from '../../../contracts/core/approval';
import { flowsApi } from '../../../contracts/core/approval.api';
import { rolesApi } from '../../../contracts/core/accounts.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ErrorState, Loading, PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';

defineMessages(
  {
    'flow.title': '审批流程',
    'flow.edit': '编辑流程',
    'flow.version': '版本',
    'flow.hint': '修改后发布为新版本，只对新提交的申请生效；进行中的申请沿用原版本。',
    'flow.step': '步骤',
    'flow.nameZh': '中文名称',
    'flow.nameEn': '英文名称',
    'flow.role': '审批角色',
    'flow.at': '审批人范围',
    'flow.at.applicant_unit': '申请人所在单位',
    'flow.at.bureau': '机关事务局',
    'flow.at.any': '任意上级范围',
    'flow.mode': '方式',
    'flow.mode.any': '或签（一人同意即可）',
    'flow.mode.all': '会签（全部同意）',
    'flow.cond': '条件',
    'flow.addStep': '添加步骤',
    'flow.saved': '已发布新版本',
    'flow.fact': '字段',
    'flow.value': '值',
    'flow.always': '总是',
  },
  {
    'flow.title': 'Approval flows',
    'flow.edit': 'Edit flow',
    'flow.version': 'Version',
    'flow.hint': 'Saving publishes a new version for new requests only; requests in flight keep their version.',
    'flow.step': 'Step',
    'flow.nameZh': 'Chinese name',
    'flow.nameEn': 'English name',
    'flow.role': 'Approver role',
    'flow.at': 'Approver scope',
    'flow.at.applicant_unit': "Applicant's unit",
    'flow.at.bureau': 'Bureau',
    'flow.at.any': 'Any covering scope',
    'flow.mode': 'Mode',
    'flow.mode.any': 'Any one approver',
    'flow.mode.all': 'Countersign (all)',
    'flow.cond': 'Condition',
    'flow.addStep': 'Add step',
    'flow.saved': 'New version published',
    'flow.fact': 'Fact',
    'flow.value': 'Value',
    'flow.always': 'always',
  },
);

type Flow = { id: number; businessType: string; typeName: string; version: number; nameZh: string; nameEn: string; steps: TFlowStep[] };

export function FlowsPage() {
  const t = useT();
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
  const roleName = (code: string) => {
    const r = roles.data?.find((x) => x.code === code);
    return r ? (locale === 'en' ? r.nameEn : r.nameZh) : code;
  };
  return (
    <div>
      <PageHeader title={t('flow.title')} />
      <p style={{ color: '#888' }}>{t('flow.hint')}</p>
      {q.data?.map((f) => (
        <Card
          key={f.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <>
              {f.typeName}{' '}
              <Tag>
                {t('flow.version')} {f.version}
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
                {t('flow.edit')}
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
                  {roleName(s.approver.role)} · {t(`flow.at.${s.approver.at}`)} · {t(`flow.mode.${s.mode}`)}
                  {s.condition ? (
                    <div>
                      <Tag color="orange">
                        {s.condition.fact} {s.condition.op} {String(s.condition.value)}
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
        title={`${t('flow.edit')} · ${editing?.typeName ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await publish.mutateAsync({
              params: { businessType: editing!.businessType },
              body: { ...v, steps: v.steps.map((s: TFlowStep) => ({ ...s, condition: s.condition?.fact ? s.condition : null })) },
            });
            message.success(t('flow.saved'));
            setEditing(null);
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : String(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="nameZh" label={t('flow.nameZh')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="nameEn" label={t('flow.nameEn')} rules={[{ required: true }]}>
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
                    title={`${t('flow.step')} ${i + 1}`}
                    extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                    style={{ marginBottom: 8 }}
                  >
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'key']} label="key" rules={[{ required: true }]}>
                        <Input style={{ width: 90 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'nameZh']} label={t('flow.nameZh')} rules={[{ required: true }]}>
                        <Input style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'nameEn']} label={t('flow.nameEn')} rules={[{ required: true }]}>
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'approver', 'role']} label={t('flow.role')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 160 }}
                          options={(roles.data ?? []).map((r) => ({ value: r.code, label: locale === 'en' ? r.nameEn : r.nameZh }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'approver', 'at']} label={t('flow.at')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 160 }}
                          options={['applicant_unit', 'bureau', 'any'].map((a) => ({ value: a, label: t(`flow.at.${a}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'mode']} label={t('flow.mode')} initialValue="any">
                        <Select style={{ width: 180 }} options={['any', 'all'].map((m) => ({ value: m, label: t(`flow.mode.${m}`) }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'fact']} label={`${t('flow.cond')}: ${t('flow.fact')}`}>
                        <Input placeholder={t('flow.always')} style={{ width: 100 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'op']} label="op" initialValue="gt">
                        <Select
                          style={{ width: 80 }}
                          options={['gt', 'gte', 'lt', 'lte', 'eq', 'ne'].map((o) => ({ value: o, label: o }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'value']} label={t('flow.value')}>
                        <InputNumber style={{ width: 110 }} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ mode: 'any', approver: { at: 'applicant_unit' } })}>
                  {t('flow.addStep')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
