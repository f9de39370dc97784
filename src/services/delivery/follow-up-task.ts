import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../db/connection.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';
import { createTask } from '../collections/tasks.ts';
import { DELIVERY_ACTOR } from './message-events.ts';
import type { DeliveryFailure } from './types.ts';

/**
 * The follow-up of a message that failed for good: a task on the collectors' worklist, due today, so
 * someone finds a working address or number (or fixes the webhook). Messages without a customer have
 * nobody to follow up with; their 'message.failed' events say what happened.
 */
export async function openFollowUpTask(tx: Db, orgId: string, row: OutboxRow, failure: DeliveryFailure, at: Date): Promise<void> {
  if (!row.customerId) return;
  const org = await findOrganization(tx, orgId);
  const today = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(org?.timeZone ?? 'UTC').toPlainDate().toString();
  const what = failure.invalidRecipient ? `${row.recipient} cannot receive ${row.channel === 'sms' ? 'texts' : 'email'}` : `The ${row.channel} to ${row.recipient} failed`;
  const task = {
    customerId: row.customerId,
    title: `${what}: find another way to reach them`.slice(0, 300),
    dueOn: today,
    note: `Message ${row.id}${row.subject ? ` ("${row.subject}")` : ''} was not delivered: ${failure.error}`.slice(0, 4000),
  };
  const ctx = { db: tx, orgId, actor: DELIVERY_ACTOR, clock: { now: () => Temporal.Instant.fromEpochMilliseconds(at.getTime()) } };
  const created = await createTask(ctx, { ...task, invoiceIds: row.invoiceIds });
  // Invoices that are no longer the customer's (or gone) must not cost the team the task itself.
  if (!created.ok) await createTask(ctx, task);
}
