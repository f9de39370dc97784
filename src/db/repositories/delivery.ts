import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { TENANT_ROLE, type Db } from '../connection.ts';
import { newId } from '../ids.ts';
import { contacts, messageDeliveries, outbox } from '../schema/index.ts';
import type { OutboxRow } from './outbox.ts';

export type DeliveryRow = typeof messageDeliveries.$inferSelect;

/**
 * Lock up to `limit` due messages of any organization. SKIP LOCKED lets several workers claim side by
 * side without waiting on each other or taking the same row.
 */
export async function lockDueMessages(tx: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * Within a cross-organization claim, run the next statements as inOrg does: as the tenant role, scoped to
 * one organization, so row-level security binds them. `leaveOrganizationScope` returns to the owner role.
 */
export async function scopeToOrganization(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${TENANT_ROLE}, true)`);
}

export async function leaveOrganizationScope(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('role', 'none', true)`);
}

/**
 * Count the attempt and hide the rows from other claimers until `until`, while they are being sent.
 * Returns each row's attempt number.
 */
export async function leaseMessages(tx: Db, rows: readonly OutboxRow[], until: Date): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const leased = await tx
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: until })
    .where(
      and(
        sql`(${outbox.orgId}, ${outbox.id}) in (select * from unnest(${sql.param(rows.map((r) => r.orgId))}::uuid[], ${sql.param(rows.map((r) => r.id))}::uuid[]))`,
        eq(outbox.status, 'pending'),
      ),
    )
    .returning({ id: outbox.id, attempts: outbox.attempts });
  if (leased.length !== rows.length) throw new Error('outbox rows vanished while locked');
  return new Map(leased.map((r) => [r.id, r.attempts]));
}

// Every update after the send is guarded by the attempt it belongs to: if the lease ran out and another
// worker took the row, this worker's late answer changes nothing.
const claimedBy = (orgId: string, id: string, attempt: number) =>
  and(eq(outbox.orgId, orgId), eq(outbox.id, id), eq(outbox.status, 'pending'), eq(outbox.attempts, attempt));

export async function cancelMessage(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.update(outbox).set({ status: 'cancelled' }).where(and(eq(outbox.orgId, orgId), eq(outbox.id, id), eq(outbox.status, 'pending')));
}

/**
 * Stamp a row sent. A row cancelled while its message was already on the way (a payment recorded during
 * the send) is stamped too, because it did go out: the answer says so, as 'cancelled_while_sending'.
 */
export async function markMessageSent(tx: Db, orgId: string, id: string, attempt: number, at: Date, providerMessageId: string): Promise<'sent' | 'cancelled_while_sending' | 'stale'> {
  const stamp = { status: 'sent', sentAt: at, providerMessageId, lastError: null };
  if ((await tx.update(outbox).set(stamp).where(claimedBy(orgId, id, attempt)).returning({ id: outbox.id })).length === 1) return 'sent';
  const cancelled = and(eq(outbox.orgId, orgId), eq(outbox.id, id), eq(outbox.status, 'cancelled'), eq(outbox.attempts, attempt));
  return (await tx.update(outbox).set(stamp).where(cancelled).returning({ id: outbox.id })).length === 1 ? 'cancelled_while_sending' : 'stale';
}

export async function markMessageRetry(tx: Db, orgId: string, id: string, attempt: number, next: Date, error: string): Promise<boolean> {
  const rows = await tx.update(outbox).set({ nextAttemptAt: next, lastError: error }).where(claimedBy(orgId, id, attempt)).returning({ id: outbox.id });
  return rows.length === 1;
}

export async function markMessageFailed(tx: Db, orgId: string, id: string, attempt: number, error: string): Promise<boolean> {
  const rows = await tx.update(outbox).set({ status: 'failed', lastError: error }).where(claimedBy(orgId, id, attempt)).returning({ id: outbox.id });
  return rows.length === 1;
}

/** Give a claimed row back untried (its channel is down in this sweep): the attempt does not count. */
export async function releaseMessage(tx: Db, orgId: string, id: string, attempt: number, next: Date): Promise<void> {
  await tx.update(outbox).set({ nextAttemptAt: next, attempts: attempt - 1 }).where(claimedBy(orgId, id, attempt));
}

export interface NewDelivery {
  readonly outboxId: string;
  readonly attempt: number;
  readonly outcome: 'sent' | 'retry' | 'failed' | 'cancelled';
  readonly transport?: string;
  readonly providerMessageId?: string;
  readonly error?: string;
}

export async function recordDelivery(tx: Db, orgId: string, at: Date, d: NewDelivery): Promise<void> {
  await tx.insert(messageDeliveries).values({
    orgId,
    id: newId(),
    outboxId: d.outboxId,
    attempt: d.attempt,
    outcome: d.outcome,
    transport: d.transport ?? null,
    providerMessageId: d.providerMessageId ?? null,
    error: d.error ?? null,
    occurredAt: at,
  });
}

export async function deliveriesOf(db: Db, orgId: string, outboxId: string): Promise<DeliveryRow[]> {
  return db.select().from(messageDeliveries).where(and(eq(messageDeliveries.orgId, orgId), eq(messageDeliveries.outboxId, outboxId))).orderBy(asc(messageDeliveries.id));
}

/** The latest attempt of each message, for lists: which transport took it. */
export async function lastDeliveries(db: Db, orgId: string, outboxIds: readonly string[]): Promise<Map<string, DeliveryRow>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([messageDeliveries.outboxId])
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.orgId, orgId), sql`${messageDeliveries.outboxId} = any(${sql.param([...outboxIds])}::uuid[])`))
    .orderBy(messageDeliveries.outboxId, sql`${messageDeliveries.id} desc`);
  return new Map(rows.map((r) => [r.outboxId, r]));
}

export async function findMessage(db: Db, orgId: string, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.orgId, orgId), eq(outbox.id, id)));
  return row;
}

/**
 * Mark the contacts behind a recipient that cannot receive: the customer's contacts with that address
 * (or, for a message without a customer, any of the organization's). Returns the ids flagged now.
 */
export async function flagUnreachableContacts(tx: Db, orgId: string, customerId: string | null, channel: 'email' | 'sms', recipient: string, at: Date): Promise<string[]> {
  const scope = customerId ? eq(contacts.customerId, customerId) : undefined;
  const rows =
    channel === 'email'
      ? await tx
          .update(contacts)
          .set({ emailBouncedAt: at })
          .where(and(eq(contacts.orgId, orgId), scope, sql`lower(${contacts.email}) = lower(${recipient})`, isNull(contacts.emailBouncedAt)))
          .returning({ id: contacts.id })
      : await tx
          .update(contacts)
          .set({ phoneInvalidAt: at })
          .where(and(eq(contacts.orgId, orgId), scope, sql`regexp_replace(${contacts.phone}, '[^0-9+]', '', 'g') = regexp_replace(${recipient}, '[^0-9+]', '', 'g')`, isNull(contacts.phoneInvalidAt)))
          .returning({ id: contacts.id });
  return rows.map((r) => r.id);
}
