import { AccountBookOutlined, AlertOutlined, DollarOutlined, NotificationOutlined, ShopOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const VehicleCostsPage = lazyPage(() => import('./CostsPage'), 'CostsPage');
const VehicleCostLedgerPage = lazyPage(() => import('./CostLedgerPage'), 'CostLedgerPage');
const VehicleDisclosurePage = lazyPage(() => import('./DisclosurePage'), 'DisclosurePage');
const VehicleAnomaliesPage = lazyPage(() => import('./AnomaliesPage'), 'AnomaliesPage');
const VehicleVendorsPage = lazyPage(() => import('./VendorsPage'), 'VendorsPage');

/** Vehicle running costs (pages under /vehicles, entries in the vehicles menu group): pages and menu entries. */
export const vehicleCostsWebModule = defineWebModule({
  name: 'vehicle-costs',
  labels: {
    zh: {
      'menu.vehiclesCosts': '运行费用',
      'menu.vehiclesLedger': '费用台账',
      'menu.vehiclesDisclosure': '费用公示',
      'menu.vehiclesAnomalies': '运行异常',
      'menu.vehiclesVendors': '定点单位',
    },
    en: {
      'menu.vehiclesCosts': 'Running costs',
      'menu.vehiclesLedger': 'Cost ledger',
      'menu.vehiclesDisclosure': 'Cost disclosure',
      'menu.vehiclesAnomalies': 'Anomalies',
      'menu.vehiclesVendors': 'Designated vendors',
    },
  },
  routes: [
    { path: 'vehicles/costs', element: <VehicleCostsPage /> },
    { path: 'vehicles/ledger', element: <VehicleCostLedgerPage /> },
    { path: 'vehicles/disclosure', element: <VehicleDisclosurePage /> },
    { path: 'vehicles/anomalies', element: <VehicleAnomaliesPage /> },
    { path: 'vehicles/vendors', element: <VehicleVendorsPage /> },
  ],
  // Shown inside the vehicles group, before its yearly statistics.
  menuItems: [
    {
      group: 'vehicles',
      before: 'vehicles-statistics',
      items: [
        {
          key: 'vehicles-costs',
          labelKey: 'menu.vehiclesCosts',
          icon: <DollarOutlined />,
          path: '/vehicles/costs',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-ledger',
          labelKey: 'menu.vehiclesLedger',
          icon: <AccountBookOutlined />,
          path: '/vehicles/ledger',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-disclosure',
          labelKey: 'menu.vehiclesDisclosure',
          icon: <NotificationOutlined />,
          path: '/vehicles/disclosure',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-anomalies',
          labelKey: 'menu.vehiclesAnomalies',
          icon: <AlertOutlined />,
          path: '/vehicles/anomalies',
          permission: 'vehicles.read',
        },
        {
          key: 'vehicles-vendors',
          labelKey: 'menu.vehiclesVendors',
          icon: <ShopOutlined />,
          path: '/vehicles/vendors',
          permission: 'vehicles.manage',
        },
      ],
    },
  ],
});
