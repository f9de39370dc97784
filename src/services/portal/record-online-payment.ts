import { isReceivable, type InvoiceStatus } from '../../domain/invoice-status.ts';
import type { Db } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import { findOnlinePayment, updateOnlinePayment, type OnlinePaymentRow } from '../../db/repositories/online-payments.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { recordPayment } from '../payments.ts';

export interface ReceivedMoney {
  readonly onlinePaymentId: string;
  readonly paymentIntentId: string;
  readonly currency: string;
  /** In our minor units; null when the provider's amount could not be read. */
  readonly amount: number | null;
}

export interface RecordOutcome {
  readonly outcome: 'processed' | 'ignored' | 'rejected';
  readonly detail: string;
}

function invoiceIdsOf(row: OnlinePaymentRow): string[] {
  return row.allocations.map((a) => a.invoiceId);
}

/**
 * Where the money goes: each invoice the customer chose gets what it was to get, capped by what it still
 * owes now (it may have been paid another way meanwhile) and by what arrived; the rest stays as credit.
 */
async function allocationsFor(tx: Db, orgId: string, row: OnlinePaymentRow, received: number): Promise<{ invoiceId: string; amount: number }[]> {
  let left = received;
  const result: { invoiceId: string; amount: number }[] = [];
  for (const planned of row.allocations) {
    const invoice = await findInvoice(tx, orgId, planned.invoiceId);
    if (!invoice || invoice.customerId !== row.customerId || invoice.currency !== row.currency || !isReceivable(invoice.status as InvoiceStatus)) continue;
    const amount = Math.min(planned.amount, invoice.balance, left);
    if (amount <= 0) continue;
    result.push({ invoiceId: invoice.id, amount });
    left -= amount;
  }
  return result;
}

/**
 * Records money a provider confirmed, inside the caller's transaction (the one that claims the provider
 * event), through the same recordPayment every payment takes, so invoices settle and reminders stop in
 * that transaction. The invoices and amounts come from our online-payment row; the event only says how
 * much arrived in which currency. Safe to call twice for one PaymentIntent.
 */
export async function recordOnlinePayment(tx: Db, ctx: Ctx, money: ReceivedMoney): Promise<RecordOutcome> {
  const row = await findOnlinePayment(tx, ctx.orgId, money.onlinePaymentId, true);
  if (!row || row.kind === 'setup') return { outcome: 'rejected', detail: 'The event names no payment of this organization' };
  if (row.status === 'succeeded') return { outcome: 'ignored', detail: `Already recorded as payment ${row.paymentId}` };
  const at = nowDate(ctx);
  const reject = async (detail: string): Promise<RecordOutcome> => {
    await updateOnlinePayment(tx, ctx.orgId, row.id, { status: 'rejected', paymentIntentId: money.paymentIntentId, failureReason: detail, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(row.customerId, invoiceIdsOf(row), 'online_payment.rejected', { onlinePaymentId: row.id, paymentIntentId: money.paymentIntentId, reason: detail }));
    return { outcome: 'rejected', detail };
  };
  if (money.currency !== row.currency) return reject(`Stripe reports ${money.currency}; the payment was started in ${row.currency}: check it in Stripe and record it by hand`);
  if (money.amount === null || money.amount <= 0) return reject(`Stripe reports an amount we cannot read in ${money.currency}`);
  // Every money movement of one customer takes the customer row lock first (see recordPayment).
  await findCustomer(tx, ctx.orgId, row.customerId, true);
  const org = (await findOrganization(tx, ctx.orgId))!;
  const allocations = await allocationsFor(tx, ctx.orgId, row, money.amount);
  const recorded = await recordPayment(
    { ...ctx, db: tx },
    {
      customerId: row.customerId,
      amount: money.amount,
      currency: money.currency,
      receivedOn: todayIn(ctx, org.timeZone).toString(),
      method: 'card',
      reference: `Stripe ${money.paymentIntentId}`,
      externalId: money.paymentIntentId,
      allocations,
    },
    'stripe',
  );
  if (!recorded.ok) {
    if (recorded.code === 'DUPLICATE_PAYMENT') return { outcome: 'ignored', detail: `PaymentIntent ${money.paymentIntentId} is already recorded` };
    return reject(`The payment could not be recorded: ${recorded.message}`);
  }
  const paymentId = recorded.value.payment.id;
  await updateOnlinePayment(tx, ctx.orgId, row.id, { status: 'succeeded', paymentIntentId: money.paymentIntentId, paymentId, updatedAt: at });
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'online_payment', entityId: row.id, action: 'online_payment.succeeded', after: { paymentId, paymentIntentId: money.paymentIntentId, amount: money.amount, currency: money.currency } }]);
  return { outcome: 'processed', detail: `Recorded as payment ${paymentId}` };
}
