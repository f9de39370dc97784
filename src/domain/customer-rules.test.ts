import { describe, expect, it } from 'vitest';
import { checkContactFields, checkCustomerFields, isEmail, isPhone, isTimeZone } from './customer-rules.ts';

describe('customer rules', () => {
  it('accepts the zones our customers live in, including non-canonical aliases', () => {
    for (const tz of ['Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Asia/Jakarta', 'Europe/Moscow', 'Europe/Bucharest', 'UTC']) expect(isTimeZone(tz)).toBe(true);
    for (const tz of ['Mars/Olympus', '', 'Europe/../etc/passwd', 'x'.repeat(500)]) expect(isTimeZone(tz)).toBe(false);
  });

  it('checks emails and E.164 phones', () => {
    expect(isEmail('lan@saomai.vn')).toBe(true);
    for (const bad of ['lan', 'lan@', '@x.vn', 'a b@x.vn', 'x@y', '<script>@x.com']) expect(isEmail(bad)).toBe(false);
    expect(isPhone('+84901234567')).toBe(true);
    for (const bad of ['0901234567', '+0123', '+84 90 123', '+8490123456789012']) expect(isPhone(bad)).toBe(false);
  });

  it('names the first bad field', () => {
    expect(checkCustomerFields({ currency: 'XXX' })).toMatchObject({ code: 'INVALID_CURRENCY', field: 'currency' });
    expect(checkCustomerFields({ locale: 'fr' })).toMatchObject({ code: 'INVALID_LOCALE', field: 'locale' });
    expect(checkCustomerFields({ paymentTerms: 'net_999' })).toMatchObject({ code: 'INVALID_PAYMENT_TERMS' });
    expect(checkCustomerFields({ creditLimit: -1 }, 'rows[3].')).toMatchObject({ field: 'rows[3].creditLimit' });
    expect(checkContactFields({ email: 'nope' }, 'contacts[0].')).toMatchObject({ code: 'INVALID_EMAIL', field: 'contacts[0].email' });
    expect(checkCustomerFields({ currency: 'VND', locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', paymentTerms: 'eom_10', creditLimit: 0 })).toBeNull();
  });
});
