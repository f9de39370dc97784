import { Type } from 'typebox';
import type { BankStatementRow, BankTransactionRow, CsvMappingRow, CustomerBankAccountRow } from '../db/repositories/banking.ts';

// Response shapes of the bank-statement API (serialised by Fastify, so no column leaks by accident).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Minor = Type.Integer({ description: 'Minor units of the currency' });
const Str = Type.String();
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const BankStatementView = Type.Object({
  id: Str,
  format: Type.Union([Type.Literal('camt053'), Type.Literal('mt940'), Type.Literal('csv')]),
  fileName: Nullable(Str),
  fileHash: Type.String({ description: 'SHA-256 of the file: the same file is imported only once' }),
  accountIban: Nullable(Str),
  currency: Str,
  statementId: Nullable(Type.String({ description: "The bank's id of the (first) statement in the file" })),
  statements: Type.Array(
    Type.Object({ statementId: Nullable(Str), accountIban: Nullable(Str), currency: Str, openingBalance: Nullable(Minor), closingBalance: Nullable(Minor), lines: Type.Integer() }),
  ),
  importedAt: Instant,
  importedBy: Str,
  lines: Type.Object({
    total: Type.Integer({ description: 'Booked lines in the file' }),
    known: Type.Integer({ description: 'Lines already imported from an earlier (overlapping) statement: skipped' }),
    recorded: Type.Integer({ description: 'Recorded as payments at once (sure matches)' }),
    review: Type.Integer({ description: 'Waiting for a person to choose among candidates' }),
    unmatched: Type.Integer(),
    ignored: Type.Integer({ description: 'Debits and reversals: not customers paying' }),
  }),
});

const Allocation = Type.Object({ invoiceId: Str, invoiceNumber: Str, amount: Minor });
const Candidate = Type.Object({ invoiceId: Str, invoiceNumber: Str, daysFromDueDate: Type.Integer({ description: 'Booking date minus due date' }) });

export const BankTransactionView = Type.Object({
  id: Str,
  statementId: Str,
  fingerprint: Type.String({ description: 'Identifies the line across re-imports; the external id of its payment' }),
  accountIban: Nullable(Str),
  bookingDate: Day,
  valueDate: Nullable(Day),
  amount: Type.Integer({ description: 'Minor units; credits positive, debits negative' }),
  currency: Str,
  counterpartyName: Nullable(Str),
  counterpartyIban: Nullable(Str),
  remittanceText: Str,
  creditorReference: Nullable(Str),
  endToEndId: Nullable(Str),
  bankReference: Nullable(Str),
  reversal: Type.Boolean(),
  status: Type.Union([Type.Literal('recorded'), Type.Literal('review'), Type.Literal('unmatched'), Type.Literal('ignored')]),
  statusReason: Nullable(Type.String({ description: 'Why a sure match was not recorded, or why the line was ignored' })),
  match: Type.Object({
    status: Type.Union([Type.Literal('sure'), Type.Literal('review'), Type.Literal('unmatched')]),
    rule: Type.String({ description: 'RF_REFERENCE, INVOICE_NUMBER, PAYER_AMOUNT, AMOUNT_NEAR_DUE_DATE or NONE' }),
    reason: Type.String({ description: 'PAID_IN_FULL, PARTIAL_PAYMENT, OVERPAYMENT, CURRENCY_MISMATCH, AMBIGUOUS_REFERENCE, …' }),
    allocations: Type.Array(Allocation),
    overpayment: Minor,
    candidates: Type.Array(Candidate),
  }),
  paymentId: Nullable(Str),
  customerId: Nullable(Str),
  decidedAt: Nullable(Instant),
  decidedBy: Nullable(Str),
  createdAt: Instant,
});

export const CsvMappingView = Type.Object({
  id: Str,
  name: Str,
  mapping: Type.Unknown(),
  accountIban: Nullable(Str),
  createdAt: Instant,
  updatedAt: Instant,
});

export const CustomerBankAccountView = Type.Object({
  id: Str,
  customerId: Str,
  account: Str,
  source: Type.Union([Type.Literal('manual'), Type.Literal('statement')], { description: 'Registered by hand, or learned from a recorded statement line' }),
  createdAt: Instant,
});

export function bankStatementView(s: BankStatementRow) {
  return {
    id: s.id,
    format: s.format as 'camt053' | 'mt940' | 'csv',
    fileName: s.fileName,
    fileHash: s.fileHash,
    accountIban: s.accountIban,
    currency: s.currency,
    statementId: s.statementId,
    statements: s.statements,
    importedAt: s.importedAt,
    importedBy: s.importedBy,
    lines: { total: s.linesTotal, known: s.linesKnown, recorded: s.linesRecorded, review: s.linesReview, unmatched: s.linesUnmatched, ignored: s.linesIgnored },
  };
}

export function bankTransactionView(t: BankTransactionRow) {
  const { orgId: _org, matchStatus, matchRule, matchReason, proposedAllocations, overpayment, candidates, status, ...rest } = t;
  return {
    ...rest,
    status: status as 'recorded' | 'review' | 'unmatched' | 'ignored',
    match: { status: matchStatus as 'sure' | 'review' | 'unmatched', rule: matchRule, reason: matchReason, allocations: proposedAllocations, overpayment, candidates },
  };
}

export function csvMappingView(m: CsvMappingRow) {
  const { orgId: _org, ...rest } = m;
  return rest;
}

export function customerBankAccountView(a: CustomerBankAccountRow) {
  const { orgId: _org, source, ...rest } = a;
  return { ...rest, source: source as 'manual' | 'statement' };
}
