import { BarChartOutlined, CalendarOutlined, HomeOutlined, ProfileOutlined, SearchOutlined } from '@ant-design/icons';
import { Suspense } from 'react';
import { defineWebModule, lazyPage } from '../../shared/module';
import { Loading } from '../../shared/ui/states';

const FindPage = lazyPage(() => import('./FindPage'), 'FindPage');
const CalendarPage = lazyPage(() => import('./CalendarPage'), 'CalendarPage');
const MyBookingsPage = lazyPage(() => import('./MyBookingsPage'), 'MyBookingsPage');
const RoomsPage = lazyPage(() => import('./RoomsPage'), 'RoomsPage');
const StatisticsPage = lazyPage(() => import('./StatisticsPage'), 'StatisticsPage');
const SignInPage = lazyPage(() => import('./AttendPage'), 'SignInPage');
const CheckInPage = lazyPage(() => import('./AttendPage'), 'CheckInPage');
const DisplayPage = lazyPage(() => import('./DisplayPage'), 'DisplayPage');

const BOOK = ['meetings.book', 'meetings.manage'];

/** Meeting rooms (会议室预订): pages, menu entries and the public door display. */
export const meetingsWebModule = defineWebModule({
  name: 'meetings',
  labels: {
    zh: {
      'menu.meetings': '会议室',
      'menu.meetingsFind': '查找会议室',
      'menu.meetingsCalendar': '会议室日程',
      'menu.meetingsMine': '我的预订',
      'menu.meetingsRooms': '会议室管理',
      'menu.meetingsStatistics': '会议统计',
    },
    en: {
      'menu.meetings': 'Meeting rooms',
      'menu.meetingsFind': 'Find a room',
      'menu.meetingsCalendar': 'Room calendar',
      'menu.meetingsMine': 'My bookings',
      'menu.meetingsRooms': 'Room management',
      'menu.meetingsStatistics': 'Statistics',
    },
  },
  routes: [
    {
      path: 'meetings/book',
      element: <FindPage />,
      help: {
        zh: '查找会议室：输入时间、人数、设备和楼宇，按“最小够用”排序列出空闲会议室；可预订单次或每周、每月的周期会议。\n时段冲突（含会议室布置时间）由数据库拒绝；周期会议可选择“整组不预订”或“跳过冲突日期”。',
        en: 'Find a room: give the time, attendees, equipment and building; free rooms are listed smallest-that-fits first. Book once or weekly / monthly.\nOverlaps (set-up time included) are refused by the database; a series is booked all or nothing or skipping the taken dates.',
      },
    },
    {
      path: 'meetings/calendar',
      element: <CalendarPage />,
      help: {
        zh: '会议室日程：按楼宇查看一天内各会议室的安排（会议室 × 小时），或按会议室查看一周。点空白时段即可预订，点会议条查看详情。',
        en: 'Room calendar: a building’s rooms over a day (rooms × hours) or one room over a week. Tap a free slot to book it, a bar to see the meeting.',
      },
    },
    {
      path: 'meetings/mine',
      element: <MyBookingsPage />,
      help: {
        zh: '我的预订：签到、提前结束、取消（单场、整组或某日以后）、参会签到码和签到名单。\n会议开始后须在规定时间内签到，否则自动释放会议室并计入本单位未签到次数（规则见 docs/regulations.md）。',
        en: 'My bookings: check in, finish early, cancel (one, the series, or from a date on), the attendee sign-in QR and the attendance list.\nCheck in within the window after the start, or the room is released and counted as a no-show for your unit (see docs/regulations.md).',
      },
    },
    {
      path: 'meetings/rooms',
      element: <RoomsPage />,
      help: {
        zh: '会议室管理（会务服务中心）：容纳人数、布局、设备、布置时间、开放时间、预订审批与可预订范围；为门口平板生成或吊销门牌屏链接。',
        en: 'Room management (meeting service centre): capacity, layouts, equipment, set-up buffer, opening hours, approval and who may book; create or revoke door-display links.',
      },
    },
    {
      path: 'meetings/statistics',
      element: <StatisticsPage />,
      permission: ['meetings.read', 'meetings.manage'],
      help: {
        zh: '会议统计：每月重要会议与一般会议场次、会议室 × 星期使用率、各单位未签到释放次数，可导出 Excel。',
        en: 'Statistics: important and ordinary meetings per month, room × weekday use, no-shows by unit; export to Excel.',
      },
    },
    {
      path: 'meetings/sign-in',
      element: <SignInPage />,
      permission: null,
      help: {
        zh: '参会签到：扫描会议签到码后，点击“签到”即完成；每人每场只记一次。',
        en: 'Meeting sign-in: after scanning the meeting’s code, tap Sign in; each person is counted once per meeting.',
      },
    },
    {
      path: 'meetings/check-in/:id',
      element: <CheckInPage />,
      permission: BOOK,
      help: {
        zh: '会议签到（组织人）：在签到时间内点击签到，会议室为您保留；逾期未签到将自动释放。',
        en: 'Check in (organiser): tap within the window to keep the room; otherwise it is released.',
      },
    },
  ],
  // The door display is public: a tablet by the door holds a revocable device token, no account.
  publicRoutes: [
    {
      path: '/display/room/:id',
      element: (
        <Suspense fallback={<Loading />}>
          <DisplayPage />
        </Suspense>
      ),
    },
  ],
  menu: [
    {
      key: 'meetings',
      labelKey: 'menu.meetings',
      icon: <CalendarOutlined />,
      children: [
        { key: 'meetings-find', labelKey: 'menu.meetingsFind', icon: <SearchOutlined />, path: '/meetings/book', permission: BOOK },
        {
          key: 'meetings-calendar',
          labelKey: 'menu.meetingsCalendar',
          icon: <CalendarOutlined />,
          path: '/meetings/calendar',
          permission: ['meetings.read', 'meetings.book', 'meetings.manage'],
        },
        { key: 'meetings-mine', labelKey: 'menu.meetingsMine', icon: <ProfileOutlined />, path: '/meetings/mine', permission: BOOK },
        {
          key: 'meetings-rooms',
          labelKey: 'menu.meetingsRooms',
          icon: <HomeOutlined />,
          path: '/meetings/rooms',
          permission: 'meetings.manage',
        },
        {
          key: 'meetings-statistics',
          labelKey: 'menu.meetingsStatistics',
          icon: <BarChartOutlined />,
          path: '/meetings/statistics',
          permission: ['meetings.read', 'meetings.manage'],
        },
      ],
    },
  ],
});
