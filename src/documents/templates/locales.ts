// The languages Punctual writes to customers in, and how each one prints numbers, dates and SMS.
export const LOCALES = ['en', 'vi', 'id', 'ru', 'ro'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * `gsm7`: the SMS is transliterated to the GSM-7 alphabet so it fits 160 characters. Vietnamese business
 * SMS are customarily sent without diacritics ("không dấu"), and Romanian SMS without ș/ț/ă/â/î, which are
 * outside GSM-7 and would cut the message to 70 characters. `unicode`: Cyrillic has no GSM-7 form that a
 * Russian reader would accept, so Russian SMS stay in UCS-2 and are written for 70 characters.
 */
export type SmsAlphabet = 'gsm7' | 'unicode';

export interface LocaleProfile {
  /** Locale handed to Intl.NumberFormat / Intl.ListFormat / plural rules. */
  readonly numberLocale: string;
  /** Locale and options for Intl.DateTimeFormat: "5 Mar 2025" (en, id), "05/03/2025" (vi), "05.03.2025" (ru, ro). */
  readonly dateLocale: string;
  readonly dateOptions: Intl.DateTimeFormatOptions;
  readonly smsAlphabet: SmsAlphabet;
  /** The currency assumed when an SMS override is checked against worst-case values on save. */
  readonly homeCurrency: string;
}

const numericDate: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const shortMonthDate: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

export const LOCALE_PROFILES: Readonly<Record<Locale, LocaleProfile>> = {
  // International English: day-month order ("5 Mar 2025") reads unambiguously on both sides of the Atlantic.
  en: { numberLocale: 'en', dateLocale: 'en-GB', dateOptions: shortMonthDate, smsAlphabet: 'gsm7', homeCurrency: 'USD' },
  vi: { numberLocale: 'vi', dateLocale: 'vi', dateOptions: numericDate, smsAlphabet: 'gsm7', homeCurrency: 'VND' },
  id: { numberLocale: 'id', dateLocale: 'id', dateOptions: shortMonthDate, smsAlphabet: 'gsm7', homeCurrency: 'IDR' },
  ru: { numberLocale: 'ru', dateLocale: 'ru', dateOptions: numericDate, smsAlphabet: 'unicode', homeCurrency: 'RUB' },
  ro: { numberLocale: 'ro', dateLocale: 'ro', dateOptions: numericDate, smsAlphabet: 'gsm7', homeCurrency: 'RON' },
};
