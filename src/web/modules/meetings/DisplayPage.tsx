import { useParams, useSearchParams } from 'react-router-dom';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { ApiError } from '../../shared/api';
import { fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';
import { QrCode, absoluteUrl, cnHm, useLabels } from './common';

const displayMessages = defineMessages('meetings.display', {
  free: { zh: '空闲', en: 'Free' },
  busy: { zh: '使用中', en: 'In use' },
  freeUntil: { zh: '空闲至 {t}', en: 'Free until {t}' },
  freeAllDay: { zh: '今日再无会议', en: 'No more meetings today' },
  now: { zh: '当前会议', en: 'Now' },
  next: { zh: '下一场', en: 'Next' },
  none: { zh: '无', en: 'None' },
  important: { zh: '重要会议', en: 'Important meeting' },
  scanCheckIn: { zh: '组织人扫码签到', en: 'Organiser: scan to check in' },
  scanBook: { zh: '扫码预订本会议室', en: 'Scan to book this room' },
  today: { zh: '今日安排', en: 'Today' },
  seats: { zh: '{n} 座', en: '{n} seats' },
  floor: { zh: '{f} 层', en: 'floor {f}' },
  refused: {
    zh: '此门牌屏链接无效或已被吊销，请联系会务服务中心。',
    en: 'This display link is not valid or was revoked; ask the meeting service centre.',
  },
  loading: { zh: '正在加载…', en: 'Loading…' },
  offline: { zh: '暂时无法连接服务器，显示的是上次的数据', en: 'Cannot reach the server; showing the last data' },
});

/** How often the door asks again (a meeting starting or ending shows within this). */
const REFRESH_MS = 30_000;

/**
 * 门牌屏 `/display/room/:id?token=…`: a tablet by the door, no sign-in, no app frame. Now and
 * next, free or busy in large type, a QR to check in (while a meeting may be) or to book the
 * free time; refreshed every 30 seconds. Designed for a landscape tablet read from 2 m.
 */
export function DisplayPage() {
  const td = displayMessages.useT();
  const l = useLabels();
  const { id } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const q = useApiQuery(
    meetingsApi.display,
    { params: { roomId: Number(id) || 0 }, query: { token } },
    {
      refetchInterval: (query) => (query.state.error instanceof ApiError && query.state.error.status === 401 ? false : REFRESH_MS),
      refetchIntervalInBackground: true,
      retry: false,
    },
  );
  const refused = q.error instanceof ApiError && (q.error.status === 401 || q.error.status === 400 || q.error.status === 404);
  if (refused || (!token && !q.data))
    return (
      <div className="mt-display mt-display-refused" data-testid="display-refused">
        <div className="mt-display-msg">{td('refused')}</div>
      </div>
    );
  const d = q.data;
  if (!d)
    return (
      <div className="mt-display" data-testid="display-loading">
        <div className="mt-display-msg">{td('loading')}</div>
      </div>
    );
  const slotTitle = (s: { title: string | null; status: string }) => s.title ?? td('important');
  return (
    <div className={`mt-display ${d.busy ? 'mt-display-busy' : 'mt-display-free'}`} data-testid="display" data-busy={String(d.busy)}>
      <header className="mt-display-head">
        <div>
          <div className="mt-display-room" data-testid="display-room">
            {d.room.name}
          </div>
          <div className="mt-display-where">
            {[
              d.room.building,
              d.room.floor ? (/^\d+$/.test(d.room.floor) ? td('floor', { f: d.room.floor }) : d.room.floor) : null,
              td('seats', { n: d.room.capacity }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
        <div className="mt-display-clock">{fmtInstant(d.now).slice(11, 16)}</div>
      </header>
      {q.error ? <div className="mt-display-offline">{td('offline')}</div> : null}
      <main className="mt-display-main">
        <section className="mt-display-state">
          <div className="mt-display-big" data-testid="display-state">
            {d.busy ? td('busy') : td('free')}
          </div>
          {d.busy && d.current ? (
            <div className="mt-display-current" data-testid="display-current">
              <div className="mt-display-title">{slotTitle(d.current)}</div>
              <div className="mt-display-time">
                {cnHm(d.current.start)}–{cnHm(d.current.end)}
                {d.current.orgName ? ` · ${d.current.orgName}` : ''}
              </div>
            </div>
          ) : (
            <div className="mt-display-time">{d.freeUntil ? td('freeUntil', { t: cnHm(d.freeUntil) }) : td('freeAllDay')}</div>
          )}
          <div className="mt-display-next" data-testid="display-next">
            <span className="mt-display-label">{td('next')}</span>
            {d.next ? (
              <span>
                {cnHm(d.next.start)}–{cnHm(d.next.end)} {slotTitle(d.next)}
              </span>
            ) : (
              <span>{td('none')}</span>
            )}
          </div>
        </section>
        <aside className="mt-display-qr" data-testid="display-qr" data-kind={d.qr.kind}>
          <QrCode text={absoluteUrl(d.qr.path)} size={220} />
          <div>{d.qr.kind === 'check_in' ? td('scanCheckIn') : td('scanBook')}</div>
        </aside>
      </main>
      <footer className="mt-display-today">
        <span className="mt-display-label">{td('today')}</span>
        {d.today.length ? (
          d.today.map((s) => (
            <span key={s.start} className={`mt-display-chip mt-chip-${s.status}`}>
              {cnHm(s.start)}–{cnHm(s.end)} {slotTitle(s)} · {l.status(s.status)}
            </span>
          ))
        ) : (
          <span>{td('none')}</span>
        )}
      </footer>
    </div>
  );
}
