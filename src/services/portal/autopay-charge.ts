import { isReceivable, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg, inOrgResult } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { newId } from '../../db/ids.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import { findProviderCustomer, insertOnlinePayment, liveChargesOf, updateOnlinePayment, type OnlinePaymentRow } from '../../db/repositories/online-payments.ts';
import { ProviderError, type ChargeOutcome, type PaymentProvider } from '../../payments/provider.ts';
import { nowDate, type Ctx } from '../context.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { onlinePaymentUnavailable, providerFailure } from './provider-failure.ts';
import { recordOnlinePayment } from './record-online-payment.ts';

export type AutopayCharge =
  | { readonly status: 'succeeded'; readonly onlinePaymentId: string }
  /** The provider is still working on it (some methods confirm later); its event records the payment. */
  | { readonly status: 'processing'; readonly onlinePaymentId: string }
  /** Declined or needs the customer: the invoice stays open and reminders carry on as usual. */
  | { readonly status: 'declined'; readonly onlinePaymentId: string; readonly reason: string }
  /** Charged, but what the provider reported could not be recorded (another currency): the team was told. */
  | { readonly status: 'rejected'; readonly onlinePaymentId: string; readonly reason: string };

/** Writes the pending charge of an invoice's whole balance, refusing when autopay cannot or must not charge it. */
function prepareCharge(ctx: Ctx, provider: PaymentProvider, invoiceId: string) {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    // The invoice lock serialises two charges of one invoice: the second sees the first and stops.
    const invoice = await findInvoice(tx, ctx.orgId, invoiceId, true);
    if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
    if (!isReceivable(invoice.status as InvoiceStatus) || invoice.balance <= 0)
      return failure(invoice.status === 'paid' ? 'INVOICE_ALREADY_PAID' : 'INVOICE_NOT_OPEN', `Invoice ${invoice.number ?? invoice.id} has nothing to charge`, 'invoiceId');
    const saved = await findProviderCustomer(tx, ctx.orgId, invoice.customerId, provider.name);
    if (!saved?.autopay || !saved.paymentMethodId) return failure('AUTOPAY_NOT_ENROLLED', 'The customer has not turned autopay on', 'invoiceId');
    if (!provider.chargeable(invoice.balance, invoice.currency)) return failure('AMOUNT_NOT_CHARGEABLE', `${invoice.currency} ${invoice.balance} cannot be charged online`, 'invoiceId');
    const live = await liveChargesOf(tx, ctx.orgId, invoice.id);
    if (live.length > 0) return failure('AUTOPAY_ALREADY_CHARGED', `Invoice ${invoice.number} was already charged (${live[0]!.status})`, 'invoiceId');
    const at = nowDate(ctx);
    const row = await insertOnlinePayment(tx, {
      orgId: ctx.orgId,
      id: newId(),
      customerId: invoice.customerId,
      provider: provider.name,
      kind: 'off_session',
      currency: invoice.currency,
      amount: invoice.balance,
      allocations: [{ invoiceId: invoice.id, amount: invoice.balance }],
      createdAt: at,
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(invoice.customerId, [invoice.id], 'autopay.charge_started', { onlinePaymentId: row.id, amount: row.amount, currency: row.currency }));
    return success({ row, providerCustomerId: saved.providerCustomerId, paymentMethodId: saved.paymentMethodId, number: invoice.number ?? invoice.id });
  });
}

async function settleCharge(ctx: Ctx, row: OnlinePaymentRow, outcome: ChargeOutcome): Promise<AutopayCharge> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    if (outcome.status === 'succeeded') {
      await updateOnlinePayment(tx, ctx.orgId, row.id, { providerRef: outcome.paymentIntentId, updatedAt: at });
      const recorded = await recordOnlinePayment(tx, ctx, { onlinePaymentId: row.id, paymentIntentId: outcome.paymentIntentId, currency: outcome.currency, amount: outcome.amount });
      return recorded.outcome === 'rejected' ? { status: 'rejected', onlinePaymentId: row.id, reason: recorded.detail } : { status: 'succeeded', onlinePaymentId: row.id };
    }
    if (outcome.status === 'processing') {
      await updateOnlinePayment(tx, ctx.orgId, row.id, { providerRef: outcome.paymentIntentId, paymentIntentId: outcome.paymentIntentId, updatedAt: at });
      return { status: 'processing', onlinePaymentId: row.id };
    }
    await updateOnlinePayment(tx, ctx.orgId, row.id, { status: 'failed', providerRef: outcome.paymentIntentId, paymentIntentId: outcome.paymentIntentId, failureReason: outcome.reason, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(row.customerId, row.allocations.map((a) => a.invoiceId), 'autopay.declined', { onlinePaymentId: row.id, reason: outcome.reason }));
    return { status: 'declined', onlinePaymentId: row.id, reason: outcome.reason };
  });
}

/**
 * Charges an invoice's balance to the customer's saved payment method without the customer present: for
 * recurring invoices whose schedule has autopay on, called after the invoice is issued. A success is
 * recorded at once (invoice paid, reminders stop); the provider's later event for it changes nothing.
 */
export async function chargeAutopay(ctx: Ctx, provider: PaymentProvider | null, invoiceId: string): Promise<Result<AutopayCharge>> {
  if (!provider) return onlinePaymentUnavailable();
  const prepared = await prepareCharge(ctx, provider, invoiceId);
  if (!prepared.ok) return prepared;
  const { row, providerCustomerId, paymentMethodId, number } = prepared.value;
  let outcome: ChargeOutcome;
  try {
    outcome = await provider.chargeOffSession({
      reference: { orgId: ctx.orgId, onlinePaymentId: row.id },
      providerCustomerId,
      paymentMethodId,
      currency: row.currency!,
      amount: row.amount!,
      description: `Invoice ${number}`,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    // Unknown whether the charge went through: the row stays pending (no second charge) until the
    // provider's event settles it.
    return providerFailure(error);
  }
  return success(await settleCharge(ctx, row, outcome));
}

/**
 * The recurring run's hook (AutoChargeHook): charges a newly issued invoice of an autopay schedule. When it
 * cannot be charged (no saved card, Stripe not configured or unreachable) the invoice keeps its normal
 * reminders and its timeline says why; a decline is already recorded by chargeAutopay.
 */
export function autopayCharger(provider: PaymentProvider | null) {
  return async (ctx: Ctx, invoice: { readonly id: string; readonly customerId: string }): Promise<void> => {
    const charged = await chargeAutopay(ctx, provider, invoice.id);
    if (charged.ok || charged.code === 'INVOICE_ALREADY_PAID' || charged.code === 'AUTOPAY_ALREADY_CHARGED') return;
    await inOrg(ctx.db, ctx.orgId, (tx) =>
      appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), timelineEvents(invoice.customerId, [invoice.id], 'autopay.not_charged', { code: charged.code, reason: charged.message })),
    );
  };
}
