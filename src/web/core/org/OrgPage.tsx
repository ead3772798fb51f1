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
import { defineMessages, useT } from '../../shared/i18n';
import { useApiMutation } from '../../shared/typedApi';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { toTree, useOrgs } from './useOrgs';

defineMessages(
  {
    'org.title': '组织机构',
    'org.add': '新增下级',
    'org.edit': '编辑',
    'org.deactivate': '停用',
    'org.activate': '启用',
    'org.confirmDeactivate': '确定停用该机构？',
    'org.name': '名称',
    'org.shortName': '简称',
    'org.kind': '类型',
    'org.level': '机构层级',
    'org.code': '统一社会信用代码',
    'org.staffing': '编制数',
    'org.status': '状态',
    'org.parent': '上级机构',
    'org.saved': '已保存',
    'org.select': '请在左侧选择一个机构',
    'org.showInactive': '显示已停用',
    'org.kind.bureau': '机关事务管理局',
    'org.kind.unit': '单位',
    'org.kind.department': '内设机构',
    'org.kind.site_group': '办公区',
    'org.level.central': '中央',
    'org.level.province': '省级',
    'org.level.city': '市级',
    'org.level.county': '县级',
    'org.level.township': '乡级',
    'org.status.active': '正常',
    'org.status.inactive': '已停用',
  },
  {
    'org.title': 'Organisations',
    'org.add': 'Add child',
    'org.edit': 'Edit',
    'org.deactivate': 'Deactivate',
    'org.activate': 'Activate',
    'org.confirmDeactivate': 'Deactivate this organisation?',
    'org.name': 'Name',
    'org.shortName': 'Short name',
    'org.kind': 'Kind',
    'org.level': 'Agency level',
    'org.code': 'Unified social credit code',
    'org.staffing': 'Approved staffing',
    'org.status': 'Status',
    'org.parent': 'Parent',
    'org.saved': 'Saved',
    'org.select': 'Select an organisation on the left',
    'org.showInactive': 'Show inactive',
    'org.kind.bureau': 'Affairs bureau',
    'org.kind.unit': 'Unit',
    'org.kind.department': 'Department',
    'org.kind.site_group': 'Office site group',
    'org.level.central': 'Central',
    'org.level.province': 'Provincial',
    'org.level.city': 'City',
    'org.level.county': 'County',
    'org.level.township': 'Township',
    'org.status.active': 'Active',
    'org.status.inactive': 'Inactive',
  },
);

export function OrgPage() {
  const t = useT();
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
      message.success(t('org.saved'));
      setEditing(null);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const setStatus = async (status: 'active' | 'inactive') => {
    try {
      await update.mutateAsync({ params: { id: current!.id }, body: { status } });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('org.title')}
        extra={
          <Select
            size="small"
            value={showInactive}
            onChange={setShowInactive}
            options={[
              { value: false, label: t('org.status.active') },
              { value: true, label: t('org.showInactive') },
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
                    {o.name} {o.status === 'inactive' ? <Tag>{t('org.status.inactive')}</Tag> : null}
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
                        {t('org.add')}
                      </Button>
                    ) : null}
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ ...current });
                        setEditing({ mode: 'edit', org: current });
                      }}
                    >
                      {t('org.edit')}
                    </Button>
                    {current.parentId ? (
                      current.status === 'active' ? (
                        <Popconfirm title={t('org.confirmDeactivate')} onConfirm={() => setStatus('inactive')}>
                          <Button size="small" danger>
                            {t('org.deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" onClick={() => setStatus('active')}>
                          {t('org.activate')}
                        </Button>
                      )
                    ) : null}
                  </Space>
                ) : null
              }
            >
              <Descriptions column={{ xs: 1, lg: 2 }} size="small" bordered>
                <Descriptions.Item label={t('org.kind')}>{t(`org.kind.${current.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('org.level')}>{t(`org.level.${current.agencyLevel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('org.shortName')}>{current.shortName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.code')}>{current.creditCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.staffing')}>{current.staffing ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.status')}>{t(`org.status.${current.status}`)}</Descriptions.Item>
                <Descriptions.Item label={t('org.parent')}>
                  {orgs.data?.find((o) => o.id === current.parentId)?.name ?? '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ) : (
            <Card size="small">{t('org.select')}</Card>
          )}
        </Col>
      </Row>
      <Modal
        open={!!editing}
        title={editing?.mode === 'create' ? t('org.add') : t('org.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'org-form-submit' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="org-form-name" />
          </Form.Item>
          {editing?.mode === 'create' ? (
            <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
              <Select data-testid="org-form-kind" options={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="agencyLevel" label={t('org.level')}>
            <Select options={AGENCY_LEVELS.map((k) => ({ value: k, label: t(`org.level.${k}`) }))} />
          </Form.Item>
          <Form.Item name="shortName" label={t('org.shortName')} rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="creditCode" label={t('org.code')} rules={[{ len: 18 }]}>
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item name="staffing" label={t('org.staffing')}>
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          {editing?.mode === 'edit' && editing.org?.parentId ? (
            <Form.Item name="parentId" label={t('org.parent')}>
              <TreeSelect treeData={tree as never} treeDefaultExpandAll={false} showSearch treeNodeFilterProp="title" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
