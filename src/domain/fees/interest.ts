import { addDays, compareDates, daysBetween, type PlainDate } from '../dates.ts';
import { assertSafe, divideRoundHalfUp, money, type Money, toSafeNumber } from '../money.ts';
import { success } from '../result.ts';
import type { FeesResult } from './failure.ts';
import type { ReferenceRateTable } from './reference-rates.ts';
import { type Jurisdiction, statutoryRate } from './statutory-rate.ts';

/** actual/365 is "fixed": a leap year still divides by 365 (UK Act practice, most EU calculators). */
export type DayCountBasis = 'actual/365' | 'actual/360';
export const DAY_COUNT_BASES: readonly DayCountBasis[] = ['actual/365', 'actual/360'];

export type InterestRateSource =
  | { readonly kind: 'fixed'; readonly annualRateBp: number }
  | { readonly kind: 'statutory'; readonly jurisdiction: Jurisdiction; readonly table?: ReferenceRateTable };

/** A change of the amount owed: negative for payments and credits, positive for e.g. a reversed payment. */
export interface BalanceChange {
  readonly date: PlainDate;
  readonly amount: number;
}

export interface InterestInput {
  readonly currency: string;
  readonly dueDate: PlainDate;
  /** The amount owed before any listed change, normally the invoice total. */
  readonly openingBalance: number;
  /** Changes apply from their own date: a payment on day D means day D bears interest on the reduced balance. */
  readonly changes: readonly BalanceChange[];
  readonly asOf: PlainDate;
  readonly rate: InterestRateSource;
  readonly dayCount?: DayCountBasis;
  readonly graceDays?: number;
}

/** An exact amount in minor units. Not reduced: every line of one result shares its denominator. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export interface InterestLine {
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly days: number;
  readonly balance: number;
  readonly annualRateBp: number;
  /** balance × rate × days ÷ (10 000 × basis days), exact. */
  readonly interest: Rational;
}

/**
 * not_overdue: asOf is on or before the due date. in_grace: within the grace period, nothing is charged
 * yet. settled_in_time: the balance was cleared by the last grace day (the due date when there is no
 * grace), so those days bear no interest. accruing: interest runs from the day after the due date.
 */
export type InterestState = 'not_overdue' | 'in_grace' | 'settled_in_time' | 'accruing';

export interface InterestResult {
  readonly state: InterestState;
  readonly lines: readonly InterestLine[];
  readonly exactTotal: Rational;
  /** exactTotal rounded half-up to the minor unit, once: the lines are never rounded one by one. */
  readonly total: Money;
}

/**
 * Simple daily interest on the overdue balance history, from the day after the due date through asOf
 * (both inclusive).
 *
 * Grace gates, it does not shift: while asOf is within the grace period nothing is due; once it has
 * passed with a balance still open, interest counts from the day after the due date, as the EU Directive
 * and the UK Act say. Only a balance cleared within grace escapes the grace days' interest (and if a
 * reversal later re-opens it, interest runs on the re-opened balance from the day it re-opened).
 */
export function computeInterest(input: InterestInput): FeesResult<InterestResult> {
  const { currency, dueDate, asOf } = input;
  const graceDays = input.graceDays ?? 0;
  if (!Number.isSafeInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays ${graceDays} must be a non-negative integer`);
  assertSafe(input.openingBalance);
  const basis = BigInt((input.dayCount ?? 'actual/365') === 'actual/360' ? 360 : 365);
  const denominator = 10_000n * basis;
  const nothing = (state: InterestState): FeesResult<InterestResult> =>
    success({ state, lines: [], exactTotal: { numerator: 0n, denominator }, total: money(0, currency) });

  if (compareDates(asOf, dueDate) <= 0) return nothing('not_overdue');
  const graceEnd = addDays(dueDate, graceDays);
  if (compareDates(asOf, graceEnd) <= 0) return nothing('in_grace');

  const changes = [...input.changes].sort((a, b) => compareDates(a.date, b.date));
  let balance = input.openingBalance;
  let next = 0;
  const applyThrough = (day: PlainDate) => {
    for (let c = changes[next]; c && compareDates(c.date, day) <= 0; c = changes[++next]) balance = assertSafe(balance + assertSafe(c.amount));
  };

  applyThrough(graceEnd);
  const settledInTime = balance <= 0;
  balance = input.openingBalance;
  next = 0;
  let cursor = addDays(settledInTime ? graceEnd : dueDate, 1);
  applyThrough(cursor);

  const lines: InterestLine[] = [];
  while (compareDates(cursor, asOf) <= 0) {
    let end = asOf;
    const nextChange = changes[next];
    if (nextChange && compareDates(addDays(nextChange.date, -1), end) < 0) end = addDays(nextChange.date, -1);
    if (balance > 0) {
      const rate = rateOn(input.rate, cursor);
      if (!rate.ok) return rate;
      if (rate.value.validTo && compareDates(rate.value.validTo, end) < 0) end = rate.value.validTo;
      appendLine(lines, cursor, end, balance, rate.value.annualRateBp, denominator);
    }
    cursor = addDays(end, 1);
    applyThrough(cursor);
  }

  const numerator = lines.reduce((s, l) => s + l.interest.numerator, 0n);
  return success({
    state: settledInTime ? 'settled_in_time' : 'accruing',
    lines,
    exactTotal: { numerator, denominator },
    total: money(toSafeNumber(divideRoundHalfUp(numerator, denominator)), currency),
  });
}

function rateOn(source: InterestRateSource, day: PlainDate): FeesResult<{ annualRateBp: number; validTo: PlainDate | null }> {
  if (source.kind === 'fixed') {
    if (!Number.isSafeInteger(source.annualRateBp) || source.annualRateBp < 0) throw new RangeError(`annualRateBp ${source.annualRateBp} must be a non-negative integer`);
    return success({ annualRateBp: source.annualRateBp, validTo: null });
  }
  const rate = statutoryRate(source.jurisdiction, day, source.table);
  return rate.ok ? success({ annualRateBp: rate.value.annualRateBp, validTo: rate.value.validTo }) : rate;
}

/** Adjacent periods with the same balance and rate become one line (e.g. two half-years at equal rates). */
function appendLine(lines: InterestLine[], from: PlainDate, to: PlainDate, balance: number, annualRateBp: number, denominator: bigint): void {
  const last = lines.at(-1);
  const merge = last && last.balance === balance && last.annualRateBp === annualRateBp && compareDates(addDays(last.to, 1), from) === 0;
  const start = merge ? last.from : from;
  const days = daysBetween(start, to) + 1;
  const line = { from: start, to, days, balance, annualRateBp, interest: { numerator: BigInt(balance) * BigInt(annualRateBp) * BigInt(days), denominator } };
  if (merge) lines[lines.length - 1] = line;
  else lines.push(line);
}
