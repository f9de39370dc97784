import type { PlainDate } from '../../domain/dates.ts';
import { sum } from '../../domain/money.ts';
import type { RiskAssessment } from '../../domain/metrics/index.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { customerBriefs, customerWork, type CustomerWorkRow } from '../../db/repositories/insight-customers.ts';
import type { Ctx } from '../context.ts';
import type { CurrencyBehaviour } from './behaviour.ts';
import { type CustomerRiskDetail, effectiveRisksOf } from './customer-risk.ts';
import { loadRiskFacts, riskScorer } from './risk.ts';
import { withInsightScope } from './scope.ts';

export interface CustomerBalance {
  readonly currency: string;
  readonly balance: number;
  readonly overdue: number;
  readonly openInvoices: number;
  readonly overdueInvoices: number;
  /** Days past due of the oldest overdue invoice; 0 when nothing is overdue. */
  readonly maxDaysOverdue: number;
}

export interface CustomerOverview {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly status: string;
  readonly creditLimit: number | null;
  readonly tags: readonly string[];
  /** Open balances today, one per currency the customer owes in. */
  readonly balances: readonly CustomerBalance[];
  /**
   * Payment behaviour over the last 12 months in the customer's own currency; null before a first payment.
   * Promises broken in those 12 months and disputes still open count towards the risk.
   */
  readonly behaviour: CurrencyBehaviour | null;
  /** Scored now from today's figures. */
  readonly risk: RiskAssessment;
  /** The level dunning and the deposit rule act on: set by hand, else stored computed, else medium. */
  readonly effectiveRisk: CustomerRiskDetail;
  /** The assigned collector, the next open task and the next dunning check. */
  readonly work: Omit<CustomerWorkRow, 'customerId'>;
}

export interface OverviewOptions {
  readonly q?: string;
  readonly customerId?: string;
  readonly limit: number;
}

/** Customers with what they owe, how they pay and how risky they are, in name order. */
export async function customersOverview(ctx: Ctx, options: OverviewOptions): Promise<Result<{ asOf: PlainDate; customers: CustomerOverview[] }>> {
  return withInsightScope(ctx, async (scope) => {
    const customers = await customerBriefs(scope.tx, scope.orgId, options.customerId ? { ids: [options.customerId], limit: 1 } : { q: options.q, limit: options.limit });
    if (options.customerId && customers.length === 0) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
    const facts = await loadRiskFacts(scope, options.customerId);
    const riskOf = riskScorer(facts);
    const balances = new Map<string, CustomerBalance[]>();
    for (const a of facts.aging) {
      const overdueInvoices = sum(a.invoices.slice(1));
      const mine = balances.get(a.customerId) ?? [];
      mine.push({
        currency: a.currency,
        balance: sum(a.amounts),
        overdue: sum(a.amounts.slice(1)),
        openInvoices: sum(a.invoices),
        overdueInvoices,
        // The oldest open invoice is overdue whenever any is.
        maxDaysOverdue: overdueInvoices > 0 ? a.maxDaysPastDue : 0,
      });
      balances.set(a.customerId, mine);
    }
    const work = await customerWork(scope.tx, scope.orgId, customers.map((c) => c.id));
    const effective = await effectiveRisksOf(scope.tx, scope.orgId, customers.map((c) => c.id));
    const behaviourOf = new Map(facts.behaviour.map((b) => [`${b.customerId} ${b.currency}`, b]));
    return success({
      asOf: scope.today,
      customers: customers.map((c) => {
        const owed = [...(balances.get(c.id) ?? [])].sort((a, b) => (a.currency === c.currency ? -1 : b.currency === c.currency ? 1 : a.currency < b.currency ? -1 : 1));
        return {
          ...c,
          work: work.get(c.id) ?? { collectorName: null, nextTask: null, nextReminderCheck: null },
          balances: owed,
          behaviour: behaviourOf.get(`${c.id} ${c.currency}`) ?? null,
          risk: riskOf(c),
          // Read in the same transaction as the customer itself: always there.
          effectiveRisk: effective.get(c.id)!,
        };
      }),
    });
  });
}
