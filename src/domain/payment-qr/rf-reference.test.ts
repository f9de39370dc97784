import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRfReference, formatRfReference, isValidRfReference, validateRfReference } from './rf-reference.ts';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const body = fc.string({ unit: fc.constantFrom(...DIGITS, ...LETTERS), minLength: 1, maxLength: 21 });

function built(base: string): string {
  const result = buildRfReference(base);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('building an RF creditor reference', () => {
  it('reproduces the ISO 11649 example RF18 5390 0754 7034', () => {
    // "539007547034" + "RF00" → 539007547034 271500; mod 97 = 80; 98 − 80 = 18
    expect(built('539007547034')).toBe('RF18539007547034');
    expect(built('5390 0754 7034')).toBe('RF18539007547034');
  });

  it('reproduces the published letters example RF45 G72U UR', () => {
    // G=16 7 2 U=30 U=30 R=27, then R=27 F=15 00 → 1672303027271500; mod 97 = 53; 98 − 53 = 45
    expect(built('G72UUR')).toBe('RF45G72UUR');
  });

  it('derives the base from an invoice number', () => {
    // "INV-2025-00042" → "INV202500042" → I=18 N=23 V=31 202500042 R=27 F=15 00; mod 97 = 57; 98 − 57 = 41
    expect(built('INV-2025-00042')).toBe('RF41INV202500042');
    expect(built('inv/2025/00042')).toBe('RF41INV202500042');
  });

  it('keeps leading zeros, which do not change the check digits', () => {
    expect(built('00000000539007547034')).toBe('RF1800000000539007547034');
  });

  it('refuses an empty base and a base over 21 characters instead of cutting it', () => {
    expect(buildRfReference('--- ')).toMatchObject({ ok: false, code: 'RF_BASE_EMPTY', field: 'reference' });
    expect(buildRfReference('Счёт')).toMatchObject({ ok: false, code: 'RF_BASE_EMPTY' });
    expect(buildRfReference('A'.repeat(21)).ok).toBe(true);
    expect(buildRfReference('ACME-CONSULTING-2025-000042')).toMatchObject({ ok: false, code: 'RF_BASE_TOO_LONG' });
  });
});

describe('validating an RF creditor reference', () => {
  it('accepts spaces and any case, and returns the electronic form', () => {
    expect(validateRfReference(' rf18 5390 0754 7034 ')).toEqual({ ok: true, value: 'RF18539007547034' });
    expect(isValidRfReference('RF45 G72U UR')).toBe(true);
  });

  it('refuses malformed and hostile input', () => {
    for (const text of ['', 'RF', 'RF18', 'XX18539007547034', 'RF1A539007547034', 'RF18-5390-0754', 'RF18 5390\u00000754', `RF18${'1'.repeat(22)}`, 'RF18ÄBC']) {
      expect(validateRfReference(text)).toMatchObject({ ok: false, code: 'RF_MALFORMED', field: 'reference' });
    }
  });

  it('refuses wrong check digits', () => {
    expect(validateRfReference('RF19539007547034')).toMatchObject({ ok: false, code: 'RF_CHECKSUM' });
    expect(validateRfReference('RF18539007547043')).toMatchObject({ ok: false, code: 'RF_CHECKSUM' });
  });

  it('refuses check digits 99, the twin of 02 that is never issued', () => {
    // "36" + "RF00" → 36271500 = 97 × 373932 + 96; 98 − 96 = 02. 99 = 02 + 97 leaves the same remainder.
    expect(built('36')).toBe('RF0236');
    expect(validateRfReference('RF9936')).toMatchObject({ ok: false, code: 'RF_CHECKSUM' });
  });

  it('validates every reference it builds', () => {
    fc.assert(fc.property(body, (base) => isValidRfReference(built(base))));
  });

  it('catches any single change of a digit to another digit or a letter to another letter', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 35 }), (base, at, shift) => {
        const reference = built(base);
        const index = at % reference.length;
        const ch = reference.charAt(index);
        const alphabet = DIGITS.includes(ch) ? DIGITS : LETTERS;
        const replacement = alphabet.charAt((alphabet.indexOf(ch) + shift) % alphabet.length);
        fc.pre(replacement !== ch);
        const changed = reference.slice(0, index) + replacement + reference.slice(index + 1);
        expect(isValidRfReference(changed)).toBe(false);
      }),
    );
  });

  it('catches any swap of two different neighbouring digits or two different neighbouring letters', () => {
    const sameKind = (a: string, b: string): boolean => DIGITS.includes(a) === DIGITS.includes(b);
    fc.assert(
      fc.property(body, fc.nat(), (base, at) => {
        const reference = built(base);
        const index = 4 + (at % (reference.length - 4));
        const [a, b] = [reference.charAt(index), reference.charAt(index + 1)];
        fc.pre(b !== '' && a !== b && sameKind(a, b));
        const swapped = reference.slice(0, index) + reference.charAt(index + 1) + reference.charAt(index) + reference.slice(index + 2);
        expect(isValidRfReference(swapped)).toBe(false);
      }),
    );
  });

  it('cannot catch every change mixing letters and digits, a known limit of MOD 97-10 over letters', () => {
    // U counts as the two digits 30, so changing it to a single digit shifts the rest of the number;
    // for "RF18RKUAJ" the digit 2 happens to land on the same remainder.
    expect(isValidRfReference('RF18RKUAJ')).toBe(true);
    expect(isValidRfReference('RF18RK2AJ')).toBe(true);
    // B counts as 11, so "B1" and "1B" are both the digits 111.
    const reference = built('B1');
    expect(isValidRfReference(`${reference.slice(0, 4)}1B`)).toBe(true);
  });
});

describe('printing an RF creditor reference', () => {
  it('groups by four', () => {
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatRfReference('rf45g72uur')).toBe('RF45 G72U UR');
    expect(formatRfReference('RF0236')).toBe('RF02 36');
  });
});
