import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import type { Clock } from '../../services/context.ts';
import { handleProviderEvent } from '../../services/portal/provider-events.ts';
import { sendFailure } from '../errors.ts';

export interface StripeWebhookOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly payments: PaymentProvider | null;
}

/**
 * POST /webhooks/stripe: Stripe's events, verified against STRIPE_WEBHOOK_SECRET over the exact bytes
 * received (so the body is kept raw). 2xx tells Stripe to stop; 400 for a bad signature; 5xx (provider or
 * database trouble) makes Stripe retry later, which the event-id claim makes safe.
 */
export const stripeWebhookRoutes: FastifyPluginAsync<StripeWebhookOptions> = async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_request, body, done) => done(null, body));

  app.post('/webhooks/stripe', { schema: { hide: true } }, async (request, reply) => {
    if (!options.payments) return sendFailure(reply, { code: 'ONLINE_PAYMENT_UNAVAILABLE', message: 'Stripe is not configured on this server' });
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature.length === 0 || signature.length > 2000)
      return sendFailure(reply, { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'Missing Stripe-Signature header', field: 'stripe-signature' });
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const result = await handleProviderEvent(options.db, options.clock, options.payments, body, signature);
    if (!result.ok) return sendFailure(reply, result);
    return reply.status(200).send({ received: true, ...result.value });
  });
};
