import {
  BankOutlined,
  BorderOuterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const OfficeDashboardPage = lazyPage(() => import('./DashboardPage'), 'OfficeDashboardPage');
const OfficeRegistryPage = lazyPage(() => import('./RegistryPage'), 'RegistryPage');
const OfficeFloorsPage = lazyPage(() => import('./FloorsPage'), 'FloorsPage');
const OfficeCompliancePage = lazyPage(() => import('./CompliancePage'), 'CompliancePage');
const OfficeInspectionsPage = lazyPage(() => import('./InspectionsPage'), 'InspectionsPage');
const OfficeAllocationsPage = lazyPage(() => import('./AllocationsPage'), 'AllocationsPage');
const OfficeRepairsPage = lazyPage(() => import('./RepairsPage'), 'RepairsPage');
const OfficeFilingPage = lazyPage(() => import('./FilingPage'), 'FilingPage');
const MyOfficePage = lazyPage(() => import('./MyOfficePage'), 'MyOfficePage');

/** Office space: pages and menu entries. */
export const officeSpaceWebModule = defineWebModule({
  name: 'office-space',
  labels: {
    zh: {
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
    en: {
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
  },
  routes: [
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
  ],
  menu: [
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
  ],
});
