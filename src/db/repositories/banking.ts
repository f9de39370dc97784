import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { bankCsvMappings, bankStatements, bankTransactions, customerBankAccounts, customers, invoices } from '../schema/index.ts';

export type BankStatementRow = typeof bankStatements.$inferSelect;
export type NewBankStatementRow = typeof bankStatements.$inferInsert;
export type BankTransactionRow = typeof bankTransactions.$inferSelect;
export type NewBankTransactionRow = typeof bankTransactions.$inferInsert;
export type CustomerBankAccountRow = typeof customerBankAccounts.$inferSelect;
export type CsvMappingRow = typeof bankCsvMappings.$inferSelect;
export type NewCsvMappingRow = typeof bankCsvMappings.$inferInsert;

// PostgreSQL takes at most 65,535 bind parameters per statement; a transaction row has 29 columns.
const TRANSACTION_CHUNK = 1000;
const LOOKUP_CHUNK = 10_000;

/**
 * Serialise statement imports of one organization until the transaction ends: two uploads of overlapping
 * files then cannot both claim the same line, and the file-hash check cannot race.
 */
export async function lockStatementImports(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bank-statement-import:${orgId}`}, 0))`);
}

export async function findStatementByHash(db: Db, orgId: string, fileHash: string): Promise<BankStatementRow | undefined> {
  const [row] = await db.select().from(bankStatements).where(and(eq(bankStatements.orgId, orgId), eq(bankStatements.fileHash, fileHash)));
  return row;
}

export async function insertStatement(tx: Db, row: NewBankStatementRow): Promise<BankStatementRow> {
  const [inserted] = await tx.insert(bankStatements).values(row).returning();
  if (!inserted) throw new Error('Statement insert returned nothing');
  return inserted;
}

export async function findStatement(db: Db, orgId: string, id: string): Promise<BankStatementRow | undefined> {
  const [row] = await db.select().from(bankStatements).where(and(eq(bankStatements.orgId, orgId), eq(bankStatements.id, id)));
  return row;
}

export async function listStatements(db: Db, orgId: string, f: { before?: string; limit: number }): Promise<BankStatementRow[]> {
  const where: SQL[] = [eq(bankStatements.orgId, orgId)];
  if (f.before) where.push(lt(bankStatements.id, f.before));
  return db.select().from(bankStatements).where(and(...where)).orderBy(desc(bankStatements.id)).limit(f.limit);
}

/** Which of these fingerprints the organization already holds, looked up in chunks as one set. */
export async function knownFingerprints(db: Db, orgId: string, fingerprints: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < fingerprints.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select({ fingerprint: bankTransactions.fingerprint })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.orgId, orgId), inArray(bankTransactions.fingerprint, fingerprints.slice(i, i + LOOKUP_CHUNK))));
    for (const r of rows) known.add(r.fingerprint);
  }
  return known;
}

export async function insertTransactions(tx: Db, rows: readonly NewBankTransactionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += TRANSACTION_CHUNK) await tx.insert(bankTransactions).values(rows.slice(i, i + TRANSACTION_CHUNK));
}

export async function findTransaction(db: Db, orgId: string, id: string, forUpdate = false): Promise<BankTransactionRow | undefined> {
  const q = db.select().from(bankTransactions).where(and(eq(bankTransactions.orgId, orgId), eq(bankTransactions.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateTransaction(tx: Db, orgId: string, id: string, patch: Partial<NewBankTransactionRow>): Promise<BankTransactionRow> {
  const [row] = await tx.update(bankTransactions).set(patch).where(and(eq(bankTransactions.orgId, orgId), eq(bankTransactions.id, id))).returning();
  if (!row) throw new Error(`Bank transaction ${id} vanished inside its transaction`);
  return row;
}

export interface TransactionFilter {
  readonly status?: string;
  readonly statementId?: string;
  readonly after?: string;
  readonly limit: number;
}

/** Oldest first, so a review queue is worked in the order the money arrived. */
export async function listTransactions(db: Db, orgId: string, f: TransactionFilter): Promise<BankTransactionRow[]> {
  const where: SQL[] = [eq(bankTransactions.orgId, orgId)];
  if (f.status) where.push(eq(bankTransactions.status, f.status));
  if (f.statementId) where.push(eq(bankTransactions.statementId, f.statementId));
  if (f.after) where.push(gt(bankTransactions.id, f.after));
  return db.select().from(bankTransactions).where(and(...where)).orderBy(asc(bankTransactions.id)).limit(f.limit);
}

export interface OpenInvoiceRow {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly currency: string;
  readonly balance: number;
  readonly dueDate: string;
}

// The open set is read as three single-table scans joined in memory rather than one SQL join: the plan of
// a join depends on table statistics, which an embedded database (no autovacuum) may never have, and a
// nested-loop plan over 100,000 invoices takes minutes where these scans take well under a second.

/** Every invoice of the organization that can still take money. */
export async function openInvoices(db: Db, orgId: string): Promise<OpenInvoiceRow[]> {
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, customerId: invoices.customerId, currency: invoices.currency, balance: invoices.balance, dueDate: invoices.dueDate })
    .from(invoices)
    .where(
      and(
        eq(invoices.orgId, orgId),
        eq(invoices.kind, 'invoice'),
        inArray(invoices.status, ['open', 'partially_paid', 'uncollectible']),
        gt(invoices.balance, 0),
        sql`${invoices.number} is not null`,
      ),
    );
  return rows.map((r) => ({ ...r, number: r.number ?? '' }));
}

/** Customer names by id, for the whole organization. */
export async function customerNames(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.orgId, orgId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every registered paying account of the organization, grouped by customer. */
export async function accountsByCustomer(db: Db, orgId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ customerId: customerBankAccounts.customerId, account: customerBankAccounts.account })
    .from(customerBankAccounts)
    .where(eq(customerBankAccounts.orgId, orgId));
  const grouped = new Map<string, string[]>();
  for (const r of rows) {
    const list = grouped.get(r.customerId);
    if (list) list.push(r.account);
    else grouped.set(r.customerId, [r.account]);
  }
  return grouped;
}

export async function customerAccounts(db: Db, orgId: string, customerId: string): Promise<CustomerBankAccountRow[]> {
  return db
    .select()
    .from(customerBankAccounts)
    .where(and(eq(customerBankAccounts.orgId, orgId), eq(customerBankAccounts.customerId, customerId)))
    .orderBy(asc(customerBankAccounts.id));
}

/** Insert the accounts not yet known for their customer; returns only the rows actually added. */
export async function addCustomerAccounts(tx: Db, rows: readonly (typeof customerBankAccounts.$inferInsert)[]): Promise<CustomerBankAccountRow[]> {
  const added: CustomerBankAccountRow[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    added.push(...(await tx.insert(customerBankAccounts).values(rows.slice(i, i + 5000)).onConflictDoNothing().returning()));
  }
  return added;
}

export async function deleteCustomerAccount(tx: Db, orgId: string, customerId: string, id: string): Promise<CustomerBankAccountRow | undefined> {
  const [row] = await tx
    .delete(customerBankAccounts)
    .where(and(eq(customerBankAccounts.orgId, orgId), eq(customerBankAccounts.customerId, customerId), eq(customerBankAccounts.id, id)))
    .returning();
  return row;
}

export async function listCsvMappings(db: Db, orgId: string): Promise<CsvMappingRow[]> {
  return db.select().from(bankCsvMappings).where(eq(bankCsvMappings.orgId, orgId)).orderBy(asc(bankCsvMappings.name));
}

export async function findCsvMapping(db: Db, orgId: string, id: string, forUpdate = false): Promise<CsvMappingRow | undefined> {
  const q = db.select().from(bankCsvMappings).where(and(eq(bankCsvMappings.orgId, orgId), eq(bankCsvMappings.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Names compare without case, as the unique index does. */
export async function findCsvMappingByName(db: Db, orgId: string, name: string): Promise<CsvMappingRow | undefined> {
  const [row] = await db
    .select()
    .from(bankCsvMappings)
    .where(and(eq(bankCsvMappings.orgId, orgId), sql`lower(${bankCsvMappings.name}) = lower(${name})`));
  return row;
}

export async function insertCsvMapping(tx: Db, row: NewCsvMappingRow): Promise<CsvMappingRow> {
  const [inserted] = await tx.insert(bankCsvMappings).values(row).returning();
  if (!inserted) throw new Error('Mapping insert returned nothing');
  return inserted;
}

export async function updateCsvMapping(tx: Db, orgId: string, id: string, patch: Partial<NewCsvMappingRow>): Promise<CsvMappingRow> {
  const [row] = await tx.update(bankCsvMappings).set(patch).where(and(eq(bankCsvMappings.orgId, orgId), eq(bankCsvMappings.id, id))).returning();
  if (!row) throw new Error(`Mapping ${id} vanished inside its transaction`);
  return row;
}

export async function deleteCsvMapping(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(bankCsvMappings).where(and(eq(bankCsvMappings.orgId, orgId), eq(bankCsvMappings.id, id)));
}

/** The customer of each invoice (unlocked: the payment service takes the locks, customer first). */
export async function invoiceCustomers(db: Db, orgId: string, invoiceIds: readonly string[]): Promise<Map<string, string>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .select({ id: invoices.id, customerId: invoices.customerId })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), inArray(invoices.id, [...invoiceIds])));
  return new Map(rows.map((r) => [r.id, r.customerId]));
}
