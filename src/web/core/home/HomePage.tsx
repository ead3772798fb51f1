import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Progress, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { approvalsApi } from '../../../contracts/core/approval.api';
import { notificationsApi } from '../../../contracts/core/notifications.api';
import { orgApi } from '../../../contracts/core/org.api';
import { peopleApi } from '../../../contracts/core/people.api';
import type { Page } from '../../shared/api';
import { defineMessages } from '../../shared/i18n';
import { call, useApiQuery } from '../../shared/typedApi';
import { EmptyState } from '../../shared/ui/states';
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
});

type Task = { id: number; title: string; applicantName?: string; submittedAt: string; status?: string; stepName?: string | null };
const STAFFING = ['admin', 'institution', 'worker', 'contract'] as const;

export function HomePage() {
  const t = homeMessages.useT();
  const { me, hasPermission } = useAuth();
  const inbox = useApiQuery(approvalsApi.inbox, { query: { pageSize: 5 } }, { retry: false });
  const mine = useApiQuery(approvalsApi.mine, { query: { pageSize: 5 } }, { retry: false });
  const notifs = useApiQuery(notificationsApi.list, { query: { pageSize: 5 } }, { retry: false });
  const canPeople = hasPermission('people.read');
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
  const list = (q: { data?: Page<Task> }, link: (x: Task) => string) =>
    q.data?.items.length ? (
      <List
        size="small"
        dataSource={q.data.items}
        renderItem={(x) => (
          <List.Item>
            <Link to={link(x)}>{x.title}</Link>
            <Typography.Text type="secondary">{x.stepName ?? (x.status ? <Tag>{x.status}</Tag> : null)}</Typography.Text>
          </List.Item>
        )}
      />
    ) : (
      <EmptyState />
    );
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('hello', { name: me?.displayName ?? '' })}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {me?.orgName}
        </Typography.Text>
      </Typography.Title>
      <Row gutter={[16, 16]}>
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
        <Col xs={24} md={12}>
          <Card size="small" title={t('todo')} extra={<Link to="/approvals/inbox">{t('more')}</Link>}>
            {list(inbox, (x) => `/approvals/${x.id}`)}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('mine')} extra={<Link to="/approvals/mine">{t('more')}</Link>}>
            {list(mine, (x) => `/approvals/${x.id}`)}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('notif')}>
            {notifs.data?.items.length ? (
              <List
                size="small"
                dataSource={notifs.data.items}
                renderItem={(n) => (
                  <List.Item>
                    {n.title}
                    <Typography.Text type="secondary">{new Date(n.createdAt).toLocaleString()}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : (
              <EmptyState />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
