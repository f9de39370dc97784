import IntlMessageFormat from 'intl-messageformat';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { formatDate, formatMoney, formatPercent } from '../../src/i18n/format.ts';
import { type Locale } from '../../src/i18n/locales.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { id } from './id.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';

const CATALOGUES: Record<Locale, Catalogue> = { en, vi, id, ru, ro };
const compiled = new Map<string, IntlMessageFormat>();

export interface PortalI18n {
  readonly locale: Locale;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  money(minor: number, currency: string): string;
  date(isoDate: string): string;
  percent(bp: number): string;
}

export function makeI18n(locale: Locale): PortalI18n {
  return {
    locale,
    t: (key, values) => {
      const cacheKey = `${locale} ${key}`;
      let format = compiled.get(cacheKey);
      if (!format) compiled.set(cacheKey, (format = new IntlMessageFormat(CATALOGUES[locale][key], locale)));
      return String(format.format(values));
    },
    money: (minor, currency) => formatMoney(locale, minor, currency),
    date: (isoDate) => formatDate(locale, isoDate),
    percent: (bp) => formatPercent(locale, bp),
  };
}

const Context = createContext<PortalI18n>(makeI18n('en'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => makeI18n(locale), [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): PortalI18n {
  return useContext(Context);
}
