import type { PlainDate } from '../../domain/dates.ts';
import type { CustomerPaymentBehaviour } from '../../domain/metrics/index.ts';
import { shareInBasisPoints, tenthsOfDay } from '../../domain/metrics/ratio.ts';
import { success, type Result } from '../../domain/result.ts';
import { customerNames } from '../../db/repositories/banking.ts';
import { behaviourSums, type BehaviourSumsRow } from '../../db/repositories/insight.ts';
import type { Ctx } from '../context.ts';
import { type InsightScope, requireCustomer, withInsightScope } from './scope.ts';

/**
 * The domain's paymentBehaviour, from sums the database computed over each customer's settled invoices
 * (same settlement rule, same half-up rounding once per figure). test/insight-behaviour.test.ts checks it
 * against paymentBehaviour on the full ledger.
 */
export function behaviourFromSums(row: BehaviourSumsRow): CustomerPaymentBehaviour {
  const count = BigInt(row.paidInvoices);
  return {
    customerId: row.customerId,
    paidInvoices: row.paidInvoices,
    paidLate: row.paidLate,
    paidLateShareBp: shareInBasisPoints(row.paidLate, row.paidInvoices),
    averageDaysLateTenths: tenthsOfDay(row.daysLate, count),
    weightedAverageDaysLateTenths: tenthsOfDay(row.amountWeightedDaysLate, row.amountPaid),
    averageDaysToPayTenths: tenthsOfDay(row.daysToPay, count),
  };
}

/** How far back payment behaviour looks by default: habits older than a year fade out. */
export function defaultPaidSince(today: PlainDate): PlainDate {
  return today.subtract({ months: 12 });
}

export interface CurrencyBehaviour extends CustomerPaymentBehaviour {
  readonly currency: string;
}

/** Payment behaviour per customer and currency, from invoices whose last payment is on or after paidSince. */
export async function behaviourByCustomer(scope: InsightScope, paidSince: PlainDate, customerId?: string): Promise<CurrencyBehaviour[]> {
  const rows = await behaviourSums(scope.tx, scope.orgId, scope.today.toString(), paidSince.toString(), scope.timeZone, customerId);
  return rows.map((r) => ({ currency: r.currency, ...behaviourFromSums(r) }));
}

export interface NamedBehaviour extends CurrencyBehaviour {
  readonly customerName: string;
}

/** Average days late and the rest of payment behaviour per customer, by customer name. */
export async function paymentBehaviourReport(
  ctx: Ctx,
  options: { paidSince?: PlainDate; customerId?: string },
): Promise<Result<{ paidSince: PlainDate; data: NamedBehaviour[] }>> {
  return withInsightScope(ctx, async (scope) => {
    const found = options.customerId ? await requireCustomer(scope, options.customerId) : undefined;
    if (found && !found.ok) return found;
    const names = found ? new Map([[found.value.id, found.value.name]]) : await customerNames(scope.tx, scope.orgId);
    const paidSince = options.paidSince ?? defaultPaidSince(scope.today);
    const rows = await behaviourByCustomer(scope, paidSince, options.customerId);
    const data = rows
      .map((r) => ({ ...r, customerName: names.get(r.customerId) ?? '' }))
      .sort((a, b) => a.customerName.localeCompare(b.customerName) || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
    return success({ paidSince, data });
  });
}
