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
    {
      path: 'office',
      element: <OfficeDashboardPage />,
      help: {
        zh: '办公用房总览：全区或本单位的房间、面积、使用人与超标情况。\n面积标准依据《党政机关办公用房建设标准》（发改投资〔2014〕2674号），管理依据中办发〔2017〕70号。',
        en: 'Office-space overview: rooms, areas, occupants and over-standard cases for the district or your unit.\nArea standards from NDRC 2014 No. 2674; management under the 2017 Office Space Measures (中办发〔2017〕70号).',
      },
    },
    {
      path: 'office/registry',
      element: <OfficeRegistryPage />,
      help: {
        zh: '房产登记：办公区、楼栋、楼层与房间台账，含用途与使用面积。',
        en: 'The property register: sites, buildings, floors and rooms with their use and area.',
      },
    },
    {
      path: 'office/floors',
      element: <OfficeFloorsPage />,
      help: {
        zh: '楼层平面图：按楼层查看房间分布与使用人，绘制或修改平面。打开时显示您所在单位的第一栋楼。',
        en: 'Floor plans: the rooms and occupants of a floor; draw or edit the plan. Opens on the first building of your unit.',
      },
    },
    {
      path: 'office/compliance',
      element: <OfficeCompliancePage />,
      help: {
        zh: '面积核查：逐人对照面积标准（按机构级别与职级），列出超标、多占的情况。\n依据发改投资〔2014〕2674号；调离或退休人员的用房 1 个月内收回（中办发〔2017〕70号第十九条）。',
        en: 'Compliance: each person’s office area against the standard for their agency level and post, listing over-standard and extra rooms.\nStandard: NDRC 2014 No. 2674; a room is recovered within a month of a transfer or retirement (中办发〔2017〕70号 art. 19).',
      },
    },
    {
      path: 'office/rectifications',
      element: <OfficeCompliancePage />,
      permission: 'office.read',
      help: {
        zh: '整改：超标用房的整改事项与期限，逾期未改的会被提醒。',
        en: 'Rectifications: what must be corrected in over-standard rooms and by when; overdue ones are flagged.',
      },
    },
    {
      path: 'office/inspections',
      element: <OfficeInspectionsPage />,
      help: {
        zh: '督查检查：机关事务局对各单位办公用房的检查记录与发现的问题。',
        en: 'Inspections: the bureau’s inspections of units’ office space and their findings.',
      },
    },
    {
      path: 'office/allocations',
      element: <OfficeAllocationsPage />,
      help: {
        zh: '调配：单位申请调剂办公用房，经审批后由机关事务局统一调配（中办发〔2017〕70号）。',
        en: 'Allocations: a unit asks for office space; after approval the bureau allocates it (中办发〔2017〕70号).',
      },
    },
    {
      path: 'office/repairs',
      element: <OfficeRepairsPage />,
      help: {
        zh: '维修：办公用房维修申请与备案；大中修不得增加面积超过 15%（docs/regulations.md §1）。',
        en: 'Repairs: repair requests and their filing; a major repair may not add more than 15 % area (§1).',
      },
    },
    {
      path: 'office/filing',
      element: <OfficeFilingPage />,
      help: {
        zh: '办公用房报备：单位年度办公用房使用情况表，可打印报送。打开时显示您所在的单位。',
        en: 'Filing: the unit’s yearly office-space return, ready to print. Opens on your own unit.',
      },
    },
    {
      path: 'office/mine',
      element: <MyOfficePage />,
      help: {
        zh: '我的办公室：您使用的房间、面积与您职级的面积标准。',
        en: 'My office: the room you use, its area and the standard for your post.',
      },
    },
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
