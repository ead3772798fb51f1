import { refdataApi } from '../../contracts/core/refdata.api';
import { useLocale } from './i18n';
import { useApiQuery } from './typedApi';

/**
 * The active codes of one reference-data list (room uses, asset classes …), for pickers.
 * Code lists change rarely, so one fetch serves a page for five minutes.
 */
export function useCodeList(list: string) {
  return useApiQuery(refdataApi.items, { params: { list }, query: { active: 'true' } }, { staleTime: 300_000 });
}

/**
 * A code's label in the user's language, for tables and details. It reads the whole list,
 * retired codes included (an old record keeps its code), and says nothing until the list has
 * arrived, so a screen never flashes the internal code.
 */
export function useCodeLabel(list: string): (code: string | null | undefined) => string {
  const q = useApiQuery(refdataApi.items, { params: { list } }, { staleTime: 300_000 });
  const { locale } = useLocale();
  return (code) => {
    if (!code) return '';
    if (!q.data) return '';
    const c = q.data.items.find((x) => x.code === code);
    return c ? (locale === 'en' ? c.labelEn : c.labelZh) : code;
  };
}
