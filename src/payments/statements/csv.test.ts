import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsvStatement } from './csv.ts';
import { validateCsvMapping, type CsvMapping } from './csv-mapping.ts';
import type { StatementParseResult, StatementTransaction } from './statement.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function lines(result: StatementParseResult): StatementTransaction[] {
  if (!result.ok) throw new Error(`${result.code} ${result.field ?? ''}: ${result.message} ${JSON.stringify(result.rowErrors ?? [])}`);
  return result.statements.flatMap((s) => s.transactions);
}

const plain = (t: StatementTransaction) => {
  const { fingerprint: _f, bookingDate, valueDate, ...rest } = t;
  return { ...rest, bookingDate: bookingDate.toString(), ...(valueDate ? { valueDate: valueDate.toString() } : {}) };
};

// Banca Transilvania-style export: BOM, three preamble lines, quoted cells, "1.190,00", a currency column.
const romanian: CsvMapping = {
  hasHeader: true, skipLines: 3, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.',
  columns: {
    bookingDate: 'Data tranzactie', valueDate: 'Data valuta', amount: 'Suma', currency: 'Valuta', counterpartyName: 'Ordonator/Beneficiar',
    counterpartyIban: 'Cont', remittance: 'Descriere', bankReference: 'Referinta tranzactiei',
  },
};

// Vietcombank-style export: Vietnamese headers, DD/MM/YYYY, separate debit and credit columns, "5,000,000" dong.
const vietnamese: CsvMapping = {
  hasHeader: true, dateFormat: 'DD/MM/YYYY', decimalSeparator: '.', thousandsSeparator: ',', currency: 'VND',
  columns: { bookingDate: 'Ngày giao dịch', credit: 'Số tiền ghi có', debit: 'Số tiền ghi nợ', remittance: 'Mô tả', bankReference: 'Số tham chiếu' },
};

// Sberbank Business Online-style export: windows-1251, semicolons, "1 250 000,00" with (no-break) spaces, totals row.
const russian: CsvMapping = {
  encoding: 'windows-1251', skipLines: 1, hasHeader: true, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: ' ',
  currency: 'RUB', skipRowsWithoutDate: true,
  columns: {
    bookingDate: 'Дата проводки', bankReference: 'Номер документа', counterpartyName: 'Контрагент', counterpartyIban: 'Счет контрагента',
    debit: 'Дебет', credit: 'Кредит', remittance: 'Назначение платежа',
  },
};

describe('parseCsvStatement — Romanian layout', () => {
  const result = parseCsvStatement(fixture('csv-ro-bt.csv'), romanian, { accountIban: 'RO49 BTRL 0130 1202 9256 89XX' });
  const all = lines(result).map(plain);

  it('reads every row past the preamble, with amounts in bani', () => {
    // 1.190,00 → 119000; 750,00 → 75000; -12,50 → -1250; 2.500,00 → 250000; 400,00 EUR → 40000
    expect(all.map((t) => [t.amountMinor, t.currency])).toEqual([[119_000, 'RON'], [75_000, 'RON'], [-1_250, 'RON'], [250_000, 'RON'], [40_000, 'EUR']]);
    expect(result.ok && result.statements[0]).toMatchObject({ currency: 'RON', accountIban: 'RO49BTRL01301202925689XX' });
  });

  it('maps names, accounts (spaces dropped), references and dates with a time', () => {
    expect(all[0]).toEqual({
      amountMinor: 119_000, currency: 'RON', reversal: false, bookingDate: '2025-03-14', valueDate: '2025-03-14',
      remittanceText: 'Incasare OP; Plata factura INV-2025-0001', counterpartyName: 'ACME TRADING S.R.L.',
      counterpartyIban: 'RO66BACX0000001234567890', bankReference: 'BT0001',
    });
    expect(all[3]).toMatchObject({ bookingDate: '2025-03-17', counterpartyName: 'Șerban Țurcanu PFA' });
    expect(all[2]).not.toHaveProperty('counterpartyName');
  });

  it('survives a JSON round trip of its mapping (saved per bank)', () => {
    const stored: unknown = JSON.parse(JSON.stringify(romanian));
    const checked = validateCsvMapping(stored);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(lines(parseCsvStatement(fixture('csv-ro-bt.csv'), checked.mapping)).map((t) => t.amountMinor)).toEqual(all.map((t) => t.amountMinor));
  });
});

describe('parseCsvStatement — Vietnamese layout', () => {
  it('makes credits positive and debits negative, in whole dong', () => {
    const all = lines(parseCsvStatement(fixture('csv-vn-vcb.csv'), vietnamese)).map(plain);
    expect(all.map((t) => t.amountMinor)).toEqual([5_000_000, -11_000, 12_500_000]);
    expect(all[2]).toMatchObject({ bookingDate: '2025-03-15', bankReference: 'FT25074100001', remittanceText: 'CT DEN:507412345 NGUYEN VAN AN thanh toan INV-2025-0011, INV-2025-0012' });
  });

  it('finds headers whatever their Unicode composition', () => {
    const decomposed: CsvMapping = { ...vietnamese, columns: { ...vietnamese.columns, bookingDate: 'Ngày giao dịch'.normalize('NFD') } };
    expect(lines(parseCsvStatement(fixture('csv-vn-vcb.csv'), decomposed))).toHaveLength(3);
  });
});

describe('parseCsvStatement — Russian layout in windows-1251', () => {
  it('decodes Cyrillic, reads spaced and no-break-spaced thousands, skips the totals row', () => {
    const all = lines(parseCsvStatement(fixture('csv-ru-sber-1251.csv'), russian)).map(plain);
    // 15 000,00 → 1500000 kopecks; 1 250 000,00 → 125000000; debit 1 500,00 → -150000
    expect(all.map((t) => t.amountMinor)).toEqual([1_500_000, 125_000_000, -150_000]);
    expect(all[0]).toMatchObject({
      counterpartyName: 'ООО "Ромашка"', counterpartyIban: '40702810500000005678', bankReference: '1523',
      remittanceText: 'Оплата по счету INV-2025-0011 от 01.03.2025, НДС не облагается', currency: 'RUB',
    });
    expect(all[1]?.counterpartyName).toBe('АО «Вектор»');
  });

  it('refuses the file read as UTF-8 instead of importing mojibake', () => {
    expect(parseCsvStatement(fixture('csv-ru-sber-1251.csv'), { ...russian, encoding: 'utf-8' })).toMatchObject({ ok: false, code: 'STATEMENT_ENCODING_INVALID', field: 'encoding' });
  });

  it('without skipRowsWithoutDate, reports the totals row by line and column', () => {
    const result = parseCsvStatement(fixture('csv-ru-sber-1251.csv'), { ...russian, skipRowsWithoutDate: false });
    expect(result).toMatchObject({
      ok: false, code: 'STATEMENT_ROWS_INVALID',
      rowErrors: [
        { row: 6, column: 'Дата проводки', code: 'ROW_DATE_INVALID' },
        { row: 6, column: 'Кредит', code: 'ROW_AMOUNT_AMBIGUOUS' },
      ],
    });
  });
});

describe('parseCsvStatement — rows, delimiters and encodings', () => {
  const simple: CsvMapping = {
    hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR',
    columns: { bookingDate: 'date', amount: 'amount', remittance: ['text', 'more'], counterpartyName: 'payer' },
  };

  it('lists every bad cell with its line and column, and imports nothing', () => {
    const csv = ['date,amount,text,more,payer', '2025-03-01,10.00,ok,,A', '2025-02-30,10.00,bad date,,B', '2025-03-02,1O.00,bad amount,,C', '2025-03-03,,empty amount,,D', '2025-03-04,99999999999999999999,huge,,E', '2025-03-05'].join('\n');
    const result = parseCsvStatement(csv, simple);
    expect(result).toMatchObject({ ok: false, code: 'STATEMENT_ROWS_INVALID' });
    expect(!result.ok && result.rowErrors?.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'date', 'ROW_DATE_INVALID'],
      [4, 'amount', 'ROW_AMOUNT_INVALID'],
      [5, 'amount', 'ROW_AMOUNT_MISSING'],
      [6, 'amount', 'ROW_AMOUNT_INVALID'],
      [7, 'amount', 'ROW_CELL_MISSING'],
    ]);
  });

  it('caps the listed errors at 100 but counts them all', () => {
    const csv = ['date,amount,text,more,payer', ...Array.from({ length: 150 }, () => 'yesterday,1.00,x,,P')].join('\n');
    const result = parseCsvStatement(csv, simple);
    expect(!result.ok && [result.rowErrors?.length, result.message]).toEqual([100, '150 cell(s) could not be read; nothing was imported']);
  });

  it('joins several remittance columns and guesses a tab delimiter', () => {
    const tsv = ['date\tamount\ttext\tmore\tpayer', '2025-03-01\t10.00\tINV-1\tand INV-2\tACME'].join('\n');
    expect(lines(parseCsvStatement(tsv, simple))[0]).toMatchObject({ remittanceText: 'INV-1 and INV-2', amountMinor: 1_000, counterpartyName: 'ACME' });
  });

  it('honours a given delimiter over the guess', () => {
    const csv = ['date|amount|text|more|payer', '2025-03-01|10.00|a,b,c,d,e,f|x|P'].join('\n');
    expect(lines(parseCsvStatement(csv, { ...simple, delimiter: '|' }))[0]?.remittanceText).toBe('a,b,c,d,e,f x');
  });

  it('reads columns by position in a file without a header', () => {
    const mapping: CsvMapping = { hasHeader: false, dateFormat: 'MM/DD/YYYY', decimalSeparator: '.', thousandsSeparator: ',', currency: 'USD', columns: { bookingDate: 0, amount: 2, remittance: 1 } };
    expect(lines(parseCsvStatement('03/14/2025,Invoice 7,"1,250.00"\n', mapping)).map(plain)).toEqual([
      { bookingDate: '2025-03-14', amountMinor: 125_000, currency: 'USD', reversal: false, remittanceText: 'Invoice 7' },
    ]);
  });

  it("reads Excel's UTF-16 \"Unicode text\" export (BOM, tabs)", () => {
    const text = ['date\tamount\ttext\tmore\tpayer', '2025-03-01\t10.00\tPlată\t\tȘtefan'].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(lines(parseCsvStatement(bytes, simple))[0]).toMatchObject({ remittanceText: 'Plată', counterpartyName: 'Ștefan' });
  });

  it('refuses a header without a mapped column, naming the mapping key', () => {
    expect(parseCsvStatement('date,sum\n2025-03-01,1\n', simple)).toMatchObject({ ok: false, code: 'STATEMENT_MALFORMED', field: 'columns.amount' });
  });

  it('refuses an unterminated quote', () => {
    expect(parseCsvStatement('date,amount,text,more,payer\n2025-03-01,1.00,"open,,\n', simple)).toMatchObject({ ok: false, code: 'STATEMENT_MALFORMED' });
  });

  it('refuses a row with both a credit and a debit, and one with neither', () => {
    const mapping: CsvMapping = { hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'd', credit: 'in', debit: 'out' } };
    const result = parseCsvStatement('d,in,out\n2025-03-01,5.00,6.00\n2025-03-02,,\n2025-03-03,0.00,7.00\n', mapping);
    expect(!result.ok && result.rowErrors?.map((e) => [e.row, e.code])).toEqual([[2, 'ROW_AMOUNT_AMBIGUOUS'], [3, 'ROW_AMOUNT_MISSING']]);
  });

  it('refuses an unknown currency in the currency column', () => {
    const mapping: CsvMapping = { hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', columns: { bookingDate: 'd', amount: 'a', currency: 'c' } };
    const result = parseCsvStatement('d,a,c\n2025-03-01,5.00,XYZ\n2025-03-01,5.00,RUR\n', mapping);
    expect(!result.ok && result.rowErrors).toEqual([{ row: 2, column: 'c', code: 'ROW_CURRENCY_INVALID', message: '"XYZ" is not a supported currency' }]);
  });

  it('gives identical rows distinct fingerprints, stable across imports and per account', () => {
    const csv = 'date,amount,text,more,payer\n2025-03-01,10.00,rent,,A\n2025-03-01,10.00,rent,,A\n';
    const first = lines(parseCsvStatement(csv, simple)).map((t) => t.fingerprint);
    expect(new Set(first).size).toBe(2);
    expect(lines(parseCsvStatement(Buffer.from(csv), simple)).map((t) => t.fingerprint)).toEqual(first);
    expect(lines(parseCsvStatement(csv, simple, { accountIban: 'DE89370400440532013000' })).map((t) => t.fingerprint)).not.toEqual(first);
  });
});

describe('validateCsvMapping', () => {
  const base = { hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'd', amount: 'a' } };

  it.each([
    ['not an object', 'x', 'mapping'],
    ['no booking date column', { ...base, columns: { amount: 'a' } }, 'columns.bookingDate'],
    ['both amount and credit columns', { ...base, columns: { bookingDate: 'd', amount: 'a', credit: 'c' } }, 'columns.amount'],
    ['no amount at all', { ...base, columns: { bookingDate: 'd' } }, 'columns.amount'],
    ['no currency', { ...base, currency: undefined }, 'currency'],
    ['an unknown fixed currency', { ...base, currency: 'XYZ' }, 'currency'],
    ['an unknown column role', { ...base, columns: { ...base.columns, iban: 'x' } }, 'columns.iban'],
    ['a header name without a header row', { ...base, hasHeader: false }, 'columns.bookingDate'],
    ['a negative position', { ...base, columns: { bookingDate: -1, amount: 'a' } }, 'columns.bookingDate'],
    ['an empty remittance list', { ...base, columns: { ...base.columns, remittance: [] } }, 'columns.remittance'],
    ['an unknown date format', { ...base, dateFormat: 'D/M/YY' }, 'dateFormat'],
    ['equal separators', { ...base, decimalSeparator: ',', thousandsSeparator: ',' }, 'thousandsSeparator'],
    ['an unknown encoding', { ...base, encoding: 'koi8-r' }, 'encoding'],
    ['an unknown delimiter', { ...base, delimiter: ':' }, 'delimiter'],
    ['a fractional skipLines', { ...base, skipLines: 1.5 }, 'skipLines'],
  ])('refuses %s', (_label, mapping, field) => {
    expect(validateCsvMapping(mapping)).toMatchObject({ ok: false, code: 'STATEMENT_MAPPING_INVALID', field });
  });

  it('accepts a complete mapping', () => {
    expect(validateCsvMapping(russian).ok).toBe(true);
    expect(parseCsvStatement('', { ...base, columns: { amount: 'a' } } as unknown as CsvMapping)).toMatchObject({ ok: false, code: 'STATEMENT_MAPPING_INVALID' });
  });
});
