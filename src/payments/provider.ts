import type { Result } from '../domain/result.ts';

// What the portal and autopay need from an online payment provider. Amounts cross this boundary in our
// minor units (ISO 4217); each provider converts to its own rules. Stripe is the one implementation.

/** Names our own records in the provider's metadata, so its events lead back to them. */
export interface ProviderReference {
  readonly orgId: string;
  readonly onlinePaymentId: string;
}

export interface CheckoutLine {
  readonly description: string;
  readonly amount: number;
}

export interface CheckoutRequest {
  readonly reference: ProviderReference;
  readonly currency: string;
  readonly lines: readonly CheckoutLine[];
  readonly locale: string;
  readonly successUrl: string;
  readonly cancelUrl: string;
}

export interface SetupRequest {
  readonly reference: ProviderReference;
  readonly providerCustomerId: string;
  readonly currency: string;
  readonly locale: string;
  readonly successUrl: string;
  readonly cancelUrl: string;
}

export interface HostedSession {
  readonly id: string;
  readonly url: string;
}

export interface SavedMethod {
  readonly id: string;
  /** What the customer recognises, e.g. "visa •••• 4242". */
  readonly label: string;
}

export interface OffSessionCharge {
  readonly reference: ProviderReference;
  readonly providerCustomerId: string;
  readonly paymentMethodId: string;
  readonly currency: string;
  readonly amount: number;
  readonly description: string;
}

export type ChargeOutcome =
  | { readonly status: 'succeeded'; readonly paymentIntentId: string; readonly amount: number; readonly currency: string }
  | { readonly status: 'processing'; readonly paymentIntentId: string }
  | { readonly status: 'declined'; readonly paymentIntentId: string | null; readonly reason: string };

interface EventBase {
  readonly eventId: string;
  readonly type: string;
  /** Absent when the event names none of our records (created elsewhere, or by someone else). */
  readonly reference: ProviderReference | null;
}

export type ProviderEvent =
  | (EventBase & {
      readonly kind: 'payment_succeeded';
      readonly paymentIntentId: string;
      readonly currency: string;
      /** In our minor units; null when the currency is one we do not know. */
      readonly amount: number | null;
    })
  | (EventBase & { readonly kind: 'payment_failed'; readonly paymentIntentId: string; readonly reason: string })
  | (EventBase & { readonly kind: 'setup_completed'; readonly setupIntentId: string; readonly providerCustomerId: string })
  | (EventBase & { readonly kind: 'checkout_expired' })
  | (EventBase & { readonly kind: 'other' });

/** The provider could not be reached or refused the request; the message is safe to show the team. */
export class ProviderError extends Error {}

export interface PaymentProvider {
  readonly name: string;
  /** Whether this exact amount can be charged online (some currencies have rules of their own). */
  chargeable(amount: number, currency: string): boolean;
  createCustomer(input: { orgId: string; customerId: string; name: string; email: string | null }): Promise<string>;
  /** A hosted page where the customer pays these lines. */
  createCheckout(request: CheckoutRequest): Promise<HostedSession>;
  /** A hosted page where the customer saves a payment method for later charges. */
  createSetupCheckout(request: SetupRequest): Promise<HostedSession>;
  /** The method a completed setup saved, made the customer's default at the provider. */
  adoptSavedMethod(setupIntentId: string, providerCustomerId: string): Promise<SavedMethod>;
  forgetMethod(paymentMethodId: string): Promise<void>;
  chargeOffSession(charge: OffSessionCharge): Promise<ChargeOutcome>;
  /** Verifies the signature (and its age against `receivedAt`) and reads the event; a failure is never acted on. */
  readEvent(rawBody: Buffer, signature: string, receivedAt: Date): Result<ProviderEvent>;
}
