import { currencyInfo, isCurrencyCode } from '../../../src/domain/currency.ts';
import { formatAmount } from '../../../src/domain/money.ts';

// Numbers as people in each language read them, through Intl: the currency's ISO 4217 digits come from the
// domain's table (ICU disagrees for some, e.g. IDR), and amounts reach Intl as exact decimal strings, never
// as binary floats.

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${locale} ${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${locale} ${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return f;
}

type Decimal = Parameters<Intl.NumberFormat['format']>[0];

/** 123456 EUR in "ro" → "1.234,56 €". Unknown currencies fall back to the code and two digits. */
export function formatMoney(locale: string, minor: number, currency: string, options: { compact?: boolean } = {}): string {
  if (!isCurrencyCode(currency)) return `${(minor / 100).toFixed(2)} ${currency}`;
  const { displayDigits } = currencyInfo(currency);
  const decimal = formatAmount(minor, currency) as Decimal;
  // Compact axis labels are rounded to one digit anyway, so a float is exact enough there.
  if (options.compact)
    return numberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(Number(decimal));
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: displayDigits, maximumFractionDigits: displayDigits }).format(decimal);
}

/** Minor units as the plain number a person types in a form: 12345 EUR → "123.45". */
export function amountInput(minor: number, currency: string): string {
  return formatAmount(minor, currency);
}

/** A calendar date "2025-06-15" in the locale's medium style; never shifted by the browser's time zone. */
export function formatDate(locale: string, isoDate: string, style: 'medium' | 'short' = 'medium'): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(locale, { dateStyle: style }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Jun 2025" for a month-end on chart axes. */
export function formatMonth(locale: string, isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return dateFormat(locale, { month: 'short', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** "15 Jun" for a week start. */
export function formatDayMonth(locale: string, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant (ISO 8601 with time) in the viewer's own time zone. */
export function formatInstant(locale: string, iso: string): string {
  const key = `i ${locale}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(new Date(iso));
}

/** Tenths of a day (453) → "45.3" in the locale. */
export function formatTenths(locale: string, tenths: number): string {
  return numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(`${tenths / 10}` as Decimal);
}

/** Basis points (2550) → "25.5 %" in the locale. */
export function formatPercent(locale: string, bp: number): string {
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(`${bp / 10_000}` as Decimal);
}

export function formatNumber(locale: string, n: number): string {
  return numberFormat(locale, {}).format(n);
}
