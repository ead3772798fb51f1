import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { NotFoundPage } from '../shared/ui/states';

const page = <T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await loader())[name] as React.ComponentType }));

const HomePage = page(() => import('../core/home/HomePage'), 'HomePage');
const OrgPage = page(() => import('../core/org/OrgPage'), 'OrgPage');
const PeoplePage = page(() => import('../core/people/PeoplePage'), 'PeoplePage');
const AccountsPage = page(() => import('../core/accounts/AccountsPage'), 'AccountsPage');
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
const OfficeDashboardPage = page(() => import('../modules/office-space/DashboardPage'), 'OfficeDashboardPage');
const OfficeRegistryPage = page(() => import('../modules/office-space/RegistryPage'), 'RegistryPage');
const OfficeFloorsPage = page(() => import('../modules/office-space/FloorsPage'), 'FloorsPage');
const OfficeCompliancePage = page(() => import('../modules/office-space/CompliancePage'), 'CompliancePage');
const OfficeInspectionsPage = page(() => import('../modules/office-space/InspectionsPage'), 'InspectionsPage');
const OfficeAllocationsPage = page(() => import('../modules/office-space/AllocationsPage'), 'AllocationsPage');
const OfficeRepairsPage = page(() => import('../modules/office-space/RepairsPage'), 'RepairsPage');
const OfficeFilingPage = page(() => import('../modules/office-space/FilingPage'), 'FilingPage');
const MyOfficePage = page(() => import('../modules/office-space/MyOfficePage'), 'MyOfficePage');
const VehiclesOverviewPage = page(() => import('../modules/vehicles/OverviewPage'), 'VehiclesOverviewPage');
const VehicleRegisterPage = page(() => import('../modules/vehicles/RegisterPage'), 'VehicleRegisterPage');
const VehiclePurchasesPage = page(() => import('../modules/vehicles/PurchasesPage'), 'PurchasesPage');
const VehicleDispatchPage = page(() => import('../modules/vehicles/DispatchPage'), 'DispatchPage');
const CarRequestPage = page(() => import('../modules/vehicles/RequestPage'), 'CarRequestPage');
const VehicleDisposalsPage = page(() => import('../modules/vehicles/DisposalsPage'), 'DisposalsPage');
const VehicleCostsPage = page(() => import('../modules/vehicles/CostsPage'), 'CostsPage');
const VehicleCostLedgerPage = page(() => import('../modules/vehicles/CostLedgerPage'), 'CostLedgerPage');
const VehicleDisclosurePage = page(() => import('../modules/vehicles/DisclosurePage'), 'DisclosurePage');
const VehicleAnomaliesPage = page(() => import('../modules/vehicles/AnomaliesPage'), 'AnomaliesPage');
const VehicleVendorsPage = page(() => import('../modules/vehicles/VendorsPage'), 'VendorsPage');
const VehicleStatisticsPage = page(() => import('../modules/vehicles/StatisticsPage'), 'StatisticsPage');

/** Routes inside the signed-in layout. Domains add theirs here, beside their menu group. */
export const appRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'org', element: <OrgPage /> },
  { path: 'people', element: <PeoplePage /> },
  { path: 'accounts', element: <AccountsPage /> },
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
  { path: 'office', element: <OfficeDashboardPage /> },
  { path: 'office/registry', element: <OfficeRegistryPage /> },
  { path: 'office/floors', element: <OfficeFloorsPage /> },
  { path: 'office/compliance', element: <OfficeCompliancePage /> },
  { path: 'office/rectifications', element: <OfficeCompliancePage /> },
  { path: 'office/inspections', element: <OfficeInspectionsPage /> },
  { path: 'office/allocations', element: <OfficeAllocationsPage /> },
  { path: 'office/repairs', element: <OfficeRepairsPage /> },
  { path: 'office/filing', element: <OfficeFilingPage /> },
  { path: 'office/mine', element: <MyOfficePage /> },
  { path: 'vehicles', element: <VehiclesOverviewPage /> },
  { path: 'vehicles/register', element: <VehicleRegisterPage /> },
  { path: 'vehicles/purchases', element: <VehiclePurchasesPage /> },
  { path: 'vehicles/dispatch', element: <VehicleDispatchPage /> },
  { path: 'vehicles/request', element: <CarRequestPage /> },
  { path: 'vehicles/trips', element: <CarRequestPage /> },
  { path: 'vehicles/disposals', element: <VehicleDisposalsPage /> },
  { path: 'vehicles/costs', element: <VehicleCostsPage /> },
  { path: 'vehicles/ledger', element: <VehicleCostLedgerPage /> },
  { path: 'vehicles/disclosure', element: <VehicleDisclosurePage /> },
  { path: 'vehicles/anomalies', element: <VehicleAnomaliesPage /> },
  { path: 'vehicles/vendors', element: <VehicleVendorsPage /> },
  { path: 'vehicles/statistics', element: <VehicleStatisticsPage /> },
  { path: '*', element: <NotFoundPage /> },
];
