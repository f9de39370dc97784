import IntlMessageFormat from 'intl-messageformat';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { formatDate, formatInstant, formatMoney, formatNumber, formatPercent, formatTenths } from './format.ts';
import { id } from './id.ts';
import { isLocale, type Locale, preferredLocale } from './locales.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';

const CATALOGUES: Record<Locale, Catalogue> = { en, vi, id, ru, ro };
const STORAGE_KEY = 'punctual.locale';

export type Values = Record<string, string | number>;

export interface I18n {
  readonly locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Values): string;
  money(minor: number, currency: string, options?: { compact?: boolean }): string;
  date(isoDate: string, style?: 'medium' | 'short'): string;
  instant(iso: string): string;
  tenths(tenths: number): string;
  percent(bp: number): string;
  number(n: number): string;
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * The message in `locale`, compiled once. A key built at run time from a server code that no catalogue has
 * (a new reason code, say) comes back as itself, so callers can tell it is unknown.
 */
export function translate(locale: Locale, key: MessageKey, values?: Values): string {
  const cacheKey = `${locale} ${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    const message = CATALOGUES[locale][key] ?? en[key];
    if (message === undefined) return key;
    compiled.set(cacheKey, (format = new IntlMessageFormat(message, locale)));
  }
  return String(format.format(values));
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void = () => {}): I18n {
  return {
    locale,
    setLocale,
    t: (key, values) => translate(locale, key, values),
    money: (minor, currency, options) => formatMoney(locale, minor, currency, options),
    date: (iso, style) => formatDate(locale, iso, style),
    instant: (iso) => formatInstant(locale, iso),
    tenths: (tenths) => formatTenths(locale, tenths),
    percent: (bp) => formatPercent(locale, bp),
    number: (n) => formatNumber(locale, n),
  };
}

const Context = createContext<I18n>(makeI18n('en'));

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : preferredLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setState] = useState<Locale>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  return useContext(Context);
}
