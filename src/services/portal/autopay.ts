import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg, inOrgResult, type Db } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { newId } from '../../db/ids.ts';
import { findOnlinePayment, findProviderCustomer, insertOnlinePayment, updateOnlinePayment, updateProviderCustomer } from '../../db/repositories/online-payments.ts';
import { ProviderError, type PaymentProvider, type SavedMethod } from '../../payments/provider.ts';
import { nowDate, type Ctx } from '../context.ts';
import { documentLocale } from '../documents/parties.ts';
import { attachSession, returnUrls, type StartedSession } from './checkout.ts';
import { ensureProviderCustomer } from './provider-customer.ts';
import { onlinePaymentUnavailable } from './provider-failure.ts';
import type { RecordOutcome } from './record-online-payment.ts';

/**
 * Autopay enrollment from the portal: the provider's hosted page saves a payment method (Checkout in setup
 * mode); the signed setup event then makes it the customer's default and turns autopay on.
 */
export async function startAutopayEnrollment(ctx: Ctx, customerId: string, contactId: string | null, provider: PaymentProvider | null, publicUrl: string): Promise<Result<StartedSession>> {
  if (!provider) return onlinePaymentUnavailable();
  const saved = await ensureProviderCustomer(ctx, provider, customerId, contactId);
  if (!saved.ok) return saved;
  const { row, locale } = await inOrg(ctx.db, ctx.orgId, async (tx) => {
    const customer = (await findCustomer(tx, ctx.orgId, customerId))!;
    const at = nowDate(ctx);
    const created = await insertOnlinePayment(tx, { orgId: ctx.orgId, id: newId(), customerId, provider: provider.name, kind: 'setup', currency: customer.currency, createdAt: at, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'autopay.enrollment_started', after: { onlinePaymentId: created.id } }]);
    return { row: created, locale: documentLocale(customer) };
  });
  return attachSession(ctx, row, () =>
    provider.createSetupCheckout({
      reference: { orgId: ctx.orgId, onlinePaymentId: row.id },
      providerCustomerId: saved.value.providerCustomerId,
      currency: row.currency!,
      locale,
      ...returnUrls(publicUrl, row.id),
    }),
  );
}

/** Whether a completed setup names a pending setup of this organization, for the provider customer we made. */
export async function setupAwaitsMethod(ctx: Ctx, onlinePaymentId: string, providerCustomerId: string): Promise<boolean> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const row = await findOnlinePayment(tx, ctx.orgId, onlinePaymentId);
    if (!row || row.kind !== 'setup' || row.status !== 'pending') return false;
    return (await findProviderCustomer(tx, ctx.orgId, row.customerId, row.provider))?.providerCustomerId === providerCustomerId;
  });
}

/**
 * Turns autopay on with the method a completed setup saved, inside the caller's transaction (the one that
 * claims the provider event). The setup row and the provider customer must both be this organization's.
 */
export async function enrollAutopay(tx: Db, ctx: Ctx, onlinePaymentId: string, providerCustomerId: string, method: SavedMethod | null): Promise<RecordOutcome> {
  const row = await findOnlinePayment(tx, ctx.orgId, onlinePaymentId, true);
  if (!row || row.kind !== 'setup') return { outcome: 'rejected', detail: 'The event names no setup of this organization' };
  if (row.status === 'succeeded') return { outcome: 'ignored', detail: 'This setup was already completed' };
  const saved = await findProviderCustomer(tx, ctx.orgId, row.customerId, row.provider, true);
  if (!saved || saved.providerCustomerId !== providerCustomerId) return { outcome: 'rejected', detail: 'The setup was completed for another provider customer' };
  if (!method) return { outcome: 'rejected', detail: 'The saved payment method could not be read' };
  const at = nowDate(ctx);
  await updateProviderCustomer(tx, ctx.orgId, saved.id, { paymentMethodId: method.id, paymentMethodLabel: method.label, autopay: true, enrolledAt: at, updatedAt: at });
  await updateOnlinePayment(tx, ctx.orgId, row.id, { status: 'succeeded', updatedAt: at });
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: row.customerId, action: 'autopay.enrolled', after: { provider: row.provider, method: method.label } }]);
  return { outcome: 'processed', detail: `Autopay on with ${method.label}` };
}

export interface AutopayOff {
  /** False when the provider could not be told to forget the method; autopay is off here regardless. */
  readonly methodForgotten: boolean;
}

/**
 * Autopay off, by the customer in the portal or by the team. It is off here first, so nothing is charged
 * even if the provider cannot be reached; then the provider forgets the saved method.
 */
export async function disableAutopay(ctx: Ctx, customerId: string, provider: PaymentProvider | null): Promise<Result<AutopayOff>> {
  if (!provider) return onlinePaymentUnavailable();
  const turnedOff = await inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const saved = await findProviderCustomer(tx, ctx.orgId, customerId, provider.name, true);
    if (!saved?.autopay) return failure('AUTOPAY_NOT_ENROLLED', 'Autopay is not on for this customer');
    const at = nowDate(ctx);
    await updateProviderCustomer(tx, ctx.orgId, saved.id, { autopay: false, paymentMethodId: null, paymentMethodLabel: null, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'autopay.cancelled', before: { method: saved.paymentMethodLabel } }]);
    return success(saved.paymentMethodId);
  });
  if (!turnedOff.ok) return turnedOff;
  if (!turnedOff.value) return success({ methodForgotten: true });
  try {
    await provider.forgetMethod(turnedOff.value);
    return success({ methodForgotten: true });
  } catch (error) {
    if (error instanceof ProviderError) return success({ methodForgotten: false });
    throw error;
  }
}
