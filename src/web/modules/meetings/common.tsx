import { Tag } from 'antd';
import qrcode from 'qrcode-generator';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import {
  MEETING_BOOKABLE_BY_LABELS,
  MEETING_BOOKING_STATUS_LABELS,
  MEETING_EQUIPMENT_LABELS,
  MEETING_LAYOUT_LABELS,
  MEETING_LEVEL_LABELS,
  MEETING_ROOM_KIND_LABELS,
  type ZMeetingAvailableRoomSchema,
  type ZMeetingBookingSchema,
  type ZMeetingRoomSchema,
  type ZMeetingSlotSchema,
} from '../../../contracts/modules/meetings';
import { addDays, fmtDay, fmtInstant } from '../../shared/dates';
import { useLocale } from '../../shared/i18n';
import { meetingMessages } from './meetings.i18n';
import './meetings.css';

export type TRoom = z.infer<typeof ZMeetingRoomSchema>;
export type TAvailableRoom = z.infer<typeof ZMeetingAvailableRoomSchema>;
export type TBooking = z.infer<typeof ZMeetingBookingSchema>;
export type TSlot = z.infer<typeof ZMeetingSlotSchema>;
export type TStatus = TBooking['status'];
export type TLevel = TBooking['level'];

type LabelRecord = Record<string, { zh: string; en: string }>;

/**
 * The labels of the meetings' code lists (statuses, levels, equipment, layouts …) in the
 * reader's language, from the contracts' label records: no screen shows a code.
 */
export function useLabels() {
  const { locale } = useLocale();
  return useMemo(() => {
    const of =
      <R extends LabelRecord>(rec: R) =>
      (code: keyof R | null | undefined): string => {
        if (!code) return '';
        const l = rec[code as string];
        return l ? (locale === 'en' ? l.en : l.zh) : '';
      };
    return {
      status: of(MEETING_BOOKING_STATUS_LABELS),
      level: of(MEETING_LEVEL_LABELS),
      equipment: of(MEETING_EQUIPMENT_LABELS),
      layout: of(MEETING_LAYOUT_LABELS),
      kind: of(MEETING_ROOM_KIND_LABELS),
      bookableBy: of(MEETING_BOOKABLE_BY_LABELS),
    };
  }, [locale]);
}

const STATUS_COLOR: Record<TStatus, string> = {
  pending: 'gold',
  booked: 'blue',
  checked_in: 'green',
  finished: 'default',
  cancelled: 'default',
  rejected: 'red',
  expired: 'orange',
  no_show: 'red',
};
export function StatusTag({ status }: { status: TStatus }) {
  const l = useLabels();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status} data-testid="meeting-status">
      {l.status(status)}
    </Tag>
  );
}
export function LevelTag({ level }: { level: TLevel }) {
  const l = useLabels();
  return (
    <Tag color={level === 'important' ? 'red' : 'default'} data-level={level}>
      {l.level(level)}
    </Tag>
  );
}

// ---------- China wall-clock time ----------
// The bureau books in China time whatever the browser's zone: a form's date and clock times
// are China's and go to the server with +08:00.

/** `2026-03-02`, `09:30` → `2026-03-02T09:30:00+08:00`. */
export const cnIso = (day: string, hhmm: string) => (hhmm === '24:00' ? `${addDays(day, 1)}T00:00:00+08:00` : `${day}T${hhmm}:00+08:00`);
/** The China clock time of an instant, `09:30`. */
export const cnHm = (iso: string | null | undefined) => (iso ? fmtInstant(iso).slice(11, 16) : '');
/** The China day of an instant. */
export const cnDay = (iso: string) => fmtDay(iso);
/** `2026-03-02 09:00–10:30` (the day once when both ends fall on it). */
export function fmtPeriod(start: string, end: string): string {
  return cnDay(start) === cnDay(end) ? `${fmtInstant(start)}–${cnHm(end)}` : `${fmtInstant(start)} – ${fmtInstant(end)}`;
}
/** Minutes since midnight of `HH:MM`. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hmOf = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
/** The ISO weekday (1 = Monday) of a China day. */
export const isoWeekday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
/** The Monday of a China day's week. */
export const mondayOf = (day: string) => addDays(day, 1 - isoWeekday(day));

/** The weekday's short name. */
export function useWeekdayName() {
  const t = meetingMessages.useT();
  // The same function until the language changes, so chart options built with it stay memoised.
  return useCallback((wd: number) => t(`wd${wd as 1 | 2 | 3 | 4 | 5 | 6 | 7}`), [t]);
}

/** A floor as people say it: "3" → "3 层" / "floor 3"; a floor already named ("1F", "B1") as it is. */
export function useFloorLabel() {
  const t = meetingMessages.useT();
  return useCallback((f: string | null | undefined) => (!f ? '' : /^\d+$/.test(f) ? t('floorN', { f }) : f), [t]);
}

/** The full URL of a path the server named (a QR opens it on a phone). */
export const absoluteUrl = (path: string) => `${location.origin}${path}`;

/** A QR code drawn as one SVG path (qrcode-generator, as the asset labels do on the server). */
export function QrCode({ text, size = 200, testId }: { text: string; size?: number; testId?: string }) {
  const d = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    let path = '';
    for (let y = 0; y < n; y++) {
      let x = 0;
      while (x < n) {
        if (!qr.isDark(y, x)) {
          x++;
          continue;
        }
        let w = 1;
        while (x + w < n && qr.isDark(y, x + w)) w++;
        path += `M${x} ${y}h${w}v1h-${w}z`;
        x += w;
      }
    }
    return { n, path };
  }, [text]);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`-2 -2 ${d.n + 4} ${d.n + 4}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      style={{ background: '#fff' }}
      data-testid={testId}
      data-text={text}
      role="img"
      aria-label="QR"
    >
      <title>QR</title>
      <path d={d.path} />
    </svg>
  );
}
