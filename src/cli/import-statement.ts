import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatAmount } from '../domain/money.ts';
import { failure, type Result, success } from '../domain/result.ts';
import type { BankTransactionRow } from '../db/repositories/banking.ts';
import { TEXT_ENCODINGS, type StatementFormat, type TextEncoding } from '../payments/statements/index.ts';
import type { Ctx } from '../services/context.ts';
import { importStatement } from '../services/banking/import-statement.ts';
import { MAX_STATEMENT_BYTES } from '../services/banking/read-statement.ts';

export interface StatementImportOptions {
  readonly format?: string;
  readonly mapping?: string;
  readonly encoding?: string;
  readonly account?: string;
  readonly dryRun?: boolean;
}

const FORMATS: readonly StatementFormat[] = ['camt053', 'mt940', 'csv'];
// Enough to act on from a terminal; the API and the review queue list everything.
const SHOWN_PER_GROUP = 50;

const money = (amount: number, currency: string) => `${formatAmount(amount, currency)} ${currency}`;

function describe(t: BankTransactionRow): string {
  const payer = t.counterpartyName ?? t.counterpartyIban ?? 'unknown payer';
  const text = t.remittanceText ? ` "${t.remittanceText.length > 60 ? `${t.remittanceText.slice(0, 57)}…` : t.remittanceText}"` : '';
  return `${t.bookingDate}  ${money(t.amount, t.currency).padStart(18)}  ${payer}${text}`;
}

function explain(t: BankTransactionRow): string {
  if (t.status === 'recorded') {
    const paid = t.proposedAllocations.map((a) => `${a.invoiceNumber} ${formatAmount(a.amount, t.currency)}`).join(', ');
    const credit = t.overpayment > 0 ? `; ${money(t.overpayment, t.currency)} kept as credit` : '';
    return `→ ${paid} (${t.matchRule}, ${t.matchReason})${credit}`;
  }
  const candidates = t.candidates.map((c) => `${c.invoiceNumber} (${c.daysFromDueDate >= 0 ? `${c.daysFromDueDate} d after due` : `${-c.daysFromDueDate} d before due`})`).join(', ');
  const why = t.statusReason ?? t.matchReason;
  return `${why}${candidates ? `: ${candidates}` : ''}  [${t.id}]`;
}

/**
 * `punctual import statement FILE`: import (or with --dry-run, preview) one bank statement and print what
 * was recorded, what needs a person, and what matched nothing. Returns a failure for the caller to
 * print as a usage error; the lines go to `print`.
 */
export async function runStatementImport(ctx: Ctx, file: string, options: StatementImportOptions, print: (line: string) => void): Promise<Result<void>> {
  const format = options.format;
  if (format !== undefined && !FORMATS.includes(format as StatementFormat)) return failure('USAGE', `--format is one of ${FORMATS.join(', ')}, not "${format}"`);
  const encoding = options.encoding;
  if (encoding !== undefined && !TEXT_ENCODINGS.includes(encoding as TextEncoding)) return failure('USAGE', `--encoding is one of ${TEXT_ENCODINGS.join(', ')}`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return failure('USAGE', `Cannot read ${file}`);
  }
  if (size > MAX_STATEMENT_BYTES) return failure('USAGE', `${file} is larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB; split the export by period`);

  const result = await importStatement(
    ctx,
    {
      content: readFileSync(file),
      fileName: basename(file),
      ...(format === undefined ? {} : { format: format as StatementFormat }),
      ...(encoding === undefined ? {} : { encoding: encoding as TextEncoding }),
      ...(options.mapping === undefined ? {} : { mapping: { name: options.mapping } }),
      ...(options.account === undefined ? {} : { accountIban: options.account }),
    },
    { dryRun: options.dryRun ?? false },
  );
  if (!result.ok) {
    const rows = 'rowErrors' in result ? (result.rowErrors ?? []).map((e) => `\n  line ${e.row}, column ${e.column}: ${e.message}`).join('') : '';
    return failure(result.code, `${file}: ${result.message}${result.field ? ` (${result.field})` : ''}${rows}`);
  }

  const { statement: s, lines, dryRun } = result.value;
  const account = s.accountIban ? `${s.accountIban}, ` : '';
  print(`${basename(file)}: ${s.format}, ${account}${s.currency}; ${s.linesTotal} lines, ${s.linesKnown} already imported earlier.`);
  const group = (status: string, title: string) => {
    const rows = lines.filter((l) => l.status === status);
    if (rows.length === 0) return;
    print(`${title} (${rows.length}):`);
    for (const t of rows.slice(0, SHOWN_PER_GROUP)) print(`  ${describe(t)}\n      ${explain(t)}`);
    if (rows.length > SHOWN_PER_GROUP) print(`  … and ${rows.length - SHOWN_PER_GROUP} more (GET /api/v1/bank-transactions?status=${status}&statementId=${s.id})`);
  };
  group('recorded', dryRun ? 'Would record as payments' : 'Recorded as payments');
  group('review', 'Needs review');
  group('unmatched', 'Unmatched');
  if (s.linesIgnored > 0) print(`Ignored ${s.linesIgnored} debit or reversal line(s).`);
  print(dryRun ? 'Dry run: nothing was stored.' : `Import ${s.id} stored.`);
  return success(undefined);
}
