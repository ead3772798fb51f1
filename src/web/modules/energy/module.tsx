import {
  AccountBookOutlined,
  CameraOutlined,
  ContainerOutlined,
  DashboardFilled,
  EditOutlined,
  FileProtectOutlined,
  FundOutlined,
  LineChartOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const EnergyOverviewPage = lazyPage(() => import('./OverviewPage'), 'EnergyOverviewPage');
const EnergyMetersPage = lazyPage(() => import('./MetersPage'), 'MetersPage');
const EnergyReadingsPage = lazyPage(() => import('./ReadingsPage'), 'ReadingsPage');
const EnergyBillsPage = lazyPage(() => import('./BillsPage'), 'BillsPage');
const EnergyIndicatorsPage = lazyPage(() => import('./IndicatorsPage'), 'IndicatorsPage');
const EnergyQuotasPage = lazyPage(() => import('./QuotasPage'), 'QuotasPage');
const EnergyAnomaliesPage = lazyPage(() => import('./AnomaliesPage'), 'EnergyAnomaliesPage');
const EnergyPatrolPage = lazyPage(() => import('./PatrolPage'), 'PatrolPage');
const EnergyAssessmentPage = lazyPage(() => import('./AssessmentPage'), 'AssessmentPage');
const EnergyReportsTrackerPage = lazyPage(() => import('./ReportsPage'), 'ReportsTrackerPage');
const EnergyReportFormPage = lazyPage(() => import('./ReportsPage'), 'ReportFormPage');
const EnergyReportByIdPage = lazyPage(() => import('./ReportsPage'), 'ReportByIdPage');

/** Public-institution energy: pages and menu entries. */
export const energyWebModule = defineWebModule({
  name: 'energy',
  labels: {
    zh: {
      'menu.energy': '公共机构节能',
      'menu.energyDash': '能耗总览',
      'menu.energyMeters': '计量器具',
      'menu.energyReadings': '读数录入',
      'menu.energyBills': '能源账单',
      'menu.energyIndicators': '指标对比',
      'menu.energyQuotas': '定额管理',
      'menu.energyAnomalies': '能耗异常',
      'menu.energyPatrol': '节能巡查',
      'menu.energyAssessment': '节能考核',
      'menu.energyReports': '统计年报',
    },
    en: {
      'menu.energy': 'Energy',
      'menu.energyDash': 'Overview',
      'menu.energyMeters': 'Meters',
      'menu.energyReadings': 'Readings',
      'menu.energyBills': 'Bills',
      'menu.energyIndicators': 'Indicators',
      'menu.energyQuotas': 'Quotas',
      'menu.energyAnomalies': 'Anomalies',
      'menu.energyPatrol': 'Patrol',
      'menu.energyAssessment': 'Assessment',
      'menu.energyReports': 'Annual report',
    },
  },
  routes: [
    { path: 'energy', element: <EnergyOverviewPage /> },
    { path: 'energy/meters', element: <EnergyMetersPage /> },
    { path: 'energy/readings', element: <EnergyReadingsPage /> },
    { path: 'energy/bills', element: <EnergyBillsPage /> },
    { path: 'energy/indicators', element: <EnergyIndicatorsPage /> },
    { path: 'energy/quotas', element: <EnergyQuotasPage /> },
    { path: 'energy/anomalies', element: <EnergyAnomaliesPage /> },
    { path: 'energy/patrol', element: <EnergyPatrolPage /> },
    { path: 'energy/assessment', element: <EnergyAssessmentPage /> },
    { path: 'energy/reports', element: <EnergyReportsTrackerPage /> },
    { path: 'energy/reports/by-id/:id', element: <EnergyReportByIdPage /> },
    { path: 'energy/reports/:orgId/:year', element: <EnergyReportFormPage /> },
  ],
  menu: [
    {
      key: 'energy',
      labelKey: 'menu.energy',
      icon: <ThunderboltOutlined />,
      children: [
        { key: 'energy-dash', labelKey: 'menu.energyDash', icon: <DashboardFilled />, path: '/energy', permission: 'energy.read' },
        {
          key: 'energy-meters',
          labelKey: 'menu.energyMeters',
          icon: <ContainerOutlined />,
          path: '/energy/meters',
          permission: 'energy.read',
        },
        {
          key: 'energy-readings',
          labelKey: 'menu.energyReadings',
          icon: <EditOutlined />,
          path: '/energy/readings',
          permission: 'energy.write',
        },
        {
          key: 'energy-bills',
          labelKey: 'menu.energyBills',
          icon: <AccountBookOutlined />,
          path: '/energy/bills',
          permission: 'energy.read',
        },
        {
          key: 'energy-indicators',
          labelKey: 'menu.energyIndicators',
          icon: <LineChartOutlined />,
          path: '/energy/indicators',
          permission: 'energy.read',
        },
        { key: 'energy-quotas', labelKey: 'menu.energyQuotas', icon: <FundOutlined />, path: '/energy/quotas', permission: 'energy.read' },
        {
          key: 'energy-anomalies',
          labelKey: 'menu.energyAnomalies',
          icon: <WarningOutlined />,
          path: '/energy/anomalies',
          permission: 'energy.read',
        },
        {
          key: 'energy-patrol',
          labelKey: 'menu.energyPatrol',
          icon: <CameraOutlined />,
          path: '/energy/patrol',
          permission: 'energy.read',
        },
        {
          key: 'energy-assessment',
          labelKey: 'menu.energyAssessment',
          icon: <TrophyOutlined />,
          path: '/energy/assessment',
          permission: 'energy.read',
        },
        {
          key: 'energy-reports',
          labelKey: 'menu.energyReports',
          icon: <FileProtectOutlined />,
          path: '/energy/reports',
          permission: 'energy.read',
        },
      ],
    },
  ],
});
