import { useQuery } from '@tanstack/react-query';
import { Card, Col, Form, InputNumber, Row, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { VEHICLE_STATUSES, VEHICLE_TYPES } from '../../../contracts/modules/vehicles';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { useAuth } from '../../core/auth/auth';
import { useActiveOrg } from '../../shared/activeOrg';
import { defineMessages } from '../../shared/i18n';
import { call, keyOf, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { Chart } from '../../shared/ui/Chart';
import { FormModal } from '../../shared/ui/FormModal';
import { ErrorState, LinkButton, Loading, PageHeader } from '../../shared/ui/states';
import { type TQuota, UnitSelect } from './common';
import { vehicleMessages } from './common.i18n';

const overviewMessages = defineMessages('vehicles.overview', {
  title: { zh: '公务用车总览', en: 'Official vehicles overview' },
  total: { zh: '车辆总数', en: 'Vehicles' },
  byStatus: { zh: '按状态', en: 'By status' },
  byType: { zh: '按车辆类型', en: 'By vehicle type' },
  quotas: { zh: '编制与控制数', en: 'Quotas and caps' },
  ratio: { zh: '控制比例 {r}', en: 'Cap ratio {r}' },
  quota: { zh: '编制数', en: 'Quota' },
  cap: { zh: '控制数', en: 'Cap' },
  actual: { zh: '实有', en: 'Held' },
  pending: { zh: '在途购置', en: 'On order' },
  overCap: { zh: '超编', en: 'Over cap' },
  within: { zh: '未超编', en: 'Within cap' },
  overUnits: { zh: '超编单位', en: 'Units over cap' },
  chart: { zh: '各单位编制数、控制数与实有车辆', en: 'Quota, cap and vehicles held by unit' },
  setQuota: { zh: '核定编制', en: 'Set quota' },
  setQuotaFor: { zh: '核定编制：{name}', en: 'Set quota: {name}' },
  noQuota: { zh: '暂无编制数据', en: 'No quotas yet' },
});

/** Counts by one filter value: the list's total with pageSize 1 (the server counts in scope). */
function useCounts(field: 'status' | 'type', values: readonly string[], orgId?: number) {
  return useQuery({
    // Under the list's key: a change to the ledger refreshes the counts.
    queryKey: [...keyOf(vehiclesApi.list), 'counts', field, orgId],
    queryFn: async () => {
      const totals = await Promise.all(
        values.map((v) => call(vehiclesApi.list, { query: { [field]: v, orgId, pageSize: 1 } }).then((r) => r.total)),
      );
      return Object.fromEntries(values.map((v, i) => [v, totals[i]!])) as Record<string, number>;
    },
  });
}

/** The bureau's picture of its fleet: how many, in what state, and which units hold more than their cap. */
export function VehiclesOverviewPage() {
  const t = vehicleMessages.useT();
  const tm = overviewMessages.useT();
  const { hasPermission } = useAuth();
  const [activeOrg, setActiveOrg] = useActiveOrg();
  const orgId = activeOrg ?? undefined;
  const byStatus = useCounts('status', VEHICLE_STATUSES, orgId);
  const byType = useCounts('type', VEHICLE_TYPES, orgId);
  const quotas = useApiQuery(vehiclesApi.quotas, { query: { orgId } });
  const setQuota = useApiMutation(vehiclesApi.setQuota, { invalidates: [vehiclesApi.quotas] });
  const [editing, setEditing] = useState<TQuota | null>(null);
  const items = quotas.data?.items ?? [];
  const over = items.filter((q) => q.overCap);
  // Over-cap units first, then the server's order (the org tree).
  const sorted = useMemo(() => [...items].sort((a, b) => Number(b.overCap) - Number(a.overCap)), [items]);
  const chart = useMemo(
    () => ({
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 130, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((q) => q.orgName),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        { name: tm('quota'), type: 'bar', data: items.map((q) => q.quota), itemStyle: { color: '#bfbfbf' } },
        { name: tm('cap'), type: 'bar', data: items.map((q) => q.cap), itemStyle: { color: '#1677ff' } },
        {
          name: tm('actual'),
          type: 'bar',
          data: items.map((q) => ({ value: q.actual, itemStyle: { color: q.overCap ? '#e53935' : '#52c41a' } })),
          itemStyle: { color: '#52c41a' },
        },
      ],
    }),
    [items, tm],
  );

  if (byStatus.error) return <ErrorState error={byStatus.error} onRetry={() => byStatus.refetch()} />;
  if (!byStatus.data || !byType.data) return <Loading />;
  const total = Object.values(byStatus.data).reduce((a, b) => a + b, 0);
  return (
    <div className="vh-page" data-testid="vehicles-overview">
      <PageHeader
        title={tm('title')}
        extra={<UnitSelect allowClear value={orgId} onChange={(v) => setActiveOrg(v ?? null)} placeholder={t('allUnits')} />}
      />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Link to="/vehicles/register">
              <Statistic title={tm('total')} value={total} data-testid="stat-total" />
            </Link>
          </Card>
        </Col>
        {VEHICLE_STATUSES.map((s) => (
          <Col xs={12} md={6} lg={4} key={s}>
            <Card size="small">
              <Statistic
                title={t(`status.${s}`)}
                value={byStatus.data[s]}
                data-testid={`stat-status-${s}`}
                valueStyle={{ color: s === 'in_repair' && byStatus.data[s] ? '#fa8c16' : undefined }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic
              title={tm('overUnits')}
              value={over.length}
              valueStyle={{ color: over.length ? '#e53935' : undefined }}
              data-testid="stat-over-cap"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={tm('byType')} style={{ marginTop: 12 }}>
        <Row gutter={[12, 12]}>
          {VEHICLE_TYPES.map((ty) => (
            <Col xs={12} sm={8} md={4} key={ty} style={{ minWidth: 140 }}>
              <Statistic title={t(`vehicleType.${ty}`)} value={byType.data[ty]} data-testid={`stat-type-${ty}`} />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={tm('quotas')}
            extra={quotas.data ? <span style={{ color: '#888' }}>{tm('ratio', { r: quotas.data.ratio })}</span> : null}
          >
            <Table<TQuota>
              size="small"
              rowKey="orgId"
              data-testid="quota-table"
              loading={quotas.isLoading}
              dataSource={sorted}
              pagination={{ pageSize: 15, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: tm('noQuota') }}
              rowClassName={(q) => (q.overCap ? 'vh-over-cap' : '')}
              onRow={(q) => ({ 'data-testid': `quota-row-${q.orgId}`, 'data-over-cap': String(q.overCap) }) as never}
              columns={[
                { title: t('unit'), dataIndex: 'orgName' },
                { title: tm('quota'), dataIndex: 'quota', align: 'right' },
                { title: tm('cap'), dataIndex: 'cap', align: 'right' },
                { title: tm('actual'), dataIndex: 'actual', align: 'right' },
                { title: tm('pending'), dataIndex: 'pending', align: 'right' },
                {
                  title: t('status'),
                  key: 'over',
                  render: (_, q) => (q.overCap ? <Tag color="red">{tm('overCap')}</Tag> : <Tag color="green">{tm('within')}</Tag>),
                },
                ...(hasPermission('vehicles.manage')
                  ? [
                      {
                        title: '',
                        key: 'op',
                        render: (_: unknown, q: TQuota) => <LinkButton onClick={() => setEditing(q)}>{tm('setQuota')}</LinkButton>,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tm('chart')}>
            {items.length ? (
              <Chart option={chart} height={Math.max(340, items.length * 30 + 60)} />
            ) : (
              <div style={{ color: '#888' }}>{tm('noQuota')}</div>
            )}
          </Card>
        </Col>
      </Row>
      {/* Mounted per opening, so the form starts from this unit's quota. */}
      {editing ? (
        <FormModal
          key={editing.orgId}
          open={!!editing}
          title={tm('setQuotaFor', { name: editing?.orgName ?? '' })}
          onClose={() => setEditing(null)}
          initialValues={{ quota: editing?.quota }}
          onSubmit={(v) => setQuota.mutateAsync({ params: { orgId: editing!.orgId }, body: { quota: v.quota } })}
        >
          <Form.Item name="quota" label={tm('quota')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </FormModal>
      ) : null}
    </div>
  );
}
