import { addDays, compareDates, type PlainDate, Temporal } from '../../domain/dates.ts';
import {
  type CeiFigures,
  ceiFiguresFromLedger,
  collectionEffectivenessIndex,
  daysSalesOutstanding,
  type DsoFigures,
  type DsoMethod,
  dsoTrend,
  type DsoTrendPoint,
} from '../../domain/metrics/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { compressedLedger } from '../../db/repositories/insight.ts';
import type { Ctx } from '../context.ts';
import { checkAsOf } from './aging.ts';
import { emptyLedger, ledgersFromGroups } from './compressed-ledgers.ts';
import { type InsightScope, withInsightScope } from './scope.ts';

export interface CurrencyDso {
  readonly currency: string;
  /** DSO as of the report date; a failure (NO_CREDIT_SALES) when it is undefined. */
  readonly current: Result<DsoFigures>;
  /** Month-ends, oldest first; empty when no trend was asked for. */
  readonly trend: readonly DsoTrendPoint[];
}

export interface DsoOptions {
  readonly asOf?: PlainDate;
  readonly method: DsoMethod;
  /** Month-ends in the trend (0: none). */
  readonly trendMonths: number;
}

/** The month-ends dsoTrend reads: the last `months` on or before asOf, oldest first. */
export function trendMonthEnds(asOf: PlainDate, months: number): PlainDate[] {
  const latest = asOf.day === asOf.daysInMonth ? asOf : addDays(asOf.with({ day: 1 }), -1);
  return Array.from({ length: months }, (_, i) => {
    const month = latest.with({ day: 1 }).subtract({ months: months - 1 - i });
    return month.with({ day: month.daysInMonth });
  });
}

function sortedUnique(dates: readonly PlainDate[]): string[] {
  return [...new Set([...dates].sort(compareDates).map((d) => d.toString()))];
}

/** Ledgers exact on `dates`; `periodDays` keeps the simple method's sales windows ending on them exact too. */
async function ledgersOn(scope: InsightScope, dates: readonly PlainDate[], periodDays?: number) {
  const starts = periodDays === undefined ? [] : dates.map((d) => addDays(d, 1 - periodDays));
  return ledgersFromGroups(await compressedLedger(scope.tx, scope.orgId, sortedUnique(dates), sortedUnique(starts), scope.timeZone));
}

/** DSO (and best possible DSO, average days delinquent) now and at month-ends, per currency. */
export async function dsoReport(ctx: Ctx, options: DsoOptions): Promise<Result<CurrencyDso[]>> {
  return withInsightScope(ctx, async (scope) => {
    const asOf = checkAsOf(options.asOf ?? scope.today, scope.today);
    if (!asOf.ok) return asOf;
    const probe = options.trendMonths > 0 ? dsoTrend(emptyLedger(), asOf.value, options.method, options.trendMonths) : daysSalesOutstanding(emptyLedger(), asOf.value, options.method);
    if (!probe.ok) return probe;
    const monthEnds = options.trendMonths > 0 ? trendMonthEnds(asOf.value, options.trendMonths) : [];
    const ledgers = await ledgersOn(scope, [...monthEnds, asOf.value], options.method.kind === 'simple' ? options.method.periodDays : undefined);
    const result: CurrencyDso[] = [];
    for (const [currency, ledger] of ledgers) {
      const trend = options.trendMonths > 0 ? dsoTrend(ledger, asOf.value, options.method, options.trendMonths) : success([]);
      if (!trend.ok) return trend;
      result.push({ currency, current: daysSalesOutstanding(ledger, asOf.value, options.method), trend: trend.value });
    }
    return success(result);
  });
}

export interface CurrencyCei {
  readonly currency: string;
  readonly figures: CeiFigures;
  /** Basis points (5593 = 55.93 %); a failure (CEI_UNDEFINED) when nothing was available to collect. */
  readonly index: Result<number>;
}

/** Collection effectiveness over `months` whole calendar months from `firstMonth`, per currency. */
export async function ceiReport(ctx: Ctx, firstMonth: Temporal.PlainYearMonth | undefined, months: number): Promise<Result<{ from: PlainDate; to: PlainDate; currencies: CurrencyCei[] }>> {
  return withInsightScope(ctx, async (scope) => {
    // By default the last `months` whole months before this one.
    const first = firstMonth ?? scope.today.toPlainYearMonth().subtract({ months });
    const probe = ceiFiguresFromLedger(emptyLedger(), first, months);
    if (!probe.ok) return probe;
    const from = first.toPlainDate({ day: 1 });
    const to = addDays(from.add({ months }), -1);
    if (compareDates(to, scope.today) > 0) return failure('CEI_PERIOD_NOT_OVER', `The period ends on ${to.toString()}, after today`, 'from');
    const ledgers = await ledgersOn(scope, [addDays(from, -1), to]);
    const currencies: CurrencyCei[] = [];
    for (const [currency, ledger] of ledgers) {
      const figures = ceiFiguresFromLedger(ledger, first, months);
      if (!figures.ok) return figures;
      currencies.push({ currency, figures: figures.value, index: collectionEffectivenessIndex(figures.value) });
    }
    return success({ from, to, currencies });
  });
}
