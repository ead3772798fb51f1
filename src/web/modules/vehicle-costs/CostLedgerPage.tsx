import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Statistic, Table, message } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LEDGER_CATEGORIES } from '../../../contracts/modules/vehicle-costs';
import { useActiveOrg } from '../../shared/activeOrg';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { download, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { UnitSelect, fmtKm, vehicleMessages } from '../vehicles';
import { type TLedger, YearSelect, costMessages } from './costs-i18n';
import { formatMoney, toFen } from '../../shared/money';
import { cnYear } from '../../shared/dates';

/** Sorts exact money strings in fen. */
const byYuan = (a: string, b: string) => {
  const d = toFen(a) - toFen(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

export const ledgerMessages = defineMessages('vehicleCosts.ledger', {
  title: { zh: '运行费用台账', en: 'Cost ledger' },
  chart: { zh: '{year} 年各月运行费用（元）', en: 'Running costs by month, {year} (CNY)' },
  byVehicle: { zh: '分车辆明细', en: 'By vehicle' },
  byUnit: { zh: '分单位汇总', en: 'By unit' },
  total: { zh: '全年合计(元)', en: 'Year total (CNY)' },
  perKm: { zh: '每公里费用', en: 'Cost per km' },
  km: { zh: '行驶里程', en: 'Distance' },
  litres: { zh: '加油 {l} L · 充电 {k} kWh', en: 'Fuel {l} L · power {k} kWh' },
  vehicles: { zh: '车辆', en: 'Vehicles' },
  empty: { zh: '该年度没有费用记录', en: 'No costs in this year' },
});

const COLORS: Record<string, string> = {
  fuel: '#1677ff',
  repair: '#fa8c16',
  insurance: '#722ed1',
  toll: '#13c2c2',
  parking: '#52c41a',
  other: '#8c8c8c',
};

type VehicleRow = TLedger['vehicles'][number];

/** 费用台账: a unit's running costs for a year, by month and category, and per vehicle with the cost per km. */
export function CostLedgerPage() {
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const tm = ledgerMessages.useT();
  const [params, setParams] = useSearchParams();
  const [activeOrg] = useActiveOrg();
  const year = Number(params.get('year')) || cnYear();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : (activeOrg ?? undefined);
  const set = (k: string, v?: number) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, String(v));
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useApiQuery(vehicleCostsApi.ledger, { query: { year, orgId } });
  const chart = useMemo(() => {
    const months = q.data?.months ?? [];
    return {
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => t('monthN', { n: m.month })) },
      yAxis: { type: 'value' },
      series: LEDGER_CATEGORIES.map((c) => ({
        name: t(`ledger.${c}`),
        type: 'bar',
        stack: 'cost',
        itemStyle: { color: COLORS[c] },
        data: months.map((m) => m[c]),
      })),
    };
  }, [q.data, t]);

  const header = (
    <PageHeader
      title={tm('title')}
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={(y) => set('year', y)} testId="ledger-year" />
          <UnitSelect allowClear value={orgId} onChange={(v) => set('orgId', v)} placeholder={tv('allUnits')} testId="ledger-unit" />
          <Button
            icon={<DownloadOutlined />}
            data-testid="ledger-export"
            onClick={() => download(vehicleCostsApi.exportLedger, { query: { year, orgId } }).catch((e) => message.error(e.message))}
          >
            {t('export')}
          </Button>
        </Space>
      }
    />
  );
  if (q.error)
    return (
      <div>
        {header}
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      </div>
    );
  if (!q.data)
    return (
      <div>
        {header}
        <Loading />
      </div>
    );
  const l = q.data;
  const catCols = LEDGER_CATEGORIES.map((c) => ({
    title: t(`ledger.${c}`),
    dataIndex: c,
    align: 'right' as const,
    sorter: (a: VehicleRow, b: VehicleRow) => byYuan(a[c], b[c]),
    render: (v: string) => formatMoney(v),
  }));
  return (
    <div data-testid="ledger-page" data-year={l.year} data-total={l.totals.total}>
      {header}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tm('total')} value={formatMoney(l.totals.total)} data-testid="ledger-total" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tm('vehicles')} value={l.vehicles.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tm('km')} value={fmtKm(l.totals.km)} suffix="km" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={tm('perKm')} value={l.totals.costPerKm === null ? '—' : formatMoney(l.totals.costPerKm)} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={tm('chart', { year: l.year })} style={{ marginTop: 12 }}>
        <div data-testid="ledger-chart">
          <Chart option={chart} height={320} />
        </div>
      </Card>
      {l.units.length > 1 ? (
        <Card size="small" title={tm('byUnit')} style={{ marginTop: 12 }}>
          <Table
            size="small"
            rowKey="orgId"
            dataSource={l.units}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: tv('unit'), dataIndex: 'orgName', fixed: 'left' },
              { title: t('vehicles'), dataIndex: 'vehicles', align: 'right' },
              ...LEDGER_CATEGORIES.map((c) => ({
                title: t(`ledger.${c}`),
                dataIndex: c,
                align: 'right' as const,
                render: (v: string) => formatMoney(v),
              })),
              { title: t('ledger.total'), dataIndex: 'total', align: 'right', render: (v: string) => <b>{formatMoney(v)}</b> },
              { title: t('km'), dataIndex: 'km', align: 'right', render: fmtKm },
              { title: t('perKm'), dataIndex: 'costPerKm', align: 'right', render: (v: number | null) => formatMoney(v) },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={tm('byVehicle')} style={{ marginTop: 12 }}>
        <Table<VehicleRow>
          size="small"
          rowKey="vehicleId"
          data-testid="ledger-table"
          dataSource={l.vehicles}
          locale={{ emptyText: tm('empty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `ledger-row-${r.vehicleId}`, 'data-plate': r.plate, 'data-total': r.total }) as never}
          columns={[
            { title: tv('plate'), dataIndex: 'plate', fixed: 'left' },
            { title: tv('unit'), dataIndex: 'orgName' },
            ...catCols,
            {
              title: t('ledger.total'),
              dataIndex: 'total',
              align: 'right',
              sorter: (a, b) => byYuan(a.total, b.total),
              defaultSortOrder: undefined,
              render: (v: string) => <b>{formatMoney(v)}</b>,
            },
            { title: t('km'), dataIndex: 'km', align: 'right', sorter: (a, b) => a.km - b.km, render: fmtKm },
            {
              title: t('perKm'),
              dataIndex: 'costPerKm',
              align: 'right',
              sorter: (a, b) => (a.costPerKm ?? -1) - (b.costPerKm ?? -1),
              render: (v: number | null) => formatMoney(v),
            },
          ]}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <b>{t('ledger.total')}</b>
                </Table.Summary.Cell>
                {LEDGER_CATEGORIES.map((c, i) => (
                  <Table.Summary.Cell key={c} index={i + 2} align="right">
                    {formatMoney(l.totals[c])}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={8} align="right">
                  <b data-testid="ledger-sum">{formatMoney(l.totals.total)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {fmtKm(l.totals.km)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} align="right">
                  {formatMoney(l.totals.costPerKm)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Card>
    </div>
  );
}
