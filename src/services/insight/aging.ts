import { compareDates, type PlainDate } from '../../domain/dates.ts';
import { compareIds } from '../../domain/metrics/compare-ids.ts';
import { sum } from '../../domain/money.ts';
import { agingReport, type AgingReport, STANDARD_AGING_EDGES } from '../../domain/metrics/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { type AgingRow, agingRows } from '../../db/repositories/insight.ts';
import type { Ctx } from '../context.ts';
import { emptyLedger } from './compressed-ledgers.ts';
import { requireCustomer, withInsightScope } from './scope.ts';

export interface AgingOptions {
  readonly asOf?: PlainDate;
  /** Last day of each overdue bucket: [30, 60, 90] gives current, 1-30, 31-60, 61-90, 91+. */
  readonly edges?: readonly number[];
  readonly currency?: string;
  readonly customerId?: string;
}

export interface AgingByCurrency {
  /** One report per currency with an open balance, by currency code. */
  readonly reports: readonly AgingReport[];
  readonly customerNames: ReadonlyMap<string, string>;
}

/** Refuses a report date after today: balances of days to come are not known yet. */
export function checkAsOf(asOf: PlainDate, today: PlainDate): Result<PlainDate> {
  return compareDates(asOf, today) > 0 ? failure('AS_OF_IN_FUTURE', `Reports are as of today (${today.toString()}) or earlier`, 'asOf') : success(asOf);
}

/**
 * Aging by customer and bucket, one report per currency (amounts are never converted). The domain defines the
 * buckets (and refuses bad edges) before any SQL runs; the database sums each customer's open balances per
 * bucket (one row per customer and currency), and the report is assembled in the domain's shape and order
 * (largest total first, then customer id). test/insight-equality.test.ts checks it against agingReport on the full ledger.
 */
export async function agingByCustomer(ctx: Ctx, options: AgingOptions = {}): Promise<Result<AgingByCurrency>> {
  const edges = options.edges ?? STANDARD_AGING_EDGES;
  return withInsightScope(ctx, async (scope) => {
    const asOf = checkAsOf(options.asOf ?? scope.today, scope.today);
    if (!asOf.ok) return asOf;
    const defined = agingReport(emptyLedger(), asOf.value, edges);
    if (!defined.ok) return defined;
    const buckets = defined.value.buckets;
    if (options.customerId) {
      const found = await requireCustomer(scope, options.customerId);
      if (!found.ok) return found;
    }
    const firstDays = buckets.flatMap((b) => (b.fromDay === null ? [] : [b.fromDay]));
    const rows = await agingRows(scope.tx, scope.orgId, asOf.value.toString(), firstDays, scope.timeZone, options);
    const byCurrency = new Map<string, AgingRow[]>();
    for (const r of rows) {
      const list = byCurrency.get(r.currency) ?? [];
      list.push(r);
      byCurrency.set(r.currency, list);
    }
    const names = new Map(rows.map((r) => [r.customerId, r.customerName]));
    const reports = [...byCurrency.keys()].sort().map((currency): AgingReport => {
      const customers = (byCurrency.get(currency) ?? [])
        .map((r) => ({ customerId: r.customerId, amounts: [...r.amounts], total: sum(r.amounts) }))
        .sort((a, b) => b.total - a.total || compareIds(a.customerId, b.customerId));
      const bucketTotals = buckets.map((_, i) => sum(customers.map((c) => c.amounts[i] ?? 0)));
      return { asOf: asOf.value, currency, buckets, customers, bucketTotals, total: sum(bucketTotals) };
    });
    return success({ reports, customerNames: names });
  });
}
