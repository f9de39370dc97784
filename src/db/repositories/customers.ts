import { and, arrayContains, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';
import { contacts, customers } from '../schema/index.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomerRow = typeof customers.$inferInsert;
export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

export async function insertCustomers(tx: Db, rows: readonly NewCustomerRow[], contactRows: readonly NewContactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(customers).values(rows.slice(i, i + 2000));
  for (let i = 0; i < contactRows.length; i += 5000) await tx.insert(contacts).values(contactRows.slice(i, i + 5000));
}

export async function findCustomer(db: Db, orgId: string, id: string, forUpdate = false): Promise<CustomerRow | undefined> {
  const q = db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findCustomersByRef(db: Db, orgId: string, refs: readonly string[]): Promise<CustomerRow[]> {
  if (refs.length === 0) return [];
  return db.select().from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.externalRef, [...refs])));
}

export async function updateCustomer(tx: Db, orgId: string, id: string, patch: Partial<NewCustomerRow>): Promise<CustomerRow> {
  const [row] = await tx.update(customers).set(patch).where(and(eq(customers.orgId, orgId), eq(customers.id, id))).returning();
  if (!row) throw new Error(`Customer ${id} vanished inside its transaction`);
  return row;
}

export async function listContacts(db: Db, orgId: string, customerIds: readonly string[]): Promise<ContactRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.customerId, [...customerIds])))
    .orderBy(asc(contacts.customerId), asc(contacts.id));
}

export async function findContact(db: Db, orgId: string, customerId: string, id: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId), eq(contacts.id, id)));
  return row;
}

export async function updateContact(tx: Db, orgId: string, id: string, patch: Partial<NewContactRow>): Promise<ContactRow> {
  const [row] = await tx.update(contacts).set(patch).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id))).returning();
  if (!row) throw new Error(`Contact ${id} vanished inside its transaction`);
  return row;
}

export async function deleteContact(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
}

export interface CustomerFilter {
  readonly q?: string;
  readonly status?: readonly string[];
  readonly tag?: string;
  readonly currency?: string;
  readonly after?: string;
  readonly limit: number;
}

export async function listCustomers(db: Db, orgId: string, f: CustomerFilter): Promise<CustomerRow[]> {
  const where: SQL[] = [eq(customers.orgId, orgId)];
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(customers.name, pattern), ilike(customers.legalName, pattern), ilike(customers.externalRef, pattern), ilike(customers.taxId, pattern))!);
  }
  if (f.status?.length) where.push(inArray(customers.status, [...f.status]));
  if (f.tag) where.push(arrayContains(customers.tags, [f.tag]));
  if (f.currency) where.push(eq(customers.currency, f.currency));
  if (f.after) where.push(gt(customers.id, f.after));
  return db.select().from(customers).where(and(...where)).orderBy(asc(customers.id)).limit(f.limit);
}

export async function customerCredit(db: Db, orgId: string, customerId: string): Promise<{ currency: string; amount: number }[]> {
  const rows = await queryRows<{ currency: string; amount: string }>(db, sql`
    select currency, sum(amount)::bigint as amount from (
      select currency, unallocated as amount from payments
       where org_id = ${orgId} and customer_id = ${customerId} and status = 'recorded' and unallocated > 0
      union all
      select currency, balance from invoices
       where org_id = ${orgId} and customer_id = ${customerId} and kind = 'credit_note' and status = 'open' and balance > 0
    ) credit group by currency order by currency`);
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
}
