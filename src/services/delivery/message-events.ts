import type { NewEvent } from '../../db/repositories/events.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';

export const DELIVERY_ACTOR = { type: 'system', id: 'delivery' } as const;

/**
 * The events of one delivery outcome, with the message's content, on the message itself and on the
 * timelines of its customer and of every invoice it concerns.
 */
export function messageEvents(row: OutboxRow, action: string, details: Record<string, unknown>): NewEvent[] {
  const after = {
    messageId: row.id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    text: row.bodyText,
    attempts: row.attempts,
    ...details,
  };
  const entities = [
    { entityType: 'message', entityId: row.id },
    ...(row.customerId ? [{ entityType: 'customer', entityId: row.customerId }] : []),
    ...row.invoiceIds.map((id) => ({ entityType: 'invoice', entityId: id })),
  ];
  return entities.map((e) => ({ ...e, action, after }));
}

/** Retries only concern the message: customers' timelines show what was sent, failed or skipped. */
export function retryEvent(row: OutboxRow, details: Record<string, unknown>): NewEvent {
  return { entityType: 'message', entityId: row.id, action: 'message.retry_scheduled', after: { messageId: row.id, channel: row.channel, attempts: row.attempts, ...details } };
}
