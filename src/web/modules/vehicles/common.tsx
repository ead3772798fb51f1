import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type {
  TCheck,
  TVehicle,
  ZBookingSchema,
  ZDisposalSchema,
  ZDriverSchema,
  ZPurchaseSchema,
  ZQuotaSchema,
  ZTripSchema,
  ZVehicleEventSchema,
  ZVehicleQuerySchema,
} from '../../../contracts/modules/vehicles';
import { vehiclesApi } from '../../../contracts/modules/vehicles.api';
import { call, keyOf } from '../../shared/typedApi';
import './vehicles.css';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { type VehicleMessageKey, vehicleMessages } from './common.i18n';
import { fmtInstant } from '../../shared/dates';

export type { TCheck, TVehicle };
export type TBooking = z.infer<typeof ZBookingSchema>;
export type TTrip = z.infer<typeof ZTripSchema>;
export type TPurchase = z.infer<typeof ZPurchaseSchema>;
export type TDisposal = z.infer<typeof ZDisposalSchema>;
export type TDriver = z.infer<typeof ZDriverSchema>;
export type TQuota = z.infer<typeof ZQuotaSchema>;
export type TVehicleEvent = z.infer<typeof ZVehicleEventSchema>;

export const errText = (e: unknown) => showFieldErrors(e);

/** Select options for an enum, labelled by a typed message per value. */
export const enumOptions = <V extends string>(label: (v: V) => string, values: readonly V[]) =>
  values.map((v) => ({ value: v, label: label(v) }));

/** Energies the caps treat as new energy (the server's rule decides; this only guides the form). */
export const NEW_ENERGY = ['electric', 'plugin_hybrid', 'fuel_cell'];

export const fmtKm = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
/** A moment from the server, shown in China time. */
export const fmtTime = (iso: string | null | undefined) => fmtInstant(iso);
export const fmtPeriod = (start: string, end: string) => {
  const s = dayjs(start);
  const e = dayjs(end);
  return s.isSame(e, 'day')
    ? `${s.format('YYYY-MM-DD HH:mm')}–${e.format('HH:mm')}`
    : `${s.format('YYYY-MM-DD HH:mm')} – ${e.format('YYYY-MM-DD HH:mm')}`;
};
/** ISO 8601 with the browser's offset, as the contracts require (a bare local time is refused). */
export const toIso = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');

const VEHICLE_STATUS_COLOR: Record<string, string> = { in_service: 'green', in_repair: 'orange', sealed: 'default', disposed: 'red' };
export function VehicleStatusTag({ status }: { status: TVehicle['status'] }) {
  const t = vehicleMessages.useT();
  return <Tag color={VEHICLE_STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

/** 节假日 (a public holiday) or 休息日 (another day off) on a trip; nothing for a working-day trip. */
export function DayKindTag({ kind }: { kind: TTrip['dayKind'] }) {
  const t = vehicleMessages.useT();
  if (kind === 'working_day') return null;
  return (
    <Tag color={kind === 'holiday' ? 'red' : 'orange'} data-testid="day-kind" data-kind={kind}>
      {t(kind === 'holiday' ? 'dayKind.holiday' : 'dayKind.rest_day')}
    </Tag>
  );
}

const FLOW_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
  delivered: 'blue',
  assigned: 'blue',
  in_progress: 'purple',
  completed: 'gold',
  confirmed: 'green',
  cancelled: 'default',
  booked: 'blue',
};
type StatusKind = 'flow' | 'trip' | 'booking';
/** The statuses a kind of record has a label for (`flow.pending`, `trip.assigned`, `booking.booked` …). */
type StatusOf<K extends StatusKind> = VehicleMessageKey extends infer Key ? (Key extends `${K}.${infer S}` ? S : never) : never;
/** A status tag for purchase and disposal requests (`flow`), car requests (`trip`) and bookings (`booking`). */
export function StatusTag<K extends StatusKind>({ status, kind }: { status: StatusOf<K>; kind: K }) {
  const t = vehicleMessages.useT();
  return (
    <Tag color={FLOW_COLOR[status]} data-status={status}>
      {/* `status` is one of `kind`'s labelled statuses (its type says so); TypeScript cannot join the two generically. */}
      {t(`${kind}.${status}` as Extract<VehicleMessageKey, `${StatusKind}.${string}`>)}
    </Tag>
  );
}

/** The rules a cap check can name; a rule the web does not know yet is shown as "rule" with the server's wording. */
const CHECK_RULES = [
  'price',
  'displacement',
  'domestic',
  'leader_no_suv',
  'new_energy_first',
  'quota',
  'replacement',
  'receiver_quota',
] as const;
const isCheckRule = (r: string): r is (typeof CHECK_RULES)[number] => (CHECK_RULES as readonly string[]).includes(r);

/**
 * The cap checks the server returned with a request: every rule, passed in green or failed in
 * red, with the server's wording (already in the reader's language).
 */
export function CheckList({ checks, testId = 'checks' }: { checks: TCheck[]; testId?: string }) {
  const t = vehicleMessages.useT();
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <div data-testid={testId} data-failed={failed}>
      <div style={{ marginBottom: 8 }}>
        {failed ? <Tag color="red">{t('checksFailed', { n: failed })}</Tag> : <Tag color="green">{t('checksPassed')}</Tag>}
      </div>
      <ul className="vh-checks">
        {checks.map((c) => (
          <li
            key={c.rule}
            className={c.passed ? 'vh-check-ok' : 'vh-check-fail'}
            data-testid={`check-${c.rule}`}
            data-passed={String(c.passed)}
          >
            {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span className="vh-check-rule">{isCheckRule(c.rule) ? t(`rule.${c.rule}`) : t('rule')}</span>
            <span className="vh-check-msg">{c.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { UnitSelect } from '../../core/org/UnitSelect';

/** Vehicles in scope for a picker (in service unless told otherwise), searched on the server by plate. */
export function useVehicleOptions(query: { orgId?: number; status?: string; q?: string; sort?: string } = {}, enabled = true) {
  const input = { query: { pageSize: 200, sort: 'plate', ...query } as z.input<typeof ZVehicleQuerySchema> };
  // The key extends the list's own (a list invalidation refreshes the pickers too); the data is only the items.
  return useQuery({
    queryKey: [...keyOf(vehiclesApi.list, input), 'items'],
    enabled,
    queryFn: () => call(vehiclesApi.list, input).then((r) => r.items),
    staleTime: 15_000,
  });
}

export function VehicleSelect(props: {
  value?: number;
  onChange?: (v: number) => void;
  vehicles: TVehicle[];
  loading?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const t = vehicleMessages.useT();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={props.value}
      onChange={props.onChange}
      loading={props.loading}
      placeholder={props.placeholder}
      data-testid={props.testId}
      options={props.vehicles.map((v) => ({
        value: v.id,
        label: `${v.plate} · ${v.brand} ${v.model} · ${t('seatsN', { n: v.seats })}${v.orgName ? ` · ${v.orgName}` : ''}`,
      }))}
    />
  );
}

export function useDrivers(enabled = true) {
  const input = { query: { pageSize: 200, status: 'active' as const } };
  return useQuery({
    queryKey: [...keyOf(vehiclesApi.drivers, input), 'items'],
    enabled,
    queryFn: () => call(vehiclesApi.drivers, input).then((r) => r.items),
    staleTime: 30_000,
  });
}
