import type { NewEvent } from '../../db/repositories/events.ts';

/** The same fact on the customer's timeline and on each invoice's, which is where the team looks. */
export function timelineEvents(customerId: string | null, invoiceIds: readonly string[], action: string, after: unknown): NewEvent[] {
  const invoiceEvents = [...new Set(invoiceIds)].map((id): NewEvent => ({ entityType: 'invoice', entityId: id, action, after }));
  return customerId ? [{ entityType: 'customer', entityId: customerId, action, after }, ...invoiceEvents] : invoiceEvents;
}
