import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AlreadyPaidInput, PlanProposalInput, PortalDisputeInput, PromiseToPayInput } from '../../services/portal/action-inputs.ts';
import { claimAlreadyPaid } from '../../services/portal/already-paid.ts';
import { disputeInvoice } from '../../services/portal/dispute-invoice.ts';
import { promiseToPay } from '../../services/portal/promise-to-pay.ts';
import { proposePaymentPlan } from '../../services/portal/propose-plan.ts';
import { sendResult } from '../errors.ts';

const params = Type.Object({ invoiceId: Type.String({ format: 'uuid' }) });
const hidden = { hide: true } as const;

/** The portal's four buttons on an invoice; registered behind the portal token check (routes/portal.ts). */
export const portalActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/invoices/:invoiceId/already-paid', { schema: { ...hidden, params, body: AlreadyPaidInput } }, async (request, reply) =>
    sendResult(reply, await claimAlreadyPaid(request.ctx, request.portal, request.params.invoiceId, request.body), (v) => v, 201),
  );

  app.post('/invoices/:invoiceId/promise', { schema: { ...hidden, params, body: PromiseToPayInput } }, async (request, reply) =>
    sendResult(reply, await promiseToPay(request.ctx, request.portal, request.params.invoiceId, request.body), (v) => v, 201),
  );

  app.post('/invoices/:invoiceId/payment-plan', { schema: { ...hidden, params, body: PlanProposalInput } }, async (request, reply) =>
    sendResult(reply, await proposePaymentPlan(request.ctx, request.portal, request.params.invoiceId, request.body), (v) => v, 201),
  );

  app.post('/invoices/:invoiceId/dispute', { schema: { ...hidden, params, body: PortalDisputeInput } }, async (request, reply) =>
    sendResult(reply, await disputeInvoice(request.ctx, request.portal, request.params.invoiceId, request.body), (v) => v, 201),
  );
};
