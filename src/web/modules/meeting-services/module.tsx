import { CoffeeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const OrdersPage = lazyPage(() => import('./OrdersPage'), 'OrdersPage');
const TasksPage = lazyPage(() => import('./TasksPage'), 'TasksPage');
const PrintPage = lazyPage(() => import('./PrintPage'), 'PrintPage');

/** Meeting services (会务服务): the desk's orders, the staff's phone tasks and the print pages. */
export const meetingServicesWebModule = defineWebModule({
  name: 'meeting-services',
  labels: {
    zh: { 'menu.meetingServices': '会务服务', 'menu.serviceOrders': '会务服务单', 'menu.serviceTasks': '我的会务任务' },
    en: { 'menu.meetingServices': 'Meeting services', 'menu.serviceOrders': 'Service orders', 'menu.serviceTasks': 'My service tasks' },
  },
  routes: [
    {
      path: 'meetings/service-orders',
      element: <OrdersPage />,
      help: {
        zh: '会务服务单：为已预订的会议申请茶水、桌签、主席台、音视频、材料印制和值守人员；按厉行节约规定不得安排鲜花、背景板、水果和纪念品（重要会议按规定的例外）。会务服务中心受理后派给服务人员。',
        en: 'Service orders: tea and water, nameplates, the rostrum, AV, printing and staff for a booked meeting; the frugality rules forbid flowers, backdrops, fruit and gifts (with the exceptions the rule gives important meetings). The desk accepts and assigns staff.',
      },
    },
    {
      path: 'meetings/service-orders/:id/print',
      element: <PrintPage />,
      permission: ['meetings.book', 'meetings.manage', 'meetings.serve'],
      help: {
        zh: '打印桌签（A4 对折，每页一人）和主席台座次表（1 号居中，2 号在其左手，3 号在其右手，依次排开）。',
        en: 'Print the tent cards (A4 folded, one name a page) and the rostrum chart (1 in the centre, 2 on their left, 3 on their right, and so on).',
      },
    },
    {
      path: 'meetings/service-tasks',
      element: <TasksPage />,
      help: {
        zh: '我的会务任务：会前布置、会中服务、会后清场的检查清单，在手机上逐项勾选，可拍照留证。',
        en: 'My service tasks: the before / during / after checklists, ticked one by one on a phone, with photos if useful.',
      },
    },
  ],
  menu: [
    {
      key: 'meeting-services',
      labelKey: 'menu.meetingServices',
      icon: <CoffeeOutlined />,
      permission: ['meetings.book', 'meetings.manage', 'meetings.serve'],
      children: [
        {
          key: 'meeting-service-orders',
          labelKey: 'menu.serviceOrders',
          icon: <CoffeeOutlined />,
          path: '/meetings/service-orders',
          permission: ['meetings.book', 'meetings.manage'],
        },
        {
          key: 'meeting-service-tasks',
          labelKey: 'menu.serviceTasks',
          icon: <ScheduleOutlined />,
          path: '/meetings/service-tasks',
          permission: 'meetings.serve',
        },
      ],
    },
  ],
});
