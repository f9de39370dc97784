import type { PlainDate } from '../dates.ts';
import type { DunningChannel, Tone } from './policy.ts';
import type { ConditionFailure } from './step-conditions.ts';

/** One occurrence of one step, for the invoice itself (installment null) or for one installment of its plan. */
export interface StepOccurrenceRef {
  readonly stepId: string;
  /** 1 for the first time a step runs; 2, 3… for the repeats of the last step. */
  readonly occurrence: number;
  readonly installment: number | null;
}

/**
 * DUE_TODAY: the occurrence falls today. DUE_EARLIER: it fell on an earlier day that no tick covered (downtime)
 * or that a pause covered; it is the latest such occurrence and goes out once, now.
 */
export type SendReason = 'DUE_TODAY' | 'DUE_EARLIER';

/**
 * CAUGHT_UP: a later occurrence is being sent in the same tick, so this one is recorded and not sent.
 * CONDITION_NOT_MET: the step's conditions exclude this invoice today (see `condition`).
 * SUPERSEDED: a later step of the schedule is already done (the policy was edited to add an earlier step).
 * BEFORE_SCHEDULE_START: the occurrence fell on or before the day the invoice was issued (or the payment plan
 * agreed): the invoice or the agreement itself has just told the customer, a reminder the same day would not.
 */
export type SkipReason = 'CAUGHT_UP' | 'CONDITION_NOT_MET' | 'SUPERSEDED' | 'BEFORE_SCHEDULE_START';

export interface SendAction extends StepOccurrenceRef {
  readonly kind: 'send';
  readonly invoiceId: string;
  readonly customerId: string;
  readonly channel: DunningChannel;
  readonly tone: Tone;
  readonly templateKey: string;
  /** The day this occurrence became due (today, or the earlier day it was missed on). */
  readonly dueOn: PlainDate;
  /** The date the customer is asked to pay by: the invoice's due date, or the installment's. */
  readonly paymentDueDate: PlainDate;
  readonly currency: string;
  /** The amount asked for: the invoice balance as of the tick (net of partial payments) or the installment's remainder. */
  readonly amountMinor: number;
  readonly reason: SendReason;
}

export interface SkipAction extends StepOccurrenceRef {
  readonly kind: 'skip';
  readonly dueOn: PlainDate;
  readonly reason: SkipReason;
  readonly condition: ConditionFailure | null;
}

export interface MarkPromiseBrokenAction {
  readonly kind: 'mark_promise_broken';
  readonly promiseId: string;
  readonly reason: 'PROMISE_DATE_PASSED_UNPAID';
}

export interface MarkPromiseKeptAction {
  readonly kind: 'mark_promise_kept';
  readonly promiseId: string;
  readonly reason: 'PROMISED_AMOUNT_PAID';
}

export interface BreakPlanAction {
  readonly kind: 'break_plan';
  readonly planId: string;
  /** The first installment still unpaid after its grace days. */
  readonly installment: number;
  readonly reason: 'INSTALLMENT_MISSED';
}

/** A step's own actions run for the step sent and for the steps it caught up (they are owed, not superseded). */
export interface ApplyLateFeeAction extends StepOccurrenceRef {
  readonly kind: 'apply_late_fee';
  readonly reason: 'STEP_ACTION';
}

export interface PutOnHoldAction {
  readonly kind: 'put_on_hold';
  readonly stepId: string;
  readonly reason: 'STEP_ACTION';
}

export interface HandToCollectionsAction {
  readonly kind: 'hand_to_collections';
  readonly stepId: string;
  readonly reason: 'STEP_ACTION';
}

export interface CreateTaskAction {
  readonly kind: 'create_task';
  readonly task: 'call_about_broken_promise' | 'call_about_broken_plan';
  /** The promise or plan the task is about. */
  readonly refId: string;
  readonly dueOn: PlainDate;
  readonly reason: 'PROMISE_BROKEN' | 'PLAN_BROKEN';
}

export type DunningAction =
  | SendAction
  | SkipAction
  | MarkPromiseBrokenAction
  | MarkPromiseKeptAction
  | BreakPlanAction
  | ApplyLateFeeAction
  | PutOnHoldAction
  | HandToCollectionsAction
  | CreateTaskAction;

/** A step occurrence already sent or skipped for this invoice: the planner's memory. */
export interface DoneStep {
  readonly stepId: string;
  readonly occurrence: number;
  readonly installment?: number | null;
  /** The day it was sent or skipped; the next repeat counts from it. */
  readonly on: PlainDate;
}

/** The history row to store when a send goes out (or is handed to the outbox) or a skip is recorded. */
export function doneStep(action: SendAction | SkipAction, on: PlainDate): DoneStep {
  return { stepId: action.stepId, occurrence: action.occurrence, installment: action.installment, on };
}
