import type { Db } from '../../db/connection.ts';
import {
  cancelOutboxRows,
  forgetInvoiceStates,
  pendingRemindersOf,
  pendingRemindersOfCustomers,
  releaseHistory,
} from '../../db/repositories/dunning.ts';
import { appendEvents, type Actor } from '../../db/repositories/events.ts';
import { timelineEvents } from './timeline.ts';

export interface CancelScope {
  readonly customerIds: readonly string[];
  /** Only reminders mentioning these invoices; absent: every pending reminder of the customers. */
  readonly invoiceIds?: readonly string[];
  /** Rows to leave alone (queued by the same transaction). */
  readonly exceptOutboxIds?: readonly string[];
}

/**
 * Cancel pending reminders in the caller's transaction, so a message decided before a payment, dispute,
 * promise or pause is never delivered after it. A cancelled batch also spoke for other invoices: their steps
 * are released and their dunning state forgotten, so the next tick offers them again (in tomorrow's message,
 * as today's was already spent). Returns the number of reminders cancelled.
 */
export async function cancelPendingReminders(tx: Db, orgId: string, actor: Actor, at: Date, scope: CancelScope, reason: string): Promise<number> {
  const found = scope.invoiceIds
    ? await pendingRemindersOf(tx, orgId, scope.customerIds, scope.invoiceIds)
    : await pendingRemindersOfCustomers(tx, orgId, scope.customerIds);
  const except = new Set(scope.exceptOutboxIds ?? []);
  const rows = found.filter((r) => !except.has(r.id));
  if (rows.length === 0) return 0;
  await cancelOutboxRows(tx, orgId, rows.map((r) => r.id), reason);
  const released = scope.invoiceIds ? await releaseHistory(tx, orgId, rows.map((r) => r.idempotencyKey), scope.invoiceIds) : [];
  await forgetInvoiceStates(tx, orgId, released);
  await appendEvents(
    tx,
    orgId,
    actor,
    at,
    rows.flatMap((r) =>
      timelineEvents(r.customerId, r.invoiceIds, 'dunning.reminder_cancelled', {
        outboxId: r.id,
        idempotencyKey: r.idempotencyKey,
        channel: r.channel,
        recipient: r.recipient,
        subject: r.subject,
        reason,
        releasedInvoiceIds: released.filter((id) => r.invoiceIds.includes(id)),
      }),
    ),
  );
  return rows.length;
}

/**
 * A fact that pauses or stops dunning changed on these invoices: cancel what is pending for them and make the
 * next tick look at them again.
 */
export async function stopPendingDunning(tx: Db, orgId: string, actor: Actor, at: Date, invoices: readonly { readonly id: string; readonly customerId: string }[], reason: string): Promise<number> {
  const invoiceIds = invoices.map((i) => i.id);
  await forgetInvoiceStates(tx, orgId, invoiceIds);
  return cancelPendingReminders(tx, orgId, actor, at, { customerIds: [...new Set(invoices.map((i) => i.customerId))], invoiceIds }, reason);
}
