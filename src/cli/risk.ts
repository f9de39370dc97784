import type { Database } from '../db/connection.ts';
import { systemClock, type Clock } from '../services/context.ts';
import { refreshAllCustomerRisk } from '../services/insight/customer-risk.ts';
import { listOrganizationIds } from '../services/organizations.ts';

export interface RiskCliOptions {
  readonly org?: string;
}

/**
 * `punctual risk refresh`: score every customer's risk now, as the daily job does. Returns a refusal to print
 * as a usage error, or null when done.
 */
export async function riskRefreshCommand(database: Database, opts: RiskCliOptions, print: (line: string) => void, clock: Clock = systemClock): Promise<string | null> {
  if (opts.org && !(await listOrganizationIds(database.db)).includes(opts.org)) return `No organization ${opts.org}`;
  const reports = await refreshAllCustomerRisk(database.db, clock, opts.org);
  for (const r of reports) print(`Organization ${r.orgId}: ${r.customers} customer(s) scored in ${r.ms} ms.`);
  return null;
}
