import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { bankAccounts } from '../schema/index.ts';

export type BankAccountRow = typeof bankAccounts.$inferSelect;
export type NewBankAccountRow = typeof bankAccounts.$inferInsert;

export async function insertBankAccount(tx: Db, row: NewBankAccountRow): Promise<BankAccountRow> {
  const [inserted] = await tx.insert(bankAccounts).values(row).returning();
  if (!inserted) throw new Error('Bank account insert returned nothing');
  return inserted;
}

export async function findBankAccount(db: Db, orgId: string, id: string, forUpdate = false): Promise<BankAccountRow | undefined> {
  const q = db.select().from(bankAccounts).where(and(eq(bankAccounts.orgId, orgId), eq(bankAccounts.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listBankAccounts(db: Db, orgId: string): Promise<BankAccountRow[]> {
  return db.select().from(bankAccounts).where(eq(bankAccounts.orgId, orgId)).orderBy(asc(bankAccounts.currency), asc(bankAccounts.id));
}

/** The account invoices in `currency` print: the default one, else the oldest of that currency. */
export async function payingAccountFor(db: Db, orgId: string, currency: string): Promise<BankAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(bankAccounts)
    .where(and(eq(bankAccounts.orgId, orgId), eq(bankAccounts.currency, currency)))
    .orderBy(desc(bankAccounts.isDefault), asc(bankAccounts.id))
    .limit(1);
  return row;
}

export async function updateBankAccount(tx: Db, orgId: string, id: string, patch: Partial<NewBankAccountRow>): Promise<BankAccountRow> {
  const [row] = await tx.update(bankAccounts).set(patch).where(and(eq(bankAccounts.orgId, orgId), eq(bankAccounts.id, id))).returning();
  if (!row) throw new Error(`Bank account ${id} vanished inside its transaction`);
  return row;
}

/** Clears the default flag of the currency's other accounts, so `keepId` can become its default. */
export async function clearOtherDefaults(tx: Db, orgId: string, currency: string, keepId: string): Promise<void> {
  await tx
    .update(bankAccounts)
    .set({ isDefault: false })
    .where(and(eq(bankAccounts.orgId, orgId), eq(bankAccounts.currency, currency), eq(bankAccounts.isDefault, true), ne(bankAccounts.id, keepId)));
}

export async function deleteBankAccount(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(bankAccounts).where(and(eq(bankAccounts.orgId, orgId), eq(bankAccounts.id, id)));
}
