import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Form, Input, Popconfirm, Select, Space, Tabs, Tag, Tree, message, App } from 'antd';
import { useState } from 'react';
import { ENERGY_TYPES, METER_KINDS, METER_STATUSES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { ApiError } from '../../shared/api';
import { call, invalidate, useApiQuery } from '../../shared/typedApi';
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
  commonMessages,
} from './common';

import { MeterDrawer } from './MeterDrawer';
import { MeterModal } from './MeterForm';
import { intervalLabel, meterMessages } from './meters.i18n';

/** 计量器具: the meter ledger (filters, Excel), the master/sub-meter hierarchy and each meter's readings, chart and heatmap. */
export function MetersPage() {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
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
      message.success(t('deleted'));
      refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.confirm({
          title: t('hasReadings', { name: m.name }),
          okText: t('retire'),
          cancelText: tc('cancel'),
          okButtonProps: { 'data-testid': 'meter-retire-confirm' } as never,
          onOk: () =>
            call(energyApi.updateMeter, { params: { id: m.id }, body: { status: 'retired' } })
              .then(() => {
                message.success(t('retired'));
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
      urlFilters={['due', 'status', 'energyType']}
      onImported={refresh}
      // `children` is a meter's count of sub-meters here, not tree rows.
      expandable={{ childrenColumnName: 'noTreeRows' }}
      onRow={(m) => ({ 'data-testid': `meter-row-${m.id}`, 'data-code': m.code ?? '' }) as never}
      toolbar={
        rights.write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="meter-add">
            {t('add')}
          </Button>
        ) : null
      }
      filters={
        <>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={tc('unit')} testId="meter-filter-unit" />
          </Form.Item>
          <Form.Item name="energyType">
            <Select allowClear placeholder={tc('energyType')} style={{ width: 130 }} options={enumOptions(tc, 'type', ENERGY_TYPES)} />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={tc('kind')} style={{ width: 120 }} options={enumOptions(tc, 'kind', METER_KINDS)} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={tc('status')} style={{ width: 110 }} options={enumOptions(tc, 'ms', METER_STATUSES)} />
          </Form.Item>
          <Form.Item name="due">
            <Select
              allowClear
              placeholder={t('dueFilter')}
              style={{ width: 150 }}
              options={[{ value: 'true', label: t('due') }]}
              data-testid="meter-filter-due"
            />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('search')} style={{ width: 150 }} data-testid="meter-filter-q" />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('code'), dataIndex: 'code', sorter: true, render: (v: string | null) => v ?? '—' },
        {
          title: t('name'),
          dataIndex: 'name',
          sorter: true,
          render: (v: string, m) => (
            <LinkButton onClick={() => open(m.id)} data-testid={`meter-${m.id}`}>
              {v}
            </LinkButton>
          ),
        },
        { title: tc('unit'), dataIndex: 'orgName' },
        { title: tc('energyType'), dataIndex: 'energyType', render: (v: TMeter['energyType']) => <EnergyTypeTag type={v} /> },
        { title: t('unit'), dataIndex: 'unit', render: (v: TMeter['unit']) => unitLabel(tc, v) },
        { title: tc('kind'), dataIndex: 'kind', render: (v: TMeter['kind']) => tc(`kind.${v}`) },
        { title: t('parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: t('endUse'), dataIndex: 'endUse', render: (v: TMeter['endUse']) => (v ? tc(`use.${v}`) : '—') },
        { title: t('multiplier'), dataIndex: 'multiplier', align: 'right' },
        {
          title: t('inTotal'),
          dataIndex: 'inTotal',
          render: (v: boolean) => (v ? <Tag color="green">{t('inTotal')}</Tag> : null),
        },
        {
          title: t('interval'),
          dataIndex: 'intervalMinutes',
          render: (v: number | null, m) => (m.kind === 'bill' ? '—' : intervalLabel(t, v)),
        },
        { title: t('lastReading'), dataIndex: 'lastReadingAt', sorter: true, render: fmtTime },
        { title: t('lastValue'), dataIndex: 'lastValue', align: 'right', render: (v: number | null) => fmtNum(v) },
        {
          title: tc('status'),
          dataIndex: 'status',
          render: (v: TMeter['status']) => <Tag color={v === 'active' ? 'green' : 'default'}>{tc(`ms.${v}`)}</Tag>,
        },
        ...(rights.write
          ? [
              {
                title: '',
                key: 'op',
                render: (_: unknown, m: TMeter) => (
                  <Space size={8}>
                    <LinkButton icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid={`meter-edit-${m.id}`}>
                      {t('edit')}
                    </LinkButton>
                    <Popconfirm
                      title={t('deleteConfirm', { name: m.name })}
                      onConfirm={() => remove(m)}
                      okButtonProps={{ 'data-testid': 'meter-delete-confirm' } as never}
                    >
                      <LinkButton danger icon={<DeleteOutlined />} data-testid={`meter-delete-${m.id}`}>
                        {t('delete')}
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
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('list'), children: list },
          {
            key: 'tree',
            label: t('tree'),
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
  const t = meterMessages.useT();
  const tc = commonMessages.useT();
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
          {m.inTotal ? <Tag color="green">{t('inTotal')}</Tag> : null}
          {m.endUse ? <Tag>{tc(`use.${m.endUse}`)}</Tag> : null}
          {m.intervalMinutes ? <Tag color="purple">{intervalLabel(t, m.intervalMinutes)}</Tag> : null}
          {m.multiplier !== 1 ? <Tag>×{m.multiplier}</Tag> : null}
          {m.status === 'retired' ? <Tag>{tc('ms.retired')}</Tag> : null}
        </span>
      ),
      children: toNodes(m.nodes),
    }));
  return (
    <div data-testid="meter-tree">
      <Space wrap style={{ marginBottom: 12 }}>
        <EnergyUnitSelect allowClear value={props.orgId} onChange={props.onOrg} placeholder={tc('allUnits')} testId="meter-tree-unit" />
        <span style={{ color: '#888', fontSize: 12 }}>{t('treeHint')}</span>
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
