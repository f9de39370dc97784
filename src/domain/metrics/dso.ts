import { addDays, compareDates, daysBetween, type PlainDate } from '../dates.ts';
import { sum } from '../money.ts';
import { failure, type Result, success } from '../result.ts';
import { balanceAsOf, isCurrentOn, isIssuedBy, type Ledger } from './ledger.ts';
import { tenthsOfDay } from './ratio.ts';

/**
 * Days are reported in tenths of a day (an integer: 453 means 45.3 days). Each DSO figure is rounded half-up
 * to the tenth once, from the exact ratio; average days delinquent is then the difference of the two rounded
 * figures, so DSO = best possible DSO + average days delinquent holds exactly on screen.
 */
export type DsoMethod =
  /** (AR ÷ credit sales of the last `periodDays` days, asOf included) × periodDays. */
  | { readonly kind: 'simple'; readonly periodDays: number }
  /** AR is matched against whole months of sales, newest first, until it is used up; the last month pro rata. */
  | { readonly kind: 'countback' };

export const MAX_SIMPLE_PERIOD_DAYS = 366;

export interface DsoFigures {
  readonly asOf: PlainDate;
  readonly method: DsoMethod['kind'];
  /** All open balances at the close of asOf. */
  readonly receivables: number;
  /** The part of `receivables` that is not yet due. */
  readonly currentReceivables: number;
  readonly dsoTenths: number;
  /** The same calculation with current receivables only: the DSO if every customer paid on time. */
  readonly bestPossibleTenths: number;
  /** dsoTenths − bestPossibleTenths: how many days of sales are outstanding only because they are late. */
  readonly averageDaysDelinquentTenths: number;
}

function checkMethod(method: DsoMethod): Result<DsoMethod> {
  if (method.kind === 'simple' && (!Number.isSafeInteger(method.periodDays) || method.periodDays < 1 || method.periodDays > MAX_SIMPLE_PERIOD_DAYS))
    return failure('INVALID_DSO_PERIOD', `The DSO period must be 1 to ${MAX_SIMPLE_PERIOD_DAYS} days`, 'periodDays');
  return success(method);
}

function creditSales(ledger: Ledger, from: PlainDate, to: PlainDate): number {
  return sum(
    ledger.invoices.filter((i) => compareDates(i.issueDate, from) >= 0 && compareDates(i.issueDate, to) <= 0).map((i) => i.total),
  );
}

function tenths(receivable: number, days: number, sales: number): number {
  return tenthsOfDay(BigInt(receivable) * BigInt(days), BigInt(sales));
}

/**
 * Countback: match the receivable against calendar months of sales, newest first. The first month runs from
 * the 1st of asOf's month to asOf; the month that uses the receivable up counts pro rata by its days.
 */
function countbackTenths(ledger: Ledger, asOf: PlainDate, receivable: number): number {
  const salesByMonth = new Map<string, number>();
  for (const invoice of ledger.invoices) {
    if (!isIssuedBy(invoice, asOf)) continue;
    const key = invoice.issueDate.toPlainYearMonth().toString();
    salesByMonth.set(key, sum([salesByMonth.get(key) ?? 0, invoice.total]));
  }
  let left = receivable;
  let wholeDays = 0;
  let end = asOf;
  for (let start = asOf.with({ day: 1 }); left > 0; start = start.subtract({ months: 1 })) {
    // Open balances never exceed the sales they came from, so the walk ends within the ledger's months.
    if (salesByMonth.size === 0) throw new Error('Open receivables exceed all sales: the ledger invariant is broken');
    const key = start.toPlainYearMonth().toString();
    const sales = salesByMonth.get(key) ?? 0;
    salesByMonth.delete(key);
    const days = daysBetween(start, end) + 1;
    if (left <= sales) return wholeDays * 10 + tenths(left, days, sales);
    left -= sales;
    wholeDays += days;
    end = addDays(start, -1);
  }
  return wholeDays * 10;
}

function simpleTenths(receivable: number, periodDays: number, sales: number): number | null {
  if (receivable === 0) return 0;
  return sales === 0 ? null : tenths(receivable, periodDays, sales);
}

/**
 * DSO, best possible DSO and average days delinquent at the close of `asOf`. Fails with NO_CREDIT_SALES when
 * the simple method has receivables but no sales in its period (the ratio is undefined).
 */
export function daysSalesOutstanding(ledger: Ledger, asOf: PlainDate, method: DsoMethod): Result<DsoFigures> {
  const checked = checkMethod(method);
  if (!checked.ok) return checked;
  const receivables = sum(ledger.invoices.map((i) => balanceAsOf(i, asOf)));
  const currentReceivables = sum(ledger.invoices.filter((i) => isCurrentOn(i, asOf)).map((i) => balanceAsOf(i, asOf)));
  let dsoTenths: number;
  let bestPossibleTenths: number;
  if (method.kind === 'countback') {
    dsoTenths = countbackTenths(ledger, asOf, receivables);
    bestPossibleTenths = countbackTenths(ledger, asOf, currentReceivables);
  } else {
    const sales = creditSales(ledger, addDays(asOf, 1 - method.periodDays), asOf);
    const dso = simpleTenths(receivables, method.periodDays, sales);
    const best = simpleTenths(currentReceivables, method.periodDays, sales);
    if (dso === null || best === null)
      return failure('NO_CREDIT_SALES', `No credit sales in the ${method.periodDays} days to ${asOf.toString()}: DSO is undefined`);
    dsoTenths = dso;
    bestPossibleTenths = best;
  }
  return success({
    asOf,
    method: method.kind,
    receivables,
    currentReceivables,
    dsoTenths,
    bestPossibleTenths,
    averageDaysDelinquentTenths: dsoTenths - bestPossibleTenths,
  });
}

export interface DsoTrendPoint {
  readonly monthEnd: PlainDate;
  readonly dso: Result<DsoFigures>;
}

/**
 * DSO at each of the last `months` month-ends on or before `asOf`, oldest first. A month whose DSO is
 * undefined keeps its place with its failure, so the chart shows a gap rather than a shifted series.
 */
export function dsoTrend(ledger: Ledger, asOf: PlainDate, method: DsoMethod, months = 12): Result<readonly DsoTrendPoint[]> {
  const checked = checkMethod(method);
  if (!checked.ok) return checked;
  if (!Number.isSafeInteger(months) || months < 1 || months > 120)
    return failure('INVALID_TREND_LENGTH', 'A DSO trend covers 1 to 120 month-ends', 'months');
  const latest = asOf.day === asOf.daysInMonth ? asOf : addDays(asOf.with({ day: 1 }), -1);
  const points: DsoTrendPoint[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const month = latest.with({ day: 1 }).subtract({ months: back });
    const monthEnd = month.with({ day: month.daysInMonth });
    points.push({ monthEnd, dso: daysSalesOutstanding(ledger, monthEnd, method) });
  }
  return success(points);
}
