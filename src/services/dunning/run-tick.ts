import type { PlainDate } from '../../domain/dates.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { candidateInvoices, lockCustomersForTick, refreshTickStatistics } from '../../db/repositories/dunning.ts';
import type { Actor } from '../../db/repositories/events.ts';
import { organizationIds } from '../../db/repositories/organizations.ts';
import { nowDate, type Clock } from '../context.ts';
import { publicBaseUrl } from '../documents/portal-link.ts';
import { newPortalToken, portalPageUrl } from '../portal/links.ts';
import { decideCustomer, type CustomerDecision } from './decide-customer.ts';
import { candidateWindow, loadCustomerFacts, loadOrganization } from './load-tick.ts';
import { groupBy } from './tick-facts.ts';
import { withOpenInvoiceLists } from './task-invoices.ts';
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
  /**
   * Chunks decided at once, each on its own connection: with two, one chunk's rendering in Node overlaps the
   * other's reads and writes in PostgreSQL. Only for a connection pool; one on PGlite or inside a transaction.
   */
  readonly lanes?: number;
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
 * against concurrent payments and ticks, so no reminder is decided on a balance that a committed payment
 * already changed. Running it again the same day finds every step in the history and sends nothing twice.
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
  const { window, earliest } = candidateWindow(now, options.date ?? null);
  const totals = { customersDecided: 0, customersWaiting: 0, invoicesPlanned: 0, messagesQueued: 0, messagesSkipped: 0, tasksCreated: 0, stepsSkipped: 0, deferred: 0 };
  const kept: CustomerDecision[] = [];
  // Lanes take the next chunk of customers in turn, so no customer is in two chunks of one tick. Each chunk
  // loads its facts again under its locks: an invoice paid meanwhile is simply not due.
  const invoicesOf = groupBy(await inOrg(db, orgId, (tx) => candidateInvoices(tx, orgId, window)), (c) => c.customerId);
  const candidates = [...invoicesOf.keys()];
  const size = options.chunkSize ?? DEFAULT_CHUNK;
  let next = 0;
  const nextChunk = () => candidates.slice(next, (next += size));
  const decideChunk = (ids: readonly string[]) =>
    inOrg(db, orgId, async (tx) => {
      if (!options.dryRun) await lockCustomersForTick(tx, orgId, ids);
      const invoiceIds = ids.flatMap((id) => invoicesOf.get(id)!.map((c) => c.invoiceId));
      const facts = await loadCustomerFacts(tx, orgId, ids, invoiceIds, window, earliest);
      const decisions = await withOpenInvoiceLists(
        tx,
        orgId,
        facts.map((f) => decideCustomer(org, f, { now, date: options.date ?? null, at, portalLink: options.dryRun ? undefined : newReminderLink })),
      );
      const decided = decisions.filter((d) => d.notDecided === null);
      const written = options.dryRun
        ? { messagesQueued: decided.reduce((n, d) => n + d.queued.length, 0), tasksCreated: decided.reduce((n, d) => n + d.tasks.length, 0) }
        : await writeDecisions(tx, org, actor, at, decisions);
      return { decisions, queued: written.messagesQueued, tasks: written.tasksCreated, historyRows: decided.reduce((n, d) => n + d.history.length, 0) };
    });
  // A catch-up writes millions of history rows in minutes, faster than autovacuum re-reads the tables: with the
  // old statistics, looking up one chunk's history turned into a scan of the organization's (2 s, growing with
  // every chunk). The tick refreshes them itself as it goes, and once more for the ticks after it.
  let unanalyzed = 0;
  const analyzeAfter = async (rows: number, threshold: number) => {
    unanalyzed += rows;
    if (options.dryRun || unanalyzed < threshold) return;
    unanalyzed = 0;
    await refreshTickStatistics(db);
  };
  const lane = async () => {
    for (let ids = nextChunk(); ids.length > 0; ids = nextChunk()) {
      const chunk = await decideChunk(ids);
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
      await analyzeAfter(chunk.historyRows, 200_000);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 1) }, lane));
  await analyzeAfter(0, 20_000);
  return { orgId, ...totals, decisions: kept };
}
