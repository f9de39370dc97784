import { daysBetween, type PlainDate } from '../dates.ts';
import { sum } from '../money.ts';
import { failure, type Result, success } from '../result.ts';
import { compareIds } from './compare-ids.ts';
import { balanceAsOf, type Ledger } from './ledger.ts';

/** Days past due covered by a bucket, both ends inclusive; `toDay` null is open-ended. `current` is ≤ 0. */
export interface AgingBucket {
  readonly key: string;
  readonly fromDay: number | null;
  readonly toDay: number | null;
}

/** Generous enough for any aging report a finance team uses (ten years past due). */
export const MAX_AGING_EDGE = 3650;

/** The buckets most finance teams use: current, 1-30, 31-60, 61-90 and 91+ days past due. */
export const STANDARD_AGING_EDGES: readonly number[] = [30, 60, 90];

/**
 * Buckets from the last day of each overdue bucket: [30, 60, 90] gives current, 1-30, 31-60, 61-90, 91+.
 * Edges are organization settings, so bad ones are a business failure, not a bug.
 */
function agingBuckets(edges: readonly number[]): Result<readonly AgingBucket[]> {
  for (const [i, edge] of edges.entries()) {
    const previous = i === 0 ? 0 : (edges[i - 1] ?? 0);
    if (!Number.isSafeInteger(edge) || edge <= previous || edge > MAX_AGING_EDGE)
      return failure(
        'INVALID_AGING_EDGES',
        `Aging edges must be whole days, strictly increasing, between 1 and ${MAX_AGING_EDGE}`,
        `edges[${i}]`,
      );
  }
  const buckets: AgingBucket[] = [{ key: 'current', fromDay: null, toDay: 0 }];
  let from = 1;
  for (const edge of edges) {
    buckets.push({ key: `${from}-${edge}`, fromDay: from, toDay: edge });
    from = edge + 1;
  }
  buckets.push({ key: `${from}+`, fromDay: from, toDay: null });
  return success(buckets);
}

export interface CustomerAging {
  readonly customerId: string;
  /** One amount per bucket, in the order of `AgingReport.buckets`. */
  readonly amounts: readonly number[];
  readonly total: number;
}

export interface AgingReport {
  readonly asOf: PlainDate;
  readonly currency: string;
  readonly buckets: readonly AgingBucket[];
  /** Customers with an open balance, largest total first (then by id, so the order is stable). */
  readonly customers: readonly CustomerAging[];
  readonly bucketTotals: readonly number[];
  readonly total: number;
}

function bucketIndex(buckets: readonly AgingBucket[], daysPastDue: number): number {
  const index = buckets.findIndex((b) => b.toDay === null || daysPastDue <= b.toDay);
  if (index < 0) throw new Error('Aging buckets must end with an open-ended bucket');
  return index;
}

/**
 * Open balances at the close of `asOf` by customer and days past due. Each invoice lands whole in one bucket,
 * so every total is a plain sum of integers and the buckets add up to the total exactly.
 */
export function agingReport(ledger: Ledger, asOf: PlainDate, edges: readonly number[] = STANDARD_AGING_EDGES): Result<AgingReport> {
  const checked = agingBuckets(edges);
  if (!checked.ok) return checked;
  const defs = checked.value;
  const byCustomer = new Map<string, number[]>();
  for (const invoice of ledger.invoices) {
    const balance = balanceAsOf(invoice, asOf);
    if (balance === 0) continue;
    const amounts = byCustomer.get(invoice.customerId) ?? defs.map(() => 0);
    const index = bucketIndex(defs, daysBetween(invoice.dueDate, asOf));
    amounts[index] = sum([amounts[index] ?? 0, balance]);
    byCustomer.set(invoice.customerId, amounts);
  }
  const customers = [...byCustomer.entries()]
    .map(([customerId, amounts]) => ({ customerId, amounts, total: sum(amounts) }))
    .sort((a, b) => b.total - a.total || compareIds(a.customerId, b.customerId));
  const bucketTotals = defs.map((_, i) => sum(customers.map((c) => c.amounts[i] ?? 0)));
  return success({ asOf, currency: ledger.currency, buckets: defs, customers, bucketTotals, total: sum(bucketTotals) });
}
