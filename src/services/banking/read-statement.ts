import { createHash } from 'node:crypto';
import { failure, type Failure, type Result, success } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { findCsvMapping, findCsvMappingByName } from '../../db/repositories/banking.ts';
import {
  detectStatementFormat,
  parseCamt053,
  parseCsvStatement,
  parseMt940,
  validateCsvMapping,
  type CsvMapping,
  type Statement,
  type StatementFormat,
  type StatementParseResult,
  type StatementRowError,
  type TextEncoding,
} from '../../payments/statements/index.ts';

/** The largest statement file accepted, by the API and the CLI alike. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

/** How a CSV statement is to be read: a saved mapping (by id or name) or one given with the file. */
export type MappingChoice = { readonly id: string } | { readonly name: string } | { readonly inline: unknown };

export interface StatementFile {
  readonly content: Uint8Array;
  readonly fileName?: string;
  /** Detected from the first bytes when absent. A mapping given with a CAMT or MT940 file is not used. */
  readonly format?: StatementFormat;
  /** MT940 only (CAMT names its encoding, a CSV mapping carries its own). */
  readonly encoding?: TextEncoding;
  readonly mapping?: MappingChoice;
  /** The account a CSV export belongs to; defaults to the saved mapping's account. */
  readonly accountIban?: string;
}

/** A failure that may list the CSV cells that could not be read. */
export type StatementReadFailure = Failure & { readonly rowErrors?: readonly StatementRowError[] };

export interface ReadStatement {
  readonly format: StatementFormat;
  readonly fileHash: string;
  readonly statements: readonly Statement[];
}

export function fileHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Read an uploaded file into statements; any failure names what is wrong and where. */
export async function readStatementFile(db: Db, orgId: string, file: StatementFile): Promise<Result<ReadStatement> | StatementReadFailure> {
  if (file.content.byteLength === 0) return failure('STATEMENT_EMPTY', 'The file is empty', 'file');
  if (file.content.byteLength > MAX_STATEMENT_BYTES)
    return failure('PAYLOAD_TOO_LARGE', `A statement file may be at most ${MAX_STATEMENT_BYTES / 1024 / 1024} MB`, 'file');
  const format = file.format ?? detectStatementFormat(file.content);

  let parsed: StatementParseResult;
  if (format === 'csv') {
    const mapping = await resolveMapping(db, orgId, file.mapping);
    if (!mapping.ok) return mapping;
    const accountIban = file.accountIban ?? mapping.value.accountIban;
    parsed = parseCsvStatement(file.content, mapping.value.mapping, accountIban ? { accountIban } : {});
  } else if (format === 'mt940') {
    parsed = parseMt940(file.content, file.encoding ? { encoding: file.encoding } : {});
  } else {
    parsed = parseCamt053(file.content);
  }
  if (!parsed.ok) {
    const { ok: _ok, ...rest } = parsed;
    return { ok: false, ...rest, field: parsed.field ?? 'file' };
  }
  return success({ format, fileHash: fileHash(file.content), statements: parsed.statements });
}

async function resolveMapping(db: Db, orgId: string, choice: MappingChoice | undefined): Promise<Result<{ mapping: CsvMapping; accountIban?: string }>> {
  if (choice === undefined) return failure('STATEMENT_MAPPING_REQUIRED', 'A CSV statement needs a column mapping: give a saved mapping or one with the file', 'mapping');
  if ('inline' in choice) {
    const checked = validateCsvMapping(choice.inline);
    if (checked.ok) return success({ mapping: checked.mapping });
    return failure(checked.code, checked.message, checked.field && checked.field !== 'mapping' ? `mapping.${checked.field}` : 'mapping');
  }
  const row = 'id' in choice ? await findCsvMapping(db, orgId, choice.id) : await findCsvMappingByName(db, orgId, choice.name);
  if (!row) return failure('CSV_MAPPING_NOT_FOUND', 'id' in choice ? 'No such saved CSV mapping' : `No saved CSV mapping is named "${choice.name}"`, 'id' in choice ? 'mappingId' : 'mapping');
  // Saved mappings were valid when saved; checked again in case the rules grew stricter since.
  const checked = validateCsvMapping(row.mapping);
  if (!checked.ok) return failure(checked.code, `The saved mapping "${row.name}" is no longer valid: ${checked.message}`, 'mappingId');
  return success({ mapping: checked.mapping, ...(row.accountIban ? { accountIban: row.accountIban } : {}) });
}
