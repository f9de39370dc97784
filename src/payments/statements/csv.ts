import { parse } from 'csv-parse/sync';
import type { PlainDate } from '../../domain/dates.ts';
import { statementCurrency } from './currency-code.ts';
import { validateCsvMapping, type ColumnRef, type CsvColumn, type CsvMapping } from './csv-mapping.ts';
import { detectDelimiter } from './csv-delimiter.ts';
import { parseCsvAmount, parseCsvDate } from './csv-values.ts';
import { decodeText } from './decode-text.ts';
import { fingerprintStatements, type TransactionDraft } from './fingerprint.ts';
import { cleanText, failure, type StatementParseResult, type StatementRowError } from './statement.ts';

// Enough to fix a wrong mapping; a file where every row fails would otherwise return thousands.
const MAX_ROW_ERRORS = 100;

export interface CsvOptions {
  /** The account the export belongs to; CSV exports rarely say, and it keeps fingerprints per account. */
  readonly accountIban?: string;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Parse a bank's CSV export with a saved column mapping. All or nothing: if any row cannot be read, the
 * result lists every bad row (line number, column, why) and no statement, so a half-read file is never
 * imported.
 */
export function parseCsvStatement(input: Uint8Array | string, mapping: CsvMapping, options: CsvOptions = {}): StatementParseResult {
  const checked = validateCsvMapping(mapping);
  if (!checked.ok) return checked;
  const decoded = decodeText(input, mapping.encoding ?? 'utf-8');
  if (!decoded.ok) return decoded;
  const skip = mapping.skipLines ?? 0;
  const delimiter = !mapping.delimiter || mapping.delimiter === 'auto' ? detectDelimiter(decoded.text.split(/\r?\n/).slice(skip)) : mapping.delimiter;

  let records: ParsedRecord[];
  try {
    records = parse(decoded.text, {
      delimiter, from_line: skip + 1, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return failure('STATEMENT_MALFORMED', `The CSV could not be read: ${(error as Error).message}`, line === undefined ? undefined : `line ${line}`);
  }

  // Header text compared without case, surrounding spaces or Unicode composition differences (a mapping
  // typed on one system, a file exported on another).
  const headerKey = (text: string) => text.normalize('NFC').trim().toLowerCase();
  const header = mapping.hasHeader ? records.shift()?.record.map(headerKey) ?? [] : null;
  const columnIndex = (ref: ColumnRef): number => (typeof ref === 'number' ? ref : (header?.indexOf(headerKey(ref)) ?? -1));
  for (const [role, ref] of Object.entries(mapping.columns) as [CsvColumn, ColumnRef | readonly ColumnRef[] | undefined][]) {
    for (const r of ref === undefined ? [] : typeof ref === 'object' ? ref : [ref]) {
      if (header && columnIndex(r) < 0) return failure('STATEMENT_MALFORMED', `Column "${r}" (${role}) is not in the header`, `columns.${role}`);
    }
  }

  const transactions: TransactionDraft[] = [];
  const rowErrors: StatementRowError[] = [];
  let errorCount = 0;
  for (const { record, info } of records) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const row = readRow(record, info.lines, mapping, columnIndex);
    if (row === null) continue;
    if ('errors' in row) {
      errorCount += row.errors.length;
      rowErrors.push(...row.errors.slice(0, MAX_ROW_ERRORS - rowErrors.length));
    } else {
      transactions.push(row);
    }
  }
  if (errorCount > 0) {
    return { ok: false, code: 'STATEMENT_ROWS_INVALID', message: `${errorCount} cell(s) could not be read; nothing was imported`, rowErrors };
  }

  const currency = mapping.currency === undefined ? transactions[0]?.currency : statementCurrency(mapping.currency);
  if (!currency) return failure('STATEMENT_MALFORMED', 'The file has no transactions to take a currency from', 'currency');
  const accountIban = options.accountIban?.replace(/\s+/g, '').toUpperCase();
  return {
    ok: true,
    statements: fingerprintStatements([{ accountKey: accountIban ?? '', currency, transactions, ...(accountIban ? { accountIban } : {}) }]),
  };
}

type RowResult = TransactionDraft | { errors: StatementRowError[] } | null;

function readRow(record: readonly string[], line: number, mapping: CsvMapping, columnIndex: (ref: ColumnRef) => number): RowResult {
  const errors: StatementRowError[] = [];
  const fail = (column: string, code: StatementRowError['code'], message: string) => errors.push({ row: line, column, code, message });
  const cell = (role: CsvColumn, ref: ColumnRef | undefined): string | undefined => {
    if (ref === undefined) return undefined;
    const value = record[columnIndex(ref)];
    if (value === undefined) fail(String(ref), 'ROW_CELL_MISSING', `Row has no column ${ref} (${role})`);
    return value?.trim();
  };
  const { columns } = mapping;

  const dateText = cell('bookingDate', columns.bookingDate) ?? '';
  if (dateText === '' && mapping.skipRowsWithoutDate) return null;
  const date = (ref: ColumnRef, text: string): PlainDate | undefined => {
    const parsed = parseCsvDate(text, mapping.dateFormat);
    if (parsed === null) fail(String(ref), 'ROW_DATE_INVALID', `"${text.slice(0, 40)}" is not a ${mapping.dateFormat} date`);
    return parsed ?? undefined;
  };
  const bookingDate = date(columns.bookingDate, dateText);
  const valueText = cell('valueDate', columns.valueDate);
  const valueDate = valueText ? date(columns.valueDate as ColumnRef, valueText) : undefined;

  const currencyText = cell('currency', columns.currency);
  const currency = statementCurrency(currencyText ?? mapping.currency ?? '');
  if (currency === null) {
    fail(String(columns.currency ?? 'currency'), 'ROW_CURRENCY_INVALID', `"${(currencyText ?? '').slice(0, 10)}" is not a supported currency`);
    return { errors };
  }
  const amountMinor = readAmount(mapping, currency, cell, fail);

  if (errors.length > 0 || bookingDate === undefined || amountMinor === null) return { errors };
  const remittanceRefs = columns.remittance === undefined ? [] : typeof columns.remittance === 'object' ? columns.remittance : [columns.remittance];
  const text = (role: CsvColumn, ref: ColumnRef | undefined) => cleanText(cell(role, ref) ?? '');
  const name = text('counterpartyName', columns.counterpartyName);
  const iban = text('counterpartyIban', columns.counterpartyIban).replace(/\s+/g, '').toUpperCase();
  const reference = text('bankReference', columns.bankReference);
  const endToEnd = text('endToEndId', columns.endToEndId);
  return {
    bookingDate, amountMinor, currency, reversal: false,
    remittanceText: cleanText(remittanceRefs.map((r) => cell('remittance', r) ?? '').join(' ')),
    ...(valueDate === undefined ? {} : { valueDate }),
    ...(name === '' ? {} : { counterpartyName: name }),
    ...(iban === '' ? {} : { counterpartyIban: iban }),
    ...(reference === '' ? {} : { bankReference: reference }),
    ...(endToEnd === '' ? {} : { endToEndId: endToEnd }),
  };
}

function readAmount(
  mapping: CsvMapping,
  currency: string,
  cell: (role: CsvColumn, ref: ColumnRef | undefined) => string | undefined,
  fail: (column: string, code: StatementRowError['code'], message: string) => void,
): number | null {
  const { columns } = mapping;
  const amountOf = (ref: ColumnRef, text: string): number | null => {
    if (text === '') return 0;
    const minor = parseCsvAmount(text, currency, mapping);
    if (minor === null) fail(String(ref), 'ROW_AMOUNT_INVALID', `"${text.slice(0, 40)}" is not an amount in ${currency} with decimal "${mapping.decimalSeparator}"`);
    return minor;
  };
  if (columns.amount !== undefined) {
    const text = cell('amount', columns.amount);
    if (text === '') fail(String(columns.amount), 'ROW_AMOUNT_MISSING', 'The amount is empty');
    return text ? amountOf(columns.amount, text) : null;
  }
  const creditText = columns.credit === undefined ? '' : cell('credit', columns.credit);
  const debitText = columns.debit === undefined ? '' : cell('debit', columns.debit);
  if (creditText === undefined || debitText === undefined) return null;
  const column = String(columns.credit ?? columns.debit);
  if (creditText === '' && debitText === '') {
    fail(column, 'ROW_AMOUNT_MISSING', 'Both the credit and the debit cell are empty');
    return null;
  }
  const credit = amountOf(columns.credit ?? '', creditText);
  const debit = amountOf(columns.debit ?? '', debitText);
  if (credit === null || debit === null) return null;
  if (credit !== 0 && debit !== 0) {
    fail(column, 'ROW_AMOUNT_AMBIGUOUS', 'Both a credit and a debit amount on one row');
    return null;
  }
  // Exports differ on whether the debit column carries a minus sign; either way it is money out.
  if (credit !== 0) return Math.abs(credit);
  return debit === 0 ? 0 : -Math.abs(debit);
}
