import { statusAfterBalanceChange, type InvoiceStatus } from '../domain/invoice-status.ts';
import type { Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { appendEvents, type NewEvent } from '../db/repositories/events.ts';
import { insertAllocations, latestAllocationDays, stampAllocationsReversed, updateInvoice, type AllocationRow, type InvoiceRow } from '../db/repositories/invoices.ts';
import type { Ctx } from './context.ts';
import { dunningAfterMoneyMoved } from './dunning/after-money-moved.ts';
import { riskAfterFactsChanged } from './insight/customer-risk.ts';

export type MoneySource = { readonly paymentId: string } | { readonly creditNoteId: string };

export interface Move {
  readonly invoice: InvoiceRow;
  readonly amount: number;
}

function changed(invoice: InvoiceRow, paidDelta: number, creditedDelta: number, at: Date) {
  const amountPaid = invoice.amountPaid + paidDelta;
  const amountCredited = invoice.amountCredited + creditedDelta;
  const balance = invoice.total - amountPaid - amountCredited;
  const status = statusAfterBalanceChange(invoice.status as InvoiceStatus, invoice.total, balance);
  return { amountPaid, amountCredited, balance, status, updatedAt: at };
}

/** The invoice's latest allocation days once money dated `on` is put on it (ISO days compare as text). */
function daysAfterAllocating(invoice: InvoiceRow, on: string, isPayment: boolean) {
  const later = (day: string | null) => (day !== null && day > on ? day : on);
  return { lastAllocatedOn: later(invoice.lastAllocatedOn), lastPaymentOn: isPayment ? later(invoice.lastPaymentOn) : invoice.lastPaymentOn };
}

/**
 * Put money from one source onto invoices (already locked by the caller): allocation rows, the invoices'
 * denormalised balances, statuses and latest allocation days, and one event per invoice, all in the caller's
 * transaction.
 */
export async function allocate(tx: Db, ctx: Ctx, source: MoneySource, moves: readonly Move[], on: string, at: Date): Promise<InvoiceRow[]> {
  const isPayment = 'paymentId' in source;
  await insertAllocations(
    tx,
    moves.map((m) => ({
      orgId: ctx.orgId,
      id: newId(),
      invoiceId: m.invoice.id,
      paymentId: isPayment ? source.paymentId : null,
      creditNoteId: isPayment ? null : source.creditNoteId,
      amount: m.amount,
      allocatedOn: on,
      createdAt: at,
    })),
  );
  const updated: InvoiceRow[] = [];
  const events: NewEvent[] = [];
  for (const m of moves) {
    const after = await updateInvoice(tx, ctx.orgId, m.invoice.id, {
      ...changed(m.invoice, isPayment ? m.amount : 0, isPayment ? 0 : m.amount, at),
      ...daysAfterAllocating(m.invoice, on, isPayment),
    });
    updated.push(after);
    events.push({
      entityType: 'invoice',
      entityId: m.invoice.id,
      action: isPayment ? 'invoice.payment_applied' : 'invoice.credit_applied',
      before: { status: m.invoice.status, balance: m.invoice.balance },
      after: { status: after.status, balance: after.balance, amount: m.amount, ...source },
    });
  }
  await appendEvents(tx, ctx.orgId, ctx.actor, at, events);
  await dunningAfterMoneyMoved(tx, ctx, updated, at);
  await riskAfterFactsChanged(tx, ctx, updated.map((i) => i.customerId));
  return updated;
}

/** Take allocations back off their invoices (locked by the caller), keeping the rows stamped as reversed. */
export async function unallocate(tx: Db, ctx: Ctx, rows: readonly AllocationRow[], invoices: ReadonlyMap<string, InvoiceRow>, at: Date): Promise<void> {
  await stampAllocationsReversed(tx, ctx.orgId, rows.map((r) => r.id), at);
  const days = await latestAllocationDays(tx, ctx.orgId, [...new Set(rows.map((r) => r.invoiceId))]);
  const current = new Map(invoices);
  const events: NewEvent[] = [];
  for (const r of rows) {
    const invoice = current.get(r.invoiceId);
    if (!invoice) throw new Error(`Allocation ${r.id} points at invoice ${r.invoiceId}, which was not locked`);
    const fromPayment = r.paymentId !== null;
    const after = await updateInvoice(tx, ctx.orgId, invoice.id, {
      ...changed(invoice, fromPayment ? -r.amount : 0, fromPayment ? 0 : -r.amount, at),
      ...(days.get(invoice.id) ?? { lastPaymentOn: null, lastAllocatedOn: null }),
    });
    current.set(invoice.id, after);
    events.push({
      entityType: 'invoice',
      entityId: invoice.id,
      action: fromPayment ? 'invoice.payment_removed' : 'invoice.credit_removed',
      before: { status: invoice.status, balance: invoice.balance },
      after: { status: after.status, balance: after.balance, amount: r.amount, allocationId: r.id },
    });
  }
  await appendEvents(tx, ctx.orgId, ctx.actor, at, events);
  await riskAfterFactsChanged(tx, ctx, [...current.values()].map((i) => i.customerId));
}
