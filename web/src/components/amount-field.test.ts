import { describe, expect, it } from 'vitest';
import { parseTypedAmount } from './amount-field.tsx';

describe('amounts as people type them', () => {
  it.each([
    ['1234.5', 'EUR', 123_450],
    ['1 234,50', 'EUR', 123_450],
    ['1.234,50', 'RON', 123_450],
    ['1,234.50', 'USD', 123_450],
    ['1.234', 'EUR', 123_400],
    ['1,005', 'EUR', 100_500],
    ['1 234 567', 'EUR', 123_456_700],
    ['1.500.000', 'VND', 1_500_000],
    ['1.234', 'KWD', 1_234],
    ['0,05', 'EUR', 5],
    ['15000000', 'IDR', 1_500_000_000],
  ])('%s %s → %i minor units', (text, currency, minor) => {
    expect(parseTypedAmount(text, currency)).toBe(minor);
  });

  it.each([['abc'], [''], ['-5'], ['12.3.4,5,6'], ['1,23,456'], ['1.234,567.89'], ['1e5'], ['99999999999999999']])('refuses %s', (text) => {
    expect(parseTypedAmount(text, 'EUR')).toBeNull();
  });

  it('refuses an unknown currency and fractions a currency has not got', () => {
    expect(parseTypedAmount('10', 'XXX')).toBeNull();
    expect(parseTypedAmount('10,5', 'VND')).toBeNull();
  });
});
