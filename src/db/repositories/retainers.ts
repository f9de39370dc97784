import { and, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { customerRetainers } from '../schema/index.ts';

export type RetainerRow = typeof customerRetainers.$inferSelect;

export async function findRetainer(db: Db, orgId: string, customerId: string): Promise<RetainerRow | undefined> {
  const [row] = await db.select().from(customerRetainers).where(and(eq(customerRetainers.orgId, orgId), eq(customerRetainers.customerId, customerId)));
  return row;
}

export async function saveRetainer(tx: Db, row: typeof customerRetainers.$inferInsert): Promise<RetainerRow> {
  const [saved] = await tx
    .insert(customerRetainers)
    .values(row)
    .onConflictDoUpdate({
      target: [customerRetainers.orgId, customerRetainers.customerId],
      set: { currency: row.currency, minimumBalance: row.minimumBalance, updatedAt: row.updatedAt },
    })
    .returning();
  if (!saved) throw new Error('Retainer upsert returned nothing');
  return saved;
}

export async function deleteRetainer(tx: Db, orgId: string, customerId: string): Promise<RetainerRow | undefined> {
  const [row] = await tx.delete(customerRetainers).where(and(eq(customerRetainers.orgId, orgId), eq(customerRetainers.customerId, customerId))).returning();
  return row;
}
