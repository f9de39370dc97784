import { date, type PlainDate } from '../../domain/dates.ts';
import {
  buildLedger,
  type CashForecast,
  cashForecast,
  DEFAULT_PREDICTION_OPTIONS,
  type LedgerInvoice,
  type PayDatePrediction,
  predictPayDates,
} from '../../domain/metrics/index.ts';
import { success, type Result } from '../../domain/result.ts';
import { customerBriefs } from '../../db/repositories/insight-customers.ts';
import { openInvoices, recentSettlements } from '../../db/repositories/insight.ts';
import type { Ctx } from '../context.ts';
import { type InsightScope, requireCustomer, withInsightScope } from './scope.ts';

export interface InvoicePrediction extends PayDatePrediction {
  readonly currency: string;
  readonly number: string | null;
  readonly customerName: string;
}

/**
 * Predicted pay dates for every open invoice, by the domain's documented method (predictPayDates). The
 * database returns only what the method reads: the open invoices, and per currency each customer's 12 and
 * the organization's 250 most recently settled invoices, each as one payment of what was paid on the day
 * the customer finished paying.
 */
async function predict(scope: InsightScope, filter: { customerId?: string; currency?: string }): Promise<InvoicePrediction[]> {
  const today = scope.today.toString();
  const samples = await recentSettlements(scope.tx, scope.orgId, today, scope.timeZone, DEFAULT_PREDICTION_OPTIONS);
  const open = await openInvoices(scope.tx, scope.orgId, today, scope.timeZone, filter);
  const byCurrency = new Map<string, LedgerInvoice[]>();
  const add = (currency: string, invoice: LedgerInvoice) => {
    const list = byCurrency.get(currency) ?? [];
    list.push(invoice);
    byCurrency.set(currency, list);
  };
  for (const s of samples)
    add(s.currency, {
      id: s.id,
      customerId: s.customerId,
      currency: s.currency,
      issueDate: date(s.issueDate),
      dueDate: date(s.dueDate),
      total: s.amountPaid,
      allocations: [{ kind: 'payment', date: date(s.paidOn), amount: s.amountPaid }],
    });
  for (const o of open)
    add(o.currency, { id: o.id, customerId: o.customerId, currency: o.currency, issueDate: date(o.issueDate), dueDate: date(o.dueDate), total: o.balance, allocations: [] });
  const numbers = new Map(open.map((o) => [o.id, o.number]));
  const names = new Map((await customerBriefs(scope.tx, scope.orgId, { ids: [...new Set(open.map((o) => o.customerId))], limit: 1_000_000 })).map((c) => [c.id, c.name]));
  const predictions: InvoicePrediction[] = [];
  for (const currency of [...byCurrency.keys()].sort()) {
    const ledger = buildLedger(currency, byCurrency.get(currency) ?? []);
    if (!ledger.ok) throw new Error(`Prediction ledger for ${currency}: ${ledger.message}`);
    for (const p of predictPayDates(ledger.value, scope.today, DEFAULT_PREDICTION_OPTIONS))
      if (numbers.has(p.invoiceId)) predictions.push({ ...p, currency, number: numbers.get(p.invoiceId) ?? null, customerName: names.get(p.customerId) ?? '' });
  }
  return predictions;
}

export async function payDatePredictions(ctx: Ctx, filter: { customerId?: string; currency?: string }): Promise<Result<{ asOf: PlainDate; predictions: InvoicePrediction[] }>> {
  return withInsightScope(ctx, async (scope) => {
    if (filter.customerId) {
      const found = await requireCustomer(scope, filter.customerId);
      if (!found.ok) return found;
    }
    return success({ asOf: scope.today, predictions: await predict(scope, filter) });
  });
}

export interface CurrencyForecast extends CashForecast {
  readonly currency: string;
}

/** Expected cash-in per ISO week for the next 13 weeks, per currency, from the predicted pay dates. */
export async function cashInForecast(ctx: Ctx, filter: { currency?: string }): Promise<Result<{ asOf: PlainDate; currencies: CurrencyForecast[] }>> {
  return withInsightScope(ctx, async (scope) => {
    const predictions = await predict(scope, filter);
    const currencies = [...new Set(predictions.map((p) => p.currency))].sort();
    return success({
      asOf: scope.today,
      currencies: currencies.map((currency) => ({ currency, ...cashForecast(predictions.filter((p) => p.currency === currency), scope.today) })),
    });
  });
}
