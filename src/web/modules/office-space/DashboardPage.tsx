import { officeApi } from '../../../contracts/modules/office-space.api';
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useActiveOrg } from '../../shared/activeOrg';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { RoomStatusTag, UnitSelect, fmtArea } from './common';

defineMessages(
  {
    'osd.title': '办公用房总览',
    'osd.sites': '办公区',
    'osd.buildings': '楼栋',
    'osd.units': '单位',
    'osd.rooms': '房间',
    'osd.totalArea': '使用面积合计(㎡)',
    'osd.grossArea': '建筑面积(㎡)',
    'osd.perCapita': '人均办公室面积(㎡)',
    'osd.headcount': '在编在岗 / 编制',
    'osd.over': '超标人员',
    'osd.overArea': '超标面积 {n} ㎡',
    'osd.overdue': '超期未腾退',
    'osd.findings': '督查未整改问题',
    'osd.service': '服务用房人均 {n} ㎡（标准 {min}–{max} ㎡）',
    'osd.byClass': '按用途分类的面积',
    'osd.perUnit': '各单位人均办公室面积(㎡)',
    'osd.overByUnit': '各单位超标人数与未整改问题',
    'osd.overSeries': '超标人数',
    'osd.findingSeries': '未整改问题',
    'osd.violations': '出租、出借房间（违规）',
    'osd.idle': '闲置房间',
    'osd.none': '无',
    'osd.below': '偏少',
    'osd.within': '符合',
    'osd.above': '偏多',
  },
  {
    'osd.title': 'Office space overview',
    'osd.sites': 'Sites',
    'osd.buildings': 'Buildings',
    'osd.units': 'Units',
    'osd.rooms': 'Rooms',
    'osd.totalArea': 'Usable area (m²)',
    'osd.grossArea': 'Gross area (m²)',
    'osd.perCapita': 'Office area per person (m²)',
    'osd.headcount': 'Headcount / staffing',
    'osd.over': 'Over the standard',
    'osd.overArea': '{n} m² over',
    'osd.overdue': 'Not recovered in time',
    'osd.findings': 'Open inspection findings',
    'osd.service': 'Service rooms {n} m² per person (guide {min}–{max} m²)',
    'osd.byClass': 'Area by use class',
    'osd.perUnit': 'Office area per person by unit (m²)',
    'osd.overByUnit': 'Over-standard people and open findings by unit',
    'osd.overSeries': 'Over standard',
    'osd.findingSeries': 'Open findings',
    'osd.violations': 'Rented or lent out (violations)',
    'osd.idle': 'Idle rooms',
    'osd.none': 'None',
    'osd.below': 'below',
    'osd.within': 'within',
    'osd.above': 'above',
  },
);

/** The bureau's picture of office space: totals, compliance counts and where the problems are. */
export function OfficeDashboardPage() {
  const t = useT();
  const [activeOrg, setActiveOrg] = useActiveOrg();
  const orgId = activeOrg ?? undefined;
  const summary = useApiQuery(officeApi.summary, { query: { orgId } });
  const units = useApiQuery(officeApi.unitStats, { query: { orgId } });

  const s = summary.data;
  const classPie = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ㎡ ({d}%)' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            data: (['office', 'service', 'equipment', 'auxiliary'] as const).map((k) => ({
              name: t(`uc.${k}`),
              value: s.areaByUseClass[k],
            })),
          },
        ],
      },
    [s, t],
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
          name: t('osd.overSeries'),
          type: 'bar',
          stack: 'p',
          data: problemUnits.map((u) => u.overStandard),
          itemStyle: { color: '#e53935' },
        },
        {
          name: t('osd.findingSeries'),
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
        title={t('osd.title')}
        extra={<UnitSelect allowClear value={orgId} onChange={(v) => setActiveOrg(v ?? null)} placeholder={t('os.allUnits')} />}
      />
      <Row gutter={[12, 12]}>
        {[
          ['osd.sites', s.sites],
          ['osd.buildings', s.buildings],
          ['osd.units', s.units],
          ['osd.rooms', s.rooms],
        ].map(([k, v]) => (
          <Col xs={12} md={6} key={k as string}>
            <Card size="small">
              <Statistic title={t(k as string)} value={v as number} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('osd.totalArea')} value={s.totalArea} precision={2} data-testid="stat-total-area" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('osd.grossArea')} value={s.grossArea} precision={2} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('osd.perCapita')} value={s.officeAreaPerCapita ?? '—'} precision={2} />
            <div style={{ color: '#888', fontSize: 12 }}>
              {t('osd.headcount')}：{s.headcount} / {s.staffing}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/compliance?onlyOver=true">
              <Statistic
                title={t('osd.over')}
                value={s.overStandardCount}
                valueStyle={{ color: s.overStandardCount ? '#e53935' : undefined }}
                data-testid="stat-over"
              />
            </Link>
            <div style={{ color: '#888', fontSize: 12 }}>{t('osd.overArea', { n: fmtArea(s.overStandardArea) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/compliance?tab=overdue">
              <Statistic
                title={t('osd.overdue')}
                value={s.overdueRecoveries}
                valueStyle={{ color: s.overdueRecoveries ? '#e53935' : undefined }}
              />
            </Link>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Link to="/office/inspections">
              <Statistic title={t('osd.findings')} value={s.openFindings} valueStyle={{ color: s.openFindings ? '#fb8c00' : undefined }} />
            </Link>
          </Card>
        </Col>
      </Row>
      <Alert
        style={{ margin: '12px 0' }}
        type={s.serviceStatus === 'within' ? 'success' : 'info'}
        showIcon
        title={`${t('osd.service', { n: fmtArea(s.servicePerCapita), min: s.serviceStandard.min, max: s.serviceStandard.max })}${s.serviceStatus === 'n/a' ? '' : ` · ${t(`osd.${s.serviceStatus}`)}`}`}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('osd.byClass')}>
            {classPie ? <Chart option={classPie} height={300} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('osd.perUnit')}>
            <Chart option={perUnit} height={Math.max(300, sortedUnits.length * 18 + 40)} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('osd.overByUnit')}>
            {problemUnits.length ? (
              <Chart option={problems} height={Math.max(300, problemUnits.length * 28 + 60)} />
            ) : (
              <div style={{ color: '#888' }}>{t('osd.none')}</div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Space>
                {t('osd.violations')}
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
                { title: t('os.unit'), dataIndex: 'orgName' },
                { title: t('os.building'), dataIndex: 'buildingName' },
                { title: t('os.number'), dataIndex: 'number' },
                { title: t('os.area'), dataIndex: 'area', align: 'right', render: fmtArea },
                { title: t('os.status'), dataIndex: 'status', render: (v: string) => <RoomStatusTag status={v} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Space>
                {t('osd.idle')}
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
                { title: t('os.unit'), dataIndex: 'orgName' },
                { title: t('os.building'), dataIndex: 'buildingName' },
                { title: t('os.number'), dataIndex: 'number' },
                { title: t('os.area'), dataIndex: 'area', align: 'right', render: fmtArea },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
