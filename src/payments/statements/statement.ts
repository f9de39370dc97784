import type { PlainDate } from '../../domain/dates.ts';

/** One booked line of a bank statement, whatever the file format it came from. */
export interface StatementTransaction {
  readonly bookingDate: PlainDate;
  readonly valueDate?: PlainDate;
  /** Minor units of `currency`: credits (money in) positive, debits negative. */
  readonly amountMinor: number;
  readonly currency: string;
  /** The other party: the payer of a credit, the payee of a debit. */
  readonly counterpartyName?: string;
  /** Their account: an IBAN, or the domestic account number where the bank gives no IBAN. */
  readonly counterpartyIban?: string;
  /** Free remittance text, whitespace collapsed ("" when the bank gives none). */
  readonly remittanceText: string;
  /** Structured creditor reference (CAMT Strd/CdtrRefInf/Ref), e.g. an RF reference. */
  readonly creditorReference?: string;
  readonly endToEndId?: string;
  /** The bank's own reference for the booking (CAMT AcctSvcrRef, MT940 :61: bank reference). */
  readonly bankReference?: string;
  /** The booking undoes an earlier one (returned payment, reversed direct debit). */
  readonly reversal: boolean;
  /** Stable across re-imports of the same file: store it with a unique constraint to import nothing twice. */
  readonly fingerprint: string;
}

export interface Statement {
  readonly accountIban?: string;
  readonly currency: string;
  /** Minor units, signed (an overdraft is negative). */
  readonly openingBalance?: number;
  readonly closingBalance?: number;
  readonly transactions: readonly StatementTransaction[];
  readonly statementId?: string;
}

export type StatementErrorCode =
  | 'STATEMENT_MALFORMED'
  | 'STATEMENT_UNSUPPORTED_VERSION'
  | 'STATEMENT_DTD_FORBIDDEN'
  | 'STATEMENT_ENCODING_INVALID'
  | 'STATEMENT_MAPPING_INVALID'
  | 'STATEMENT_ROWS_INVALID';

/** A CSV cell that could not be read; `row` is the line number in the file (1-based). */
export interface StatementRowError {
  readonly row: number;
  readonly column: string;
  readonly code: 'ROW_DATE_INVALID' | 'ROW_AMOUNT_INVALID' | 'ROW_AMOUNT_MISSING' | 'ROW_AMOUNT_AMBIGUOUS' | 'ROW_CURRENCY_INVALID' | 'ROW_CELL_MISSING';
  readonly message: string;
}

export interface StatementFailure {
  readonly ok: false;
  readonly code: StatementErrorCode;
  /** Where: an XML path ("Stmt[1]/Ntry[3]/Amt"), an MT940 tag (":61:"), or a mapping key ("columns.amount"). */
  readonly field?: string;
  readonly message: string;
  readonly rowErrors?: readonly StatementRowError[];
}

export type StatementParseResult = { readonly ok: true; readonly statements: readonly Statement[] } | StatementFailure;

export function failure(code: StatementErrorCode, message: string, field?: string): StatementFailure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, field, message };
}

/** Collapse runs of whitespace (line breaks inside remittance text included) to single spaces. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
