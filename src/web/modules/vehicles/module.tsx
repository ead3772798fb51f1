import {
  BarChartOutlined,
  CarOutlined,
  DashboardOutlined,
  DeleteOutlined,
  ScheduleOutlined,
  ShoppingCartOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const VehiclesOverviewPage = lazyPage(() => import('./OverviewPage'), 'VehiclesOverviewPage');
const VehicleRegisterPage = lazyPage(() => import('./RegisterPage'), 'VehicleRegisterPage');
const VehiclePurchasesPage = lazyPage(() => import('./PurchasesPage'), 'PurchasesPage');
const VehicleDispatchPage = lazyPage(() => import('./DispatchPage'), 'DispatchPage');
const CarRequestPage = lazyPage(() => import('./RequestPage'), 'CarRequestPage');
const VehicleDisposalsPage = lazyPage(() => import('./DisposalsPage'), 'DisposalsPage');
const VehicleStatisticsPage = lazyPage(() => import('./StatisticsPage'), 'StatisticsPage');

/** Official vehicles: pages and menu entries. */
export const vehiclesWebModule = defineWebModule({
  name: 'vehicles',
  labels: {
    zh: {
      'menu.vehicles': '公务用车',
      'menu.vehiclesDash': '总览',
      'menu.vehiclesRegister': '车辆台账',
      'menu.vehiclesPurchases': '购置更新',
      'menu.vehiclesDispatch': '调度派车',
      'menu.vehiclesRequest': '用车申请',
      'menu.vehiclesDisposals': '处置划拨',
      'menu.vehiclesStatistics': '年度统计',
    },
    en: {
      'menu.vehicles': 'Official vehicles',
      'menu.vehiclesDash': 'Overview',
      'menu.vehiclesRegister': 'Vehicle register',
      'menu.vehiclesPurchases': 'Purchases',
      'menu.vehiclesDispatch': 'Dispatch',
      'menu.vehiclesRequest': 'Car requests',
      'menu.vehiclesDisposals': 'Disposal and transfer',
      'menu.vehiclesStatistics': 'Yearly statistics',
    },
  },
  routes: [
    {
      path: 'vehicles',
      element: <VehiclesOverviewPage />,
      help: {
        zh: '公务用车总览：编制、实有车辆、在用与出车情况。\n依据《党政机关公务用车管理办法》（中办发〔2017〕71号）。',
        en: 'Official vehicles overview: quota, vehicles held, in use and on trips.\nUnder the Official Vehicle Measures (中办发〔2017〕71号).',
      },
    },
    {
      path: 'vehicles/register',
      element: <VehicleRegisterPage />,
      help: {
        zh: '车辆台账：每辆车的号牌、类型、排量、价格、编制与状态。',
        en: 'The vehicle register: each vehicle’s plate, type, displacement, price, quota and state.',
      },
    },
    {
      path: 'vehicles/purchases',
      element: <VehiclePurchasesPage />,
      help: {
        zh: '购置更新：新购或更新车辆的申请，按车型核对价格和排量上限（docs/regulations.md §2）并经审批。',
        en: 'Purchases: buying or replacing a vehicle, checked against the price and displacement caps (§2), then approved.',
      },
    },
    {
      path: 'vehicles/dispatch',
      element: <VehicleDispatchPage />,
      help: {
        zh: '调度派车：已批准的用车申请在此派车派驾驶员；系统按座位和费用推荐车辆。',
        en: 'Dispatch: assign a vehicle and a driver to approved car requests; vehicles are suggested by seats and cost.',
      },
    },
    {
      path: 'vehicles/request',
      element: <CarRequestPage />,
      help: {
        zh: '用车申请：填写事由、时间、人数和目的地提交审批；派车后可看到车牌和驾驶员。驾驶员在此开始和结束行程。\n公务用车仅用于公务（中办发〔2017〕71号）。',
        en: 'Car requests: give the purpose, time, passengers and destination for approval; once assigned you see the plate and driver. Drivers start and finish trips here.\nOfficial cars are for official business only (中办发〔2017〕71号).',
      },
    },
    {
      path: 'vehicles/trips',
      element: <CarRequestPage />,
      permission: ['vehicles.request', 'vehicles.drive'],
      help: {
        zh: '行程：用车申请与出车行程，驾驶员在此开始和结束行程并登记里程。',
        en: 'Trips: car requests and their trips; drivers start and finish a trip here and record the odometer.',
      },
    },
    {
      path: 'vehicles/disposals',
      element: <VehicleDisposalsPage />,
      help: {
        zh: '处置划拨：车辆报废、拍卖或划转的申请与审批。',
        en: 'Disposal and transfer: scrapping, auctioning or transferring a vehicle, with its approval.',
      },
    },
    {
      path: 'vehicles/statistics',
      element: <VehicleStatisticsPage />,
      help: {
        zh: '年度统计：公务用车数量、费用和使用情况的年度报表。',
        en: 'Yearly statistics: the yearly return of vehicle numbers, costs and use.',
      },
    },
  ],
  menu: [
    {
      key: 'vehicles',
      labelKey: 'menu.vehicles',
      icon: <CarOutlined />,
      children: [
        {
          key: 'vehicles-dash',
          labelKey: 'menu.vehiclesDash',
          icon: <DashboardOutlined />,
          path: '/vehicles',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-register',
          labelKey: 'menu.vehiclesRegister',
          icon: <UnorderedListOutlined />,
          path: '/vehicles/register',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-purchases',
          labelKey: 'menu.vehiclesPurchases',
          icon: <ShoppingCartOutlined />,
          path: '/vehicles/purchases',
          permission: ['vehicles.purchase', 'vehicles.manage'],
        },
        {
          key: 'vehicles-dispatch',
          labelKey: 'menu.vehiclesDispatch',
          icon: <ScheduleOutlined />,
          path: '/vehicles/dispatch',
          permission: 'vehicles.dispatch',
        },
        {
          key: 'vehicles-request',
          labelKey: 'menu.vehiclesRequest',
          icon: <CarOutlined />,
          path: '/vehicles/request',
          permission: ['vehicles.request', 'vehicles.drive'],
        },
        {
          key: 'vehicles-disposals',
          labelKey: 'menu.vehiclesDisposals',
          icon: <DeleteOutlined />,
          path: '/vehicles/disposals',
          permission: ['vehicles.dispose', 'vehicles.manage'],
        },
        {
          key: 'vehicles-statistics',
          labelKey: 'menu.vehiclesStatistics',
          icon: <BarChartOutlined />,
          path: '/vehicles/statistics',
          permission: 'vehicles.read',
        },
      ],
    },
  ],
});
