import { addDays, compareDates, type PlainDate } from '../dates.ts';
import { applyBasisPoints, money, type Money, sum } from '../money.ts';
import { success } from '../result.ts';
import { type CompensationDue, compensationDue, type ExchangeQuote } from './compensation.ts';
import { fail, type FeesResult } from './failure.ts';
import { type BalanceChange, computeInterest, type InterestResult } from './interest.ts';
import { amountFor, type LateFeeCharge, type LateFeePolicy } from './late-fee-policy.ts';
import { DEFAULT_REFERENCE_RATES, type ReferenceRateTable } from './reference-rates.ts';

export type LateFeeComponent = 'fee' | 'interest' | 'compensation';

/** A late fee already posted on the invoice; a waiver keeps the row and records how much was waived. */
export interface ChargedLateFee {
  readonly component: LateFeeComponent;
  readonly stepIndex: number;
  readonly amount: number;
  readonly waivedAmount: number;
}

export interface InvoiceFacts {
  readonly currency: string;
  /** The invoice total (the principal, excluding late fees posted on it). */
  readonly total: number;
  readonly dueDate: PlainDate;
  /** Payments and credits (negative) and reversals (positive) on the principal, dated. */
  readonly changes: readonly BalanceChange[];
  /** Needed when the compensation is stated in another currency than the invoice's. */
  readonly exchange?: ExchangeQuote;
}

export type LateFeeReasonCode = 'NOT_OVERDUE' | 'IN_GRACE' | 'BELOW_MINIMUM' | 'ALREADY_CHARGED' | 'CAP_REACHED' | 'NOTHING_ACCRUED';

export interface LateFeeReason {
  readonly component: LateFeeComponent;
  readonly code: LateFeeReasonCode;
}

export interface LateFeeLine {
  readonly component: LateFeeComponent;
  /** What to post now, in the invoice currency's minor units. */
  readonly amount: number;
  /** True when a cap cut the amount down. */
  readonly capped: boolean;
  /** For interest: everything accrued through asOf; `amount` is the part not charged before. */
  readonly interest?: InterestResult;
  readonly compensation?: CompensationDue;
}

export interface LateFeeAssessment {
  /** Principal still owed on asOf. */
  readonly overdueBalance: Money;
  readonly total: Money;
  readonly lines: readonly LateFeeLine[];
  /** One entry per policy component that posts nothing now, saying why. */
  readonly reasons: readonly LateFeeReason[];
}

/**
 * The late fee to post on an invoice at dunning step `stepIndex`, given what was posted before.
 *
 * Fees are assessed only while principal is overdue on asOf; interest accrued up to a full payment and not
 * yet charged can still be claimed from computeInterest for a final statement. Each component posts at most
 * once per step (retries are harmless); interest posts the increment over all interest posted before
 * (waived interest included, so a waiver is not charged again); caps count what was posted net of waivers.
 * `rates` is the organization's reference-rate table when it keeps its own.
 */
export function computeLateFee(
  policy: LateFeePolicy,
  facts: InvoiceFacts,
  history: readonly ChargedLateFee[],
  asOf: PlainDate,
  stepIndex: number,
  rates: ReferenceRateTable = DEFAULT_REFERENCE_RATES,
): FeesResult<LateFeeAssessment> {
  const { currency } = facts;
  const overdue = facts.total + sum(facts.changes.filter((c) => compareDates(c.date, asOf) <= 0).map((c) => c.amount));
  const components: LateFeeComponent[] = [];
  if (policy.charge) components.push(componentOf(policy.charge));
  if (policy.compensation) components.push('compensation');
  const assessment = (lines: LateFeeLine[], reasons: LateFeeReason[]): FeesResult<LateFeeAssessment> =>
    success({ overdueBalance: money(Math.max(0, overdue), currency), total: money(sum(lines.map((l) => l.amount)), currency), lines, reasons });
  const nothing = (code: LateFeeReasonCode) => assessment([], components.map((component) => ({ component, code })));

  if (compareDates(asOf, facts.dueDate) <= 0 || overdue <= 0) return nothing('NOT_OVERDUE');
  if (compareDates(asOf, addDays(facts.dueDate, policy.graceDays)) <= 0) return nothing('IN_GRACE');
  const minimum = amountFor(policy.minimumOverdue, currency);
  if (minimum !== null && overdue < minimum) return nothing('BELOW_MINIMUM');

  const lines: LateFeeLine[] = [];
  const reasons: LateFeeReason[] = [];
  const postedAt = (component: LateFeeComponent, step?: number) =>
    history.some((h) => h.component === component && (step === undefined || h.stepIndex === step));

  if (policy.charge) {
    const component = componentOf(policy.charge);
    if (postedAt(component, stepIndex) || (policy.chargeMode === 'once' && postedAt(component))) {
      reasons.push({ component, code: 'ALREADY_CHARGED' });
    } else {
      const proposed = proposeCharge(policy.charge, { facts, history, overdue, asOf, graceDays: policy.graceDays, rates });
      if (!proposed.ok) return proposed;
      const { amount, interest } = proposed.value;
      const room = capRoom(policy, facts, history);
      if (amount <= 0) reasons.push({ component, code: 'NOTHING_ACCRUED' });
      else if (room !== null && room <= 0) reasons.push({ component, code: 'CAP_REACHED' });
      else {
        const posted = room === null ? amount : Math.min(amount, room);
        lines.push({ component, amount: posted, capped: posted < amount, ...(interest ? { interest } : {}) });
      }
    }
  }

  if (policy.compensation) {
    if (postedAt('compensation')) reasons.push({ component: 'compensation', code: 'ALREADY_CHARGED' });
    else {
      const due = compensationDue(policy.compensation, money(overdue, currency), facts.exchange);
      if (!due.ok) return due;
      lines.push({ component: 'compensation', amount: due.value.amount.amount, capped: false, compensation: due.value });
    }
  }
  return assessment(lines, reasons);
}

function componentOf(charge: LateFeeCharge): LateFeeComponent {
  return charge.kind === 'fixed' || charge.kind === 'percent' ? 'fee' : 'interest';
}

interface ChargeContext {
  readonly facts: InvoiceFacts;
  readonly history: readonly ChargedLateFee[];
  readonly overdue: number;
  readonly asOf: PlainDate;
  readonly graceDays: number;
  readonly rates: ReferenceRateTable;
}

function proposeCharge(charge: LateFeeCharge, { facts, history, overdue, asOf, graceDays, rates }: ChargeContext): FeesResult<{ amount: number; interest?: InterestResult }> {
  switch (charge.kind) {
    case 'fixed': {
      const amount = amountFor(charge.amounts, facts.currency);
      return amount === null
        ? fail('FEE_AMOUNT_MISSING_FOR_CURRENCY', 'charge.amounts', `The policy has no fixed fee in ${facts.currency}`)
        : success({ amount });
    }
    case 'percent':
      return success({ amount: applyBasisPoints(overdue, charge.rateBp) });
    case 'interest':
    case 'statutory_interest': {
      const interest = computeInterest({
        currency: facts.currency,
        dueDate: facts.dueDate,
        openingBalance: facts.total,
        changes: facts.changes,
        asOf,
        rate: charge.kind === 'interest' ? { kind: 'fixed', annualRateBp: charge.annualRateBp } : { kind: 'statutory', jurisdiction: charge.jurisdiction, table: rates },
        graceDays,
        ...(charge.dayCount ? { dayCount: charge.dayCount } : {}),
      });
      if (!interest.ok) return interest;
      const before = sum(history.filter((h) => h.component === 'interest').map((h) => h.amount));
      return success({ amount: interest.value.total.amount - before, interest: interest.value });
    }
  }
}

/** What the caps still allow on top of the fees and interest already posted; null when uncapped. */
function capRoom(policy: LateFeePolicy, facts: InvoiceFacts, history: readonly ChargedLateFee[]): number | null {
  const limits = [amountFor(policy.caps.absolute, facts.currency), policy.caps.percentOfInvoiceBp === null ? null : applyBasisPoints(facts.total, policy.caps.percentOfInvoiceBp)].filter(
    (l): l is number => l !== null,
  );
  if (limits.length === 0) return null;
  const posted = sum(history.filter((h) => h.component !== 'compensation').map((h) => h.amount - h.waivedAmount));
  return Math.min(...limits) - posted;
}
