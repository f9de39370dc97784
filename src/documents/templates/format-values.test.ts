import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import { formatDate, formatMoney, formatMoneyList } from './format-values.ts';

// Intl separates groups and symbols with no-break spaces; comparing with plain spaces keeps expectations readable.
const plain = (text: string) => text.replace(/\s/gu, ' ');

describe('formatMoney', () => {
  it('prints each locale in its own notation with the currency digits', () => {
    expect(formatMoney(money(123456, 'USD'), 'en')).toBe('$1,234.56');
    expect(plain(formatMoney(money(123456, 'RUB'), 'ru'))).toBe('1 234,56 ₽');
    expect(plain(formatMoney(money(123456, 'RON'), 'ro'))).toBe('1.234,56 RON');
    expect(plain(formatMoney(money(1500000, 'VND'), 'vi'))).toBe('1.500.000 ₫');
    expect(plain(formatMoney(money(123456, 'EUR'), 'ro'))).toBe('1.234,56 EUR');
  });

  it('uses no-break spaces so an amount never wraps across lines', () => {
    expect(formatMoney(money(123456, 'RUB'), 'ru')).toBe('1\u00a0234,56\u00a0₽');
  });

  it('shows IDR in whole rupiah although ISO 4217 gives it two digits, rounding half up', () => {
    // 12 345 650 minor units = 123 456.50 IDR → shown as 123.457 (half rounds up).
    expect(plain(formatMoney(money(12345650, 'IDR'), 'id'))).toBe('Rp 123.457');
    // 12 345 649 minor units = 123 456.49 IDR → 123.456.
    expect(plain(formatMoney(money(12345649, 'IDR'), 'id'))).toBe('Rp 123.456');
  });

  it('keeps three-digit currencies exact', () => {
    expect(plain(formatMoney(money(1234567, 'KWD'), 'en'))).toBe('KWD 1,234.567');
  });

  it('is exact for the largest safe amount, where a float would already be off by cents', () => {
    // Around 9·10^13 doubles are 1/64 apart, so amount / 100 cannot hold every cent; the amount reaches
    // Intl as the exact decimal string "90071992547409.91" instead.
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 'en')).toBe('$90,071,992,547,409.91');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const printed = formatMoney(money(cents, 'USD'), 'en').replace(/[$,]/gu, '');
        return printed === `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      }),
    );
  });

  it('prints negative amounts (credits) with a sign', () => {
    expect(formatMoney(money(-2500, 'EUR'), 'en')).toBe('-€25.00');
  });

  it('spells the ISO code for SMS when the symbol is outside GSM-7', () => {
    expect(plain(formatMoney(money(1500000, 'VND'), 'vi', { gsm7Symbols: true }))).toBe('1.500.000 VND');
    expect(formatMoney(money(123456, 'EUR'), 'en', { gsm7Symbols: true })).toBe('€1,234.56');
    expect(plain(formatMoney(money(123456, 'INR'), 'en', { gsm7Symbols: true }))).toBe('INR 1,234.56');
  });
});

describe('formatMoneyList', () => {
  it('joins several currencies the way the language lists things', () => {
    expect(formatMoneyList([money(10000, 'EUR'), money(5000, 'USD')], 'en')).toBe('€100.00 and $50.00');
    expect(plain(formatMoneyList([money(10000, 'EUR'), money(5000, 'USD')], 'ru'))).toBe('100,00 € и 50,00 $');
    expect(plain(formatMoneyList([money(10000, 'EUR'), money(5000, 'RON')], 'ro'))).toBe('100,00 EUR și 50,00 RON');
  });
});

describe('formatDate', () => {
  const d = date('2025-03-05');

  it('prints the date as each country writes it', () => {
    expect(formatDate(d, 'en')).toBe('5 Mar 2025');
    expect(formatDate(d, 'id')).toBe('5 Mar 2025');
    expect(formatDate(d, 'vi')).toBe('05/03/2025');
    expect(formatDate(d, 'ru')).toBe('05.03.2025');
    expect(formatDate(d, 'ro')).toBe('05.03.2025');
  });

  it('uses the local month names', () => {
    expect(formatDate(date('2025-12-24'), 'id')).toBe('24 Des 2025');
    expect(formatDate(date('2025-08-17'), 'id')).toBe('17 Agu 2025');
  });

  it('never shifts the day, whatever the time zone of the machine', () => {
    expect(formatDate(date('2024-02-29'), 'ru')).toBe('29.02.2024');
    expect(formatDate(date('2025-01-01'), 'vi')).toBe('01/01/2025');
    expect(formatDate(date('2025-12-31'), 'ro')).toBe('31.12.2025');
  });
});
