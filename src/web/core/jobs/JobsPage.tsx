import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Table, Tag, message } from 'antd';
import { type TJobRun, jobsApi } from '../../../contracts/core/jobs.api';
import { ApiError } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { useAuth } from '../auth/auth';
import { fmtInstant } from '../../shared/dates';

const jobsMessages = defineMessages('core.jobs', {
  title: { zh: '定时任务', en: 'Scheduled jobs' },
  name: { zh: '任务', en: 'Job' },
  schedule: { zh: '计划', en: 'Schedule' },
  last: { zh: '最近一次', en: 'Last run' },
  run: { zh: '立即执行', en: 'Run now' },
  history: { zh: '执行记录', en: 'Run history' },
  period: { zh: '周期', en: 'Period' },
  status: { zh: '结果', en: 'Result' },
  started: { zh: '开始时间', en: 'Started' },
  duration: { zh: '耗时 (ms)', en: 'Duration (ms)' },
  host: { zh: '执行进程', en: 'Process' },
  detail: { zh: '详情', en: 'Detail' },
  done: { zh: '已执行', en: 'Done' },
  succeeded: { zh: '成功', en: 'Succeeded' },
  failed: { zh: '失败', en: 'Failed' },
  running: { zh: '执行中', en: 'Running' },
  manual: { zh: '手动执行', en: 'Run by hand' },
});

const STATUS = ['succeeded', 'failed', 'running'] as const;
type Status = (typeof STATUS)[number];
const isStatus = (s: string): s is Status => (STATUS as readonly string[]).includes(s);

type Run = TJobRun;
const COLOR: Record<string, string> = { succeeded: 'green', failed: 'red', running: 'blue' };

export function JobsPage() {
  const t = jobsMessages.useT();
  const { hasPermission } = useAuth();
  const q = useApiQuery(jobsApi.list, {});
  // A manual run changes the last run and the history: refresh every jobs query.
  const run = useApiMutation(jobsApi.run, { invalidates: ['jobs'] });
  if (q.error) return <ErrorState error={q.error} />;
  return (
    <div>
      <PageHeader title={t('title')} />
      <Table
        rowKey="name"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('name'),
            render: (_, j) => <span data-testid={`job-${j.name}`}>{j.title}</span>,
          },
          { title: t('schedule'), dataIndex: 'schedule' },
          {
            title: t('last'),
            render: (_, j) =>
              j.lastRun ? (
                <>
                  <Tag color={COLOR[j.lastRun.status]}>{isStatus(j.lastRun.status) ? t(j.lastRun.status) : '—'}</Tag>
                  {fmtInstant(j.lastRun.startedAt)}
                </>
              ) : (
                '—'
              ),
          },
          ...(hasPermission('jobs.run')
            ? [
                {
                  title: '',
                  key: 'run',
                  render: (_: unknown, j: { name: string }) => (
                    <Button
                      size="small"
                      icon={<PlayCircleOutlined />}
                      onClick={() =>
                        run
                          .mutateAsync({ params: { name: j.name } })
                          .then(() => message.success(t('done')))
                          .catch((e) => message.error(showFieldErrors(e)))
                      }
                    >
                      {t('run')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h3 style={{ marginTop: 24 }}>{t('history')}</h3>
      <ServerTable<Run>
        route={jobsApi.runs}
        columns={[
          { title: t('name'), dataIndex: 'title' },
          // A scheduled run's period is its day (or its hour slot); a manual run says so.
          { title: t('period'), render: (_, r) => (r.manual ? t('manual') : r.periodKey.replace('T', ' ')) },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag color={COLOR[s]}>{isStatus(s) ? t(s) : '—'}</Tag> },
          { title: t('started'), dataIndex: 'startedAt', render: (v) => fmtInstant(v) },
          { title: t('duration'), dataIndex: 'durationMs' },
          { title: t('host'), dataIndex: 'host' },
          { title: t('detail'), render: (_, r) => r.error ?? r.summary ?? '—' },
        ]}
      />
    </div>
  );
}
