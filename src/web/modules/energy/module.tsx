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
    {
      path: 'energy',
      element: <EnergyOverviewPage />,
      help: {
        zh: '能耗总览：本单位或全区的能源、水消费与单位面积、人均能耗，对比定额与上年。\n依据《公共机构节能条例》（国务院令第531号）；折标系数见 docs/regulations.md §4。',
        en: 'Energy overview: energy and water use with per-area and per-person figures for your unit or the district, against the quota and last year.\nUnder the Public Institutions Energy Regulation (State Council Order 531); coal coefficients in §4.',
      },
    },
    {
      path: 'energy/meters',
      element: <EnergyMetersPage />,
      help: {
        zh: '计量器具：电、水、气等表计的台账，含总表、分表关系和倍率。\n公共机构应按用能系统分户、分类、分项计量（国务院令第531号）。',
        en: 'Meters: electricity, water, gas … with their master/sub-meter tree and multipliers.\nPublic institutions meter energy by building, kind and use (State Council Order 531).',
      },
    },
    {
      path: 'energy/readings',
      element: <EnergyReadingsPage />,
      help: {
        zh: '读数录入：手工抄表或导入读数；明显异常的跳变会被拦下，需要说明原因。',
        en: 'Readings: enter meter readings by hand or import them; an implausible jump is stopped and needs a reason.',
      },
    },
    {
      path: 'energy/bills',
      element: <EnergyBillsPage />,
      help: {
        zh: '能源账单：电费、水费、燃气费等账单及其用量，作为统计和考核的依据。',
        en: 'Energy bills: electricity, water, gas … with their quantities; the basis of statistics and assessment.',
      },
    },
    {
      path: 'energy/indicators',
      element: <EnergyIndicatorsPage />,
      help: {
        zh: '能耗指标：单位建筑面积能耗、人均能耗、人均用水，对照国家参考值和“十四五”下降目标（docs/regulations.md §4）。',
        en: 'Indicators: energy per m², per person and water per person, against national references and the 2025 reduction targets (§4).',
      },
    },
    {
      path: 'energy/quotas',
      element: <EnergyQuotasPage />,
      help: {
        zh: '能耗定额：各单位年度用能定额及执行进度，超定额时提醒。\n公共机构实行能耗定额管理（国务院令第531号）。',
        en: 'Quotas: each unit’s yearly energy quota and how far it has used it, with an alert when over.\nPublic institutions are managed by energy quotas (State Council Order 531).',
      },
    },
    {
      path: 'energy/anomalies',
      element: <EnergyAnomaliesPage />,
      help: {
        zh: '能耗异常：分表差、夜间基础负荷偏高、表计长期无数据等自动发现的问题及处理。阈值见 docs/regulations.md §5。',
        en: 'Anomalies: problems found automatically (sub-meter gaps, high night base load, silent meters) and their handling. Thresholds in §5.',
      },
    },
    {
      path: 'energy/patrol',
      element: <EnergyPatrolPage />,
      help: {
        zh: '节能巡查：巡查员现场登记问题并拍照，单位整改，季度内问题较多的单位将被通报（docs/regulations.md §5）。',
        en: 'Energy patrols: the inspector records findings with photos on site, the unit rectifies; a unit with many findings in a quarter is named in a notice (§5).',
      },
    },
    {
      path: 'energy/assessment',
      element: <EnergyAssessmentPage />,
      help: {
        zh: '节能考核：按定额执行、指标下降、数据质量、巡查结果加权评分并定等次（docs/regulations.md §5）。',
        en: 'Assessment: units are scored on quota, indicator trend, data quality and patrols, weighted and graded (§5).',
      },
    },
    {
      path: 'energy/reports',
      element: <EnergyReportsTrackerPage />,
      help: {
        zh: '能源资源消费统计年报：各单位填报进度；年报于次年 3 月 31 日前报送。\n依据公共机构能源资源消费统计调查制度。',
        en: 'The annual energy statistics report: each unit’s progress; reports are due by 31 March of the next year.\nUnder the public-institution energy statistics survey system.',
      },
    },
    {
      path: 'energy/reports/by-id/:id',
      element: <EnergyReportByIdPage />,
      permission: 'energy.read',
      help: {
        zh: '打开一份能源统计年报（由通知或审批链接进入）。',
        en: 'Opens one annual energy report (from a notice or an approval link).',
      },
    },
    {
      path: 'energy/reports/:orgId/:year',
      element: <EnergyReportFormPage />,
      permission: 'energy.read',
      help: {
        zh: '年报填报：系统按读数和账单预填各能源品种用量，核对后提交审核；提交后不能修改，需退回。',
        en: 'Fill in the annual report: quantities are pre-filled from readings and bills; check them and submit for review. A submitted report changes only after it is returned.',
      },
    },
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
