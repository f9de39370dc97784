import type { PlainDate } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import { formatDate, formatMoney, type Locale } from '../templates/index.ts';
import { LOCALE_PROFILES } from '../templates/locales.ts';
import { multiLine, singleLine } from '../templates/sanitize-text.ts';

// Values as the customer's language writes them. Amounts and dates reuse the message templates' formatting,
// so an invoice and its reminder e-mail never disagree on how 1.234,50 lei looks.

export interface Formatter {
  readonly locale: Locale;
  money(amount: number, currency: string): string;
  date(day: PlainDate): string;
  /** A decimal quantity such as "1.5000", printed with at most four decimals and no trailing zeros. */
  quantity(decimal: string): string;
  /** Basis points as a percentage: 1900 → "19%" (en), "19 %" (ro). */
  rate(basisPoints: number): string;
  integer(value: number): string;
}

export function formatter(locale: Locale): Formatter {
  const numberLocale = LOCALE_PROFILES[locale].numberLocale;
  const quantity = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 4 });
  const percent = new Intl.NumberFormat(numberLocale, { style: 'percent', maximumFractionDigits: 2 });
  const integer = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 0 });
  return {
    locale,
    money: (amount, currency) => formatMoney(money(amount, currency), locale),
    date: (day) => formatDate(day, locale),
    // Intl takes the decimal string as is, so no float ever rounds a quantity.
    quantity: (decimal) => quantity.format(decimal as `${number}`),
    rate: (basisPoints) => percent.format(`${Math.trunc(basisPoints / 10_000)}.${String(basisPoints % 10_000).padStart(4, '0')}` as `${number}`),
    integer: (value) => integer.format(value),
  };
}

/** Text from users on a document: one line, no control or bidirectional-override characters. */
export const lineText = singleLine;
/** Multi-line text from users (addresses, terms, notes), cleaned the same way. */
export const blockText = multiLine;
