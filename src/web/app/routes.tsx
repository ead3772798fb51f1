import type { RouteObject } from 'react-router-dom';
import { lazyPage as page } from '../shared/module';
import { NotFoundPage } from '../shared/ui/states';
import { WEB_MODULES } from './modules';

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

/** Routes inside the signed-in layout: the core's pages, then each module's (declared in its module.tsx). */
export const appRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'org', element: <OrgPage /> },
  { path: 'people', element: <PeoplePage /> },
  { path: 'accounts', element: <AccountsPage /> },
  { path: 'accounts/break-glass', element: <BreakGlassPage /> },
  { path: 'roles', element: <RolesPage /> },
  { path: 'audit', element: <AuditPage /> },
  { path: 'tokens', element: <TokensPage /> },
  { path: 'refdata', element: <RefdataPage /> },
  { path: 'jobs', element: <JobsPage /> },
  { path: 'calendar', element: <CalendarPage /> },
  { path: 'profile', element: <ProfilePage /> },
  { path: 'profile/password', element: <ChangePasswordPage /> },
  { path: 'approvals/inbox', element: <InboxPage /> },
  { path: 'approvals/mine', element: <MinePage /> },
  { path: 'approvals/flows', element: <FlowsPage /> },
  { path: 'approvals/:id', element: <ApprovalDetailPage /> },
  { path: 'requests/general', element: <GeneralRequestPage /> },
  ...WEB_MODULES.flatMap((m) => m.routes ?? []),
  { path: '*', element: <NotFoundPage /> },
];
