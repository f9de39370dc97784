import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMt940 } from './mt940.ts';
import type { StatementParseResult, StatementTransaction } from './statement.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function lines(result: StatementParseResult): StatementTransaction[] {
  if (!result.ok) throw new Error(`${result.code} ${result.field ?? ''}: ${result.message}`);
  return result.statements.flatMap((s) => s.transactions);
}

const plain = (t: StatementTransaction) => {
  const { fingerprint: _f, bookingDate, valueDate, ...rest } = t;
  return { ...rest, bookingDate: bookingDate.toString(), ...(valueDate ? { valueDate: valueDate.toString() } : {}) };
};

/** A one-line statement around the given :61: and :86: content. */
function mt940(line61: string, line86: string, opening = 'C250101EUR0,', closing = 'C250102EUR100,'): string {
  return [':20:TEST', ':25:DE89370400440532013000', ':28C:1/1', `:60F:${opening}`, `:61:${line61}`, `:86:${line86}`, `:62F:${closing}`, '-'].join('\r\n');
}

describe('parseMt940 — German bank with ?20–?32 subfields and SEPA keywords', () => {
  const result = parseMt940(fixture('mt940-de.sta'));
  const all = lines(result).map(plain);

  it('reads balances, currency and the statement number; a BLZ/account is not an IBAN', () => {
    expect(result.ok && result.statements[0]).toMatchObject({ currency: 'EUR', openingBalance: 500_000, closingBalance: 726_990, statementId: '00057/001' });
    expect(result.ok && result.statements[0]).not.toHaveProperty('accountIban');
  });

  it('splits EREF+ and SVWZ+ out of the purpose lines and reads the payer from ?31/?32', () => {
    expect(all[0]).toEqual({
      amountMinor: 238_000, currency: 'EUR', reversal: false, bookingDate: '2025-03-17', valueDate: '2025-03-17',
      remittanceText: 'Rechnung INV-2025-0004 und INV-2025-0005', endToEndId: 'RE-2025-0815',
      counterpartyName: 'Mueller und Soehne GmbH', counterpartyIban: 'DE02120300000000202051', bankReference: '2025031700042',
    });
  });

  it('signs a debit, drops EREF+NOTPROVIDED and NONREF', () => {
    expect(all[1]).toEqual({
      amountMinor: -15_000, currency: 'EUR', reversal: false, bookingDate: '2025-03-17', valueDate: '2025-03-17',
      remittanceText: 'Miete Maerz 2025', counterpartyName: 'Hausverwaltung Berg',
    });
  });

  it('keeps older free-form purpose lines apart and uses the :61: customer reference', () => {
    expect(all[2]).toMatchObject({ amountMinor: 3_990, remittanceText: 'Rechnung INV-2025-0006 Kundennr 4711', endToEndId: 'KD-4711', bookingDate: '2025-03-18' });
  });
});

describe('parseMt940 — Dutch bank with /TAG/ details, two statements in one file', () => {
  const result = parseMt940(fixture('mt940-nl.sta'));

  it('reads /EREF/, /NAME/ and /REMI/USTD//, and the payer IBAN on the second :61: line', () => {
    expect(plain(lines(result)[0] as StatementTransaction)).toEqual({
      amountMinor: 11_900, currency: 'EUR', reversal: false, bookingDate: '2025-03-17', valueDate: '2025-03-17',
      remittanceText: 'Factuur INV-2025-0001', endToEndId: 'INV-2025-0001-PAY', counterpartyName: 'J. de Vries',
      counterpartyIban: 'NL66INGB0123456789', bankReference: '0000000012345',
    });
  });

  it('returns both statements with the account IBAN taken from ":25:NL91RABO0123456789 EUR"', () => {
    expect(result.ok && result.statements.map((s) => [s.accountIban, s.statementId, s.transactions.length])).toEqual([
      ['NL91RABO0123456789', '25061', 1],
      ['NL91RABO0123456789', '25062', 2],
    ]);
  });

  it('gives two identical lines different fingerprints, and the same ones on re-import', () => {
    const fingerprints = lines(result).map((t) => t.fingerprint);
    expect(new Set(fingerprints).size).toBe(3);
    expect(lines(parseMt940(fixture('mt940-nl.sta').toString('utf8'))).map((t) => t.fingerprint)).toEqual(fingerprints);
  });
});

describe('parseMt940 — details', () => {
  it('reads windows-1252 umlauts when told, and refuses them as UTF-8', () => {
    const text = mt940('250102C100,NTRFNONREF', '166?20Rechnung INV-7001?32Müller GmbH');
    const bytes = iconv.encode(text, 'windows-1252');
    expect(lines(parseMt940(bytes, { encoding: 'windows-1252' }))[0]?.counterpartyName).toBe('Müller GmbH');
    expect(parseMt940(bytes)).toMatchObject({ ok: false, code: 'STATEMENT_ENCODING_INVALID' });
  });

  it('signs reversals like SWIFT: RD (reversed debit) is money in, RC (reversed credit) money out', () => {
    const rd = lines(parseMt940(mt940('250102RD100,NTRFNONREF', 'Storno')))[0];
    expect(rd).toMatchObject({ amountMinor: 10_000, reversal: true });
    const rc = lines(parseMt940(mt940('250102RC100,NTRFNONREF', 'Storno', 'C250101EUR100,', 'C250102EUR0,')))[0];
    expect(rc).toMatchObject({ amountMinor: -10_000, reversal: true });
  });

  it('puts an entry date across New Year in the right year', () => {
    // value date 2024-12-31, entry (booking) date 01-02 → 2025-01-02, not 2024-01-02
    const t = lines(parseMt940(mt940('2412310102C100,NTRFNONREF', 'x', 'C241231EUR0,', 'C250102EUR100,')))[0];
    expect(t?.valueDate?.toString()).toBe('2024-12-31');
    expect(t?.bookingDate.toString()).toBe('2025-01-02');
  });

  it('reads the old rouble code RUR as RUB', () => {
    const result = parseMt940(mt940('250102C100,NTRFNONREF', 'Оплата', 'C250101RUR0,', 'C250102RUR100,'));
    expect(result.ok && result.statements[0]?.currency).toBe('RUB');
  });

  it('reads amounts without float rounding: 0,10 + 0,20 balances to 0,30 exactly', () => {
    const text = [':20:T', ':25:X', ':28C:1', ':60F:C250101EUR0,', ':61:250102C0,10NTRFNONREF', ':86:a', ':61:250102C0,20NTRFNONREF', ':86:b', ':62F:C250102EUR0,30', '-'].join('\n');
    expect(lines(parseMt940(text)).map((t) => t.amountMinor)).toEqual([10, 20]);
  });
});

describe('parseMt940 — refusals', () => {
  it.each([
    ['empty input', ''],
    ['plain text', 'Dear customer, your statement is attached.'],
    ['a truncated file without :62F:', [':20:T', ':25:X', ':28C:1', ':60F:C250101EUR0,', ':61:250102C100,NTRFNONREF'].join('\n')],
    ['balances that do not add up', mt940('250102C100,NTRFNONREF', 'x', 'C250101EUR0,', 'C250102EUR99,')],
    ['an unknown currency', mt940('250102C100,NTRFNONREF', 'x', 'C250101XYZ0,', 'C250102XYZ100,')],
    ['an impossible date', mt940('250230C100,NTRFNONREF', 'x')],
    ['an amount beyond a safe integer', mt940('250102C999999999999999,NTRFNONREF', 'x', 'C250101EUR0,', 'C250102EUR999999999999999,')],
  ])('refuses %s', (_label, text) => {
    expect(parseMt940(text)).toMatchObject({ ok: false, code: 'STATEMENT_MALFORMED' });
  });

  it('names the tag that failed', () => {
    expect(parseMt940(mt940('250230C100,NTRFNONREF', 'x'))).toMatchObject({ field: 'statement 1 :61: #1' });
  });

  it('refuses a binary file', () => {
    expect(parseMt940(Buffer.from([0x3a, 0x32, 0x30, 0x3a, 0x00, 0x01, 0x02]))).toMatchObject({ ok: false, code: 'STATEMENT_ENCODING_INVALID' });
  });
});
