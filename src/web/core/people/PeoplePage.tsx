import { PlusOutlined, UserOutlined } from '@ant-design/icons';
import {
  Avatar,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Select,
  Space,
  Tag,
  TreeSelect,
  Upload,
  message,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { PERSON_STATUSES, POST_LEVELS, STAFFING_TYPES, type TPerson } from '../../../contracts/core/people';
import { useActiveOrg } from '../../shared/activeOrg';
import { filesApi } from '../../../contracts/core/files.api';
import type { RouteBody } from '../../../contracts/route';
import { peopleApi } from '../../../contracts/core/people.api';
import { ApiError } from '../../shared/api';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { call, upload, urlOf, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { toTree, useOrgs } from '../org/useOrgs';

defineMessages(
  {
    'people.title': '人员管理',
    'people.photo': '上传照片',
    'people.editShort': '编辑',
    'people.add': '新增人员',
    'people.edit': '编辑人员',
    'people.name': '姓名',
    'people.unit': '单位',
    'people.dept': '内设机构',
    'people.gender': '性别',
    'people.post': '职务',
    'people.rank': '职级',
    'people.postLevel': '职务级别',
    'people.staffing': '编制类型',
    'people.status': '状态',
    'people.statusSince': '状态日期',
    'people.phone': '手机号码',
    'people.idNumber': '身份证号',
    'people.employeeNo': '工号',
    'people.search': '姓名 / 工号 / 手机尾号',
    'people.saved': '已保存',
    'people.history': '状态变动',
    'people.detail': '人员详情',
    'people.masked': '（已脱敏）',
    'gender.M': '男',
    'gender.F': '女',
    'status.active': '在职',
    'status.transferred': '调离',
    'status.retired': '退休',
    'staffing.admin': '行政编制',
    'staffing.institution': '事业编制',
    'staffing.worker': '工勤',
    'staffing.contract': '编外',
    'pl.101': '国家级正职',
    'pl.102': '国家级副职',
    'pl.111': '省部级正职',
    'pl.112': '省部级副职',
    'pl.121': '厅局级正职',
    'pl.122': '厅局级副职',
    'pl.131': '县处级正职',
    'pl.132': '县处级副职',
    'pl.141': '乡科级正职',
    'pl.142': '乡科级副职',
    'pl.150': '科员级',
    'pl.160': '办事员级',
    'pl.199': '未定职公务员',
    'pl.201': '职员 201',
    'pl.202': '职员 202',
    'pl.203': '职员 203',
    'pl.204': '职员 204',
    'pl.205': '职员 205',
    'pl.206': '职员 206',
    'pl.207': '职员 207',
    'pl.208': '职员 208',
  },
  {
    'people.title': 'Personnel',
    'people.photo': 'Upload photo',
    'people.editShort': 'Edit',
    'people.add': 'Add person',
    'people.edit': 'Edit person',
    'people.name': 'Name',
    'people.unit': 'Unit',
    'people.dept': 'Department',
    'people.gender': 'Gender',
    'people.post': 'Post',
    'people.rank': 'Rank',
    'people.postLevel': 'Post level',
    'people.staffing': 'Staffing type',
    'people.status': 'Status',
    'people.statusSince': 'Status since',
    'people.phone': 'Phone',
    'people.idNumber': 'ID number',
    'people.employeeNo': 'Employee no.',
    'people.search': 'Name / employee no. / phone tail',
    'people.saved': 'Saved',
    'people.history': 'Status history',
    'people.detail': 'Person',
    'people.masked': '(masked)',
    'gender.M': 'Male',
    'gender.F': 'Female',
    'status.active': 'Active',
    'status.transferred': 'Transferred',
    'status.retired': 'Retired',
    'staffing.admin': 'Administrative',
    'staffing.institution': 'Institution',
    'staffing.worker': 'Service worker',
    'staffing.contract': 'Contract',
    'pl.101': 'State, principal',
    'pl.102': 'State, deputy',
    'pl.111': 'Provincial, principal',
    'pl.112': 'Provincial, deputy',
    'pl.121': 'Bureau, principal',
    'pl.122': 'Bureau, deputy',
    'pl.131': 'County/division, principal',
    'pl.132': 'County/division, deputy',
    'pl.141': 'Section, principal',
    'pl.142': 'Section, deputy',
    'pl.150': 'Section member',
    'pl.160': 'Clerk',
    'pl.199': 'No post yet',
    'pl.201': 'Staff grade 201',
    'pl.202': 'Staff grade 202',
    'pl.203': 'Staff grade 203',
    'pl.204': 'Staff grade 204',
    'pl.205': 'Staff grade 205',
    'pl.206': 'Staff grade 206',
    'pl.207': 'Staff grade 207',
    'pl.208': 'Staff grade 208',
  },
);

const STATUS_COLOR: Record<string, string> = { active: 'green', transferred: 'orange', retired: 'default' };

export function PeoplePage() {
  const t = useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('people.write');
  const orgs = useOrgs();
  const [activeOrg] = useActiveOrg();
  const scopedOrg = activeOrg && orgs.data?.some((o) => o.id === activeOrg) ? activeOrg : undefined;
  const unitTree = useMemo(() => toTree(orgs.data ?? [], (o) => o.kind !== 'department'), [orgs.data]);
  const [editing, setEditing] = useState<{ id?: number } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [form] = Form.useForm();
  const orgId = Form.useWatch('orgId', form);
  const depts = (orgs.data ?? []).filter((o) => o.kind === 'department' && o.parentId === orgId);
  const detail = useApiQuery(peopleApi.get, { params: { id: viewing ?? 0 } }, { enabled: !!viewing });
  const photos = useApiQuery(filesApi.list, { query: { ownerType: 'person_photo', ownerId: String(viewing) } }, { enabled: !!viewing });
  const photo = photos.data?.items.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const create = useApiMutation(peopleApi.create, { invalidates: ['people'] });
  const update = useApiMutation(peopleApi.update, { invalidates: ['people'] });

  const openEdit = async (id?: number) => {
    form.resetFields();
    // A unit administrator usually has one unit: preselect it.
    const units = (orgs.data ?? []).filter((o) => o.kind === 'unit');
    if (!id && units.length === 1) form.setFieldsValue({ orgId: units[0]!.id });
    if (id) {
      const p = await call(peopleApi.get, { params: { id } });
      form.setFieldsValue({
        ...p,
        phone: p.sensitiveVisible ? p.phone : undefined,
        idNumber: p.sensitiveVisible ? p.idNumber : undefined,
        statusSince: undefined,
      });
    }
    setEditing({ id });
  };
  const save = async () => {
    const v = await form.validateFields();
    // The form's fields are the create/update body; empty optional fields are left out.
    const body: Record<string, unknown> = { ...v, statusSince: v.statusSince ? dayjs(v.statusSince).format('YYYY-MM-DD') : undefined };
    for (const k of ['phone', 'idNumber', 'deptId', 'postTitle', 'employeeNo', 'gender', 'rankCode'])
      if (body[k] === '' || body[k] === undefined) delete body[k];
    try {
      if (editing?.id) await update.mutateAsync({ params: { id: editing.id }, body: body as RouteBody<typeof peopleApi.update> });
      else await create.mutateAsync({ body: body as RouteBody<typeof peopleApi.create> });
      message.success(t('people.saved'));
      setEditing(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const fields = (e.details as { fields?: { field: string; message: string }[] })?.fields ?? [];
        form.setFields(fields.map((f) => ({ name: f.field, errors: [f.message] })));
      }
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const opt = (list: readonly string[], prefix: string) =>
    list.map((x) => ({ value: x, label: prefix === 'pl' ? `${x} ${t(`pl.${x}`)}` : t(`${prefix}.${x}`) }));

  return (
    <div>
      <PageHeader title={t('people.title')} />
      <ServerTable<TPerson>
        route={peopleApi.list}
        exportRoute={hasPermission('people.export') ? peopleApi.export : undefined}
        importRoute={hasPermission('people.import') ? peopleApi.import : undefined}
        templateRoute={peopleApi.importTemplate}
        testId="people-table"
        extraQuery={scopedOrg ? { orgId: scopedOrg } : undefined}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openEdit()} data-testid="people-create-button">
              {t('people.add')}
            </Button>
          ) : null
        }
        filters={
          <>
            <Form.Item name="orgId">
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder={t('people.unit')}
                treeData={unitTree as never}
                style={{ width: 220 }}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('people.search')} style={{ width: 200 }} data-testid="people-search" />
            </Form.Item>
            <Form.Item name="status">
              <Select allowClear placeholder={t('people.status')} options={opt(PERSON_STATUSES, 'status')} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="postLevel">
              <Select allowClear placeholder={t('people.postLevel')} options={opt(POST_LEVELS.slice(0, 13), 'pl')} style={{ width: 170 }} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('people.name'),
            dataIndex: 'name',
            sorter: true,
            fixed: 'left',
            render: (v, r) => <LinkButton onClick={() => setViewing(r.id)}>{v}</LinkButton>,
          },
          { title: t('people.unit'), dataIndex: 'orgName', key: 'orgId', sorter: true },
          { title: t('people.dept'), dataIndex: 'deptName' },
          { title: t('people.post'), dataIndex: 'postTitle' },
          { title: t('people.postLevel'), dataIndex: 'postLevel', sorter: true, render: (v) => t(`pl.${v}`) },
          { title: t('people.staffing'), dataIndex: 'staffingType', render: (v) => t(`staffing.${v}`) },
          {
            title: t('people.status'),
            dataIndex: 'status',
            sorter: true,
            render: (v) => <Tag color={STATUS_COLOR[v]}>{t(`status.${v}`)}</Tag>,
          },
          { title: t('people.phone'), dataIndex: 'phoneMasked' },
          { title: t('people.employeeNo'), dataIndex: 'employeeNo', sorter: true },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TPerson) => <LinkButton onClick={() => openEdit(r.id)}>{t('people.editShort')}</LinkButton>,
                },
              ]
            : []),
        ]}
      />
      <Drawer
        open={!!editing}
        title={editing?.id ? t('people.edit') : t('people.add')}
        width={Math.min(520, window.innerWidth)}
        onClose={() => setEditing(null)}
        extra={
          <Button type="primary" onClick={save} data-testid="person-form-submit">
            OK
          </Button>
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ staffingType: 'admin', status: 'active' }}>
          <Form.Item name="name" label={t('people.name')} rules={[{ required: true, max: 50 }]}>
            <Input data-testid="person-form-name" />
          </Form.Item>
          <Form.Item name="orgId" label={t('people.unit')} rules={[{ required: true }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={unitTree as never} data-testid="person-form-org" />
          </Form.Item>
          <Form.Item name="deptId" label={t('people.dept')}>
            <Select allowClear options={depts.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="gender" label={t('people.gender')} style={{ width: '50%' }}>
              <Select
                allowClear
                options={[
                  { value: 'M', label: t('gender.M') },
                  { value: 'F', label: t('gender.F') },
                ]}
              />
            </Form.Item>
            <Form.Item name="postTitle" label={t('people.post')} style={{ width: '50%' }}>
              <Input maxLength={50} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="postLevel" label={t('people.postLevel')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={opt(POST_LEVELS, 'pl')} data-testid="person-form-postlevel" />
          </Form.Item>
          <Form.Item name="staffingType" label={t('people.staffing')}>
            <Select options={opt(STAFFING_TYPES, 'staffing')} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="status" label={t('people.status')} style={{ width: '50%' }}>
              <Select options={opt(PERSON_STATUSES, 'status')} />
            </Form.Item>
            <Form.Item name="statusSince" label={t('people.statusSince')} style={{ width: '50%' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="phone" label={t('people.phone')}>
            <Input maxLength={13} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('people.idNumber')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('people.employeeNo')}>
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Drawer>
      <Drawer open={!!viewing} title={t('people.detail')} width={Math.min(520, window.innerWidth)} onClose={() => setViewing(null)}>
        {detail.data ? (
          <Space align="start" style={{ marginBottom: 12 }}>
            {photo ? (
              <Image width={96} src={urlOf(filesApi.get, { params: { id: photo.id } })} alt={detail.data.name} />
            ) : (
              <Avatar shape="square" size={96} icon={<UserOutlined />} />
            )}
            {canWrite ? (
              <Upload
                accept="image/png,image/jpeg,image/webp"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload(filesApi.upload, { file, fields: { ownerType: 'person_photo', ownerId: String(viewing) } })
                    .then(() => photos.refetch())
                    .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)));
                  return false;
                }}
              >
                <Button size="small">{t('people.photo')}</Button>
              </Upload>
            ) : null}
          </Space>
        ) : null}
        {detail.data ? (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('people.name')}>{detail.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('people.unit')}>{detail.data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('people.dept')}>{detail.data.deptName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.post')}>{detail.data.postTitle ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.postLevel')}>
              {detail.data.postLevel} {t(`pl.${detail.data.postLevel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.staffing')}>{t(`staffing.${detail.data.staffingType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('people.phone')}>
              {detail.data.phone ?? '—'} {detail.data.sensitiveVisible ? null : t('people.masked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.idNumber')}>{detail.data.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.history')}>
              {detail.data.statusHistory.map((h) => (
                <div key={`${h.status}${h.effectiveFrom}`}>
                  {h.effectiveFrom} {t(`status.${h.status}`)}
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <span style={{ display: 'none' }}>{locale}</span>
      </Drawer>
    </div>
  );
}
