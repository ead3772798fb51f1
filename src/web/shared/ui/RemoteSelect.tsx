import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AnyRoute, RouteInput, RouteResponse } from '../../../contracts/route';
import { defineMessages } from '../i18n';
import { call, keyOf } from '../typedApi';

const messages = defineMessages('shared.remoteSelect', {
  more: { zh: '共 {total} 项，仅列出前 {shown} 项：输入文字搜索', en: '{total} in all, the first {shown} shown: type to search' },
  none: { zh: '没有匹配项', en: 'No match' },
});

/** The page size a picker asks for: enough to scroll, small enough to answer at once. */
export const PICKER_PAGE_SIZE = 30;
const DEBOUNCE_MS = 250;

type ListResponse<Row> = { total: number; items: Row[] };
type Option = { value: number; label: string; disabled?: boolean };

/**
 * A picker over a list route that searches on the server: it asks for the first
 * PICKER_PAGE_SIZE rows, and for rows matching the typed text (the route's `q`), so a catalogue
 * of thousands of items or a city's fleet stays pickable. Filtering in the browser over "the
 * first 200" would silently hide the 201st. The chosen row is remembered, so its label stays
 * when a later search no longer returns it; `selectedLabel` names a preset value (an edit form)
 * before any search ran.
 *
 * `onChange` hands over the row too, for forms that show more of it (the stock left, a meter's
 * unit).
 */
export function RemoteSelect<D extends AnyRoute, Row = RouteResponse<D> extends ListResponse<infer R> ? R : never>(props: {
  route: D;
  /** Fixed filters (e.g. `{ active: 'true', orgId }`); the typed text goes in `q`. */
  query?: Record<string, unknown>;
  option: (row: Row) => Option;
  value?: number;
  onChange?: (value: number | undefined, row?: Row) => void;
  selectedLabel?: string;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const t = messages.useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [text]);
  const input = { query: { ...props.query, page: 1, pageSize: PICKER_PAGE_SIZE, ...(q ? { q } : {}) } } as unknown as RouteInput<D>;
  const list = useQuery({
    // Under the list's own key: whatever refreshes the list refreshes its pickers.
    queryKey: [...keyOf(props.route, input), 'picker'],
    queryFn: () => call(props.route, input) as Promise<ListResponse<Row>>,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    enabled: !props.disabled,
  });
  const seen = useRef(new Map<number, { option: Option; row: Row }>());
  for (const row of list.data?.items ?? []) {
    const option = props.option(row);
    seen.current.set(option.value, { option, row });
  }
  const options: Option[] = (list.data?.items ?? []).map(props.option);
  // The chosen value stays labelled even when the current search does not return it.
  if (props.value !== undefined && !options.some((o) => o.value === props.value)) {
    const known = seen.current.get(props.value)?.option;
    options.unshift(known ?? { value: props.value, label: props.selectedLabel ?? String(props.value) });
  }
  const total = list.data?.total ?? 0;
  const shown = list.data?.items.length ?? 0;
  let footer: ReactNode = null;
  if (total > shown) footer = <div style={{ padding: '4px 12px', color: '#888', fontSize: 12 }}>{t('more', { total, shown })}</div>;
  return (
    <Select
      showSearch
      filterOption={false}
      searchValue={text}
      onSearch={setText}
      value={props.value}
      onChange={(v: number | undefined) => {
        setText('');
        props.onChange?.(v, v === undefined ? undefined : seen.current.get(v)?.row);
      }}
      loading={list.isFetching}
      options={options}
      placeholder={props.placeholder}
      data-testid={props.testId}
      disabled={props.disabled}
      allowClear={props.allowClear}
      style={props.style}
      notFoundContent={list.isFetching ? undefined : t('none')}
      popupRender={(menu) => (
        <>
          {menu}
          {footer}
        </>
      )}
    />
  );
}
