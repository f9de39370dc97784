import { assertSafe } from '../money.ts';
import { epochDay } from './epoch-day.ts';
import type { Allocation, MatchCandidate, OpenInvoice } from './types.ts';

/**
 * The open invoices of one matching run and what is still owed on each as lines get matched, so one
 * balance is never consumed twice. Invoices are addressed by position (0 … size-1) in every index.
 */
export class InvoiceLedger {
  readonly invoices: readonly OpenInvoice[];
  readonly dueDay: readonly number[];
  private readonly remaining: number[];

  constructor(invoices: readonly OpenInvoice[]) {
    const seen = new Set<string>();
    for (const invoice of invoices) {
      if (seen.has(invoice.id)) throw new Error(`Invoice ${invoice.id} is listed twice`);
      seen.add(invoice.id);
      assertSafe(invoice.balanceMinor);
    }
    this.invoices = invoices.filter((invoice) => invoice.balanceMinor > 0);
    this.dueDay = this.invoices.map((invoice) => epochDay(invoice.dueDate));
    this.remaining = this.invoices.map((invoice) => invoice.balanceMinor);
  }

  get size(): number {
    return this.invoices.length;
  }

  invoice(position: number): OpenInvoice {
    const invoice = this.invoices[position];
    if (!invoice) throw new RangeError(`No invoice at position ${position}`);
    return invoice;
  }

  remainingOf(position: number): number {
    return this.remaining[position] ?? 0;
  }

  /** Take up to `amount` from the invoice's remaining balance; returns the allocation actually made. */
  take(position: number, amount: number): Allocation | null {
    const taken = Math.min(amount, this.remainingOf(position));
    if (taken <= 0) return null;
    this.remaining[position] = this.remainingOf(position) - taken;
    return { invoiceId: this.invoice(position).id, amountMinor: taken };
  }

  candidate(position: number, bookingDay: number): MatchCandidate {
    return { invoiceId: this.invoice(position).id, daysFromDueDate: bookingDay - (this.dueDay[position] ?? bookingDay) };
  }
}
