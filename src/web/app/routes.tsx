import type { RouteObject } from 'react-router-dom';
import { type WebRoute, lazyPage as page } from '../shared/module';
import { NotFoundPage } from '../shared/ui/states';
import { MENU, type MenuEntry } from './menu';
import { WEB_MODULES } from './modules';
import { RouteFrame } from './RouteFrame';

const HomePage = page(() => import('../core/home/HomePage'), 'HomePage');
const OrgPage = page(() => import('../core/org/OrgPage'), 'OrgPage');
const PeoplePage = page(() => import('../core/people/PeoplePage'), 'PeoplePage');
const AccountsPage = page(() => import('../core/accounts/AccountsPage'), 'AccountsPage');
const BreakGlassPage = page(() => import('../core/accounts/BreakGlassPage'), 'BreakGlassPage');
const RolesPage = page(() => import('../core/roles/RolesPage'), 'RolesPage');
const AuditPage = page(() => import('../core/audit/AuditPage'), 'AuditPage');
const TokensPage = page(() => import('../core/tokens/TokensPage'), 'TokensPage');
const RefdataPage = page(() => import('../core/refdata/RefdataPage'), 'RefdataPage');
const CalendarPage = page(() => import('../core/refdata/CalendarPage'), 'CalendarPage');
const ProfilePage = page(() => import('../core/auth/ProfilePage'), 'ProfilePage');
const ChangePasswordPage = page(() => import('../core/auth/ProfilePage'), 'ChangePasswordPage');
const InboxPage = page(() => import('../core/approval/ApprovalPages'), 'InboxPage');
const MinePage = page(() => import('../core/approval/ApprovalPages'), 'MinePage');
const ApprovalDetailPage = page(() => import('../core/approval/ApprovalPages'), 'ApprovalDetailPage');
const GeneralRequestPage = page(() => import('../core/approval/ApprovalPages'), 'GeneralRequestPage');
const JobsPage = page(() => import('../core/jobs/JobsPage'), 'JobsPage');
const FlowsPage = page(() => import('../core/approval/FlowsPage'), 'FlowsPage');

/** The core's own pages: who may open them (else the menu entry's permission) and their help. */
export const coreRoutes: WebRoute[] = [
  {
    path: '',
    element: <HomePage />,
    permission: null,
    help: {
      zh: '首页汇总与您有关的事项：待办、申请和通知。点击任一项进入对应页面办理。',
      en: 'Your home page gathers what concerns you: to-dos, requests and notices. Click an item to open the page where it is handled.',
    },
  },
  {
    path: 'org',
    element: <OrgPage />,
    help: {
      zh: '组织机构树：本级机关事务管理局、各单位及其内设机构，含机构级别与编制数。\n机构级别决定办公用房面积标准（发改投资〔2014〕2674号）；有人员、房间或车辆的机构不能删除，只能撤销。',
      en: 'The organisation tree: the bureau, its units and their departments, with agency level and staffing.\nThe agency level sets the office-space standard (NDRC 2014 No. 2674); an organisation that still has people, rooms or vehicles cannot be deleted, only closed.',
    },
  },
  {
    path: 'people',
    element: <PeoplePage />,
    help: {
      zh: '人员名册：姓名、所在单位、职务职级与联系方式，可批量导入导出。\n职级（GB/T 12407）决定办公用房面积标准；手机号、身份证号加密存储，仅有权限者可见全文。',
      en: 'The personnel register: name, unit, post and rank, contact details; import and export by Excel.\nThe post level (GB/T 12407) sets the office-space entitlement; phone and ID numbers are stored encrypted and shown in full only to those entitled.',
    },
  },
  {
    path: 'accounts',
    element: <AccountsPage />,
    help: {
      zh: '登录账号的开立、停用与重置口令。\n按“三员分立”，系统管理员管理账号但不能授权，也不能查看审计日志；口令规则见口令策略（docs/regulations.md §11）。',
      en: 'Open, disable and reset sign-in accounts.\nUnder the separation of the three administrators the system administrator runs accounts but cannot grant roles or read the audit log; passwords follow the password policy (§11).',
    },
  },
  {
    path: 'accounts/break-glass',
    element: <BreakGlassPage />,
    help: {
      zh: '紧急处置：三员中任一人缺位时，由另两人共同批准临时代行其职责，全程记入审计日志并限时失效。',
      en: 'Break-glass: when one of the three administrators is unavailable, the other two jointly approve a temporary stand-in; every step is audited and it expires on its own.',
    },
  },
  {
    path: 'roles',
    element: <RolesPage />,
    help: {
      zh: '角色与授权：给账号分配角色及其数据范围（本单位或含下级）。\n按最小权限原则授权；只有安全管理员可以授权（三员分立，等保 2.0）。',
      en: 'Roles and assignments: give an account a role and its data scope (one unit, or with its sub-units).\nGrant the least that the work needs; only the security administrator grants (three-administrator separation, MLPS 2.0).',
    },
  },
  {
    path: 'audit',
    element: <AuditPage />,
    help: {
      zh: '审计日志：谁在何时对什么做了什么操作，含变更前后的字段。\n日志按 SM3 链式签名、只增不改，至少保存 180 天；只有审计管理员可以查看。',
      en: 'The audit log: who did what to which record and when, with the fields before and after.\nRecords are SM3 hash-chained, append-only and kept at least 180 days; only the audit administrator reads them.',
    },
  },
  {
    path: 'tokens',
    element: <TokensPage />,
    help: {
      zh: 'API 令牌：供其他系统（如智能电表网关）调用接口，限定权限与有效期，可随时吊销。',
      en: 'API tokens let other systems (a smart-meter gateway …) call the API with limited permissions and an expiry; revoke one at any time.',
    },
  },
  {
    path: 'refdata',
    element: <RefdataPage />,
    help: {
      zh: '基础数据：代码表（房间用途、资产分类等）和规则表（面积标准、车辆编制上限、折标系数等）。\n规则表按版本生效，修改即发布新版本并注明依据（docs/regulations.md），不改写历史。',
      en: 'Reference data: code lists (room uses, asset classes …) and rule tables (area standards, vehicle caps, coal coefficients …).\nA rule changes by publishing a new dated version that names its source (docs/regulations.md); history is never rewritten.',
    },
  },
  {
    path: 'jobs',
    element: <JobsPage />,
    help: {
      zh: '定时任务：提醒、统计与清理等后台任务的计划与最近运行结果，可手动运行一次。',
      en: 'Scheduled jobs: reminders, statistics and clean-ups with their schedule and last run; run one by hand.',
    },
  },
  {
    path: 'calendar',
    element: <CalendarPage />,
    help: {
      zh: '节假日与调休工作日，按国务院办公厅每年的放假通知维护。\n审批时限、公示期等“工作日”均按此日历计算。',
      en: 'Public holidays and make-up working days, kept from the State Council’s yearly holiday notice.\nEvery deadline counted in working days (approvals, disclosure periods) uses this calendar.',
    },
  },
  {
    path: 'profile',
    element: <ProfilePage />,
    permission: null,
    help: {
      zh: '个人中心：您的账号、所在单位、角色与数据范围，以及界面语言。',
      en: 'Your profile: your account, unit, roles with their data scope, and the interface language.',
    },
  },
  {
    path: 'profile/password',
    element: <ChangePasswordPage />,
    permission: null,
    help: {
      zh: '修改口令。口令须满足长度与复杂度要求，且不能与最近使用过的口令相同（docs/regulations.md §11）。',
      en: 'Change your password. It must meet the length and complexity rules and differ from your recent ones (§11).',
    },
  },
  {
    path: 'approvals/inbox',
    element: <InboxPage />,
    permission: null,
    help: {
      zh: '我的待办：轮到您审批的事项。打开后可同意、退回或驳回，意见记入审批记录。',
      en: 'My to-dos: the items waiting for your decision. Open one to approve, return or reject it; your comment goes on the record.',
    },
  },
  {
    path: 'approvals/mine',
    element: <MinePage />,
    permission: null,
    help: {
      zh: '我的申请：您提交的各类申请及其审批进度；被退回的可修改后重新提交。',
      en: 'My requests: everything you have submitted and where it is in its approval; a returned one can be changed and resubmitted.',
    },
  },
  {
    path: 'approvals/flows',
    element: <FlowsPage />,
    help: {
      zh: '审批流程：每类业务的审批步骤与条件（如金额、面积），修改后只对新提交的申请生效。',
      en: 'Approval flows: the steps and conditions (amount, area …) of each kind of request; a change applies to requests submitted afterwards.',
    },
  },
  {
    path: 'approvals/:id',
    element: <ApprovalDetailPage />,
    // Anyone may open a link to an approval: the server shows it only to its applicant and approvers (404 otherwise).
    permission: null,
    help: {
      zh: '审批单：申请内容、审批流程的每一步与意见。轮到您时可在此办理。',
      en: 'An approval: what was requested, each step of its flow and the comments. Decide here when it is your turn.',
    },
  },
  {
    path: 'requests/general',
    element: <GeneralRequestPage />,
    help: {
      zh: '通用事项申请：没有专门页面的后勤事项（如临时用品、会务保障），经本单位和机关事务局审批。',
      en: 'General request: any support matter without a page of its own (ad-hoc supplies, meeting support), approved by your unit and the bureau.',
    },
  },
];

const menuPermissions = (() => {
  const map = new Map<string, string | string[]>();
  const walk = (entries: MenuEntry[]) => {
    for (const e of entries) {
      if (e.path && e.permission) map.set(e.path, e.permission);
      if (e.children) walk(e.children);
    }
  };
  walk(MENU);
  return map;
})();

/** Every page of the signed-in app: the core's, then each module's (declared in its module.tsx). */
export const pageRoutes: WebRoute[] = [...coreRoutes, ...WEB_MODULES.flatMap((m) => m.routes ?? [])];

/**
 * Who may open a page: the route's own permission; else the one of the menu entry opening the
 * same path; `undefined` when neither says (the page-help test refuses such a route).
 */
export function routePermission(r: WebRoute): string | string[] | null | undefined {
  if (r.permission !== undefined) return r.permission;
  return menuPermissions.get(`/${r.path}`);
}

/** Routes inside the signed-in layout, each page in its frame (permission guard, help). */
export const appRoutes: RouteObject[] = [
  ...pageRoutes.map(({ path, help, permission: _p, element, ...rest }, i): RouteObject => {
    const frame = (
      <RouteFrame key={path || 'home'} permission={routePermission(pageRoutes[i]!) ?? null} help={help}>
        {element}
      </RouteFrame>
    );
    return path === '' ? { index: true, element: frame } : { ...rest, path, element: frame };
  }),
  { path: '*', element: <NotFoundPage /> },
];
