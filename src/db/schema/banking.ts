import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What one statement inside an imported file said about itself (a file may hold several accounts). */
export interface StatementSummary {
  statementId: string | null;
  accountIban: string | null;
  currency: string;
  openingBalance: number | null;
  closingBalance: number | null;
  lines: number;
}

/** An invoice a statement line may be paying, as shown to the person reviewing it. */
export interface StoredCandidate {
  invoiceId: string;
  invoiceNumber: string;
  daysFromDueDate: number;
}

export interface StoredAllocation {
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
}

// One row per imported file. The file hash is unique per organization, so uploading the very same file
// again is refused before anything is written.
export const bankStatements = pgTable(
  'bank_statements',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    format: text('format').notNull(),
    fileName: text('file_name'),
    fileHash: text('file_hash').notNull(),
    accountIban: text('account_iban'),
    currency: text('currency').notNull(),
    statementId: text('statement_id'),
    statements: jsonb('statements').$type<StatementSummary[]>().notNull(),
    importedAt: instant('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
    linesTotal: integer('lines_total').notNull(),
    /** Lines already stored by an earlier (overlapping) statement: skipped, nothing recorded twice. */
    linesKnown: integer('lines_known').notNull(),
    linesRecorded: integer('lines_recorded').notNull(),
    linesReview: integer('lines_review').notNull(),
    linesUnmatched: integer('lines_unmatched').notNull(),
    linesIgnored: integer('lines_ignored').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('bank_statements_file_hash_key').on(t.orgId, t.fileHash),
    check('bank_statements_format_check', sql`${t.format} in ('camt053', 'mt940', 'csv')`),
  ],
);

// One row per booked line, whichever file brought it first. The fingerprint (stable across re-exports of
// the same days) is unique per organization: that is what makes re-importing and overlapping statements
// safe. `match_status` is what the matcher concluded; `status` is where the line stands now.
export const bankTransactions = pgTable(
  'bank_transactions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    statementId: uuid('statement_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    accountIban: text('account_iban'),
    bookingDate: day('booking_date').notNull(),
    valueDate: day('value_date'),
    /** Signed: credits positive, debits negative. */
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    counterpartyName: text('counterparty_name'),
    counterpartyIban: text('counterparty_iban'),
    remittanceText: text('remittance_text').notNull(),
    creditorReference: text('creditor_reference'),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    reversal: boolean('reversal').notNull(),
    matchStatus: text('match_status').notNull(),
    matchRule: text('match_rule').notNull(),
    matchReason: text('match_reason').notNull(),
    status: text('status').notNull(),
    /** Why a line is where it is when that differs from the matcher's reason (a refused recording, an ignore). */
    statusReason: text('status_reason'),
    candidates: jsonb('candidates').$type<StoredCandidate[]>().notNull().default([]),
    proposedAllocations: jsonb('proposed_allocations').$type<StoredAllocation[]>().notNull().default([]),
    overpayment: money('overpayment').notNull().default(0),
    paymentId: uuid('payment_id'),
    customerId: uuid('customer_id'),
    decidedAt: instant('decided_at'),
    decidedBy: text('decided_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('bank_transactions_fingerprint_key').on(t.orgId, t.fingerprint),
    index('bank_transactions_status_idx').on(t.orgId, t.status, t.id),
    index('bank_transactions_statement_idx').on(t.orgId, t.statementId, t.id),
    check('bank_transactions_match_status_check', sql`${t.matchStatus} in ('sure', 'review', 'unmatched')`),
    check('bank_transactions_status_check', sql`${t.status} in ('recorded', 'review', 'unmatched', 'ignored')`),
    check('bank_transactions_recorded_check', sql`(${t.status} = 'recorded') = (${t.paymentId} is not null)`),
  ],
);

// A customer's paying accounts (IBAN or domestic account number, stored without spaces, upper-case):
// registered by hand or learned from a statement line that was recorded as that customer's payment.
export const customerBankAccounts = pgTable(
  'customer_bank_accounts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    account: text('account').notNull(),
    source: text('source').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('customer_bank_accounts_key').on(t.orgId, t.customerId, t.account),
    index('customer_bank_accounts_account_idx').on(t.orgId, t.account),
    check('customer_bank_accounts_source_check', sql`${t.source} in ('manual', 'statement')`),
  ],
);

// How to read one bank's CSV export, saved under a name; the mapping is checked by validateCsvMapping
// on every save and again on every use.
export const bankCsvMappings = pgTable(
  'bank_csv_mappings',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    /** The account the export belongs to (CSV files rarely say), which keeps fingerprints per account. */
    accountIban: text('account_iban'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('bank_csv_mappings_name_key').on(t.orgId, sql`lower(${t.name})`)],
);
