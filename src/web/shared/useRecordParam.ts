import { useSearchParams } from 'react-router-dom';

/**
 * The record a list page shows in its detail drawer, kept in `?id=` so that links from
 * approvals and notifications open it and the browser's back button closes it.
 */
export function useRecordParam(opts: { replace?: boolean } = {}): [number | null, (id: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('id');
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const open = (next: number | null) => {
    const p = new URLSearchParams(params);
    if (next) p.set('id', String(next));
    else p.delete('id');
    setParams(p, { replace: opts.replace ?? false });
  };
  return [id, open];
}
