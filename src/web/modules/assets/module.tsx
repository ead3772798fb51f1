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
    {
      path: 'assets',
      element: <AssetRegisterPage />,
      help: {
        zh: '资产台账：本单位固定资产的编号、分类、原值、使用人与存放地点，可导入导出、打印标签。\n资产按《行政事业性国有资产管理条例》（国务院令第738号）登记入账，处置按原值分级审批（docs/regulations.md §7）。',
        en: 'The asset register: each fixed asset with its code, class, original value, user and location; import, export and print labels.\nAssets are recorded under the State-owned Assets Regulation (State Council Order 738); disposals are approved by original value (§7).',
      },
    },
    {
      path: 'assets/card/:code',
      element: <AssetCardPage />,
      permission: ['assets.read', 'assets.scan'],
      help: {
        zh: '资产卡片：扫描资产标签后看到的一件资产的信息、状态与变动记录。',
        en: 'The asset card: what scanning a label shows — one asset, its state and its history.',
      },
    },
    {
      path: 'assets/pool',
      element: <AssetPoolPage />,
      help: {
        zh: '公物仓：闲置、超标准配置和大型活动后收回的资产在此验收入库，再调剂、出借给需要的单位。\n申请新购前先从公物仓调剂（docs/regulations.md §8）；A、B 成色的资产方可调拨或出借。',
        en: 'The asset pool (公物仓): idle, over-standard and event assets are accepted here and reallocated or lent to units that need them.\nA request is served from the pool before anything is bought (§8); only condition A or B items are allocated or lent.',
      },
    },
    {
      path: 'assets/pool/print/:kind/:id',
      element: <AssetPoolPrintPage />,
      permission: 'assets.read',
      help: {
        zh: '公物仓单据打印：验收单、交付单或借用单，A4 格式，供签字盖章。',
        en: 'Print a pool form (acceptance, delivery or loan) on A4 for signatures and the seal.',
      },
    },
    {
      path: 'assets/stocktakes',
      element: <StocktakeListPage />,
      help: {
        zh: '资产盘点：发起盘点任务，盘点人扫码核对，系统比对账实，列出盘盈、盘亏。\n行政事业单位应定期清查盘点，做到账实相符（国务院令第738号）。',
        en: 'Stocktakes: start a count, counters scan labels, and the system compares the register with what was found (surplus, missing).\nUnits count their assets regularly so the books match the goods (State Council Order 738).',
      },
    },
    {
      path: 'assets/stocktakes/:id',
      element: <StocktakeDetailPage />,
      permission: ['assets.read', 'assets.scan'],
      help: {
        zh: '一次盘点的明细：已盘、未盘、盘盈、盘亏的资产，可扫码登记。',
        en: 'One stocktake in detail: counted, not yet counted, surplus and missing assets; scan to record.',
      },
    },
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
