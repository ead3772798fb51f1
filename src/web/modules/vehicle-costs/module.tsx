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
    {
      path: 'vehicles/costs',
      element: <VehicleCostsPage />,
      help: {
        zh: '运行费用：加油、维修、保险、过路等费用的登记；超过限额的维修须审批（docs/regulations.md §3）。\n实行定点保险、定点维修、定点加油（中办发〔2017〕71号）。',
        en: 'Running costs: fuel, repairs, insurance, tolls …; a repair above the limit needs approval (§3).\nInsurance, repairs and fuel go to designated vendors (中办发〔2017〕71号).',
      },
    },
    {
      path: 'vehicles/ledger',
      element: <VehicleCostLedgerPage />,
      help: {
        zh: '费用台账：按车辆、单位和月份汇总的运行费用。',
        en: 'The cost ledger: running costs by vehicle, unit and month.',
      },
    },
    {
      path: 'vehicles/disclosure',
      element: <VehicleDisclosurePage />,
      help: {
        zh: '费用公开：单位公务用车运行维护费年度公开表。打开时显示您所在的单位。',
        en: 'Disclosure: the unit’s yearly official-vehicle running-cost statement. Opens on your own unit.',
      },
    },
    {
      path: 'vehicles/anomalies',
      element: <VehicleAnomaliesPage />,
      help: {
        zh: '费用异常：百公里油耗明显偏高、单次加油超过油箱容量等自动发现的问题（docs/regulations.md §3）。',
        en: 'Cost anomalies: high consumption per 100 km, a fill above tank capacity … found automatically (§3).',
      },
    },
    {
      path: 'vehicles/vendors',
      element: <VehicleVendorsPage />,
      help: {
        zh: '定点服务商：定点加油站、维修厂、保险公司及其协议期。',
        en: 'Designated vendors: fuel stations, garages and insurers with their agreement periods.',
      },
    },
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
