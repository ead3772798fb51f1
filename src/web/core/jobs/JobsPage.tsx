import { PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, message } from 'antd';
import { ApiError, api } from '../../shared/api';
import { defineMessages, useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, PageHeader } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';

defineMessages(
  {
    'jobs.title': '定时任务',
    'jobs.name': '任务',
    'jobs.schedule': '计划',
    'jobs.last': '最近一次',
    'jobs.run': '立即执行',
    'jobs.history': '执行记录',
    'jobs.period': '周期',
    'jobs.status': '结果',
    'jobs.started': '开始时间',
    'jobs.duration': '耗时 (ms)',
    'jobs.host': '执行进程',
    'jobs.detail': '详情',
    'jobs.done': '已执行',
  },
  {
    'jobs.title': 'Scheduled jobs',
    'jobs.name': 'Job',
    'jobs.schedule': 'Schedule',
    'jobs.last': 'Last run',
    'jobs.run': 'Run now',
    'jobs.history': 'Run history',
    'jobs.period': 'Period',
    'jobs.status': 'Result',
    'jobs.started': 'Started',
    'jobs.duration': 'Duration (ms)',
    'jobs.host': 'Process',
    'jobs.detail': 'Detail',
    'jobs.done': 'Done',
  },
);

type Run = {
  id: number;
  job: string;
  periodKey: string;
  status: string;
  startedAt: string;
  durationMs: number | null;
  result: unknown;
  error: string | null;
  host: string | null;
};
const COLOR: Record<string, string> = { succeeded: 'green', failed: 'red', running: 'blue' };

export function JobsPage() {
  const t = useT();
  const { hasPermission } = useAuth();
  const q = useQuery({
    queryKey: ['jobs'],
    queryFn: () =>
      api.get<{ items: { name: string; title: string; schedule: string; lastRun: Run | null }[] }>('/jobs').then((r) => r.items),
  });
  if (q.error) return <ErrorState error={q.error} />;
  return (
    <div>
      <PageHeader title={t('jobs.title')} />
      <Table
        rowKey="name"
        size="small"
        loading={q.isLoading}
        dataSource={q.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('jobs.name'),
            render: (_, j) => (
              <>
                {j.title} <code>{j.name}</code>
              </>
            ),
          },
          { title: t('jobs.schedule'), dataIndex: 'schedule' },
          {
            title: t('jobs.last'),
            render: (_, j) =>
              j.lastRun ? (
                <>
                  <Tag color={COLOR[j.lastRun.status]}>{j.lastRun.status}</Tag>
                  {new Date(j.lastRun.startedAt).toLocaleString()}
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
                        api
                          .post(`/jobs/${j.name}/run`)
                          .then(() => {
                            message.success(t('jobs.done'));
                            q.refetch();
                          })
                          .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)))
                      }
                    >
                      {t('jobs.run')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h3 style={{ marginTop: 24 }}>{t('jobs.history')}</h3>
      <ServerTable<Run>
        queryKey="job-runs"
        path="/jobs/runs"
        columns={[
          { title: t('jobs.name'), dataIndex: 'job' },
          { title: t('jobs.period'), dataIndex: 'periodKey' },
          { title: t('jobs.status'), dataIndex: 'status', render: (s) => <Tag color={COLOR[s]}>{s}</Tag> },
          { title: t('jobs.started'), dataIndex: 'startedAt', render: (v) => new Date(v).toLocaleString() },
          { title: t('jobs.duration'), dataIndex: 'durationMs' },
          { title: t('jobs.host'), dataIndex: 'host' },
          { title: t('jobs.detail'), render: (_, r) => <code>{r.error ?? JSON.stringify(r.result)}</code> },
        ]}
      />
    </div>
  );
}
