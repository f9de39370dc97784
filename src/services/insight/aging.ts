import { addDays, compareDates, type PlainDate } from '../../domain/dates.ts';
import { agingReport, buildLedger, type AgingReport, type LedgerInvoice, STANDARD_AGING_EDGES } from '../../domain/metrics/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { agingGroups, customerBriefs } from '../../db/repositories/insight.ts';
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
 * Aging by customer and bucket, one report per currency (amounts are never converted). The database sums
 * balances per customer and bucket; each sum becomes one stand-in invoice due exactly on its bucket's first
 * day, so the domain's agingReport applies its own rules (bucket edges, ordering, totals) to the same sums.
 */
export async function agingByCustomer(ctx: Ctx, options: AgingOptions = {}): Promise<Result<AgingByCurrency>> {
  const edges = options.edges ?? STANDARD_AGING_EDGES;
  return withInsightScope(ctx, async (scope) => {
    const asOf = checkAsOf(options.asOf ?? scope.today, scope.today);
    if (!asOf.ok) return asOf;
    // The edges are validated by the domain before any SQL uses them.
    const probe = agingReport(emptyLedger(), asOf.value, edges);
    if (!probe.ok) return probe;
    if (options.customerId) {
      const found = await requireCustomer(scope, options.customerId);
      if (!found.ok) return found;
    }
    const firstDays = probe.value.buckets.flatMap((b) => (b.fromDay === null ? [] : [b.fromDay]));
    const groups = await agingGroups(scope.tx, scope.orgId, asOf.value.toString(), firstDays, scope.timeZone, options);
    const byCurrency = new Map<string, LedgerInvoice[]>();
    for (const g of groups) {
      const fromDay = g.bucket === 0 ? 0 : (firstDays[g.bucket - 1] ?? 0);
      const due = addDays(asOf.value, -fromDay);
      const list = byCurrency.get(g.currency) ?? [];
      list.push({ id: `${g.customerId}#${g.bucket}`, customerId: g.customerId, currency: g.currency, issueDate: due, dueDate: due, total: g.amount, allocations: [] });
      byCurrency.set(g.currency, list);
    }
    const names = new Map(
      (await customerBriefs(scope.tx, scope.orgId, { ids: [...new Set(groups.map((g) => g.customerId))], limit: 1_000_000 })).map((c) => [c.id, c.name]),
    );
    const reports: AgingReport[] = [];
    for (const currency of [...byCurrency.keys()].sort()) {
      const ledger = buildLedger(currency, byCurrency.get(currency) ?? []);
      if (!ledger.ok) throw new Error(`Aging groups for ${currency}: ${ledger.message}`);
      const report = agingReport(ledger.value, asOf.value, edges);
      if (!report.ok) return report;
      reports.push(report.value);
    }
    return success({ reports, customerNames: names });
  });
}
