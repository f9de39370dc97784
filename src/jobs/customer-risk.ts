import { refreshAllCustomerRisk } from '../services/insight/customer-risk.ts';
import type { JobDefinition } from './job.ts';

export const CUSTOMER_RISK_REFRESH = 'customer-risk-refresh';

/**
 * Every customer's computed risk, once a day. Payments, credits and disputes refresh their customer at once;
 * what changes only with time (invoices falling overdue, broken promises and old payments leaving the
 * 12-month window, promises the dunning tick marks broken) waits for this run. 01:30 UTC is after midnight
 * from Europe to Asia, so most organizations are scored on their new day before their first tick.
 */
export function customerRiskJob(): JobDefinition {
  return {
    name: CUSTOMER_RISK_REFRESH,
    cron: '30 1 * * *',
    expireInSeconds: 3600,
    retryLimit: 2,
    async run(ctx) {
      const reports = await refreshAllCustomerRisk(ctx.db, ctx.clock);
      ctx.log.info({ organizations: reports.length, customers: reports.reduce((n, r) => n + r.customers, 0) }, 'customer risk refreshed');
      return { organizations: reports };
    },
  };
}
