import { compareDates, type PlainDate } from '../dates.ts';
import { applyBasisPoints, money, type Money, sum } from '../money.ts';
import { dueDate, MAX_TERM_DAYS } from '../payment-terms.ts';
import { success } from '../result.ts';
import { fail, type FeesResult } from './failure.ts';

/** "2/10 net 30": 2 % off when paid within 10 days of the issue date, otherwise the total within 30. */
export interface EarlyPaymentTerms {
  readonly discountBp: number;
  readonly discountDays: number;
  readonly netDays: number;
}

const MAX_TEXT = 64;
// "2/10 net 30", "2% 10 net 30", "2%/10 n/30", "1.5/10, net 30 days", "1,5% 10 net 30": the percent takes a
// dot or a decimal comma and at most two decimals (the basis-point resolution).
const TERMS = /^(\d{1,2})(?:[.,](\d{1,2}))?\s*(?:%\s*\/?|\/)\s*(\d{1,3})(?:\s*days?)?\s*,?\s*(?:net|n)\s*\/?\s*(\d{1,3})(?:\s*days?)?$/i;

export function parseEarlyPaymentTerms(text: string): FeesResult<EarlyPaymentTerms> {
  const trimmed = text.trim();
  const m = trimmed.length <= MAX_TEXT ? TERMS.exec(trimmed) : null;
  if (!m) return fail('EARLY_TERMS_MALFORMED', 'earlyPaymentTerms', 'Write early-payment terms like "2/10 net 30" or "2% 10 net 30"');
  const discountBp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return checkEarlyPaymentTerms({ discountBp, discountDays: Number(m[3]), netDays: Number(m[4]) });
}

export function checkEarlyPaymentTerms(terms: EarlyPaymentTerms): FeesResult<EarlyPaymentTerms> {
  const { discountBp, discountDays, netDays } = terms;
  if (!Number.isSafeInteger(discountBp) || discountBp <= 0 || discountBp >= 10_000)
    return fail('EARLY_TERMS_RATE_OUT_OF_RANGE', 'earlyPaymentTerms.discountBp', 'The discount must be more than 0 % and less than 100 %');
  if (!Number.isSafeInteger(netDays) || netDays < 1 || netDays > MAX_TERM_DAYS)
    return fail('EARLY_TERMS_DAYS_OUT_OF_RANGE', 'earlyPaymentTerms.netDays', `The net term must be 1 to ${MAX_TERM_DAYS} days`);
  if (!Number.isSafeInteger(discountDays) || discountDays < 0 || discountDays >= netDays)
    return fail('EARLY_TERMS_DAYS_OUT_OF_RANGE', 'earlyPaymentTerms.discountDays', 'The discount period must end before the net term');
  return success(terms);
}

/** The stable printed form: "2/10 net 30", "1.5/10 net 30". */
export function formatEarlyPaymentTerms(terms: EarlyPaymentTerms): string {
  const whole = Math.trunc(terms.discountBp / 100);
  const fraction = (terms.discountBp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}/${terms.discountDays} net ${terms.netDays}`;
}

export interface EarlyPaymentOffer {
  /** Last day a payment may arrive (value date) and still earn the discount, inclusive. */
  readonly deadline: PlainDate;
  readonly netDueDate: PlainDate;
  readonly total: Money;
  /** total × discount, rounded half-up once. Computed on the gross total, tax included. */
  readonly discount: Money;
  readonly discountedAmount: Money;
}

export function earlyPaymentOffer(issueDate: PlainDate, total: Money, terms: EarlyPaymentTerms): EarlyPaymentOffer {
  const discount = applyBasisPoints(total.amount, terms.discountBp);
  return {
    deadline: dueDate(issueDate, { kind: 'net', days: terms.discountDays }),
    netDueDate: dueDate(issueDate, { kind: 'net', days: terms.netDays }),
    total,
    discount: money(discount, total.currency),
    discountedAmount: money(total.amount - discount, total.currency),
  };
}

/** A payment or credit applied to the invoice, by the day the money arrived. */
export interface Settlement {
  readonly date: PlainDate;
  readonly amount: number;
}

export type EarlyPaymentDecision =
  | { readonly eligible: true; readonly credit: Money }
  | { readonly eligible: false; readonly code: 'DISCOUNT_EXPIRED' | 'ALREADY_SETTLED'; readonly paidByDeadline: Money }
  | { readonly eligible: false; readonly code: 'PAYMENT_SHORT'; readonly paidByDeadline: Money; readonly shortBy: Money };

/**
 * Whether the payments received by `asOf` earn the discount. The rule: the discount applies only when the
 * whole discounted amount has arrived by the deadline; partial payments count towards it but earn nothing
 * pro rata. The credit is what closes the invoice: total − paid by the deadline, so it is at most the
 * discount (a payer who sent a little more than the discounted amount gets a smaller credit, not an
 * overpayment). PAYMENT_SHORT: the deadline can still be met. DISCOUNT_EXPIRED: the deadline has passed
 * without the discounted amount. ALREADY_SETTLED: the full total arrived in time, no credit is needed.
 */
export function evaluateEarlyPayment(offer: EarlyPaymentOffer, settlements: readonly Settlement[], asOf: PlainDate): EarlyPaymentDecision {
  const { currency } = offer.total;
  const paid = sum(settlements.filter((s) => compareDates(s.date, offer.deadline) <= 0 && compareDates(s.date, asOf) <= 0).map((s) => s.amount));
  const paidByDeadline = money(paid, currency);
  if (paid >= offer.total.amount) return { eligible: false, code: 'ALREADY_SETTLED', paidByDeadline };
  if (paid >= offer.discountedAmount.amount) return { eligible: true, credit: money(offer.total.amount - paid, currency) };
  if (compareDates(asOf, offer.deadline) > 0) return { eligible: false, code: 'DISCOUNT_EXPIRED', paidByDeadline };
  return { eligible: false, code: 'PAYMENT_SHORT', paidByDeadline, shortBy: money(offer.discountedAmount.amount - paid, currency) };
}
