import { AuditOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const PlansPage = lazyPage(() => import('./PlansPage'), 'PlansPage');
const PlanPrintPage = lazyPage(() => import('./PrintPage'), 'PlanPrintPage');

/** Meeting plans and fees: the plans list with its checks, and the printable plan and settlement. */
export const meetingPlansWebModule = defineWebModule({
  name: 'meeting-plans',
  labels: {
    zh: { 'menu.meetingPlans': '会议计划与会议费' },
    en: { 'menu.meetingPlans': 'Meeting plans and fees' },
  },
  routes: [
    {
      path: 'meeting-plans',
      element: <PlansPage />,
      help: {
        zh: '会议计划按《中央和国家机关会议费管理办法》（财行〔2016〕214号）核对：综合定额（元/人·天）、会期、参会人数和工作人员比例；报批后按实际费用结算，逐项与上限比较，精确到分。',
        en: 'Meeting plans are checked against the meeting fee rules (Cai Xing [2016] No. 214): the cap per person per day, days, attendees and the staff share; after approval the actual costs are settled line by line against the caps, exact to the fen.',
      },
    },
    {
      path: 'meeting-plans/:id/print',
      element: <PlanPrintPage />,
      permission: 'meeting_plans.read',
      help: {
        zh: '会议计划及费用结算表，打印后签字盖章。',
        en: 'The meeting plan and its settlement, printed for signature and seal.',
      },
    },
  ],
  menu: [
    {
      key: 'meeting-plans',
      labelKey: 'menu.meetingPlans',
      icon: <AuditOutlined />,
      path: '/meeting-plans',
      permission: 'meeting_plans.read',
    },
  ],
});
