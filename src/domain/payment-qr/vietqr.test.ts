import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnameseToAscii } from './ascii-fold.ts';
import { crc16CcittFalse } from './crc16.ts';
import { buildVietQrPayload, fitsVietQrNote, withCrc, type VietQrTransfer } from './vietqr.ts';

function payload(transfer: VietQrTransfer): string {
  const result = buildVietQrPayload(transfer);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

/** Splits a TLV string into [id, value] pairs, checking each length. */
function readTlv(text: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (let at = 0; at < text.length; ) {
    const length = Number(text.slice(at + 2, at + 4));
    fields.push([text.slice(at, at + 2), text.slice(at + 4, at + 4 + length)]);
    at += 4 + length;
    expect(at).toBeLessThanOrEqual(text.length);
  }
  return fields;
}

describe('VietQR payload', () => {
  it('reproduces the static subiz example', () => {
    expect(payload({ bankBin: '970423', accountNumber: '0099999999' })).toBe(
      '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4',
    );
  });

  it('reproduces the dynamic subiz example, stripping the diacritics of its note', () => {
    expect(payload({ bankBin: '970415', accountNumber: '0011001932418', amountVnd: 120_000, note: 'ủng hộ lũ lụt' })).toBe(
      '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
    );
  });

  it('reproduces the constructed Vietcombank example', () => {
    expect(payload({ bankBin: '970436', accountNumber: '0011001234567', amountVnd: 1_500_000, note: 'TT HD0001' })).toBe(
      '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA5303704540715000005802VN62130809TT HD00016304E90E',
    );
  });

  it('pads a CRC below 0x1000 to four digits', () => {
    // The CRC of this payload is 0x047E (checked with an independent implementation of the same CRC).
    expect(payload({ bankBin: '970436', accountNumber: '0011001234567', note: 'HD3' })).toBe(
      '00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN62070803HD36304047E',
    );
  });

  it('folds Vietnamese to ASCII, đ and Đ included', () => {
    expect(foldVietnameseToAscii('Đặng Văn Đức thanh toán hóa đơn')).toBe('Dang Van Duc thanh toan hoa don');
    expect(payload({ bankBin: '970436', accountNumber: '1', note: 'Hóa đơn HĐ-01' })).toContain('0813Hoa don HD-01');
  });

  it('names the field of each refusal', () => {
    const ok: VietQrTransfer = { bankBin: '970436', accountNumber: '0011001234567', amountVnd: 1000, note: 'x' };
    const cases: Array<[Partial<VietQrTransfer>, string, string]> = [
      [{ bankBin: '97043' }, 'BANK_BIN_MALFORMED', 'bankBin'],
      [{ bankBin: '97043a' }, 'BANK_BIN_MALFORMED', 'bankBin'],
      [{ accountNumber: '' }, 'ACCOUNT_MALFORMED', 'accountNumber'],
      [{ accountNumber: '1'.repeat(20) }, 'ACCOUNT_MALFORMED', 'accountNumber'],
      [{ accountNumber: '0011 0012' }, 'ACCOUNT_MALFORMED', 'accountNumber'],
      [{ amountVnd: 0 }, 'AMOUNT_OUT_OF_RANGE', 'amountVnd'],
      [{ amountVnd: 10.5 }, 'AMOUNT_OUT_OF_RANGE', 'amountVnd'],
      [{ amountVnd: 10_000_000_000_000 }, 'AMOUNT_OUT_OF_RANGE', 'amountVnd'],
      [{ note: 'n'.repeat(26) }, 'NOTE_TOO_LONG', 'note'],
      [{ note: '付款' }, 'NOTE_INVALID_CHARACTERS', 'note'],
      [{ note: 'HD01\u00006304FFFF' }, 'NOTE_INVALID_CHARACTERS', 'note'],
    ];
    for (const [change, code, field] of cases) {
      expect(buildVietQrPayload({ ...ok, ...change })).toMatchObject({ ok: false, code, field });
    }
    expect(buildVietQrPayload({ ...ok, note: 'n'.repeat(25) }).ok).toBe(true);
  });

  it('tells whether a text fits a note as it is', () => {
    expect(fitsVietQrNote('HĐ-2025-0001')).toBe(true);
    expect(fitsVietQrNote('INVOICE-2025-ACME-CORP-000001')).toBe(false);
    expect(fitsVietQrNote('счёт 1')).toBe(false);
  });

  it('always yields well-formed TLV with a matching CRC', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[0-9A-Za-z]{1,19}$/),
        fc.option(fc.integer({ min: 1, max: 9_999_999_999_999 }), { nil: undefined }),
        fc.string({ unit: fc.constantFrom(...'abcdđĐàáạăâêôơư 0123-'), maxLength: 25 }),
        (bankBin, accountNumber, amountVnd, note) => {
          const p = payload({ bankBin, accountNumber, amountVnd, note });
          expect(withCrc(p.slice(0, -8))).toBe(p);
          expect(Number.parseInt(p.slice(-4), 16)).toBe(crc16CcittFalse(p.slice(0, -4)));
          const fields = new Map(readTlv(p));
          expect(fields.get('01')).toBe(amountVnd === undefined ? '11' : '12');
          expect(fields.get('54')).toBe(amountVnd === undefined ? undefined : String(amountVnd));
          expect(fields.get('53')).toBe('704');
          expect(new Map(readTlv(new Map(readTlv(fields.get('38') ?? '')).get('01') ?? ''))).toEqual(
            new Map([
              ['00', bankBin],
              ['01', accountNumber],
            ]),
          );
        },
      ),
    );
  });
});
