import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import type { InvoiceRow } from './invoices.ts';
import { invoices, lateFeeCharges, lateFeePolicies, termsSettings } from '../schema/index.ts';

export type LateFeePolicyRow = typeof lateFeePolicies.$inferSelect;
export type LateFeeChargeRow = typeof lateFeeCharges.$inferSelect;
export type NewLateFeeChargeRow = typeof lateFeeCharges.$inferInsert;
export type TermsSettingKey = 'reference_rates' | 'deposit_policy';

const policyOf = (orgId: string, customerId: string | null) =>
  and(eq(lateFeePolicies.orgId, orgId), customerId === null ? isNull(lateFeePolicies.customerId) : eq(lateFeePolicies.customerId, customerId));

export async function findLateFeePolicy(db: Db, orgId: string, customerId: string | null): Promise<LateFeePolicyRow | undefined> {
  const [row] = await db.select().from(lateFeePolicies).where(policyOf(orgId, customerId));
  return row;
}

export async function listLateFeePolicies(db: Db, orgId: string): Promise<LateFeePolicyRow[]> {
  return db.select().from(lateFeePolicies).where(eq(lateFeePolicies.orgId, orgId)).orderBy(asc(lateFeePolicies.id));
}

/** Insert or replace the default (customerId null) or a customer's override; concurrent saves keep the last. */
export async function saveLateFeePolicy(tx: Db, row: typeof lateFeePolicies.$inferInsert): Promise<LateFeePolicyRow> {
  const target = row.customerId ? [lateFeePolicies.orgId, lateFeePolicies.customerId] : [lateFeePolicies.orgId];
  const [saved] = await tx
    .insert(lateFeePolicies)
    .values(row)
    .onConflictDoUpdate({
      target,
      targetWhere: row.customerId ? sql`${lateFeePolicies.customerId} is not null` : sql`${lateFeePolicies.customerId} is null`,
      set: { policy: row.policy, updatedAt: row.updatedAt },
    })
    .returning();
  if (!saved) throw new Error('Late-fee policy upsert returned nothing');
  return saved;
}

export async function deleteLateFeePolicy(tx: Db, orgId: string, customerId: string | null): Promise<LateFeePolicyRow | undefined> {
  const [row] = await tx.delete(lateFeePolicies).where(policyOf(orgId, customerId)).returning();
  return row;
}

export async function findTermsSetting(db: Db, orgId: string, key: TermsSettingKey): Promise<unknown> {
  const [row] = await db.select({ value: termsSettings.value }).from(termsSettings).where(and(eq(termsSettings.orgId, orgId), eq(termsSettings.key, key)));
  return row?.value;
}

export async function saveTermsSetting(tx: Db, orgId: string, key: TermsSettingKey, value: unknown, at: Date): Promise<void> {
  await tx
    .insert(termsSettings)
    .values({ orgId, key, value, updatedAt: at })
    .onConflictDoUpdate({ target: [termsSettings.orgId, termsSettings.key], set: { value, updatedAt: at } });
}

export async function deleteTermsSetting(tx: Db, orgId: string, key: TermsSettingKey): Promise<boolean> {
  const rows = await tx.delete(termsSettings).where(and(eq(termsSettings.orgId, orgId), eq(termsSettings.key, key))).returning();
  return rows.length > 0;
}

export async function lateFeeChargesOf(db: Db, orgId: string, invoiceId: string): Promise<LateFeeChargeRow[]> {
  return db.select().from(lateFeeCharges).where(and(eq(lateFeeCharges.orgId, orgId), eq(lateFeeCharges.invoiceId, invoiceId))).orderBy(asc(lateFeeCharges.id));
}

export async function insertLateFeeCharges(tx: Db, rows: readonly NewLateFeeChargeRow[]): Promise<LateFeeChargeRow[]> {
  return rows.length === 0 ? [] : tx.insert(lateFeeCharges).values([...rows]).returning();
}

export async function chargesOfFeeInvoiceForUpdate(tx: Db, orgId: string, feeInvoiceId: string): Promise<LateFeeChargeRow[]> {
  return tx
    .select()
    .from(lateFeeCharges)
    .where(and(eq(lateFeeCharges.orgId, orgId), eq(lateFeeCharges.feeInvoiceId, feeInvoiceId)))
    .orderBy(asc(lateFeeCharges.id))
    .for('update');
}

export async function recordWaiver(tx: Db, orgId: string, ids: readonly string[], creditNoteId: string, reason: string): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(lateFeeCharges)
    .set({ waivedAmount: sql`${lateFeeCharges.amount}`, waiverCreditNoteId: creditNoteId, waiverReason: reason })
    .where(and(eq(lateFeeCharges.orgId, orgId), inArray(lateFeeCharges.id, [...ids])));
}

/** The late-fee invoices issued for an invoice, oldest first. */
export async function lateFeeInvoicesOf(db: Db, orgId: string, invoiceId: string): Promise<InvoiceRow[]> {
  return db.select().from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.lateFeeForInvoiceId, invoiceId))).orderBy(asc(invoices.id));
}
