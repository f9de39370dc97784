import { Type, type Static } from 'typebox';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg, inOrgResult } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { newId } from '../../db/ids.ts';
import { insertOnlinePayment, updateOnlinePayment, type OnlinePaymentRow } from '../../db/repositories/online-payments.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findCustomerDocument } from '../../db/repositories/portal.ts';
import { ProviderError, type PaymentProvider } from '../../payments/provider.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { documentLocale } from '../documents/parties.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { portalDocument } from './overview.ts';
import { onlinePaymentUnavailable, providerFailure } from './provider-failure.ts';
import type { PortalSession } from './session.ts';

export const MAX_INVOICES_PER_CHECKOUT = 50;

export const CheckoutInput = Type.Object(
  {
    invoiceIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: MAX_INVOICES_PER_CHECKOUT, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CheckoutInput = Static<typeof CheckoutInput>;

export interface StartedSession {
  readonly onlinePaymentId: string;
  /** The provider's hosted page to send the customer to. */
  readonly url: string;
}

/** After paying (or giving up) the customer comes back to the portal page, which still holds the link's token. */
export function returnUrls(publicUrl: string, onlinePaymentId: string) {
  return { successUrl: `${publicUrl}/portal?paid=${onlinePaymentId}`, cancelUrl: `${publicUrl}/portal?cancelled=${onlinePaymentId}` };
}

interface Prepared {
  readonly row: OnlinePaymentRow;
  readonly locale: string;
  readonly lines: readonly { description: string; amount: number }[];
}

/** Checks the chosen invoices and writes the pending online payment: what each owes now, in one currency. */
function preparePayment(ctx: Ctx, session: PortalSession, provider: PaymentProvider, invoiceIds: readonly string[]): Promise<Result<Prepared>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const org = (await findOrganization(tx, ctx.orgId))!;
    const customer = (await findCustomer(tx, ctx.orgId, session.customerId))!;
    const today = todayIn(ctx, org.timeZone);
    const chosen: { invoiceId: string; amount: number; description: string }[] = [];
    let currency: string | null = null;
    for (const [i, invoiceId] of invoiceIds.entries()) {
      const field = `invoiceIds[${i}]`;
      const row = await findCustomerDocument(tx, ctx.orgId, session.customerId, invoiceId);
      if (!row) return failure('INVOICE_NOT_FOUND', 'No such invoice', field);
      const doc = portalDocument(row, today, provider);
      if (!doc.payable) return failure(row.status === 'paid' ? 'INVOICE_ALREADY_PAID' : 'INVOICE_NOT_OPEN', `Invoice ${row.number ?? row.id} has nothing to pay`, field);
      if (currency !== null && row.currency !== currency) return failure('CURRENCY_MISMATCH', `Invoice ${row.number} is in ${row.currency}; pay each currency separately`, field);
      if (!doc.payOnline) return failure('AMOUNT_NOT_CHARGEABLE', `Invoice ${row.number} cannot be paid online: pay it by bank transfer`, field);
      currency = row.currency;
      chosen.push({ invoiceId: row.id, amount: row.balance, description: row.number ?? row.id });
    }
    const at = nowDate(ctx);
    const row = await insertOnlinePayment(tx, {
      orgId: ctx.orgId,
      id: newId(),
      customerId: session.customerId,
      provider: provider.name,
      kind: 'checkout',
      currency,
      amount: chosen.reduce((total, c) => total + c.amount, 0),
      allocations: chosen.map(({ invoiceId, amount }) => ({ invoiceId, amount })),
      createdAt: at,
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(session.customerId, chosen.map((c) => c.invoiceId), 'online_payment.started', { onlinePaymentId: row.id, amount: row.amount, currency }));
    return success({ row, locale: documentLocale(customer), lines: chosen.map(({ description, amount }) => ({ description, amount })) });
  });
}

/** Stores the provider's session id, or marks the attempt failed; the provider is called outside any transaction. */
export async function attachSession(ctx: Ctx, row: OnlinePaymentRow, open: () => Promise<{ id: string; url: string }>): Promise<Result<StartedSession>> {
  try {
    const session = await open();
    await inOrg(ctx.db, ctx.orgId, (tx) => updateOnlinePayment(tx, ctx.orgId, row.id, { providerRef: session.id, updatedAt: nowDate(ctx) }));
    return success({ onlinePaymentId: row.id, url: session.url });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    await inOrg(ctx.db, ctx.orgId, async (tx) => {
      const at = nowDate(ctx);
      await updateOnlinePayment(tx, ctx.orgId, row.id, { status: 'failed', failureReason: error.message, updatedAt: at });
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'online_payment', entityId: row.id, action: 'online_payment.failed', after: { reason: error.message } }]);
    });
    return providerFailure(error);
  }
}

/**
 * "Pay now" for one invoice or several in one currency: a pending online payment holding what each
 * invoice owes now, then the provider's Checkout page. The payment is recorded when the provider's signed
 * event says the money arrived, never on the customer's return to the page.
 */
export async function startCheckout(ctx: Ctx, session: PortalSession, provider: PaymentProvider | null, publicUrl: string, input: CheckoutInput): Promise<Result<StartedSession>> {
  if (!provider) return onlinePaymentUnavailable();
  const prepared = await preparePayment(ctx, session, provider, input.invoiceIds);
  if (!prepared.ok) return prepared;
  const { row, locale, lines } = prepared.value;
  return attachSession(ctx, row, () =>
    provider.createCheckout({ reference: { orgId: ctx.orgId, onlinePaymentId: row.id }, currency: row.currency!, lines, locale, ...returnUrls(publicUrl, row.id) }),
  );
}
