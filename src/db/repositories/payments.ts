import { and, asc, desc, eq, gt, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { payments, refunds } from '../schema/index.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPaymentRow = typeof payments.$inferInsert;
export type RefundRow = typeof refunds.$inferSelect;

export async function insertPayment(tx: Db, row: NewPaymentRow): Promise<PaymentRow> {
  const [inserted] = await tx.insert(payments).values(row).returning();
  if (!inserted) throw new Error('Payment insert returned nothing');
  return inserted;
}

export async function findPayment(db: Db, orgId: string, id: string, forUpdate = false): Promise<PaymentRow | undefined> {
  const q = db.select().from(payments).where(and(eq(payments.orgId, orgId), eq(payments.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findPaymentByExternalId(db: Db, orgId: string, source: string, externalId: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orgId, orgId), eq(payments.source, source), eq(payments.externalId, externalId)));
  return row;
}

export async function updatePayment(tx: Db, orgId: string, id: string, patch: Partial<NewPaymentRow>): Promise<PaymentRow> {
  const [row] = await tx.update(payments).set(patch).where(and(eq(payments.orgId, orgId), eq(payments.id, id))).returning();
  if (!row) throw new Error(`Payment ${id} vanished inside its transaction`);
  return row;
}

export async function creditPaymentsForUpdate(tx: Db, orgId: string, customerId: string, currency: string): Promise<PaymentRow[]> {
  return tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.orgId, orgId),
        eq(payments.customerId, customerId),
        eq(payments.currency, currency),
        eq(payments.status, 'recorded'),
        gt(payments.unallocated, 0),
      ),
    )
    .orderBy(asc(payments.id))
    .for('update');
}

export async function insertRefund(tx: Db, row: typeof refunds.$inferInsert): Promise<RefundRow> {
  const [inserted] = await tx.insert(refunds).values(row).returning();
  if (!inserted) throw new Error('Refund insert returned nothing');
  return inserted;
}

export async function refundsOf(db: Db, orgId: string, paymentId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(and(eq(refunds.orgId, orgId), eq(refunds.paymentId, paymentId))).orderBy(asc(refunds.id));
}

export interface PaymentFilter {
  readonly customerId?: string;
  readonly currency?: string;
  readonly method?: readonly string[];
  readonly status?: string;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listPayments(db: Db, orgId: string, f: PaymentFilter): Promise<PaymentRow[]> {
  const where: SQL[] = [eq(payments.orgId, orgId)];
  if (f.customerId) where.push(eq(payments.customerId, f.customerId));
  if (f.currency) where.push(eq(payments.currency, f.currency));
  if (f.method?.length) where.push(inArray(payments.method, [...f.method]));
  if (f.status) where.push(eq(payments.status, f.status));
  if (f.receivedFrom) where.push(gte(payments.receivedOn, f.receivedFrom));
  if (f.receivedTo) where.push(lte(payments.receivedOn, f.receivedTo));
  if (f.before) where.push(lt(payments.id, f.before));
  return db.select().from(payments).where(and(...where)).orderBy(desc(payments.id)).limit(f.limit);
}

export async function insertPayments(tx: Db, rows: readonly NewPaymentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(payments).values(rows.slice(i, i + 2000));
}
