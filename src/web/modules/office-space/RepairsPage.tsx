import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { REPAIR_KINDS, REPAIR_STATUSES, type TRepair } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { formatMoney } from '../../shared/money';
import { invalidate } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { LinkButton, PageHeader } from '../../shared/ui/states';
import { UnitSelect, enumOptions, fmtArea, officeMessages, tKey, useBuildings } from './common';
import { RepairComparison } from './RepairComparison';
import { RepairDrawer } from './RepairDrawer';
import { RepairRequestModal } from './RepairRequestModal';
import { KIND_COLOR, STATUS_COLOR } from './repairs-common';
import { repairsMessages } from './repairs.i18n';

/** 维修改造: 检查鉴定 → 项目确立 (approval) → 实施 → 竣工验收 → 备案 (the registry follows, before and after kept). */
export function RepairsPage() {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const buildings = useBuildings();
  const [creating, setCreating] = useState(false);
  const openId = params.get('id') ? Number(params.get('id')) : null;
  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const open = (id: number | null) => setParam({ id: id ? String(id) : null, print: null });
  const refresh = () => {
    // The attachment lists are keyed by owner (FileList), not by route input: refresh every repair's files.
    qc.invalidateQueries({ queryKey: ['files', 'office_repair'] });
    invalidate(qc, [officeApi.repairs, officeApi.repair, officeApi.buildings]);
  };
  if (openId && params.get('print')) return <RepairComparison id={openId} onBack={() => setParam({ print: null })} />;
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          hasPermission('office.request') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="repair-new">
              {t('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<TRepair>
        route={officeApi.repairs}
        testId="repairs-table"
        extraQuery={{ orgId: activeOrg ?? undefined }}
        exportRoute={hasPermission('office.export') ? officeApi.exportRepairs : undefined}
        filters={
          <>
            <Form.Item name="orgId">
              <UnitSelect allowClear placeholder={tc('unit')} />
            </Form.Item>
            <Form.Item name="buildingId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={tc('building')}
                style={{ width: 170 }}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} ${b.name}` }))}
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={t('kind')}
                style={{ width: 120 }}
                options={enumOptions((v) => t(`kind.${v}`), REPAIR_KINDS)}
              />
            </Form.Item>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={tc('status')}
                style={{ width: 130 }}
                options={enumOptions((v) => t(`st.${v}`), REPAIR_STATUSES)}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('project'),
            dataIndex: 'title',
            render: (v, r) => (
              <LinkButton onClick={() => open(r.id)} data-testid={`repair-open-${r.id}`}>
                {v}
              </LinkButton>
            ),
          },
          { title: tc('unit'), dataIndex: 'orgName' },
          { title: tc('building'), dataIndex: 'buildingName' },
          { title: t('kind'), dataIndex: 'kind', render: (v: string) => <Tag color={KIND_COLOR[v]}>{tKey(t, `kind.${v}`)}</Tag> },
          { title: t('budget'), dataIndex: 'budget', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('addedArea'), dataIndex: 'addedArea', align: 'right', render: (v: number) => (v ? fmtArea(v) : '—') },
          { title: t('planned'), dataIndex: 'plannedStart', sorter: true, render: (_, r) => `${r.plannedStart} ~ ${r.plannedEnd}` },
          {
            title: tc('status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{tKey(t, `st.${v}`)}</Tag>,
          },
          {
            title: '',
            key: 'op',
            render: (_, r) => (
              <Space>
                <LinkButton onClick={() => open(r.id)}>{t('open')}</LinkButton>
                {r.status === 'filed' ? (
                  <LinkButton onClick={() => setParam({ id: String(r.id), print: '1' })}>{t('compare')}</LinkButton>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <RepairRequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          refresh();
          open(id);
        }}
      />
      <RepairDrawer id={openId} onClose={() => open(null)} onChanged={refresh} onPrint={(id) => setParam({ id: String(id), print: '1' })} />
    </div>
  );
}
