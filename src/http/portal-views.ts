import { Type } from 'typebox';
import type { OnlinePaymentRow, ProviderCustomerRow } from '../db/repositories/online-payments.ts';
import type { PortalInvoiceViewRow, PortalLinkRow } from '../db/repositories/portal.ts';

// Response shapes of the team's portal and online-payment API (serialised by Fastify, so no column —
// least of all a token hash — leaks by accident).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const PortalLinkView = Type.Object({
  id: Str,
  customerId: Str,
  contactId: Nullable(Str),
  origin: Type.String({ description: 'invoice | reminder | request | team | cli' }),
  createdAt: Instant,
  expiresAt: Instant,
  lastUsedAt: Nullable(Instant),
});

export const CreatedPortalLinkView = Type.Object({
  ...PortalLinkView.properties,
  url: Type.String({ description: 'Shown once: only a hash of its token is kept' }),
});

export function portalLinkView(row: PortalLinkRow) {
  return { id: row.id, customerId: row.customerId, contactId: row.contactId, origin: row.origin, createdAt: row.createdAt, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt };
}

export const PortalSettingsView = Type.Object({
  linkValidDays: Type.Integer({ description: 'How long a new portal link works' }),
  planMaxInstallments: Type.Integer({ description: 'A plan the customer proposes with at most this many installments…' }),
  planMaxDays: Type.Integer({ description: '…the last due at most this many days ahead, is agreed at once' }),
  planApprovalRequests: Type.Boolean({ description: 'Whether larger proposals may be sent to the team for approval' }),
});

export const InvoiceViewsView = Type.Object({
  invoiceId: Str,
  views: Type.Integer({ description: 'Times the customer opened it in the portal' }),
  firstViewedAt: Nullable(Instant),
  lastViewedAt: Nullable(Instant),
});

export function invoiceViewsView(invoiceId: string, row: PortalInvoiceViewRow | undefined) {
  return { invoiceId, views: row?.views ?? 0, firstViewedAt: row?.firstViewedAt ?? null, lastViewedAt: row?.lastViewedAt ?? null };
}

export const OnlinePaymentView = Type.Object({
  id: Str,
  customerId: Str,
  provider: Str,
  kind: Type.String({ description: 'checkout (pay now) | setup (save a method for autopay) | off_session (autopay charge)' }),
  status: Type.String({ description: 'pending | succeeded | failed | expired | rejected' }),
  currency: Nullable(Str),
  amount: Nullable(Type.Integer({ description: 'Minor units of the currency' })),
  allocations: Type.Array(Type.Object({ invoiceId: Str, amount: Type.Integer() })),
  paymentIntentId: Nullable(Str),
  paymentId: Nullable(Type.String({ description: 'The payment recorded when the money arrived' })),
  failureReason: Nullable(Str),
  createdAt: Instant,
  updatedAt: Instant,
});

export function onlinePaymentView(row: OnlinePaymentRow) {
  return {
    id: row.id,
    customerId: row.customerId,
    provider: row.provider,
    kind: row.kind,
    status: row.status,
    currency: row.currency,
    amount: row.amount,
    allocations: row.allocations,
    paymentIntentId: row.paymentIntentId,
    paymentId: row.paymentId,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const AutopayView = Type.Object({
  customerId: Str,
  enrolled: Type.Boolean(),
  method: Nullable(Type.String({ description: 'e.g. "visa •••• 4242"' })),
  enrolledAt: Nullable(Instant),
});

export function autopayView(customerId: string, row: ProviderCustomerRow | undefined) {
  const enrolled = row?.autopay ?? false;
  return { customerId, enrolled, method: enrolled ? (row?.paymentMethodLabel ?? null) : null, enrolledAt: enrolled ? (row?.enrolledAt ?? null) : null };
}
