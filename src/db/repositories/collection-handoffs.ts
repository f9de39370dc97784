import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { collectionHandoffs } from '../schema/index.ts';

export type HandoffWithPack = typeof collectionHandoffs.$inferSelect;
export type HandoffRow = Omit<HandoffWithPack, 'pack'>;

// Every column but the pack: lists and views never carry the ZIP's bytes.
const { pack: _pack, ...summary } = getTableColumns(collectionHandoffs);

export async function insertHandoff(tx: Db, row: typeof collectionHandoffs.$inferInsert): Promise<HandoffRow> {
  const [inserted] = await tx.insert(collectionHandoffs).values(row).returning(summary);
  if (!inserted) throw new Error('Hand-off insert returned nothing');
  return inserted;
}

/** The customer's hand-offs, newest first, keyset-paged on the (time-ordered) id. */
export async function listHandoffs(db: Db, orgId: string, customerId: string, before: string | undefined, limit: number): Promise<HandoffRow[]> {
  return db
    .select(summary)
    .from(collectionHandoffs)
    .where(and(eq(collectionHandoffs.orgId, orgId), eq(collectionHandoffs.customerId, customerId), before ? lt(collectionHandoffs.id, before) : undefined))
    .orderBy(desc(collectionHandoffs.id))
    .limit(limit);
}

export async function findHandoffWithPack(db: Db, orgId: string, id: string): Promise<HandoffWithPack | undefined> {
  const [row] = await db.select().from(collectionHandoffs).where(and(eq(collectionHandoffs.orgId, orgId), eq(collectionHandoffs.id, id)));
  return row;
}

/** Which of these invoices an earlier hand-off of the customer already gave to an agency. */
export async function alreadyHandedOver(db: Db, orgId: string, customerId: string, invoiceIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .select({ invoiceIds: collectionHandoffs.invoiceIds })
    .from(collectionHandoffs)
    .where(and(eq(collectionHandoffs.orgId, orgId), eq(collectionHandoffs.customerId, customerId), sql`${collectionHandoffs.invoiceIds} && ${sql.param([...invoiceIds])}::uuid[]`));
  const wanted = new Set(invoiceIds);
  return new Set(rows.flatMap((r) => r.invoiceIds).filter((id) => wanted.has(id)));
}
