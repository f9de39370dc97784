import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIban, isValidIban, normalizeIban, validateIban } from './iban.ts';
import { mod97CheckDigits } from './mod97.ts';

describe('IBAN validation', () => {
  it('accepts registry examples', () => {
    // RO49AAAA1B31007593840000 → AAAA1B31007593840000 RO49 → 1010101011131007593840000 272449; mod 97 = 1
    for (const iban of [
      'RO49AAAA1B31007593840000',
      'DE89370400440532013000',
      'GB29NWBK60161331926819',
      'BE68539007547034',
      'NO9386011117947',
      'MT84MALT011000012345MTLCAST001S',
      'LC55HEMM000100010012001200023015',
      'FR1420041010050500013M02606',
    ]) {
      expect(validateIban(iban)).toEqual({ ok: true, value: iban });
    }
  });

  it('accepts spaces and lowercase and returns the electronic form', () => {
    expect(validateIban(' ro49 aaaa 1b31 0075 9384 0000 ')).toEqual({ ok: true, value: 'RO49AAAA1B31007593840000' });
    expect(normalizeIban('de89\u00a03704 0044')).toBe('DE8937040044');
  });

  it('accepts a valid IBAN of a country it does not list, at any IBAN length', () => {
    // Russia's registry example: 33 characters; its check digits pass.
    expect(isValidIban('RU0204452560040702810412345678901')).toBe(true);
  });

  it('refuses a wrong length for a listed country', () => {
    expect(validateIban('DE8937040044053201300')).toMatchObject({ ok: false, code: 'IBAN_LENGTH', field: 'iban' });
  });

  it('refuses wrong check digits and mistyped characters', () => {
    expect(validateIban('RO48AAAA1B31007593840000')).toMatchObject({ ok: false, code: 'IBAN_CHECKSUM' });
    expect(validateIban('DE89370400440532031000')).toMatchObject({ ok: false, code: 'IBAN_CHECKSUM' });
    expect(validateIban('GB29NWBK60161331926819', 'bankAccount.iban')).toMatchObject({ ok: true });
    expect(validateIban('GB29NWBK60161331926818', 'bankAccount.iban')).toMatchObject({ ok: false, field: 'bankAccount.iban' });
  });

  it('refuses malformed and hostile input', () => {
    for (const text of ['', 'RO', '4949AAAA1B31007593840000', 'ROXXAAAA1B31007593840000', 'RO49-AAAA-1B31-0075', 'RO49AAAA1B3100759384000Ä', 'RO49AAA', `DE89${'0'.repeat(31)}`]) {
      expect(validateIban(text)).toMatchObject({ ok: false, code: 'IBAN_MALFORMED' });
    }
    // Whitespace, line breaks included, is only ever spacing in a pasted IBAN.
    expect(validateIban('DE89 3704 0044\n0532 0130 00')).toEqual({ ok: true, value: 'DE89370400440532013000' });
  });

  it('validates any German IBAN built with its check digits, and no single changed digit of one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 }), fc.nat(17), fc.integer({ min: 1, max: 9 }), (bban, at, shift) => {
        const iban = `DE${mod97CheckDigits('DE', bban)}${bban}`;
        expect(isValidIban(iban)).toBe(true);
        const changed = `${bban.slice(0, at)}${(Number(bban[at]) + shift) % 10}${bban.slice(at + 1)}`;
        expect(isValidIban(`${iban.slice(0, 4)}${changed}`)).toBe(false);
      }),
    );
  });

  it('prints in groups of four', () => {
    expect(formatIban('RO49AAAA1B31007593840000')).toBe('RO49 AAAA 1B31 0075 9384 0000');
    expect(formatIban('no9386011117947')).toBe('NO93 8601 1117 947');
  });
});
