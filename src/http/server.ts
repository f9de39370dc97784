import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/connection.ts';
import { findOrganization } from '../db/repositories/organizations.ts';
import { can, type Permission } from '../domain/roles.ts';
import { todayIn, type Clock, type Ctx } from '../services/context.ts';
import { authenticateApiKey } from '../services/organizations.ts';
import { errorBody, frameworkFailure, sendFailure } from './errors.ts';
import { validatorCompiler } from './validation.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { paymentRoutes } from './routes/payments.ts';
import { homeRoutes } from './routes/home.ts';
import { bankStatementRoutes } from './routes/bank-statements.ts';
import { messageRoutes } from './routes/messages.ts';
import { webhookSettingsRoutes } from './routes/webhook-settings.ts';
import { documentRoutes } from './routes/documents.ts';
import { bankAccountRoutes } from './routes/bank-accounts.ts';
import { templateRoutes } from './routes/templates.ts';

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

export interface ServerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger?: boolean | object;
}

export async function buildServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
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
    return payload;
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const principal = token ? await authenticateApiKey(options.db, token) : null;
      if (!principal) {
        reply.header('www-authenticate', 'Bearer');
        return sendFailure(reply, { code: 'UNAUTHENTICATED', message: 'Send an API key as Authorization: Bearer pk_…' });
      }
      const org = await findOrganization(options.db, principal.orgId);
      if (!org) return sendFailure(reply, { code: 'UNAUTHENTICATED', message: 'The organization of this key no longer exists' });
      request.ctx = { db: options.db, orgId: org.orgId, actor: { type: 'api_key', id: principal.keyId }, clock: options.clock };
      request.role = principal.role;
      request.today = todayIn(request.ctx, org.timeZone);
      // Fail closed: a route that forgot to declare its permission is refused to everyone.
      const permission = request.routeOptions.config.permission;
      if (!permission || !can(principal.role, permission))
        return sendFailure(reply, { code: 'FORBIDDEN', message: `Your role (${principal.role}) may not do this` });
    });
    await api.register(customerRoutes);
    await api.register(invoiceRoutes);
    await api.register(paymentRoutes);
    await api.register(eventRoutes);
    await api.register(bankStatementRoutes);
    await api.register(messageRoutes);
    await api.register(webhookSettingsRoutes);
    await api.register(documentRoutes);
    await api.register(bankAccountRoutes);
    await api.register(templateRoutes);
  }, { prefix: '/api/v1' });

  await app.register(homeRoutes);
  return app;
}
