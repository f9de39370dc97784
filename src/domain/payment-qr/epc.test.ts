import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEpcPayload, EPC_MAX_BYTES, type EpcTransfer } from './epc.ts';

const base: EpcTransfer = { beneficiaryName: 'Example SRL', iban: 'RO49AAAA1B31007593840000', amountMinor: 12_345, text: 'Factura 2025-0001' };

function payload(transfer: EpcTransfer): string {
  const result = buildEpcPayload(transfer);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('EPC QR payload', () => {
  it('reproduces the reference example exactly', () => {
    expect(payload(base)).toBe('BCD\n002\n1\nSCT\n\nExample SRL\nRO49AAAA1B31007593840000\nEUR123.45\n\n\nFactura 2025-0001');
  });

  it('puts an RF reference on line 10 and leaves out the empty text line', () => {
    const transfer = { beneficiaryName: 'Muster GmbH', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx', amountMinor: 100, reference: 'rf18 5390 0754 7034' };
    expect(payload(transfer)).toBe('BCD\n002\n1\nSCT\nCOBADEFFXXX\nMuster GmbH\nDE89370400440532013000\nEUR1.00\n\nRF18539007547034');
  });

  it('writes the amount from cents with a point and two decimals', () => {
    // 1 cent → EUR0.01; 99 999 999 999 cents → EUR999999999.99
    expect(payload({ ...base, amountMinor: 1 }).split('\n')[7]).toBe('EUR0.01');
    expect(payload({ ...base, amountMinor: 99_999_999_999 }).split('\n')[7]).toBe('EUR999999999.99');
  });

  it('keeps UTF-8 names (character set 1)', () => {
    expect(payload({ ...base, beneficiaryName: 'Café Łódź' }).split('\n')[5]).toBe('Café Łódź');
  });

  it('names the field of each refusal', () => {
    const cases: Array<[Partial<EpcTransfer>, string, string]> = [
      [{ beneficiaryName: '  ' }, 'NAME_REQUIRED', 'beneficiaryName'],
      [{ beneficiaryName: 'x'.repeat(71) }, 'NAME_TOO_LONG', 'beneficiaryName'],
      [{ beneficiaryName: 'Evil\nEUR999' }, 'NAME_INVALID_CHARACTERS', 'beneficiaryName'],
      [{ iban: 'RO48AAAA1B31007593840000' }, 'IBAN_CHECKSUM', 'iban'],
      [{ bic: 'COBADEF' }, 'BIC_MALFORMED', 'bic'],
      [{ bic: '1OBADEFFXXX' }, 'BIC_MALFORMED', 'bic'],
      [{ amountMinor: 0 }, 'AMOUNT_OUT_OF_RANGE', 'amountMinor'],
      [{ amountMinor: 100_000_000_000 }, 'AMOUNT_OUT_OF_RANGE', 'amountMinor'],
      [{ amountMinor: 12.5 }, 'AMOUNT_OUT_OF_RANGE', 'amountMinor'],
      [{ text: undefined }, 'REMITTANCE_REQUIRED', 'reference'],
      [{ reference: 'RF18539007547034' }, 'REMITTANCE_CONFLICT', 'reference'],
      [{ text: undefined, reference: 'RF19539007547034' }, 'RF_CHECKSUM', 'reference'],
      [{ text: 't'.repeat(141) }, 'TEXT_TOO_LONG', 'text'],
      [{ text: 'Invoice 1\r\nRF18539007547034' }, 'TEXT_INVALID_CHARACTERS', 'text'],
    ];
    for (const [change, code, field] of cases) {
      expect(buildEpcPayload({ ...base, ...change })).toMatchObject({ ok: false, code, field });
    }
  });

  it('accepts exactly 331 bytes and refuses 332', () => {
    // BCD\n002\n1\nSCT\n\n (15) + 35-character name\n (36) + IBAN\n (25) + EUR123.45\n (10) + two empty lines (2)
    // = 88 bytes; the text adds 103 × 'é' (2 bytes each) + 37 × 'a' = 243 bytes in 140 characters → 331.
    const text = 'é'.repeat(103) + 'a'.repeat(37);
    expect(new TextEncoder().encode(payload({ ...base, beneficiaryName: 'n'.repeat(35), text })).length).toBe(331);
    // One 'é' in the name adds one byte.
    expect(buildEpcPayload({ ...base, beneficiaryName: `é${'n'.repeat(34)}`, text })).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LONG',
      field: 'payload',
    });
  });

  it('never exceeds 331 bytes nor emits a trailing empty line', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 70 }),
        fc.string({ maxLength: 140 }),
        fc.integer({ min: 1, max: 99_999_999_999 }),
        (name, text, amountMinor) => {
          const result = buildEpcPayload({ ...base, beneficiaryName: name, text, amountMinor });
          if (!result.ok) return;
          expect(new TextEncoder().encode(result.value).length).toBeLessThanOrEqual(EPC_MAX_BYTES);
          expect(result.value.endsWith('\n')).toBe(false);
          expect(result.value.split('\n')).toHaveLength(11);
        },
      ),
    );
  });
});
