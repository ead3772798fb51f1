import { BankOutlined, CheckSquareOutlined, ContainerOutlined, DatabaseOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const AssetRegisterPage = lazyPage(() => import('./RegisterPage'), 'RegisterPage');
const AssetCardPage = lazyPage(() => import('./CardPage'), 'CardPage');
const AssetPoolPrintPage = lazyPage(() => import('./PoolPrintPage'), 'PoolPrintPage');
const AssetPoolPage = lazyPage(() => import('./PoolPage'), 'PoolPage');
const StocktakeListPage = lazyPage(() => import('./StocktakePage'), 'StocktakeListPage');
const StocktakeDetailPage = lazyPage(() => import('./StocktakePage'), 'StocktakeDetailPage');

/** State assets and the asset pool: pages and menu entries. */
export const assetsWebModule = defineWebModule({
  name: 'assets',
  labels: {
    zh: {
      'menu.assets': '国有资产',
      'menu.assetsRegister': '资产台账',
      'menu.assetsPool': '公物仓',
      'menu.assetsStocktake': '资产盘点',
    },
    en: {
      'menu.assets': 'State assets',
      'menu.assetsRegister': 'Asset register',
      'menu.assetsPool': 'Public asset pool',
      'menu.assetsStocktake': 'Stocktakes',
    },
  },
  routes: [
    { path: 'assets', element: <AssetRegisterPage /> },
    { path: 'assets/card/:code', element: <AssetCardPage /> },
    { path: 'assets/pool', element: <AssetPoolPage /> },
    { path: 'assets/pool/print/:kind/:id', element: <AssetPoolPrintPage /> },
    { path: 'assets/stocktakes', element: <StocktakeListPage /> },
    { path: 'assets/stocktakes/:id', element: <StocktakeDetailPage /> },
  ],
  menu: [
    {
      key: 'assets',
      labelKey: 'menu.assets',
      icon: <BankOutlined />,
      children: [
        { key: 'assets-register', labelKey: 'menu.assetsRegister', icon: <DatabaseOutlined />, path: '/assets', permission: 'assets.read' },
        { key: 'assets-pool', labelKey: 'menu.assetsPool', icon: <ContainerOutlined />, path: '/assets/pool', permission: 'assets.read' },
        {
          key: 'assets-stocktake',
          labelKey: 'menu.assetsStocktake',
          icon: <CheckSquareOutlined />,
          path: '/assets/stocktakes',
          permission: ['assets.read', 'assets.scan'],
        },
      ],
    },
  ],
});
