import {
  AlertOutlined,
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

export const menuMessages = defineMessages('menu', {
  home: { zh: '首页', en: 'Home' },
  org: { zh: '组织机构', en: 'Organisations' },
  people: { zh: '人员', en: 'Personnel' },
  accounts: { zh: '账号', en: 'Accounts' },
  breakGlass: { zh: '紧急处置', en: 'Break-glass' },
  roles: { zh: '角色与授权', en: 'Roles' },
  approvals: { zh: '审批', en: 'Approvals' },
  inbox: { zh: '我的待办', en: 'My to-dos' },
  mine: { zh: '我的申请', en: 'My requests' },
  general: { zh: '通用事项申请', en: 'General request' },
  flows: { zh: '审批流程', en: 'Approval flows' },
  system: { zh: '系统', en: 'System' },
  audit: { zh: '审计日志', en: 'Audit log' },
  refdata: { zh: '基础数据', en: 'Reference data' },
  calendar: { zh: '节假日', en: 'Holiday calendar' },
  tokens: { zh: 'API 令牌', en: 'API tokens' },
  jobs: { zh: '定时任务', en: 'Scheduled jobs' },
});

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
      // Any of the three administrators (三员): each sees, asks for and decides break-glass.
      {
        key: 'breakGlass',
        labelKey: 'menu.breakGlass',
        icon: <AlertOutlined />,
        path: '/accounts/break-glass',
        permission: ['accounts.write', 'roles.write', 'audit.read'],
      },
      { key: 'roles', labelKey: 'menu.roles', icon: <SafetyOutlined />, path: '/roles', permission: 'roles.read' },
      { key: 'audit', labelKey: 'menu.audit', icon: <AuditOutlined />, path: '/audit', permission: 'audit.read' },
      { key: 'refdata', labelKey: 'menu.refdata', icon: <DatabaseOutlined />, path: '/refdata', permission: 'refdata.read' },
      { key: 'calendar', labelKey: 'menu.calendar', icon: <CalendarOutlined />, path: '/calendar', permission: 'refdata.read' },
      { key: 'jobs', labelKey: 'menu.jobs', icon: <FieldTimeOutlined />, path: '/jobs', permission: 'jobs.read' },
      { key: 'tokens', labelKey: 'menu.tokens', icon: <KeyOutlined />, path: '/tokens', permission: 'tokens.manage' },
    ],
  },
];
