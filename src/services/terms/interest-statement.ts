import { addDays, compareDates, daysBetween, parseDate, type PlainDate } from '../../domain/dates.ts';
import {
  compensationDue,
  computeInterest,
  statutoryRate,
  type DayCountBasis,
  type InterestLine,
  type InterestRateSource,
  type Jurisdiction,
  type LateFeePolicy,
  type Rational,
  type ReferenceRateTable,
} from '../../domain/fees/index.ts';
import { divideRoundHalfUp, money, sum, toSafeNumber } from '../../domain/money.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import { lateFeeChargesOf } from '../../db/repositories/late-fees.ts';
import type { Ctx } from '../context.ts';
import { invoiceFacts } from './invoice-history.ts';
import { effectiveLateFeePolicy, referenceRatesFor } from './late-fee-policies.ts';

export interface InterestQuery {
  readonly asOf: PlainDate;
  /** Compute at this statutory rate or this contract rate instead of the late-fee policy's. */
  readonly jurisdiction?: Jurisdiction;
  readonly annualRateBp?: number;
  readonly dayCount?: DayCountBasis;
}

export type RateSource =
  | { readonly kind: 'contract'; readonly annualRateBp: number }
  | {
      readonly kind: 'statutory';
      readonly jurisdiction: Jurisdiction;
      readonly series: string | null;
      readonly referenceRateBp: number | null;
      readonly marginBp: number;
      readonly referenceDate: string | null;
      readonly validFrom: string | null;
      readonly validTo: string | null;
    };

export interface InterestStatementLine {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly balance: number;
  readonly annualRateBp: number;
  /** This line alone, rounded half-up: for reading. The total is rounded once from the exact sum. */
  readonly amount: number;
  /** Exact, in minor units with four decimals. */
  readonly exact: string;
  readonly rateSource: RateSource;
}

export interface InterestStatement {
  readonly invoiceId: string;
  readonly number: string | null;
  readonly currency: string;
  readonly total: number;
  readonly dueDate: string;
  readonly asOf: string;
  readonly basis: 'query' | 'customer' | 'organization';
  readonly dayCount: DayCountBasis;
  readonly graceDays: number;
  readonly state: string;
  readonly lines: readonly InterestStatementLine[];
  readonly interest: { readonly amount: number; readonly exact: string };
  readonly compensation: { readonly amount: number; readonly statedAmount: { amount: number; currency: string } } | null;
  /** Why no compensation is shown although the policy has one (e.g. EXCHANGE_QUOTE_REQUIRED). */
  readonly compensationNote: string | null;
  readonly charged: { readonly interest: number; readonly compensation: number; readonly fee: number; readonly waived: number };
  readonly totals: { readonly interest: number; readonly compensation: number; readonly claim: number; readonly interestNotYetCharged: number };
}

/** n ÷ d in minor units, half-up at four decimals, as text ("460.2740"). */
function exactText(r: Rational): string {
  const scaled = divideRoundHalfUp(r.numerator * 10_000n, r.denominator);
  const whole = scaled / 10_000n;
  return `${whole}.${(scaled % 10_000n).toString().padStart(4, '0')}`;
}

function rateSourceOf(rate: InterestRateSource, from: PlainDate, table: ReferenceRateTable): RateSource {
  if (rate.kind === 'fixed') return { kind: 'contract', annualRateBp: rate.annualRateBp };
  const found = statutoryRate(rate.jurisdiction, from, table);
  if (!found.ok) throw new Error(`Statutory rate vanished between computing and explaining: ${found.message}`);
  const s = found.value;
  return {
    kind: 'statutory',
    jurisdiction: s.jurisdiction,
    series: s.series,
    referenceRateBp: s.referenceRateBp,
    marginBp: s.marginBp,
    referenceDate: s.referenceDate?.toString() ?? null,
    validFrom: s.validFrom?.toString() ?? null,
    validTo: s.validTo?.toString() ?? null,
  };
}

/**
 * The domain merges neighbouring periods that share a balance and a rate; a statement also names the source of
 * each rate, so a merged period is split again where its reference period changes (e.g. two half-years at the
 * same statutory rate). The pieces add up to the line exactly.
 */
function explain(line: InterestLine, rate: InterestRateSource, table: ReferenceRateTable): InterestStatementLine[] {
  const pieces: InterestStatementLine[] = [];
  for (let from = line.from; compareDates(from, line.to) <= 0; ) {
    const rateSource = rateSourceOf(rate, from, table);
    const periodEnd = rateSource.kind === 'statutory' && rateSource.validTo ? parseDate(rateSource.validTo)! : line.to;
    const to = compareDates(periodEnd, line.to) < 0 ? periodEnd : line.to;
    const days = daysBetween(from, to) + 1;
    const interest = { numerator: BigInt(line.balance) * BigInt(line.annualRateBp) * BigInt(days), denominator: line.interest.denominator };
    pieces.push({
      from: from.toString(),
      to: to.toString(),
      days,
      balance: line.balance,
      annualRateBp: line.annualRateBp,
      amount: toSafeNumber(divideRoundHalfUp(interest.numerator, interest.denominator)),
      exact: exactText(interest),
      rateSource,
    });
    from = addDays(to, 1);
  }
  return pieces;
}

function rateFrom(query: InterestQuery, policy: LateFeePolicy | null): InterestRateSource | null {
  if (query.jurisdiction) return { kind: 'statutory', jurisdiction: query.jurisdiction };
  if (query.annualRateBp !== undefined) return { kind: 'fixed', annualRateBp: query.annualRateBp };
  const charge = policy?.charge;
  if (charge?.kind === 'interest') return { kind: 'fixed', annualRateBp: charge.annualRateBp };
  if (charge?.kind === 'statutory_interest') return { kind: 'statutory', jurisdiction: charge.jurisdiction };
  return null;
}

/**
 * Late-payment interest on an invoice through `asOf`, line by line over its real balance history (each
 * payment lowers the balance from the day it arrived), with the rate and where it came from, the fixed
 * compensation the policy adds, and what was already charged.
 */
export async function interestStatement(ctx: Ctx, invoiceId: string, query: InterestQuery): Promise<Result<InterestStatement>> {
  const invoice = await findInvoice(ctx.db, ctx.orgId, invoiceId);
  if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
  if (invoice.status === 'draft') return failure('INVOICE_NOT_ISSUED', 'A draft is not owed yet', 'invoiceId');
  const effective = await effectiveLateFeePolicy(ctx.db, ctx.orgId, invoice.customerId);
  const policy = effective?.policy ?? null;
  const rate = rateFrom(query, policy);
  if (!rate) return failure('INTEREST_RATE_MISSING', 'The late-fee policy charges no interest: give jurisdiction or annualRateBp', 'jurisdiction');
  const overridden = query.jurisdiction !== undefined || query.annualRateBp !== undefined;
  const policyDayCount = policy?.charge && 'dayCount' in policy.charge ? policy.charge.dayCount : undefined;
  const dayCount: DayCountBasis = query.dayCount ?? (overridden ? undefined : policyDayCount) ?? 'actual/365';
  const graceDays = policy?.graceDays ?? 0;
  const table = await referenceRatesFor(ctx.db, ctx.orgId);
  const facts = await invoiceFacts(ctx.db, ctx.orgId, invoice);
  const source: InterestRateSource = rate.kind === 'statutory' ? { ...rate, table } : rate;
  const computed = computeInterest({ currency: invoice.currency, dueDate: facts.dueDate, openingBalance: invoice.total, changes: facts.changes, asOf: query.asOf, rate: source, dayCount, graceDays });
  if (!computed.ok) return computed;
  const interest = computed.value;

  const overdue = invoice.total + sum(facts.changes.filter((c) => compareDates(c.date, query.asOf) <= 0).map((c) => c.amount));
  let compensation: InterestStatement['compensation'] = null;
  let compensationNote: string | null = null;
  if (policy?.compensation && interest.state === 'accruing' && overdue > 0) {
    const due = compensationDue(policy.compensation, money(overdue, invoice.currency));
    if (due.ok) compensation = { amount: due.value.amount.amount, statedAmount: due.value.statedAmount };
    else compensationNote = due.code;
  }

  const charges = await lateFeeChargesOf(ctx.db, ctx.orgId, invoice.id);
  const postedOf = (component: string) => sum(charges.filter((c) => c.component === component).map((c) => c.amount));
  const charged = { interest: postedOf('interest'), compensation: postedOf('compensation'), fee: postedOf('fee'), waived: sum(charges.map((c) => c.waivedAmount)) };
  const compensationAmount = compensation?.amount ?? 0;
  return success({
    invoiceId: invoice.id,
    number: invoice.number,
    currency: invoice.currency,
    total: invoice.total,
    dueDate: invoice.dueDate,
    asOf: query.asOf.toString(),
    basis: overridden ? 'query' : effective!.source,
    dayCount,
    graceDays,
    state: interest.state,
    lines: interest.lines.flatMap((l) => explain(l, source, table)),
    interest: { amount: interest.total.amount, exact: exactText(interest.exactTotal) },
    compensation,
    compensationNote,
    charged,
    totals: {
      interest: interest.total.amount,
      compensation: compensationAmount,
      claim: interest.total.amount + compensationAmount,
      interestNotYetCharged: Math.max(0, interest.total.amount - charged.interest),
    },
  });
}
