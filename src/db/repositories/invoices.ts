import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { allocations, invoiceLines, invoices, numberSeries } from '../schema/index.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type NewInvoiceLineRow = typeof invoiceLines.$inferInsert;
export type AllocationRow = typeof allocations.$inferSelect;

const RECEIVABLE = ['open', 'partially_paid', 'uncollectible'];

export async function insertInvoices(tx: Db, rows: readonly NewInvoiceRow[], lines: readonly NewInvoiceLineRow[]): Promise<void> {
  // Chunked: a 10,000-invoice import must stay under PostgreSQL's 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(invoices).values(rows.slice(i, i + 2000));
  for (let i = 0; i < lines.length; i += 5000) await tx.insert(invoiceLines).values(lines.slice(i, i + 5000));
}

export async function findInvoice(db: Db, orgId: string, id: string, forUpdate = false): Promise<InvoiceRow | undefined> {
  const q = db.select().from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findInvoicesForUpdate(tx: Db, orgId: string, ids: readonly string[]): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  // Locked in id order so two payments touching the same invoices cannot deadlock.
  return tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), inArray(invoices.id, [...ids])))
    .orderBy(asc(invoices.id))
    .for('update');
}

/** A customer's documents in one currency that still carry money, locked, oldest first. */
function withBalanceForUpdate(tx: Db, orgId: string, customerId: string, currency: string, kind: 'invoice' | 'credit_note', statuses: readonly string[]) {
  return tx
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.orgId, orgId),
        eq(invoices.customerId, customerId),
        eq(invoices.kind, kind),
        eq(invoices.currency, currency),
        inArray(invoices.status, [...statuses]),
        gt(invoices.balance, 0),
      ),
    )
    .orderBy(asc(invoices.id))
    .for('update');
}

/** Invoices still owed by a customer in one currency. */
export function findOpenInvoicesOfCustomer(tx: Db, orgId: string, customerId: string, currency: string): Promise<InvoiceRow[]> {
  return withBalanceForUpdate(tx, orgId, customerId, currency, 'invoice', RECEIVABLE);
}

/** Credit notes with credit not yet applied: part of the customer's credit. */
export function creditSourcesForUpdate(tx: Db, orgId: string, customerId: string, currency: string): Promise<InvoiceRow[]> {
  return withBalanceForUpdate(tx, orgId, customerId, currency, 'credit_note', ['open']);
}

export async function findInvoiceNumbers(db: Db, orgId: string, series: string, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.series, series), inArray(invoices.number, [...numbers])));
  return rows.map((r) => r.number ?? '');
}

/** The numbers of these invoices (drafts have none), by id. */
export async function invoiceNumbers(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(and(eq(invoices.orgId, orgId), inArray(invoices.id, [...ids])));
  return new Map(rows.flatMap((r) => (r.number ? [[r.id, r.number] as const] : [])));
}

export async function invoiceLinesOf(db: Db, orgId: string, invoiceIds: readonly string[]): Promise<InvoiceLineRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.orgId, orgId), inArray(invoiceLines.invoiceId, [...invoiceIds])))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
}

export async function replaceLines(tx: Db, orgId: string, invoiceId: string, lines: readonly NewInvoiceLineRow[]): Promise<void> {
  await tx.delete(invoiceLines).where(and(eq(invoiceLines.orgId, orgId), eq(invoiceLines.invoiceId, invoiceId)));
  if (lines.length > 0) await tx.insert(invoiceLines).values([...lines]);
}

export async function updateInvoice(tx: Db, orgId: string, id: string, patch: Partial<NewInvoiceRow>): Promise<InvoiceRow> {
  const [row] = await tx.update(invoices).set(patch).where(and(eq(invoices.orgId, orgId), eq(invoices.id, id))).returning();
  if (!row) throw new Error(`Invoice ${id} vanished inside its transaction`);
  return row;
}

export async function deleteDraft(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(invoiceLines).where(and(eq(invoiceLines.orgId, orgId), eq(invoiceLines.invoiceId, id)));
  await tx.delete(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.id, id), eq(invoices.status, 'draft')));
}

/**
 * Take the next number of a series. The row lock held until commit makes numbering gapless and safe under
 * concurrency: a second issuer waits, and a rolled-back issue gives its number back.
 */
export async function takeNextNumber(tx: Db, orgId: string, series: string): Promise<string> {
  await tx
    .insert(numberSeries)
    .values({ orgId, id: series, prefix: `${series}-` })
    .onConflictDoNothing();
  const [row] = await tx
    .update(numberSeries)
    .set({ nextNumber: sql`${numberSeries.nextNumber} + 1` })
    .where(and(eq(numberSeries.orgId, orgId), eq(numberSeries.id, series)))
    .returning();
  if (!row) throw new Error(`Number series ${series} missing after upsert`);
  return `${row.prefix}${String(row.nextNumber - 1).padStart(row.padding, '0')}`;
}

export interface InvoiceFilter {
  readonly status?: readonly string[];
  readonly kind?: string;
  readonly customerId?: string;
  readonly currency?: string;
  /** Open with a due date before this day. */
  readonly overdueOn?: string;
  readonly issuedFrom?: string;
  readonly issuedTo?: string;
  readonly dueFrom?: string;
  readonly dueTo?: string;
  readonly number?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listInvoices(db: Db, orgId: string, f: InvoiceFilter): Promise<InvoiceRow[]> {
  const where: SQL[] = [eq(invoices.orgId, orgId)];
  if (f.status?.length) where.push(inArray(invoices.status, [...f.status]));
  if (f.kind) where.push(eq(invoices.kind, f.kind));
  if (f.customerId) where.push(eq(invoices.customerId, f.customerId));
  if (f.currency) where.push(eq(invoices.currency, f.currency));
  if (f.overdueOn) where.push(inArray(invoices.status, RECEIVABLE), lt(invoices.dueDate, f.overdueOn), gt(invoices.balance, 0));
  if (f.issuedFrom) where.push(gte(invoices.issueDate, f.issuedFrom));
  if (f.issuedTo) where.push(lte(invoices.issueDate, f.issuedTo));
  if (f.dueFrom) where.push(gte(invoices.dueDate, f.dueFrom));
  if (f.dueTo) where.push(lte(invoices.dueDate, f.dueTo));
  if (f.number) where.push(eq(invoices.number, f.number));
  if (f.before) where.push(lt(invoices.id, f.before));
  return db.select().from(invoices).where(and(...where)).orderBy(desc(invoices.id)).limit(f.limit);
}

export async function insertAllocations(tx: Db, rows: readonly (typeof allocations.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) await tx.insert(allocations).values(rows.slice(i, i + 5000));
}

export async function activeAllocations(db: Db, orgId: string, by: { invoiceId?: string; paymentId?: string; creditNoteId?: string }): Promise<AllocationRow[]> {
  const where: SQL[] = [eq(allocations.orgId, orgId), isNull(allocations.reversedAt)];
  if (by.invoiceId) where.push(eq(allocations.invoiceId, by.invoiceId));
  if (by.paymentId) where.push(eq(allocations.paymentId, by.paymentId));
  if (by.creditNoteId) where.push(eq(allocations.creditNoteId, by.creditNoteId));
  return db.select().from(allocations).where(and(...where)).orderBy(asc(allocations.id));
}

export async function findAllocation(tx: Db, orgId: string, id: string): Promise<AllocationRow | undefined> {
  const [row] = await tx.select().from(allocations).where(and(eq(allocations.orgId, orgId), eq(allocations.id, id))).for('update');
  return row;
}

export async function stampAllocationsReversed(tx: Db, orgId: string, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(allocations)
    .set({ reversedAt: at })
    .where(and(eq(allocations.orgId, orgId), inArray(allocations.id, [...ids]), isNull(allocations.reversedAt)));
}

export interface LatestAllocationDays {
  readonly lastPaymentOn: string | null;
  readonly lastAllocatedOn: string | null;
}

/** The days of the latest allocations in force on each of these invoices: from payments, and of any kind. */
export async function latestAllocationDays(tx: Db, orgId: string, invoiceIds: readonly string[]): Promise<Map<string, LatestAllocationDays>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await tx
    .select({
      invoiceId: allocations.invoiceId,
      lastPaymentOn: sql<string | null>`(max(${allocations.allocatedOn}) filter (where ${allocations.paymentId} is not null))::text`,
      lastAllocatedOn: sql<string | null>`max(${allocations.allocatedOn})::text`,
    })
    .from(allocations)
    .where(and(eq(allocations.orgId, orgId), inArray(allocations.invoiceId, [...invoiceIds]), isNull(allocations.reversedAt)))
    .groupBy(allocations.invoiceId);
  return new Map(rows.map(({ invoiceId, ...days }) => [invoiceId, days]));
}

/** Sum of the credit notes already issued against an invoice. */
export async function creditedAgainst(db: Db, orgId: string, invoiceId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${invoices.total}), 0)` })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.originalInvoiceId, invoiceId), eq(invoices.kind, 'credit_note'), sql`${invoices.status} <> 'void'`));
  return Number(row?.total ?? 0);
}
