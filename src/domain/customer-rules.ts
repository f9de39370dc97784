import { isCurrencyCode } from './currency.ts';
import { parseTermsCode } from './payment-terms.ts';
import { failure, type Failure } from './result.ts';

export const LOCALES = ['en', 'vi', 'id', 'ru', 'ro'] as const;
export type Locale = (typeof LOCALES)[number];
export const CUSTOMER_STATUSES = ['active', 'on_hold', 'in_collections'] as const;
export const CONTACT_ROLES = ['billing', 'accounts_payable', 'primary', 'finance', 'other'] as const;
export const CHANNELS = ['email', 'sms', 'phone', 'letter'] as const;

// A pragmatic address check: one @, no spaces, a dot in the domain. Deliverability is proven by sending.
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

// Intl.supportedValuesOf lists only canonical names (on Node 20 "Asia/Saigon", not "Asia/Ho_Chi_Minh"),
// so ask the time-zone database itself whether it knows the name.
export function isTimeZone(tz: string): boolean {
  if (tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** E.164 only (+84901234567): SMS providers need it and it is unambiguous across countries. */
export function isPhone(text: string): boolean {
  return PHONE.test(text);
}

export interface CustomerFields {
  readonly currency?: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly paymentTerms?: string;
  readonly creditLimit?: number | null;
}

/** The checks shared by the API, the CSV import and the seed; the first broken rule names its field. */
export function checkCustomerFields(f: CustomerFields, prefix = ''): Failure | null {
  if (f.currency !== undefined && !isCurrencyCode(f.currency)) return failure('INVALID_CURRENCY', `Unknown currency code ${f.currency}`, `${prefix}currency`);
  if (f.locale !== undefined && !(LOCALES as readonly string[]).includes(f.locale))
    return failure('INVALID_LOCALE', `Locale must be one of ${LOCALES.join(', ')}`, `${prefix}locale`);
  if (f.timeZone !== undefined && !isTimeZone(f.timeZone)) return failure('INVALID_TIME_ZONE', `Unknown time zone ${f.timeZone}`, `${prefix}timeZone`);
  if (f.paymentTerms !== undefined && !parseTermsCode(f.paymentTerms))
    return failure('INVALID_PAYMENT_TERMS', 'Payment terms must be net_N, eom_N, due_on_receipt or fixed_YYYY-MM-DD', `${prefix}paymentTerms`);
  if (f.creditLimit != null && (!Number.isSafeInteger(f.creditLimit) || f.creditLimit < 0))
    return failure('INVALID_AMOUNT', 'Credit limit must be a non-negative amount in minor units', `${prefix}creditLimit`);
  return null;
}

export interface ContactFields {
  readonly email?: string | null;
  readonly phone?: string | null;
}

export function checkContactFields(c: ContactFields, prefix: string): Failure | null {
  if (c.email && !isEmail(c.email)) return failure('INVALID_EMAIL', `Not an email address: ${c.email}`, `${prefix}email`);
  if (c.phone && !isPhone(c.phone)) return failure('INVALID_PHONE', 'Phone numbers are in international form, e.g. +84901234567', `${prefix}phone`);
  return null;
}
