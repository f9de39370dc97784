import { addDays, compareDates, type PlainDate } from '../dates.ts';
import { splitEvenly } from '../money.ts';
import { failure, type Failure, type Result, success } from '../result.ts';
import type { DunningStep } from './policy.ts';

export const MAX_INSTALLMENTS = 120;
export const MAX_GRACE_DAYS = 60;

export interface Installment {
  /** 1-based position in the plan; history and idempotency keys refer to it. */
  readonly number: number;
  readonly dueDate: PlainDate;
  readonly amountMinor: number;
  readonly paidMinor: number;
}

export interface PaymentPlanTerms {
  /** Days after an installment's due date during which it may still be paid before the plan breaks. */
  readonly graceDays: number;
  readonly installments: readonly Installment[];
}

export interface PaymentPlanRequest {
  readonly balanceMinor: number;
  readonly dueDates: readonly PlainDate[];
  /** Amounts agreed with the customer; absent: the balance split evenly, earlier installments taking the extra minor units. */
  readonly amounts?: readonly number[];
  readonly graceDays: number;
  readonly today: PlainDate;
}

export type PaymentPlanErrorCode =
  | 'PLAN_BALANCE_INVALID'
  | 'PLAN_GRACE_INVALID'
  | 'PLAN_NO_INSTALLMENTS'
  | 'PLAN_TOO_MANY_INSTALLMENTS'
  | 'PLAN_FIRST_DATE_IN_PAST'
  | 'PLAN_DATES_NOT_INCREASING'
  | 'PLAN_BALANCE_TOO_SMALL'
  | 'PLAN_AMOUNTS_COUNT_MISMATCH'
  | 'PLAN_AMOUNT_INVALID'
  | 'PLAN_SUM_MISMATCH';

export interface PaymentPlanError extends Failure {
  readonly code: PaymentPlanErrorCode;
  readonly field: string;
}

function planError(code: PaymentPlanErrorCode, message: string, field: string): PaymentPlanError {
  return failure(code, message, field) as PaymentPlanError;
}

/**
 * Installments that add up exactly to the balance, due on strictly increasing dates, the first today or
 * later. A payment plan never rounds: any remainder of an even split goes to the earliest installments.
 */
export function buildPaymentPlan(request: PaymentPlanRequest): Result<PaymentPlanTerms> {
  const { balanceMinor, dueDates, amounts, graceDays, today } = request;
  if (!Number.isSafeInteger(balanceMinor) || balanceMinor <= 0) {
    return planError('PLAN_BALANCE_INVALID', 'A plan needs a positive balance in minor units', 'balanceMinor');
  }
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
    return planError('PLAN_GRACE_INVALID', `Grace is 0 to ${MAX_GRACE_DAYS} days`, 'graceDays');
  }
  const first = dueDates[0];
  if (!first) return planError('PLAN_NO_INSTALLMENTS', 'A plan needs at least one installment', 'dueDates');
  if (dueDates.length > MAX_INSTALLMENTS) {
    return planError('PLAN_TOO_MANY_INSTALLMENTS', `A plan has at most ${MAX_INSTALLMENTS} installments`, 'dueDates');
  }
  if (compareDates(first, today) < 0) return planError('PLAN_FIRST_DATE_IN_PAST', 'The first installment cannot be due in the past', 'dueDates[0]');
  for (let i = 1; i < dueDates.length; i++) {
    if (compareDates(dueDates[i - 1] as PlainDate, dueDates[i] as PlainDate) >= 0) {
      return planError('PLAN_DATES_NOT_INCREASING', 'Each installment must fall after the previous one', `dueDates[${i}]`);
    }
  }
  const checked = amounts ? checkAmounts(amounts, balanceMinor, dueDates.length) : evenAmounts(balanceMinor, dueDates.length);
  if (!checked.ok) return checked;
  return success({
    graceDays,
    installments: dueDates.map((dueDate, i) => ({ number: i + 1, dueDate, amountMinor: checked.value[i] as number, paidMinor: 0 })),
  });
}

function evenAmounts(balanceMinor: number, count: number): Result<number[]> {
  if (balanceMinor < count) {
    return planError('PLAN_BALANCE_TOO_SMALL', `${balanceMinor} minor units cannot make ${count} installments`, 'dueDates');
  }
  return success(splitEvenly(balanceMinor, count));
}

function checkAmounts(amounts: readonly number[], balanceMinor: number, count: number): Result<number[]> {
  if (amounts.length !== count) return planError('PLAN_AMOUNTS_COUNT_MISMATCH', 'Give one amount per due date', 'amounts');
  const bad = amounts.findIndex((a) => !Number.isSafeInteger(a) || a <= 0);
  if (bad >= 0) return planError('PLAN_AMOUNT_INVALID', 'Each installment is a positive amount in minor units', `amounts[${bad}]`);
  // Summed in bigint: many hostile amounts near the safe limit must produce a mismatch, not an overflow.
  const total = amounts.reduce((s, a) => s + BigInt(a), 0n);
  if (total !== BigInt(balanceMinor)) {
    return planError('PLAN_SUM_MISMATCH', `Installments add up to ${total}, the balance is ${balanceMinor}`, 'amounts');
  }
  return success([...amounts]);
}

/**
 * Due dates `count` months apart from the first, each computed from the first so a plan starting on the
 * 31st stays on month ends (31 Jan, 28 Feb, 31 Mar) instead of drifting to the 28th.
 */
export function monthlyDueDates(first: PlainDate, count: number): PlainDate[] {
  return Array.from({ length: count }, (_, i) => first.add({ months: i }));
}

/** Spread what was paid towards a plan over its installments, earliest first; any excess is ignored here. */
export function applyPaidToInstallments(installments: readonly Installment[], paidTotalMinor: number): Installment[] {
  let left = paidTotalMinor;
  return installments.map((inst) => {
    const paidMinor = Math.max(0, Math.min(left, inst.amountMinor));
    left -= paidMinor;
    return { ...inst, paidMinor };
  });
}

export type PlanStanding =
  | { readonly state: 'completed' }
  | { readonly state: 'current'; readonly installment: number; readonly dueDate: PlainDate }
  | { readonly state: 'missed_within_grace'; readonly installment: number; readonly graceEndsOn: PlainDate }
  | { readonly state: 'broken'; readonly installment: number; readonly graceEndedOn: PlainDate };

/**
 * Where a plan stands as of a day, judged by its earliest installment not paid in full: due today or later
 * (current), past due but within grace (the last grace day still counts), or past grace (broken).
 */
export function planStanding(plan: PaymentPlanTerms, today: PlainDate): PlanStanding {
  const open = plan.installments.find((i) => i.paidMinor < i.amountMinor);
  if (!open) return { state: 'completed' };
  const graceEnd = addDays(open.dueDate, plan.graceDays);
  if (compareDates(today, graceEnd) > 0) return { state: 'broken', installment: open.number, graceEndedOn: graceEnd };
  if (compareDates(today, open.dueDate) > 0) return { state: 'missed_within_grace', installment: open.number, graceEndsOn: graceEnd };
  return { state: 'current', installment: open.number, dueDate: open.dueDate };
}

/** Installment reminders when the plan does not set its own: three days before, on the day, the day after. */
export const DEFAULT_INSTALLMENT_STEPS: readonly DunningStep[] = [
  { id: 'installment_upcoming', offsetDays: -3, channel: 'email', tone: 'friendly', templateKey: 'installment_upcoming' },
  { id: 'installment_due', offsetDays: 0, channel: 'email', tone: 'friendly', templateKey: 'installment_due' },
  { id: 'installment_overdue', offsetDays: 1, channel: 'email', tone: 'firm', templateKey: 'installment_overdue' },
];
