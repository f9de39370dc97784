import { allocateOldestFirst, type OpenItem } from '../domain/allocate-payment.ts';
import { date } from '../domain/dates.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { inOrgResult, type Db } from '../db/connection.ts';
import { findCustomer } from '../db/repositories/customers.ts';
import { creditSourcesForUpdate, findOpenInvoicesOfCustomer, updateInvoice, type InvoiceRow } from '../db/repositories/invoices.ts';
import { creditPaymentsForUpdate, updatePayment } from '../db/repositories/payments.ts';
import { nowDate, todayIn, type Ctx } from './context.ts';
import { loadOrganization } from './create-customer.ts';
import { allocate } from './move-money.ts';

export function openItem(i: InvoiceRow): OpenItem {
  return { invoiceId: i.id, number: i.number ?? i.id, currency: i.currency, dueDate: date(i.dueDate), issueDate: date(i.issueDate), balance: i.balance };
}

/**
 * Spend a customer's credit (unallocated payments, then unapplied credit notes, oldest first) on their open
 * invoices in one currency, oldest due first. Runs inside the caller's transaction; returns what moved.
 */
export async function spendCredit(tx: Db, ctx: Ctx, customerId: string, currency: string, on: string, at: Date): Promise<number> {
  const payments = await creditPaymentsForUpdate(tx, ctx.orgId, customerId, currency);
  const notes = await creditSourcesForUpdate(tx, ctx.orgId, customerId, currency);
  // Most customers have no credit: then issuing an invoice costs no further query here.
  if (payments.length === 0 && notes.length === 0) return 0;
  let open = await findOpenInvoicesOfCustomer(tx, ctx.orgId, customerId, currency);
  let moved = 0;
  const sources = [
    ...payments.map((p) => ({ available: p.unallocated, source: { paymentId: p.id }, settle: (used: number) => updatePayment(tx, ctx.orgId, p.id, { unallocated: p.unallocated - used }) })),
    ...notes.map((n) => ({
      available: n.balance,
      source: { creditNoteId: n.id },
      settle: (used: number) => {
        const balance = n.balance - used;
        return updateInvoice(tx, ctx.orgId, n.id, { amountCredited: n.amountCredited + used, balance, status: balance === 0 ? 'paid' : 'open', updatedAt: at });
      },
    })),
  ];
  for (const s of sources) {
    if (open.length === 0) break;
    const plan = allocateOldestFirst(s.available, currency, open.map(openItem));
    if (plan.allocations.length === 0) continue;
    const byId = new Map(open.map((i) => [i.id, i]));
    const updated = await allocate(tx, ctx, s.source, plan.allocations.map((a) => ({ invoice: byId.get(a.invoiceId)!, amount: a.amount })), on, at);
    await s.settle(s.available - plan.unallocated);
    moved += s.available - plan.unallocated;
    const after = new Map(updated.map((u) => [u.id, u]));
    open = open.map((i) => after.get(i.id) ?? i).filter((i) => i.balance > 0);
  }
  return moved;
}

export async function applyCustomerCredit(ctx: Ctx, customerId: string, currency: string): Promise<Result<{ applied: number }>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const customer = await findCustomer(tx, ctx.orgId, customerId, true);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const org = await loadOrganization(tx, ctx.orgId);
    const applied = await spendCredit(tx, ctx, customerId, currency, todayIn(ctx, org.timeZone).toString(), nowDate(ctx));
    return success({ applied });
  });
}
