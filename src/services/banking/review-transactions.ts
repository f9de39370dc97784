import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { findTransaction, invoiceCustomers, updateTransaction, type BankTransactionRow } from '../../db/repositories/banking.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import type { PaymentRow } from '../../db/repositories/payments.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { ConfirmTransactionInput } from './inputs.ts';
import { actorLabel, learnPayingAccounts, recordBankPayment } from './record-bank-payment.ts';

export interface ConfirmedTransaction {
  readonly transaction: BankTransactionRow;
  readonly payment: PaymentRow;
  readonly invoices: readonly InvoiceRow[];
}

const notFound = () => failure('BANK_TRANSACTION_NOT_FOUND', 'No such bank transaction', 'id');

async function lockUndecided(tx: Db, ctx: Ctx, id: string): Promise<Result<BankTransactionRow>> {
  const row = await findTransaction(tx, ctx.orgId, id, true);
  if (!row) return notFound();
  if (row.status === 'recorded') return failure('BANK_TRANSACTION_ALREADY_RECORDED', `This line is already recorded as payment ${row.paymentId}`, 'id');
  return success(row);
}

/**
 * A person decides what a statement credit pays: the invoices and amounts chosen (or the customer's oldest
 * invoices first, or the customer's credit). It is recorded as one payment, the line marked recorded,
 * and the payer's account remembered for that customer, all in one transaction; any refusal (an invoice
 * in another currency, more than its balance, already paid) changes nothing.
 */
export async function confirmTransaction(ctx: Ctx, id: string, input: ConfirmTransactionInput): Promise<Result<ConfirmedTransaction>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const locked = await lockUndecided(tx, ctx, id);
    if (!locked.ok) return locked;
    const line = locked.value;
    if (line.amount <= 0 || line.reversal) return failure('BANK_TRANSACTION_NOT_A_CREDIT', 'Only money received can be recorded as a customer payment', 'id');

    const allocations = input.allocations ?? [];
    const owners = await invoiceCustomers(tx, ctx.orgId, allocations.map((a) => a.invoiceId));
    for (const [i, a] of allocations.entries()) {
      if (!owners.has(a.invoiceId)) return failure('INVOICE_NOT_FOUND', `Invoice ${a.invoiceId} does not exist`, `allocations[${i}].invoiceId`);
    }
    const customers = new Set([...owners.values(), ...(input.customerId ? [input.customerId] : [])]);
    if (customers.size === 0) return failure('CUSTOMER_REQUIRED', 'Give the invoices this money pays, or the customer it comes from', 'allocations');
    if (customers.size > 1) return failure('SEVERAL_CUSTOMERS', 'One transfer is recorded as one customer’s payment: choose invoices of a single customer', 'allocations');
    const customerId = [...customers][0]!;

    const txCtx = { ...ctx, db: tx };
    const recorded = await recordBankPayment(txCtx, line, customerId, input.allocations);
    if (!recorded.ok) return recorded;
    const { payment, invoices } = recorded.value;
    const at = nowDate(ctx);
    const transaction = await updateTransaction(tx, ctx.orgId, id, {
      status: 'recorded',
      statusReason: null,
      paymentId: payment.id,
      customerId: payment.customerId,
      decidedAt: at,
      decidedBy: actorLabel(ctx),
    });
    await learnPayingAccounts(txCtx, [{ customerId: payment.customerId, counterpartyIban: line.counterpartyIban }]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'bank_transaction', entityId: id, action: 'bank_transaction.confirmed', before: { status: line.status }, after: { status: 'recorded', paymentId: payment.id } },
    ]);
    return success({ transaction, payment, invoices });
  });
}

/** Not a customer paying (a refund from a supplier, a transfer between own accounts): off the queue, with why. */
export async function ignoreTransaction(ctx: Ctx, id: string, reason: string): Promise<Result<BankTransactionRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const locked = await lockUndecided(tx, ctx, id);
    if (!locked.ok) return locked;
    const line = locked.value;
    if (reason.trim() === '') return failure('REASON_REQUIRED', 'Say why this line is ignored', 'reason');
    if (line.status === 'ignored') return failure('BANK_TRANSACTION_ALREADY_IGNORED', 'This line is already ignored', 'id');
    const at = nowDate(ctx);
    const transaction = await updateTransaction(tx, ctx.orgId, id, { status: 'ignored', statusReason: reason.trim(), decidedAt: at, decidedBy: actorLabel(ctx) });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'bank_transaction', entityId: id, action: 'bank_transaction.ignored', before: { status: line.status }, after: { status: 'ignored', reason: transaction.statusReason } },
    ]);
    return success(transaction);
  });
}
