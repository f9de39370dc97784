import { customerRiskJob } from './customer-risk.ts';
import { dunningTickJob } from './dunning-tick.ts';
import type { JobDefinition } from './job.ts';
import { outboxDeliveryJob, type OutboxDeliverySetup } from './outbox-delivery.ts';
import { recurringInvoicesJobDefinition } from './recurring-invoices.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { autopayCharger } from '../services/portal/autopay-charge.ts';

export interface JobEnvironment {
  readonly delivery: OutboxDeliverySetup;
  /** Charges autopay invoices of recurring schedules; null when no payment provider is configured. */
  readonly payments: PaymentProvider | null;
}

/**
 * Every background job of the application, run by `punctual start` and `punctual worker`. An area with
 * a job of its own adds its definition here.
 */
export function jobRegistry(env: JobEnvironment): JobDefinition[] {
  return [outboxDeliveryJob(env.delivery), dunningTickJob(), customerRiskJob(), recurringInvoicesJobDefinition({ autoCharge: autopayCharger(env.payments) })];
}
