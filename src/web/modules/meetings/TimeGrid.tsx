import { Descriptions, Popover } from 'antd';
import { Fragment, type ReactNode, useEffect, useRef } from 'react';
import { LevelTag, StatusTag, type TSlot, cnHm, fmtPeriod, hmOf, minutesOf } from './common';
import { meetingMessages } from './meetings.i18n';

export type GridRow = {
  key: string;
  label: ReactNode;
  sub?: ReactNode;
  /** The China day the row shows. */
  day: string;
  roomId: number;
  slots: TSlot[];
  /** The room is closed on this row (a weekday it does not open): no free cells. */
  closed?: boolean;
};

const STEP = 30;

/**
 * Rooms (or days) × hours, like MRBS: each booking a bar placed by its China clock times (its
 * set-up buffer drawn lighter after it), each free half hour a cell to tap to book from there.
 */
export function TimeGrid(props: {
  from: string;
  to: string;
  rows: GridRow[];
  labelTitle: ReactNode;
  onFree: (row: GridRow, hhmm: string) => void;
  /** The clock time scrolled to the left edge when the grid is wider than the screen (a phone). */
  scrollTo?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const t = meetingMessages.useT();
  const from = Math.floor(minutesOf(props.from) / 60) * 60;
  const to = Math.max(Math.ceil((props.to === '24:00' ? 24 * 60 : minutesOf(props.to)) / 60) * 60, from + 60);
  const span = to - from;
  const pct = (m: number) => `${((Math.max(from, Math.min(to, m)) - from) / span) * 100}%`;
  const hours = Array.from({ length: span / 60 }, (_, i) => from + i * 60);
  const minuteOfDay = (iso: string, day: string) => (Date.parse(iso) - Date.parse(`${day}T00:00:00+08:00`)) / 60_000;
  const scrollMin = Math.max(from, Math.min(to, minutesOf(props.scrollTo ?? '08:00')));
  useEffect(() => {
    const el = box.current;
    const track = el?.querySelector('.mt-grid-track');
    if (!el || !track) return;
    // Only when it overflows: the label column stays (sticky), the track scrolls under it.
    el.scrollLeft = ((scrollMin - from) / span) * track.clientWidth;
  }, [scrollMin, from, span]);
  return (
    <div className="mt-grid" data-testid={props.testId} ref={box}>
      <div className="mt-grid-inner" style={{ minWidth: Math.max(640, (span / 60) * 64 + 120) }}>
        <div className="mt-grid-row mt-grid-head">
          <div className="mt-grid-label">{props.labelTitle}</div>
          <div className="mt-grid-track">
            {hours.map((h) => (
              <div key={h} className="mt-grid-tick" style={{ left: pct(h) }}>
                {hmOf(h)}
              </div>
            ))}
          </div>
        </div>
        {props.rows.map((r) => {
          const held = r.slots.map((s) => [minuteOfDay(s.start, r.day), minuteOfDay(s.heldUntil, r.day)] as const);
          const cells = r.closed
            ? []
            : Array.from({ length: span / STEP }, (_, i) => from + i * STEP).filter((m) => !held.some(([a, b]) => m < b && m + STEP > a));
          return (
            <div className="mt-grid-row" key={r.key} data-testid={`grid-row-${r.key}`}>
              <div className="mt-grid-label">
                <div className="mt-ellipsis">{r.label}</div>
                {r.sub ? <div className="mt-grid-sub mt-ellipsis">{r.sub}</div> : null}
              </div>
              <div className={`mt-grid-track${r.closed ? ' mt-grid-closed' : ''}`}>
                {hours.map((h) => (
                  <div key={h} className="mt-grid-tick" style={{ left: pct(h) }} />
                ))}
                {cells.map((m) => (
                  <button
                    type="button"
                    key={m}
                    className="mt-cell"
                    style={{ left: pct(m), width: pct(from + STEP) }}
                    onClick={() => props.onFree(r, hmOf(m))}
                    data-testid={`cell-${r.key}-${hmOf(m)}`}
                    aria-label={`${t('book')} ${hmOf(m)}`}
                  />
                ))}
                {r.slots.map((s, i) => {
                  const [a, b] = held[i]!;
                  const e = minuteOfDay(s.end, r.day);
                  return (
                    <Fragment key={s.id}>
                      <Popover trigger="click" content={<SlotCard slot={s} />}>
                        <div
                          className={`mt-bar mt-bar-${s.status}${s.level === 'important' ? ' mt-bar-important' : ''}${s.mine ? ' mt-bar-mine' : ''}`}
                          style={{ left: pct(a), width: `calc(${pct(e)} - ${pct(a)})` }}
                          data-testid={`bar-${s.id}`}
                          data-status={s.status}
                        >
                          {cnHm(s.start)} {s.title ?? t('hidden')}
                        </div>
                      </Popover>
                      {b > e ? <div className="mt-buffer" style={{ left: pct(e), width: `calc(${pct(b)} - ${pct(e)})` }} /> : null}
                    </Fragment>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A booking's card, opened from its bar. */
export function SlotCard({ slot: s }: { slot: TSlot }) {
  const t = meetingMessages.useT();
  return (
    <div style={{ maxWidth: 300 }} data-testid={`slot-card-${s.id}`}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('title')}>{s.title ?? t('hidden')}</Descriptions.Item>
        <Descriptions.Item label={t('time')}>{fmtPeriod(s.start, s.end)}</Descriptions.Item>
        {s.orgName ? <Descriptions.Item label={t('unit')}>{s.orgName}</Descriptions.Item> : null}
        <Descriptions.Item label={t('attendees')}>{s.attendees}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>
          <StatusTag status={s.status} /> <LevelTag level={s.level} />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
