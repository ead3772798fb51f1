import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';

/**
 * A small typed dictionary: each feature defines its messages with `defineMessages` in both
 * languages (the English object must have the same keys as the Chinese one — TypeScript
 * checks it) and reads them with `useT()`. zh-CN is the default.
 */
export type Locale = 'zh-CN' | 'en';
type Dict = Record<string, string>;
const registry: Record<Locale, Dict> = { 'zh-CN': {}, en: {} };

export function defineMessages<const Z extends Dict>(
  zh: Z,
  en: { [K in keyof Z]: string },
): (key: keyof Z & string, params?: Record<string, string | number>) => string {
  Object.assign(registry['zh-CN'], zh);
  Object.assign(registry.en, en);
  return (key) => key;
}

const STORAGE_KEY = 'houqin.locale';
export function currentLocale(): Locale {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return v === 'en' ? 'en' : 'zh-CN';
}

type Ctx = { locale: Locale; setLocale: (l: Locale) => void; t: (key: string, params?: Record<string, string | number>) => string };
const LocaleContext = createContext<Ctx>({ locale: 'zh-CN', setLocale: () => {}, t: (k) => k });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale());
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const t = useCallback(
    (key: string, params?: Record<string, string | number>) => {
      const template = registry[locale][key] ?? registry['zh-CN'][key] ?? key;
      return params ? template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : template;
    },
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
        {children}
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export const useLocale = () => useContext(LocaleContext);
export const useT = () => useContext(LocaleContext).t;
