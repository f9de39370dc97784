import type { CUSTOMER_STATUSES } from '../customer-rules.ts';
import { compareDates, type PlainDate } from '../dates.ts';
import type { InvoiceStatus } from '../invoice-status.ts';
import type {
  ApplyLateFeeAction,
  CreateTaskAction,
  DoneStep,
  DunningAction,
  HandToCollectionsAction,
  PutOnHoldAction,
  SendAction,
  SkipAction,
  SkipReason,
} from './actions.ts';
import { type PaymentPlanTerms, planStanding } from './payment-plan.ts';
import type { DunningPolicy, DunningStep, RiskLevel } from './policy.ts';
import { type ConditionFailure, unmetCondition } from './step-conditions.ts';
import { type Occurrence, owedOccurrences } from './step-schedule.ts';

export interface InvoiceFacts {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
  readonly issuedOn: PlainDate;
  readonly dueDate: PlainDate;
  /** What is still owed, in minor units, after payments and credits. */
  readonly balanceMinor: number;
  readonly status: InvoiceStatus;
  /** Paused by hand by the team. */
  readonly dunningPaused: boolean;
}

export interface CustomerFacts {
  readonly status: (typeof CUSTOMER_STATUSES)[number];
  /** Excluded from automated dunning altogether. */
  readonly excluded: boolean;
  readonly tags: readonly string[];
  readonly riskLevel: RiskLevel;
}

/** Only disputes still open are given. */
export interface OpenDispute {
  readonly id: string;
}

/**
 * Only promises not yet marked kept or broken are given. Once the invoice is settled the planner says nothing
 * about its promises: closing them with the payment belongs to the payment service.
 */
export interface OpenPromise {
  readonly id: string;
  /** The customer promised to pay `amountMinor` by the end of this day. */
  readonly promisedDate: PlainDate;
  readonly amountMinor: number;
  /** Paid on the invoice since the promise was made. */
  readonly paidMinor: number;
}

/** "I already paid": reminders wait until `until` (included) while the team looks for the money. */
export interface PaymentClaim {
  readonly id: string;
  readonly until: PlainDate;
}

export interface ActivePaymentPlan extends PaymentPlanTerms {
  readonly id: string;
  /** The day the plan was agreed; installment reminders falling on or before it are not sent. */
  readonly agreedOn: PlainDate;
  /** Reminders for each installment, offsets from the installment's due date (DEFAULT_INSTALLMENT_STEPS if unsure). */
  readonly reminderSteps: readonly DunningStep[];
}

export interface DunningInput {
  readonly invoice: InvoiceFacts;
  readonly customer: CustomerFacts;
  /** A policy that passed validatePolicy. */
  readonly policy: DunningPolicy;
  /** Every step occurrence sent or skipped for this invoice so far. */
  readonly history: readonly DoneStep[];
  /** The customer's local date (see localDate in send-window.ts). */
  readonly today: PlainDate;
  readonly disputes?: readonly OpenDispute[];
  readonly promises?: readonly OpenPromise[];
  readonly paymentClaims?: readonly PaymentClaim[];
  /** The invoice's payment plan while it is active (not yet marked broken or completed). */
  readonly paymentPlan?: ActivePaymentPlan | null;
}

/** Nothing will be sent for this invoice, now or later, unless these facts change. */
export type StopReason =
  | 'INVOICE_DRAFT'
  | 'INVOICE_PAID'
  | 'INVOICE_VOID'
  | 'INVOICE_WRITTEN_OFF'
  | 'INVOICE_UNCOLLECTIBLE'
  | 'NO_BALANCE'
  | 'CUSTOMER_IN_COLLECTIONS'
  | 'CUSTOMER_EXCLUDED';

/** A pause: steps falling while it lasts are caught up once when it ends. */
export interface Hold {
  readonly reason: 'INVOICE_PAUSED' | 'DISPUTE_OPEN' | 'PROMISE_TO_PAY' | 'PAYMENT_CLAIMED';
  readonly refId: string | null;
  /** Last day of the pause when it has a known end. */
  readonly until: PlainDate | null;
}

export type DunningState =
  | { readonly kind: 'stopped'; readonly reason: StopReason }
  | { readonly kind: 'held'; readonly holds: readonly Hold[] }
  | { readonly kind: 'active'; readonly schedule: 'invoice' | 'payment_plan' };

export interface DunningPlan {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly today: PlainDate;
  /** Why the invoice is or is not being dunned today: what a dry-run shows next to the actions. */
  readonly state: DunningState;
  /**
   * In the order to apply them: promise and plan outcomes, then skips, late fees, the one send, and the
   * holds or hand-off last, so a fee is on the balance before the reminder that mentions it.
   */
  readonly actions: readonly DunningAction[];
}

const STOPPED_STATUSES: Partial<Record<InvoiceStatus, StopReason>> = {
  draft: 'INVOICE_DRAFT',
  paid: 'INVOICE_PAID',
  void: 'INVOICE_VOID',
  written_off: 'INVOICE_WRITTEN_OFF',
  uncollectible: 'INVOICE_UNCOLLECTIBLE',
};

// A customer on hold (no new credit or deliveries) is still reminded: the hold is a sales decision, and the
// reminders are how the money comes back.
function stopReason(invoice: InvoiceFacts, customer: CustomerFacts): StopReason | null {
  const byStatus = STOPPED_STATUSES[invoice.status];
  if (byStatus) return byStatus;
  if (invoice.balanceMinor <= 0) return 'NO_BALANCE';
  if (customer.status === 'in_collections') return 'CUSTOMER_IN_COLLECTIONS';
  if (customer.excluded) return 'CUSTOMER_EXCLUDED';
  return null;
}

/**
 * The dunning decision for one invoice on one day: a pure function of the facts, so a dry-run and the real
 * tick agree, and running it twice with the history updated in between does nothing the second time.
 *
 * Catching up: when several occurrences are owed at once (ticks missed during downtime, or a pause that has
 * just ended), only the latest one whose conditions hold is sent and the earlier ones are recorded as skipped
 * with reason CAUGHT_UP. One reminder, in the tone the schedule has reached, tells the customer where things
 * stand; replaying every missed reminder in one go would bury them and each would be out of date. Nothing is
 * lost: every owed occurrence is recorded (sent or skipped with its reason) and the caught-up steps' own
 * actions (late fees, hold, hand-off) still apply.
 */
export function planDunning(input: DunningInput): DunningPlan {
  const { invoice, customer, today } = input;
  const result = (state: DunningState, actions: readonly DunningAction[]): DunningPlan => ({
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    today,
    state,
    actions,
  });
  const stop = stopReason(invoice, customer);
  if (stop) return result({ kind: 'stopped', reason: stop }, []);

  const actions: DunningAction[] = [];
  const holds: Hold[] = [];
  if (invoice.dunningPaused) holds.push({ reason: 'INVOICE_PAUSED', refId: null, until: null });
  for (const d of input.disputes ?? []) holds.push({ reason: 'DISPUTE_OPEN', refId: d.id, until: null });
  for (const p of input.promises ?? []) {
    if (compareDates(today, p.promisedDate) <= 0) holds.push({ reason: 'PROMISE_TO_PAY', refId: p.id, until: p.promisedDate });
    else if (p.paidMinor >= p.amountMinor) actions.push({ kind: 'mark_promise_kept', promiseId: p.id, reason: 'PROMISED_AMOUNT_PAID' });
    else actions.push({ kind: 'mark_promise_broken', promiseId: p.id, reason: 'PROMISE_DATE_PASSED_UNPAID' }, task('call_about_broken_promise', p.id, today));
  }
  for (const c of input.paymentClaims ?? []) {
    if (compareDates(today, c.until) <= 0) holds.push({ reason: 'PAYMENT_CLAIMED', refId: c.id, until: c.until });
  }
  if (holds.length > 0) return result({ kind: 'held', holds }, actions);

  const plan = input.paymentPlan;
  if (plan) {
    const standing = planStanding(plan, today);
    if (standing.state === 'broken') {
      actions.push(
        { kind: 'break_plan', planId: plan.id, installment: standing.installment, reason: 'INSTALLMENT_MISSED' },
        task('call_about_broken_plan', plan.id, today),
      );
    } else if (standing.state !== 'completed') {
      const schedules = plan.installments
        .filter((i) => i.paidMinor < i.amountMinor)
        .map((i): Schedule => ({
          steps: plan.reminderSteps,
          anchor: i.dueDate,
          installment: i.number,
          startedOn: plan.agreedOn,
          amountMinor: i.amountMinor - i.paidMinor,
        }));
      return result({ kind: 'active', schedule: 'payment_plan' }, [...actions, ...runSchedules(input, schedules)]);
    }
  }
  const own: Schedule = {
    steps: input.policy.steps,
    anchor: invoice.dueDate,
    installment: null,
    startedOn: invoice.issuedOn,
    amountMinor: invoice.balanceMinor,
  };
  return result({ kind: 'active', schedule: 'invoice' }, [...actions, ...runSchedules(input, [own])]);
}

function task(kind: CreateTaskAction['task'], refId: string, today: PlainDate): CreateTaskAction {
  return { kind: 'create_task', task: kind, refId, dueOn: today, reason: kind === 'call_about_broken_promise' ? 'PROMISE_BROKEN' : 'PLAN_BROKEN' };
}

interface Schedule {
  readonly steps: readonly DunningStep[];
  readonly anchor: PlainDate;
  readonly installment: number | null;
  /** Occurrences falling on or before this day are not sent: the invoice or the plan agreement just told the customer. */
  readonly startedOn: PlainDate;
  readonly amountMinor: number;
}

interface Owed extends Occurrence {
  readonly schedule: Schedule;
  readonly blocked: { readonly reason: SkipReason; readonly condition: ConditionFailure | null } | null;
}

function runSchedules(input: DunningInput, schedules: readonly Schedule[]): DunningAction[] {
  const { invoice, customer, today } = input;
  const owed: Owed[] = schedules
    .flatMap((schedule) =>
      owedOccurrences(schedule.steps, schedule.anchor, schedule.installment, input.history, today).map((o): Owed => {
        const facts = { currency: invoice.currency, amountMinor: schedule.amountMinor, tags: customer.tags, riskLevel: customer.riskLevel };
        const condition = unmetCondition(o.step.conditions, facts);
        const blocked =
          compareDates(o.dueOn, schedule.startedOn) <= 0
            ? { reason: 'BEFORE_SCHEDULE_START' as const, condition: null }
            : o.superseded
              ? { reason: 'SUPERSEDED' as const, condition: null }
              : condition
                ? { reason: 'CONDITION_NOT_MET' as const, condition }
                : null;
        return { ...o, schedule, blocked };
      }),
    )
    .sort((a, b) => compareDates(a.dueOn, b.dueOn) || (a.installment ?? 0) - (b.installment ?? 0));

  const runnable = owed.filter((o) => o.blocked === null);
  const chosen = runnable.at(-1);
  const skips = owed
    .filter((o) => o !== chosen)
    .map((o): SkipAction => ({
      kind: 'skip',
      stepId: o.step.id,
      occurrence: o.occurrence,
      installment: o.installment,
      dueOn: o.dueOn,
      reason: o.blocked?.reason ?? 'CAUGHT_UP',
      condition: o.blocked?.condition ?? null,
    }));
  const lateFees = runnable
    .filter((o) => o.step.actions?.includes('apply_late_fee'))
    .map((o): ApplyLateFeeAction => ({ kind: 'apply_late_fee', stepId: o.step.id, occurrence: o.occurrence, installment: o.installment, reason: 'STEP_ACTION' }));
  const send: SendAction[] = chosen
    ? [
        {
          kind: 'send',
          invoiceId: invoice.id,
          customerId: invoice.customerId,
          stepId: chosen.step.id,
          occurrence: chosen.occurrence,
          installment: chosen.installment,
          channel: chosen.step.channel,
          tone: chosen.step.tone,
          templateKey: chosen.step.templateKey,
          dueOn: chosen.dueOn,
          paymentDueDate: chosen.schedule.anchor,
          currency: invoice.currency,
          amountMinor: chosen.schedule.amountMinor,
          reason: compareDates(chosen.dueOn, today) === 0 ? 'DUE_TODAY' : 'DUE_EARLIER',
        },
      ]
    : [];
  const holdStep = customer.status === 'on_hold' ? undefined : runnable.find((o) => o.step.actions?.includes('put_on_hold'));
  const hold: PutOnHoldAction[] = holdStep ? [{ kind: 'put_on_hold', stepId: holdStep.step.id, reason: 'STEP_ACTION' }] : [];
  const handOffStep = runnable.find((o) => o.step.actions?.includes('hand_to_collections'));
  const handOff: HandToCollectionsAction[] = handOffStep ? [{ kind: 'hand_to_collections', stepId: handOffStep.step.id, reason: 'STEP_ACTION' }] : [];
  return [...skips, ...lateFees, ...send, ...hold, ...handOff];
}
