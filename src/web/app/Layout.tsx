import { BellOutlined, CheckSquareOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout as AntLayout,
  List,
  Menu,
  Popover,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useActiveOrg } from '../shared/activeOrg';
import { approvalsApi } from '../../contracts/core/approval.api';
import { authApi } from '../../contracts/core/auth.api';
import { notificationsApi } from '../../contracts/core/notifications.api';
import { defineMessages, useLocale, useT } from '../shared/i18n';
import { call, useApiMutation, useApiQuery } from '../shared/typedApi';
import { ErrorBoundary, Loading } from '../shared/ui/states';
import { useAuth } from '../core/auth/auth';
import { MENU, type MenuEntry } from './menu';
import { useScrollReset } from './scroll';
import { fmtInstant } from '../shared/dates';
import { HeaderSearch } from './HeaderSearch';

export const appMessages = defineMessages('app', {
  name: { zh: '后勤 · 机关事务', en: 'Houqin' },
  profile: { zh: '个人中心', en: 'Profile' },
  password: { zh: '修改密码', en: 'Change password' },
  logout: { zh: '退出登录', en: 'Sign out' },
  notifications: { zh: '消息通知', en: 'Notifications' },
  readAll: { zh: '全部已读', en: 'Mark all read' },
  noNotif: { zh: '暂无消息', en: 'No notifications' },
  todo: { zh: '待办', en: 'To-dos' },
  scope: { zh: '当前机构', en: 'Organisation' },
});

export function AppLayout() {
  const ta = appMessages.useT();
  // Menu labels come from every module's declaration (`labelKey`), so they are looked up untyped.
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { me, hasPermission, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const [activeOrg, setActiveOrg] = useActiveOrg();
  useScrollReset();
  // Until a must-change password is changed the API answers nothing else (403): do not ask.
  const enabled = !me?.mustChangePassword;
  const unread = useApiQuery(notificationsApi.unreadCount, {}, { refetchInterval: 30_000, retry: false, enabled });
  const todo = useApiQuery(approvalsApi.inboxCount, {}, { refetchInterval: 30_000, retry: false, enabled });
  const notifs = useApiQuery(notificationsApi.list, { query: { pageSize: 8 } }, { retry: false, enabled });
  // Reading refreshes the bell's count and list (every notifications query).
  const readAll = useApiMutation(notificationsApi.readAll, { invalidates: ['notifications'] });
  const read = useApiMutation(notificationsApi.read, { invalidates: ['notifications'] });

  const items = useMemo(() => {
    const build = (entries: MenuEntry[]): NonNullable<Parameters<typeof Menu>[0]['items']> =>
      entries
        .filter((e) => hasPermission(e.permission))
        .map((e) =>
          e.children
            ? { key: e.key, icon: e.icon, label: t(e.labelKey), children: build(e.children) }
            : { key: e.path!, icon: e.icon, label: <span data-testid={`menu-${e.key}`}>{t(e.labelKey)}</span> },
        )
        .filter((e) => !('children' in e) || (e.children?.length ?? 0) > 0);
    return build(MENU);
  }, [hasPermission, t]);
  // The most specific entry only: /vehicles/costs is not also the /vehicles overview.
  const selected = [...MENU.flatMap((e) => e.children ?? [e])]
    .filter((e) => e.path && (e.path === '/' ? loc.pathname === '/' : loc.pathname === e.path || loc.pathname.startsWith(`${e.path}/`)))
    .map((e) => e.path!)
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  // The group of the page opened by a link or a reload starts expanded.
  const currentGroup = MENU.find((g) => g.children?.some((c) => c.path && selected.includes(c.path)))?.key;
  const scopeOrgs = [...new Map((me?.scopes ?? []).map((s) => [s.orgId, s.orgName])).entries()];

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={['approvals', 'system', ...(currentGroup ? [currentGroup] : [])]}
      onClick={(e) => {
        nav(e.key);
        setDrawer(false);
      }}
    />
  );
  const bell = (
    <Popover
      trigger="click"
      title={
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          {ta('notifications')}
          <Button
            size="small"
            type="link"
            onClick={async () => {
              await readAll.mutateAsync({});
            }}
          >
            {ta('readAll')}
          </Button>
        </Space>
      }
      content={
        <List
          style={{ width: 320, maxHeight: 360, overflow: 'auto' }}
          dataSource={notifs.data?.items ?? []}
          locale={{ emptyText: ta('noNotif') }}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              onClick={async () => {
                await read.mutateAsync({ params: { id: n.id } }).catch(() => {});
                if (n.link) nav(n.link);
              }}
            >
              <List.Item.Meta title={n.title} description={n.body ?? fmtInstant(n.createdAt)} />
            </List.Item>
          )}
        />
      }
    >
      <Badge count={unread.data?.count ?? 0} size="small">
        <Button type="text" icon={<BellOutlined />} data-testid="notif-bell" aria-label={ta('notifications')} />
      </Badge>
    </Popover>
  );

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          width={240}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      ) : (
        <AntLayout.Sider width={220} breakpoint="lg" collapsible className="hq-no-print hq-sider" data-testid="sider">
          <div className="hq-logo">{ta('name')}</div>
          {menu}
        </AntLayout.Sider>
      )}
      <AntLayout>
        <AntLayout.Header className="hq-header hq-no-print">
          <Space>
            {mobile ? <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label="menu" /> : null}
            {mobile ? <Typography.Text strong>{ta('name')}</Typography.Text> : null}
            {!mobile && scopeOrgs.length > 1 ? (
              <Select
                size="small"
                style={{ minWidth: 200 }}
                value={activeOrg ?? scopeOrgs[0]![0]}
                onChange={setActiveOrg}
                options={scopeOrgs.map(([id, name]) => ({ value: id, label: name }))}
                aria-label={ta('scope')}
              />
            ) : null}
          </Space>
          <Space size={mobile ? 4 : 12}>
            {enabled ? <HeaderSearch mobile={mobile} /> : null}
            <Segmented
              size="small"
              value={locale}
              onChange={(v) => {
                setLocale(v as 'zh-CN');
                call(authApi.setPreferences, { body: { locale: v as 'zh-CN' } }).catch(() => {});
              }}
              options={[
                { label: '中', value: 'zh-CN' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="lang-switch"
            />
            <Badge count={todo.data?.count ?? 0} size="small">
              <Button
                type="text"
                icon={<CheckSquareOutlined />}
                onClick={() => nav('/approvals/inbox')}
                data-testid="todo-count"
                aria-label={ta('todo')}
              />
            </Badge>
            {bell}
            <Dropdown
              menu={{
                items: [
                  { key: '/profile', icon: <UserOutlined />, label: ta('profile') },
                  { key: '/profile/password', label: ta('password') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{ta('logout')}</span> },
                ],
                onClick: (e) => (e.key === 'logout' ? void logout() : nav(e.key)),
              }}
            >
              <Button type="text" data-testid="user-menu" icon={<UserOutlined />}>
                {mobile ? null : me?.displayName}
              </Button>
            </Dropdown>
          </Space>
        </AntLayout.Header>
        <AntLayout.Content className="hq-content">
          <ErrorBoundary key={loc.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
