import type { PlainDate } from '../../domain/dates.ts';
import { daysSalesOutstanding, type DsoFigures } from '../../domain/metrics/index.ts';
import { success, type Result } from '../../domain/result.ts';
import { type CollectionCounts, collectionCounts } from '../../db/repositories/insight-customers.ts';
import { collectedBetween, compressedLedger } from '../../db/repositories/insight.ts';
import type { Ctx } from '../context.ts';
import { ledgersFromGroups } from './compressed-ledgers.ts';
import { withInsightScope } from './scope.ts';

export interface CurrencySummary {
  readonly currency: string;
  readonly receivables: number;
  readonly overdue: number;
  /** Countback DSO today; null when there is nothing to measure. */
  readonly dso: DsoFigures | null;
  /** Payments received from the 1st of this month to today (reversed ones excluded). */
  readonly collectedThisMonth: number;
  readonly paymentsThisMonth: number;
}

/**
 * The dashboard's headline figures, per currency (never converted), and the collections counts: promises due
 * today, promises broken in the last 30 days, disputes open.
 */
export async function receivablesSummary(ctx: Ctx): Promise<Result<{ asOf: PlainDate; currencies: CurrencySummary[]; collections: CollectionCounts }>> {
  return withInsightScope(ctx, async (scope) => {
    const today = scope.today;
    const ledgers = ledgersFromGroups(await compressedLedger(scope.tx, scope.orgId, [today.toString()], [], scope.timeZone));
    const collected = await collectedBetween(scope.tx, scope.orgId, today.with({ day: 1 }).toString(), today.toString());
    const currencies = [...new Set([...ledgers.keys(), ...collected.map((c) => c.currency)])].sort();
    return success({
      asOf: today,
      collections: await collectionCounts(scope.tx, scope.orgId, today.toString(), today.subtract({ days: 30 }).toString()),
      currencies: currencies.map((currency) => {
        const ledger = ledgers.get(currency);
        const dso = ledger ? daysSalesOutstanding(ledger, today, { kind: 'countback' }) : null;
        const figures = dso?.ok ? dso.value : null;
        const cash = collected.find((c) => c.currency === currency);
        return {
          currency,
          receivables: figures?.receivables ?? 0,
          overdue: figures ? figures.receivables - figures.currentReceivables : 0,
          dso: figures,
          collectedThisMonth: cash?.amount ?? 0,
          paymentsThisMonth: cash?.payments ?? 0,
        };
      }),
    });
  });
}
