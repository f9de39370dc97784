import { matchTransactions, type MatchResult, type OpenInvoice } from '../../domain/matching/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { newId } from '../../db/ids.ts';
import {
  findStatementByHash,
  insertStatement,
  insertTransactions,
  knownFingerprints,
  lockStatementImports,
  type BankStatementRow,
  type BankTransactionRow,
} from '../../db/repositories/banking.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { StoredAllocation, StoredCandidate } from '../../db/schema/banking.ts';
import type { StatementTransaction } from '../../payments/statements/index.ts';
import { nowDate, type Ctx } from '../context.ts';
import { inOrgMaybeDry } from './dry-run.ts';
import { loadOpenInvoices } from './open-invoices.ts';
import { readStatementFile, type ReadStatement, type StatementFile, type StatementReadFailure } from './read-statement.ts';
import { actorLabel, learnPayingAccounts, recordBankPayment } from './record-bank-payment.ts';

export interface ImportReport {
  readonly dryRun: boolean;
  /** The stored import (with a dry run: the row that would have been stored). */
  readonly statement: BankStatementRow;
  /** The lines this file brought that were not known yet, in booking order. */
  readonly lines: readonly BankTransactionRow[];
}

interface Line {
  readonly transaction: StatementTransaction;
  readonly accountIban: string | null;
  readonly bookingDay: string;
}

type Outcome = Pick<BankTransactionRow, 'status' | 'statusReason' | 'paymentId' | 'customerId'>;

/**
 * Import one bank statement file: parse it, store its lines, match the new credits to open invoices,
 * record the sure matches as payments and leave the rest for review.
 *
 * Atomic per file: everything happens in one transaction, so a refused file, or a crash halfway, leaves
 * nothing behind. Re-importing is idempotent twice over: the very same file is refused by its hash, and
 * a line already stored (same file exported again, or statements covering overlapping days) is
 * recognized by its fingerprint and skipped, so no payment is ever recorded twice. Imports of one
 * organization run one at a time (an advisory lock), so two overlapping uploads cannot race.
 */
export async function importStatement(ctx: Ctx, file: StatementFile, options: { dryRun?: boolean } = {}): Promise<Result<ImportReport> | StatementReadFailure> {
  const read = await readStatementFile(ctx.db, ctx.orgId, file);
  if (!read.ok) return read;
  const dryRun = options.dryRun ?? false;
  const imported = await inOrgMaybeDry(ctx.db, ctx.orgId, dryRun, (tx) => importInto({ ...ctx, db: tx }, file, read.value));
  return imported.ok ? success({ ...imported.value, dryRun }) : imported;
}

async function importInto(ctx: Ctx, file: StatementFile, read: ReadStatement): Promise<Result<Omit<ImportReport, 'dryRun'>>> {
  const { db: tx, orgId } = ctx;
  await lockStatementImports(tx, orgId);
  const earlier = await findStatementByHash(tx, orgId, read.fileHash);
  if (earlier) {
    const on = earlier.importedAt.toISOString().slice(0, 10);
    return failure('STATEMENT_ALREADY_IMPORTED', `This file was already imported on ${on} (import ${earlier.id}); nothing was changed`, 'file');
  }

  const all: Line[] = read.statements.flatMap((s) =>
    s.transactions.map((transaction) => ({ transaction, accountIban: s.accountIban ?? null, bookingDay: transaction.bookingDate.toString() })),
  );
  const known = await knownFingerprints(tx, orgId, all.map((l) => l.transaction.fingerprint));
  // Booking order, so earlier money settles an invoice first when two lines compete for one balance.
  const lines = all.filter((l) => !known.has(l.transaction.fingerprint)).sort((a, b) => (a.bookingDay < b.bookingDay ? -1 : a.bookingDay > b.bookingDay ? 1 : 0));
  const hasCredits = lines.some((l) => l.transaction.amountMinor > 0 && !l.transaction.reversal);
  const invoices = hasCredits ? await loadOpenInvoices(tx, orgId) : [];
  const results = matchTransactions(lines.map((l) => l.transaction), invoices);
  const byId = new Map(invoices.map((i) => [i.id, i]));

  const outcomes: Outcome[] = [];
  for (const [i, line] of lines.entries()) outcomes.push(await settle(ctx, line, results[i] as MatchResult, byId));
  await learnPayingAccounts(
    ctx,
    lines.flatMap((l, i) => {
      const customerId = outcomes[i]?.customerId;
      return customerId ? [{ customerId, counterpartyIban: l.transaction.counterpartyIban ?? null }] : [];
    }),
  );

  const at = nowDate(ctx);
  const statementId = newId();
  const rows = lines.map((line, i) => transactionRow(ctx.orgId, statementId, line, results[i] as MatchResult, outcomes[i] as Outcome, byId, at));
  await insertTransactions(tx, rows);
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  const first = read.statements[0];
  const statement = await insertStatement(tx, {
    orgId,
    id: statementId,
    format: read.format,
    fileName: file.fileName ?? null,
    fileHash: read.fileHash,
    accountIban: first?.accountIban ?? null,
    currency: first?.currency ?? '',
    statementId: first?.statementId ?? null,
    statements: read.statements.map((s) => ({
      statementId: s.statementId ?? null,
      accountIban: s.accountIban ?? null,
      currency: s.currency,
      openingBalance: s.openingBalance ?? null,
      closingBalance: s.closingBalance ?? null,
      lines: s.transactions.length,
    })),
    importedAt: at,
    importedBy: actorLabel(ctx),
    linesTotal: all.length,
    linesKnown: all.length - lines.length,
    linesRecorded: count('recorded'),
    linesReview: count('review'),
    linesUnmatched: count('unmatched'),
    linesIgnored: count('ignored'),
  });
  const { statements: _s, ...summary } = statement;
  await appendEvents(tx, orgId, ctx.actor, at, [{ entityType: 'bank_statement', entityId: statementId, action: 'bank_statement.imported', after: summary }]);
  return success({ statement, lines: rows });
}

/**
 * What becomes of one new line: a sure match is recorded as a payment at once (the invoice is paid in this
 * same transaction, so reminders stop today); a sure match that cannot be recorded as one customer's
 * payment goes to review with the reason; debits and reversals are not customers paying.
 */
async function settle(ctx: Ctx, line: Line, result: MatchResult, invoices: ReadonlyMap<string, OpenInvoice>): Promise<Outcome> {
  const open = { paymentId: null, customerId: null, statusReason: null };
  if (result.reason === 'NOT_A_CREDIT' || result.reason === 'REVERSAL') return { ...open, status: 'ignored' };
  if (result.status !== 'sure') return { ...open, status: result.status };

  const customers = new Set(result.allocations.map((a) => invoices.get(a.invoiceId)?.customerId));
  const [customerId] = customers;
  if (customers.size !== 1 || customerId === undefined) return { ...open, status: 'review', statusReason: 'SEVERAL_CUSTOMERS' };
  const t = line.transaction;
  const recorded = await recordBankPayment(
    ctx,
    { fingerprint: t.fingerprint, bookingDate: line.bookingDay, amount: t.amountMinor, currency: t.currency, remittanceText: t.remittanceText, endToEndId: t.endToEndId, bankReference: t.bankReference },
    customerId,
    result.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amountMinor })),
  );
  if (!recorded.ok) return { ...open, status: 'review', statusReason: recorded.code };
  return { status: 'recorded', statusReason: null, paymentId: recorded.value.payment.id, customerId };
}

function transactionRow(
  orgId: string,
  statementId: string,
  { transaction: t, accountIban, bookingDay }: Line,
  result: MatchResult,
  outcome: Outcome,
  invoices: ReadonlyMap<string, OpenInvoice>,
  at: Date,
): BankTransactionRow {
  const numberOf = (id: string) => invoices.get(id)?.number ?? '';
  const candidates: StoredCandidate[] = (result.candidates ?? []).map((c) => ({ invoiceId: c.invoiceId, invoiceNumber: numberOf(c.invoiceId), daysFromDueDate: c.daysFromDueDate }));
  const proposedAllocations: StoredAllocation[] = result.allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceNumber: numberOf(a.invoiceId), amount: a.amountMinor }));
  return {
    orgId,
    id: newId(),
    statementId,
    fingerprint: t.fingerprint,
    accountIban,
    bookingDate: bookingDay,
    valueDate: t.valueDate?.toString() ?? null,
    amount: t.amountMinor,
    currency: t.currency,
    counterpartyName: t.counterpartyName ?? null,
    counterpartyIban: t.counterpartyIban ?? null,
    remittanceText: t.remittanceText,
    creditorReference: t.creditorReference ?? null,
    endToEndId: t.endToEndId ?? null,
    bankReference: t.bankReference ?? null,
    reversal: t.reversal,
    matchStatus: result.status,
    matchRule: result.rule,
    matchReason: result.reason,
    ...outcome,
    candidates,
    proposedAllocations,
    overpayment: result.overpaymentMinor,
    decidedAt: null,
    decidedBy: null,
    createdAt: at,
  };
}
