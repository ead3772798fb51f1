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
import { defineMessages, useLocale } from '../../shared/i18n';
import { call, upload, urlOf, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { useRecordParam } from '../../shared/useRecordParam';
import { PageHeader, LinkButton } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';
import { type PostLevel, postLevelMessages } from './postLevels';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { toTree, useOrgs } from '../org/useOrgs';

export const peopleMessages = defineMessages('people', {
  title: { zh: '人员管理', en: 'Personnel' },
  photo: { zh: '上传照片', en: 'Upload photo' },
  editShort: { zh: '编辑', en: 'Edit' },
  add: { zh: '新增人员', en: 'Add person' },
  edit: { zh: '编辑人员', en: 'Edit person' },
  name: { zh: '姓名', en: 'Name' },
  unit: { zh: '单位', en: 'Unit' },
  dept: { zh: '内设机构', en: 'Department' },
  gender: { zh: '性别', en: 'Gender' },
  post: { zh: '职务', en: 'Post' },
  rank: { zh: '职级', en: 'Rank' },
  postLevel: { zh: '职务级别', en: 'Post level' },
  staffing: { zh: '编制类型', en: 'Staffing type' },
  status: { zh: '状态', en: 'Status' },
  statusSince: { zh: '状态日期', en: 'Status since' },
  phone: { zh: '手机号码', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  employeeNo: { zh: '工号', en: 'Employee no.' },
  search: { zh: '姓名 / 工号 / 手机尾号', en: 'Name / employee no. / phone tail' },
  saved: { zh: '已保存', en: 'Saved' },
  history: { zh: '状态变动', en: 'Status history' },
  detail: { zh: '人员详情', en: 'Person' },
  masked: { zh: '（已脱敏）', en: '(masked)' },
});

export const genderMessages = defineMessages('gender', {
  M: { zh: '男', en: 'Male' },
  F: { zh: '女', en: 'Female' },
});

export const personStatusMessages = defineMessages('personStatus', {
  active: { zh: '在职', en: 'Active' },
  transferred: { zh: '调离', en: 'Transferred' },
  retired: { zh: '退休', en: 'Retired' },
});

export const staffingMessages = defineMessages('staffing', {
  admin: { zh: '行政编制', en: 'Administrative' },
  institution: { zh: '事业编制', en: 'Institution' },
  worker: { zh: '工勤', en: 'Service worker' },
  contract: { zh: '编外', en: 'Contract' },
});

const STATUS_COLOR: Record<string, string> = { active: 'green', transferred: 'orange', retired: 'default' };

/** Codes the server sends, as the keys of their labels. */
type Gender = Parameters<typeof genderMessages.t>[0];
type Staffing = Parameters<typeof staffingMessages.t>[0];
type PersonStatus = Parameters<typeof personStatusMessages.t>[0];

export function PeoplePage() {
  const t = peopleMessages.useT();
  const tpl = postLevelMessages.useT();
  const tgen = genderMessages.useT();
  const tst = staffingMessages.useT();
  const tps = personStatusMessages.useT();
  const { locale } = useLocale();
  const { hasPermission } = useAuth();
  const canWrite = hasPermission('people.write');
  const orgs = useOrgs();
  const [activeOrg] = useActiveOrg();
  const scopedOrg = activeOrg && orgs.data?.some((o) => o.id === activeOrg) ? activeOrg : undefined;
  const unitTree = useMemo(() => toTree(orgs.data ?? [], (o) => o.kind !== 'department'), [orgs.data]);
  const [editing, setEditing] = useState<{ id?: number } | null>(null);
  // The person shown is kept in ?id= (the header search and other links open it; back closes it).
  const [viewing, setViewing] = useRecordParam({ replace: true });
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
      message.success(t('saved'));
      setEditing(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const fields = (e.details as { fields?: { field: string; message: string }[] })?.fields ?? [];
        form.setFields(fields.map((f) => ({ name: f.field, errors: [f.message] })));
      }
      message.error(showFieldErrors(e));
    }
  };
  const opt = (list: readonly string[], prefix: string) =>
    list.map((x) => ({
      value: x,
      label:
        prefix === 'pl'
          ? `${x} ${tpl(x as PostLevel)}`
          : prefix === 'gender'
            ? tgen(x as Gender)
            : prefix === 'staffing'
              ? tst(x as Staffing)
              : tps(x as PersonStatus),
    }));

  return (
    <div>
      <PageHeader title={t('title')} />
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
              {t('add')}
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
                placeholder={t('unit')}
                treeData={unitTree as never}
                style={{ width: 220 }}
              />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('search')} style={{ width: 200 }} data-testid="people-search" />
            </Form.Item>
            <Form.Item name="status">
              <Select allowClear placeholder={t('status')} options={opt(PERSON_STATUSES, 'status')} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="postLevel">
              <Select allowClear placeholder={t('postLevel')} options={opt(POST_LEVELS.slice(0, 13), 'pl')} style={{ width: 170 }} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            sorter: true,
            fixed: 'left',
            render: (v, r) => <LinkButton onClick={() => setViewing(r.id)}>{v}</LinkButton>,
          },
          { title: t('unit'), dataIndex: 'orgName', key: 'orgId', sorter: true },
          { title: t('dept'), dataIndex: 'deptName' },
          { title: t('post'), dataIndex: 'postTitle' },
          { title: t('postLevel'), dataIndex: 'postLevel', sorter: true, render: (v) => tpl(v as PostLevel) },
          { title: t('staffing'), dataIndex: 'staffingType', render: (v) => tst(v as Staffing) },
          {
            title: t('status'),
            dataIndex: 'status',
            sorter: true,
            render: (v) => <Tag color={STATUS_COLOR[v]}>{tps(v as PersonStatus)}</Tag>,
          },
          { title: t('phone'), dataIndex: 'phoneMasked' },
          { title: t('employeeNo'), dataIndex: 'employeeNo', sorter: true },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TPerson) => <LinkButton onClick={() => openEdit(r.id)}>{t('editShort')}</LinkButton>,
                },
              ]
            : []),
        ]}
      />
      <Drawer
        open={!!editing}
        title={editing?.id ? t('edit') : t('add')}
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
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 50 }]}>
            <Input data-testid="person-form-name" />
          </Form.Item>
          <Form.Item name="orgId" label={t('unit')} rules={[{ required: true }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={unitTree as never} data-testid="person-form-org" />
          </Form.Item>
          <Form.Item name="deptId" label={t('dept')}>
            <Select allowClear options={depts.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="gender" label={t('gender')} style={{ width: '50%' }}>
              <Select
                allowClear
                options={[
                  { value: 'M', label: tgen('M') },
                  { value: 'F', label: tgen('F') },
                ]}
              />
            </Form.Item>
            <Form.Item name="postTitle" label={t('post')} style={{ width: '50%' }}>
              <Input maxLength={50} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="postLevel" label={t('postLevel')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={opt(POST_LEVELS, 'pl')} data-testid="person-form-postlevel" />
          </Form.Item>
          <Form.Item name="staffingType" label={t('staffing')}>
            <Select options={opt(STAFFING_TYPES, 'staffing')} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="status" label={t('status')} style={{ width: '50%' }}>
              <Select options={opt(PERSON_STATUSES, 'status')} />
            </Form.Item>
            <Form.Item name="statusSince" label={t('statusSince')} style={{ width: '50%' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="phone" label={t('phone')}>
            <Input maxLength={13} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('idNumber')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('employeeNo')}>
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Drawer>
      <Drawer open={!!viewing} title={t('detail')} width={Math.min(520, window.innerWidth)} onClose={() => setViewing(null)}>
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
                    .catch((e) => message.error(showFieldErrors(e)));
                  return false;
                }}
              >
                <Button size="small">{t('photo')}</Button>
              </Upload>
            ) : null}
          </Space>
        ) : null}
        {detail.data ? (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('name')}>{detail.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('unit')}>{detail.data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('dept')}>{detail.data.deptName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('post')}>{detail.data.postTitle ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('postLevel')}>
              {detail.data.postLevel} {tpl(detail.data.postLevel as PostLevel)}
            </Descriptions.Item>
            <Descriptions.Item label={t('staffing')}>{tst(`${detail.data.staffingType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('phone')}>
              {detail.data.phone ?? '—'} {detail.data.sensitiveVisible ? null : t('masked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('idNumber')}>{detail.data.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('history')}>
              {detail.data.statusHistory.map((h) => (
                <div key={`${h.status}${h.effectiveFrom}`}>
                  {h.effectiveFrom} {tps(h.status as PersonStatus)}
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
