import { AccountBookOutlined, ScheduleOutlined, ShopOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Suspense } from 'react';
import { defineWebModule, lazyPage } from '../../shared/module';
import { Loading } from '../../shared/ui/Loading';

const ProcurementPlansPage = lazyPage(() => import('./PlansPage'), 'PlansPage');
const ProcurementSuppliersPage = lazyPage(() => import('./PlansPage'), 'SuppliersPage');
const ProcurementProjectsPage = lazyPage(() => import('./ProjectsPage'), 'ProjectsPage');
// Lazy as well: every module declaration is part of the sign-in page's download.
const PublicDisclosurePage = lazyPage(() => import('./PublicDisclosurePage'), 'PublicDisclosurePage');

/** Government procurement: pages and menu entries. */
export const procurementWebModule = defineWebModule({
  name: 'procurement',
  labels: {
    zh: {
      'menu.procurement': '政府采购',
      'menu.procurementProjects': '采购项目',
      'menu.procurementPlans': '采购计划',
      'menu.procurementSuppliers': '供应商与定点',
    },
    en: {
      'menu.procurement': 'Government procurement',
      'menu.procurementProjects': 'Projects',
      'menu.procurementPlans': 'Plans',
      'menu.procurementSuppliers': 'Suppliers',
    },
  },
  routes: [
    { path: 'procurement', element: <ProcurementProjectsPage /> },
    { path: 'procurement/plans', element: <ProcurementPlansPage /> },
    { path: 'procurement/suppliers', element: <ProcurementSuppliersPage /> },
  ],
  // The procurement disclosure (四公开) is public: no sign-in.
  publicRoutes: [
    {
      path: '/public/procurement',
      element: (
        <Suspense fallback={<Loading />}>
          <PublicDisclosurePage />
        </Suspense>
      ),
    },
  ],
  menu: [
    {
      key: 'procurement',
      labelKey: 'menu.procurement',
      icon: <AccountBookOutlined />,
      children: [
        {
          key: 'procurement-projects',
          labelKey: 'menu.procurementProjects',
          icon: <UnorderedListOutlined />,
          path: '/procurement',
          permission: 'procurement.read',
        },
        {
          key: 'procurement-plans',
          labelKey: 'menu.procurementPlans',
          icon: <ScheduleOutlined />,
          path: '/procurement/plans',
          permission: 'procurement.read',
        },
        {
          key: 'procurement-suppliers',
          labelKey: 'menu.procurementSuppliers',
          icon: <ShopOutlined />,
          path: '/procurement/suppliers',
          permission: 'procurement.read',
        },
      ],
    },
  ],
});
