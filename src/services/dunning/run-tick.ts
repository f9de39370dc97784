import type { PlainDate } from '../../domain/dates.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { candidateCustomerIds, lockOrganizationTick, shareLockCustomers } from '../../db/repositories/dunning.ts';
import type { Actor } from '../../db/repositories/events.ts';
import { organizationIds } from '../../db/repositories/organizations.ts';
import { nowDate, type Clock } from '../context.ts';
import { publicBaseUrl } from '../documents/portal-link.ts';
import { newPortalToken, portalPageUrl } from '../portal/links.ts';
import { decideCustomer, type CustomerDecision } from './decide-customer.ts';
import { candidateWindow, loadCustomerFacts, loadOrganization } from './load-tick.ts';
import { writeDecisions } from './write-decisions.ts';

export interface TickOptions {
  /** One organization; absent: every organization. */
  readonly orgId?: string;
  /** Decide as of this local date instead of each customer's today (preview, or catching up by hand). */
  readonly date?: PlainDate;
  /** Decide and report, write nothing. */
  readonly dryRun: boolean;
  /** Customers per transaction. */
  readonly chunkSize?: number;
  readonly actor?: Actor;
}

export interface OrganizationTick {
  readonly orgId: string;
  readonly customersDecided: number;
  /** Customers not on a sending day or past their window: looked at by a later tick. */
  readonly customersWaiting: number;
  readonly invoicesPlanned: number;
  readonly messagesQueued: number;
  readonly messagesSkipped: number;
  readonly tasksCreated: number;
  readonly stepsSkipped: number;
  readonly deferred: number;
  /** Every customer decision, for a dry run (the preview); empty otherwise, to keep a large tick's memory flat. */
  readonly decisions: readonly CustomerDecision[];
}

export interface TickReport {
  readonly dryRun: boolean;
  readonly organizations: readonly OrganizationTick[];
}

const DEFAULT_CHUNK = 500;

function newReminderLink() {
  const token = newPortalToken();
  return { token, url: portalPageUrl(publicBaseUrl(), token) };
}

/**
 * One dunning tick: for each organization, the customers with something possibly due are taken in chunks
 * (by id), and each chunk is loaded, decided and written in one transaction that holds the customers' rows
 * against concurrent payments, so no reminder is decided on a balance that a committed payment already
 * changed. Running it again the same day finds every step in the history and sends nothing twice.
 */
export async function runDunningTick(db: Db, clock: Clock, options: TickOptions): Promise<TickReport> {
  const orgIds = options.orgId ? [options.orgId] : await organizationIds(db);
  const organizations: OrganizationTick[] = [];
  for (const orgId of orgIds) {
    const result = await tickOrganization(db, clock, orgId, options);
    if (result) organizations.push(result);
  }
  return { dryRun: options.dryRun, organizations };
}

async function tickOrganization(db: Db, clock: Clock, orgId: string, options: TickOptions): Promise<OrganizationTick | null> {
  const org = await inOrg(db, orgId, (tx) => loadOrganization(tx, orgId));
  if (!org) return null;
  const now = clock.now();
  const at = nowDate({ clock });
  const actor: Actor = options.actor ?? { type: 'system', id: 'dunning' };
  const { window, earliest } = candidateWindow(now, options.date ?? null, org.policies.values());
  const totals = { customersDecided: 0, customersWaiting: 0, invoicesPlanned: 0, messagesQueued: 0, messagesSkipped: 0, tasksCreated: 0, stepsSkipped: 0, deferred: 0 };
  const kept: CustomerDecision[] = [];
  let after: string | null = null;
  for (;;) {
    const chunk: { last: string; decisions: CustomerDecision[]; queued: number; tasks: number } | null = await inOrg(db, orgId, async (tx) => {
      if (!options.dryRun) await lockOrganizationTick(tx, orgId);
      const ids = await candidateCustomerIds(tx, orgId, window, after, options.chunkSize ?? DEFAULT_CHUNK);
      if (ids.length === 0) return null;
      if (!options.dryRun) await shareLockCustomers(tx, orgId, ids);
      const facts = await loadCustomerFacts(tx, orgId, ids, window, earliest);
      const decisions = facts.map((f) => decideCustomer(org, f, { now, date: options.date ?? null, at, portalLink: options.dryRun ? undefined : newReminderLink }));
      const decided = decisions.filter((d) => d.notDecided === null);
      const written = options.dryRun
        ? { messagesQueued: decided.reduce((n, d) => n + d.queued.length, 0), tasksCreated: decided.reduce((n, d) => n + d.tasks.length, 0) }
        : await writeDecisions(tx, org, actor, at, decisions);
      return { last: ids.at(-1)!, decisions, queued: written.messagesQueued, tasks: written.tasksCreated };
    });
    if (!chunk) break;
    after = chunk.last;
    for (const d of chunk.decisions) {
      if (d.notDecided !== null) {
        totals.customersWaiting++;
        continue;
      }
      totals.customersDecided++;
      totals.invoicesPlanned += d.invoices.length;
      totals.messagesSkipped += d.skippedMessages.length;
      totals.stepsSkipped += d.skips.length;
      totals.deferred += d.deferred.length;
    }
    totals.messagesQueued += chunk.queued;
    totals.tasksCreated += chunk.tasks;
    if (options.dryRun) kept.push(...chunk.decisions);
  }
  return { orgId, ...totals, decisions: kept };
}
