import Stripe from 'stripe';
import { failure, success, type Result } from '../../domain/result.ts';
import {
  ProviderError,
  type ChargeOutcome,
  type CheckoutRequest,
  type HostedSession,
  type OffSessionCharge,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderReference,
  type SavedMethod,
  type SetupRequest,
} from '../provider.ts';
import { fromStripeAmount, toStripeAmount } from './amounts.ts';
import { readStripeEvent } from './read-event.ts';

export interface StripeSettings {
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Another API address (a local stand-in in tests): "http://127.0.0.1:12111". */
  readonly apiUrl?: string;
}

/** Seconds a signed webhook stays acceptable: Stripe's own default, so a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function metadataOf(reference: ProviderReference): Record<string, string> {
  return { punctual_org_id: reference.orgId, punctual_online_payment_id: reference.onlinePaymentId };
}

function apiAddress(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  return { host: url.hostname, port: url.port || (url.protocol === 'http:' ? 80 : 443), protocol: url.protocol === 'http:' ? 'http' : 'https' };
}

function stripeAmount(amount: number, currency: string): number {
  const converted = toStripeAmount(amount, currency);
  if (!converted.ok) throw new ProviderError(converted.message);
  return converted.value;
}

// Stripe's messages for request errors are written for developers and may echo parameters; the team sees
// the kind of failure and Stripe's request id, which support can look up.
function providerError(error: unknown): ProviderError {
  if (error instanceof Stripe.errors.StripeError)
    return new ProviderError(`Stripe refused the request (${error.type}${error.code ? `, ${error.code}` : ''}${error.requestId ? `, request ${error.requestId}` : ''})`);
  return new ProviderError('Stripe could not be reached');
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw providerError(error);
  }
}

export function createStripeProvider(settings: StripeSettings): PaymentProvider {
  const stripe = new Stripe(settings.secretKey, { ...apiAddress(settings.apiUrl), maxNetworkRetries: 2, timeout: 20_000, telemetry: false });

  return {
    name: 'stripe',

    chargeable: (amount, currency) => amount > 0 && toStripeAmount(amount, currency).ok,

    createCustomer: ({ orgId, customerId, name, email }) =>
      call(async () => {
        const created = await stripe.customers.create(
          { name, ...(email ? { email } : {}), metadata: { punctual_org_id: orgId, punctual_customer_id: customerId } },
          { idempotencyKey: `customer-${orgId}-${customerId}` },
        );
        return created.id;
      }),

    createCheckout: (request: CheckoutRequest) =>
      call(async (): Promise<HostedSession> => {
        const currency = request.currency.toLowerCase();
        const metadata = metadataOf(request.reference);
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            client_reference_id: request.reference.onlinePaymentId,
            line_items: request.lines.map((line) => ({
              quantity: 1,
              price_data: { currency, unit_amount: stripeAmount(line.amount, request.currency), product_data: { name: line.description } },
            })),
            payment_intent_data: { metadata },
            metadata,
            locale: request.locale as Stripe.Checkout.SessionCreateParams.Locale,
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { idempotencyKey: `checkout-${request.reference.onlinePaymentId}` },
        );
        if (!session.url) throw new ProviderError('Stripe returned a Checkout Session without a page to send the customer to');
        return { id: session.id, url: session.url };
      }),

    createSetupCheckout: (request: SetupRequest) =>
      call(async (): Promise<HostedSession> => {
        const metadata = metadataOf(request.reference);
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'setup',
            client_reference_id: request.reference.onlinePaymentId,
            customer: request.providerCustomerId,
            currency: request.currency.toLowerCase(),
            setup_intent_data: { metadata },
            metadata,
            locale: request.locale as Stripe.Checkout.SessionCreateParams.Locale,
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { idempotencyKey: `setup-${request.reference.onlinePaymentId}` },
        );
        if (!session.url) throw new ProviderError('Stripe returned a setup session without a page to send the customer to');
        return { id: session.id, url: session.url };
      }),

    adoptSavedMethod: (setupIntentId, providerCustomerId) =>
      call(async (): Promise<SavedMethod> => {
        const intent = await stripe.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
        const method = intent.payment_method;
        if (!method || typeof method === 'string') throw new ProviderError(`Setup ${setupIntentId} has no payment method`);
        await stripe.customers.update(providerCustomerId, { invoice_settings: { default_payment_method: method.id } });
        const label = method.card ? `${method.card.brand} •••• ${method.card.last4}` : method.type;
        return { id: method.id, label };
      }),

    forgetMethod: (paymentMethodId) =>
      call(async () => {
        await stripe.paymentMethods.detach(paymentMethodId);
      }),

    chargeOffSession: async (charge: OffSessionCharge): Promise<ChargeOutcome> => {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: stripeAmount(charge.amount, charge.currency),
            currency: charge.currency.toLowerCase(),
            customer: charge.providerCustomerId,
            payment_method: charge.paymentMethodId,
            off_session: true,
            confirm: true,
            description: charge.description,
            metadata: metadataOf(charge.reference),
          },
          { idempotencyKey: `off-session-${charge.reference.onlinePaymentId}` },
        );
        if (intent.status === 'succeeded') {
          const currency = intent.currency.toUpperCase();
          const amount = fromStripeAmount(intent.amount_received, currency);
          if (amount === null) throw new ProviderError(`Stripe answered in ${currency}, which we cannot record`);
          return { status: 'succeeded', paymentIntentId: intent.id, amount, currency };
        }
        if (intent.status === 'processing') return { status: 'processing', paymentIntentId: intent.id };
        return { status: 'declined', paymentIntentId: intent.id, reason: `The payment needs the customer (${intent.status})` };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError)
          return { status: 'declined', paymentIntentId: error.payment_intent?.id ?? null, reason: error.decline_code ?? error.code ?? 'card_declined' };
        if (error instanceof ProviderError) throw error;
        throw providerError(error);
      }
    },

    readEvent: (rawBody, signature, receivedAt): Result<ProviderEvent> => {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret, WEBHOOK_TOLERANCE_SECONDS, undefined, receivedAt.getTime());
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) return failure('WEBHOOK_SIGNATURE_INVALID', error.message, 'stripe-signature');
        return failure('WEBHOOK_MALFORMED', 'The signed body is not a Stripe event', 'body');
      }
      if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof event.data?.object !== 'object' || event.data.object === null)
        return failure('WEBHOOK_MALFORMED', 'The signed body is not a Stripe event', 'body');
      return success(readStripeEvent(event));
    },
  };
}
