import { DatabaseOutlined, ShoppingCartOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const SuppliesStockPage = lazyPage(() => import('./StockPage'), 'StockPage');
const SuppliesRequisitionsPage = lazyPage(() => import('./RequisitionsPage'), 'RequisitionsPage');

/** Office supplies: pages and menu entries. */
export const suppliesWebModule = defineWebModule({
  name: 'supplies',
  labels: {
    zh: {
      'menu.supplies': '办公用品',
      'menu.suppliesStock': '库存与台账',
      'menu.suppliesRequisitions': '请领',
    },
    en: {
      'menu.supplies': 'Office supplies',
      'menu.suppliesStock': 'Stock and ledger',
      'menu.suppliesRequisitions': 'Requisitions',
    },
  },
  routes: [
    {
      path: 'supplies',
      element: <SuppliesStockPage />,
      help: {
        zh: '办公用品库存与台账：入库、出库与结存，低于最低库存时提醒。',
        en: 'Office supplies stock and ledger: receipts, issues and balance, with an alert below the minimum.',
      },
    },
    {
      path: 'supplies/requisitions',
      element: <SuppliesRequisitionsPage />,
      help: {
        zh: '办公用品请领：工作人员提交请领，经本单位审批后由保管员发放。',
        en: 'Requisitions: staff ask for supplies; after their unit approves, the keeper issues them.',
      },
    },
  ],
  menu: [
    {
      key: 'supplies',
      labelKey: 'menu.supplies',
      icon: <ShoppingCartOutlined />,
      children: [
        {
          key: 'supplies-stock',
          labelKey: 'menu.suppliesStock',
          icon: <DatabaseOutlined />,
          path: '/supplies',
          permission: 'supplies.read',
        },
        {
          key: 'supplies-requisitions',
          labelKey: 'menu.suppliesRequisitions',
          icon: <UnorderedListOutlined />,
          path: '/supplies/requisitions',
          permission: ['supplies.requisition', 'supplies.keep', 'supplies.read'],
        },
      ],
    },
  ],
});
