import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Tooltip, message, App } from 'antd';
import { useMemo, useState } from 'react';
import { ASSESSMENT_CRITERIA } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { download, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  GradeTag,
  type TAssessment,
  YearSelect,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  thisYear,
  useDefaultUnit,
  useEnergyRights,
  type CommonT,
  codeLabel,
  commonMessages,
} from './common';

export const assessmentMessages = defineMessages('energy.assessment', {
  title: { zh: '节能考核', en: 'Energy assessment' },
  rank: { zh: '名次', en: 'Rank' },
  score: { zh: '总分', en: 'Score' },
  grade: { zh: '等级', en: 'Grade' },
  publish: { zh: '发布考核结果', en: 'Publish the results' },
  publishConfirm: {
    zh: '发布 {year} 年节能考核结果？发布后结果固定，各单位可见。',
    en: 'Publish the {year} energy assessment? Published results are fixed and visible to every unit.',
  },
  published: { zh: '已于 {t} 发布', en: 'Published {t}' },
  draft: { zh: '未发布：以下为按当前数据计算的结果', en: 'Not published: computed from the current data' },
  chart: { zh: '各单位得分构成', en: 'Scores by criterion' },
  noData: { zh: '暂无考核数据', en: 'No assessment data' },
  'd.quota': { zh: '定额 {q}，实际 {a}', en: 'Quota {q}, used {a}' },
  'd.noQuota': { zh: '未核定定额', en: 'No quota set' },
  'd.change': { zh: '较上年 {c}', en: '{c} on last year' },
  'd.findings': { zh: '巡查问题 {f} 起，通报 {n} 次', en: '{f} findings, {n} notices' },
  'd.reporting': { zh: '年报：{s}{late}', en: 'Report: {s}{late}' },
  'd.late': { zh: '（逾期）', en: ' (late)' },
});

type Item = TAssessment['items'][number];
type Part = Item['breakdown'][number];
const CRIT_COLOR: Record<string, string> = { quota: '#1677ff', change: '#52c41a', findings: '#fa8c16', reporting: '#722ed1' };

/** One criterion's facts in words (the server's detail: quota/actual, change, findings/notices, report status). */
function detailText(t: typeof assessmentMessages.t, tc: CommonT, p: Part): string {
  const d = p.detail as Record<string, unknown>;
  switch (p.criterion) {
    case 'quota':
      return d.quota === null || d.quota === undefined
        ? t('d.noQuota')
        : t('d.quota', { q: fmtNum(Number(d.quota), 0), a: fmtNum(Number(d.actual), 0) });
    case 'change':
      return t('d.change', { c: fmtPct(d.change === null || d.change === undefined ? null : Number(d.change)) });
    case 'findings':
      return t('d.findings', { f: Number(d.findings ?? 0), n: Number(d.notices ?? 0) });
    case 'reporting':
      return t('d.reporting', { s: codeLabel(tc, 'rs', String(d.status ?? 'not_started')), late: d.late ? t('d.late') : '' });
    default:
      return '';
  }
}

/** 节能考核: each unit's score on the four criteria, grade and rank, a stacked chart; publishing (bureau) and export. */
export function AssessmentPage() {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const t = assessmentMessages.useT();
  const tc = commonMessages.useT();
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const [year, setYear] = useState(thisYear() - 1);
  const [orgId, setOrgId] = useState<number | undefined>(defaultUnit);
  const q = useApiQuery(energyApi.assessment, { query: { year, orgId } });
  const publishing = useApiMutation(energyApi.publishAssessment, { invalidates: [energyApi.assessment] });
  const items = q.data?.items ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 16, containLabel: true },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: items.map((i) => i.orgName), axisLabel: { width: 120, overflow: 'truncate' } },
      series: ASSESSMENT_CRITERIA.map((c) => ({
        name: tc(`crit.${c}`),
        type: 'bar',
        stack: 'score',
        itemStyle: { color: CRIT_COLOR[c] },
        data: items.map((i) => i.breakdown.find((b) => b.criterion === c)?.score ?? 0),
      })),
    }),
    [items, tc],
  );
  const publish = () =>
    modal.confirm({
      title: t('publishConfirm', { year }),
      okButtonProps: { 'data-testid': 'assessment-publish-ok' } as never,
      onOk: () =>
        publishing
          .mutateAsync({ params: { year } })
          .then(() => {
            message.success(t('published', { t: '' }));
          })
          .catch((e) => message.error(errText(e))),
    });
  return (
    <div className="eg-page" data-testid="assessment-page">
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <YearSelect value={year} onChange={setYear} testId="assessment-year" />
            <EnergyUnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={tc('allUnits')} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(energyApi.exportAssessment, { query: { year, orgId } }).catch((e) => message.error(e.message))}
            >
              {tc('export')}
            </Button>
            {rights.manage && q.data && !q.data.published ? (
              <Button type="primary" icon={<SendOutlined />} onClick={publish} data-testid="assessment-publish">
                {t('publish')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <>
          <Alert
            type={q.data.published ? 'success' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="assessment-state"
            data-published={String(q.data.published)}
            title={q.data.published ? t('published', { t: fmtTime(q.data.publishedAt) }) : t('draft')}
          />
          <Card size="small">
            <Table<Item>
              size="small"
              rowKey="orgId"
              dataSource={items}
              data-testid="assessment-table"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('noData') }}
              onRow={(i) => ({ 'data-testid': `assessment-row-${i.orgId}`, 'data-score': i.score, 'data-grade': i.grade }) as never}
              columns={[
                { title: t('rank'), dataIndex: 'rank', width: 60, sorter: (a, b) => a.rank - b.rank },
                { title: tc('unit'), dataIndex: 'orgName' },
                {
                  title: t('score'),
                  dataIndex: 'score',
                  align: 'right',
                  sorter: (a, b) => a.score - b.score,
                  render: (v: number) => <b>{fmtNum(v, 1)}</b>,
                },
                { title: t('grade'), dataIndex: 'grade', render: (v: Item['grade']) => <GradeTag grade={v} /> },
                ...ASSESSMENT_CRITERIA.map((c) => ({
                  title: tc(`crit.${c}`),
                  key: c,
                  render: (_: unknown, i: Item) => {
                    const p = i.breakdown.find((b) => b.criterion === c);
                    if (!p) return '—';
                    return (
                      <Tooltip title={detailText(t, tc, p)}>
                        <div>
                          <Tag color={p.score >= p.max ? 'green' : p.score <= 0 ? 'red' : 'default'}>
                            {fmtNum(p.score, 1)} / {fmtNum(p.max, 0)}
                          </Tag>
                          <div className="eg-evidence">{detailText(t, tc, p)}</div>
                        </div>
                      </Tooltip>
                    );
                  },
                })),
              ]}
            />
          </Card>
          {items.length ? (
            <Card size="small" title={t('chart')} style={{ marginTop: 12 }}>
              <div data-testid="assessment-chart">
                <Chart option={option} height={Math.max(300, items.length * 26 + 60)} />
              </div>
            </Card>
          ) : null}
        </>
      )}
    </div>
  );
}
