import { addDays, compareDates, type PlainDate } from '../dates.ts';
import { failure, type Result, success } from '../result.ts';
import { compareIds } from './compare-ids.ts';
import { type Ledger, type LedgerInvoice, settlementAsOf } from './ledger.ts';
import { shareInBasisPoints } from './ratio.ts';

export interface ReminderSend {
  readonly invoiceId: string;
  readonly stepId: string;
  readonly sentOn: PlainDate;
}

export interface StepEffectiveness {
  readonly stepId: string;
  /** Invoices whose window has run its course (or that were paid within it): the denominator. */
  readonly reminded: number;
  /** Of those, invoices paid in full between the send day and `windowDays` days later, both included. */
  readonly paidWithinWindow: number;
  /** paidWithinWindow ÷ reminded in basis points; null when nothing has been reminded yet. */
  readonly paidWithinWindowShareBp: number | null;
  /** Unpaid invoices whose window has not ended by asOf: too early to tell. */
  readonly pending: number;
  /** Reminders sent for an invoice already paid: left out of the share, and a sign of a dunning fault. */
  readonly sentAfterPayment: number;
}

export const MAX_REMINDER_WINDOW_DAYS = 90;

type Outcome = 'paid' | 'unpaid' | 'pending' | 'after_payment';

function outcome(invoice: LedgerInvoice, sentOn: PlainDate, windowDays: number, asOf: PlainDate): Outcome {
  const windowEnd = addDays(sentOn, windowDays);
  const settlement = settlementAsOf(invoice, asOf);
  if (settlement && compareDates(settlement.paidOn, sentOn) < 0) return 'after_payment';
  if (settlement && compareDates(settlement.paidOn, windowEnd) <= 0) return 'paid';
  return compareDates(windowEnd, asOf) > 0 ? 'pending' : 'unpaid';
}

/**
 * For each dunning step, the share of reminded invoices paid in full within `windowDays` after the reminder,
 * as known at the close of `asOf`. Counts each (invoice, step) once, at its first send. Sends after asOf and
 * sends for invoices outside this ledger (another currency) are ignored; the counts let the caller add
 * ledgers together. Steps are ordered by id.
 */
export function reminderEffectiveness(
  ledger: Ledger,
  sends: readonly ReminderSend[],
  asOf: PlainDate,
  windowDays = 7,
): Result<StepEffectiveness[]> {
  if (!Number.isSafeInteger(windowDays) || windowDays < 0 || windowDays > MAX_REMINDER_WINDOW_DAYS)
    return failure('INVALID_WINDOW', `The window is 0 to ${MAX_REMINDER_WINDOW_DAYS} days`, 'windowDays');
  const invoices = new Map(ledger.invoices.map((i) => [i.id, i]));
  const firstSends = new Map<string, ReminderSend>();
  for (const send of sends) {
    if (!invoices.has(send.invoiceId) || compareDates(send.sentOn, asOf) > 0) continue;
    const key = JSON.stringify([send.stepId, send.invoiceId]);
    const seen = firstSends.get(key);
    if (!seen || compareDates(send.sentOn, seen.sentOn) < 0) firstSends.set(key, send);
  }
  const counts = new Map<string, Record<Outcome, number>>();
  for (const send of firstSends.values()) {
    const invoice = invoices.get(send.invoiceId);
    if (!invoice) continue;
    const tally = counts.get(send.stepId) ?? { paid: 0, unpaid: 0, pending: 0, after_payment: 0 };
    tally[outcome(invoice, send.sentOn, windowDays, asOf)] += 1;
    counts.set(send.stepId, tally);
  }
  return success(
    [...counts.entries()]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([stepId, t]) => {
        const reminded = t.paid + t.unpaid;
        return {
          stepId,
          reminded,
          paidWithinWindow: t.paid,
          paidWithinWindowShareBp: reminded === 0 ? null : shareInBasisPoints(t.paid, reminded),
          pending: t.pending,
          sentAfterPayment: t.after_payment,
        };
      }),
  );
}
