import { parse } from 'csv-parse/sync';
import type { TSchema } from 'typebox';
import { Errors } from 'typebox/value';
import { failure, type Result, success } from '../domain/result.ts';

export interface RowError {
  /** Line number in the file, counting the header as line 1, as spreadsheets show it. */
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportOptions {
  readonly dryRun?: boolean;
  /** Import the valid rows and report the others; without it, one bad row stops the whole import. */
  readonly skipInvalid?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  readonly total: number;
  readonly valid: number;
  readonly imported: number;
  readonly errors: readonly RowError[];
  readonly dryRun: boolean;
}

export type CsvRecord = Readonly<Record<string, string>>;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Parse a CSV with a header row into records; a malformed file is one clear failure, not a crash. */
export function readCsv(content: string | Buffer, required: readonly string[]): Result<CsvRecord[]> {
  if (content.length > MAX_IMPORT_BYTES) return failure('FILE_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 'file');
  // PostgreSQL text cannot hold U+0000: a NUL reached the database as an error mid-import. A text file has none.
  if (typeof content === 'string' ? content.includes('\u0000') : content.includes(0)) return failure('CSV_MALFORMED', 'The file contains NUL characters: it is binary or in another encoding, not a UTF-8 CSV', 'file');
  let records: CsvRecord[];
  try {
    records = parse(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: sniffDelimiter(content),
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    return failure('CSV_MALFORMED', `The file is not a readable CSV: ${(error as Error).message}`, 'file');
  }
  if (records.length === 0) return failure('CSV_EMPTY', 'The file has no data rows', 'file');
  const missing = required.filter((c) => !(c in records[0]!));
  if (missing.length > 0) return failure('CSV_MISSING_COLUMNS', `Missing column(s): ${missing.join(', ')}`, missing[0]);
  return success(records);
}

/**
 * Spreadsheets export with commas, semicolons (European locales) or tabs. The header line decides: a value
 * such as "retail;vip" in a comma file must stay one value, so a single delimiter is chosen per file.
 */
function sniffDelimiter(content: string | Buffer): string {
  const head = (typeof content === 'string' ? content.slice(0, 4096) : content.subarray(0, 4096).toString('utf8')).split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, head.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** "billingAddress.line1" from typebox's "/billingAddress/line1". */
function pathOf(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}

/** Shape errors of one row against the same schema the API uses, named by the row's column. */
export function shapeErrors(schema: TSchema, value: unknown, row: number, columnOf: (field: string) => string): RowError[] {
  return Errors(schema, value)
    .slice(0, 5)
    .map((e) => {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties?.[0];
      const field = missing ?? pathOf(e.instancePath);
      return { row, field: columnOf(field), code: 'INVALID_VALUE', message: e.message };
    });
}

export const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
