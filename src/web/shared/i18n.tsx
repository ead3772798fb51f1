import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';

/**
 * Messages in both languages, defined per feature with a namespace and read through a typed `t`:
 *
 *   const m = defineMessages('supplies', {
 *     title: { zh: '办公用品', en: 'Office supplies' },
 *     lowAlert: { zh: '{n} 种物品低于最低库存', en: '{n} items below the minimum' },
 *   });
 *   const t = m.useT();          // in a component; `m.t` outside one (current language)
 *   t('title'); t('lowAlert', { n: 3 });
 *
 * An unknown key, a missing `{param}` or a language left out is a type error. The keys are
 * stored as `namespace.key`, so two features cannot collide. zh-CN is the default.
 */
export type Locale = 'zh-CN' | 'en';
type Dict = Record<string, string>;
const registry: Record<Locale, Dict> = { 'zh-CN': {}, en: {} };

type Message = { zh: string; en: string };
/** The `{name}` placeholders of a message. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;
type ParamArgs<S extends string> = [ParamNames<S>] extends [never] ? [] : [params: Record<ParamNames<S>, string | number>];
export type TypedT<M extends Record<string, Message>> = <K extends keyof M & string>(key: K, ...params: ParamArgs<M[K]['zh']>) => string;
export type Messages<M extends Record<string, Message>> = {
  namespace: string;
  /** The typed `t` in the language the user picked (a hook: it re-renders on a language switch). */
  useT: () => TypedT<M>;
  /** The typed `t` in the current language, for code outside components (menus, notifications). */
  t: TypedT<M>;
};

const fill = (template: string, params?: Record<string, string | number>) =>
  params ? template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : template;
const lookup = (locale: Locale, key: string) => registry[locale][key] ?? registry['zh-CN'][key] ?? key;

export function defineMessages<const M extends Record<string, Message>>(namespace: string, messages: M): Messages<M>;
/** @deprecated The old shape (two dictionaries, prefixed keys, untyped `useT()`); use `defineMessages(namespace, { key: { zh, en } })`. */
export function defineMessages<const Z extends Dict>(zh: Z, en: { [K in keyof Z]: string }): (key: keyof Z & string) => string;
export function defineMessages(a: string | Dict, b: Record<string, Message> | Dict): unknown {
  if (typeof a !== 'string') {
    Object.assign(registry['zh-CN'], a);
    Object.assign(registry.en, b);
    return (key: string) => key;
  }
  for (const [k, m] of Object.entries(b as Record<string, Message>)) {
    registry['zh-CN'][`${a}.${k}`] = m.zh;
    registry.en[`${a}.${k}`] = m.en;
  }
  const typed = (translate: (key: string, params?: Record<string, string | number>) => string) =>
    ((key: string, params?: Record<string, string | number>) => translate(`${a}.${key}`, params)) as TypedT<Record<string, Message>>;
  return {
    namespace: a,
    // The same function until the language changes, so memos and effects that depend on `t`
    // (chart options) do not recompute on every render.
    useT: () => {
      const ctxT = useContext(LocaleContext).t;
      return useMemo(() => typed(ctxT), [ctxT]);
    },
    t: typed((key, params) => fill(lookup(currentLocale(), key), params)),
  };
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
      return fill(lookup(locale, key), params);
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
