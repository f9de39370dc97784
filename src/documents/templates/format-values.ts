import { currencyInfo } from '../../domain/currency.ts';
import { epochDay, type PlainDate } from '../../domain/dates.ts';
import { formatAmount, type Money } from '../../domain/money.ts';
import { LOCALE_PROFILES, type Locale } from './locales.ts';
import { isGsm7 } from './sms.ts';

// Building an Intl formatter costs far more than using one (a dunning tick renders thousands of messages),
// so each is built once per locale and currency. The keys are bounded by the locales and ISO 4217 codes.
const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = build();
    cache.set(key, hit);
  }
  return hit;
}

export interface MoneyFormatOptions {
  /**
   * For GSM-7 SMS: when the locale's currency symbol is outside GSM-7 (₫, ₹, …), print the ISO code instead
   * ("1.500.000 VND"), which every phone shows and which costs no UCS-2 fallback.
   */
  readonly gsm7Symbols?: boolean;
}

/**
 * Money in the locale's own notation with the currency's display digits (IDR shows whole rupiah). The
 * amount goes to Intl as an exact decimal string, so no float ever touches it; when display digits are
 * fewer than ISO digits (IDR), Intl rounds half away from zero, the product's rounding rule.
 */
export function formatMoney(money: Money, locale: Locale, options: MoneyFormatOptions = {}): string {
  const digits = currencyInfo(money.currency).displayDigits;
  const decimal = formatAmount(money.amount, money.currency) as `${number}`;
  const format = (currencyDisplay: 'symbol' | 'code') =>
    cached(numberFormats, `${locale}/${money.currency}/${currencyDisplay}`, () =>
      new Intl.NumberFormat(LOCALE_PROFILES[locale].numberLocale, {
        style: 'currency',
        currency: money.currency,
        currencyDisplay,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
    ).format(decimal);
  const withSymbol = format('symbol');
  if (options.gsm7Symbols && !isGsm7(withSymbol.replace(/\s/gu, ' '))) return format('code');
  return withSymbol;
}

/** Several currencies owed at once read as a list: "1 200,00 € и 300,00 $". */
export function formatMoneyList(amounts: readonly Money[], locale: Locale, options: MoneyFormatOptions = {}): string {
  const parts = amounts.map((m) => formatMoney(m, locale, options));
  return cached(listFormats, locale, () => new Intl.ListFormat(LOCALE_PROFILES[locale].numberLocale, { type: 'conjunction' })).format(parts);
}

// Messages of one tick name a few hundred distinct days, each formatted thousands of times.
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_LIMIT = 20_000;

export function formatDate(date: PlainDate, locale: Locale): string {
  const day = epochDay(date);
  const key = `${locale}${day}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const profile = LOCALE_PROFILES[locale];
    text = cached(dateFormats, locale, () => new Intl.DateTimeFormat(profile.dateLocale, { ...profile.dateOptions, timeZone: 'UTC' })).format(day * MS_PER_DAY);
    if (formattedDates.size >= FORMATTED_DATES_LIMIT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

const MS_PER_DAY = 86_400_000;
