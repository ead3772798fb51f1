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
    { path: 'supplies', element: <SuppliesStockPage /> },
    { path: 'supplies/requisitions', element: <SuppliesRequisitionsPage /> },
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
