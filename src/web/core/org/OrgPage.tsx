import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  TreeSelect,
  message,
} from 'antd';
import { useMemo, useState } from 'react';
import { AGENCY_LEVELS, ORG_KINDS, type TOrg } from '../../../contracts/core/org';
import { orgApi } from '../../../contracts/core/org.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation } from '../../shared/typedApi';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { toTree, useOrgs } from './useOrgs';

export const orgMessages = defineMessages('org', {
  title: { zh: '组织机构', en: 'Organisations' },
  add: { zh: '新增下级', en: 'Add child' },
  edit: { zh: '编辑', en: 'Edit' },
  deactivate: { zh: '停用', en: 'Deactivate' },
  activate: { zh: '启用', en: 'Activate' },
  confirmDeactivate: { zh: '确定停用该机构？', en: 'Deactivate this organisation?' },
  name: { zh: '名称', en: 'Name' },
  shortName: { zh: '简称', en: 'Short name' },
  kind: { zh: '类型', en: 'Kind' },
  level: { zh: '机构层级', en: 'Agency level' },
  code: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  staffing: { zh: '编制数', en: 'Approved staffing' },
  status: { zh: '状态', en: 'Status' },
  parent: { zh: '上级机构', en: 'Parent' },
  saved: { zh: '已保存', en: 'Saved' },
  select: { zh: '请在左侧选择一个机构', en: 'Select an organisation on the left' },
  showInactive: { zh: '显示已停用', en: 'Show inactive' },
  'kind.bureau': { zh: '机关事务管理局', en: 'Affairs bureau' },
  'kind.unit': { zh: '单位', en: 'Unit' },
  'kind.department': { zh: '内设机构', en: 'Department' },
  'kind.site_group': { zh: '办公区', en: 'Office site group' },
  'level.central': { zh: '中央', en: 'Central' },
  'level.province': { zh: '省级', en: 'Provincial' },
  'level.city': { zh: '市级', en: 'City' },
  'level.county': { zh: '县级', en: 'County' },
  'level.township': { zh: '乡级', en: 'Township' },
  'status.active': { zh: '正常', en: 'Active' },
  'status.inactive': { zh: '已停用', en: 'Inactive' },
});

export function OrgPage() {
  const t = orgMessages.useT();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('org.write');
  const [showInactive, setShowInactive] = useState(false);
  const orgs = useOrgs(showInactive ? 'all' : 'active');
  const create = useApiMutation(orgApi.create, { invalidates: ['orgs'] });
  const update = useApiMutation(orgApi.update, { invalidates: ['orgs'] });
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ mode: 'create' | 'edit'; org?: TOrg } | null>(null);
  const [form] = Form.useForm();
  const tree = useMemo(() => toTree(orgs.data ?? []), [orgs.data]);
  const current = orgs.data?.find((o) => o.id === selected) ?? null;
  if (orgs.isLoading) return <Loading />;
  if (orgs.error) return <ErrorState error={orgs.error} onRetry={() => orgs.refetch()} />;

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing?.mode === 'create') {
        const created = await create.mutateAsync({ body: { ...v, parentId: current!.id, creditCode: v.creditCode || null } });
        setSelected(created.id);
      } else {
        await update.mutateAsync({ params: { id: editing!.org!.id }, body: { ...v, creditCode: v.creditCode || null } });
      }
      message.success(t('saved'));
      setEditing(null);
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };
  const setStatus = async (status: 'active' | 'inactive') => {
    try {
      await update.mutateAsync({ params: { id: current!.id }, body: { status } });
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Select
            size="small"
            value={showInactive}
            onChange={setShowInactive}
            options={[
              { value: false, label: t('status.active') },
              { value: true, label: t('showInactive') },
            ]}
          />
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={10} lg={8}>
          <Card size="small" styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
            <Tree
              showLine
              defaultExpandedKeys={tree.flatMap((r) => [r.key, ...r.children.map((c) => c.key)])}
              treeData={tree as never}
              selectedKeys={selected ? [selected] : []}
              onSelect={(k) => setSelected((k[0] as number) ?? null)}
              titleRender={(n) => {
                const o = (n as unknown as { org: TOrg }).org;
                return (
                  <span>
                    {o.name} {o.status === 'inactive' ? <Tag>{t('status.inactive')}</Tag> : null}
                  </span>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          {current ? (
            <Card
              size="small"
              title={current.name}
              extra={
                canWrite ? (
                  <Space wrap>
                    {current.status === 'active' ? (
                      <Button
                        size="small"
                        type="primary"
                        icon={<PlusOutlined />}
                        data-testid="org-create-button"
                        onClick={() => {
                          form.resetFields();
                          form.setFieldsValue({
                            kind: current.kind === 'bureau' ? 'unit' : 'department',
                            agencyLevel: current.agencyLevel,
                          });
                          setEditing({ mode: 'create' });
                        }}
                      >
                        {t('add')}
                      </Button>
                    ) : null}
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ ...current });
                        setEditing({ mode: 'edit', org: current });
                      }}
                    >
                      {t('edit')}
                    </Button>
                    {current.parentId ? (
                      current.status === 'active' ? (
                        <Popconfirm title={t('confirmDeactivate')} onConfirm={() => setStatus('inactive')}>
                          <Button size="small" danger>
                            {t('deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" onClick={() => setStatus('active')}>
                          {t('activate')}
                        </Button>
                      )
                    ) : null}
                  </Space>
                ) : null
              }
            >
              <Descriptions column={{ xs: 1, lg: 2 }} size="small" bordered>
                <Descriptions.Item label={t('kind')}>{t(`kind.${current.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('level')}>{t(`level.${current.agencyLevel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('shortName')}>{current.shortName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('code')}>{current.creditCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('staffing')}>{current.staffing ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('status')}>{t(`status.${current.status}`)}</Descriptions.Item>
                <Descriptions.Item label={t('parent')}>{orgs.data?.find((o) => o.id === current.parentId)?.name ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          ) : (
            <Card size="small">{t('select')}</Card>
          )}
        </Col>
      </Row>
      <Modal
        open={!!editing}
        title={editing?.mode === 'create' ? t('add') : t('edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'org-form-submit' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="org-form-name" />
          </Form.Item>
          {editing?.mode === 'create' ? (
            <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
              <Select data-testid="org-form-kind" options={ORG_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="agencyLevel" label={t('level')}>
            <Select options={AGENCY_LEVELS.map((k) => ({ value: k, label: t(`level.${k}`) }))} />
          </Form.Item>
          <Form.Item name="shortName" label={t('shortName')} rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="creditCode" label={t('code')} rules={[{ len: 18 }]}>
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item name="staffing" label={t('staffing')}>
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          {editing?.mode === 'edit' && editing.org?.parentId ? (
            <Form.Item name="parentId" label={t('parent')}>
              <TreeSelect treeData={tree as never} treeDefaultExpandAll={false} showSearch treeNodeFilterProp="title" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
