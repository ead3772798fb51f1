import { refdataApi } from '../../contracts/core/refdata.api';
import { useApiQuery } from './typedApi';

/**
 * The active codes of one reference-data list (room uses, asset classes …), for pickers and
 * labels. Code lists change rarely, so one fetch serves a page for five minutes.
 */
export function useCodeList(list: string) {
  return useApiQuery(refdataApi.items, { params: { list }, query: { active: 'true' } }, { staleTime: 300_000 });
}
