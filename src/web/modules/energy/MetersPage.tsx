import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Tabs, Tag, Tree, message } from 'antd';
import { useState } from 'react';
import { ENERGY_TYPES, METER_KINDS, METER_STATUSES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { ApiError } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
import { useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { useRecordParam } from '../../shared/useRecordParam';
import {
  EnergyTypeTag,
  EnergyUnitSelect,
  type TMeter,
  type TMeterNode,
  enumOptions,
  errText,
  fmtNum,
  fmtTime,
  unitLabel,
  useDefaultUnit,
  useEnergyRights,
} from './common';

import { MeterDrawer } from './MeterDrawer';
import { MeterModal } from './MeterForm';
import { intervalLabel } from './meters.i18n';

/** 计量器具: the meter ledger (filters, Excel), the master/sub-meter hierarchy and each meter's readings, chart and heatmap. */
export function MetersPage() {
  const t = useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [detail, open] = useRecordParam({ replace: true });
  const [editing, setEditing] = useState<TMeter | 'new' | null>(null);
  const [tab, setTab] = useState('list');
  const [treeOrg, setTreeOrg] = useState<number | undefined>(defaultUnit);
  const refresh = () => invalidate(qc, [energyApi.listMeters, energyApi.meterTree, energyApi.meter]);
  const remove = async (m: TMeter) => {
    try {
      await call(energyApi.deleteMeter, { params: { id: m.id } });
      message.success(t('emt.deleted'));
      refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        Modal.confirm({
          title: t('emt.hasReadings', { name: m.name }),
          okText: t('emt.retire'),
          cancelText: t('eg.cancel'),
          okButtonProps: { 'data-testid': 'meter-retire-confirm' } as never,
          onOk: () =>
            call(energyApi.updateMeter, { params: { id: m.id }, body: { status: 'retired' } })
              .then(() => {
                message.success(t('emt.retired'));
                refresh();
              })
              .catch((x) => message.error(errText(x))),
        });
      } else message.error(errText(e));
    }
  };
  const list = (
    <ServerTable<TMeter>
      route={energyApi.listMeters}
      exportRoute={energyApi.exportMeters}
      importRoute={rights.write ? energyApi.importMeters : undefined}
      templateRoute={energyApi.meterTemplate}
      testId="meter-table"
      extraQuery={{ orgId: defaultUnit }}
      onImported={refresh}
      // `children` is a meter's count of sub-meters here, not tree rows.
      expandable={{ childrenColumnName: 'noTreeRows' }}
      onRow={(m) => ({ 'data-testid': `meter-row-${m.id}`, 'data-code': m.code ?? '' }) as never}
      toolbar={
        rights.write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="meter-add">
            {t('emt.add')}
          </Button>
        ) : null
      }
      filters={
        <>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={t('eg.unit')} testId="meter-filter-unit" />
          </Form.Item>
          <Form.Item name="energyType">
            <Select allowClear placeholder={t('eg.energyType')} style={{ width: 130 }} options={enumOptions(t, 'eg.type', ENERGY_TYPES)} />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('eg.kind')} style={{ width: 120 }} options={enumOptions(t, 'eg.kind', METER_KINDS)} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('eg.status')} style={{ width: 110 }} options={enumOptions(t, 'eg.ms', METER_STATUSES)} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('emt.search')} style={{ width: 150 }} data-testid="meter-filter-q" />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('emt.code'), dataIndex: 'code', sorter: true, render: (v: string | null) => v ?? '—' },
        {
          title: t('emt.name'),
          dataIndex: 'name',
          sorter: true,
          render: (v: string, m) => (
            <LinkButton onClick={() => open(m.id)} data-testid={`meter-${m.id}`}>
              {v}
            </LinkButton>
          ),
        },
        { title: t('eg.unit'), dataIndex: 'orgName' },
        { title: t('eg.energyType'), dataIndex: 'energyType', render: (v: string) => <EnergyTypeTag type={v} /> },
        { title: t('emt.unit'), dataIndex: 'unit', render: (v: string) => unitLabel(t, v) },
        { title: t('eg.kind'), dataIndex: 'kind', render: (v: string) => t(`eg.kind.${v}`) },
        { title: t('emt.parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: t('emt.endUse'), dataIndex: 'endUse', render: (v: string | null) => (v ? t(`eg.use.${v}`) : '—') },
        { title: t('emt.multiplier'), dataIndex: 'multiplier', align: 'right' },
        {
          title: t('emt.inTotal'),
          dataIndex: 'inTotal',
          render: (v: boolean) => (v ? <Tag color="green">{t('emt.inTotal')}</Tag> : null),
        },
        {
          title: t('emt.interval'),
          dataIndex: 'intervalMinutes',
          render: (v: number | null, m) => (m.kind === 'bill' ? '—' : intervalLabel(t, v)),
        },
        { title: t('emt.lastReading'), dataIndex: 'lastReadingAt', sorter: true, render: fmtTime },
        { title: t('emt.lastValue'), dataIndex: 'lastValue', align: 'right', render: (v: number | null) => fmtNum(v) },
        {
          title: t('eg.status'),
          dataIndex: 'status',
          render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`eg.ms.${v}`)}</Tag>,
        },
        ...(rights.write
          ? [
              {
                title: '',
                key: 'op',
                render: (_: unknown, m: TMeter) => (
                  <Space size={8}>
                    <LinkButton icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid={`meter-edit-${m.id}`}>
                      {t('emt.edit')}
                    </LinkButton>
                    <Popconfirm
                      title={t('emt.deleteConfirm', { name: m.name })}
                      onConfirm={() => remove(m)}
                      okButtonProps={{ 'data-testid': 'meter-delete-confirm' } as never}
                    >
                      <LinkButton danger icon={<DeleteOutlined />} data-testid={`meter-delete-${m.id}`}>
                        {t('emt.delete')}
                      </LinkButton>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <div className="eg-page" data-testid="meters-page">
      <PageHeader title={t('emt.title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('emt.list'), children: list },
          {
            key: 'tree',
            label: t('emt.tree'),
            children: <MeterTree orgId={treeOrg} onOrg={setTreeOrg} onOpen={open} />,
          },
        ]}
      />
      {editing ? (
        <MeterModal
          key={editing === 'new' ? 'new' : editing.id}
          meter={editing}
          defaultOrg={defaultUnit ?? rights.me?.orgId}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
      <MeterDrawer id={detail} onClose={() => open(null)} canWrite={rights.write} />
    </div>
  );
}

function MeterTree(props: { orgId?: number; onOrg: (v?: number) => void; onOpen: (id: number) => void }) {
  const t = useT();
  const q = useApiQuery(energyApi.meterTree, { query: { orgId: props.orgId } });
  const toNodes = (ns: TMeterNode[]): object[] =>
    ns.map((m) => ({
      key: m.id,
      title: (
        <span className="eg-tree-title" data-testid={`tree-meter-${m.id}`} data-in-total={String(m.inTotal)}>
          <span>{m.name}</span>
          {!props.orgId && !m.parentId ? <span className="eg-tree-code">{m.orgName}</span> : null}
          {m.code ? <span className="eg-tree-code">{m.code}</span> : null}
          <EnergyTypeTag type={m.energyType} />
          {m.inTotal ? <Tag color="green">{t('emt.inTotal')}</Tag> : null}
          {m.endUse ? <Tag>{t(`eg.use.${m.endUse}`)}</Tag> : null}
          {m.intervalMinutes ? <Tag color="purple">{intervalLabel(t, m.intervalMinutes)}</Tag> : null}
          {m.multiplier !== 1 ? <Tag>×{m.multiplier}</Tag> : null}
          {m.status === 'retired' ? <Tag>{t('eg.ms.retired')}</Tag> : null}
        </span>
      ),
      children: toNodes(m.nodes),
    }));
  return (
    <div data-testid="meter-tree">
      <Space wrap style={{ marginBottom: 12 }}>
        <EnergyUnitSelect allowClear value={props.orgId} onChange={props.onOrg} placeholder={t('eg.allUnits')} testId="meter-tree-unit" />
        <span style={{ color: '#888', fontSize: 12 }}>{t('emt.treeHint')}</span>
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : q.data.length ? (
        <Tree
          className="eg-tree"
          defaultExpandAll
          blockNode
          treeData={toNodes(q.data) as never}
          onSelect={(keys) => (keys[0] ? props.onOpen(Number(keys[0])) : undefined)}
        />
      ) : (
        <Empty />
      )}
    </div>
  );
}
