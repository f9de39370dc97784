import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidRfReference, normalizeRfReference } from './rf-reference.ts';

// Independent generator: the whole number in BigInt, check digits = 98 − (body·"RF00" mod 97).
function withCheckDigits(body: string): string {
  const digits = [...`${body}RF00`].map((ch) => Number.parseInt(ch, 36)).join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `RF${check.toString().padStart(2, '0')}${body}`;
}

describe('isValidRfReference', () => {
  it('accepts the ISO 11649 example with and without its print spacing', () => {
    // "539007547034" + "RF18" → 539007547034 27 15 18; 539007547034271518 mod 97 = 1
    expect(isValidRfReference('RF18539007547034')).toBe(true);
    expect(isValidRfReference('rf18 5390 0754 7034')).toBe(true);
    expect(normalizeRfReference('rf18 5390 0754 7034')).toBe('RF18539007547034');
  });

  it('accepts letters in the body: RF44INV2025001', () => {
    // "INV2025001RF00" → 18 23 31 2025001 27 15 00; 98 − (that mod 97) = 44
    expect(isValidRfReference('RF44INV2025001')).toBe(true);
  });

  it('refuses wrong check digits, wrong shape and over-long bodies', () => {
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF18')).toBe(false);
    expect(isValidRfReference('XX18539007547034')).toBe(false);
    expect(isValidRfReference('RF18-5390-0754-7034')).toBe(false);
    expect(isValidRfReference(`RF00${'1'.repeat(22)}`)).toBe(false);
  });

  // Mod 97 catches any single substitution that keeps the character's width in the number: a digit for
  // another digit (change (b − a)·10^k, |b − a| < 10) or a letter for another letter (|b − a| < 26), since
  // 97 is prime and shares no factor with 10^k.
  it('agrees with an independent BigInt computation, and catches every digit-for-digit or letter-for-letter change', () => {
    const digits = '0123456789';
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const alnum = fc.constantFrom(...digits, ...letters);
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 1, maxLength: 21 }), fc.nat(), fc.nat(), (chars, at, pick) => {
        const reference = withCheckDigits(chars.join(''));
        expect(isValidRfReference(reference)).toBe(true);
        const i = 4 + (at % chars.length);
        const original = reference[i] as string;
        const pool = digits.includes(original) ? digits : letters;
        const replacement = pool[pick % pool.length] as string;
        const changed = reference.slice(0, i) + replacement + reference.slice(i + 1);
        if (replacement !== original) expect(isValidRfReference(changed)).toBe(false);
      }),
    );
  });
});
