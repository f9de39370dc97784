import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { onlinePayments, providerCustomers, providerEvents } from '../schema/index.ts';

export type ProviderCustomerRow = typeof providerCustomers.$inferSelect;
export type OnlinePaymentRow = typeof onlinePayments.$inferSelect;
export type NewOnlinePaymentRow = typeof onlinePayments.$inferInsert;
export type ProviderEventRow = typeof providerEvents.$inferSelect;

export async function findProviderCustomer(db: Db, orgId: string, customerId: string, provider: string, forUpdate = false): Promise<ProviderCustomerRow | undefined> {
  const q = db
    .select()
    .from(providerCustomers)
    .where(and(eq(providerCustomers.orgId, orgId), eq(providerCustomers.customerId, customerId), eq(providerCustomers.provider, provider)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Keeps the first provider customer id recorded for a customer: a second concurrent creation loses. */
export async function insertProviderCustomer(tx: Db, row: typeof providerCustomers.$inferInsert): Promise<ProviderCustomerRow> {
  await tx.insert(providerCustomers).values(row).onConflictDoNothing();
  return (await findProviderCustomer(tx, row.orgId, row.customerId, row.provider))!;
}

export async function updateProviderCustomer(tx: Db, orgId: string, id: string, patch: Partial<typeof providerCustomers.$inferInsert>): Promise<ProviderCustomerRow> {
  const [row] = await tx.update(providerCustomers).set(patch).where(and(eq(providerCustomers.orgId, orgId), eq(providerCustomers.id, id))).returning();
  if (!row) throw new Error(`Provider customer ${id} vanished inside its transaction`);
  return row;
}

export async function insertOnlinePayment(tx: Db, row: NewOnlinePaymentRow): Promise<OnlinePaymentRow> {
  const [created] = await tx.insert(onlinePayments).values(row).returning();
  return created!;
}

export async function findOnlinePayment(db: Db, orgId: string, id: string, forUpdate = false): Promise<OnlinePaymentRow | undefined> {
  const q = db.select().from(onlinePayments).where(and(eq(onlinePayments.orgId, orgId), eq(onlinePayments.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateOnlinePayment(tx: Db, orgId: string, id: string, patch: Partial<NewOnlinePaymentRow>): Promise<OnlinePaymentRow> {
  const [row] = await tx.update(onlinePayments).set(patch).where(and(eq(onlinePayments.orgId, orgId), eq(onlinePayments.id, id))).returning();
  if (!row) throw new Error(`Online payment ${id} vanished inside its transaction`);
  return row;
}

/** Off-session charges of an invoice that are under way or went through: another would charge twice. */
export async function liveChargesOf(db: Db, orgId: string, invoiceId: string): Promise<OnlinePaymentRow[]> {
  return db
    .select()
    .from(onlinePayments)
    .where(
      and(
        eq(onlinePayments.orgId, orgId),
        eq(onlinePayments.kind, 'off_session'),
        inArray(onlinePayments.status, ['pending', 'succeeded']),
        sql`${onlinePayments.allocations} @> ${JSON.stringify([{ invoiceId }])}::jsonb`,
      ),
    );
}

export interface OnlinePaymentFilter {
  readonly customerId?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listOnlinePayments(db: Db, orgId: string, f: OnlinePaymentFilter): Promise<OnlinePaymentRow[]> {
  const where: SQL[] = [eq(onlinePayments.orgId, orgId)];
  if (f.customerId) where.push(eq(onlinePayments.customerId, f.customerId));
  if (f.before) where.push(lt(onlinePayments.id, f.before));
  return db.select().from(onlinePayments).where(and(...where)).orderBy(desc(onlinePayments.id)).limit(f.limit);
}

/**
 * Claims an event id for processing inside the caller's transaction. False when it was claimed before: a
 * concurrent duplicate waits on the unique index until the first commits, then sees the conflict.
 */
export async function claimProviderEvent(tx: Db, row: typeof providerEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(providerEvents).values(row).onConflictDoNothing().returning({ id: providerEvents.id });
  return inserted.length === 1;
}

export async function settleProviderEvent(tx: Db, orgId: string, id: string, patch: Pick<ProviderEventRow, 'outcome' | 'detail' | 'onlinePaymentId'>): Promise<void> {
  await tx.update(providerEvents).set(patch).where(and(eq(providerEvents.orgId, orgId), eq(providerEvents.id, id)));
}
