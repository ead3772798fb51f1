import { refdataApi } from '../../../contracts/core/refdata.api';
import { useAuth } from '../../core/auth/auth';
import { cnToday } from '../../shared/dates';
import { useApiQuery } from '../../shared/typedApi';

/** What the repairs page, its drawer and its dialogs share: tag colours, rounding, dates and the area rule. */
export const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'blue',
  in_progress: 'orange',
  completed: 'cyan',
  filed: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};
export const KIND_COLOR: Record<string, string> = { major: 'red', medium: 'gold', routine: 'default' };
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const ymd = (v: { format: (f: string) => string }) => v.format('YYYY-MM-DD');

/** The share of gross area a major repair may add (the area rule; 15 % unless the rule says otherwise). */
export function useAreaShare(): number {
  const { hasPermission } = useAuth();
  const q = useApiQuery(
    refdataApi.ruleVersions,
    { params: { name: 'office_area_standard' } },
    { enabled: hasPermission('refdata.read'), staleTime: 300_000 },
  );
  const today = cnToday();
  const inForce = (q.data?.items ?? [])
    .filter((r) => r.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  // The rule's data is validated by the office module when published; read the one number defensively all the same.
  const share = (inForce?.data as { majorRepairMaxAreaIncrease?: unknown } | null | undefined)?.majorRepairMaxAreaIncrease;
  return typeof share === 'number' ? share : 0.15;
}
