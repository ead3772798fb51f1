import { AppstoreOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../shared/module';

const BoardPage = lazyPage(() => import('./BoardPage'), 'BoardPage');
const ClassesPage = lazyPage(() => import('./ClassesPage'), 'ClassesPage');
const ClassPage = lazyPage(() => import('./ClassPage'), 'ClassPage');
const ClassPrintPage = lazyPage(() => import('./PrintPage'), 'ClassPrintPage');

/** Training-class lodging: the rooms board, classes with their beds and stays, the settlement print. */
export const trainingWebModule = defineWebModule({
  name: 'training',
  labels: {
    zh: { 'menu.training': '培训住宿', 'menu.trainingBoard': '房态', 'menu.trainingClasses': '培训班' },
    en: { 'menu.training': 'Training lodging', 'menu.trainingBoard': 'Rooms board', 'menu.trainingClasses': 'Classes' },
  },
  routes: [
    {
      path: 'training',
      element: <BoardPage />,
      help: {
        zh: '培训中心房态：每个房间的清扫状态（待清扫 → 已清扫 → 已检查）和当晚入住学员；退房后房间自动变为待清扫。',
        en: "The centre's rooms: housekeeping status (to clean → cleaned → inspected) and one night's occupants; a check-out sets the room to be cleaned.",
      },
    },
    {
      path: 'training/classes',
      element: <ClassesPage />,
      help: {
        zh: '开班与学员名单。同一床位同一晚只能安排一人，由数据库保证；结算按《中央和国家机关培训费管理办法》（财行〔2016〕540号）核对。',
        en: 'Classes and their trainees. One person per bed per night, enforced by the database; settlements are checked against the training fee rules (Cai Xing [2016] No. 540).',
      },
    },
    {
      path: 'training/classes/:id',
      element: <ClassPage />,
      permission: 'training.read',
      help: {
        zh: '培训班：自动或手工分房、入住、退房，以及按综合定额结算（超过 30 天部分按 70% 计，报到撤离各不超过 1 天）。',
        en: 'A class: beds allocated automatically or by hand, check-in, check-out, and the settlement against the cap (days beyond 30 at 70 %, arrival and departure at most one day each).',
      },
    },
    {
      path: 'training/classes/:id/print',
      element: <ClassPrintPage />,
      permission: 'training.read',
      help: {
        zh: '培训费结算表（含学员名单和床位），打印后签字盖章。',
        en: 'The training cost settlement with the roster and beds, printed for signature and seal.',
      },
    },
  ],
  menu: [
    {
      key: 'training',
      labelKey: 'menu.training',
      icon: <HomeOutlined />,
      children: [
        {
          key: 'training-board',
          labelKey: 'menu.trainingBoard',
          icon: <AppstoreOutlined />,
          path: '/training',
          permission: 'training.read',
        },
        {
          key: 'training-classes',
          labelKey: 'menu.trainingClasses',
          icon: <TeamOutlined />,
          path: '/training/classes',
          permission: 'training.read',
        },
      ],
    },
  ],
});
