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
    {
      path: 'procurement',
      element: <ProcurementProjectsPage />,
      help: {
        zh: '采购项目：从意向公开、采购、结果公告到合同的全过程及公示时限。\n依据《政府采购法》及其实施条例；意向至少提前 30 日公开，结果 2 个工作日内公告（docs/regulations.md §6）。',
        en: 'Procurement projects: from intention notice through purchase, result and contract, with the disclosure deadlines.\nUnder the Government Procurement Law and its regulation; intentions at least 30 days ahead, results within 2 working days (§6).',
      },
    },
    {
      path: 'procurement/plans',
      element: <ProcurementPlansPage />,
      help: {
        zh: '采购计划：各单位年度采购计划及预算，经审批后可立项。',
        en: 'Procurement plans: units’ yearly plans and budgets; an approved plan can become a project.',
      },
    },
    {
      path: 'procurement/suppliers',
      element: <ProcurementSuppliersPage />,
      help: {
        zh: '供应商：供应商名录、资质与履约记录；询价至少向 3 家供应商询价（政府采购法第四十条）。',
        en: 'Suppliers: the supplier list, qualifications and performance; a request for quotations asks at least three (Procurement Law art. 40).',
      },
    },
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
