import { divideRoundHalfUp, money, type Money, toSafeNumber } from '../money.ts';
import { success } from '../result.ts';
import { fail, type FeesResult } from './failure.ts';

/**
 * Fixed recovery compensation per invoice: EU Directive 2011/7/EU's 40 EUR "or its equivalent in national
 * currency" (Romania: Law 72/2013), or the UK section 5A bands, which depend on the size of the debt.
 */
export type Compensation = { readonly kind: 'fixed'; readonly amount: Money } | { readonly kind: 'uk_bands' };

export const EU_COMPENSATION: Compensation = { kind: 'fixed', amount: money(4_000, 'EUR') };

/** In pence: under £1,000 → £40; £1,000–£9,999.99 → £70; £10,000 or more → £100. */
export const UK_COMPENSATION_BANDS: ReadonlyArray<{ readonly below: number | null; readonly amount: number }> = [
  { below: 100_000, amount: 4_000 },
  { below: 1_000_000, amount: 7_000 },
  { below: null, amount: 10_000 },
];

/**
 * Two amounts of equal value on the day the compensation is owed, e.g. 100.00 EUR = 497.70 RON. The
 * caller chooses the source (national central bank rate, usually); keeping the rate as two integers lets
 * conversion stay exact until its single half-up rounding.
 */
export interface ExchangeQuote {
  readonly reference: Money;
  readonly invoice: Money;
}

export interface CompensationDue {
  readonly amount: Money;
  /** The amount the law states, in its own currency, before conversion. */
  readonly statedAmount: Money;
}

/** The compensation owed on an invoice whose overdue balance is `overdue`, in the invoice currency. */
export function compensationDue(compensation: Compensation, overdue: Money, exchange?: ExchangeQuote): FeesResult<CompensationDue> {
  const referenceCurrency = compensation.kind === 'fixed' ? compensation.amount.currency : 'GBP';
  const quote = quoteFor(referenceCurrency, overdue.currency, exchange);
  if (!quote.ok) return quote;
  const { referenceMinor, invoiceMinor } = quote.value;
  const stated =
    compensation.kind === 'fixed'
      ? compensation.amount
      : money(ukBand(BigInt(overdue.amount) * referenceMinor, invoiceMinor), 'GBP');
  const converted = toSafeNumber(divideRoundHalfUp(BigInt(stated.amount) * invoiceMinor, referenceMinor));
  return success({ amount: money(converted, overdue.currency), statedAmount: stated });
}

/** `scaledDebt ÷ scale` is the debt in pence; compared by cross-multiplying so no rounding moves a band edge. */
function ukBand(scaledDebt: bigint, scale: bigint): number {
  const band = UK_COMPENSATION_BANDS.find((b) => b.below === null || scaledDebt < BigInt(b.below) * scale);
  if (!band) throw new Error('UK compensation bands must end with an open band');
  return band.amount;
}

function quoteFor(referenceCurrency: string, invoiceCurrency: string, exchange?: ExchangeQuote): FeesResult<{ referenceMinor: bigint; invoiceMinor: bigint }> {
  if (referenceCurrency === invoiceCurrency) return success({ referenceMinor: 1n, invoiceMinor: 1n });
  if (!exchange || exchange.reference.currency !== referenceCurrency || exchange.invoice.currency !== invoiceCurrency)
    return fail('EXCHANGE_QUOTE_REQUIRED', 'exchange', `Compensation is stated in ${referenceCurrency}: give a ${referenceCurrency}→${invoiceCurrency} quote`);
  for (const side of ['reference', 'invoice'] as const) {
    const amount = exchange[side].amount;
    if (!Number.isSafeInteger(amount) || amount <= 0) return fail('AMOUNT_INVALID', `exchange.${side}.amount`, 'Quote amounts must be positive integers');
  }
  return success({ referenceMinor: BigInt(exchange.reference.amount), invoiceMinor: BigInt(exchange.invoice.amount) });
}
