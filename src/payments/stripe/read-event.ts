import type Stripe from 'stripe';
import type { ProviderEvent, ProviderReference } from '../provider.ts';
import { fromStripeAmount } from './amounts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our reference from an object's metadata, if both ids are there and look like ours. */
export function referenceOf(metadata: Stripe.Metadata | null | undefined): ProviderReference | null {
  const orgId = metadata?.punctual_org_id;
  const onlinePaymentId = metadata?.punctual_online_payment_id;
  if (typeof orgId !== 'string' || typeof onlinePaymentId !== 'string' || !UUID.test(orgId) || !UUID.test(onlinePaymentId)) return null;
  return { orgId: orgId.toLowerCase(), onlinePaymentId: onlinePaymentId.toLowerCase() };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * The few event types we act on, read into the provider-neutral shape. Payments are recorded from
 * payment_intent.succeeded alone, whether the intent came from Checkout or an off-session charge, so one
 * payment has one path into the books.
 */
export function readStripeEvent(event: Stripe.Event): ProviderEvent {
  const base = { eventId: event.id, type: event.type };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const currency = String(intent.currency ?? '').toUpperCase();
      return { ...base, kind: 'payment_succeeded', reference: referenceOf(intent.metadata), paymentIntentId: intent.id, currency, amount: fromStripeAmount(intent.amount_received, currency) };
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const reason = intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? 'payment_failed';
      return { ...base, kind: 'payment_failed', reference: referenceOf(intent.metadata), paymentIntentId: intent.id, reason };
    }
    case 'checkout.session.completed': {
      const session = event.data.object;
      const reference = referenceOf(session.metadata);
      const setupIntentId = idOf(session.setup_intent);
      const customerId = idOf(session.customer);
      if (session.mode === 'setup' && setupIntentId && customerId) return { ...base, kind: 'setup_completed', reference, setupIntentId, providerCustomerId: customerId };
      return { ...base, kind: 'other', reference };
    }
    case 'checkout.session.expired':
      return { ...base, kind: 'checkout_expired', reference: referenceOf(event.data.object.metadata) };
    default:
      return { ...base, kind: 'other', reference: null };
  }
}
