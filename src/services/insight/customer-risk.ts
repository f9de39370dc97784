import { effectiveRisk, parseRiskLevel, type RiskAssessment, type RiskLevel, type RiskSource } from '../../domain/metrics/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { storedRisks, upsertCustomerRisks, type ScoredCustomer } from '../../db/repositories/customer-risk.ts';
import { customerBriefs } from '../../db/repositories/insight-customers.ts';
import { reportSettings } from '../../db/repositories/insight.ts';
import { findOrganization, organizationIds } from '../../db/repositories/organizations.ts';
import { nowDate, todayIn, type Clock, type Ctx } from '../context.ts';
import { loadRiskFacts, riskScorer } from './risk.ts';

// The stored computed risk: scored set-based from the same facts as the customer page, kept per customer so
// that the dunning tick and the deposit rule read a level instead of scoring the ledger. Refreshed every day
// (src/jobs/customer-risk.ts), and at once for a customer whose money or disputes change.

const EVERY_CUSTOMER = Number.MAX_SAFE_INTEGER;

/**
 * Score and store the risk of the organization's customers as of the clock's now, in the caller's transaction:
 * every customer in a handful of organization-wide queries, or only `customerIds`, each by its own indexed
 * queries. Returns how many customers were scored.
 */
export async function refreshRiskIn(tx: Db, clock: Clock, orgId: string, customerIds?: readonly string[]): Promise<number> {
  const org = await findOrganization(tx, orgId);
  if (!org) throw new Error(`Organization ${orgId} vanished during a risk refresh`);
  const scope = { tx, orgId, timeZone: org.timeZone, today: todayIn({ clock }, org.timeZone) };
  const computedAt = nowDate({ clock });
  const scored: ScoredCustomer[] = [];
  const passes = customerIds ? [...new Set(customerIds)] : [undefined];
  for (const customerId of passes) {
    const customers = await customerBriefs(tx, orgId, customerId ? { ids: [customerId], limit: 1 } : { limit: EVERY_CUSTOMER });
    if (customers.length === 0) continue;
    const riskOf = riskScorer(await loadRiskFacts(scope, customerId));
    for (const c of customers) {
      const { level, score, reasons } = riskOf(c);
      scored.push({ customerId: c.id, level, score, reasons });
    }
  }
  await upsertCustomerRisks(tx, orgId, scored, computedAt);
  return scored.length;
}

/** Refresh one organization's stored risk (all customers, or these) in a transaction of its own. */
export async function refreshCustomerRisk(db: Db, clock: Clock, orgId: string, customerIds?: readonly string[]): Promise<number> {
  return inOrg(db, orgId, async (tx) => {
    await reportSettings(tx);
    return refreshRiskIn(tx, clock, orgId, customerIds);
  });
}

export interface RiskRefreshReport {
  readonly orgId: string;
  readonly customers: number;
  readonly ms: number;
}

/** The daily refresh: every organization, one transaction each, so one organization's failure stops only it. */
export async function refreshAllCustomerRisk(db: Db, clock: Clock, onlyOrgId?: string): Promise<RiskRefreshReport[]> {
  const reports: RiskRefreshReport[] = [];
  for (const orgId of onlyOrgId ? [onlyOrgId] : await organizationIds(db)) {
    const started = performance.now();
    const customers = await refreshCustomerRisk(db, clock, orgId);
    reports.push({ orgId, customers, ms: Math.round(performance.now() - started) });
  }
  return reports;
}

/**
 * Called in the transaction that moved money on these customers' invoices or opened or closed a dispute:
 * the facts risk is scored from changed, so the stored level follows at once rather than tomorrow.
 */
export async function riskAfterFactsChanged(tx: Db, ctx: Ctx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length > 0) await refreshRiskIn(tx, ctx.clock, ctx.orgId, customerIds);
}

export interface StoredAssessment extends RiskAssessment {
  readonly computedAt: Date;
}

/** A customer's risk as dunning and the deposit rule see it, with what it was made from. */
export interface CustomerRiskDetail {
  readonly level: RiskLevel;
  readonly source: RiskSource;
  /** The level set by hand (PATCH /customers/:id/dunning), or null. */
  readonly manualLevel: RiskLevel | null;
  /** The stored computed level with its score and reasons; null until the customer's first refresh. */
  readonly computed: StoredAssessment | null;
}

/** The effective risk of these customers of the organization; ids of no customer of it are absent. */
export async function effectiveRisksOf(db: Db, orgId: string, customerIds: readonly string[]): Promise<Map<string, CustomerRiskDetail>> {
  const rows = await storedRisks(db, orgId, customerIds);
  const details = new Map<string, CustomerRiskDetail>();
  for (const [id, row] of rows) {
    const computedLevel = parseRiskLevel(row.computed?.level);
    const computed = row.computed && computedLevel ? { level: computedLevel, score: row.computed.score, reasons: row.computed.reasons, computedAt: row.computed.computedAt } : null;
    details.set(id, { ...effectiveRisk(row.manualLevel, computed?.level ?? null), manualLevel: parseRiskLevel(row.manualLevel), computed });
  }
  return details;
}

export async function customerRiskDetail(ctx: Ctx, customerId: string): Promise<Result<CustomerRiskDetail>> {
  const detail = (await inOrg(ctx.db, ctx.orgId, (tx) => effectiveRisksOf(tx, ctx.orgId, [customerId]))).get(customerId);
  return detail ? success(detail) : failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
}
