import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  HomeOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SendOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { defineMessages } from '../shared/i18n';
import { type MenuEntry, moduleMenu } from '../shared/module';
import { WEB_MODULES } from './modules';

defineMessages(
  {
    'menu.home': '首页',
    'menu.org': '组织机构',
    'menu.people': '人员',
    'menu.accounts': '账号',
    'menu.roles': '角色与授权',
    'menu.approvals': '审批',
    'menu.inbox': '我的待办',
    'menu.mine': '我的申请',
    'menu.general': '通用事项申请',
    'menu.flows': '审批流程',
    'menu.system': '系统',
    'menu.audit': '审计日志',
    'menu.refdata': '基础数据',
    'menu.calendar': '节假日',
    'menu.tokens': 'API 令牌',
    'menu.jobs': '定时任务',
  },
  {
    'menu.home': 'Home',
    'menu.org': 'Organisations',
    'menu.people': 'Personnel',
    'menu.accounts': 'Accounts',
    'menu.roles': 'Roles',
    'menu.approvals': 'Approvals',
    'menu.inbox': 'My to-dos',
    'menu.mine': 'My requests',
    'menu.general': 'General request',
    'menu.flows': 'Approval flows',
    'menu.system': 'System',
    'menu.audit': 'Audit log',
    'menu.refdata': 'Reference data',
    'menu.calendar': 'Holiday calendar',
    'menu.tokens': 'API tokens',
    'menu.jobs': 'Scheduled jobs',
  },
);

export type { MenuEntry };

/**
 * The side menu, filtered by the user's permissions: the core's entries around the domain
 * modules' groups, in the order of WEB_MODULES (a domain declares its entries in its own
 * module.tsx).
 */

export const MENU: MenuEntry[] = [
  { key: 'home', labelKey: 'menu.home', icon: <HomeOutlined />, path: '/' },
  { key: 'org', labelKey: 'menu.org', icon: <ApartmentOutlined />, path: '/org', permission: 'org.read' },
  { key: 'people', labelKey: 'menu.people', icon: <TeamOutlined />, path: '/people', permission: 'people.read' },
  ...moduleMenu(WEB_MODULES),
  {
    key: 'approvals',
    labelKey: 'menu.approvals',
    icon: <CheckSquareOutlined />,
    children: [
      { key: 'inbox', labelKey: 'menu.inbox', icon: <CheckSquareOutlined />, path: '/approvals/inbox' },
      { key: 'mine', labelKey: 'menu.mine', icon: <SendOutlined />, path: '/approvals/mine' },
      { key: 'general', labelKey: 'menu.general', icon: <FileAddOutlined />, path: '/requests/general', permission: 'general.request' },
      { key: 'flows', labelKey: 'menu.flows', icon: <NodeIndexOutlined />, path: '/approvals/flows', permission: 'approval.flows.read' },
    ],
  },
  {
    key: 'system',
    labelKey: 'menu.system',
    icon: <SafetyOutlined />,
    children: [
      { key: 'accounts', labelKey: 'menu.accounts', icon: <UserOutlined />, path: '/accounts', permission: 'accounts.read' },
      { key: 'roles', labelKey: 'menu.roles', icon: <SafetyOutlined />, path: '/roles', permission: 'roles.read' },
      { key: 'audit', labelKey: 'menu.audit', icon: <AuditOutlined />, path: '/audit', permission: 'audit.read' },
      { key: 'refdata', labelKey: 'menu.refdata', icon: <DatabaseOutlined />, path: '/refdata', permission: 'refdata.read' },
      { key: 'calendar', labelKey: 'menu.calendar', icon: <CalendarOutlined />, path: '/calendar', permission: 'refdata.read' },
      { key: 'jobs', labelKey: 'menu.jobs', icon: <FieldTimeOutlined />, path: '/jobs', permission: 'jobs.read' },
      { key: 'tokens', labelKey: 'menu.tokens', icon: <KeyOutlined />, path: '/tokens', permission: 'tokens.manage' },
    ],
  },
];
