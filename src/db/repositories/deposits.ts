import { and, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { deposits, invoices } from '../schema/index.ts';

export type DepositRow = typeof deposits.$inferSelect;

export async function insertDeposit(tx: Db, row: typeof deposits.$inferInsert): Promise<DepositRow> {
  const [inserted] = await tx.insert(deposits).values(row).returning();
  if (!inserted) throw new Error('Deposit insert returned nothing');
  return inserted;
}

export async function findDeposit(db: Db, orgId: string, id: string, forUpdate = false): Promise<DepositRow | undefined> {
  const q = db.select().from(deposits).where(and(eq(deposits.orgId, orgId), eq(deposits.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateDeposit(tx: Db, orgId: string, id: string, patch: Partial<typeof deposits.$inferInsert>): Promise<DepositRow> {
  const [row] = await tx.update(deposits).set(patch).where(and(eq(deposits.orgId, orgId), eq(deposits.id, id))).returning();
  if (!row) throw new Error(`Deposit ${id} vanished inside its transaction`);
  return row;
}

export async function listDeposits(db: Db, orgId: string, f: { customerId?: string; before?: string; limit: number }): Promise<DepositRow[]> {
  const where: SQL[] = [eq(deposits.orgId, orgId)];
  if (f.customerId) where.push(eq(deposits.customerId, f.customerId));
  if (f.before) where.push(lt(deposits.id, f.before));
  return db.select().from(deposits).where(and(...where)).orderBy(desc(deposits.id)).limit(f.limit);
}

/** Whether the customer has ever paid an invoice in full: customers who have not are "new" to the deposit rule. */
export async function customerHasPaidInvoice(db: Db, orgId: string, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.customerId, customerId), eq(invoices.kind, 'invoice'), eq(invoices.status, 'paid'), gt(invoices.total, 0)))
    .limit(1);
  return row !== undefined;
}

/** The deposit invoices of a page of deposits, read without locking. */
export async function invoicesOfDeposits(db: Db, orgId: string, rows: readonly DepositRow[]) {
  if (rows.length === 0) return [];
  return db.select().from(invoices).where(and(eq(invoices.orgId, orgId), inArray(invoices.id, rows.map((r) => r.invoiceId))));
}
