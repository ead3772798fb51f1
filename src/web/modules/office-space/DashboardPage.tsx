import { officeApi } from '../../../contracts/modules/office-space.api';
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useActiveOrg } from '../../shared/activeOrg';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { RoomStatusTag, UnitSelect, fmtArea, officeMessages, tKey } from './common';

export const dashboardMessages = defineMessages('office.dashboard', {
  title: { zh: '办公用房总览', en: 'Office space overview' },
  sites: { zh: '办公区', en: 'Sites' },
  buildings: { zh: '楼栋', en: 'Buildings' },
  units: { zh: '下属单位', en: 'Units under the bureau' },
  rooms: { zh: '房间', en: 'Rooms' },
  totalArea: { zh: '使用面积合计(㎡)', en: 'Usable area (m²)' },
  grossArea: { zh: '建筑面积(㎡)', en: 'Gross area (m²)' },
  perCapita: { zh: '人均办公室面积(㎡)', en: 'Office area per person (m²)' },
  headcount: { zh: '在编在岗 / 编制', en: 'Headcount / staffing' },
  over: { zh: '超标人员', en: 'Over the standard' },
  overArea: { zh: '超标面积 {n} ㎡', en: '{n} m² over' },
  overdue: { zh: '超期未腾退', en: 'Not recovered in time' },
  findings: { zh: '督查未整改问题', en: 'Open inspection findings' },
  service: { zh: '服务用房人均 {n} ㎡（标准 {min}–{max} ㎡）', en: 'Service rooms {n} m² per person (guide {min}–{max} m²)' },
  byClass: { zh: '按用途分类的面积', en: 'Area by use class' },
  perUnit: { zh: '各单位人均办公室面积(㎡)', en: 'Office area per person by unit (m²)' },
  overByUnit: { zh: '各单位超标人数与未整改问题', en: 'Over-standard people and open findings by unit' },
  overSeries: { zh: '超标人数', en: 'Over standard' },
  findingSeries: { zh: '未整改问题', en: 'Open findings' },
  violations: { zh: '出租、出借房间（违规）', en: 'Rented or lent out (violations)' },
  idle: { zh: '闲置房间', en: 'Idle rooms' },
  none: { zh: '无', en: 'None' },
  below: { zh: '偏少', en: 'below' },
  within: { zh: '符合', en: 'within' },
  above: { zh: '偏多', en: 'above' },
});

/** The bureau's picture of office space: totals, compliance counts and where the problems are. */
export function OfficeDashboardPage() {
  const t = dashboardMessages.useT();
  const tc = officeMessages.useT();
  const [activeOrg, setActiveOrg] = useActiveOrg();
  const orgId = activeOrg ?? undefined;
  const summary = useApiQuery(officeApi.summary, { query: { orgId } });
  const units = useApiQuery(officeApi.unitStats, { query: { orgId } });

  const s = summary.data;
  const classPie = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'item', formatter: `{b}: ${tc('sqm', { n: '{c}' })} ({d}%)` },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            data: (['office', 'service', 'equipment', 'auxiliary'] as const).map((k) => ({
              name: tc(`useClass.${k}`),
              value: s.areaByUseClass[k],
            })),
          },
        ],
      },
    [s, tc],
  );
  const sortedUnits = useMemo(
    () =>
      [...(units.data?.items ?? [])]
        .filter((u) => u.officeAreaPerCapita !== null)
        .sort((a, b) => (b.officeAreaPerCapita ?? 0) - (a.officeAreaPerCapita ?? 0)),
    [units.data],
  );
  const perUnit = useMemo(
    () => ({
      grid: { left: 110, right: 20, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: sortedUnits.map((u) => u.name), axisLabel: { width: 100, overflow: 'truncate' } },
      series: [{ type: 'bar', data: sortedUnits.map((u) => u.officeAreaPerCapita), itemStyle: { color: '#1677ff' } }],
    }),
    [sortedUnits],
  );
  const problemUnits = useMemo(() => (units.data?.items ?? []).filter((u) => u.overStandard > 0 || u.openFindings > 0), [units.data]);
  const problems = useMemo(
    () => ({
      grid: { left: 110, right: 20, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: problemUnits.map((u) => u.name), axisLabel: { width: 100, overflow: 'truncate' } },
      series: [
        {
          name: t('overSeries'),
          type: 'bar',
          stack: 'p',
          data: problemUnits.map((u) => u.overStandard),
          itemStyle: { color: '#e53935' },
        },
        {
          name: t('findingSeries'),
          type: 'bar',
          stack: 'p',
          data: problemUnits.map((u) => u.openFindings),
          itemStyle: { color: '#fb8c00' },
        },
      ],
    }),
    [problemUnits, t],
  );

  if (summary.error) return <ErrorState error={summary.error} onRetry={() => summary.refetch()} />;
  if (!s) return <Loading />;
  return (
    <div data-testid="office-dashboard">
      <PageHeader
        title={t('title')}
        extra={<UnitSelect allowClear value={orgId} onChange={(v) => setActiveOrg(v ?? null)} placeholder={tc('allUnits')} />}
      />
      <Row gutter={[12, 12]}>
        {[
          ['sites', s.sites],
          ['buildings', s.buildings],
          ['units', s.units],
          ['rooms', s.rooms],
        ].map(([k, v]) => (
          <Col xs={12} md={6} key={k as string}>
            <Card size="small">
              <Statistic title={tKey(t, String(k))} value={v as number} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('totalArea')} value={s.totalArea} precision={2} data-testid="stat-total-area" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('grossArea')} value={s.grossArea} precision={2} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('perCapita')} value={s.officeAreaPerCapita ?? '—'} precision={2} />
            <div style={{ color: '#888', fontSize: 12 }}>
              {t('headcount')}：{s.headcount} / {s.staffing}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/compliance?onlyOver=true">
              <Statistic
                title={t('over')}
                value={s.overStandardCount}
                valueStyle={{ color: s.overStandardCount ? '#e53935' : undefined }}
                data-testid="stat-over"
              />
            </Link>
            <div style={{ color: '#888', fontSize: 12 }}>{t('overArea', { n: fmtArea(s.overStandardArea) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/compliance?tab=overdue">
              <Statistic
                title={t('overdue')}
                value={s.overdueRecoveries}
                valueStyle={{ color: s.overdueRecoveries ? '#e53935' : undefined }}
              />
            </Link>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/inspections">
              <Statistic title={t('findings')} value={s.openFindings} valueStyle={{ color: s.openFindings ? '#fb8c00' : undefined }} />
            </Link>
          </Card>
        </Col>
      </Row>
      <Alert
        style={{ margin: '12px 0' }}
        type={s.serviceStatus === 'within' ? 'success' : 'info'}
        showIcon
        title={`${t('service', { n: fmtArea(s.servicePerCapita), min: s.serviceStandard.min, max: s.serviceStandard.max })}${s.serviceStatus === 'n/a' ? '' : ` · ${t(`${s.serviceStatus}`)}`}`}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('byClass')}>
            {classPie ? <Chart option={classPie} height={300} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('perUnit')}>
            <Chart option={perUnit} height={Math.max(300, sortedUnits.length * 18 + 40)} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('overByUnit')}>
            {problemUnits.length ? (
              <Chart option={problems} height={Math.max(300, problemUnits.length * 28 + 60)} />
            ) : (
              <div style={{ color: '#888' }}>{t('none')}</div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Space>
                {t('violations')}
                <Tag color="red">{s.violations.length}</Tag>
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="roomId"
              pagination={false}
              dataSource={s.violations}
              data-testid="violations"
              columns={[
                { title: tc('unit'), dataIndex: 'orgName' },
                { title: tc('building'), dataIndex: 'buildingName' },
                { title: tc('number'), dataIndex: 'number' },
                { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
                { title: tc('status'), dataIndex: 'status', render: (v: string) => <RoomStatusTag status={v} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Space>
                {t('idle')}
                <Tag>{s.idleRooms.length}</Tag>
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="roomId"
              pagination={{ pageSize: 8 }}
              dataSource={s.idleRooms}
              columns={[
                { title: tc('unit'), dataIndex: 'orgName' },
                { title: tc('building'), dataIndex: 'buildingName' },
                { title: tc('number'), dataIndex: 'number' },
                { title: tc('area'), dataIndex: 'area', align: 'right', render: fmtArea },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
