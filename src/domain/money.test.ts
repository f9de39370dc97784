import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProportionally, applyBasisPoints, divideRoundHalfUp, formatAmount, parseAmount, splitEvenly } from './money.ts';

describe('rounding', () => {
  it('rounds half away from zero, once', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(4n, 3n)).toBe(1n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
    // 19 % VAT on 0.05 EUR = 0.0095 → 0.01
    expect(applyBasisPoints(5, 1900)).toBe(1);
    // 10 % on 12 345 VND = 1 234.5 → 1 235
    expect(applyBasisPoints(12_345, 1000)).toBe(1235);
  });
});

describe('allocation', () => {
  it('never loses or invents a minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }), (amount, weights) => {
        const shares = allocateProportionally(amount, weights);
        expect(shares.reduce((s, x) => s + x, 0)).toBe(amount);
        expect(shares).toHaveLength(weights.length);
      }),
    );
  });

  it('splits 100 into three as 34, 33, 33', () => {
    expect(splitEvenly(100, 3)).toEqual([34, 33, 33]);
    expect(allocateProportionally(1000, [1, 0, 3])).toEqual([250, 0, 750]);
  });
});

describe('parse and format', () => {
  it('parses by the currency ISO digits', () => {
    expect(parseAmount('1234.5', 'EUR')).toBe(123_450);
    expect(parseAmount('1500000', 'VND')).toBe(1_500_000);
    expect(parseAmount('10.00', 'VND')).toBe(10);
    expect(parseAmount('12.50', 'IDR')).toBe(1250);
    expect(parseAmount('-3.1', 'RON')).toBe(-310);
  });

  it('refuses what is not a plain decimal or has too many digits', () => {
    for (const bad of ['', 'abc', '1e5', '1,000.00', '10.005', '0x10', '1.2.3', ' - 1', 'NaN', '99999999999999999'])
      expect(parseAmount(bad, 'EUR')).toBeNull();
    expect(parseAmount('10.5', 'VND')).toBeNull();
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom('EUR', 'VND', 'KWD', 'IDR'), (amount, currency) => {
        expect(parseAmount(formatAmount(amount, currency), currency)).toBe(amount);
      }),
    );
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount(-123_456, 'RON')).toBe('-1234.56');
  });
});
