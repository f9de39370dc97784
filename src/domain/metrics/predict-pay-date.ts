import { addDays, compareDates, daysBetween, maxDate, type PlainDate } from '../dates.ts';
import { balanceAsOf, type Ledger, type Settlement, settlementAsOf } from './ledger.ts';
import { compareIds } from './compare-ids.ts';

/**
 * Method: predicted pay date = due date + the amount-weighted median of "days after due" (last payment date
 * − due date, negative when paid early) over the customer's `customerWindow` most recently paid invoices.
 * With fewer than `minHistory` of them, the organization's `organizationWindow` most recently paid invoices
 * are used instead; with fewer than `minHistory` of those too, the invoice is predicted to be paid on its due
 * date. An open invoice cannot be paid in the past, so a prediction before today becomes today.
 *
 * The median, not the mean, so one invoice paid a year late after a dispute does not move every prediction;
 * weighted by the amount paid, because cash forecasts are about money, not invoice counts. It is the lower
 * weighted median (the first value at which half the weight is reached), so it is always a whole day that
 * really occurred.
 */
export interface PredictionOptions {
  readonly customerWindow: number;
  readonly organizationWindow: number;
  readonly minHistory: number;
}

export const DEFAULT_PREDICTION_OPTIONS: PredictionOptions = { customerWindow: 12, organizationWindow: 250, minHistory: 3 };

export type PredictionBasis =
  | { readonly kind: 'customer' | 'organization'; readonly sampleSize: number; readonly medianDaysAfterDue: number }
  | { readonly kind: 'none'; readonly sampleSize: 0; readonly medianDaysAfterDue: 0 };

export interface PayDatePrediction {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly dueDate: PlainDate;
  /** Balance at the close of today. */
  readonly openBalance: number;
  readonly predictedPayDate: PlainDate;
  readonly basis: PredictionBasis;
  /** True when due date + median fell before today and the prediction was moved to today. */
  readonly clampedToToday: boolean;
}

interface Sample {
  readonly daysAfterDue: number;
  readonly weight: number;
}

export function weightedMedian(samples: readonly Sample[]): number {
  if (samples.length === 0) throw new RangeError('No samples');
  const sorted = [...samples].sort((a, b) => a.daysAfterDue - b.daysAfterDue);
  const total = sorted.reduce((s, x) => s + BigInt(x.weight), 0n);
  let running = 0n;
  for (const s of sorted) {
    running += BigInt(s.weight);
    if (2n * running >= total) return s.daysAfterDue;
  }
  throw new Error('Unreachable: the running weight reaches the total');
}

function checkOptions(o: PredictionOptions): void {
  for (const [name, value] of Object.entries(o))
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Prediction option ${name} must be a positive integer`);
}

function newestFirst(a: Settlement, b: Settlement): number {
  return compareDates(b.paidOn, a.paidOn) || compareIds(a.invoice.id, b.invoice.id);
}

function basisFrom(kind: 'customer' | 'organization', settlements: readonly Settlement[], window: number): PredictionBasis {
  const recent = settlements.slice(0, window);
  const samples = recent.map((s) => ({ daysAfterDue: daysBetween(s.invoice.dueDate, s.paidOn), weight: s.amountPaid }));
  return { kind, sampleSize: recent.length, medianDaysAfterDue: weightedMedian(samples) };
}

/** A predicted pay date for every invoice open at the close of `today`, soonest first (then by invoice id). */
export function predictPayDates(ledger: Ledger, today: PlainDate, options: PredictionOptions = DEFAULT_PREDICTION_OPTIONS): PayDatePrediction[] {
  checkOptions(options);
  const settled = ledger.invoices.flatMap((i) => settlementAsOf(i, today) ?? []).sort(newestFirst);
  const byCustomer = new Map<string, Settlement[]>();
  for (const s of settled) {
    const own = byCustomer.get(s.invoice.customerId) ?? [];
    own.push(s);
    byCustomer.set(s.invoice.customerId, own);
  }
  const fallback: PredictionBasis =
    settled.length >= options.minHistory
      ? basisFrom('organization', settled, options.organizationWindow)
      : { kind: 'none', sampleSize: 0, medianDaysAfterDue: 0 };
  const customerBasis = new Map<string, PredictionBasis>();
  const basisFor = (customerId: string): PredictionBasis => {
    const known = customerBasis.get(customerId);
    if (known) return known;
    const own = byCustomer.get(customerId) ?? [];
    const basis = own.length >= options.minHistory ? basisFrom('customer', own, options.customerWindow) : fallback;
    customerBasis.set(customerId, basis);
    return basis;
  };
  const predictions: PayDatePrediction[] = [];
  for (const invoice of ledger.invoices) {
    const openBalance = balanceAsOf(invoice, today);
    if (openBalance === 0) continue;
    const basis = basisFor(invoice.customerId);
    const raw = addDays(invoice.dueDate, basis.medianDaysAfterDue);
    predictions.push({
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      dueDate: invoice.dueDate,
      openBalance,
      predictedPayDate: maxDate(raw, today),
      basis,
      clampedToToday: compareDates(raw, today) < 0,
    });
  }
  return predictions.sort((a, b) => compareDates(a.predictedPayDate, b.predictedPayDate) || compareIds(a.invoiceId, b.invoiceId));
}
