import { addDays, compareDates, type PlainDate } from '../../domain/dates.ts';
import { nextOccurrenceOn, type DoneStep, type DunningInput, type DunningPlan } from '../../domain/dunning/index.ts';

function earliest(days: readonly (PlainDate | null)[]): PlainDate | null {
  return days.reduce<PlainDate | null>((a, d) => (d === null ? a : a === null || compareDates(d, a) < 0 ? d : a), null);
}

/**
 * The first day after `today` on which the planner could do something for this invoice without any fact
 * changing, or null when only a change can (a payment, a resolved dispute, a resumed invoice, a new setting:
 * each of those makes the tick look again). `history` includes what this tick recorded; `deferred` says a
 * send was put off to tomorrow by the one-message-a-day rule. Erring early costs a look, erring late would
 * lose a reminder, so every date here is the earliest the facts allow.
 */
export function nextCheckOn(plan: DunningPlan, input: DunningInput, history: readonly DoneStep[], deferred: boolean): PlainDate | null {
  const { today } = input;
  const tomorrow = addDays(today, 1);
  const notBeforeTomorrow = (d: PlainDate | null) => (d !== null && compareDates(d, tomorrow) < 0 ? tomorrow : d);
  switch (plan.state.kind) {
    case 'stopped':
      // The customer's status changes outside dunning (customer edits): look daily while it lasts.
      return plan.state.reason === 'CUSTOMER_IN_COLLECTIONS' ? tomorrow : null;
    case 'held':
      return notBeforeTomorrow(earliest(plan.state.holds.map((h) => (h.until ? addDays(h.until, 1) : null))));
    case 'active': {
      if (deferred) return tomorrow;
      const plan_ = input.paymentPlan;
      if (plan.state.schedule === 'payment_plan' && plan_) {
        const open = plan_.installments.filter((i) => i.paidMinor < i.amountMinor);
        const graceEnd = open[0] ? addDays(open[0].dueDate, plan_.graceDays + 1) : null;
        return notBeforeTomorrow(earliest([graceEnd, ...open.map((i) => nextOccurrenceOn(plan_.reminderSteps, i.dueDate, i.number, history))]));
      }
      return notBeforeTomorrow(nextOccurrenceOn(input.policy.steps, input.invoice.dueDate, null, history));
    }
  }
}
