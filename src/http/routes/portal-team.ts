import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findInvoice } from '../../db/repositories/invoices.ts';
import { findProviderCustomer, listOnlinePayments } from '../../db/repositories/online-payments.ts';
import { invoiceViews } from '../../db/repositories/portal.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import { disableAutopay } from '../../services/portal/autopay.ts';
import { loadPortalSettings, PortalSettingsInput, updatePortalSettings } from '../../services/portal/settings.ts';
import { createPortalLink, listPortalLinks, revokePortalLink } from '../../services/portal/team-links.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import {
  AutopayView,
  autopayView,
  CreatedPortalLinkView,
  InvoiceViewsView,
  invoiceViewsView,
  OnlinePaymentView,
  onlinePaymentView,
  PortalLinkView,
  portalLinkView,
  PortalSettingsView,
} from '../portal-views.ts';
import { ErrorSchema, pageOf } from '../views.ts';

export interface PortalTeamOptions {
  readonly payments: PaymentProvider | null;
  readonly publicUrl: string;
}

const Id = Type.String({ format: 'uuid' });
const CustomerParams = Type.Object({ customerId: Id });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['portal'];

/** The team's side of the customer portal, under /api/v1: links, portal rules, who viewed what, online payments. */
export function portalTeamRoutes(options: PortalTeamOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/customers/:customerId/portal-links',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: "Make a portal link for a customer (or one of its contacts); the address is shown only in this answer",
          params: CustomerParams,
          body: Type.Object({ contactId: Type.Optional(Id), validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }),
          response: { 201: CreatedPortalLinkView, ...errors },
        },
      },
      async (request, reply) =>
        sendResult(reply, await createPortalLink(request.ctx, options.publicUrl, request.params.customerId, request.body), (r) => ({ ...portalLinkView(r.link), url: r.url }), 201),
    );

    app.get(
      '/customers/:customerId/portal-links',
      { config: { permission: 'customers:read' }, schema: { tags, summary: "A customer's portal links that still work", params: CustomerParams, response: { 200: Type.Object({ data: Type.Array(PortalLinkView) }), 404: ErrorSchema } } },
      async (request, reply) => sendResult(reply, await listPortalLinks(request.ctx, request.params.customerId), (rows) => ({ data: rows.map(portalLinkView) })),
    );

    app.delete(
      '/customers/:customerId/portal-links',
      { config: { permission: 'customers:write' }, schema: { tags, summary: "Revoke every portal link of a customer", params: CustomerParams, response: { 200: Type.Object({ revoked: Type.Integer() }), 404: ErrorSchema } } },
      async (request, reply) => sendResult(reply, await revokePortalLink(request.ctx, request.params.customerId), (r) => r),
    );

    app.delete(
      '/customers/:customerId/portal-links/:linkId',
      {
        config: { permission: 'customers:write' },
        schema: { tags, summary: 'Revoke one portal link', params: Type.Object({ customerId: Id, linkId: Id }), response: { 200: Type.Object({ revoked: Type.Integer() }), 404: ErrorSchema } },
      },
      async (request, reply) => sendResult(reply, await revokePortalLink(request.ctx, request.params.customerId, request.params.linkId), (r) => r),
    );

    app.get('/portal/settings', { config: { permission: 'settings:read' }, schema: { tags, summary: 'Portal rules: link lifetime and which payment plans are agreed at once', response: { 200: PortalSettingsView } } }, async (request) =>
      loadPortalSettings(request.ctx.db, request.ctx.orgId),
    );

    app.patch(
      '/portal/settings',
      { config: { permission: 'settings:write' }, schema: { tags, summary: 'Change the portal rules', body: PortalSettingsInput, response: { 200: PortalSettingsView, ...errors } } },
      async (request, reply) => sendResult(reply, await updatePortalSettings(request.ctx, request.body), (s) => s),
    );

    app.get(
      '/invoices/:invoiceId/portal-views',
      { config: { permission: 'invoices:read' }, schema: { tags, summary: 'How often and when the customer opened the invoice in the portal', params: Type.Object({ invoiceId: Id }), response: { 200: InvoiceViewsView, 404: ErrorSchema } } },
      async (request, reply) => {
        const { db, orgId } = request.ctx;
        if (!(await findInvoice(db, orgId, request.params.invoiceId))) return sendFailure(reply, { code: 'INVOICE_NOT_FOUND', message: 'No such invoice', field: 'invoiceId' });
        const [row] = await invoiceViews(db, orgId, [request.params.invoiceId]);
        return invoiceViewsView(request.params.invoiceId, row);
      },
    );

    app.get(
      '/online-payments',
      {
        config: { permission: 'payments:read' },
        schema: { tags, summary: 'Online payment attempts (pay now, autopay setup and charges), newest first', querystring: Type.Object({ ...PageQuery, customerId: Type.Optional(Id) }), response: { 200: pageOf(OnlinePaymentView), 400: ErrorSchema } },
      },
      async (request, reply) => {
        const { limit = 50, cursor, customerId } = request.query;
        const before = decodeCursor(cursor);
        if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
        return page(await listOnlinePayments(request.ctx.db, request.ctx.orgId, { customerId, before, limit }), limit, onlinePaymentView);
      },
    );

    app.get(
      '/customers/:customerId/autopay',
      { config: { permission: 'payments:read' }, schema: { tags, summary: "Whether the customer's invoices are charged to a saved payment method", params: CustomerParams, response: { 200: AutopayView, 404: ErrorSchema } } },
      async (request, reply) => {
        const { db, orgId } = request.ctx;
        const { customerId } = request.params;
        if (!(await findCustomer(db, orgId, customerId))) return sendFailure(reply, { code: 'CUSTOMER_NOT_FOUND', message: 'No such customer', field: 'customerId' });
        return autopayView(customerId, options.payments ? await findProviderCustomer(db, orgId, customerId, options.payments.name) : undefined);
      },
    );

    app.delete(
      '/customers/:customerId/autopay',
      {
        config: { permission: 'payments:write' },
        schema: { tags, summary: 'Turn autopay off and have the provider forget the saved method', params: CustomerParams, response: { 200: Type.Object({ methodForgotten: Type.Boolean() }), ...errors } },
      },
      async (request, reply) => sendResult(reply, await disableAutopay(request.ctx, request.params.customerId, options.payments), (r) => r),
    );
  };
}
