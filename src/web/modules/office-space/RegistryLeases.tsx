import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import type { TLease } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import type { RouteBody } from '../../../contracts/route';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { DraftUpload, FileList } from '../../shared/ui/Attachments';
import { call, invalidate } from '../../shared/typedApi';
import { FormModal } from '../../shared/ui/FormModal';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton } from '../../shared/ui/states';
import { UnitSelect, fmtArea, officeMessages } from './common';
import { formatMoney } from '../../shared/money';
import { registryMessages } from './registry.i18n';

/** The registry's leases-in tab (租用): register, renew, terminate, and the contract files. */
export function LeasesTab() {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [renewing, setRenewing] = useState<TLease | null>(null);
  const [ending, setEnding] = useState<TLease | null>(null);
  const [filesOf, setFilesOf] = useState<TLease | null>(null);
  const canWrite = hasPermission('office.write');
  const refresh = () => invalidate(qc, [officeApi.leases]);
  const date = (v: { format: (f: string) => string }) => v.format('YYYY-MM-DD');
  return (
    <>
      <ServerTable<TLease>
        route={officeApi.leases}
        testId="leases-table"
        // The workbench's 租用即将到期 links here with ?expiringWithin=<the rule's reminder days>.
        urlFilters={['expiringWithin', 'status']}
        extraQuery={{ orgId: activeOrg ?? undefined }}
        toolbar={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('addLease')}
            </Button>
          ) : null
        }
        columns={[
          { title: tc('unit'), dataIndex: 'orgName' },
          { title: tc('address'), dataIndex: 'address' },
          { title: t('landlord'), dataIndex: 'landlord' },
          { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
          { title: t('rent'), dataIndex: 'rentPerYear', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('period'), key: 'period', render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
          {
            title: t('daysLeft'),
            dataIndex: 'daysLeft',
            render: (v: number | null, r) =>
              v === null ? <Tag>{t(`lease.${r.status}`)}</Tag> : <Tag color={v < 0 ? 'red' : v <= 60 ? 'orange' : 'green'}>{v}</Tag>,
          },
          {
            title: t('contract'),
            key: 'contract',
            render: (_, r) => (
              <LinkButton onClick={() => setFilesOf(r)} data-testid={`lease-files-${r.id}`}>
                {t('contractFiles')}
              </LinkButton>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'op',
                  render: (_: unknown, r: TLease) =>
                    r.status === 'active' ? (
                      <Space>
                        <LinkButton onClick={() => setRenewing(r)}>{t('renew')}</LinkButton>
                        <LinkButton onClick={() => setEnding(r)}>{t('terminate')}</LinkButton>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={adding}
        title={t('addLease')}
        onClose={() => setAdding(false)}
        onSaved={refresh}
        onSubmit={(v) =>
          call(officeApi.createLease, {
            body: { ...v, startDate: date(v.startDate), endDate: date(v.endDate), contractFileIds: v.contractFileIds ?? [] } as RouteBody<
              typeof officeApi.createLease
            >,
          })
        }
      >
        <Form.Item name="orgId" label={tc('unit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="address" label={tc('address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="landlord" label={t('landlord')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="area" label={tc('area')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} />
          </Form.Item>
          <Form.Item name="rentPerYear" label={t('rent')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} stringMode />
          </Form.Item>
          <Form.Item name="contractNo" label={t('contractNo')}>
            <Input maxLength={50} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startDate" label={t('start')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endDate" label={t('end')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="contractFileIds" label={t('contract')}>
          <DraftUpload ownerType="office_lease" label={t('uploadContract')} testId="lease-contract-upload" />
        </Form.Item>
      </FormModal>
      <Modal
        open={!!filesOf}
        title={filesOf ? `${t('contractFiles')} · ${filesOf.address}` : ''}
        onCancel={() => setFilesOf(null)}
        footer={null}
        destroyOnHidden
      >
        {filesOf ? (
          <div>
            <p style={{ color: '#888' }}>
              {filesOf.orgName} · {filesOf.landlord}
              {filesOf.contractNo ? ` · ${filesOf.contractNo}` : ''}
            </p>
            <FileList ownerType="office_lease" ownerId={filesOf.id} canUpload={canWrite} testId="lease-files" />
          </div>
        ) : null}
      </Modal>
      <FormModal
        open={!!renewing}
        title={t('renew')}
        onClose={() => setRenewing(null)}
        onSaved={refresh}
        onSubmit={(v) =>
          call(officeApi.renewLease, {
            params: { id: renewing!.id },
            body: { ...v, endDate: date(v.endDate) } as RouteBody<typeof officeApi.renewLease>,
          })
        }
      >
        <Form.Item name="endDate" label={t('end')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="rentPerYear" label={t('rent')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} stringMode />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!ending}
        title={t('terminate')}
        onClose={() => setEnding(null)}
        onSaved={refresh}
        onSubmit={(v) => call(officeApi.terminateLease, { params: { id: ending!.id }, body: { ...v, terminatedOn: date(v.terminatedOn) } })}
      >
        <Form.Item name="terminatedOn" label={t('terminatedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={tc('note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </FormModal>
    </>
  );
}
