import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// The customer portal and online payment: magic links, the portal's rules per organization, when
// customers looked at their invoices, and money collected through a payment provider (Stripe).

const money = (name: string) => bigint(name, { mode: 'number' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A magic link opens one customer's portal. Only a SHA-256 of its 256-bit token is kept, so a database
// leak yields no usable link; the hash is unique across the server because a request names no organization.
export const portalLinks = pgTable(
  'portal_links',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** The contact the link was sent to; null for a link made for the customer as a whole. */
    contactId: uuid('contact_id'),
    tokenHash: text('token_hash').notNull(),
    /** Who made it: "invoice", "reminder", "request" (the customer asked by email), "team", "cli". */
    origin: text('origin').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('portal_links_token_hash_key').on(t.tokenHash),
    index('portal_links_customer_idx').on(t.orgId, t.customerId),
  ],
);

// One row per organization once saved; no row means the defaults.
export const portalSettings = pgTable(
  'portal_settings',
  {
    orgId: uuid('org_id').primaryKey(),
    linkValidDays: integer('link_valid_days').notNull().default(30),
    /** A plan the customer proposes within these limits is agreed at once; beyond them it waits for the team. */
    planMaxInstallments: integer('plan_max_installments').notNull().default(3),
    planMaxDays: integer('plan_max_days').notNull().default(90),
    /** Whether proposals beyond the limits may be sent for approval at all. */
    planApprovalRequests: boolean('plan_approval_requests').notNull().default(true),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    check('portal_settings_link_days_check', sql`${t.linkValidDays} between 1 and 365`),
    check('portal_settings_plan_check', sql`${t.planMaxInstallments} between 0 and 24 and ${t.planMaxDays} between 0 and 730`),
  ],
);

export const portalInvoiceViews = pgTable(
  'portal_invoice_views',
  {
    orgId: uuid('org_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    firstViewedAt: instant('first_viewed_at').notNull(),
    lastViewedAt: instant('last_viewed_at').notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.invoiceId] })],
);

// The customer as the payment provider knows it, with the saved payment method autopay charges.
export const providerCustomers = pgTable(
  'provider_customers',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    provider: text('provider').notNull(),
    providerCustomerId: text('provider_customer_id').notNull(),
    paymentMethodId: text('payment_method_id'),
    /** What the customer recognises, e.g. "visa •••• 4242"; never a full card number. */
    paymentMethodLabel: text('payment_method_label'),
    autopay: boolean('autopay').notNull().default(false),
    enrolledAt: instant('enrolled_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('provider_customers_customer_key').on(t.orgId, t.customerId, t.provider)],
);

export interface PlannedAllocation {
  invoiceId: string;
  amount: number;
}

// One attempt to collect money online: a Checkout Session (pay now), a setup session (save a method for
// autopay) or an off-session charge. The provider's events name this row in their metadata; the invoices
// and amounts come from here, never from the event.
export const onlinePayments = pgTable(
  'online_payments',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    /** Checkout Session id, or the PaymentIntent id of an off-session charge. */
    providerRef: text('provider_ref'),
    currency: text('currency'),
    amount: money('amount'),
    allocations: jsonb('allocations').$type<PlannedAllocation[]>().notNull().default([]),
    status: text('status').notNull().default('pending'),
    paymentIntentId: text('payment_intent_id'),
    paymentId: uuid('payment_id'),
    failureReason: text('failure_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('online_payments_provider_ref_key').on(t.orgId, t.provider, t.providerRef),
    index('online_payments_customer_idx').on(t.orgId, t.customerId, t.id),
    check('online_payments_kind_check', sql`${t.kind} in ('checkout', 'setup', 'off_session')`),
    check('online_payments_status_check', sql`${t.status} in ('pending', 'succeeded', 'failed', 'expired', 'rejected')`),
  ],
);

// Every provider event that named an organization, once: the unique event id makes a replayed or
// retried webhook a no-op, and the row is written in the transaction that acts on the event.
export const providerEvents = pgTable(
  'provider_events',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    onlinePaymentId: uuid('online_payment_id'),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('provider_events_event_key').on(t.provider, t.eventId),
    check('provider_events_outcome_check', sql`${t.outcome} in ('processed', 'ignored', 'rejected')`),
  ],
);
