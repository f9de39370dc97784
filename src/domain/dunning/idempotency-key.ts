import type { PlainDate } from '../dates.ts';
import type { StepOccurrenceRef } from './actions.ts';
import type { DunningChannel } from './policy.ts';

// Keys the outbox deduplicates on, so a retried tick or a crash between deciding and delivering never
// sends a reminder twice. Every id is percent-encoded, so no id can forge a separator, and the two single
// shapes have different segment counts: the mapping from inputs to keys is one-to-one.
//   single reminder: reminder/invoice/<invoiceId>/<stepId>/<occurrence>
//   installment:     reminder/invoice/<invoiceId>/installment/<n>/<stepId>/<occurrence>
//   batch:           reminder/customer/<customerId>/<channel>/<YYYY-MM-DD>

const enc = encodeURIComponent;

/** Key of a reminder about one invoice: (invoice, step, occurrence), plus the installment for plan reminders. */
export function singleReminderKey(invoiceId: string, ref: StepOccurrenceRef): string {
  const installment = ref.installment === null ? '' : `/installment/${ref.installment}`;
  return `reminder/invoice/${enc(invoiceId)}${installment}/${enc(ref.stepId)}/${ref.occurrence}`;
}

/** Key of the one message a customer may get per channel and day when it lists several invoices. */
export function batchReminderKey(customerId: string, channel: DunningChannel, on: PlainDate): string {
  return `reminder/customer/${enc(customerId)}/${channel}/${on.toString()}`;
}
