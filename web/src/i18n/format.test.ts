import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPercent, formatTenths } from './format.ts';

// Intl writes U+00A0 / U+202F inside numbers; comparing with plain spaces keeps the expectations readable.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money in each language', () => {
  it('uses the currency’s ISO digits and the locale’s separators', () => {
    expect(formatMoney('en', 123456, 'EUR')).toBe('€1,234.56');
    expect(plain(formatMoney('ro', 123456, 'RON'))).toBe('1.234,56 RON');
    expect(plain(formatMoney('ru', 123456, 'RUB'))).toBe('1 234,56 ₽');
    expect(plain(formatMoney('vi', 1_500_000, 'VND'))).toBe('1.500.000 ₫');
  });

  it('prints IDR without decimals although ISO gives it two minor units', () => {
    expect(plain(formatMoney('id', 150_000_000, 'IDR'))).toBe('Rp 1.500.000');
  });

  it('keeps three digits for KWD and stays exact beyond float precision', () => {
    expect(plain(formatMoney('en', 1234, 'KWD'))).toBe('KWD 1.234');
    expect(formatMoney('en', Number.MAX_SAFE_INTEGER, 'EUR')).toBe('€90,071,992,547,409.91');
    expect(formatMoney('en', -5, 'EUR')).toBe('-€0.05');
  });

  it('shortens axis labels without losing the currency', () => {
    expect(formatMoney('en', 4_500_000, 'EUR', { compact: true })).toBe('€45K');
  });
});

describe('dates and figures', () => {
  it('never shifts a calendar date with the browser’s time zone', () => {
    expect(formatDate('en', '2025-01-01')).toBe('Jan 1, 2025');
    expect(formatDate('ro', '2025-12-31')).toBe('31 dec. 2025');
  });

  it('writes tenths of a day and basis points in the locale', () => {
    expect(formatTenths('en', 453)).toBe('45.3');
    expect(formatTenths('ru', 453)).toBe('45,3');
    expect(plain(formatPercent('ro', 2550))).toBe('25,5 %');
    expect(formatPercent('en', 6667)).toBe('66.7%');
  });
});
