import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BorderOuterOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  SwapOutlined,
  ToolOutlined,
  SafetyCertificateOutlined,
  EnvironmentOutlined,
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
import type { ReactNode } from 'react';
import { defineMessages } from '../shared/i18n';

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
    'menu.office': '办公用房',
    'menu.officeDash': '总览',
    'menu.officeRegistry': '房产登记',
    'menu.officeFloors': '楼层平面图',
    'menu.officeCompliance': '达标与整改',
    'menu.officeInspections': '督查检查',
    'menu.officeAllocations': '调配',
    'menu.officeRepairs': '维修改造',
    'menu.officeFiling': '备案表',
    'menu.officeMine': '我的办公室',
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
    'menu.office': 'Office space',
    'menu.officeDash': 'Overview',
    'menu.officeRegistry': 'Registry',
    'menu.officeFloors': 'Floor plans',
    'menu.officeCompliance': 'Compliance',
    'menu.officeInspections': 'Inspections',
    'menu.officeAllocations': 'Allocation',
    'menu.officeRepairs': 'Repairs',
    'menu.officeFiling': 'Filing report',
    'menu.officeMine': 'My office',
  },
);

/**
 * The side menu, filtered by the user's permissions. A domain adds its group here as one
 * entry (and its routes in routes.tsx).
 */
export type MenuEntry = {
  key: string;
  labelKey: string;
  icon?: ReactNode;
  path?: string;
  permission?: string | string[];
  children?: MenuEntry[];
};

export const MENU: MenuEntry[] = [
  { key: 'home', labelKey: 'menu.home', icon: <HomeOutlined />, path: '/' },
  { key: 'org', labelKey: 'menu.org', icon: <ApartmentOutlined />, path: '/org', permission: 'org.read' },
  { key: 'people', labelKey: 'menu.people', icon: <TeamOutlined />, path: '/people', permission: 'people.read' },
  {
    key: 'office',
    labelKey: 'menu.office',
    icon: <BankOutlined />,
    children: [
      { key: 'office-dash', labelKey: 'menu.officeDash', icon: <DashboardOutlined />, path: '/office', permission: 'office.read' },
      {
        key: 'office-registry',
        labelKey: 'menu.officeRegistry',
        icon: <EnvironmentOutlined />,
        path: '/office/registry',
        permission: 'office.read',
      },
      {
        key: 'office-floors',
        labelKey: 'menu.officeFloors',
        icon: <BorderOuterOutlined />,
        path: '/office/floors',
        permission: 'office.read',
      },
      {
        key: 'office-compliance',
        labelKey: 'menu.officeCompliance',
        icon: <SafetyCertificateOutlined />,
        path: '/office/compliance',
        permission: 'office.read',
      },
      {
        key: 'office-inspections',
        labelKey: 'menu.officeInspections',
        icon: <FileSearchOutlined />,
        path: '/office/inspections',
        permission: 'office.read',
      },
      {
        key: 'office-allocations',
        labelKey: 'menu.officeAllocations',
        icon: <SwapOutlined />,
        path: '/office/allocations',
        permission: 'office.read',
      },
      {
        key: 'office-repairs',
        labelKey: 'menu.officeRepairs',
        icon: <ToolOutlined />,
        path: '/office/repairs',
        permission: 'office.read',
      },
      {
        key: 'office-filing',
        labelKey: 'menu.officeFiling',
        icon: <FileProtectOutlined />,
        path: '/office/filing',
        permission: 'office.read',
      },
      { key: 'office-mine', labelKey: 'menu.officeMine', icon: <HomeOutlined />, path: '/office/mine', permission: 'office.self' },
    ],
  },
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
