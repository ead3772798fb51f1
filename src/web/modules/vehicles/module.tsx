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
    { path: 'vehicles', element: <VehiclesOverviewPage /> },
    { path: 'vehicles/register', element: <VehicleRegisterPage /> },
    { path: 'vehicles/purchases', element: <VehiclePurchasesPage /> },
    { path: 'vehicles/dispatch', element: <VehicleDispatchPage /> },
    { path: 'vehicles/request', element: <CarRequestPage /> },
    { path: 'vehicles/trips', element: <CarRequestPage /> },
    { path: 'vehicles/disposals', element: <VehicleDisposalsPage /> },
    { path: 'vehicles/statistics', element: <VehicleStatisticsPage /> },
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
