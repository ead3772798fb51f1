import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { approvalsApi } from '../../../contracts/core/approval.api';
import { notificationsApi } from '../../../contracts/core/notifications.api';
import { orgApi } from '../../../contracts/core/org.api';
import { peopleApi } from '../../../contracts/core/people.api';
import { type TWorkbenchCounter, workbenchApi } from '../../../contracts/core/workbench.api';
import { fmtInstant } from '../../shared/dates';
import type { Page } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call, useApiQuery } from '../../shared/typedApi';
import { QueryError } from '../../shared/ui/states';
import { useAuth } from '../auth/auth';

export const homeMessages = defineMessages('home', {
  hello: { zh: '您好，{name}', en: 'Hello, {name}' },
  todo: { zh: '我的待办', en: 'My to-dos' },
  mine: { zh: '我的申请', en: 'My requests' },
  notif: { zh: '最新消息', en: 'Latest notifications' },
  people: { zh: '人员概况', en: 'Personnel' },
  orgs: { zh: '机构', en: 'Organisations' },
  units: { zh: '下属单位', en: 'Units under the bureau' },
  active: { zh: '在职人员', en: 'Active staff' },
  byStaffing: { zh: '按编制类型', en: 'By staffing type' },
  more: { zh: '更多', en: 'More' },
  'staffing.admin': { zh: '行政编制', en: 'Administrative' },
  'staffing.institution': { zh: '事业编制', en: 'Institution' },
  'staffing.worker': { zh: '工勤', en: 'Service' },
  'staffing.contract': { zh: '编外', en: 'Contract' },
  workbench: { zh: '工作台', en: 'Workbench' },
  noTodo: { zh: '没有等您审批的事项', en: 'Nothing awaits your approval' },
  noMine: { zh: '您还没有提交申请', en: 'You have not submitted any request' },
  noNotif: { zh: '暂无新消息', en: 'No new notifications' },
  'status.pending': { zh: '审批中', en: 'Pending' },
  'status.approved': { zh: '已通过', en: 'Approved' },
  'status.rejected': { zh: '未通过', en: 'Rejected' },
  'status.returned': { zh: '已退回', en: 'Returned' },
  'status.withdrawn': { zh: '已撤回', en: 'Withdrawn' },
});

type StatusKey = 'status.pending' | 'status.approved' | 'status.rejected' | 'status.returned' | 'status.withdrawn';
const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};
/** Above this many counters a role's zeros are left out (the manager's home); below, a zero shows muted: nothing waits there today. */
const MANY_COUNTERS = 8;

/** The caller's to-do counters: a card each, the count and what it counts, opening the list filtered to them. */
function WorkbenchCards({ counters }: { counters: TWorkbenchCounter[] }) {
  const shown = counters.length > MANY_COUNTERS ? counters.filter((c) => c.count > 0) : counters;
  return (
    <Row gutter={[12, 12]} data-testid="workbench">
      {shown.map((c) => (
        <Col key={c.key} xs={12} sm={8} md={6} xl={4}>
          <Link to={c.link} data-testid={`workbench-${c.key}`} aria-label={`${c.label} ${c.count}`}>
            <Card size="small" hoverable className={c.count ? 'hq-wb-card' : 'hq-wb-card hq-wb-zero'}>
              <div className="hq-stat" data-testid={`workbench-count-${c.key}`}>
                {c.count}
              </div>
              <div className="hq-wb-label">{c.label}</div>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

type Task = { id: number; title: string; applicantName?: string; submittedAt: string; status?: string; stepName?: string | null };
const STAFFING = ['admin', 'institution', 'worker', 'contract'] as const;

export function HomePage() {
  const t = homeMessages.useT();
  const { me, hasPermission } = useAuth();
  const workbench = useApiQuery(workbenchApi.counters, {}, { retry: false });
  const canApprove = hasPermission('approval.approve');
  const inbox = useApiQuery(approvalsApi.inbox, { query: { pageSize: 5 } }, { retry: false, enabled: canApprove });
  const mine = useApiQuery(approvalsApi.mine, { query: { pageSize: 5 } }, { retry: false });
  // A role that files no requests (the dispatcher, the keeper) sees no empty "my requests" card.
  const showMine = hasPermission('general.request') || (mine.data?.total ?? 0) > 0;
  const notifs = useApiQuery(notificationsApi.list, { query: { pageSize: 5 } }, { retry: false });
  // The headcount is for who manages people (a unit's or the bureau's administrator), not for every reader.
  const canPeople = hasPermission('people.write');
  const stats = useQuery({
    // Several counts in one card: a key of its own under the people module.
    queryKey: ['people', 'home-stats'],
    enabled: canPeople,
    queryFn: async () => {
      const [active, orgs, ...byType] = await Promise.all([
        call(peopleApi.list, { query: { pageSize: 1, status: 'active' } }),
        call(orgApi.list, {}),
        ...STAFFING.map((s) => call(peopleApi.list, { query: { pageSize: 1, status: 'active', staffingType: s } })),
      ]);
      return {
        active: active.total,
        // 下属单位: active units, the bureau itself not among them (the office overview counts the same).
        units: orgs.items.filter((o) => o.kind === 'unit' && o.status === 'active').length,
        orgs: orgs.items.length,
        byType: byType.map((b) => b.total),
      };
    },
  });
  // An empty list says so in a line of its own words, not an empty-box picture three times over.
  const quiet = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const list = (q: { data?: Page<Task>; isLoading: boolean }, link: (x: Task) => string, empty: string, showStatus: boolean) =>
    q.isLoading ? (
      <Skeleton active paragraph={{ rows: 2 }} title={false} />
    ) : q.data?.items.length ? (
      <List
        size="small"
        dataSource={q.data.items}
        renderItem={(x) => (
          <List.Item>
            <Link to={link(x)}>{x.title}</Link>
            {showStatus && x.status ? (
              <Tag color={STATUS_COLOR[x.status]} style={{ marginInlineEnd: 0 }}>
                {STATUS_COLOR[x.status] ? t(`status.${x.status}` as StatusKey) : x.status}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{x.stepName}</Typography.Text>
            )}
          </List.Item>
        )}
      />
    ) : (
      quiet(empty)
    );
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('hello', { name: me?.displayName ?? '' })}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {me?.orgName}
        </Typography.Text>
      </Typography.Title>
      <QueryError inline queries={[workbench]} />
      {workbench.data?.counters.length ? <WorkbenchCards counters={workbench.data.counters} /> : null}
      <Row gutter={[16, 16]} style={{ marginTop: workbench.data?.counters.length ? 16 : 0 }}>
        {canApprove ? (
          <Col xs={24} md={12}>
            <Card size="small" title={t('todo')} extra={<Link to="/approvals/inbox">{t('more')}</Link>}>
              {list(inbox, (x) => `/approvals/${x.id}`, t('noTodo'), false)}
            </Card>
          </Col>
        ) : null}
        {showMine ? (
          <Col xs={24} md={canApprove ? 12 : 24}>
            <Card size="small" title={t('mine')} extra={<Link to="/approvals/mine">{t('more')}</Link>}>
              {list(mine, (x) => `/approvals/${x.id}`, t('noMine'), true)}
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <Card size="small" title={t('notif')}>
            {notifs.data?.items.length ? (
              <List
                size="small"
                dataSource={notifs.data.items}
                renderItem={(n) => (
                  <List.Item>
                    {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                    <Typography.Text type="secondary">{fmtInstant(n.createdAt)}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : (
              quiet(t('noNotif'))
            )}
          </Card>
        </Col>
        {canPeople && stats.data ? (
          <>
            <Col xs={12} md={6}>
              <Card size="small" title={t('active')}>
                <div className="hq-stat">{stats.data.active}</div>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" title={t('units')}>
                <div className="hq-stat">{stats.data.units}</div>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('byStaffing')}>
                {/* Bars rather than a chart: the home page is the first after sign-in and stays without ECharts (#16). */}
                {STAFFING.map((s, i) => {
                  const n = stats.data.byType[i] ?? 0;
                  const all = stats.data.byType.reduce((a, b) => a + b, 0);
                  return (
                    <div key={s} data-testid={`home-staffing-${s}`} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                      <span style={{ width: 96, flex: 'none' }}>{t(`staffing.${s}`)}</span>
                      <Progress
                        percent={all ? Math.round((n / all) * 1000) / 10 : 0}
                        showInfo={false}
                        size="small"
                        style={{ flex: 1, margin: 0 }}
                      />
                      <span style={{ width: 48, textAlign: 'right', flex: 'none' }}>{n}</span>
                    </div>
                  );
                })}
              </Card>
            </Col>
          </>
        ) : null}
      </Row>
    </div>
  );
}
