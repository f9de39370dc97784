export { parseCamt053 } from './camt053.ts';
export { parseMt940, type Mt940Options } from './mt940.ts';
export { parseCsvStatement, type CsvOptions } from './csv.ts';
export { validateCsvMapping, CSV_DATE_FORMATS, type ColumnRef, type CsvDateFormat, type CsvDelimiter, type CsvMapping } from './csv-mapping.ts';
export { detectStatementFormat, type StatementFormat } from './detect-format.ts';
export { TEXT_ENCODINGS, type TextEncoding } from './decode-text.ts';
export type {
  Statement,
  StatementErrorCode,
  StatementFailure,
  StatementParseResult,
  StatementRowError,
  StatementTransaction,
} from './statement.ts';
