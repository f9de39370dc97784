import { allocateOldestFirst, checkManualAllocation, type AllocationPlan } from '../domain/allocate-payment.ts';
import { isReceivable, type InvoiceStatus } from '../domain/invoice-status.ts';
import { parseDate } from '../domain/dates.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { inOrgResult, type Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { findCustomer } from '../db/repositories/customers.ts';
import { appendEvents } from '../db/repositories/events.ts';
import {
  activeAllocations,
  findAllocation,
  findInvoicesForUpdate,
  findOpenInvoicesOfCustomer,
  updateInvoice,
  type InvoiceRow,
} from '../db/repositories/invoices.ts';
import { findPayment, findPaymentByExternalId, insertPayment, insertRefund, updatePayment, type PaymentRow, type RefundRow } from '../db/repositories/payments.ts';
import { checkCurrency } from './build-invoice.ts';
import { nowDate, type Ctx } from './context.ts';
import { openItem } from './apply-credit.ts';
import type { RecordPaymentInput, RefundInput } from './inputs.ts';
import { allocate, unallocate } from './move-money.ts';
import { grantEarlyPaymentDiscounts } from './terms/early-payment.ts';

const paymentNotFound = () => failure('PAYMENT_NOT_FOUND', 'No such payment', 'paymentId');

/**
 * Plan where money goes: by hand when allocations are given (each checked against the invoice's balance
 * and currency), otherwise oldest due first. The invoices come back locked.
 */
async function planAllocation(
  tx: Db,
  ctx: Ctx,
  customerId: string,
  amount: number,
  currency: string,
  requested: RecordPaymentInput['allocations'],
): Promise<Result<{ plan: AllocationPlan; invoices: Map<string, InvoiceRow> }>> {
  if (!requested) {
    const open = await findOpenInvoicesOfCustomer(tx, ctx.orgId, customerId, currency);
    return success({ plan: allocateOldestFirst(amount, currency, open.map(openItem)), invoices: new Map(open.map((i) => [i.id, i])) });
  }
  const locked = await findInvoicesForUpdate(tx, ctx.orgId, requested.map((a) => a.invoiceId));
  const invoices = new Map(locked.filter((i) => i.customerId === customerId && i.kind === 'invoice').map((i) => [i.id, i]));
  for (const [i, a] of requested.entries()) {
    const invoice = invoices.get(a.invoiceId);
    if (invoice && !isReceivable(invoice.status as InvoiceStatus))
      return failure(
        invoice.status === 'paid' ? 'INVOICE_ALREADY_PAID' : 'INVOICE_NOT_OPEN',
        `Invoice ${invoice.number ?? invoice.id} is ${invoice.status} and cannot take a payment`,
        `allocations[${i}].invoiceId`,
      );
  }
  const checked = checkManualAllocation(amount, currency, requested, new Map([...invoices].map(([id, inv]) => [id, openItem(inv)])));
  if (!checked.ok) return checked;
  return success({ plan: checked.value, invoices });
}

export interface PaymentResult {
  readonly payment: PaymentRow;
  readonly invoices: readonly InvoiceRow[];
}

export async function recordPayment(ctx: Ctx, input: RecordPaymentInput, source = 'manual'): Promise<Result<PaymentResult>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    // The customer row lock serialises every money movement of one customer, so concurrent payments and
    // credit spends can neither deadlock nor read a stale balance.
    const customer = await findCustomer(tx, ctx.orgId, input.customerId, true);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const currency = checkCurrency(input.currency);
    if (!currency.ok) return currency;
    if (!parseDate(input.receivedOn)) return failure('INVALID_DATE', 'Not a calendar date', 'receivedOn');
    if (input.externalId && (await findPaymentByExternalId(tx, ctx.orgId, source, input.externalId)))
      return failure('DUPLICATE_PAYMENT', `A payment with external id ${input.externalId} is already recorded`, 'externalId');
    const planned = await planAllocation(tx, ctx, customer.id, input.amount, input.currency, input.allocations);
    if (!planned.ok) return planned;
    const { plan, invoices } = planned.value;
    const at = nowDate(ctx);
    const payment = await insertPayment(tx, {
      orgId: ctx.orgId,
      id: newId(),
      customerId: customer.id,
      amount: input.amount,
      currency: input.currency,
      receivedOn: input.receivedOn,
      method: input.method,
      reference: input.reference ?? null,
      source,
      externalId: input.externalId ?? null,
      unallocated: plan.unallocated,
      createdAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'payment', entityId: payment.id, action: 'payment.recorded', after: { ...payment, allocations: plan.allocations } }]);
    const allocated = await allocate(tx, ctx, { paymentId: payment.id }, plan.allocations.map((a) => ({ invoice: invoices.get(a.invoiceId)!, amount: a.amount })), input.receivedOn, at);
    const updated = await grantEarlyPaymentDiscounts(tx, ctx, allocated, input.receivedOn);
    if (!updated.ok) return updated;
    return success({ payment, invoices: updated.value });
  });
}

/** Spend a payment's remaining credit on invoices chosen by hand (or oldest first). */
export async function allocatePaymentCredit(ctx: Ctx, paymentId: string, requested: RecordPaymentInput['allocations']): Promise<Result<PaymentResult>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findPayment(tx, ctx.orgId, paymentId);
    if (!probe) return paymentNotFound();
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const payment = (await findPayment(tx, ctx.orgId, paymentId, true))!;
    if (payment.status !== 'recorded') return failure('PAYMENT_REVERSED', 'The payment was reversed', 'paymentId');
    if (payment.unallocated === 0) return failure('NO_CREDIT_LEFT', 'The payment is fully allocated', 'paymentId');
    const planned = await planAllocation(tx, ctx, payment.customerId, payment.unallocated, payment.currency, requested);
    if (!planned.ok) return planned;
    const { plan, invoices } = planned.value;
    const at = nowDate(ctx);
    const updated = await allocate(tx, ctx, { paymentId }, plan.allocations.map((a) => ({ invoice: invoices.get(a.invoiceId)!, amount: a.amount })), payment.receivedOn, at);
    const after = await updatePayment(tx, ctx.orgId, paymentId, { unallocated: plan.unallocated });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'payment', entityId: paymentId, action: 'payment.allocated', before: { unallocated: payment.unallocated }, after: { unallocated: plan.unallocated, allocations: plan.allocations } },
    ]);
    return success({ payment: after, invoices: updated });
  });
}

/** A payment that bounced or was recorded by mistake: every allocation comes off and the invoices reopen. */
export async function reversePayment(ctx: Ctx, paymentId: string, reason: string): Promise<Result<PaymentResult>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findPayment(tx, ctx.orgId, paymentId);
    if (!probe) return paymentNotFound();
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const payment = (await findPayment(tx, ctx.orgId, paymentId, true))!;
    if (payment.status === 'reversed') return failure('PAYMENT_ALREADY_REVERSED', 'The payment is already reversed', 'paymentId');
    if (payment.refunded > 0) return failure('PAYMENT_HAS_REFUNDS', 'Part of this payment was refunded; it cannot be reversed', 'paymentId');
    const rows = await activeAllocations(tx, ctx.orgId, { paymentId });
    const invoices = await findInvoicesForUpdate(tx, ctx.orgId, rows.map((r) => r.invoiceId));
    const at = nowDate(ctx);
    await unallocate(tx, ctx, rows, new Map(invoices.map((i) => [i.id, i])), at);
    const after = await updatePayment(tx, ctx.orgId, paymentId, { status: 'reversed', unallocated: 0, reversedAt: at, reversalReason: reason });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'payment', entityId: paymentId, action: 'payment.reversed', before: payment, after }]);
    return success({ payment: after, invoices: await findInvoicesForUpdate(tx, ctx.orgId, invoices.map((i) => i.id)) });
  });
}

/** Take one allocation back off its invoice; the money returns to the payment's or credit note's credit. */
export async function removeAllocation(ctx: Ctx, allocationId: string): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const allocation = await findAllocation(tx, ctx.orgId, allocationId);
    if (!allocation || allocation.reversedAt) return failure('ALLOCATION_NOT_FOUND', 'No such active allocation', 'allocationId');
    const [invoice] = await findInvoicesForUpdate(tx, ctx.orgId, [allocation.invoiceId]);
    await findCustomer(tx, ctx.orgId, invoice!.customerId, true);
    const at = nowDate(ctx);
    await unallocate(tx, ctx, [allocation], new Map([[invoice!.id, invoice!]]), at);
    if (allocation.paymentId) {
      const payment = (await findPayment(tx, ctx.orgId, allocation.paymentId, true))!;
      await updatePayment(tx, ctx.orgId, payment.id, { unallocated: payment.unallocated + allocation.amount });
    } else {
      const [note] = await findInvoicesForUpdate(tx, ctx.orgId, [allocation.creditNoteId!]);
      await updateInvoice(tx, ctx.orgId, note!.id, { amountCredited: note!.amountCredited - allocation.amount, balance: note!.balance + allocation.amount, status: 'open', updatedAt: at });
    }
    return success((await findInvoicesForUpdate(tx, ctx.orgId, [invoice!.id]))[0]!);
  });
}

export async function refundPayment(ctx: Ctx, paymentId: string, input: RefundInput): Promise<Result<{ payment: PaymentRow; refund: RefundRow }>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findPayment(tx, ctx.orgId, paymentId);
    if (!probe) return paymentNotFound();
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const payment = (await findPayment(tx, ctx.orgId, paymentId, true))!;
    if (payment.status === 'reversed') return failure('PAYMENT_REVERSED', 'The payment was reversed', 'paymentId');
    if (!parseDate(input.refundedOn)) return failure('INVALID_DATE', 'Not a calendar date', 'refundedOn');
    if (input.amount > payment.unallocated)
      return failure('REFUND_EXCEEDS_CREDIT', `Only ${payment.unallocated} of this payment is unallocated; remove allocations first to refund more`, 'amount');
    const at = nowDate(ctx);
    const refund = await insertRefund(tx, { orgId: ctx.orgId, id: newId(), paymentId, amount: input.amount, refundedOn: input.refundedOn, method: input.method, reference: input.reference ?? null, createdAt: at });
    const after = await updatePayment(tx, ctx.orgId, paymentId, { unallocated: payment.unallocated - input.amount, refunded: payment.refunded + input.amount });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'payment', entityId: paymentId, action: 'payment.refunded', before: { unallocated: payment.unallocated }, after: refund }]);
    return success({ payment: after, refund });
  });
}
