import type { PaymentProvider } from '../provider.ts';
import { createStripeProvider } from './stripe-provider.ts';

export { createStripeProvider, metadataOf, WEBHOOK_TOLERANCE_SECONDS, type StripeSettings } from './stripe-provider.ts';
export { fromStripeAmount, stripeDecimals, toStripeAmount } from './amounts.ts';

/**
 * Stripe when STRIPE_SECRET_KEY is set (STRIPE_WEBHOOK_SECRET is then required too), else null: the portal
 * offers bank transfer only. STRIPE_API_URL points the SDK elsewhere (a local stand-in).
 */
export function stripeFromEnv(env: NodeJS.ProcessEnv): PaymentProvider | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return null;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!webhookSecret) throw new Error('STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payments could never be confirmed');
  return createStripeProvider({ secretKey, webhookSecret, apiUrl: env.STRIPE_API_URL?.trim() || undefined });
}
