import { parseDate } from '../../domain/dates.ts';
import type { BalanceChange, ChargedLateFee, ExchangeQuote, InvoiceFacts } from '../../domain/fees/index.ts';
import type { Db } from '../../db/connection.ts';
import { activeAllocations, type InvoiceRow } from '../../db/repositories/invoices.ts';
import type { LateFeeChargeRow } from '../../db/repositories/late-fees.ts';

/**
 * The principal's history as the fee rules need it: every payment and credit still on the invoice lowers the
 * balance from the day the money arrived (its allocation date). An allocation taken back (bounced payment,
 * money moved to another invoice) is left out altogether: money that did not stay never settled the debt.
 */
export async function balanceChanges(db: Db, orgId: string, invoiceId: string): Promise<BalanceChange[]> {
  return (await activeAllocations(db, orgId, { invoiceId })).map((a) => ({ date: parseDate(a.allocatedOn)!, amount: -a.amount }));
}

export async function invoiceFacts(db: Db, orgId: string, invoice: InvoiceRow, exchange?: ExchangeQuote): Promise<InvoiceFacts> {
  return {
    currency: invoice.currency,
    total: invoice.total,
    dueDate: parseDate(invoice.dueDate)!,
    changes: await balanceChanges(db, orgId, invoice.id),
    ...(exchange ? { exchange } : {}),
  };
}

export function chargedHistory(rows: readonly LateFeeChargeRow[]): ChargedLateFee[] {
  return rows.map((r) => ({ component: r.component, stepIndex: r.stepIndex, amount: r.amount, waivedAmount: r.waivedAmount }));
}
