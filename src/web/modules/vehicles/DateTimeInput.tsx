import { Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { toIso } from './common';

/**
 * A date and time field on the browser's own picker (`datetime-local`): on a phone it opens the
 * system wheel, on a desktop the calendar. The value is the local `YYYY-MM-DDTHH:mm` string.
 */
export function DateTimeInput(props: {
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
  min?: string;
  style?: React.CSSProperties;
  size?: 'large' | 'middle' | 'small';
}) {
  return (
    <Input
      type="datetime-local"
      value={props.value}
      min={props.min}
      onChange={(e) => props.onChange?.(e.target.value)}
      data-testid={props.testId}
      style={props.style}
      size={props.size}
    />
  );
}

export const LOCAL_FORMAT = 'YYYY-MM-DDTHH:mm';
export const toLocalInput = (d: Dayjs | string) => dayjs(d).format(LOCAL_FORMAT);
/** The field's local value as ISO 8601 with the browser's offset. */
export const localToIso = (v: string) => toIso(dayjs(v));

/** Form rule: the end field must be after the start field. */
export const afterStart =
  (message: string, startField = 'start') =>
  ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, v: string | undefined) => {
      const s = getFieldValue(startField) as string | undefined;
      return !v || !s || dayjs(v).isAfter(dayjs(s)) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });
