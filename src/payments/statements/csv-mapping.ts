import { TEXT_ENCODINGS, type TextEncoding } from './decode-text.ts';
import { statementCurrency } from './currency-code.ts';
import { failure, type StatementFailure } from './statement.ts';

/** A column by its header text (case and surrounding spaces ignored) or by 0-based position. */
export type ColumnRef = string | number;

export type CsvDateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
export const CSV_DATE_FORMATS: readonly CsvDateFormat[] = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'];
export type CsvDelimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: readonly (CsvDelimiter | 'auto')[] = ['auto', ',', ';', '\t', '|'];
const THOUSANDS = ['', ',', '.', ' ', "'"] as const;

/**
 * How to read one bank's CSV export. Plain JSON (no functions, no dates) so it can be saved per bank and
 * loaded back through validateCsvMapping.
 */
export interface CsvMapping {
  /** Default utf-8; older exports are windows-1250 (RO), windows-1251 (RU) or windows-1252. A BOM wins. */
  readonly encoding?: TextEncoding;
  /** Default 'auto': guessed from the first lines. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Lines before the header (bank name, account, period) to skip. */
  readonly skipLines?: number;
  /** When false, columns must be given by position. */
  readonly hasHeader: boolean;
  readonly dateFormat: CsvDateFormat;
  readonly decimalSeparator: '.' | ',';
  /** '' for none; ' ' also accepts the no-break spaces Russian exports use. */
  readonly thousandsSeparator?: (typeof THOUSANDS)[number];
  /** The currency of every line, when the file has no currency column. */
  readonly currency?: string;
  /** Skip rows whose date cell is empty (totals and balance rows at the end of many exports). */
  readonly skipRowsWithoutDate?: boolean;
  readonly columns: {
    readonly bookingDate: ColumnRef;
    readonly valueDate?: ColumnRef;
    /** A signed amount; or give credit and/or debit columns instead (debits are made negative). */
    readonly amount?: ColumnRef;
    readonly credit?: ColumnRef;
    readonly debit?: ColumnRef;
    readonly currency?: ColumnRef;
    readonly counterpartyName?: ColumnRef;
    readonly counterpartyIban?: ColumnRef;
    /** One column, or several joined with a space (exports that split the description). */
    readonly remittance?: ColumnRef | readonly ColumnRef[];
    readonly bankReference?: ColumnRef;
    readonly endToEndId?: ColumnRef;
  };
}

export type CsvColumn = keyof CsvMapping['columns'];
const COLUMN_KEYS: readonly CsvColumn[] = ['bookingDate', 'valueDate', 'amount', 'credit', 'debit', 'currency', 'counterpartyName', 'counterpartyIban', 'remittance', 'bankReference', 'endToEndId'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isColumnRef = (v: unknown): v is ColumnRef => (typeof v === 'string' && v.trim() !== '') || (Number.isSafeInteger(v) && (v as number) >= 0);
const oneOf = <T>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** Check a mapping that came from storage or a request; the error names the offending key. */
export function validateCsvMapping(value: unknown): { ok: true; mapping: CsvMapping } | StatementFailure {
  const bad = (field: string, message: string) => failure('STATEMENT_MAPPING_INVALID', message, field);
  if (!isRecord(value)) return bad('mapping', 'The mapping must be an object');
  const m = value;
  if (m['encoding'] !== undefined && !oneOf(TEXT_ENCODINGS, m['encoding'])) return bad('encoding', `encoding must be one of ${TEXT_ENCODINGS.join(', ')}`);
  if (m['delimiter'] !== undefined && !oneOf(DELIMITERS, m['delimiter'])) return bad('delimiter', 'delimiter must be auto, comma, semicolon, tab or pipe');
  if (m['skipLines'] !== undefined && !(Number.isSafeInteger(m['skipLines']) && (m['skipLines'] as number) >= 0)) return bad('skipLines', 'skipLines must be a whole number ≥ 0');
  if (typeof m['hasHeader'] !== 'boolean') return bad('hasHeader', 'hasHeader must be true or false');
  if (!oneOf(CSV_DATE_FORMATS, m['dateFormat'])) return bad('dateFormat', `dateFormat must be one of ${CSV_DATE_FORMATS.join(', ')}`);
  if (m['decimalSeparator'] !== '.' && m['decimalSeparator'] !== ',') return bad('decimalSeparator', "decimalSeparator must be '.' or ','");
  if (m['thousandsSeparator'] !== undefined && !oneOf(THOUSANDS, m['thousandsSeparator'])) return bad('thousandsSeparator', "thousandsSeparator must be '', ',', '.', ' ' or \"'\"");
  if (m['thousandsSeparator'] === m['decimalSeparator']) return bad('thousandsSeparator', 'The thousands and decimal separators must differ');
  if (m['skipRowsWithoutDate'] !== undefined && typeof m['skipRowsWithoutDate'] !== 'boolean') return bad('skipRowsWithoutDate', 'skipRowsWithoutDate must be true or false');
  if (m['currency'] !== undefined && (typeof m['currency'] !== 'string' || statementCurrency(m['currency']) === null)) return bad('currency', 'currency must be a supported ISO 4217 code');

  const columns = m['columns'];
  if (!isRecord(columns)) return bad('columns', 'columns must be an object');
  for (const key of Object.keys(columns)) {
    if (!oneOf(COLUMN_KEYS, key)) return bad(`columns.${key}`, `Unknown column role ${key}`);
    const ref = columns[key];
    if (ref === undefined) continue;
    const refs = key === 'remittance' && Array.isArray(ref) ? ref : [ref];
    if (refs.length === 0 || !refs.every(isColumnRef)) return bad(`columns.${key}`, 'A column is a header name or a 0-based position');
    if (!m['hasHeader'] && refs.some((r) => typeof r === 'string')) return bad(`columns.${key}`, 'Without a header row, columns must be given by position');
  }
  if (columns['bookingDate'] === undefined) return bad('columns.bookingDate', 'The booking date column is required');
  const hasAmount = columns['amount'] !== undefined;
  const hasSplit = columns['credit'] !== undefined || columns['debit'] !== undefined;
  if (hasAmount === hasSplit) return bad('columns.amount', 'Give either an amount column or credit/debit columns');
  if (columns['currency'] === undefined && m['currency'] === undefined) return bad('currency', 'Give a currency column or a fixed currency');
  return { ok: true, mapping: value as unknown as CsvMapping };
}
