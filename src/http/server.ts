import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/connection.ts';
import type { Permission } from '../domain/roles.ts';
import type { Clock, Ctx } from '../services/context.ts';
import { installAuth } from './auth/install.ts';
import { authOptions, type AuthOptions } from './auth/options.ts';
import { errorBody, frameworkFailure, sendFailure } from './errors.ts';
import { validatorCompiler } from './validation.ts';
import { customerRoutes } from './routes/customers.ts';
import { customerRiskRoutes } from './routes/customer-risk.ts';
import { eventRoutes } from './routes/events.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { depositRoutes } from './routes/deposits.ts';
import { lateFeeRoutes } from './routes/late-fees.ts';
import { recurringRoutes } from './routes/recurring.ts';
import { retainerRoutes } from './routes/retainers.ts';
import { paymentRoutes } from './routes/payments.ts';
import { homeRoutes } from './routes/home.ts';
import { insightRoutes } from './routes/insight.ts';
import { webAppRoutes } from './web-app.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { authRoutes } from './routes/auth.ts';
import { settingsRoutes } from './routes/settings.ts';
import { userRoutes } from './routes/users.ts';
import { bankStatementRoutes } from './routes/bank-statements.ts';
import { messageRoutes } from './routes/messages.ts';
import { webhookSettingsRoutes } from './routes/webhook-settings.ts';
import { documentRoutes } from './routes/documents.ts';
import { bankAccountRoutes } from './routes/bank-accounts.ts';
import { templateRoutes } from './routes/templates.ts';
import { collectionRoutes } from './routes/collections.ts';
import { collectionHandoffRoutes } from './routes/collection-handoffs.ts';
import { dunningRoutes } from './routes/dunning.ts';
import { taskRoutes } from './routes/tasks.ts';
import { portalApiRoutes } from './routes/portal.ts';
import { portalTeamRoutes } from './routes/portal-team.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhook.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { publicBaseUrl } from '../services/documents/portal-link.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller's role must allow; every /api/v1 route declares one, or it is refused. */
    permission?: Permission;
  }
  interface FastifyRequest {
    /** The caller's role, from the API key or the session. */
    role: string;
    ctx: Ctx;
    /** Today in the organization's time zone: what "overdue" is measured against. */
    today: Temporal.PlainDate;
  }
}

// Scripts only from our own origin; inline styles are allowed because React style attributes need them.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export interface ServerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger?: boolean | object;
  /** Sign-in settings (public URL for emailed links, cookie security); development defaults when absent. */
  readonly auth?: AuthOptions;
  /**
   * Addresses, subnets or proxy-addr names (loopback, uniquelocal…) of the reverse proxies in front; absent
   * or empty: none. Login and portal limits count per client address: the socket's, or the one the outermost
   * trusted proxy saw, never an X-Forwarded-For entry the client wrote itself.
   */
  readonly trustProxy?: readonly string[];
  /** Portal requests one client address may make per window (PORTAL_REQUESTS_PER_ADDRESS); PORTAL_PER_ADDRESS's limit when absent. */
  readonly portalRequestsPerAddress?: number;
  /** Online payment in the customer portal (Stripe); absent or null: bank transfer only. */
  readonly payments?: PaymentProvider | null;
}

export async function buildServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Punctual API', version: '1', description: 'Accounts receivable: customers, invoices, payments, reminders. Money is in minor units of the currency.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key pk_…' } } },
      security: [{ apiKey: [] }],
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = frameworkFailure(error);
    if (known) return sendFailure(reply, known);
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody({ code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged' }));
  });
  app.setNotFoundHandler((_request, reply) => sendFailure(reply, { code: 'NOT_FOUND', message: 'No such route' }));

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return payload;
  });

  const payments = options.payments ?? null;
  const publicUrl = publicBaseUrl();

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(async (api) => {
    const auth = options.auth ?? authOptions();
    await installAuth(api, options.db, options.clock, auth);
    await api.register(authRoutes(options.db, options.clock, auth));
    await api.register(userRoutes(auth));
    await api.register(apiKeyRoutes);
    await api.register(settingsRoutes);
    await api.register(customerRoutes);
    await api.register(customerRiskRoutes);
    await api.register(invoiceRoutes);
    await api.register(lateFeeRoutes);
    await api.register(depositRoutes);
    await api.register(retainerRoutes);
    await api.register(recurringRoutes);
    await api.register(paymentRoutes);
    await api.register(eventRoutes);
    await api.register(insightRoutes);
    await api.register(bankStatementRoutes);
    await api.register(messageRoutes);
    await api.register(webhookSettingsRoutes);
    await api.register(documentRoutes);
    await api.register(bankAccountRoutes);
    await api.register(templateRoutes);
    await api.register(dunningRoutes);
    await api.register(collectionRoutes);
    await api.register(collectionHandoffRoutes);
    await api.register(taskRoutes);
    await api.register(portalTeamRoutes({ payments, publicUrl }));
  }, { prefix: '/api/v1' });

  await app.register(portalApiRoutes, { prefix: '/portal-api', db: options.db, clock: options.clock, payments, publicUrl, requestsPerAddress: options.portalRequestsPerAddress });
  await app.register(stripeWebhookRoutes, { db: options.db, clock: options.clock, payments });

  await app.register(homeRoutes);
  await app.register(webAppRoutes());
  return app;
}
