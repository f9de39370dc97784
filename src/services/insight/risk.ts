import { DEFAULT_RISK_POLICY, type CustomerPaymentBehaviour, type RiskAssessment, scoreCustomerRisk } from '../../domain/metrics/index.ts';
import { riskCollectionFacts } from '../../db/repositories/insight-customers.ts';
import { sum } from '../../domain/money.ts';
import { type AgingRow, agingRows } from '../../db/repositories/insight.ts';
import { behaviourByCustomer, type CurrencyBehaviour, defaultPaidSince } from './behaviour.ts';
import type { InsightScope } from './scope.ts';

export interface RiskInputs {
  /** Behaviour in the customer's own currency, when it has paid an invoice in it. */
  readonly behaviour: CustomerPaymentBehaviour | undefined;
  readonly overdueAmount: number;
  readonly creditLimit: number | null;
  readonly brokenPromises: number;
  readonly openDisputes: number;
}

/**
 * A customer's risk level with its reasons. It is scored in the customer's own currency: that is the
 * currency of its credit limit, and payment habits do not depend on the currency of one invoice.
 */
export function customerRisk(inputs: RiskInputs): RiskAssessment {
  const assessed = scoreCustomerRisk(inputs, DEFAULT_RISK_POLICY);
  // The default policy is valid and the facts come from the database as non-negative integers.
  if (!assessed.ok) throw new Error(`Risk scoring: ${assessed.message}`);
  return assessed.value;
}

/** What risk is scored from, each gathered set-based for the whole organization (or one customer). */
export interface RiskFactSet {
  /** Open balances today by customer and currency, in two buckets: not yet due, and overdue. */
  readonly aging: readonly AgingRow[];
  /** Payment behaviour over the last 12 months, per customer and currency. */
  readonly behaviour: readonly CurrencyBehaviour[];
  /** Promises broken in those 12 months and disputes still open, per customer. */
  readonly collections: ReadonlyMap<string, { readonly brokenPromises: number; readonly openDisputes: number }>;
}

export async function loadRiskFacts(scope: InsightScope, customerId?: string): Promise<RiskFactSet> {
  const since = defaultPaidSince(scope.today);
  const aging = await agingRows(scope.tx, scope.orgId, scope.today.toString(), [1], scope.timeZone, customerId ? { customerId } : {});
  const behaviour = await behaviourByCustomer(scope, since, customerId);
  const collections = await riskCollectionFacts(scope.tx, scope.orgId, since.toString(), customerId);
  return { aging, behaviour, collections };
}

export interface RiskSubject {
  readonly id: string;
  readonly currency: string;
  readonly creditLimit: number | null;
}

/** Scores customers from one fact set; the facts are indexed once, so scoring every customer stays linear. */
export function riskScorer(facts: RiskFactSet): (customer: RiskSubject) => RiskAssessment {
  const overdue = new Map(facts.aging.map((a) => [`${a.customerId} ${a.currency}`, sum(a.amounts.slice(1))]));
  const behaviour = new Map(facts.behaviour.map((b) => [`${b.customerId} ${b.currency}`, b]));
  return (c) => {
    const key = `${c.id} ${c.currency}`;
    return customerRisk({
      behaviour: behaviour.get(key),
      overdueAmount: overdue.get(key) ?? 0,
      creditLimit: c.creditLimit,
      brokenPromises: 0,
      openDisputes: 0,
      ...facts.collections.get(c.id),
    });
  };
}
