import { addDays, compareDates, type PlainDate, Temporal } from '../dates.ts';
import { divideRoundHalfUp, sum, toSafeNumber } from '../money.ts';
import { type Failure, failure, type Result, success } from '../result.ts';
import { balanceAsOf, isCurrentOn, type Ledger } from './ledger.ts';

/** The four figures of the Credit Research Foundation's Collection Effectiveness Index, in minor units. */
export interface CeiFigures {
  readonly beginningReceivables: number;
  /** Credit sales of the whole period; the formula divides them by `months`. */
  readonly creditSales: number;
  readonly months: number;
  readonly endingTotalReceivables: number;
  /** The part of the ending receivables that is not yet due. */
  readonly endingCurrentReceivables: number;
}

function invalidMonths(months: number): Failure | null {
  return Number.isSafeInteger(months) && months >= 1 && months <= 120
    ? null
    : failure('INVALID_CEI_MONTHS', 'A CEI period covers 1 to 120 months', 'months');
}

/**
 * CEI = (B + S/N − E_total) ÷ (B + S/N − E_current) × 100, returned in basis points of a ratio (5593 means
 * 55.93 %), rounded half-up once. Both sides are multiplied by N first, so S/N is never rounded.
 *
 * Fails with CEI_UNDEFINED when B + S/N − E_current ≤ 0 (nothing was available to collect). A negative CEI is
 * returned as it is: the ending receivables exceed B + S/N, which happens when sales of a multi-month period
 * are uneven, and hiding that would mislead.
 */
export function collectionEffectivenessIndex(figures: CeiFigures): Result<number> {
  const { beginningReceivables: b, creditSales: s, months: n, endingTotalReceivables: total, endingCurrentReceivables: current } = figures;
  const badMonths = invalidMonths(n);
  if (badMonths) return badMonths;
  for (const [field, value] of Object.entries({ beginningReceivables: b, creditSales: s, endingTotalReceivables: total, endingCurrentReceivables: current }))
    if (!Number.isSafeInteger(value) || value < 0) return failure('INVALID_AMOUNT', `${field} must be a non-negative integer of minor units`, field);
  if (current > total)
    return failure('CURRENT_EXCEEDS_TOTAL', 'Ending current receivables cannot exceed ending total receivables', 'endingCurrentReceivables');
  const available = BigInt(b) * BigInt(n) + BigInt(s);
  const collected = available - BigInt(total) * BigInt(n);
  const collectible = available - BigInt(current) * BigInt(n);
  if (collectible <= 0n) return failure('CEI_UNDEFINED', 'Nothing was available to collect in the period');
  return success(toSafeNumber(divideRoundHalfUp(collected * 10_000n, collectible)));
}

/**
 * The CEI figures of `months` calendar months starting with `firstMonth`, from the ledger. Beginning
 * receivables are the balances at the close of the day before the period, ending ones at the close of its
 * last day; credit sales are the totals of invoices issued within it.
 */
export function ceiFiguresFromLedger(ledger: Ledger, firstMonth: Temporal.PlainYearMonth, months: number): Result<CeiFigures> {
  const badMonths = invalidMonths(months);
  if (badMonths) return badMonths;
  const start: PlainDate = firstMonth.toPlainDate({ day: 1 });
  const end = addDays(start.add({ months }), -1);
  const before = addDays(start, -1);
  const inPeriod = ledger.invoices.filter((i) => compareDates(i.issueDate, start) >= 0 && compareDates(i.issueDate, end) <= 0);
  return success({
    beginningReceivables: sum(ledger.invoices.map((i) => balanceAsOf(i, before))),
    creditSales: sum(inPeriod.map((i) => i.total)),
    months,
    endingTotalReceivables: sum(ledger.invoices.map((i) => balanceAsOf(i, end))),
    endingCurrentReceivables: sum(ledger.invoices.filter((i) => isCurrentOn(i, end)).map((i) => balanceAsOf(i, end))),
  });
}
