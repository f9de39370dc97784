import { and, desc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { newId } from '../ids.ts';
import { jsonRows } from '../json-rows.ts';
import { outbox } from '../schema/index.ts';

export type OutboxRow = typeof outbox.$inferSelect;
/** A row as queueing returns it: without the bodies, which the caller has just rendered. */
export type QueuedOutboxRow = Omit<OutboxRow, 'bodyText' | 'bodyHtml'>;
const { bodyText: _text, bodyHtml: _html, ...queuedColumns } = getTableColumns(outbox);
export type NewOutboxMessage = Omit<typeof outbox.$inferInsert, 'id' | 'orgId' | 'createdAt' | 'nextAttemptAt' | 'status' | 'attempts' | 'lastError' | 'providerMessageId' | 'sentAt'> & {
  readonly notBefore?: Date;
};

/**
 * Queue messages in the caller's transaction. A message whose idempotency key was already queued is
 * skipped, so deciding twice never sends twice. Returns the rows actually queued.
 */
export async function enqueueMessages(tx: Db, orgId: string, at: Date, messages: readonly NewOutboxMessage[]): Promise<QueuedOutboxRow[]> {
  const queued: QueuedOutboxRow[] = [];
  for (let i = 0; i < messages.length; i += 2_000) {
    const rows = messages.slice(i, i + 2_000).map(({ notBefore, ...m }) => ({ ...m, orgId, id: newId(), createdAt: at, nextAttemptAt: notBefore ?? at, status: 'pending' }));
    queued.push(...(await tx.insert(outbox).select(jsonRows(outbox, rows, ['bodyText', 'bodyHtml'])).onConflictDoNothing().returning(queuedColumns)));
  }
  return queued;
}

/** The message queued under this idempotency key, if any. */
export async function findOutboxByKey(db: Db, orgId: string, idempotencyKey: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.orgId, orgId), eq(outbox.idempotencyKey, idempotencyKey)));
  return row;
}

export interface OutboxFilter {
  readonly customerId?: string;
  readonly status?: string;
  readonly channel?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listOutbox(db: Db, orgId: string, f: OutboxFilter): Promise<OutboxRow[]> {
  const where: SQL[] = [eq(outbox.orgId, orgId)];
  if (f.customerId) where.push(eq(outbox.customerId, f.customerId));
  if (f.status) where.push(eq(outbox.status, f.status));
  if (f.channel) where.push(eq(outbox.channel, f.channel));
  if (f.before) where.push(lt(outbox.id, f.before));
  return db.select().from(outbox).where(and(...where)).orderBy(desc(outbox.id)).limit(f.limit);
}

export async function findOutboxByInvoice(db: Db, orgId: string, invoiceId: string): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.orgId, orgId), sql`${invoiceId}::uuid = any(${outbox.invoiceIds})`))
    .orderBy(desc(outbox.id));
}
