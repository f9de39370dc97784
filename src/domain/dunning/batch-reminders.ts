import { compareDates, type PlainDate } from '../dates.ts';
import { sum } from '../money.ts';
import type { SendAction } from './actions.ts';
import { batchReminderKey, singleReminderKey } from './idempotency-key.ts';
import { type DunningChannel, type Tone, TONES } from './policy.ts';

/** Template of a message listing several invoices; each item still carries its own step's template key. */
export const BATCH_TEMPLATE_KEY = 'reminder_batch';

export interface ReminderItem {
  readonly invoiceId: string;
  readonly stepId: string;
  readonly occurrence: number;
  readonly installment: number | null;
  readonly templateKey: string;
  readonly tone: Tone;
  readonly dueOn: PlainDate;
  readonly paymentDueDate: PlainDate;
  readonly currency: string;
  readonly amountMinor: number;
}

export interface ReminderMessage {
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly channel: DunningChannel;
  readonly on: PlainDate;
  readonly kind: 'single' | 'batch';
  /** The step's template for a single reminder, BATCH_TEMPLATE_KEY for a batch. */
  readonly templateKey: string;
  /** The firmest tone among the items: a batch holding a final notice reads as one. */
  readonly tone: Tone;
  /** Earliest payment due date first. */
  readonly items: readonly ReminderItem[];
  /** Amount asked for per currency, currencies in alphabetical order. */
  readonly totals: readonly { readonly currency: string; readonly amountMinor: number }[];
}

export interface ReminderBatching {
  readonly messages: readonly ReminderMessage[];
  /**
   * Sends for a customer and channel that already got a message today. Do not record them in the history:
   * the planner offers them again on the next tick, and they go out tomorrow.
   */
  readonly deferred: readonly SendAction[];
}

/**
 * One message per customer, channel and day. The sends of one tick (from planDunning over all of a
 * customer's invoices) are grouped by customer and channel: a group of one is a single reminder keyed by
 * (invoice, step, occurrence); a larger group is one batch listing every invoice, keyed by (customer,
 * channel, day). `alreadyMessaged` lists the customer and channel pairs that got a message earlier the same
 * day (from the outbox); their sends are deferred, which keeps the rule even when a later tick that day
 * finds more to say.
 */
export function batchReminders(
  sends: readonly SendAction[],
  on: PlainDate,
  alreadyMessaged: readonly { readonly customerId: string; readonly channel: DunningChannel }[] = [],
): ReminderBatching {
  const messaged = new Set(alreadyMessaged.map((m) => groupKey(m.customerId, m.channel)));
  const groups = new Map<string, SendAction[]>();
  const deferred: SendAction[] = [];
  for (const send of sends) {
    const key = groupKey(send.customerId, send.channel);
    if (messaged.has(key)) {
      deferred.push(send);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(send);
    else groups.set(key, [send]);
  }
  const messages = [...groups.values()].map((group) => message(group, on));
  messages.sort((a, b) => compareText(a.customerId, b.customerId) || compareText(a.channel, b.channel));
  return { messages, deferred };
}

function groupKey(customerId: string, channel: DunningChannel): string {
  return JSON.stringify([customerId, channel]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function message(group: readonly SendAction[], on: PlainDate): ReminderMessage {
  const items = group
    .map(
      (s): ReminderItem => ({
        invoiceId: s.invoiceId,
        stepId: s.stepId,
        occurrence: s.occurrence,
        installment: s.installment,
        templateKey: s.templateKey,
        tone: s.tone,
        dueOn: s.dueOn,
        paymentDueDate: s.paymentDueDate,
        currency: s.currency,
        amountMinor: s.amountMinor,
      }),
    )
    .sort(
      (a, b) =>
        compareDates(a.paymentDueDate, b.paymentDueDate) ||
        compareText(a.invoiceId, b.invoiceId) ||
        (a.installment ?? 0) - (b.installment ?? 0),
    );
  const first = group[0] as SendAction;
  const tone = items.reduce<Tone>((t, i) => (TONES.indexOf(i.tone) > TONES.indexOf(t) ? i.tone : t), 'friendly');
  const currencies = [...new Set(items.map((i) => i.currency))].sort();
  const totals = currencies.map((currency) => ({
    currency,
    amountMinor: sum(items.filter((i) => i.currency === currency).map((i) => i.amountMinor)),
  }));
  const single = group.length === 1;
  return {
    idempotencyKey: single ? singleReminderKey(first.invoiceId, first) : batchReminderKey(first.customerId, first.channel, on),
    customerId: first.customerId,
    channel: first.channel,
    on,
    kind: single ? 'single' : 'batch',
    templateKey: single ? first.templateKey : BATCH_TEMPLATE_KEY,
    tone,
    items,
    totals,
  };
}
