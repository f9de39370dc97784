import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGostPayload, GOST_MANDATORY_BLOCK_MAX_BYTES, russianDate, type GostPaymentOrder } from './gost-st00012.ts';
import { date } from '../dates.ts';

const example: GostPaymentOrder = {
  name: 'ООО «Пример»',
  personalAcc: '40702810138250123017',
  bankName: 'ПАО СБЕРБАНК',
  bic: '044525225',
  correspAcc: '30101810400000000225',
  payeeInn: '7701234567',
  kpp: '770101001',
  sumKopecks: 375_200,
  purpose: 'Оплата по счету № 123 от 01.03.2025',
};

function payload(order: GostPaymentOrder): string {
  const result = buildGostPayload(order);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

const utf8 = (text: string): number => new TextEncoder().encode(text).length;

describe('GOST R 56042-2014 ST00012 payload', () => {
  it('reproduces the reference example exactly', () => {
    expect(payload(example)).toBe(
      'ST00012|Name=ООО «Пример»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001|Sum=375200|Purpose=Оплата по счету № 123 от 01.03.2025',
    );
  });

  it('writes only the mandatory block when nothing else is given', () => {
    const { name, personalAcc, bankName, bic, correspAcc } = example;
    expect(payload({ name, personalAcc, bankName, bic, correspAcc })).toBe(
      'ST00012|Name=ООО «Пример»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225',
    );
  });

  it('adds the document number and its date as dd.MM.yyyy', () => {
    expect(payload({ ...example, docNo: 'СЧ-42', docDate: date('2025-03-01') })).toMatch(/\|DocNo=СЧ-42\|DocDate=01\.03\.2025$/);
    expect(russianDate(date('0999-12-31'))).toBe('31.12.0999');
  });

  it('switches separator when a value holds a |', () => {
    expect(payload({ ...example, purpose: 'Оплата | счет 1' })).toBe(
      'ST00012#Name=ООО «Пример»#PersonalAcc=40702810138250123017#BankName=ПАО СБЕРБАНК#BIC=044525225#CorrespAcc=30101810400000000225#PayeeINN=7701234567#KPP=770101001#Sum=375200#Purpose=Оплата | счет 1',
    );
    expect(payload({ ...example, name: 'ООО "#1|"', purpose: undefined }).slice(7, 8)).toBe(';');
  });

  it('refuses values that hold every separator', () => {
    const everything = '|#;:^~_!$%&*+/\\@';
    expect(buildGostPayload({ ...example, purpose: everything })).toMatchObject({ ok: false, code: 'SEPARATOR_UNAVAILABLE', field: 'payload' });
  });

  it('keeps the header and mandatory details within 300 bytes', () => {
    // Fixed: "ST00012|Name=" (13) + "|PersonalAcc=" + 20 (33) + "|BankName=ПАО СБЕРБАНК" (10 + 23) + "|BIC=044525225" (14)
    // + "|CorrespAcc=" + 20 (32) = 125 bytes; a name of 175 bytes brings it to 300. 'Ж' takes 2 bytes.
    const fixed = { ...example, name: 'Ж'.repeat(80) + 'A'.repeat(15) };
    const mandatory = payload(fixed).split('|PayeeINN=')[0] ?? '';
    expect(utf8(mandatory)).toBe(GOST_MANDATORY_BLOCK_MAX_BYTES);
    expect(buildGostPayload({ ...example, name: 'Ж'.repeat(80) + 'A'.repeat(16) })).toMatchObject({
      ok: false,
      code: 'MANDATORY_BLOCK_TOO_LONG',
      field: 'name',
    });
  });

  it('names the field of each refusal', () => {
    const cases: Array<[Partial<GostPaymentOrder>, string, string]> = [
      [{ name: ' ' }, 'NAME_REQUIRED', 'name'],
      [{ name: 'A'.repeat(161) }, 'NAME_TOO_LONG', 'name'],
      [{ name: 'ООО\nPersonalAcc=1' }, 'NAME_INVALID_CHARACTERS', 'name'],
      [{ personalAcc: '4070281013825012301' }, 'ACCOUNT_MALFORMED', 'personalAcc'],
      [{ personalAcc: '4070281013825012301X' }, 'ACCOUNT_MALFORMED', 'personalAcc'],
      [{ bankName: '' }, 'BANK_NAME_REQUIRED', 'bankName'],
      [{ bankName: 'Б'.repeat(46) }, 'BANK_NAME_TOO_LONG', 'bankName'],
      [{ bic: '04452522' }, 'BIC_MALFORMED', 'bic'],
      [{ correspAcc: '301018104000000002250' }, 'CORRESPONDENT_ACCOUNT_MALFORMED', 'correspAcc'],
      [{ payeeInn: '77012345678' }, 'INN_MALFORMED', 'payeeInn'],
      [{ kpp: '77010100' }, 'KPP_MALFORMED', 'kpp'],
      [{ sumKopecks: 0 }, 'AMOUNT_OUT_OF_RANGE', 'sumKopecks'],
      [{ sumKopecks: 1.5 }, 'AMOUNT_OUT_OF_RANGE', 'sumKopecks'],
      [{ purpose: 'П'.repeat(161) }, 'PURPOSE_TOO_LONG', 'purpose'],
      [{ purpose: 'a\u0085b' }, 'PURPOSE_INVALID_CHARACTERS', 'purpose'],
      [{ docNo: '1234567890123456' }, 'DOC_NO_TOO_LONG', 'docNo'],
    ];
    for (const [change, code, field] of cases) {
      expect(buildGostPayload({ ...example, ...change })).toMatchObject({ ok: false, code, field });
    }
    expect(payload({ ...example, payeeInn: '770123456789', kpp: '7701AB001' })).toContain('|PayeeINN=770123456789|KPP=7701AB001|');
  });

  it('gives back every value unchanged when the payload is split on its own separator', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ maxLength: 160 }), (name, purpose) => {
        const result = buildGostPayload({ ...example, name, purpose });
        if (!result.ok) return;
        const [header, ...pairs] = result.value.split(result.value.charAt(7));
        expect(header).toBe('ST00012');
        const fields = new Map(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
        expect(fields.get('Name')).toBe(name.trim());
        expect(fields.get('Purpose')).toBe(purpose.trim() === '' ? undefined : purpose.trim());
        expect(fields.get('Sum')).toBe('375200');
      }),
    );
  });
});
