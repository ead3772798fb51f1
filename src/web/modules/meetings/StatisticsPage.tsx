import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select, Space, Table, message } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZMeetingStatsSchema } from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { UnitSelect } from '../../core/org/UnitSelect';
import { cnMonth } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { download, useApiQuery } from '../../shared/typedApi';
import { Chart } from '../../shared/ui/Chart';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { useLabels, useWeekdayName } from './common';
import { meetingMessages } from './meetings.i18n';

type TStats = z.infer<typeof ZMeetingStatsSchema>;

const statsMessages = defineMessages('meetings.stats', {
  title: { zh: '会议室统计', en: 'Meeting statistics' },
  from: { zh: '起始月份', en: 'From' },
  to: { zh: '截止月份', en: 'To' },
  perMonth: { zh: '每月会议场次（按级别）', en: 'Meetings per month by level' },
  heat: { zh: '会议室 × 星期 使用率（预订小时 / 开放小时）', en: 'Room × weekday use (booked hours / open hours)' },
  utilisation: { zh: '会议室使用率', en: 'Room utilisation' },
  noShows: { zh: '各单位未签到释放', en: 'No-shows by unit' },
  openHours: { zh: '开放小时', en: 'Open hours' },
  bookedHours: { zh: '预订小时', en: 'Booked hours' },
  usedHours: { zh: '实际使用小时', en: 'Used hours' },
  bookedRate: { zh: '预订率', en: 'Booked' },
  usedRate: { zh: '使用率', en: 'Used' },
  noShowCount: { zh: '未签到', en: 'No-shows' },
  bookings: { zh: '预订次数', en: 'Bookings' },
  noShowRate: { zh: '未签到率', en: 'No-show rate' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  allUnits: { zh: '全部单位', en: 'All units' },
  none: { zh: '无', en: 'None' },
});

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
const hours = (v: number) => (Math.round(v * 10) / 10).toLocaleString('zh-CN');
/** `YYYY-MM` shifted by n months. */
const shiftMonth = (m: string, n: number) => {
  const k = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** 会议室统计: meetings per month by level, the room × weekday heatmap, utilisation and no-shows by unit; Excel export. */
export function StatisticsPage() {
  const t = meetingMessages.useT();
  const ts = statsMessages.useT();
  const l = useLabels();
  const wd = useWeekdayName();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? cnMonth();
  const from = params.get('from') ?? shiftMonth(to, -5);
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const building = params.get('building') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const query = { from, to, orgId, building };
  const q = useApiQuery(meetingsApi.statistics, { query });
  const buildings = useApiQuery(meetingsApi.buildings, {}, { staleTime: 60_000 });
  const s: TStats | undefined = q.data;
  const monthChart = useMemo(
    () => ({
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (s?.months ?? []).map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: l.level('important'),
          type: 'bar',
          stack: 'n',
          itemStyle: { color: '#b71c1c' },
          data: (s?.months ?? []).map((m) => m.important),
        },
        {
          name: l.level('ordinary'),
          type: 'bar',
          stack: 'n',
          itemStyle: { color: '#1677ff' },
          data: (s?.months ?? []).map((m) => m.ordinary),
        },
      ],
    }),
    [s, l],
  );
  const heatRooms = s?.rooms ?? [];
  const heatChart = useMemo(() => {
    const index = new Map(heatRooms.map((r, i) => [r.roomId, i]));
    // The scale runs to the busiest cell (at least 10 %), so a district at 5 % still shows its pattern.
    const top = Math.max(10, ...(s?.heat ?? []).map((h) => (h.openHours ? Math.round((h.bookedHours / h.openHours) * 100) : 0)));
    return {
      tooltip: {
        position: 'top',
        formatter: (p: { data: [number, number, number, number, number] }) =>
          `${heatRooms[p.data[1]]?.name ?? ''} · ${wd(p.data[0] + 1)}<br/>${hours(p.data[3])} / ${hours(p.data[4])} h (${p.data[2]}%)`,
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: [1, 2, 3, 4, 5, 6, 7].map((d) => wd(d)), splitArea: { show: true } },
      yAxis: { type: 'category', data: heatRooms.map((r) => r.name), splitArea: { show: true } },
      // The colour follows the rate (the third value); the hours ride along for the tooltip.
      visualMap: {
        dimension: 2,
        min: 0,
        max: top,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f5f5f5', '#ffccc7', '#b71c1c'] },
      },
      series: [
        {
          type: 'heatmap',
          label: { show: true, formatter: (p: { data: number[] }) => (p.data[4] ? `${p.data[2]}` : '') },
          data: (s?.heat ?? [])
            .filter((h) => index.has(h.roomId))
            .map((h) => [
              h.weekday - 1,
              index.get(h.roomId)!,
              h.openHours ? Math.round((h.bookedHours / h.openHours) * 100) : 0,
              h.bookedHours,
              h.openHours,
            ]),
        },
      ],
    };
  }, [s, heatRooms, wd]);
  const noShowChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: (s?.noShows ?? []).map((n) => n.orgName ?? '') },
      series: [{ name: ts('noShowCount'), type: 'bar', itemStyle: { color: '#fa8c16' }, data: (s?.noShows ?? []).map((n) => n.noShows) }],
    }),
    [s, ts],
  );
  return (
    <div className="mt-page" data-testid="meetings-stats-page">
      <PageHeader
        title={ts('title')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="stats-export"
            onClick={() => download(meetingsApi.exportStatistics, { query }).catch((e) => message.error(showFieldErrors(e)))}
          >
            {ts('export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Space size={4}>
          {ts('from')}
          <Input
            type="month"
            value={from}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
            style={{ width: 150 }}
            data-testid="stats-from"
          />
        </Space>
        <Space size={4}>
          {ts('to')}
          <Input
            type="month"
            value={to}
            onChange={(e) => e.target.value && set({ to: e.target.value })}
            style={{ width: 150 }}
            data-testid="stats-to"
          />
        </Space>
        <UnitSelect allowClear value={orgId} onChange={(v) => set({ orgId: v ? String(v) : undefined })} placeholder={ts('allUnits')} />
        <Select
          allowClear
          placeholder={t('allBuildings')}
          value={building}
          onChange={(v) => set({ building: v })}
          style={{ minWidth: 160 }}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b, label: b }))}
        />
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !s ? (
        <Loading />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={ts('perMonth')} data-testid="stats-months">
              <Chart option={monthChart} height={300} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={ts('noShows')} data-testid="stats-noshows">
              {s.noShows.length ? <Chart option={noShowChart} height={300} /> : <div className="mt-muted">{ts('none')}</div>}
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={ts('heat')} data-testid="stats-heat">
              {heatRooms.length ? <Chart option={heatChart} height={Math.max(220, heatRooms.length * 30 + 90)} /> : null}
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={ts('utilisation')}>
              <Table
                size="small"
                rowKey="roomId"
                dataSource={s.rooms}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                data-testid="stats-rooms"
                columns={[
                  { title: t('room'), dataIndex: 'name', fixed: 'left' },
                  { title: t('building'), dataIndex: 'building' },
                  { title: ts('openHours'), dataIndex: 'openHours', align: 'right', render: hours },
                  { title: ts('bookedHours'), dataIndex: 'bookedHours', align: 'right', render: hours },
                  { title: ts('usedHours'), dataIndex: 'usedHours', align: 'right', render: hours },
                  { title: ts('bookedRate'), dataIndex: 'bookedRate', align: 'right', render: pct },
                  { title: ts('usedRate'), dataIndex: 'usedRate', align: 'right', render: pct },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={ts('noShows')}>
              <Table
                size="small"
                rowKey="orgId"
                dataSource={s.noShows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('unit'), dataIndex: 'orgName' },
                  { title: ts('noShowCount'), dataIndex: 'noShows', align: 'right' },
                  { title: ts('bookings'), dataIndex: 'bookings', align: 'right' },
                  {
                    title: ts('noShowRate'),
                    key: 'rate',
                    align: 'right',
                    render: (_, r) => pct(r.bookings ? r.noShows / r.bookings : null),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
