import type { Db } from '../db/connection.ts';
import type { Clock } from '../services/context.ts';
import { runRecurringInvoices, type AutoChargeHook } from '../services/terms/run-recurring.ts';
import type { JobDefinition } from './job.ts';

export interface RecurringInvoicesDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Charges autopay customers once their invoice is issued (customer portal). */
  readonly autoCharge?: AutoChargeHook;
}

/** Job handler: issue and queue every recurring invoice due today. Safe to run often and on several workers. */
export async function recurringInvoicesJob(deps: RecurringInvoicesDeps): Promise<void> {
  const { db, clock, ...options } = deps;
  await runRecurringInvoices(db, clock, options);
}

/**
 * The job for the registry: hourly, so each organization's invoices go out soon after its own midnight;
 * a run finds nothing to do for schedules already handled today.
 */
export function recurringInvoicesJobDefinition(options: Omit<RecurringInvoicesDeps, 'db' | 'clock'> = {}): JobDefinition {
  return {
    name: 'recurring-invoices',
    cron: '5 * * * *',
    expireInSeconds: 900,
    retryLimit: 3,
    run: (ctx) => recurringInvoicesJob({ db: ctx.db, clock: ctx.clock, ...options }),
  };
}
