import { DEFAULT_RISK_POLICY, type CustomerPaymentBehaviour, type RiskAssessment, scoreCustomerRisk } from '../../domain/metrics/index.ts';

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
