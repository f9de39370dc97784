import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Failure } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import type { Throttled } from '../../services/auth/throttle.ts';
import type { Clock } from '../../services/context.ts';
import type { DocumentFile } from '../../services/documents/invoice-files.ts';
import { disableAutopay, startAutopayEnrollment } from '../../services/portal/autopay.ts';
import { CheckoutInput, startCheckout } from '../../services/portal/checkout.ts';
import { portalInvoicePdf, portalInvoiceUbl, portalStatement, portalStatementPdf } from '../../services/portal/files.ts';
import { portalInvoice } from '../../services/portal/invoice-detail.ts';
import { portalOverview } from '../../services/portal/overview.ts';
import { requestPortalLinks } from '../../services/portal/request-link.ts';
import { invalidLink, openPortalSession, portalCtx, type PortalSession } from '../../services/portal/session.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { portalActionRoutes } from './portal-actions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The customer a portal request acts for, from its link's token. */
    portal: PortalSession;
  }
}

export interface PortalRouteOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Online payment; null offers bank transfer only. */
  readonly payments: PaymentProvider | null;
  readonly publicUrl: string;
  /** Portal requests one client address may make per window; PORTAL_PER_ADDRESS's limit when absent. */
  readonly requestsPerAddress?: number;
}

/** The portal page sends the link's token in this header; nothing else (API keys, sessions) opens the portal API. */
export const PORTAL_TOKEN_HEADER = 'x-portal-token';

const hidden = { hide: true } as const;
const InvoiceParams = Type.Object({ invoiceId: Type.String({ format: 'uuid' }) });

export function sendRefusal(reply: FastifyReply, refusal: Failure | Throttled) {
  if ('retryAfterSeconds' in refusal) reply.header('retry-after', String(refusal.retryAfterSeconds));
  return sendFailure(reply, refusal);
}

function sendFile(reply: FastifyReply, result: { ok: true; value: DocumentFile } | Failure) {
  if (!result.ok) return sendFailure(reply, result);
  return reply.header('content-disposition', `attachment; filename="${result.value.filename}"`).type(result.value.contentType).send(result.value.body);
}

/**
 * The customer portal's API under /portal-api: separate from /api/v1, authenticated by a magic link's token
 * alone, every read and write scoped to the link's customer. Responses are never cached.
 */
export const portalApiRoutes: FastifyPluginAsyncTypebox<PortalRouteOptions> = async (app, options) => {
  const access = { db: options.db, clock: options.clock, requestsPerAddress: options.requestsPerAddress };
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.post(
    '/request-link',
    { schema: { ...hidden, body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const result = await requestPortalLinks(access, options.publicUrl, request.body.email, request.ip);
      if (!result.ok) return sendRefusal(reply, result);
      result.value.queued.catch((error: unknown) => request.log.error({ err: error }, 'portal link request failed'));
      return reply.status(202).send({ message: 'If this address receives our invoices, a link is on its way.' });
    },
  );

  const withToken: FastifyPluginAsyncTypebox = async (portal) => {
    portal.addHook('onRequest', async (request, reply) => {
      const token = request.headers[PORTAL_TOKEN_HEADER];
      if (typeof token !== 'string' || token.length === 0) return sendFailure(reply, invalidLink());
      const opened = await openPortalSession(access, token, request.ip);
      if (!opened.ok) return sendRefusal(reply, opened);
      request.portal = opened.value;
      request.ctx = portalCtx(access, opened.value);
    });

    portal.get('/overview', { schema: hidden }, async (request, reply) =>
      sendResult(reply, await portalOverview(request.ctx, request.portal.customerId, options.payments), (v) => v),
    );

    portal.get('/invoices/:invoiceId', { schema: { ...hidden, params: InvoiceParams } }, async (request, reply) =>
      sendResult(reply, await portalInvoice(request.ctx, request.portal, request.params.invoiceId, options.payments), (v) => v),
    );

    portal.get('/invoices/:invoiceId/pdf', { schema: { ...hidden, params: InvoiceParams } }, async (request, reply) =>
      sendFile(reply, await portalInvoicePdf(request.ctx, request.portal, request.params.invoiceId)),
    );

    portal.get('/invoices/:invoiceId/ubl', { schema: { ...hidden, params: InvoiceParams } }, async (request, reply) =>
      sendFile(reply, await portalInvoiceUbl(request.ctx, request.portal, request.params.invoiceId)),
    );

    portal.get('/statement', { schema: hidden }, async (request, reply) => sendResult(reply, await portalStatement(request.ctx, request.portal), (v) => v));

    portal.get('/statement/pdf', { schema: hidden }, async (request, reply) => sendFile(reply, await portalStatementPdf(request.ctx, request.portal)));

    portal.post('/checkout', { schema: { ...hidden, body: CheckoutInput } }, async (request, reply) =>
      sendResult(reply, await startCheckout(request.ctx, request.portal, options.payments, options.publicUrl, request.body), (v) => v, 201),
    );

    portal.post('/autopay', { schema: hidden }, async (request, reply) =>
      sendResult(reply, await startAutopayEnrollment(request.ctx, request.portal.customerId, request.portal.contactId, options.payments, options.publicUrl), (v) => v, 201),
    );

    portal.delete('/autopay', { schema: hidden }, async (request, reply) =>
      sendResult(reply, await disableAutopay(request.ctx, request.portal.customerId, options.payments), (v) => v),
    );

    await portal.register(portalActionRoutes);
  };
  await app.register(withToken);
};
